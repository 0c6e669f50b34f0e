//! Counts: the figure, its range, its qualifier class, the counted thing.

use super::fields::Fields;
use crate::engine::RuleMatch;
use crate::model::{Approx, Count};
use crate::rules::Rules;
use crate::rules::vocabulary::{Cap, Lex};

/// Whether a count rule's match counts something: its counted noun phrase
/// (`unit`) holds no word from the `not_in_unit` lexicon (function words: "5 of
/// them were"), and its last word is not in `not_counted` (units of time and
/// measure: "30 years", "500 miles").
pub(crate) fn accepts(m: &RuleMatch, text: &str, rules: &Rules) -> bool {
    let Some(unit) = m.group(Cap::Unit.name()) else {
        return true;
    };
    let words: Vec<&str> = text[unit].split_whitespace().collect();
    let head = words.last().copied().unwrap_or("");
    !words
        .iter()
        .any(|w| rules.lexicon(Lex::NotInUnit).contains(w))
        && !rules.lexicon(Lex::NotCounted).contains(head)
}

/// A count from its match.
pub(crate) fn read(f: &Fields) -> Count {
    // A `figure` capture holds the figure with its qualifier and range
    // ("about 10,000 to 12,000"); `value`, `value_max` and `approx` captures (or
    // `set` constants) say the same part by part and take precedence.
    let figure = f.normalized(Cap::Figure).and_then(|t| f.figures.parse(t));
    let number = |cap: Cap| f.value(cap).and_then(|t| f.figures.numbers.parse(&t));
    let mut c = Count::new();
    // A figure that cannot be read leaves `value` empty rather than dropping
    // the claim; `rules test` shows such a rule as failing.
    c.value = number(Cap::Value).or(figure.as_ref().map(|fig| fig.value));
    c.value_max = number(Cap::ValueMax).or(figure.as_ref().and_then(|fig| fig.value_max));
    c.approx = f
        .value(Cap::Approx)
        .and_then(|a| a.parse().ok())
        .or(figure.map(|fig| fig.approx))
        .unwrap_or(Approx::Exact);
    if let Some(unit) = f.source(Cap::Unit) {
        c.unit = crate::text::collapse_whitespace(unit);
    }
    if let Some(concept) = f.value(Cap::Concept) {
        c.concept = concept.to_lowercase();
    }
    // A rule may name the subtype; else the concept says whether people or
    // things are counted (the `people_concept` lexicon), and a count of a
    // thing with no concept leaves it empty.
    if let Some(subtype) = f.m.rule.subtype.as_deref().filter(|s| !s.is_empty()) {
        c.subtype = subtype.to_string();
    } else if !c.concept.is_empty() {
        let people = f.rules.lexicon(Lex::PeopleConcept).contains(&c.concept);
        c.subtype = if people { "people" } else { "things" }.into();
    }
    c
}
