//! Any bytes as an article, through the default rules: no panic, and every
//! claim's text is its source bytes.
#![no_main]

use std::sync::LazyLock;

use claimex::{Article, Engine, Rules};
use libfuzzer_sys::fuzz_target;

static ENGINE: LazyLock<Engine> =
    LazyLock::new(|| Engine::new(Rules::embedded().expect("default rules")));

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let article = Article::new("fuzz", text.clone());
    for claim in ENGINE.extract(&article) {
        assert_eq!(&text[claim.start..claim.end], claim.text);
    }
});
