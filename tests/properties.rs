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

/// Pieces of patterns that the prefilter's literal analysis reads specially
/// (word boundaries, spaces as rules compile them, repetitions, case), each
/// with texts it matches, or nearly does.
const PATTERN_PIECES: &[(&str, &[&str])] = &[
    ("h", &["h", "H"]),
    ("ho", &["ho"]),
    ("the", &["the", "The"]),
    ("(?i-u:said)", &["said", "SAID"]),
    ("(?i:day)", &["Day", "dAY"]),
    ("(?-u:\\b)", &["", " "]),
    ("\\b", &["", "-"]),
    ("[\\t-\\r ]", &[" ", "\t", "\n", ""]),
    ("[\\t-\\r ]+", &[" ", "  ", "\n", "-"]),
    ("[\\t-\\r -]+", &["-", " -", "\r"]),
    ("\\s*", &["", " "]),
    ("\\d", &["3", "\u{966}"]),
    ("\\d+", &["10", "7"]),
    ("(?:a|an)", &["a", "an", "A"]),
    ("(?:day|days|h|hr)", &["day", "h", "hr", "hours"]),
    ("x?", &["", "x"]),
    ("(?:the[\\t-\\r ]+)?", &["", "the ", "the\t"]),
    ("-", &["-"]),
    (",", &[","]),
    ("'s", &["'s"]),
    ("[[:alpha:]]+", &["which", "é"]),
];

/// Text around a pattern's texts.
const NOISE: &[&str] = &[
    "", " ", "x", "the", "-", "3", "_", "é", "\n", "hours", "ſaid",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    /// The prefilter never hides a match: wherever a pattern matches a
    /// sentence, the pattern is a candidate there.
    #[test]
    fn the_prefilter_never_hides_a_match(
        pieces in prop::collection::vec((0..PATTERN_PIECES.len(), 0..4usize), 1..6),
        before in prop::sample::select(NOISE),
        after in prop::sample::select(NOISE),
    ) {
        let pattern: String = pieces.iter().map(|&(p, _)| PATTERN_PIECES[p].0).collect();
        let text: String = std::iter::once(before)
            .chain(pieces.iter().map(|&(p, t)| {
                let texts = PATTERN_PIECES[p].1;
                texts[t % texts.len()]
            }))
            .chain(std::iter::once(after))
            .collect();
        let regex = regex::Regex::new(&pattern).unwrap();
        let filter = claimex::prefilter::Prefilter::new([pattern.as_str()]);
        if regex.is_match(&text) {
            prop_assert_eq!(filter.candidates_in(&text), vec![0], "{:?} in {:?}", pattern, text);
        }
    }
}
