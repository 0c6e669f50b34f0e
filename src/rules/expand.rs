//! Macro and lexicon expansion of rule patterns.
//!
//! `{NAME}` is replaced by the macro NAME (itself expanded), `{@name}` by the
//! alternation of lexicon `name`. Everything else is copied as written: escapes
//! (`\p{Lu}`, `\x{2014}`), character classes (`[{}]`) and repetitions (`{1,3}`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::sync::Arc;

use super::lexicon::Lexicon;

/// A pattern with macros and lexicons expanded.
#[derive(Debug, Clone, Default)]
pub struct Expansion {
    pub regex: String,
    /// Captures written exactly as `(?P<name>{@lexicon})`: (capture, lexicon).
    /// Their field value is the lexicon's value for the matched phrase.
    pub lexicon_captures: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExpandError {
    UnknownMacro(String),
    UnknownLexicon(String),
    /// The chain of macros that leads back to its first one.
    Cycle(Vec<String>),
    /// `{NAME}` inside `[...]`, where it would be taken as literal characters.
    InClass(String),
    /// The pattern grows past this many bytes as its macros expand.
    TooLong(usize),
}

impl fmt::Display for ExpandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExpandError::UnknownMacro(m) => write!(f, "unknown macro {{{m}}}"),
            ExpandError::UnknownLexicon(l) => write!(f, "unknown lexicon {{@{l}}}"),
            ExpandError::Cycle(chain) => write!(f, "macro cycle: {}", chain.join(" -> ")),
            ExpandError::InClass(r) => write!(
                f,
                "{{{r}}} inside a character class [...] is not expanded; use an alternation such as (?:{{{r}}}|[-'])"
            ),
            ExpandError::TooLong(limit) => write!(
                f,
                "the pattern grows past {} MiB as its macros expand; make it smaller or split it into several rules",
                limit >> 20
            ),
        }
    }
}

/// Expands patterns against one set of macros and lexicons, caching each macro.
pub struct Expander<'a> {
    macros: &'a BTreeMap<String, String>,
    lexicons: &'a HashMap<String, Arc<Lexicon>>,
    cache: HashMap<String, Expansion>,
    /// Macros whose references are known to be sound (see `check`).
    checked: HashSet<String>,
    /// The most bytes an expanded pattern may hold: a macro that doubles at
    /// each level would otherwise take all memory.
    limit: usize,
}

impl<'a> Expander<'a> {
    pub fn new(
        macros: &'a BTreeMap<String, String>,
        lexicons: &'a HashMap<String, Arc<Lexicon>>,
        limit: usize,
    ) -> Self {
        Expander {
            macros,
            lexicons,
            cache: HashMap::new(),
            checked: HashSet::new(),
            limit,
        }
    }

    pub fn expand(&mut self, pattern: &str) -> Result<Expansion, ExpandError> {
        self.expand_in(pattern, &mut Vec::new(), true)
    }

    /// Checks the references of a pattern and of the macros it uses (unknown
    /// macros and lexicons, cycles, references in a character class) without
    /// expanding it: a macro no rule uses is checked at no cost, however
    /// large its expansion would be.
    pub fn check(&mut self, pattern: &str) -> Result<(), ExpandError> {
        self.expand_in(pattern, &mut Vec::new(), false).map(drop)
    }

    fn check_macro(&mut self, name: &str, stack: &mut Vec<String>) -> Result<(), ExpandError> {
        if self.checked.contains(name) {
            return Ok(());
        }
        let body = self.body(name, stack)?;
        stack.push(name.to_string());
        let result = self.expand_in(body, stack, false);
        stack.pop();
        result?;
        self.checked.insert(name.to_string());
        Ok(())
    }

