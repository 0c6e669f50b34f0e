//! Anaphoric dates ("the next day", "two weeks later", "that weekend"),
//! counted from the last date the article named before them.

use chrono::{Datelike, NaiveDate, Weekday};

use super::parts::{DateParts, Grain};
use super::tense::clause_words;
use super::value::set_value;
use crate::claims::draft::Draft;
use crate::model::{Body, DateExpr, DateKind, Timex};
use crate::rules::Rules;
use crate::rules::vocabulary::Lex;
use crate::text::Document;

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
///
/// "That quarter", "the following quarter" count from the last quarter the
/// article named (quarters are no anchor for days, weeks or months).
///
/// "Until then", "by that time" (`echo`) are the last date the article named
/// before them, as it named it (a day, a month, a quarter, a time); a
/// reference value ("now") is none. One with no date named before it names
/// nothing, and is dropped.
///
/// Quarters are the periods of company results. The story's quarter is the
/// latest quarter it named that had ended by the reference date: a results
/// story is about the quarter just reported, and a coming quarter ("a
/// fourth-quarter charge") is a forecast, not the story's. "The latest
/// quarter" and "the year-earlier period" (`story_period`) count from it, and
/// so does "a year ago" or "a year earlier" anywhere after it ("net rose to
/// $94 million from $85 million a year ago" compares quarters), unless its
/// sentence named a period of another grain before it ("for the nine months,
/// ... a year earlier"). "Last year" is a quarter a year back only in the
/// sentence of a quarter ("profit in the third quarter fell from last year"):
/// it names the year more often.
pub(crate) fn resolve_anaphora(
    doc: &Document,
    rules: &Rules,
    drafts: &mut Vec<Draft>,
    reference: Option<NaiveDate>,
) {
    if drafts.iter().all(|d| d.anaphor.is_none()) {
        return;
    }
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.sort_by_key(|&k| drafts[k].span.start);
    let mut last: Option<(NaiveDate, Precision)> = None;
    // The last day named, for the story's day when a coarser date came after
    // it ("fell on Friday, its lowest since 1983, and ended the day ...").
    let mut last_day: Option<NaiveDate> = None;
    // The last date named, as named: what "until then" names.
    let mut last_named: Option<Timex> = None;
    // Whether a date was named at all, resolved or not; and the echoes with
    // none before them, which are dropped.
    let mut named_any = false;
    let mut unanchored: Vec<usize> = Vec::new();
    // The last quarter named, and where its sentence ends.
    let mut quarter: Option<(i32, u32, usize)> = None;
    // The last month named, and where its sentence ends: what a period with
    // no grain compares in that sentence.
    let mut month: Option<(i32, u32, usize)> = None;
    let mut story: Option<(i32, u32)> = None;
    // Where the sentence of the last period of another grain ends: "for the
    // nine months, ... a year earlier" compares nine months, not quarters.
    let mut other_period: Option<usize> = None;
    let ended =
        |year: i32, q: u32| reference.is_none_or(|r| (year, q) < (r.year(), (r.month0() / 3) + 1));
    for k in order {
        let draft = &mut drafts[k];
        let at = draft.span.start;
        let Body::Date(date) = &mut draft.body else {
            continue;
        };
        // A quarter a year back is no new story quarter.
        let mut year_back = false;
        if let Some(parts) = draft.anaphor.take() {
            let in_sentence = quarter.filter(|&(.., sentence_end)| at < sentence_end);
            year_back =
                parts.is_year_before() || (parts.story_period && parts.grain == Some(Grain::Year));
            let year_ago = parts.amount.is_some() && parts.is_year_before();
            let compared = match (in_sentence, year_ago) {
                (Some((year, q, _)), _) => Some((year, q)),
                (None, true) => story.filter(|_| other_period.is_none_or(|end| at >= end)),
                (None, false) => None,
            };
            if parts.echo {
                date.value = last_named.clone();
                if !named_any {
                    unanchored.push(k);
                }
            } else if parts.story_period {
                // "For the nine months, ... year-earlier profit", "in the
                // 1988 period": a period a year back, in the sentence of a
                // period of another grain, is that period's year.
                let year_form = parts.grain == Some(Grain::Year) || parts.year.is_some();
                let story = story.filter(|_| {
                    !year_form || in_sentence.is_some() || other_period.is_none_or(|end| at >= end)
                });
                // "Sales in March rose from the same period last year",
                // "March sales fell from year-earlier sales": a period with no
                // grain, or a year back, in the sentence of a month (and of no
                // quarter) is that month, a year back for the second.
                let month_before = month.filter(|&(.., end)| at < end && in_sentence.is_none());
                let years_back = match parts.grain {
                    None => Some(0),
                    Some(Grain::Year) => Some(parts.shift.unwrap_or(0)),
                    Some(_) => None,
                };
                match (years_back.filter(|_| parts.year.is_none()), month_before) {
                    (Some(years), Some((year, m, _))) => {
                        date.value = Some(Timex::Month {
                            year: year + years,
                            month: m,
                        });
                    }
                    // "The same period" with no month named: the story's
                    // quarter, as "the quarter" is.
                    (Some(0), None) if parts.grain.is_none() => {
                        let as_quarter = DateParts {
                            grain: Some(Grain::Quarter),
                            ..(*parts).clone()
                        };
                        story_period(&as_quarter, story, reference, date);
                    }
                    _ => story_period(&parts, story, reference, date),
                }
            } else if let (true, Some((year, q, _))) = (
                parts.anaphoric && parts.grain == Some(Grain::Quarter),
                quarter,
            ) {
                date.value = Some(quarter_shifted(year, q, parts.shift.unwrap_or(0)));
            } else if let (true, Some((year, q))) = (parts.is_year_before(), compared) {
                date.value = Some(Timex::Quarter {
                    year: year - 1,
                    quarter: q,
                });
            } else if parts.anaphoric {
                let anchor = match last {
                    None => reference,
                    Some((day, precision)) if precision >= needed_precision(&parts) => Some(day),
                    Some(_) if parts.is_story_day() => last_day.or(reference),
                    Some(_) => None,
                };
                set_value(&parts, anchor, date);
            }
        }
        if let (Some(Timex::Quarter { year, quarter: q }), false) = (&date.value, year_back) {
            quarter = Some((*year, *q, sentence_end(doc, draft.paragraph, at)));
            if ended(*year, *q) && story.is_none_or(|s| s < (*year, *q)) {
                story = Some((*year, *q));
            }
        }
        if let (Some(Timex::Month { year, month: m }), false) = (&date.value, year_back) {
            month = Some((*year, *m, sentence_end(doc, draft.paragraph, at)));
        }
        let other_grain = date.kind == DateKind::Duration
            || matches!(date.value, Some(Timex::Year(_) | Timex::Half { .. }));
        if other_grain && !year_back {
            other_period = Some(sentence_end(doc, draft.paragraph, at));
        }
        // "its worst drop since 2008": a point of comparison is not the
        // story's time.
        let compared_to =
            matches!(date.kind, DateKind::Date) && is_comparison(doc, rules, draft.paragraph, at);
        if matches!(date.kind, DateKind::Date | DateKind::Time) && !compared_to {
            named_any |= unanchored.last() != Some(&k);
            if let Some(value) = date.value.as_ref().filter(|v| !v.is_reference()) {
                last_named = Some(value.clone());
            }
            last = date.value.as_ref().and_then(anchor_of).or(last);
            if let Some((day, Precision::Day)) = last {
                last_day = Some(day);
            }
        }
    }
    if !unanchored.is_empty() {
        let mut k = 0;
        drafts.retain(|_| {
            k += 1;
            !unanchored.contains(&(k - 1))
        });
    }
}

