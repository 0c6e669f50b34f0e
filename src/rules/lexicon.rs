//! Lexicons: phrase lists from the rules file, turned into regex alternations and,
//! for lists with values, into a lookup from matched text to value.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// A compiled lexicon.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// The entries as written, sorted, back to back, for the alternation:
    /// one string, not one allocation per entry; `phrase_ends` cuts it.
    phrases: String,
    phrase_ends: Vec<u32>,
    /// The regex alternation, made the first time a pattern asks for it: a
    /// word list of a hundred thousand entries that only code looks up never
    /// pays for it.
    alternation: OnceLock<String>,
    /// Every entry, folded with `fold_key`, with its value (an index into
    /// `values`) if the lexicon has values. Looked up for nearly every word
    /// of every article, with a fast hash: the keys come from the rules file,
    /// not from the articles.
    entries: FxHashMap<Box<str>, Option<u32>>,
    /// The distinct values: a word list's hundred thousand entries have a few
    /// dozen.
    values: Vec<Box<str>>,
    /// The words that end entries, by key: `WHOLE` for an entry of one word,
    /// `LAST` for the last word of an entry of several.
    last_words: FxHashMap<Box<[u8]>, u8>,
}

/// Flags of `Lexicon::last_words`.
const WHOLE: u8 = 1;
const LAST: u8 = 2;

impl Default for Lexicon {
    /// A lexicon with no entries.
    fn default() -> Lexicon {
        Lexicon::new(std::iter::empty())
    }
}

impl Lexicon {
    /// Builds a lexicon from its entries (phrase, optional value).
    pub fn new<'a>(entries: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> Self {
        let entries = entries.into_iter();
        let mut phrases: Vec<&str> = Vec::with_capacity(entries.size_hint().0);
        let mut folded: FxHashMap<Box<str>, Option<u32>> = FxHashMap::default();
        folded.reserve(entries.size_hint().0);
        let mut values: Vec<Box<str>> = Vec::new();
        let mut value_ids: FxHashMap<&str, u32> = FxHashMap::default();
        for (phrase, value) in entries {
            let phrase = phrase.trim();
            if phrase.is_empty() {
                continue;
            }
            phrases.push(phrase);
            let value = value.map(|v| {
                *value_ids.entry(v).or_insert_with(|| {
                    values.push(v.into());
                    values.len() as u32 - 1
                })
            });
            folded.insert(fold_key(phrase).into_boxed_str(), value);
        }
        // A generated word list comes sorted.
        if !phrases.is_sorted() {
            phrases.sort_unstable();
        }
        phrases.dedup();
        let mut last_words: FxHashMap<Box<[u8]>, u8> = FxHashMap::default();
        last_words.reserve(folded.len());
        for key in folded.keys() {
            let (last, flag) = match key.rsplit_once(' ') {
                Some((_, last)) => (last, LAST),
                None => (&**key, WHOLE),
            };
            *last_words.entry(last.as_bytes().into()).or_default() |= flag;
        }
        let mut phrase_ends = Vec::with_capacity(phrases.len());
        let mut joined = String::with_capacity(phrases.iter().map(|p| p.len()).sum());
        for phrase in &phrases {
            joined.push_str(phrase);
            phrase_ends.push(joined.len() as u32);
        }
        Lexicon {
            phrases: joined,
            phrase_ends,
            alternation: OnceLock::new(),
            entries: folded,
            values,
            last_words,
        }
    }

    /// The regex alternation that matches any entry: escaped, longest first,
    /// spaces matching any run of whitespace. An entry written with a capital
    /// first letter ("May", "Monday") needs that capital in the text; the rest of
    /// it, and all of a lowercase entry, match in any case.
    pub fn alternation(&self) -> &str {
        self.alternation
            .get_or_init(|| match self.phrases.is_empty() {
                // An empty lexicon matches nothing.
                true => "[^\\s\\S]".to_string(),
                false => {
                    let starts = std::iter::once(0).chain(self.phrase_ends.iter().copied());
                    let phrases: Vec<&str> = starts
                        .zip(&self.phrase_ends)
                        .map(|(start, &end)| &self.phrases[start as usize..end as usize])
                        .collect();
                    format!("(?:{})", Trie::of(&phrases).regex())
                }
            })
    }

    /// Whether the lexicon has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Whether `word` ends with one of the entries, in any ASCII case (a
    /// lexicon of endings: "ing", "ed").
    pub fn has_ending(&self, word: &str) -> bool {
        self.entries().any(|(ending, _)| {
            let k = word.len().wrapping_sub(ending.len());
            word.is_char_boundary(k) && word[k..].eq_ignore_ascii_case(ending)
        })
    }

    /// Whether `text` spells one of the entries (case and spacing aside).
    pub fn contains(&self, text: &str) -> bool {
        with_key(text, |key| self.entries.contains_key(key))
    }

    /// Whether `words`, joined by single spaces, spell one of the entries:
    /// `contains(&words.join(" "))` without the joined string on the heap.
    pub fn contains_words<'w>(&self, words: impl IntoIterator<Item = &'w str> + Clone) -> bool {
        with_joined(words, |phrase| self.contains(phrase))
    }

    /// What a word can end, as `(entry, phrase)`: whether the word alone is
    /// an entry, and whether a phrase of several words that ends with it may
    /// be one. Both from one lookup for a short word of printable ASCII, whose
    /// key is the last word of the key of any phrase it ends; `phrase` is
    /// true for any other word, which only `contains_words` can judge.
    pub fn word_ends(&self, word: &str) -> (bool, bool) {
        match printable_word_key(word) {
            Some((buf, len)) => {
                let flags = self.last_words.get(&buf[..len]).copied().unwrap_or(0);
                (flags & WHOLE != 0, flags & LAST != 0)
            }
            None => (self.contains(word), true),
        }
    }

    /// Every entry (lowercase, single-spaced) with its value, in no set order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, Option<&str>)> {
        self.entries
            .iter()
            .map(|(k, v)| (&**k, v.map(|v| &*self.values[v as usize])))
    }

    /// The value of the entry that `matched` spells, if any.
    pub fn value_of(&self, matched: &str) -> Option<&str> {
        with_key(matched, |key| {
            let value = (*self.entries.get(key)?)?;
            Some(&*self.values[value as usize])
        })
    }
}

