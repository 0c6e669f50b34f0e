//! Text preparation: normalization, paragraphs, boilerplate, datelines and
//! sentences. Every range here is in normalized coordinates; `Document::to_source`
//! maps them back to the text as read.

mod normalize;
mod pieces;
mod sentences;

use std::ops::Range;

use regex::{Regex, RegexSet};

pub use normalize::Normalized;
pub(crate) use pieces::for_each_piece;
pub use sentences::Stops;

/// Settings for text preparation, from the `[text]` tables.
#[derive(Debug, Clone)]
pub struct TextRules {
    /// What ends a sentence.
    pub stops: Stops,
    /// Paragraphs matching any of these in full are boilerplate.
    pub boilerplate: RegexSet,
    /// Datelines that start a new article when they are not the file's first.
    pub datelines: Vec<Regex>,
    /// Dateline forms only kept out of the first sentence.
    pub dateline_prefixes: Vec<Regex>,
}

/// A paragraph and its sentences.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub range: Range<usize>,
    pub sentences: Vec<Range<usize>>,
    /// Kept out of matching: a repeated line, or a line the rules call boilerplate.
    pub boilerplate: bool,
}

impl Paragraph {
    /// The sentence that holds the offset `at`, found by binary search
    /// (sentences are in order and do not overlap).
    pub fn sentence_at(&self, at: usize) -> Option<&Range<usize>> {
        let k = self.sentences.partition_point(|s| s.end <= at);
        self.sentences.get(k).filter(|s| s.start <= at)
    }
}

/// One article within the text: a range of paragraphs. A file holding several
/// articles (a new dateline after the first) has several parts.
#[derive(Debug, Clone)]
pub struct Part {
    pub paragraphs: Range<usize>,
}

/// An article's text, prepared for matching.
#[derive(Debug)]
pub struct Document<'a> {
    pub source: &'a str,
    normalized: Normalized<'a>,
    pub paragraphs: Vec<Paragraph>,
    pub parts: Vec<Part>,
}

impl<'a> Document<'a> {
    pub fn prepare(source: &'a str, rules: &TextRules) -> Self {
        let normalized = Normalized::new(source);
        let text = normalized.text();
        let mut paragraphs = Vec::new();
        let mut datelines = Vec::new();
        let mut seen = SeenParagraphs::default();
        for range in paragraph_ranges(text) {
            let para = &text[range.clone()];
            let repeated = seen.repeats(text, range.clone());
            let boilerplate = repeated || rules.boilerplate.is_match(para);
            // A dateline ("BRUSSELS (AP) - ") is no part of the first sentence.
            let dateline = match boilerplate {
                true => Dateline::default(),
                false => Dateline::of(para, rules),
            };
            let body = range.start + dateline.len;
            let sentences = if boilerplate {
                Vec::new()
            } else {
                sentences::split(&text[body..range.end], &rules.stops)
                    .into_iter()
                    .map(|s| body + s.start..body + s.end)
                    .collect()
            };
            // A paragraph that the one before leads into is one with it, its
            // sentences kept as they are: only rules that read a whole
            // paragraph see both.
            if let Some(prev) = paragraphs.last_mut().filter(|p: &&mut Paragraph| {
                !boilerplate && !p.boilerplate && leads_into(&text[p.range.clone()], para)
            }) {
                prev.range.end = range.end;
                prev.sentences.extend(sentences);
                continue;
            }
            paragraphs.push(Paragraph {
                range,
                sentences,
                boilerplate,
            });
            datelines.push(dateline);
        }
        let parts = split_parts(&paragraphs, &datelines);
        Document {
            source,
            normalized,
            paragraphs,
            parts,
        }
    }

    /// The normalized text, which rules match against.
    pub fn text(&self) -> &str {
        self.normalized.text()
    }

    /// A normalized range as a range of the source text.
    pub fn to_source(&self, range: Range<usize>) -> Range<usize> {
        self.normalized.to_source(range.start)..self.normalized.to_source(range.end)
    }

    /// The source text of a normalized range.
    pub fn source_text(&self, range: Range<usize>) -> &'a str {
        let r = self.to_source(range);
        &self.source[r]
    }
}

