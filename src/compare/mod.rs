//! `compare`: every outlet's figure for the same thing side by side, with who
//! claims it and as of when, and where they disagree.
//!
//! Counts are grouped by concept, event and actor ("troops" "deployed" by
//! "North Korea"); a count with no concept goes by its unit and is listed,
//! never compared. Articles that carry the same wire story share a story id
//! (`story.rs`), and a figure they repeat is one row with the outlets that ran
//! it, not several confirmations.

mod display;
mod figure;
mod group;
mod html;
mod report;
mod spill;
mod story;
mod time;
mod timeline;

pub use group::{Collector, Comparison, Group, GroupBy, Row, story_id};
pub use html::write_html;
pub use report::{COMPARE_COLUMNS, write_csv, write_markdown, write_xlsx};

/// The columns a claims table read back for `compare --claims` must have:
/// the ones that say what a figure is. Without one of them every count would
/// be read as something it is not (a range as a point, an estimate as exact,
/// two actors' troops as one), so the table is refused; the others (outlet,
/// speaker, when, sentence…) left out are read as empty.
pub const NEEDED_COLUMNS: [&str; 8] = [
    "doc_id",
    "kind",
    "value",
    "value_max",
    "approx",
    "unit",
    "concept",
    "actor",
];
