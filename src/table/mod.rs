//! Table writers: CSV, TSV, JSONL and XLSX, with spreadsheet-safe cells.

mod read;
pub mod xlsx;

pub use read::read_claims;

use std::borrow::Cow;
use std::io::{self, Write};

use crate::model::{COLUMNS, Claim, Kind};
use xlsx::{Cell, Sheet};

/// Output formats of the claims table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Tsv,
    Jsonl,
    Xlsx,
}

/// A claim's cells for a spreadsheet, in `COLUMNS` order: counts' figures as
/// numbers, full days (`published`, `when`, a date's `value`) as dates,
/// offsets as numbers, the rest as text.
pub fn claim_cells(c: &Claim) -> Vec<Cell> {
    COLUMNS
        .iter()
        .map(|&column| typed_cell(c, column, c.field(column).unwrap_or_default().into_owned()))
        .collect()
}

/// One cell of a column that a claim's table shares (the claims table, or
/// `compare`'s), typed as `claim_cells` says; other columns are text.
pub fn typed_cell(c: &Claim, column: &str, text: String) -> Cell {
    match column {
        "value" | "value_max" if c.kind == Kind::Count => Cell::number_or_text(&text),
        "value" | "value_max" if c.kind == Kind::Date && c.subtype == "date" => {
            Cell::date_or_text(&text)
        }
        "published" | "when" => Cell::date_or_text(&text),
        "start" | "end" => Cell::number_or_text(&text),
        _ => Cell::Text(text),
    }
}

/// Makes a text cell inert in a spreadsheet: a cell that Excel, LibreOffice or
/// Google Sheets would read as a formula (starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return) gets a leading apostrophe, which spreadsheets show as
/// nothing and treat as "this is text" (the OWASP CSV-injection advice). A lone
/// `-` or `+` (standard input's name) cannot be a formula and is left alone.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    match cell.as_bytes() {
        b"-" | b"+" => Cow::Borrowed(cell),
        [b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r', ..] => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// The cell `spreadsheet_safe` was given: its apostrophe taken off again, for
/// a table read back.
pub fn without_spreadsheet_guard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if matches!(spreadsheet_safe(rest), Cow::Owned(_)) => rest,
        _ => cell,
    }
}

enum Sink<W: Write> {
    Delimited(Box<csv::Writer<W>>),
    Jsonl(io::BufWriter<W>),
    /// A workbook is built whole, then written.
    Xlsx(Box<Sheet>, W),
}

/// Writes claims as a table, one row at a time.
pub struct TableWriter<W: Write> {
    sink: Sink<W>,
    /// Write cells as they are, without spreadsheet escaping.
    raw: bool,
}

impl<W: Write> TableWriter<W> {
    /// A writer; CSV and TSV get their header row at once.
    pub fn new(out: W, format: Format, raw: bool) -> io::Result<Self> {
        let sink = match format {
            Format::Jsonl => Sink::Jsonl(io::BufWriter::with_capacity(1 << 16, out)),
            Format::Xlsx => {
                let sheet = Sheet::new("Claims", &COLUMNS).map_err(xlsx::xlsx_io)?;
                Sink::Xlsx(Box::new(sheet), out)
            }
            Format::Csv | Format::Tsv => {
                let mut w = csv::WriterBuilder::new()
                    .delimiter(if format == Format::Tsv { b'\t' } else { b',' })
                    .buffer_capacity(1 << 16)
                    .from_writer(out);
                w.write_record(COLUMNS).map_err(csv_io)?;
                Sink::Delimited(Box::new(w))
            }
        };
        Ok(TableWriter { sink, raw })
    }

    pub fn write(&mut self, claim: &Claim) -> io::Result<()> {
        match &mut self.sink {
            Sink::Jsonl(w) => {
                serde_json::to_writer(&mut *w, claim).map_err(io::Error::other)?;
                w.write_all(b"\n")
            }
            Sink::Delimited(w) => {
                let (start, end) = (claim.start.to_string(), claim.end.to_string());
                for cell in claim.column_texts(&start, &end) {
                    let cell = match self.raw {
                        true => Cow::Borrowed(cell),
                        false => spreadsheet_safe(cell),
                    };
                    w.write_field(cell.as_bytes()).map_err(csv_io)?;
                }
                w.write_record(None::<&[u8]>).map_err(csv_io)
            }
            Sink::Xlsx(sheet, _) => sheet.push(&claim_cells(claim)).map_err(xlsx::xlsx_io),
        }
    }

    /// Flushes everything written; errors here (a full disk) must not be lost.
    pub fn finish(self) -> io::Result<W> {
        match self.sink {
            Sink::Jsonl(w) => w.into_inner().map_err(|e| e.into_error()),
            Sink::Delimited(w) => w.into_inner().map_err(|e| e.into_error()),
            Sink::Xlsx(sheet, mut out) => {
                out.write_all(&xlsx::workbook(vec![*sheet])?)?;
                out.flush()?;
                Ok(out)
            }
        }
    }
}

fn csv_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    #[test]
    fn formula_cells_are_escaped() {
        assert_eq!(spreadsheet_safe("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(spreadsheet_safe("+1"), "'+1");
        assert_eq!(spreadsheet_safe("-1"), "'-1");
        assert_eq!(spreadsheet_safe("-"), "-");
        assert_eq!(spreadsheet_safe("="), "'=");
        assert_eq!(spreadsheet_safe("@x"), "'@x");
        assert_eq!(spreadsheet_safe("\tx"), "'\tx");
        assert_eq!(spreadsheet_safe("plain"), "plain");
        assert_eq!(spreadsheet_safe(""), "");
    }

    fn sample() -> Claim {
        let mut c = Claim::empty(Kind::Quote);
        c.value = "=HYPERLINK(\"x\")".into();
        c.text = "“=HYPERLINK”".into();
        c.start = 3;
        c.end = 9;
        c
    }

    #[test]
    fn the_guard_comes_off_what_it_put_on() {
        for cell in ["=SUM(A1)", "+1", "-2", "@x", "\tx", "plain", "-", "'quoted"] {
            assert_eq!(without_spreadsheet_guard(&spreadsheet_safe(cell)), cell);
        }
    }

    #[test]
    fn csv_has_header_and_safe_cells() {
        let mut w = TableWriter::new(Vec::new(), Format::Csv, false).unwrap();
        w.write(&sample()).unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        let mut rows = csv::Reader::from_reader(out.as_bytes());
        assert_eq!(
            rows.headers().unwrap().iter().collect::<Vec<_>>(),
            COLUMNS.to_vec()
        );
        let row = rows.records().next().unwrap().unwrap();
        assert_eq!(&row[6], "'=HYPERLINK(\"x\")");
        assert_eq!(&row[17], "3");
    }

    #[test]
    fn raw_and_jsonl_keep_cells_verbatim() {
        let mut w = TableWriter::new(Vec::new(), Format::Tsv, true).unwrap();
        w.write(&sample()).unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        assert!(
            out.lines()
                .nth(1)
                .unwrap()
                .contains("\t\"=HYPERLINK(\"\"x\"\")\"\t")
        );

        let mut w = TableWriter::new(Vec::new(), Format::Jsonl, false).unwrap();
        w.write(&sample()).unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        assert_eq!(v["value"], "=HYPERLINK(\"x\")");
        assert_eq!(v["kind"], "quote");
        let positions: Vec<usize> = COLUMNS
            .iter()
            .map(|c| out.find(&format!("\"{c}\":")).unwrap())
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "JSONL keys out of column order"
        );
    }
}
