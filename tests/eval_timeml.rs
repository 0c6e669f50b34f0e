//! Dates against TimeML news (TimeBank and AQUAINT as TempEval-3 gave them
//! for training, and MEANTIME's English Wikinews), read from
//! `../shared/eval/timeml` or from `$CLAIMEX_EVAL_DIR/timeml`. Each document
//! is read with its creation date as the article's date.
//!
//! Scoring, as TempEval-3's relaxed match:
//! - an annotated expression is found when a date row's span overlaps it; a
//!   row is right when it overlaps an annotated expression (span precision,
//!   recall and F1);
//! - a found expression's value is right when the TIMEX3 value equals the
//!   row's `value`, or its `value_max` for a range written as one row ("from
//!   2009 to 2011", annotated as two); value precision is right values over
//!   rows, value recall right values over annotated expressions;
//! - MEANTIME's date line is the creation date and is not annotated: rows on
//!   it are left out; MEANTIME annotates the title and the first sentences
//!   only (its text's first six lines hold every expression), so rows after
//!   them are left out too.
//!
//! Floors hold what the rules reach; every annotated expression that is
//! missed or given a wrong value is listed, with its family, in
//! `tests/eval/timeml_failures.tsv`, and the test fails when that list and
//! the real failures drift apart.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use claimex::{Article, Claim, Engine, Kind, Rules};
use serde_json::Value;

use crate::util::reviewed::{self, Failure};

const FAILURES: &str = "tests/eval/timeml_failures.tsv";

/// Floors: what the rules reach on this data, to be raised as they improve.
const SPAN_F1_FLOOR: f64 = 0.944;
const VALUE_F1_FLOOR: f64 = 0.834;

/// The lines of a MEANTIME text that are annotated: the title, the date line
/// and the first sentences.
const MEANTIME_LINES: usize = 6;

fn eval_file() -> Option<PathBuf> {
    let dir = match std::env::var_os("CLAIMEX_EVAL_DIR") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval"),
    };
    let file = dir.join("timeml/timeml_train.jsonl");
    file.is_file().then_some(file)
}

/// An annotated expression: its byte span, type and value.
struct Gold {
    span: (usize, usize),
    kind: String,
    value: String,
    text: String,
}

/// A date row: its byte span and values as the table writes them.
struct Row {
    span: (usize, usize),
    rule: String,
    value: String,
    value_max: String,
}

