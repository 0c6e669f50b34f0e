//! Excel workbooks: the claims table (and `compare`'s Comparison sheet) with
//! figures as numbers, days as dates, a frozen header, an autofilter, column
//! widths that fit, and long text wrapped. Text is always written as text, so
//! a cell starting with `=` stays inert.

use std::io;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// The most data rows a sheet holds (Excel's 1,048,576 rows, less the header).
pub const MAX_ROWS: usize = 1_048_575;
/// Columns wider than this wrap their text.
const MAX_WIDTH: usize = 60;
/// The most characters an Excel cell holds.
const MAX_CELL_CHARS: usize = 32_767;

/// A cell's value, typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    /// A day: year, month, day.
    Date(u16, u8, u8),
}

impl Cell {
    fn width(&self) -> usize {
        match self {
            Cell::Text(s) => s.chars().count(),
            Cell::Number(n) => n.to_string().len() + 2,
            Cell::Date(..) => 10,
        }
    }
}

/// One worksheet being filled, row by row.
pub struct Sheet {
    worksheet: Worksheet,
    columns: usize,
    rows: usize,
    widths: Vec<usize>,
    date: Format,
    wrap: Format,
    number: Format,
}

impl Sheet {
    pub fn new(name: &str, columns: &[&str]) -> Result<Sheet, XlsxError> {
        let mut worksheet = Worksheet::new();
        worksheet.set_name(name)?;
        let header = Format::new().set_bold();
        for (k, column) in columns.iter().enumerate() {
            worksheet.write_string_with_format(0, col(k), *column, &header)?;
        }
        worksheet.set_freeze_panes(1, 0)?;
        Ok(Sheet {
            worksheet,
            columns: columns.len(),
            rows: 0,
            widths: columns.iter().map(|c| c.len() + 2).collect(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            wrap: Format::new().set_text_wrap(),
            number: Format::new().set_num_format("#,##0.########"),
        })
    }

    /// Appends a row; an error once the sheet is full.
    pub fn push(&mut self, cells: &[Cell]) -> Result<(), XlsxError> {
        if self.rows >= MAX_ROWS {
            return Err(XlsxError::RowColumnLimitError);
        }
        self.rows += 1;
        let row = self.rows as u32;
        for (k, cell) in cells.iter().enumerate().take(self.columns) {
            let c = col(k);
            self.widths[k] = self.widths[k].max(cell.width());
            match cell {
                Cell::Text(s) if s.is_empty() => {}
                Cell::Text(s) if s.chars().count() > MAX_WIDTH => {
                    self.worksheet.write_string_with_format(
                        row,
                        c,
                        fit_cell(s).as_ref(),
                        &self.wrap,
                    )?;
                }
                Cell::Text(s) => {
                    self.worksheet.write_string(row, c, s)?;
                }
                Cell::Number(n) => {
                    self.worksheet
                        .write_number_with_format(row, c, *n, &self.number)?;
                }
                Cell::Date(y, m, d) => {
                    let day = ExcelDateTime::from_ymd(*y, *m, *d)?;
                    self.worksheet
                        .write_datetime_with_format(row, c, day, &self.date)?;
                }
            }
        }
        Ok(())
    }

    /// The sheet with its autofilter and column widths set.
    pub fn finish(mut self) -> Result<Worksheet, XlsxError> {
        let last = col(self.columns.saturating_sub(1));
        self.worksheet.autofilter(0, 0, self.rows as u32, last)?;
        for (k, width) in self.widths.iter().enumerate() {
            // The header's filter button needs room; long text wraps instead.
            let width = (*width + 2).clamp(8, MAX_WIDTH);
            self.worksheet.set_column_width(col(k), width as f64)?;
        }
        Ok(self.worksheet)
    }
}

/// Text an Excel cell can hold: a longer one (the 3,000 articles that
/// reprint one wire story, listed in `reprinted_in`) is cut, and says so and
/// by how much, rather than failing the whole workbook.
fn fit_cell(s: &str) -> std::borrow::Cow<'_, str> {
    let chars = s.chars().count();
    if chars <= MAX_CELL_CHARS {
        return s.into();
    }
    let note = |cut: usize| {
        format!(
            " … [{cut} more characters: an Excel cell holds {MAX_CELL_CHARS}; CSV and JSONL hold all]"
        )
    };
    // The number in the note is under `chars`: its note is no longer.
    let kept = MAX_CELL_CHARS - note(chars).chars().count();
    let end = s.char_indices().nth(kept).map_or(s.len(), |(i, _)| i);
    format!("{}{}", &s[..end], note(chars - kept)).into()
}

fn col(k: usize) -> u16 {
    u16::try_from(k).unwrap_or(u16::MAX)
}

/// The workbook's bytes.
pub fn workbook(sheets: Vec<Sheet>) -> io::Result<Vec<u8>> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_timestamp(creation_time()?).map_err(xlsx_io)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    for sheet in sheets {
        book.push_worksheet(sheet.finish().map_err(xlsx_io)?);
    }
    book.save_to_buffer().map_err(xlsx_io)
}

/// The workbook's creation time, in seconds since 1970: `SOURCE_DATE_EPOCH`
/// if set (the reproducible-builds convention), else 1980-01-01, the earliest
/// time a ZIP file holds. Never the clock: the same input gives the same bytes.
fn creation_time() -> io::Result<i64> {
    const ZIP_EPOCH: i64 = 315_532_800;
    match std::env::var("SOURCE_DATE_EPOCH") {
        Err(std::env::VarError::NotPresent) => Ok(ZIP_EPOCH),
        Ok(v) if v.trim().is_empty() => Ok(ZIP_EPOCH),
        Ok(v) => v.trim().parse::<i64>().ok().filter(|s| (ZIP_EPOCH..253_402_300_800).contains(s)).ok_or_else(|| {
            io::Error::other(format!(
                "SOURCE_DATE_EPOCH is `{v}`, not a number of seconds since 1970 between 1980 and 9999"
            ))
        }),
        Err(e) => Err(io::Error::other(format!("SOURCE_DATE_EPOCH: {e}"))),
    }
}

/// An XLSX error as an I/O error with its message; a full sheet says what to do.
pub fn xlsx_io(e: XlsxError) -> io::Error {
    match e {
        XlsxError::RowColumnLimitError => io::Error::other(format!(
            "a sheet holds at most {MAX_ROWS} rows: write CSV or JSONL for a table this large"
        )),
        other => io::Error::other(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_longer_than_a_cell_holds_is_cut_and_says_so() {
        let long = "é".repeat(40_000);
        let fitted = fit_cell(&long);
        let chars = fitted.chars().count();
        assert!(chars <= MAX_CELL_CHARS, "{chars}");
        let kept = fitted.chars().take_while(|&c| c == 'é').count();
        assert!(kept > 32_000, "{kept}");
        let note = format!(" … [{} more characters: an Excel cell", 40_000 - kept);
        assert!(
            fitted[kept * 2..].starts_with(&note),
            "{}",
            &fitted[kept * 2..]
        );
        assert_eq!(fit_cell("short"), "short");
        // The workbook is written, not refused.
        let mut sheet = Sheet::new("Claims", &["sentence"]).unwrap();
        sheet.push(&[Cell::Text(long)]).unwrap();
        assert!(workbook(vec![sheet]).is_ok());
    }
}
