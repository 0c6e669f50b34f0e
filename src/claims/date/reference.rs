//! The reference date an article's own text gives, for an article with no
//! other.

use chrono::NaiveDate;

use super::parts::{DateParts, parts};
use crate::claims::fields::Fields;
use crate::rules::vocabulary::Lex;

/// Where in an article a date is written, for `infer_reference`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// A time stamp line ("Published 6:42 p.m. GMT, March 12, 2024").
    Timestamp,
    /// A photo caption ("... on Tuesday, Aug. 6, 2024. (AP Photo/...)"):
    /// its date dates the photo, which may be older than the story.
    Caption,
    Text,
}

/// Days by which a weekday-dated date may precede the article's latest full
/// date and still be its date: an older one is a date it reports in passing.
const OLDER_THAN_REPORTED: i64 = 31;

/// The reference date written in an article with no other: the latest date
/// of a time stamp line at its top ("Updated 9:15 a.m. PDT, August 13,
/// 2024"); else, among its full, explicit dates (day, month and year), the
/// first written with a weekday (the dateline style: "Tuesday, Dec. 3,
/// 2024"), in its text before its photo captions (a file photo's caption may
/// be days older than the story), and unless it is over a month older than
/// the latest; else the latest, since a report is dated on or after what it
/// reports. Dates in a clause about the future ("the election will be held on
/// Nov. 5, 2028") are left out.
///
/// A time stamp's clock time comes with its date (`18:42`), as written,
/// whether the line writes it before the date or after.
pub(crate) fn infer_reference(
    dates: impl Iterator<Item = (DateParts, Place)>,
) -> Option<(NaiveDate, String)> {
    let mut latest: Option<NaiveDate> = None;
    let mut stamped: Option<(NaiveDate, String)> = None;
    // A stamp's clock time read before its date, and the last stamp read.
    let mut clock_before: Option<String> = None;
    let mut last_stamp: Option<(NaiveDate, String)> = None;
    let (mut in_text, mut in_caption): (Option<NaiveDate>, Option<NaiveDate>) = (None, None);
    for (p, place) in dates {
        if place == Place::Timestamp
            && let (Some(h), None) = (p.hour, p.day)
        {
            let clock = format!("{h:02}:{:02}", p.minute.unwrap_or(0));
            match &mut last_stamp {
                Some((_, after)) if after.is_empty() => {
                    *after = clock;
                    stamped = stamped.max(last_stamp.clone());
                }
                _ => clock_before = Some(clock),
            }
            continue;
        }
        let (Some(y), Some(m), Some(d)) = (p.year, p.month, p.day) else {
            continue;
        };
        let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else {
            continue;
        };
        if p.future {
            continue;
        }
        let first_with_weekday = match place {
            Place::Timestamp => {
                let clock = match (p.hour, p.minute) {
                    (Some(h), m) => format!("{h:02}:{:02}", m.unwrap_or(0)),
                    _ => clock_before.take().unwrap_or_default(),
                };
                last_stamp = Some((date, clock));
                stamped = stamped.max(last_stamp.clone());
                continue;
            }
            Place::Caption => &mut in_caption,
            Place::Text => &mut in_text,
        };
        if p.weekday.is_some() && first_with_weekday.is_none() {
            *first_with_weekday = Some(date);
        }
        latest = latest.max(Some(date));
    }
    let recent = |d: &NaiveDate| latest.is_none_or(|l| (l - *d).num_days() <= OLDER_THAN_REPORTED);
    stamped.or_else(|| {
        let date = in_text
            .filter(recent)
            .or(in_caption.filter(recent))
            .or(latest)?;
        Some((date, String::new()))
    })
}

/// The paragraphs at an article's top where its time stamp line may be.
const TOP: usize = 6;

/// The parts of every date match, with where it is written, for
/// `infer_reference`.
pub(crate) fn all_parts<'a>(
    fields: impl Iterator<Item = Fields<'a>> + 'a,
) -> impl Iterator<Item = (DateParts, Place)> + 'a {
    fields.map(|f| {
        let place = place_of(&f);
        (parts(&f, None), place)
    })
}

/// The longest paragraph read as a photo caption, in bytes: a caption is a
/// line or two, and a long paragraph is never lowercased once per date in it.
const CAPTION_MAX: usize = 1000;

fn place_of(f: &Fields) -> Place {
    let Some(paragraph) = f.doc.paragraphs.get(f.m.paragraph) else {
        return Place::Text;
    };
    let text = &f.doc.text()[paragraph.range.clone()];
    if text.len() <= CAPTION_MAX {
        let lower = text.to_lowercase();
        let captions = f.rules.lexicon(Lex::CaptionMarker);
        if captions.entries().any(|(marker, _)| lower.contains(marker)) {
            return Place::Caption;
        }
    }
    let first_words = text.split_whitespace().take(2).collect::<Vec<_>>();
    let stamps = f.rules.lexicon(Lex::TimestampWord);
    let stamped =
        (1..=first_words.len()).any(|n| stamps.contains_words(first_words[..n].iter().copied()));
    match stamped && f.m.paragraph < TOP {
        true => Place::Timestamp,
        false => Place::Text,
    }
}
