//! Dates: the parts a rule captured, resolved to a TIMEX3 value against the
//! article's reference date the way news reads (HeidelTime's news mode).
//!
//! Month and weekday names, and what "last" or "next" mean, come from the rules
//! file as lexicon values (`Nov.` = 11, `Monday` = 1, `last` = -1); this module
//! only does the calendar arithmetic, with chrono.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::Fields;
use super::number::Decimal;
use crate::claim::Claim;

/// The unit a relative expression or a duration counts in ("last *week*",
/// "three-*year*-long").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grain {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
    Decade,
    Century,
}

impl Grain {
    pub fn parse(s: &str) -> Option<Grain> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "second" => Grain::Second,
            "minute" => Grain::Minute,
            "hour" => Grain::Hour,
            "day" => Grain::Day,
            "week" => Grain::Week,
            "month" => Grain::Month,
            "year" => Grain::Year,
            "decade" => Grain::Decade,
            "century" => Grain::Century,
            _ => return None,
        })
    }

    /// The TIMEX3 duration unit, whether it is a time unit (after `T`), and how
    /// many of that unit one grain is.
    fn duration_unit(self) -> (char, bool, i128) {
        match self {
            Grain::Second => ('S', true, 1),
            Grain::Minute => ('M', true, 1),
            Grain::Hour => ('H', true, 1),
            Grain::Day => ('D', false, 1),
            Grain::Week => ('W', false, 1),
            Grain::Month => ('M', false, 1),
            Grain::Year => ('Y', false, 1),
            Grain::Decade => ('Y', false, 10),
            Grain::Century => ('Y', false, 100),
        }
    }
}

/// What a date expression says, part by part.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DateParts {
    pub year: Option<i32>,
    /// The last year of a range of years ("1950-53").
    pub year_end: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// ISO weekday, Monday = 1.
    pub weekday: Option<u32>,
    /// -1 for "last", 0 for "this", 1 for "next"; none for a bare expression.
    pub shift: Option<i32>,
    pub grain: Option<Grain>,
    /// How many grains: "*two* days ago", "*three*-year-long".
    pub amount: Option<Decimal>,
    /// A part of the day as TIMEX3 writes it: `MO`, `AF`, `EV`, `NI`.
    pub part: Option<String>,
    /// A clock time, 24-hour.
    pub hour: Option<u32>,
    pub minute: Option<u32>,
    /// The clause speaks of the future ("will meet on Thursday"): a bare
    /// weekday is the coming one.
    pub future: bool,
}

/// The TIMEX3 value of a date expression, or `None` when it cannot be resolved
/// (a relative expression with no reference date, an impossible date).
pub fn resolve(p: &DateParts, reference: Option<NaiveDate>) -> Option<String> {
    let ymd = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    match (p.year, p.month, p.day) {
        (Some(y), Some(m), Some(d)) => return NaiveDate::from_ymd_opt(y, m, d).map(ymd),
        (None, Some(m), Some(d)) => return nearest_year(reference?, m, d).map(ymd),
        (Some(y), Some(m), None) => return (1..=12).contains(&m).then(|| format!("{y:04}-{m:02}")),
        (None, Some(m), None) if p.weekday.is_none() && p.grain.is_none() => {
            let year = month_year(reference?, m, p.shift)?;
            return (1..=12).contains(&m).then(|| format!("{year:04}-{m:02}"));
        }
        (Some(y), None, None) if p.grain.is_none() && p.weekday.is_none() => {
            return Some(format!("{y:04}"));
        }
        _ => {}
    }
    let reference = reference?;
    if let Some(wd) = p.weekday {
        return weekday(reference, wd, p.shift, p.future).map(ymd);
    }
    // "two days ago": the shift counts `amount` grains.
    let amount = match p.amount {
        Some(a) => i32::try_from(a.as_integer()?).ok()?,
        None => 1,
    };
    let shift = p.shift.unwrap_or(0).checked_mul(amount)?;
    match p.grain? {
        Grain::Day => add_days(reference, shift as i64).map(ymd),
        Grain::Week => {
            let week = add_days(reference, 7 * shift as i64)?.iso_week();
            Some(format!("{:04}-W{:02}", week.year(), week.week()))
        }
        Grain::Month => {
            let first = reference.with_day(1)?;
            let d = if shift >= 0 {
                first.checked_add_months(Months::new(shift as u32))?
            } else {
                first.checked_sub_months(Months::new(shift.unsigned_abs()))?
            };
            Some(d.format("%Y-%m").to_string())
        }
        Grain::Year => Some(format!("{:04}", reference.year().checked_add(shift)?)),
        Grain::Decade => Some(format!(
            "{:03}",
            reference.year().checked_add(shift.checked_mul(10)?)? / 10
        )),
        Grain::Century => Some(format!(
            "{:02}",
            reference.year().checked_add(shift.checked_mul(100)?)? / 100
        )),
        Grain::Second | Grain::Minute | Grain::Hour => None,
    }
}

