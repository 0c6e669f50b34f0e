//! Dates: the parts a rule captured, resolved to a TIMEX3 value against the
//! article's reference date the way news reads (HeidelTime's news mode).
//!
//! Month and weekday names, and what "last" or "next" mean, come from the rules
//! file as lexicon values (`Nov.` = 11, `Monday` = 1, `last` = -1); this module
//! only does the calendar arithmetic, with chrono.

use std::ops::Range;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::number::Decimal;
use super::{Draft, Fields};
use crate::engine::RuleMatch;
use crate::model::{Claim, Kind};
use crate::rules::{Lexicon, Rules};
use crate::text::Document;

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
    /// Saturday and Sunday of an ISO week: "last weekend".
    Weekend,
    Quarter,
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
            "weekend" => Grain::Weekend,
            "quarter" => Grain::Quarter,
            _ => return None,
        })
    }

    /// The TIMEX3 duration unit, whether it is a time unit (after `T`), and how
    /// many of that unit one grain is.
    fn duration_unit(self) -> Option<(char, bool, i128)> {
        Some(match self {
            Grain::Second => ('S', true, 1),
            Grain::Minute => ('M', true, 1),
            Grain::Hour => ('H', true, 1),
            Grain::Day => ('D', false, 1),
            Grain::Week => ('W', false, 1),
            Grain::Month => ('M', false, 1),
            Grain::Quarter => ('M', false, 3),
            Grain::Year => ('Y', false, 1),
            Grain::Decade => ('Y', false, 10),
            Grain::Century => ('Y', false, 100),
            Grain::Weekend => return None,
        })
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
    /// The last day of a range within one month ("Nov. 19-20").
    pub day_end: Option<u32>,
    /// ISO weekday, Monday = 1.
    pub weekday: Option<u32>,
    /// The last weekday of a range of them in one week ("next week between
    /// Wednesday and *Friday*").
    pub weekday_end: Option<u32>,
    /// -1 for "last", 0 for "this", 1 for "next"; none for a bare expression.
    pub shift: Option<i32>,
    pub grain: Option<Grain>,
    /// How many grains: "*two* days ago", "*three*-year-long".
    pub amount: Option<Decimal>,
    /// An amount was written but could not be read ("umpteen days ago"): the
    /// expression has no value, rather than a guessed one.
    pub unreadable: bool,
    /// A part of the day as TIMEX3 writes it: `MO`, `AF`, `EV`, `NI`.
    pub part: Option<String>,
    /// A clock time, 24-hour.
    pub hour: Option<u32>,
    pub minute: Option<u32>,
    /// The clause speaks of the future ("will meet on Thursday"): a bare
    /// weekday is the coming one.
    pub future: bool,
    /// The sentence speaks of the past ("flew out on Jan. 22"): a date without
    /// a year is the most recent such day.
    pub past: bool,
    /// "Q3", "the first half": a quarter (1-4) or half (1-2) of a year; -1 for
    /// the last one.
    pub quarter: Option<i32>,
    pub half: Option<i32>,
    /// A TIMEX3 season: `SP`, `SU`, `FA`, `WI`.
    pub season: Option<String>,
    /// The decade as TIMEX3 writes it: 197 for "the 1970s".
    pub decade: Option<i32>,
    /// The century by its ordinal: 15 for "the 15th century" (TIMEX3 `14`).
    pub century: Option<i32>,
    /// An ISO week number: "week 10".
    pub week: Option<u32>,
    /// Which weekday or week of a month or year: "the *first* Friday of July",
    /// "the *third* week of 2027"; -1 for the last.
    pub nth: Option<i32>,
    /// Days from the reference to the day a relative expression counts from:
    /// 1 for "two days from *tomorrow*".
    pub anchor: Option<i32>,
    /// "The rest of the week": from the reference day to the end of the grain.
    pub rest: bool,
    /// "2 years 1 month 21 days": several amounts, each with its grain.
    pub compound: Vec<(Decimal, Grain)>,
    /// The expression counts from the story's own time, not the article's date
    /// ("the next day", "two weeks later", "that weekend"): from the last date
    /// the article named before it (see `resolve_anaphora`).
    pub anaphoric: bool,
    /// The expression is the period of `amount` `grain`s from its day ("within
    /// 2 weeks from today"), not the day that many grains on.
    pub period: bool,
}

impl DateParts {
    /// The tense that places a date written without its year or month (see
    /// `clause_tense` for a clause with both).
    fn tense(&self) -> Tense {
        match (self.future, self.past) {
            (true, _) => Tense::Future,
            (false, true) => Tense::Past,
            _ => Tense::None,
        }
    }
}

