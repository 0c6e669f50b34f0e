//! Problems found in a rule set, each with its file, line and rule, and the
//! one-line messages regex errors are turned into.

use std::fmt;

use crate::pattern::PatternError;

/// One problem in a rule set.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleError {
    pub file: String,
    pub line: Option<usize>,
    pub rule: Option<String>,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(rule) = &self.rule {
            write!(f, ": rule {rule}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem found in a rule set.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RuleErrors {}

/// A rule pattern's error in one line.
pub(super) fn regex_message(e: &PatternError) -> String {
    match e {
        PatternError::TooBig(limit) => too_big_message(*limit),
        PatternError::Syntax(text) => syntax_message(text),
    }
}

/// An outlet or text pattern's error in one line.
pub(super) fn plain_regex_message(e: &regex::Error) -> String {
    match e {
        regex::Error::CompiledTooBig(limit) => too_big_message(*limit),
        other => syntax_message(&other.to_string()),
    }
}

fn too_big_message(limit: usize) -> String {
    format!(
        "pattern compiles to more than the limit of {} MiB; make it smaller or split it into several rules",
        limit >> 20
    )
}

/// The regex parser's message quotes the whole pattern, which after macro
/// expansion can run to pages: this keeps the error, and the pattern if short.
fn syntax_message(text: &str) -> String {
    let error = text
        .lines()
        .rev()
        .find(|l| l.starts_with("error:"))
        .unwrap_or(text);
    let pattern = text
        .lines()
        .nth(1)
        .map(str::trim)
        .filter(|p| p.len() <= 120);
    match pattern {
        Some(p) => format!("regex {error} in `{p}`"),
        None => format!("regex {error}"),
    }
}
