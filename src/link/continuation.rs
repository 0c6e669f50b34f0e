//! Quotes that no rule attributes but whose speaker the text makes plain:
//!
//! - a quote split by its attribution, “We will win,” she said. “It will take
//!   time.”: the second part is hers too;
//! - a paragraph that is only a quote, after a paragraph with an attributed
//!   quote: the same speaker goes on;
//! - a quote that runs over several paragraphs (each opens with a quotation
//!   mark, only the last closes), attributed in a later one; in text of one
//!   sentence per line, the lines after the first may open with no mark.
//!
//! A quotation mark is not always a quote: only a quoted passage that opens a
//! paragraph or a sentence, and holds at least `MIN_WORDS` words, is taken; a
//! scare quote ("a “flagrant” violation") is not. Unbalanced marks never fail:
//! an unpaired last mark quotes to the paragraph's end.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::mention::quoted_ranges;
use crate::claims::Draft;
use crate::model::{Attribution, Body, Kind, Quote, QuoteKind, When};
use crate::text::Document;

/// The rule id of the quotes made here.
pub(crate) const RULE: &str = "quote.continued";

/// Fewer words than this in quotation marks are a phrase, not a statement.
const MIN_WORDS: usize = 4;

/// How many paragraphs a quote without its attribution may run on for.
const MAX_RUN: usize = 4;

/// Adds the continued quotes of the paragraphs `paragraphs`, keeping `drafts`
/// in text order. Runs after speakers are resolved.
pub(crate) fn add(doc: &Document, paragraphs: Range<usize>, drafts: &mut Vec<Draft>) {
    let text = doc.text();
    let mut added = Vec::new();
    // Lines with no mark added whole, each once.
    let mut lines_added = HashSet::new();
    // Paragraph -> the last attributed quote in it.
    let mut owners: HashMap<usize, &Draft> = HashMap::new();
    for d in drafts.iter().filter(|d| d.kind() == Kind::Quote) {
        let a = &d.attribution;
        if !a.speaker.is_empty() || !a.speaker_mention.is_empty() {
            owners.insert(d.paragraph, d);
        }
    }
    let owner_in = |k: usize| {
        owners
            .get(&k)
            .map(|d| Owner(d.attribution.clone(), d.when.clone()))
    };
    // What the rules' quotes cover, by start, to find overlaps by binary search.
    let mut contents: Vec<Range<usize>> = drafts
        .iter()
        .filter(|d| d.kind() == Kind::Quote)
        .filter_map(|d| d.content.clone())
        .collect();
    contents.sort_by_key(|c| c.start);
    let mut reach = Vec::with_capacity(contents.len());
    for c in &contents {
        reach.push(c.end.max(reach.last().copied().unwrap_or(0)));
    }
    let covered = |q: &Range<usize>| {
        let before_end = contents.partition_point(|c| c.start < q.end);
        before_end > 0 && reach[before_end - 1] > q.start
    };
    for k in paragraphs.clone() {
        let para = &doc.paragraphs[k];
        if para.boilerplate {
            continue;
        }
        for quoted in quoted_ranges(text, para.range.clone()) {
            if covered(&quoted) || !is_statement(text, para.range.start, &quoted) {
                continue;
            }
            let opens_paragraph = text[para.range.start..quoted.start].trim().is_empty();
            let closes = text[quoted.clone()].ends_with('"') && quoted.len() > 1;
            // Lines of one sentence per line that the quotation runs through
            // with no mark: the same speaker's.
            let mut through = Vec::new();
            let owner = owner_in(k).or_else(|| {
                if !opens_paragraph {
                    return None;
                }
                // A quote that does not close runs into the next paragraphs
                // that open with a mark, up to the one that attributes it.
                if !closes
                    && let Some((j, lines)) = closed_after(doc, k, paragraphs.end, &owners)
                    && let Some(owner) = owner_in(j)
                {
                    through = lines;
                    return Some(owner);
                }
                // A line that closes a quotation opened lines before.
                if !text[quoted.clone()].starts_with('"')
                    && let Some((j, lines)) = opened_before(doc, k, paragraphs.start)
                    && let Some(owner) = owner_in(j)
                {
                    through = lines;
                    return Some(owner);
                }
                // A paragraph that is only a quote goes on with the speaker
                // of the paragraph before.
                let only_quote = text[quoted.end..para.range.end].trim().is_empty();
                (only_quote && k > paragraphs.start)
                    .then(|| previous_paragraph(doc, k).and_then(owner_in))
                    .flatten()
            });
            let Some(owner) = owner else { continue };
            added.push(continued(doc, k, quoted, &owner));
            for j in through {
                let range = doc.paragraphs[j].range.clone();
                if !covered(&range)
                    && text[range.clone()].split_whitespace().count() >= MIN_WORDS
                    && lines_added.insert(j)
                {
                    added.push(continued(doc, j, range, &owner));
                }
            }
        }
    }
    if added.is_empty() {
        return;
    }
    // Room for exactly the added quotes, not double the list. The cached-key
    // sort orders (key, position) pairs, then swaps the drafts into place:
    // stable as `sort_by_key` is, without its scratch copy of half the drafts
    // (a long article's drafts are many, and large).
    drafts.reserve_exact(added.len());
    drafts.extend(added);
    drafts.sort_by_cached_key(|d| (d.span.start, std::cmp::Reverse(d.span.end)));
}

