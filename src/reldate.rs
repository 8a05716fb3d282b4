//! The values of relative dates, from the document's date: « hier » in an article of Wednesday
//! 27 November 2024 is 2024-11-26.
//!
//! The flat phase (`rules/reldates.rs`) finds the relative dates (rule `date-relative`) without
//! a value; [`resolve`] reads each one's text, and for a weekday, a month or a day alone the
//! tense of its sentence, and sets its ISO 8601 value. It also gives their year to the dates of
//! the date rule that have none (« le 22 mars dernier », « mardi 26 novembre », « les 9 et 10
//! novembre »), and checks their weekday once the year is known:
//!
//! | text | value, for a document dated Wednesday 2024-11-27 |
//! |---|---|
//! | « hier », « avant-hier », « aujourd'hui », « demain », « après-demain » | 2024-11-26, -25, -27, -28, -29 |
//! | « mardi » in a past or present sentence / a future one | the most recent Tuesday, that day included: 2024-11-26 / the next, that day included: 2024-12-03 |
//! | « mardi dernier », « mardi passé » / « mardi prochain » | the last Tuesday strictly before / the first strictly after the day |
//! | « mars », « en mars » (past / future sentence) | the most recent March, this month included: 2024-03 / the next: 2025-03 |
//! | « mars dernier » / « mars prochain » | the last March before this month: 2024-03 / the first after it: 2025-03 |
//! | « la semaine dernière », « cette semaine », « la semaine prochaine » | the Monday–Sunday week: 2024-11-18/2024-11-24, 2024-11-25/2024-12-01, 2024-12-02/2024-12-08 |
//! | « le mois dernier », « ce mois-ci », « le mois prochain » | 2024-10, 2024-11, 2024-12 |
//! | « l'an dernier », « l'année dernière », « cette année », « l'an prochain » | 2023, 2024, 2025 |
//! | « le 22 mars dernier » / « le 22 mars » (past / future / unmarked) | 2024-03-22 / 2024-03-22, 2025-03-22, the nearest: 2025-03-22; a weekday written before the day (« vendredi 20 décembre ») picks the year where the day has it, within 250 days of the document date, and the entity warns when none does |
//! | « jeudi 28 » (a weekday and a day) | the 28th that is a Thursday, in the two months before the document's, its own or the two after: 2024-11-28; the nearest 28th and a warning when none is |
//! | « le 9 » (past / future / unmarked sentence) | the most recent 9th: 2024-11-09 / the next: 2024-12-09 / the nearest (the earlier on a tie): 2024-12-09, 12 days ahead against 18 back |
//!
//! The tense is that of the nearest marker, in words, within the date's clause (up to « et »,
//! « que », « mais »… and the sentence's end) and at most [`CONTEXT_BYTES`] either side:
//! future for a verb in the futur simple, « va », « doit », « devrait », « prévu »,
//! « attendu », « prochain »…; past for « a », « ont », « avait », « était », the imparfait.
//! A past participle just before the date (« signé le 22 mars », « publié mardi ») makes it
//! past at once, unless it sets a date to come (« programmé », « reporté », « fixé »).
//! « Il a annoncé mardi qu'il viendra » is past for « mardi ». With no marker a weekday or a
//! month is read as the past (news reports what happened).
//!
//! What it does not try: dates relative to another date of the text (« le lendemain », « trois
//! jours plus tard »), durations (« depuis trois semaines »), times of day, and seasons.

use crate::entity::{Entity, Kind, Source, Value};
use crate::normalize::fold;
use crate::Date;

/// How far from a relative date its sentence is read for the tense, each side, in bytes.
pub(crate) const CONTEXT_BYTES: usize = 240;

/// Whether a sentence speaks of the past (or the present) or of the future.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tense {
    /// The default: news reports what happened.
    Past,
    /// A verb in the future, « va », « doit », « prévu »…
    Future,
    /// No marker: a weekday or a month is then read as the past (news reports what
    /// happened), a day of the month as the nearest.
    Unmarked,
}

