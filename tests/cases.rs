//! Behaviour expectations as data: the cases in `tests/data/*.toml`, each an
//! input text and the claims expected of it, run through the library's engine
//! with its prefilter and without it. Both engines must give identical rows,
//! and the rows must meet every expectation of the case.
//!
//! A case file holds `[[case]]` tables:
//!
//! ```toml
//! [[case]]
//! text = "Officials met Monday."     # the article (or `samples = true`)
//! published = "2024-11-04"           # its reference date, if any
//! outlet = "Example Daily"           # its outlet, if given
//! expect = [{ kind = "date", text = "Monday", value = "2024-11-04" }]
//! reject = [{ kind = "count" }]
//! ```
//!
//! - `samples = true` instead of `text`: the five bundled samples, each with
//!   its outlet and date from `samples/manifest.csv` and its file stem as
//!   `doc_id`, rows in path order: the rows `claimex extract samples
//!   --manifest samples/manifest.csv` writes, but for the columns that say
//!   where the input came from (`source`, `published_from`, `outlet_from`;
//!   `seeds::the_library_reads_the_samples_as_the_binary_does` checks it).
//! - `expect`: each entry is found, that is some row matches it on every
//!   column it names; with `times = N`, exactly N rows match it.
//! - `reject`: no row matches any entry.
//! - `only`: a pattern; the rows matching it are exactly the `expect` entries,
//!   one for one and in order.
//!
//! A column's wanted value is its exact text, or one of `{ prefix = "..." }`,
//! `{ contains = "..." }`, `{ not = "..." }` (anything but this text; `{ not =
//! "" }` is "not empty"). Columns are those of the claims table (see
//! `util::engine::columns`); a name that is not one is an error, as is a case
//! that expects nothing.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::util::Row;
use crate::util::engine::{columns, engine_rows, sample_rows};

/// Every case file, each run by the test of its name below.
const FILES: [&str; 5] = [
    "counts.toml",
    "dates.toml",
    "events.toml",
    "quotes.toml",
    "seeds.toml",
];

#[test]
fn counts() {
    run_file("counts.toml");
}

#[test]
fn dates() {
    run_file("dates.toml");
}

#[test]
fn events() {
    run_file("events.toml");
}

#[test]
fn quotes() {
    run_file("quotes.toml");
}

#[test]
fn seeds() {
    run_file("seeds.toml");
}

#[test]
fn every_case_file_is_run() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".toml"))
        .collect();
    on_disk.sort();
    assert_eq!(
        on_disk, FILES,
        "add a test for each case file in tests/data"
    );
}

/// The runner reports a failing case with its file and line, its text and
/// the rows found; and a reject, an `only` list or a `times` that does not
/// hold fails the case.
#[test]
fn a_failing_case_names_its_file_text_and_rows() {
    let failures = check_file(
        "inline.toml",
        r#"
[[case]]
text = "Officials said 500 troops left on Monday."
published = "2024-11-06"
expect = [{ kind = "count", value = "600" }]

[[case]]
text = "Officials said 500 troops left on Monday."
reject = [{ kind = "count", unit = { prefix = "troop" } }]

[[case]]
text = "Officials said 500 troops left on Monday."
only = { kind = "date" }
expect = [{ text = "Monday" }, { text = "Monday" }]

[[case]]
text = "Officials said 500 troops left on Monday."
expect = [{ kind = "count", times = 2 }, { kind = "count", value = { not = "500" } }]

[[case]]
text = "Officials said 500 troops left on Monday."
published = "2024-11-06"
expect = [{ value = "500", unit = "troops" }]
only = { kind = "count", text = { contains = "troops" } }
"#,
    );
    assert_eq!(failures.len(), 4, "{failures:#?}");
    let first = &failures[0];
    for want in [
        "inline.toml:2:",
        "Officials said 500 troops left on Monday.",
        "value: \"600\"",
        "500",
    ] {
        assert!(first.contains(want), "{want:?} not in:\n{first}");
    }
    assert!(failures[1].contains("rejected"), "{}", failures[1]);
    assert!(
        failures[2].contains("2 expected, 1 found"),
        "{}",
        failures[2]
    );
    assert!(failures[3].contains("2 times"), "{}", failures[3]);
    // A misspelt column is an error, not a pattern that never matches.
    let failures = check_file(
        "typo.toml",
        "[[case]]\ntext = \"x\"\nreject = [{ knid = \"count\" }]\n",
    );
    assert!(
        failures.len() == 1 && failures[0].contains("unknown column `knid`"),
        "{failures:?}"
    );
}