/// The paragraph that closes the quotation left open in paragraph `k`, and
/// the lines with no mark between them: the next that opens with a mark and
/// is attributed (with no such line before it), or one whose attributed quote
/// opens it with no mark (in text of one sentence per line, the quotation
/// closes there). Any other mark ends the search.
fn closed_after(
    doc: &Document,
    k: usize,
    end: usize,
    owners: &HashMap<usize, &Draft>,
) -> Option<(usize, Vec<usize>)> {
    let text = doc.text();
    let mut lines = Vec::new();
    for j in k + 1..end.min(k + 1 + MAX_RUN) {
        let range = doc.paragraphs[j].range.clone();
        let line = text[range.clone()].trim_start();
        let opens_inside = owners.get(&j).is_some_and(|d| {
            d.content
                .as_ref()
                .is_some_and(|c| text[range.start..c.start].trim().is_empty())
        });
        if opens_inside {
            return Some((j, lines));
        }
        // A mark reopens the quotation only where no line ran without one.
        if line.starts_with('"') && lines.is_empty() {
            match owners.contains_key(&j) {
                true => return Some((j, lines)),
                false => continue,
            }
        }
        if line.contains('"') || doc.paragraphs[j].boilerplate {
            return None;
        }
        lines.push(j);
    }
    None
}

/// The paragraph before `k` whose last quotation is left open, over lines
/// with no mark (returned too): paragraph `k` closes that quotation.
fn opened_before(doc: &Document, k: usize, start: usize) -> Option<(usize, Vec<usize>)> {
    let text = doc.text();
    let mut lines = Vec::new();
    for j in (start.max(k.saturating_sub(MAX_RUN))..k).rev() {
        let para = &doc.paragraphs[j];
        if para.boilerplate {
            return None;
        }
        match quoted_ranges(text, para.range.clone()).last() {
            None => lines.push(j),
            Some(last) if !text[last.clone()].ends_with('"') || last.len() == 1 => {
                lines.reverse();
                return Some((j, lines));
            }
            Some(_) => return None,
        }
    }
    None
}

/// The paragraph before `k` that is not boilerplate.
fn previous_paragraph(doc: &Document, k: usize) -> Option<usize> {
    (0..k)
        .rev()
        .take(MAX_RUN)
        .find(|&p| !doc.paragraphs[p].boilerplate)
}

/// Whether a quoted passage reads as a statement: it opens its paragraph or a
/// sentence (after one that ends inside a closing mark, too), and holds
/// enough words.
fn is_statement(text: &str, para_start: usize, quoted: &Range<usize>) -> bool {
    let before = text[para_start..quoted.start].trim_end();
    // A sentence may end inside its closing mark: told WKLM's “Harbor
    // Report.” “When you ...”
    let opens = before.is_empty() || before.trim_end_matches('"').ends_with(['.', '!', '?', ':']);
    let inner = text[quoted.clone()].trim_matches('"');
    opens && inner.split_whitespace().count() >= MIN_WORDS
}

/// Who said a quote, and when: what a continued quote takes from its owner.
struct Owner(Attribution, Option<When>);

fn continued(doc: &Document, paragraph: usize, quoted: Range<usize>, owner: &Owner) -> Draft {
    let text = doc.text();
    // A quotation closed in a later line opens with no mark.
    let open = quoted.start + usize::from(text[quoted.clone()].starts_with('"'));
    let close = match text[quoted.clone()].ends_with('"') && quoted.len() > 1 {
        true => quoted.end - 1,
        false => quoted.end,
    };
    let content = open..close.max(open);
    let said = doc
        .source_text(content.clone())
        .trim()
        .trim_end_matches(',')
        .to_string();
    let body = Body::Quote(Quote {
        kind: QuoteKind::Direct,
        said,
    });
    let mut draft = Draft::new(RULE.into(), body, quoted, paragraph);
    let Owner(attribution, when) = owner;
    draft.attribution = attribution.clone();
    draft.when = when.clone();
    draft.content = Some(content);
    draft
}
