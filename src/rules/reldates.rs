//! Dates relative to the article: what a reader of the news takes for a date although the text
//! gives no year — « a déclaré [mardi] », « en [mars] », « [mars dernier] », « [hier] », « la
//! [semaine dernière] », « [cette année] », « le [9] » — and decades, « les [années 1990] ».
//!
//! This phase only finds them (rule `date-relative`, no value; decades, rule `date-decade`, get
//! their interval at once). Their values need the document's date: [`crate::reldate::resolve`]
//! gives them when [`Options::date`](crate::Options::date) is set.
//!
//! A weekday or month name is a date when it is used as one, not inside a name:
//! - a weekday in lower case, or capitalised as the first word of a sentence or in a headline;
//!   not after a word that makes it habitual or generic (« le lundi », « chaque lundi », « un
//!   dimanche de janvier », « du lundi au vendredi »), not before « gras », « saint », « noir »
//!   (« Mardi gras », « Vendredi saint », « Jeudi noir »: feasts and events), nor capitalised
//!   inside a sentence or before a capitalised word (« le Journal du Dimanche », « Samedi
//!   Soir »);
//! - a month in lower case after a word that makes it a time (« en », « depuis », « dès »,
//!   « début », « fin », « mi- », « courant », « avant », « après », « vers », « jusqu'en »,
//!   « d'ici », « mois de »), or before « dernier », « prochain », « passé »; coordinated with
//!   such a month (« en mars et avril »). A capitalised month inside a sentence is a name
//!   (« Avril Lavigne », « sur Mars »), and a month followed by a two-digit number is an event
//!   (« mai 68 »). A day and month is the date rule's: a feast named by one stays a date
//!   (« le 14 Juillet »), a street named by one is a street (« place du 1er Mai », `places.rs`).
//! - « le 9 », a day of the month alone, only where it reads as a date: after a participle,
//!   « depuis », « dès », « avant », « après », « jusqu'au », or opening a sentence or a clause,
//!   and before punctuation or « au soir », « au matin ». Never before a unit or a noun (« le 9
//!   mm », « le 11 de France ») nor after another verb form (« contactez le 17 »).
//!
//! Spans follow the date convention: no article nor preposition (« la [semaine dernière] »,
//! « l'[an dernier] », « le [9] », « ce [mardi] »); the demonstrative stays in where the noun
//! alone names no time (« [cette semaine] », « [cette année] », « [ce mois-ci] »).

use super::class;
use super::lexical::DAYS;
use crate::entity::{Kind, Value};
use crate::pipeline::{overlaps, prio, Run, Src};
use crate::tokenize::{CAP, NUMBER, SENT_START, SHOUT, WORD};

/// Words after a weekday that make it a feast or an event's name (folded).
const WEEKDAY_NAME_FOLLOWERS: &[&str] = &["gras", "saint", "sainte", "noir", "noire"];

/// Words before a weekday that make it habitual or generic (folded): « le lundi », « chaque
/// lundi », « un dimanche », « du lundi au vendredi ».
const WEEKDAY_GENERIC_BEFORE: &[&str] =
    &["le", "les", "un", "chaque", "tous", "toutes", "du", "au"];

/// Words before a month that make it a time (folded): « en mars », « dès mars », « fin mai ».
const MONTH_CUES: &[&str] = &[
    "en", "depuis", "des", "debut", "fin", "courant", "avant", "apres", "vers", "jusqu'en", "entre",
];

/// Words before « le » + a day number that make it a date (folded): « depuis le 9 ».
const DAY_CUES: &[&str] = &["depuis", "des", "avant", "apres", "lieu", "prevu", "prevue"];