/// The TIMEX3 value of a duration: `P3Y`, `PT90M`, `P2W`, `P1.5Y`.
pub fn duration(p: &DateParts) -> Option<String> {
    let (unit, time, factor) = p.grain?.duration_unit();
    let amount = p
        .amount
        .unwrap_or(Decimal::ONE)
        .checked_mul(Decimal::from_int(factor))?;
    Some(format!("P{}{amount}{unit}", if time { "T" } else { "" }))
}

/// The TIMEX3 value of a set: `P1Y` for "every year", `XXXX-WXX-1` for "every
/// Monday".
pub fn set(p: &DateParts) -> Option<String> {
    if let Some(wd) = p.weekday {
        return (1..=7).contains(&wd).then(|| format!("XXXX-WXX-{wd}"));
    }
    duration(&DateParts {
        amount: Some(p.amount.unwrap_or(Decimal::ONE)),
        ..p.clone()
    })
}

/// The TIMEX3 value of a time: the day it falls on (the reference day unless
/// the expression names one) with the clock time (`T15:00`) or part of the day
/// (`TMO`).
pub fn time(p: &DateParts, reference: Option<NaiveDate>) -> Option<String> {
    let names_a_day = p.weekday.is_some() || p.day.is_some() || p.grain.is_some();
    let day = match names_a_day {
        true => resolve(p, reference)?,
        false => reference?.format("%Y-%m-%d").to_string(),
    };
    let clock = match (p.hour, &p.part) {
        (Some(h), _) if h < 24 && p.minute.unwrap_or(0) < 60 => {
            format!("{h:02}:{:02}", p.minute.unwrap_or(0))
        }
        (None, Some(part)) => part.clone(),
        _ => return None,
    };
    Some(format!("{day}T{clock}"))
}

/// The year of a month named without one: "last June" is the most recent June
/// before the reference month, "next June" the first after it, "June" or "this
/// June" the reference year's.
fn month_year(reference: NaiveDate, month: u32, shift: Option<i32>) -> Option<i32> {
    let (year, current) = (reference.year(), reference.month());
    Some(match shift {
        Some(s) if s < 0 => {
            if month < current {
                year
            } else {
                year - 1
            }
        }
        Some(s) if s > 0 => {
            if month > current {
                year
            } else {
                year + 1
            }
        }
        _ => year,
    })
}