/// Sets the value of every relative date of `entities` (rule `date-relative`, no value yet)
/// from the document's `date`; `text` is the text the entities were found in, read around a
/// weekday or month alone for its tense. Each entity reads at most [`CONTEXT_BYTES`] of text
/// each side: linear in the number of entities.
pub(crate) fn resolve(text: &str, entities: &mut [Entity], date: Date) {
    for e in entities.iter_mut() {
        if e.kind != Kind::Date || e.value.is_some() {
            continue;
        }
        let Source::Rule(rule) = &e.source else {
            continue;
        };
        if rule == "date" {
            // « le 22 mars », « mardi 26 novembre »: a day and a month without a year.
            let folded = fold(&e.text);
            if let Some(days) = DayMonth::parse(&folded) {
                let tense = tense_around(text, e.start, e.end);
                let (value, mismatch) = days.value(date, tense);
                e.value = value;
                if let Some((day, written)) = mismatch {
                    e.warning = Some(crate::date::weekday_mismatch(day, written).into());
                }
            }
            continue;
        }
        if rule != "date-relative" {
            continue;
        }
        let folded = fold(&e.text);
        let tense = if needs_tense(&folded) {
            tense_around(text, e.start, e.end)
        } else {
            Tense::Unmarked
        };
        e.value = value_of(&folded, tense, date);
    }
}

/// Whether the value of a relative date (folded) depends on the tense: a weekday, a month or
/// a day of the month alone.
fn needs_tense(folded: &str) -> bool {
    let mut words = folded.split_whitespace();
    let first = words.next().unwrap_or("");
    words.next().is_none()
        && (weekday(first).is_some()
            || month(first).is_some()
            || first.starts_with(|c: char| c.is_ascii_digit()))
}

/// The weekday a folded word names, 0 for Monday.
fn weekday(w: &str) -> Option<u32> {
    crate::rules::DAYS
        .iter()
        .position(|d| *d == w)
        .map(|p| p as u32)
}

/// The month a folded word names, 1 for January.
fn month(w: &str) -> Option<u32> {
    crate::rules::MONTHS
        .iter()
        .position(|m| *m == w)
        .map(|p| p as u32 + 1)
}

/// Which way a relative date points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direction {
    /// « dernier », « passé »: strictly before.
    Last,
    /// « prochain »: strictly after.
    Next,
    /// Alone: the tense decides, the reference period included.
    Bare,
}

/// The direction a follower gives (« dernier »…), agreeing with a feminine noun or not.
fn direction(follower: Option<&str>, feminine: bool) -> Option<Direction> {
    match (follower, feminine) {
        (None, _) => Some(Direction::Bare),
        (Some("dernier" | "passe"), false) | (Some("derniere" | "passee"), true) => {
            Some(Direction::Last)
        }
        (Some("prochain"), false) | (Some("prochaine"), true) => Some(Direction::Next),
        _ => None,
    }
}

/// The value of the relative date `folded` (its text, folded) for a document of `date`, in a
/// sentence of `tense`; `None` for a text the flat phase does not give.
pub(crate) fn value_of(folded: &str, tense: Tense, date: Date) -> Option<Value> {
    let mut words = folded.split_whitespace();
    let first = words.next()?;
    let second = words.next();
    if words.next().is_some() {
        return None;
    }
    let day = |d: Date| Some(Value::Date(d.to_string()));
    let month_of = |d: Date| Some(Value::Date(format!("{:04}-{:02}", d.year(), d.month())));
    let year = |y: i32| Some(Value::Date(format!("{y:04}")));
    let week = |d: Date| {
        let monday = d.add_days(-i64::from(d.weekday()));
        Some(Value::Interval(
            monday.to_string(),
            monday.add_days(6).to_string(),
        ))
    };
    match (first, second) {
        ("hier", None) => day(date.add_days(-1)),
        ("avant-hier", None) => day(date.add_days(-2)),
        ("aujourd'hui", None) => day(date),
        ("demain", None) => day(date.add_days(1)),
        ("apres-demain", None) => day(date.add_days(2)),
        ("cette", Some("semaine")) => week(date),
        ("semaine", Some(f)) => match direction(Some(f), true)? {
            Direction::Last => week(date.add_days(-7)),
            Direction::Next => week(date.add_days(7)),
            Direction::Bare => None,
        },
        ("ce", Some("mois-ci")) => month_of(date),
        ("mois", Some(f)) => match direction(Some(f), false)? {
            Direction::Last => month_of(date.add_months(-1)),
            Direction::Next => month_of(date.add_months(1)),
            Direction::Bare => None,
        },
        ("cette", Some("annee")) => year(date.year()),
        ("an", Some(f)) => match direction(Some(f), false)? {
            Direction::Last => year(date.year() - 1),
            Direction::Next => year(date.year() + 1),
            Direction::Bare => None,
        },
        ("annee", Some(f)) => match direction(Some(f), true)? {
            Direction::Last => year(date.year() - 1),
            Direction::Next => year(date.year() + 1),
            Direction::Bare => None,
        },
        (w, f) => {
            let dir = direction(f, false)?;
            if let Some(wd) = weekday(w) {
                day(weekday_date(date, wd, dir, tense))
            } else if let Some(m) = month(w) {
                let y = month_year(date, m, dir, tense);
                Some(Value::Date(format!("{y:04}-{m:02}")))
            } else if f.is_none() {
                let n: u32 = if w == "1er" { 1 } else { w.parse().ok()? };
                day(day_of_month(date, n, tense)?)
            } else {
                None
            }
        }
    }
}

