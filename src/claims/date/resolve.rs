//! Calendar arithmetic: a date expression's parts resolved to a TIMEX3
//! value against the reference date, the way news reads (HeidelTime's news
//! mode).

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::parts::{DateParts, Grain, duration_unit};
use super::tense::Tense;
use crate::model::{Clock, Decimal, Duration, Holiday, Recurrence, Season, Timex, Unit};

/// The TIMEX3 value of a date expression, or `None` when it cannot be resolved
/// (a relative expression with no reference date, an impossible date).
pub(super) fn resolve(p: &DateParts, reference: Option<NaiveDate>) -> Option<Timex> {
    let ymd = Timex::Day;
    if p.unreadable {
        return None;
    }
    if let Some(d) = p.decade {
        return (0..1000).contains(&d).then_some(Timex::Decade(d));
    }
    if let Some(c) = p.century {
        return (1..=100).contains(&c).then_some(Timex::Century(c - 1));
    }
    // TIMEX3 writes four-digit years only.
    if p.year.is_some_and(|y| !(0..=9999).contains(&y)) {
        return None;
    }
    if let Some(h) = p.holiday {
        // "Easter week": the ISO week that holds the day, placed as weeks
        // are (in a past clause, the latest one begun).
        let week = p.grain == Some(Grain::Week);
        let day = holiday(h, p, reference, week)?;
        return Some(match week {
            true => Timex::Week {
                year: day.iso_week().year(),
                week: day.iso_week().week(),
            },
            false => ymd(day),
        });
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
        return Some(Timex::Week { year, week });
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
        let Timex::Day(day) = day else {
            return None;
        };
        return Some(week_of(day));
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
        (Some(y), Some(m), None) => return month(y, m),
        // "June next year"
        (None, Some(m), None) if p.grain == Some(Grain::Year) => {
            let year = reference?.year().checked_add(p.shift.unwrap_or(0))?;
            return month(year, m);
        }
        (None, Some(m), None) if p.weekday.is_none() && p.grain.is_none() => {
            let year = month_year(reference?, m, p.shift, p.tense())?;
            return month(year, m);
        }
        (Some(y), None, None) if p.grain.is_none() && p.weekday.is_none() => {
            return Some(Timex::Year(y));
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
        // A term ("until Friday") is the nearer of the two.
        if p.term && p.shift.is_none() {
            let days = [false, true].map(|ahead| weekday(reference, wd, None, ahead));
            return nearest(reference, days.into_iter().flatten(), Tense::None).map(ymd);
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
        Grain::Week => Some(week_of(add_days(reference, 7 * shift as i64)?)),
        Grain::Month => {
            let d = add_months(reference.with_day(1)?, shift)?;
            month(d.year(), d.month())
        }
        // A bare "the weekend" is the latest one, or in a clause about the
        // future the coming one, like a bare Saturday.
        Grain::Weekend => {
            let saturday = match p.shift {
                None => weekday(reference, 6, None, p.future)?,
                Some(_) => add_days(reference, 7 * shift as i64)?,
            };
            let week = saturday.iso_week();
            Some(Timex::Weekend {
                year: week.year(),
                week: week.week(),
            })
        }
        Grain::Quarter => None,
        Grain::Year => Some(Timex::Year(reference.year().checked_add(shift)?)),
        Grain::Decade => Some(Timex::Decade(
            reference.year().checked_add(shift.checked_mul(10)?)? / 10,
        )),
        Grain::Century => Some(Timex::Century(
            reference.year().checked_add(shift.checked_mul(100)?)? / 100,
        )),
        Grain::Second | Grain::Minute | Grain::Hour => None,
    }
}

/// The TIMEX3 value of a duration: `P3Y`, `PT90M`, `P2W`, `P1.5Y`; `PXY`
/// when the amount is not said.
pub(super) fn duration(p: &DateParts) -> Option<Duration> {
    if p.unreadable {
        return None;
    }
    if !p.compound.is_empty() {
        return compound_duration(&p.compound);
    }
    if p.vague {
        let unit = match p.grain? {
            Grain::Decade => Unit::Decade,
            Grain::Century => Unit::Century,
            grain => duration_unit(grain)?.0,
        };
        return Some(Duration {
            parts: vec![(None, unit)],
        });
    }
    let (unit, factor) = duration_unit(p.grain?)?;
    let amount = p
        .amount
        .unwrap_or(Decimal::ONE)
        .checked_mul(Decimal::from_int(factor))?;
    Some(whole_units(amount, unit).unwrap_or_else(|| Duration::of(amount, unit)))
}

/// A fraction of a unit written in the next smaller one, as TIMEX3 writes it
/// where it comes out whole: "5 1/2 hours" is `PT5H30M`, "half an hour"
/// `PT30M`, "2 1/2 years" `P2Y6M`; "1.5 weeks" stays `P1.5W`.
fn whole_units(amount: Decimal, unit: Unit) -> Option<Duration> {
    if amount.as_integer().is_some() {
        return None;
    }
    let (smaller, per) = match unit {
        Unit::Year => (Unit::Month, 12),
        Unit::Week => (Unit::Day, 7),
        Unit::Day => (Unit::Hour, 24),
        Unit::Hour => (Unit::Minute, 60),
        Unit::Minute => (Unit::Second, 60),
        _ => return None,
    };
    let total = amount.checked_mul(Decimal::from_int(per))?.as_integer()?;
    let (whole, rest) = (total / per, total % per);
    let parts = [(whole, unit), (rest, smaller)]
        .into_iter()
        .filter(|&(n, _)| n != 0)
        .map(|(n, u)| (Some(Decimal::from_int(n)), u))
        .collect();
    Some(Duration { parts })
}

/// The TIMEX3 value of a set: `P1Y` for "every year", `XXXX-WXX-1` for "every
/// Monday", `XXXX-WXX-2TNI` for "Tuesday nights", `XXXX-07` for "each July",
/// `XXXX-SU` for "every summer", `XXXX-XX-XXTEV` for "each evening".
pub(super) fn set(p: &DateParts) -> Option<Timex> {
    let every = match (p.weekday, p.month, p.season, p.part) {
        (Some(weekday), ..) => (1..=7).contains(&weekday).then_some(Recurrence::Weekday {
            weekday,
            part: p.part,
        }),
        (None, Some(month), ..) => (1..=12)
            .contains(&month)
            .then_some(Recurrence::Month(month)),
        (None, None, Some(season), _) => Some(Recurrence::Season(season)),
        (None, None, None, Some(part)) => Some(Recurrence::DayPart(part)),
        (None, None, None, None) => None,
    };
    if every.is_some() || p.unreadable {
        return every.map(Timex::Every);
    }
    duration(&DateParts {
        amount: Some(p.amount.unwrap_or(Decimal::ONE)),
        ..p.clone()
    })
    .map(Timex::Duration)
}

/// The TIMEX3 value of a time: the day it falls on (the reference day unless
/// the expression names one) with the clock time (`T15:00`) or part of the day
/// (`TMO`).
pub(super) fn time(p: &DateParts, reference: Option<NaiveDate>) -> Option<Timex> {
    let names_a_day = p.weekday.is_some() || p.day.is_some() || p.grain.is_some();
    let date = match names_a_day {
        true => resolve(p, reference)?,
        false => Timex::Day(reference?),
    };
    let clock = match (p.hour, p.part) {
        // 24:00 is midnight at the end of the day ("at midnight Friday").
        (Some(hour), _)
            if (hour < 24 && p.minute.unwrap_or(0) < 60) || (hour == 24 && p.minute.is_none()) =>
        {
            Clock::At {
                hour,
                minute: p.minute.unwrap_or(0),
                utc: p.utc,
            }
        }
        (None, Some(part)) => Clock::Part(part),
        _ => return None,
    };
    Some(Timex::Time {
        date: Box::new(date),
        clock,
    })
}

/// A season's year: written, or the reference's season year (spring to
/// winter, so that January is in the previous year's winter) moved by "last"
/// or "next".
fn season(p: &DateParts, reference: Option<NaiveDate>) -> Option<Timex> {
    let season = p.season?;
    let target = Season::ALL.iter().position(|&s| s == season)?;
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
            let target = target as i32;
            match p.shift {
                Some(s) if s < 0 && target >= current => year - 1,
                Some(s) if s > 0 && target <= current => year + 1,
                Some(_) => year,
                // Without "last" or "next", the clause's tense, as for a
                // quarter: "the summer" in a past clause in March is last
                // year's.
                None => year + part_year_shift(target - current, 4, p.tense()),
            }
        }
    };
    Some(Timex::Season { year, season })
}