impl Run<'_> {
    /// Finds relative dates and decades at the tokens the date phase gathered
    /// (`Bufs::relative_starts`). The date phase's candidates (`Run::dates`), sorted and not
    /// overlapping, are full dates that a relative date must not cut into (« mardi 26
    /// novembre » is one date).
    #[inline(never)]
    pub(crate) fn relative_date_phase(&mut self) {
        let mut found: Vec<(usize, usize, Option<Value>, &'static str)> = Vec::new();
        // The last month taken, for « en mars et [avril] ».
        let mut last_month = usize::MAX;
        // The tokens the date phase gathered: calendar and relative-date words, numbers.
        let starts = std::mem::take(&mut self.bufs.relative_starts);
        // Tokens before this one are inside a relative date already taken.
        let mut i = 0;
        for &k in &starts {
            let k = k as usize;
            if k < i {
                continue;
            }
            i = k + 1;
            let hit = if self.is(k, class::CALENDAR) {
                if DAYS.contains(&self.word(k)) {
                    self.weekday_at(k)
                } else {
                    let m = self.month_at(k, last_month);
                    if m.is_some() {
                        last_month = k;
                    }
                    m
                }
            } else if self.is(k, class::RELATIVE_DATE) {
                match self.word(k).as_bytes() {
                    [b'm', b'i', b'-', ..] => self.mid_month_at(k),
                    [b'1', ..] => self.day_alone_at(k),
                    _ => self.relative_word_at(k),
                }
            } else {
                self.day_alone_at(k)
            };
            let Some((ts, te, value, rule)) = hit else {
                continue;
            };
            let (fs, fe) = (self.tokens[ts].fs as usize, self.tokens[te - 1].fe as usize);
            // « mi-mars »: the month inside the word.
            let fs = if ts == k && self.word(k).starts_with("mi-") {
                fs + 3
            } else {
                fs
            };
            // A decade is longer than the year the date phase found in it (« années [1990] »)
            // and wins over it; any other relative date gives way to a full date.
            if rule != "date-decade" && overlaps(&self.cands[self.dates.clone()], fs, fe) {
                continue;
            }
            found.push((fs, fe, value, rule));
            i = i.max(te);
        }
        self.bufs.relative_starts = starts;
        for (fs, fe, value, rule) in found {
            self.push_span(
                fs,
                fe,
                Kind::Date,
                None,
                value,
                Src::Rule(rule),
                prio::RELATIVE_DATE,
            );
        }
    }

    /// Whether token `i` is written as a date word may be: in lower case, or capitalised as
    /// the first word of a sentence, or in a headline.
    fn date_case(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else {
            return false;
        };
        !t.has(CAP) || t.has(SHOUT) || t.has(SENT_START)
    }

    /// Whether token `i` is a capitalised word in running text (not a headline).
    fn cap_in_text(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.flags & (WORD | CAP | SHOUT) == WORD | CAP)
    }

    /// The folded word before token `i` (empty at the start).
    fn prev_word(&self, i: usize, back: usize) -> &str {
        i.checked_sub(back).map_or("", |j| self.word(j))
    }

    /// « dernier », « prochain », « passé » (and their feminine forms when `feminine`) at
    /// token `i`.
    fn relative_follower(&self, i: usize, feminine: bool) -> bool {
        match self.word(i) {
            "dernier" | "prochain" => !feminine,
            "derniere" | "prochaine" => feminine,
            // « passé », not the verb « passe » (the accent, composed or not, read on the
            // original).
            "passe" => !feminine && self.orig_word(i).ends_with(['é', 'É', '\u{301}']),
            "passee" => feminine,
            _ => false,
        }
    }

    /// A weekday used as a date at token `i`: its tokens (with « dernier », « prochain »,
    /// « passé »).
    fn weekday_at(&self, i: usize) -> Option<(usize, usize, Option<Value>, &'static str)> {
        let t = self.tokens[i];
        // « Mardi » inside a sentence is a name (« le Journal du Dimanche »).
        if !self.date_case(i) {
            return None;
        }
        let next = self.word(i + 1);
        if WEEKDAY_NAME_FOLLOWERS.contains(&next)
            || (t.has(CAP) && !t.has(SHOUT) && self.cap_in_text(i + 1))
        {
            return None;
        }
        if WEEKDAY_GENERIC_BEFORE.contains(&self.prev_word(i, 1)) {
            return None;
        }
        let te = if self.relative_follower(i + 1, false) {
            i + 2
        } else {
            i + 1
        };
        Some((i, te, None, "date-relative"))
    }

    /// A month used as a date at token `i` (`last_month`: the last month taken, for
    /// coordination).
    fn month_at(
        &self,
        i: usize,
        last_month: usize,
    ) -> Option<(usize, usize, Option<Value>, &'static str)> {
        let t = self.tokens[i];
        let capitalised = t.has(CAP) && !t.has(SHOUT);
        // « mai 68 »: an event.
        let next = self.word(i + 1);
        if next.len() == 2 && self.tok_has(i + 1, NUMBER) {
            return None;
        }
        if self.relative_follower(i + 1, false) {
            // « Mars dernier, … » at a sentence start; never « Avril » inside one.
            return (!capitalised || t.has(SENT_START)).then_some((
                i,
                i + 2,
                None,
                "date-relative",
            ));
        }
        if capitalised {
            return None;
        }
        let prev = self.prev_word(i, 1);
        let cued = MONTH_CUES.contains(&prev)
            // « au mois de mai », « au mois d'octobre ».
            || (matches!(prev, "de" | "d'") && self.prev_word(i, 2) == "mois")
            // « d'ici juin ».
            || (prev == "ici" && self.prev_word(i, 2) == "d'")
            // « jusqu'à juin ».
            || (i >= 1 && self.is_a_grave(i - 1) && self.prev_word(i, 2) == "jusqu'")
            // « en mars et avril », « de mars à mai » once « mars » is a date.
            || (i >= 2
                && last_month == i - 2
                && (matches!(prev, "et" | "ou" | ",") || self.is_a_grave(i - 1)));
        cued.then_some((i, i + 1, None, "date-relative"))
    }

    /// « mi-mars »: the month inside a hyphenated word at token `i`.
    fn mid_month_at(&self, i: usize) -> Option<(usize, usize, Option<Value>, &'static str)> {
        let month = self.word(i).strip_prefix("mi-")?;
        (super::lexical::MONTHS.contains(&month) && self.date_case(i)).then_some((
            i,
            i + 1,
            None,
            "date-relative",
        ))
    }

    /// « hier », « aujourd'hui », « la semaine dernière », « cette année », « les années
    /// 1990 »… at token `i`.
    fn relative_word_at(&self, i: usize) -> Option<(usize, usize, Option<Value>, &'static str)> {
        let w = self.word(i);
        let prev = self.prev_word(i, 1);
        let relative = |ts, te| Some((ts, te, None, "date-relative"));
        match w {
            "hier" | "avant-hier" | "aujourd'hui" | "demain" | "apres-demain" => {
                // « Demain » capitalised inside a sentence is a name (a title, a party).
                self.date_case(i)
                    .then_some((i, i + 1, None, "date-relative"))
            }
            "semaine" | "annee" if self.relative_follower(i + 1, true) => relative(i, i + 2),
            "mois" | "an" if self.relative_follower(i + 1, false) => relative(i, i + 2),
            // « cette année 2016 »: the year is the date.
            "semaine" | "annee" if prev == "cette" && !self.tok_has(i + 1, NUMBER) => {
                relative(i - 1, i + 1)
            }
            "mois-ci" if prev == "ce" => relative(i - 1, i + 1),
            "annees" => {
                let value = decade(self.word(i + 1))?;
                // « années 1980-1990 » and the like are left to the year rule.
                if !self.tok_has(i + 1, NUMBER) {
                    return None;
                }
                Some((i, i + 2, Some(value), "date-decade"))
            }
            _ => None,
        }
    }

    /// « le 9 », a day of the month alone, at the number token `i`: only where it reads as a
    /// date (see the module's doc).
    fn day_alone_at(&self, i: usize) -> Option<(usize, usize, Option<Value>, &'static str)> {
        let w = self.word(i);
        let day: u32 = if w == "1er" { 1 } else { w.parse().ok()? };
        if !(1..=31).contains(&day) || w.starts_with('0') || i == 0 {
            return None;
        }
        // « le 9 », or « jusqu'au 9 ».
        let before = match self.word(i - 1) {
            "le" if self.date_case(i - 1) => self.prev_word(i, 2),
            "au" if self.prev_word(i, 2) == "jusqu'" => "depuis",
            _ => return None,
        };
        let opens = i < 2
            || self.tok_has(i - 1, SENT_START)
            || matches!(before, "," | "(" | "—" | "-")
            || DAY_CUES.contains(&before)
            || self.is_participle(i - 2);
        if !opens {
            return None;
        }
        let next = self.word(i + 1);
        let closes = i + 1 >= self.tokens.len()
            || matches!(next, "," | "." | ";" | ":" | ")" | "!" | "?")
            || (next == "au" && matches!(self.word(i + 2), "soir" | "matin"));
        closes.then_some((i, i + 1, None, "date-relative"))
    }

    /// A past participle at token `i` (« arrêté le 9 », « rendue le 9 »): in -é, -ée, -és, -ées,
    /// read on the original, where the accent tells it from the present (« arrête »), or in
    /// -u, -ue, -us, -ues.
    fn is_participle(&self, i: usize) -> bool {
        if self.tok_has(i, CAP) {
            return false;
        }
        let w = self.orig_word(i);
        let w = w.strip_suffix('s').unwrap_or(w);
        let w = match w.strip_suffix('e') {
            Some(stem) if stem.ends_with(['é', 'u']) => stem,
            _ => w,
        };
        w.ends_with('é') || (w.ends_with('u') && w.len() >= 4)
    }
}

