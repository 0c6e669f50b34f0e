//! Which rules can match in a text, found in one Aho-Corasick pass.
//!
//! Every match of a rule contains some literals: its cue words, its lexicon
//! entries, a digit. These are read from the rule's parsed pattern as a few
//! *clauses*, each a set of literals one of which every match contains: "two
//! weeks" needs a number word and a unit of time, so a sentence must hold
//! both. One automaton over all rules' literals finds them in a paragraph;
//! a rule is a candidate in a paragraph or sentence where each of its clauses
//! has a literal, and only candidates run their regex. A rule without such
//! literals runs everywhere. This replaced a `RegexSet` over all patterns,
//! whose lazy DFA spent most of its time building states on varied text.
//!
//! Literals are matched ignoring ASCII case, which only ever admits more rules:
//! the filter may let a rule run that then finds nothing, never the reverse.
//!
//! A literal that the pattern puts right after or before an ASCII word
//! boundary (`(?-u:\b)`) or a space counts only where the text has one
//! there: "h" (for hours) is in nearly every sentence, "h" as a word in few.

use std::collections::BTreeMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind};
use regex_syntax::hir::{Class, Hir, HirKind};

/// The most strings a finite set may hold before it counts as unbounded.
const SET_LIMIT: usize = 256;
/// The most characters a class may hold to be expanded into literals.
const CLASS_LIMIT: usize = 16;
/// The most clauses kept for a pattern: each costs a little in every text
/// where its literals occur.
const MAX_CLAUSES: usize = 4;
/// A clause whose literals are in nearly every sentence (`cost` at least
/// this) filters nothing and is dropped, unless it is a pattern's only one.
const USELESS: f64 = 0.9;

/// The most literals searched with a DFA (the default rules have about 800,
/// a 1 MB automaton, scanned in 60% of the time a contiguous NFA takes); a
/// rule set with huge lexicons gets what the builder picks, as a DFA would
/// grow with them.
const DFA_LITERALS: usize = 5000;

/// Sets of literals such that every match of a pattern contains one literal
/// of each set, the most selective set first (see `required_clauses`). A
/// literal may hold `BOUNDARY` and `SPACE` marks.
pub type Clauses = Vec<Vec<Vec<u8>>>;

/// Marks an ASCII word boundary in a literal: the pattern has `(?-u:\b)`
/// there. No UTF-8 text holds this byte.
pub const BOUNDARY: u8 = 0xFF;

/// Stands for any ASCII whitespace character in a literal (`\s` in rules,
/// which match normalized text): one string instead of six. No UTF-8 text
/// holds this byte either.
pub const SPACE: u8 = 0xFE;

/// What `SPACE` stands for: the ASCII whitespace of `(?-u:\s)`.
const ASCII_SPACES: [u8; 6] = [b'\t', b'\n', 0x0B, 0x0C, b'\r', b' '];

/// What a literal needs around it, as bits: a word boundary or a space just
/// before it or just after it.
const BOUNDARY_BEFORE: u8 = 1;
const BOUNDARY_AFTER: u8 = 2;
const SPACE_BEFORE: u8 = 4;
const SPACE_AFTER: u8 = 8;

/// The literal prefilter over a list of patterns.
///
/// The clauses found in a text are kept as bits, `MAX_CLAUSES` to a pattern
/// (its *lane*), sixteen patterns to a word: a hit sets, with a few word-wide
/// ORs, every clause its literal satisfies (a digit satisfies forty rules'
/// clauses), and a pattern is a candidate where its lane holds all of its
/// clauses.
#[derive(Debug, Clone)]
pub struct Prefilter {
    finder: Option<AhoCorasick>,
    /// For each literal, its marks: a range of `marks`.
    literal_marks: Vec<Range<u32>>,
    /// The clause bits a literal sets where the text has what `needs` asks
    /// for around it (`BOUNDARY_BEFORE`, ...): a range of `bits`.
    marks: Vec<Mark>,
    /// (word, bits to set in it).
    bits: Vec<(u32, u64)>,
    /// For each literal, whether its first and its last byte are word characters.
    word_edges: Vec<(bool, bool)>,
    /// Every pattern's clauses, in its lane: one bit per clause; none for a
    /// pattern without clauses, which is a candidate in every text.
    required: Vec<u64>,
    /// The number of patterns.
    patterns: usize,
}

/// The clause bits a literal sets when the text around it has what `needs`
/// asks for.
#[derive(Debug, Clone)]
struct Mark {
    needs: u8,
    bits: Range<u32>,
}

/// The bits of a pattern's clauses: `MAX_CLAUSES` in each 64-bit word's lanes.
const LANE: usize = MAX_CLAUSES;
const LANES_PER_WORD: usize = 64 / LANE;
const _: () = assert!(64 % LANE == 0, "lanes must tile a word");

/// The word and the shift of pattern `i`'s lane.
fn lane(i: usize) -> (usize, usize) {
    (i / LANES_PER_WORD, (i % LANES_PER_WORD) * LANE)
}

