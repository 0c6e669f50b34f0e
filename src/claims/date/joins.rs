//! The second stage of the date rules: `[[join]]` rules join two date
//! claims written next to each other into one (a range, a part of a year with
//! its year, a duration with the day it starts, a time with its day). The
//! rules say which subtypes they join, the words between and the operation;
//! the calendar arithmetic of each operation is here.

use std::cmp::Ordering;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use super::resolve::duration_end;
use crate::claims::draft::Draft;
use crate::model::{Body, DateExpr, DateKind, Timex};
use crate::rules::vocabulary::Lex;
use crate::rules::{JoinOp, JoinRule, Lexicon, Rules};
use crate::text::Document;

/// Runs the rule set's joins over an article's date drafts, in file order.
pub(crate) fn apply_joins(
    doc: &Document,
    rules: &Rules,
    reference: Option<NaiveDate>,
    drafts: &mut Vec<Draft>,
) {
    for join in &rules.joins {
        match join.operation {
            JoinOp::Range => join_ranges(doc, rules, join, reference, drafts),
            JoinOp::PartOf => join_part_with_year(doc, rules, join, drafts),
            JoinOp::Anchor => join_duration_starts(doc, join, drafts),
            JoinOp::OnDay => join_time_with_day(doc, join, drafts),
        }
    }
}

/// The words between two claims, without the spaces and commas around them.
fn gap(text: &str) -> &str {
    text.trim().trim_matches(',').trim()
}

/// Whether the words between two claims are a join's: one of its `between`
/// words, or nothing where it allows that.
fn joins_across(join: &JoinRule, between: &str) -> bool {
    match between.is_empty() {
        true => join.adjacent,
        false => join.between.contains(between),
    }
}

/// Whether a draft is a date of one of `kinds`.
fn of_kind(d: &Draft, kinds: &[DateKind]) -> bool {
    d.date().is_some_and(|d| kinds.contains(&d.kind))
}

/// Where a word of `words` ends the text before a draft, within its
/// paragraph: the start of that word.
fn word_before(doc: &Document, d: &Draft, words: &Lexicon) -> Option<usize> {
    let text = doc.text();
    let para_start = doc.paragraphs[d.paragraph].range.start;
    let before = text[para_start..d.span.start].trim_end();
    let word_start = before
        .rfind(|c: char| c.is_whitespace())
        .map_or(0, |k| k + 1);
    let word = &before[word_start..];
    (!word.is_empty() && words.contains(word)).then_some(para_start + word_start)
}

/// A `range` join: two dates written as a range ("Oct. 2 to October 22",
/// "between 2015 and Feb. 2018", "from Monday to Wednesday") become one claim:
/// the first date's value, the second's as `value_max`, the span from the
/// opener ("from", "between") to the end. The end may be a bare year, which
/// is no date claim of its own ("between May 2015 and 2018").
fn join_ranges(
    doc: &Document,
    rules: &Rules,
    join: &JoinRule,
    reference: Option<NaiveDate>,
    drafts: &mut Vec<Draft>,
) {
    let text = doc.text();
    // Where the opener before a draft starts, if there is one.
    let opener_start = |a: &Draft| word_before(doc, a, &join.opener);
    // The words between may join; with `needs_opener`, only after an opener.
    let joins = |between: &str, a: &Draft| {
        joins_across(join, between) && (!join.needs_opener || opener_start(a).is_some())
    };
    let is_range_start = |a: &Draft| a.date().is_some_and(|a| a.value_max.is_none());
    // A range of days, resolved: it may end in a bare year.
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
            && of_kind(a, &join.first)
            && of_kind(d, &join.second)
            && a.paragraph == d.paragraph
            && a.span.end <= d.span.start
            && a.date()
                .zip(d.date())
                .is_some_and(|(a, d)| a.kind == d.kind && a.value.is_none() == d.value.is_none())
            && joins(gap(&text[a.span.end..d.span.start]), a);
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
        a.rule = join.id.clone();
        if let Some(date) = a.date_mut() {
            date.value = start.flatten();
            date.value_max = end;
        }
        true
    });
    // A bare year as the end: "between May 2015 and 2018".
    for k in 0..drafts.len() {
        let a = &drafts[k];
        if !resolved_days(a) || !join.second.contains(&DateKind::Date) || !of_kind(a, &join.first) {
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
        a.rule = join.id.clone();
        a.span.end += year.end;
        if let Some(date) = a.date_mut() {
            date.value_max = Some(Timex::Year(end_year));
        }
    }
}