/// The day of weekday `wd` (0 = Monday) that a text of `date` means.
fn weekday_date(date: Date, wd: u32, dir: Direction, tense: Tense) -> Date {
    let today = date.weekday();
    // Days back to the most recent `wd` (0 when it is today), and ahead to the next one.
    let back = i64::from((today + 7 - wd) % 7);
    let ahead = i64::from((wd + 7 - today) % 7);
    match (dir, tense) {
        (Direction::Last, _) => date.add_days(-if back == 0 { 7 } else { back }),
        (Direction::Next, _) => date.add_days(if ahead == 0 { 7 } else { ahead }),
        (Direction::Bare, Tense::Past | Tense::Unmarked) => date.add_days(-back),
        (Direction::Bare, Tense::Future) => date.add_days(ahead),
    }
}

/// The year of month `m` that a text of `date` means.
fn month_year(date: Date, m: u32, dir: Direction, tense: Tense) -> i32 {
    let (y, now) = (date.year(), date.month());
    match (dir, tense) {
        (Direction::Last, _) if m < now => y,
        (Direction::Last, _) => y - 1,
        (Direction::Next, _) if m > now => y,
        (Direction::Next, _) => y + 1,
        (Direction::Bare, Tense::Past | Tense::Unmarked) if m <= now => y,
        (Direction::Bare, Tense::Past | Tense::Unmarked) => y - 1,
        (Direction::Bare, Tense::Future) if m >= now => y,
        (Direction::Bare, Tense::Future) => y + 1,
    }
}

/// The day `n` of a month near `date` that a text of `date` means: the most recent one in
/// the past (that day included), the next one in the future (likewise), and unmarked the
/// nearest of the three around it (the earlier on a tie). Months without a day `n` are
/// skipped.
fn day_of_month(date: Date, n: u32, tense: Tense) -> Option<Date> {
    let first = Date::new(date.year(), date.month(), 1)?;
    // Two months back, for a 31st after a month of 30 days.
    let days = [-2, -1, 0, 1, 2].into_iter().filter_map(|dm| {
        let m = first.add_months(dm);
        Date::new(m.year(), m.month(), n)
    });
    match tense {
        Tense::Past => days.filter(|&d| d <= date).max(),
        Tense::Future => days.filter(|&d| d >= date).min(),
        Tense::Unmarked => days.min_by_key(|&d| (date.days_until(d).abs(), d)),
    }
}

/// How far from the document date a weekday may pick the year of a day and month (« vendredi
/// 20 décembre »): a weekday is written for days near the article, and a day a year away with
/// the right weekday is likelier a slip than the meaning.
const WEEKDAY_REACH_DAYS: i64 = 250;

/// A day and month without a year, as the date rule reads them: « 22 mars dernier », « mardi
/// 26 novembre », « 9 et 10 novembre », « 9 au 12 mai »; or a weekday and a day without a month,
/// « jeudi 26 ».
#[derive(Debug, PartialEq, Eq)]
struct DayMonth {
    /// The weekday written before the days, 0 for Monday.
    weekday: Option<u32>,
    days: Vec<u32>,
    /// « au », « - »: the days are the ends of an interval.
    interval: bool,
    /// The month; none in « jeudi 26 ».
    month: Option<u32>,
    direction: Direction,
}

