//! Reading sources into articles: text files, folders, JSONL and standard input.
//!
//! Sources are read lazily, one article at a time, so that a large JSONL file
//! streams. A bad source (missing, unreadable, empty, not UTF-8, a malformed
//! JSONL line) becomes an `Event::Error` naming the file and line, and reading
//! goes on with the rest.

mod event;
mod jsonl;
mod manifest;
mod reader;

pub use event::{Event, InputError};
pub use manifest::{Entry, Loaded as LoadedManifest, Manifest, RowProblem};
pub use reader::{
    ReadOptions, Reader, STDIN, STDIN_NAME, StdinFormat, input_bytes, is_article_file,
};
