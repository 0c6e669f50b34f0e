//! Sentence boundaries within one paragraph of normalized text.

use std::collections::HashSet;
use std::ops::Range;

/// Splits `text` (one paragraph, normalized) into sentence ranges relative to
/// `text`, trimmed of surrounding whitespace.
///
/// What decides whether a period ends a sentence.
#[derive(Debug, Clone, Default)]
pub struct Stops {
    /// Tokens ending in a period that end no sentence (`U.S.`, `Nov.`).
    pub abbreviations: HashSet<String>,
    /// Abbreviations that end a sentence before a capitalized word ("at 10
    /// a.m. Officials said") unless the word is one of `time_words`.
    pub ending_before_capital: HashSet<String>,
    /// Capitalized words that go on after such an abbreviation ("10 a.m.
    /// Monday", "9 p.m. ET").
    pub time_words: HashSet<String>,
}

/// A sentence ends at `.`, `!` or `?` (with any closing quotes or brackets),
/// followed by whitespace and then something that can open a sentence: a capital,
/// a digit, a quotation mark or a bracket. A period that ends a listed
/// abbreviation (`U.S.`, `Nov.`) or a single initial (`J.`) ends no sentence,
/// but for an abbreviation that ends one before a capitalized word (`a.m.`).
pub fn split(text: &str, stops: &Stops) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if matches!(bytes[i], b'.' | b'!' | b'?') {
            let mut j = i + 1;
            while j < bytes.len()
                && matches!(bytes[j], b'"' | b'\'' | b')' | b']' | b'.' | b'!' | b'?')
            {
                j += 1;
            }
            let mut k = j;
            while k < bytes.len() && bytes[k].is_ascii_whitespace() {
                k += 1;
            }
            let spaced = k > j;
            let opens = text[k..].chars().next().is_some_and(|c| {
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\'' | '(' | '[')
            });
            if spaced
                && opens
                && !(bytes[i] == b'.' && continues_after(&text[start..=i], &text[k..], stops))
            {
                push_trimmed(text, start..j, &mut out);
                start = k;
                i = k;
                continue;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

/// Whether the sentence goes on after the final `.` of `upto`, `next` being
/// the text after the whitespace that follows: the word that ends there is an
/// abbreviation or an initial, and not one that ends a sentence before `next`.
fn continues_after(upto: &str, next: &str, stops: &Stops) -> bool {
    // The word starts after the last whitespace character, which may be wider
    // than one byte.
    let word_start = upto
        .char_indices()
        .rfind(|(_, c)| c.is_whitespace())
        .map_or(0, |(p, c)| p + c.len_utf8());
    let word = upto[word_start..].trim_start_matches(['(', '"', '\'', '[']);
    if stops.ending_before_capital.contains(word) {
        let next_word = next
            .split(char::is_whitespace)
            .next()
            .unwrap_or("")
            .trim_end_matches(|c: char| !c.is_alphanumeric());
        let capital = next_word.starts_with(char::is_uppercase);
        return !capital || stops.time_words.contains(next_word);
    }
    if stops.abbreviations.contains(word) {
        return true;
    }
    // A single initial: "J." in "Michael J. Fox".
    let mut chars = word.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

/// The longest sentence kept whole, in bytes. Real sentences are far shorter;
/// text without punctuation (a scraped table, a run-on caption) is cut at
/// whitespace into pieces this long, so that every row's `sentence` stays small
/// and matching stays linear.
pub const MAX_SENTENCE: usize = 3000;

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail >= slice.len() {
        return;
    }
    let (mut start, end) = (range.start + lead, range.end - trail);
    while end - start > MAX_SENTENCE {
        let mut cut = start + MAX_SENTENCE;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        // Cut after the last whitespace within the limit, if there is one.
        if let Some(ws) = text[start..cut].rfind(char::is_whitespace) {
            if ws > 0 {
                cut = start + ws;
            }
        }
        out.push(start..cut);
        start = cut + text[cut..].len() - text[cut..].trim_start().len();
    }
    if start < end {
        out.push(start..end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let abbr: HashSet<String> = ["U.S.", "Nov.", "Gen.", "a.m."]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let stops = Stops {
            abbreviations: abbr,
            ending_before_capital: ["a.m.".to_string()].into_iter().collect(),
            time_words: ["Monday".to_string(), "ET".to_string()]
                .into_iter()
                .collect(),
        };
        split(text, &stops).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn a_clock_abbreviation_ends_a_sentence_before_a_capital_but_a_time_word() {
        assert_eq!(
            sentences("The polls closed at 8 a.m. Officials said turnout was low."),
            [
                "The polls closed at 8 a.m.",
                "Officials said turnout was low."
            ]
        );
        assert_eq!(
            sentences("Talks start at 10 a.m. Monday in Geneva. The envoy will attend."),
            [
                "Talks start at 10 a.m. Monday in Geneva.",
                "The envoy will attend."
            ]
        );
        assert_eq!(
            sentences("It opens at 9 a.m. ET and closes at noon."),
            ["It opens at 9 a.m. ET and closes at noon."]
        );
        assert_eq!(
            sentences("It ends at 5 a.m. sharp."),
            ["It ends at 5 a.m. sharp."]
        );
    }

    #[test]
    fn splits_and_keeps_abbreviations() {
        assert_eq!(
            sentences(
                "The U.S. State Department said so on Nov. 4. That's up. Gen. Smith left!  \"Why?\" he asked."
            ),
            vec![
                "The U.S. State Department said so on Nov. 4.",
                "That's up.",
                "Gen. Smith left!",
                "\"Why?\" he asked."
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            sentences("\"It is moving westwards.\" Rutte said. 10,000 troops left."),
            vec![
                "\"It is moving westwards.\"",
                "Rutte said.",
                "10,000 troops left."
            ]
        );
    }

    #[test]
    fn no_split_before_lowercase_or_inside_numbers() {
        assert_eq!(
            sentences("It rose 1.5 percent. e.g. this. And J. Smith came."),
            vec!["It rose 1.5 percent. e.g. this.", "And J. Smith came."]
        );
    }

    #[test]
    fn wide_whitespace_before_an_abbreviation() {
        assert_eq!(
            sentences("Abc\u{85}Gen. Who came. Next one."),
            vec!["Abc\u{85}Gen. Who came.", "Next one."]
        );
        assert_eq!(
            sentences("Abc\u{2028}Nov. 4 it was."),
            vec!["Abc\u{2028}Nov. 4 it was."]
        );
    }

    #[test]
    fn run_on_text_is_cut_at_whitespace() {
        let text = "word ".repeat(2000) + "end";
        let parts = split(&text, &Stops::default());
        assert!(parts.len() >= 3);
        assert!(parts.iter().all(|r| r.len() <= MAX_SENTENCE));
        assert!(
            parts
                .iter()
                .all(|r| !text[r.clone()].starts_with(' ') && !text[r.clone()].ends_with(' '))
        );
        let total: usize = parts
            .iter()
            .map(|r| text[r.clone()].split_whitespace().count())
            .sum();
        assert_eq!(total, 2001, "no word is lost or split");
        let unbroken = "é".repeat(4000);
        let parts = split(&unbroken, &Stops::default());
        assert!(
            parts
                .iter()
                .all(|r| unbroken.is_char_boundary(r.start) && unbroken.is_char_boundary(r.end))
        );
    }

    #[test]
    fn empty_and_blank() {
        assert!(sentences("").is_empty());
        assert!(sentences("   ").is_empty());
    }
}