impl DayMonth {
    /// Reads the folded text of a date entity; `None` unless it is days and a month, with a
    /// weekday before and « dernier » or « prochain » after or not, or a weekday and one day.
    fn parse(folded: &str) -> Option<DayMonth> {
        let mut words = folded
            .split(|c: char| c.is_whitespace() || c == ',')
            .flat_map(|w| {
                // « 10-11 »: two days and the interval between.
                let mut parts = w.split('-');
                let first = parts.next().into_iter();
                first.chain(parts.flat_map(|p| ["-", p]))
            })
            .filter(|w| !w.is_empty())
            .peekable();
        let weekday = words.peek().and_then(|w| weekday(w));
        if weekday.is_some() {
            words.next();
        }
        let mut days = Vec::new();
        let mut interval = false;
        let month = loop {
            let Some(w) = words.next() else {
                // « jeudi 26 ».
                if weekday.is_some() && days.len() == 1 && !interval {
                    break None;
                }
                return None;
            };
            match w {
                "1er" => days.push(1),
                "er" if days.last() == Some(&1) => {}
                "et" | "ou" => {}
                "au" | "a" | "-" => interval = true,
                _ if w.starts_with(|c: char| c.is_ascii_digit()) => days.push(w.parse().ok()?),
                _ => break Some(crate::rules::month_number(w)?),
            }
        };
        let direction = direction(words.next(), false)?;
        if days.is_empty() || words.next().is_some() {
            return None;
        }
        Some(DayMonth {
            weekday,
            days,
            interval,
            month,
            direction,
        })
    }

    /// The value for a document of `date` in a sentence of `tense`, and, when the weekday
    /// written is not that of the day, the day and the weekday written.
    ///
    /// The year is the one of the day the direction and tense give (as for a day of the month
    /// alone, [`day_of_month`], over the year before, this one and the next); but a weekday
    /// written before a single day picks, among those that fall within
    /// [`WEEKDAY_REACH_DAYS`] of the document date (and before or after it for « dernier »,
    /// « prochain », whatever the tense), the one where the day has that weekday (« vendredi
    /// 20 décembre » in June: this December, not the last). Without a month
    /// (« jeudi 26 »), the months are the two before the document's, its own and the two
    /// after.
    fn value(&self, date: Date, tense: Tense) -> (Option<Value>, Option<(Date, u32)>) {
        let first = self.days[0];
        let y = date.year();
        let near: Vec<Date> = match self.month {
            Some(m) => [y - 1, y, y + 1]
                .iter()
                .filter_map(|&y| Date::new(y, m, first))
                .collect(),
            None => {
                let Some(month_start) = Date::new(y, date.month(), 1) else {
                    return (None, None);
                };
                (-2..=2)
                    .filter_map(|dm| {
                        let m = month_start.add_months(dm);
                        Date::new(m.year(), m.month(), first)
                    })
                    .collect()
            }
        };
        // « dernier » and « prochain » are the text's own word: they always hold. The tense
        // yields to a weekday, which names the day better than a verb does.
        let candidates = near.into_iter().filter(|&d| match self.direction {
            Direction::Last => d < date,
            Direction::Next => d > date,
            Direction::Bare => true,
        });
        let in_tense = |d: &Date| match (self.direction, tense) {
            (Direction::Bare, Tense::Past) => *d <= date,
            (Direction::Bare, Tense::Future) => *d >= date,
            _ => true,
        };
        let nearest = |d: &Date| date.days_until(*d).abs();
        let by_tense = || candidates.clone().filter(in_tense).min_by_key(nearest);
        let pick = match self.weekday {
            Some(wd) if self.days.len() == 1 => candidates
                .clone()
                .filter(|d| d.weekday() == wd && nearest(d) <= WEEKDAY_REACH_DAYS)
                .min_by_key(nearest)
                .or_else(by_tense),
            _ => by_tense(),
        };
        let Some(day) = pick else {
            return (None, None);
        };
        let (y, m) = (day.year(), day.month());
        let mut isos = Vec::with_capacity(self.days.len());
        for &d in &self.days {
            match Date::new(y, m, d) {
                Some(x) => isos.push(x.to_string()),
                None => return (None, None),
            }
        }
        let value = match isos.len() {
            1 => Value::Date(isos.remove(0)),
            2 if self.interval && self.days[0] < self.days[1] => {
                let b = isos.remove(1);
                Value::Interval(isos.remove(0), b)
            }
            _ if self.interval => return (None, None),
            _ => Value::Dates(isos),
        };
        let mismatch = match self.weekday {
            Some(wd) if self.days.len() == 1 && day.weekday() != wd => Some((day, wd)),
            _ => None,
        };
        (Some(value), mismatch)
    }
}

