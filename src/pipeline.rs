//! One extraction run: the phases of the cascade over one text, their candidates, the conflict
//! policy that keeps a flat list, and the conversion back to the caller's offsets.
//!
//! Phases add [`Cand`]idates in folded coordinates; nothing is re-parsed. The rules live in
//! `rules/*.rs` as `impl Run` blocks, one file a family.

use crate::document::Document;
use crate::entity::{Entity, Kind, Place, Source, Value};
use crate::gazetteer::FxMap;
use crate::gazetteer::{Entry, Lexicon};
use crate::normalize::Folded;
use crate::rules::class;
use crate::tokenize::{tokenize_classified, Token};

/// Where a candidate comes from.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Src {
    /// A gazetteer entry (index into the lexicon's entry table).
    Entry(u32),
    /// A named rule.
    Rule(&'static str),
}

/// A candidate entity in folded coordinates, with token indices.
#[derive(Clone, Debug)]
pub(crate) struct Cand {
    pub(crate) fs: usize,
    pub(crate) fe: usize,
    /// First token index.
    pub(crate) ts: usize,
    /// One past the last token index.
    pub(crate) te: usize,
    pub(crate) kind: Kind,
    pub(crate) place: Option<Place>,
    pub(crate) value: Option<Value>,
    pub(crate) src: Src,
    /// Breaks ties between candidates of the same length (higher wins).
    pub(crate) prio: u8,
    /// A blocker: it takes part in the conflict policy, then is not returned (an event name
    /// keeps the places inside it from being reported: « Tour de France »).
    pub(crate) hidden: bool,
    /// What the text says that does not hold together, reported in [`Entity::warning`].
    pub(crate) warning: Warning,
}

/// A contradiction inside a candidate's text, kept small (two bytes) so that candidates do
/// not grow; [`Warning::message`] writes it out for the entity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Warning {
    /// Nothing to report.
    #[default]
    None,
    /// The text names weekday `written` (0 = Monday) before a complete date that falls on
    /// another day: « vendredi 28 novembre 2024 ».
    WeekdayMismatch { written: u8 },
}

impl Warning {
    /// The message of [`Entity::warning`] for a candidate with this warning and `value`.
    fn message(self, value: Option<&Value>) -> Option<std::borrow::Cow<'static, str>> {
        match self {
            Warning::None => None,
            Warning::WeekdayMismatch { written } => {
                let Some(Value::Date(iso)) = value else {
                    return None;
                };
                let date: crate::Date = iso.parse().ok()?;
                Some(crate::date::weekday_mismatch(date, u32::from(written)).into())
            }
        }
    }
}

/// Priorities: see `DESIGN.md`, « Conflict policy ».
pub(crate) mod prio {
    pub(crate) const ACRONYM: u8 = 9;
    pub(crate) const GAZETTEER: u8 = 8;
    pub(crate) const DATE: u8 = 8;
    pub(crate) const PERSON_CUE: u8 = 7;
    pub(crate) const TITLE: u8 = 6;
    pub(crate) const ORG_RULE: u8 = 6;
    pub(crate) const DEMONYM: u8 = 5;
    pub(crate) const PERSON_FIRST_NAME: u8 = 5;
    pub(crate) const PERSON_WEAK: u8 = 4;
    /// Relative dates (« mardi », « en mars »): any other reading of the same words wins.
    pub(crate) const RELATIVE_DATE: u8 = 4;
    pub(crate) const DOCUMENT: u8 = 3;
}

