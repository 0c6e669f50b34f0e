//! The claims table: typed claims turned into cells (`cells`), written as
//! CSV, TSV, JSONL or XLSX (`write`), and read back (`read`). This is the
//! only layer that turns claims into text, and the only one that turns text
//! back into claims.

pub mod cells;
mod read;
mod write;
pub mod xlsx;

pub use cells::{spreadsheet_safe, without_spreadsheet_guard};
pub(crate) use read::claim_from_cells;
pub use read::read_claims;
pub(crate) use write::csv_io;
pub use write::{Format, TableWriter};