/// The tense of the sentence around bytes `start..end` of `text` (see the module's doc).
pub(crate) fn tense_around(text: &str, start: usize, end: usize) -> Tense {
    let (before, after) = sentence_around(text, start, end);
    // The nearest marker before the date, and after it, with its distance in words.
    // A conjunction opens another clause, with its own tense: « il a dit mardi qu'il viendra ».
    let nearest = |words: &mut dyn Iterator<Item = &str>| {
        words
            .filter(|w| !w.is_empty())
            .take_while(|w| {
                !(w.starts_with("qu'") || CLAUSE_WORDS.iter().any(|c| c.eq_ignore_ascii_case(w)))
            })
            .enumerate()
            .find_map(|(k, w)| marker(w).map(|t| (k, t)))
    };
    // « signé le 22 mars », « publié le 9 »: a past participle just before the date.
    let mut last_two = before
        .split(|c: char| !is_word_char(c))
        .rev()
        .filter(|w| !w.is_empty());
    let participle = match (last_two.next(), last_two.next()) {
        (Some("le" | "ce"), Some(w)) | (Some(w), _) => is_past_participle(w),
        _ => false,
    };
    if participle {
        return Tense::Past;
    }
    let before_marker = nearest(&mut before.split(|c: char| !is_word_char(c)).rev());
    let after_marker = nearest(&mut after.split(|c: char| !is_word_char(c)));
    match (before_marker, after_marker) {
        (Some((kb, tb)), Some((ka, ta))) => {
            if ka < kb {
                ta
            } else if kb < ka {
                tb
            } else if tb == Tense::Future && ta == Tense::Future {
                Tense::Future
            } else {
                Tense::Past
            }
        }
        (Some((_, t)), None) | (None, Some((_, t))) => t,
        (None, None) => Tense::Unmarked,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '-'
}

/// The text of the sentence before `start` and after `end`, each at most [`CONTEXT_BYTES`]
/// long (cut at char boundaries).
fn sentence_around(text: &str, start: usize, end: usize) -> (&str, &str) {
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '\n' | '«' | '»' | '"' | ';');
    let mut from = start.saturating_sub(CONTEXT_BYTES);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..start];
    // The mark may be « or » (two bytes): the sentence starts after the whole char.
    let before = before.rfind(is_end).map_or(before, |p| {
        &before[p + before[p..].chars().next().map_or(1, char::len_utf8)..]
    });
    let mut to = (end + CONTEXT_BYTES).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let after = &text[end..to];
    let after = after.find(is_end).map_or(after, |p| &after[..p]);
    (before, after)
}

/// Participles that set a date to come (« programmé le 5 décembre », « reporté au 9 »).
const FUTURE_PARTICIPLES: &[&str] = &[
    "programme",
    "fixe",
    "reporte",
    "repousse",
    "planifie",
    "annonce",
    "decale",
];

/// A past participle in -é, -ée, -és, -ées (the accent read on the original), other than those
/// that set a date to come.
fn is_past_participle(w: &str) -> bool {
    let stem = w.strip_suffix('s').unwrap_or(w);
    let stem = stem
        .strip_suffix('e')
        .filter(|s| s.ends_with('é'))
        .unwrap_or(stem);
    stem.ends_with('é')
        && stem.chars().count() >= 3
        && !FUTURE_PARTICIPLES.contains(&fold(stem).as_str())
}

/// Words that open another clause (lower case; « qu'il » too): the tense is read up to them.
const CLAUSE_WORDS: &[&str] = &["et", "mais", "que", "qu", "car", "puis", "ou", "où", "si"];

