//! Reading a claims table back (`compare --claims FILE`): the CSV, TSV or
//! JSONL that `extract` writes, perhaps edited by hand in a spreadsheet.
//!
//! Columns are found by name, in any order; missing ones are empty. A row that
//! cannot be read is reported with its line and skipped; the rest are read.
//! The leading apostrophe `extract` puts before a cell a spreadsheet would
//! take for a formula is taken off again.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use serde_json::Value;

use super::without_spreadsheet_guard;
use crate::model::SourceError;
use crate::model::{Claim, Kind};

/// Reads every claim in `path`, handing each to `claim` and each bad row to
/// `bad`. Fails as a whole only if the file cannot be opened or has no header.
pub fn read_claims(
    path: &Path,
    mut claim: impl FnMut(Claim),
    mut bad: impl FnMut(SourceError),
) -> Result<(), SourceError> {
    let name = path.display().to_string();
    let file =
        File::open(path).map_err(|e| SourceError::new(&name, None, format!("cannot read: {e}")))?;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match extension.as_str() {
        "jsonl" | "ndjson" | "json" => {
            read_jsonl(&name, BufReader::new(file), &mut claim, &mut bad)
        }
        "tsv" | "tab" => read_delimited(&name, file, b'\t', &mut claim, &mut bad),
        _ => read_delimited(&name, file, b',', &mut claim, &mut bad),
    }
}

fn read_delimited(
    name: &str,
    file: File,
    delimiter: u8,
    claim: &mut impl FnMut(Claim),
    bad: &mut impl FnMut(SourceError),
) -> Result<(), SourceError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(file);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| SourceError::new(name, Some(1), format!("no header row: {e}")))?
        .iter()
        // A spreadsheet may save the table with a byte-order mark.
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    if !headers.iter().any(|h| h == "kind") {
        return Err(SourceError::new(
            name,
            Some(1),
            "no `kind` column: not a claims table (expected the columns `extract` writes)",
        ));
    }
    for (k, record) in reader.records().enumerate() {
        let line = k + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                bad(SourceError::new(
                    name,
                    Some(line),
                    format!("unreadable row: {e}"),
                ));
                continue;
            }
        };
        let cells = headers.iter().map(String::as_str).zip(record.iter());
        match from_cells(cells) {
            Ok(c) => claim(c),
            Err(message) => bad(SourceError::new(name, Some(line), message)),
        }
    }
    Ok(())
}

fn read_jsonl(
    name: &str,
    reader: impl BufRead,
    claim: &mut impl FnMut(Claim),
    bad: &mut impl FnMut(SourceError),
) -> Result<(), SourceError> {
    for (k, line) in reader.lines().enumerate() {
        let number = k + 1;
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                bad(SourceError::new(
                    name,
                    Some(number),
                    format!("unreadable line: {e}"),
                ));
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let object = match serde_json::from_str::<Value>(&line) {
            Ok(Value::Object(o)) => o,
            Ok(_) => {
                bad(SourceError::new(name, Some(number), "not a JSON object"));
                continue;
            }
            Err(e) => {
                bad(SourceError::new(
                    name,
                    Some(number),
                    format!("malformed JSON: {e}"),
                ));
                continue;
            }
        };
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
            Ok(c) => claim(c),
            Err(message) => bad(SourceError::new(name, Some(number), message)),
        }
    }
    Ok(())
}

/// A claim from (column, cell) pairs; unknown columns are ignored.
fn from_cells<'a>(cells: impl Iterator<Item = (&'a str, &'a str)>) -> Result<Claim, String> {
    let cells: Vec<(&str, &str)> = cells.collect();
    let kind_cell = cells
        .iter()
        .find(|(k, _)| *k == "kind")
        .map_or("", |(_, v)| v.trim());
    let kind = Kind::parse(kind_cell)
        .ok_or_else(|| format!("`kind` is `{kind_cell}` (expected quote, count or date)"))?;
    let mut c = Claim::empty(kind);
    for (column, value) in cells {
        let value = without_spreadsheet_guard(value);
        match column {
            "start" | "end" if !value.trim().is_empty() => {
                let n: usize = value
                    .trim()
                    .parse()
                    .map_err(|_| format!("`{column}` is `{value}`, not a byte offset"))?;
                match column {
                    "start" => c.start = n,
                    _ => c.end = n,
                }
            }
            _ => {
                if let Some(slot) = c.field_mut(column) {
                    *slot = value.to_string();
                }
            }
        }
    }
    // Spreadsheets show figures with separators; a hand-edited "10,000" is 10000.
    for slot in [&mut c.value, &mut c.value_max] {
        if kind == Kind::Count && slot.contains(',') {
            *slot = slot.replace(',', "");
        }
    }
    Ok(c)
}
