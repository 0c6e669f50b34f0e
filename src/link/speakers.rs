//! Canonical speakers within an article: a surname to the full name, a
//! shorter form of a body to its full form, a pronoun to who it stands for.
//!
//! Names are compared in normalized text (straight apostrophes), so that
//! "O’Brien" and "O'Brien" are one person; `speaker` holds that form.

use std::ops::Range;

use super::mention::{self, Gender, Mention, Referent};
use crate::claims::Draft;
use crate::model::Kind;
use crate::rules::Rules;
use crate::rules::vocabulary::{Lex, PronounKind};
use crate::text::{Document, collapse_whitespace};

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
pub(super) fn resolve_speakers(
    doc: &Document,
    paragraphs: Range<usize>,
    rules: &Rules,
    words: &mention::Words,
    drafts: &mut [Draft],
) {
    let Some(last) = drafts
        .iter()
        .filter(|d| d.kind() == Kind::Quote)
        .map(|d| d.paragraph)
        .max()
    else {
        return;
    };
    let pronouns = rules.lexicon(Lex::Pronoun);
    let mentions = mention::find(doc, paragraphs.start..last + 1, words);
    for d in drafts.iter_mut().filter(|d| d.kind() == Kind::Quote) {
        let Some(span) = d.speaker_span.clone() else {
            continue;
        };
        let written = collapse_whitespace(&doc.text()[span.clone()]);
        let role = role_of(&written, rules);
        let pronoun = pronouns
            .value_of(&written)
            .map(|kind| kind.parse::<PronounKind>());
        let canonical = match pronoun {
            Some(Ok(kind @ (PronounKind::Male | PronounKind::Female))) => {
                let gender = match kind {
                    PronounKind::Male => Gender::Male,
                    _ => Gender::Female,
                };
                nearest(
                    &mentions,
                    &span,
                    d.paragraph,
                    |r| matches!(r, Referent::Person(g, _) if g.agrees(gender)),
                )
            }
            Some(Ok(PronounKind::Body)) => {
                nearest(&mentions, &span, d.paragraph, |r| *r == Referent::Body)
            }
            Some(Ok(PronounKind::Statement)) => {
                nearest(&mentions, &span, d.paragraph, |r| *r == Referent::Statement)
            }
            // A group ("they") is never resolved.
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
        d.attribution.speaker = canonical.unwrap_or_default();
    }
}

/// The role noun of a mention such as "the spokeswoman", lowercase.
fn role_of(mention: &str, rules: &Rules) -> Option<String> {
    let (article, noun) = mention.split_once(' ')?;
    let role = rules.lexicon(Lex::DefiniteArticle).contains(article)
        && rules.lexicon(Lex::RoleNoun).contains(noun);
    role.then(|| noun.to_lowercase())
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