/// The state of one extraction.
pub(crate) struct Run<'a> {
    pub(crate) orig: &'a str,
    pub(crate) folded: Folded,
    pub(crate) tokens: Vec<Token>,
    /// Per token: its word classes (`rules::class` bits).
    pub(crate) cls: Vec<u32>,
    /// The tokens with one of the [`CUE_CLASSES`] bits, in text order: the only places where
    /// most rules can fire, so that their loops need not visit every token.
    pub(crate) cued: Vec<u32>,
    pub(crate) lex: &'a Lexicon,
    /// The candidates so far, in the order the phases added them. Phases only append: none
    /// changes or removes one (which [`Run::mark_starts`] relies on, and checks in debug
    /// builds); the document pass works on the list the conflict policy keeps.
    pub(crate) cands: Vec<Cand>,
    /// Per token: which kinds of candidate start there (`starts::*` bits), refreshed by
    /// [`Run::mark_starts`] between phases.
    pub(crate) starts: Vec<u8>,
    /// How many of [`Run::cands`] are in [`Run::starts`] already: phases only append
    /// candidates, so each refresh marks the new ones only.
    marked: usize,
    /// The candidates of the date phase, an index range of [`Run::cands`]: sorted by position,
    /// not overlapping (streets named by a date look them up: « place du 1er Mai »).
    pub(crate) dates: std::ops::Range<usize>,
    /// Acronyms defined in this text by « Full Name (ACR) »: acronym as written → kind, place,
    /// value (the full name, or a country's code; none when the name before the parentheses is
    /// not one the acronym can stand for).
    pub(crate) acronyms: FxMap<String, (Kind, Option<Place>, Option<Value>)>,
    /// Working buffers of the phases, reused from text to text.
    pub(crate) bufs: Bufs,
}

/// Working buffers of the phases: a phase takes one (`std::mem::take`), clears it, fills it
/// and puts it back, so that no text asks the allocator for them again.
#[derive(Default)]
pub(crate) struct Bufs {
    /// Gazetteer phase: where proper-name walks start.
    pub(crate) name_starts: Vec<(usize, usize)>,
    /// Gazetteer phase: where common-word walks start.
    pub(crate) word_starts: Vec<(usize, usize)>,
    /// Gazetteer phase: the automaton hits.
    pub(crate) hits: Vec<crate::gazetteer::Hit>,
    /// Per token, an index: the end of the longest candidate starting there (event phase); the
    /// index in `cands` of the longest organisation or place candidate ending there,
    /// `usize::MAX` for none (acronym definitions).
    pub(crate) per_token: Vec<usize>,
    /// Date phase: the tokens where a relative date may start, for the relative-date phase.
    pub(crate) relative_starts: Vec<u32>,
    /// Conflict policy: the candidates' sort keys.
    resolve_order: Vec<(usize, u8, usize, u32)>,
    /// Conflict policy: per folded byte, whether a kept candidate covers it.
    resolve_taken: Vec<bool>,
    /// Conflict policy: per candidate, whether it is kept.
    resolve_chosen: Vec<bool>,
}

/// The word classes that open or close a rule's match (honorifics, first names, cues, heads…),
/// gathered in [`Run::cued`]; about one token in sixteen on news has one. The loops over
/// `cued` (the person rules, the organisation heads, cues and suffixes) see only tokens with
/// one of these bits: a rule that opens at another class must add it here (a superset costs
/// only a longer list).
pub(crate) const CUE_CLASSES: u32 = class::FIRST_NAME
    | class::AMBIGUOUS_FIRST_NAME
    | class::HONORIFIC
    | class::ORG_HEAD
    | class::STREET
    | class::EVENT
    | class::DEMONYM
    | class::ORG_CUE
    | class::PERSON_CUE
    | class::PLACE_CUE
    | class::ORG_SUFFIX;

/// Bits of [`Run::starts`].
pub(crate) mod starts {
    pub(crate) const LOC: u8 = 1;
    pub(crate) const ORG: u8 = 2;
    pub(crate) const TITLE: u8 = 4;
    pub(crate) const DATE: u8 = 8;
    pub(crate) const PERSON: u8 = 16;
    pub(crate) const DEMONYM: u8 = 32;
    /// A candidate from an ambiguous gazetteer entry starts here (« Hollande », « Pierre »).
    pub(crate) const AMBIGUOUS: u8 = 64;
}