fn run_file(name: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let failures = check_file(&format!("tests/data/{name}"), &text);
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    case: Vec<toml::Spanned<Case>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    text: Option<String>,
    #[serde(default)]
    samples: bool,
    published: Option<String>,
    outlet: Option<String>,
    #[serde(default)]
    expect: Vec<Expect>,
    #[serde(default)]
    reject: Vec<Pattern>,
    only: Option<Pattern>,
}

/// Column -> wanted value.
type Pattern = BTreeMap<String, Want>;

#[derive(Deserialize)]
struct Expect {
    times: Option<usize>,
    #[serde(flatten)]
    pattern: Pattern,
}

#[derive(Deserialize, Debug, Clone)]
#[serde(untagged)]
enum Want {
    Is(String),
    Op(Op),
}

#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
struct Op {
    prefix: Option<String>,
    contains: Option<String>,
    not: Option<String>,
}

impl Want {
    fn matches(&self, cell: &str) -> bool {
        match self {
            Want::Is(s) => cell == s,
            Want::Op(op) => {
                op.prefix
                    .as_ref()
                    .is_none_or(|p| cell.starts_with(p.as_str()))
                    && op
                        .contains
                        .as_ref()
                        .is_none_or(|c| cell.contains(c.as_str()))
                    && op.not.as_ref().is_none_or(|n| cell != n)
            }
        }
    }

    fn show(&self) -> String {
        match self {
            Want::Is(s) => format!("{s:?}"),
            Want::Op(Op {
                prefix,
                contains,
                not,
            }) => [("prefix", prefix), ("contains", contains), ("not", not)]
                .iter()
                .filter_map(|(name, v)| v.as_ref().map(|v| format!("{name} {v:?}")))
                .collect::<Vec<_>>()
                .join(" and "),
        }
    }
}

fn matches(pattern: &Pattern, row: &Row) -> bool {
    pattern
        .iter()
        .all(|(column, want)| want.matches(row.get(column).map_or("", String::as_str)))
}

fn show(pattern: &Pattern) -> String {
    let fields: Vec<String> = pattern
        .iter()
        .map(|(column, want)| format!("{column}: {}", want.show()))
        .collect();
    format!("{{{}}}", fields.join(", "))
}

impl Case {
    fn rows(&self, prefilter: bool) -> Vec<Row> {
        match &self.text {
            Some(text) => engine_rows(
                "case",
                text,
                self.published.as_deref(),
                self.outlet.as_deref(),
                prefilter,
            ),
            None => sample_rows(prefilter).to_vec(),
        }
    }

    fn describe(&self) -> String {
        let mut out = match &self.text {
            Some(text) => format!("text {text:?}"),
            None => "the bundled samples with their manifest".to_string(),
        };
        if let Some(p) = &self.published {
            let _ = write!(out, ", published {p}");
        }
        if let Some(o) = &self.outlet {
            let _ = write!(out, ", outlet {o:?}");
        }
        out
    }

    /// What is wrong with the case itself, before it runs.
    fn problems(&self) -> Vec<String> {
        static COLUMNS: LazyLock<Vec<String>> = LazyLock::new(columns);
        let mut out = Vec::new();
        if self.text.is_some() == self.samples {
            out.push("give either `text` or `samples = true`".to_string());
        }
        if self.samples && (self.published.is_some() || self.outlet.is_some()) {
            out.push("the samples take outlet and date from their manifest".to_string());
        }
        if self.expect.is_empty() && self.reject.is_empty() && self.only.is_none() {
            out.push("the case expects nothing".to_string());
        }
        if self.only.is_some() && self.expect.iter().any(|e| e.times.is_some()) {
            out.push("`times` has no meaning in an `only` list".to_string());
        }
        let patterns = self
            .expect
            .iter()
            .map(|e| &e.pattern)
            .chain(&self.reject)
            .chain(&self.only);
        for pattern in patterns {
            for (column, want) in pattern {
                if !COLUMNS.contains(column) {
                    out.push(format!("unknown column `{column}`"));
                }
                if let Want::Op(op) = want {
                    let given = [&op.prefix, &op.contains, &op.not];
                    if given.iter().filter(|v| v.is_some()).count() != 1 {
                        out.push(format!("{column}: give one of `prefix`, `contains`, `not`"));
                    }
                }
            }
        }
        out
    }

