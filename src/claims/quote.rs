//! Quotes: what was said, by whom (as written), with which cue.

use super::{Draft, Fields};

/// Punctuation that closes the quoted words but is not part of them.
const TRAILING: &[char] = &[',', ' ', '\n', '\t'];

pub(crate) fn fill(f: &Fields, d: &mut Draft) {
    let c = &mut d.claim;
    if c.subtype.is_empty() {
        c.subtype = "direct".into();
    }
    if let Some(quote) = f.source("quote") {
        c.value = quote.trim_end_matches(TRAILING).trim_start().to_string();
    }
    if let Some(mention) = f.source("speaker") {
        c.speaker_mention = collapse(mention);
    }
    if let Some(role) = f.source("role") {
        c.speaker_role = collapse(role);
    }
    if let Some(cue) = f.source("cue") {
        c.cue = collapse(cue);
    }
    d.content = f.range("quote");
    d.when_span = f.range("when");
    d.speaker_span = f.range("speaker");
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
