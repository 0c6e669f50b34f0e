//! Linking, within one article: canonical speakers, the date tied to each
//! attribution cue, quotes continued past their attribution, every figure
//! tied to the statement that holds it, and the actor and event of each count. The
//! article's credits (outlet and wire) are read here too (`outlet`).
//!
//! The word lists used here come from the rules file: `pronoun` (a lexicon
//! with values: `male`, `female`, `body`, `statement`), `role_noun` (words
//! that are a role, not a name: `spokeswoman`, `President`) and those
//! `mention` and `actor` read.

mod actor;
mod as_of;
mod continuation;
mod event;
mod mention;
pub(crate) mod outlet;
mod speakers;
mod statements;

use std::ops::Range;

use crate::claims::Draft;
use crate::rules::Rules;
use crate::text::Document;

/// The rule set's word lists in the forms linking reads them, made once per
/// rule set.
#[derive(Debug, Clone)]
pub(crate) struct Words {
    mentions: mention::Words,
    actors: actor::Actors,
    events: event::Events,
    as_of: as_of::AsOfWords,
}

impl Words {
    pub(crate) fn from_rules(rules: &Rules) -> Words {
        Words {
            mentions: mention::Words::from_rules(rules),
            actors: actor::Actors::from_rules(rules),
            events: event::Events::from_rules(rules),
            as_of: as_of::AsOfWords::from_rules(rules),
        }
    }
}

/// Links the drafts of one article, the paragraphs `paragraphs`. Drafts are
/// in text order, and stay so.
pub(crate) fn link(
    doc: &Document,
    paragraphs: Range<usize>,
    rules: &Rules,
    words: &Words,
    drafts: &mut Vec<Draft>,
) {
    speakers::resolve_speakers(doc, paragraphs.clone(), rules, &words.mentions, drafts);
    statements::attach_cue_dates(doc, drafts);
    continuation::add(doc, paragraphs, drafts);
    statements::drop_settings(rules, drafts);
    statements::drop_after_inverted_cue(doc, rules, drafts);
    statements::drop_headline_misreads(doc, drafts);
    statements::attach_figures(drafts);
    statements::attach_clause_dates(doc, drafts);
    actor::assign(doc, &words.actors, drafts);
    event::assign(doc, &words.events, drafts);
}

/// Sets when each count was current, from its sentence's dates and the
/// article's reference date and time of day (see `as_of`).
pub(crate) fn as_of(
    doc: &Document,
    words: &Words,
    drafts: &mut [Draft],
    reference: Option<chrono::NaiveDate>,
    time: &str,
) {
    as_of::assign(doc, &words.as_of, drafts, reference, time);
}
