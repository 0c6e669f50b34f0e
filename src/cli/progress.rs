//! The progress bar.

use std::io::{self, IsTerminal};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::InputArgs;

/// A progress bar on standard error for a run a person is watching: articles,
/// bytes of text, rate and time left (against the input files' size, which
/// JSONL's markup makes a little larger than the text).
pub(super) fn progress_bar(input: &InputArgs) -> Option<ProgressBar> {
    if input.quiet || !io::stderr().is_terminal() {
        return None;
    }
    let (bar, template) = match claimex::input::input_bytes(&input.paths) {
        Some(total) => (
            ProgressBar::new(total),
            "{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} {msg} eta {eta}",
        ),
        None => (
            ProgressBar::new_spinner(),
            "{spinner} {bytes} {binary_bytes_per_sec} {msg}",
        ),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    Some(bar)
}
