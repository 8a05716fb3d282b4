//! Persons: a capitalised name after an honorific (« M. Novak »), after a title (« le général
//! de division Abdoulaye Maïga »), starting with a known first name (« Fatoumata Diallo »),
//! before a title in apposition (« Assimi Goïta, président de la Transition »), or named in
//! full as the speaker of a quotation (« », déclare à la BBC Ben Iruemiobe, »).

use super::class;
use crate::entity::Kind;
use crate::gazetteer::{EntryKind, EXACT};
use crate::pipeline::{prio, starts, Run, Src};
use crate::tokenize::{AFTER_BREAK, CAP, SENT_START, WORD};

/// Longest name, in words.
const MAX_NAME_WORDS: usize = 5;

impl Run<'_> {
    /// A known first name (a hyphenated one counts when its first part is known).
    #[inline]
    pub(crate) fn is_first_name(&self, i: usize) -> bool {
        self.is(i, class::FIRST_NAME)
    }

    #[inline]
    fn is_ambiguous_first_name(&self, i: usize) -> bool {
        self.is(i, class::AMBIGUOUS_FIRST_NAME)
    }

    /// A word that can be part of a person's name.
    fn is_name_word(&self, i: usize) -> bool {
        (self.is_cap_word(i) || self.is_prefixed_name(i))
            && (!self.starts_with(i, starts::LOC | starts::ORG | starts::TITLE | starts::DATE)
                || self.starts_with(i, starts::AMBIGUOUS))
            && !self.is(i, class::HONORIFIC)
    }

    /// A capital letter and its period: « J. » in « John F. Kennedy », « A. Coulibaly ».
    fn is_initial(&self, i: usize) -> bool {
        // The flag and the length (one char: four bytes at most) first: they cost least.
        self.tokens
            .get(i)
            .is_some_and(|t| t.has(CAP) && t.fe - t.fs <= 4)
            && self.word(i + 1) == "."
            && self.word(i).chars().count() == 1
            && self.word(i).chars().all(char::is_alphabetic)
    }

    /// « al-Mansouri », « el-Sissi », « ben-Ali »: an Arabic article or filiation joined to a
    /// capitalised name.
    pub(crate) fn is_prefixed_name(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else {
            return false;
        };
        let f = &self.folded.text.as_bytes()[t.fs as usize..t.fe as usize];
        if !t.has(WORD) || f.len() < 4 || !f[1..4].contains(&b'-') {
            return false;
        }
        let w = self.orig_word(i);
        [
            "al-", "el-", "ad-", "as-", "ash-", "an-", "ben-", "bin-", "abu-", "ould-",
        ]
        .iter()
        .any(|p| {
            w.len() > p.len()
                && w.is_char_boundary(p.len())
                && w[..p.len()].eq_ignore_ascii_case(p)
                && w[p.len()..].starts_with(char::is_uppercase)
        })
    }

    /// The end (exclusive) of a name starting at `i`, and its number of words; `(i, 0)` if none.
    /// Particles (de, van, ben, ould, ag…) and initials (« John F. Kennedy ») may stand inside.
    pub(crate) fn name_seq(&self, i: usize) -> (usize, usize) {
        let mut j = i;
        let mut words = 0;
        // Words that are not initials: a name has at least one.
        let mut names = 0;
        while words < MAX_NAME_WORDS {
            if j > i && self.tok_has(j, AFTER_BREAK) {
                break;
            }
            // A name may open with a capitalised particle: « le général De Villiers ».
            if j == i
                && self.is_particle(j)
                && self.tok_has(j, CAP)
                && !self.tok_has(j, SENT_START)
                && self.is_name_word(j + 1)
            {
                j += 1;
                continue;
            }
            if self.is_initial(j) {
                // An initial, then a name; initials count as words of the name.
                if self.is_name_word(j + 2) || self.is_initial(j + 2) {
                    j += 2;
                    words += 1;
                    continue;
                }
                break;
            }
            // After a known first name, a place name is a surname: « Marisol Touraine »,
            // « Juan Manuel Santos ».
            let surname_place = words > 0
                && self.is_first_name(i)
                && self.is_cap_word(j)
                && self.starts_with(j, starts::LOC)
                && !self.starts_with(j, starts::ORG | starts::TITLE | starts::DATE);
            if self.is_name_word(j) || surname_place {
                if self.word(j).chars().count() == 1 {
                    break;
                }
                // Two names side by side: « François Hollande Arnaud Montebourg » (not « Roch
                // Marc Christian Kaboré », all first names before the last).
                if words >= 2
                    && self.is_first_name(j)
                    && !self.is_ambiguous_first_name(j)
                    && self.is_name_word(j + 1)
                    && (i..j).any(|k| self.is_name_word(k) && !self.is_first_name(k))
                {
                    break;
                }
                j += 1;
                words += 1;
                names += 1;
                continue;
            }
            if words > 0 && self.is_particle(j) {
                // « de la Fontaine »: two particles at most.
                let mut k = j + 1;
                if self.is_particle(k) {
                    k += 1;
                }
                // After a particle, a word that is also a title is a name: « Bruno Le Maire ».
                if self.is_name_word(k)
                    || (self.is_cap_word(k) && !self.starts_with(k, starts::LOC | starts::ORG))
                {
                    j = k;
                    continue;
                }
            }
            break;
        }
        if names == 0 {
            return (i, 0);
        }
        (j, words)
    }

    #[inline(never)]
    pub(crate) fn person_phase(&mut self) {
        let mut found: Vec<(usize, usize, &'static str, u8)> = Vec::new();
        let n = self.tokens.len();
        // The rules below open at a token of a cue class (`Run::cued`), all but « name, title ».
        let cued = || self.cued.iter().map(|&i| i as usize);
        // Honorific + name.
        for i in cued() {
            if !self.is(i, class::HONORIFIC) {
                continue;
            }
            let Some((_, e)) = self.lex.word_of(self.word(i), EntryKind::Honorific) else {
                continue;
            };
            let w = self.orig_word(i);
            if e.has(EXACT) && !w.chars().zip(e.surface.chars()).all(|(a, b)| a == b) {
                continue;
            }
            if !w.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let mut j = i + 1;
            if self.word(j) == "." {
                j += 1;
            } else if w.chars().count() == 1 {
                // « M » without its period is a letter, not « Monsieur ».
                continue;
            }
            let (end, words) = self.name_seq(j);
            if words > 0 {
                found.push((j, end, "honorific+name", prio::PERSON_CUE));
            }
        }
        // Title + name; a nationality may stand between (« le président syrien Bachar
        // al-Assad »), or a comma before a full name (« le ministre de l'Intérieur, Bernard
        // Cazeneuve »).
        for c in &self.cands {
            if c.kind != Kind::Title {
                continue;
            }
            let mut j = c.te;
            if self.is(j, class::DEMONYM) && !self.tok_has(j, CAP) {
                j += 1;
            }
            let (end, words) = self.name_seq(j);
            if words > 0 {
                found.push((j, end, "title+name", prio::PERSON_CUE));
            } else if self.word(j) == "," {
                let (end, words) = self.name_seq(j + 1);
                if words >= 2 {
                    found.push((j + 1, end, "title+name", prio::PERSON_CUE));
                }
            }
        }
        // Profession + name: « le footballeur Sadio Mané », « l'avocate Gisèle Halimi »; a
        // nationality may stand between (« le chanteur malien Salif Keïta »).
        for i in cued().take_while(|&i| i + 1 < n) {
            if !self.is(i, class::PERSON_CUE) || self.tok_has(i, CAP) {
                continue;
            }
            let mut j = i + 1;
            if self.is(j, class::DEMONYM) && !self.tok_has(j, CAP) {
                j += 1;
            }
            let (end, words) = self.name_seq(j);
            if words > 0 && !self.tok_has(j, SENT_START) {
                found.push((j, end, "profession+name", prio::PERSON_CUE));
            }
        }
        // Nationality + name: « l'Allemande Kristin Möller », « le Malien Moussa Traoré ».
        for i in cued().take_while(|&i| i + 1 < n) {
            if !self.is(i, class::DEMONYM)
                || !self.tok_has(i, CAP)
                || !self.starts_with(i, starts::DEMONYM)
                || !matches!(
                    self.word(i.wrapping_sub(1)),
                    "le" | "la" | "l'" | "les" | "du" | "au"
                )
            {
                continue;
            }
            let (end, words) = self.name_seq(i + 1);
            if words > 0 {
                found.push((i + 1, end, "demonym+name", prio::PERSON_CUE));
            }
        }
        // A first name coordinated with a full name shares its family: « Thierry et Véronique
        // Roy », « Barack et Michelle Obama ».
        for i in cued().take_while(|&i| i + 3 < n) {
            if self.is_first_name(i)
                && self.is_cap_word(i)
                && self.word(i + 1) == "et"
                && self.is_first_name(i + 2)
                && !self.is_name_word(i + 1)
                && self.name_seq(i + 2).1 >= 2
                && !(i > 0 && self.is_name_word(i - 1))
            {
                found.push((i, i + 1, "first-name-coordinated", prio::PERSON_FIRST_NAME));
            }
        }
        // First name + name.
        for i in cued() {
            if !self.is_first_name(i) || !self.is_name_word(i) {
                continue;
            }
            // A first name that is also a word (« Justice », « Trésor ») before a full name
            // is that word: « ministre de la Justice Jean-Jacques Urvoas ».
            if self.is_ambiguous_first_name(i)
                && self.is_first_name(i + 1)
                && !self.is_ambiguous_first_name(i + 1)
                && self.name_seq(i + 1).1 >= 2
            {
                continue;
            }
            let (end, words) = self.name_seq(i);
            if words >= 2 {
                found.push((i, end, "first-name+name", prio::PERSON_FIRST_NAME));
            }
        }
        // Name, title: « Assimi Goïta, président de la Transition ».
        // Found from the title: a comma, then a title (after le/la/l'), then the name before.
        // Titles are rarer than commas: the loop visits where a title starts (`k`) and looks
        // back for the comma (`end`); each comma leads to one `k`, and the commas come in text
        // order as the titles do.
        let article = |k: usize| matches!(self.word(k), "le" | "la" | "l'");
        for (k, &s) in self.starts.iter().enumerate() {
            if s & starts::TITLE == 0 {
                continue;
            }
            let end = if k >= 2 && article(k - 1) && self.word(k - 2) == "," {
                k - 2
            } else if k >= 1 && self.word(k - 1) == "," && !article(k) {
                k - 1
            } else {
                continue;
            };
            if end == 0 || end >= n {
                continue;
            }
            let first = end.saturating_sub(MAX_NAME_WORDS + 2);
            let start = (first..end).find(|&i| {
                self.is_name_word(i)
                    && !(i > 0 && self.is_name_word(i - 1))
                    && matches!(self.name_seq(i), (e, w) if e == end && (2..=4).contains(&w))
            });
            if let Some(i) = start {
                found.push((i, end, "name,title", prio::PERSON_WEAK));
            }
        }
        // Speech verb + name after a quotation: « », déclare à la BBC Ben Iruemiobe, »,
        // « », a expliqué Bukky Shonibare. »: the speaker, named in full (two words or more).
        // The closing marks are found by `memchr` in the folded text, not by visiting tokens.
        let bytes = self.folded.text.as_bytes();
        let mut marks = Vec::new();
        for p in memchr::memchr3_iter(b'"', 0xC2, 0xE2, bytes) {
            let mark = bytes[p] == b'"'
                || bytes[p..].starts_with("»".as_bytes())
                || bytes[p..].starts_with("”".as_bytes());
            if mark {
                let i = self.tokens.partition_point(|t| (t.fs as usize) < p);
                if self.tokens.get(i).is_some_and(|t| t.fs as usize == p) {
                    marks.push(i);
                }
            }
        }
        for i in marks {
            if i + 3 >= n || self.word(i + 1) != "," {
                continue;
            }
            let mut j = i + 2;
            if matches!(self.word(j), "a" | "ont" | "avait") {
                j += 1;
            }
            if !SPEECH_VERBS.contains(&self.word(j)) {
                continue;
            }
            j += 1;
            // « à la BBC », « à l'AFP », « au Monde »: the medium spoken to.
            if matches!(self.word(j), "a" | "au" | "aux") {
                let mut k = j + 1;
                if matches!(self.word(k), "la" | "l'" | "le") {
                    k += 1;
                }
                if !self.starts_with(k, starts::ORG | starts::LOC) && !self.is_cap_word(k) {
                    continue;
                }
                k += 1;
                // The medium is one or two capitalised words (« BBC Afrique »).
                if self.is_cap_word(k) && self.is_cap_word(k + 1) && self.is_cap_word(k + 2) {
                    k += 1;
                }
                j = k;
            }
            // « M. Koné » is the honorific rule's.
            if self.is(j, class::HONORIFIC) {
                continue;
            }
            let (end, words) = self.name_seq(j);
            let closed = matches!(self.word(end), "," | "." | ";" | "(") || end >= n;
            // Two words or more (« Ben Iruemiobe »: a particle and a name count).
            if words >= 1 && end >= j + 2 && closed {
                found.push((j, end, "speech+name", prio::PERSON_WEAK));
            }
        }
        for (ts, te, rule, p) in found {
            self.push_tokens(ts, te, Kind::Person, None, None, Src::Rule(rule), p);
        }
    }
}

/// Speech verbs after a quotation (folded), as « », déclare X » uses them.
const SPEECH_VERBS: &[&str] = &[
    "declare",
    "explique",
    "affirme",
    "ajoute",
    "indique",
    "dit",
    "raconte",
    "precise",
    "souligne",
    "estime",
    "assure",
    "confie",
    "temoigne",
    "lance",
    "insiste",
    "poursuit",
    "reconnait",
    "note",
    "observe",
    "commente",
    "confirme",
    "deplore",
    "denonce",
    "regrette",
    "martele",
    "rappelle",
    "repond",
    "reagit",
    "reagi",
    "annonce",
    "avertit",
    "averti",
    "souffle",
    "tranche",
    "resume",
    "conclut",
    "conclu",
    "admet",
    "admis",
    "ecrit",
];
