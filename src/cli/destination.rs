//! Where output goes, and what a write error means for the exit code.
//!
//! `-o FILE` never damages what is not a table: a new path or a regular file
//! (also through a symbolic link, whose target is written) is written aside
//! and renamed into place at the end, so that an interrupted run leaves no
//! half-written table; anything else (a device, a FIFO) is written in place;
//! a folder is refused. The temporary file is removed when the run is
//! interrupted by SIGINT or SIGTERM.

use std::fs::{self, File, OpenOptions};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{FAILED, OK, PARTIAL, error};

/// Where the table goes.
pub(super) enum Destination {
    Stdout(io::StdoutLock<'static>),
    /// A new or regular file: written to `tmp` beside it, renamed over
    /// `target` at the end.
    Replace {
        tmp: tempfile::NamedTempFile,
        target: PathBuf,
    },
    /// What is no regular file (a device, a FIFO): written as it is.
    InPlace(File),
}

impl Write for Destination {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Destination::Stdout(s) => s.write(buf),
            Destination::Replace { tmp, .. } => tmp.write(buf),
            Destination::InPlace(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Destination::Stdout(s) => s.flush(),
            Destination::Replace { tmp, .. } => tmp.flush(),
            Destination::InPlace(f) => f.flush(),
        }
    }
}

/// The temporary file being written, if any: what a signal handler removes.
static PENDING: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Removes the temporary file on SIGINT or SIGTERM, then ends the process
/// as a signal would (exit 130).
fn remove_on_signal() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let handler = || {
            let pending = PENDING.lock().map(|mut p| p.take());
            if let Ok(Some(path)) = pending {
                let _ = fs::remove_file(path);
            }
            std::process::exit(130);
        };
        if let Err(e) = ctrlc::set_handler(handler) {
            error(format!("cannot watch for interrupts: {e}"));
        }
    });
}

/// Where `-o path` writes: the path, or the file a link there names.
fn target_of(path: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        // A link: the file it names, so that the link stays a link. A link
        // to nothing yet names the file to make.
        Ok(meta) if meta.file_type().is_symlink() => match fs::canonicalize(path) {
            Ok(target) => Ok(target),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let link = fs::read_link(path)?;
                Ok(path.parent().unwrap_or(Path::new(".")).join(link))
            }
            Err(e) => Err(e),
        },
        _ => Ok(path.to_path_buf()),
    }
}

pub(super) fn open_destination(output: Option<&Path>) -> io::Result<Destination> {
    let Some(path) = output else {
        return Ok(Destination::Stdout(io::stdout().lock()));
    };
    // `/dev/stdout`, `/dev/fd/N`: the open descriptor itself, as the caller
    // set it up (appending, or at its offset), whatever it is.
    match descriptor_named(path) {
        Some(1) => return Ok(Destination::Stdout(io::stdout().lock())),
        Some(fd) => return Ok(Destination::InPlace(duplicate(fd)?)),
        None => {}
    }
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(io::Error::other("it is a folder; name a file"));
        }
        Ok(meta) if !meta.is_file() => {
            // A device or a FIFO: written as it is, never replaced.
            let file = OpenOptions::new().write(true).open(path)?;
            return Ok(Destination::InPlace(file));
        }
        Ok(_) | Err(_) => {}
    }
    let target = target_of(path)?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // A replaced file keeps its permissions; a new one gets the usual ones.
    let permissions = match fs::metadata(&target) {
        Ok(meta) => Some(meta.permissions()),
        Err(_) => new_file_permissions(),
    };
    remove_on_signal();
    let mut builder = tempfile::Builder::new();
    builder.prefix(".claimex-");
    if let Some(permissions) = permissions {
        builder.permissions(permissions);
    }
    // The lock is held while the file is made, so that a signal in between
    // waits for its name instead of finding none and leaving the file.
    let mut pending = PENDING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let tmp = builder.tempfile_in(dir)?;
    *pending = Some(tmp.path().to_path_buf());
    drop(pending);
    Ok(Destination::Replace { tmp, target })
}