/// The TIMEX3 value of a date expression, or `None` when it cannot be resolved
/// (a relative expression with no reference date, an impossible date).
pub fn resolve(p: &DateParts, reference: Option<NaiveDate>) -> Option<String> {
    let ymd = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    if p.unreadable {
        return None;
    }
    if let Some(d) = p.decade {
        return (0..1000).contains(&d).then(|| format!("{d:03}"));
    }
    if let Some(c) = p.century {
        return (1..=100).contains(&c).then(|| format!("{:02}", c - 1));
    }
    // TIMEX3 writes four-digit years only.
    if p.year.is_some_and(|y| !(0..=9999).contains(&y)) {
        return None;
    }
    if p.season.is_some() {
        return season(p, reference);
    }
    if p.quarter.is_some() || p.half.is_some() || p.grain == Some(Grain::Quarter) {
        return part_of_year(p, reference);
    }
    if let Some(week) = p.week {
        let year = p.year.or(reference.map(|r| r.year()))?;
        NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)?;
        return Some(format!("{year:04}-W{week:02}"));
    }
    if let Some(n) = p.nth {
        return nth(p, n, reference);
    }
    // "the week of Feb. 4": the ISO week that holds the day.
    if p.grain == Some(Grain::Week) && p.day.is_some() && p.weekday.is_none() {
        let day = resolve(
            &DateParts {
                grain: None,
                ..p.clone()
            },
            reference,
        )?;
        let week = NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok()?.iso_week();
        return Some(format!("{:04}-W{:02}", week.year(), week.week()));
    }
    if let (Some(d), None) = (p.day, p.month) {
        let reference = reference?;
        // "the 20th of next month"
        if p.grain == Some(Grain::Month) {
            let first = add_months(reference.with_day(1)?, p.shift.unwrap_or(0))?;
            return first.with_day(d).map(ymd);
        }
        // "the 27th": the nearest month that has one; "Friday the 13th", the
        // nearest month where it is a Friday, if one near is.
        return nearest_month(reference, d, p.weekday, p.tense()).map(ymd);
    }
    match (p.year, p.month, p.day) {
        (Some(y), Some(m), Some(d)) => return NaiveDate::from_ymd_opt(y, m, d).map(ymd),
        (None, Some(m), Some(d)) => return year_of_month_day(reference?, p, m, d).map(ymd),
        (Some(y), Some(m), None) => return (1..=12).contains(&m).then(|| format!("{y:04}-{m:02}")),
        // "June next year"
        (None, Some(m), None) if p.grain == Some(Grain::Year) => {
            let year = reference?.year().checked_add(p.shift.unwrap_or(0))?;
            return (1..=12).contains(&m).then(|| format!("{year:04}-{m:02}"));
        }
        (None, Some(m), None) if p.weekday.is_none() && p.grain.is_none() => {
            let year = month_year(reference?, m, p.shift)?;
            return (1..=12).contains(&m).then(|| format!("{year:04}-{m:02}"));
        }
        (Some(y), None, None) if p.grain.is_none() && p.weekday.is_none() => {
            return Some(format!("{y:04}"));
        }
        _ => {}
    }
    let reference = add_days(reference?, p.anchor.unwrap_or(0) as i64)?;
    if !p.compound.is_empty() {
        return compound_date(reference, &p.compound, p.shift.unwrap_or(0));
    }
    // "two days ago": the shift counts `amount` grains.
    let amount = match p.amount {
        Some(a) => i32::try_from(a.as_integer()?).ok()?,
        None => 1,
    };
    let shift = p.shift.unwrap_or(0).checked_mul(amount)?;
    if let Some(wd) = p.weekday {
        // "Friday next week": that weekday of the shifted ISO week.
        if p.grain == Some(Grain::Week) && (1..=7).contains(&wd) {
            let day = add_days(reference, 7 * shift as i64)?;
            let monday = add_days(day, -(day.weekday().num_days_from_monday() as i64))?;
            return add_days(monday, wd as i64 - 1).map(ymd);
        }
        // "two Sundays ago", "three Fridays from now": the `amount`th such
        // day before or after the reference, never the reference itself.
        if let (Some(_), Some(s)) = (p.amount, p.shift.filter(|s| *s != 0)) {
            if amount < 1 {
                return None;
            }
            let first = weekday(reference, wd, Some(s.signum()), false)?;
            return add_days(first, 7 * (amount as i64 - 1) * s.signum() as i64).map(ymd);
        }
        return weekday(reference, wd, p.shift, p.future).map(ymd);
    }
    // "three weeks from tomorrow": counted from a named day, the result is a
    // day ("two weeks from now" keeps its own unit, below).
    if p.anchor.is_some() {
        let day = match p.grain? {
            Grain::Day => add_days(reference, shift as i64),
            Grain::Week => add_days(reference, 7 * shift as i64),
            Grain::Month => add_months(reference, shift),
            Grain::Year => add_months(reference, shift.checked_mul(12)?),
            _ => None,
        };
        return day.map(ymd);
    }
    match p.grain? {
        Grain::Day => add_days(reference, shift as i64).map(ymd),
        Grain::Week => {
            let week = add_days(reference, 7 * shift as i64)?.iso_week();
            Some(format!("{:04}-W{:02}", week.year(), week.week()))
        }
        Grain::Month => {
            let d = add_months(reference.with_day(1)?, shift)?;
            Some(d.format("%Y-%m").to_string())
        }
        // A bare "the weekend" is the latest one, or in a clause about the
        // future the coming one, like a bare Saturday.
        Grain::Weekend => {
            let saturday = match p.shift {
                None => weekday(reference, 6, None, p.future)?,
                Some(_) => add_days(reference, 7 * shift as i64)?,
            };
            let week = saturday.iso_week();
            Some(format!("{:04}-W{:02}-WE", week.year(), week.week()))
        }
        Grain::Quarter => None,
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
    if p.unreadable {
        return None;
    }
    if !p.compound.is_empty() {
        return compound_duration(&p.compound);
    }
    let (unit, time, factor) = p.grain?.duration_unit()?;
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

/// A season's year: written, or the reference's season year (spring to
/// winter, so that January is in the previous year's winter) moved by "last"
/// or "next".
fn season(p: &DateParts, reference: Option<NaiveDate>) -> Option<String> {
    let code = p.season.as_deref()?;
    let order = |c: &str| ["SP", "SU", "FA", "WI"].iter().position(|s| *s == c);
    let target = order(code)?;
    let year = match p.year {
        Some(y) => y,
        None => {
            let r = reference?;
            let current = match r.month() {
                3..=5 => 0,
                6..=8 => 1,
                9..=11 => 2,
                _ => 3,
            };
            let year = if r.month() <= 2 {
                r.year() - 1
            } else {
                r.year()
            };
            match p.shift {
                Some(s) if s < 0 && target >= current => year - 1,
                Some(s) if s > 0 && target <= current => year + 1,
                _ => year,
            }
        }
    };
    Some(format!("{year:04}-{code}"))
}

/// A quarter or half of a year: `2016-Q3`, `2016-H1`; "last quarter" and
/// "the last quarter" (no year) are the one before the reference's, "the last
/// quarter of 2016" is its fourth.
fn part_of_year(p: &DateParts, reference: Option<NaiveDate>) -> Option<String> {
    let year = p.year.or(reference.map(|r| r.year()));
    if p.quarter == Some(-1) && p.year.is_none() {
        let previous = DateParts {
            quarter: None,
            shift: Some(-1),
            ..p.clone()
        };
        return part_of_year(&previous, reference);
    }
    if let Some(q) = p.quarter {
        let q = if q == -1 { 4 } else { q };
        return match (1..=4).contains(&q) {
            true => Some(format!("{:04}-Q{q}", year?)),
            false => None,
        };
    }
    if let Some(h) = p.half {
        let h = if h == -1 { 2 } else { h };
        return match (1..=2).contains(&h) {
            true => Some(format!("{:04}-H{h}", year?)),
            false => None,
        };
    }
    let r = reference?;
    let index = r.year() * 4 + (r.month0() / 3) as i32 + p.shift.unwrap_or(0);
    Some(format!(
        "{:04}-Q{}",
        index.div_euclid(4),
        index.rem_euclid(4) + 1
    ))
}

/// "The first Friday of July" (a day), "the third week of this month" (the
/// ISO week that holds the month's third Thursday, as ISO counts weeks), "the
/// third week of 2027" (ISO week 3).
fn nth(p: &DateParts, n: i32, reference: Option<NaiveDate>) -> Option<String> {
    if n == 0 || n > 5 {
        return None;
    }
    let of_year = p.weekday.is_none() && p.month.is_none() && p.grain != Some(Grain::Month);
    if of_year {
        let year = match p.year {
            Some(y) => y,
            None => reference?.year().checked_add(p.shift.unwrap_or(0))?,
        };
        // The last ISO week of a year is the one that holds December 28.
        let week = match n {
            -1 => NaiveDate::from_ymd_opt(year, 12, 28)?.iso_week().week(),
            n => n as u32,
        };
        return Some(format!("{year:04}-W{week:02}"));
    }
    let first = match (p.month, p.year) {
        (Some(m), Some(y)) => NaiveDate::from_ymd_opt(y, m, 1)?,
        (Some(m), None) => {
            let r = reference?;
            NaiveDate::from_ymd_opt(month_year(r, m, p.shift)?, m, 1)?
        }
        (None, _) => add_months(reference?.with_day(1)?, p.shift.unwrap_or(0))?,
    };
    match p.weekday {
        Some(wd) => nth_weekday(first, wd, n).map(|d| d.format("%Y-%m-%d").to_string()),
        None => {
            let week = nth_weekday(first, 4, n)?.iso_week();
            Some(format!("{:04}-W{:02}", week.year(), week.week()))
        }
    }
}

/// The nth (or with -1 the last) given weekday of the month that starts on `first`.
fn nth_weekday(first: NaiveDate, wd: u32, n: i32) -> Option<NaiveDate> {
    if !(1..=7).contains(&wd) {
        return None;
    }
    let wd = wd as i64;
    if n > 0 {
        let offset = (wd - first.weekday().number_from_monday() as i64).rem_euclid(7);
        let day = add_days(first, offset + 7 * (n as i64 - 1))?;
        return (day.month() == first.month()).then_some(day);
    }
    let last = add_months(first, 1)?.pred_opt()?;
    add_days(
        last,
        -(last.weekday().number_from_monday() as i64 - wd).rem_euclid(7),
    )
}

/// A day of the month without a month: in the month, this one or one near,
/// that puts it nearest the reference date, or by the tense of its sentence
/// the most recent or the next. With a weekday ("Friday the 13th"), the
/// months where the day falls on it come first.
fn nearest_month(
    reference: NaiveDate,
    day: u32,
    weekday: Option<u32>,
    tense: Tense,
) -> Option<NaiveDate> {
    let first = reference.with_day(1)?;
    let days = [-2, -1, 0, 1, 2]
        .into_iter()
        .filter_map(|k| add_months(first, k)?.with_day(day));
    if let Some(wd) = weekday {
        let agreeing = days
            .clone()
            .filter(|d| d.weekday().number_from_monday() == wd);
        if let Some(d) = nearest(reference, agreeing, tense) {
            return Some(d);
        }
    }
    nearest(reference, days, tense)
}

/// What a sentence says of a date's time: past, future, or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
    None,
}

