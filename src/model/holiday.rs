//! Holidays as the rules write them: a fixed day of the year, a weekday of a
//! month, or a day counted from Easter, each maybe moved by some days; and
//! days that happened once ("9/11"), which the rules name the same way.

use chrono::{Datelike, NaiveDate, Weekday};

/// When a holiday falls, as a `holiday` lexicon value says it:
/// - `12-25`: a month and day ("Christmas");
/// - `11/4/4`: a month, which of its weekdays (-1 the last) and the weekday,
///   Monday 1 ("Thanksgiving", the fourth Thursday of November);
/// - `easter`: Easter Sunday (Western);
///
/// and after any of them `+N` or `-N` days ("Black Friday" is `11/4/4+1`,
/// "Good Friday" `easter-2`). A whole date, `2001-09-11`, is a day that
/// happened once ("9/11"): that day, whatever the year around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday {
    day: HolidayDay,
    offset: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HolidayDay {
    Fixed { month: u32, day: u32 },
    NthWeekday { month: u32, nth: i32, weekday: u32 },
    Easter,
    Once(NaiveDate),
}

impl Holiday {
    /// Reads a `holiday` lexicon value; none when it is not one.
    pub fn parse(value: &str) -> Option<Holiday> {
        if let Ok(day) = NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d") {
            return Some(Holiday {
                day: HolidayDay::Once(day),
                offset: 0,
            });
        }
        let (base, offset) = split_offset(value.trim())?;
        if !(-366..=366).contains(&offset) {
            return None;
        }
        let day = if base == "easter" {
            HolidayDay::Easter
        } else if base.contains('/') {
            let mut parts = base.split('/');
            let month: u32 = parts.next()?.parse().ok()?;
            let nth: i32 = parts.next()?.parse().ok()?;
            let weekday: u32 = parts.next()?.parse().ok()?;
            let valid = (1..=12).contains(&month)
                && (nth == -1 || (1..=5).contains(&nth))
                && (1..=7).contains(&weekday)
                && parts.next().is_none();
            if !valid {
                return None;
            }
            HolidayDay::NthWeekday {
                month,
                nth,
                weekday,
            }
        } else {
            let (month, day) = base.split_once('-')?;
            let (month, day) = (month.parse().ok()?, day.parse().ok()?);
            // Any year has the day, so Feb. 29 is out.
            NaiveDate::from_ymd_opt(2023, month, day)?;
            HolidayDay::Fixed { month, day }
        };
        Some(Holiday { day, offset })
    }

    /// The day that happened once, if this is one.
    pub fn once(self) -> Option<NaiveDate> {
        match self.day {
            HolidayDay::Once(day) => Some(day),
            _ => None,
        }
    }

    /// The holiday's day in `year`, if it has one there (a fifth weekday
    /// some months lack, a day that happened in another year).
    pub fn in_year(self, year: i32) -> Option<NaiveDate> {
        let day = match self.day {
            HolidayDay::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day)?,
            HolidayDay::NthWeekday {
                month,
                nth,
                weekday,
            } => {
                let weekday = Weekday::try_from(u8::try_from(weekday - 1).ok()?).ok()?;
                let of_month =
                    |n: u8| NaiveDate::from_weekday_of_month_opt(year, month, weekday, n);
                match nth {
                    // The last: the fifth where the month has one, else the fourth.
                    -1 => of_month(5).or_else(|| of_month(4))?,
                    n => of_month(u8::try_from(n).ok()?)?,
                }
            }
            HolidayDay::Easter => easter(year)?,
            HolidayDay::Once(day) => Some(day).filter(|d| d.year() == year)?,
        };
        match self.offset {
            n if n >= 0 => day.checked_add_days(chrono::Days::new(n as u64)),
            n => day.checked_sub_days(chrono::Days::new(n.unsigned_abs())),
        }
    }
}

/// A value's base and its offset in days: `easter-2` is ("easter", -2),
/// `11/4/4+1` ("11/4/4", 1), `12-24+1` ("12-24", 1), `12-25` ("12-25", 0).
fn split_offset(value: &str) -> Option<(&str, i64)> {
    // The sign comes after the base's last part.
    let from = match value.rfind('/') {
        _ if value.starts_with("easter") => "easter".len(),
        Some(k) => k + 1,
        None => value.find('-').map_or(0, |k| k + 1),
    };
    match value[from..].find(['+', '-']) {
        Some(k) => Some((&value[..from + k], value[from + k..].parse().ok()?)),
        None => Some((value, 0)),
    }
}

/// Western Easter Sunday (the anonymous Gregorian computus).
fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let (b, c) = (year / 100, year % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(value: &str, year: i32) -> String {
        Holiday::parse(value)
            .and_then(|h| h.in_year(year))
            .map_or_else(|| "none".into(), |d| d.to_string())
    }

    #[test]
    fn holidays_fall_on_their_days() {
        assert_eq!(day("12-25", 2024), "2024-12-25");
        assert_eq!(day("11/4/4", 1999), "1999-11-25"); // Thanksgiving
        assert_eq!(day("11/4/4+1", 2024), "2024-11-29"); // Black Friday
        assert_eq!(day("5/-1/1", 2024), "2024-05-27"); // Memorial Day
        assert_eq!(day("12/-1/7", 2024), "2024-12-29");
        assert_eq!(day("11/1/1+1", 1998), "1998-11-03"); // Election Day
        assert_eq!(day("easter", 2000), "2000-04-23");
        assert_eq!(day("easter", 2024), "2024-03-31");
        assert_eq!(day("easter", 2019), "2019-04-21");
        assert_eq!(day("easter-2", 2024), "2024-03-29"); // Good Friday
        assert_eq!(day("easter-46", 2024), "2024-02-14"); // Ash Wednesday
        assert_eq!(day("2/5/1", 2024), "none"); // no fifth Monday of Feb. 2024
        assert_eq!(day("2001-09-11", 2001), "2001-09-11");
        assert_eq!(day("2001-09-11", 2016), "none");
        let once = Holiday::parse("2001-09-11").and_then(Holiday::once);
        assert_eq!(once.map(|d| d.to_string()).as_deref(), Some("2001-09-11"));
        assert_eq!(Holiday::parse("12-25").and_then(Holiday::once), None);
    }

    #[test]
    fn only_holiday_values_are_read() {
        for bad in [
            "",
            "13-01",
            "02-29",
            "11/6/4",
            "11/4/8",
            "easter+x",
            "easter+400",
            "xmas",
            "2001-02-29",
        ] {
            assert_eq!(Holiday::parse(bad), None, "{bad}");
        }
    }
}