/// A month and day without a year: in the year that puts it nearest the
/// reference date ("Dec. 30" in an article of Jan. 2 is last year's).
fn nearest_year(reference: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let year = reference.year();
    [year - 1, year, year + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .min_by_key(|d| (*d - reference).num_days().abs())
}

/// The day a weekday refers to: bare, the most recent such day (the reference
/// day included), or in a clause about the future the coming one (the reference
/// day included); "last", strictly before; "next", strictly after; "this", the
/// one in the reference day's ISO week.
fn weekday(reference: NaiveDate, wd: u32, shift: Option<i32>, future: bool) -> Option<NaiveDate> {
    if !(1..=7).contains(&wd) {
        return None;
    }
    let today = reference.weekday().number_from_monday() as i64;
    let wd = wd as i64;
    let back = (today - wd).rem_euclid(7);
    let forward = (wd - today).rem_euclid(7);
    match shift {
        None if future => add_days(reference, forward),
        None => add_days(reference, -back),
        Some(s) if s < 0 => add_days(reference, -(if back == 0 { 7 } else { back })),
        Some(0) => add_days(reference, wd - today),
        Some(_) => add_days(reference, if forward == 0 { 7 } else { forward }),
    }
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// The date parts a match captured.
fn parts(f: &Fields) -> DateParts {
    let number = |name: &str| f.value(name).and_then(|v| v.trim().parse::<i64>().ok());
    let year = number("year").and_then(|y| i32::try_from(y).ok());
    // "1950-53": a two-digit end year is in the start year's century.
    let year_end = f.value("year_end").and_then(|v| {
        let end: i32 = v.trim().parse().ok()?;
        match (v.trim().len(), year) {
            (2, Some(start)) => Some(start - start % 100 + end),
            _ => Some(end),
        }
    });
    let hour = number("hour").and_then(|h| u32::try_from(h).ok());
    // `meridiem` is 0 for a.m. and 12 for p.m.: 12 a.m. is 0:00, 3 p.m. 15:00.
    let hour = match (hour, number("meridiem")) {
        (Some(h), Some(m)) if (1..=12).contains(&h) => Some(h % 12 + m as u32),
        (h, _) => h,
    };
    DateParts {
        year,
        year_end,
        month: number("month").and_then(|m| u32::try_from(m).ok()),
        day: number("day").and_then(|d| u32::try_from(d).ok()),
        weekday: number("weekday").and_then(|w| u32::try_from(w).ok()),
        shift: number("shift").and_then(|s| i32::try_from(s).ok()),
        grain: f.value("grain").as_deref().and_then(Grain::parse),
        amount: f.value("amount").and_then(|a| f.figures.numbers.parse(&a)),
        part: f.value("part").map(|p| p.trim().to_uppercase()),
        hour,
        minute: number("minute").and_then(|m| u32::try_from(m).ok()),
        future: speaks_of_future(f),
    }
}

/// Whether the sentence, up to the date, holds a marker of the future tense
/// from the `future_marker` lexicon ("will", "is due to").
fn speaks_of_future(f: &Fields) -> bool {
    let Some(markers) = f.rules.lexicon("future_marker") else {
        return false;
    };
    let para = &f.doc.paragraphs[f.m.paragraph];
    let start = para
        .sentences
        .iter()
        .find(|s| s.start <= f.m.span.start && f.m.span.start < s.end.max(s.start + 1))
        .map_or(para.range.start, |s| s.start);
    let before = &f.doc.text()[start..f.m.span.start];
    let words: Vec<&str> = before
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    // Markers are one to three words long.
    (0..words.len()).any(|i| {
        (1..=3).any(|n| i + n <= words.len() && markers.contains(&words[i..i + n].join(" ")))
    })
}

/// The reference date written in an article with no other: among its full,
/// explicit dates (day, month and year), the first written with a weekday (the
/// caption and dateline style: "Tuesday, Dec. 3, 2024"), else the latest, since
/// a report is dated on or after what it reports.
pub(crate) fn infer_reference(fields: impl Iterator<Item = DateParts>) -> Option<NaiveDate> {
    let mut latest: Option<NaiveDate> = None;
    for p in fields {
        let (Some(y), Some(m), Some(d)) = (p.year, p.month, p.day) else {
            continue;
        };
        let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else {
            continue;
        };
        if p.weekday.is_some() {
            return Some(date);
        }
        latest = latest.max(Some(date));
    }
    latest
}

/// The parts of every date match, for `infer_reference`.
pub(crate) fn all_parts<'a>(
    fields: impl Iterator<Item = Fields<'a>> + 'a,
) -> impl Iterator<Item = DateParts> + 'a {
    fields.map(|f| parts(&f))
}

