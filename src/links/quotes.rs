//! Quotations and their speakers.
//!
//! A quotation is the text between « and », “ and ”, or two straight double quotes of one
//! paragraph; it may span sentences. One of three words or fewer (« gilets jaunes », a title)
//! is a quotation only when a cue attributes it. The speaker comes from, in this order:
//!
//! 1. the words right after it: « …, a déclaré X », « …, a indiqué l'ONU », « …, selon X »,
//!    « …, a-t-il ajouté », « …, dit-elle » (`after-quote`, `after-quote-pronoun`);
//! 2. the clause before it, ending with a colon or « que »: « X a déclaré : « … » »,
//!    « Il a ajouté : « … » » (`colon`, `colon-pronoun`); or opening with « selon », « pour »,
//!    « d'après » and a name: « Selon X, « … » » (`selon`);
//! 3. a cue inside it: « « …, a-t-il ajouté, … » » (`inside-pronoun`).
//!
//! A pronoun (« il », « elle ») is the person mentioned last before the quotation, in its
//! paragraph or the one before (at most 1,200 bytes back), outside quotations, whose gender
//! agrees; one whose gender nothing tells only when every other person there has the other
//! gender; a plural pronoun names no one. A title after the verb (« a déclaré le ministre »)
//! is its holder. A quotation that follows an attributed one with only a short gap naming no
//! one between (« « … », dit-il. « … » ») continues it (`continued`). Nothing else is guessed:
//! a quotation with no cue has no speaker.

use super::text::{fold, sentence_start, View};
use super::{Gender, Person, Quote, Relation, Speaker};
use crate::entity::{Entity, Kind, Value};
use crate::fxhash::FxSet;
use once_cell::sync::Lazy;
use std::borrow::Cow;

/// The quotations of the text, with their speakers where the text gives them.
pub(crate) fn find(
    view: &View<'_>,
    entities: &[Entity],
    persons: &[Person],
    _relations: &mut Vec<Relation>,
) -> Vec<Quote> {
    let raw = quotations(view.text);
    if raw.is_empty() {
        return Vec::new();
    }
    let n = entities.len();
    // Person of each entity: its name mentions, and the titles that refer to them.
    let mut person_of: Vec<Option<usize>> = vec![None; n];
    for (p, person) in persons.iter().enumerate() {
        for m in person.mentions.iter().chain(&person.titles) {
            person_of[m.entity] = Some(p);
        }
    }
    // Quotations are sorted and do not overlap.
    let inside_quote = |pos: usize| {
        let k = raw.partition_point(|q| q.open <= pos);
        k > 0 && pos < raw[k - 1].close_end
    };
    // Mentions for pronouns: (byte start, person), outside quotations, in text order.
    let mut mentions: Vec<(usize, usize)> = persons
        .iter()
        .enumerate()
        .flat_map(|(p, person)| {
            person
                .mentions
                .iter()
                .chain(&person.titles)
                .map(move |m| (m.span.start, p))
        })
        .filter(|&(s, _)| !inside_quote(s))
        .collect();
    mentions.sort_unstable();
    let ctx = Ctx {
        view,
        entities,
        persons,
        person_of: &person_of,
        mentions: &mentions,
    };
    let mut out = Vec::with_capacity(raw.len());
    // The quotations kept, as found, with their words (up to four).
    let mut kept: Vec<(&Raw, usize)> = Vec::with_capacity(raw.len());
    for q in &raw {
        let speaker = ctx
            .after(q)
            .or_else(|| ctx.before(q))
            .or_else(|| ctx.inside(q))
            .or_else(|| ctx.reported(q))
            .or_else(|| ctx.introduced(q));
        let words = view.text[q.start..q.end].split_whitespace().take(4).count();
        if words <= 3 && speaker.is_none() {
            continue;
        }
        out.push(Quote {
            span: view.span(q.start, q.end),
            speaker,
        });
        kept.push((q, words));
    }
    // « « … » « …», a-t-il insisté »: a quotation right before an attributed one (white space
    // between) opens it.
    for k in (0..out.len().saturating_sub(1)).rev() {
        if out[k].speaker.is_some() {
            continue;
        }
        let Some(next) = out[k + 1].speaker.clone() else {
            continue;
        };
        if view
            .gap(kept[k].0.close_end, kept[k + 1].0.open)
            .trim()
            .is_empty()
        {
            out[k].speaker = Some(next.with_rule("continued"));
        }
    }
    // « « … », dit-il. « … » »: a quotation that follows an attributed one, with only its cue
    // between (a short gap naming no one, in the same paragraph), continues it.
    for k in 1..out.len() {
        if out[k].speaker.is_some() {
            continue;
        }
        let Some(prev) = out[k - 1].speaker.clone() else {
            continue;
        };
        let (a, b) = (kept[k - 1].0.close_end, kept[k].0.open);
        let gap = view.gap(a, b);
        let named = {
            let i = entities.partition_point(|e| e.start < a);
            entities.get(i).is_some_and(|e| e.start < b)
        };
        let words = kept[k].1;
        // Only the previous quotation's own cue stands between (« , dit-il. »), not a copied
        // one: a continuation does not continue.
        let cue = &prev.cue;
        let only_cue = cue.start >= a
            && cue.end <= b
            && view
                .gap(cue.end, b)
                .trim_matches(|c: char| c.is_whitespace() || c == '.')
                .is_empty();
        // A quotation with a cue of its own that named no one (« a-t-elle déclaré » with no
        // « elle » found) is not a continuation.
        if gap.len() <= 80
            && !gap.contains("\n\n")
            && !named
            && words >= 4
            && only_cue
            && ctx.cue_after(kept[k].0).is_none()
        {
            out[k].speaker = Some(prev.with_rule("continued"));
        }
    }
    out
}

/// A quotation found in the text: marks and inner words, as byte offsets.
#[derive(Debug)]
struct Raw {
    /// The opening mark.
    open: usize,
    /// The quoted words (inside the marks, white space trimmed).
    start: usize,
    end: usize,
    /// One past the closing mark (the paragraph's end for an unclosed quotation).
    close_end: usize,
}

