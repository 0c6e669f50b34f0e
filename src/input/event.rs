//! What reading yields: articles, and the problems met on the way.

use crate::model::Article;
pub use crate::model::SourceError as InputError;

/// What reading produces, in input order.
#[derive(Debug)]
pub enum Event {
    Article(Article),
    /// Something a user should know; nothing was lost.
    Warning(InputError),
    /// An input (or line) that could not be read as an article.
    Error(InputError),
}

/// Whether a text holds nothing but whitespace (of any kind) and byte-order marks.
pub(crate) fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || c == '\u{feff}')
}