    /// Every expectation of the case that the rows do not meet.
    fn misses(&self, rows: &[Row]) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(only) = &self.only {
            let chosen: Vec<&Row> = rows.iter().filter(|r| matches(only, r)).collect();
            let columns = shown_columns(self.expect.iter().map(|e| &e.pattern).chain([only]));
            let wrong = chosen.len() != self.expect.len()
                || chosen
                    .iter()
                    .zip(&self.expect)
                    .any(|(row, e)| !matches(&e.pattern, row));
            if wrong {
                let wanted: Vec<String> = self.expect.iter().map(|e| show(&e.pattern)).collect();
                out.push(format!(
                    "the rows matching {} are not, in order, the ones expected ({} expected, {} found)\n  expected:\n    {}\n  rows found:\n{}",
                    show(only),
                    self.expect.len(),
                    chosen.len(),
                    wanted.join("\n    "),
                    table(&chosen, &columns)
                ));
            }
        } else {
            for e in &self.expect {
                let found: Vec<&Row> = rows.iter().filter(|r| matches(&e.pattern, r)).collect();
                let ok = match e.times {
                    Some(n) => found.len() == n,
                    None => !found.is_empty(),
                };
                if !ok {
                    let times = e.times.map(|n| format!(" {n} times")).unwrap_or_default();
                    // The rows that match, else the rows it might have meant.
                    let shown = match found.is_empty() {
                        true => near(rows, &e.pattern),
                        false => found.clone(),
                    };
                    out.push(format!(
                        "expected a row{times} with {}, found {}\n  rows found:\n{}",
                        show(&e.pattern),
                        found.len(),
                        table(&shown, &shown_columns([&e.pattern]))
                    ));
                }
            }
        }
        for pattern in &self.reject {
            let found: Vec<&Row> = rows.iter().filter(|r| matches(pattern, r)).collect();
            if !found.is_empty() {
                out.push(format!(
                    "rejected {}, found\n{}",
                    show(pattern),
                    table(&found, &shown_columns([pattern]))
                ));
            }
        }
        out
    }
}

/// The rows worth showing beside a pattern that failed: those of its kind and
/// document (when it names them), else all.
fn near<'r>(rows: &'r [Row], pattern: &Pattern) -> Vec<&'r Row> {
    let narrow: Pattern = pattern
        .iter()
        .filter(|(column, _)| matches!(column.as_str(), "kind" | "doc_id"))
        .map(|(column, want)| (column.clone(), want.clone()))
        .collect();
    rows.iter().filter(|r| matches(&narrow, r)).collect()
}

/// `doc_id`, `kind` and `text`, then the other columns the patterns name.
fn shown_columns<'p>(patterns: impl IntoIterator<Item = &'p Pattern>) -> Vec<String> {
    let mut columns: Vec<String> = ["doc_id", "kind", "text"].map(String::from).to_vec();
    for pattern in patterns {
        for column in pattern.keys() {
            if !columns.contains(column) {
                columns.push(column.clone());
            }
        }
    }
    columns
}

fn table(rows: &[&Row], columns: &[String]) -> String {
    if rows.is_empty() {
        return "    (none)".to_string();
    }
    rows.iter()
        .map(|row| {
            let cells: Vec<String> = columns
                .iter()
                .map(|c| format!("{c}={:?}", row.get(c).map_or("", String::as_str)))
                .collect();
            format!("    {}", cells.join(" "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs every case of a case file; one report per failing case.
fn check_file(name: &str, text: &str) -> Vec<String> {
    let file: CaseFile = match toml::from_str(text) {
        Ok(file) => file,
        Err(e) => return vec![format!("{name}: {e}")],
    };
    let line_of = |offset: usize| text[..offset].matches('\n').count() + 1;
    let mut failures = Vec::new();
    for spanned in &file.case {
        let case = spanned.get_ref();
        let at = format!("{name}:{}", line_of(spanned.span().start));
        let problems = case.problems();
        if !problems.is_empty() {
            failures.push(format!("{at}: a bad case: {}", problems.join("; ")));
            continue;
        }
        let with = case.rows(true);
        let without = case.rows(false);
        let mut report = Vec::new();
        if with != without {
            let k = with
                .iter()
                .zip(&without)
                .position(|(a, b)| a != b)
                .unwrap_or(with.len().min(without.len()));
            report.push(format!(
                "the engines disagree ({} rows with the prefilter, {} without); first difference at row {k}:\n    with:    {:?}\n    without: {:?}",
                with.len(),
                without.len(),
                with.get(k),
                without.get(k)
            ));
        }
        report.extend(case.misses(&with));
        if !report.is_empty() {
            failures.push(format!(
                "{at}: case on {}\n  {}",
                case.describe(),
                report.join("\n  ")
            ));
        }
    }
    failures
}
