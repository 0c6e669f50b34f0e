//! A problem located in a source.

use std::fmt;

/// A problem with one source, a line of it or a row of a table: where, and
/// what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceError {
    pub source: String,
    pub line: Option<usize>,
    pub message: String,
}

impl SourceError {
    pub fn new(source: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Self {
        SourceError {
            source: source.into(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.source, line, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}