/// The lowest bit of each lane of a word.
const LANE_STARTS: u64 = {
    let mut bits = 0u64;
    let mut k = 0;
    while k < 64 {
        bits |= 1 << k;
        k += LANE;
    }
    bits
};

/// A literal found in a text: where it ends, its length, which it is, and
/// what the text has just before and just after it (`Around`).
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    end: usize,
    len: u32,
    literal: u32,
    around: u8,
}

impl Hit {
    /// Where the literal ends in the text.
    pub fn end(&self) -> usize {
        self.end
    }
}

/// What a text has around a hit, as bits.
struct Around;

impl Around {
    const WORD_BEFORE: u8 = 1;
    const WORD_AFTER: u8 = 2;
    const SPACE_BEFORE: u8 = 4;
    const SPACE_AFTER: u8 = 8;

    /// The bits for the bytes `before` and `after` a hit, if any.
    fn of(before: Option<u8>, after: Option<u8>) -> u8 {
        let mut bits = 0;
        if let Some(b) = before {
            bits |= u8::from(is_word_byte(b)) * Around::WORD_BEFORE;
            bits |= u8::from(ASCII_SPACES.contains(&b)) * Around::SPACE_BEFORE;
        }
        if let Some(b) = after {
            bits |= u8::from(is_word_byte(b)) * Around::WORD_AFTER;
            bits |= u8::from(ASCII_SPACES.contains(&b)) * Around::SPACE_AFTER;
        }
        bits
    }
}

/// The text to search for a literal, and what it needs around it
/// (`BOUNDARY_BEFORE`, ...); none when it has no text. A space inside cuts it
/// in two, of which the longer is searched for; a boundary inside says nothing
/// the search can use.
fn split_literal(literal: &[u8]) -> Option<(Vec<u8>, u8)> {
    let mark = |b: &u8| *b == BOUNDARY || *b == SPACE;
    let start = literal.iter().position(|b| !mark(b))?;
    let end = literal.iter().rposition(|b| !mark(b))? + 1;
    let (lead, body, tail) = (&literal[..start], &literal[start..end], &literal[end..]);
    let edge = |marks: &[u8], space: u8, boundary: u8| match marks {
        _ if marks.contains(&SPACE) => space,
        [] => 0,
        _ => boundary,
    };
    let segments: Vec<&[u8]> = body.split(|&b| b == SPACE).collect();
    let (k, longest) = segments
        .iter()
        .enumerate()
        .max_by_key(|(k, s)| (s.len(), std::cmp::Reverse(*k)))?;
    let mut needs = 0;
    needs |= match k {
        0 => edge(lead, SPACE_BEFORE, BOUNDARY_BEFORE),
        _ => SPACE_BEFORE,
    };
    needs |= match k + 1 == segments.len() {
        true => edge(tail, SPACE_AFTER, BOUNDARY_AFTER),
        false => SPACE_AFTER,
    };
    let text: Vec<u8> = longest.iter().copied().filter(|&b| b != BOUNDARY).collect();
    (!text.is_empty()).then_some((text, needs))
}

/// A word character as `(?-u:\b)` sees it.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Reusable working memory for `Prefilter::candidates` (and `count`).
#[derive(Debug, Default)]
pub struct Scratch {
    /// The clauses found so far in the range, in the patterns' lanes.
    found: Vec<u64>,
}

impl Prefilter {
    /// A prefilter over patterns that the regex crate accepts. A pattern that
    /// does not parse is a candidate everywhere.
    #[cfg(test)]
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Self {
        let patterns: Vec<&str> = patterns.into_iter().collect();
        let clauses = crate::parallel::map(&patterns, |p| p.len(), |p| required_clauses(p));
        let clauses: Vec<Clauses> = clauses.into_iter().map(Option::unwrap_or_default).collect();
        Prefilter::from_clauses(clauses.iter())
    }