pub(crate) fn fill(f: &Fields, reference: Option<NaiveDate>, c: &mut Claim) {
    let parts = parts(f);
    if c.subtype.is_empty() {
        c.subtype = "date".into();
    }
    let value = match c.subtype.as_str() {
        "duration" => duration(&parts),
        "set" => set(&parts),
        "time" => time(&parts, reference),
        _ => resolve(&parts, reference),
    };
    c.value = value.unwrap_or_default();
    if let Some(end) = parts.year_end {
        c.value_max = format!("{end:04}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    fn wd(weekday: u32, shift: Option<i32>) -> DateParts {
        DateParts {
            weekday: Some(weekday),
            shift,
            ..Default::default()
        }
    }

    #[test]
    fn future_weekdays_look_ahead() {
        let future = |weekday: u32| DateParts {
            weekday: Some(weekday),
            future: true,
            ..Default::default()
        };
        let mon = day(2024, 11, 4);
        assert_eq!(resolve(&future(4), mon).as_deref(), Some("2024-11-07"));
        assert_eq!(resolve(&future(1), mon).as_deref(), Some("2024-11-04"));
    }

    fn rel(grain: Grain, shift: i32) -> DateParts {
        DateParts {
            grain: Some(grain),
            shift: Some(shift),
            ..Default::default()
        }
    }

    // 2024-11-04 is a Monday; 2024-10-28 is a Monday too.
    #[test]
    fn weekdays_in_news_mode() {
        let mon = day(2024, 11, 4);
        assert_eq!(resolve(&wd(1, None), mon).as_deref(), Some("2024-11-04"));
        assert_eq!(resolve(&wd(4, None), mon).as_deref(), Some("2024-10-31"));
        assert_eq!(
            resolve(&wd(5, Some(-1)), day(2024, 10, 28)).as_deref(),
            Some("2024-10-25")
        );
        assert_eq!(
            resolve(&wd(1, Some(-1)), mon).as_deref(),
            Some("2024-10-28")
        );
        assert_eq!(resolve(&wd(2, Some(1)), mon).as_deref(), Some("2024-11-05"));
        assert_eq!(resolve(&wd(1, Some(1)), mon).as_deref(), Some("2024-11-11"));
        assert_eq!(resolve(&wd(5, Some(0)), mon).as_deref(), Some("2024-11-08"));
        assert_eq!(resolve(&wd(1, None), None), None);
    }

    #[test]
    fn relative_grains() {
        let d = day(2024, 11, 4);
        assert_eq!(
            resolve(&rel(Grain::Week, -1), d).as_deref(),
            Some("2024-W44")
        );
        assert_eq!(
            resolve(&rel(Grain::Week, -1), day(2024, 10, 28)).as_deref(),
            Some("2024-W43")
        );
        assert_eq!(
            resolve(&rel(Grain::Week, 1), d).as_deref(),
            Some("2024-W46")
        );
        assert_eq!(
            resolve(&rel(Grain::Month, -1), d).as_deref(),
            Some("2024-10")
        );
        assert_eq!(
            resolve(&rel(Grain::Month, -1), day(2024, 1, 31)).as_deref(),
            Some("2023-12")
        );
        assert_eq!(resolve(&rel(Grain::Year, -1), d).as_deref(), Some("2023"));
        assert_eq!(
            resolve(&rel(Grain::Day, -1), day(2024, 3, 1)).as_deref(),
            Some("2024-02-29")
        );
        // ISO week-years: 2024-12-30 is in 2025-W01.
        assert_eq!(
            resolve(&rel(Grain::Week, 0), day(2024, 12, 30)).as_deref(),
            Some("2025-W01")
        );
        assert_eq!(resolve(&rel(Grain::Week, -1), None), None);
    }

    #[test]
    fn explicit_dates() {
        let full = DateParts {
            year: Some(2024),
            month: Some(11),
            day: Some(4),
            ..Default::default()
        };
        assert_eq!(resolve(&full, None).as_deref(), Some("2024-11-04"));
        let no_year = DateParts {
            year: None,
            ..full.clone()
        };
        assert_eq!(
            resolve(&no_year, day(2024, 12, 3)).as_deref(),
            Some("2024-11-04")
        );
        assert_eq!(resolve(&no_year, None), None);
        let dec30 = DateParts {
            month: Some(12),
            day: Some(30),
            ..Default::default()
        };
        assert_eq!(
            resolve(&dec30, day(2025, 1, 2)).as_deref(),
            Some("2024-12-30")
        );
        let jan5 = DateParts {
            month: Some(1),
            day: Some(5),
            ..Default::default()
        };
        assert_eq!(
            resolve(&jan5, day(2024, 12, 28)).as_deref(),
            Some("2025-01-05")
        );
        let bad = DateParts {
            day: Some(31),
            month: Some(2),
            ..full
        };
        assert_eq!(resolve(&bad, None), None);
    }
}