    /// A macro's body; an error for an unknown macro or one already being
    /// expanded (a cycle).
    fn body(&self, name: &str, stack: &[String]) -> Result<&'a str, ExpandError> {
        if let Some(pos) = stack.iter().position(|m| m == name) {
            let mut chain = stack[pos..].to_vec();
            chain.push(name.to_string());
            return Err(ExpandError::Cycle(chain));
        }
        self.macros
            .get(name)
            .map(String::as_str)
            .ok_or_else(|| ExpandError::UnknownMacro(name.to_string()))
    }

    fn expand_macro(
        &mut self,
        name: &str,
        stack: &mut Vec<String>,
    ) -> Result<Expansion, ExpandError> {
        if let Some(done) = self.cache.get(name) {
            return Ok(done.clone());
        }
        let body = self.body(name, stack)?;
        stack.push(name.to_string());
        let result = self.expand_in(body, stack, true);
        stack.pop();
        let expansion = result?;
        self.cache.insert(name.to_string(), expansion.clone());
        Ok(expansion)
    }

    /// The expansion of `pattern`; with `build` false, only its references
    /// are checked and the text stays empty.
    fn expand_in(
        &mut self,
        pattern: &str,
        stack: &mut Vec<String>,
        build: bool,
    ) -> Result<Expansion, ExpandError> {
        let mut out = Expansion {
            regex: String::with_capacity(pattern.len()),
            lexicon_captures: lexicon_captures(pattern),
        };
        let bytes = pattern.as_bytes();
        let mut i = 0;
        let mut class_depth = 0usize;
        while i < bytes.len() {
            let c = bytes[i];
            match c {
                b'\\' => {
                    let end = escape_end(pattern, i);
                    out.regex.push_str(&pattern[i..end]);
                    i = end;
                    continue;
                }
                b'[' => {
                    class_depth += 1;
                    out.regex.push('[');
                    i += 1;
                    // A `]` right after `[` or `[^` is a literal, not the end.
                    if bytes.get(i) == Some(&b'^') {
                        out.regex.push('^');
                        i += 1;
                    }
                    if bytes.get(i) == Some(&b']') {
                        out.regex.push(']');
                        i += 1;
                    }
                    continue;
                }
                b']' if class_depth > 0 => class_depth -= 1,
                b'{' if class_depth > 0 => {
                    if let Some((reference, _)) = reference_at(pattern, i) {
                        let name = match reference {
                            Reference::Macro(m) => m.to_string(),
                            Reference::Lexicon(l) => format!("@{l}"),
                        };
                        return Err(ExpandError::InClass(name));
                    }
                }
                b'{' if class_depth == 0 => {
                    if let Some((reference, end)) = reference_at(pattern, i) {
                        match reference {
                            Reference::Lexicon(name) => {
                                let lex = self
                                    .lexicons
                                    .get(name)
                                    .ok_or_else(|| ExpandError::UnknownLexicon(name.to_string()))?;
                                if build {
                                    out.regex.push_str(lex.alternation());
                                }
                            }
                            Reference::Macro(name) if !build => self.check_macro(name, stack)?,
                            Reference::Macro(name) => {
                                let inner = self.expand_macro(name, stack)?;
                                out.regex.push_str("(?:");
                                out.regex.push_str(&inner.regex);
                                out.regex.push(')');
                                out.lexicon_captures.extend(inner.lexicon_captures);
                            }
                        }
                        if out.regex.len() > self.limit {
                            return Err(ExpandError::TooLong(self.limit));
                        }
                        i = end;
                        continue;
                    }
                }
                _ => {}
            }
            // Copy one whole UTF-8 character.
            let ch_len = pattern[i..].chars().next().map_or(1, char::len_utf8);
            out.regex.push_str(&pattern[i..i + ch_len]);
            i += ch_len;
        }
        Ok(out)
    }
}

