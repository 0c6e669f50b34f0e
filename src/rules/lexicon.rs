//! Lexicons: phrase lists from the rules file, turned into regex alternations and,
//! for lists with values, into a lookup from matched text to value.

use rustc_hash::FxHashMap;

/// A compiled lexicon.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// The regex alternation that matches any entry: escaped, longest first,
    /// spaces matching any run of whitespace. An entry written with a capital
    /// first letter ("May", "Monday") needs that capital in the text; the rest of
    /// it, and all of a lowercase entry, match in any case.
    pub alternation: String,
    /// Every entry, folded with `fold_key`, with its value if the lexicon has
    /// values. Looked up for nearly every word of every article, with a fast
    /// hash: the keys come from the rules file, not from the articles.
    entries: FxHashMap<String, Option<String>>,
}

impl Lexicon {
    /// Builds a lexicon from its entries (phrase, optional value).
    pub fn new<'a>(entries: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> Self {
        let mut phrases: Vec<&str> = Vec::new();
        let mut folded = FxHashMap::default();
        for (phrase, value) in entries {
            let phrase = phrase.trim();
            if phrase.is_empty() {
                continue;
            }
            phrases.push(phrase);
            folded.insert(fold_key(phrase), value.map(str::to_string));
        }
        // Longest first, so that "as many as" wins over "as" in leftmost-first matching.
        phrases.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        phrases.dedup();
        let alts: Vec<String> = phrases.iter().map(|p| phrase_regex(p)).collect();
        let alternation = if alts.is_empty() {
            // An empty lexicon matches nothing.
            "[^\\s\\S]".to_string()
        } else {
            format!("(?:{})", alts.join("|"))
        };
        Lexicon {
            alternation,
            entries: folded,
        }
    }

    /// Whether `text` spells one of the entries (case and spacing aside).
    pub fn contains(&self, text: &str) -> bool {
        with_key(text, |key| self.entries.contains_key(key))
    }

    /// Every entry (lowercase, single-spaced) with its value, in no set order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, Option<&str>)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v.as_deref()))
    }

    /// The value of the entry that `matched` spells, if any.
    pub fn value_of(&self, matched: &str) -> Option<&str> {
        with_key(matched, |key| self.entries.get(key)?.as_deref())
    }
}

/// The regex for one phrase: literal text, with each run of spaces matching any
/// whitespace (a line break or a non-breaking space in the article).
fn phrase_regex(phrase: &str) -> String {
    let body = |s: &str| {
        s.split_whitespace()
            .map(regex::escape)
            .collect::<Vec<_>>()
            .join(r"\s+")
    };
    // ASCII text folds case without Unicode's extra forms (the Kelvin sign for
    // "k", the long s for "s"), which would only bloat every pattern.
    let insensitive = |s: &str| match s.is_ascii() {
        true => format!("(?i-u:{})", body(s)),
        false => format!("(?i:{})", body(s)),
    };
    // An entry that ends in a letter or digit ends at a word boundary: "May"
    // is not read inside "Mayors". (The start is left to the rule, so that
    // "k" can follow digits in "12k".)
    let end = match phrase.chars().next_back() {
        Some(c) if c.is_ascii_alphanumeric() => r"(?-u:\b)",
        Some(c) if c.is_alphanumeric() => r"\b",
        _ => "",
    };
    let mut chars = phrase.chars();
    let regex = match chars.next() {
        Some(first) if first.is_uppercase() => {
            let rest = chars.as_str();
            match rest.is_empty() {
                true => regex::escape(phrase),
                false => format!("{}{}", regex::escape(&first.to_string()), insensitive(rest)),
            }
        }
        _ => insensitive(phrase),
    };
    format!("{regex}{end}")
}

/// Calls `f` with the lookup key of `text`. Short ASCII text with single
/// spaces (most words and phrases in running text) is lowercased on the
/// stack: lookups are the engine's most frequent operation, and need no
/// allocation.
pub(crate) fn with_key<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    const SHORT: usize = 64;
    let bytes = text.as_bytes();
    let simple = bytes.len() <= SHORT
        && bytes
            .iter()
            .all(|&b| b.is_ascii() && (b == b' ' || !b.is_ascii_whitespace()))
        && !text.contains("  ")
        && !text.starts_with(' ')
        && !text.ends_with(' ');
    if !simple {
        return f(&fold_key(text));
    }
    if !bytes.iter().any(u8::is_ascii_uppercase) {
        return f(text);
    }
    let mut buf = [0u8; SHORT];
    let key = &mut buf[..bytes.len()];
    key.copy_from_slice(bytes);
    key.make_ascii_lowercase();
    // Lowercasing ASCII keeps the bytes ASCII, hence UTF-8.
    f(std::str::from_utf8(key).unwrap_or_default())
}

/// The lookup key of a phrase: lowercase, whitespace runs as one space.
fn fold_key(text: &str) -> String {
    crate::text::collapse_whitespace(text).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn longest_first_and_whitespace_flexible() {
        let lex = Lexicon::new([("as", None), ("as many as", Some("at_most"))]);
        let re = Regex::new(&lex.alternation).unwrap();
        assert_eq!(re.find("As  many\nas 10").unwrap().as_str(), "As  many\nas");
        assert_eq!(lex.value_of("As  many\nas"), Some("at_most"));
        assert_eq!(lex.value_of("as"), None);
        assert!(lex.contains("AS"));
        assert!(!lex.contains("many"));
    }

    #[test]
    fn capitalized_entries_need_their_capital() {
        let lex = Lexicon::new([("May", Some("5")), ("said", None)]);
        let re = Regex::new(&format!("^(?:{})$", lex.alternation)).unwrap();
        assert!(re.is_match("May"));
        assert!(re.is_match("MAY"));
        assert!(!re.is_match("may"));
        assert!(re.is_match("Said"));
        assert!(re.is_match("SAID"));
    }

    #[test]
    fn entries_end_at_a_word_boundary() {
        let lex = Lexicon::new([("May", None), ("Nov.", None)]);
        let re = Regex::new(&lex.alternation).unwrap();
        assert!(!re.is_match("the Mayors met"));
        assert!(re.is_match("in May."));
        assert_eq!(re.find("Nov.4").unwrap().as_str(), "Nov.");
    }

    #[test]
    fn entries_are_escaped() {
        let lex = Lexicon::new([("U.S.", None)]);
        let re = Regex::new(&format!("^{}$", lex.alternation)).unwrap();
        assert!(re.is_match("U.S."));
        assert!(!re.is_match("UaSa"));
    }

    #[test]
    fn empty_lexicon_matches_nothing() {
        let lex = Lexicon::new([]);
        let re = Regex::new(&lex.alternation).unwrap();
        assert!(!re.is_match("anything at all"));
    }
}
