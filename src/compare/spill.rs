//! Count claims kept on disk while `compare` groups them. In memory each is a
//! compact `Figure` (`figure.rs`); its full row, sentence and all, goes to an
//! unnamed temporary file and is read back only when written out. A day of a
//! news crawl has hundreds of thousands of counts, and their rows, at over a
//! kilobyte each, would not fit the memory `compare` is allowed.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};

use crate::model::{COLUMNS, Claim};
use crate::table::cells::texts;
use crate::table::claim_from_cells;

/// Claims being written, each at the offset `push` returns.
#[derive(Debug, Default)]
pub struct Spill {
    /// Opened at the first claim, so that a run with no counts needs no file.
    out: Option<BufWriter<File>>,
    len: u64,
    record: Vec<u8>,
}

impl Spill {
    /// Writes a claim; returns where it starts.
    pub fn push(&mut self, claim: &Claim) -> io::Result<u64> {
        let out = match &mut self.out {
            Some(out) => out,
            None => self
                .out
                .insert(BufWriter::new(tempfile::tempfile().map_err(temp_error)?)),
        };
        self.record.clear();
        encode(claim, &mut self.record);
        let at = self.len;
        let len = u32::try_from(self.record.len())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "claim over 4 GB"))?;
        out.write_all(&len.to_le_bytes()).map_err(temp_error)?;
        out.write_all(&self.record).map_err(temp_error)?;
        self.len += 4 + u64::from(len);
        Ok(at)
    }

    /// The claims written, ready to be read back.
    pub fn finish(self) -> io::Result<Spilled> {
        let file = match self.out {
            Some(out) => Some(out.into_inner().map_err(|e| temp_error(e.into_error()))?),
            None => None,
        };
        Ok(Spilled { file })
    }
}

/// Claims written by a `Spill`, read back by offset.
#[derive(Debug)]
pub struct Spilled {
    file: Option<File>,
}

impl Spilled {
    /// The claim written at `at`.
    pub fn read(&self, at: u64) -> io::Result<Claim> {
        let Some(mut file) = self.file.as_ref() else {
            return Err(corrupt());
        };
        file.seek(SeekFrom::Start(at)).map_err(temp_error)?;
        let mut len = [0u8; 4];
        file.read_exact(&mut len).map_err(temp_error)?;
        let mut record = vec![0u8; u32::from_le_bytes(len) as usize];
        file.read_exact(&mut record).map_err(temp_error)?;
        decode(&record).ok_or_else(corrupt)
    }
}

/// Every column in `COLUMNS` order, as the table writes it: its length (4
/// bytes) and its text.
fn encode(claim: &Claim, out: &mut Vec<u8>) {
    for text in texts(claim) {
        out.extend_from_slice(&(text.len() as u32).to_le_bytes());
        out.extend_from_slice(text.as_bytes());
    }
}

/// A claim from what `encode` wrote, read back as a table is.
fn decode(mut record: &[u8]) -> Option<Claim> {
    let mut cells: Vec<&str> = Vec::with_capacity(COLUMNS.len());
    for _ in COLUMNS {
        let (len, rest) = record.split_at_checked(4)?;
        let len = u32::from_le_bytes(len.try_into().ok()?) as usize;
        let (text, rest) = rest.split_at_checked(len)?;
        cells.push(std::str::from_utf8(text).ok()?);
        record = rest;
    }
    claim_from_cells(COLUMNS.iter().copied().zip(cells)).ok()
}

/// An error of the temporary file, said as such: the user named no such file.
fn temp_error(e: io::Error) -> io::Error {
    io::Error::new(
        e.kind(),
        format!(
            "compare's temporary file for count claims (in {}): {e}",
            std::env::temp_dir().display()
        ),
    )
}

fn corrupt() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        "compare's temporary file for count claims no longer reads back as written",
    )
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::{Body, Count, Decimal, Quote, QuoteKind};

    #[test]
    fn claims_read_back_as_written() {
        let count = Count {
            value: Some(Decimal::from_int(10_000)),
            ..Count::new()
        };
        let mut first = Claim::new(Body::Count(count));
        Arc::make_mut(&mut first.provenance).doc_id = "a#2".into();
        first.sentence = "About 10,000 North Korean troops — «über» 🎯.".into();
        first.start = 7;
        first.end = 13;
        let mut second = Claim::new(Body::Quote(Quote {
            kind: QuoteKind::Mixed,
            said: "=HYPERLINK(\"x\")".into(),
        }));
        Arc::make_mut(&mut second.provenance).wire = "Associated Press".into();
        second.end = usize::from(u16::MAX);
        let mut spill = Spill::default();
        let at = [spill.push(&first).unwrap(), spill.push(&second).unwrap()];
        let spilled = spill.finish().unwrap();
        assert_eq!(spilled.read(at[1]).unwrap(), second);
        assert_eq!(spilled.read(at[0]).unwrap(), first);
    }

    #[test]
    fn nothing_spilled_needs_no_file() {
        let spilled = Spill::default().finish().unwrap();
        assert!(spilled.file.is_none());
        assert_eq!(
            spilled.read(0).unwrap_err().kind(),
            io::ErrorKind::InvalidData
        );
    }
}