enum Reference<'p> {
    Macro(&'p str),
    Lexicon(&'p str),
}

/// If a `{NAME}` or `{@name}` starts at `i`, returns it and the index after `}`.
fn reference_at(pattern: &str, i: usize) -> Option<(Reference<'_>, usize)> {
    let rest = &pattern[i + 1..];
    let close = rest.find('}')?;
    let inner = &rest[..close];
    let end = i + 1 + close + 1;
    if let Some(name) = inner.strip_prefix('@') {
        is_identifier(name).then_some((Reference::Lexicon(name), end))
    } else {
        is_identifier(inner).then_some((Reference::Macro(inner), end))
    }
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The end of the escape sequence starting at `i` (a backslash): the escaped
/// character, and for `\p{..}`, `\x{..}`, `\u{..}` and `\b{start}`-style word
/// boundaries, everything up to `}`. `\b{@lexicon}` is a boundary followed by a
/// lexicon, not one escape.
fn escape_end(pattern: &str, i: usize) -> usize {
    let mut chars = pattern[i + 1..].char_indices();
    let Some((_, c)) = chars.next() else {
        return pattern.len();
    };
    let after = i + 1 + c.len_utf8();
    let Some(body) = pattern[after..].strip_prefix('{') else {
        return after;
    };
    let Some(close) = body.find('}') else {
        return after;
    };
    let braced = match c {
        'p' | 'P' | 'x' | 'u' | 'U' => true,
        'b' | 'B' => matches!(&body[..close], "start" | "end" | "start-half" | "end-half"),
        _ => false,
    };
    if braced { after + 1 + close + 1 } else { after }
}

/// Captures whose whole body is one lexicon: `(?P<name>{@lex})` or `(?<name>{@lex})`.
fn lexicon_captures(pattern: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = pattern;
    while let Some(pos) = rest.find("(?") {
        let after = &rest[pos + 2..];
        let after = after.strip_prefix('P').unwrap_or(after);
        if let Some(named) = after.strip_prefix('<') {
            if let Some(gt) = named.find('>') {
                let name = &named[..gt];
                let body = &named[gt + 1..];
                if let Some(body) = body.strip_prefix("{@") {
                    if let Some(close) = body.find("})") {
                        let lex = &body[..close];
                        if is_identifier(name) && is_identifier(lex) {
                            found.push((name.to_string(), lex.to_string()));
                        }
                    }
                }
            }
        }
        rest = &rest[pos + 2..];
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    type Lexicons = HashMap<String, Arc<Lexicon>>;

    fn setup(macros: &[(&str, &str)]) -> (BTreeMap<String, String>, Lexicons) {
        let macros = macros
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let mut lexicons = HashMap::new();
        lexicons.insert(
            "q".to_string(),
            Arc::new(Lexicon::new([
                ("about", Some("approximate")),
                ("as many as", Some("at_most")),
            ])),
        );
        (macros, lexicons)
    }

    #[test]
    fn escapes_classes_and_repetitions_are_kept() {
        let (m, l) = setup(&[("NUM", r"\d+")]);
        let mut ex = Expander::new(&m, &l, 1 << 20);
        let got = ex
            .expand(r"\p{Lu}\x{2014}[{}]a{2,3}{NUM}\{NUM\}\b{start}\b{NUM}")
            .unwrap();
        assert_eq!(
            got.regex,
            r"\p{Lu}\x{2014}[{}]a{2,3}(?:\d+)\{NUM\}\b{start}\b(?:\d+)"
        );
        regex::Regex::new(&got.regex).unwrap();
    }

    #[test]
    fn nested_macros_and_lexicons() {
        let (m, l) = setup(&[("A", "{B} x"), ("B", "(?P<approx>{@q})")]);
        let mut ex = Expander::new(&m, &l, 1 << 20);
        let got = ex.expand("{A}").unwrap();
        let re = regex::Regex::new(&got.regex).unwrap();
        assert!(re.is_match("As many as x"));
        assert_eq!(
            got.lexicon_captures,
            vec![("approx".to_string(), "q".to_string())]
        );
    }

    #[test]
    fn errors() {
        let (m, l) = setup(&[("A", "{B}"), ("B", "{C}"), ("C", "{A}")]);
        let mut ex = Expander::new(&m, &l, 1 << 20);
        assert_eq!(
            ex.expand("x{A}").unwrap_err(),
            ExpandError::Cycle(vec!["A".into(), "B".into(), "C".into(), "A".into()])
        );
        assert_eq!(
            ex.expand("{NOPE}").unwrap_err(),
            ExpandError::UnknownMacro("NOPE".into())
        );
        assert_eq!(
            ex.expand("{@nope}").unwrap_err(),
            ExpandError::UnknownLexicon("nope".into())
        );
        assert_eq!(
            ex.expand("[{A}x]").unwrap_err(),
            ExpandError::InClass("A".into())
        );
        assert_eq!(
            ex.expand("[^{@q}]").unwrap_err(),
            ExpandError::InClass("@q".into())
        );
        assert!(
            ex.expand("[{}a]{2}").is_ok(),
            "braces that name nothing stay literal"
        );
    }

    #[test]
    fn a_macro_used_twice_is_expanded_once() {
        let (m, l) = setup(&[("A", "a")]);
        let mut ex = Expander::new(&m, &l, 1 << 20);
        assert_eq!(ex.expand("{A}-{A}").unwrap().regex, "(?:a)-(?:a)");
    }
}