/// Of `days`, the one nearest `reference`; in the past tense the latest on or
/// before it, in the future the first on or after it.
fn nearest(
    reference: NaiveDate,
    days: impl Iterator<Item = NaiveDate>,
    tense: Tense,
) -> Option<NaiveDate> {
    match tense {
        Tense::Future => days.filter(|d| *d >= reference).min(),
        Tense::Past => days.filter(|d| *d <= reference).max(),
        Tense::None => days.min_by_key(|d| (*d - reference).num_days().abs()),
    }
}

/// The reference day and the last day of its week (ISO, Sunday), month or year.
fn rest_of(reference: NaiveDate, grain: Grain) -> Option<(NaiveDate, NaiveDate)> {
    let last = match grain {
        Grain::Week => add_days(
            reference,
            6 - reference.weekday().num_days_from_monday() as i64,
        )?,
        Grain::Month => add_months(reference.with_day(1)?, 1)?.pred_opt()?,
        Grain::Year => NaiveDate::from_ymd_opt(reference.year(), 12, 31)?,
        _ => return None,
    };
    Some((reference, last))
}

fn add_months(d: NaiveDate, n: i32) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_months(Months::new(n as u32))
    } else {
        d.checked_sub_months(Months::new(n.unsigned_abs()))
    }
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

/// A month and day without a year: by the tense of its sentence, the most
/// recent such day ("flew out on Jan. 22") or the next one ("will be held on
/// Nov. 3"); with neither, the nearest ("Dec. 30" in an article of Jan. 2 is
/// last year's, "Jan. 1" in one of Dec. 20 next year's). A weekday written
/// with it picks the year it falls on that day, where one of the three does
/// ("Wednesday, Jan. 22" near 2020 is 2020's). A day the years near the
/// reference lack (Feb. 29) is the latest before it.
fn year_of_month_day(
    reference: NaiveDate,
    p: &DateParts,
    month: u32,
    day: u32,
) -> Option<NaiveDate> {
    let year = reference.year();
    let on = |y: i32| NaiveDate::from_ymd_opt(y, month, day);
    let near = (year - 1..=year + 1).filter_map(on);
    if let Some(wd) = p.weekday {
        let agreeing = near
            .clone()
            .filter(|d| d.weekday().number_from_monday() == wd);
        if let Some(d) = nearest(reference, agreeing, Tense::None) {
            return Some(d);
        }
    }
    match nearest(reference, near, p.tense()) {
        Some(d) => Some(d),
        None if !p.future => (year - 8..year)
            .rev()
            .filter_map(on)
            .find(|d| *d <= reference),
        None => (year..=year + 8).filter_map(on).find(|d| *d >= reference),
    }
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
    let year = f.value("year").and_then(|v| year_value(f, &v));
    let year_end = match (year, f.value("year_end")) {
        (Some(start), Some(end)) => year_range_end(start, &end),
        (None, Some(end)) => year_value(f, &end),
        _ => None,
    };
    let hour = number("hour").and_then(|h| u32::try_from(h).ok());
    // `meridiem` is 0 for a.m. and 12 for p.m.: 12 a.m. is 0:00, 3 p.m. 15:00;
    // "13 p.m." is no time.
    let hour = match (hour, number("meridiem")) {
        (Some(h), Some(m)) if (1..=12).contains(&h) => Some(h % 12 + m as u32),
        (Some(_), Some(_)) => Some(u32::MAX),
        (h, _) => h,
    };
    let (future, past) = clause_tense(f);
    let amount_text = f.value("amount");
    let amount = amount_text.as_deref().and_then(|a| read_amount(f, a));
    DateParts {
        year,
        year_end,
        month: f.value("month").and_then(|m| month_number(f, &m)),
        day: f.value("day").and_then(|d| day_number(f, &d)),
        day_end: f.value("day_end").and_then(|d| day_number(f, &d)),
        weekday: number("weekday").and_then(|w| u32::try_from(w).ok()),
        weekday_end: number("weekday_end").and_then(|w| u32::try_from(w).ok()),
        shift: number("shift").and_then(|s| i32::try_from(s).ok()),
        grain: f.value("grain").as_deref().and_then(Grain::parse),
        amount,
        unreadable: amount_text.is_some() && amount.is_none(),
        part: f.value("part").map(|p| p.trim().to_uppercase()),
        hour,
        minute: number("minute").and_then(|m| u32::try_from(m).ok()),
        future,
        past,
        quarter: number("quarter").and_then(|q| i32::try_from(q).ok()),
        half: number("half").and_then(|h| i32::try_from(h).ok()),
        season: f.value("season").map(|s| s.trim().to_uppercase()),
        decade: f.value("decade").and_then(|d| decade_of(f, &d)),
        century: f
            .value("century")
            .and_then(|c| day_number(f, &c))
            .map(|c| c as i32),
        week: number("week").and_then(|w| u32::try_from(w).ok()),
        nth: number("nth").and_then(|n| i32::try_from(n).ok()),
        anchor: number("anchor").and_then(|a| i32::try_from(a).ok()),
        rest: f.value("rest").is_some(),
        compound: f
            .value("compound")
            .and_then(|c| compound(f, &c))
            .unwrap_or_default(),
        anaphoric: f.value("anaphoric").is_some(),
        period: f.value("period").is_some(),
    }
}

/// A year as written: four digits, or two ("05/05/89") read in the century
/// that puts them within 50 years before or after 2000.
fn year_of(text: &str) -> Option<i32> {
    let text = text.trim().trim_start_matches('\'');
    let y: i32 = text.parse().ok()?;
    Some(match text.len() {
        2 if y < 50 => 2000 + y,
        2 => 1900 + y,
        _ => y,
    })
}

/// A year as written: in digits (`year_of`) or in words (`year_in_words`).
fn year_value(f: &Fields, text: &str) -> Option<i32> {
    match text.trim_start().starts_with(|c: char| c.is_alphabetic()) {
        true => year_in_words(f, text),
        false => year_of(text),
    }
}

