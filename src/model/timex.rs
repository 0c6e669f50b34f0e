//! TIMEX3 values (TimeML's normalized form of dates, times, durations and
//! sets), typed: `2024-11-04`, `2024-W44`, `2024-Q3`, `197`, `P3Y`,
//! `2024-11-04T15:00`, `XXXX-WXX-1`, `PRESENT_REF`. `Display` writes the
//! TIMEX3 text and `FromStr` reads it back.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

use super::decimal::Decimal;
use super::names::named;

/// A TIMEX3 value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Timex {
    /// `2024-11-04`
    Day(NaiveDate),
    /// An ISO week: `2024-W44`.
    Week { year: i32, week: u32 },
    /// Saturday and Sunday of an ISO week: `2024-W44-WE`.
    Weekend { year: i32, week: u32 },
    /// `2024-11`
    Month { year: i32, month: u32 },
    /// `2024-Q3`
    Quarter { year: i32, quarter: u32 },
    /// `2024-H1`
    Half { year: i32, half: u32 },
    /// `2024-SU`
    Season { year: i32, season: Season },
    /// `2024`
    Year(i32),
    /// A decade by its first three digits: `197` is the 1970s.
    Decade(i32),
    /// A century by its first two digits: `19` is the 20th century.
    Century(i32),
    /// A time of a day (or of a coarser date): `2024-11-04T15:00`,
    /// `2024-11-04TMO`.
    Time { date: Box<Timex>, clock: Clock },
    /// `P3Y`, `PT90M`, `P2Y6M`.
    Duration(Duration),
    /// A set that recurs on a named day, month, season or part of the day:
    /// `XXXX-WXX-1`, `XXXX-07`.
    Every(Recurrence),
    /// `PRESENT_REF`: now.
    PresentRef,
    /// `PAST_REF`: the past.
    PastRef,
    /// `FUTURE_REF`: the future.
    FutureRef,
}

named! {
    /// A season, in the order of the year.
    pub enum Season {
        Spring = "SP",
        Summer = "SU",
        Fall = "FA",
        Winter = "WI",
    }
}

named! {
    /// A part of the day, in the order of the day.
    pub enum DayPart {
        Morning = "MO",
        Midday = "MI",
        Afternoon = "AF",
        Evening = "EV",
        Night = "NI",
        Daytime = "DT",
    }
}

/// What a set recurs on, the parts it leaves open written as TIMEX3's `X`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Recurrence {
    /// Every such weekday (1 = Monday), maybe at a part of the day:
    /// `XXXX-WXX-1`, `XXXX-WXX-2TNI`.
    Weekday { weekday: u32, part: Option<DayPart> },
    /// Every such month: `XXXX-07`.
    Month(u32),
    /// Every such season: `XXXX-SU`.
    Season(Season),
    /// Every day, at a part of it: `XXXX-XX-XXTEV`.
    DayPart(DayPart),
}

/// The time of a `Timex::Time`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Clock {
    /// A clock time, 24-hour: `15:00`; in UTC, `15:00Z`.
    At { hour: u32, minute: u32, utc: bool },
    /// A part of the day: `MO`.
    Part(DayPart),
}

impl Clock {
    /// The minute of the day it names; a part of the day by an hour typical
    /// of it (morning 8:00, midday and daytime 12:00, afternoon 15:00,
    /// evening 19:00, night 22:00).
    pub fn minute_of_day(&self) -> u32 {
        let hour = match self {
            Clock::At { hour, minute, .. } => return hour * 60 + minute,
            Clock::Part(DayPart::Morning) => 8,
            Clock::Part(DayPart::Midday | DayPart::Daytime) => 12,
            Clock::Part(DayPart::Afternoon) => 15,
            Clock::Part(DayPart::Evening) => 19,
            Clock::Part(DayPart::Night) => 22,
        };
        hour * 60
    }
}

