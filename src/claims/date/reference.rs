//! The reference date an article's own text gives, for an article with no
//! other.

use chrono::NaiveDate;

use super::parts::{DateParts, parts};
use crate::claims::fields::Fields;

/// The reference date written in an article with no other: among its full,
/// explicit dates (day, month and year), the first written with a weekday (the
/// caption and dateline style: "Tuesday, Dec. 3, 2024"), else the latest, since
/// a report is dated on or after what it reports; dates in a clause about the
/// future ("the election will be held on Nov. 5, 2028") are left out.
pub(crate) fn infer_reference(fields: impl Iterator<Item = DateParts>) -> Option<NaiveDate> {
    let mut latest: Option<NaiveDate> = None;
    for p in fields {
        let (Some(y), Some(m), Some(d)) = (p.year, p.month, p.day) else {
            continue;
        };
        let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else {
            continue;
        };
        if p.future {
            continue;
        }
        if p.weekday.is_some() {
            return Some(date);
        }
        latest = latest.max(Some(date));
    }
    latest
}

/// The parts of every date match, for `infer_reference`.
pub(crate) fn all_parts<'a>(
    fields: impl Iterator<Item = Fields<'a>> + 'a,
) -> impl Iterator<Item = DateParts> + 'a {
    fields.map(|f| parts(&f))
}
