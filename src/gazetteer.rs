//! Gazetteer files: parsing (with `file:line` errors) and the compiled lexicon.
//!
//! Multi-word kinds (countries, cities, regions, places, organisations, titles) compile into
//! two Aho-Corasick tries over folded surfaces (proper names, walked from capitalised word
//! starts; titles and names opening in lower case, walked from every word start), whose
//! pattern ids index the entry table.
//! Single-word kinds used as evidence by the rules (honorifics, demonyms and their combining
//! forms, first names, organisation head nouns) go into a word table keyed by the folded word,
//! with the closed word classes and the first word of every trie pattern (`wordtable.rs`).

use crate::error::Error;
// The rules reach the Fx maps through the gazetteer module, whose tables use them.
use crate::fxhash::FxSet;
pub(crate) use crate::fxhash::{FxHasher, FxMap};
use crate::normalize::fold;
use crate::wordtable::WordTable;
use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous;
use aho_corasick::{Anchored, MatchKind};
use std::hash::Hasher;

/// What a gazetteer entry names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum EntryKind {
    Country,
    City,
    Region,
    Place,
    Org,
    Title,
    Honorific,
    Demonym,
    DemonymPrefix,
    FirstName,
    OrgHead,
}

const KINDS: &[(&str, EntryKind)] = &[
    ("country", EntryKind::Country),
    ("city", EntryKind::City),
    ("region", EntryKind::Region),
    ("place", EntryKind::Place),
    ("org", EntryKind::Org),
    ("title", EntryKind::Title),
    ("honorific", EntryKind::Honorific),
    ("demonym", EntryKind::Demonym),
    ("demonym-prefix", EntryKind::DemonymPrefix),
    ("first-name", EntryKind::FirstName),
    ("org-head", EntryKind::OrgHead),
];

impl EntryKind {
    /// Whether entries of this kind are looked up word by word rather than by the automaton.
    fn is_word_kind(self) -> bool {
        matches!(
            self,
            EntryKind::Honorific
                | EntryKind::Demonym
                | EntryKind::DemonymPrefix
                | EntryKind::FirstName
                | EntryKind::OrgHead
        )
    }
}

/// Letters must have the case of the surface (acronyms).
pub(crate) const EXACT: u16 = 1;
/// Also a common word: needs corroboration from context.
pub(crate) const AMBIGUOUS: u16 = 2;
/// A capital city.
pub(crate) const CAPITAL: u16 = 4;
/// An acronym or abbreviation of its value.
pub(crate) const ACRONYM: u16 = 8;
/// Masculine.
pub(crate) const MASC: u16 = 16;
/// Feminine.
pub(crate) const FEM: u16 = 32;
/// Plural.
pub(crate) const PLURAL: u16 = 64;
/// An online platform or website (Twitter, Facebook, YouTube): an organisation as an agent
/// (« Facebook a annoncé »), the service, not an organisation, as a medium (« sur Twitter »).
pub(crate) const PLATFORM: u16 = 128;
/// Set at build time: the value folds to the surface, so it tells nothing the text does not.
pub(crate) const VALUE_IS_SURFACE: u16 = 1 << 15;
/// Set at build time: the surface opens with a lower-case letter (« mer Rouge »).
pub(crate) const STARTS_LOWER: u16 = 1 << 14;

/// The case of the letters of a string, read once: how many letters, how many capitals, and
/// which of the first 64 letters are capitals.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Cases {
    pub(crate) letters: u32,
    pub(crate) capitals: u32,
    /// Bit `i`: the `i`-th letter is a capital (`i` < 64).
    pub(crate) mask: u64,
}

impl Cases {
    pub(crate) fn of(s: &str) -> Cases {
        if s.is_ascii() {
            let letters = s.bytes().filter(u8::is_ascii_alphabetic);
            Cases::count(letters.map(|b| b.is_ascii_uppercase()))
        } else {
            let letters = s.chars().filter(|c| c.is_alphabetic());
            Cases::count(letters.map(char::is_uppercase))
        }
    }