/// A TIMEX3 duration: amounts of units, in TIMEX3 order (years to days,
/// then hours to seconds). An amount of `None` is TIMEX3's `X`: some
/// number of that unit ("for years" is `PXY`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Duration {
    pub parts: Vec<(Option<Decimal>, Unit)>,
}

/// A unit of a duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    /// Only for an amount not said: "centuries" is `PXCE`.
    Century,
    /// Only for an amount not said: "decades" is `PXDE`.
    Decade,
    Year,
    Month,
    Week,
    Day,
    Hour,
    Minute,
    Second,
}

impl Unit {
    /// Every unit, in TIMEX3 order.
    pub const ALL: [Unit; 9] = [
        Unit::Century,
        Unit::Decade,
        Unit::Year,
        Unit::Month,
        Unit::Week,
        Unit::Day,
        Unit::Hour,
        Unit::Minute,
        Unit::Second,
    ];

    /// The TIMEX3 code: a letter, or two for a decade and a century.
    pub fn code(self) -> &'static str {
        match self {
            Unit::Century => "CE",
            Unit::Decade => "DE",
            Unit::Year => "Y",
            Unit::Month | Unit::Minute => "M",
            Unit::Week => "W",
            Unit::Day => "D",
            Unit::Hour => "H",
            Unit::Second => "S",
        }
    }

    /// Whether the unit is written after TIMEX3's `T`.
    pub fn is_time(self) -> bool {
        matches!(self, Unit::Hour | Unit::Minute | Unit::Second)
    }
}

impl Duration {
    /// A duration of one amount.
    pub fn of(amount: Decimal, unit: Unit) -> Duration {
        Duration {
            parts: vec![(Some(amount), unit)],
        }
    }
}

impl Timex {
    /// The day, week, month or year of a value: a time's date, or the value.
    pub fn date(&self) -> &Timex {
        match self {
            Timex::Time { date, .. } => date,
            other => other,
        }
    }

    /// The year a value names, for a value that names one in full (a day,
    /// week, month, part of a year or year, or a time of one of them).
    pub fn year(&self) -> Option<i32> {
        match self.date() {
            Timex::Day(d) => Some(d.year()),
            Timex::Week { year, .. }
            | Timex::Weekend { year, .. }
            | Timex::Month { year, .. }
            | Timex::Quarter { year, .. }
            | Timex::Half { year, .. }
            | Timex::Season { year, .. }
            | Timex::Year(year) => Some(*year),
            _ => None,
        }
    }

    /// Whether the value is the present, the past or the future at large
    /// (`PRESENT_REF`, `PAST_REF`, `FUTURE_REF`), which names no time.
    pub fn is_reference(&self) -> bool {
        matches!(self, Timex::PresentRef | Timex::PastRef | Timex::FutureRef)
    }

    /// Whether TIMEX3 can write the value: every year in it from 0 to 9999.
    pub fn is_writable(&self) -> bool {
        let four_digits = |y: i32| (0..=9999).contains(&y);
        match self {
            Timex::Decade(d) => (0..=999).contains(d),
            Timex::Century(c) => (0..=99).contains(c),
            Timex::Time { date, .. } => date.is_writable(),
            other => other.year().is_none_or(four_digits),
        }
    }

