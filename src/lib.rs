//! claimex: extracts fact-claims from news articles into a table.
//!
//! Each claim (a quote, a count, a date) comes with its source: the article,
//! its outlet and date, the exact span and sentence, and the person or body it
//! is attributed to.
//!
//! ```
//! use claimex::{Article, Engine, Kind, Rules};
//! use claimex::model::Timex;
//! use chrono::NaiveDate;
//!
//! let engine = Engine::new(Rules::embedded().expect("the default rules compile"));
//! let monday = NaiveDate::from_ymd_opt(2024, 11, 4);
//! let article = Article::new("a1", "Spokesman Matthew Miller said Monday that 8,000 troops had arrived.")
//!     .with_published(monday);
//! let claims = engine.extract(&article);
//! let claim = claims.iter().find(|c| c.kind() == Kind::Count).unwrap();
//! let count = claim.count().unwrap();
//! assert_eq!((count.value, count.unit.as_str()), ("8000".parse().ok(), "troops"));
//! assert_eq!(claim.attribution.speaker, "Matthew Miller");
//! let when = claim.when.as_ref().and_then(|w| w.value.clone());
//! assert_eq!(when, monday.map(Timex::Day));
//! assert_eq!(&article.text[claim.start..claim.end], claim.text);
//! ```

// The layers, from the bottom up: each imports only those above it in this
// list (tests/architecture.rs checks it). The library's surface is the
// engine, the typed model, the rule set, and the readers and writers around
// them; the rest is the crate's own.
mod claims;
pub mod compare;
mod engine;
mod extract;
mod files;
pub mod input;
mod link;
pub mod model;
mod parallel;
mod pattern;
pub mod pipeline;
pub mod rule_examples;
pub mod rules;
pub mod table;
mod text;

pub use claims::{Figure, FigureWords, NumberWords, clause_is_future};
pub use extract::Engine;
pub use model::{Article, COLUMNS, Claim, Kind};
pub use rules::{RuleError, RuleErrors, Rules};
