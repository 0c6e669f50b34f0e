//! How the reports write figures, speakers, lists and dates for people, and
//! the order in time the reports put dates in.

use std::cmp::Ordering;

use chrono::{NaiveDate, Weekday};

use super::figure::Amount;
use crate::model::{Decimal, Season, Timex};

/// The most outlets or articles a report for people lists in a row.
pub const LISTED: usize = 10;

/// A list for people (the Markdown and HTML reports): the first `LISTED`
/// items, then how many more. A story run by thousands of sites would
/// otherwise fill a table cell with thousands of names; the CSV and XLSX
/// tables list them all.
pub fn listed(items: &[&str]) -> String {
    match items.len().checked_sub(LISTED) {
        Some(more) if more > 0 => format!("{} and {more} more", items[..LISTED].join(", ")),
        _ => items.join(", "),
    }
}

/// A speaker for people: `unattributed` when none.
pub fn display_speaker(speaker: &str) -> &str {
    match speaker.is_empty() {
        true => "unattributed",
        false => speaker,
    }
}

/// A figure for people: thousands separated, a range with an en dash.
pub fn display_amount(amount: Amount) -> String {
    match amount.max {
        Some(max) => format!("{}\u{2013}{}", thousands(amount.value), thousands(max)),
        None => thousands(amount.value),
    }
}

/// `10000` as `10,000`; decimals keep their fraction; negative figures are
/// written plain.
pub fn thousands(n: Decimal) -> String {
    group_digits(&n.to_string())
}

/// A number in plain digits (`1234567.5`) with its thousands separated; any
/// other text as it is.
pub fn group_digits(n: &str) -> String {
    let (int, frac) = match n.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (n, None),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return n.to_string();
    }
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A date for people: its TIMEX3 value (a decade as "1990s"), or nothing.
pub fn display_when(when: Option<&Timex>) -> String {
    match when {
        None => String::new(),
        // TIMEX3 writes a decade and a century by their leading digits
        // ("199", "19"); people read "1990s" and "1900s".
        Some(Timex::Decade(d)) => format!("{d}0s"),
        Some(Timex::Century(c)) => format!("{c}00s"),
        Some(t) => t.to_string(),
    }
}

/// A day for people: `YYYY-MM-DD`, or nothing.
pub fn display_day(day: Option<NaiveDate>) -> String {
    day.map_or_else(String::new, |d| Timex::Day(d).to_string())
}

/// The order of two dates in time, by the first day each names (a week
/// from its Monday, a year from its first day), the coarser first on the
/// same day; dates with no first day (durations, sets) by their text.
pub fn cmp_in_time(a: &Timex, b: &Timex) -> Ordering {
    let key = |t: &Timex| (first_day(t), precision(t));
    key(a)
        .cmp(&key(b))
        .then_with(|| a.to_string().cmp(&b.to_string()))
}

/// The last day a date names, if it names a stretch of the calendar: the
/// day before the first day of the next such stretch.
pub fn last_day(t: &Timex) -> Option<NaiveDate> {
    let first = first_day(t)?;
    let months = |n: u32| first.checked_add_months(chrono::Months::new(n));
    let next = match t {
        Timex::Day(d) => return Some(*d),
        Timex::Week { .. } => first.checked_add_days(chrono::Days::new(7)),
        Timex::Weekend { .. } => first.checked_add_days(chrono::Days::new(2)),
        Timex::Month { .. } => months(1),
        Timex::Quarter { .. } | Timex::Season { .. } => months(3),
        Timex::Half { .. } => months(6),
        Timex::Year(_) => months(12),
        Timex::Decade(_) => months(120),
        Timex::Century(_) => months(1200),
        Timex::Time { date, .. } => return last_day(date),
        _ => None,
    }?;
    next.pred_opt()
}

/// The first day a date names, if it names a stretch of the calendar.
fn first_day(t: &Timex) -> Option<NaiveDate> {
    let ymd = NaiveDate::from_ymd_opt;
    match t {
        Timex::Day(d) => Some(*d),
        Timex::Week { year, week } => NaiveDate::from_isoywd_opt(*year, *week, Weekday::Mon),
        Timex::Weekend { year, week } => NaiveDate::from_isoywd_opt(*year, *week, Weekday::Sat),
        Timex::Month { year, month } => ymd(*year, *month, 1),
        Timex::Quarter { year, quarter } => ymd(*year, (quarter - 1) * 3 + 1, 1),
        Timex::Half { year, half } => ymd(*year, (half - 1) * 6 + 1, 1),
        Timex::Season { year, season } => {
            let month = match season {
                Season::Spring => 3,
                Season::Summer => 6,
                Season::Fall => 9,
                Season::Winter => 12,
            };
            ymd(*year, month, 1)
        }
        Timex::Year(y) => ymd(*y, 1, 1),
        Timex::Decade(d) => ymd(d * 10, 1, 1),
        Timex::Century(c) => ymd(c * 100, 1, 1),
        Timex::Time { date, .. } => first_day(date),
        _ => None,
    }
}

/// How long a stretch a date names, as a rank: a century 0 ... a time of
/// day 9.
fn precision(t: &Timex) -> u8 {
    match t {
        Timex::Century(_) => 0,
        Timex::Decade(_) => 1,
        Timex::Year(_) => 2,
        Timex::Half { .. } => 3,
        Timex::Quarter { .. } | Timex::Season { .. } => 4,
        Timex::Month { .. } => 5,
        Timex::Week { .. } => 6,
        Timex::Weekend { .. } => 7,
        Timex::Day(_) => 8,
        _ => 9,
    }
}

/// The day a date names, if it names one.
pub fn day(t: &Timex) -> Option<NaiveDate> {
    match t {
        Timex::Day(d) => Some(*d),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_with_separators() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let range = Amount {
            value: d("10000"),
            max: Some(d("12000")),
        };
        assert_eq!(display_amount(range), "10,000\u{2013}12,000");
        assert_eq!(thousands(d("1234567.5")), "1,234,567.5");
        assert_eq!(thousands(d("32")), "32");
        assert_eq!(thousands(d("-5000")), "-5000");
    }

    #[test]
    fn dates_order_by_their_first_day() {
        let t = |s: &str| s.parse::<Timex>().unwrap();
        assert_eq!(
            cmp_in_time(&t("2024-W44"), &t("2024-11-04")),
            Ordering::Less
        );
        assert_eq!(cmp_in_time(&t("2024"), &t("2024-01-01")), Ordering::Less);
        assert_eq!(
            cmp_in_time(&t("2024-10-31"), &t("2024-11-04")),
            Ordering::Less
        );
    }

    #[test]
    fn long_lists_for_people_say_how_many_more() {
        let sites: Vec<String> = (1..=12).map(|k| format!("Site {k}")).collect();
        let sites: Vec<&str> = sites.iter().map(String::as_str).collect();
        assert_eq!(listed(&sites[..2]), "Site 1, Site 2");
        assert_eq!(listed(&sites[..LISTED]).matches(", ").count(), LISTED - 1);
        assert_eq!(
            listed(&sites),
            "Site 1, Site 2, Site 3, Site 4, Site 5, Site 6, Site 7, Site 8, Site 9, Site 10 and 2 more"
        );
    }
}