/// The per-text buffers of a [`Run`], kept between the texts one thread extracts from, so that
/// a run does not ask the allocator for them again.
#[derive(Default)]
struct Scratch {
    text: String,
    map: Vec<u32>,
    tokens: Vec<Token>,
    cls: Vec<u32>,
    cued: Vec<u32>,
    cands: Vec<Cand>,
    starts: Vec<u8>,
    bufs: Bufs,
}

/// Buffers larger than this (in bytes of folded text) are not kept: a thread that once read a
/// huge text does not hold its memory for ever. What a thread keeps is a few times this (the
/// offset map takes 4 bytes a byte of text, then tokens, candidates, per-byte tables): at most
/// about 2–3 MiB a thread, for as long as the thread lives.
const SCRATCH_KEEP_MAX: usize = 256 << 10;

thread_local! {
    /// This thread's [`Scratch`], when no run holds it.
    static SCRATCH: std::cell::Cell<Option<Scratch>> = const { std::cell::Cell::new(None) };
}

impl<'a> Run<'a> {
    pub(crate) fn new(orig: &'a str, lex: &'a Lexicon) -> Run<'a> {
        // `try_with`: during a thread's exit (an extraction from another thread-local's
        // destructor) the scratch may be gone already; the run then uses fresh buffers.
        let s = SCRATCH
            .try_with(|c| c.take())
            .ok()
            .flatten()
            .unwrap_or_default();
        let Scratch {
            text,
            map,
            tokens,
            cls,
            mut cued,
            mut cands,
            mut starts,
            bufs,
        } = s;
        let folded = Folded::new_in(orig, text, map);
        cued.clear();
        let (tokens, cls) = tokenize_classified(orig, &folded, tokens, cls, |i, w, flags| {
            let bits = crate::rules::word_class(w, flags, lex);
            if bits & CUE_CLASSES != 0 {
                cued.push(i);
            }
            bits
        });
        cands.clear();
        cands.reserve(tokens.len() / 4 + 4);
        starts.clear();
        starts.resize(tokens.len() + 1, 0);
        Run {
            orig,
            folded,
            tokens,
            cls,
            cued,
            lex,
            cands,
            starts,
            marked: 0,
            dates: 0..0,
            acronyms: FxMap::default(),
            bufs,
        }
    }

    /// The folded text.
    #[inline]
    pub(crate) fn f(&self) -> &str {
        &self.folded.text
    }

    /// Folded text of token `i` (empty past the end).
    #[inline]
    pub(crate) fn word(&self, i: usize) -> &str {
        self.tokens
            .get(i)
            .map_or("", |t| &self.folded.text[t.fs as usize..t.fe as usize])
    }

    /// Original text of token `i`.
    pub(crate) fn orig_word(&self, i: usize) -> &'a str {
        let Some(t) = self.tokens.get(i) else {
            return "";
        };
        self.orig_text(t.fs as usize, t.fe as usize)
    }

    /// The original text of the folded bytes `fs..fe` (a candidate's, a token's).
    #[inline]
    pub(crate) fn orig_text(&self, fs: usize, fe: usize) -> &'a str {
        let s = self.folded.orig_start(self.orig, fs);
        let e = self.folded.orig_end(self.orig, fe);
        self.orig.get(s..e).unwrap_or("")
    }

    /// The first token from `from` on for which `pred(token, its classes)` holds: a tight scan,
    /// for the phases whose rules open at a few tokens only.
    #[inline]
    pub(crate) fn next_where(
        &self,
        from: usize,
        pred: impl Fn(&Token, u32) -> bool,
    ) -> Option<usize> {
        let tokens = self.tokens.get(from..)?;
        let cls = self.cls.get(from..)?;
        tokens
            .iter()
            .zip(cls)
            .position(|(t, &c)| pred(t, c))
            .map(|k| from + k)
    }

    /// Token `i` has a flag.
    #[inline]
    pub(crate) fn tok_has(&self, i: usize, flag: u8) -> bool {
        self.tokens.get(i).is_some_and(|t| t.has(flag))
    }

    /// Brings up to date which kinds of candidate start at each token, with the candidates
    /// added since the last call (no phase changes or removes one).
    pub(crate) fn mark_starts(&mut self) {
        let new = &self.cands[self.marked..];
        self.marked = self.cands.len();
        for c in new {
            self.starts[c.ts] |= start_bits(self.lex, c);
        }
        // The incremental marks are those of all candidates, unless a phase changed or
        // removed one it had added.
        debug_assert!(
            {
                let mut all = vec![0u8; self.starts.len()];
                for c in &self.cands {
                    all[c.ts] |= start_bits(self.lex, c);
                }
                all == self.starts
            },
            "a phase changed or removed a candidate (Run::cands is append-only)"
        );
    }

    /// Whether a candidate of one of the `bits` kinds starts at token `i`.
    #[inline]
    pub(crate) fn starts_with(&self, i: usize, bits: u8) -> bool {
        self.starts.get(i).is_some_and(|s| s & bits != 0)
    }

    /// Adds a candidate spanning tokens `ts..te`.
    // Every argument is a field of the candidate: a struct literal at each call would only
    // repeat the names.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn push_tokens(
        &mut self,
        ts: usize,
        te: usize,
        kind: Kind,
        place: Option<Place>,
        value: Option<Value>,
        src: Src,
        prio: u8,
    ) {
        if ts >= te || te > self.tokens.len() {
            return;
        }
        let fs = self.tokens[ts].fs as usize;
        let fe = self.tokens[te - 1].fe as usize;
        self.cands.push(Cand {
            fs,
            fe,
            ts,
            te,
            kind,
            place,
            value,
            src,
            prio,
            hidden: false,
            warning: Warning::None,
        });
    }

    /// Adds a candidate for the folded bytes `fs..fe`, which may start or end inside a token
    /// (« Russie-\[Afrique\] », « ex-\[président\] », « \[2015\]-2016 »); its tokens are those it
    /// touches.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn push_span(
        &mut self,
        fs: usize,
        fe: usize,
        kind: Kind,
        place: Option<Place>,
        value: Option<Value>,
        src: Src,
        prio: u8,
    ) {
        let (ts, te) = self.tokens_touching(fs, fe);
        self.push_span_in(ts, te, fs, fe, kind, place, value, src, prio);
    }

    /// The tokens `ts..te` that the folded bytes `fs..fe` touch (empty when none does).
    #[inline]
    pub(crate) fn tokens_touching(&self, fs: usize, fe: usize) -> (usize, usize) {
        let ts = self.tokens.partition_point(|t| (t.fe as usize) <= fs);
        let te = self.tokens.partition_point(|t| (t.fs as usize) < fe);
        (ts, te)
    }

    /// [`Run::push_span`] when the caller knows already that `ts..te` are the tokens that
    /// `fs..fe` touches.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn push_span_in(
        &mut self,
        ts: usize,
        te: usize,
        fs: usize,
        fe: usize,
        kind: Kind,
        place: Option<Place>,
        value: Option<Value>,
        src: Src,
        prio: u8,
    ) {
        let before = self.cands.len();
        self.push_tokens(ts, te, kind, place, value, src, prio);
        // The span is the bytes given, not the whole tokens.
        if let Some(c) = self.cands.get_mut(before) {
            c.fs = fs;
            c.fe = fe;
        }
    }

    /// Adds a blocker spanning tokens `ts..te` (see [`Cand::hidden`]).
    pub(crate) fn push_blocker(&mut self, ts: usize, te: usize, rule: &'static str) {
        let before = self.cands.len();
        self.push_tokens(
            ts,
            te,
            Kind::Organisation,
            None,
            None,
            Src::Rule(rule),
            prio::ACRONYM,
        );
        if let Some(c) = self.cands.get_mut(before) {
            c.hidden = true;
        }
    }

    /// Runs every phase and returns the document.
    pub(crate) fn extract(mut self, enabled: &[bool; 6]) -> Document {
        self.gazetteer_phase();
        self.demonym_phase();
        let dates_from = self.cands.len();
        self.date_phase();
        self.dates = dates_from..self.cands.len();
        self.relative_date_phase();
        self.mark_starts();
        self.event_phase();
        self.title_phase();
        self.org_phase();
        self.acronym_definition_phase();
        self.mark_starts();
        self.place_phase();
        self.unknown_acronym_phase();
        self.mark_starts();
        self.org_cue_phase();
        self.mark_starts();
        self.person_phase();
        let kept = resolve(std::mem::take(&mut self.cands), &mut self.bufs);
        // `cands` is empty now: nothing of it is marked.
        self.marked = 0;
        let kept = self.document_phase(kept);
        self.into_document(kept, enabled)
    }

    /// Converts kept candidates (sorted, non-overlapping) into entities on the original text.
    fn into_document(mut self, mut kept: Vec<Cand>, enabled: &[bool; 6]) -> Document {
        let orig = self.orig;
        let mut entities = Vec::with_capacity(kept.len());
        // Char offsets: one forward walk over the original text.
        let mut char_pos = 0usize;
        let mut byte_pos = 0usize;
        // End of the previous entity: kept entities never overlap; this guards the walk.
        let mut prev_end = 0usize;
        // `from` and `to` are char boundaries (entity bounds); `chars().count()` counts a word
        // of bytes at a time, where a filter over the bytes would test them one by one.
        let count_chars = |from: usize, to: usize| -> usize { orig[from..to].chars().count() };
        for c in kept.drain(..) {
            if c.hidden || !enabled[kind_index(c.kind)] {
                continue;
            }
            let start = self.folded.orig_start(orig, c.fs);
            let end = self.folded.orig_end(orig, c.fe);
            if start >= end || start < prev_end || !orig.is_char_boundary(start) {
                continue;
            }
            prev_end = end;
            let char_start = char_pos + count_chars(byte_pos, start);
            let char_end = char_start + count_chars(start, end);
            char_pos = char_start;
            byte_pos = start;
            let source = match c.src {
                Src::Rule(name) => Source::Rule(name.into()),
                Src::Entry(id) => {
                    let e: &Entry = &self.lex.entries[id as usize];
                    Source::Gazetteer {
                        file: self.lex.files[e.file as usize].clone(),
                        line: e.line,
                    }
                }
            };
            let warning = c.warning.message(c.value.as_ref());
            entities.push(Entity {
                kind: c.kind,
                place: c.place,
                start,
                end,
                char_start,
                char_end,
                text: orig[start..end].to_string(),
                value: c.value,
                source,
                warning,
            });
        }
        // The emptied buffer goes back to the scratch with the others.
        self.cands = kept;
        Document {
            entities,
            ..Document::default()
        }
    }
}

