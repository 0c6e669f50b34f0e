//! Typed claims from rule matches: each kind's builder reads the captures it
//! knows; dates are then joined into ranges and anaphora resolved.

mod accept;
mod count;
mod date;
mod fields;
mod figure;
mod number;
mod quote;

use std::ops::Range;

use chrono::NaiveDate;

use crate::engine::RuleMatch;
use crate::model::{Claim, Kind};
use crate::rules::Rules;
use crate::text::Document;

pub(crate) use accept::Acceptance;
pub use date::clause_is_future;
pub(crate) use fields::Fields;
pub use figure::{Figure, FigureWords};
pub use number::{Decimal, NumberWords};

/// A claim under construction, with the normalized ranges linking needs.
#[derive(Debug)]
pub(crate) struct Draft {
    pub claim: Claim,
    pub span: Range<usize>,
    pub paragraph: usize,
    /// Quotes: the range of what was said.
    pub content: Option<Range<usize>>,
    /// Quotes: the range of the date expression tied to the cue.
    pub when_span: Option<Range<usize>>,
    /// Quotes: the range of the speaker mention.
    pub speaker_span: Option<Range<usize>>,
    /// Dates that count from the story's own time: their parts, resolved
    /// again by `date::resolve_anaphora`.
    pub anaphor: Option<Box<date::DateParts>>,
}

/// The reference date an article's own text gives (see `date::infer_reference`).
pub(crate) fn infer_reference(
    doc: &Document,
    matches: &[RuleMatch],
    rules: &Rules,
    figures: &FigureWords,
) -> Option<NaiveDate> {
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
    let mut drafts: Vec<Draft> = matches
        .iter()
        .map(|m| {
            let fields = Fields::new(m, doc, rules, figures);
            let mut draft = Draft {
                claim: fields.claim(),
                span: m.span.clone(),
                paragraph: m.paragraph,
                content: None,
                when_span: None,
                speaker_span: None,
                anaphor: None,
            };
            match m.rule.kind {
                Kind::Count => count::fill(&fields, &mut draft.claim),
                Kind::Date => {
                    draft.anaphor = date::fill(&fields, reference, &mut draft.claim).map(Box::new)
                }
                Kind::Quote => quote::fill(&fields, &mut draft),
            }
            draft
        })
        .collect();
    date::resolve_anaphora(&mut drafts, reference);
    date::join_ranges(doc, rules, reference, &mut drafts);
    date::join_part_with_year(doc, rules, &mut drafts);
    date::join_duration_starts(doc, rules, &mut drafts);
    drafts
}
