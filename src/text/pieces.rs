//! Splitting text at whitespace quickly: most of an article is printable
//! ASCII, skipped eight bytes at a time.

/// Calls `f` with each piece of `s` between whitespace characters, empty
/// pieces included: the pieces of `s.split(char::is_whitespace)`, found by
/// skipping over printable ASCII eight bytes at a time.
pub(crate) fn for_each_piece<'a>(s: &'a str, mut f: impl FnMut(&'a str)) {
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    loop {
        i = next_unprintable(bytes, i);
        let Some(&b) = bytes.get(i) else { break };
        let (space, len) = match b.is_ascii() {
            true => (matches!(b, b'\t'..=b'\r' | b' '), 1),
            // `i` is at a character's start: every step is a whole character.
            false => s[i..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
        };
        if space {
            f(&s[start..i]);
            start = i + len;
        }
        i += len;
    }
    f(&s[start..]);
}

/// The index of the first byte at or after `from` that is no printable ASCII
/// (`!` to DEL): a space, a control character or part of a non-ASCII
/// character; the length if none is.
fn next_unprintable(bytes: &[u8], from: usize) -> usize {
    const BANG: u64 = u64::from_ne_bytes([b'!'; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // A byte's high bit: set in the byte itself (non-ASCII), or by
        // subtracting `!` from a byte below it. A borrow only reaches higher
        // bytes, so the lowest byte flagged is the first unprintable one.
        let flags = (x.wrapping_sub(BANG) | x) & HIGH;
        if flags != 0 {
            return i + flags.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    bytes[i.min(bytes.len())..]
        .iter()
        .position(|&b| !(b'!'..=0x7f).contains(&b))
        .map_or(bytes.len(), |k| i + k)
}

#[cfg(test)]
mod tests {
    #[test]
    fn pieces_are_those_of_split_at_whitespace() {
        let texts = [
            "",
            " ",
            "a",
            "said Sabrina  Singh, the spokeswoman.",
            " lead and trail\t",
            "tab\tnew\nline\x0bvt\x0cff\rcr",
            "no\u{a0}break\u{2003}em\u{3000}ideo\u{85}nel",
            "Zelenskyy’s Kyiv—Ukraine O’Brien é",
        ];
        for text in texts {
            let mut pieces = Vec::new();
            super::for_each_piece(text, |p| pieces.push(p));
            let want: Vec<&str> = text.split(char::is_whitespace).collect();
            assert_eq!(pieces, want, "{text:?}");
        }
    }

    #[test]
    fn the_first_unprintable_byte_is_found_at_every_offset() {
        let mut bytes: Vec<u8> = (0..=255).collect();
        bytes.extend(b"printable!~\x7f then\x20 \x1f\x80 and more printable text here");
        for from in 0..=bytes.len() {
            for end in from..=bytes.len().min(from + 40) {
                let hay = &bytes[..end];
                let want = (from..end)
                    .find(|&k| !(b'!'..=0x7f).contains(&hay[k]))
                    .unwrap_or(end);
                assert_eq!(super::next_unprintable(hay, from), want, "{from} {end}");
            }
        }
    }
}
