//! claimex: extracts fact-claims from news articles into a table.
//!
//! Each claim (a quote, a count, a date) comes with its source: the article,
//! its outlet and date, the exact span and sentence, and the person or body it
//! is attributed to.
//!
//! ```no_run
//! use claimex::{Article, Engine, Rules};
//!
//! let engine = Engine::new(Rules::embedded().expect("the default rules compile"));
//! let article = Article::new("a1", "Officials said Monday that 8,000 troops had arrived.");
//! for claim in engine.extract(&article) {
//!     println!("{} {} {}", claim.kind.as_str(), claim.text, claim.value);
//! }
//! ```

pub mod article;
pub mod claim;
pub mod claims;
pub mod engine;
pub mod examples;
pub mod input;
pub mod output;
pub mod rules;
pub mod text;

pub use article::Article;
pub use claim::{COLUMNS, Claim, Kind};
pub use engine::Engine;
pub use rules::{RuleError, RuleErrors, Rules};