/// One step of a phrase as the regex matches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Piece {
    /// A capital that starts an entry: it must be in the text as written.
    Exact(char),
    /// A character in any case: ASCII case only (`ascii`) for an ASCII entry,
    /// so that "k" does not also match the Kelvin sign; Unicode's otherwise.
    AnyCase { c: char, ascii: bool },
    /// A run of spaces in the entry: any run of whitespace in the text.
    Space,
}

/// Where an entry ends: at a word boundary when it ends in a letter or digit
/// ("May" is not read inside "Mayors"; the start is left to the rule, so that
/// "k" can follow digits in "12k").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    AsciiWord,
    UnicodeWord,
    Anywhere,
}

/// The entries of a lexicon as a trie of pieces, written out as one regex in
/// which entries share their common starts ("secretary", "secretary general",
/// "secretary of state"). A flat alternation of every entry made the rules'
/// automata several times larger: slower to compile, and slower to search
/// with captures, whose cost grows with the automaton.
#[derive(Debug, Default)]
struct Trie {
    children: Vec<(Piece, Trie)>,
    end: Option<End>,
    /// The longest entry through this node, in bytes.
    longest: usize,
}

impl Trie {
    fn of(phrases: &[&str]) -> Trie {
        let mut root = Trie::default();
        for phrase in phrases {
            root.insert(phrase);
        }
        root
    }

