//! Gazetteer phase: automaton hits become candidates when the case policy and, for ambiguous
//! entries, the context agree.

use super::class;
use super::titles::Chain;
use crate::entity::{Kind, Place, Value};
use crate::gazetteer::{
    first_runs, head, Cases, Entry, EntryKind, FxHasher, ACRONYM, AMBIGUOUS, EXACT, PLATFORM,
    PLURAL, STARTS_LOWER, VALUE_IS_SURFACE,
};
use crate::pipeline::{prio, Run, Src};
use crate::tokenize::{CAP, JOINED, SENT_START, SHOUT, WORD};
use std::hash::BuildHasherDefault;

/// Words before a place name that confirm an ambiguous one (« à Nice », « de Tours »).
const LOCATIVES: &[&str] = &[
    "a",
    "au",
    "aux",
    "en",
    "de",
    "d'",
    "du",
    "vers",
    "depuis",
    "dans",
    "via",
    "pres",
    "jusqu'",
    "habitants",
    "region",
    "ville",
    "province",
    "capitale",
];

/// Words before « le », « du », « au », « des »… that say a newspaper or a party follows
/// (« journaliste au Monde », « a confié au Parisien », « le candidat des Républicains »).
const AS_PRESS: &[&str] = &[
    "journal",
    "quotidien",
    "hebdomadaire",
    "magazine",
    "article",
    "articles",
    "journaliste",
    "journalistes",
    "edition",
    "colonnes",
    "entretien",
    "interview",
    "tribune",
    "selon",
    "apres",
    "par",
    "dans",
    "confie",
    "indique",
    "declare",
    "explique",
    "affirme",
    "precise",
    "raconte",
    "revele",
    "rapporte",
    "parti",
    "candidat",
    "candidate",
    "depute",
    "deputee",
    "senateur",
    "elu",
    "elus",
    "militants",
];

/// Words before an online platform that make it the medium, not the company: « sur Twitter »,
/// « via Facebook », « sa page Facebook », « une vidéo YouTube », « le réseau social Instagram »
/// (folded).
const AS_MEDIUM: &[&str] = &[
    "sur",
    "via",
    "page",
    "pages",
    "compte",
    "comptes",
    "profil",
    "fil",
    "chaine",
    "video",
    "videos",
    "message",
    "messages",
    "post",
    "posts",
    "publication",
    "publications",
    "tweet",
    "tweets",
    "story",
    "stories",
    "live",
    "application",
    "appli",
    "messagerie",
    "plateforme",
    "site",
    "social",
    "sociaux",
];

/// Words before a title that confirm an ambiguous one (« le général », not « en général »).
const DETERMINERS: &[&str] = &[
    "le", "la", "l'", "les", "un", "une", "du", "au", "ce", "cette", "son", "sa", "ses", "leur",
    "notre", "nouveau", "nouvelle", "ancien", "ancienne", "ex", "premier", "premiere", "futur",
    "future", "actuel", "actuelle", "de", "d'", "des", "aux",
];

/// The case of each letter of a string, in order.
fn letter_cases(s: &str) -> impl Iterator<Item = bool> + '_ {
    s.chars()
        .filter(|c| c.is_alphabetic())
        .map(char::is_uppercase)
}

/// [`same_case`] from the letter cases read once (`t` of `text`, `s` of `surface`).
fn same_case_of(t: &Cases, s: &Cases, text: &str, surface: &str) -> bool {
    if t.letters != s.letters {
        t.all_capitals() == s.all_capitals()
    } else if t.complete() {
        t.mask == s.mask
    } else {
        same_case(text, surface)
    }
}

/// [`has_capitals_of`] from the letter cases read once.
fn has_capitals_of_cases(t: &Cases, s: &Cases, text: &str, surface: &str) -> bool {
    if t.letters == s.letters && t.complete() {
        s.mask & !t.mask == 0
    } else if t.letters != s.letters && s.mask != 0 {
        // The first capital of the surface is among its first 64 letters.
        let p = s.mask.trailing_zeros();
        p < t.letters.min(64) && t.mask & (1 << p) != 0
    } else if t.letters != s.letters && s.capitals == 0 {
        true
    } else {
        has_capitals_of(text, surface)
    }
}

