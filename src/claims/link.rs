//! Linking: canonical speakers within an article, the date tied to each
//! attribution cue, and every figure tied to the statement that holds it.
//!
//! The word lists used here come from the rules file: `pronoun` (a lexicon with
//! values: `male`, `female`, `body`, `statement`), `role_noun` (words that are
//! a role, not a name: `spokeswoman`, `President`) and those `mention` reads.
//!
//! Names are compared in normalized text (straight apostrophes), so that
//! "O’Brien" and "O'Brien" are one person; `speaker` holds that form.

use std::ops::Range;

use super::Draft;
use super::continuation;
use super::mention::{self, Gender, Mention, Referent};
use crate::claim::Kind;
use crate::rules::Rules;
use crate::text::{Document, collapse_whitespace};

/// Links the drafts of one article, the paragraphs `paragraphs`. Drafts are
/// in text order.
pub(crate) fn link(
    doc: &Document,
    paragraphs: Range<usize>,
    rules: &Rules,
    words: &mention::Words,
    drafts: &mut Vec<Draft>,
) {
    resolve_speakers(doc, paragraphs.clone(), rules, words, drafts);
    attach_cue_dates(doc, drafts);
    continuation::add(doc, paragraphs, drafts);
    attach_figures(drafts);
    attach_clause_dates(doc, drafts);
}

/// How many paragraphs back a pronoun may look for what it stands for.
const PRONOUN_REACH: usize = 3;

/// How many paragraphs back "the spokeswoman" may look for who has that role.
const ROLE_REACH: usize = 12;

/// Sets each quote's `speaker` to the canonical name (see `mention`): a
/// surname to the full name used earlier in the article, a shorter form of a
/// body to its full form; he or she to the nearest person mentioned before it
/// outside quotation marks, of agreeing gender, at most `PRONOUN_REACH`
/// paragraphs back; "it" to the nearest body. A pronoun with nothing to refer
/// to leaves `speaker` empty (a wrong owner is worse than none); the mention
/// stays in `speaker_mention`.
fn resolve_speakers(
    doc: &Document,
    paragraphs: Range<usize>,
    rules: &Rules,
    words: &mention::Words,
    drafts: &mut [Draft],
) {
    let Some(last) = drafts
        .iter()
        .filter(|d| d.claim.kind == Kind::Quote)
        .map(|d| d.paragraph)
        .max()
    else {
        return;
    };
    let pronouns = rules.lexicon("pronoun");
    let mentions = mention::find(doc, paragraphs.start..last + 1, words);
    for d in drafts.iter_mut().filter(|d| d.claim.kind == Kind::Quote) {
        let Some(span) = d.speaker_span.clone() else {
            continue;
        };
        let written = collapse_whitespace(&doc.text()[span.clone()]);
        let role = role_of(&written, rules);
        let canonical = match pronouns.and_then(|p| p.value_of(&written)) {
            Some(kind @ ("male" | "female")) => {
                let gender = Gender::parse(kind);
                nearest(
                    &mentions,
                    &span,
                    d.paragraph,
                    |r| matches!(r, Referent::Person(g, _) if g.agrees(gender)),
                )
            }
            Some("body") => nearest(&mentions, &span, d.paragraph, |r| *r == Referent::Body),
            Some("statement") => {
                nearest(&mentions, &span, d.paragraph, |r| *r == Referent::Statement)
            }
            Some(_) => None,
            // "the spokeswoman": the last person named with that role.
            None if role.is_some() => {
                let role = role.unwrap_or_default();
                let before = mentions.partition_point(|m| m.span.end <= span.start);
                mentions[..before]
                    .iter()
                    .rev()
                    .take_while(|m| m.paragraph + ROLE_REACH >= d.paragraph)
                    .find(|m| matches!(&m.referent, Referent::Person(_, roles) if roles.contains(&role)))
                    .map(|m| m.name.clone())
            }
            // A name or body takes the canonical form of the mention that
            // covers it ("Singh" is "Sabrina Singh"); a speaker the mentions
            // cut shorter keeps its own words. Mentions do not overlap, so the
            // only one that can cover the speaker is the last starting at or
            // before it.
            None => {
                let k = mentions.partition_point(|m| m.span.start <= span.start);
                let covering = k
                    .checked_sub(1)
                    .map(|k| &mentions[k])
                    .filter(|m| span.end <= m.span.end);
                Some(covering.map_or(written, |m| m.name.clone()))
            }
        };
        d.claim.speaker = canonical.unwrap_or_default();
    }
}

/// The role noun of a mention such as "the spokeswoman", lowercase.
fn role_of(mention: &str, rules: &Rules) -> Option<String> {
    let noun = mention
        .strip_prefix("the ")
        .or_else(|| mention.strip_prefix("The "))?;
    rules
        .lexicon("role_noun")
        .is_some_and(|l| l.contains(noun))
        .then(|| noun.to_lowercase())
}

/// The name of the last mention before `at` that `fits`, within reach.
fn nearest(
    mentions: &[Mention],
    at: &Range<usize>,
    paragraph: usize,
    fits: impl Fn(&Referent) -> bool,
) -> Option<String> {
    let before = mentions.partition_point(|m| m.span.end <= at.start);
    mentions[..before]
        .iter()
        .rev()
        .take_while(|m| m.paragraph + PRONOUN_REACH >= paragraph)
        .find(|m| fits(&m.referent))
        .map(|m| m.name.clone())
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
        c.cue_class = owner.cue_class;
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
