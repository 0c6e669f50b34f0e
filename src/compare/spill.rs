//! Count claims kept on disk while `compare` groups them. In memory each is a
//! compact `Figure` (`figure.rs`); its full row, sentence and all, goes to an
//! unnamed temporary file and is read back only when written out. A day of a
//! news crawl has hundreds of thousands of counts, and their rows, at over a
//! kilobyte each, would not fit the memory `compare` is allowed.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};

use crate::model::{COLUMNS, Claim, Kind};

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

/// Every column in `COLUMNS` order: the kind as a byte, offsets as 8 bytes,
/// text as its length (4 bytes) and bytes.
fn encode(claim: &Claim, out: &mut Vec<u8>) {
    for column in COLUMNS {
        match column {
            "kind" => out.push(claim.kind as u8),
            "start" => out.extend_from_slice(&(claim.start as u64).to_le_bytes()),
            "end" => out.extend_from_slice(&(claim.end as u64).to_le_bytes()),
            _ => {
                let text = claim.field(column).unwrap_or_default();
                out.extend_from_slice(&(text.len() as u32).to_le_bytes());
                out.extend_from_slice(text.as_bytes());
            }
        }
    }
}

fn decode(mut record: &[u8]) -> Option<Claim> {
    let mut take = |n: usize| -> Option<&[u8]> {
        let (head, rest) = record.split_at_checked(n)?;
        record = rest;
        Some(head)
    };
    let mut claim = Claim::empty(Kind::Count);
    for column in COLUMNS {
        match column {
            "kind" => claim.kind = *Kind::ALL.get(usize::from(take(1)?[0]))?,
            "start" => claim.start = u64::from_le_bytes(take(8)?.try_into().ok()?) as usize,
            "end" => claim.end = u64::from_le_bytes(take(8)?.try_into().ok()?) as usize,
            _ => {
                let len = u32::from_le_bytes(take(4)?.try_into().ok()?) as usize;
                let text = std::str::from_utf8(take(len)?).ok()?;
                claim.field_mut(column)?.push_str(text);
            }
        }
    }
    Some(claim)
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
    use super::*;

    #[test]
    fn claims_read_back_as_written() {
        let mut first = Claim::empty(Kind::Count);
        first.doc_id = "a#2".into();
        first.sentence = "About 10,000 North Korean troops — «über» 🎯.".into();
        first.value = "10000".into();
        first.start = 7;
        first.end = 13;
        let mut second = Claim::empty(Kind::Quote);
        second.wire = "Associated Press".into();
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
