//! The manifest: a CSV giving outlet and publication date for text files.
//!
//! Header `file,outlet,published` (more columns allowed, in any order). `file` is
//! a path relative to the manifest's folder; a file named on the command line
//! matches its row by that path, or else by file name when only one row has it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::event::InputError;
use crate::model::parse_published;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entry {
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
}

#[derive(Debug, Default)]
pub struct Manifest {
    /// By canonical path of the files that exist.
    by_path: HashMap<PathBuf, Entry>,
    /// By file name, for files named the same way from another folder.
    by_name: HashMap<String, Vec<Entry>>,
}

/// A loaded manifest and the problems found in its rows. Row problems do not
/// stop the run: errors (a bad date) lose that value, warnings lose nothing.
pub struct Loaded {
    pub manifest: Manifest,
    pub errors: Vec<InputError>,
    pub warnings: Vec<InputError>,
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
            errors: Vec::new(),
            warnings: Vec::new(),
        };
        for (i, record) in reader.records().enumerate() {
            let line = i + 2;
            let at =
                |message: String| InputError::new(path.display().to_string(), Some(line), message);
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    loaded.errors.push(at(format!("unreadable row: {e}")));
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
                loaded.errors.push(at("row has an empty `file`".into()));
                continue;
            };
            let published = match cell(published_col).map(|p| parse_published(&p)) {
                None => None,
                Some(Ok(d)) => Some(d),
                Some(Err(e)) => {
                    loaded.errors.push(at(format!(
                        "`published` of {file}: {e}; the date is left empty"
                    )));
                    None
                }
            };
            let entry = Entry {
                outlet: cell(outlet_col),
                published,
            };
            let target = dir.join(&file);
            match target.canonicalize() {
                Ok(canonical) => {
                    loaded.manifest.by_path.insert(canonical, entry.clone());
                }
                Err(_) => loaded.warnings.push(at(format!(
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