/// Future markers (folded).
const FUTURE_WORDS: &[&str] = &[
    "va",
    "vont",
    "vais",
    "ira",
    "iront",
    "doit",
    "doivent",
    "devrait",
    "devraient",
    "devra",
    "devront",
    "sera",
    "seront",
    "aura",
    "auront",
    "fera",
    "feront",
    "pourra",
    "pourront",
    "prochain",
    "prochaine",
    "prevu",
    "prevue",
    "prevus",
    "prevues",
    "attendu",
    "attendue",
    "attendus",
    "attendues",
    "demain",
    "compte",
    "entend",
    "envisage",
];

/// Past markers (folded): auxiliaries of the passé composé and plus-que-parfait, passé simple
/// of être and avoir (« à » is told from « a » before folding).
const PAST_WORDS: &[&str] = &[
    "a", "ont", "avait", "avaient", "eu", "ete", "fut", "furent", "etait", "etaient", "hier",
];

/// Nouns that end like a verb in the futur simple (folded).
const NOT_FUTURE: &[&str] = &["camera", "opera", "cholera", "riviera", "sierra", "contra"];

/// The tense a word of the original text marks, if any.
fn marker(word: &str) -> Option<Tense> {
    // « à » folds to « a », the auxiliary: read it before folding.
    if matches!(word, "à" | "À" | "a\u{300}" | "A\u{300}") {
        return None;
    }
    let folded;
    let w = if word.is_ascii() {
        folded = word.to_ascii_lowercase();
        folded.as_str()
    } else {
        folded = fold(word);
        folded.as_str()
    };
    if FUTURE_WORDS.contains(&w) {
        return Some(Tense::Future);
    }
    if PAST_WORDS.contains(&w) {
        return Some(Tense::Past);
    }
    // The futur simple: « viendra », « annoncera », « partiront ».
    let future_ending = [
        "era", "ira", "dra", "rra", "eront", "iront", "dront", "rront",
    ]
    .iter()
    .any(|e| w.ends_with(e));
    if w.len() >= 5 && future_ending && !NOT_FUTURE.contains(&w) {
        return Some(Tense::Future);
    }
    // The imparfait: « disait », « étaient ».
    if w.len() >= 5 && (w.ends_with("ait") || w.ends_with("aient")) && !w.ends_with("rait") {
        return Some(Tense::Past);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn v(folded: &str, tense: Tense) -> Option<String> {
        match value_of(folded, tense, d("2024-11-27"))? {
            Value::Date(s) => Some(s),
            Value::Interval(a, b) => Some(format!("{a}/{b}")),
            other => Some(format!("{other:?}")),
        }
    }

    #[test]
    fn days_around_the_document_date() {
        let p = Tense::Past;
        assert_eq!(v("hier", p).as_deref(), Some("2024-11-26"));
        assert_eq!(v("avant-hier", p).as_deref(), Some("2024-11-25"));
        assert_eq!(v("aujourd'hui", p).as_deref(), Some("2024-11-27"));
        assert_eq!(v("demain", p).as_deref(), Some("2024-11-28"));
        assert_eq!(v("apres-demain", p).as_deref(), Some("2024-11-29"));
    }

    #[test]
    fn weekdays_follow_the_tense_and_their_word() {
        let (p, f) = (Tense::Past, Tense::Future);
        // The document is a Wednesday.
        assert_eq!(v("mardi", p).as_deref(), Some("2024-11-26"));
        assert_eq!(v("mardi", f).as_deref(), Some("2024-12-03"));
        assert_eq!(v("mercredi", p).as_deref(), Some("2024-11-27"));
        assert_eq!(v("mercredi", f).as_deref(), Some("2024-11-27"));
        assert_eq!(v("jeudi", p).as_deref(), Some("2024-11-21"));
        assert_eq!(v("jeudi", f).as_deref(), Some("2024-11-28"));
        assert_eq!(v("mardi dernier", f).as_deref(), Some("2024-11-26"));
        assert_eq!(v("mercredi dernier", p).as_deref(), Some("2024-11-20"));
        assert_eq!(v("mercredi passe", p).as_deref(), Some("2024-11-20"));
        assert_eq!(v("mercredi prochain", p).as_deref(), Some("2024-12-04"));
        assert_eq!(v("lundi prochain", p).as_deref(), Some("2024-12-02"));
        assert_eq!(v("mardi derniere", p), None);
    }

    #[test]
    fn months_weeks_and_years() {
        let (p, f) = (Tense::Past, Tense::Future);
        assert_eq!(v("mars", p).as_deref(), Some("2024-03"));
        assert_eq!(v("mars", f).as_deref(), Some("2025-03"));
        assert_eq!(v("novembre", p).as_deref(), Some("2024-11"));
        assert_eq!(v("novembre", f).as_deref(), Some("2024-11"));
        assert_eq!(v("decembre", p).as_deref(), Some("2023-12"));
        assert_eq!(v("novembre dernier", p).as_deref(), Some("2023-11"));
        assert_eq!(v("mars dernier", p).as_deref(), Some("2024-03"));
        assert_eq!(v("mars prochain", p).as_deref(), Some("2025-03"));
        assert_eq!(v("decembre prochain", p).as_deref(), Some("2024-12"));
        assert_eq!(
            v("semaine derniere", p).as_deref(),
            Some("2024-11-18/2024-11-24")
        );
        assert_eq!(
            v("cette semaine", p).as_deref(),
            Some("2024-11-25/2024-12-01")
        );
        assert_eq!(
            v("semaine prochaine", p).as_deref(),
            Some("2024-12-02/2024-12-08")
        );
        assert_eq!(v("mois dernier", p).as_deref(), Some("2024-10"));
        assert_eq!(v("ce mois-ci", p).as_deref(), Some("2024-11"));
        assert_eq!(v("mois prochain", p).as_deref(), Some("2024-12"));
        assert_eq!(v("an dernier", p).as_deref(), Some("2023"));
        assert_eq!(v("annee derniere", p).as_deref(), Some("2023"));
        assert_eq!(v("annee passee", p).as_deref(), Some("2023"));
        assert_eq!(v("cette annee", p).as_deref(), Some("2024"));
        assert_eq!(v("an prochain", p).as_deref(), Some("2025"));
    }

    #[test]
    fn days_of_the_month_alone_follow_the_tense_or_are_the_nearest() {
        let (p, f) = (Tense::Past, Tense::Future);
        assert_eq!(v("9", p).as_deref(), Some("2024-11-09"));
        assert_eq!(v("9", f).as_deref(), Some("2024-12-09"));
        assert_eq!(v("27", f).as_deref(), Some("2024-11-27"));
        assert_eq!(v("31", f).as_deref(), Some("2024-12-31"));
        assert_eq!(v("31", p).as_deref(), Some("2024-10-31"));
        let p = Tense::Unmarked;
        assert_eq!(v("9", p).as_deref(), Some("2024-12-09"));
        assert_eq!(v("27", p).as_deref(), Some("2024-11-27"));
        assert_eq!(v("1er", p).as_deref(), Some("2024-12-01"));
        assert_eq!(v("20", p).as_deref(), Some("2024-11-20"));
        // 31 November does not exist: 31 October (27 days back) or 31 December (34 ahead).
        assert_eq!(v("31", p).as_deref(), Some("2024-10-31"));
        assert_eq!(v("32", p), None);
        let on = |n, day: &str| day_of_month(d(day), n, Tense::Unmarked).map(|x| x.to_string());
        assert_eq!(on(16, "2024-03-01").as_deref(), Some("2024-02-16"));
        assert_eq!(on(28, "2024-03-12").as_deref(), Some("2024-02-28"));
        assert_eq!(on(28, "2024-03-14").as_deref(), Some("2024-03-28"));
        // 15 days back or 15 ahead: the earlier.
        assert_eq!(on(1, "2024-04-16").as_deref(), Some("2024-04-01"));
    }

    #[test]
    fn the_nearest_tense_marker_wins() {
        let t = |s: &str| {
            // « mardi » or « Mardi ».
            let at = s.find("ardi").unwrap() - 1;
            tense_around(s, at, at + "mardi".len())
        };
        assert_eq!(t("Il a déclaré mardi que tout allait bien."), Tense::Past);
        assert_eq!(t("Le ministre se rendra mardi à Bamako."), Tense::Future);
        assert_eq!(t("Le président est attendu mardi à Dakar."), Tense::Future);
        assert_eq!(t("Il va signer mardi."), Tense::Future);
        assert_eq!(t("La réunion aura lieu mardi."), Tense::Future);
        assert_eq!(t("Réunion mardi."), Tense::Unmarked);
        assert_eq!(t("Il a dit mardi qu'il viendra."), Tense::Past);
        assert_eq!(t("Il a promis qu'il viendrait mardi."), Tense::Unmarked);
        assert_eq!(
            t("Il a annoncé mardi qu'il viendra en décembre."),
            Tense::Past
        );
        // The sentence before does not count.
        assert_eq!(t("Il viendra. Mardi, la réunion a eu lieu."), Tense::Past);
        assert_eq!(t("La caméra tournait mardi."), Tense::Past);
        assert_eq!(t("L'accord signé mardi sera appliqué."), Tense::Past);
        assert_eq!(t("Le vote programmé mardi sera décisif."), Tense::Future);
    }

    #[test]
    fn days_and_months_get_their_year() {
        let doc = d("2024-11-27");
        let value = |text: &str, tense| {
            let (v, warning) = DayMonth::parse(text).unwrap().value(doc, tense);
            let v = match v {
                Some(Value::Date(s)) => s,
                Some(Value::Interval(a, b)) => format!("{a}/{b}"),
                Some(Value::Dates(ds)) => ds.join(","),
                other => format!("{other:?}"),
            };
            (v, warning.map(|(day, wd)| (day.to_string(), wd)))
        };
        let (p, f, u) = (Tense::Past, Tense::Future, Tense::Unmarked);
        assert_eq!(value("22 mars dernier", u).0, "2024-03-22");
        assert_eq!(value("22 mars", f).0, "2025-03-22");
        assert_eq!(value("22 mars", u).0, "2025-03-22");
        assert_eq!(value("22 mars", p).0, "2024-03-22");
        assert_eq!(value("28 novembre", u).0, "2024-11-28");
        assert_eq!(value("27 novembre dernier", u).0, "2023-11-27");
        assert_eq!(value("1er decembre prochain", u).0, "2024-12-01");
        assert_eq!(value("1 er decembre", p).0, "2023-12-01");
        assert_eq!(value("9 et 10 novembre", p).0, "2024-11-09,2024-11-10");
        assert_eq!(value("9 au 12 mai", f).0, "2025-05-09/2025-05-12");
        assert_eq!(value("10-11 juin", p).0, "2024-06-10/2024-06-11");
        assert_eq!(value("lundi 20 janvier", u), ("2025-01-20".into(), None));
        // The weekday picks the year: in June 2024, 20 December 2023 (a Wednesday) is nearer
        // than 20 December 2024, a Friday.
        let june = |text: &str| DayMonth::parse(text).unwrap().value(d("2024-06-01"), u).0;
        assert_eq!(june("20 decembre"), Some(Value::Date("2023-12-20".into())));
        assert_eq!(
            june("vendredi 20 decembre"),
            Some(Value::Date("2024-12-20".into()))
        );
        // No year near enough fits (28 November 2023, a Tuesday, is a year back): the nearest
        // day, and the warning.
        assert_eq!(
            value("mardi 28 novembre", u),
            ("2024-11-28".into(), Some(("2024-11-28".into(), 1)))
        );
        // A weekday and a day: the month where the day has that weekday.
        assert_eq!(value("jeudi 28", u), ("2024-11-28".into(), None));
        assert_eq!(value("vendredi 13", u), ("2024-12-13".into(), None));
        assert_eq!(value("mardi 26", p), ("2024-11-26".into(), None));
        // The weekday before the tense: « ce jeudi 28, il a parlé » is tomorrow's date.
        assert_eq!(value("jeudi 28", p), ("2024-11-28".into(), None));
        // « dernier » before the weekday: 20 December 2024 is a Friday, but not a past one.
        assert_eq!(
            value("vendredi 20 decembre dernier", f),
            ("2023-12-20".into(), Some(("2023-12-20".into(), 4)))
        );
        assert_eq!(DayMonth::parse("26"), None);
        assert_eq!(DayMonth::parse("mardi 9 et 10"), None);
        assert_eq!(DayMonth::parse("novembre 2024"), None);
        assert_eq!(DayMonth::parse("28 novembre 2024"), None);
    }

    #[test]
    fn context_is_cut_at_char_boundaries() {
        let s = "è".repeat(400) + " mardi " + &"é".repeat(400);
        let at = s.find("mardi").unwrap();
        assert_eq!(tense_around(&s, at, at + 5), Tense::Unmarked);
    }
}
