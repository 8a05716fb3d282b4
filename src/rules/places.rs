//! Places no list can hold: streets and squares (« place de la République », « gare
//! Saint-Lazare »), roads (« l'A8 »), and a capitalised name after « à » (« à Bandol »).

use super::class;
use super::lexical::{length_bit, length_mask, PLACE_CUES, STREET_HEADS};
use crate::entity::{Kind, Place};
use crate::pipeline::{prio, starts, Run, Src};
use crate::tokenize::{CAP, NUMBER, SENT_START, UPPER, WORD};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Adjectives inside event names: « Jeux olympiques de Rio », « championnats du monde ».
const EVENT_ADJECTIVES: &[&str] = &[
    "olympiques",
    "paralympiques",
    "mondiaux",
    "africains",
    "europeens",
    "mediterraneens",
    "asiatiques",
    "panamericains",
    "nationaux",
    "universelle",
    "internationale",
    "international",
];

/// Whether a word, as written, is one of the [`STREET_HEADS`] (accents included, composed or
/// not). A word already in NFC (an ASCII word, most accented ones) is compared as it is.
fn is_street_head(orig: &str) -> bool {
    if orig.is_ascii() || is_nfc_quick(orig.chars()) == IsNormalized::Yes {
        STREET_HEADS.contains(&orig)
    } else {
        STREET_HEADS.iter().any(|h| orig.nfc().eq(h.chars()))
    }
}

word_set! {
    /// A word that ends an event named in English (« Premier League », « Africa Cup », « World
    /// Series »), folded.
    fn is_english_event_word(&str),
    /// The same words: the lengths of the tokens `Run::event_phase` stops at come from them.
    const ENGLISH_EVENT_WORDS = ["league", "cup", "series", "championship", "trophy", "games"],
}

/// « Grand » of « Grand Prix », an event head without the event class (folded).
const GRAND: &str = "grand";

/// The lengths (bit `len`) of the capitalised tokens, without the event class, that
/// `Run::event_phase` stops at: those of the English event words and of « Grand ».
const EVENT_SCAN_LENGTHS: u64 = length_mask(ENGLISH_EVENT_WORDS) | length_bit(GRAND.len());

