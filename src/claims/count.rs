//! Counts: the figure, its range, its qualifier class, the counted thing.

use super::Fields;
use crate::claim::Claim;

pub(crate) fn fill(f: &Fields, c: &mut Claim) {
    // A figure the number parser cannot read leaves `value` empty rather than
    // dropping the claim; `rules test` shows such a rule as failing.
    let figure = |name: &str| {
        f.value(name)
            .and_then(|text| f.numbers.parse(&text))
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    c.value = figure("value");
    c.value_max = figure("value_max");
    c.approx = f.value("approx").unwrap_or_else(|| "exact".into());
    if let Some(unit) = f.source("unit") {
        c.unit = unit.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    if let Some(concept) = f.value("concept") {
        c.concept = concept.to_lowercase();
    }
}
