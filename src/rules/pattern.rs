//! A rule's pattern, compiled for matching and read for the prefilter from
//! one parse.
//!
//! Rules are matched only in the sentences where the prefilter found their
//! literals, so the regex engine's own literal search would look for them a
//! second time: it is left out (`auto_prefilter`), which also spares the
//! analysis it costs at start-up (a third of compiling the default rules).
//!
//! Rules match normalized text, where every space is ASCII (see
//! `text::normalize`): `\s` is compiled as ASCII whitespace, which matches
//! the same there and makes a fifth of the automaton that Unicode's does.
//!
//! A Unicode word boundary (`\b` where "é" is a letter) is one the lazy DFA
//! can follow only over ASCII: at the first other byte the regex engine
//! starts the search over with its PikeVM, 10 to 200 times slower on a
//! sentence. On such text a pattern with these boundaries is first searched
//! without them (see `Pattern::search`).

use std::borrow::Cow;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, meta};
use regex_syntax::hir::{Capture, Hir, HirKind, Repetition};

use crate::prefilter::{self, Clauses};

/// A rule's compiled pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    source: Arc<str>,
    regex: meta::Regex,
    /// The literals every match contains (see `prefilter::required_clauses`).
    required: Arc<Clauses>,
    /// For a pattern with Unicode word boundaries: the pattern without them.
    loose: Option<Arc<Loose>>,
}

/// A pattern with its Unicode word boundaries taken out, compiled once the
/// pattern has been searched `SLOW_SEARCHES` times in text beyond ASCII:
/// compiling it costs about what those searches do (a few milliseconds), and a
/// run on a few articles is spared it.
#[derive(Debug)]
struct Loose {
    /// The pattern as the rule gives it, with the limits it was compiled with.
    source: Arc<str>,
    size_limit: usize,
    dfa_cache: usize,
    /// Searches so far in text beyond ASCII, counted up to `SLOW_SEARCHES`.
    slow_searches: AtomicUsize,
    /// `None` if it does not compile (it is never bigger than the pattern,
    /// but then the pattern alone is searched, as it would be anyway).
    regex: OnceLock<Option<meta::Regex>>,
}

/// See `Loose`: a search of a large pattern that falls back to the PikeVM
/// takes 10 to 200 µs on a sentence, and compiling the pattern without its
/// boundaries 4 to 20 ms.
const SLOW_SEARCHES: usize = 200;

impl Loose {
    /// The loose pattern, if it is time to use it.
    fn regex(&self) -> Option<&meta::Regex> {
        if let Some(regex) = self.regex.get() {
            return regex.as_ref();
        }
        if self.slow_searches.fetch_add(1, Ordering::Relaxed) < SLOW_SEARCHES {
            return None;
        }
        self.regex
            .get_or_init(|| {
                let hir = parse(&ascii_spaces(&self.source)).ok()?;
                compile(
                    &without_unicode_boundaries(&hir),
                    self.size_limit,
                    self.dfa_cache,
                )
                .ok()
            })
            .as_ref()
    }
}

/// Why a pattern did not compile.
#[derive(Debug, Clone, PartialEq)]
pub enum PatternError {
    /// Not a valid regex: the parser's message, which quotes the pattern.
    Syntax(String),
    /// The compiled automaton would pass this many bytes.
    TooBig(usize),
}

impl Pattern {
    /// Compiles `source` with an automaton of at most `size_limit` bytes and a
    /// lazy-DFA cache of `dfa_cache` bytes per thread.
    pub fn new(source: &str, size_limit: usize, dfa_cache: usize) -> Result<Pattern, PatternError> {
        let hir = parse(&ascii_spaces(source)).map_err(|e| {
            // The error as the rule's author wrote the pattern.
            PatternError::Syntax(parse(source).err().unwrap_or(e))
        })?;
        let regex = compile(&hir, size_limit, dfa_cache)?;
        // Read only once the pattern is known to compile: a pattern too big
        // for the engine is not worth reading for literals either.
        let required = Arc::new(prefilter::required_clauses_of(&hir));
        let source: Arc<str> = source.into();
        let loose = hir
            .properties()
            .look_set()
            .contains_word_unicode()
            .then(|| {
                Arc::new(Loose {
                    source: source.clone(),
                    size_limit,
                    dfa_cache,
                    slow_searches: AtomicUsize::new(0),
                    regex: OnceLock::new(),
                })
            });
        Ok(Pattern {
            source,
            regex,
            required,
            loose,
        })
    }

