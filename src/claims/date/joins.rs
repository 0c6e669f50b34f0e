//! Dates joined after matching: two dates written as a range, a part of a
//! year and the relative year after it, a duration and the day it starts on.

use std::cmp::Ordering;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use super::resolve::duration_end;
use crate::claims::draft::Draft;
use crate::model::{Body, DateExpr, DateKind, Timex};
use crate::rules::vocabulary::Lex;
use crate::rules::{Lexicon, Rules};
use crate::text::Document;

// Joins two dates written as a range ("Oct. 2 to October 22", "between 2015
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
    let connectors = rules.lexicon(Lex::DateRangeConnector);
    let openers = rules.lexicon(Lex::DateRangeOpener);
    let needs_opener = rules.lexicon(Lex::DateRangeNeedsOpener);
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
        connectors.contains(gap) && (!needs_opener.contains(gap) || opener_start(a).is_some())
    };
    let is_range_start = |a: &Draft| {
        a.date().is_some_and(|a| {
            matches!(a.kind, DateKind::Date | DateKind::Time) && a.value_max.is_none()
        })
    };
    // A range of days, resolved: it may end in a bare year, or now.
    let resolved_days = |a: &Draft| {
        is_range_start(a)
            && a.date()
                .is_some_and(|a| a.kind == DateKind::Date && a.value.is_some())
    };
    // The present as an end or a start ("between Jan. 22 and now", "from now
    // until Nov. 15") is the reference day.
    let on_day = |v: Option<&Timex>| match v {
        Some(Timex::PresentRef) => reference.map(Timex::Day),
        v => v.cloned(),
    };
    coalesce(drafts, |a, d| {
        let joinable = is_range_start(a)
            && is_range_start(d)
            && a.paragraph == d.paragraph
            && a.span.end <= d.span.start
            && a.date()
                .zip(d.date())
                .is_some_and(|(a, d)| a.kind == d.kind && a.value.is_none() == d.value.is_none())
            && joins(text[a.span.end..d.span.start].trim(), a);
        let (start, end) = match joinable {
            true => a
                .date()
                .zip(d.date())
                .map(|(a, d)| (on_day(a.value.as_ref()), on_day(d.value.as_ref())))
                .and_then(|(start, end)| {
                    Some((start.clone(), range_end(start.as_ref(), end.as_ref())?))
                }),
            false => None,
        }
        .unzip();
        let Some(end) = end else {
            return false;
        };
        if let Some(start) = opener_start(a) {
            a.span.start = start;
        }
        a.span.end = d.span.end;
        if let Some(date) = a.date_mut() {
            date.value = start.flatten();
            date.value_max = end;
        }
        true
    });
    // A bare year as the end: "between May 2015 and 2018".
    for k in 0..drafts.len() {
        let a = &drafts[k];
        if !resolved_days(a) {
            continue;
        }
        let limit = drafts
            .get(k + 1)
            .map_or(doc.paragraphs[a.paragraph].range.end, |next| {
                next.span.start
            })
            .max(a.span.end);
        let Some((gap, year)) = bare_year_after(&text[a.span.end..limit]) else {
            continue;
        };
        // The end year comes after the start, among the years news writes.
        let end_year: i32 = text[a.span.end..][year.clone()].parse().unwrap_or(0);
        let (first, last) = rules.settings.bare_years;
        let start_year = a
            .date()
            .and_then(|a| a.value.as_ref()?.year())
            .unwrap_or(i32::MAX);
        if !(first..=last).contains(&end_year) || end_year < start_year || !joins(gap, a) {
            continue;
        }
        let start = opener_start(a);
        let a = &mut drafts[k];
        if let Some(start) = start {
            a.span.start = start;
        }
        a.span.end += year.end;
        if let Some(date) = a.date_mut() {
            date.value_max = Some(Timex::Year(end_year));
        }
    }
}

