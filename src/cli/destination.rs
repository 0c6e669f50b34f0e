//! Where output goes, and what a write error means for the exit code.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use super::{FAILED, OK, PARTIAL, error};

/// Where the table goes: standard output, or a temporary file renamed into place
/// at the end, so that an interrupted run leaves no half-written table.
pub(super) enum Destination {
    Stdout(io::StdoutLock<'static>),
    File(tempfile::NamedTempFile),
}

impl Write for Destination {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Destination::Stdout(s) => s.write(buf),
            Destination::File(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Destination::Stdout(s) => s.flush(),
            Destination::File(f) => f.flush(),
        }
    }
}

pub(super) fn open_destination(output: Option<&Path>) -> io::Result<Destination> {
    match output {
        None => Ok(Destination::Stdout(io::stdout().lock())),
        Some(path) => {
            let dir = match path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            tempfile::Builder::new()
                .prefix(".claimex-")
                .tempfile_in(dir)
                .map(Destination::File)
        }
    }
}

/// The exit code for an output error: a closed pipe (`claimex ... | head`) is
/// a reader that has seen enough, not an error.
pub(super) fn write_failed(output: Option<&Path>, e: io::Error, failed: bool) -> u8 {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return if failed { PARTIAL } else { OK };
    }
    let name = output.map_or("standard output".into(), |p| p.display().to_string());
    error(format!("cannot write {name}: {e}"));
    FAILED
}

/// Moves a finished temporary file into place.
pub(super) fn put_in_place(destination: Destination, output: Option<&Path>, failed: bool) -> u8 {
    if let (Destination::File(tmp), Some(path)) = (destination, output) {
        if let Err(e) = tmp.persist(path) {
            return write_failed(output, e.error, failed);
        }
    }
    if failed { PARTIAL } else { OK }
}

/// A workbook on a terminal is noise: it needs `-o` or a redirection.
pub(super) fn binary_to_terminal(binary: bool, output: Option<&Path>) -> bool {
    let refused = binary && output.is_none() && io::stdout().is_terminal();
    if refused {
        error("XLSX is a binary file: write it with -o FILE.xlsx or redirect standard output");
    }
    refused
}