    /// The order in time of two values of the same shape (two days, two
    /// weeks, two times of day...); `None` for values of different shapes,
    /// durations, sets and reference values.
    pub fn cmp_in_time(&self, other: &Timex) -> Option<Ordering> {
        use Timex::*;
        Some(match (self, other) {
            (Day(a), Day(b)) => a.cmp(b),
            (Week { year: a, week: x }, Week { year: b, week: y })
            | (Weekend { year: a, week: x }, Weekend { year: b, week: y })
            | (Month { year: a, month: x }, Month { year: b, month: y })
            | (
                Quarter {
                    year: a,
                    quarter: x,
                },
                Quarter {
                    year: b,
                    quarter: y,
                },
            )
            | (Half { year: a, half: x }, Half { year: b, half: y }) => (a, x).cmp(&(b, y)),
            (Season { year: a, season: x }, Season { year: b, season: y }) => (a, x).cmp(&(b, y)),
            (Year(a), Year(b)) | (Decade(a), Decade(b)) | (Century(a), Century(b)) => a.cmp(b),
            (Time { date: a, clock: x }, Time { date: b, clock: y }) => {
                let same_clock = matches!(
                    (x, y),
                    (Clock::At { .. }, Clock::At { .. }) | (Clock::Part(_), Clock::Part(_))
                );
                if !same_clock {
                    return None;
                }
                a.cmp_in_time(b)?.then(x.cmp(y))
            }
            _ => return None,
        })
    }
}

impl fmt::Display for Timex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Timex::Day(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Timex::Week { year, week } => write!(f, "{year:04}-W{week:02}"),
            Timex::Weekend { year, week } => write!(f, "{year:04}-W{week:02}-WE"),
            Timex::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Timex::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Timex::Half { year, half } => write!(f, "{year:04}-H{half}"),
            Timex::Season { year, season } => write!(f, "{year:04}-{season}"),
            Timex::Year(year) => write!(f, "{year:04}"),
            Timex::Decade(d) => write!(f, "{d:03}"),
            Timex::Century(c) => write!(f, "{c:02}"),
            Timex::Time { date, clock } => write!(f, "{date}T{clock}"),
            Timex::Duration(d) => write!(f, "{d}"),
            Timex::Every(r) => write!(f, "{r}"),
            Timex::PresentRef => f.write_str("PRESENT_REF"),
            Timex::PastRef => f.write_str("PAST_REF"),
            Timex::FutureRef => f.write_str("FUTURE_REF"),
        }
    }
}

impl fmt::Display for Recurrence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Recurrence::Weekday { weekday, part } => {
                write!(f, "XXXX-WXX-{weekday}")?;
                match part {
                    Some(part) => write!(f, "T{part}"),
                    None => Ok(()),
                }
            }
            Recurrence::Month(month) => write!(f, "XXXX-{month:02}"),
            Recurrence::Season(season) => write!(f, "XXXX-{season}"),
            Recurrence::DayPart(part) => write!(f, "XXXX-XX-XXT{part}"),
        }
    }
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Clock::At { hour, minute, utc } => {
                write!(f, "{hour:02}:{minute:02}")?;
                match utc {
                    true => f.write_str("Z"),
                    false => Ok(()),
                }
            }
            Clock::Part(part) => write!(f, "{part}"),
        }
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("P")?;
        let mut in_time = false;
        for (amount, unit) in &self.parts {
            if unit.is_time() && !in_time {
                f.write_str("T")?;
                in_time = true;
            }
            match amount {
                Some(n) => write!(f, "{n}{}", unit.code())?,
                None => write!(f, "X{}", unit.code())?,
            }
        }
        Ok(())
    }
}

/// A text that is no TIMEX3 value this crate writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotTimex(pub String);

impl fmt::Display for NotTimex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a TIMEX3 value", self.0)
    }
}

impl std::error::Error for NotTimex {}

impl FromStr for Timex {
    type Err = NotTimex;

    fn from_str(s: &str) -> Result<Timex, NotTimex> {
        parse(s).ok_or_else(|| NotTimex(s.to_string()))
    }
}