/// Joins a part of a year written without one and the relative year right
/// after it ("the third quarter last year", "in March next year", "the summer
/// of last year") into one claim in that year: `2023-Q3`, not this year's
/// quarter beside a bare `2023`.
pub(crate) fn join_part_with_year(doc: &Document, rules: &Rules, drafts: &mut Vec<Draft>) {
    let text = doc.text();
    let (links, grains, nth) = (
        rules.lexicon(Lex::PartYearLink),
        rules.lexicon(Lex::GrainUnit),
        rules.lexicon(Lex::Nth),
    );
    // Whether a word has `value` in a lexicon.
    let means = |lexicon: &Lexicon, w: &str, value: &str| lexicon.value_of(w) == Some(value);
    // A resolved year: `2023`.
    let year_of = |d: &Draft| match d.date()?.value {
        Some(Timex::Year(y)) if (0..=9999).contains(&y) => Some(y),
        _ => None,
    };
    // A part of a year that could be another year's: `2024-Q3`, `2024-03`,
    // `2024-SU`, `2024-H1`, `2024-W44`.
    let is_part = |d: &Draft| {
        d.date().is_some_and(|a| {
            a.value_max.is_none()
                && a.value
                    .as_ref()
                    .is_some_and(|v| in_year(v, 0, false).is_some())
        })
    };
    coalesce(drafts, |a, d| {
        let written = &text[a.span.clone()];
        let between = text[a.span.end..d.span.start.max(a.span.end)].trim();
        let relative = &text[d.span.clone()];
        let year_grain = relative
            .split_whitespace()
            .next_back()
            .is_some_and(|w| means(grains, w, "year"));
        let joins = a.paragraph == d.paragraph
            && a.span.end <= d.span.start
            && is_part(a)
            && year_of(d).is_some()
            && year_grain
            && !has_year_digits(written)
            && (between.is_empty() || links.contains(between));
        if !joins {
            return false;
        }
        // "The last quarter last year" is that year's last (an `nth` of -1),
        // not the quarter before the reference's.
        let last = text[a.span.clone()]
            .split_whitespace()
            .any(|w| means(nth, w, "-1"));
        let year = year_of(d).unwrap_or_default();
        if let Some(date) = a.date_mut() {
            date.value = date.value.as_ref().and_then(|v| in_year(v, year, last));
        }
        a.span.end = d.span.end;
        true
    });
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
/// they are; unresolved ones join as written.
fn range_end(start: Option<&Timex>, end: Option<&Timex>) -> Option<Option<Timex>> {
    let (Some(start), Some(end)) = (start, end) else {
        return Some(end.cloned());
    };
    match start.cmp_in_time(end) {
        None | Some(Ordering::Less | Ordering::Equal) => Some(Some(end.clone())),
        Some(Ordering::Greater) => {
            let month = |t: &Timex| match t.date() {
                Timex::Day(d) => Some(d.month()),
                Timex::Month { month, .. } => Some(*month),
                _ => None,
            };
            let crosses_new_year = start.year() == end.year() && month(end) < month(start);
            let next = end.year()?.checked_add(1).filter(|y| *y <= 9999)?;
            crosses_new_year
                .then(|| with_year(end, next))
                .flatten()
                .map(Some)
        }
    }
}

/// A day, month or time of one in another year.
fn with_year(t: &Timex, year: i32) -> Option<Timex> {
    Some(match t {
        Timex::Day(d) => Timex::Day(d.with_year(year)?),
        Timex::Month { month, .. } => Timex::Month {
            year,
            month: *month,
        },
        Timex::Time { date, clock } => Timex::Time {
            date: Box::new(with_year(date, year)?),
            clock: *clock,
        },
        _ => return None,
    })
}

/// A part of a year (a month, quarter, half, season or week) in `year`;
/// with `last`, "the last quarter" (or half) is the year's fourth (second).
/// `None` for a value that is no such part.
fn in_year(t: &Timex, year: i32, last: bool) -> Option<Timex> {
    Some(match *t {
        Timex::Month { month, .. } => Timex::Month { year, month },
        Timex::Quarter { quarter, .. } => Timex::Quarter {
            year,
            quarter: if last { 4 } else { quarter },
        },
        Timex::Half { half, .. } => Timex::Half {
            year,
            half: if last { 2 } else { half },
        },
        Timex::Season { season, .. } => Timex::Season { year, season },
        Timex::Week { week, .. } => Timex::Week { year, week },
        _ => return None,
    })
}

/// Joins a duration and the date it starts on ("a week starting tomorrow",
/// "for 3 days from today", "two weeks starting May 20") into one date claim
/// from that day to the last day the duration covers. The words between come
/// from the `duration_start` lexicon.
pub(crate) fn join_duration_starts(doc: &Document, rules: &Rules, drafts: &mut Vec<Draft>) {
    let words = rules.lexicon(Lex::DurationStart);
    let needs_intro = rules.lexicon(Lex::DurationStartNeedsIntro);
    let intro = rules.lexicon(Lex::DurationIntro);
    let text = doc.text();
    // Whether a `duration_intro` word ("for") opens the duration's span or
    // stands just before it.
    let introduced = |a: &Draft| {
        let para_start = doc.paragraphs[a.paragraph].range.start;
        let is_intro = |w: Option<&str>| w.is_some_and(|w| intro.contains(w));
        is_intro(text[a.span.clone()].split_whitespace().next())
            || is_intro(
                text[para_start..a.span.start]
                    .split_whitespace()
                    .next_back(),
            )
    };
    coalesce(drafts, |a, d| {
        let Some(DateExpr {
            kind: DateKind::Date,
            value: Some(Timex::Day(first)),
            ..
        }) = d.date()
        else {
            return false;
        };
        let between = text[a.span.end..d.span.start.max(a.span.end)]
            .trim()
            .trim_start_matches(',')
            .trim();
        let joins = a.date().is_some_and(|a| a.kind == DateKind::Duration)
            && a.paragraph == d.paragraph
            && a.span.end <= d.span.start
            && words.contains(between)
            && (!needs_intro.contains(between) || introduced(a));
        if !joins {
            return false;
        }
        let last = match a.date().and_then(|a| a.value.as_ref()) {
            Some(Timex::Duration(duration)) => duration_end(*first, duration),
            _ => None,
        };
        let Some(last) = last else {
            return false;
        };
        a.span.end = d.span.end;
        a.rule = d.rule.clone();
        a.body = Body::Date(DateExpr {
            kind: DateKind::Date,
            value: Some(Timex::Day(*first)),
            value_max: Some(Timex::Day(last)),
        });
        true
    });
}

/// Folds each draft into the last one kept before it where `join` says so
/// (`join(kept, next)` merges `next` into `kept` and returns true; `next` is
/// then dropped), keeping the others in order. In place: building a second
/// list would hold every draft of a long article twice.
fn coalesce(drafts: &mut Vec<Draft>, mut join: impl FnMut(&mut Draft, &Draft) -> bool) {
    let mut kept = 0;
    for next in 0..drafts.len() {
        if kept > 0 {
            let (done, rest) = drafts.split_at_mut(next);
            if join(&mut done[kept - 1], &rest[0]) {
                continue;
            }
        }
        drafts.swap(kept, next);
        kept += 1;
    }
    drafts.truncate(kept);
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
