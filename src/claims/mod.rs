//! Typed claims from rule matches: each kind's builder reads the captures it
//! knows, then linking ties figures to their speakers and dates.

mod actor;
mod continuation;
mod count;
mod date;
mod figure;
mod link;
mod mention;
mod number;
mod quote;

use std::ops::Range;

use chrono::NaiveDate;

use crate::claim::{Claim, Kind};
use crate::engine::RuleMatch;
use crate::rules::{CompiledRule, Rules};
use crate::text::Document;

pub use actor::Actors;
pub use date::{DateParts, Grain, clause_is_future, resolve as resolve_date};
pub use figure::{Figure, FigureWords};
pub use number::{Decimal, NumberWords};

/// What claims are built with besides the rules' matches: the rule set's
/// word lists in the forms the builders read them, made once per rule set.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    pub figures: FigureWords,
    pub actors: Actors,
    mentions: mention::Words,
}

impl Vocabulary {
    pub fn from_rules(rules: &Rules) -> Vocabulary {
        Vocabulary {
            figures: FigureWords::from_rules(rules),
            actors: Actors::from_rules(rules),
            mentions: mention::Words::from_rules(rules),
        }
    }
}

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
    pub anaphor: Option<Box<DateParts>>,
}

/// Reads a match's fields: capture text, lexicon values and the rule's constants.
pub(crate) struct Fields<'a> {
    pub m: &'a RuleMatch<'a>,
    pub doc: &'a Document<'a>,
    pub rules: &'a Rules,
    pub figures: &'a FigureWords,
}

impl<'a> Fields<'a> {
    pub fn new(
        m: &'a RuleMatch<'a>,
        doc: &'a Document<'a>,
        rules: &'a Rules,
        figures: &'a FigureWords,
    ) -> Fields<'a> {
        Fields {
            m,
            doc,
            rules,
            figures,
        }
    }

    pub fn range(&self, name: &str) -> Option<Range<usize>> {
        self.m.group(name)
    }

    /// The capture as written in the source.
    pub fn source(&self, name: &str) -> Option<&'a str> {
        self.range(name).map(|r| self.doc.source_text(r))
    }

    /// The capture in normalized text (plain quotes, dashes and spaces).
    pub fn normalized(&self, name: &str) -> Option<&'a str> {
        self.range(name).map(|r| &self.doc.text()[r])
    }

    /// The field's value: the lexicon's value for a lexicon capture, else the
    /// capture's normalized text; the rule's `set` constant when not captured.
    pub fn value(&self, name: &str) -> Option<String> {
        if let Some((capture_name, range)) = self.m.group_named(name) {
            let text = &self.doc.text()[range];
            let mapped = self
                .m
                .rule
                .lexicon_fields
                .iter()
                .find(|(capture, _)| capture == capture_name)
                .and_then(|(_, lex)| self.rules.lexicon(lex))
                .and_then(|lex| lex.value_of(text));
            return Some(mapped.map_or_else(|| text.to_string(), str::to_string));
        }
        self.m.rule.set.get(name).cloned()
    }

    /// A claim of the rule's kind with the rule's id, span and constants.
    pub fn claim(&self) -> Claim {
        let mut c = Claim::empty(self.m.rule.kind);
        c.rule.clone_from(&self.m.rule.id);
        if let Some(subtype) = &self.m.rule.subtype {
            c.subtype.clone_from(subtype);
        }
        for (key, value) in &self.m.rule.set {
            if let Some(slot) = text_field_mut(&mut c, key) {
                slot.clone_from(value);
            }
        }
        c
    }
}

/// A mutable handle on one of a claim's text columns.
fn text_field_mut<'c>(c: &'c mut Claim, column: &str) -> Option<&'c mut String> {
    match column {
        "subtype" | "value" | "value_max" | "approx" | "unit" | "concept" | "speaker"
        | "speaker_role" | "cue" | "when" | "when_text" | "speaker_mention" | "cue_class"
        | "actor" => c.field_mut(column),
        _ => None,
    }
}

/// Whether a raw match is a claim of its kind at all. Checks that a regex cannot
/// express (the crate has no lookaround) run here, before overlaps are resolved,
/// so that a rejected match does not hide a good one.
pub(crate) fn accepts(m: &mut RuleMatch, text: &str, rules: &Rules) -> bool {
    match m.rule.kind {
        Kind::Quote => quote::accepts(m, text, rules),
        Kind::Count => count::accepts(m, text, rules),
        Kind::Date => date::accepts(m, text, rules),
    }
}

/// Whether some match of `rule` in `hay` (the text it is searched in) could
/// pass `accepts`: false where a check fails for every match there, so that
/// the search need not find each one (a rejected match resumes the search a
/// character later).
pub(crate) fn may_accept(rule: &CompiledRule, hay: &str) -> bool {
    match rule.kind {
        Kind::Quote => quote::may_accept(rule, hay),
        Kind::Count | Kind::Date => true,
    }
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

/// Builds the claims of one article (the paragraphs `paragraphs` of the
/// document) from its resolved matches.
pub(crate) fn build(
    doc: &Document,
    paragraphs: Range<usize>,
    matches: Vec<RuleMatch>,
    reference: Option<NaiveDate>,
    rules: &Rules,
    vocabulary: &Vocabulary,
) -> Vec<Claim> {
    let figures = &vocabulary.figures;
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
    link::link(doc, paragraphs, rules, &vocabulary.mentions, &mut drafts);
    actor::assign(doc, &vocabulary.actors, &mut drafts);
    drafts.into_iter().map(|d| finish(doc, d)).collect()
}

/// Source offsets, the claim's exact text and its sentence.
fn finish(doc: &Document, d: Draft) -> Claim {
    let mut c = d.claim;
    let source = doc.to_source(d.span.clone());
    c.text = doc.source[source.clone()].to_string();
    c.start = source.start;
    c.end = source.end;
    let para = &doc.paragraphs[d.paragraph];
    // Sentences are in order: the first that ends after the claim starts, the
    // last that starts before it ends.
    let first = para
        .sentences
        .get(para.sentences.partition_point(|s| s.end <= d.span.start));
    let last = para
        .sentences
        .partition_point(|s| s.start < d.span.end)
        .checked_sub(1)
        .map(|k| &para.sentences[k]);
    let sentence = match (first, last) {
        (Some(a), Some(b)) if a.start <= b.end => a.start.min(d.span.start)..b.end.max(d.span.end),
        _ => para.range.clone(),
    };
    c.sentence = doc.source_text(sentence).to_string();
    c
}
