//! Dates in the common French forms, with their ISO 8601 value when complete:
//! « jeudi 28 novembre 2024 », « les 9 et 10 novembre 2024 », « du 9 au 12 mai », « novembre
//! 2024 », « 1er janvier », « le 28/11/2024 », « en 2024 ». A weekday named before a complete
//! date is checked against it: « vendredi 28 novembre 2024 » keeps the value 2024-11-28 and
//! carries a warning (that day is a Thursday).
//!
//! A month or day name alone is not read here: when it is used as a date (« a déclaré
//! mardi », « en mars », « mars dernier ») the relative dates of `reldates.rs` take it, and not
//! inside a name (« Mardi gras », « Avril Lavigne »).

use super::class;
use super::lexical::MONTHS;
use crate::entity::{Kind, Value};
use crate::pipeline::{prio, Run, Src, Warning};
use crate::tokenize::{CAP, NUMBER, WORD};

/// The date pattern, as a regular expression on the folded text (lower case, no accents),
/// anchored at a candidate token. [`match_date`] reads it by hand, with the same result (a
/// `regex` search with captures costs thousands of instructions); the tests check the two
/// against each other.
#[cfg(test)]
const DATE_PATTERN: &str = r"(?x)
        ^(?:
        (?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?
        (?:(?P<days>(?:1\ ?er|[0-3]?[0-9])(?:\s*(?:,|et|-|au|a|ou)\s*(?:1\ ?er|[0-3]?[0-9]))*)\s+)?
        (?P<month>janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre
            |decembre|janv\.|fevr\.|fev\.|avr\.|juil\.|sept\.|oct\.|nov\.|dec\.)
        (?:\s+(?P<year>[12][0-9]{3})|\s+(?:dernier|derniere|prochain|prochaine))?
        |(?P<wd>(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+(?:1\ ?er|[0-3]?[0-9]))
        |(?P<nd>[0-3]?[0-9])(?P<sep>[/.])(?P<nm>[01]?[0-9])[/.](?P<ny>[12][0-9]{3}|[0-9]{2})
        |(?P<ya>1[5-9][0-9]{2}|20[0-9]{2})
        )";

/// Day names (folded), in the pattern's order.
const DAY_NAMES: &[&str] = &[
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// Month names and abbreviations (folded), in the pattern's order: the first that opens the
/// text is the month (« fevrier » before « fevr. »).
const MONTH_FORMS: &[&str] = &[
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
    "janv.",
    "fevr.",
    "fev.",
    "avr.",
    "juil.",
    "sept.",
    "oct.",
    "nov.",
    "dec.",
];

/// Separators between days (« 9 et 10 », « du 9 au 12 »), in the pattern's order (« au »
/// before « a »).
const DAY_SEPARATORS: &[&str] = &[",", "et", "-", "au", "a", "ou"];

/// Words that may follow a month instead of a year (« mai dernier »): « derniere » and
/// « prochaine » are never matched whole, as in the pattern, where the shorter form comes first.
const MONTH_FOLLOWERS: &[&str] = &["dernier", "prochain"];

/// The end of the run of white space (`\s*`, Unicode) that starts at byte `p` of `s`.
fn skip_space(s: &str, mut p: usize) -> usize {
    let b = s.as_bytes();
    while let Some(&c) = b.get(p) {
        if c < 0x80 {
            // ASCII white space: space, and tab to carriage return.
            if !matches!(c, b' ' | b'\t'..=b'\r') {
                break;
            }
            p += 1;
        } else {
            match s[p..].chars().next() {
                Some(c) if c.is_whitespace() => p += c.len_utf8(),
                _ => break,
            }
        }
    }
    p
}

/// The end of `\s+` at `p`: `None` without white space there.
fn space(s: &str, p: usize) -> Option<usize> {
    let e = skip_space(s, p);
    (e > p).then_some(e)
}

/// The end of the first of `words` that the text opens with at `p`.
fn word_at(s: &str, p: usize, words: &[&str]) -> Option<usize> {
    let rest = &s.as_bytes()[p..];
    words
        .iter()
        .find(|w| rest.starts_with(w.as_bytes()))
        .map(|w| p + w.len())
}

/// Whether byte `p` of `b` is an ASCII digit in `lo..=hi`.
fn digit_in(b: &[u8], p: usize, lo: u8, hi: u8) -> bool {
    b.get(p).is_some_and(|&c| (lo..=hi).contains(&c))
}

/// A number of one or two digits (`[lo-hi]?[0-9]`) at `p`: its end. Two digits when the first
/// is in `lo..=hi` and a digit follows (as the greedy pattern; a shorter match would leave a
/// digit that nothing after it accepts).
fn two_digits(b: &[u8], p: usize, lo: u8, hi: u8) -> Option<usize> {
    if digit_in(b, p, lo, hi) && digit_in(b, p + 1, b'0', b'9') {
        Some(p + 2)
    } else if digit_in(b, p, b'0', b'9') {
        Some(p + 1)
    } else {
        None
    }
}

/// A day number at `p` (`1\ ?er|[0-3]?[0-9]`: « 1er », « 1 er », « 9 », « 28 »): its end.
fn day_number(b: &[u8], p: usize) -> Option<usize> {
    let rest = &b[p..];
    if rest.starts_with(b"1 er") {
        Some(p + 4)
    } else if rest.starts_with(b"1er") {
        Some(p + 3)
    } else {
        two_digits(b, p, b'0', b'3')
    }
}

/// The days of a textual date at `p` (« 9 », « 9 et 10 », « 9, 10 et 11 », « 9 au 12 »): the end
/// of the last one. Each further day is taken when a separator and a day follow; a shorter
/// reading never lets the pattern go on (a separator is no month, and a shorter day leaves a
/// letter or digit that nothing accepts), so the first reading is the pattern's.
fn days_at(s: &str, p: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut e = day_number(b, p)?;
    loop {
        let q = skip_space(s, e);
        let Some(q) = word_at(s, q, DAY_SEPARATORS) else {
            return Some(e);
        };
        let q = skip_space(s, q);
        let Some(q) = day_number(b, q) else {
            return Some(e);
        };
        e = q;
    }
}

/// A match of the pattern's first branch (« 9 et 10 novembre 2024 »), as byte spans of the text.
struct Textual {
    /// The end of the match.
    end: usize,
    /// The days (« 9 et 10 »), if any.
    days: Option<(usize, usize)>,
    /// The month (« novembre », « nov. »).
    month: (usize, usize),
    /// The year (« 2024 »), if any.
    year: Option<(usize, usize)>,
}

/// The first branch of the pattern at `p`, after the optional day name: optional days, a month,
/// then a year or « dernier », « prochain ».
fn textual_at(s: &str, p: usize) -> Option<Textual> {
    let b = s.as_bytes();
    // A digit can only open days (no month starts with one).
    let (days, m) = if digit_in(b, p, b'0', b'9') {
        let d = days_at(s, p)?;
        (Some((p, d)), space(s, d)?)
    } else {
        (None, p)
    };
    let me = word_at(s, m, MONTH_FORMS)?;
    let mut end = me;
    let mut year = None;
    if let Some(y) = space(s, me) {
        if four_digit_year(b, y) {
            year = Some((y, y + 4));
            end = y + 4;
        } else if let Some(f) = word_at(s, y, MONTH_FOLLOWERS) {
            end = f;
        }
    }
    Some(Textual {
        end,
        days,
        month: (m, me),
        year,
    })
}

/// A numeric date at the start of `b` (`[0-3]?[0-9][/.][01]?[0-9][/.]([12][0-9]{3}|[0-9]{2})`):
/// the ends of the day, of the month, and of the year.
fn numeric_at(b: &[u8]) -> Option<(usize, usize, usize)> {
    let is_sep = |p: usize| matches!(b.get(p), Some(b'/' | b'.'));
    let nd = two_digits(b, 0, b'0', b'3').filter(|&e| is_sep(e))?;
    let nm = two_digits(b, nd + 1, b'0', b'1').filter(|&e| is_sep(e))?;
    let y = nm + 1;
    let ye = if four_digit_year(b, y) {
        y + 4
    } else if digit_in(b, y, b'0', b'9') && digit_in(b, y + 1, b'0', b'9') {
        y + 2
    } else {
        return None;
    };
    Some((nd, nm, ye))
}

/// Whether `[12][0-9]{3}` is at `p` (more digits may follow).
fn four_digit_year(b: &[u8], p: usize) -> bool {
    digit_in(b, p, b'1', b'2') && (1..4).all(|k| digit_in(b, p + k, b'0', b'9'))
}

/// Whether `b` opens with a bare year of the pattern (`1[5-9][0-9]{2}|20[0-9]{2}`: 1500 to
/// 2099).
#[inline]
fn bare_year(b: &[u8]) -> bool {
    let century = (digit_in(b, 0, b'1', b'1') && digit_in(b, 1, b'5', b'9'))
        || (digit_in(b, 0, b'2', b'2') && digit_in(b, 1, b'0', b'0'));
    century && digit_in(b, 2, b'0', b'9') && digit_in(b, 3, b'0', b'9')
}

/// Reads the date pattern ([`DATE_PATTERN`] in the tests) at the start of `sub`, as the
/// pattern's leftmost-first search would: its end and groups, or `None`.
fn match_date(sub: &str) -> Option<(usize, DateMatch<'_>)> {
    let b = sub.as_bytes();
    let span = |(a, e): (usize, usize)| &sub[a..e];
    let day_name = word_at(sub, 0, DAY_NAMES);
    let weekday = day_name.and_then(|_| DAY_NAMES.iter().position(|d| sub.starts_with(d)));
    // The first branch, with a day name (« jeudi 28 novembre ») or without; a text that opens
    // with a day name has no month nor day at 0, so without it the branch fails.
    let after_name = match day_name {
        Some(e) => space(sub, e),
        None => Some(0),
    };
    if let Some(Textual {
        end,
        days,
        month,
        year,
    }) = after_name.and_then(|p| textual_at(sub, p))
    {
        return Some((
            end,
            DateMatch {
                days: days.map(span),
                month: Some(span(month)),
                year: year.map(span),
                weekday: weekday.map(|w| w as u8),
                ..DateMatch::default()
            },
        ));
    }
    // « jeudi 26 »: a day name and a day number.
    if let Some(e) = day_name
        .and_then(|e| space(sub, e))
        .and_then(|p| day_number(b, p))
    {
        return Some((
            e,
            DateMatch {
                wd: Some(&sub[..e]),
                ..DateMatch::default()
            },
        ));
    }
    // « 28/11/2024 », « 05.06.22 ».
    if let Some((nd, nm, ye)) = numeric_at(b) {
        return Some((
            ye,
            DateMatch {
                nd: Some(&sub[..nd]),
                sep: Some(&sub[nd..nd + 1]),
                nm: Some(&sub[nd + 1..nm]),
                ny: Some(&sub[nm + 1..ye]),
                ..DateMatch::default()
            },
        ));
    }
    // A bare year: 1500 to 2099.
    bare_year(b).then(|| (4, DateMatch::year(&sub[..4])))
}

/// Words after which a bare year is a date (« en 2024 », « depuis 1960 »).
const YEAR_CUES: &[&str] = &[
    "en",
    "depuis",
    "des",
    "avant",
    "apres",
    "vers",
    "fin",
    "debut",
    "courant",
    "mi",
    "annee",
    "annees",
    "printemps",
    "ete",
    "automne",
    "hiver",
    "jusqu'en",
    "an",
];

/// The number of a folded month name or abbreviation (« mars », « fevr. »), 1 for January.
pub(crate) fn month_number(m: &str) -> Option<u32> {
    let m = m.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|full| full.starts_with(m) && m.len() >= 3)
        .map(|p| p as u32 + 1)
}

fn days_in_month(year: Option<i32>, month: u32) -> u32 {
    match month {
        2 => match year {
            Some(y) if !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) => 28,
            _ => 29,
        },
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn iso(year: i32, month: u32, day: u32) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

fn parse_day(s: &str) -> Option<u32> {
    if s == "1er" {
        return Some(1);
    }
    s.parse().ok()
}

/// The groups of a date match (see [`match_date`]).
#[derive(Default)]
struct DateMatch<'a> {
    days: Option<&'a str>,
    month: Option<&'a str>,
    year: Option<&'a str>,
    wd: Option<&'a str>,
    nd: Option<&'a str>,
    sep: Option<&'a str>,
    nm: Option<&'a str>,
    ny: Option<&'a str>,
    ya: Option<&'a str>,
    /// The weekday named before a textual date (0 = Monday): « [jeudi] 28 novembre 2024 ».
    weekday: Option<u8>,
}

impl<'a> DateMatch<'a> {
    /// A bare year.
    fn year(ya: &'a str) -> DateMatch<'a> {
        DateMatch {
            ya: Some(ya),
            ..DateMatch::default()
        }
    }
}

impl Run<'_> {
    #[inline(never)]
    pub(crate) fn date_phase(&mut self) {
        let mut found: Vec<(usize, usize, Option<Value>, &'static str, Warning)> = Vec::new();
        // The scan below also gathers where a relative date may start, for the next phase
        // (`reldates.rs`): calendar and relative-date words, and numbers (« le 9 »).
        let mut relative = std::mem::take(&mut self.bufs.relative_starts);
        relative.clear();
        let folded = self.f();
        // The pattern is anchored (^): it runs only where a date can start, at a number or a
        // day or month name, not over every byte.
        let bytes = folded.as_bytes();
        // Where a date may start: a number or a day or month name, or a number after a hyphen
        // inside a word (« 2015-[2016] »).
        let mut starts: Vec<(usize, usize)> = Vec::with_capacity(self.tokens.len() / 8);
        for (i, (t, &cls)) in self.tokens.iter().zip(&self.cls).enumerate() {
            let s = t.fs as usize;
            // A number (`NUMBER`: ASCII digits only) starts with a digit: one byte test covers
            // it, and most tokens fail both tests.
            let digit = bytes[s].is_ascii_digit();
            if !digit && cls & (class::CALENDAR | class::RELATIVE_DATE) == 0 {
                continue;
            }
            // « le 9 », « jusqu'au 9 »: a number after « le » or « au ».
            if cls & (class::CALENDAR | class::RELATIVE_DATE) != 0
                || (t.has(NUMBER) && i > 0 && matches!(self.word(i - 1), "le" | "au"))
            {
                relative.push(i as u32);
            }
            if !digit && cls & class::CALENDAR == 0 {
                continue;
            }
            starts.push((i, s));
            if digit && t.has(WORD) && !t.has(NUMBER) {
                for p in s + 1..t.fe as usize {
                    if bytes[p - 1] == b'-' && bytes[p].is_ascii_digit() {
                        starts.push((i, p));
                    }
                }
            }
        }
        let mut resume = 0;
        for (i, s) in starts {
            let t = self.tokens[i];
            if s < resume {
                continue;
            }
            // A number opens a date only before a month (within a few words: « 9 et 10
            // novembre »), a slash or a period (« 28/11/2024 »), or as a year.
            if s == t.fs as usize && t.has(NUMBER) && t.fe - t.fs != 4 {
                let next = self.word(i + 1);
                let month_ahead = (i + 1..i + 8).any(|k| self.is(k, class::CALENDAR));
                if !month_ahead && next != "/" && next != "." {
                    continue;
                }
            }
            let sub = &folded[s..];
            // Four digits and no fifth can only be the pattern's bare year (every other branch
            // wants a letter, or a separator after one or two digits): read it at once.
            let four_digits = sub.len() >= 4
                && sub.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                && !sub.as_bytes().get(4).is_some_and(u8::is_ascii_digit);
            let (e, m) = if four_digits {
                if !bare_year(sub.as_bytes()) {
                    continue;
                }
                (s + 4, DateMatch::year(&sub[..4]))
            } else {
                let Some((end, m)) = match_date(sub) else {
                    continue;
                };
                (s + end, m)
            };
            let starts_digit = folded.as_bytes()[s].is_ascii_digit();
            let before_ok = match folded[..s].chars().next_back() {
                None => true,
                Some(c) => !(c.is_alphanumeric() || (starts_digit && ",./".contains(c))),
            };
            let after_ok = match folded[e..].chars().next() {
                None => true,
                Some(c) => {
                    !(c.is_alphanumeric()
                        || (",./".contains(c)
                            && folded[e + 1..].starts_with(|c: char| c.is_ascii_digit())))
                }
            };
            if !before_ok || !after_ok {
                continue;
            }
            let r = if let Some(month) = m.month {
                textual_date(m.days, month, m.year).map(|(value, rule)| {
                    let warning = weekday_check(m.weekday, value.as_ref());
                    (value, rule, warning)
                })
            } else if m.wd.is_some() {
                // « ce jeudi 26 »: a day of the current month, no value.
                Some((None, "date", Warning::None))
            } else if let Some(nd) = m.nd {
                numeric_date(
                    nd,
                    m.sep.unwrap_or(""),
                    m.nm.unwrap_or(""),
                    m.ny.unwrap_or(""),
                )
                .map(|(value, rule)| (value, rule, Warning::None))
            } else if let Some(ya) = m.ya {
                self.year_in_context(i, s != t.fs as usize).then(|| {
                    (
                        Some(Value::Date(ya.to_string())),
                        "date-year",
                        Warning::None,
                    )
                })
            } else {
                None
            };
            // A match that is no date (« 31 février ») is not retried from inside.
            resume = e;
            if let Some((value, rule, warning)) = r {
                found.push((s, e, value, rule, warning));
            }
        }
        self.bufs.relative_starts = relative;
        for (s, e, value, rule, warning) in found {
            let before = self.cands.len();
            self.push_span(s, e, Kind::Date, None, value, Src::Rule(rule), prio::DATE);
            if let Some(c) = self.cands.get_mut(before) {
                c.warning = warning;
            }
        }
    }

    /// A bare year at token `i` is a date after a cue (« en 2024 »), in « de 1964 à 2014 », or
    /// standing alone; `after_hyphen` for the second year of « 2015-2016 ».
    fn year_in_context(&self, i: usize, after_hyphen: bool) -> bool {
        // « 2015-2016 »: both years of a range.
        if after_hyphen || self.word(i).as_bytes().get(4) == Some(&b'-') {
            return true;
        }
        if i == 0 {
            return false;
        }
        let prev = self.word(i - 1);
        if YEAR_CUES.contains(&prev) {
            return true;
        }
        // Without a cue, a number from 1800 to 2099 standing alone is a year (« l'édition
        // 2016 », « entre 2017 et 2019 », « 2015-2016 »), unless a noun or a unit follows:
        // « 2000 personnes », « 1900 € ».
        let year: u32 = self
            .word(i)
            .get(..4)
            .and_then(|y| y.parse().ok())
            .unwrap_or(0);
        if !(1800..2100).contains(&year) {
            return false;
        }
        let next = i + 1;
        let quantity = self.tok_has(next, WORD)
            && !self.tok_has(next, CAP)
            && !matches!(self.word(next), "et" | "a" | "au" | "ou" | "puis")
            || matches!(self.word(next), "%" | "€" | "$" | "£");
        let counted = matches!(
            prev,
            "les" | "ses" | "des" | "nos" | "leurs" | "ces" | "plus"
        ) || self.tok_has(i.wrapping_sub(1), NUMBER);
        !quantity && !counted
    }
}

/// « jeudi 28 novembre 2024 », « les 9 et 10 novembre », « du 9 au 12 mai 2022 », « mars 2021 ».
fn textual_date(
    days: Option<&str>,
    month: &str,
    year: Option<&str>,
) -> Option<(Option<Value>, &'static str)> {
    if days.is_none() && year.is_none() {
        return None;
    }
    let month = month_number(month)?;
    let year: Option<i32> = year.and_then(|y| y.parse().ok());
    let mut list = Vec::new();
    let mut interval = false;
    if let Some(days) = days {
        let mut rest = days;
        while !rest.is_empty() {
            let n = rest
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(rest.len());
            let word = &rest[..n];
            if let Some(d) = parse_day(word) {
                if d == 0 || d > days_in_month(year, month) {
                    return None;
                }
                list.push(d);
            } else if matches!(word, "au" | "a") {
                interval = true;
            }
            if n == rest.len() {
                break;
            }
            let c = rest[n..].chars().next().unwrap_or(' ');
            if c == '-' {
                interval = true;
            }
            rest = &rest[n + c.len_utf8()..];
        }
    }
    let Some(y) = year else {
        return Some((None, "date"));
    };
    let value = match list.as_slice() {
        [] => Value::Date(format!("{y:04}-{month:02}")),
        [d] => Value::Date(iso(y, month, *d)),
        [a, b] if interval && a < b => Value::Interval(iso(y, month, *a), iso(y, month, *b)),
        // « du 12 au 9 mai » runs backwards: no value rather than a wrong one.
        [_, _] if interval => return Some((None, "date")),
        ds => Value::Dates(ds.iter().map(|&d| iso(y, month, d)).collect()),
    };
    Some((Some(value), "date"))
}

/// The warning of a textual date whose weekday (0 = Monday) is not that of its value's day:
/// « vendredi 28 novembre 2024 » keeps the value 2024-11-28 (a Thursday) and says so, rather
/// than guess which of the two the writer got wrong. Only a single complete day is checked.
fn weekday_check(weekday: Option<u8>, value: Option<&Value>) -> Warning {
    let (Some(written), Some(Value::Date(iso))) = (weekday, value) else {
        return Warning::None;
    };
    match iso.parse::<crate::Date>() {
        Ok(d) if d.weekday() != u32::from(written) => Warning::WeekdayMismatch { written },
        _ => Warning::None,
    }
}

/// « 28/11/2024 », « 05.06.2022 »; a two-digit year is 19xx from 50 on, else 20xx.
fn numeric_date(d: &str, sep: &str, m: &str, y: &str) -> Option<(Option<Value>, &'static str)> {
    let day: u32 = d.parse().ok()?;
    let month: u32 = m.parse().ok()?;
    if sep == "." && y.len() != 4 {
        return None;
    }
    let year: i32 = match y.len() {
        4 => y.parse().ok()?,
        _ => {
            let yy: i32 = y.parse().ok()?;
            if yy >= 50 {
                1900 + yy
            } else {
                2000 + yy
            }
        }
    };
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(Some(year), month) {
        return None;
    }
    Some((Some(Value::Date(iso(year, month, day))), "date-numeric"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn month_forms_open_with_the_months() {
        // The matcher's list and the lexicon's months are written twice: they must agree.
        assert_eq!(&super::MONTH_FORMS[..super::MONTHS.len()], super::MONTHS);
    }

    use super::{
        match_date, DATE_PATTERN, DAY_NAMES, DAY_SEPARATORS, MONTH_FOLLOWERS, MONTH_FORMS,
    };
    use proptest::prelude::*;
    use regex::Regex;

    /// The pattern's match at the start of `sub`, read with `regex`: its end and groups.
    fn by_regex(re: &Regex, sub: &str) -> Option<(usize, Vec<Option<String>>)> {
        let c = re.captures(sub)?;
        let names = ["days", "month", "year", "wd", "nd", "sep", "nm", "ny", "ya"];
        let groups = names
            .iter()
            .map(|n| c.name(n).map(|m| m.as_str().to_string()))
            .collect();
        Some((c.get(0)?.end(), groups))
    }

    /// The same, read by [`match_date`].
    fn by_hand(sub: &str) -> Option<(usize, Vec<Option<String>>)> {
        let (end, m) = match_date(sub)?;
        let groups = [m.days, m.month, m.year, m.wd, m.nd, m.sep, m.nm, m.ny, m.ya]
            .iter()
            .map(|g| g.map(str::to_string))
            .collect();
        Some((end, groups))
    }

    /// Pieces of dates besides the words of the pattern: numbers, near misses, the period.
    const OTHER_PIECES: &[&str] = &[
        "1",
        "1er",
        "1 er",
        "1 e",
        "0",
        "9",
        "12",
        "28",
        "31",
        "39",
        "45",
        "123",
        "2024",
        "1999",
        "1499",
        "20245",
        "99",
        "05",
        "13",
        "eu",
        "/",
        ".",
        "janv",
        "maison",
        "derniere",
        "prochaine",
        "x",
        "e",
        "r",
    ];

    /// Pieces of dates and near misses, joined by the separators below: every word the
    /// matcher reads (day and month forms, day separators, month followers) and the others.
    fn pieces() -> Vec<&'static str> {
        [
            DAY_NAMES,
            MONTH_FORMS,
            DAY_SEPARATORS,
            MONTH_FOLLOWERS,
            OTHER_PIECES,
        ]
        .concat()
    }

    const GLUE: &[&str] = &["", " ", "  ", "\u{a0}", "\t", "\n", "\u{2009}"];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 5_000, ..ProptestConfig::default() })]

        #[test]
        fn reads_dates_as_the_pattern_does(
            parts in prop::collection::vec((0..pieces().len(), 0..GLUE.len()), 1..7)
        ) {
            let re = Regex::new(DATE_PATTERN).unwrap();
            let pieces = pieces();
            let text: String = parts
                .iter()
                .map(|&(p, g)| format!("{}{}", pieces[p], GLUE[g]))
                .collect();
            prop_assert_eq!(by_hand(&text), by_regex(&re, &text), "{:?}", text);
        }
    }

    #[test]
    fn reads_every_pair_of_pieces_as_the_pattern_does() {
        let re = Regex::new(DATE_PATTERN).unwrap();
        let pieces = pieces();
        for a in &pieces {
            for g in GLUE {
                for b in &pieces {
                    for h in [" ", ""] {
                        for c in &pieces {
                            let text = format!("{a}{g}{b}{h}{c}");
                            assert_eq!(by_hand(&text), by_regex(&re, &text), "{text:?}");
                        }
                    }
                }
            }
        }
    }
}
