//! Counts against NewsQuant's dev half (news sentences with their annotated
//! quantities, from the CQE paper), read from `../shared/eval/newsquant-dev`
//! or from `$CLAIMEX_EVAL_DIR/newsquant-dev`. Each sentence is read as an
//! article of its own.
//!
//! Scoring, as the data's README describes it:
//! - an annotated count is a quantity of a noun unit that is not a rate,
//!   currency or measure, whose value (or lower bound) is at least 2, and
//!   whose noun is plural: English marks a count of two or more with the
//!   plural, and a singular after a number is a modifier or a name ("a 3
//!   cylinder engine", "the 787 Dreamliner", "over the age of 21");
//! - a count row matches an annotated quantity when its value equals the
//!   annotated value, or falls within the annotated range;
//! - recall is the annotated counts that some count row matches; precision is
//!   the count rows that match an annotated count (a row that matches
//!   nothing counted is false);
//! - rows and annotations under 2 are left out on both sides, and so are
//!   vague words ("dozens", "thousands of"), whose valuations the data's
//!   authors give inconsistently: they are printed, not scored.
//!
//! Every annotated count missed and every false row is listed, with its
//! family, in `tests/eval/count_failures.tsv`; the test fails when that list
//! and the real failures drift apart.

use std::path::PathBuf;

use chrono::NaiveDate;
use claimex::{Article, Claim, Engine, Kind, Rules};
use serde_json::Value;

use crate::util::reviewed::{self, Failure};

const FAILURES: &str = "tests/eval/count_failures.tsv";

/// Floors: what the rules reach on this data, to be raised as they improve.
const PRECISION_FLOOR: f64 = 0.98;
const RECALL_FLOOR: f64 = 0.94;

/// Words of a normalized unit that make it a rate, a currency or a measure,
/// which the data's noun-unit flag lets through (its README lists them).
const NOT_COUNTED_UNITS: &[&str] = &[
    "per", "dollar", "shekel", "ringgit", "watt", "hertz", "volt", "ampere",
];

fn eval_file() -> Option<PathBuf> {
    let dir = match std::env::var_os("CLAIMEX_EVAL_DIR") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval"),
    };
    let file = dir.join("newsquant-dev/newsquant_dev.jsonl");
    file.is_file().then_some(file)
}

/// An annotated quantity: its bounds (equal for a single value), its unit as
/// written, and whether it is a count and a vague word.
struct Gold {
    low: f64,
    high: f64,
    unit: String,
    count: bool,
    vague: bool,
}

impl Gold {
    fn of(q: &Value, text: &str) -> Option<Gold> {
        let (low, high) = match q["value"].as_f64() {
            Some(v) => (v, v),
            None => {
                let (a, b) = (q["low"].as_f64()?, q["high"].as_f64()?);
                (a.min(b), a.max(b))
            }
        };
        let normalized = q["normalized_unit"].as_str().unwrap_or_default();
        // An elided noun is written "-", with the noun in the normalized unit
        // ("435 homes by open sale and 187 by tender").
        let unit = match q["unit"].as_str().unwrap_or_default() {
            "-" => normalized.to_string(),
            unit => unit.to_string(),
        };
        let counted_unit = !normalized.split([' ', '-']).any(|w| {
            NOT_COUNTED_UNITS
                .iter()
                .any(|n| w.starts_with(n) || w.ends_with(n))
        });
        let count = q["noun_unit"].as_bool() == Some(true)
            && counted_unit
            && low >= 2.0
            && plural(&unit, text);
        Some(Gold {
            low,
            high,
            count,
            vague: vague(low, high, text),
            unit,
        })
    }

    fn matches(&self, row: &Row) -> bool {
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-6 * a.abs().max(1.0);
        close(row.value, self.low)
            || close(row.value, self.high)
            || (self.low..=self.high).contains(&row.value)
    }

    fn show(&self) -> String {
        match self.low == self.high {
            true => format!("{} {}", self.low, self.unit),
            false => format!("{}..{} {}", self.low, self.high, self.unit),
        }
    }
}

/// Whether a unit ends in a plural noun: "-s" ("Model 3s"), "-men", or a
/// plural without either; or the sentence writes its last word with an "s"
/// (the data sometimes gives the unit in the singular: "option" for "two
/// gas-only powertrain options").
fn plural(unit: &str, text: &str) -> bool {
    let last = unit.split_whitespace().last().unwrap_or_default();
    let lower = last.to_lowercase();
    lower.ends_with('s')
        || lower.ends_with("men")
        || ["people", "children", "staff", "personnel", "police"].contains(&lower.as_str())
        || text.contains(&format!("{last}s"))
}