/// Whether the letters of `text` have the case of the letters of `surface` (when the counts
/// differ, as with « Œ » and « OE », whether both are all in capitals).
fn same_case(text: &str, surface: &str) -> bool {
    if letter_cases(text).count() == letter_cases(surface).count() {
        letter_cases(text).eq(letter_cases(surface))
    } else {
        letter_cases(text).all(|u| u) == letter_cases(surface).all(|u| u)
    }
}

/// Whether every capital letter of `surface` is a capital in `text` (letters aligned; when the
/// counts differ, only the first capital is checked).
fn has_capitals_of(text: &str, surface: &str) -> bool {
    if letter_cases(text).count() == letter_cases(surface).count() {
        letter_cases(text)
            .zip(letter_cases(surface))
            .all(|(t, s)| t || !s)
    } else {
        letter_cases(surface)
            .position(|s| s)
            .is_none_or(|p| letter_cases(text).nth(p).unwrap_or(false))
    }
}

/// A one-word name with inner capitals written with its first capital only: « Youtube »,
/// « Buzzfeed », « Linkedin » for YouTube, BuzzFeed, LinkedIn (the press often drops them).
fn camel_as_title(text: &str, surface: &str) -> bool {
    let one_word = |s: &str| s.chars().all(char::is_alphabetic);
    let mut t = text.chars();
    one_word(text)
        && one_word(surface)
        && surface.chars().skip(1).any(char::is_uppercase)
        && t.next().is_some_and(char::is_uppercase)
        && t.all(char::is_lowercase)
}

fn rank(kind: EntryKind) -> u8 {
    match kind {
        EntryKind::Country => 0,
        EntryKind::City => 1,
        EntryKind::Region => 2,
        EntryKind::Place => 3,
        EntryKind::Org => 4,
        EntryKind::Title => 5,
        _ => 9,
    }
}

/// The first word of a word token's folded text, what [`head`] reads there: a word token is a
/// run of letters and digits with inner hyphens and apostrophes and maybe a final apostrophe
/// (an elided « l' »), so its first word ends at its first hyphen or apostrophe — found by a
/// byte search, with no char decoding.
fn word_head(token: &str) -> &str {
    let end = token
        .bytes()
        .position(|b| b == b'-' || b == b'\'')
        .unwrap_or(token.len());
    &token[..end]
}

/// Where a walk starts, and the byte no match from it may pass.
type Start = (usize, usize);

/// The folded spans of the automaton hits (Fx-hashed: no random state to seed per text).
type SpanSet = std::collections::HashSet<(usize, usize), BuildHasherDefault<FxHasher>>;