/// A holiday's day: a day that happened once ("9/11") is that day; others
/// fall in the year written with them ("Christmas 2023"); "last
/// Thanksgiving" the one before the reference day, "next Easter" the one after
/// it, "this Christmas" the reference year's; else the nearest one in the
/// clause's tense, as a date without its year.
///
/// With `week`, the Monday of its week, chosen among the weeks as the day is
/// among the days: the week of the reference is at or before it.
fn holiday(
    h: Holiday,
    p: &DateParts,
    reference: Option<NaiveDate>,
    week: bool,
) -> Option<NaiveDate> {
    let monday = |d: NaiveDate| match week {
        true => d.checked_sub_days(Days::new(u64::from(d.weekday().num_days_from_monday()))),
        false => Some(d),
    };
    if let Some(day) = h.once() {
        return monday(day);
    }
    if let Some(year) = p.year {
        return h.in_year(year).and_then(monday);
    }
    let r = monday(reference?)?;
    let days = (r.year() - 1..=r.year() + 1)
        .filter_map(|y| h.in_year(y))
        .filter_map(monday);
    match p.shift {
        Some(s) if s < 0 => days.filter(|d| *d < r).max(),
        Some(0) => h.in_year(r.year()),
        Some(_) => days.filter(|d| *d > r).min(),
        None => nearest(r, days, p.tense()),
    }
}