/// A run of exactly `n` ASCII digits as a number.
fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn parse(s: &str) -> Option<Timex> {
    match s {
        "PRESENT_REF" => return Some(Timex::PresentRef),
        "PAST_REF" => return Some(Timex::PastRef),
        "FUTURE_REF" => return Some(Timex::FutureRef),
        _ => {}
    }
    if let Some(body) = s.strip_prefix('P') {
        return parse_duration(body).map(Timex::Duration);
    }
    if let Some(rest) = s.strip_prefix("XXXX-") {
        return parse_recurrence(rest).map(Timex::Every);
    }
    if let Some((date, clock)) = s.split_once('T') {
        let (clock, utc) = match clock.strip_suffix('Z') {
            Some(clock) => (clock, true),
            None => (clock, false),
        };
        let clock = match clock.split_once(':') {
            // 24:00 is midnight at the end of the day.
            Some((h, m)) => match (digits(h, 2)?, digits(m, 2)?) {
                (hour, minute) if (hour < 24 && minute < 60) || (hour, minute) == (24, 0) => {
                    Clock::At { hour, minute, utc }
                }
                _ => return None,
            },
            None => Clock::Part(clock.parse().ok()?),
        };
        let date = parse(date).filter(|d| d.year().is_some())?;
        return Some(Timex::Time {
            date: Box::new(date),
            clock,
        });
    }
    let year = |y: &str| digits(y, 4).map(|y| y as i32);
    match s.len() {
        2 => return digits(s, 2).map(|c| Timex::Century(c as i32)),
        3 => return digits(s, 3).map(|d| Timex::Decade(d as i32)),
        4 => return year(s).map(Timex::Year),
        _ => {}
    }
    let (y, rest) = s.split_once('-')?;
    let y = year(y)?;
    if let Some(week) = rest.strip_prefix('W') {
        let (week, weekend) = match week.strip_suffix("-WE") {
            Some(w) => (w, true),
            None => (week, false),
        };
        let week = digits(week, 2).filter(|w| (1..=53).contains(w))?;
        NaiveDate::from_isoywd_opt(y, week, chrono::Weekday::Mon)?;
        return Some(match weekend {
            true => Timex::Weekend { year: y, week },
            false => Timex::Week { year: y, week },
        });
    }
    if let Some(q) = rest.strip_prefix('Q') {
        let quarter = digits(q, 1).filter(|q| (1..=4).contains(q))?;
        return Some(Timex::Quarter { year: y, quarter });
    }
    if let Some(h) = rest.strip_prefix('H') {
        let half = digits(h, 1).filter(|h| (1..=2).contains(h))?;
        return Some(Timex::Half { year: y, half });
    }
    if let Ok(season) = rest.parse::<Season>() {
        return Some(Timex::Season { year: y, season });
    }
    match rest.split_once('-') {
        Some((m, d)) => NaiveDate::from_ymd_opt(y, digits(m, 2)?, digits(d, 2)?).map(Timex::Day),
        None => {
            let month = digits(rest, 2).filter(|m| (1..=12).contains(m))?;
            Some(Timex::Month { year: y, month })
        }
    }
}

/// What a set recurs on, after its `XXXX-`: `WXX-1`, `WXX-2TNI`, `07`, `SU`,
/// `XX-XXTEV`.
fn parse_recurrence(rest: &str) -> Option<Recurrence> {
    if let Some(part) = rest.strip_prefix("XX-XXT") {
        return part.parse().ok().map(Recurrence::DayPart);
    }
    if let Some(day) = rest.strip_prefix("WXX-") {
        let (weekday, part) = match day.split_once('T') {
            Some((wd, part)) => (wd, Some(part.parse().ok()?)),
            None => (day, None),
        };
        let weekday = digits(weekday, 1).filter(|wd| (1..=7).contains(wd))?;
        return Some(Recurrence::Weekday { weekday, part });
    }
    if let Ok(season) = rest.parse() {
        return Some(Recurrence::Season(season));
    }
    digits(rest, 2)
        .filter(|m| (1..=12).contains(m))
        .map(Recurrence::Month)
}

