//! The number parser against Microsoft Recognizers-Text's English cardinal and
//! range cases (MIT), read from `../shared/eval/recognizers` or from
//! `$CLAIMEX_EVAL_DIR/recognizers`. The floor is 90% of values right; every case
//! that fails is listed, with a reason, in `tests/eval/number_failures.tsv`, and
//! the test fails when that list and the real failures drift apart.

use std::path::{Path, PathBuf};

use claimex::model::Decimal;
use claimex::{FigureWords, Rules};

use crate::util::reviewed::{self, Failure};

const FAILURES: &str = "tests/eval/number_failures.tsv";
const FLOOR: f64 = 0.90;

fn eval_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("CLAIMEX_EVAL_DIR") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval"),
    };
    let dir = dir.join("recognizers");
    dir.join("number_model.jsonl").is_file().then_some(dir)
}

/// One scored case: an id, the span text, the expected and the parsed value.
struct Case {
    id: String,
    text: String,
    expected: String,
    got: String,
}

fn char_slice(s: &str, start: usize, end: usize) -> String {
    s.chars().skip(start).take(end - start).collect()
}

fn cases(dir: &Path, file: &str) -> Vec<(String, String, serde_json::Value)> {
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    let mut out = Vec::new();
    for line in text.lines() {
        let case: serde_json::Value = serde_json::from_str(line).unwrap();
        let input = case["input"].as_str().unwrap();
        for (k, span) in case["expected"].as_array().unwrap().iter().enumerate() {
            let (start, end) = (
                span["start"].as_u64().unwrap() as usize,
                span["end"].as_u64().unwrap() as usize,
            );
            let id = format!("{}/{}", case["id"].as_str().unwrap(), k);
            out.push((id, char_slice(input, start, end), span["value"].clone()));
        }
    }
    out
}

/// "(20,35]" to its two ends as text ("20", "35"); an open end is empty.
fn interval(spec: &str) -> Option<(String, String)> {
    let inner = spec
        .trim_start_matches(['[', '('])
        .trim_end_matches([']', ')']);
    let (lo, hi) = inner.split_once(',')?;
    Some((lo.trim().to_string(), hi.trim().to_string()))
}

fn show(d: Option<Decimal>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

#[test]
fn recognizers_cardinals_and_ranges() {
    let Some(dir) = eval_dir() else {
        // CI sets this: there the data must be present, and a skip would hide it.
        assert!(
            std::env::var_os("CLAIMEX_REQUIRE_EVAL").is_none(),
            "CLAIMEX_REQUIRE_EVAL is set but the Recognizers-Text data is not at ../shared/eval/recognizers or $CLAIMEX_EVAL_DIR/recognizers"
        );
        println!(
            "SKIPPED: the Recognizers-Text data is not at ../shared/eval/recognizers; set CLAIMEX_EVAL_DIR to the folder that holds recognizers/"
        );
        return;
    };
    let words = FigureWords::from_rules(&Rules::embedded().unwrap());
    let mut scored = Vec::new();
    // Cardinals: integers and decimals (fractions and powers are not counts).
    for (id, text, value) in cases(&dir, "number_model.jsonl") {
        let expected = value["value"].as_str().unwrap_or("").to_string();
        let subtype = value["subtype"].as_str().unwrap_or("");
        if !matches!(subtype, "integer" | "decimal" | "") || expected.contains(['/', 'E', 'e']) {
            continue;
        }
        let expected_value = Decimal::parse_plain(&expected)
            .map(|d| d.to_string())
            .unwrap_or(expected);
        let got = show(words.numbers.parse(&text));
        scored.push(Case {
            id,
            text,
            expected: expected_value,
            got,
        });
    }
    let cardinals = scored.len();
    // Ranges: the two ends of the interval, open ends empty.
    for (id, text, value) in cases(&dir, "number_range_model.jsonl") {
        let Some((lo, hi)) = interval(value["value"].as_str().unwrap_or("")) else {
            continue;
        };
        let norm = |s: &str| {
            Decimal::parse_plain(s)
                .map(|d| d.to_string())
                .unwrap_or_default()
        };
        let expected = format!("[{}, {}]", norm(&lo), norm(&hi));
        let got = words
            .parse(&text)
            .map(|f| {
                let (lo, hi) = f.bounds();
                format!("[{}, {}]", show(lo), show(hi))
            })
            .unwrap_or_default();
        scored.push(Case {
            id,
            text,
            expected,
            got,
        });
    }

    let failed: Vec<&Case> = scored.iter().filter(|c| c.got != c.expected).collect();
    let passed = scored.len() - failed.len();
    let rate = passed as f64 / scored.len() as f64;
    let card_failed = failed
        .iter()
        .filter(|c| c.id.starts_with("NumberModel"))
        .count();
    println!(
        "recognizers numbers: {}/{} cardinals, {}/{} ranges, {:.1}% overall (floor {:.0}%)",
        cardinals - card_failed,
        cardinals,
        scored.len() - cardinals - (failed.len() - card_failed),
        scored.len() - cardinals,
        rate * 100.0,
        FLOOR * 100.0
    );

    let failures: Vec<Failure> = failed
        .iter()
        .map(|c| Failure {
            id: c.id.clone(),
            text: c.text.clone(),
            expected: c.expected.clone(),
            got: c.got.clone(),
        })
        .collect();
    reviewed::check(FAILURES, &failures);
    assert!(
        rate >= FLOOR,
        "value accuracy {:.1}% is under the {:.0}% floor",
        rate * 100.0,
        FLOOR * 100.0
    );
}