    fn insert(&mut self, phrase: &str) {
        let ascii = phrase.is_ascii();
        let mut node = self;
        node.longest = node.longest.max(phrase.len());
        for (k, word) in phrase.split_whitespace().enumerate() {
            if k > 0 {
                node = node.child(Piece::Space, phrase.len());
            }
            for (i, c) in word.chars().enumerate() {
                let piece = match (k, i) {
                    (0, 0) if c.is_uppercase() => Piece::Exact(c),
                    _ => Piece::AnyCase {
                        c: single_lowercase(c),
                        ascii,
                    },
                };
                node = node.child(piece, phrase.len());
            }
        }
        node.end = Some(match phrase.chars().next_back() {
            Some(c) if c.is_ascii_alphanumeric() => End::AsciiWord,
            Some(c) if c.is_alphanumeric() => End::UnicodeWord,
            _ => End::Anywhere,
        });
    }

    fn child(&mut self, piece: Piece, len: usize) -> &mut Trie {
        let k = match self.children.iter().position(|(p, _)| *p == piece) {
            Some(k) => k,
            None => {
                self.children.push((piece, Trie::default()));
                self.children.len() - 1
            }
        };
        let child = &mut self.children[k].1;
        child.longest = child.longest.max(len);
        child
    }

    /// The regex of the entries below this node. Longer entries come first,
    /// and an entry that ends here comes after those that go on, so that in
    /// leftmost-first matching "as many as" wins over "as".
    ///
    /// ASCII entries are written in case-insensitive groups (`(?i-u:...)`),
    /// one for each run of neighbouring alternatives that are all ASCII, with
    /// bare word boundaries inside (ASCII's there). A group at every branch
    /// and around every entry's boundary, 24,000 in the default rules, made
    /// half of their pattern text and a third of the time to parse it. The
    /// syntax tree is the same either way.
    fn regex(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, false);
        out
    }

    /// Writes the regex of the entries below this node; `folded` when `out`
    /// is inside a case-insensitive ASCII group, which is then the case for
    /// every entry below (see `Alternative`).
    fn write(&self, out: &mut String, folded: bool) {
        let mut children: Vec<&(Piece, Trie)> = self.children.iter().collect();
        children.sort_by(|(a, x), (b, y)| y.longest.cmp(&x.longest).then(a.cmp(b)));
        let mut alternatives: Vec<Alternative> = children
            .into_iter()
            .map(|(piece, child)| Alternative::of(*piece, child, folded))
            .collect();
        if let Some(end) = self.end {
            let end = match end {
                // In the group, `\b` is already ASCII's.
                End::AsciiWord if folded => r"\b",
                End::AsciiWord => r"(?-u:\b)",
                // Only a Unicode entry ends so, never in a folded group; but
                // should one, its boundary stays Unicode's.
                End::UnicodeWord if folded => r"(?u:\b)",
                End::UnicodeWord => r"\b",
                End::Anywhere => "",
            };
            alternatives.push(Alternative {
                regex: end.to_string(),
                folds: false,
            });
        }
        // Neighbours that fold share one group: `(?:a|(?i-u:b|c)|d)` matches
        // as `(?:a|(?i-u:b)|(?i-u:c)|d)` does, in the same order.
        let mut parts: Vec<String> = Vec::new();
        for run in alternatives.chunk_by(|a, b| a.folds && b.folds) {
            match run {
                [first, ..] if first.folds => {
                    let group: Vec<&str> = run.iter().map(|a| a.regex.as_str()).collect();
                    parts.push(format!("(?i-u:{})", group.join("|")));
                }
                _ => parts.extend(run.iter().map(|a| a.regex.clone())),
            }
        }
        match parts.len() {
            1 => out.push_str(&parts[0]),
            _ => {
                out.push_str("(?:");
                out.push_str(&parts.join("|"));
                out.push(')');
            }
        }
    }
}