    /// The pattern as written (after macro expansion).
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The names of the capture groups by index; group 0 (the whole match)
    /// and unnamed groups have none.
    pub fn capture_names(&self) -> impl Iterator<Item = Option<&str>> {
        self.regex
            .group_info()
            .pattern_names(regex_automata::PatternID::ZERO)
    }

    /// The number of capture groups, the whole match included.
    pub fn captures_len(&self) -> usize {
        self.regex.captures_len()
    }

    /// Scratch space for `captures_at`.
    pub fn create_captures(&self) -> Captures {
        self.regex.create_captures()
    }

    /// The first match in `hay` starting at or after `at`; what comes before
    /// `at` is context (for `\b`), as with the regex crate's `find_at`.
    pub fn find_at(&self, hay: &str, at: usize) -> Option<Range<usize>> {
        self.search(hay, at, |input| self.regex.search(input).map(|m| m.range()))
    }

    /// The first match at or after `at`, with its groups, into `caps`; false
    /// when there is none.
    pub fn captures_at(&self, hay: &str, at: usize, caps: &mut Captures) -> bool {
        let found = self.search(hay, at, |input| {
            self.regex.search_captures(input, caps);
            caps.is_match().then_some(())
        });
        if found.is_none() {
            // Nothing stale: a search with candidates may have tried none.
            caps.set_pattern(None);
        }
        found.is_some()
    }

    pub fn is_match(&self, hay: &str) -> bool {
        let found = self.search(hay, 0, |input| {
            self.regex.is_match(input.clone()).then_some(())
        });
        found.is_some()
    }

    /// What `search_with` finds in `hay[at..]`, as searching the whole of it
    /// would find it.
    ///
    /// On text beyond ASCII, a pattern with Unicode word boundaries is first
    /// searched without them, which the lazy DFA does at its usual speed.
    /// Wherever the pattern matches, the pattern without boundaries matches
    /// from the same start; so the pattern's first match starts at the first
    /// of those starts from which it matches itself, and `search_with`, run
    /// anchored there, finds the match it would have found unanchored. Each
    /// such run, from one start, is short.
    fn search<T>(
        &self,
        hay: &str,
        at: usize,
        mut search_with: impl FnMut(&Input) -> Option<T>,
    ) -> Option<T> {
        let input = Input::new(hay).span(at..hay.len());
        // The byte before `at` is read too, as context for `\b`.
        let beyond_ascii = || !hay.as_bytes()[at.saturating_sub(1)..].is_ascii();
        let loose = match &self.loose {
            Some(loose) if beyond_ascii() => loose.regex(),
            _ => None,
        };
        let Some(loose) = loose else {
            return search_with(&input);
        };
        let mut from = at;
        while let Some(candidate) = loose.search(&input.clone().span(from..hay.len())) {
            let start = candidate.start();
            let anchored = input.clone().span(start..hay.len()).anchored(Anchored::Yes);
            if let Some(found) = search_with(&anchored) {
                return Some(found);
            }
            // The next start: a byte on, as an unanchored search tries each.
            from = start + 1;
            if from > hay.len() {
                break;
            }
        }
        None
    }

    /// The literals every match contains, as clauses (see
    /// `prefilter::required_clauses`).
    pub fn required_clauses(&self) -> &Clauses {
        &self.required
    }
}

fn parse(pattern: &str) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .map_err(|e| e.to_string())
}