/// The descriptor of this process that `path` names, through any links
/// (`/dev/stdout` → `/proc/self/fd/1`), if it names one.
#[cfg(unix)]
fn descriptor_named(path: &Path) -> Option<i32> {
    let own = [
        PathBuf::from("/proc/self/fd"),
        PathBuf::from(format!("/proc/{}/fd", std::process::id())),
        PathBuf::from("/dev/fd"),
    ];
    let mut p = path.to_path_buf();
    // As many links as the system follows.
    for _ in 0..40 {
        if let (Some(dir), Some(name)) = (p.parent(), p.file_name())
            && own.iter().any(|o| o == dir)
        {
            return name.to_str()?.parse().ok();
        }
        let next = fs::read_link(&p).ok()?;
        p = match p.parent() {
            Some(dir) if next.is_relative() => dir.join(next),
            _ => next,
        };
    }
    None
}

#[cfg(not(unix))]
fn descriptor_named(_: &Path) -> Option<i32> {
    None
}

/// A file of our own on open descriptor `fd`.
#[cfg(unix)]
fn duplicate(fd: i32) -> io::Result<File> {
    // SAFETY: F_DUPFD_CLOEXEC makes a new descriptor or fails; it reads
    // nothing else. The new one is ours alone to own.
    let new = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 3) };
    if new == -1 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `new` was just made, open, and owned by nothing else.
    Ok(unsafe { <File as std::os::fd::FromRawFd>::from_raw_fd(new) })
}

#[cfg(not(unix))]
fn duplicate(_: i32) -> io::Result<File> {
    Err(io::Error::other("no descriptors here"))
}

/// A new file's permissions: read and write for all, less what the umask
/// takes away, as for any new file (a temporary file's own are the owner's
/// alone).
#[cfg(unix)]
fn new_file_permissions() -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(fs::Permissions::from_mode(0o666))
}

#[cfg(not(unix))]
fn new_file_permissions() -> Option<fs::Permissions> {
    None
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
    if let Destination::Replace { tmp, target } = destination {
        let persisted = tmp.persist(&target);
        if let Ok(mut pending) = PENDING.lock() {
            *pending = None;
        }
        if let Err(e) = persisted {
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

/// Whether standard output is closed (`>&-`), said on standard error:
/// writes to it would vanish without an error.
pub(super) fn stdout_closed(output: Option<&Path>) -> bool {
    if output.is_some() || !closed_by_caller() {
        return false;
    }
    error("standard output is closed: redirect it, or write with -o FILE");
    true
}

/// Whether the process started with standard output closed. Rust's runtime
/// opens the null device, for reading and writing, in place of a closed
/// standard descriptor before `main`; a shell's `> /dev/null` opens it for
/// writing only. So standard output open on the null device for both is one
/// the caller closed.
#[cfg(unix)]
fn closed_by_caller() -> bool {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    // SAFETY: F_GETFL only reads the descriptor's flags.
    let flags = unsafe { libc::fcntl(1, libc::F_GETFL) };
    if flags == -1 {
        return true;
    }
    let read_write = flags & libc::O_ACCMODE == libc::O_RDWR;
    let null = fs::metadata("/dev/null").ok();
    // The descriptor's own file, as /proc names it.
    let stdout = fs::metadata("/proc/self/fd/1").ok();
    match (null, stdout) {
        (Some(null), Some(stdout)) => {
            read_write && stdout.file_type().is_char_device() && stdout.rdev() == null.rdev()
        }
        _ => false,
    }
}

#[cfg(not(unix))]
fn closed_by_caller() -> bool {
    false
}

/// Whether `-o` names one of the inputs, or a file an input folder would
/// read (said on standard error): the run would read what it replaces.
pub(super) fn output_is_input(output: Option<&Path>, inputs: &[PathBuf]) -> bool {
    let Some(output) = output else {
        return false;
    };
    let Ok(target) = target_of(output) else {
        return false;
    };
    // The target's folder exists if the output can be written at all.
    let canonical = match (fs::canonicalize(&target), target.file_name()) {
        (Ok(c), _) => c,
        (Err(_), Some(name)) => match target.parent().map(|d| {
            fs::canonicalize(if d.as_os_str().is_empty() {
                Path::new(".")
            } else {
                d
            })
        }) {
            Some(Ok(dir)) => dir.join(name),
            _ => return false,
        },
        _ => return false,
    };
    let is_article = claimex::input::is_article_file(&canonical);
    let hit = inputs.iter().find(|input| match fs::canonicalize(input) {
        Ok(input) if input.is_dir() => is_article && canonical.starts_with(&input),
        Ok(input) => input == canonical,
        Err(_) => false,
    });
    if let Some(input) = hit {
        error(format!(
            "-o {} would replace what the input {} reads; write the table elsewhere",
            output.display(),
            input.display()
        ));
    }
    hit.is_some()
}