/// One branch of a trie node: a run of pieces with one way on, then the
/// node where it ends, written out.
struct Alternative {
    regex: String,
    /// The branch goes in a case-insensitive ASCII group of its node, which
    /// it needs and has not written: it starts with an ASCII letter in any
    /// case. Every piece after such a letter belongs to ASCII entries, whose
    /// other pieces are ASCII letters in any case and spaces.
    folds: bool,
}

impl Alternative {
    fn of(first: Piece, child: &Trie, folded: bool) -> Alternative {
        // A run of nodes with one way on is written as one literal.
        let mut run = vec![first];
        let mut node = child;
        while let ([(next, below)], None) = (node.children.as_slice(), node.end) {
            run.push(*next);
            node = below;
        }
        let ascii_letter = |p: &Piece| matches!(p, Piece::AnyCase { ascii: true, .. });
        let mut regex = String::new();
        // Where the pieces of ASCII entries start: all of them in a group.
        let folds_from = match folded {
            true => Some(0),
            false => run.iter().position(ascii_letter),
        };
        let Some(k) = folds_from else {
            regex.push_str(&Piece::run_regex(&run));
            node.write(&mut regex, false);
            return Alternative {
                regex,
                folds: false,
            };
        };
        // A capital first ("Pentagon"): the rest in a group of its own. A
        // branch that starts folding goes in its node's group instead.
        let own_group = k > 0;
        regex.push_str(&Piece::run_regex(&run[..k]));
        if own_group {
            regex.push_str("(?i-u:");
        }
        Piece::write_folded(&run[k..], &mut regex);
        node.write(&mut regex, true);
        if own_group {
            regex.push(')');
        }
        let folds = !folded && k == 0;
        Alternative { regex, folds }
    }
}

impl Piece {
    /// A run of pieces: characters in any case in one case-insensitive group
    /// (`(?i-u:secretary)`), the rest as they are.
    fn run_regex(run: &[Piece]) -> String {
        let mut out = String::new();
        let mut group: Option<bool> = None;
        let mut buf = [0; 4];
        for piece in run {
            let ascii = match piece {
                Piece::AnyCase { ascii, .. } => Some(*ascii),
                _ => None,
            };
            if group.is_some() && group != ascii {
                out.push(')');
                group = None;
            }
            match piece {
                Piece::Exact(c) => out.push_str(&regex::escape(c.encode_utf8(&mut buf))),
                Piece::AnyCase { c, ascii } => {
                    if group.is_none() {
                        out.push_str(if *ascii { "(?i-u:" } else { "(?i:" });
                        group = Some(*ascii);
                    }
                    out.push_str(&regex::escape(c.encode_utf8(&mut buf)));
                }
                Piece::Space => out.push_str(r"\s+"),
            }
        }
        if group.is_some() {
            out.push(')');
        }
        out
    }

    /// A run of pieces of ASCII entries, inside a case-insensitive ASCII
    /// group: characters as they are.
    fn write_folded(run: &[Piece], out: &mut String) {
        let mut buf = [0; 4];
        for piece in run {
            match piece {
                Piece::AnyCase { c, ascii: true } => {
                    out.push_str(&regex::escape(c.encode_utf8(&mut buf)))
                }
                // Whitespace as outside the group (`\s` is Unicode's there).
                Piece::Space => out.push_str(r"(?u:\s+)"),
                // Not in an ASCII entry after its first letter, but should
                // one come, it says what it means whatever the group's flags.
                Piece::Exact(c) => {
                    out.push_str("(?-i:");
                    out.push_str(&regex::escape(c.encode_utf8(&mut buf)));
                    out.push(')');
                }
                Piece::AnyCase { c, ascii: false } => {
                    out.push_str("(?iu:");
                    out.push_str(&regex::escape(c.encode_utf8(&mut buf)));
                    out.push(')');
                }
            }
        }
    }
}

