//! Typed claims from rule matches: each kind's builder reads the captures it
//! knows; elided counts take their noun, dates are then joined into ranges
//! and anaphora resolved.

mod accept;
mod count;
mod date;
mod draft;
mod fields;
mod figure;
mod number;
mod quote;

use chrono::NaiveDate;

use crate::engine::RuleMatch;
use crate::model::{Body, Kind};
use crate::rules::Rules;
use crate::rules::vocabulary::Cap;
use crate::text::Document;

pub(crate) use accept::Acceptance;
pub use date::clause_is_future;
pub(crate) use draft::{Draft, Elided};
pub(crate) use fields::Fields;
pub use figure::{Figure, FigureWords};
pub use number::NumberWords;

/// The reference date an article's own text gives (see `date::infer_reference`).
pub(crate) fn infer_reference(
    doc: &Document,
    matches: &[RuleMatch],
    rules: &Rules,
    figures: &FigureWords,
) -> Option<(NaiveDate, String)> {
    let fields = matches
        .iter()
        .filter(|m| m.rule.kind == Kind::Date)
        .map(|m| Fields::new(m, doc, rules, figures));
    date::infer_reference(date::all_parts(fields))
}

/// The drafts of one article part from its resolved matches, in text order:
/// each kind's fields read, dates resolved against `reference`, joined into
/// ranges, and anaphora resolved.
pub(crate) fn build(
    doc: &Document,
    matches: Vec<RuleMatch>,
    reference: Option<NaiveDate>,
    rules: &Rules,
    figures: &FigureWords,
) -> Vec<Draft> {
    // Each match is let go once read, its captures with it: a long article
    // holds its matches or its drafts, not both.
    let mut drafts: Vec<Draft> = matches
        .into_iter()
        .map(|m| {
            let fields = Fields::new(&m, doc, rules, figures);
            let (rule, span) = (m.rule.id.clone(), m.span.clone());
            match m.rule.kind {
                Kind::Count => {
                    let count = count::read(&fields);
                    let mut draft = Draft::new(rule, Body::Count(count), span, m.paragraph);
                    draft.elided =
                        match (fields.range(Cap::Elided), fields.range(Cap::ElidedBefore)) {
                            (_, Some(_)) => Some(Elided::InParagraph),
                            (Some(_), None) => Some(Elided::InSentence),
                            (None, None) => None,
                        };
                    draft
                }
                Kind::Date => {
                    let (date, anaphor) = date::read(&fields, reference);
                    let mut draft = Draft::new(rule, Body::Date(date), span, m.paragraph);
                    draft.anaphor = anaphor.map(Box::new);
                    draft
                }
                Kind::Quote => quote::read(&fields),
            }
        })
        .collect();
    count::fill_elided(doc, &mut drafts);
    date::resolve_anaphora(doc, rules, &mut drafts, reference);
    date::apply_joins(doc, rules, reference, &mut drafts);
    drafts
}
