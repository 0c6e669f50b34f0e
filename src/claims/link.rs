//! Linking: canonical speakers within an article, the date tied to each
//! attribution cue, and every figure tied to the statement that holds it.
//!
//! The word lists used here come from the rules file: `pronoun` (a lexicon with
//! values; `person` marks he/she), `role_noun` (words that are a role, not a
//! name: `spokeswoman`, `President`) and `not_name` (`The`, `But`).

use std::ops::Range;

use super::Draft;
use crate::claim::Kind;
use crate::rules::{Lexicon, Rules};
use crate::text::Document;

/// Links the drafts of one article, which starts at `article_start`.
pub(crate) fn link(doc: &Document, article_start: usize, rules: &Rules, drafts: &mut [Draft]) {
    resolve_speakers(doc, article_start, rules, drafts);
    attach_cue_dates(doc, drafts);
    attach_figures(drafts);
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
    };
    let mut full_names: Vec<String> = Vec::new();
    // The last person who spoke, and the paragraph they spoke in.
    let mut last_person: Option<(String, usize)> = None;
    for d in drafts.iter_mut().filter(|d| d.claim.kind == Kind::Quote) {
        let mention = d.claim.speaker_mention.clone();
        if mention.is_empty() {
            continue;
        }
        let pronoun_class = pronouns.and_then(|p| p.value_of(&mention));
        let canonical = match pronoun_class {
            Some("person") => last_person
                .as_ref()
                .filter(|(_, para)| adjacent_paragraphs(doc, *para, d.paragraph))
                .map(|(name, _)| name.clone()),
            Some(_) => None,
            None if is_single_word(&mention) => full_names
                .iter()
                .rev()
                .find(|full| last_word(full) == mention)
                .cloned()
                .or_else(|| {
                    let before = d.speaker_span.as_ref().map_or(d.span.start, |r| r.start);
                    let article = &doc.text()[article_start..before.max(article_start)];
                    full_name_before(article, &mention, &words)
                })
                .or(Some(mention.clone())),
            None => Some(mention.clone()),
        };
        if let Some(name) = &canonical {
            if looks_like_person(name) {
                if !full_names.contains(name) && !is_single_word(name) {
                    full_names.push(name.clone());
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
}

impl NameWords<'_> {
    fn can_be_given_name(&self, w: &str) -> bool {
        is_name_word(w)
            && !self.role_nouns.is_some_and(|r| r.contains(w))
            && !self.not_names.is_some_and(|r| r.contains(w))
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

/// A capitalized word that can be part of a name: `Sabrina`, `Tae-yul`, `McDonald`.
fn is_name_word(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase)
        && w.chars().any(char::is_lowercase)
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        && !w.ends_with("'s")
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
    let dates: Vec<(Range<usize>, String)> = drafts
        .iter()
        .filter(|d| d.claim.kind == Kind::Date)
        .map(|d| (d.span.clone(), d.claim.value.clone()))
        .collect();
    for d in drafts.iter_mut().filter(|d| d.claim.kind == Kind::Quote) {
        let Some(when) = &d.when_span else { continue };
        if let Some((span, value)) = dates.iter().find(|(span, _)| within(span, when)) {
            d.claim.when.clone_from(value);
            d.claim.when_text = doc.source_text(span.clone()).to_string();
        }
    }
}

/// Counts and dates inside what a quote says take its speaker, cue and date.
fn attach_figures(drafts: &mut [Draft]) {
    let quotes: Vec<(Range<usize>, usize)> = drafts
        .iter()
        .enumerate()
        .filter_map(|(i, d)| Some((d.content.clone()?, i)))
        .collect();
    for i in 0..drafts.len() {
        if drafts[i].claim.kind == Kind::Quote {
            continue;
        }
        // The innermost statement that holds the figure.
        let owner = quotes
            .iter()
            .filter(|(content, _)| within(&drafts[i].span, content))
            .min_by_key(|(content, _)| content.len())
            .map(|&(_, q)| q);
        if let Some(q) = owner {
            let (speaker, role, cue, when, when_text, mention) = {
                let c = &drafts[q].claim;
                (
                    c.speaker.clone(),
                    c.speaker_role.clone(),
                    c.cue.clone(),
                    c.when.clone(),
                    c.when_text.clone(),
                    c.speaker_mention.clone(),
                )
            };
            let c = &mut drafts[i].claim;
            c.speaker = speaker;
            c.speaker_role = role;
            c.cue = cue;
            c.when = when;
            c.when_text = when_text;
            c.speaker_mention = mention;
        }
    }
}

fn within(inner: &Range<usize>, outer: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}
