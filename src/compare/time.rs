//! When a figure was current, as `compare` lays a group out in time: the
//! day of its `as_of` (see `link::as_of`) and the part of the day it falls
//! in, at which two sources' figures are about the same time.

use std::fmt;

use chrono::NaiveDate;

use crate::model::{Clock, DayPart, Timex};

/// A part of the day, in order; `Unknown` where nothing says which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    Unknown,
    Morning,
    Midday,
    Afternoon,
    Evening,
    Night,
}

/// The time a figure was current: a day, and the part of it if known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AsOf {
    pub day: NaiveDate,
    pub part: Part,
}

impl AsOf {
    /// Whether two figures are about the same time: the same day, and the
    /// same part of it where both say one.
    pub fn meets(self, other: AsOf) -> bool {
        self.day == other.day
            && (self.part == other.part
                || self.part == Part::Unknown
                || other.part == Part::Unknown)
    }
}

impl fmt::Display for AsOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let day = Timex::Day(self.day);
        let part = match self.part {
            Part::Unknown => return write!(f, "{day}"),
            Part::Morning => "morning",
            Part::Midday => "midday",
            Part::Afternoon => "afternoon",
            Part::Evening => "evening",
            Part::Night => "night",
        };
        write!(f, "{day} {part}")
    }
}

/// The part of the day an hour falls in.
fn part_of_hour(hour: u32) -> Part {
    match hour {
        5..=11 => Part::Morning,
        12..=13 => Part::Midday,
        14..=17 => Part::Afternoon,
        18..=21 => Part::Evening,
        _ => Part::Night,
    }
}

/// The time a date names, if it names one day (with or without a part or
/// a clock time).
fn of_timex(t: &Timex) -> Option<AsOf> {
    match t {
        Timex::Day(day) => Some(AsOf {
            day: *day,
            part: Part::Unknown,
        }),
        Timex::Time { date, clock } => {
            let Timex::Day(day) = **date else {
                return None;
            };
            let part = match clock {
                Clock::Part(DayPart::Daytime) => Part::Unknown,
                clock => part_of_hour(clock.minute_of_day() / 60),
            };
            Some(AsOf { day, part })
        }
        _ => None,
    }
}

/// When a figure was current: its `as_of`; else (a claims table without
/// that column) the day of its `when`, else its article's date.
pub fn as_of(
    as_of: Option<&Timex>,
    when: Option<&Timex>,
    published: Option<NaiveDate>,
) -> Option<AsOf> {
    match (as_of, when.and_then(of_timex)) {
        (Some(t), _) => of_timex(t),
        (None, Some(day)) => Some(day),
        (None, None) => published.map(|day| AsOf {
            day,
            part: Part::Unknown,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timex {
        s.parse().unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_figure_is_current_at_its_as_of_else_on_its_articles_day() {
        let published = Some(day("2024-05-14"));
        let at = as_of(Some(&t("2024-05-14T20:15")), None, published).unwrap();
        assert_eq!(at.to_string(), "2024-05-14 evening");
        // A table without `as_of`: the day of `when`, else the article's.
        let at = as_of(None, Some(&t("2024-05-13")), published).unwrap();
        assert_eq!(at.to_string(), "2024-05-13");
        let at = as_of(None, Some(&t("2024-05")), published).unwrap();
        assert_eq!(at.to_string(), "2024-05-14");
        // A month is no time of day's figure.
        assert_eq!(as_of(Some(&t("2024-05")), None, published), None);
        assert_eq!(as_of(None, None, None), None);
    }

    #[test]
    fn a_known_part_meets_the_same_part_or_an_unknown_one() {
        let at = |s: &str| of_timex(&t(s)).unwrap();
        assert!(at("2024-05-14TEV").meets(at("2024-05-14TEV")));
        assert!(at("2024-05-14TEV").meets(at("2024-05-14")));
        assert!(!at("2024-05-14TEV").meets(at("2024-05-14TMO")));
        assert!(!at("2024-05-14").meets(at("2024-05-15")));
        assert_eq!(at("2024-05-14T18:30").part, Part::Evening);
    }
}
