//! Typographic normalization that keeps offsets traceable.
//!
//! Rules are written against plain ASCII punctuation: curly quotes become `"` and
//! `'`, every dash becomes `-`, and exotic spaces become ` `. Archive copy
//! writes quotation marks as two apostrophes (`''`) or two backticks
//! (```` `` ````): each pair becomes one `"`. Each replacement stands for one
//! character or one pair, so a position in the normalized text maps back to
//! exactly one position in the source text.

use std::borrow::Cow;

/// The normalized text and the map back to source offsets.
#[derive(Debug)]
pub struct Normalized<'a> {
    text: Cow<'a, str>,
    /// (normalized offset, source offset) right after each replaced character;
    /// between checkpoints the two advance together.
    checkpoints: Vec<(usize, usize)>,
}

/// The ASCII stand-in for a character, if it has one.
fn replacement(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        // Line and paragraph separators end a line as a line feed does.
        '\u{0085}' | '\u{2028}' | '\u{2029}' => '\n',
        // Zero-width space and byte-order mark, and every wide or odd space.
        '\u{200B}' | '\u{FEFF}' => ' ',
        c if c.is_whitespace() && !c.is_ascii() => ' ',
        _ => return None,
    })
}

/// Each character (or pair of ASCII characters) of `source` that has a
/// replacement: its offset, its length in bytes and its replacement.
fn replaced_chars(source: &str) -> impl Iterator<Item = (usize, usize, char)> + '_ {
    let bytes = source.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            // Every replaced character is beyond ASCII, or an apostrophe or
            // backtick of a pair: find the next one.
            at += bytes[at..]
                .iter()
                .position(|&b| !b.is_ascii() || b == b'\'' || b == b'`')?;
            let pos = at;
            if bytes[pos].is_ascii() {
                let pair = bytes.get(pos + 1) == Some(&bytes[pos]);
                at += if pair { 2 } else { 1 };
                if pair {
                    return Some((pos, 2, '"'));
                }
                continue;
            }
            let c = source[pos..].chars().next()?;
            at += c.len_utf8();
            if let Some(r) = replacement(c) {
                return Some((pos, c.len_utf8(), r));
            }
        }
        None
    })
}

impl<'a> Normalized<'a> {
    pub fn new(source: &'a str) -> Self {
        // Only characters beyond ASCII and paired apostrophes or backticks
        // are replaced: other ASCII runs are skipped and copied whole, and text with nothing to replace is
        // borrowed as it is.
        let mut replaced = replaced_chars(source).peekable();
        if replaced.peek().is_none() {
            return Normalized {
                text: Cow::Borrowed(source),
                checkpoints: Vec::new(),
            };
        }
        let mut text = String::with_capacity(source.len());
        let mut checkpoints = Vec::new();
        let mut copied = 0;
        for (pos, len, r) in replaced {
            text.push_str(&source[copied..pos]);
            text.push(r);
            copied = pos + len;
            checkpoints.push((text.len(), copied));
        }
        text.push_str(&source[copied..]);
        Normalized {
            text: Cow::Owned(text),
            checkpoints,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The source offset of a normalized offset (on a character boundary).
    pub fn to_source(&self, pos: usize) -> usize {
        let i = self.checkpoints.partition_point(|&(norm, _)| norm <= pos);
        match i {
            0 => pos,
            _ => {
                let (norm, src) = self.checkpoints[i - 1];
                src + (pos - norm)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_back_to_source() {
        let src = "“Hi,” she said — 10\u{a0}000 troops’ ok";
        let n = Normalized::new(src);
        assert_eq!(n.text(), "\"Hi,\" she said - 10 000 troops' ok");
        for (pos, _) in n.text().char_indices() {
            let s = n.to_source(pos);
            assert!(src.is_char_boundary(s));
        }
        let start = n.text().find("she").unwrap();
        let end = n.text().find(" ok").unwrap();
        assert_eq!(
            &src[n.to_source(start)..n.to_source(end)],
            "she said — 10\u{a0}000 troops’"
        );
        assert_eq!(n.to_source(n.text().len()), src.len());
        assert_eq!(n.to_source(0), 0);
    }

    #[test]
    fn every_kind_of_space_and_line_break() {
        let src = "a\u{85}b\u{2028}c\u{1680}d\u{3000}e\u{202f}f";
        let n = Normalized::new(src);
        assert_eq!(n.text(), "a\nb\nc d e f");
        assert_eq!(n.to_source(n.text().len()), src.len());
    }

    #[test]
    fn archive_quotation_marks() {
        let src = "``We won,'' he said. ``It's ours.'' The players' 'fans'";
        let n = Normalized::new(src);
        assert_eq!(
            n.text(),
            "\"We won,\" he said. \"It's ours.\" The players' 'fans'"
        );
        let start = n.text().find("he").unwrap();
        assert_eq!(&src[n.to_source(start)..], &src[src.find("he").unwrap()..]);
        let quote = n.text().rfind('"').unwrap();
        assert_eq!(&src[n.to_source(quote)..n.to_source(quote + 1)], "''");
        assert_eq!(n.to_source(n.text().len()), src.len());
    }

    #[test]
    fn ascii_text_is_borrowed() {
        let n = Normalized::new("plain \"text\" - here");
        assert!(matches!(n.text, Cow::Borrowed(_)));
        assert_eq!(n.to_source(5), 5);
    }
}