/// The quarter `shift` quarters from quarter `q` of `year`: "the following
/// quarter" after 1988-Q4 is 1989-Q1.
fn quarter_shifted(year: i32, q: u32, shift: i32) -> Timex {
    let index = year * 4 + (q as i32 - 1) + shift;
    Timex::Quarter {
        year: index.div_euclid(4),
        quarter: index.rem_euclid(4) as u32 + 1,
    }
}

/// "The latest quarter", "the year-earlier quarter", "the year-ago third
/// quarter", "the 1988 period": the story's quarter (see `resolve_anaphora`), or the quarter they
/// name, moved by `shift` years when the grain is a year; with no quarter
/// named, as the parts read from the reference date ("the latest quarter"
/// the last one before it, "year-earlier" last year).
fn story_period(
    parts: &DateParts,
    story: Option<(i32, u32)>,
    reference: Option<NaiveDate>,
    date: &mut DateExpr,
) {
    let years = match parts.grain {
        Some(Grain::Year) => parts.shift.unwrap_or(0),
        _ => 0,
    };
    let named = parts.quarter.and_then(|q| u32::try_from(q).ok());
    // "The 1988 quarter", "the 1989 period": the story's quarter in the year
    // written.
    let story = match (story, parts.year) {
        (Some((_, q)), Some(year)) => Some((year, q)),
        (story, _) => story,
    };
    let from = match (story, named) {
        (Some((year, q)), None) => Some((year, q)),
        (Some((year, _)), Some(q)) => Some((year, q)),
        (None, Some(q)) => reference.map(|r| (r.year(), q)),
        (None, None) => None,
    };
    match from {
        Some((year, quarter)) if (1..=4).contains(&quarter) => {
            date.value = Some(Timex::Quarter {
                year: year + years,
                quarter,
            });
        }
        _ => set_value(parts, reference, date),
    }
}

/// Whether the date at `at` is a point of comparison: after a
/// `comparison_since` ("since", "since the") in a clause with a
/// `comparison_word` ("its worst drop since 2008").
fn is_comparison(doc: &Document, rules: &Rules, paragraph: usize, at: usize) -> bool {
    let para = &doc.paragraphs[paragraph];
    let start = para.sentence_at(at).map_or(para.range.start, |s| s.start);
    let words = clause_words(&doc.text()[start..at]);
    let since = rules.lexicon(Lex::ComparisonSince);
    let Some(n) = (1..=2)
        .filter(|&n| n <= words.len())
        .find(|&n| since.contains_words(words[words.len() - n..].iter().copied()))
    else {
        return false;
    };
    let superlative = rules.lexicon(Lex::ComparisonWord);
    words[..words.len() - n]
        .iter()
        .any(|w| superlative.contains(w))
}

/// Where the sentence that holds `at` ends.
fn sentence_end(doc: &Document, paragraph: usize, at: usize) -> usize {
    let para = &doc.paragraphs[paragraph];
    para.sentences
        .iter()
        .find(|s| s.end > at)
        .map_or(para.range.end, |s| s.end)
}