/// Whether a line or sentence is written in title case, as headlines are
/// ("Senator Says Bill Will Pass"): at least four words, and at least three
/// in four of its words of four letters or more capitalized.
pub fn is_title_case(s: &str) -> bool {
    let (mut words, mut long, mut capitalized) = (0, 0, 0);
    for w in s.split_whitespace() {
        words += 1;
        if w.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            long += 1;
            capitalized += usize::from(w.starts_with(char::is_uppercase));
        }
    }
    words >= 4 && long >= 3 && capitalized * 4 >= long * 3
}

/// The words of `text[range]` (split at whitespace) with their byte ranges.
pub(crate) fn words_in(text: &str, range: Range<usize>) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut at = range.start;
    for word in text[range.clone()].split_inclusive(char::is_whitespace) {
        let trimmed = word.trim_end();
        let start = at;
        at += word.len();
        if trimmed.is_empty() {
            continue;
        }
        out.push((start..start + trimmed.len(), trimmed));
    }
    out
}

/// Runs of whitespace as single spaces, trimmed.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Paragraph ranges: lines separated by line breaks, trimmed, blank lines dropped.
/// A hard-wrapped line (no closing punctuation, next line starting in lowercase)
/// continues into the next line.
fn paragraph_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut open = false;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        if trimmed.is_empty() {
            open = false;
            continue;
        }
        let range = start + lead..start + lead + trimmed.len();
        let continues = open
            && trimmed.chars().next().is_some_and(char::is_lowercase)
            && out.last().is_some_and(|prev| {
                !text[prev.clone()].ends_with(['.', '!', '?', ':', '"', '\'', ')'])
            });
        match out.last_mut() {
            Some(prev) if continues => prev.end = range.end,
            _ => out.push(range),
        }
        open = true;
    }
    out
}

/// Whether the paragraph `prev` leads into the paragraph `next`: "X said:"
/// before the quotation it introduces, or a quotation before the "- Name" that
/// signs it. Quotation marks and dashes are normalized (`"`, `-`).
fn leads_into(prev: &str, next: &str) -> bool {
    let introduces = prev.ends_with(':') && next.starts_with('"');
    let signed = prev.starts_with('"')
        && prev.trim_end_matches('.').ends_with('"')
        && next
            .strip_prefix('-')
            .map(str::trim_start)
            .is_some_and(|name| name.starts_with(char::is_uppercase) && name.len() < 80);
    introduces || signed
}

/// The paragraphs met so far in a document, to tell a repeated one (a photo
/// caption, a share line): the same words, whatever the spacing.
#[derive(Default)]
struct SeenParagraphs {
    /// By a hash of their words, the paragraphs with those words.
    by_words: rustc_hash::FxHashMap<u64, Vec<Range<usize>>>,
}

impl SeenParagraphs {
    /// Whether `text[range]` has the words of a paragraph seen before; it is
    /// seen from now on.
    fn repeats(&mut self, text: &str, range: Range<usize>) -> bool {
        use std::hash::{Hash, Hasher};
        let para = &text[range.clone()];
        let mut hasher = rustc_hash::FxHasher::default();
        // The words of `split_whitespace`, found without decoding characters.
        for_each_piece(para, |word| {
            if !word.is_empty() {
                word.hash(&mut hasher);
            }
        });
        let same = self.by_words.entry(hasher.finish()).or_default();
        let repeated = same.iter().any(|r| {
            text[r.clone()]
                .split_whitespace()
                .eq(para.split_whitespace())
        });
        if !repeated {
            same.push(range);
        }
        repeated
    }
}

/// The dateline that opens a paragraph, if any: its length (0 for none) and
/// whether it is a full one (`datelines`, which start a new article) rather
/// than a bare place (`dateline_prefixes`).
#[derive(Debug, Clone, Copy, Default)]
struct Dateline {
    len: usize,
    full: bool,
}

impl Dateline {
    fn of(para: &str, rules: &TextRules) -> Dateline {
        let longest = |patterns: &[regex::Regex]| {
            patterns
                .iter()
                .map(|re| opening_match(re, para))
                .max()
                .unwrap_or(0)
        };
        let full = longest(&rules.datelines);
        Dateline {
            len: full.max(longest(&rules.dateline_prefixes)),
            full: full > 0,
        }
    }
}

/// The length of a match of `re` at the very start of `para`, if a sentence can
/// start right after it (a capital, a digit or a quotation mark: "NATO - the
/// alliance" opens with no dateline).
fn opening_match(re: &regex::Regex, para: &str) -> usize {
    match re.find(para) {
        Some(m) if m.start() == 0 => {
            let next = para[m.end()..].chars().next();
            let opens = next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '"');
            if opens { m.end() } else { 0 }
        }
        _ => 0,
    }
}