/// A year said in words: its hundreds from the `year_hundreds` lexicon, then
/// two digits as a number ("nineteen seventy-eight"), a `year_zero` word and a
/// digit ("nineteen oh one") or a multiplier of a hundred ("nineteen
/// hundred"); or else a number ("two thousand and eighteen").
fn year_in_words(f: &Fields, text: &str) -> Option<i32> {
    let text = text.trim();
    let lexicon = |name: &str| f.rules.lexicon(name);
    let number = |words: &str| i32::try_from(f.figures.numbers.parse(words)?.as_integer()?).ok();
    let Some((first, rest)) = text.split_once([' ', '-']) else {
        return number(text);
    };
    let Some(hundreds) = lexicon("year_hundreds").and_then(|l| l.value_of(first)) else {
        return number(text);
    };
    let hundreds: i32 = hundreds.parse().ok()?;
    let rest = rest.trim();
    if lexicon("number_multiplier").and_then(|l| l.value_of(rest)) == Some("100") {
        return Some(hundreds * 100);
    }
    let rest = match rest.split_once(' ') {
        Some((zero, digit)) if lexicon("year_zero").is_some_and(|l| l.contains(zero)) => digit,
        _ => rest,
    };
    let two_digits = number(rest).filter(|n| (0..100).contains(n))?;
    Some(hundreds * 100 + two_digits)
}

/// Whether a year in words reads as a plain number ("two thousand", unlike
/// "nineteen seventy-eight", which starts with a `year_hundreds` word) and so
/// may be a count.
fn year_may_be_count(rules: &Rules, text: &str) -> bool {
    let text = text.trim();
    let first = text.split([' ', '-']).next().unwrap_or(text);
    text.starts_with(|c: char| c.is_alphabetic())
        && !rules
            .lexicon("year_hundreds")
            .is_some_and(|l| l.contains(first))
}

/// "2 years 1 month 21 days" as amount and grain pairs; `None` unless the text
/// is all pairs, two or more, with an optional "and" or comma between them.
fn compound(f: &Fields, text: &str) -> Option<Vec<(Decimal, Grain)>> {
    let units = f.rules.lexicon("grain_unit")?;
    let mut pairs = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    let tokens = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty());
    for token in tokens {
        // "3h": digits glued to their unit.
        let glued = token
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .filter(|&k| k > 0 && units.contains(&token[k..]));
        let unit = match glued {
            Some(k) => {
                words.push(&token[..k]);
                &token[k..]
            }
            None => token,
        };
        match units.value_of(unit).and_then(Grain::parse) {
            Some(grain) => {
                pairs.push((read_amount(f, &words.join(" "))?, grain));
                words.clear();
            }
            None if words.is_empty() && unit.eq_ignore_ascii_case("and") => {}
            None => words.push(unit),
        }
    }
    (words.is_empty() && pairs.len() >= 2).then_some(pairs)
}

/// The TIMEX3 duration of several amounts: `P1Y1M21D`, `P1W3D`, `PT1H30M`.
fn compound_duration(pairs: &[(Decimal, Grain)]) -> Option<String> {
    // TIMEX3 order: years, months, weeks, days, then after `T` hours, minutes, seconds.
    let slots = [
        ('Y', false),
        ('M', false),
        ('W', false),
        ('D', false),
        ('H', true),
        ('M', true),
        ('S', true),
    ];
    let mut sums = [None::<Decimal>; 7];
    for &(amount, grain) in pairs {
        let (unit, time, factor) = grain.duration_unit()?;
        let slot = slots.iter().position(|&s| s == (unit, time))?;
        let add = amount.checked_mul(Decimal::from_int(factor))?;
        sums[slot] = Some(sums[slot].unwrap_or(Decimal::ZERO).checked_add(add)?);
    }
    let mut out = String::from("P");
    for (k, &(unit, time)) in slots.iter().enumerate() {
        if time && !out.contains('T') && sums[k..].iter().any(Option::is_some) {
            out.push('T');
        }
        if let Some(sum) = sums[k] {
            out.push_str(&format!("{sum}{unit}"));
        }
    }
    Some(out)
}

/// "1 month 21 days ago": the reference moved by every amount, written to the
/// finest grain named (a day, a month or a year).
fn compound_date(reference: NaiveDate, pairs: &[(Decimal, Grain)], shift: i32) -> Option<String> {
    let mut day = reference;
    for &(amount, grain) in pairs {
        let n = i32::try_from(amount.as_integer()?)
            .ok()?
            .checked_mul(shift)?;
        day = match grain {
            Grain::Day => add_days(day, n as i64)?,
            Grain::Week => add_days(day, 7 * n as i64)?,
            Grain::Month => add_months(day, n)?,
            Grain::Year => add_months(day, n.checked_mul(12)?)?,
            _ => return None,
        };
    }
    let finest = pairs.iter().map(|&(_, grain)| match grain {
        Grain::Day | Grain::Week => 0,
        Grain::Month => 1,
        _ => 2,
    });
    Some(match finest.min()? {
        0 => day.format("%Y-%m-%d").to_string(),
        1 => day.format("%Y-%m").to_string(),
        _ => format!("{:04}", day.year()),
    })
}

/// The end of a range of years: "1950-53" ends in 1953, "1999-00" in 2000. A
/// two-digit end more than 20 years on ("2016-11") is no range.
fn year_range_end(start: i32, end: &str) -> Option<i32> {
    let end = end.trim();
    let value: i32 = end.parse().ok()?;
    let year = match end.len() {
        2 => {
            let y = start - start.rem_euclid(100) + value;
            let y = if y <= start { y + 100 } else { y };
            (y - start <= 20).then_some(y)?
        }
        _ => value,
    };
    (year > start).then_some(year)
}

/// A decade as TIMEX3 writes it (197) from "1970s", "'70s", "70's" or a
/// `decade_word` value. Two digits are the 1900s from 30 on, else the 2000s.
/// In words with its century: "nineteen seventies" (a `year_hundreds` word and
/// a `decade_of_century` word), "two thousand and tens", "two thousands".
fn decade_of(f: &Fields, text: &str) -> Option<i32> {
    if text.trim_start().starts_with(|c: char| c.is_alphabetic()) {
        return decade_in_words(f, text.trim());
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let n: i32 = digits.parse().ok()?;
    Some(match digits.len() {
        4 => n / 10,
        3 => n,
        2 if n < 30 => 200 + n / 10,
        2 => 190 + n / 10,
        _ => return None,
    })
}

fn decade_in_words(f: &Fields, text: &str) -> Option<i32> {
    let number = |words: &str| i32::try_from(f.figures.numbers.parse(words)?.as_integer()?).ok();
    let Some((century, decade)) = text
        .rsplit_once([' ', '-'])
        .and_then(|(c, d)| Some((c, f.rules.lexicon("decade_of_century")?.value_of(d)?)))
    else {
        // "the two thousands"
        return number(text).filter(|n| n % 100 == 0).map(|n| n / 10);
    };
    let decade: i32 = decade.parse().ok()?;
    let century = match f.rules.lexicon("year_hundreds")?.value_of(century) {
        Some(hundreds) => hundreds.parse::<i32>().ok()?,
        // "two thousand and": the number without its "and"
        None => {
            let words = century.trim_end();
            let words = words
                .rsplit_once(' ')
                .filter(|(_, last)| {
                    f.rules
                        .lexicon("number_filler")
                        .is_some_and(|l| l.contains(last))
                })
                .map_or(words, |(head, _)| head);
            number(words).filter(|n| n % 100 == 0)? / 100
        }
    };
    Some(century * 10 + decade)
}

/// A month as captured: its number, or a name of the `month` lexicon (a
/// pattern that cannot use the lexicon, such as "Oct2" with the day glued to
/// it, captures the name as written).
fn month_number(f: &Fields, text: &str) -> Option<u32> {
    let text = text.trim();
    match text.parse() {
        Ok(m) => Some(m),
        Err(_) => f.rules.lexicon("month")?.value_of(text)?.parse().ok(),
    }
}

/// A day of the month (or a century's ordinal): "22", "22nd", or an entry of
/// the `ordinal_day` or `cardinal_day` lexicon ("twenty-second", "twenty two").
fn day_number(f: &Fields, text: &str) -> Option<u32> {
    let text = text.trim();
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        let digits = text.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
        return digits.parse().ok();
    }
    ["ordinal_day", "cardinal_day"]
        .into_iter()
        .find_map(|name| f.rules.lexicon(name)?.value_of(text)?.parse().ok())
}

