//! Which rules can match in a text, found in one Aho-Corasick pass.
//!
//! Every match of a rule contains one of a few literals: its cue words, its
//! lexicon entries, a digit. These are read from the rule's parsed pattern, and
//! one automaton over all rules' literals tells, for a sentence, which rules
//! have one there; only those run their regex. A rule without such literals
//! runs everywhere. This replaced a `RegexSet` over all patterns, whose lazy DFA
//! spent most of its time building states on varied text.
//!
//! Literals are matched ignoring ASCII case, which only ever admits more rules:
//! the filter may let a rule run that then finds nothing, never the reverse.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder};
use regex_syntax::hir::{Class, Hir, HirKind};

/// The most strings a finite set may hold before it counts as unbounded.
const SET_LIMIT: usize = 256;
/// The most characters a class may hold to be expanded into literals.
const CLASS_LIMIT: usize = 16;

/// The literal prefilter over a list of patterns.
#[derive(Debug, Clone)]
pub struct Prefilter {
    finder: Option<AhoCorasick>,
    /// For each literal, the patterns that contain it.
    patterns_of: Vec<Vec<usize>>,
    /// Patterns with no required literal: candidates in every text.
    always: Vec<usize>,
    patterns: usize,
}

impl Prefilter {
    /// A prefilter over patterns that the regex crate accepts. A pattern that
    /// does not parse is a candidate everywhere.
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Self {
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut index: std::collections::HashMap<Vec<u8>, usize> = Default::default();
        let mut patterns_of: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        let patterns: Vec<&str> = patterns.into_iter().collect();
        let count = patterns.len();
        for (i, required) in required_literals_all(&patterns).into_iter().enumerate() {
            let Some(required) = required else {
                always.push(i);
                continue;
            };
            for literal in required {
                let id = *index.entry(literal.clone()).or_insert_with(|| {
                    literals.push(literal);
                    patterns_of.push(Vec::new());
                    literals.len() - 1
                });
                patterns_of[id].push(i);
            }
        }
        let finder = match literals.is_empty() {
            true => None,
            false => AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .build(&literals)
                .ok(),
        };
        if finder.is_none() {
            // Nothing to search for, or an automaton too large: all run.
            always = (0..count).collect();
            patterns_of.clear();
        }
        Prefilter {
            finder,
            patterns_of,
            always,
            patterns: count,
        }
    }

    /// The patterns that may match somewhere in `hay`, in ascending order.
    pub fn candidates(&self, hay: &str) -> Vec<usize> {
        let mut hit = vec![false; self.patterns];
        for &i in &self.always {
            hit[i] = true;
        }
        if let Some(finder) = &self.finder {
            for m in finder.find_overlapping_iter(hay) {
                for &i in &self.patterns_of[m.pattern().as_usize()] {
                    hit[i] = true;
                }
            }
        }
        (0..self.patterns).filter(|&i| hit[i]).collect()
    }
}

/// `required_literals` of each pattern, on every core: parsing large patterns
/// takes a while. A pattern whose analysis failed runs everywhere.
fn required_literals_all(patterns: &[&str]) -> Vec<Option<Vec<Vec<u8>>>> {
    crate::parallel::map(patterns, |p| p.len(), |p| required_literals(p))
        .into_iter()
        .map(Option::flatten)
        .collect()
}

/// Literals, lowercased in ASCII, one of which every match of `pattern`
/// contains (ignoring ASCII case); `None` when no such set is known.
pub fn required_literals(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    analyze(&hir).required.map(|set| set.strings)
}

/// A finite set of byte strings, lowercased in ASCII, with its cost as a
/// filter (see `cost`).
#[derive(Debug, Clone, PartialEq)]
struct Set {
    strings: Vec<Vec<u8>>,
    cost: Option<f64>,
}

impl Set {
    fn new(mut strings: Vec<Vec<u8>>) -> Self {
        strings.sort();
        strings.dedup();
        let cost = match strings.iter().any(Vec::is_empty) {
            true => None,
            false => Some(strings.iter().map(|s| odds(s)).sum()),
        };
        Set { strings, cost }
    }

    fn empty_string() -> Self {
        Set::new(vec![Vec::new()])
    }

    /// Every string of `self` followed by every string of `next`, if the
    /// result stays within the limit.
    fn then(&self, next: &Set) -> Option<Set> {
        if self.strings.len() * next.strings.len() > SET_LIMIT {
            return None;
        }
        let strings = self
            .strings
            .iter()
            .flat_map(|a| next.strings.iter().map(move |b| [a.as_slice(), b].concat()))
            .collect();
        Some(Set::new(strings))
    }

    fn union(&self, other: &Set) -> Set {
        Set::new([self.strings.clone(), other.strings.clone()].concat())
    }

