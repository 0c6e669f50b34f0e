//! Canonical speakers within an article: a surname to the full name, a
//! shorter form of a body to its full form, a pronoun to who it stands for.
//!
//! Names are compared in normalized text (straight apostrophes), so that
//! "O’Brien" and "O'Brien" are one person; `speaker` holds that form.

use std::ops::Range;

use rustc_hash::FxHashMap;

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

/// The classes of `plural_noun` (WordNet's) whose nouns name people: a body
/// whose last word is one ("Democrats", "Republican candidates", "the groups")
/// is a group that "they" may stand for.
const GROUP_CLASSES: [&str; 2] = ["person", "group"];

/// Sets each quote's `speaker` to the canonical name (see `mention`): a
/// surname to the full name used earlier in the article, a shorter form of a
/// body to its full form; he or she to the nearest person mentioned before it
/// outside quotation marks, of agreeing gender, at most `PRONOUN_REACH`
/// paragraphs back; "it" to the nearest body; "they" only to a group named
/// earlier in its own sentence ("Democrats dwelt on what they said was ...").
/// A pronoun with nothing to refer to leaves `speaker` empty (a wrong owner is
/// worse than none); the mention stays in `speaker_mention`.
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
    let (pronouns, possessives) = (
        rules.lexicon(Lex::Pronoun),
        rules.lexicon(Lex::PossessivePronoun),
    );
    let mentions = mention::find(doc, paragraphs.start..last + 1, words);
    let referents = Referents::of(&mentions, rules);
    for d in drafts.iter_mut().filter(|d| d.kind() == Kind::Quote) {
        let Some(span) = d.speaker_span.clone() else {
            continue;
        };
        let written = collapse_whitespace(&doc.text()[span.clone()]);
        let role = role_of(&written, rules);
        let pronoun = pronouns
            .value_of(&written)
            .or_else(|| possessives.value_of(&written))
            .map(|kind| kind.parse::<PronounKind>());
        // The mentions before the quote's speaker.
        let before = mentions.partition_point(|m| m.span.end <= span.start);
        let last_of = |fitting: &[usize], reach: usize| {
            nearest(&mentions, fitting, before, d.paragraph, reach)
        };
        let canonical = match pronoun {
            Some(Ok(PronounKind::Male)) => last_of(&referents.male, PRONOUN_REACH),
            Some(Ok(PronounKind::Female)) => last_of(&referents.female, PRONOUN_REACH),
            Some(Ok(PronounKind::Body)) => last_of(&referents.bodies, PRONOUN_REACH),
            Some(Ok(PronounKind::Statement)) => last_of(&referents.statements, PRONOUN_REACH),
            // A group ("they"): only the nearest named before it in its
            // sentence, outside what was said (", they say." at the end of a
            // sentence is someone else's); one in an earlier sentence may be
            // any of several.
            Some(Ok(PronounKind::Group)) => {
                let k = referents.groups.partition_point(|&i| i < before);
                let m = k.checked_sub(1).map(|k| &mentions[referents.groups[k]]);
                let sentence = doc.paragraphs[d.paragraph].sentence_at(span.start);
                let said = d.content.clone().unwrap_or_default();
                m.zip(sentence)
                    .filter(|(m, sentence)| {
                        m.span.start >= sentence.start
                            && (m.span.end <= said.start || m.span.start >= said.end)
                    })
                    .map(|(m, _)| m.name.clone())
            }
            Some(Ok(PronounKind::Writer | PronounKind::Unnamed)) | Some(Err(_)) => None,
            // "the spokeswoman": the last person named with that role.
            None if role.is_some() => {
                let role = role.unwrap_or_default();
                let with_role = referents.by_role.get(&role).map_or(&[][..], Vec::as_slice);
                last_of(with_role, ROLE_REACH)
            }
            // A name or body takes the canonical form of the mention that
            // covers it ("Singh" is "Sabrina Singh"); a speaker the mentions
            // cut shorter keeps its own words. Mentions do not overlap, so the
            // only one that can cover the speaker is the last starting at or
            // before it. A bare role ("CEO" in "Ada Cole, president and CEO
            // of Acme said") is the person its sentence set it off after.
            None => {
                let k = mentions.partition_point(|m| m.span.start <= span.start);
                let covering = k
                    .checked_sub(1)
                    .map(|k| &mentions[k])
                    .filter(|m| span.end <= m.span.end);
                let set_off = || {
                    let sentence = doc.paragraphs[d.paragraph].sentence_at(span.start)?;
                    let with_role = referents.by_role.get(&written.to_lowercase())?;
                    let k = with_role.partition_point(|&i| i < before);
                    let m = &mentions[with_role[k.checked_sub(1)?]];
                    (m.span.start >= sentence.start).then_some(m)
                };
                let bare_role = || rules.lexicon(Lex::RoleNoun).contains(&written);
                let person = covering.or_else(|| bare_role().then(set_off).flatten());
                Some(person.map_or(written, |m| m.name.clone()))
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

/// What each kind of pronoun or role noun may stand for: the positions in
/// the article's mentions of those that fit it, in order.
///
/// The nearest fitting mention before a quote is then a binary search away.
/// Walking back from the quote over every mention until one fits would be
/// bounded only by the reach, which is counted in paragraphs: in an article
/// of one long paragraph, a pronoun with nothing to stand for ("he" where only
/// women are named) would walk back over every mention before it, and the
/// article would take time quadratic in its length.
struct Referents {
    /// People a "he" may stand for: men and people of unknown gender.
    male: Vec<usize>,
    /// People a "she" may stand for.
    female: Vec<usize>,
    /// Bodies that are no group of people, for "it".
    bodies: Vec<usize>,
    /// Bodies that are groups of people, for "they".
    groups: Vec<usize>,
    statements: Vec<usize>,
    /// People by each role noun written before their name.
    by_role: FxHashMap<String, Vec<usize>>,
}

impl Referents {
    fn of(mentions: &[Mention], rules: &Rules) -> Referents {
        let plurals = rules.lexicon(Lex::PluralNoun);
        let group = |name: &str| {
            let last = name.rsplit(' ').next().unwrap_or(name);
            plurals
                .value_of(last)
                .is_some_and(|class| GROUP_CLASSES.contains(&class))
        };
        let mut r = Referents {
            male: Vec::new(),
            female: Vec::new(),
            bodies: Vec::new(),
            groups: Vec::new(),
            statements: Vec::new(),
            by_role: FxHashMap::default(),
        };
        for (i, m) in mentions.iter().enumerate() {
            match &m.referent {
                Referent::Person(gender, roles) => {
                    if gender.agrees(Gender::Male) {
                        r.male.push(i);
                    }
                    if gender.agrees(Gender::Female) {
                        r.female.push(i);
                    }
                    for role in roles {
                        let with_role = r.by_role.entry(role.clone()).or_default();
                        if with_role.last() != Some(&i) {
                            with_role.push(i);
                        }
                    }
                }
                // "It" stands for a body, never a group of people ("the
                // Americans"), which "they" may.
                Referent::Body => match group(&m.name) {
                    true => r.groups.push(i),
                    false => r.bodies.push(i),
                },
                Referent::Statement => r.statements.push(i),
            }
        }
        r
    }
}

/// The name of the last of the mentions `fitting` (positions in `mentions`,
/// in order) that comes before position `before`, if it is within `reach`
/// paragraphs of `paragraph`. Mentions are in paragraph order, so when the
/// last fitting one is out of reach, so is every one before it.
fn nearest(
    mentions: &[Mention],
    fitting: &[usize],
    before: usize,
    paragraph: usize,
    reach: usize,
) -> Option<String> {
    let k = fitting.partition_point(|&i| i < before);
    let m = &mentions[*fitting[..k].last()?];
    (m.paragraph + reach >= paragraph).then(|| m.name.clone())
}
