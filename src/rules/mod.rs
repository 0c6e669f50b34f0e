//! The rules file: loading, validation and compilation.
//!
//! A rule set is one TOML file or a folder of them, merged in file-name order.
//! Every problem found is collected with its file, line and rule id, so that
//! `claimex rules check` can report them all at once.

mod captures;
mod compile;
mod error;
mod expand;
pub(crate) mod lexicon;
mod load;
mod schema;
mod set;
pub(crate) mod vocabulary;

pub use error::{RuleError, RuleErrors};
pub use lexicon::Lexicon;
pub use load::EMBEDDED;
pub use set::{
    CompiledRule, Example, JoinOp, JoinRule, OutletRole, OutletRule, Rules, Says, Scope,
};
pub use vocabulary::reference as vocabulary_reference;
