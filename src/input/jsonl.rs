//! JSONL sources: one article a line, `{"id", "text", "outlet"?, "published"?, ...}`.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
use std::io::BufRead;

use serde_json::Value;

use super::event::{Event, InputError, is_blank};
use crate::model::{Article, Origin, parse_published_at};

/// A JSONL source being read line by line.
pub(super) struct JsonlStream {
    name: String,
    stem: String,
    reader: Box<dyn BufRead>,
    line: usize,
    saw_content: bool,
    /// Events of the current line waiting to go out (its warnings before its
    /// article).
    queued: VecDeque<Event>,
    /// The line of each id seen, by a hash of the id: eight bytes an article
    /// however long its ids, for files of millions of lines.
    ids: HashMap<u64, usize>,
    /// Lines whose id an earlier line has; past `NAMED_REPEATS`, counted.
    repeats: usize,
    buf: Vec<u8>,
}

/// Lines with a repeated id named one by one in a file; the rest are counted
/// in one warning at its end (a feed that gives every line one id would
/// otherwise bury the other messages).
const NAMED_REPEATS: usize = 10;

impl JsonlStream {
    pub(super) fn new(name: String, stem: String, reader: Box<dyn BufRead>) -> Self {
        JsonlStream {
            name,
            stem,
            reader,
            line: 0,
            saw_content: false,
            queued: VecDeque::new(),
            ids: HashMap::new(),
            repeats: 0,
            buf: Vec::new(),
        }
    }

    /// The next event of this source, or `None` when it is done.
    pub(super) fn next_event(&mut self) -> Option<Event> {
        if let Some(event) = self.queued.pop_front() {
            return Some(event);
        }
        loop {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) if !self.saw_content => {
                    self.saw_content = true; // report once
                    return Some(Event::Error(InputError::new(
                        &self.name,
                        None,
                        "empty file: no articles",
                    )));
                }
                Ok(0) if self.repeats > NAMED_REPEATS => {
                    let unnamed = std::mem::take(&mut self.repeats) - NAMED_REPEATS;
                    let msg = format!(
                        "{unnamed} more line(s) have an id an earlier line has; all are read"
                    );
                    return Some(Event::Warning(InputError::new(&self.name, None, msg)));
                }
                Ok(0) => return None,
                Ok(_) => {
                    self.line += 1;
                    if self.buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    self.saw_content = true;
                    return Some(self.parse_line());
                }
                Err(e) => {
                    self.saw_content = true;
                    let msg = format!("read failed: {e}; the rest of the file is skipped");
                    let event = Event::Error(InputError::new(&self.name, Some(self.line + 1), msg));
                    self.reader = Box::new(std::io::empty());
                    return Some(event);
                }
            }
        }
    }

    fn parse_line(&mut self) -> Event {
        let line = self.line;
        let error =
            |message: String| Event::Error(InputError::new(&self.name, Some(line), message));
        let text = match std::str::from_utf8(&self.buf) {
            // A byte-order mark may open the file (Windows editors write one).
            Ok(t) if line == 1 => t.strip_prefix('\u{feff}').unwrap_or(t),
            Ok(t) => t,
            Err(e) => {
                return error(format!(
                    "not valid UTF-8 (at byte {} of the line)",
                    e.valid_up_to()
                ));
            }
        };
        let value: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => return error(format!("malformed JSON: {e}")),
        };
        let Value::Object(obj) = value else {
            return error("expected a JSON object with `text`".into());
        };
        let body = match obj.get("text") {
            Some(Value::String(s)) if !is_blank(s) => s.clone(),
            Some(Value::String(_)) => return error("empty `text`: no article".into()),
            Some(_) => return error("`text` is not a string".into()),
            None => return error("no `text` field".into()),
        };
        let mut warnings = Vec::new();
        let mut warn = |message: String| warnings.push(message);
        let stand_in = format!("{}:{}", self.stem, line);
        let id = match obj.get("id") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            // No id: the file stem and line keep the article traceable.
            None => stand_in,
            Some(Value::String(_)) => {
                warn(format!("`id` is empty; the article's id is `{stand_in}`"));
                stand_in
            }
            Some(other) => {
                warn(format!(
                    "`id` is {}, not a string or number; the article's id is `{stand_in}`",
                    described(other)
                ));
                stand_in
            }
        };
        let key = BuildHasherDefault::<DefaultHasher>::default().hash_one(&id);
        match self.ids.entry(key) {
            Entry::Vacant(slot) => {
                slot.insert(line);
            }
            Entry::Occupied(first) => {
                self.repeats += 1;
                if self.repeats <= NAMED_REPEATS {
                    warn(format!(
                        "id `{id}` is also the id of line {}; both articles are read, and \
                         their rows share the id",
                        first.get()
                    ));
                }
            }
        }
        let outlet = match obj.get("outlet") {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            None | Some(Value::Null) | Some(Value::String(_)) => None,
            Some(other) => {
                warn(format!(
                    "`outlet` is {}, not a string; the article is read without an outlet",
                    described(other)
                ));
                None
            }
        };
        let published = match obj.get("published") {
            Some(Value::String(s)) if !s.trim().is_empty() => match parse_published_at(s) {
                Ok(at) => Some(at),
                Err(e) => {
                    warn(format!(
                        "`published`: {e}; the article is read without a date"
                    ));
                    None
                }
            },
            None | Some(Value::Null) | Some(Value::String(_)) => None,
            Some(other) => {
                warn(format!(
                    "`published` is {}, not a date written as text (2024-11-04); the \
                     article is read without a date",
                    described(other)
                ));
                None
            }
        };
        let article = Event::Article(Article {
            id,
            outlet_from: match outlet {
                Some(_) => Origin::Jsonl,
                None => Origin::None,
            },
            outlet,
            published_from: match published {
                Some(_) => Origin::Jsonl,
                None => Origin::None,
            },
            published: published.as_ref().map(|(date, _)| *date),
            published_time: published.map(|(_, time)| time).unwrap_or_default(),
            source: format!("{}:{}", self.name, line),
            text: body,
        });
        // Its warnings go out before the article.
        let mut warnings = warnings
            .into_iter()
            .map(|message| Event::Warning(InputError::new(&self.name, Some(line), message)));
        match warnings.next() {
            None => article,
            Some(first) => {
                self.queued.extend(warnings);
                self.queued.push_back(article);
                first
            }
        }
    }
}

/// A JSON value as a warning names it: its type, and the value if short.
fn described(value: &Value) -> String {
    let kind = match value {
        Value::Null => return "null".into(),
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => return "an empty string".into(),
        Value::Array(_) => return "a list".into(),
        Value::Object(_) => return "an object".into(),
    };
    format!("{kind} ({value})")
}
