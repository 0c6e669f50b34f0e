//! Anaphoric dates ("the next day", "two weeks later", "that weekend"),
//! counted from the last date the article named before them.

use chrono::{NaiveDate, Weekday};

use super::parts::{DateParts, Grain};
use super::value::set_value;
use crate::claims::draft::Draft;
use crate::model::{Body, DateKind, Timex};

/// How finely a date value names its time, coarse to fine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Precision {
    Year,
    Month,
    Week,
    Day,
}

/// The first day a date value names and how finely: `2024-11-04` a day,
/// `2024-W44` a week, `2024-11` a month, `2024` a year, and a time of one of
/// them the same. Seasons, quarters and the like are no anchor.
fn anchor_of(value: &Timex) -> Option<(NaiveDate, Precision)> {
    Some(match value.date() {
        Timex::Day(day) => (*day, Precision::Day),
        Timex::Week { year, week } => (
            NaiveDate::from_isoywd_opt(*year, *week, Weekday::Mon)?,
            Precision::Week,
        ),
        Timex::Month { year, month } => {
            (NaiveDate::from_ymd_opt(*year, *month, 1)?, Precision::Month)
        }
        Timex::Year(year) => (NaiveDate::from_ymd_opt(*year, 1, 1)?, Precision::Year),
        _ => return None,
    })
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
        let Body::Date(date) = &mut draft.body else {
            continue;
        };
        if let Some(parts) = draft.anaphor.take() {
            let anchor = match last {
                None => reference,
                Some((day, precision)) => (precision >= needed_precision(&parts)).then_some(day),
            };
            set_value(&parts, anchor, date);
        }
        if matches!(date.kind, DateKind::Date | DateKind::Time) {
            last = date.value.as_ref().and_then(anchor_of).or(last);
        }
    }
}
