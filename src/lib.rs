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

pub mod article;
pub mod claim;
pub mod claims;
pub mod compare;
pub mod engine;
pub mod examples;
mod files;
pub mod input;
pub mod outlet;
pub mod output;
mod parallel;
pub mod pipeline;
pub mod prefilter;
pub mod rules;
pub mod text;

pub use article::{Article, DateSource};
pub use claim::{COLUMNS, Claim, Kind};
pub use engine::Engine;
pub use rules::{RuleError, RuleErrors, Rules};
