//! Counts: the figure, its range, its qualifier class, the counted thing.

use super::Fields;
use crate::claim::Claim;

pub(crate) fn fill(f: &Fields, c: &mut Claim) {
    // A `figure` capture holds the figure with its qualifier and range
    // ("about 10,000 to 12,000"); `value`, `value_max` and `approx` captures (or
    // `set` constants) say the same part by part and take precedence.
    let figure = f.normalized("figure").and_then(|t| f.figures.parse(t));
    let number = |name: &str| f.value(name).and_then(|t| f.figures.numbers.parse(&t));
    // A figure that cannot be read leaves `value` empty rather than dropping
    // the claim; `rules test` shows such a rule as failing.
    c.value = number("value")
        .or(figure.as_ref().map(|fig| fig.value))
        .map(|d| d.to_string())
        .unwrap_or_default();
    c.value_max = number("value_max")
        .or(figure.as_ref().and_then(|fig| fig.value_max))
        .map(|d| d.to_string())
        .unwrap_or_default();
    c.approx = f
        .value("approx")
        .or(figure.map(|fig| fig.approx))
        .unwrap_or_else(|| "exact".into());
    if let Some(unit) = f.source("unit") {
        c.unit = unit.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    if let Some(concept) = f.value("concept") {
        c.concept = concept.to_lowercase();
    }
}
