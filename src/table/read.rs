//! Reading a claims table back (`compare --claims FILE`): the CSV, TSV or
//! JSONL that `extract` writes, perhaps edited by hand in a spreadsheet.
//!
//! Columns are found by name, in any order; the caller names the ones it
//! needs, and a table without one of them is an error; other columns left out
//! are empty. A row that cannot be read (fewer or more cells than the header,
//! a cell that is not what its column holds) is reported with its line and
//! skipped; the rest are read. A table cut short (its last line without the
//! line break every row ends with, or inside a quoted cell) has its last row
//! reported, not taken as whole. The leading apostrophe `extract` puts before
//! a cell a spreadsheet would take for a formula is taken off again.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;

use serde_json::Value;

use super::cells::without_spreadsheet_guard;
use crate::model::{
    Approx, Attribution, Body, COLUMNS, Claim, Count, DateExpr, DateKind, Decimal, Kind,
    Provenance, Quote, QuoteKind, SourceError, Timex, UnknownName, When, parse_published_at,
};

/// Reads every claim in `path`, handing each to `claim` and each bad row to
/// `bad`. Fails as a whole if the file cannot be read, has no header, or
/// lacks one of the `needed` columns (besides `kind`).
pub fn read_claims(
    path: &Path,
    needed: &[&str],
    mut claim: impl FnMut(Claim),
    mut bad: impl FnMut(SourceError),
) -> Result<(), SourceError> {
    let name = path.display().to_string();
    let cannot = |e: io::Error| SourceError::new(&name, None, format!("cannot read: {e}"));
    let shape = Shape::of(File::open(path).map_err(cannot)?).map_err(cannot)?;
    let file = File::open(path).map_err(cannot)?;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut reading = Reading {
        name: &name,
        needed,
        shape,
        claim: &mut claim,
        bad: &mut bad,
    };
    match extension.as_str() {
        "jsonl" | "ndjson" | "json" => reading.jsonl(BufReader::new(file)),
        "tsv" | "tab" => reading.delimited(file, b'\t'),
        _ => reading.delimited(file, b','),
    }
}

/// What a table's bytes say of how it ends.
struct Shape {
    /// The file ends with a line break (or is empty).
    ends_with_line_break: bool,
    /// Its quotation marks pair up: an odd count means it ends inside a
    /// quoted cell (in CSV and TSV, a mark in a cell is doubled).
    quotes_paired: bool,
}

impl Shape {
    fn of(mut file: File) -> io::Result<Shape> {
        let mut buf = vec![0u8; 1 << 16];
        let (mut last, mut quotes) = (None, 0usize);
        loop {
            let n = file.read(&mut buf)?;
            if n == 0 {
                break;
            }
            quotes += buf[..n].iter().filter(|&&b| b == b'"').count();
            last = Some(buf[n - 1]);
        }
        Ok(Shape {
            ends_with_line_break: last.is_none_or(|b| b == b'\n'),
            quotes_paired: quotes % 2 == 0,
        })
    }
}

/// One table being read.
struct Reading<'a, C, B> {
    name: &'a str,
    needed: &'a [&'a str],
    shape: Shape,
    claim: &'a mut C,
    bad: &'a mut B,
}

