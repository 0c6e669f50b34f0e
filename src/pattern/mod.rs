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
//! A pattern with groups is compiled to the regex engine's parts (see
//! `core`), so that their groups are read by a backtracker of our own (see
//! `backtrack`), and a pattern anchored at its end is found backwards from
//! the end of the text; one without groups, a veto, is only searched.

mod backtrack;
mod core;
pub(crate) mod prefilter;

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use regex_automata::util::captures::{Captures, GroupInfo};
use regex_automata::{Input, meta};
use regex_syntax::hir::Look;

use prefilter::Clauses;

/// A rule's compiled pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    regex: Engine,
    /// The literals every match contains (see `prefilter::required_clauses`).
    required: Arc<Clauses>,
    /// The pattern holds a Unicode word boundary (`\b`, `\B`): the lazy DFA
    /// quits at the first letter beyond ASCII, and the search falls back to a
    /// far slower engine.
    unicode_word_boundary: bool,
}

/// What searches a pattern.
#[derive(Debug, Clone)]
enum Engine {
    /// A pattern without groups, or one anchored at its end, which the
    /// regex engine searches backwards from the end of the text.
    Meta(meta::Regex),
    Core(Arc<core::Core>),
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
        let spaced = ascii_spaces(source);
        let hir = core::parse(&spaced).map_err(|e| {
            // The error as the rule's author wrote the pattern.
            PatternError::Syntax(core::parse(source).err().unwrap_or(e))
        })?;
        // Whether the pattern has groups of its own; whether the regex
        // engine would search it from its end.
        let groups = hir.properties().explicit_captures_len() > 0;
        let end_anchored = hir.properties().look_set_suffix().contains(Look::End)
            && !hir.properties().look_set_prefix().contains(Look::Start);
        let core = groups
            .then(|| core::Core::new(&hir, &spaced, size_limit, dfa_cache, end_anchored))
            .flatten();
        let config = meta::Config::new()
            .match_kind(regex_automata::MatchKind::LeftmostFirst)
            .utf8_empty(true)
            .nfa_size_limit(Some(size_limit))
            .onepass_size_limit(Some(size_limit))
            .hybrid_cache_capacity(dfa_cache)
            .auto_prefilter(false);
        let regex = match core {
            Some(core) => Engine::Core(Arc::new(core)),
            None => Engine::Meta(
                meta::Builder::new()
                    .configure(config)
                    .build_from_hir(&hir)
                    .map_err(|e| match e.size_limit() {
                        Some(limit) => PatternError::TooBig(limit),
                        None => PatternError::Syntax(e.to_string()),
                    })?,
            ),
        };
        // Read only once the pattern is known to compile: a pattern too big
        // for the engine is not worth reading for literals either.
        let required = Arc::new(prefilter::required_clauses_of(&hir));
        let unicode_word_boundary = hir.properties().look_set().contains_word_unicode();
        Ok(Pattern {
            regex,
            required,
            unicode_word_boundary,
        })
    }

    /// Whether the pattern holds a Unicode word boundary, which makes it slow
    /// on text beyond ASCII (an ASCII one, `(?-u:\b)`, does not).
    pub fn has_unicode_word_boundary(&self) -> bool {
        self.unicode_word_boundary
    }

    /// The names of the capture groups by index; group 0 (the whole match)
    /// and unnamed groups have none.
    pub fn capture_names(&self) -> impl Iterator<Item = Option<&str>> {
        self.group_info()
            .pattern_names(regex_automata::PatternID::ZERO)
    }

    fn group_info(&self) -> &GroupInfo {
        match &self.regex {
            Engine::Meta(regex) => regex.group_info(),
            Engine::Core(core) => core.group_info(),
        }
    }

    /// The number of capture groups, the whole match included.
    pub fn captures_len(&self) -> usize {
        self.group_info().group_len(regex_automata::PatternID::ZERO)
    }

    /// Scratch space for `captures_at`.
    pub fn create_captures(&self) -> Captures {
        Captures::all(self.group_info().clone())
    }

    /// The first match in `hay` starting at or after `at`; what comes before
    /// `at` is context (for `\b`), as with the regex crate's `find_at`.
    pub fn find_at(&self, hay: &str, at: usize) -> Option<Range<usize>> {
        let input = Input::new(hay).span(at..hay.len());
        match &self.regex {
            Engine::Meta(regex) => regex.search(&input),
            Engine::Core(core) => core.find(&input),
        }
        .map(|m| m.range())
    }

    /// The first match at or after `at`, with its groups, into `caps`; false
    /// when there is none.
    pub fn captures_at(&self, hay: &str, at: usize, caps: &mut Captures) -> bool {
        let input = Input::new(hay).span(at..hay.len());
        match &self.regex {
            Engine::Meta(regex) => {
                regex.search_captures(&input, caps);
                caps.is_match()
            }
            Engine::Core(core) => core.captures(&input, caps),
        }
    }

    pub fn is_match(&self, hay: &str) -> bool {
        self.find_at(hay, 0).is_some()
    }

    /// The literals every match contains, as clauses (see
    /// `prefilter::required_clauses`).
    pub fn required_clauses(&self) -> &Clauses {
        &self.required
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

    /// The groups `captures_at` reads, compared with those the regex engine
    /// reads with the same settings, at every start in every text: across
    /// alternatives of different priority, optional and repeated groups,
    /// empty matches, letters beyond ASCII (where a Unicode `\b` stops the
    /// lazy DFA), and a match too long for the backtracker.
    #[test]
    fn groups_are_read_as_the_regex_engine_reads_them() {
        let patterns = [
            r"(?P<name>\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)*),?\s+(?P<cue>said|says)(?:\s+(?P<when>Monday))?",
            r"(?:(?P<x>a+)|(?P<y>a+b))(?P<z>c)?",
            r"(?:a|ab)(?P<rest>c|bcd)?",
            r"(?P<e>)(?-u:\b)",
            r"\b(?P<word>\w+)\b",
            r"(?P<all>[^,]+?),",
            r"(?P<run>[\w\s]+),",
            // Word lists, empty alternatives and look-arounds, which the
            // backtracker's first-byte pruning must leave as they are.
            r"(?P<w>said|says|saying|sa)(?-u:\b)(?P<t>\s+that)?",
            r"(?:(?P<a>x*)|(?P<b>y))(?-u:\b)(?P<c>z?)",
            r"(?P<cue>(?:told|to)(?:\s+(?P<who>reporters|him))?)(?:,|\s+(?P<what>\w+))",
            // Anchored at its end: found backwards from the end of the text.
            r"(?P<who>\w+(?:\s+\w+)?)\s+(?P<cue>said|says)(?P<stop>\.?)$",
        ];
        // Longer than the backtracker reads for any of these patterns; read
        // from a few starts only (every start would take minutes).
        let long = "word ".repeat(80_000) + "ab, aab aabc abcd";
        let texts = [
            "José Álvarez said Monday that Ingrid Müller, says Zoë Lefèvre",
            "aaab aac abcd ac aab,c",
            "",
            "é a, é",
            "he said that, saying sa says sai; told him told reporters, to go",
            "xxy z yz xx",
            "“We won,” José Álvarez said.",
            long.as_str(),
        ];
        for source in patterns {
            let ours = pattern(source);
            assert!(matches!(ours.regex, Engine::Core(_)), "{source}");
            let theirs = reference(source);
            let (mut a, mut b) = (ours.create_captures(), theirs.create_captures());
            for text in texts {
                let starts =
                    (0..=text.len()).filter(|&i| text.len() < 1000 || i < 8 || i + 40 > text.len());
                for at in starts.filter(|&i| text.is_char_boundary(i)) {
                    let found = ours.captures_at(text, at, &mut a);
                    theirs.search_captures(&Input::new(text).span(at..text.len()), &mut b);
                    assert_eq!(found, b.is_match());
                    let groups =
                        |c: &Captures| c.iter().map(|g| g.map(|s| s.range())).collect::<Vec<_>>();
                    assert_eq!(groups(&a), groups(&b), "{source} in {text:?} at {at}");
                    let end = theirs.search(&Input::new(text).span(at..text.len()));
                    assert_eq!(ours.find_at(text, at), end.map(|m| m.range()));
                }
            }
        }
    }

    /// The regex engine's own search, with the settings `Pattern::new` uses,
    /// to hold ours against.
    fn reference(source: &str) -> meta::Regex {
        let hir = core::parse(&ascii_spaces(source)).unwrap();
        let config = meta::Config::new()
            .match_kind(regex_automata::MatchKind::LeftmostFirst)
            .utf8_empty(true)
            .hybrid_cache_capacity(1 << 20)
            .auto_prefilter(false);
        meta::Builder::new()
            .configure(config)
            .build_from_hir(&hir)
            .unwrap()
    }

    /// A match's start is found two ways: forwards, anchored at each offset
    /// that may start one (`captures_at`, for up to `START_TRIALS` offsets),
    /// and backwards from its end (`find_at`, and `captures_at` after those
    /// trials). On texts made of the patterns' own letters, with many false
    /// starts before a match, both give the regex engine's match.
    #[test]
    fn both_ways_to_a_start_agree_on_any_text() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};
        let patterns = [
            r"(?P<x>ab+c)",
            r"(?P<name>\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)*),?\s+(?P<cue>said|says)",
            r"(?P<q>“[^”]+”),\s+(?P<who>\p{Lu}\p{Ll}*)",
            r"(?:(?P<a>a+)|(?P<b>a+b))(?P<c>c)?(?-u:\b)",
            r"\b(?P<w>a\w*?c)\b",
        ];
        // Letters of the patterns, a few that are not, and false starts:
        // "a" runs, capitals with no cue after them, open quotations.
        let piece = prop::sample::select(vec![
            "a", "aa", "aaaa", "b", "c", "ab", "bc", " ", ",", "A", "Ab", "É", "é", "“", "”",
            "said", "says", "x",
        ]);
        let text = prop::collection::vec(piece, 0..120).prop_map(|p| p.concat());
        for source in patterns {
            let (ours, theirs) = (pattern(source), reference(source));
            let mut runner = TestRunner::new(Config::with_cases(200));
            runner
                .run(&text, |text| {
                    let (mut a, mut b) = (ours.create_captures(), theirs.create_captures());
                    let mut at = 0;
                    while at <= text.len() {
                        let input = Input::new(&text).span(at..text.len());
                        theirs.search_captures(&input, &mut b);
                        prop_assert_eq!(ours.captures_at(&text, at, &mut a), b.is_match());
                        let whole = |c: &Captures| c.get_group(0).map(|s| s.range());
                        prop_assert_eq!(whole(&a), whole(&b), "{} at {}", source, at);
                        prop_assert_eq!(ours.find_at(&text, at), whole(&b));
                        at += text[at..].chars().next().map_or(1, char::len_utf8);
                    }
                    Ok(())
                })
                .unwrap();
        }
        // More false starts than `START_TRIALS`: the search backwards finds it.
        let hay = "a".repeat(200) + "bc";
        let mut caps = pattern(r"(?P<x>ab+c)").create_captures();
        assert!(pattern(r"(?P<x>ab+c)").captures_at(&hay, 0, &mut caps));
        assert_eq!(caps.get_group(0).map(|s| s.range()), Some(199..202));
    }

    #[test]
    fn the_required_literals_come_with_the_pattern() {
        let p = pattern(r"\d+\s+(?:weeks|days)\b");
        assert_eq!(p.required_clauses().len(), 2);
    }
}