/// How many grains an amount says: a figure ("two", "30"), or "a"/"an" from
/// the `number_article` lexicon ("a month ago").
fn read_amount(f: &Fields, text: &str) -> Option<Decimal> {
    if let Some(n) = f.figures.numbers.parse(text) {
        return Some(n);
    }
    let value = f.rules.lexicon("number_article")?.value_of(text)?;
    Decimal::parse_plain(value)
}

/// The tense of the clause before a date, as (future, past): a marker of the
/// future tense from the `future_marker` lexicon ("will", "is due to",
/// "'ll"), a verb in the past (`last_past_word`), or both. The clause starts
/// after the last comma, semicolon, colon, dash or quotation mark before the
/// date, within its sentence: in "North Korea will send troops, Singh said
/// Thursday" the Thursday is not in the future. When the clause holds both,
/// the one nearer the date wins: "will mark what happened on Oct. 7" is past,
/// "was told he will return on Jan. 5" future.
fn clause_tense(f: &Fields) -> (bool, bool) {
    let words = clause_words(sentence_before(f));
    let future = f
        .rules
        .lexicon("future_marker")
        .and_then(|markers| last_future_word(&words, markers));
    let past = last_past_word(&words, f.rules);
    match (future, past) {
        (Some(fut), Some(past)) => (fut >= past, past > fut),
        (fut, past) => (fut.is_some(), past.is_some()),
    }
}

/// The text of the match's sentence before the match.
fn sentence_before<'a>(f: &Fields<'a>) -> &'a str {
    let para = &f.doc.paragraphs[f.m.paragraph];
    let at = f.m.span.start;
    // Sentences are in order: the last one that starts at or before the date.
    let sentence_start = para
        .sentences
        .partition_point(|s| s.start <= at)
        .checked_sub(1)
        .map_or(para.range.start, |k| para.sentences[k].start)
        .min(at);
    &f.doc.text()[sentence_start..at]
}

