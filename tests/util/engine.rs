//! The case runner's one door into the library: an article in, its claims out
//! as table rows (column -> cell text), written by the public table writer.
//! The runner never reads a `Claim` field, so when the library's claim type
//! changes, only this file changes.

use std::sync::{LazyLock, OnceLock};

use claimex::table::{Format, TableWriter};
use claimex::{Article, Engine, Rules};

use super::{Row, parse_jsonl, sample_articles};

/// The default rules, compiled once: with the prefilter, and without it
/// (every rule runs on every sentence).
static ENGINES: LazyLock<(Engine, Engine)> = LazyLock::new(|| {
    let engine = Engine::new(Rules::embedded().expect("the default rules compile"));
    let without = engine.clone().without_prefilter();
    (engine, without)
});

/// The claims the engine finds in one article, as the rows of a JSONL table
/// written as-is (no spreadsheet guard). `published` is `YYYY-MM-DD`; with
/// `published` or `outlet` given, the engine takes them as given (it infers
/// neither), as it does with a manifest's or a JSONL line's.
pub fn engine_rows(
    id: &str,
    text: &str,
    published: Option<&str>,
    outlet: Option<&str>,
    prefilter: bool,
) -> Vec<Row> {
    let published = published.map(|p| {
        chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d")
            .unwrap_or_else(|_| panic!("`{p}` is not a YYYY-MM-DD date"))
    });
    let article = Article::new(id, text)
        .with_published(published)
        .with_outlet(outlet.map(str::to_string));
    let engine = if prefilter { &ENGINES.0 } else { &ENGINES.1 };
    let mut writer = TableWriter::new(Vec::new(), Format::Jsonl, true).expect("a JSONL writer");
    for claim in engine.extract(&article) {
        writer.write(&claim).expect("a claim written to memory");
    }
    let jsonl = writer.finish().expect("the table flushed to memory");
    parse_jsonl(&String::from_utf8(jsonl).expect("the table is UTF-8"))
}

/// The columns of the claims table, in order: the header the CSV writer writes.
pub fn columns() -> Vec<String> {
    let writer = TableWriter::new(Vec::new(), Format::Csv, true).expect("a CSV writer");
    let csv = writer.finish().expect("the header flushed to memory");
    let header = String::from_utf8(csv).expect("the header is UTF-8");
    header.trim_end().split(',').map(str::to_string).collect()
}

/// The rows the engine gives for the bundled samples, each with the
/// manifest's outlet and date, in path order; computed once per engine.
pub fn sample_rows(prefilter: bool) -> &'static [Row] {
    static ROWS: [OnceLock<Vec<Row>>; 2] = [OnceLock::new(), OnceLock::new()];
    ROWS[usize::from(prefilter)].get_or_init(|| {
        sample_articles()
            .iter()
            .flat_map(|s| {
                engine_rows(
                    &s.id,
                    &s.text,
                    s.published.as_deref(),
                    s.outlet.as_deref(),
                    prefilter,
                )
            })
            .collect()
    })
}