    /// Counts letters from the case of each (true: a capital).
    fn count(capitals: impl Iterator<Item = bool>) -> Cases {
        let mut c = Cases::default();
        for capital in capitals {
            if capital {
                if c.letters < 64 {
                    c.mask |= 1 << c.letters;
                }
                c.capitals += 1;
            }
            c.letters += 1;
        }
        c
    }

    /// Whether the mask covers every letter.
    #[inline]
    pub(crate) fn complete(&self) -> bool {
        self.letters <= 64
    }

    /// Every letter is a capital (true of a string without letters).
    #[inline]
    pub(crate) fn all_capitals(&self) -> bool {
        self.capitals == self.letters
    }
}

/// One gazetteer entry.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub(crate) kind: EntryKind,
    pub(crate) surface: Box<str>,
    pub(crate) value: Option<Box<str>>,
    pub(crate) flags: u16,
    /// The case of the surface's letters (set at build time).
    pub(crate) cases: Cases,
    /// Index into [`Lexicon::files`].
    pub(crate) file: u16,
    pub(crate) line: u32,
}

impl Entry {
    #[inline]
    pub(crate) fn has(&self, flag: u16) -> bool {
        self.flags & flag != 0
    }
}

/// Parses one gazetteer file. `file` names it in errors.
pub(crate) fn parse(file: &str, content: &str, file_idx: u16) -> Result<Vec<Entry>, Error> {
    let mut entries = Vec::new();
    // A byte-order mark, as some editors write, is not part of the first line.
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    for (n, raw) in content.lines().enumerate() {
        let line_no = (n + 1) as u32;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 4 {
            return Err(Error::line(
                file,
                line_no,
                format!(
                    "expected 4 tab-separated columns (surface, kind, value, flags), found {}",
                    cols.len()
                ),
            ));
        }
        let surface = cols[0].trim();
        if surface.is_empty() || fold(surface).is_empty() {
            return Err(Error::line(file, line_no, "empty surface"));
        }
        let kind = KINDS
            .iter()
            .find(|(name, _)| *name == cols[1].trim())
            .map(|&(_, k)| k)
            .ok_or_else(|| {
                let names: Vec<&str> = KINDS.iter().map(|(n, _)| *n).collect();
                Error::line(
                    file,
                    line_no,
                    format!(
                        "unknown kind {:?} (expected one of {})",
                        cols[1],
                        names.join(", ")
                    ),
                )
            })?;
        let value = match cols[2].trim() {
            "" | "-" => None,
            v => Some(v.into()),
        };
        let flags = parse_flags(cols[3].trim()).map_err(|m| Error::line(file, line_no, m))?;
        if matches!(
            kind,
            EntryKind::Country | EntryKind::Demonym | EntryKind::DemonymPrefix
        ) {
            let ok = value
                .as_deref()
                .is_some_and(|v: &str| v.len() == 2 && v.bytes().all(|b| b.is_ascii_uppercase()));
            if !ok {
                return Err(Error::line(
                    file,
                    line_no,
                    format!(
                        "a {} needs an ISO 3166-1 alpha-2 code as value, found {:?}",
                        cols[1], cols[2]
                    ),
                ));
            }
        }
        entries.push(Entry {
            kind,
            surface: surface.into(),
            value,
            flags,
            cases: Cases::default(),
            file: file_idx,
            line: line_no,
        });
    }
    Ok(entries)
}

