//! Whether a date rule's match is a date at all.

use std::ops::Range;

use super::parts::{amount_of, year_may_be_count, year_of, year_range_end};
use crate::claims::number::NumberWords;
use crate::engine::RuleMatch;
use crate::rules::Rules;
use crate::rules::vocabulary::{Cap, Lex};

/// Whether the word right after a figure names a unit it measures in: a
/// `measure_unit` written in lowercase ("2000 pound bags"), alone or as the
/// last part of a compound ("2000 quarter-pound burgers", "1500 12-ounce
/// cans"). A unit of time or a currency is left out: "the 1990 second
/// quarter", "the 1994 peso crisis" name years.
fn measures_after(rules: &Rules, after: &str) -> bool {
    let Some(word) = after
        .strip_prefix(' ')
        .and_then(|rest| rest.split(|c: char| c.is_whitespace()).next())
    else {
        return false;
    };
    let word = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    let unit = word.rsplit('-').next().unwrap_or(word);
    unit.starts_with(|c: char| c.is_lowercase())
        && rules
            .lexicon(Lex::MeasureUnit)
            .value_of(unit)
            .is_some_and(|dimension| !matches!(dimension, "time" | "currency"))
}

/// Whether a match is a date at all: a range of years must end after it
/// starts ("2016-11" is a month, not the years 2016 to 2111), and so must a
/// range of days ("3-1 May" is a score) or of lengths, in digits or in words
/// ("24-7 hours", "three to two weeks"). A year in words that
/// may be a count is a year only where it ends the clause or follows the noun
/// "year" ("the year two thousand has ..."): in "On Sept. 10, two thousand
/// people marched" the match is cut back to "Sept. 10". A year in digits
/// that is the whole match is none before a unit of measure (`measures_after`).
pub(crate) fn accepts(m: &mut RuleMatch, text: &str, rules: &Rules, numbers: &NumberWords) -> bool {
    // A month captured as written must be a number or a month the rules know.
    if let Some(month) = m.group(Cap::Month.name()) {
        let month = text[month].trim();
        let known =
            month.bytes().all(|b| b.is_ascii_digit()) || rules.lexicon(Lex::Month).contains(month);
        if !known {
            return false;
        }
    }
    if let Some(year) = m.group(Cap::Year.name()) {
        if year == m.span && measures_after(rules, &text[year.end..]) {
            return false;
        }
    }
    if let Some((name, year)) = m.group_named(Cap::Year.name()) {
        let ends_clause = text[year.end..]
            .trim_start()
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        // After the noun "year" (a `grain_unit` of a year) it is a year:
        // "the year two thousand has ...".
        let after_year_noun = text[m.span.start..year.start]
            .trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .is_some_and(|w| rules.lexicon(Lex::GrainUnit).value_of(w) == Some("year"));
        if !ends_clause && !after_year_noun && year_may_be_count(rules, &text[year.clone()]) {
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
    if let (Some(start), Some(end)) = (m.group(Cap::Day.name()), m.group(Cap::DayEnd.name())) {
        let number = |r: Range<usize>| text[r].parse::<u32>().ok();
        if let (Some(start), Some(end)) = (number(start), number(end)) {
            if end <= start {
                return false;
            }
        }
    }
    if let Some(end) = m.group(Cap::AmountEnd.name()) {
        let number = |r: Range<usize>| amount_of(rules, numbers, &text[r]);
        let start = m.group(Cap::Amount.name()).and_then(number);
        if let (Some(start), Some(end)) = (start, number(end)) {
            if end <= start {
                return false;
            }
        }
    }
    let (Some(start), Some(end)) = (m.group(Cap::Year.name()), m.group(Cap::YearEnd.name())) else {
        return true;
    };
    year_of(rules, &text[start]).is_some_and(|start| year_range_end(start, &text[end]).is_some())
}
