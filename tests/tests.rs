//! The integration tests, one binary (as ripgrep's `tests/tests.rs`): each
//! module is a former test file, and `util` (the harness that runs the real
//! binary, and the case runner's door into the library) is compiled once.
//! Behaviour expectations are data in `tests/data/*.toml`, run by `cases`.

mod util;

mod architecture;
mod browser;
mod cases;
mod compare;
mod destination;
mod eval_counts;
mod eval_dates;
mod eval_numbers;
mod eval_quotes;
mod eval_timeml;
mod hostile;
mod inputs;
mod long_text;
mod outlets;
mod output;
mod properties;
mod readme;
mod rules;
mod seeds;
mod stories;
mod vocabulary;
mod xlsx;
