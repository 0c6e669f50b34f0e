//! The claims table's columns: their names and order are a contract.

/// Column names, in order: the contract's twenty, then the additions.
pub const COLUMNS: [&str; 31] = [
    "doc_id",
    "outlet",
    "published",
    "kind",
    "subtype",
    "text",
    "value",
    "value_max",
    "approx",
    "unit",
    "concept",
    "speaker",
    "speaker_role",
    "cue",
    "when",
    "when_text",
    "sentence",
    "start",
    "end",
    "rule",
    "speaker_mention",
    "source",
    "published_from",
    "cue_class",
    "actor",
    "outlet_from",
    "wire",
    "event",
    "scope",
    "as_of",
    "published_time",
];

/// Columns that describe the article rather than the claim.
pub const ARTICLE_COLUMNS: [&str; 8] = [
    "doc_id",
    "outlet",
    "published",
    "source",
    "published_from",
    "outlet_from",
    "wire",
    "published_time",
];

/// Fields a rule example may set expectations on: every column but the ones
/// that describe the article.
pub fn is_expectable_field(name: &str) -> bool {
    COLUMNS.contains(&name) && !ARTICLE_COLUMNS.contains(&name)
}