impl Drop for Run<'_> {
    /// Hands the buffers back to this thread's [`Scratch`] (unless they grew huge).
    fn drop(&mut self) {
        if self.folded.text.capacity() > SCRATCH_KEEP_MAX {
            return;
        }
        let (text, map) = self.folded.take_buffers();
        let mut cands = std::mem::take(&mut self.cands);
        cands.clear();
        let s = Scratch {
            text,
            map,
            tokens: std::mem::take(&mut self.tokens),
            cls: std::mem::take(&mut self.cls),
            cued: std::mem::take(&mut self.cued),
            cands,
            starts: std::mem::take(&mut self.starts),
            bufs: std::mem::take(&mut self.bufs),
        };
        // Nowhere to keep them once the thread-local is destroyed: they are then dropped.
        let _ = SCRATCH.try_with(|c| c.set(Some(s)));
    }
}

/// The [`starts`] bits that a candidate marks at its first token (none for a blocker).
fn start_bits(lex: &Lexicon, c: &Cand) -> u8 {
    if c.hidden {
        return 0;
    }
    let ambiguous = match c.src {
        Src::Entry(id) if lex.entries[id as usize].has(crate::gazetteer::AMBIGUOUS) => {
            starts::AMBIGUOUS
        }
        _ => 0,
    };
    ambiguous
        | match c.kind {
            Kind::Location => starts::LOC,
            Kind::Organisation => starts::ORG,
            Kind::Title => starts::TITLE,
            Kind::Date => starts::DATE,
            Kind::Person => starts::PERSON,
            Kind::Demonym => starts::DEMONYM,
        }
}

