//! A compiled rule set: its rules, outlet rules, lexicons and text settings.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::NaiveDate;
use regex::Regex;

use super::captures::CaptureFields;
use super::error::RuleError;
use super::lexicon::Lexicon;
use super::vocabulary::{Lex, Settings};
use crate::model::{DateKind, Kind};
use crate::pattern::Pattern;
use crate::text::TextRules;

/// Where a reported-speech rule finds what was said (see `schema::RuleDef::says`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Says {
    /// From the end of the match to the end of the sentence.
    After,
    /// From the start of the sentence to the start of the match.
    Before,
}

/// The stretch of text a rule's pattern runs over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Sentence,
    Paragraph,
}

/// A rule, compiled.
#[derive(Debug, Clone)]
pub struct CompiledRule {
    pub id: Arc<str>,
    pub kind: Kind,
    pub subtype: Option<String>,
    pub priority: i32,
    /// Marks text that is not a claim of this kind (see `schema::RuleDef::veto`).
    pub veto: bool,
    /// Yields to every other rule of its kind (see `schema::RuleDef::fallback`).
    pub fallback: bool,
    pub says: Option<Says>,
    pub scope: Scope,
    pub(crate) regex: Pattern,
    /// The pattern's captures by the field they fill.
    pub(crate) captures: CaptureFields,
    /// Position in the rule set: the last tie-breaker between overlapping matches.
    pub(crate) order: usize,
    /// Captures whose field value is a lexicon's value: (capture, lexicon).
    pub(crate) lexicon_fields: Vec<(String, String)>,
    /// Constant fields.
    pub(crate) set: BTreeMap<String, String>,
    pub examples: Vec<Example>,
    pub file: String,
    pub line: usize,
}

/// A rule's inline example.
#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    pub published: Option<NaiveDate>,
    pub expect: BTreeMap<String, String>,
    pub expect_none: bool,
    pub line: usize,
}

/// What an outlet rule names: a wire service the article credits for a
/// contribution ("includes reporting from"), an agency whose own copy the
/// text is (its dateline credit, its byline), or the site that published it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutletRole {
    Wire,
    Own,
    Site,
}

/// An `[[outlet]]` rule, compiled.
#[derive(Debug, Clone)]
pub struct OutletRule {
    pub id: String,
    pub role: OutletRole,
    pub regex: Regex,
    /// (text, expected outlet or none, line) for `rules test`.
    pub examples: Vec<(String, Option<String>, usize)>,
    pub file: String,
    pub line: usize,
}

/// What a `[[join]]` makes of the two claims it joins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinOp {
    /// From the first to the second: `value` and `value_max`.
    Range,
    /// A part of a year written without one, in the relative year after it
    /// ("the third quarter last year").
    PartOf,
    /// A duration from the day after it ("a week starting tomorrow"): from that
    /// day to the duration's last day.
    Anchor,
    /// A time of day on the day beside it ("10 p.m. Wednesday").
    OnDay,
}

impl JoinOp {
    pub const NAMES: [&str; 4] = ["range", "part_of", "anchor", "on_day"];

    pub fn parse(name: &str) -> Option<JoinOp> {
        Some(match name {
            "range" => JoinOp::Range,
            "part_of" => JoinOp::PartOf,
            "anchor" => JoinOp::Anchor,
            "on_day" => JoinOp::OnDay,
            _ => return None,
        })
    }
}

/// A `[[join]]`, compiled.
#[derive(Debug, Clone)]
pub struct JoinRule {
    pub id: Arc<str>,
    pub operation: JoinOp,
    pub first: Vec<DateKind>,
    pub second: Vec<DateKind>,
    /// The words between the two claims.
    pub between: Lexicon,
    /// Whether nothing at all may stand between them.
    pub adjacent: bool,
    pub opener: Lexicon,
    pub needs_opener: bool,
    pub examples: Vec<Example>,
    pub file: String,
    pub line: usize,
}

/// A compiled, validated rule set.
#[derive(Debug, Clone)]
pub struct Rules {
    pub rules: Vec<CompiledRule>,
    /// Credits and boilerplate that name an article's outlet, in file order.
    pub outlets: Vec<OutletRule>,
    /// The second stage of the date rules, run in file order.
    pub joins: Vec<JoinRule>,
    /// Every lexicon by its name.
    pub(crate) lexicons: HashMap<String, Arc<Lexicon>>,
    /// The lexicons the code reads, by `Lex`.
    pub(crate) read: Vec<Arc<Lexicon>>,
    pub text: TextRules,
    pub(crate) settings: Settings,
    /// Problems that do not stop the rule set from working (a rule with no examples).
    pub warnings: Vec<RuleError>,
}

impl Rules {
    /// A lexicon the code reads; empty where the rule set has no rule that
    /// needs it (a set that needs it and lacks it does not compile).
    pub(crate) fn lexicon(&self, lex: Lex) -> &Lexicon {
        &self.read[lex as usize]
    }

    /// A lexicon by its name in the rules files.
    pub(crate) fn lexicon_named(&self, name: &str) -> Option<&Lexicon> {
        self.lexicons.get(name).map(|l| &**l)
    }

    /// How many lexicons the rules files define.
    pub fn lexicon_count(&self) -> usize {
        self.lexicons.len()
    }
}
