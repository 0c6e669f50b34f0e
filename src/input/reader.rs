//! Reading every source named on the command line, in order, lazily.

use std::collections::{HashSet, VecDeque};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use super::event::{Event, InputError, is_blank};
use super::jsonl::JsonlStream;
use super::manifest::{Entry, Manifest};
use crate::files::{FileId, Walk};
use crate::model::{Article, Origin};

/// The bytes of the files that `paths` name (folders searched as the reader
/// searches them), for a progress bar; `None` when standard input is among them
/// or a path cannot be read.
pub fn input_bytes(paths: &[PathBuf]) -> Option<u64> {
    let mut total = 0;
    for path in paths {
        if path.as_os_str() == "-" {
            return None;
        }
        let meta = std::fs::metadata(path).ok()?;
        if meta.is_dir() {
            let files = article_files(path, &mut HashSet::new()).files;
            total += files
                .iter()
                .filter_map(|f| std::fs::metadata(f).ok())
                .map(|m| m.len())
                .sum::<u64>();
        } else {
            total += meta.len();
        }
    }
    Some(total)
}

/// How standard input is read when `-` is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StdinFormat {
    #[default]
    Text,
    Jsonl,
}

/// Options for reading.
#[derive(Debug, Default)]
pub struct ReadOptions {
    pub manifest: Option<Manifest>,
    pub stdin_format: StdinFormat,
    /// Read invalid UTF-8 with replacement characters instead of skipping the file.
    pub lossy_utf8: bool,
}

/// The path that means standard input on the command line.
pub const STDIN: &str = "-";
/// Standard input's name in messages and in the `source` column.
pub const STDIN_NAME: &str = "<stdin>";

/// Reads every source in order, yielding one event at a time.
pub struct Reader {
    /// Paths still to open; `-` is standard input.
    pending: VecDeque<PathBuf>,
    /// Events ready to hand out before anything else is read.
    outbox: VecDeque<Event>,
    jsonl: Option<JsonlStream>,
    options: ReadOptions,
    /// The files found in folders so far, by identity: a file two links
    /// lead to is read once.
    seen: HashSet<FileId>,
}

impl Reader {
    /// `paths` as given on the command line; `-` is standard input.
    pub fn new(paths: &[PathBuf], options: ReadOptions) -> Self {
        Reader {
            pending: paths.iter().cloned().collect(),
            outbox: VecDeque::new(),
            jsonl: None,
            options,
            seen: HashSet::new(),
        }
    }

    fn open(&mut self, path: PathBuf) {
        if path.as_os_str() == STDIN {
            return self.open_stdin();
        }
        let name = path.display().to_string();
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => return self.error(&name, describe_io(&e)),
        };
        if meta.is_dir() {
            let walk = article_files(&path, &mut self.seen);
            for problem in &walk.problems {
                let event = InputError::new(
                    problem.path().display().to_string(),
                    None,
                    problem.to_string(),
                );
                self.outbox.push_back(match problem.is_error() {
                    true => Event::Error(event),
                    false => Event::Warning(event),
                });
            }
            if walk.files.is_empty() && walk.problems.is_empty() {
                return self.error(
                    &name,
                    "folder holds no .txt, .jsonl or .ndjson articles".into(),
                );
            }
            for file in walk.files.into_iter().rev() {
                self.pending.push_front(file);
            }
            return;
        }
        let stem = path
            .file_stem()
            .map_or_else(|| name.clone(), |s| s.to_string_lossy().into_owned());
        if is_jsonl(&path) {
            match File::open(&path) {
                Ok(f) => {
                    self.jsonl = Some(JsonlStream::new(name, stem, Box::new(BufReader::new(f))))
                }
                Err(e) => self.error(&name, describe_io(&e)),
            }
            return;
        }
        match std::fs::read(&path) {
            Ok(bytes) => {
                let entry = self
                    .options
                    .manifest
                    .as_ref()
                    .and_then(|m| m.lookup(&path))
                    .cloned();
                self.text_article(bytes, &name, stem, entry.unwrap_or_default());
            }
            Err(e) => self.error(&name, describe_io(&e)),
        }
    }

    fn open_stdin(&mut self) {
        match self.options.stdin_format {
            StdinFormat::Jsonl => {
                let reader = Box::new(BufReader::new(std::io::stdin()));
                self.jsonl = Some(JsonlStream::new(STDIN_NAME.into(), "stdin".into(), reader));
            }
            StdinFormat::Text => {
                let mut bytes = Vec::new();
                match std::io::stdin().read_to_end(&mut bytes) {
                    Ok(_) => self.text_article(bytes, STDIN_NAME, "stdin".into(), Entry::default()),
                    Err(e) => self.error(STDIN_NAME, format!("cannot read: {e}")),
                }
            }
        }
    }

    /// Queues the article of a text source, or the reason there is none.
    fn text_article(&mut self, bytes: Vec<u8>, name: &str, id: String, entry: Entry) {
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                if !self.options.lossy_utf8 {
                    let msg = format!(
                        "not valid UTF-8 (first bad byte at offset {at}); file skipped (--lossy-utf8 reads it with U+FFFD replacements)"
                    );
                    return self.error(name, msg);
                }
                let msg = format!(
                    "not valid UTF-8 (first bad byte at offset {at}); read with U+FFFD replacements, so offsets count the replaced text"
                );
                self.outbox
                    .push_back(Event::Warning(InputError::new(name, None, msg)));
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        };
        if is_blank(&text) {
            // An invalid-UTF-8 warning queued above still goes out first.
            return self.error(name, "empty file: no article text".into());
        }
        self.outbox.push_back(Event::Article(Article {
            id,
            outlet_from: match entry.outlet {
                Some(_) => Origin::Manifest,
                None => Origin::None,
            },
            outlet: entry.outlet,
            published_from: match entry.published {
                Some(_) => Origin::Manifest,
                None => Origin::None,
            },
            published: entry.published,
            published_time: entry.published_time,
            source: name.to_string(),
            text,
        }));
    }

    fn error(&mut self, name: &str, message: String) {
        self.outbox
            .push_back(Event::Error(InputError::new(name, None, message)));
    }
}

impl Iterator for Reader {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        loop {
            if let Some(event) = self.outbox.pop_front() {
                return Some(event);
            }
            if let Some(stream) = &mut self.jsonl {
                match stream.next_event() {
                    Some(event) => return Some(event),
                    None => self.jsonl = None,
                }
                continue;
            }
            let path = self.pending.pop_front()?;
            self.open(path);
        }
    }
}

fn is_jsonl(path: &Path) -> bool {
    crate::files::has_extension(path, "jsonl") || crate::files::has_extension(path, "ndjson")
}

/// Whether a folder's file is read as articles: `.txt`, `.jsonl`, `.ndjson`.
pub fn is_article_file(path: &Path) -> bool {
    is_jsonl(path) || crate::files::has_extension(path, "txt")
}

/// Article files under a folder, recursively, in path order (see
/// `files::files_under`).
fn article_files(dir: &Path, seen: &mut HashSet<FileId>) -> Walk {
    crate::files::files_under(dir, &is_article_file, seen)
}

fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => format!("cannot read: {e}"),
    }
}