    /// How often the set lets a rule run, roughly: the sum of each string's
    /// odds of turning up in a sentence of English news. Lower is better; a
    /// set holding the empty string filters nothing.
    fn cost(&self) -> Option<f64> {
        self.cost
    }
}

/// What is known of a sub-pattern: every string it matches, when they are few;
/// and a set of literals one of which each of its matches contains.
struct Facts {
    exact: Option<Set>,
    required: Option<Set>,
}

impl Facts {
    fn exact(set: Set) -> Self {
        let required = set.cost().map(|_| set.clone());
        Facts {
            exact: Some(set),
            required,
        }
    }

    fn unknown() -> Self {
        Facts {
            exact: None,
            required: None,
        }
    }
}

/// Rough odds that a sentence contains `s`: a letter or a space is in every
/// one, a comma in half, some digit in a third; short words ("in", "the") are
/// common, longer strings rarer the longer they are.
fn odds(s: &[u8]) -> f64 {
    let letters = s.iter().all(|b| b.is_ascii_alphabetic() || *b == b' ');
    match (s.len(), letters) {
        (1, true) => 1.0,
        (1, false) if s[0] == b',' || s[0] == b'.' => 0.5,
        (1, false) if s[0].is_ascii_digit() => 0.03,
        (1, false) if s[0].is_ascii() => 0.3,
        (1, false) => 0.005,
        (2, true) => 0.3,
        (2, false) => 0.03,
        (3, true) => 0.05,
        (3, false) => 0.005,
        (n, _) => 0.008 / n as f64,
    }
}

/// The better of two required sets.
fn better(a: Option<Set>, b: Option<Set>) -> Option<Set> {
    match improves(a.as_ref(), b.as_ref()) {
        true => b,
        false => a.filter(|s| s.cost().is_some()),
    }
}

/// Whether `b` is a better required set than `a`: it filters, and `a` does
/// not or costs more.
fn improves(a: Option<&Set>, b: Option<&Set>) -> bool {
    match (a.and_then(Set::cost), b.and_then(Set::cost)) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(a), Some(b)) => b < a,
    }
}

fn analyze(hir: &Hir) -> Facts {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Facts {
            exact: Some(Set::empty_string()),
            required: None,
        },
        HirKind::Literal(literal) => Facts::exact(Set::new(vec![literal.0.to_ascii_lowercase()])),
        HirKind::Class(class) => class_facts(class),
        HirKind::Capture(capture) => analyze(&capture.sub),
        HirKind::Repetition(rep) => {
            let sub = analyze(&rep.sub);
            match (rep.min, rep.max) {
                (1, Some(1)) => sub,
                (0, Some(1)) => Facts {
                    exact: sub.exact.map(|s| s.union(&Set::empty_string())),
                    required: None,
                },
                (0, _) => Facts::unknown(),
                // At least one copy: the sub-pattern's literals are required.
                _ => Facts {
                    exact: None,
                    required: better(sub.required, sub.exact),
                },
            }
        }
        HirKind::Alternation(subs) => {
            let facts: Vec<Facts> = subs.iter().map(analyze).collect();
            let mut exact = Some(Vec::new());
            let mut required = Some(Vec::new());
            for f in facts {
                exact = exact.and_then(|mut all: Vec<Vec<u8>>| {
                    all.extend(f.exact.clone()?.strings);
                    (all.len() <= SET_LIMIT * 4).then_some(all)
                });
                required = required.and_then(|mut all: Vec<Vec<u8>>| {
                    all.extend(better(f.required, f.exact)?.strings);
                    Some(all)
                });
            }
            let exact = exact.map(Set::new).filter(|s| s.strings.len() <= SET_LIMIT);
            Facts {
                exact,
                required: required.map(Set::new),
            }
        }
        HirKind::Concat(subs) => {
            let facts: Vec<Facts> = subs.iter().map(analyze).collect();
            let mut required = None;
            for f in &facts {
                if improves(required.as_ref(), f.required.as_ref()) {
                    required.clone_from(&f.required);
                }
            }
            // Runs of neighbours with few strings make longer literals:
            // `(?i)said` is four one-letter classes, "said" together. A run
            // grows until a neighbour is not finite or the set too large; a
            // run that never broke spans the whole sequence, its exact set.
            let mut run = Set::empty_string();
            let mut whole = true;
            for f in &facts {
                match f.exact.as_ref().and_then(|e| run.then(e)) {
                    Some(next) => run = next,
                    None => {
                        whole = false;
                        required = better(required, Some(run));
                        run = f.exact.clone().unwrap_or_else(Set::empty_string);
                    }
                }
            }
            let exact = whole.then(|| run.clone());
            required = better(required, Some(run));
            Facts { exact, required }
        }
    }
}

