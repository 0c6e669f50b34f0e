//! `compare`: every outlet's figure for the same thing side by side, with who
//! claims it and as of when, and where they disagree.
//!
//! Counts are grouped by concept and actor ("troops" of "North Korea"); a count
//! with no concept goes by its unit and is listed, never compared. Articles that
//! carry the same wire story share a story id (`story.rs`), and a figure they
//! repeat is one row with the outlets that ran it, not several confirmations.

mod display;
mod figure;
mod group;
mod html;
mod report;
mod spill;
mod story;

pub use group::{Collector, Comparison, Group, GroupBy, Row, story_id};
pub use html::write_html;
pub use report::{COMPARE_COLUMNS, write_csv, write_markdown, write_xlsx};
