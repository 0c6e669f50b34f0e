//! Writing the claims table: CSV, TSV, JSONL or an XLSX workbook.

use std::io::{self, Write};

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::cells::{spreadsheet_safe, texts, typed_cells};
use super::xlsx::{self, Sheet};
use crate::model::{COLUMNS, Claim};

/// Output formats of the claims table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Tsv,
    Jsonl,
    Xlsx,
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
                // An I/O error keeps its kind: a closed pipe ends the run quietly.
                serde_json::to_writer(&mut *w, &JsonRow(claim)).map_err(io::Error::from)?;
                w.write_all(b"\n")
            }
            Sink::Delimited(w) => {
                for cell in texts(claim) {
                    match self.raw {
                        true => w.write_field(cell.as_bytes()),
                        false => w.write_field(spreadsheet_safe(&cell).as_bytes()),
                    }
                    .map_err(csv_io)?;
                }
                w.write_record(None::<&[u8]>).map_err(csv_io)
            }
            Sink::Xlsx(sheet, _) => sheet.push(&typed_cells(claim)).map_err(xlsx::xlsx_io),
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

/// A claim as one JSON object: every column as a string, in `COLUMNS`
/// order, but the offsets as numbers.
struct JsonRow<'a>(&'a Claim);

impl Serialize for JsonRow<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(COLUMNS.len()))?;
        for (column, text) in COLUMNS.iter().zip(texts(self.0)) {
            match *column {
                "start" => map.serialize_entry(column, &self.0.start)?,
                "end" => map.serialize_entry(column, &self.0.end)?,
                _ => map.serialize_entry(column, &*text)?,
            }
        }
        map.end()
    }
}

/// A CSV error as an I/O error, keeping the kind of an I/O one: a closed pipe
/// must read as such.
pub(crate) fn csv_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Body, Quote, QuoteKind};

    fn sample() -> Claim {
        let mut c = Claim::new(Body::Quote(Quote {
            kind: QuoteKind::Direct,
            said: "=HYPERLINK(\"x\")".into(),
        }));
        c.text = "“=HYPERLINK”".into();
        c.start = 3;
        c.end = 9;
        c
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
        assert_eq!(v["start"], 3);
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