/// The white space that pads quotation marks.
fn is_pad(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// The quotations of a text, outermost only, in text order. A quotation opened and not
/// closed before the end of its paragraph (a blank line) ends there when it is long (news
/// reopens « at each paragraph of a long quotation); shorter ones are dropped.
fn quotations(text: &str) -> Vec<Raw> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    // Every opening mark starts with one of three bytes: « (C2 AB), “ (E2 80 9C), ".
    while let Some(k) = memchr::memchr3(0xC2, 0xE2, b'"', &b[i..]) {
        i += k;
        let (close, len) = match b[i] {
            0xC2 if b.get(i + 1) == Some(&0xAB) => ('»', 2),
            0xE2 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x9C) => ('”', 3),
            b'"' => ('"', 1),
            _ => {
                i += 1;
                continue;
            }
        };
        let open = i;
        let from = i + len;
        let (close_at, para_end) = closing(text, from, close);
        let (inner_end, close_end) = match close_at {
            Some(c) => (c, c + close.len_utf8()),
            None => (para_end, para_end),
        };
        let inner = &text[from..inner_end];
        let lead = inner.len() - inner.trim_start_matches(is_pad).len();
        let trail = inner.len() - inner.trim_end_matches(is_pad).len();
        let (start, end) = (
            from + lead,
            inner_end.saturating_sub(trail).max(from + lead),
        );
        // Straight quotes must pair: an unclosed one is often no quotation mark (« 6" »).
        let long = close != '"' && text[start..end].split_whitespace().take(8).count() >= 8;
        if start < end && (close_at.is_some() || long) {
            out.push(Raw {
                open,
                start,
                end,
                close_end,
            });
            i = close_end.max(i + len);
        } else if close_at.is_none() {
            // No closing mark in the paragraph: none of its later marks closes either (the
            // scan went to its end), so it is skipped whole, and the search stays linear.
            i = para_end.max(i + len);
        } else {
            i += len;
        }
    }
    out
}

/// The closing mark `close` of a quotation whose words start at byte `from`, before the end of
/// the paragraph (a blank line; the end of the line for straight quotes), and that end. Nested
/// « inside « … » are skipped over with their own ». The marks and line breaks are found by
/// `memchr`, the text between them is not decoded.
fn closing(text: &str, from: usize, close: char) -> (Option<usize>, usize) {
    let b = text.as_bytes();
    // The first byte of the closing mark: » is C2 BB (and « C2 AB), ” is E2 80 9D.
    let lead = match close {
        '»' => 0xC2,
        '”' => 0xE2,
        _ => b'"',
    };
    let mut depth = 0usize;
    let mut at = from;
    while let Some(k) = memchr::memchr2(lead, b'\n', &b[at..]) {
        at += k;
        if b[at] == b'\n' {
            if close == '"' {
                return (None, at);
            }
            // A blank line: only white space up to the next line break.
            let rest = &text[at + 1..];
            let blank = rest.trim_start_matches(|c: char| c.is_whitespace() && c != '\n');
            if blank.starts_with('\n') {
                return (None, text.len() - blank.len());
            }
            at += 1;
            continue;
        }
        match (close, b.get(at + 1), b.get(at + 2)) {
            ('»', Some(0xAB), _) => depth += 1,
            ('»', Some(0xBB), _) | ('”', Some(0x80), Some(0x9D)) | ('"', _, _) => {
                if depth == 0 {
                    return (Some(at), text.len());
                }
                depth -= 1;
            }
            _ => {}
        }
        at += 1;
    }
    (None, text.len())
}

/// A word of the text near a quotation: folded, with its byte range in the original text.
#[derive(Clone, Debug)]
struct Word<'t> {
    /// Folded: the text itself when it is already lower-case ASCII (most words).
    f: Cow<'t, str>,
    start: usize,
    end: usize,
}

/// The first `max` words of `text[from..to]`, folded; punctuation marks other than « ' » and
/// « - » inside a word are their own words (« , », « : »). The cues read a few words only:
/// reading no further keeps the cost of a quotation independent of what follows it.
fn words_in<'t>(text: &'t str, from: usize, to: usize, max: usize) -> Vec<Word<'t>> {
    let s: &'t str = &text[from..to];
    // Room for the words read (a word takes two bytes at least, with its space), so that the
    // vector does not grow as it fills.
    let mut out: Vec<Word<'t>> = Vec::with_capacity(max.saturating_add(3).min(s.len() / 2 + 1));
    let mut cur: Option<usize> = None;
    let flush = |out: &mut Vec<Word<'t>>, a: usize, e: usize| {
        let w = &s[a..e];
        let w = w.trim_end_matches(['\'', '’', '-']);
        if !w.is_empty() {
            let folded = w
                .bytes()
                .all(|b| b.is_ascii_lowercase() || !b.is_ascii_alphabetic() && b < 0x80);
            out.push(Word {
                f: if folded {
                    Cow::Borrowed(w)
                } else if w.is_ascii() {
                    // A word holds no white space: folding ASCII is lowering its case.
                    Cow::Owned(w.to_ascii_lowercase())
                } else {
                    Cow::Owned(fold(w))
                },
                start: from + a,
                end: from + a + w.len(),
            });
        }
    };
    for (k, c) in s.char_indices() {
        // A little slack: the clean-up below drops the words that are a lone period.
        if out.len() > max.saturating_add(2) {
            break;
        }
        let inner = c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.');
        if inner {
            if cur.is_none() {
                cur = Some(k);
            }
            // « l'ONU »: the elided article is a word of its own.
            if matches!(c, '\'' | '’') {
                if let Some(a) = cur {
                    let e = k + c.len_utf8();
                    if s[a..k].chars().count() <= 5 {
                        flush(&mut out, a, e);
                        cur = None;
                    }
                }
            }
            continue;
        }
        if let Some(a) = cur.take() {
            flush(&mut out, a, k);
        }
        if !is_pad(c) {
            out.push(Word {
                f: Cow::Borrowed(&s[k..k + c.len_utf8()]),
                start: from + k,
                end: from + k + c.len_utf8(),
            });
        }
    }
    if let Some(a) = cur {
        flush(&mut out, a, s.len());
    }
    // « M. » keeps its period; a sentence's final period is its own word.
    for w in out.iter_mut() {
        if w.f.ends_with('.') && !matches!(w.f.as_ref(), "m." | "mm." | "dr." | "pr.") {
            w.f = match std::mem::take(&mut w.f) {
                Cow::Borrowed(b) => Cow::Borrowed(&b[..b.len() - 1]),
                Cow::Owned(mut o) => {
                    o.pop();
                    Cow::Owned(o)
                }
            };
            w.end -= 1;
        }
    }
    out.retain(|w| !w.f.is_empty());
    out.truncate(max);
    out
}