/// The body of a duration after its `P`: `3Y`, `T90M`, `2Y6M`, `XY`.
fn parse_duration(body: &str) -> Option<Duration> {
    let (date, time) = match body.split_once('T') {
        Some((d, t)) if !t.is_empty() => (d, Some(t)),
        Some(_) => return None,
        None => (body, None),
    };
    let mut parts = Vec::new();
    let mut read = |text: &str, time: bool| -> Option<()> {
        let mut rest = text;
        while !rest.is_empty() {
            let k = rest.find(|c: char| c.is_ascii_alphabetic() && c != 'X')?;
            let (amount, tail) = rest.split_at(k);
            let unit = *Unit::ALL
                .iter()
                .find(|u| u.is_time() == time && tail.starts_with(u.code()))?;
            let amount = match amount {
                "X" => None,
                n => Some(n.parse::<Decimal>().ok()?),
            };
            parts.push((amount, unit));
            rest = &tail[unit.code().len()..];
        }
        Some(())
    };
    read(date, false)?;
    if let Some(time) = time {
        read(time, true)?;
    }
    let in_order = parts.windows(2).all(|w| w[0].1 < w[1].1);
    (!parts.is_empty() && in_order).then_some(Duration { parts })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_reads_back_as_written() {
        for text in [
            "2024-11-04",
            "2024-W44",
            "2024-W44-WE",
            "2024-11",
            "2024-Q3",
            "2016-H1",
            "2024-SU",
            "2024",
            "197",
            "19",
            "2024-11-04T15:00",
            "2024-11-04TMO",
            "2024-W44T09:30",
            "P3Y",
            "PT90M",
            "P2Y6M",
            "P1Y1M21D",
            "PT1H30M",
            "P1.5Y",
            "PT0.5H",
            "PXY",
            "PXDE",
            "2009-12-15T18:00Z",
            "2024-11-08T24:00",
            "PTXM",
            "XXXX-WXX-1",
            "XXXX-WXX-2TNI",
            "XXXX-07",
            "XXXX-SU",
            "XXXX-XX-XXTEV",
            "PRESENT_REF",
            "PAST_REF",
            "FUTURE_REF",
        ] {
            let value: Timex = text.parse().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(value.to_string(), text);
        }
    }

    #[test]
    fn malformed_values_are_refused() {
        for text in [
            "",
            "2024-13",
            "2024-02-30",
            "2024-W54",
            "2024-Q5",
            "2",
            "2024-XX",
            "P",
            "P3",
            "PT",
            "P3M2Y",
            "2024-11-04T25:00",
            "2024-11-04T24:30",
            "2024-11-04TXX",
            "XXXX-WXX-8",
            "XXXX-13",
            "XXXX-WXX-1TXX",
            "XXXX-XX-XX",
            "Monday",
        ] {
            assert!(text.parse::<Timex>().is_err(), "{text:?}");
        }
    }

    #[test]
    fn values_of_one_shape_order_in_time() {
        let t = |s: &str| s.parse::<Timex>().unwrap();
        let order = |a: &str, b: &str| t(a).cmp_in_time(&t(b));
        assert_eq!(order("2024-SP", "2024-FA"), Some(Ordering::Less));
        assert_eq!(
            order("2024-11-04TMO", "2024-11-04TAF"),
            Some(Ordering::Less)
        );
        assert_eq!(order("2024-W44", "2023-W50"), Some(Ordering::Greater));
        assert_eq!(order("2024-11", "2024-11-04"), None);
        assert_eq!(order("2024-11-04T15:00", "2024-11-04TMO"), None);
        assert_eq!(order("P3Y", "P2Y"), None);
    }

    #[test]
    fn only_four_digit_years_are_writable() {
        let day = NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap();
        assert!(!Timex::Day(day).is_writable());
        assert!(!Timex::Year(-1).is_writable());
        assert!(Timex::Year(0).is_writable());
        assert!(!Timex::Decade(1000).is_writable());
        assert!(
            Timex::Duration(Duration::of(Decimal::from_int(300_000), Unit::Year)).is_writable()
        );
    }
}