/// A quarter or half of a year: `2016-Q3`, `2016-H1`; "last quarter" and
/// "the last quarter" (no year) are the one before the reference's, "the last
/// quarter of 2016" is its fourth.
fn part_of_year(p: &DateParts, reference: Option<NaiveDate>) -> Option<Timex> {
    // A quarter or half without its year follows the clause's tense, as a
    // month does: "rose in the fourth quarter", in March, is last year's.
    let year = |index: i32, parts: i32| match (p.year, reference) {
        (Some(y), _) => Some(y),
        (None, Some(r)) => Some(part_year(r, index, parts, p.tense())),
        (None, None) => None,
    };
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
            true => Some(Timex::Quarter {
                year: year(q - 1, 4)?,
                quarter: q as u32,
            }),
            false => None,
        };
    }
    if let Some(h) = p.half {
        let h = if h == -1 { 2 } else { h };
        return match (1..=2).contains(&h) {
            true => Some(Timex::Half {
                year: year(h - 1, 2)?,
                half: h as u32,
            }),
            false => None,
        };
    }
    let r = reference?;
    // "Two quarters ago": `amount` quarters back.
    let amount = match p.amount {
        Some(a) => i32::try_from(a.as_integer()?).ok()?,
        None => 1,
    };
    let shift = p.shift.unwrap_or(0).checked_mul(amount)?;
    let index = r.year() * 4 + (r.month0() / 3) as i32 + shift;
    Some(Timex::Quarter {
        year: index.div_euclid(4),
        quarter: index.rem_euclid(4) as u32 + 1,
    })
}

/// The year of part `index` (from 0) of the `parts` a year is cut into (4
/// quarters, 2 halves), written without its year: in a past clause the
/// latest one begun by the reference date; with no tense, last year's when it
/// would begin more than half a year ahead ("fourth-quarter profit", in
/// March); in a future clause next year's when it ended more than a part ago
/// (in October, "the third quarter's results will be lower" is this year's:
/// results are reported after their quarter). A fiscal year's parts are
/// written as the calendar's, as TimeML does.
fn part_year(reference: NaiveDate, index: i32, parts: i32, tense: Tense) -> i32 {
    let current = reference.month0() as i32 * parts / 12;
    reference.year() + part_year_shift(index - current, parts, tense)
}