impl<C: FnMut(Claim), B: FnMut(SourceError)> Reading<'_, C, B> {
    fn error(&mut self, line: u64, message: impl Into<String>) {
        (self.bad)(SourceError::new(self.name, Some(line as usize), message));
    }

    /// The needed columns a table's columns lack.
    fn lacking<'c>(&self, columns: impl Iterator<Item = &'c str> + Clone) -> Vec<&str> {
        self.needed
            .iter()
            .copied()
            .filter(|n| !columns.clone().any(|c| c == *n))
            .collect()
    }

    fn delimited(&mut self, file: File, delimiter: u8) -> Result<(), SourceError> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .from_reader(file);
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| SourceError::new(self.name, Some(1), format!("no header row: {e}")))?
            .iter()
            // A spreadsheet may save the table with a byte-order mark.
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
            .collect();
        if !headers.iter().any(|h| h == "kind") {
            return Err(SourceError::new(
                self.name,
                Some(1),
                "no `kind` column: not a claims table (expected the columns `extract` writes)",
            ));
        }
        let lacking = self.lacking(headers.iter().map(String::as_str));
        if !lacking.is_empty() {
            return Err(SourceError::new(
                self.name,
                Some(1),
                format!(
                    "the table lacks the column(s) {} that compare reads",
                    lacking.join(", ")
                ),
            ));
        }
        let cut = !self.shape.ends_with_line_break || !self.shape.quotes_paired;
        // Each row waits for the next: the last of a table cut short is no row.
        let mut waiting: Option<(u64, csv::Result<csv::StringRecord>)> = None;
        let mut records = reader.records();
        loop {
            let next = records.next();
            if let Some((line, record)) = waiting.take() {
                if next.is_none() && cut {
                    self.error(line, "the table ends in the middle of this row (no line break after it, or a quoted cell left open): it was cut short; the row is not read");
                    break;
                }
                self.row(line, record, &headers);
            }
            let Some(record) = next else { break };
            let line = match &record {
                Ok(r) => r.position().map_or(0, |p| p.line()),
                Err(e) => e.position().map_or(0, |p| p.line()),
            };
            waiting = Some((line, record));
        }
        Ok(())
    }

    fn row(&mut self, line: u64, record: csv::Result<csv::StringRecord>, headers: &[String]) {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let message = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!("the row has {len} cells where the header has {expected_len}"),
                    _ => format!("unreadable row: {e}"),
                };
                return self.error(line, message);
            }
        };
        let cells = headers.iter().map(String::as_str).zip(record.iter());
        match from_cells(cells) {
            Ok(c) => (self.claim)(c),
            Err(message) => self.error(line, message),
        }
    }

    fn jsonl(&mut self, reader: impl BufRead) -> Result<(), SourceError> {
        let mut lines = reader.lines().enumerate().peekable();
        while let Some((k, line)) = lines.next() {
            let number = k as u64 + 1;
            let line = match line {
                Ok(l) => l,
                Err(e) => {
                    self.error(number, format!("unreadable line: {e}"));
                    continue;
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            if lines.peek().is_none() && !self.shape.ends_with_line_break {
                self.error(number, "the table ends in the middle of this line (no line break after it): it was cut short; the line is not read");
                break;
            }
            let object = match serde_json::from_str::<Value>(&line) {
                Ok(Value::Object(o)) => o,
                Ok(_) => {
                    self.error(number, "not a JSON object");
                    continue;
                }
                Err(e) => {
                    self.error(number, format!("malformed JSON: {e}"));
                    continue;
                }
            };
            let lacking = self.lacking(object.keys().map(String::as_str));
            if !lacking.is_empty() {
                let message = format!(
                    "the line lacks the key(s) {} that compare reads",
                    lacking.join(", ")
                );
                self.error(number, message);
                continue;
            }
            let cells: Vec<(&str, String)> = object
                .iter()
                .map(|(k, v)| {
                    let text = match v {
                        Value::String(s) => s.clone(),
                        Value::Null => String::new(),
                        other => other.to_string(),
                    };
                    (k.as_str(), text)
                })
                .collect();
            match from_cells(cells.iter().map(|(k, v)| (*k, v.as_str()))) {
                Ok(c) => (self.claim)(c),
                Err(message) => self.error(number, message),
            }
        }
        Ok(())
    }
}

/// A claim from (column, cell) pairs, the spreadsheet guard taken off each
/// cell; unknown columns are ignored, missing ones are empty.
fn from_cells<'a>(cells: impl Iterator<Item = (&'a str, &'a str)>) -> Result<Claim, String> {
    claim_from_cells(cells.map(|(k, v)| (k, without_spreadsheet_guard(v))))
}

