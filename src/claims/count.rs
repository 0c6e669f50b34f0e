//! Counts: the figure, its range, its qualifier class, the counted thing.

use super::{Fields, number::parse_number};
use crate::claim::Claim;

pub(crate) fn fill(f: &Fields, c: &mut Claim) {
    // A figure the number parser cannot read leaves `value` empty rather than
    // dropping the claim; `rules test` shows such a rule as failing.
    c.value = f
        .normalized("value")
        .and_then(parse_number)
        .unwrap_or_default();
    c.value_max = f
        .normalized("value_max")
        .and_then(parse_number)
        .unwrap_or_default();
    c.approx = f.value("approx").unwrap_or_else(|| "exact".into());
    if let Some(unit) = f.source("unit") {
        c.unit = unit.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    if let Some(concept) = f.value("concept") {
        c.concept = concept.to_lowercase();
    }
}
