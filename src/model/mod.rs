//! The typed article and claim, at the bottom of every layer: no other
//! module of the crate is imported here.

mod article;
mod claim;
mod error;

pub use article::{Article, DateSource, parse_published};
pub use claim::{COLUMNS, Claim, Kind, is_expectable_field};
pub use error::SourceError;