/// Years to add to the reference year for a part `ahead` parts after the
/// current one (see `part_year`).
fn part_year_shift(ahead: i32, parts: i32, tense: Tense) -> i32 {
    match tense {
        Tense::Past if ahead > 0 => -1,
        Tense::None if 2 * ahead > parts => -1,
        Tense::Future if ahead < -1 => 1,
        _ => 0,
    }
}

/// "The first Friday of July" (a day), "the third week of this month" (the
/// ISO week that holds the month's third Thursday, as ISO counts weeks), "the
/// third week of 2027" (ISO week 3).
fn nth(p: &DateParts, n: i32, reference: Option<NaiveDate>) -> Option<Timex> {
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
        return Some(Timex::Week { year, week });
    }
    let first = match (p.month, p.year) {
        (Some(m), Some(y)) => NaiveDate::from_ymd_opt(y, m, 1)?,
        (Some(m), None) => {
            let r = reference?;
            NaiveDate::from_ymd_opt(month_year(r, m, p.shift, p.tense())?, m, 1)?
        }
        (None, _) => add_months(reference?.with_day(1)?, p.shift.unwrap_or(0))?,
    };
    match p.weekday {
        Some(wd) => nth_weekday(first, wd, n).map(Timex::Day),
        None => Some(week_of(nth_weekday(first, 4, n)?)),
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
pub(super) fn rest_of(reference: NaiveDate, grain: Grain) -> Option<(NaiveDate, NaiveDate)> {
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

pub(super) fn add_months(d: NaiveDate, n: i32) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_months(Months::new(n as u32))
    } else {
        d.checked_sub_months(Months::new(n.unsigned_abs()))
    }
}

/// The year of a month named without one: "last June" is the most recent June
/// before the reference month, "next June" the first after it, "this June"
/// the reference year's. A bare "June" follows the clause's tense: in the
/// past, the latest June at or before the reference month; in the future, the
/// first at or after it; with neither, the nearest (the reference year's when
/// both are six months away). The month right after the reference month is
/// the coming one in the past tense too (see `tense_of_month`).
fn month_year(reference: NaiveDate, month: u32, shift: Option<i32>, tense: Tense) -> Option<i32> {
    let (year, current) = (reference.year(), reference.month());
    let months_ahead = month as i32 - current as i32;
    let tense = tense_of_month(reference, month, tense);
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
        Some(_) => year,
        None => match tense {
            Tense::Past if months_ahead > 0 => year - 1,
            Tense::Future if months_ahead < 0 => year + 1,
            Tense::None if months_ahead > 6 => year - 1,
            Tense::None if months_ahead < -6 => year + 1,
            _ => year,
        },
    })
}

/// The tense a month named without its year is placed by: the clause's, but
/// in the past tense the month right after the reference month is the coming
/// one ("Riyadh told refiners of a cut in supplies in September", in an
/// article of August, is this September): a story that names the month eleven
/// months back gives its year or says "last".
fn tense_of_month(reference: NaiveDate, month: u32, tense: Tense) -> Tense {
    match tense {
        Tense::Past if month == reference.month() % 12 + 1 => Tense::Future,
        t => t,
    }
}

/// How many days back a one-off event named by its day alone ("the Aug. 7
/// bombings") may be: a story names a recent event that way; a day further
/// back is an event of another year, often years back ("the Sept. 11
/// attacks" in a story of February 2007), whose year is not said.
const EVENT_DAY_MAX_AGE: i64 = 120;