/// A pronoun subject: its gender, `None` for a plural or « on » (no one in particular).
fn pronoun(w: &str) -> Option<Option<Gender>> {
    match w {
        "il" => Some(Some(Gender::Masculine)),
        "elle" => Some(Some(Gender::Feminine)),
        "ils" | "elles" | "on" => Some(None),
        _ => None,
    }
}

/// Splits an inverted subject pronoun off a verb: « a-t-il » → (« a », il), « dit-elle » →
/// (« dit », elle).
fn split_pronoun(w: &str) -> (&str, Option<Option<Gender>>) {
    for suffix in ["-t-il", "-t-elle", "-t-ils", "-t-elles", "-t-on"] {
        if let Some(v) = w.strip_suffix(suffix) {
            return (v, pronoun(&suffix[3..]));
        }
    }
    for suffix in ["-il", "-elle", "-ils", "-elles", "-on"] {
        if let Some(v) = w.strip_suffix(suffix) {
            return (v, pronoun(&suffix[1..]));
        }
    }
    (w, None)
}

/// Whether « -il » or « -elle » (any case) occurs in `near`: the cheap test before an inverted
/// subject (« a-t-il », « dit-elle ») is looked for.
fn inverted_pronoun_near(near: &[u8]) -> bool {
    memchr::memchr_iter(b'-', near).any(|k| {
        let rest = &near[k + 1..];
        let starts = |p: &[u8]| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
        starts(b"il") || starts(b"elle")
    })
}

