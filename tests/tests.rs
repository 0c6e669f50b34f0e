//! The integration tests, one binary (as ripgrep's `tests/tests.rs`): each
//! module is a former test file, and `util` (the harness that runs the real
//! binary) is compiled once.

mod util;

mod browser;
mod compare;
mod counts;
mod dates;
mod eval_dates;
mod eval_numbers;
mod hostile;
mod inputs;
mod outlets;
mod output;
mod properties;
mod quotes;
mod rules;
mod seeds;
mod xlsx;
