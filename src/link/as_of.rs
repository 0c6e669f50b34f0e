//! When each count was current (the `as_of` column): the latest day its
//! sentence gives ("killed late Monday, officials said *on Tuesday
//! morning*"; "recovered 17 more bodies *on Wednesday*, bringing the toll to
//! 231"), with the part of the day where it says one. A date right after a
//! word of `not_as_of` dates another figure or a start ("up from 14 *on
//! Wednesday*", "the toll from *Monday night's* disaster", "since *Monday*"),
//! and a day after the article's is a plan, not a report: neither counts. A
//! count whose sentence gives no other day is current as of its article: its
//! date, at its time of day where the input gives one (`published_time`).

use std::ops::Range;

use chrono::NaiveDate;

use crate::claims::Draft;
use crate::model::{Clock, Kind, Timex, clock_of};
use crate::rules::vocabulary::Lex;
use crate::rules::{Lexicon, Rules};
use crate::text::Document;

/// Words read back from a date for a `not_as_of` word.
const BACK: usize = 3;

/// The `not_as_of` lexicon, made once per rule set.
#[derive(Debug, Clone)]
pub(crate) struct AsOfWords {
    not_as_of: Lexicon,
}

impl AsOfWords {
    pub fn from_rules(rules: &Rules) -> AsOfWords {
        AsOfWords {
            not_as_of: rules.lexicon(Lex::NotAsOf).clone(),
        }
    }
}

/// Sets `as_of` on every count of an article whose reference date is
/// `reference`, given at the time of day `time` (empty if none).
pub(crate) fn assign(
    doc: &Document,
    words: &AsOfWords,
    drafts: &mut [Draft],
    reference: Option<NaiveDate>,
    time: &str,
) {
    let text = doc.text();
    // Days and times, in text order (drafts are).
    let dates: Vec<(Range<usize>, Timex)> = drafts
        .iter()
        .filter_map(|d| {
            let value = d.date()?.value.as_ref()?;
            let day = key(value)?.0;
            reference
                .is_none_or(|r| day <= r)
                .then(|| (d.span.clone(), value.clone()))
        })
        .filter(|(span, _)| !after_a_marker(text, span.start, &words.not_as_of))
        .collect();
    let article = reference.map(|day| match clock_of(time) {
        Some((hour, minute)) => Timex::Time {
            date: Box::new(Timex::Day(day)),
            clock: Clock::At {
                hour,
                minute,
                utc: false,
            },
        },
        None => Timex::Day(day),
    });
    for d in drafts.iter_mut().filter(|d| d.kind() == Kind::Count) {
        let sentence = doc
            .paragraphs
            .get(d.paragraph)
            .and_then(|p| p.sentence_at(d.span.start));
        let latest = sentence.and_then(|s| {
            let first = dates.partition_point(|(span, _)| span.start < s.start);
            dates[first..]
                .iter()
                .take_while(|(span, _)| span.end <= s.end)
                .map(|(_, t)| t)
                .max_by_key(|t| key(t))
        });
        let as_of = match (latest, &article) {
            // The article's own day, without a part: its time of day.
            (Some(Timex::Day(day)), Some(a)) if Some(*day) == reference => Some(a.clone()),
            (Some(t), _) => Some(t.clone()),
            (None, a) => a.clone(),
        };
        if let Some(count) = d.count_mut() {
            count.as_of = as_of;
        }
    }
}

/// A day or time's place in time: its day, then its minute (a part of the
/// day by a typical hour of it), a bare day first; `None` for anything
/// coarser.
fn key(t: &Timex) -> Option<(NaiveDate, u32)> {
    match t {
        Timex::Day(day) => Some((*day, 0)),
        Timex::Time { date, clock } => {
            let Timex::Day(day) = **date else {
                return None;
            };
            Some((day, 1 + clock.minute_of_day()))
        }
        _ => None,
    }
}

/// Whether one of the words right before `at` is a `not_as_of` word.
fn after_a_marker(text: &str, at: usize, markers: &Lexicon) -> bool {
    let from = (at.saturating_sub(60)..at)
        .find(|&k| text.is_char_boundary(k))
        .unwrap_or(at);
    let before = &text[from..at];
    before
        .split_whitespace()
        .rev()
        .take(BACK)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .any(|w| markers.contains(&w))
}
