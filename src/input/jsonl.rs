//! JSONL sources: one article a line, `{"id", "text", "outlet"?, "published"?, ...}`.

use std::io::BufRead;

use serde_json::Value;

use super::event::{Event, InputError, is_blank};
use crate::model::{Article, Origin, parse_published};

/// A JSONL source being read line by line.
pub(super) struct JsonlStream {
    name: String,
    stem: String,
    reader: Box<dyn BufRead>,
    line: usize,
    saw_content: bool,
    /// Events of the current line waiting to go out (a warning before its article).
    queued: Option<Event>,
    buf: Vec<u8>,
}

impl JsonlStream {
    pub(super) fn new(name: String, stem: String, reader: Box<dyn BufRead>) -> Self {
        JsonlStream {
            name,
            stem,
            reader,
            line: 0,
            saw_content: false,
            queued: None,
            buf: Vec::new(),
        }
    }

    /// The next event of this source, or `None` when it is done.
    pub(super) fn next_event(&mut self) -> Option<Event> {
        if let Some(event) = self.queued.take() {
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
        let id = match obj.get("id") {
            Some(Value::String(s)) if !s.is_empty() => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            // No id: the file stem and line keep the article traceable.
            _ => format!("{}:{}", self.stem, line),
        };
        let outlet = match obj.get("outlet") {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => None,
        };
        let published = match obj.get("published") {
            Some(Value::String(s)) if !s.trim().is_empty() => match parse_published(s) {
                Ok(d) => Some(d),
                Err(e) => {
                    let msg = format!("`published`: {e}; the article is read without a date");
                    self.queued_warning(InputError::new(&self.name, Some(line), msg));
                    None
                }
            },
            _ => None,
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
            published,
            source: format!("{}:{}", self.name, line),
            text: body,
        });
        // A warning goes out before its article.
        match self.queued.take() {
            Some(warning) => {
                self.queued = Some(article);
                warning
            }
            None => article,
        }
    }

    fn queued_warning(&mut self, warning: InputError) {
        self.queued = Some(Event::Warning(warning));
    }
}
