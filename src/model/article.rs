//! One article as read from a source, before any text preparation.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::names::Origin;

/// An article: its text exactly as read, and what is known about where it came from.
///
/// Claim offsets point into `text`, so `text` is never rewritten after reading.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// `doc_id` of the article: the file stem, or the JSONL `id`.
    pub id: String,
    /// Outlet from the manifest or JSONL, if known.
    pub outlet: Option<String>,
    /// Where `outlet` came from (`Text` is decided later, from the credits).
    pub outlet_from: Origin,
    /// Reference date from the manifest or JSONL, if known.
    pub published: Option<NaiveDate>,
    /// Where `published` came from.
    pub published_from: Origin,
    /// The time of day given with `published`, as written (`18:30`,
    /// `18:30:00+07:00`); empty if none.
    pub published_time: String,
    /// Where the article was read from (a path, `path:line` for JSONL, or `<stdin>`).
    pub source: String,
    /// The article text as read: the file contents or the JSONL `text` field.
    pub text: String,
}

impl Article {
    /// An article with only an id and text; outlet, date and source left empty.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Article {
            id: id.into(),
            outlet: None,
            outlet_from: Origin::None,
            published: None,
            published_from: Origin::None,
            published_time: String::new(),
            source: String::new(),
            text: text.into(),
        }
    }

    /// The same article with an outlet given by the caller.
    pub fn with_outlet(mut self, outlet: Option<String>) -> Self {
        self.outlet_from = match outlet {
            Some(_) => Origin::Caller,
            None => Origin::None,
        };
        self.outlet = outlet;
        self
    }

    /// The same article with a reference date given by the caller.
    pub fn with_published(mut self, published: Option<NaiveDate>) -> Self {
        self.published_from = match published {
            Some(_) => Origin::Caller,
            None => Origin::None,
        };
        self.published = published;
        self
    }
}

/// Parses a publication date: `YYYY-MM-DD`, optionally followed by a time
/// (`2024-11-04T10:00:00Z`, `2024-11-04 10:00 EST`), whose date part is
/// taken. Anything else after the date is an error, not ignored: `24-11-04`
/// is not the year 24, and `2024-11-04 junk` may be a column gone wrong.
pub fn parse_published(raw: &str) -> Result<NaiveDate, String> {
    parse_published_at(raw).map(|(date, _)| date)
}

/// `parse_published`, with the time of day as written after the date
/// (`10:00:00Z`; empty if none): its zone is kept, not converted.
pub fn parse_published_at(raw: &str) -> Result<(NaiveDate, String), String> {
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^[T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-6][0-9](\.[0-9]+)?)? ?(Z|[+-][0-9]{2}(:?[0-9]{2})?|[A-Z]{2,5})?$",
        )
        .expect("the time pattern compiles")
    });
    let raw = raw.trim();
    let not_a_date = || format!("`{raw}` is not a date (expected YYYY-MM-DD)");
    let (date_part, rest) = match raw.get(..10) {
        Some(date) => (date, &raw[10..]),
        None => return Err(not_a_date()),
    };
    let shape = date_part.bytes().enumerate().all(|(k, b)| {
        if k == 4 || k == 7 {
            b == b'-'
        } else {
            b.is_ascii_digit()
        }
    });
    if !shape || !(rest.is_empty() || TIME.is_match(rest)) {
        return Err(not_a_date());
    }
    let date = NaiveDate::parse_from_str(date_part, "%Y-%m-%d").map_err(|_| not_a_date())?;
    Ok((date, rest.trim_start_matches(['T', ' ']).to_string()))
}

/// The hour and minute of a time of day as `parse_published_at` gives it
/// (`18:30Z` is 18, 30).
pub fn clock_of(time: &str) -> Option<(u32, u32)> {
    let hour: u32 = time.get(..2)?.parse().ok().filter(|h| *h < 24)?;
    let minute: u32 = time.get(3..5)?.parse().ok().filter(|m| *m < 60)?;
    Some((hour, minute))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_dates() {
        let d = NaiveDate::from_ymd_opt(2024, 11, 4).unwrap();
        assert_eq!(parse_published("2024-11-04"), Ok(d));
        assert_eq!(parse_published(" 2024-11-04T10:00:00Z"), Ok(d));
        assert_eq!(parse_published("2024-11-04 10:00"), Ok(d));
        assert!(parse_published("2024-13-04").is_err());
        assert!(parse_published("Nov 4, 2024").is_err());
        assert!(parse_published("2024-11-044").is_err());
        assert!(parse_published("").is_err());
        assert_eq!(parse_published("2024-11-04 10:00 EST"), Ok(d));
        let at = |raw| parse_published_at(raw).map(|(_, t)| t);
        assert_eq!(
            at("2024-11-04T18:30:00+07:00").as_deref(),
            Ok("18:30:00+07:00")
        );
        assert_eq!(at("2024-11-04 10:00 EST").as_deref(), Ok("10:00 EST"));
        assert_eq!(at("2024-11-04").as_deref(), Ok(""));
        assert_eq!(clock_of("18:30:00+07:00"), Some((18, 30)));
        assert_eq!(clock_of(""), None);
        assert_eq!(parse_published("2024-11-04T10:00:00.123+01:00"), Ok(d));
        assert!(parse_published("24-11-04").is_err(), "not the year 24");
        assert!(parse_published("2024-11-04 junk").is_err());
        assert!(parse_published("2024-11-04T").is_err());
        assert!(parse_published("2024-1-04").is_err());
        assert!(parse_published("+2024-11-04").is_err());
    }
}