    /// A prefilter over patterns given by their required clauses (see
    /// `required_clauses`); a pattern without any is a candidate everywhere.
    pub fn from_clauses<'a>(patterns: impl IntoIterator<Item = &'a Clauses>) -> Self {
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut index: std::collections::HashMap<Vec<u8>, usize> = Default::default();
        // For each literal, by what it needs around it, the clause bits it sets.
        let mut sets: Vec<BTreeMap<u8, BTreeMap<u32, u64>>> = Vec::new();
        let patterns: Vec<&Clauses> = patterns.into_iter().collect();
        let mut required = vec![0u64; patterns.len().div_ceil(LANES_PER_WORD)];
        for (i, clauses) in patterns.iter().enumerate() {
            let (word, shift) = lane(i);
            // A pattern with more clauses than a lane holds does without the
            // rest: fewer clauses only ever admit more.
            for (c, clause) in clauses.iter().enumerate().take(LANE) {
                // A clause with a literal that has no text to search for
                // filters nothing.
                let Some(split) = clause
                    .iter()
                    .map(|l| split_literal(l))
                    .collect::<Option<Vec<_>>>()
                else {
                    continue;
                };
                let bit = 1u64 << (shift + c);
                required[word] |= bit;
                for (text, needs) in split {
                    let id = *index.entry(text).or_insert_with_key(|text| {
                        literals.push(text.clone());
                        sets.push(BTreeMap::new());
                        literals.len() - 1
                    });
                    *sets[id]
                        .entry(needs)
                        .or_default()
                        .entry(word as u32)
                        .or_default() |= bit;
                }
            }
        }
        let finder = match literals.is_empty() {
            true => None,
            false => AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .kind((literals.len() <= DFA_LITERALS).then_some(AhoCorasickKind::DFA))
                .build(&literals)
                .ok(),
        };
        if finder.is_none() {
            // Nothing to search for, or an automaton too large: all run.
            required.iter_mut().for_each(|r| *r = 0);
            sets.clear();
        }
        let (mut literal_marks, mut marks, mut bits) = (Vec::new(), Vec::new(), Vec::new());
        for by_needs in sets {
            let first = marks.len() as u32;
            for (needs, words) in by_needs {
                let start = bits.len() as u32;
                bits.extend(words);
                marks.push(Mark {
                    needs,
                    bits: start..bits.len() as u32,
                });
            }
            literal_marks.push(first..marks.len() as u32);
        }
        let word_edges = literals
            .iter()
            .map(|l| match (l.first(), l.last()) {
                (Some(&first), Some(&last)) => (is_word_byte(first), is_word_byte(last)),
                _ => (false, false),
            })
            .collect();
        Prefilter {
            finder,
            literal_marks,
            marks,
            bits,
            word_edges,
            required,
            patterns: patterns.len(),
        }
    }

    /// Every literal in `hay`, in order of where they end; offsets count from
    /// `offset`.
    pub fn hits<'h>(&'h self, hay: &'h str, offset: usize) -> impl Iterator<Item = Hit> + 'h {
        let bytes = hay.as_bytes();
        self.finder.iter().flat_map(move |finder| {
            finder.find_overlapping_iter(hay).map(move |m| Hit {
                end: offset + m.end(),
                len: m.len() as u32,
                literal: m.pattern().as_u32(),
                around: Around::of(
                    m.start().checked_sub(1).map(|k| bytes[k]),
                    bytes.get(m.end()).copied(),
                ),
            })
        })
    }

    /// Every literal in `hay`, in order of where they end, into `hits`
    /// (cleared first); offsets count from `offset`.
    #[cfg(test)]
    pub fn scan(&self, hay: &str, offset: usize, hits: &mut Vec<Hit>) {
        hits.clear();
        hits.extend(self.hits(hay, offset));
    }

    /// The patterns that `wanted` accepts and that may match inside `range`
    /// of the text that `hits` were scanned from, in ascending order, into
    /// `out` (cleared first).
    pub fn candidates(
        &self,
        hits: &[Hit],
        range: Range<usize>,
        wanted: impl Fn(usize) -> bool,
        scratch: &mut Scratch,
        out: &mut Vec<usize>,
    ) {
        self.start(scratch);
        // Hits are in order of their ends: those ending in the range are one
        // run, of which those starting in it count.
        let first = hits.partition_point(|h| h.end <= range.start);
        for hit in hits[first..].iter().take_while(|h| h.end <= range.end) {
            self.count(hit, &range, scratch);
        }
        self.complete(scratch, wanted, out);
    }

    /// Starts counting the clauses found in a range afresh (`count`, then
    /// `complete`).
    pub fn start(&self, scratch: &mut Scratch) {
        scratch.found.clear();
        scratch.found.resize(self.required.len(), 0);
    }

    /// Counts the clauses a hit satisfies in `range`, if it lies inside it:
    /// `candidates` one hit at a time, for hits that are not kept.
    pub fn count(&self, hit: &Hit, range: &Range<usize>, scratch: &mut Scratch) {
        let start = hit.end - hit.len as usize;
        if start < range.start || hit.end > range.end {
            return;
        }
        // The range is searched on its own: outside it, there is nothing.
        let mut around = hit.around;
        if start == range.start {
            around &= !(Around::WORD_BEFORE | Around::SPACE_BEFORE);
        }
        if hit.end == range.end {
            around &= !(Around::WORD_AFTER | Around::SPACE_AFTER);
        }
        let marks = &self.literal_marks[hit.literal as usize];
        for mark in &self.marks[marks.start as usize..marks.end as usize] {
            if mark.needs != 0 && !self.has_around(hit.literal, around, mark.needs) {
                continue;
            }
            for &(word, bits) in &self.bits[mark.bits.start as usize..mark.bits.end as usize] {
                scratch.found[word as usize] |= bits;
            }
        }
    }

    /// The patterns that `wanted` accepts whose every clause was counted, in
    /// ascending order, into `out` (cleared first).
    pub fn complete(
        &self,
        scratch: &Scratch,
        wanted: impl Fn(usize) -> bool,
        out: &mut Vec<usize>,
    ) {
        out.clear();
        for (word, (&found, &required)) in scratch.found.iter().zip(&self.required).enumerate() {
            // A lane with a clause required and not found has a bit here.
            let missing = required & !found;
            let mut short = missing;
            for k in 1..LANE {
                short |= missing >> k;
            }
            let mut complete = !short & LANE_STARTS;
            while complete != 0 {
                let pattern = word * LANES_PER_WORD + complete.trailing_zeros() as usize / LANE;
                complete &= complete - 1;
                if pattern < self.patterns && wanted(pattern) {
                    out.push(pattern);
                }
            }
        }
    }

    /// Whether a hit of `literal` has what the literal `needs` around it,
    /// given what the text has there (`Around`).
    fn has_around(&self, literal: u32, around: u8, needs: u8) -> bool {
        let (first, last) = self.word_edges[literal as usize];
        let word_before = around & Around::WORD_BEFORE != 0;
        let word_after = around & Around::WORD_AFTER != 0;
        (needs & BOUNDARY_BEFORE == 0 || word_before != first)
            && (needs & BOUNDARY_AFTER == 0 || word_after != last)
            && (needs & SPACE_BEFORE == 0 || around & Around::SPACE_BEFORE != 0)
            && (needs & SPACE_AFTER == 0 || around & Around::SPACE_AFTER != 0)
    }

    /// The patterns that may match somewhere in `hay`, in ascending order.
    #[cfg(test)]
    pub fn candidates_in(&self, hay: &str) -> Vec<usize> {
        let mut hits = Vec::new();
        self.scan(hay, 0, &mut hits);
        let mut out = Vec::new();
        self.candidates(
            &hits,
            0..hay.len(),
            |_| true,
            &mut Scratch::default(),
            &mut out,
        );
        out
    }
}