fn parse_flags(s: &str) -> Result<u16, String> {
    let mut flags = 0;
    if s == "-" || s.is_empty() {
        return Ok(0);
    }
    for flag in s.split(';') {
        let flag = flag.trim();
        flags |= match flag {
            "exact" => EXACT,
            "ambiguous" => AMBIGUOUS,
            "capital" => CAPITAL,
            "acronym" => ACRONYM,
            "m" => MASC,
            "f" => FEM,
            "pl" => PLURAL,
            "platform" => PLATFORM,
            "" => 0,
            _ => {
                let ok = if let Some(cc) = flag.strip_prefix("cc=") {
                    cc.len() == 2 && cc.bytes().all(|b| b.is_ascii_uppercase())
                } else if let Some(n) = flag.strip_prefix("pop=") {
                    !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
                } else if let Some(q) = flag.strip_prefix("wikidata=") {
                    q.len() > 1 && q.starts_with('Q') && q[1..].bytes().all(|b| b.is_ascii_digit())
                } else {
                    false
                };
                if !ok {
                    return Err(format!(
                        "unknown or malformed flag {flag:?} (expected exact, ambiguous, capital, \
                         acronym, m, f, pl, platform, cc=XX, pop=N or wikidata=Q…)"
                    ));
                }
                0
            }
        };
    }
    Ok(flags)
}

/// Folded surface → local pattern id, the patterns, the entry ids of each pattern.
type PatternTable = (FxMap<String, u32>, Vec<String>, Vec<Vec<u32>>);

/// All gazetteers, compiled.
pub(crate) struct Lexicon {
    pub(crate) files: Vec<std::borrow::Cow<'static, str>>,
    pub(crate) entries: Vec<Entry>,
    /// Proper names (places, organisations): searched anchored at capitalised word starts only,
    /// since the case policy wants a capital there anyway.
    names: contiguous::NFA,
    /// Titles, and names that open with a lower-case word: searched from head words in any
    /// case. A contiguous NFA too: as a DFA its ~850 patterns took 1.7 MB, which missed the
    /// cache at every byte of a walk (the NFA takes 0.1 MB; same simulated cost, see DESIGN.md).
    anywhere: contiguous::NFA,
    /// Pattern ids of `anywhere` are numbered after the name patterns.
    anywhere_offset: u32,
    /// Pattern id → range into `by_pattern`.
    pattern_ranges: Vec<(u32, u32)>,
    by_pattern: Vec<u32>,
    /// Folded single word → entry ids: first names, honorifics, organisation heads.
    words: WordTable<WordInfo>,
    /// The class bits that count on a word written in lower case (`words` without first
    /// names, honorifics, organisation heads and proper-name heads, which count only on a
    /// capitalised word or a number): a table small enough to stay in cache, for the four
    /// tokens in five that are in lower case.
    lower: WordTable<u32>,
    /// [`pair_hash`] of the first two words of every proper name of two words or more.
    name_pairs: FxSet<u64>,
}

/// What the lexicon knows of one folded word: its class bits (`rules::class`: the closed word
/// classes and the kinds of its entries) and its single-word entries. One lookup a token.
#[derive(Default)]
pub(crate) struct WordInfo {
    pub(crate) class: u32,
    pub(crate) ids: Vec<u32>,
}

/// A gazetteer hit in the folded text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Hit {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) pattern: u32,
}

