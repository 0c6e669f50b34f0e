//! The manifest: a CSV giving outlet and publication date for text files.
//!
//! Header `file,outlet,published` (more columns allowed, in any order). `file` is
//! a path relative to the manifest's folder; a file named on the command line
//! matches its row by that path, or else by file name when only one row has it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::event::InputError;
use crate::model::parse_published_at;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entry {
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    /// The time of day written with `published`, if any (see `parse_published_at`).
    pub published_time: String,
}

impl Entry {
    /// How `other` differs from this entry, for a message.
    fn differences(&self, other: &Entry) -> String {
        let shown = |v: Option<String>| v.map_or("none".to_string(), |v| format!("`{v}`"));
        let mut said = Vec::new();
        if self.outlet != other.outlet {
            said.push(format!(
                "outlet {} there, {} here",
                shown(self.outlet.clone()),
                shown(other.outlet.clone())
            ));
        }
        if (self.published, &self.published_time) != (other.published, &other.published_time) {
            let at = |e: &Entry| {
                e.published
                    .map(|d| format!("{d} {}", e.published_time).trim_end().to_string())
            };
            said.push(format!(
                "published {} there, {} here",
                shown(at(self)),
                shown(at(other))
            ));
        }
        said.join("; ")
    }
}

#[derive(Debug, Default)]
pub struct Manifest {
    /// By canonical path of the files that exist.
    by_path: HashMap<PathBuf, Entry>,
    /// By file name, for files named the same way from another folder.
    by_name: HashMap<String, Vec<Entry>>,
}

/// A loaded manifest and the problems found in its rows, in line order. Row
/// problems do not stop the run.
pub struct Loaded {
    pub manifest: Manifest,
    pub problems: Vec<RowProblem>,
}

impl Loaded {
    fn error(&mut self, e: InputError) {
        self.problems.push(RowProblem::Error(e));
    }

    fn warning(&mut self, w: InputError) {
        self.problems.push(RowProblem::Warning(w));
    }
}

pub enum RowProblem {
    /// Nothing was lost (a row repeated, a row for a file not there).
    Warning(InputError),
    /// A value was lost (a bad date, a second row that says otherwise).
    Error(InputError),
}

impl Manifest {
    /// Reads a manifest. Fails only when the file as a whole is unusable.
    pub fn load(path: &Path) -> Result<Loaded, InputError> {
        let fail = |message: String| InputError::new(path.display().to_string(), None, message);
        let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read manifest: {e}")))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            fail(format!(
                "manifest is not valid UTF-8 (at byte {})",
                e.utf8_error().valid_up_to()
            ))
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| fail(format!("cannot read manifest header: {e}")))?
            .clone();
        let column = |name: &str| {
            headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(name))
        };
        let file_col =
            column("file").ok_or_else(|| fail("manifest has no `file` column".into()))?;
        let outlet_col = column("outlet");
        let published_col = column("published");
        let dir = path.parent().unwrap_or(Path::new(""));
        let mut loaded = Loaded {
            manifest: Manifest::default(),
            problems: Vec::new(),
        };
        // The line of each file's row, to name a second row for it.
        let mut rows: HashMap<PathBuf, (usize, Entry)> = HashMap::new();
        for (i, record) in reader.records().enumerate() {
            let line = match &record {
                Ok(r) => r.position().map_or(i + 2, |p| p.line() as usize),
                Err(e) => e.position().map_or(i + 2, |p| p.line() as usize),
            };
            let at =
                |message: String| InputError::new(path.display().to_string(), Some(line), message);
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    loaded.error(at(format!("unreadable row: {e}")));
                    continue;
                }
            };
            let cell = |col: Option<usize>| {
                col.and_then(|c| record.get(c))
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
            };
            let Some(file) = cell(Some(file_col)) else {
                loaded.error(at("row has an empty `file`".into()));
                continue;
            };
            let published = match cell(published_col).map(|p| parse_published_at(&p)) {
                None => None,
                Some(Ok(at)) => Some(at),
                Some(Err(e)) => {
                    loaded.error(at(format!(
                        "`published` of {file}: {e}; the date is left empty"
                    )));
                    None
                }
            };
            let (published, published_time) = published.unzip();
            let entry = Entry {
                outlet: cell(outlet_col),
                published,
                published_time: published_time.unwrap_or_default(),
            };
            let target = dir.join(&file);
            let canonical = target.canonicalize();
            let key = canonical.as_ref().unwrap_or(&target).clone();
            if let Some((first, kept)) = rows.get(&key) {
                if *kept == entry {
                    loaded.warning(at(format!("{file} has a row already, on line {first}")));
                } else {
                    loaded.error(at(format!(
                        "{file} has a row already, on line {first}, that says otherwise \
                         ({}); line {first} is kept",
                        kept.differences(&entry)
                    )));
                }
                continue;
            }
            rows.insert(key, (line, entry.clone()));
            match canonical {
                Ok(canonical) => {
                    loaded.manifest.by_path.insert(canonical, entry.clone());
                }
                Err(_) => loaded.warning(at(format!(
                    "row for {file}, which is not there ({})",
                    target.display()
                ))),
            }
            let name = Path::new(&file)
                .file_name()
                .map_or(file.clone(), |n| n.to_string_lossy().into_owned());
            loaded.manifest.by_name.entry(name).or_default().push(entry);
        }
        Ok(loaded)
    }

    /// The row for a file being read, if the manifest has one.
    pub fn lookup(&self, file: &Path) -> Option<&Entry> {
        if let Some(entry) = file.canonicalize().ok().and_then(|c| self.by_path.get(&c)) {
            return Some(entry);
        }
        let name = file.file_name()?.to_string_lossy();
        match self.by_name.get(name.as_ref()).map(Vec::as_slice) {
            Some([only]) => Some(only),
            _ => None,
        }
    }
}