/// A `part_of` join: a part of a year written without one and the relative
/// year right after it ("the third quarter last year", "in March next year",
/// "the summer of last year", "the same month a year ago"), or before it as a
/// possessive ("last year's third quarter"), become one claim in that year:
/// `2023-Q3`, not this year's quarter beside a bare `2023`.
fn join_part_with_year(doc: &Document, rules: &Rules, join: &JoinRule, drafts: &mut Vec<Draft>) {
    let text = doc.text();
    let (grains, nth) = (rules.lexicon(Lex::GrainUnit), rules.lexicon(Lex::Nth));
    // Whether a word has `value` in a lexicon.
    let means = |lexicon: &Lexicon, w: &str, value: &str| lexicon.value_of(w) == Some(value);
    // A resolved year: `2023` (or, for "last year" in the sentence of a
    // quarter, `2023-Q3`: see `resolve_anaphora`).
    let year_of = |d: &Draft| match d.date()?.value {
        Some(Timex::Year(y) | Timex::Quarter { year: y, .. }) if (0..=9999).contains(&y) => Some(y),
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
    let suffixes = rules.lexicon(Lex::PossessiveSuffix);
    // The longest suffix: any longer gap is no possessive, without the
    // lexicon's lookup (which folds the case of what it looks up, and the
    // gap between two claims may be paragraphs long).
    let longest = suffixes.entries().map(|(s, _)| s.len()).max().unwrap_or(0);
    coalesce(drafts, |a, d| {
        let between = gap(&text[a.span.end..d.span.start.max(a.span.end)]);
        // The year first, as a possessive: "this year's third quarter".
        let possessive = between.len() <= longest && suffixes.contains(between);
        let (part, year) = if possessive { (d, &*a) } else { (&*a, d) };
        let written = &text[part.span.clone()];
        let relative = &text[year.span.clone()];
        // "last year", "a year ago", "two years earlier": a count in years
        // (read last, once the rest holds: `d` may be a long quote).
        let year_grain = || {
            relative
                .split_whitespace()
                .any(|w| means(grains, w, "year"))
        };
        let joins = a.paragraph == d.paragraph
            && a.span.end <= d.span.start
            && of_kind(a, &join.first)
            && of_kind(d, &join.second)
            && is_part(part)
            && year_of(year).is_some()
            && !has_year_digits(written)
            && joins_across(join, between)
            && year_grain();
        if !joins {
            return false;
        }
        // "The last quarter last year" is that year's last (an `nth` of -1),
        // not the quarter before the reference's.
        let last = written.split_whitespace().any(|w| means(nth, w, "-1"));
        let in_that_year = year_of(year).unwrap_or_default();
        let value = part.date().and_then(|p| p.value.clone());
        if let Some(date) = a.date_mut() {
            date.value = value.as_ref().and_then(|v| in_year(v, in_that_year, last));
        }
        a.span.end = d.span.end;
        a.rule = join.id.clone();
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

/// An `anchor` join: a duration and the date it starts on ("a week starting
/// tomorrow", "for 3 days from today", "two weeks starting May 20") become
/// one date claim from that day to the last day the duration covers. With
/// `needs_opener`, the duration must open with an opener word or follow one
/// ("*for* 3 days from today"; "90 days from Jan. 1" is no range).
fn join_duration_starts(doc: &Document, join: &JoinRule, drafts: &mut Vec<Draft>) {
    let text = doc.text();
    let introduced = |a: &Draft| {
        let first_word = text[a.span.clone()].split_whitespace().next();
        first_word.is_some_and(|w| join.opener.contains(w))
            || word_before(doc, a, &join.opener).is_some()
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
        let between = gap(&text[a.span.end..d.span.start.max(a.span.end)]);
        let joins = of_kind(a, &join.first)
            && of_kind(d, &join.second)
            && a.paragraph == d.paragraph
            && a.span.end <= d.span.start
            && joins_across(join, between)
            && (!join.needs_opener || introduced(a));
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
        a.rule = join.id.clone();
        a.body = Body::Date(DateExpr {
            kind: DateKind::Date,
            value: Some(Timex::Day(*first)),
            value_max: Some(Timex::Day(last)),
        });
        true
    });
}

/// An `on_day` join: a time of day and the day written beside it ("10 p.m.
/// Wednesday", "4 p.m. EST, Dec. 12", "Tuesday, 9 a.m.") become one time on
/// that day.
fn join_time_with_day(doc: &Document, join: &JoinRule, drafts: &mut Vec<Draft>) {
    let text = doc.text();
    coalesce(drafts, |a, d| {
        let joins = of_kind(a, &join.first)
            && of_kind(d, &join.second)
            && a.paragraph == d.paragraph
            && a.span.end <= d.span.start
            && joins_across(join, gap(&text[a.span.end..d.span.start]));
        if !joins {
            return false;
        }
        let (time, day) = match a.date().is_some_and(|a| a.kind == DateKind::Time) {
            true => (a.date(), d.date()),
            false => (d.date(), a.date()),
        };
        let clock = match time.and_then(|t| t.value.as_ref()) {
            Some(Timex::Time { clock, .. }) => Some(*clock),
            _ => None,
        };
        let on = day
            .and_then(|d| d.value.as_ref())
            .filter(|v| matches!(v, Timex::Day(_)) && day.is_some_and(|d| d.value_max.is_none()));
        let (Some(clock), Some(on)) = (clock, on.cloned()) else {
            return false;
        };
        a.span.end = d.span.end;
        a.rule = join.id.clone();
        a.body = Body::Date(DateExpr {
            kind: DateKind::Time,
            value: Some(Timex::Time {
                date: Box::new(on),
                clock,
            }),
            value_max: None,
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