impl Lexicon {
    /// Compiles entries. Entries with the same folded surface share one pattern.
    pub(crate) fn build(
        files: Vec<std::borrow::Cow<'static, str>>,
        mut entries: Vec<Entry>,
    ) -> Result<Lexicon, Error> {
        for e in &mut entries {
            if e.value
                .as_deref()
                .is_some_and(|v| fold(v) == fold(&e.surface))
            {
                e.flags |= VALUE_IS_SURFACE;
            }
            if starts_lower(&e.surface) {
                e.flags |= STARTS_LOWER;
            }
            e.cases = Cases::of(&e.surface);
        }
        // One table per automaton: folded surface → local pattern id, patterns, entry ids.
        let mut tables: [PatternTable; 2] = Default::default();
        let mut words: FxMap<Box<str>, WordInfo> = FxMap::default();
        for (w, bits) in crate::rules::closed_classes() {
            words.entry(w.into_boxed_str()).or_default().class |= bits;
        }
        for (id, e) in entries.iter().enumerate() {
            let key = fold(&e.surface);
            match e.kind {
                k if k.is_word_kind() => {
                    let info = words.entry(key.into()).or_default();
                    info.ids.push(id as u32);
                    info.class |= crate::rules::class_of(e);
                    continue;
                }
                _ => {}
            }
            // Titles, and names that open with a lower-case word (« mer Rouge », « ministère de
            // l'Intérieur »), are looked up from every word start; other names from
            // capitalised ones only.
            let anywhere = e.kind == EntryKind::Title || starts_lower(&e.surface);
            let (pattern_of, patterns, members) = &mut tables[usize::from(anywhere)];
            let p = *pattern_of.entry(key.clone()).or_insert_with(|| {
                patterns.push(key);
                members.push(Vec::new());
                (patterns.len() - 1) as u32
            });
            members[p as usize].push(id as u32);
        }
        let [(_, name_patterns, name_members), (_, any_patterns, any_members)] = tables;
        // The first word of every pattern, so that tries are walked only from words that can
        // open one. Walks start at word chars only, so a pattern that opens with another char
        // (a GeoNames « 'Aïn … ») never matches anyway.
        // For proper names also whether the name is that one word, and its first two words:
        // a walk from a word that opens only longer names goes ahead only when the next word
        // is the second word of one of them (« Le Caire », not « Le président »).
        let mut name_pairs: FxSet<u64> = FxSet::default();
        for (patterns, bit, names) in [
            (&name_patterns, crate::rules::class::NAME_HEAD, true),
            (&any_patterns, crate::rules::class::ANY_HEAD, false),
        ] {
            for p in patterns {
                let h = head(p);
                if h.is_empty() {
                    continue;
                }
                // « l'aquila »: the tokeniser reads the elided « l' » as the first word.
                let key = if p[h.len()..].starts_with('\'') {
                    &p[..h.len() + 1]
                } else {
                    h
                };
                let info = words.entry(key.into()).or_default();
                info.class |= bit;
                if names {
                    let (first, second) = first_runs(p, 0);
                    if second.is_empty() {
                        info.class |= crate::rules::class::NAME_ONE;
                    } else {
                        name_pairs.insert(pair_hash(first, second));
                    }
                }
            }
        }
        let names = contiguous::NFA::builder()
            .match_kind(MatchKind::Standard)
            .build(&name_patterns)
            .map_err(Error::build)?;
        let anywhere = contiguous::NFA::builder()
            .match_kind(MatchKind::Standard)
            .build(&any_patterns)
            .map_err(Error::build)?;
        let anywhere_offset = name_patterns.len() as u32;
        let mut pattern_ranges = Vec::with_capacity(name_members.len() + any_members.len());
        let mut by_pattern = Vec::with_capacity(entries.len());
        for m in name_members.into_iter().chain(any_members) {
            let start = by_pattern.len() as u32;
            by_pattern.extend(m);
            pattern_ranges.push((start, by_pattern.len() as u32));
        }
        let lower_only = !(crate::rules::class::CAPITALISED_ONLY
            | crate::rules::class::NAME_HEAD
            | crate::rules::class::NAME_ONE);
        let lower = WordTable::new(
            words
                .iter()
                .filter(|(_, i)| i.class & lower_only != 0)
                .map(|(w, i)| (w.clone(), i.class & lower_only)),
        );
        let words = WordTable::new(words);
        Ok(Lexicon {
            lower,
            files,
            entries,
            names,
            anywhere,
            anywhere_offset,
            pattern_ranges,
            by_pattern,
            words,
            name_pairs,
        })
    }

    /// [`Lexicon::hits_into`] into a new vector (for the tests).
    #[cfg(test)]
    pub(crate) fn hits(
        &self,
        folded: &str,
        name_starts: &[(usize, usize)],
        word_starts: &[(usize, usize)],
    ) -> Vec<Hit> {
        let mut out = Vec::with_capacity(name_starts.len() + word_starts.len() / 8);
        self.hits_into(folded, name_starts, word_starts, &mut out);
        out
    }