/// The speech verb among the first six words of a sentence (`v`), and where the words before
/// its auxiliaries and adverbs end (`k`: the subject is before it); none for an inverted one
/// (« Dit-il » opening a sentence reports nothing).
fn subject_verb(ws: &[Word<'_>]) -> Option<(usize, usize)> {
    let v = ws
        .iter()
        .take(6)
        .position(|w| is_speech_verb(split_pronoun(&w.f).0))?;
    if split_pronoun(&ws[v].f).1.is_some() {
        return None;
    }
    let mut k = v;
    while k > 0 && (is_auxiliary(&ws[k - 1].f) || is_adverb(&ws[k - 1].f)) {
        k -= 1;
    }
    Some((k, v))
}

/// Whether « d'après » opens `ws` at `k`: the tokenizer's elision makes it two words, « d' »
/// (or « d ») and « apres ».
fn dapres_at(ws: &[Word<'_>], k: usize) -> bool {
    ws.get(k)
        .is_some_and(|w| matches!(w.f.as_ref(), "d" | "d'"))
        && ws.get(k + 1).is_some_and(|w| w.f == "apres")
}

/// An object pronoun before a speech verb: « nous a-t-elle dit », « m'a dit X ».
fn is_object_pronoun(w: &str) -> bool {
    matches!(w, "nous" | "vous" | "lui" | "leur" | "m" | "me")
}

/// Auxiliaries and the reflexive « s'est ».
fn is_auxiliary(w: &str) -> bool {
    matches!(
        w,
        "a" | "avait"
            | "aurait"
            | "ont"
            | "avaient"
            | "auraient"
            | "aura"
            | "s'est"
            | "se"
            | "s'"
            // An elided word loses its apostrophe in `words_in`: « s'est » is « s », « est ».
            | "s"
            | "est"
            | "va"
            | "vient"
            | "venait"
            | "devait"
    )
}

/// Words that may stand between an auxiliary or a verb and what follows (« a encore déclaré »,
/// « a-t-il ensuite ajouté »).
fn is_adverb(w: &str) -> bool {
    matches!(
        w,
        "encore"
            | "egalement"
            | "aussi"
            | "alors"
            | "ensuite"
            | "enfin"
            | "notamment"
            | "pourtant"
            | "cependant"
            | "toutefois"
            | "meme"
            | "deja"
            | "bien"
            | "plus"
            | "tard"
            | "de"
            | "d'"
            | "dire"
            | "savoir"
            | "entendre"
            | "t-il"
            | "t-elle"
    )
}

/// How many words after a quotation the cues may take: « , a-t-il encore déclaré à la presse,
/// le ministre X » is longer than any cue.
const AFTER_WORDS: usize = 12;

/// The speech verbs: every form a news text attributes a quotation with (« a déclaré »,
/// « déclare », « déclara », « dit-il », « ajoute-t-elle »), folded.
static SPEECH: Lazy<FxSet<String>> = Lazy::new(|| {
    // Verbs in -er, by stem: participles, present, simple past, imperfect.
    const ER: &[&str] = &[
        "declar",
        "affirm",
        "ajout",
        "expliqu",
        "indiqu",
        "soulign",
        "estim",
        "assur",
        "precis",
        "annonc",
        "insist",
        "not",
        "confi",
        "martel",
        "denonc",
        "deplor",
        "regrett",
        "comment",
        "lanc",
        "observ",
        "racont",
        "temoign",
        "confirm",
        "fustig",
        "interrog",
        "repet",
        "proclam",
        "clam",
        "jur",
        "constat",
        "jug",
        "consider",
        "pens",
        "resum",
        "plaid",
        "ironis",
        "indign",
        "inquiet",
        "exclam",
        "tweet",
        "accus",
        "exhort",
        "lach",
        "gliss",
        "souffl",
        "tranch",
        "avanc",
        "detaill",
        "nuanc",
        "emport",
        "insurg",
        "felicit",
        "demand",
        "rassur",
        "releve",
        "relev",
        "souhait",
        "reclam",
        "admonest",
        "alert",
        "argument",
        "concede",
        "conced",
        "dementi",
        "mention",
        "precis",
        "prophetis",
        "questionn",
        "raill",
        "rappel",
        "repliqu",
        "rectifi",
        "rejet",
        "remerci",
        "salu",
        "signal",
        "specifi",
        "suggér",
        "sugger",
        "tempet",
        "menac",
        "march",
        "pest",
        "protest",
        "reagi",
        "recommand",
        "rétorqu",
        "retorqu",
        "explos",
        "enchain",
        "enchaîn",
        "poursuiv",
        "martel",
        "scand",
        "avou",
        "commenc",
        "conseill",
        "pronostiqu",
        "decri",
        "interpell",
    ];
    const OTHER: &[&str] = &[
        "dit",
        "dite",
        "disent",
        "disait",
        "disaient",
        "dira",
        "ecrit",
        "ecrite",
        "ecrivent",
        "ecrivait",
        "poursuit",
        "poursuivi",
        "poursuivent",
        "poursuivait",
        "repond",
        "repondu",
        "repondent",
        "repondait",
        "admet",
        "admis",
        "reconnait",
        "reconnu",
        "reconnue",
        "promet",
        "promis",
        "soutient",
        "soutenu",
        "avertit",
        "averti",
        "reagit",
        "reagi",
        "previent",
        "prevenu",
        "conclut",
        "conclu",
        "dement",
        "dementi",
        "rencherit",
        "rencheri",
        "reprend",
        "repris",
        "maintient",
        "maintenu",
        "convient",
        "convenu",
        "rejouit",
        "rejoui",
        "appelle",
        "rappelle",
        "interroge",
        "previent",
        "fait",
        "lit",
        "relate",
        "resume",
        "confie",
        "estime",
        "explique",
        "insiste",
        "lance",
        "tonne",
        "tonna",
        "tonné",
        "tonne",
        "assure",
        "precise",
        "souligne",
        "ajoute",
        "affirme",
        "declare",
        "indique",
        "commente",
        "observe",
        "raconte",
        "temoigne",
        "note",
    ];
    let mut set = FxSet::default();
    for stem in ER {
        for end in [
            "e", "ee", "es", "ees", "ent", "a", "erent", "ait", "aient", "era", "ant",
        ] {
            set.insert(format!("{stem}{end}"));
        }
    }
    for w in OTHER {
        set.insert(fold(w));
    }
    set
});

/// « laisser entendre »: a speech locution whose verb alone says nothing (« a laissé
/// entendre X », « laisse entendre X »); « entendre » is then skipped like an adverb.
fn locution(verb: &str, next: Option<&Word>) -> bool {
    matches!(verb, "laisse" | "laissait" | "laissa") && next.is_some_and(|w| w.f == "entendre")
}

/// Whether a folded word is a form of a speech verb.
fn is_speech_verb(w: &str) -> bool {
    SPEECH.contains(w)
}

struct Ctx<'c> {
    view: &'c View<'c>,
    entities: &'c [Entity],
    persons: &'c [Person],
    person_of: &'c [Option<usize>],
    /// (byte start, person) of every mention outside quotations, in text order.
    mentions: &'c [(usize, usize)],
}

impl Ctx<'_> {
    fn text(&self) -> &str {
        self.view.text
    }

    /// Where the words after a quotation that may hold its cue end (the sentence, the next
    /// quotation, 160 bytes), when a cue opens them (« , a déclaré », « , selon », « , dit-il »,
    /// « nous a dit »); none when no cue follows.
    fn cue_after(&self, q: &Raw) -> Option<usize> {
        let text = self.text();
        // A cheap test first: a comma or a word follows the closing mark.
        let next = text[q.close_end..]
            .trim_start_matches(is_pad)
            .chars()
            .next();
        if !next.is_some_and(|c| c == ',' || c == ';' || c.is_alphabetic()) {
            return None;
        }
        // Up to the end of the sentence, or the next quotation: the first 48 bytes, then, when
        // a cue opens them, up to 160.
        let scan = |from: usize, limit: usize| scan_to_mark(text, from, limit);
        // `ended`: a mark, a line break or the end of the text stopped the scan.
        let (near, ended) = scan(q.close_end, q.close_end + 48);
        // Most quotations are followed by no cue: the first two words tell.
        let head = words_in(text, q.close_end, near, 2);
        let cue = head.get(usize::from(
            head.first().is_some_and(|w| w.f == "," || w.f == ";"),
        ));
        let opens_cue = cue.is_some_and(|w| {
            let (first, _) = split_pronoun(&w.f);
            matches!(first, "selon" | "d'apres" | "d" | "d'")
                // « nous a-t-elle dit », « m'a dit X »: an object pronoun first.
                || is_object_pronoun(first)
                || is_auxiliary(first)
                || is_adverb(first) && first != "de"
                || is_speech_verb(first)
        });
        if !opens_cue {
            return None;
        }
        if ended {
            return Some(near);
        }
        Some(scan(near, q.close_end + 160).0)
    }

    /// The speaker the words after the quotation give.
    fn after(&self, q: &Raw) -> Option<Speaker> {
        let text = self.text();
        let to = self.cue_after(q)?;
        let ws = words_in(text, q.close_end, to, AFTER_WORDS);
        let mut k = 0;
        // « », a déclaré » / « » a déclaré » / « », selon ».
        // « "…"; dit-il »: a semicolon before the cue reads as a comma.
        if ws.first().is_some_and(|w| w.f == "," || w.f == ";") {
            k += 1;
        } else if ws
            .first()
            .is_some_and(|w| matches!(w.f.as_ref(), "." | "!" | "?"))
        {
            return None;
        }
        let dapres = dapres_at(&ws, k);
        k += usize::from(dapres);
        let w = ws.get(k)?;
        if dapres || matches!(w.f.as_ref(), "selon" | "d'apres") {
            let subject = self.subject_after(w.end, to)?;
            return Some(self.speaker(subject, w.start, "after-quote-selon"));
        }
        let cue_start = w.start;
        // « nous a-t-elle dit », « lui a expliqué X »: object pronouns before the verb.
        while ws.get(k).is_some_and(|w| is_object_pronoun(&w.f)) {
            k += 1;
        }
        let w = ws.get(k)?;
        let (first, mut pron) = split_pronoun(&w.f);
        let mut verb_end;
        if is_auxiliary(first) || is_adverb(first) && first != "de" {
            k += 1;
            // « s'est-il félicité »: « s' », then « est-il ».
            while let Some(w) = ws.get(k) {
                let (x, p) = split_pronoun(&w.f);
                if !(is_adverb(x) || is_auxiliary(x) && x != "a") {
                    break;
                }
                pron = pron.or(p);
                k += 1;
            }
            let v = ws.get(k)?;
            let (verb, p2) = split_pronoun(&v.f);
            if !is_speech_verb(verb) && !locution(verb, ws.get(k + 1)) {
                return None;
            }
            pron = pron.or(p2);
            verb_end = v.end;
        } else if is_speech_verb(first) || locution(first, ws.get(k + 1)) {
            verb_end = w.end;
        } else {
            return None;
        }
        // « a ajouté pour sa part », « a-t-il dit à la presse »: the subject or pronoun only.
        if let Some(g) = pron {
            let g = g?;
            return self.pronoun_speaker(q.open, g, cue_start, verb_end);
        }
        // « …, a déclaré à la presse le ministre »: no; the subject follows the verb.
        while ws
            .iter()
            .find(|w| w.start >= verb_end)
            .is_some_and(|w| is_adverb(&w.f))
        {
            let next = ws.iter().find(|w| w.start >= verb_end)?;
            verb_end = next.end;
        }
        // « a réagi à Brazzaville Léon Mayeko », « explique à BBC Mundo X »: `subject_after`
        // skips the place or the organisation spoken to.
        // « », a-t-il déclaré » is handled; « », a déclaré il » is not French.
        let subject = self.subject_after(verb_end, to)?;
        Some(self.speaker(subject, cue_start, "after-quote"))
    }

    /// The speaker the clause before the quotation gives (« X a déclaré : », « Selon X, »).
    fn before(&self, q: &Raw) -> Option<Speaker> {
        let text = self.text();
        // A cheap test first: the clause ends with « : », « , » or « que ».
        let head = text[..q.open].trim_end_matches(is_pad);
        if !(head.ends_with([':', ','])
            || head.ends_with("que")
            || head.ends_with("qu'")
            || head.ends_with("qu’"))
        {
            return None;
        }
        let from = sentence_start(text, q.open);
        // « Selon X, « … » », « Pour le ministre, « … » »: only a clause that opens with
        // « selon », « pour », « d'après » (its first words) and ends with its comma.
        if head.ends_with(',') {
            let ws = words_in(text, from, q.open, 2);
            let comma = head.len() - 1;
            let skip = usize::from(dapres_at(&ws, 0));
            let first = ws.get(skip)?;
            let cue = skip == 1 || matches!(first.f.as_ref(), "selon" | "pour" | "d'apres");
            if !cue || first.end > comma {
                return None;
            }
            let subject = self.subject_after(first.end, comma)?;
            // The subject must close the clause: « Selon X, », « Selon le ministre X, ».
            let end = self.name_end(subject);
            // (A subject past the comma, after a skipped medium, closes nothing.)
            if self
                .text()
                .get(end..comma)
                .is_some_and(|g| g.trim().is_empty())
            {
                return Some(self.speaker(subject, first.start, "selon"));
            }
            return None;
        }
        // The verb is near the colon: the clause's last 200 bytes are read.
        let mut window = from.max(q.open.saturating_sub(200));
        while !text.is_char_boundary(window) {
            window += 1;
        }
        let ws = words_in(text, window, q.open, usize::MAX);
        let last = ws.last()?;
        if !(last.f == ":" || last.f == "que" || last.f == "qu'" || last.f == "qu") {
            return None;
        }
        // The speech verb: the last one of the clause.
        let v = ws
            .iter()
            .rposition(|w| is_speech_verb(split_pronoun(&w.f).0))?;
        let verb = &ws[v];
        let (_, pron) = split_pronoun(&verb.f);
        // « X a déclaré : », « X, le ministre, a dit : »: the entity before the verb.
        let mut k = v;
        while k > 0 && (is_auxiliary(&ws[k - 1].f) || is_adverb(&ws[k - 1].f)) {
            k -= 1;
        }
        let aux_start = ws[k].start;
        if let Some(prev) = k.checked_sub(1) {
            if let Some(Some(g)) = pronoun(&ws[prev].f) {
                return self.pronoun_speaker(q.open, g, ws[prev].start, verb.end);
            }
            if pronoun(&ws[prev].f).is_some() {
                return None;
            }
        }
        if let Some(Some(g)) = pron.or_else(|| split_pronoun(&ws[k].f).1) {
            return self.pronoun_speaker(q.open, g, ws[k].start, verb.end);
        }
        // The subject ends right before the auxiliary or the verb.
        if let Some(subject) = self.subject_before(from, aux_start) {
            return Some(self.speaker(subject, self.entities[subject].start, "colon"));
        }
        // « A déclaré X : » (a headline), « a affirmé le ministre : ».
        let subject = self.subject_after(verb.end, last.start)?;
        Some(self.speaker(subject, verb.start, "colon"))
    }

    /// A quotation inside reported speech: the sentence opens with its subject and a speech
    /// verb, and quotes words later on (« Il dit attendre « à très court terme » des
    /// clarifications », « Le président plaide pour une « présence plus forte » »).
    fn reported(&self, q: &Raw) -> Option<Speaker> {
        let text = self.text();
        let from = sentence_start(text, q.open);
        if q.open - from > 300 {
            return None;
        }
        let ws = words_in(text, from, q.open, 10);
        // « Lire aussi : Il dit attendre « … » »: the clause after a colon.
        let (from, ws) = match ws.iter().rposition(|w| w.f == ":") {
            Some(c) if c + 1 < ws.len() => (ws[c + 1].start, ws[c + 1..].to_vec()),
            _ => (from, ws),
        };
        let (k, v) = subject_verb(&ws)?;
        // Another subject between the verb and the quotation may say it (« X souligne que … et
        // Amnesty qualifie le plan d'« … » »): none but the one addressed (« a confié à la BBC
        // que »).
        let es = self.entities;
        let after_verb = es.partition_point(|e| e.start < ws[v].end);
        for e in es[after_verb..].iter().take_while(|e| e.start < q.open) {
            if matches!(e.kind, Kind::Person | Kind::Organisation) {
                let before = fold(&text[ws[v].end..e.start]);
                let addressed = before
                    .trim_end()
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| matches!(w, "a" | "au" | "aux" | "la" | "l'" | "aupres"))
                    || before.ends_with("a l'")
                    || before.ends_with("a la ");
                if !addressed {
                    return None;
                }
            }
        }
        if k > 0 {
            if let Some(g) = pronoun(&ws[k - 1].f) {
                // The pronoun opens the sentence (after « Mais », « Et » at most).
                if k - 1 > 1 || k == 2 && !matches!(ws[0].f.as_ref(), "mais" | "et" | "puis") {
                    return None;
                }
                let g = g?;
                return self
                    .pronoun_speaker(q.open, g, ws[k - 1].start, ws[v].end)
                    .map(|s| s.with_rule("reported-pronoun"));
            }
        }
        let subject = self.subject_before(from, ws[k].start)?;
        Some(self.speaker(subject, self.entities[subject].start, "reported"))
    }

    /// A quotation that opens a sentence right after the one that introduces its speaker:
    /// « Selon l'analyste X, les gens ne sont pas prêts. « … » », « Elle raconte avoir supplié
    /// son fils. « … » ». The sentence before opens with « selon » and the speaker, or with its
    /// subject and a speech verb and names no other person or organisation after the verb.
    fn introduced(&self, q: &Raw) -> Option<Speaker> {
        let text = self.text();
        // A cheap test first: a sentence's end right before the quotation.
        let before = text[..q.open].trim_end_matches(|c: char| is_pad(c) && c != '\n');
        if !before.is_empty() && !before.ends_with(['.', '!', '?', '\n', '»', '”']) {
            return None;
        }
        let end = sentence_start(text, q.open);
        if end == 0 || !text[end..q.open].trim().is_empty() {
            return None;
        }
        let mut last = end - 1;
        while !text.is_char_boundary(last) {
            last -= 1;
        }
        let from = sentence_start(text, last);
        if end - from > 300 || end <= from {
            return None;
        }
        let ws = words_in(text, from, end, 12);
        // « Selon X, », « D'après X, ».
        let skip = usize::from(dapres_at(&ws, 0));
        let first = ws.get(skip)?;
        if skip == 1 || matches!(first.f.as_ref(), "selon" | "d'apres") {
            let subject = self.subject_after(first.end, end)?;
            let after = self.name_end(subject);
            if !text.get(after..end)?.trim_start().starts_with(',') {
                return None;
            }
            return Some(self.speaker(subject, first.start, "introduced-selon"));
        }
        // A subject and a speech verb among the first words; no one else named after it.
        let (k, v) = subject_verb(&ws)?;
        let es = self.entities;
        let after_verb = es.partition_point(|e| e.start < ws[v].end);
        if es[after_verb..]
            .iter()
            .take_while(|e| e.start < end)
            .any(|e| matches!(e.kind, Kind::Person | Kind::Organisation))
        {
            return None;
        }
        if k == 1 {
            if let Some(g) = pronoun(&ws[0].f) {
                return self
                    .pronoun_speaker(q.open, g?, ws[0].start, ws[v].end)
                    .map(|s| s.with_rule("introduced-pronoun"));
            }
        }
        let subject = self.subject_before(from, ws[k].start)?;
        Some(self.speaker(subject, self.entities[subject].start, "introduced"))
    }

    /// A cue inside the quotation: « « Nous irons, a-t-il ajouté, jusqu'au bout » ».
    fn inside(&self, q: &Raw) -> Option<Speaker> {
        let text = self.text();
        let inner = &text[q.start..q.end];
        for (k, _) in inner.match_indices(',') {
            let at = q.start + k;
            let mut to = (at + 48).min(q.end);
            while !text.is_char_boundary(to) {
                to -= 1;
            }
            // « , a-t-il ajouté, » / « , dit-elle, »: an inverted pronoun follows closely.
            if !inverted_pronoun_near(&text.as_bytes()[at..to]) {
                continue;
            }
            let ws = words_in(text, at, to, 4);
            let (first, pron) = match ws.get(1) {
                Some(w) => split_pronoun(&w.f),
                None => continue,
            };
            let (verb_at, pron) = if is_auxiliary(first) {
                match ws.get(2) {
                    Some(v) => (2, pron.or(split_pronoun(&v.f).1)),
                    None => continue,
                }
            } else {
                (1, pron)
            };
            let verb = split_pronoun(&ws[verb_at].f).0;
            if !is_speech_verb(verb) || ws.get(verb_at + 1).is_none_or(|w| w.f != ",") {
                continue;
            }
            let Some(Some(g)) = pron else { return None };
            return self
                .pronoun_speaker(q.open, g, ws[1].start, ws[verb_at].end)
                .map(|s| s.with_rule("inside-pronoun"));
        }
        None
    }

    /// The entity that is the subject right after byte `from` (before `to`): a person, an
    /// organisation, or a title whose holder is known (« le ministre »), allowing articles and
    /// honorifics between.
    fn subject_after(&self, from: usize, to: usize) -> Option<usize> {
        let es = self.entities;
        let i = es.partition_point(|e| e.start < from);
        let e = es.get(i)?;
        if e.start >= to {
            return None;
        }
        let gap = fold(self.view.gap(from, e.start));
        if gap.split_whitespace().all(filler) {
            return self.resolve_subject(i);
        }
        // « Selon l'analyste militaire X », « a expliqué le chercheur X »: an article, a common
        // noun and its adjectives (three words at most), then the person's name.
        if e.kind == Kind::Person && described(&gap) {
            return self.resolve_subject(i);
        }
        // « a déclaré à la BBC X », « a dit à l'AFP le ministre »: the medium addressed is
        // skipped, once.
        let mut words = gap.split_whitespace();
        let to_medium = matches!(words.next(), Some("a" | "au" | "aux"))
            && words.all(filler)
            && matches!(e.kind, Kind::Organisation | Kind::Location);
        let next = es.get(i + 1)?;
        if !to_medium || next.start >= to {
            return None;
        }
        let gap = fold(self.view.gap(e.end, next.start));
        if !gap.split_whitespace().all(filler) {
            return None;
        }
        self.resolve_subject(i + 1)
    }

    /// The subject entity that ends right before byte `at` (the verb), within the clause that
    /// starts at `from`.
    fn subject_before(&self, from: usize, at: usize) -> Option<usize> {
        let es = self.entities;
        let i = es.partition_point(|e| e.end <= at);
        let i = i.checked_sub(1)?;
        let e = &es[i];
        if e.start < from {
            return None;
        }
        let gap = fold(self.view.gap(e.end, at));
        // « X a dit », « X, le ministre, a dit »: the person before an apposition.
        let gap = gap.trim();
        // « Le président français a dit »: the title the demonym qualifies.
        if gap.is_empty() && e.kind == Kind::Demonym && i > 0 {
            let t = &es[i - 1];
            if t.kind == Kind::Title
                && t.start >= from
                && self.view.gap(t.end, e.start).trim().is_empty()
            {
                if let Some(s) = self.resolve_subject(i - 1) {
                    return Some(s);
                }
            }
        }
        if gap.is_empty() {
            return self.resolve_subject(i);
        }
        if gap == "," && e.kind == Kind::Title {
            return self.resolve_subject(i);
        }
        // « Le Premier ministre, X, a dit »: the name in apposition to the title.
        if gap == "," && e.kind == Kind::Person && i > 0 {
            let t = &es[i - 1];
            if t.kind == Kind::Title
                && t.start >= from
                && fold(self.view.gap(t.end, e.start)).trim() == ","
            {
                return self.resolve_subject(i);
            }
        }
        // « X, ministre des Finances, a dit »: the apposition's owner.
        if gap == "," {
            let mut j = i;
            while j > 0 && es[j].start > from {
                j -= 1;
                if es[j].kind == Kind::Person {
                    return self.resolve_subject(j);
                }
            }
        }
        None
    }

    /// A subject entity as a speaker entity: a person; a title's holder or the person right
    /// after it (« le ministre Abdoulaye Diop »); an organisation.
    fn resolve_subject(&self, i: usize) -> Option<usize> {
        let es = self.entities;
        match es[i].kind {
            Kind::Person if self.person_of[i].is_some() => Some(i),
            Kind::Organisation => Some(i),
            Kind::Title | Kind::Demonym => {
                // The title's holder, or the name that follows it.
                let mut j = i;
                while j < es.len() && j < i + 4 {
                    if es[j].kind == Kind::Person && self.person_of[j].is_some() {
                        let gap = fold(self.view.gap(es[j - 1].end, es[j].start));
                        return (j == i || gap.trim().is_empty() || gap.trim() == ",").then_some(j);
                    }
                    if es[j].kind == Kind::Title && self.person_of[j].is_some() {
                        return Some(j);
                    }
                    if j + 1 < es.len() {
                        let gap = fold(self.view.gap(es[j].end, es[j + 1].start));
                        if gap.split_whitespace().count() > 3 {
                            break;
                        }
                    }
                    j += 1;
                }
                None
            }
            _ => None,
        }
    }

    fn entity_end(&self, i: usize) -> usize {
        self.entities[i].end
    }

    /// The end of the words that name the subject entity `i`: a title with the demonym and the
    /// name of its holder after it (« le président sénégalais Bassirou Diomaye Faye »).
    fn name_end(&self, i: usize) -> usize {
        let es = self.entities;
        let mut end = self.entity_end(i);
        let mut j = i + 1;
        while let (Some(e), Some(p)) = (es.get(j), self.person_of[i]) {
            let same = self.person_of[j] == Some(p) || e.kind == Kind::Demonym;
            if !same || !self.view.gap(end, e.start).chars().all(is_pad) {
                break;
            }
            end = e.end;
            j += 1;
        }
        end
    }

    /// The speaker for entity `i` (a person, a title with a holder, an organisation).
    fn speaker(&self, i: usize, cue_start: usize, rule: &'static str) -> Speaker {
        let e = &self.entities[i];
        let cue = self.view.span(cue_start.min(e.start), e.end.max(cue_start));
        match self.person_of[i] {
            Some(p) => Speaker {
                name: self.persons[p].name.clone(),
                kind: Kind::Person,
                person: Some(p),
                cue,
                rule: Cow::Borrowed(rule),
            },
            None => Speaker {
                name: match &e.value {
                    Some(Value::Name(n)) => n.clone(),
                    _ => e.text.clone(),
                },
                kind: e.kind,
                person: None,
                cue,
                rule: Cow::Borrowed(rule),
            },
        }
    }

    /// The person a pronoun of gender `g` refers to, for a quotation opening at `open`: the
    /// last one mentioned before it, in its paragraph or the one before, whose gender agrees.
    fn pronoun_speaker(
        &self,
        open: usize,
        g: Gender,
        cue_start: usize,
        cue_end: usize,
    ) -> Option<Speaker> {
        let (at, p) =
            super::pronouns::antecedent(self.text(), self.mentions, self.persons, open, g)?;
        // Not a mention among several persons the pronoun could be (« entre Gbagbo, Bédié et
        // Ouattara »).
        if self.coordinated(at, g) {
            return None;
        }
        Some(Speaker {
            name: self.persons[p].name.clone(),
            kind: Kind::Person,
            person: Some(p),
            cue: self.view.span(cue_start, cue_end),
            rule: Cow::Borrowed("pronoun"),
        })
    }
}