/// A character's lowercase form when it is one character, else itself: the
/// trie's key for a character matched in any case.
fn single_lowercase(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Calls `f` with the lookup key of `text`. Short ASCII text with single
/// spaces (most words and phrases in running text) is lowercased on the
/// stack: lookups are the engine's most frequent operation, and need no
/// allocation.
pub(crate) fn with_key<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    let bytes = text.as_bytes();
    let Some(upper) = simple_key_shape(bytes) else {
        return f(&fold_key(text));
    };
    if !upper {
        return f(text);
    }
    let mut buf = [0u8; SHORT_KEY];
    let key = &mut buf[..bytes.len()];
    key.copy_from_slice(bytes);
    key.make_ascii_lowercase();
    // Lowercasing ASCII keeps the bytes ASCII, hence UTF-8.
    f(std::str::from_utf8(key).unwrap_or_default())
}

/// Calls `f` with the bytes of the lookup key of `text` (as `with_key`
/// makes it), for tables keyed by bytes. A short word of printable ASCII,
/// nearly every word of running text, is lowercased as it is read.
pub(crate) fn with_key_bytes<R>(text: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    match printable_word_key(text) {
        Some((buf, len)) => f(&buf[..len]),
        None => with_key(text, |key| f(key.as_bytes())),
    }
}

/// The longest word `printable_word_key` reads.
const WORD: usize = 24;

/// The key of a short word of printable ASCII (no whitespace, no control
/// character): the word lowercased, on the stack, with its length. `None`
/// for any other text.
fn printable_word_key(text: &str) -> Option<([u8; WORD], usize)> {
    let bytes = text.as_bytes();
    let mut buf = [0u8; WORD];
    let key = buf.get_mut(..bytes.len())?;
    let mut printable = true;
    for (k, &b) in key.iter_mut().zip(bytes) {
        printable &= (b'!'..=b'~').contains(&b);
        *k = b.to_ascii_lowercase();
    }
    printable.then_some((buf, bytes.len()))
}

/// The longest text `with_key` folds on the stack.
const SHORT_KEY: usize = 64;

/// Whether text is its own key but for ASCII case: at most `SHORT_KEY` bytes,
/// all ASCII, its only whitespace single spaces between words. `Some` says so,
/// with whether it has capitals to lower; one pass over the bytes.
fn simple_key_shape(bytes: &[u8]) -> Option<bool> {
    if bytes.len() > SHORT_KEY {
        return None;
    }
    // Most text is one word of printable ASCII: no space to look at.
    let mut printable = true;
    let mut upper = false;
    for &b in bytes {
        printable &= (b'!'..=b'~').contains(&b);
        upper |= b.is_ascii_uppercase();
    }
    if printable {
        return Some(upper);
    }
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return None;
    }
    let mut after_space = false;
    for &b in bytes {
        let space = b == b' ';
        if !b.is_ascii() || (!space && b.is_ascii_whitespace()) || (space && after_space) {
            return None;
        }
        after_space = space;
    }
    Some(upper)
}

/// Calls `f` with `words` joined by single spaces, as `words.join(" ")`
/// would give them, built on the stack when short: phrase lookups try
/// several spans of words at every word.
pub(crate) fn with_joined<'w, R>(
    words: impl IntoIterator<Item = &'w str> + Clone,
    f: impl FnOnce(&str) -> R,
) -> R {
    let mut buf = [0u8; SHORT_KEY];
    let mut len = 0;
    for (k, word) in words.clone().into_iter().enumerate() {
        let space = usize::from(k > 0);
        if len + space + word.len() > SHORT_KEY {
            let joined: Vec<&str> = words.into_iter().collect();
            return f(&joined.join(" "));
        }
        if space == 1 {
            buf[len] = b' ';
        }
        buf[len + space..len + space + word.len()].copy_from_slice(word.as_bytes());
        len += space + word.len();
    }
    // Whole words and ASCII spaces: valid UTF-8.
    f(std::str::from_utf8(&buf[..len]).unwrap_or_default())
}