fn byte_span(v: &Value) -> Option<(usize, usize)> {
    Some((
        v["byte_start"].as_u64()? as usize,
        v["byte_end"].as_u64()? as usize,
    ))
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn cell(c: &Claim, column: &str) -> String {
    claimex::table::cells::text(c, column).unwrap_or_default()
}

fn ratio(a: usize, b: usize) -> f64 {
    a as f64 / b.max(1) as f64
}

fn f1(p: f64, r: f64) -> f64 {
    2.0 * p * r / (p + r).max(f64::EPSILON)
}

/// Found and right counts of one TIMEX3 type.
#[derive(Default)]
struct ByType {
    gold: usize,
    found: usize,
    right: usize,
}

#[test]
fn timeml_dates() {
    let Some(file) = eval_file() else {
        assert!(
            std::env::var_os("CLAIMEX_REQUIRE_EVAL").is_none(),
            "CLAIMEX_REQUIRE_EVAL is set but TimeML is not at ../shared/eval/timeml or $CLAIMEX_EVAL_DIR/timeml"
        );
        println!(
            "SKIPPED: TimeML is not at ../shared/eval/timeml; set CLAIMEX_EVAL_DIR to the folder that holds timeml/"
        );
        return;
    };
    let engine = Engine::new(Rules::embedded().unwrap());
    let (mut rows_total, mut rows_right) = (0, 0);
    let (mut gold_total, mut found, mut right) = (0, 0, 0);
    let mut by_type: BTreeMap<String, ByType> = BTreeMap::new();
    let mut false_by_rule: BTreeMap<String, usize> = BTreeMap::new();
    let mut failures = Vec::new();
    for line in std::fs::read_to_string(file).unwrap().lines() {
        let doc: Value = serde_json::from_str(line).unwrap();
        let id = doc["id"].as_str().unwrap();
        let text = doc["text"].as_str().unwrap();
        let dct = NaiveDate::parse_from_str(doc["dct"].as_str().unwrap(), "%Y-%m-%d").unwrap();
        let date_line = byte_span(&doc["dct_mention"]);
        let annotated_end = match doc["source"].as_str() {
            Some("meantime") => text
                .match_indices('\n')
                .nth(MEANTIME_LINES - 1)
                .map_or(text.len(), |(k, _)| k),
            _ => text.len(),
        };
        let rows: Vec<Row> = engine
            .extract(&Article::new(id, text).with_published(Some(dct)))
            .iter()
            .filter(|c| c.body.kind() == Kind::Date)
            .map(|c| Row {
                span: (c.start, c.end),
                rule: c.rule.to_string(),
                value: cell(c, "value"),
                value_max: cell(c, "value_max"),
            })
            .filter(|r| date_line.is_none_or(|d| !overlaps(r.span, d)))
            .filter(|r| r.span.0 < annotated_end)
            .collect();
        let gold: Vec<Gold> = doc["timexes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| Gold {
                span: byte_span(t).unwrap(),
                kind: t["type"].as_str().unwrap().to_string(),
                value: t["value"].as_str().unwrap_or_default().to_string(),
                text: t["text"].as_str().unwrap_or_default().to_string(),
            })
            .collect();
        rows_total += rows.len();
        for r in &rows {
            match gold.iter().any(|g| overlaps(r.span, g.span)) {
                true => rows_right += 1,
                false => *false_by_rule.entry(r.rule.clone()).or_default() += 1,
            }
        }
        for g in &gold {
            let over: Vec<&Row> = rows.iter().filter(|r| overlaps(r.span, g.span)).collect();
            let is_right = over
                .iter()
                .any(|r| r.value == g.value || (!r.value_max.is_empty() && r.value_max == g.value));
            let t = by_type.entry(g.kind.clone()).or_default();
            gold_total += 1;
            t.gold += 1;
            found += usize::from(!over.is_empty());
            t.found += usize::from(!over.is_empty());
            right += usize::from(is_right);
            t.right += usize::from(is_right);
            if !is_right {
                let got = over
                    .iter()
                    .map(|r| {
                        let span = &text[r.span.0..r.span.1];
                        match r.value_max.is_empty() {
                            true => format!("{span} = {}", r.value),
                            false => format!("{span} = {}..{}", r.value, r.value_max),
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" | ");
                failures.push(Failure {
                    id: format!("{id}@{}", g.span.0),
                    text: g.text.clone(),
                    expected: format!("{} {}", g.kind, g.value),
                    got,
                });
            }
        }
    }
    let span_p = ratio(rows_right, rows_total);
    let span_r = ratio(found, gold_total);
    let value_p = ratio(right, rows_total);
    let value_r = ratio(right, gold_total);
    let (span_f1, value_f1) = (f1(span_p, span_r), f1(value_p, value_r));
    println!(
        "TimeML: {gold_total} expressions, {rows_total} date rows; span P {span_p:.3} R {span_r:.3} F1 {span_f1:.3}; value P {value_p:.3} R {value_r:.3} F1 {value_f1:.3}"
    );
    for (kind, t) in &by_type {
        println!(
            "  {kind}: {} expressions, found {:.3}, value right {:.3}",
            t.gold,
            ratio(t.found, t.gold),
            ratio(t.right, t.gold)
        );
    }
    let mut false_rows: Vec<(usize, String)> =
        false_by_rule.into_iter().map(|(r, n)| (n, r)).collect();
    false_rows.sort_unstable_by(|a, b| b.cmp(a));
    let false_rows: Vec<String> = false_rows
        .iter()
        .take(12)
        .map(|(n, r)| format!("{r} {n}"))
        .collect();
    println!(
        "rows that match nothing annotated, by rule: {}",
        false_rows.join(", ")
    );
    assert!(
        span_f1 >= SPAN_F1_FLOOR,
        "span F1 {span_f1:.3} < {SPAN_F1_FLOOR}"
    );
    assert!(
        value_f1 >= VALUE_F1_FLOOR,
        "value F1 {value_f1:.3} < {VALUE_F1_FLOOR}"
    );
    reviewed::check(FAILURES, &failures);
}
