//! Properties of extraction on generated text: no panic on any UTF-8, every
//! claim's `text` is exactly its source bytes on character boundaries, and the
//! parallel pipeline gives the sequential result.

use std::sync::LazyLock;

use claimex::input::Event;
use claimex::pipeline::{self, Outcome};
use claimex::{Article, Claim, Engine, Rules};
use proptest::prelude::*;

static ENGINE: LazyLock<Engine> =
    LazyLock::new(|| Engine::new(Rules::embedded().expect("default rules")));

/// Words that make the rules fire, so that generated text exercises them.
const WORDS: &[&str] = &[
    "said",
    "told reporters",
    "Monday",
    "last Friday",
    "Nov. 4,",
    "2024",
    "10,000",
    "troops",
    "about",
    "between",
    "and",
    "to",
    "“",
    "”",
    "\"",
    "'",
    "—",
    "-",
    "Singh",
    "Sabrina",
    "he",
    "she",
    "it",
    "the ministry",
    "according to",
    "ago",
    "weeks",
    "three",
    "hundred",
    "Q3",
    "the 1970s",
    "3 p.m.",
    ".",
    ",",
    "\n\n",
    "é",
    "ß",
    "中",
    "🙂",
    "\u{2028}",
    "\u{85}",
    "SEOUL (AP) —",
    "from",
    "until",
    "2 years and 6 months",
    "every",
    "1950-53",
    "Korea’s",
];

fn newsish() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..120).prop_map(|w| w.join(" "))
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let article =
        Article::new("p", text).with_published(chrono::NaiveDate::from_ymd_opt(2024, 11, 4));
    for c in ENGINE.extract(&article) {
        prop_assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
        prop_assert!(c.start <= c.end && c.end <= text.len());
        prop_assert_eq!(&text[c.start..c.end], c.text.as_str());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_utf8_is_read_without_panic(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn claims_are_their_source_bytes(text in newsish()) {
        check(&text)?;
    }

    #[test]
    fn threads_change_nothing(texts in prop::collection::vec(newsish(), 1..12), jobs in 2usize..5) {
        let events = || {
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| Event::Article(Article::new(format!("a{i}"), t.clone())))
                .collect::<Vec<_>>()
                .into_iter()
        };
        let collect = |jobs: usize| {
            let mut out: Vec<Claim> = Vec::new();
            pipeline::run(&ENGINE, jobs, events, |o| {
                if let Outcome::Claims(c, _) = o {
                    out.extend(c);
                }
                Ok::<(), ()>(())
            })
            .unwrap();
            out
        };
        prop_assert_eq!(collect(1), collect(jobs));
    }
}