/// The lookup key of a phrase: lowercase, whitespace runs as one space.
fn fold_key(text: &str) -> String {
    // Most entries (a word list's every line) are one lowercase ASCII word:
    // one allocation, not three.
    let simple = |b: &u8| b.is_ascii_lowercase() || *b == b'-' || b.is_ascii_digit();
    if text.bytes().all(|b| simple(&b)) {
        return text.to_string();
    }
    crate::text::collapse_whitespace(text).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn longest_first_and_whitespace_flexible() {
        let lex = Lexicon::new([("as", None), ("as many as", Some("at_most"))]);
        let re = Regex::new(lex.alternation()).unwrap();
        assert_eq!(re.find("As  many\nas 10").unwrap().as_str(), "As  many\nas");
        assert_eq!(lex.value_of("As  many\nas"), Some("at_most"));
        assert_eq!(lex.value_of("as"), None);
        assert!(lex.contains("AS"));
        assert!(!lex.contains("many"));
    }

    #[test]
    fn endings_are_matched_in_any_ascii_case() {
        let lex = Lexicon::new([("ing", None), ("s", None)]);
        assert!(lex.has_ending("warning"));
        assert!(lex.has_ending("PROMISES"));
        assert!(!lex.has_ending("said"));
        assert!(!lex.has_ending(""));
        assert!(!lex.has_ending("é"));
    }

    #[test]
    fn capitalized_entries_need_their_capital() {
        let lex = Lexicon::new([("May", Some("5")), ("said", None)]);
        let re = Regex::new(&format!("^(?:{})$", lex.alternation())).unwrap();
        assert!(re.is_match("May"));
        assert!(re.is_match("MAY"));
        assert!(!re.is_match("may"));
        assert!(re.is_match("Said"));
        assert!(re.is_match("SAID"));
    }

    #[test]
    fn entries_end_at_a_word_boundary() {
        let lex = Lexicon::new([("May", None), ("Nov.", None)]);
        let re = Regex::new(lex.alternation()).unwrap();
        assert!(!re.is_match("the Mayors met"));
        assert!(re.is_match("in May."));
        assert_eq!(re.find("Nov.4").unwrap().as_str(), "Nov.");
    }

    #[test]
    fn entries_are_escaped() {
        let lex = Lexicon::new([("U.S.", None)]);
        let re = Regex::new(&format!("^{}$", lex.alternation())).unwrap();
        assert!(re.is_match("U.S."));
        assert!(!re.is_match("UaSa"));
    }

    #[test]
    fn keys_fold_case_and_spacing() {
        let lex = Lexicon::new([("white house", Some("w")), ("ünited", Some("u"))]);
        for text in [
            "white house",
            "White House",
            "WHITE HOUSE",
            " white house",
            "white  house",
        ] {
            assert_eq!(lex.value_of(text), Some("w"), "{text:?}");
        }
        for text in ["white\thouse", "white\nHouse", "White house\n"] {
            assert_eq!(lex.value_of(text), Some("w"), "{text:?}");
        }
        assert_eq!(lex.value_of("ÜNITED"), Some("u"));
        assert_eq!(lex.value_of("whitehouse"), None);
        let long = "x".repeat(SHORT_KEY + 1);
        assert!(!lex.contains(&long));
    }

    #[test]
    fn key_bytes_are_the_key() {
        let long = "Ab".repeat(SHORT_KEY);
        let texts = [
            "",
            "said",
            "Said",
            "U.S.",
            "O'Brien",
            "Tae-yul",
            "Zelenskyy’s",
            "ΣΑΣ",
            "a b",
            " a",
            "a\tb",
            "DEL\x7f",
            "abcdefghijklmnopqrstuvwx",
            "ABCDEFGHIJKLMNOPQRSTUVWXY",
            &long,
        ];
        for text in texts {
            let want = with_key(text, |key| key.as_bytes().to_vec());
            assert_eq!(with_key_bytes(text, <[u8]>::to_vec), want, "{text:?}");
        }
    }

    #[test]
    fn word_ends_say_what_contains_says() {
        let lex = Lexicon::new([("will", None), ("is due to", None), ("Due", None)]);
        let words = ["will", "WILL", "due", "to", "To", "is", "tó", "a b", "x"];
        for a in words {
            let (entry, phrase) = lex.word_ends(a);
            assert_eq!(entry, lex.contains(a), "{a:?}");
            for b in words {
                for c in words {
                    if lex.contains_words([c, b, a]) || lex.contains_words([b, a]) {
                        assert!(phrase, "{c:?} {b:?} {a:?}");
                    }
                }
            }
        }
        assert_eq!(lex.word_ends("to"), (false, true));
        assert_eq!(lex.word_ends("Will"), (true, false));
    }

    #[test]
    fn joined_words_are_the_joined_string() {
        let lex = Lexicon::new([("white house", None), ("house", None)]);
        let long = "y".repeat(SHORT_KEY);
        let cases: [&[&str]; 6] = [
            &["White", "House"],
            &["House"],
            &["white", "", "house"],
            &[],
            &["white", &long],
            &[&long, "house"],
        ];
        for words in cases {
            let joined = words.join(" ");
            with_joined(words.iter().copied(), |phrase| assert_eq!(phrase, joined));
            assert_eq!(
                lex.contains_words(words.iter().copied()),
                lex.contains(&joined)
            );
        }
    }

    #[test]
    fn empty_lexicon_matches_nothing() {
        let lex = Lexicon::new([]);
        let re = Regex::new(lex.alternation()).unwrap();
        assert!(!re.is_match("anything at all"));
    }

    #[test]
    fn ascii_entries_share_one_case_insensitive_group() {
        let words = [
            "said", "says", "stated", "told", "added", "warned", "tweeted",
        ];
        let lex = Lexicon::new(words.map(|w| (w, None)));
        // One group sets the flags of every entry and of its word boundary;
        // the others only branch.
        let groups = lex.alternation().matches("(?").count();
        let branches = lex.alternation().matches("(?:").count();
        assert_eq!(groups - branches, 1, "{}", lex.alternation());
        assert!(
            lex.alternation().starts_with("(?:(?i-u:"),
            "{}",
            lex.alternation()
        );
        let re = Regex::new(&format!("^(?:{})$", lex.alternation())).unwrap();
        for word in words {
            assert!(re.is_match(word));
            assert!(re.is_match(&word.to_uppercase()));
        }
        assert!(!re.is_match("sai"));
        assert!(!re.is_match("saidx"));
        // Each entry ends at a word boundary.
        let re = Regex::new(lex.alternation()).unwrap();
        assert!(!re.is_match("toldo saidx"));
        assert!(re.is_match("toldo said."));
    }

    #[test]
    fn mixed_entries_keep_their_own_case_rules() {
        // A capital shared by an ASCII entry and a Unicode one; a lowercase
        // Unicode entry beside ASCII ones; phrases with spaces.
        let lex = Lexicon::new([
            ("Pentagon", None),
            ("Pérez", None),
            ("école", None),
            ("elite troops", None),
            ("el", None),
        ]);
        let re = Regex::new(&format!("^(?:{})$", lex.alternation())).unwrap();
        for yes in [
            "Pentagon",
            "PENTAGON",
            "Pérez",
            "PÉREZ",
            "école",
            "ÉCOLE",
            "Elite \t troops",
            "EL",
        ] {
            assert!(re.is_match(yes), "{yes} in {}", lex.alternation());
        }
        for no in ["pentagon", "pérez", "Perez", "ecole", "elitetroops"] {
            assert!(!re.is_match(no), "{no} in {}", lex.alternation());
        }
        // The Kelvin sign is not a "k" in an ASCII entry.
        let kilo = Lexicon::new([("k", None)]);
        let re = Regex::new(&format!("^(?:{})$", kilo.alternation())).unwrap();
        assert!(re.is_match("K"));
        assert!(!re.is_match("\u{212A}"));
    }
}
