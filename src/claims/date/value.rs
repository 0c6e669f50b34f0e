//! A date claim's value from its parts: a day, a period, a duration, a set or
//! a time, and the end of a range.

use chrono::{Datelike, NaiveDate};

use super::parts::{DateParts, parts};
use super::resolve::{add_days, duration, duration_end, resolve, rest_of, set, time};
use crate::claims::fields::Fields;
use crate::model::{DateExpr, DateKind, Timex};

/// A date claim from its match, resolved against `reference`; with the parts
/// of an expression that may count from the story's own time (anaphoric, a
/// quarter named by its grain, a year back), which `resolve_anaphora`
/// resolves again once the article's other dates are known.
pub(crate) fn read(f: &Fields, reference: Option<NaiveDate>) -> (DateExpr, Option<DateParts>) {
    let mut parts = parts(f, reference);
    let kind =
        f.m.rule
            .subtype
            .as_deref()
            .and_then(|s| s.parse().ok())
            .unwrap_or(DateKind::Date);
    let mut date = DateExpr {
        kind,
        value: None,
        value_max: None,
    };
    set_value(&parts, reference, &mut date);
    // A clock time written without its day ("at 10 p.m.") is of the story's
    // day, the last day the article named, as "later in the day" is.
    if kind == DateKind::Time && parts.is_bare_clock() {
        parts.anaphoric = true;
    }
    let story = parts.anaphoric || parts.echo || parts.story_period || parts.is_year_before();
    (date, story.then_some(parts))
}

/// A date's `value` and `value_max` from its parts, counted from `reference`.
pub(super) fn set_value(parts: &DateParts, reference: Option<NaiveDate>, date: &mut DateExpr) {
    let value = match date.kind {
        _ if parts.reference.is_some() => parts.reference.clone(),
        DateKind::Duration => duration(parts).map(Timex::Duration),
        DateKind::Set => set(parts),
        DateKind::Time => time(parts, reference),
        DateKind::Date => resolve(parts, reference),
    };
    // Arithmetic far from the reference ("300000 years ago") can leave the
    // years TIMEX3 writes (0000-9999): such a value is not given.
    date.value = value.filter(Timex::is_writable);
    if let Some(end) = parts.year_end {
        date.value_max = Some(Timex::Year(end));
    }
    // "two to three weeks": the longer length is `value_max` (`accepts` has
    // checked that it is longer).
    if let (DateKind::Duration, Some(end)) = (date.kind, parts.amount_end) {
        let longest = DateParts {
            amount: Some(end),
            ..parts.clone()
        };
        date.value_max = duration(&longest).map(Timex::Duration);
        if date.value_max.is_none() {
            date.value = None;
        }
    }
    let day = |d: NaiveDate| Some(Timex::Day(d));
    // "within 2 weeks from today": from the day to the period's last day.
    if parts.period {
        let first = reference.and_then(|r| add_days(r, parts.anchor.unwrap_or(0) as i64));
        let last = first
            .zip(duration(parts))
            .and_then(|(f, d)| duration_end(f, &d));
        (date.value, date.value_max) = match first.zip(last) {
            Some((first, last)) => (day(first), day(last)),
            None => (None, None),
        };
    }
    // "between Wednesday and Friday" of a week: the end in the start's week.
    if let (Some(from), Some(to), Some(Timex::Day(start))) =
        (parts.weekday, parts.weekday_end, &date.value)
    {
        date.value_max = (to > from)
            .then(|| add_days(*start, i64::from(to) - i64::from(from)))
            .flatten()
            .map(Timex::Day);
    }
    // "the rest of the week": from the reference day to the grain's last day.
    if parts.rest {
        if let Some((from, to)) = reference.and_then(|r| rest_of(r, parts.grain?)) {
            (date.value, date.value_max) = (day(from), day(to));
        }
    }
    // "Nov. 19-20": the same month and year, ending on `day_end`.
    // The end takes the start's year and month: "Jan. 1-5" in July is one
    // January's days.
    if let (Some(end), Some(Timex::Day(start))) = (parts.day_end, &date.value) {
        date.value_max = start.with_day(end).filter(|e| e >= start).map(Timex::Day);
    }
}