impl Run<'_> {
    /// Negative rules: a place inside the name of an event is not a location (« Tour de
    /// France », « Jeux olympiques de Rio », « championnats de France de judo »), and a company
    /// before a model number names a product (« Airbus A320 »). The span is kept as a blocker,
    /// not returned.
    #[inline(never)]
    pub(crate) fn event_phase(&mut self) {
        let mut found = Vec::new();
        // Events named in English, found in the same scan, pushed after the others.
        let mut english = Vec::new();
        // The end of the longest candidate starting at each token; filled at the first event
        // name that needs it (most texts have none).
        let mut longest = std::mem::take(&mut self.bufs.per_token);
        longest.clear();
        // A head has the event class or is « Grand » (« Grand Prix »); an English event ends
        // with a capitalised English event word (« Cup », « Games », « League »): the scan
        // stops at the tokens of the class and the capitalised ones of those words' lengths.
        let mut from = 0;
        while let Some(i) = self.next_where(from, |t, c| {
            c & class::EVENT != 0
                || (t.has(CAP) && EVENT_SCAN_LENGTHS & length_bit((t.fe - t.fs) as usize) != 0)
        }) {
            from = i + 1;
            if let Some(end) = self.event_at(i, &mut longest) {
                found.push((i, end));
            }
            // Events named in English, by their last word: « Premier League », « Africa
            // Cup », « World Series ».
            if i > 0 && self.tok_has(i, CAP) && is_english_event_word(self.word(i)) {
                let mut s = i;
                while s > 0 && self.tok_has(s - 1, CAP) && !self.tok_has(s, SENT_START) && i - s < 4
                {
                    s -= 1;
                }
                if s < i {
                    english.push((s, i + 1));
                }
            }
        }
        found.append(&mut english);
        // Products: a company followed by a model (« Airbus A320 », « Boeing 737-500 »): the
        // company is not mentioned as an organisation there.
        for c in self
            .cands
            .iter()
            .filter(|c| c.kind == Kind::Organisation && !c.hidden)
        {
            let m = c.te;
            let Some(t) = self.tokens.get(m) else {
                continue;
            };
            let w = self.word(m);
            let model = t.has(WORD)
                && w.bytes().any(|b| b.is_ascii_digit())
                && !(t.has(NUMBER) && w.len() == 4)
                && (w.len() >= 2 || t.has(NUMBER));
            if model && c.te - c.ts == 1 {
                found.push((c.ts, m + 1));
            }
        }
        self.bufs.per_token = longest;
        for (ts, te) in found {
            self.push_blocker(ts, te, "event");
        }
    }

    /// The end of the event name whose head is token `i` (« Tour de France », « Jeux
    /// olympiques de Rio », « Grand Prix de Monaco »), if there is one. `longest`: see
    /// [`Run::event_phase`].
    fn event_at(&self, i: usize, longest: &mut Vec<usize>) -> Option<usize> {
        let t = &self.tokens[i];
        // A head has the class, or is « Grand » (« Grand Prix »).
        if !(self.is(i, class::EVENT) || (t.has(CAP) && (t.fe - t.fs) as usize == GRAND.len())) {
            return None;
        }
        let w = self.word(i);
        let cap = t.has(CAP);
        let head = self.is(i, class::EVENT) && (cap || !matches!(w, "tour" | "open" | "euro"))
            || (w == GRAND && cap && self.word(i + 1) == "prix");
        if !head {
            return None;
        }
        let mut j = if w == GRAND { i + 2 } else { i + 1 };
        while EVENT_ADJECTIVES.contains(&self.word(j)) {
            j += 1;
        }
        if self.word(j) == "du" && self.word(j + 1) == "monde" {
            j += 2;
        }
        let mut end = j;
        let (c, _) = self.connector(j, &[]);
        let k = j + c;
        if self.starts_with(k, starts::LOC | starts::ORG) || self.is_cap_word(k) {
            end = self.content(k, super::titles::Chain::Org).max(k + 1);
            // The gazetteer span may be longer than one word (« Afrique du Sud »).
            if longest.is_empty() {
                longest.resize(self.tokens.len() + 1, 0);
                for c in self.cands.iter().filter(|c| !c.hidden) {
                    longest[c.ts] = longest[c.ts].max(c.te);
                }
            }
            end = end.max(longest[k]);
        } else if c == 0 && self.starts_with(j, starts::LOC) && cap {
            // « Ironman France »
            end = j + 1;
        }
        if end == j {
            return None;
        }
        if self.tok_has(end, NUMBER) && self.word(end).len() == 4 {
            end += 1;
        }
        Some(end)
    }

    #[inline(never)]
    pub(crate) fn place_phase(&mut self) {
        let mut found: Vec<(usize, usize, Place, &'static str, u8)> = Vec::new();
        let n = self.tokens.len();
        let mut from = 0;
        // Each rule opens at a street head or a place cue, at a word ending with a digit (a
        // road number), or right after « à »: a tight scan jumps from one such token to the
        // next; the token after « a » (folded « à ») is visited whatever it is.
        while let Some(mut i) = self.next_place_opening(from) {
            loop {
                let prev_a = i > 0 && self.is_single_a(i - 1);
                self.place_at(i, prev_a, &mut found);
                if i + 1 < n && self.is_single_a(i) {
                    i += 1;
                } else {
                    break;
                }
            }
            from = i + 1;
        }
        for (ts, te, place, rule, p) in found {
            self.push_tokens(
                ts,
                te,
                Kind::Location,
                Some(place),
                None,
                Src::Rule(rule),
                p,
            );
        }
    }

    /// Token `i` is the one byte « a » (folded « à » or « a »).
    #[inline]
    fn is_single_a(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        t.fe - t.fs == 1 && self.folded.text.as_bytes()[t.fs as usize] == b'a'
    }

    /// The first token from `from` on where a rule of [`Run::place_phase`] may open, or whose
    /// next token may (« a »): a street head or a place cue, a word ending with a digit (not a
    /// number), « a ».
    #[inline]
    fn next_place_opening(&self, from: usize) -> Option<usize> {
        let bytes = self.folded.text.as_bytes();
        self.next_where(from, |t, c| {
            // One byte read: the last (« a » is its own last byte). A number is no road.
            let last = bytes[t.fe as usize - 1];
            c & (class::STREET | class::PLACE_CUE) != 0
                || (last.is_ascii_digit() && !t.has(NUMBER))
                || (last == b'a' && t.fe - t.fs == 1)
        })
    }

    /// The end token of the date-phase candidate that starts at token `i` with a day number
    /// (« 1er Mai », « 8 mai 1945 »), if there is one.
    fn day_date_end(&self, i: usize) -> Option<usize> {
        let dates = &self.cands[self.dates.clone()];
        let k = dates.partition_point(|c| c.ts < i);
        let c = dates.get(k).filter(|c| c.ts == i)?;
        self.f().as_bytes()[c.fs].is_ascii_digit().then_some(c.te)
    }

    /// The rules of [`Run::place_phase`] at token `i` (`prev_a`: the token before is « a »).
    fn place_at(
        &self,
        i: usize,
        prev_a: bool,
        found: &mut Vec<(usize, usize, Place, &'static str, u8)>,
    ) {
        let t = &self.tokens[i];
        if !t.has(WORD) {
            return;
        }
        // Only a word ending with a digit can be a road number.
        let digit_end = self.folded.text.as_bytes()[t.fe as usize - 1].is_ascii_digit();
        // Streets and squares: head, then a capitalised name directly (« porte Maillot ») or
        // after de/du/des (« place de la Concorde », « rue du Faubourg-Saint-Honoré »).
        // « à la place de Marie » means « instead of ».
        if self.is(i, class::STREET)
            && !self.tok_has(i, UPPER | CAP)
            && !(self.word(i) == "place"
                && i >= 2
                && self.word(i - 1) == "la"
                && self.word(i - 2) == "a")
            && is_street_head(self.orig_word(i))
        {
            let mut j = i + 1;
            let mut end = self.content(j, super::titles::Chain::Org);
            if end == j {
                let (c, _) = self.connector(j, &[]);
                if c > 0 {
                    j += c;
                    end = self.content(j, super::titles::Chain::Org);
                    // « place du 1er Mai », « rue du 4 Septembre », « avenue du 8 mai 1945 »:
                    // a street named by a date, which the date phase took; not « le pont du
                    // 8 mai », the long weekend.
                    if end == j && c == 1 && self.word(i + 1) == "du" && self.word(i) != "pont" {
                        end = self.day_date_end(j).unwrap_or(j);
                    }
                }
            }
            if end > j && !self.person_starts(j) && !self.tok_has(j, UPPER) {
                found.push((i, end, Place::Other, "street", prio::ORG_RULE));
            }
            return;
        }
        // Roads: « l'A8 », « autoroute A7 », « la N7 ».
        if digit_end
            && self.is_road(i)
            && (matches!(
                self.word(i.wrapping_sub(1)),
                "l'" | "la" | "autoroute" | "route" | "nationale" | "et" | ","
            ) || self.is_road(i + 2))
        {
            found.push((i, i + 1, Place::Other, "road", prio::PERSON_WEAK));
            return;
        }
        // « la ville de Kidal », « la province du Kivu », « la wilaya d'Alger »: a place named
        // after the noun that says what kind of place it is.
        let cue = if self.is(i, class::PLACE_CUE) {
            PLACE_CUES
                .iter()
                .find(|(cue, _)| *cue == self.word(i))
                .map(|&(_, p)| p)
        } else {
            None
        };
        if let Some(place) = cue {
            if !self.tok_has(i, CAP) && matches!(self.word(i + 1), "de" | "d'" | "du") {
                let k = i + 2;
                if self.is_cap_word(k)
                    && !self.tok_has(k, SENT_START)
                    && self.starts.get(k).is_some_and(|&s| s == 0)
                    && !self.person_starts(k)
                {
                    let mut end = k + 1;
                    while end - k < 3 && self.is_cap_word(end) && self.starts[end] == 0 {
                        end += 1;
                    }
                    found.push((k, end, place, "cue+place", prio::PERSON_WEAK));
                }
            }
            return;
        }
        // « à Bandol »: a capitalised name after « à » that no list knows.
        // (« à » read from the original text last: that costs most.)
        if prev_a
            && (self.is_cap_word(i) || self.is_prefixed_name(i))
            && !self.tok_has(i, SENT_START | UPPER)
            && self.is_a_grave(i - 1)
            && self.starts.get(i).is_some_and(|&s| s == 0)
            && !self.person_starts(i)
            && !self.is(i, super::class::ORG_HEAD)
        {
            let mut end = i + 1;
            // « à Villeneuve d'Ascq », « à Aix-en-Provence » (one token already).
            while end - i < 3
                && matches!(self.word(end), "d'" | "de" | "du" | "sur" | "en")
                && self.is_cap_word(end + 1)
                && !self.starts_with(end + 1, starts::LOC | starts::ORG | starts::DATE)
            {
                end += 2;
            }
            found.push((i, end, Place::City, "a+place", prio::PERSON_WEAK));
        }
    }

    /// « A8 », « N7 », « RN7 », « A837 »: a road number, as written.
    fn is_road(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else {
            return false;
        };
        if !t.has(WORD)
            || t.has(NUMBER)
            || t.fe - t.fs > 5
            || !self.folded.text.as_bytes()[t.fe as usize - 1].is_ascii_digit()
        {
            return false;
        }
        let w = self.orig_word(i);
        let digits = w.trim_start_matches(['A', 'N', 'R', 'D', 'M', 'E']);
        let prefix = w.len() - digits.len();
        (1..=2).contains(&prefix)
            && (1..=3).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
    }
}