/// Sets of literals, lowercased in ASCII, such that every match of `pattern`
/// contains one literal of each set (ignoring ASCII case); none when no such
/// set is known. The most selective first.
#[cfg(test)]
pub fn required_clauses(pattern: &str) -> Clauses {
    match super::core::parse(pattern) {
        Ok(hir) => required_clauses_of(&hir),
        Err(_) => Vec::new(),
    }
}

/// `required_clauses` of a parsed pattern.
pub fn required_clauses_of(hir: &Hir) -> Clauses {
    let mut clauses = Analyzer::new(hir).analyze(hir).clauses;
    // Clauses that filter nothing cost a hit in every sentence: kept only
    // when there is nothing better.
    if clauses
        .first()
        .is_some_and(|c| c.cost().is_some_and(|c| c < USELESS))
    {
        clauses.retain(|c| c.cost().is_some_and(|c| c < USELESS));
    }
    clauses.truncate(MAX_CLAUSES);
    clauses.into_iter().map(|set| set.strings).collect()
}

/// The literals of the most selective clause of `pattern` (see
/// `required_clauses`), if any.
#[cfg(test)]
pub fn required_literals(pattern: &str) -> Option<Vec<Vec<u8>>> {
    required_clauses(pattern).into_iter().next()
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
        for s in &mut strings {
            // Two boundaries in a row are one.
            if s.windows(2).any(|w| w == [BOUNDARY, BOUNDARY]) {
                s.dedup_by(|a, b| *a == BOUNDARY && *b == BOUNDARY);
            }
        }
        strings.sort();
        strings.dedup();
        // A string of boundaries and spaces alone is no text to search for.
        let cost = match strings
            .iter()
            .any(|s| s.iter().all(|&b| b == BOUNDARY || b == SPACE))
        {
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
        // Every sequence starts from the empty string: nothing to join.
        if let [only] = self.strings.as_slice()
            && only.is_empty()
        {
            return Some(next.clone());
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
/// and clauses, sets of literals each of which has one in every match, the
/// most selective first.
#[derive(Clone)]
struct Facts {
    exact: Option<Set>,
    clauses: Vec<Set>,
}

impl Facts {
    fn exact(set: Set) -> Self {
        let clauses = set.cost().map(|_| set.clone()).into_iter().collect();
        Facts {
            exact: Some(set),
            clauses,
        }
    }

    fn unknown() -> Self {
        Facts {
            exact: None,
            clauses: Vec::new(),
        }
    }

    /// The clauses, and the exact set as one more when it filters.
    fn all_clauses(self) -> Vec<Set> {
        let mut clauses = self.clauses;
        clauses.extend(self.exact.filter(|e| e.cost().is_some()));
        sorted(clauses)
    }
}

/// Clauses most selective first, without repeats, at most `MAX_CLAUSES`
/// beyond the first useless one.
fn sorted(mut clauses: Vec<Set>) -> Vec<Set> {
    clauses.retain(|c| c.cost().is_some());
    clauses.sort_by(|a, b| {
        a.cost()
            .partial_cmp(&b.cost())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    clauses.dedup();
    clauses.truncate(MAX_CLAUSES * 2);
    clauses
}

/// Rough odds that a sentence contains `s`: a letter or a space is in every
/// one, a comma in half, some digit in a third; short words ("in", "the") are
/// common, longer strings rarer the longer they are.
fn odds(s: &[u8]) -> f64 {
    // Spaces and line breaks at the edges, like word boundaries, make the
    // string a word or a word's start or end.
    let edge = |b: &u8| matches!(b, b' ' | b'\n' | &BOUNDARY | &SPACE);
    let before = s.first().is_some_and(edge);
    let after = s.len() > 1 && s.last().is_some_and(edge);
    let start = s.iter().position(|b| !edge(b)).unwrap_or(s.len());
    let end = s.iter().rposition(|b| !edge(b)).map_or(start, |k| k + 1);
    let text = &s[start..end];
    let mut odds = text_odds(text);
    // As a whole word, a short string is rarer than inside words: "h" (for
    // hours) against "the", "which", "hours".
    if before && after && text.iter().all(u8::is_ascii_alphabetic) {
        odds = match text.len() {
            1 | 3 => odds.min(0.05),
            2 => odds.min(0.15),
            _ => odds,
        };
    }
    // Tabs, carriage returns and the like are rare in normalized text.
    if s.iter().any(|b| matches!(b, b'\t' | b'\r' | 0x0B | 0x0C)) {
        odds *= 0.01;
    }
    odds
}

/// `odds` of a string without word boundaries.
fn text_odds(s: &[u8]) -> f64 {
    let letters = s
        .iter()
        .all(|b| b.is_ascii_alphabetic() || *b == b' ' || *b == SPACE);
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

/// Reads a pattern for its literals, remembering what it found for each
/// alternation and sequence that the pattern repeats: a pattern built from
/// macros repeats the same lexicon in several places (a month name four times
/// in `date.day_range`), and reading each once is most of the time saved.
#[derive(Default)]
struct Analyzer<'h> {
    /// A hash of the structure of each alternation and sequence, by address.
    hashes: rustc_hash::FxHashMap<*const Hir, u64>,
    /// How many alternations and sequences have each hash: what is there
    /// once is read once, and not worth a copy to remember.
    repeats: rustc_hash::FxHashMap<u64, u32>,
    /// By that hash: the sub-patterns read, and what was found for each.
    seen: rustc_hash::FxHashMap<u64, Vec<(&'h Hir, Facts)>>,
}

impl<'h> Analyzer<'h> {
    fn new(hir: &Hir) -> Self {
        let mut analyzer = Analyzer::default();
        analyzer.hash(hir);
        analyzer
    }

    /// The structural hash of `hir`, recording those of its alternations and
    /// sequences: equal sub-patterns hash alike.
    fn hash(&mut self, hir: &Hir) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut state = rustc_hash::FxHasher::default();
        std::mem::discriminant(hir.kind()).hash(&mut state);
        match hir.kind() {
            HirKind::Empty => {}
            HirKind::Literal(literal) => literal.0.hash(&mut state),
            HirKind::Class(Class::Unicode(class)) => {
                for range in class.iter() {
                    (range.start(), range.end()).hash(&mut state);
                }
            }
            HirKind::Class(Class::Bytes(class)) => {
                for range in class.iter() {
                    (range.start(), range.end()).hash(&mut state);
                }
            }
            HirKind::Look(look) => look.as_repr().hash(&mut state),
            HirKind::Repetition(rep) => {
                (rep.min, rep.max, rep.greedy, self.hash(&rep.sub)).hash(&mut state);
            }
            HirKind::Capture(capture) => {
                (capture.index, self.hash(&capture.sub)).hash(&mut state);
            }
            HirKind::Concat(subs) | HirKind::Alternation(subs) => {
                for sub in subs {
                    self.hash(sub).hash(&mut state);
                }
                let hash = state.finish();
                self.hashes.insert(hir, hash);
                *self.repeats.entry(hash).or_default() += 1;
                return hash;
            }
        }
        state.finish()
    }

    fn analyze(&mut self, hir: &'h Hir) -> Facts {
        let Some(&key) = self.hashes.get(&(hir as *const Hir)) else {
            return self.read(hir);
        };
        if self.repeats.get(&key).is_none_or(|&n| n < 2) {
            return self.read(hir);
        }
        let seen = self.seen.get(&key).into_iter().flatten();
        if let Some((_, facts)) = seen.into_iter().find(|(h, _)| *h == hir) {
            return facts.clone();
        }
        let facts = self.read(hir);
        self.seen.entry(key).or_default().push((hir, facts.clone()));
        facts
    }

    fn read(&mut self, hir: &'h Hir) -> Facts {
        match hir.kind() {
            // A word boundary is kept in the strings around it, as a mark.
            HirKind::Look(regex_syntax::hir::Look::WordAscii) => Facts {
                exact: Some(Set::new(vec![vec![BOUNDARY]])),
                clauses: Vec::new(),
            },
            HirKind::Empty | HirKind::Look(_) => Facts {
                exact: Some(Set::empty_string()),
                clauses: Vec::new(),
            },
            HirKind::Literal(literal) => {
                Facts::exact(Set::new(vec![literal.0.to_ascii_lowercase()]))
            }
            HirKind::Class(class) => class_facts(class),
            HirKind::Capture(capture) => self.analyze(&capture.sub),
            HirKind::Repetition(rep) => {
                let sub = self.analyze(&rep.sub);
                match (rep.min, rep.max) {
                    (1, Some(1)) => sub,
                    (0, Some(1)) => Facts {
                        exact: sub.exact.map(|s| s.union(&Set::empty_string())),
                        clauses: Vec::new(),
                    },
                    (0, _) => Facts::unknown(),
                    // At least one copy: the sub-pattern's literals are required.
                    _ => Facts {
                        exact: None,
                        clauses: sub.all_clauses(),
                    },
                }
            }
            HirKind::Alternation(subs) => {
                let facts: Vec<Facts> = subs.iter().map(|s| self.analyze(s)).collect();
                let mut exact = Some(Vec::new());
                for f in &facts {
                    exact = exact.and_then(|mut all: Vec<Vec<u8>>| {
                        all.extend(f.exact.clone()?.strings);
                        (all.len() <= SET_LIMIT * 4).then_some(all)
                    });
                }
                let exact = exact.map(Set::new).filter(|s| s.strings.len() <= SET_LIMIT);
                // A clause of every alternative is a clause of the whole; so is
                // each alternative's k-th clause of the rest, together: a match is
                // a match of one alternative, which holds all of its clauses.
                let mut each: Vec<Vec<Set>> = facts.into_iter().map(Facts::all_clauses).collect();
                let mut clauses: Vec<Set> = Vec::new();
                if let Some((first, rest)) = each.split_first() {
                    clauses.extend(
                        first
                            .iter()
                            .filter(|c| rest.iter().all(|r| r.contains(c)))
                            .cloned(),
                    );
                }
                for alternative in &mut each {
                    alternative.retain(|c| !clauses.contains(c));
                }
                let depth = each.iter().map(Vec::len).min().unwrap_or(0);
                clauses.extend((0..depth).map(|k| {
                    let strings = each.iter().flat_map(|c| c[k].strings.iter().cloned());
                    Set::new(strings.collect())
                }));
                Facts {
                    exact,
                    clauses: sorted(clauses),
                }
            }
            HirKind::Concat(subs) => {
                let facts: Vec<Facts> = subs.iter().map(|s| self.analyze(s)).collect();
                let mut clauses: Vec<Set> = Vec::new();
                // Runs of neighbours with few strings make longer literals:
                // `(?i)said` is four one-letter classes, "said" together. A run
                // grows until a neighbour is not finite or the set too large; a
                // run that never broke spans the whole sequence, its exact set.
                let mut run = Set::empty_string();
                let mut whole = true;
                for (sub, f) in subs.iter().zip(facts) {
                    // `x+` starts and ends with an `x`: the run before it goes
                    // on into its first copy, and the run after it starts
                    // with its last (`\s+troops` needs " troops").
                    let repeated = match sub.kind() {
                        HirKind::Repetition(rep) if rep.min >= 1 && f.exact.is_none() => {
                            self.analyze(&rep.sub).exact
                        }
                        _ => None,
                    };
                    match (f.exact.as_ref().and_then(|e| run.then(e)), repeated) {
                        (Some(next), _) => run = next,
                        (None, Some(each)) => {
                            whole = false;
                            clauses.push(run.then(&each).unwrap_or(run));
                            run = each;
                        }
                        (None, None) => {
                            whole = false;
                            let next = f.exact.clone().unwrap_or_else(Set::empty_string);
                            clauses.push(std::mem::replace(&mut run, next));
                        }
                    }
                    // A part's own clauses hold in every match of the whole; an
                    // exact part is in the run instead.
                    if f.exact.is_none() {
                        clauses.extend(f.clauses);
                    }
                }
                let exact = whole.then(|| run.clone());
                clauses.push(run);
                Facts {
                    exact,
                    clauses: sorted(clauses),
                }
            }
        }
    }
}

/// The one-character strings of a class, with the six ASCII whitespace
/// characters, when all are there, as one `SPACE`.
fn spaces_as_one(mut strings: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    let is_space = |s: &Vec<u8>| s.len() == 1 && ASCII_SPACES.contains(&s[0]);
    if strings.iter().filter(|s| is_space(s)).count() == ASCII_SPACES.len() {
        strings.retain(|s| !is_space(s));
        strings.push(vec![SPACE]);
    }
    strings
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
                let set = Set::new(spaces_as_one(strings.collect()));
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
            clauses: vec![Set::new([ascii.strings, leads].concat())],
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The literals of the first clause, a word boundary shown as `\b` and
    /// any space as `\s`.
    fn literals(pattern: &str) -> Option<Vec<String>> {
        let show = |s: Vec<u8>| {
            let shown: Vec<u8> = s
                .iter()
                .flat_map(|&b| match b {
                    BOUNDARY => br"\b".to_vec(),
                    SPACE => br"\s".to_vec(),
                    b => vec![b],
                })
                .collect();
            String::from_utf8(shown).unwrap()
        };
        required_literals(pattern).map(|set| set.into_iter().map(show).collect())
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
        assert_eq!(filter.candidates_in("\u{967}\u{968}"), vec![0]);
        assert_eq!(filter.candidates_in("no digits"), Vec::<usize>::new());
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
    fn patterns_past_the_first_word_of_lanes_are_told_apart() {
        // Forty patterns, three words of lanes: every fourth needs two words,
        // every fourth else has no literal and runs everywhere.
        let patterns: Vec<String> = (0..40)
            .map(|i| match i % 4 {
                0 => format!(r"w{i}x\s+v{i}y"),
                1 => r"\p{Lu}\w+".to_string(),
                _ => format!("w{i}x"),
            })
            .collect();
        let filter = Prefilter::new(patterns.iter().map(String::as_str));
        let everywhere: Vec<usize> = (0..40).filter(|i| i % 4 == 1).collect();
        let with = |extra: &[usize]| {
            let mut all = everywhere.clone();
            all.extend(extra);
            all.sort();
            all
        };
        assert_eq!(filter.candidates_in("nothing"), everywhere);
        assert_eq!(filter.candidates_in("w38x w2x"), with(&[2, 38]));
        // Pattern 36 needs both of its words.
        assert_eq!(filter.candidates_in("w36x"), everywhere);
        assert_eq!(filter.candidates_in("w36x v36y"), with(&[36]));
        let mut scratch = Scratch::default();
        let mut hits = Vec::new();
        let mut out = Vec::new();
        filter.scan("w36x v36y", 0, &mut hits);
        filter.candidates(&hits, 0..9, |i| i > 30, &mut scratch, &mut out);
        assert_eq!(out, vec![33, 36, 37]);
    }

    #[test]
    fn a_rule_needs_each_of_its_clauses() {
        assert_eq!(
            required_clauses(r"\d+\s+(?:weeks|days)\b").len(),
            2,
            "a digit and a unit"
        );
        let filter = Prefilter::new([r"\d+\s+(?:weeks|days)\b"]);
        assert_eq!(filter.candidates_in("3 weeks"), vec![0]);
        assert_eq!(filter.candidates_in("3 apples"), Vec::<usize>::new());
        assert_eq!(filter.candidates_in("two weeks"), Vec::<usize>::new());
    }

    #[test]
    fn a_clause_of_every_alternative_is_kept_whole() {
        // "weeks" is in both alternatives; the number words and the digit
        // pair up into a second clause.
        let clauses = required_clauses(r"(?:\d+|(?:two|three))\s+weeks|for\s+(?:a|one)\s+weeks");
        assert!(clauses.contains(&vec![b"weeks".to_vec()]), "{clauses:?}");
    }

    #[test]
    fn candidates_count_only_literals_inside_the_range() {
        let filter = Prefilter::new([r"\d+ troops"]);
        let text = "8,000 soldiers. Some troops.";
        let mut hits = Vec::new();
        filter.scan(text, 10, &mut hits);
        let mut out = Vec::new();
        let mut scratch = Scratch::default();
        // The digit is in the first sentence, "troops" in the second.
        filter.candidates(&hits, 10..25, |_| true, &mut scratch, &mut out);
        assert!(out.is_empty());
        filter.candidates(&hits, 10..38, |_| true, &mut scratch, &mut out);
        assert_eq!(out, vec![0]);
        filter.candidates(&hits, 10..38, |_| false, &mut scratch, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn a_literal_between_word_boundaries_counts_only_as_a_word() {
        let pattern = r"\d+\s*(?-u:\b)(?:h|min)(?-u:\b)";
        assert_eq!(
            literals(pattern),
            Some(vec![r"\bh\b".into(), r"\bmin\b".into()])
        );
        let filter = Prefilter::new([pattern]);
        assert_eq!(filter.candidates_in("for 3 h, then"), vec![0]);
        assert_eq!(
            filter.candidates_in("3 hours, 2 minutes"),
            Vec::<usize>::new()
        );
        assert_eq!(
            filter.candidates_in("3 H"),
            vec![0],
            "ASCII case is ignored"
        );
        // A boundary after a non-word character is before a word character.
        let filter = Prefilter::new([r"\d+(?-u:\b)%"]);
        assert_eq!(filter.candidates_in("5 %"), Vec::<usize>::new());
    }

    #[test]
    fn a_space_before_or_after_a_literal_is_one_condition() {
        let pattern = r"\d+[\t-\r ]+(?:troops|soldiers)";
        assert_eq!(
            literals(pattern),
            Some(vec![r"\ssoldiers".into(), r"\stroops".into()])
        );
        let filter = Prefilter::new([pattern]);
        assert_eq!(filter.candidates_in("5\ttroops"), vec![0]);
        assert_eq!(filter.candidates_in("5-troops"), Vec::<usize>::new());
        assert_eq!(filter.candidates_in("troops"), Vec::<usize>::new());
        // A space inside a literal cuts it; the longer part is searched for.
        assert_eq!(
            split_literal(&[b"for".as_slice(), &[SPACE], b"a", &[BOUNDARY]].concat()),
            Some((b"for".to_vec(), SPACE_AFTER))
        );
        assert_eq!(
            split_literal(&[&[BOUNDARY, b'a', SPACE][..], b"week", &[BOUNDARY]].concat()),
            Some((b"week".to_vec(), SPACE_BEFORE | BOUNDARY_AFTER))
        );
        assert_eq!(split_literal(&[BOUNDARY, SPACE]), None);
    }

    #[test]
    fn a_range_has_boundaries_at_its_edges() {
        let filter = Prefilter::new([r"\d+ (?-u:\b)h(?-u:\b)"]);
        let text = "3 hx";
        let mut hits = Vec::new();
        filter.scan(text, 0, &mut hits);
        let (mut out, mut scratch) = (Vec::new(), Scratch::default());
        filter.candidates(&hits, 0..4, |_| true, &mut scratch, &mut out);
        assert!(out.is_empty(), "in the paragraph, `h` is inside a word");
        // A sentence that ends after "h" is searched on its own: "h" ends it.
        filter.candidates(&hits, 0..3, |_| true, &mut scratch, &mut out);
        assert_eq!(out, vec![0]);
    }

    #[test]
    fn candidates_are_the_patterns_whose_literals_occur() {
        let filter = Prefilter::new([r"(?i)said", r"\d+ troops", r"\p{Lu}\w+"]);
        assert_eq!(filter.candidates_in("He SAID so"), vec![0, 2]);
        assert_eq!(filter.candidates_in("8,000 Troops"), vec![1, 2]);
        assert_eq!(filter.candidates_in("nothing"), vec![2]);
    }

    use proptest::prelude::*;

    /// Pieces of patterns that the prefilter's literal analysis reads specially
    /// (word boundaries, spaces as rules compile them, repetitions, case), each
    /// with texts it matches, or nearly does.
    const PATTERN_PIECES: &[(&str, &[&str])] = &[
        ("h", &["h", "H"]),
        ("ho", &["ho"]),
        ("the", &["the", "The"]),
        ("(?i-u:said)", &["said", "SAID"]),
        ("(?i:day)", &["Day", "dAY"]),
        ("(?-u:\\b)", &["", " "]),
        ("\\b", &["", "-"]),
        ("[\\t-\\r ]", &[" ", "\t", "\n", ""]),
        ("[\\t-\\r ]+", &[" ", "  ", "\n", "-"]),
        ("[\\t-\\r -]+", &["-", " -", "\r"]),
        ("\\s*", &["", " "]),
        ("\\d", &["3", "\u{966}"]),
        ("\\d+", &["10", "7"]),
        ("(?:a|an)", &["a", "an", "A"]),
        ("(?:day|days|h|hr)", &["day", "h", "hr", "hours"]),
        ("x?", &["", "x"]),
        ("(?:the[\\t-\\r ]+)?", &["", "the ", "the\t"]),
        ("-", &["-"]),
        (",", &[","]),
        ("'s", &["'s"]),
        ("[[:alpha:]]+", &["which", "é"]),
    ];

    /// Text around a pattern's texts.
    const NOISE: &[&str] = &[
        "", " ", "x", "the", "-", "3", "_", "é", "\n", "hours", "ſaid",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]

        /// The prefilter never hides a match: wherever a pattern matches a
        /// sentence, the pattern is a candidate there.
        #[test]
        fn the_prefilter_never_hides_a_match(
            pieces in prop::collection::vec((0..PATTERN_PIECES.len(), 0..4usize), 1..6),
            before in prop::sample::select(NOISE),
            after in prop::sample::select(NOISE),
        ) {
            let pattern: String = pieces.iter().map(|&(p, _)| PATTERN_PIECES[p].0).collect();
            let text: String = std::iter::once(before)
                .chain(pieces.iter().map(|&(p, t)| {
                    let texts = PATTERN_PIECES[p].1;
                    texts[t % texts.len()]
                }))
                .chain(std::iter::once(after))
                .collect();
            let regex = regex::Regex::new(&pattern).unwrap();
            let filter = Prefilter::new([pattern.as_str()]);
            if regex.is_match(&text) {
                prop_assert_eq!(filter.candidates_in(&text), vec![0], "{:?} in {:?}", pattern, text);
            }
        }
    }
}