/// A rule's regex, with an automaton of at most `size_limit` bytes and a
/// lazy-DFA cache of `dfa_cache` bytes per thread.
fn compile(hir: &Hir, size_limit: usize, dfa_cache: usize) -> Result<meta::Regex, PatternError> {
    let config = meta::Config::new()
        .match_kind(regex_automata::MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .nfa_size_limit(Some(size_limit))
        .onepass_size_limit(Some(size_limit))
        .hybrid_cache_capacity(dfa_cache)
        .auto_prefilter(false);
    meta::Builder::new()
        .configure(config)
        .build_from_hir(hir)
        .map_err(|e| match e.size_limit() {
            Some(limit) => PatternError::TooBig(limit),
            None => PatternError::Syntax(e.to_string()),
        })
}

/// `hir` with every Unicode word boundary (`\b`, `\B`, `\b{start}`...) taken
/// out: it matches wherever `hir` does, and more.
fn without_unicode_boundaries(hir: &Hir) -> Hir {
    if !hir.properties().look_set().contains_word_unicode() {
        return hir.clone();
    }
    match hir.kind() {
        HirKind::Look(_) => Hir::empty(),
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            min: rep.min,
            max: rep.max,
            greedy: rep.greedy,
            sub: Box::new(without_unicode_boundaries(&rep.sub)),
        }),
        HirKind::Capture(cap) => Hir::capture(Capture {
            index: cap.index,
            name: cap.name.clone(),
            sub: Box::new(without_unicode_boundaries(&cap.sub)),
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(without_unicode_boundaries).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(without_unicode_boundaries).collect())
        }
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => hir.clone(),
    }
}

