//! Whether a date rule's match is a date at all.

use std::ops::Range;

use super::parts::{year_may_be_count, year_of, year_range_end};
use crate::engine::RuleMatch;
use crate::rules::Rules;

/// Whether a match is a date at all: a range of years must end after it
/// starts ("2016-11" is a month, not the years 2016 to 2111), and so must a
/// range of days ("3-1 May" is a score). A year in words that may be a count
/// is a year only where it ends the clause: in "On Sept. 10, two thousand
/// people marched" the match is cut back to "Sept. 10".
pub(crate) fn accepts(m: &mut RuleMatch, text: &str, rules: &Rules) -> bool {
    // A month captured as written must be a number or a month the rules know.
    if let Some(month) = m.group("month") {
        let month = text[month].trim();
        let known = month.bytes().all(|b| b.is_ascii_digit())
            || rules.lexicon("month").is_some_and(|l| l.contains(month));
        if !known {
            return false;
        }
    }
    if let Some((name, year)) = m.group_named("year") {
        let ends_clause = text[year.end..]
            .trim_start()
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if !ends_clause && year_may_be_count(rules, &text[year.clone()]) {
            let Some(index) = m.rule.regex.capture_names().position(|n| n == Some(name)) else {
                return false;
            };
            m.groups[index] = None;
            let before = text[m.span.start..year.start].trim_end_matches([' ', ',']);
            m.span.end = m.span.start + before.len();
            if m.span.is_empty() {
                return false;
            }
        }
    }
    if let (Some(start), Some(end)) = (m.group("day"), m.group("day_end")) {
        let number = |r: Range<usize>| text[r].parse::<u32>().ok();
        if let (Some(start), Some(end)) = (number(start), number(end)) {
            if end <= start {
                return false;
            }
        }
    }
    let (Some(start), Some(end)) = (m.group("year"), m.group("year_end")) else {
        return true;
    };
    year_of(&text[start]).is_some_and(|start| year_range_end(start, &text[end]).is_some())
}