impl Ctx<'_> {
    /// Whether the person entity at byte `at` is coordinated (« , », « et ») with another person
    /// whose gender does not contradict `g`.
    fn coordinated(&self, at: usize, g: Gender) -> bool {
        let es = self.entities;
        let i = es.partition_point(|e| e.start < at);
        if es.get(i).is_none_or(|e| e.kind != Kind::Person) {
            return false;
        }
        let agrees = |j: usize| {
            es[j].kind == Kind::Person
                && self.person_of[j] != self.person_of[i]
                && self.person_of[j].is_some_and(|p| self.persons[p].gender != Some(g.other()))
        };
        let joined = |a: usize, b: usize| {
            es[b].start - es[a].end <= 8
                && matches!(
                    fold(self.view.gap(es[a].end, es[b].start)).trim(),
                    "," | "et"
                )
        };
        (i > 0 && agrees(i - 1) && joined(i - 1, i))
            || (i + 1 < es.len() && agrees(i + 1) && joined(i, i + 1))
    }
}

/// Whether a gap (folded) is an article and a description of the person named after it: « le
/// chercheur », « l'analyste militaire », « la juriste camerounaise » (three words at most,
/// lower-case letters only).
fn described(gap: &str) -> bool {
    let g = gap.trim_start();
    let rest = if let Some(r) = g.strip_prefix("l'") {
        r
    } else if let Some(r) = g.strip_prefix("le ").or_else(|| g.strip_prefix("la ")) {
        r
    } else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_lowercase() || c == '-') && !filler(w))
}