/// The interval of the decade a number names after « années »: « 1990 » → 1990–1999, « 90 » →
/// 1990–1999, « 2000 » → 2000–2009; two digits are the twentieth century but for « 00 ».
fn decade(number: &str) -> Option<Value> {
    let b = number.as_bytes();
    if !b.iter().all(u8::is_ascii_digit) || b.last() != Some(&b'0') {
        return None;
    }
    let start: i32 = match b.len() {
        4 => number.parse().ok().filter(|y| (1000..=2090).contains(y))?,
        2 if number == "00" => 2000,
        2 => 1900 + number.parse::<i32>().ok()?,
        _ => return None,
    };
    Some(Value::Interval(start.to_string(), (start + 9).to_string()))
}

#[cfg(test)]
mod tests {
    use super::decade;
    use crate::Value;

    #[test]
    fn decades() {
        let iv = |a: &str, b: &str| Some(Value::Interval(a.into(), b.into()));
        assert_eq!(decade("1990"), iv("1990", "1999"));
        assert_eq!(decade("90"), iv("1990", "1999"));
        assert_eq!(decade("2000"), iv("2000", "2009"));
        assert_eq!(decade("00"), iv("2000", "2009"));
        assert_eq!(decade("1995"), None);
        assert_eq!(decade("990"), None);
        assert_eq!(decade("9"), None);
    }
}
