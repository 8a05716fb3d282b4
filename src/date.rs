//! [`Date`]: a calendar day, the date of a document.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A day of the proleptic Gregorian calendar, from year 1 to 9999: the date of a document, from
/// which relative dates (« mardi », « hier », « le mois dernier ») get their value.
///
/// Written and parsed as ISO 8601 `YYYY-MM-DD`; serialised as that string.
///
/// ```
/// use nommer::Date;
///
/// let d: Date = "2024-11-27".parse().unwrap();
/// assert_eq!(d.weekday(), 2); // a Wednesday (0 is Monday)
/// assert_eq!(d.add_days(-1).to_string(), "2024-11-26");
/// assert!("2024-02-30".parse::<Date>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// The days of `month` in `year`.
pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// The day `year-month-day`, or `None` when there is no such day (or the year is outside
    /// 1..=9999).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }
    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }
    /// The month, 1 to 12.
    pub fn month(self) -> u32 {
        self.month as u32
    }
    /// The day of the month, 1 to 31.
    pub fn day(self) -> u32 {
        self.day as u32
    }
    /// Days since 0001-01-01 (day 0).
    fn ordinal(self) -> i64 {
        // Days before the year, then before the month, then the day.
        let y = self.year as i64 - 1;
        let mut n = y * 365 + y / 4 - y / 100 + y / 400;
        for m in 1..self.month as u32 {
            n += days_in_month(self.year, m) as i64;
        }
        n + self.day as i64 - 1
    }
    /// The date `n` days since 0001-01-01, clamped to the supported range.
    fn from_ordinal(n: i64) -> Date {
        let n = n.clamp(0, Date::MAX.ordinal());
        // 400 years are 146,097 days.
        let mut year = 1 + 400 * (n / 146_097) as i32;
        let mut rest = n % 146_097;
        loop {
            let len = if Date::new(year, 2, 29).is_some() {
                366
            } else {
                365
            };
            if rest < len {
                break;
            }
            rest -= len;
            year += 1;
        }
        let mut month = 1;
        loop {
            let len = days_in_month(year, month) as i64;
            if rest < len {
                break;
            }
            rest -= len;
            month += 1;
        }
        Date {
            year,
            month: month as u8,
            day: rest as u8 + 1,
        }
    }
    const MAX: Date = Date {
        year: 9999,
        month: 12,
        day: 31,
    };
    /// The day of the week: 0 for Monday to 6 for Sunday.
    pub fn weekday(self) -> u32 {
        // 0001-01-01 was a Monday.
        (self.ordinal() % 7) as u32
    }
    /// The number of days from `self` to `other` (negative when `other` is earlier).
    pub(crate) fn days_until(self, other: Date) -> i64 {
        other.ordinal() - self.ordinal()
    }
    /// The date `n` days later (earlier for a negative `n`), clamped to 0001-01-01..9999-12-31.
    pub fn add_days(self, n: i64) -> Date {
        Date::from_ordinal(self.ordinal().saturating_add(n))
    }
    /// The same day `n` months later (earlier when negative), the last day of the month when
    /// that month is shorter; clamped to the supported range.
    pub fn add_months(self, n: i32) -> Date {
        let total = (self.year as i64) * 12 + (self.month as i64 - 1) + n as i64;
        let year = (total.div_euclid(12)).clamp(1, 9999) as i32;
        let month = (total.rem_euclid(12) + 1) as u32;
        let day = (self.day as u32).min(days_in_month(year, month));
        Date {
            year,
            month: month as u8,
            day: day as u8,
        }
    }
}

/// English names of the weekdays, from Monday, for messages.
const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// English names of the months, for messages.
const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The warning of a date whose text names weekday `written` (0 = Monday) while the day falls
/// on another: « weekday mismatch: 28 November 2024 is a Thursday, not a Friday ».
pub(crate) fn weekday_mismatch(date: Date, written: u32) -> String {
    let name = |w: u32| WEEKDAY_NAMES[w as usize % 7];
    format!(
        "weekday mismatch: {} {} {} is a {}, not a {}",
        date.day(),
        MONTH_NAMES[date.month() as usize - 1],
        date.year(),
        name(date.weekday()),
        name(written)
    )
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The error of parsing a [`Date`]: not `YYYY-MM-DD`, or no such day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError(String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a date (YYYY-MM-DD): {:?}", self.0)
    }
}

impl std::error::Error for DateError {}

impl FromStr for Date {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Date, DateError> {
        let err = || DateError(s.chars().take(40).collect());
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(err());
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let p = &s[r];
            p.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| p.parse().ok())?
        };
        let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
            return Err(err());
        };
        Date::new(y as i32, m, d).ok_or_else(err)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_round_trip_and_weekdays() {
        let d = Date::new(2024, 11, 28).unwrap();
        assert_eq!(d.weekday(), 3, "a Thursday");
        assert_eq!(Date::new(2000, 1, 1).unwrap().weekday(), 5, "a Saturday");
        for n in (0..Date::MAX.ordinal()).step_by(997) {
            assert_eq!(Date::from_ordinal(n).ordinal(), n);
        }
        assert_eq!(d.add_days(3).to_string(), "2024-12-01");
        assert_eq!(d.days_until(d.add_days(-400)), -400);
        assert_eq!(d.add_days(-366).to_string(), "2023-11-28");
        assert_eq!(
            Date::new(2024, 3, 31).unwrap().add_months(-1).to_string(),
            "2024-02-29"
        );
        assert_eq!(
            Date::new(2024, 1, 15).unwrap().add_months(-1).to_string(),
            "2023-12-15"
        );
        assert_eq!(
            Date::new(1, 1, 1).unwrap().add_days(-5).to_string(),
            "0001-01-01"
        );
    }

    #[test]
    fn weekday_mismatch_names_both_days() {
        let d = Date::new(2024, 11, 28).unwrap();
        assert_eq!(
            weekday_mismatch(d, 4),
            "weekday mismatch: 28 November 2024 is a Thursday, not a Friday"
        );
    }

    #[test]
    fn parses_iso_days_only() {
        assert!("2024-11-27".parse::<Date>().is_ok());
        for bad in [
            "2024-13-01",
            "2023-02-29",
            "24-11-27",
            "2024/11/27",
            "2024-11-2x",
            "",
            "2024-11-270",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        assert!("2024-02-29".parse::<Date>().is_ok());
    }
}
