//! Walking folders: the files under a folder that a filter keeps, recursively,
//! in path order, so that every run reads them in the same order. Links are
//! followed, each file is found once however many links lead to it, a link
//! back to a folder above is named and not followed, a folder that cannot be
//! read is named and the rest is read, and only regular files are kept (a
//! FIFO or a device in a folder would block or never end).

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// A file's identity, whatever the path it is reached by.
pub type FileId = (u64, u64);

/// What a walk found: the files kept, and what it could not or would not read.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<PathBuf>,
    pub problems: Vec<Problem>,
}

/// Something under a folder that was not read.
#[derive(Debug)]
pub enum Problem {
    /// A link back to a folder above it: not followed.
    Loop { link: PathBuf, ancestor: PathBuf },
    /// A folder (or file) that cannot be read, and why.
    Unreadable { path: PathBuf, reason: String },
    /// A file the filter keeps that is no regular file (a FIFO, a device).
    NotRegular(PathBuf),
}

impl Problem {
    /// Whether the walk lost something that may be input (rather than
    /// leaving out what it must).
    pub fn is_error(&self) -> bool {
        matches!(self, Problem::Unreadable { .. })
    }

    /// The path the problem is at.
    pub fn path(&self) -> &Path {
        match self {
            Problem::Loop { link, .. } => link,
            Problem::Unreadable { path, .. } | Problem::NotRegular(path) => path,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Loop { ancestor, .. } => write!(
                f,
                "a link back to {}, which is already being read: not followed",
                ancestor.display()
            ),
            Problem::Unreadable { reason, .. } => write!(f, "cannot read: {reason}"),
            Problem::NotRegular(_) => {
                f.write_str("not a regular file (a FIFO or a device): not read in a folder")
            }
        }
    }
}

/// The files under `dir` that `keep` accepts (by their path), in path order,
/// each once: a file whose identity is in `seen` is left out, and every file
/// kept goes into it.
pub fn files_under(dir: &Path, keep: &dyn Fn(&Path) -> bool, seen: &mut HashSet<FileId>) -> Walk {
    let mut walk = Walk::default();
    let entries = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                walk.problems.push(match e.loop_ancestor() {
                    Some(ancestor) => Problem::Loop {
                        link: path,
                        ancestor: ancestor.to_path_buf(),
                    },
                    None => Problem::Unreadable {
                        path,
                        reason: e
                            .io_error()
                            .map_or_else(|| e.to_string(), |io| io.to_string()),
                    },
                });
                continue;
            }
        };
        let file_type = entry.file_type();
        if file_type.is_dir() || !keep(entry.path()) {
            continue;
        }
        if !file_type.is_file() {
            walk.problems
                .push(Problem::NotRegular(entry.path().to_path_buf()));
            continue;
        }
        if let Some(id) = identity(&entry) {
            if !seen.insert(id) {
                continue;
            }
        }
        walk.files.push(entry.into_path());
    }
    walk
}

#[cfg(unix)]
fn identity(entry: &walkdir::DirEntry) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    let meta = entry.metadata().ok()?;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_: &walkdir::DirEntry) -> Option<FileId> {
    None
}

/// Whether a path's extension is `ext`, in any case.
pub fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}