/// A class with few members is that many one-character strings, lowercased
/// in ASCII (`(?i)s` is "s" and the long s "ſ"). A class with few ASCII
/// members but many others (`\d`, with every script's digits) requires one of
/// the ASCII ones or the first byte of another, which no string can extend.
fn class_facts(class: &Class) -> Facts {
    let mut ascii: Vec<Vec<u8>> = Vec::new();
    let mut leads: Vec<Vec<u8>> = Vec::new();
    match class {
        Class::Unicode(class) => {
            let size: u32 = class
                .iter()
                .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
                .sum();
            if size as usize <= CLASS_LIMIT * 2 {
                let strings = class.iter().flat_map(|r| r.start()..=r.end()).map(|c| {
                    let mut buf = [0; 4];
                    c.encode_utf8(&mut buf).as_bytes().to_ascii_lowercase()
                });
                let set = Set::new(strings.collect());
                if set.strings.len() <= CLASS_LIMIT {
                    return Facts::exact(set);
                }
            }
            for range in class.iter() {
                let (start, end) = (u32::from(range.start()), u32::from(range.end()));
                if start < 0x80 {
                    if end.min(0x7F) - start >= CLASS_LIMIT as u32 * 2 {
                        return Facts::unknown();
                    }
                    ascii.extend((start..=end.min(0x7F)).map(|b| vec![b as u8]));
                }
                // The first byte of a character's UTF-8 rises with the
                // character: those of the ends bound those between.
                if end >= 0x80 {
                    let first = |c: u32| {
                        let mut buf = [0; 4];
                        char::from_u32(c).map(|c| c.encode_utf8(&mut buf).as_bytes()[0])
                    };
                    let low = first(start.max(0x80)).unwrap_or(0xC2);
                    let high = first(end).unwrap_or(0xF4);
                    leads.extend((low..=high).map(|b| vec![b]));
                }
            }
        }
        Class::Bytes(class) => {
            for range in class.iter() {
                let (start, end) = (range.start(), range.end());
                if start < 0x80 {
                    if end.min(0x7F) - start >= CLASS_LIMIT as u8 * 2 {
                        return Facts::unknown();
                    }
                    ascii.extend((start..=end.min(0x7F)).map(|b| vec![b]));
                }
                if end >= 0x80 {
                    leads.extend((start.max(0x80)..=end).map(|b| vec![b]));
                }
            }
        }
    }
    for s in &mut ascii {
        s.make_ascii_lowercase();
    }
    let ascii = Set::new(ascii);
    if ascii.strings.len() > CLASS_LIMIT {
        return Facts::unknown();
    }
    match leads.is_empty() {
        true => Facts::exact(ascii),
        false => Facts {
            exact: None,
            required: Some(Set::new([ascii.strings, leads].concat())),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literals(pattern: &str) -> Option<Vec<String>> {
        required_literals(pattern).map(|set| {
            set.into_iter()
                .map(|s| String::from_utf8(s).unwrap())
                .collect()
        })
    }

    #[test]
    fn case_insensitive_words_become_one_literal() {
        assert_eq!(literals(r"(?i-u:said)"), Some(vec!["said".into()]));
        // Unicode's case folding adds the long s.
        assert_eq!(
            literals(r"(?i)said"),
            Some(vec!["said".into(), "ſaid".into()])
        );
    }

    #[test]
    fn digits_of_every_script_are_kept_by_their_first_byte() {
        let found = required_literals(r"\d+").unwrap();
        assert!(found.contains(&b"7".to_vec()));
        // U+0967, Devanagari seven, starts with byte E0.
        assert!(found.contains(&vec![0xE0]));
        let filter = Prefilter::new([r"\d+", r"troops"]);
        assert_eq!(filter.candidates("\u{967}\u{968}"), vec![0]);
        assert_eq!(filter.candidates("no digits"), Vec::<usize>::new());
    }

    #[test]
    fn the_most_selective_part_of_a_sequence_is_required() {
        assert_eq!(
            literals(r"\d+\s+(?:troops|soldiers)\b"),
            Some(vec!["soldiers".into(), "troops".into()])
        );
    }

    #[test]
    fn alternatives_each_contribute() {
        assert_eq!(
            literals(r"(?:\d+ )?(?:Monday|Tuesday)|yesterday"),
            Some(vec!["monday".into(), "tuesday".into(), "yesterday".into()])
        );
    }

    #[test]
    fn a_pattern_that_may_match_anything_has_no_literals() {
        assert_eq!(literals(r"\p{Lu}\w+"), None);
        assert_eq!(literals(r"(?:said)?\w+"), None);
        assert_eq!(literals(r"(?:said|\w+)"), None);
    }

    #[test]
    fn candidates_are_the_patterns_whose_literals_occur() {
        let filter = Prefilter::new([r"(?i)said", r"\d+ troops", r"\p{Lu}\w+"]);
        assert_eq!(filter.candidates("He SAID so"), vec![0, 2]);
        assert_eq!(filter.candidates("8,000 Troops"), vec![1, 2]);
        assert_eq!(filter.candidates("nothing"), vec![2]);
    }
}