/// Words allowed between a verb and its subject, or before a subject: articles, honorifics,
/// « pour sa part »…
fn filler(w: &str) -> bool {
    matches!(
        w,
        "le" | "la"
            | "l'"
            | "les"
            | "m."
            | "mme"
            | "mlle"
            | "dr"
            | "dr."
            | "me"
            | "pr"
            | "son"
            | "sa"
            | "ce"
            | "cette"
            | "un"
            | "une"
            | "monsieur"
            | "madame"
            | "de"
            | "du"
            | "d'"
            | "des"
            | "communique"
            | "presse"
            | "dans"
    )
}

/// Where the words after a quotation that may hold its cue end: the first opening mark (« or “)
/// or line break from byte `from`, if one starts at or before the first char boundary at or
/// after `limit`; else that boundary. `true` when a mark, a line break or the end of the text
/// stopped it. The marks are found by `memchr`, the text is not decoded.
fn scan_to_mark(text: &str, from: usize, limit: usize) -> (usize, bool) {
    let b = text.as_bytes();
    let mut stop = limit.clamp(from, text.len());
    while !text.is_char_boundary(stop) {
        stop += 1;
    }
    // A mark that starts at `stop` still counts: three bytes past it hold one.
    let hay = &b[from..(stop + 3).min(b.len())];
    let mut at = 0;
    while let Some(k) = memchr::memchr3(b'\n', 0xC2, 0xE2, &hay[at..]) {
        let p = from + at + k;
        if p > stop {
            break;
        }
        let mark = match b[p] {
            b'\n' => true,
            0xC2 => b.get(p + 1) == Some(&0xAB),
            _ => b.get(p + 1) == Some(&0x80) && b.get(p + 2) == Some(&0x9C),
        };
        if mark {
            return (p, true);
        }
        at += k + 1;
    }
    (stop, stop == text.len())
}

