//! The actor of a count: the country or party the counted people belong to
//! ("North Korean soldiers", "troops from North Korea", "North Korea has sent
//! 10,000 troops"), so that `compare` can put figures for the same thing side
//! by side. Countries, demonyms and the prepositions that make a country a
//! place come from the `country` and `actor_blocker` lexicons.

use std::ops::Range;

use regex::Regex;

use crate::claims::Draft;
use crate::model::Kind;
use crate::rules::vocabulary::Lex;
use crate::rules::{Lexicon, Rules};
use crate::text::Document;

/// Bytes on each side of a figure searched for its actor.
const WINDOW: usize = 400;

/// The compiled country lexicon and the words that block it.
#[derive(Debug, Clone)]
pub struct Actors {
    countries: Option<(Regex, Lexicon)>,
    blockers: Lexicon,
    /// Words after a count that introduce its actor: "troops *from* North Korea".
    markers: Lexicon,
    /// Words skipped before a country: "from *the* Philippines".
    determiners: Lexicon,
}

impl Actors {
    /// Reads the `country` and `actor_*` lexicons; with no country, no
    /// count gets an actor.
    pub fn from_rules(rules: &Rules) -> Actors {
        let country = rules.lexicon(Lex::Country);
        let countries = (country.entries().next().is_some())
            .then(|| Regex::new(country.alternation()).ok())
            .flatten()
            .map(|re| (re, country.clone()));
        Actors {
            countries,
            blockers: rules.lexicon(Lex::ActorBlocker).clone(),
            markers: rules.lexicon(Lex::ActorMarker).clone(),
            determiners: rules.lexicon(Lex::ActorDeterminer).clone(),
        }
    }

    fn is_marker(&self, word: &str) -> bool {
        self.markers.contains(word)
    }

    fn is_determiner(&self, word: &str) -> bool {
        self.determiners.contains(word)
    }

    /// Every country mention in `text[range]`: its range and canonical name.
    fn mentions<'t>(
        &'t self,
        text: &'t str,
        range: Range<usize>,
    ) -> impl Iterator<Item = (Range<usize>, &'t str)> + 't {
        let found = self.countries.as_ref();
        let mut at = range.start;
        std::iter::from_fn(move || {
            let (re, lexicon) = found?;
            while at < range.end {
                let m = re.find_at(&text[..range.end], at)?;
                let is_word = |c: char| c.is_alphanumeric();
                let bounded =
                    !text[..m.start()].ends_with(is_word) && !text[m.end()..].starts_with(is_word);
                at = if bounded {
                    m.end().max(m.start() + 1)
                } else {
                    m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8)
                };
                if bounded {
                    if let Some(name) = lexicon.value_of(m.as_str()) {
                        return Some((m.range(), name));
                    }
                }
            }
            None
        })
    }

    /// Whether the word before `start` makes a country there a place ("to Russia").
    fn blocked(&self, text: &str, start: usize) -> bool {
        let blockers = &self.blockers;
        let mut words = text[..start].split_whitespace().rev();
        let mut word = words.next().unwrap_or("");
        if self.is_determiner(word) {
            word = words.next().unwrap_or("");
        }
        blockers.contains(word)
    }
}