/// The words of the last clause of `before` (as `last_clause` cuts it).
fn clause_words(before: &str) -> Vec<&str> {
    last_clause(before)
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Where the last verb in the past tense stands among the words of a clause
/// (`clause_words`): a word of the `past_marker` lexicon ("was", "flew"), or
/// a word of five letters or more that ends with a `past_suffix`
/// ("rejected") and is no `past_suffix_exception` ("hundred"); either unless
/// a `past_suffix_blocker` stands before it ("is scheduled", "will be held").
fn last_past_word(words: &[&str], rules: &Rules) -> Option<usize> {
    let lexicon = |name: &str| rules.lexicon(name);
    let markers = lexicon("past_marker")?;
    let suffixes: Vec<&str> = lexicon("past_suffix")
        .into_iter()
        .flat_map(Lexicon::entries)
        .map(|(suffix, _)| suffix)
        .collect();
    let blockers = lexicon("past_suffix_blocker");
    let exceptions = lexicon("past_suffix_exception");
    words.iter().enumerate().rposition(|(i, w)| {
        if i > 0 && blockers.is_some_and(|l| l.contains(words[i - 1])) {
            return false;
        }
        if markers.contains(w) {
            return true;
        }
        let ends_with = |s: &str| {
            let k = w.len().wrapping_sub(s.len());
            w.is_char_boundary(k) && w[k..].eq_ignore_ascii_case(s)
        };
        let suffixed = w.chars().count() >= 5 && suffixes.iter().any(|s| ends_with(s));
        suffixed && !exceptions.is_some_and(|l| l.contains(w))
    })
}

/// Whether the last clause of `before` (the text of a sentence up to a date:
/// after its last comma, semicolon, colon, quotation mark or spaced dash) holds a
/// marker of the future tense from `markers`.
pub fn clause_is_future(before: &str, markers: &Lexicon) -> bool {
    last_future_word(&clause_words(before), markers).is_some()
}

/// Where the last marker of the future tense ends among the words of a
/// clause (`clause_words`).
fn last_future_word(words: &[&str], markers: &Lexicon) -> Option<usize> {
    // Markers are one to three words long; one that starts with an apostrophe
    // ("'ll") ends a word ("they'll").
    (0..words.len()).rev().find(|&i| {
        let contracted = words[i]
            .find('\'')
            .is_some_and(|k| k > 0 && markers.contains(&words[i][k..]));
        // Most words end no marker: one lookup says so for every length.
        let (entry, phrase) = markers.word_ends(words[i]);
        contracted
            || entry
            || (phrase
                && (2..=3).any(|n| {
                    n <= i + 1 && markers.contains_words(words[i + 1 - n..=i].iter().copied())
                }))
    })
}

/// The last clause of `before`: after its last comma, semicolon, colon,
/// quotation mark or spaced dash ("two-day" has no clause break).
fn last_clause(before: &str) -> &str {
    let clause_start = before
        .rfind([',', ';', ':', '"'])
        .map(|k| k + 1)
        .into_iter()
        .chain(before.rfind(" - ").map(|k| k + 3))
        .max();
    clause_start.map_or(before, |k| &before[k..])
}

/// Whether a match is a date at all: a range of years must end after it
/// starts ("2016-11" is a month, not the years 2016 to 2111), and so must a
/// range of days ("3-1 May" is a score). A year in words that may be a count
/// is a year only where it ends the clause: in "On Sept. 10, two thousand
/// people marched" the match is cut back to "Sept. 10".
pub(crate) fn accepts(m: &mut RuleMatch, text: &str, rules: &Rules) -> bool {
    // A month captured as written must be a number or a month the rules know.
    if let Some(month) = m.group("month") {
        let month = text[month].trim();
        let known = month.bytes().all(|b| b.is_ascii_digit())
            || rules.lexicon("month").is_some_and(|l| l.contains(month));
        if !known {
            return false;
        }
    }
    if let Some((name, year)) = m.group_named("year") {
        let ends_clause = text[year.end..]
            .trim_start()
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if !ends_clause && year_may_be_count(rules, &text[year.clone()]) {
            let Some(index) = m.rule.regex.capture_names().position(|n| n == Some(name)) else {
                return false;
            };
            m.groups[index] = None;
            let before = text[m.span.start..year.start].trim_end_matches([' ', ',']);
            m.span.end = m.span.start + before.len();
            if m.span.is_empty() {
                return false;
            }
        }
    }
    if let (Some(start), Some(end)) = (m.group("day"), m.group("day_end")) {
        let number = |r: Range<usize>| text[r].parse::<u32>().ok();
        if let (Some(start), Some(end)) = (number(start), number(end)) {
            if end <= start {
                return false;
            }
        }
    }
    let (Some(start), Some(end)) = (m.group("year"), m.group("year_end")) else {
        return true;
    };
    year_of(&text[start]).is_some_and(|start| year_range_end(start, &text[end]).is_some())
}

/// Joins two dates written as a range ("Oct. 2 to October 22", "between 2015
/// and Feb. 2018", "from Monday to Wednesday") into one claim: the first date's
/// value, the second's as `value_max`, the span from the opener ("from",
/// "between") to the end. The end may be a bare year, which is no date claim
/// of its own ("between May 2015 and 2018"). The words come from the
/// `date_range_connector`, `date_range_opener` and `date_range_needs_opener`
/// lexicons.
pub(crate) fn join_ranges(
    doc: &Document,
    rules: &Rules,
    reference: Option<NaiveDate>,
    drafts: &mut Vec<Draft>,
) {
    let (Some(connectors), Some(openers)) = (
        rules.lexicon("date_range_connector"),
        rules.lexicon("date_range_opener"),
    ) else {
        return;
    };
    let needs_opener = rules.lexicon("date_range_needs_opener");
    let text = doc.text();
    // Where the opener before a draft starts, if there is one.
    let opener_start = |a: &Draft| {
        let para_start = doc.paragraphs[a.paragraph].range.start;
        let before = text[para_start..a.span.start].trim_end();
        let word_start = before
            .rfind(|c: char| c.is_whitespace())
            .map_or(0, |k| k + 1);
        let word = &before[word_start..];
        (!word.is_empty() && openers.contains(word)).then_some(para_start + word_start)
    };
    // A connector may join: "and" only after an opener.
    let joins = |gap: &str, a: &Draft| {
        connectors.contains(gap)
            && (!needs_opener.is_some_and(|l| l.contains(gap)) || opener_start(a).is_some())
    };
    let is_range_start = |a: &Draft| {
        a.claim.kind == Kind::Date
            && matches!(a.claim.subtype.as_str(), "date" | "time")
            && a.claim.value_max.is_empty()
    };
    let mut kept: Vec<Draft> = Vec::with_capacity(drafts.len());
    for d in drafts.drain(..) {
        let joinable = |a: &Draft| {
            is_range_start(a)
                && is_range_start(&d)
                && a.paragraph == d.paragraph
                && a.span.end <= d.span.start
                && a.claim.subtype == d.claim.subtype
                && a.claim.value.is_empty() == d.claim.value.is_empty()
                && joins(text[a.span.end..d.span.start].trim(), a)
        };
        match kept.last_mut().filter(|a| joinable(a)) {
            Some(a) => match range_end(&a.claim.value, &d.claim.value) {
                Some(end) => {
                    if let Some(start) = opener_start(a) {
                        a.span.start = start;
                    }
                    a.span.end = d.span.end;
                    a.claim.value_max = end;
                }
                None => kept.push(d),
            },
            None => kept.push(d),
        }
    }
    // A bare year as the end: "between May 2015 and 2018".
    for k in 0..kept.len() {
        let a = &kept[k];
        if !is_range_start(a) || a.claim.subtype != "date" || a.claim.value.is_empty() {
            continue;
        }
        let limit = kept
            .get(k + 1)
            .map_or(doc.paragraphs[a.paragraph].range.end, |next| {
                next.span.start
            })
            .max(a.span.end);
        let Some((gap, year)) = bare_year_after(&text[a.span.end..limit]) else {
            continue;
        };
        // The end year comes after the start, as news writes years (1500-2099).
        let end_year: i32 = text[a.span.end..][year.clone()].parse().unwrap_or(0);
        let start_year: i32 = a
            .claim
            .value
            .get(..4)
            .and_then(|y| y.parse().ok())
            .unwrap_or(i32::MAX);
        if !(1500..=2099).contains(&end_year) || end_year < start_year || !joins(gap, a) {
            continue;
        }
        let start = opener_start(a);
        let a = &mut kept[k];
        if let Some(start) = start {
            a.span.start = start;
        }
        a.span.end += year.end;
        a.claim.value_max = text[a.span.end - year.len()..a.span.end].to_string();
    }
    // "Now" (the `date_range_now` lexicon) as an end or a start: "between Jan.
    // 22 and now", "from now until Nov. 15". Alone, "now" is no date claim.
    let (Some(now), Some(today)) = (rules.lexicon("date_range_now"), reference) else {
        *drafts = kept;
        return;
    };
    let today_value = today.format("%Y-%m-%d").to_string();
    for a in kept.iter_mut() {
        if !is_range_start(a) || a.claim.subtype != "date" || a.claim.value.is_empty() {
            continue;
        }
        let para = doc.paragraphs[a.paragraph].range.clone();
        // After: a connector, then "now" ending its clause.
        let after = words_after(text, a.span.end..para.end, 2);
        if let [gap, word] = after.as_slice() {
            let ends = !text[word.end..para.end].starts_with(|c: char| c.is_alphanumeric());
            if ends && now.contains(&text[word.clone()]) && joins(&text[gap.clone()], a) {
                if let Some(end) = range_end(&a.claim.value, &today_value) {
                    if let Some(start) = opener_start(a) {
                        a.span.start = start;
                    }
                    a.span.end = word.end;
                    a.claim.value_max = end;
                    continue;
                }
            }
        }
        // Before: an opener, "now", a connector.
        let before = words_before(text, para.start..a.span.start, 3);
        if let [opener, word, gap] = before.as_slice() {
            let (opener, gap) = (&text[opener.clone()], &text[gap.clone()]);
            if openers.contains(opener)
                && now.contains(&text[word.clone()])
                && connectors.contains(gap)
            {
                if let Some(end) = range_end(&today_value, &a.claim.value) {
                    a.span.start = before[0].start;
                    a.claim.value_max = end;
                    a.claim.value.clone_from(&today_value);
                }
            }
        }
    }
    *drafts = kept;
}

/// The ranges of the first `n` words of `text[within]` (runs of letters,
/// digits and hyphens; anything else ends a word), or fewer if the text has
/// fewer or something other than spaces lies between them.
fn words_after(text: &str, within: Range<usize>, n: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = within.start;
    while out.len() < n {
        let rest = &text[at..within.end];
        let start = at + (rest.len() - rest.trim_start().len());
        let len = text[start..within.end]
            .find(|c: char| !(c.is_alphanumeric() || c == '-'))
            .unwrap_or(within.end - start);
        if len == 0 {
            break;
        }
        out.push(start..start + len);
        at = start + len;
    }
    out
}

/// The ranges of the last `n` words of `text[within]`, in text order (see
/// `words_after`).
fn words_before(text: &str, within: Range<usize>, n: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut end = within.end;
    while out.len() < n {
        let head = text[within.start..end].trim_end();
        let word_end = within.start + head.len();
        let start = head
            .rfind(|c: char| !(c.is_alphanumeric() || c == '-'))
            .map_or(0, |k| {
                k + head[k..].chars().next().map_or(1, char::len_utf8)
            });
        let start = within.start + start;
        if start == word_end {
            break;
        }
        out.push(start..word_end);
        end = start;
    }
    out.reverse();
    out
}

/// Joins a part of a year written without one and the relative year right
/// after it ("the third quarter last year", "in March next year", "the summer
/// of last year") into one claim in that year: `2023-Q3`, not this year's
/// quarter beside a bare `2023`.
pub(crate) fn join_part_with_year(doc: &Document, rules: &Rules, drafts: &mut Vec<Draft>) {
    let text = doc.text();
    let (links, grains, nth) = (
        rules.lexicon("part_year_link"),
        rules.lexicon("grain_unit"),
        rules.lexicon("nth"),
    );
    // Whether a word has `value` in a lexicon.
    let means = |lexicon: Option<&Lexicon>, w: &str, value: &str| {
        lexicon.and_then(|l| l.value_of(w)) == Some(value)
    };
    let is_year = |v: &str| v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit());
    // A value of a year's part: `2024-Q3`, `2024-03`, `2024-SU`, `2024-H1`.
    let is_part = |v: &str| {
        v.len() > 5 && is_year(&v[..4]) && v.as_bytes()[4] == b'-' && !v[5..].contains('-')
    };
    let mut kept: Vec<Draft> = Vec::with_capacity(drafts.len());
    for d in drafts.drain(..) {
        let joins = kept.last().is_some_and(|a| {
            let written = &text[a.span.clone()];
            let between = text[a.span.end..d.span.start.max(a.span.end)].trim();
            let relative = &text[d.span.clone()];
            let year_grain = relative
                .split_whitespace()
                .next_back()
                .is_some_and(|w| means(grains, w, "year"));
            a.claim.kind == Kind::Date
                && d.claim.kind == Kind::Date
                && a.paragraph == d.paragraph
                && a.span.end <= d.span.start
                && is_part(&a.claim.value)
                && a.claim.value_max.is_empty()
                && is_year(&d.claim.value)
                && year_grain
                && !has_year_digits(written)
                && (between.is_empty() || links.is_some_and(|l| l.contains(between)))
        });
        match (joins, kept.last_mut()) {
            (true, Some(a)) => {
                // "The last quarter last year" is that year's last (an `nth`
                // of -1), not the quarter before the reference's.
                let last = text[a.span.clone()]
                    .split_whitespace()
                    .any(|w| means(nth, w, "-1"));
                let part = match &a.claim.value[5..] {
                    p if last && p.starts_with('Q') => "Q4",
                    p if last && p.starts_with('H') => "H2",
                    p => p,
                }
                .to_string();
                a.claim.value = format!("{}-{part}", d.claim.value);
                a.span.end = d.span.end;
            }
            _ => kept.push(d),
        }
    }
    *drafts = kept;
}

