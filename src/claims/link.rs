//! Linking: canonical speakers within an article, the date tied to each
//! attribution cue, and every figure tied to the statement that holds it.
//!
//! The word lists used here come from the rules file: `pronoun` (a lexicon with
//! values; `person` marks he/she), `role_noun` (words that are a role, not a
//! name: `spokeswoman`, `President`), `not_name` (`The`, `But`) and
//! `possessive_suffix` (`'s`).
//!
//! Names are compared in normalized text (straight apostrophes), so that
//! "O’Brien" and "O'Brien" are one person; `speaker` holds that form.

use std::collections::HashMap;
use std::ops::Range;

use super::Draft;
use crate::claim::Kind;
use crate::rules::{Lexicon, Rules};
use crate::text::{Document, collapse_whitespace};

/// Links the drafts of one article, which starts at `article_start`. Drafts are
/// in text order.
pub(crate) fn link(doc: &Document, article_start: usize, rules: &Rules, drafts: &mut [Draft]) {
    resolve_speakers(doc, article_start, rules, drafts);
    attach_cue_dates(doc, drafts);
    attach_figures(drafts);
    attach_clause_dates(doc, drafts);
}

/// Sets each quote's `speaker` to the canonical name: a surname resolves to the
/// full name used earlier in the article; he or she to the person who spoke in
/// the same or the previous paragraph (no further: a wrong owner is worse than
/// none). A pronoun with nobody to refer to leaves `speaker` empty; the mention
/// stays in `speaker_mention`.
fn resolve_speakers(doc: &Document, article_start: usize, rules: &Rules, drafts: &mut [Draft]) {
    let pronouns = rules.lexicon("pronoun");
    let words = NameWords {
        role_nouns: rules.lexicon("role_noun"),
        not_names: rules.lexicon("not_name"),
        possessives: rules.lexicon("possessive_suffix"),
    };
    // Surname -> the latest full name of a speaker that ends with it.
    let mut full_names: HashMap<String, String> = HashMap::new();
    // Surname -> the full name found in the text before its first mention.
    let mut found_in_text: HashMap<String, Option<String>> = HashMap::new();
    // The last person who spoke, and the paragraph they spoke in.
    let mut last_person: Option<(String, usize)> = None;
    for d in drafts.iter_mut().filter(|d| d.claim.kind == Kind::Quote) {
        let Some(span) = d.speaker_span.clone() else {
            continue;
        };
        let mention = collapse_whitespace(&doc.text()[span.clone()]);
        let canonical = match pronouns.and_then(|p| p.value_of(&mention)) {
            Some("person") => last_person
                .as_ref()
                .filter(|(_, para)| adjacent_paragraphs(doc, *para, d.paragraph))
                .map(|(name, _)| name.clone()),
            Some(_) => None,
            None if is_single_word(&mention) => Some(
                full_names
                    .get(&mention)
                    .cloned()
                    .or_else(|| {
                        found_in_text
                            .entry(mention.clone())
                            .or_insert_with(|| {
                                let before =
                                    &doc.text()[article_start..span.start.max(article_start)];
                                full_name_before(before, &mention, &words)
                            })
                            .clone()
                    })
                    .unwrap_or_else(|| mention.clone()),
            ),
            None => Some(mention),
        };
        if let Some(name) = &canonical {
            if looks_like_person(name) {
                if !is_single_word(name) {
                    full_names.insert(last_word(name).to_string(), name.clone());
                }
                last_person = Some((name.clone(), d.paragraph));
            }
        }
        d.claim.speaker = canonical.unwrap_or_default();
    }
}

/// Whether paragraph `later` follows `earlier` with only boilerplate between.
fn adjacent_paragraphs(doc: &Document, earlier: usize, later: usize) -> bool {
    earlier <= later
        && doc.paragraphs[(earlier + 1).min(later)..later]
            .iter()
            .all(|p| p.boilerplate)
}

/// Words that stop a name when reading backwards from a surname.
struct NameWords<'r> {
    role_nouns: Option<&'r Lexicon>,
    not_names: Option<&'r Lexicon>,
    possessives: Option<&'r Lexicon>,
}

impl NameWords<'_> {
    fn can_be_given_name(&self, w: &str) -> bool {
        is_name_word(w)
            && !self.role_nouns.is_some_and(|r| r.contains(w))
            && !self.not_names.is_some_and(|r| r.contains(w))
            && !self
                .possessives
                .is_some_and(|p| p.entries().any(|(suffix, _)| w.ends_with(suffix)))
    }
}

/// The last full name (capitalized given names, then `surname`) written in
/// `hay`: "Sabrina Singh" for "Singh" after "spokeswoman Sabrina Singh".
fn full_name_before(hay: &str, surname: &str, words: &NameWords) -> Option<String> {
    let mut end = hay.len();
    while let Some(pos) = hay[..end].rfind(surname) {
        end = pos;
        let after = hay[pos + surname.len()..].chars().next();
        if after.is_some_and(char::is_alphanumeric) {
            continue;
        }
        let given: Vec<&str> = hay[..pos]
            .split_whitespace()
            .rev()
            .take_while(|w| words.can_be_given_name(w))
            .take(3)
            .collect();
        // The surname must directly follow the given names.
        if !given.is_empty() && hay[..pos].ends_with(' ') {
            let mut words: Vec<&str> = given.into_iter().rev().collect();
            words.push(surname);
            return Some(words.join(" "));
        }
    }
    None
}