    /// Every match in the folded text that starts at a word start and ends on a word boundary
    /// (« niger » never inside « nigeria »), overlapping matches included: proper names
    /// starting at one of `name_starts` (word starts with a capital or a digit in the
    /// original), titles and names opening in lower case at one of `word_starts`.
    ///
    /// Each start comes with a limit: no match from it may end past that byte (a word that is
    /// a name on its own, and opens no longer name with the word after it, is walked up to
    /// that next word only).
    ///
    /// The hits go into `out`, cleared first.
    pub(crate) fn hits_into(
        &self,
        folded: &str,
        name_starts: &[(usize, usize)],
        word_starts: &[(usize, usize)],
        out: &mut Vec<Hit>,
    ) {
        out.clear();
        walk(&self.names, folded, name_starts, 0, out);
        walk(
            &self.anywhere,
            folded,
            word_starts,
            self.anywhere_offset,
            out,
        );
    }

    /// Whether a proper name of two words or more opens with these two words.
    #[inline]
    pub(crate) fn opens_name_pair(&self, first: &str, second: &str) -> bool {
        self.name_pairs.contains(&pair_hash(first, second))
    }

    /// The ids of the entries behind a pattern.
    pub(crate) fn pattern_ids(&self, pattern: u32) -> &[u32] {
        let (a, b) = self.pattern_ranges[pattern as usize];
        &self.by_pattern[a as usize..b as usize]
    }

    /// What the lexicon knows of a folded word.
    #[inline]
    pub(crate) fn word(&self, folded_word: &str) -> Option<&WordInfo> {
        self.words.get(folded_word)
    }

    /// The class bits of a folded word written in lower case (no digit first): those of
    /// [`Lexicon::word`] without the bits that count only on a capitalised word or at the start
    /// of a proper name.
    #[inline]
    pub(crate) fn lower_class(&self, folded_word: &str) -> u32 {
        self.lower.get(folded_word).copied().unwrap_or(0)
    }

    /// The ids of the single-word entries for a folded word: first names, honorifics,
    /// organisation heads, demonyms and their combining forms.
    pub(crate) fn word_ids(&self, folded_word: &str) -> &[u32] {
        self.words
            .get(folded_word)
            .map_or(&[], |v| v.ids.as_slice())
    }

    /// The first single-word entry of a kind for a folded word, with its id.
    pub(crate) fn word_of(&self, folded_word: &str, kind: EntryKind) -> Option<(u32, &Entry)> {
        self.word_ids(folded_word)
            .iter()
            .map(|&i| (i, &self.entries[i as usize]))
            .find(|(_, e)| e.kind == kind)
    }
}

/// The first two words (runs of letters and digits) of `s` from byte `at`, which starts a word:
/// the second is empty when there is none. Anything between them (spaces, « . », « ' », « - »)
/// is skipped.
pub(crate) fn first_runs(s: &str, at: usize) -> (&str, &str) {
    let rest = &s[at..];
    let first = head(rest);
    let after = &rest[first.len()..];
    let gap = run_end(after, false);
    (first, head(&after[gap..]))
}

/// A hash of a pair of words, mixed so that every bit counts (Fx alone leaves the low bits to
/// the first bytes).
fn pair_hash(first: &str, second: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(first.as_bytes());
    h.write_u8(0xff);
    h.write(second.as_bytes());
    // The splitmix64 finaliser.
    let mut z = h.finish();
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The first word of a folded pattern: its chars up to the first one that is not a letter or a
/// digit — what the tokeniser reads as a word (« saint » of « saint-denis »).
pub(crate) fn head(pattern: &str) -> &str {
    &pattern[..run_end(pattern, true)]
}

/// The byte length of the longest prefix of `s` whose chars are all letters or digits
/// (`word` true) or all not (`word` false). ASCII bytes are tested as bytes.
#[inline]
fn run_end(s: &str, word: bool) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] < 0x80 {
            if b[i].is_ascii_alphanumeric() != word {
                break;
            }
            i += 1;
            continue;
        }
        match s[i..].chars().next() {
            Some(c) if c.is_alphanumeric() == word => i += c.len_utf8(),
            _ => break,
        }
    }
    i
}