/// Whether a text writes a year in digits (a run of four).
fn has_year_digits(text: &str) -> bool {
    text.as_bytes()
        .split(|b| !b.is_ascii_digit())
        .any(|run| run.len() == 4)
}

/// The end of a range from `start` to `end`, or `None` when the two cannot be
/// one range because the end comes first ("3-1 May" is a score, "Q4-Q3" no
/// period). Both resolved against the same reference date, a yearless end
/// before its start crosses New Year: "Dec. 20 through Jan. 6" ends in the
/// next January. Values of different shapes (a week and a day) are left as
/// they are; unresolved ones (empty) join as written.
fn range_end(start: &str, end: &str) -> Option<String> {
    let shape = |v: &str| -> String {
        v.chars()
            .map(|c| if c.is_ascii_digit() { '9' } else { c })
            .collect()
    };
    if start.is_empty() || end.is_empty() || shape(start) != shape(end) || end >= start {
        return Some(end.to_string());
    }
    let year = |v: &str| v.get(..4).and_then(|y| y.parse::<i32>().ok());
    let month = |v: &str| v.get(5..7).and_then(|m| m.parse::<u32>().ok());
    let crosses_new_year = shape(start).starts_with("9999-99")
        && year(start) == year(end)
        && month(end) < month(start);
    match (crosses_new_year, year(end)) {
        (true, Some(y)) if y < 9999 => Some(format!("{:04}{}", y + 1, &end[4..])),
        _ => None,
    }
}

/// Joins a duration and the date it starts on ("a week starting tomorrow",
/// "for 3 days from today", "two weeks starting May 20") into one date claim
/// from that day to the last day the duration covers. The words between come
/// from the `duration_start` lexicon.
pub(crate) fn join_duration_starts(doc: &Document, rules: &Rules, drafts: &mut Vec<Draft>) {
    let Some(words) = rules.lexicon("duration_start") else {
        return;
    };
    let needs_intro = rules.lexicon("duration_start_needs_intro");
    let intro = rules.lexicon("duration_intro");
    let text = doc.text();
    // Whether a `duration_intro` word ("for") opens the duration's span or
    // stands just before it.
    let introduced = |a: &Draft| {
        let para_start = doc.paragraphs[a.paragraph].range.start;
        let is_intro = |w: Option<&str>| w.is_some_and(|w| intro.is_some_and(|l| l.contains(w)));
        is_intro(text[a.span.clone()].split_whitespace().next())
            || is_intro(
                text[para_start..a.span.start]
                    .split_whitespace()
                    .next_back(),
            )
    };
    let mut kept: Vec<Draft> = Vec::with_capacity(drafts.len());
    for d in drafts.drain(..) {
        let start_day = (d.claim.kind == Kind::Date && d.claim.subtype == "date")
            .then(|| NaiveDate::parse_from_str(&d.claim.value, "%Y-%m-%d").ok())
            .flatten();
        let joined = kept.last_mut().filter(|a| {
            let between = text[a.span.end..d.span.start.max(a.span.end)]
                .trim()
                .trim_start_matches(',')
                .trim();
            a.claim.kind == Kind::Date
                && a.claim.subtype == "duration"
                && a.paragraph == d.paragraph
                && a.span.end <= d.span.start
                && words.contains(between)
                && (!needs_intro.is_some_and(|l| l.contains(between)) || introduced(a))
        });
        match (joined, start_day) {
            (Some(a), Some(first)) => {
                let Some(last) = duration_end(first, &a.claim.value) else {
                    kept.push(d);
                    continue;
                };
                a.span.end = d.span.end;
                a.claim.subtype = "date".into();
                a.claim.rule = d.claim.rule;
                a.claim.value = d.claim.value;
                a.claim.value_max = last.format("%Y-%m-%d").to_string();
            }
            _ => kept.push(d),
        }
    }
    *drafts = kept;
}

/// The last day a whole-unit duration (`P3D`, `P2W`, `P1M`, `P1Y`) covers
/// from its first day.
fn duration_end(first: NaiveDate, duration: &str) -> Option<NaiveDate> {
    let body = duration.strip_prefix('P')?;
    let (n, unit) = body.split_at(body.len().checked_sub(1)?);
    let n: u32 = n.parse().ok().filter(|n| *n > 0)?;
    let end = match unit {
        "D" => first.checked_add_days(Days::new(n as u64)),
        "W" => first.checked_add_days(Days::new(7 * n as u64)),
        "M" => first.checked_add_months(Months::new(n)),
        "Y" => first.checked_add_months(Months::new(12 * n)),
        _ => None,
    }?;
    end.pred_opt()
}

