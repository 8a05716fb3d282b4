//! Dates in the common French forms, with their ISO 8601 value when complete:
//! « jeudi 28 novembre 2024 », « les 9 et 10 novembre 2024 », « du 9 au 12 mai », « novembre
//! 2024 », « 1er janvier », « le 28/11/2024 », « en 2024 ». A month or day name alone is never
//! a date.

use super::class;
use super::lexical::MONTHS;
use crate::entity::{Kind, Value};
use crate::pipeline::{prio, Run, Src};
use crate::tokenize::{CAP, NUMBER, WORD};
use once_cell::sync::Lazy;
use regex::Regex;

/// Runs on the folded text (lower case, no accents), anchored at a candidate token.
static DATE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?x)
        ^(?:
        (?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?
        (?:(?P<days>(?:1\ ?er|[0-3]?[0-9])(?:\s*(?:,|et|-|au|a|ou)\s*(?:1\ ?er|[0-3]?[0-9]))*)\s+)?
        (?P<month>janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre
            |decembre|janv\.|fevr\.|fev\.|avr\.|juil\.|sept\.|oct\.|nov\.|dec\.)
        (?:\s+(?P<year>[12][0-9]{3})|\s+(?:dernier|derniere|prochain|prochaine))?
        |(?P<wd>(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+(?:1\ ?er|[0-3]?[0-9]))
        |(?P<nd>[0-3]?[0-9])(?P<sep>[/.])(?P<nm>[01]?[0-9])[/.](?P<ny>[12][0-9]{3}|[0-9]{2})
        |(?P<ya>1[5-9][0-9]{2}|20[0-9]{2})
        )",
    )
    .expect("date pattern")
});

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

fn month_number(m: &str) -> Option<u32> {
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

/// Compiles the date pattern now rather than in the first extraction.
pub(crate) fn warm_up() {
    Lazy::force(&GROUPS);
}

/// Indices of the named groups of `DATE` (read through reused capture locations: no
/// allocation a match).
struct Groups {
    month: usize,
    days: usize,
    year: usize,
    wd: usize,
    nd: usize,
    sep: usize,
    nm: usize,
    ny: usize,
    ya: usize,
}

static GROUPS: Lazy<Groups> = Lazy::new(|| {
    let g = |name: &str| {
        DATE.capture_names()
            .position(|n| n == Some(name))
            .unwrap_or_else(|| panic!("DATE has no group {name}"))
    };
    Groups {
        month: g("month"),
        days: g("days"),
        year: g("year"),
        wd: g("wd"),
        nd: g("nd"),
        sep: g("sep"),
        nm: g("nm"),
        ny: g("ny"),
        ya: g("ya"),
    }
});

/// The groups of a date match (see `DATE`).
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
        let mut found: Vec<(usize, usize, Option<Value>, &'static str)> = Vec::new();
        let folded = self.f();
        // The pattern is anchored (^): it runs only where a date can start, at a number or a
        // day or month name, not over every byte.
        let bytes = folded.as_bytes();
        // Where a date may start: a number or a day or month name, or a number after a hyphen
        // inside a word (« 2015-[2016] »).
        let mut starts: Vec<(usize, usize)> = Vec::with_capacity(self.tokens.len() / 8);
        for (i, t) in self.tokens.iter().enumerate() {
            let s = t.fs as usize;
            if t.has(NUMBER) || self.is(i, class::CALENDAR) || bytes[s].is_ascii_digit() {
                starts.push((i, s));
            }
            if t.has(WORD) && !t.has(NUMBER) && bytes[s].is_ascii_digit() {
                for p in s + 1..t.fe as usize {
                    if bytes[p - 1] == b'-' && bytes[p].is_ascii_digit() {
                        starts.push((i, p));
                    }
                }
            }
        }
        let mut resume = 0;
        let groups = &*GROUPS;
        let mut locs = DATE.capture_locations();
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
            // wants a letter, or a separator after one or two digits): read it without the
            // regex, which costs thousands of instructions a call with captures.
            let four_digits = sub.len() >= 4
                && sub.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                && !sub.as_bytes().get(4).is_some_and(u8::is_ascii_digit);
            let (e, m) = if four_digits {
                let y = sub.as_bytes();
                if !((y[0] == b'1' && y[1] >= b'5') || (y[0] == b'2' && y[1] == b'0')) {
                    continue;
                }
                (s + 4, DateMatch::year(&sub[..4]))
            } else {
                let Some(m) = DATE.captures_read(&mut locs, sub) else {
                    continue;
                };
                let group = |g: usize| locs.get(g).map(|(a, b)| &sub[a..b]);
                (
                    s + m.end(),
                    DateMatch {
                        days: group(groups.days),
                        month: group(groups.month),
                        year: group(groups.year),
                        wd: group(groups.wd),
                        nd: group(groups.nd),
                        sep: group(groups.sep),
                        nm: group(groups.nm),
                        ny: group(groups.ny),
                        ya: group(groups.ya),
                    },
                )
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
                textual_date(m.days, month, m.year)
            } else if m.wd.is_some() {
                // « ce jeudi 26 »: a day of the current month, no value.
                Some((None, "date"))
            } else if let Some(nd) = m.nd {
                numeric_date(
                    nd,
                    m.sep.unwrap_or(""),
                    m.nm.unwrap_or(""),
                    m.ny.unwrap_or(""),
                )
            } else if let Some(ya) = m.ya {
                self.year_in_context(i, s != t.fs as usize)
                    .then(|| (Some(Value::Date(ya.to_string())), "date-year"))
            } else {
                None
            };
            // A match that is no date (« 31 février ») is not retried from inside.
            resume = e;
            if let Some((value, rule)) = r {
                found.push((s, e, value, rule));
            }
        }
        for (s, e, value, rule) in found {
            self.push_span(s, e, Kind::Date, None, value, Src::Rule(rule), prio::DATE);
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