/// Whether a surface opens with a lower-case letter (« mer Rouge », « easyJet »).
pub(crate) fn starts_lower(surface: &str) -> bool {
    surface
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_lowercase)
}

/// An anchored walk down the trie from each start: every pattern that starts there, short and
/// long (the automaton's own anchored search would report the longest only).
fn walk<A: Automaton>(
    nfa: &A,
    folded: &str,
    starts: &[(usize, usize)],
    offset: u32,
    out: &mut Vec<Hit>,
) {
    let bytes = folded.as_bytes();
    let Ok(start) = nfa.start_state(Anchored::Yes) else {
        return;
    };
    for &(a, limit) in starts {
        let mut sid = start;
        let end = limit.min(bytes.len());
        for (i, &b) in bytes[a..end.max(a)].iter().enumerate() {
            sid = nfa.next_state(Anchored::Yes, sid, b);
            if nfa.is_dead(sid) {
                break;
            }
            if !nfa.is_match(sid) {
                continue;
            }
            let end = a + i + 1;
            if !is_boundary_after(folded, bytes, end) {
                continue;
            }
            for k in 0..nfa.match_len(sid) {
                let pid = nfa.match_pattern(sid, k);
                // A match state also carries the patterns that end here but start later (its
                // suffixes): keep those that start at `a`.
                if nfa.pattern_len(pid) == i + 1 {
                    out.push(Hit {
                        start: a,
                        end,
                        pattern: offset + pid.as_u32(),
                    });
                }
            }
        }
    }
}

#[inline]
fn is_boundary_after(s: &str, bytes: &[u8], i: usize) -> bool {
    if i >= bytes.len() {
        return true;
    }
    let b = bytes[i];
    if b < 0x80 {
        return !b.is_ascii_alphanumeric();
    }
    !s[i..].chars().next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_lines_name_file_and_line() {
        let err = parse("x.tsv", "# c\nMali\tcountry\tML\t-\nFoo\tcontry\t-\t-\n", 0).unwrap_err();
        assert_eq!(err.file(), Some("x.tsv"));
        assert_eq!(err.line_number(), Some(3));
        assert!(err.to_string().contains("unknown kind"), "{err}");
        let err = parse("y.tsv", "Mali\tcountry\tML\n", 0).unwrap_err();
        assert_eq!(err.line_number(), Some(1));
        let err = parse("y.tsv", "Mali\tcountry\tMali\t-\n", 0).unwrap_err();
        assert!(err.to_string().contains("ISO 3166"), "{err}");
        let err = parse("y.tsv", "Mali\tcountry\tML\tbig\n", 0).unwrap_err();
        assert!(err.to_string().contains("flag"), "{err}");
    }

    #[test]
    fn hits_only_on_word_boundaries() {
        let entries = parse(
            "t.tsv",
            "Niger\tcountry\tNE\t-\nMali\tcountry\tML\t-\nNigeria\tcountry\tNG\t-\n",
            0,
        )
        .unwrap();
        let lex = Lexicon::build(vec!["t.tsv".into()], entries).unwrap();
        let text = "le nigeria, la somalie, le niger et le mali";
        let starts: Vec<(usize, usize)> = (0..text.len())
            .filter(|&i| i == 0 || text.as_bytes()[i - 1] == b' ')
            .map(|i| (i, usize::MAX))
            .collect();
        let found: Vec<&str> = lex
            .hits(text, &starts, &starts)
            .iter()
            .map(|h| &text[h.start..h.end])
            .collect();
        assert_eq!(found, ["nigeria", "niger", "mali"]);
    }
}