/// Index of a kind in [`Kind::ALL`] (its declaration order).
pub(crate) fn kind_index(k: Kind) -> usize {
    k as usize
}

/// The conflict policy: longest first, then highest priority, then leftmost; a candidate that
/// overlaps one already kept is dropped. Returns the kept candidates sorted by start; `bufs`
/// lends its working buffers.
pub(crate) fn resolve(mut cands: Vec<Cand>, bufs: &mut Bufs) -> Vec<Cand> {
    // Candidates are large: sort small keys, not them. The index ends each key, so that keys
    // are distinct and an unstable sort keeps equal candidates in insertion order, as a stable
    // one would.
    let order = &mut bufs.resolve_order;
    order.clear();
    order.extend(cands.iter().enumerate().map(|(i, c)| {
        // Longest first, then highest priority, then leftmost.
        let len = c.fe.wrapping_sub(c.fs);
        (usize::MAX - len, u8::MAX - c.prio, c.fs, i as u32)
    }));
    order.sort_unstable();
    // Per folded byte, whether a kept candidate covers it: a candidate overlaps a kept one
    // exactly when one of its bytes is taken (spans are not empty).
    let len = cands.iter().map(|c| c.fe).max().unwrap_or(0);
    let taken = &mut bufs.resolve_taken;
    taken.clear();
    taken.resize(len, false);
    let chosen = &mut bufs.resolve_chosen;
    chosen.clear();
    chosen.resize(cands.len(), false);
    for &(_, _, _, i) in order.iter() {
        let c = &cands[i as usize];
        if c.fs >= c.fe {
            continue;
        }
        let span = &mut taken[c.fs..c.fe];
        if span.contains(&true) {
            continue;
        }
        span.fill(true);
        chosen[i as usize] = true;
    }
    let mut keep = chosen.iter();
    cands.retain(|_| keep.next().copied().unwrap_or(false));
    // Kept intervals do not overlap: their starts are distinct.
    cands.sort_unstable_by_key(|c| c.fs);
    cands
}

/// Whether `[fs, fe)` overlaps one of `kept` (sorted by start, not overlapping each other).
pub(crate) fn overlaps(kept: &[Cand], fs: usize, fe: usize) -> bool {
    let i = kept.partition_point(|c| c.fs <= fs);
    (i > 0 && kept[i - 1].fe > fs) || kept.get(i).is_some_and(|c| c.fs < fe)
}

/// Adds `new` candidates to `kept` (sorted by start), keeping it sorted; a new candidate that
/// starts where another does replaces it (the later one wins).
pub(crate) fn merge_sorted(kept: &mut Vec<Cand>, new: Vec<Cand>) {
    if new.is_empty() {
        return;
    }
    kept.extend(new);
    // Stable: for one start, the candidates stay in insertion order; keep the last.
    kept.sort_by_key(|c| c.fs);
    // In place: `kept[..w]` holds the survivors, each the last of its start so far.
    let mut w = 0;
    for r in 0..kept.len() {
        if w > 0 && kept[w - 1].fs == kept[r].fs {
            kept.swap(w - 1, r);
        } else {
            kept.swap(w, r);
            w += 1;
        }
    }
    kept.truncate(w);
}