/// A capitalized word that can be part of a name: `Sabrina`, `Tae-yul`, `O'Brien`.
fn is_name_word(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase)
        && w.chars().any(char::is_lowercase)
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
}

fn looks_like_person(name: &str) -> bool {
    name.split_whitespace().all(is_name_word)
}

fn is_single_word(s: &str) -> bool {
    !s.contains(char::is_whitespace)
}

fn last_word(s: &str) -> &str {
    s.rsplit(char::is_whitespace).next().unwrap_or(s)
}

/// A quote's `when`: the date expression captured next to its cue.
fn attach_cue_dates(doc: &Document, drafts: &mut [Draft]) {
    // Dates in text order, since drafts are.
    let dates: Vec<(Range<usize>, String)> = drafts
        .iter()
        .filter(|d| d.claim.kind == Kind::Date)
        .map(|d| (d.span.clone(), day_of(&d.claim.value)))
        .collect();
    for d in drafts.iter_mut().filter(|d| d.claim.kind == Kind::Quote) {
        let Some(when) = &d.when_span else { continue };
        let first = dates.partition_point(|(span, _)| span.start < when.start);
        if let Some((span, value)) = dates[first..]
            .iter()
            .take_while(|(s, _)| s.start < when.end)
            .find(|(s, _)| within(s, when))
        {
            d.claim.when.clone_from(value);
            d.claim.when_text = doc.source_text(span.clone()).to_string();
        }
    }
}

/// Counts and dates inside what a quote says take its speaker, cue and date.
fn attach_figures(drafts: &mut [Draft]) {
    // Quotes do not overlap one another (overlaps are resolved within a kind),
    // so the only quote that can hold a figure is the last one starting before it.
    let mut quotes: Vec<(Range<usize>, usize)> = drafts
        .iter()
        .enumerate()
        .filter_map(|(i, d)| Some((d.content.clone()?, i)))
        .collect();
    quotes.sort_by_key(|(content, _)| content.start);
    for i in 0..drafts.len() {
        if drafts[i].claim.kind == Kind::Quote {
            continue;
        }
        let span = drafts[i].span.clone();
        let before = quotes.partition_point(|(content, _)| content.start <= span.start);
        let Some((content, q)) = before.checked_sub(1).map(|k| &quotes[k]) else {
            continue;
        };
        if !within(&span, content) {
            continue;
        }
        let owner = drafts[*q].claim.clone();
        let c = &mut drafts[i].claim;
        c.speaker = owner.speaker;
        c.speaker_role = owner.speaker_role;
        c.cue = owner.cue;
        c.when = owner.when;
        c.when_text = owner.when_text;
        c.speaker_mention = owner.speaker_mention;
    }
}

/// A count that no statement dates takes the nearest date in its own clause:
/// "the 8,000 troops that the U.S. government mentioned Thursday" is as of
/// Thursday. A clause ends at a sentence end or a `;`; durations and sets are
/// not days and date nothing.
fn attach_clause_dates(doc: &Document, drafts: &mut [Draft]) {
    let dates: Vec<(Range<usize>, usize, String)> = drafts
        .iter()
        .filter(|d| {
            d.claim.kind == Kind::Date && matches!(d.claim.subtype.as_str(), "date" | "time")
        })
        .map(|d| (d.span.clone(), d.paragraph, day_of(&d.claim.value)))
        .collect();
    for d in drafts.iter_mut() {
        if d.claim.kind != Kind::Count || !d.claim.when.is_empty() || !d.claim.when_text.is_empty()
        {
            continue;
        }
        let para = &doc.paragraphs[d.paragraph];
        let Some(sentence) = para
            .sentences
            .get(para.sentences.partition_point(|s| s.end <= d.span.start))
            .filter(|s| s.start <= d.span.start)
        else {
            continue;
        };
        // Only the dates in the sentence; they are in text order.
        let first = dates.partition_point(|(span, _, _)| span.start < sentence.start);
        let last = dates.partition_point(|(span, _, _)| span.start < sentence.end);
        let nearest = dates[first..last]
            .iter()
            .filter(|(span, p, _)| *p == d.paragraph && span.end <= sentence.end)
            .filter(|(span, _, _)| {
                let between = match span.start >= d.span.end {
                    true => d.span.end..span.start,
                    false => span.end.min(d.span.start)..d.span.start,
                };
                !doc.text()[between].contains(';')
            })
            .min_by_key(|(span, _, _)| span.start.abs_diff(d.span.start));
        if let Some((span, _, value)) = nearest {
            d.claim.when.clone_from(value);
            d.claim.when_text = doc.source_text(span.clone()).to_string();
        }
    }
}

/// The date part of a TIMEX3 value: `when` says which day, so "Monday
/// morning" (`2024-11-04TMO`) dates a statement 2024-11-04.
fn day_of(value: &str) -> String {
    value
        .split_once('T')
        .map_or(value, |(day, _)| day)
        .to_string()
}

fn within(inner: &Range<usize>, outer: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}