/// A month and day without a year: by the tense of its sentence, the most
/// recent such day ("flew out on Jan. 22") or the next one ("will be held on
/// Nov. 3"), a day of the month after the reference month in the past tense
/// too (`tense_of_month`), and so a day later in the reference month ("the
/// April 19 primary loomed", in an article of April 5, is this April 19, not
/// one a year back); with neither, the nearest ("Dec. 30" in an article of Jan. 2 is
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
    // "last Oct. 23": the latest such day before the reference; "next March
    // 5" the first after it; "this June 1" the reference year's.
    match p.shift {
        Some(s) if s < 0 => {
            return (year - 8..=year)
                .rev()
                .filter_map(on)
                .find(|d| *d < reference);
        }
        Some(s) if s > 0 => return (year..=year + 8).filter_map(on).find(|d| *d > reference),
        Some(_) => return on(year),
        None => {}
    }
    // "the Aug. 7 bombings": the latest such day, if recent; further back the
    // event's year is not said.
    if p.event {
        return (year - 1..=year)
            .rev()
            .filter_map(on)
            .find(|d| *d <= reference)
            .filter(|d| (reference - *d).num_days() <= EVENT_DAY_MAX_AGE);
    }
    let near = (year - 1..=year + 1).filter_map(on);
    if let Some(wd) = p.weekday {
        let agreeing = near
            .clone()
            .filter(|d| d.weekday().number_from_monday() == wd);
        if let Some(d) = nearest(reference, agreeing, Tense::None) {
            return Some(d);
        }
    }
    let tense = match tense_of_month(reference, month, p.tense()) {
        // "the quarter ended Oct. 31", in an article of Oct. 27: its own verb
        // in the past settles it.
        _ if p.settled && p.past => Tense::Past,
        Tense::Past if month == reference.month() && day > reference.day() => Tense::Future,
        t => t,
    };
    match nearest(reference, near, tense) {
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

pub(super) fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// The TIMEX3 duration of several amounts: `P1Y1M21D`, `P1W3D`, `PT1H30M`.
fn compound_duration(pairs: &[(Decimal, Grain)]) -> Option<Duration> {
    // Each unit's sum, in TIMEX3 order.
    let mut sums = [None::<Decimal>; Unit::ALL.len()];
    for &(amount, grain) in pairs {
        let (unit, factor) = duration_unit(grain)?;
        let slot = Unit::ALL.iter().position(|&u| u == unit)?;
        let add = amount.checked_mul(Decimal::from_int(factor))?;
        sums[slot] = Some(sums[slot].unwrap_or(Decimal::ZERO).checked_add(add)?);
    }
    let parts = Unit::ALL
        .iter()
        .zip(sums)
        .filter_map(|(&unit, sum)| Some((Some(sum?), unit)))
        .collect();
    Some(Duration { parts })
}

/// "1 month 21 days ago": the reference moved by every amount, written to the
/// finest grain named (a day, a month or a year).
fn compound_date(reference: NaiveDate, pairs: &[(Decimal, Grain)], shift: i32) -> Option<Timex> {
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
        0 => Timex::Day(day),
        1 => month(day.year(), day.month())?,
        _ => Timex::Year(day.year()),
    })
}

/// The last day a duration of whole days, weeks, months or years (`P3D`,
/// `P2W`, `P1M`, `P1Y`) covers from its first day.
pub(super) fn duration_end(first: NaiveDate, duration: &Duration) -> Option<NaiveDate> {
    let [(Some(amount), unit)] = duration.parts[..] else {
        return None;
    };
    let n = u32::try_from(amount.as_integer()?)
        .ok()
        .filter(|n| *n > 0)?;
    let end = match unit {
        Unit::Day => first.checked_add_days(Days::new(n as u64)),
        Unit::Week => first.checked_add_days(Days::new(7 * n as u64)),
        Unit::Month => first.checked_add_months(Months::new(n)),
        Unit::Year => first.checked_add_months(Months::new(12 * n)),
        _ => None,
    }?;
    end.pred_opt()
}

/// A month of a year, if there is one by that number.
fn month(year: i32, month: u32) -> Option<Timex> {
    (1..=12)
        .contains(&month)
        .then_some(Timex::Month { year, month })
}