/// `pattern` with `\s` written as ASCII whitespace, in and out of classes.
fn ascii_spaces(pattern: &str) -> Cow<'_, str> {
    if !pattern.contains(r"\s") {
        return Cow::Borrowed(pattern);
    }
    let mut out = String::with_capacity(pattern.len() + pattern.len() / 4);
    let mut chars = pattern.chars().peekable();
    let mut class_depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('s') if class_depth > 0 => out.push_str(r"\t-\r\x20"),
                Some('s') => out.push_str(r"[\t-\r\x20]"),
                Some(escaped) => {
                    out.push('\\');
                    out.push(escaped);
                }
                None => out.push('\\'),
            },
            '[' => {
                class_depth += 1;
                out.push('[');
                // A `]` right after `[` or `[^` is a literal, not the end.
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    out.push(']');
                    chars.next();
                }
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(']');
            }
            other => out.push(other),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(source: &str) -> Pattern {
        Pattern::new(source, 1 << 20, 1 << 20).unwrap()
    }

    #[test]
    fn matches_as_the_regex_crate_does() {
        let p = pattern(r"(?P<n>\d+) (?P<unit>troops|soldiers)\b");
        let names: Vec<_> = p.capture_names().collect();
        assert_eq!(names, vec![None, Some("n"), Some("unit")]);
        assert_eq!(p.captures_len(), 3);
        let hay = "some 8,000 troops and 10 soldiers";
        let mut caps = p.create_captures();
        assert!(p.captures_at(hay, 0, &mut caps));
        assert_eq!(caps.get_group_by_name("n").map(|s| s.range()), Some(7..10));
        assert!(p.captures_at(hay, 18, &mut caps));
        assert_eq!(caps.get_group(0).map(|s| s.range()), Some(22..33));
        assert!(!p.captures_at(hay, 30, &mut caps));
        // The text before `at` is context: no word boundary inside "soldiers".
        assert_eq!(pattern(r"\bsoldiers").find_at(hay, 26), None);
        assert_eq!(pattern(r"\bsoldiers").find_at(hay, 25), Some(25..33));
    }

    #[test]
    fn errors_say_what_went_wrong() {
        match Pattern::new("(unclosed", 1 << 20, 1 << 20) {
            Err(PatternError::Syntax(message)) => assert!(message.contains("error:"), "{message}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            Pattern::new(r"\w{1000}{1000}", 1 << 20, 1 << 20).map(|_| ()),
            Err(PatternError::TooBig(1 << 20))
        );
    }

    #[test]
    fn spaces_are_ascii_whitespace_in_and_out_of_classes() {
        assert_eq!(ascii_spaces(r"a\s+b"), r"a[\t-\r\x20]+b");
        assert_eq!(ascii_spaces(r"[\s,-]"), r"[\t-\r\x20,-]");
        assert_eq!(ascii_spaces(r"[^\s]\\s\S"), r"[^\t-\r\x20]\\s\S");
        assert_eq!(ascii_spaces(r"[]\s]"), r"[]\t-\r\x20]");
        assert_eq!(ascii_spaces(r"\p{Lu}\d"), r"\p{Lu}\d");
        let p = pattern(r"(?x) a \s+ [\s] b");
        assert!(p.is_match("a \t\n b"));
        assert!(p.is_match("a  b"));
    }

    #[test]
    fn the_required_literals_come_with_the_pattern() {
        let p = pattern(r"\d+\s+(?:weeks|days)\b");
        assert_eq!(p.required_clauses().len(), 2);
    }

    /// Every match and group, from every start, is the regex crate's, before
    /// and after the pattern without boundaries takes over.
    #[test]
    fn text_beyond_ascii_gives_the_matches_of_the_pattern_itself() {
        let sources = [
            r"\b(?P<speaker>\p{Lu}\w+(?: \p{Lu}\w+)*)\b,? (?P<cue>said|told)\b",
            r"(?P<a>\w+)\B(?P<b>\w)",
            r"\bé\b|\bx|ü\B",
            r"(?:(?P<edge>\b)|ü)+é?",
            r"\b{start}\w+\b{end}|\b{start-half}-",
            r"(?i)\bstraße\b|\bzoë",
            r"(?-u:\b)ab(?-u:\b)|\bab",
        ];
        let hays = [
            "José Álvarez said the troops left.",
            "Zoë told, Müller said",
            "éé é xé x ü üx",
            "Straße STRASSE straße, ZOË",
            "naïve -é- e\u{301}x",
            "ab éab abé ab",
            "",
            "é",
        ];
        for source in sources {
            let p = pattern(source);
            assert!(p.loose.is_some(), "{source}");
            let oracle = regex::Regex::new(source).unwrap();
            let mut caps = p.create_captures();
            for round in 0..2 {
                for hay in hays {
                    let starts = (0..=hay.len()).filter(|&at| hay.is_char_boundary(at));
                    for at in starts {
                        let expected = oracle
                            .captures_at(hay, at)
                            .map(|c| c.iter().map(|g| g.map(|g| g.range())).collect::<Vec<_>>());
                        let found = p
                            .captures_at(hay, at, &mut caps)
                            .then(|| caps.iter().map(|g| g.map(|g| g.range())).collect());
                        let context = format!("{source} in {hay:?} from {at}, round {round}");
                        assert_eq!(found, expected, "{context}");
                        let whole = expected.and_then(|groups| groups[0].clone());
                        assert_eq!(p.find_at(hay, at), whole, "{context}");
                    }
                    assert_eq!(p.is_match(hay), oracle.is_match(hay), "{source} in {hay:?}");
                }
            }
            let loose = p.loose.as_ref().unwrap();
            assert!(loose.regex.get().is_some_and(Option::is_some), "{source}");
        }
    }

    #[test]
    fn only_unicode_word_boundaries_are_loosened() {
        assert!(pattern(r"\bsaid\b").loose.is_some());
        assert!(pattern(r"\Bx").loose.is_some());
        assert!(pattern(r"(?-u:\b)said(?-u:\b)").loose.is_none());
        assert!(pattern(r"^said$").loose.is_none());
        let hir = parse(r"(?P<a>\bx\B)+(?-u:\b)|^y").unwrap();
        assert_eq!(
            without_unicode_boundaries(&hir),
            parse(r"(?P<a>x)+(?-u:\b)|^y").unwrap()
        );
    }
}
