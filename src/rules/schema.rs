//! The TOML schema of a rules file, as serde reads it.
//!
//! Unknown keys are not rejected here: the loader collects them with
//! `serde_ignored` so that `rules check` can report all of them at once.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// One rules file.
#[derive(Debug, Default, Deserialize)]
pub struct RuleFile {
    #[serde(default)]
    pub text: TextDef,
    #[serde(default)]
    pub lexicons: BTreeMap<String, Spanned<LexiconDef>>,
    #[serde(default)]
    pub macros: BTreeMap<String, Spanned<String>>,
    #[serde(default, rename = "rule")]
    pub rules: Vec<Spanned<RuleDef>>,
    #[serde(default, rename = "outlet")]
    pub outlets: Vec<Spanned<OutletDef>>,
    #[serde(default, rename = "join")]
    pub joins: Vec<Spanned<JoinDef>>,
    /// Numbers the code reads (see `vocabulary::SETTINGS`).
    #[serde(default)]
    pub settings: BTreeMap<String, Spanned<i64>>,
}

/// One `[[outlet]]`: a credit or a site's boilerplate that names the outlet an
/// article comes from.
#[derive(Debug, Deserialize)]
pub struct OutletDef {
    pub id: Spanned<String>,
    /// `wire`: a news agency the article credits ("SEOUL (AP) —"); `site`: the
    /// publisher whose pages the text was taken from ("your Sun Journal account").
    pub role: Spanned<String>,
    /// Runs on every paragraph; the `outlet` capture (else the whole match) is
    /// the outlet, through the `outlet_name` lexicon if it has the phrase.
    pub pattern: Spanned<String>,
    #[serde(default, rename = "example")]
    pub examples: Vec<Spanned<OutletExampleDef>>,
}

/// One `[[outlet.example]]`: a text and the outlet found in it, or none.
#[derive(Debug, Deserialize)]
pub struct OutletExampleDef {
    pub text: String,
    #[serde(default)]
    pub expect: Option<String>,
    #[serde(default)]
    pub expect_none: bool,
}

/// One `[[join]]`: a date rule of the second stage, which joins two date
/// claims written next to each other into one (a range, a part of a year with
/// its year, a duration with the day it starts, a time with its day).
#[derive(Debug, Deserialize)]
pub struct JoinDef {
    pub id: Spanned<String>,
    /// `range`, `part_of`, `anchor` or `on_day` (see `docs/rules.md`).
    pub operation: Spanned<String>,
    /// The subtypes the first and the second claim may have (`date`, `time`,
    /// `duration`, `set`).
    pub first: Vec<String>,
    pub second: Vec<String>,
    /// The words that may stand between them; `""` for none.
    pub between: Vec<String>,
    /// Words before the first claim that join the span ("from", "between").
    #[serde(default)]
    pub opener: Vec<String>,
    /// The join needs an opener: "between X and Y", not "X and Y".
    #[serde(default)]
    pub needs_opener: bool,
    #[serde(default, rename = "example")]
    pub examples: Vec<Spanned<ExampleDef>>,
}

/// Settings for text preparation.
#[derive(Debug, Default, Deserialize)]
pub struct TextDef {
    /// Tokens ending in a period that do not end a sentence (`U.S.`, `Nov.`, `Gen.`).
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// Abbreviations that end a sentence before a capitalized word (`a.m.`).
    #[serde(default)]
    pub sentence_ending_abbreviations: Vec<String>,
    /// Capitalized words that go on after those ("10 a.m. Monday", "9 p.m. ET").
    #[serde(default)]
    pub time_words: Vec<String>,
    /// Regexes; a paragraph matching any of them in full is boilerplate.
    #[serde(default)]
    pub boilerplate: Vec<Spanned<String>>,
    /// Regexes matched at the start of a paragraph: a dateline ("SEOUL, South
    /// Korea (AP) - ") after the first one in a file starts a new article.
    #[serde(default)]
    pub datelines: Vec<Spanned<String>>,
    /// Weaker dateline forms ("BRUSSELS - "): kept out of the first sentence,
    /// never a reason to split a file.
    #[serde(default)]
    pub dateline_prefixes: Vec<Spanned<String>>,
}

/// A lexicon: a plain list of phrases, or phrases with a value each.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum LexiconDef {
    List(Vec<String>),
    Valued(BTreeMap<String, String>),
}

/// One `[[rule]]`.
#[derive(Debug, Deserialize)]
pub struct RuleDef {
    pub id: Spanned<String>,
    pub kind: Spanned<String>,
    #[serde(default)]
    pub subtype: Option<Spanned<String>>,
    #[serde(default)]
    pub priority: i32,
    /// A veto rule marks text that is not a claim of its kind: any match of the
    /// kind that overlaps it is dropped, and it makes no claim itself.
    #[serde(default)]
    pub veto: bool,
    /// A fallback rule fills gaps: its matches are kept only where no other
    /// rule of its kind matched, however long they are.
    #[serde(default)]
    pub fallback: bool,
    /// `sentence` (default) or `paragraph`: the stretch of text the pattern runs on.
    #[serde(default)]
    pub scope: Option<Spanned<String>>,
    pub pattern: Spanned<String>,
    /// Quote rules over sentences: what was said is the rest of the sentence
    /// `after` the match, or the part `before` it. The pattern then matches only
    /// the attribution ("Singh said Monday that"), which keeps it fast.
    #[serde(default)]
    pub says: Option<Spanned<String>>,
    /// Constant fields for every claim of this rule (`concept = "troops"`).
    #[serde(default)]
    pub set: BTreeMap<String, String>,
    #[serde(default, rename = "example")]
    pub examples: Vec<Spanned<ExampleDef>>,
}

/// One `[[rule.example]]`: a text and what the engine must (or must not) find in it.
#[derive(Debug, Deserialize)]
pub struct ExampleDef {
    pub text: String,
    /// Reference date for resolving relative dates in the example.
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub expect: BTreeMap<String, String>,
    #[serde(default)]
    pub expect_none: bool,
}