/// Sets `actor` on every count in `drafts` (in text order).
pub(crate) fn assign(doc: &Document, actors: &Actors, drafts: &mut [Draft]) {
    if actors.countries.is_none() {
        return;
    }
    let text = doc.text();
    // (sentence range, concept, actor) of counts with an actor, for the next sentence.
    let mut found: Vec<(Range<usize>, String, String)> = Vec::new();
    // Statements with a speaker, by start; a sweep keeps the ones open at each
    // count, so that a long article costs no count-by-quote product.
    let mut statements: Vec<(Range<usize>, Range<usize>)> = drafts
        .iter()
        .filter(|q| q.kind() == Kind::Quote)
        .filter_map(|q| Some((q.span.clone(), q.speaker_span.clone()?)))
        .collect();
    statements.sort_by_key(|(span, _)| span.start);
    let mut next_statement = 0;
    let mut open: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    let mut counts: Vec<usize> = (0..drafts.len())
        .filter(|&k| drafts[k].kind() == Kind::Count)
        .collect();
    counts.sort_by_key(|&k| drafts[k].span.start);
    for k in counts {
        let d = &drafts[k];
        let Some(count) = d.count() else { continue };
        while next_statement < statements.len()
            && statements[next_statement].0.start <= d.span.start
        {
            open.push(statements[next_statement].clone());
            next_statement += 1;
        }
        open.retain(|(span, _)| span.end > d.span.start);
        // Speakers of statements that hold the count are no actors of it.
        let speakers: Vec<Range<usize>> = open
            .iter()
            .filter(|(span, _)| d.span.end <= span.end)
            .map(|(_, speaker)| speaker.clone())
            .collect();
        // The sentence, cut to a window around the figure: an actor is near
        // it, and a text with no sentence breaks costs no more per count.
        let whole = sentence_of(doc, d.paragraph, d.span.start);
        let sentence = floor_char(text, whole.start.max(d.span.start.saturating_sub(WINDOW)))
            ..floor_char(text, whole.end.min(d.span.end + WINDOW));
        let in_unit = actors
            .mentions(&count.unit, 0..count.unit.len())
            .next()
            .map(|(_, name)| name.to_string());
        // "troops from North Korea": the country right after an `actor_marker`.
        let after = || {
            let end = sentence.end.max(d.span.end);
            let skip_space = |at: usize| end - text[at..end].trim_start().len();
            let at = skip_space(d.span.end);
            let word = text[at..end].split_whitespace().next()?;
            if !actors.is_marker(word) {
                return None;
            }
            let mut at = skip_space(at + word.len());
            if let Some(next) = text[at..end].split_whitespace().next() {
                if actors.is_determiner(next) {
                    at = skip_space(at + next.len());
                }
            }
            actors
                .mentions(text, at..end)
                .next()
                .filter(|(r, _)| r.start == at)
                .map(|(_, name)| name.to_string())
        };
        let before = || {
            actors
                .mentions(text, sentence.start..d.span.start)
                .filter(|(r, _)| !speakers.iter().any(|s| s.start < r.end && r.start < s.end))
                .filter(|(r, _)| !actors.blocked(text, r.start))
                .last()
                .map(|(_, name)| name.to_string())
        };
        // A sentence that names no country at all (the speaker's aside) may
        // count the same people as the one before: "That's up from the 8,000
        // troops that the U.S. government mentioned Thursday."
        let names_a_country = || {
            actors
                .mentions(text, sentence.clone())
                .any(|(r, _)| !speakers.iter().any(|s| s.start < r.end && r.start < s.end))
        };
        let previous = || {
            if names_a_country() {
                return None;
            }
            let concept = &count.concept;
            // The sentence before holds the latest counts found; a few suffice.
            found
                .iter()
                .rev()
                .take(16)
                .find(|(s, c, _)| {
                    !concept.is_empty()
                        && c == concept
                        && s.end <= whole.start
                        && is_just_before(doc, s, &whole)
                })
                .map(|(_, _, actor)| actor.clone())
        };
        let actor = in_unit.or_else(after).or_else(before).or_else(previous);
        if let Some(actor) = actor {
            found.push((whole.clone(), count.concept.clone(), actor.clone()));
            if let Some(count) = drafts[k].count_mut() {
                count.actor = actor;
            }
        }
    }
}

/// The sentence of a paragraph that holds `at`, or the whole paragraph.
fn sentence_of(doc: &Document, paragraph: usize, at: usize) -> Range<usize> {
    let para = &doc.paragraphs[paragraph];
    para.sentence_at(at)
        .cloned()
        .unwrap_or_else(|| para.range.clone())
}

/// The largest character boundary at or before `at`.
fn floor_char(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Whether sentence `a` comes right before sentence `b`: nothing but space
/// between them, or a paragraph break.
fn is_just_before(doc: &Document, a: &Range<usize>, b: &Range<usize>) -> bool {
    let between = &doc.text()[a.end..b.start];
    between.trim().is_empty()
}