impl Run<'_> {
    #[inline(never)]
    pub(crate) fn gazetteer_phase(&mut self) {
        let mut names = std::mem::take(&mut self.bufs.name_starts);
        let mut words = std::mem::take(&mut self.bufs.word_starts);
        let mut hits = std::mem::take(&mut self.bufs.hits);
        self.starts_for_lookup(&mut names, &mut words);
        self.lex.hits_into(self.f(), &names, &words, &mut hits);
        // The spans of all hits, needed only for a hit inside a hyphenated word (rare).
        let mut spans: Option<SpanSet> = None;
        for &h in &hits {
            // The tokens the hit touches (it may start or end inside a hyphenated word).
            let (ts, te) = self.tokens_touching(h.start, h.end);
            if ts >= te {
                continue;
            }
            let (fs, fe) = (self.tokens[ts].fs as usize, self.tokens[te - 1].fe as usize);
            if (h.start, h.end) != (fs, fe)
                && !self.inner_hit_ok(
                    fs,
                    fe,
                    h.start,
                    spans.get_or_insert_with(|| hits.iter().map(|h| (h.start, h.end)).collect()),
                )
            {
                continue;
            }
            let text = self.orig_text(h.start, h.end);
            let cases = Cases::of(text);
            let lex = self.lex;
            let best = lex
                .pattern_ids(h.pattern)
                .iter()
                .map(|&id| (id, &lex.entries[id as usize]))
                .filter(|(_, e)| self.accept(e, ts, te, text, &cases))
                .min_by_key(|(_, e)| rank(e.kind));
            let Some((id, e)) = best else {
                // A platform named as a medium is the service: nothing else may take it for
                // an organisation (« sa chaîne YouTube », « via Amazon »).
                if lex.pattern_ids(h.pattern).iter().any(|&id| {
                    let e = &lex.entries[id as usize];
                    e.has(PLATFORM) && same_case_of(&cases, &e.cases, text, &e.surface)
                }) && self.platform_as_medium(ts)
                {
                    self.push_blocker(ts, te, "platform-as-medium");
                }
                continue;
            };
            // The canonical name, where it adds something to the text (« Kyiv » → Kiev). The
            // hit's folded text is the pattern, the entry's folded surface: the value adds
            // nothing when it folds to that (VALUE_IS_SURFACE, set at build time).
            let name_value = |v: &Option<Box<str>>| {
                v.as_deref()
                    .filter(|_| !e.has(VALUE_IS_SURFACE))
                    .map(|v| Value::Name(v.to_string()))
            };
            let (kind, place, value, p) = match e.kind {
                EntryKind::Country => (
                    Kind::Location,
                    Some(Place::Country),
                    e.value.as_deref().map(|v| Value::Country(v.to_string())),
                    prio::GAZETTEER,
                ),
                EntryKind::City | EntryKind::Region | EntryKind::Place => (
                    Kind::Location,
                    Some(match e.kind {
                        EntryKind::City => Place::City,
                        EntryKind::Region => Place::Region,
                        _ => Place::Other,
                    }),
                    name_value(&e.value),
                    prio::GAZETTEER - 1,
                ),
                EntryKind::Org => (
                    Kind::Organisation,
                    None,
                    name_value(&e.value),
                    if e.has(ACRONYM) {
                        prio::ACRONYM
                    } else {
                        prio::GAZETTEER
                    },
                ),
                EntryKind::Title => (Kind::Title, None, None, prio::TITLE),
                _ => continue,
            };
            // `ts..te`: the tokens the hit touches, found above.
            self.push_span_in(
                ts,
                te,
                h.start,
                h.end,
                kind,
                place,
                value,
                Src::Entry(id),
                p,
            );
        }
        self.bufs.name_starts = names;
        self.bufs.word_starts = words;
        self.bufs.hits = hits;
        self.article_name_phase();
    }

    /// Names whose article is part of them (« Le Canard enchaîné », « Les Républicains ») after
    /// a lower-case or contracted article: « selon le Canard enchaîné », « au Parisien », « le
    /// candidat des Républicains ». The article in the text is not the name's: the span starts
    /// after it. An ambiguous name (« Le Monde », « Le Parisien ») needs a word before the
    /// article that speaks of the press or of a party (« journaliste au Monde »).
    fn article_name_phase(&mut self) {
        let mut found = Vec::new();
        let mut buf = String::new();
        let mut hits = Vec::new();
        // A capitalised word in lower-case text that opens no sentence: found by a tight scan
        // of the token flags (`is_cap_word` asks for a word, capitalised, not in a headline).
        let mut from = 1;
        while let Some(i) = self.next_where(from, |t, _| {
            t.flags & (WORD | CAP | SHOUT | SENT_START) == WORD | CAP
        }) {
            from = i + 1;
            if !self.is_cap_word(i) || self.tok_has(i - 1, CAP) {
                continue;
            }
            // Inside a longer name or a street name: « Rue du Progrès », « Coupe du Monde ».
            if i > 1 && (self.is_cap_word(i - 2) || self.is(i - 2, class::STREET)) {
                continue;
            }
            let article = match self.word(i - 1) {
                "le" | "du" | "au" => "le ",
                "les" | "des" | "aux" => "les ",
                "la" => "la ",
                _ => continue,
            };
            let last = (i + 6).min(self.tokens.len()) - 1;
            let (fs, fe) = (self.tokens[i].fs as usize, self.tokens[last].fe as usize);
            // No name opens with the article and this word: no walk.
            if !self
                .lex
                .opens_name_pair(article.trim_end(), head(&self.f()[fs..]))
            {
                continue;
            }
            buf.clear();
            buf.push_str(article);
            buf.push_str(&self.f()[fs..fe]);
            self.lex.hits_into(&buf, &[(0, usize::MAX)], &[], &mut hits);
            let Some(h) = hits
                .iter()
                .filter(|h| h.start == 0 && h.end > article.len())
                .max_by_key(|h| h.end)
            else {
                continue;
            };
            let end = fs + h.end - article.len();
            let te = self.tokens.partition_point(|t| (t.fs as usize) < end);
            // The name must end there: not « la Poste allemande », « l'Équipe de Slovénie ».
            if te == 0
                || self.tokens[te - 1].fe as usize != end
                || (self.is_adjective(te) && !self.word(te).ends_with("ant"))
                || self.is(te, class::DEMONYM)
                || (matches!(self.word(te), "de" | "d'" | "du" | "des")
                    && self.content(te + 1 + usize::from(self.word(te + 1) == "la"), Chain::Org)
                        > te + 1)
            {
                continue;
            }
            let text = self.orig_text(fs, end);
            let cue = i > 1 && AS_PRESS.contains(&self.word(i - 2));
            let lex = self.lex;
            let best = lex.pattern_ids(h.pattern).iter().find(|&&id| {
                let e = &lex.entries[id as usize];
                let rest = e.surface.get(article.len()..).unwrap_or("");
                e.kind == EntryKind::Org
                    && !e.has(EXACT)
                    && has_capitals_of(text, rest)
                    && (!e.has(AMBIGUOUS) || cue)
            });
            if let Some(&id) = best {
                found.push((fs, end, id));
            }
        }
        for (fs, fe, id) in found {
            let e = &self.lex.entries[id as usize];
            let value = e.value.as_deref().map(|v| Value::Name(v.to_string()));
            self.push_span(
                fs,
                fe,
                Kind::Organisation,
                None,
                value,
                Src::Entry(id),
                prio::GAZETTEER,
            );
        }
    }

    /// Folded offsets where a gazetteer entry may start: the start of a word, or of a part of a
    /// hyphenated or elided word (« Russie-\[Afrique\] », « ex-\[président\] »). The first list
    /// keeps those with a capital or a digit in the original (proper names), the second all.
    /// Each start comes with the byte no match from it may pass (see [`Lexicon::hits_into`]).
    fn starts_for_lookup(&self, names: &mut Vec<Start>, words: &mut Vec<Start>) {
        const NO_LIMIT: usize = usize::MAX;
        let text = self.f();
        let f = text.as_bytes();
        names.clear();
        words.clear();
        // Only a word that opens a pattern, or one with an inner hyphen or apostrophe, starts
        // a walk: the others are skipped by a tight scan.
        let heads = class::NAME_HEAD | class::ANY_HEAD;
        let mut from = 0;
        while let Some(i) = self.next_where(from, |t, c| {
            t.has(WORD) && (t.has(JOINED) || c & heads != 0)
        }) {
            from = i + 1;
            let (t, cls) = (&self.tokens[i], self.cls[i]);
            let (fs, fe) = (t.fs as usize, t.fe as usize);
            // A word with an inner hyphen or apostrophe: its first part was not looked up on
            // its own, so its start is walked whatever its class. (An elided « l' » ends with
            // its apostrophe and was looked up whole.)
            let compound = t.has(JOINED);
            let (name, any) = if compound {
                (true, true)
            } else {
                (cls & class::NAME_HEAD != 0, cls & class::ANY_HEAD != 0)
            };
            if any {
                words.push((fs, NO_LIMIT));
            }
            if name && (t.has(CAP) || f[fs].is_ascii_digit()) {
                if compound {
                    names.push((fs, NO_LIMIT));
                } else {
                    // Only names of one word can match unless the next word is the second
                    // word of a longer one. The first two words of the text from here (what
                    // `first_runs` reads), from the tokens: this word's letters and digits,
                    // then those of the next word token (only chars that are no letter or
                    // digit stand between).
                    let first = word_head(&text[fs..fe]);
                    let next_word = self.tokens[i + 1..].iter().find(|t| t.has(WORD));
                    let second =
                        next_word.map_or("", |t| word_head(&text[t.fs as usize..t.fe as usize]));
                    debug_assert_eq!((first, second), first_runs(text, fs));
                    if !second.is_empty() && self.lex.opens_name_pair(first, second) {
                        names.push((fs, NO_LIMIT));
                    } else if cls & class::NAME_ONE != 0 {
                        let next = match next_word {
                            Some(t) if !second.is_empty() => t.fs as usize,
                            _ => NO_LIMIT,
                        };
                        names.push((fs, next));
                    }
                }
            }
            if !compound {
                continue;
            }
            for p in fs + 1..fe {
                if f[p - 1] == b'-' || f[p - 1] == b'\'' {
                    words.push((p, NO_LIMIT));
                    if self.orig_char_is_upper(p) {
                        names.push((p, NO_LIMIT));
                    }
                }
            }
        }
    }

    fn orig_char_is_upper(&self, folded_pos: usize) -> bool {
        let o = self.folded.orig_start(self.orig, folded_pos);
        self.orig
            .get(o..)
            .and_then(|s| s.chars().next())
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    }

    /// A hit inside a hyphenated word counts when the word is a juxtaposition of names, every
    /// part of it a hit (« Russie-Afrique »), or after « ex- » (« l'ex-président »); not in a
    /// compound name (« Neuville-sur-\[Saône\] », « Bruxelles-\[Nord\] »).
    fn inner_hit_ok(&self, fs: usize, fe: usize, start: usize, spans: &SpanSet) -> bool {
        let word = &self.f()[fs..fe];
        if word.starts_with("ex-") && start == fs + 3 {
            return true;
        }
        let mut at = fs;
        word.split('-').all(|part| {
            let covered = spans.contains(&(at, at + part.len()));
            at += part.len() + 1;
            covered
        })
    }

    /// A platform at `ts` is named as a medium: a medium word before it, or before the list of
    /// names it closes (« sur Facebook et Instagram », « via Twitter, Snapchat ou TikTok »).
    fn platform_as_medium(&self, ts: usize) -> bool {
        let mut i = ts;
        for _ in 0..4 {
            if i == 0 {
                return false;
            }
            let prev = self.word(i - 1);
            if AS_MEDIUM.contains(&prev) {
                return true;
            }
            if matches!(prev, "," | "et" | "ou") && i >= 2 && self.is_cap_word(i - 2) {
                i -= 2;
            } else {
                return false;
            }
        }
        false
    }

    /// The case policy and the corroboration of ambiguous entries.
    fn accept(&self, e: &Entry, ts: usize, te: usize, text: &str, cases: &Cases) -> bool {
        let shout = self.tok_has(ts, SHOUT);
        if e.has(EXACT) {
            if !same_case_of(cases, &e.cases, text, &e.surface) {
                return false;
            }
            // An acronym that is also a word (« CAN », « PAM ») means nothing in a headline.
            return !(e.has(AMBIGUOUS) && shout);
        }
        let prev = if ts > 0 { self.word(ts - 1) } else { "" };
        if e.has(PLATFORM) && self.platform_as_medium(ts) {
            return false;
        }
        match e.kind {
            EntryKind::Title => {
                // A title that is also a given name (« Cheikh », « Pape », « Émir »), written
                // with a capital, with no determiner before it and a name after it, is the
                // given name: « le ministre Cheikh Tidiane Gadio », not « le cheikh Tamim ».
                if te == ts + 1
                    && !shout
                    && self.is(ts, class::FIRST_NAME)
                    && !DETERMINERS.contains(&prev)
                    && self.is_cap_word(te)
                    && !self.is_particle(te)
                {
                    return false;
                }
                if e.has(PLURAL) && !self.is_cap_word(te) {
                    // « six vice-ministres » names nobody; « les présidents Macron et… » does.
                    return false;
                }
                if e.has(AMBIGUOUS) {
                    return (DETERMINERS.contains(&prev) && prev != "en")
                        || (self.is_cap_word(te) && !self.is_particle(te));
                }
                true
            }
            EntryKind::Country
            | EntryKind::City
            | EntryKind::Region
            | EntryKind::Place
            | EntryKind::Org => {
                // A name needs the capitals it has (« L'Équipe », the paper, is not « l'équipe »;
                // « mer Rouge » is not « mer rouge »), and one at its start (« eSwatini » as
                // « Eswatini »).
                if e.has(STARTS_LOWER) {
                    return has_capitals_of_cases(cases, &e.cases, text, &e.surface);
                }
                let first_upper = text
                    .chars()
                    .find(|c| c.is_alphabetic())
                    .is_some_and(char::is_uppercase)
                    || text
                        .split(' ')
                        .next()
                        .is_some_and(|w| w.chars().any(char::is_uppercase));
                if !first_upper
                    || !has_capitals_of_cases(cases, &e.cases, text, &e.surface)
                        && !shout
                        && !camel_as_title(text, &e.surface)
                {
                    return false;
                }
                if e.has(AMBIGUOUS) {
                    if e.kind == EntryKind::Org && ts > 0 && self.is(ts - 1, class::ORG_CUE) {
                        return true;
                    }
                    // A name that fills a quotation: « Les Républicains ».
                    if e.kind == EntryKind::Org
                        && !shout
                        && matches!(prev, "«" | "\"" | "“")
                        && matches!(self.word(te), "»" | "\"" | "”")
                    {
                        return true;
                    }
                    if shout || self.tok_has(ts, SENT_START) {
                        return false;
                    }
                    // Capitalised inside a sentence, a place name is a name; not when a
                    // capitalised word follows (« Maurice Papon ») or stands before it
                    // (« Kinder Surprise »), unless a locative says otherwise.
                    return LOCATIVES.contains(&prev)
                        || !(self.is_cap_word(te) || (ts > 0 && self.is_cap_word(ts - 1)));
                }
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{has_capitals_of, has_capitals_of_cases, same_case, same_case_of};
    use crate::gazetteer::Cases;

    #[test]
    fn walks_reach_every_name_whatever_its_head() {
        // Heads that are names of their own (« Porto », « Saint ») and heads that are not
        // (« Nouvelle », « Le »); names of one, two and three words; a name inside a hyphenated
        // word; a one-word name followed by punctuation and by another name.
        let gaz = "Porto\tcity\t-\t-\nPorto Novo\tcity\t-\t-\nNouvelle Orléans\tcity\t-\t-\n\
                   Le Grand Lac\tplace\t-\t-\nSaint\tplace\t-\t-\nSaint Martin\tregion\t-\t-\n\
                   St. Louis\tcity\t-\t-\nRussie\tcountry\tRU\t-\nAfrique\tregion\t-\t-\n";
        let ex = crate::Extractor::builder()
            .without_default_gazetteers()
            .gazetteer_str("t.tsv", gaz)
            .build()
            .unwrap();
        let text = "Porto, Porto Novo et la Nouvelle Orléans. Le Grand Lac gèle. Le président \
                    visite Saint Martin puis St. Louis ; le sommet Russie-Afrique. Porto Alegre.";
        let doc = ex.extract(text);
        let found: Vec<&str> = doc.entities().iter().map(|e| e.text()).collect();
        assert_eq!(
            found,
            [
                "Porto",
                "Porto Novo",
                "Nouvelle Orléans",
                "Le Grand Lac",
                "Saint Martin",
                "St. Louis",
                "Russie",
                "Afrique",
                "Porto"
            ]
        );
    }

    #[test]
    fn case_masks_agree_with_the_letter_by_letter_checks() {
        let long_upper = "A".repeat(70);
        let long_mixed = format!("{}b", "A".repeat(69));
        let samples = [
            "",
            "AES",
            "aes",
            "Aes",
            "ONU",
            "Onu",
            "CÉDÉAO",
            "CEDEAO",
            "Œuvre",
            "OEUVRE",
            "Œ",
            "mer Rouge",
            "Mer Rouge",
            "mer rouge",
            "eSwatini",
            "Eswatini",
            "L'Équipe",
            "l'équipe",
            "12",
            "São Tomé",
            "SÃO TOMÉ",
            &long_upper,
            &long_mixed,
            "x",
            "X",
        ];
        for t in samples {
            for s in samples {
                let (ct, cs) = (Cases::of(t), Cases::of(s));
                assert_eq!(
                    same_case_of(&ct, &cs, t, s),
                    same_case(t, s),
                    "same_case {t:?} {s:?}"
                );
                assert_eq!(
                    has_capitals_of_cases(&ct, &cs, t, s),
                    has_capitals_of(t, s),
                    "has_capitals_of {t:?} {s:?}"
                );
            }
        }
    }

    #[test]
    fn case_pattern() {
        assert!(same_case("AES", "AES"));
        assert!(!same_case("aes", "AES"));
        assert!(same_case("CÉDÉAO", "CEDEAO"));
        assert!(!same_case("Onu", "ONU"));
    }
}