/// The ISO week that holds a day.
fn week_of(day: NaiveDate) -> Timex {
    let week = day.iso_week();
    Timex::Week {
        year: week.year(),
        week: week.week(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A resolved value as TIMEX3 writes it.
    fn r(p: &DateParts, reference: Option<NaiveDate>) -> Option<String> {
        resolve(p, reference).map(|t| t.to_string())
    }

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
        assert_eq!(r(&future(4), mon).as_deref(), Some("2024-11-07"));
        assert_eq!(r(&future(1), mon).as_deref(), Some("2024-11-04"));
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
        assert_eq!(r(&wd(1, None), mon).as_deref(), Some("2024-11-04"));
        assert_eq!(r(&wd(4, None), mon).as_deref(), Some("2024-10-31"));
        assert_eq!(
            r(&wd(5, Some(-1)), day(2024, 10, 28)).as_deref(),
            Some("2024-10-25")
        );
        assert_eq!(r(&wd(1, Some(-1)), mon).as_deref(), Some("2024-10-28"));
        assert_eq!(r(&wd(2, Some(1)), mon).as_deref(), Some("2024-11-05"));
        assert_eq!(r(&wd(1, Some(1)), mon).as_deref(), Some("2024-11-11"));
        assert_eq!(r(&wd(5, Some(0)), mon).as_deref(), Some("2024-11-08"));
        assert_eq!(r(&wd(1, None), None), None);
    }

    #[test]
    fn the_rest_of_the_month_and_the_next_are_coming_in_the_past_tense() {
        let past = |month: u32, day: Option<u32>| DateParts {
            month: Some(month),
            day,
            past: true,
            ..Default::default()
        };
        let aug = day(1990, 8, 16);
        assert_eq!(r(&past(9, None), aug).as_deref(), Some("1990-09"));
        assert_eq!(r(&past(10, None), aug).as_deref(), Some("1989-10"));
        assert_eq!(r(&past(7, None), aug).as_deref(), Some("1990-07"));
        assert_eq!(r(&past(9, Some(3)), aug).as_deref(), Some("1990-09-03"));
        assert_eq!(r(&past(8, Some(20)), aug).as_deref(), Some("1990-08-20"));
        assert_eq!(r(&past(8, Some(10)), aug).as_deref(), Some("1990-08-10"));
        let dec = day(1999, 12, 20);
        assert_eq!(r(&past(1, None), dec).as_deref(), Some("2000-01"));
        assert_eq!(r(&past(1, Some(10)), dec).as_deref(), Some("2000-01-10"));
    }

    #[test]
    fn relative_grains() {
        let d = day(2024, 11, 4);
        assert_eq!(r(&rel(Grain::Week, -1), d).as_deref(), Some("2024-W44"));
        assert_eq!(
            r(&rel(Grain::Week, -1), day(2024, 10, 28)).as_deref(),
            Some("2024-W43")
        );
        assert_eq!(r(&rel(Grain::Week, 1), d).as_deref(), Some("2024-W46"));
        assert_eq!(r(&rel(Grain::Month, -1), d).as_deref(), Some("2024-10"));
        assert_eq!(
            r(&rel(Grain::Month, -1), day(2024, 1, 31)).as_deref(),
            Some("2023-12")
        );
        assert_eq!(r(&rel(Grain::Year, -1), d).as_deref(), Some("2023"));
        assert_eq!(
            r(&rel(Grain::Day, -1), day(2024, 3, 1)).as_deref(),
            Some("2024-02-29")
        );
        // ISO week-years: 2024-12-30 is in 2025-W01.
        assert_eq!(
            r(&rel(Grain::Week, 0), day(2024, 12, 30)).as_deref(),
            Some("2025-W01")
        );
        assert_eq!(r(&rel(Grain::Week, -1), None), None);
    }

    #[test]
    fn explicit_dates() {
        let full = DateParts {
            year: Some(2024),
            month: Some(11),
            day: Some(4),
            ..Default::default()
        };
        assert_eq!(r(&full, None).as_deref(), Some("2024-11-04"));
        let no_year = DateParts {
            year: None,
            ..full.clone()
        };
        assert_eq!(r(&no_year, day(2024, 12, 3)).as_deref(), Some("2024-11-04"));
        assert_eq!(r(&no_year, None), None);
        let dec30 = DateParts {
            month: Some(12),
            day: Some(30),
            ..Default::default()
        };
        assert_eq!(r(&dec30, day(2025, 1, 2)).as_deref(), Some("2024-12-30"));
        let jan5 = DateParts {
            month: Some(1),
            day: Some(5),
            ..Default::default()
        };
        assert_eq!(r(&jan5, day(2024, 12, 28)).as_deref(), Some("2025-01-05"));
        let bad = DateParts {
            day: Some(31),
            month: Some(2),
            ..full
        };
        assert_eq!(r(&bad, None), None);
    }
}