/// The span of the quoted words of a quotation found in `text` (for the tests).
#[cfg(test)]
fn spans(text: &str) -> Vec<&str> {
    quotations(text)
        .iter()
        .map(|q| &text[q.start..q.end])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The char-by-char reading `scan_to_mark` replaced: the oracle of its byte search.
    fn scan_chars(text: &str, from: usize, limit: usize) -> (usize, bool) {
        let limit = limit.min(text.len());
        let mut to = from;
        for (k, c) in text[from..].char_indices() {
            let at = from + k;
            if matches!(c, '«' | '“' | '\n') {
                return (to, true);
            }
            if at >= limit {
                return (to, false);
            }
            to = at + c.len_utf8();
        }
        (to, true)
    }

    #[test]
    fn scan_to_mark_agrees_with_the_char_reading() {
        let pieces = [
            "a", " ", "é", "«", "“", "”", "»", "\n", ",", "\u{a0}", "€", "dit-il",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..3000 {
            let text = crate::links::text::random_text(&mut seed, &pieces, 40);
            for from in (0..=text.len()).filter(|&a| text.is_char_boundary(a)) {
                for limit in from.saturating_sub(2)..text.len() + 6 {
                    assert_eq!(
                        scan_to_mark(&text, from, limit),
                        scan_chars(&text, from, limit),
                        "{text:?} from {from} limit {limit}"
                    );
                }
            }
        }
    }

    #[test]
    fn finds_quotations() {
        assert_eq!(
            spans("Il a dit : « Nous irons. » Puis “ Jamais ”, et \"Oui, bien sûr\"."),
            ["Nous irons.", "Jamais", "Oui, bien sûr"]
        );
        assert_eq!(
            spans("«\u{a0}Nous voulons porter nos relations\u{a0}», a-t-il dit."),
            ["Nous voulons porter nos relations"]
        );
        assert_eq!(
            spans("« Il a parlé de « trahison » hier », dit-il."),
            ["Il a parlé de « trahison » hier"]
        );
        assert!(spans("« ouvert mais jamais fermé\n\nPuis rien.").is_empty());
        assert!(spans("").is_empty());
        assert!(spans("«").is_empty());
        assert!(spans("\"").is_empty());
    }

    /// The speakers `analyse` gives the quotations of `text`, in order.
    fn speakers(text: &str) -> Vec<Option<String>> {
        crate::Extractor::default()
            .analyse(text)
            .quotes()
            .iter()
            .map(|q| q.speaker().map(|s| s.name().to_string()))
            .collect()
    }

    #[test]
    fn cues_beyond_the_quote_marks() {
        let novak = Some("Alexandre Novak".to_string());
        // Reflexive inverted verb; semicolon before the cue.
        let t = "Alexandre Novak est arrivé lundi. « Nous avons beaucoup travaillé ensemble », \
                 s'est-il félicité. « Le reste viendra avec le temps qui passe »; dit-il.";
        assert_eq!(speakers(t), [novak.clone(), novak.clone()]);
        // Reported speech; a quotation continued after its cue, and one right before another.
        let t = "Alexandre Novak dit attendre « des clarifications très rapides et sans détour » \
                 de ses partenaires. « Nous voulons des réponses », a-t-il dit. « Elles \
                 viendront sans doute très vite. »";
        assert_eq!(speakers(t), [novak.clone(), novak.clone(), novak.clone()]);
        // The medium addressed is skipped.
        let t = "« Nous irons plus loin que prévu cette fois », a déclaré à l'AFP Alexandre Novak.";
        assert_eq!(speakers(t), [novak]);
        // Two persons whose gender nothing tells: « elle » names neither.
        let t = "Okey Ndibe a croisé Sani Abacha. « Nous irons bien plus loin que prévu », \
                 a-t-elle déclaré.";
        assert_eq!(speakers(t), [None]);
    }

    #[test]
    fn a_speaker_described_before_the_name() {
        let t = "« Le recrutement n'est pas possible dans ces circonstances », affirme \
                 l'analyste militaire Pavel Luzin.";
        assert_eq!(speakers(t), [Some("Pavel Luzin".to_string())]);
    }

    #[test]
    fn a_sentence_that_introduces_the_next_quotation() {
        let t = "Selon le Dr Anja Fischer, chercheuse à l'université de Vienne, la mode a changé. \
                 « Les Touaregs portaient des vêtements très différents autrefois. »";
        assert_eq!(speakers(t), [Some("Anja Fischer".to_string())]);
        // Someone else named after the verb: no one.
        let t = "Alexandre Novak explique que Vladimir Poutine a tout décidé seul. « Rien ne \
                 sera plus jamais comme avant dans ce pays. »";
        assert_eq!(speakers(t), [None]);
    }

    #[test]
    fn a_subject_past_the_clause_closes_nothing() {
        // The subject found after a medium may end past the clause's comma: no slice across.
        for t in [
            "D'après le président actuel, \" du Mali” l'ancien président , BBC Afrique » Alexandre Novak, « Oui »",
            "Selon à la BBC Alexandre Novak, « Nous irons bien plus loin que prévu »",
            "Selon l'AFP, Alexandre Novak, « Nous irons bien plus loin que prévu »",
        ] {
            let doc = crate::Extractor::default().analyse(t);
            for q in doc.quotes() {
                assert!(t.is_char_boundary(q.span().start()));
            }
        }
    }

    #[test]
    fn speech_verbs() {
        for w in [
            "declare", "declaree", "affirme", "a", "ajoute", "dit", "explique", "estime",
        ] {
            assert!(is_speech_verb(w) || is_auxiliary(w), "{w}");
        }
        assert_eq!(
            split_pronoun("a-t-il"),
            ("a", Some(Some(Gender::Masculine)))
        );
        assert_eq!(
            split_pronoun("dit-elle"),
            ("dit", Some(Some(Gender::Feminine)))
        );
        assert_eq!(split_pronoun("ont-ils"), ("ont", Some(None)));
    }
}
