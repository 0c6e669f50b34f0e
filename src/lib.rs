//! claimex: extracts fact-claims from news articles into a table.
//!
//! Each claim (a quote, a count, a date) comes with its source: the article,
//! its outlet and date, the exact span and sentence, and the person or body it
//! is attributed to.
//!
//! ```
//! use claimex::{Article, Engine, Kind, Rules};
//! use chrono::NaiveDate;
//!
//! let engine = Engine::new(Rules::embedded().expect("the default rules compile"));
//! let article = Article::new("a1", "Spokesman Matthew Miller said Monday that 8,000 troops had arrived.")
//!     .with_published(NaiveDate::from_ymd_opt(2024, 11, 4));
//! let claims = engine.extract(&article);
//! let count = claims.iter().find(|c| c.kind == Kind::Count).unwrap();
//! assert_eq!((count.value.as_str(), count.unit.as_str()), ("8000", "troops"));
//! assert_eq!((count.speaker.as_str(), count.when.as_str()), ("Matthew Miller", "2024-11-04"));
//! assert_eq!(&article.text[count.start..count.end], count.text);
//! ```

// The layers, from the bottom up: each imports only those above it in this list.
pub mod claims;
pub mod compare;
mod engine;
mod extract;
mod files;
pub mod input;
mod link;
pub mod model;
mod parallel;
pub mod pattern;
pub mod pipeline;
pub mod rule_examples;
pub mod rules;
pub mod table;
pub mod text;

pub use extract::Engine;
pub use model::{Article, COLUMNS, Claim, DateSource, Kind};
pub use rules::{RuleError, RuleErrors, Rules};