/// The data's valuation of a vague word: "thousands of" as 1,000 to 10,000,
/// "tens of thousands" as 10,000 to 100,000, "dozens" as 12.
fn vague(low: f64, high: f64, text: &str) -> bool {
    let power_of_ten = |v: f64| v >= 10.0 && (v.log10() - v.log10().round()).abs() < 1e-9;
    let decade = power_of_ten(low) && (high - 10.0 * low).abs() < 1e-6;
    decade || (low == 12.0 && high == 12.0 && text.to_lowercase().contains("dozens"))
}

/// A count row: its span, value (the lower end of a range) and whether it is vague.
struct Row {
    span: String,
    value: f64,
    value_max: Option<f64>,
    vague: bool,
}

fn cell(c: &Claim, column: &str) -> String {
    claimex::table::cells::text(c, column).unwrap_or_default()
}

fn ratio(a: usize, b: usize) -> f64 {
    a as f64 / b.max(1) as f64
}

#[test]
fn newsquant_counts() {
    let Some(file) = eval_file() else {
        assert!(
            std::env::var_os("CLAIMEX_REQUIRE_EVAL").is_none(),
            "CLAIMEX_REQUIRE_EVAL is set but NewsQuant is not at ../shared/eval/newsquant-dev or $CLAIMEX_EVAL_DIR/newsquant-dev"
        );
        println!(
            "SKIPPED: NewsQuant is not at ../shared/eval/newsquant-dev; set CLAIMEX_EVAL_DIR to the folder that holds newsquant-dev/"
        );
        return;
    };
    let engine = Engine::new(Rules::embedded().unwrap());
    // The sentences carry no date; a fixed one keeps the run the same every day.
    let published = NaiveDate::from_ymd_opt(2023, 1, 1);
    let (mut gold_total, mut found) = (0, 0);
    let (mut rows_total, mut rows_right) = (0, 0);
    let (mut vague_gold, mut vague_found) = (0, 0);
    let mut failures = Vec::new();
    for line in std::fs::read_to_string(file).unwrap().lines() {
        let doc: Value = serde_json::from_str(line).unwrap();
        let id = doc["id"].as_str().unwrap();
        let text = doc["text"].as_str().unwrap();
        let gold: Vec<Gold> = doc["quantities"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|q| Gold::of(q, text))
            .collect();
        let rows: Vec<Row> = engine
            .extract(&Article::new(id, text).with_published(published))
            .iter()
            .filter(|c| c.body.kind() == Kind::Count)
            .filter_map(|c| {
                Some(Row {
                    span: text.get(c.start..c.end)?.to_string(),
                    value: cell(c, "value").parse().ok()?,
                    value_max: cell(c, "value_max").parse().ok(),
                    vague: cell(c, "approx") == "vague",
                })
            })
            .filter(|r| r.value >= 2.0)
            .collect();
        let show_rows = |rows: &[&Row]| {
            rows.iter()
                .map(|r| match r.value_max {
                    Some(max) => format!("{} = {}..{max}", r.span, r.value),
                    None => format!("{} = {}", r.span, r.value),
                })
                .collect::<Vec<_>>()
                .join(" | ")
        };
        let counts: Vec<&Gold> = gold.iter().filter(|g| g.count).collect();
        for g in &counts {
            let over: Vec<&Row> = rows.iter().filter(|r| g.matches(r)).collect();
            if g.vague {
                vague_gold += 1;
                vague_found += usize::from(!over.is_empty());
                continue;
            }
            gold_total += 1;
            match over.is_empty() {
                false => found += 1,
                true => failures.push(Failure {
                    id: format!("{id}/missed/{}", g.low),
                    text: text.to_string(),
                    expected: g.show(),
                    got: show_rows(&rows.iter().collect::<Vec<_>>()),
                }),
            }
        }
        for r in rows.iter().filter(|r| !r.vague) {
            rows_total += 1;
            match counts.iter().any(|g| !g.vague && g.matches(r)) {
                true => rows_right += 1,
                false => failures.push(Failure {
                    id: format!("{id}/false/{}", r.value),
                    text: text.to_string(),
                    expected: "no count".into(),
                    got: show_rows(&[r]),
                }),
            }
        }
    }
    let precision = ratio(rows_right, rows_total);
    let recall = ratio(found, gold_total);
    println!(
        "NewsQuant counts: {gold_total} annotated counts, {rows_total} count rows; precision {precision:.3}, recall {recall:.3}; vague words (not scored): {vague_found} of {vague_gold} matched"
    );
    assert!(
        precision >= PRECISION_FLOOR,
        "precision {precision:.3} < {PRECISION_FLOOR}"
    );
    assert!(
        recall >= RECALL_FLOOR,
        "recall {recall:.3} < {RECALL_FLOOR}"
    );
    reviewed::check(FAILURES, &failures);
}