/// A claim from (column, text) pairs, each read as the table writes it:
/// figures as plain digits (a spreadsheet's "10,000" too), dates as TIMEX3
/// values, days as `YYYY-MM-DD`; an empty cell is "not known". The error
/// names the column that cannot be read.
pub(crate) fn claim_from_cells<'a>(
    cells: impl Iterator<Item = (&'a str, &'a str)>,
) -> Result<Claim, String> {
    let mut text: [&str; COLUMNS.len()] = [""; COLUMNS.len()];
    for (column, value) in cells {
        if let Some(k) = COLUMNS.iter().position(|&c| c == column) {
            text[k] = value;
        }
    }
    let cell = |name: &str| {
        COLUMNS
            .iter()
            .position(|&c| c == name)
            .map_or("", |k| text[k])
    };
    let kind_cell = cell("kind").trim();
    let kind: Kind = kind_cell
        .parse()
        .map_err(|_| format!("`kind` is `{kind_cell}` (expected quote, count or date)"))?;
    let offset = |name: &str| -> Result<usize, String> {
        let value = cell(name).trim();
        match value.is_empty() {
            true => Ok(0),
            false => value
                .parse()
                .map_err(|_| format!("`{name}` is `{value}`, not a byte offset")),
        }
    };
    let named = |name: &str| cell(name).to_string();
    let optional =
        |name: &str| -> Option<&str> { Some(cell(name).trim()).filter(|v| !v.is_empty()) };
    let timex = |name: &str| -> Result<Option<Timex>, String> {
        optional(name)
            .map(|v| v.parse::<Timex>().map_err(|e| format!("`{name}`: {e}")))
            .transpose()
    };
    let figure = |name: &str| -> Result<Option<Decimal>, String> {
        optional(name)
            .map(|v| {
                // Spreadsheets show figures with separators; a hand-edited
                // "10,000" is 10000.
                v.replace(',', "")
                    .parse::<Decimal>()
                    .map_err(|e| format!("`{name}`: {e}"))
            })
            .transpose()
    };
    fn parsed<T: std::str::FromStr<Err = UnknownName>>(
        name: &str,
        value: Option<&str>,
    ) -> Result<Option<T>, String> {
        value
            .map(|v| v.parse::<T>().map_err(|e| format!("`{name}`: {e}")))
            .transpose()
    }
    let published = optional("published")
        .map(|v| parse_published_at(v).map_err(|e| format!("`published`: {e}")))
        .transpose()?;
    // The time's own column, else one written in the date's cell.
    let (published, time_in_date) = published.unzip();
    let provenance = Provenance {
        doc_id: named("doc_id"),
        source: named("source"),
        outlet: named("outlet"),
        outlet_from: parsed("outlet_from", optional("outlet_from"))?.unwrap_or_default(),
        wire: named("wire"),
        published,
        published_from: parsed("published_from", optional("published_from"))?.unwrap_or_default(),
        published_time: match optional("published_time") {
            Some(time) => time.to_string(),
            None => time_in_date.unwrap_or_default(),
        },
    };
    let attribution = Attribution {
        speaker: named("speaker"),
        speaker_role: named("speaker_role"),
        speaker_mention: named("speaker_mention"),
        cue: named("cue"),
        cue_class: parsed("cue_class", optional("cue_class"))?,
    };
    let when_value = timex("when")?;
    let when_text = cell("when_text");
    let when = (when_value.is_some() || !when_text.is_empty()).then(|| When {
        value: when_value,
        text: when_text.to_string(),
    });
    let body = match kind {
        Kind::Quote => Body::Quote(Quote {
            kind: parsed("subtype", optional("subtype"))?.unwrap_or(QuoteKind::Direct),
            said: named("value"),
        }),
        Kind::Count => Body::Count(Count {
            value: figure("value")?,
            value_max: figure("value_max")?,
            approx: parsed("approx", optional("approx"))?.unwrap_or(Approx::Exact),
            unit: named("unit"),
            concept: named("concept"),
            subtype: named("subtype"),
            actor: named("actor"),
            event: parsed("event", optional("event"))?,
            scope: parsed("scope", optional("scope"))?,
            as_of: timex("as_of")?,
        }),
        Kind::Date => Body::Date(DateExpr {
            kind: parsed("subtype", optional("subtype"))?.unwrap_or(DateKind::Date),
            value: timex("value")?,
            value_max: timex("value_max")?,
        }),
    };
    Ok(Claim {
        provenance: Arc::new(provenance),
        text: named("text"),
        start: offset("start")?,
        end: offset("end")?,
        sentence: named("sentence"),
        rule: cell("rule").into(),
        attribution,
        when,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{Format, TableWriter};
    use crate::{Article, Engine, Rules};

    /// Every claim of the samples, written in each format and read back, is
    /// the claim that was written.
    #[test]
    fn a_written_table_reads_back_as_the_same_claims() {
        let engine = Engine::new(Rules::embedded().unwrap());
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
        let mut claims = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let text = std::fs::read_to_string(&path).unwrap();
                let article = Article::new("seed", text)
                    .with_published(chrono::NaiveDate::from_ymd_opt(2024, 11, 4))
                    .with_outlet(Some("=Outlet".into()));
                claims.extend(engine.extract(&article));
            }
        }
        assert!(claims.len() > 100);
        let tmp = tempfile::tempdir().unwrap();
        for (format, name) in [
            (Format::Csv, "t.csv"),
            (Format::Tsv, "t.tsv"),
            (Format::Jsonl, "t.jsonl"),
        ] {
            let mut w = TableWriter::new(Vec::new(), format, false).unwrap();
            for c in &claims {
                w.write(c).unwrap();
            }
            let path = tmp.path().join(name);
            std::fs::write(&path, w.finish().unwrap()).unwrap();
            let mut read = Vec::new();
            read_claims(&path, &COLUMNS, |c| read.push(c), |e| panic!("{e}")).unwrap();
            assert_eq!(read.len(), claims.len(), "{name}");
            for (got, want) in read.iter().zip(&claims) {
                assert_eq!(got, want, "{name}");
            }
        }
    }

    #[test]
    fn a_cell_that_cannot_be_read_names_its_column() {
        let read = |cells: &[(&str, &str)]| claim_from_cells(cells.iter().copied());
        let count = |value| read(&[("kind", "count"), ("value", value)]);
        assert_eq!(
            count("10,000").unwrap().count().unwrap().value,
            Some(Decimal::from_int(10_000))
        );
        assert_eq!(
            count("about 10k").unwrap_err(),
            "`value`: `about 10k` is not a number"
        );
        assert!(
            read(&[("kind", "date"), ("value", "2024-13-45")])
                .unwrap_err()
                .starts_with("`value`")
        );
        assert!(
            read(&[("kind", "date"), ("subtype", "Duration")])
                .unwrap_err()
                .starts_with("`subtype`")
        );
        assert!(
            read(&[("kind", "quote"), ("published", "Nov 4")])
                .unwrap_err()
                .starts_with("`published`")
        );
        assert_eq!(
            read(&[("kind", "money")]).unwrap_err(),
            "`kind` is `money` (expected quote, count or date)"
        );
        // Columns a table was edited down to leave the rest unknown.
        let quote = read(&[("kind", "quote")]).unwrap();
        assert_eq!(quote.quote().unwrap().kind, QuoteKind::Direct);
    }
}