/// The connector and the range of a four-digit year that follow a date: " and
/// 2018" gives ("and", 5..9).
fn bare_year_after(after: &str) -> Option<(&str, Range<usize>)> {
    let trimmed = after.trim_start();
    let gap_start = after.len() - trimmed.len();
    let word_end = trimmed
        .find(|c: char| c.is_whitespace() || c.is_ascii_digit())
        .unwrap_or(trimmed.len());
    let gap = trimmed[..word_end].trim();
    let rest = &trimmed[word_end..];
    let digits = rest.trim_start();
    let year_start = gap_start + word_end + (rest.len() - digits.len());
    let is_year = digits.len() >= 4
        && digits.as_bytes()[..4].iter().all(u8::is_ascii_digit)
        && !digits[4..].starts_with(|c: char| c.is_alphanumeric());
    (is_year && !gap.is_empty()).then_some((gap, year_start..year_start + 4))
}

/// The reference date written in an article with no other: among its full,
/// explicit dates (day, month and year), the first written with a weekday (the
/// caption and dateline style: "Tuesday, Dec. 3, 2024"), else the latest, since
/// a report is dated on or after what it reports; dates in a clause about the
/// future ("the election will be held on Nov. 5, 2028") are left out.
pub(crate) fn infer_reference(fields: impl Iterator<Item = DateParts>) -> Option<NaiveDate> {
    let mut latest: Option<NaiveDate> = None;
    for p in fields {
        let (Some(y), Some(m), Some(d)) = (p.year, p.month, p.day) else {
            continue;
        };
        let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else {
            continue;
        };
        if p.future {
            continue;
        }
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

/// Fills a date claim's subtype and value from its match. Returns the parts of
/// an anaphoric expression, which `resolve_anaphora` resolves again once the
/// article's other dates are known.
pub(crate) fn fill(f: &Fields, reference: Option<NaiveDate>, c: &mut Claim) -> Option<DateParts> {
    let parts = parts(f);
    if c.subtype.is_empty() {
        c.subtype = "date".into();
    }
    set_value(&parts, reference, c);
    parts.anaphoric.then_some(parts)
}

/// A date claim's `value` and `value_max` from its parts, counted from `reference`.
fn set_value(parts: &DateParts, reference: Option<NaiveDate>, c: &mut Claim) {
    let value = match c.subtype.as_str() {
        "duration" => duration(parts),
        "set" => set(parts),
        "time" => time(parts, reference),
        _ => resolve(parts, reference),
    };
    // Arithmetic far from the reference ("300000 years ago") can leave the
    // years TIMEX3 writes (0000-9999): such a value is not given.
    let in_timex_years = |v: &String| {
        let year_digits = v.bytes().take_while(u8::is_ascii_digit).count();
        !v.starts_with('-') && year_digits <= 4
    };
    c.value = value.filter(in_timex_years).unwrap_or_default();
    if let Some(end) = parts.year_end {
        c.value_max = format!("{end:04}");
    }
    // "within 2 weeks from today": from the day to the period's last day.
    if parts.period {
        let first = reference.and_then(|r| add_days(r, parts.anchor.unwrap_or(0) as i64));
        let last = first
            .zip(duration(parts))
            .and_then(|(f, d)| duration_end(f, &d));
        (c.value, c.value_max) = match first.zip(last) {
            Some((first, last)) => (
                first.format("%Y-%m-%d").to_string(),
                last.format("%Y-%m-%d").to_string(),
            ),
            None => Default::default(),
        };
    }
    // "between Wednesday and Friday" of a week: the end in the start's week.
    if let (Some(from), Some(to), Ok(start)) = (
        parts.weekday,
        parts.weekday_end,
        NaiveDate::parse_from_str(&c.value, "%Y-%m-%d"),
    ) {
        c.value_max = (to > from)
            .then(|| add_days(start, i64::from(to) - i64::from(from)))
            .flatten()
            .map(|e| e.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
    }
    // "the rest of the week": from the reference day to the grain's last day.
    if parts.rest {
        if let Some((from, to)) = reference.and_then(|r| rest_of(r, parts.grain?)) {
            c.value = from.format("%Y-%m-%d").to_string();
            c.value_max = to.format("%Y-%m-%d").to_string();
        }
    }
    // "Nov. 19-20": the same month and year, ending on `day_end`.
    // The end takes the start's year and month: "Jan. 1-5" in July is one
    // January's days.
    if let (Some(end), Ok(start)) = (
        parts.day_end,
        NaiveDate::parse_from_str(&c.value, "%Y-%m-%d"),
    ) {
        c.value_max = start
            .with_day(end)
            .filter(|e| *e >= start)
            .map(|e| e.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
    }
}

/// How finely a date value names its time, coarse to fine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Precision {
    Year,
    Month,
    Week,
    Day,
}

/// The first day a date value names and how finely: `2024-11-04` a day,
/// `2024-W44` a week, `2024-11` a month, `2024` a year. Seasons, quarters and
/// the like are no anchor.
fn anchor_of(value: &str) -> Option<(NaiveDate, Precision)> {
    let value = value.split('T').next()?;
    if let Ok(day) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Some((day, Precision::Day));
    }
    if let Some((year, week)) = value.split_once("-W") {
        let week =
            NaiveDate::from_isoywd_opt(year.parse().ok()?, week.parse().ok()?, Weekday::Mon)?;
        return Some((week, Precision::Week));
    }
    if let Some((year, month)) = value.split_once('-') {
        let first = NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, 1)?;
        return Some((first, Precision::Month));
    }
    let year = (value.len() == 4).then(|| value.parse().ok()).flatten()?;
    Some((NaiveDate::from_ymd_opt(year, 1, 1)?, Precision::Year))
}

/// The precision an anaphoric expression needs of the date it counts from:
/// "the next day" a day, "that week" a week, "the same year" a year.
fn needed_precision(p: &DateParts) -> Precision {
    let finest = p
        .compound
        .iter()
        .map(|&(_, grain)| grain)
        .chain(p.grain)
        .map(|grain| match grain {
            Grain::Year | Grain::Decade | Grain::Century => Precision::Year,
            Grain::Month | Grain::Quarter => Precision::Month,
            Grain::Week | Grain::Weekend => Precision::Week,
            _ => Precision::Day,
        })
        .max();
    finest.unwrap_or(Precision::Day)
}

/// Resolves the anaphoric expressions of an article ("the next day", "two
/// weeks later", "that weekend") from the last date it named before each one;
/// from the reference date when it named none before, as HeidelTime's news
/// mode does. When that last date is coarser than the expression needs ("in
/// 2019 ... two days later") the value stays empty rather than reach further
/// back. A resolved expression is itself a date the next one may count from.
pub(crate) fn resolve_anaphora(drafts: &mut [Draft], reference: Option<NaiveDate>) {
    if drafts.iter().all(|d| d.anaphor.is_none()) {
        return;
    }
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.sort_by_key(|&k| drafts[k].span.start);
    let mut last: Option<(NaiveDate, Precision)> = None;
    for k in order {
        let draft = &mut drafts[k];
        if draft.claim.kind != Kind::Date {
            continue;
        }
        if let Some(parts) = draft.anaphor.take() {
            let anchor = match last {
                None => reference,
                Some((day, precision)) => (precision >= needed_precision(&parts)).then_some(day),
            };
            set_value(&parts, anchor, &mut draft.claim);
        }
        if matches!(draft.claim.subtype.as_str(), "date" | "time") {
            last = anchor_of(&draft.claim.value).or(last);
        }
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