/// Splits the paragraphs into articles: a full dateline after the file's
/// first dateline of any form starts one. `datelines` are the paragraphs'.
fn split_parts(paragraphs: &[Paragraph], datelines: &[Dateline]) -> Vec<Part> {
    let mut starts = vec![0];
    let mut seen_dateline = false;
    for (i, (p, dateline)) in paragraphs.iter().zip(datelines).enumerate() {
        if p.boilerplate {
            continue;
        }
        if dateline.full && seen_dateline {
            starts.push(i);
        }
        seen_dateline |= dateline.len > 0;
    }
    starts.push(paragraphs.len());
    starts
        .windows(2)
        .map(|w| Part {
            paragraphs: w[0]..w[1],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::{Regex, RegexSet};

    fn rules() -> TextRules {
        TextRules {
            stops: Stops {
                abbreviations: ["U.S."].iter().map(|s| s.to_string()).collect(),
                ..Stops::default()
            },
            boilerplate: RegexSet::new([r"^(?:Advertisement)$"]).unwrap(),
            datelines: vec![Regex::new(r"^\p{Lu}{3,}(?:, [\p{L} ]+)? \(AP\) - ").unwrap()],
            dateline_prefixes: vec![Regex::new(r"^\p{Lu}{3,} - ").unwrap()],
        }
    }

    #[test]
    fn paragraphs_boilerplate_and_parts() {
        let src = "Headline here\nSEOUL, South Korea (AP) — One. Two.\n\nCaption line.\nAdvertisement\nCaption line.\nBRUSSELS (AP) — Three.\n";
        let doc = Document::prepare(src, &rules());
        let paras: Vec<&str> = doc
            .paragraphs
            .iter()
            .map(|p| doc.source_text(p.range.clone()))
            .collect();
        assert_eq!(paras.len(), 6);
        assert_eq!(paras[1], "SEOUL, South Korea (AP) — One. Two.");
        let flags: Vec<bool> = doc.paragraphs.iter().map(|p| p.boilerplate).collect();
        assert_eq!(flags, vec![false, false, false, true, true, false]);
        assert_eq!(doc.paragraphs[1].sentences.len(), 2);
        assert_eq!(
            doc.source_text(doc.paragraphs[1].sentences[0].clone()),
            "One."
        );
        assert_eq!(doc.parts.len(), 2);
        assert_eq!(doc.parts[1].paragraphs, 5..6);
    }

    #[test]
    fn weak_datelines_strip_but_never_split() {
        let src = "BRUSSELS — One. Two.\nNATO — the alliance — said so.\nMOSCOW — Three.\nSEOUL (AP) — Four.";
        let doc = Document::prepare(src, &rules());
        let first: Vec<&str> = doc
            .paragraphs
            .iter()
            .map(|p| doc.source_text(p.sentences[0].clone()))
            .collect();
        assert_eq!(
            first,
            vec!["One.", "NATO — the alliance — said so.", "Three.", "Four."]
        );
        assert_eq!(doc.parts.len(), 2, "only the full dateline splits");
        assert_eq!(doc.parts[1].paragraphs, 3..4);
    }

    #[test]
    fn lead_ins_and_signatures_join() {
        let src = "Ortiz said:\n\n“We will rebuild.”\n\n“We will win.”\n\n— Ortiz.\n\nThe notice read:\n\nNo quotation here.";
        let doc = Document::prepare(src, &rules());
        let paras: Vec<&str> = doc
            .paragraphs
            .iter()
            .map(|p| doc.source_text(p.range.clone()))
            .collect();
        assert_eq!(
            paras,
            vec![
                "Ortiz said:\n\n“We will rebuild.”",
                "“We will win.”\n\n— Ortiz.",
                "The notice read:",
                "No quotation here."
            ]
        );
        assert_eq!(doc.paragraphs[1].sentences.len(), 2, "sentences as before");
    }

    #[test]
    fn hard_wrapped_lines_join() {
        let src = "The minister said the troops\nwere moving.\nNext paragraph.";
        let doc = Document::prepare(src, &rules());
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(doc.paragraphs[0].sentences.len(), 1);
    }
}
