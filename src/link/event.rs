//! What happened to what a count counts (the `event` column), read from the
//! clause around the figure, in this order:
//!
//! 1. a verb right before the figure, whose object the count is: "the blast
//!    *killed* 12 people", "has *sent* about 10,000 troops";
//! 2. the words after the counted noun, to the end of its clause (an aside
//!    between commas skipped): "214 people *were killed*", "450 *remain
//!    missing*", "30 people, including children, *were killed*";
//! 3. the counted noun itself: "45 *wounded*", "3,000 *protesters*";
//! 4. the words before the figure, back to the start of its clause: "the
//!    *death toll* rose to 209", "*moved* a total of 10,000 troops".
//!
//! A rule may give the event itself (a toll: "the death toll rose to 209");
//! then the clause is not read. Phrases and their events come from the
//! `event` lexicon; `event_presence`
//! ("were in", "are stationed in") gives an event only to counts of a concept
//! in `presence_concept` (troops in a place are deployed there; people in a
//! stadium are not). A clause ends at a word of `clause_end` ("and", "when"),
//! at a semicolon or colon, and at another count. Nothing is guessed from
//! the rest of the article: a clause that says nothing leaves the event empty,
//! and a count of a concept too general to compare without one (`people`, in
//! `generic_concept`) then loses its concept. An elided figure whose clause
//! names no event takes the event of the count it took its noun from ("About
//! 900 workers walked out. The union put the number at 1,100").
//!
//! The same words after the counted noun say whether the figure counts a
//! whole (the `scope` column): "14,500 people *worldwide*", "five servicemen
//! *from the two countries*" (the `total_scope` lexicon).

use std::ops::Range;

use crate::claims::Draft;
use crate::model::{Event, Kind, Scope};
use crate::rules::vocabulary::Lex;
use crate::rules::{Lexicon, Rules};
use crate::text::Document;

/// The longest phrase of the event lexicons, in words.
const LONGEST: usize = 5;
/// Words read after a count's noun, and before its figure.
const AFTER: usize = 14;
const BEFORE: usize = 8;

/// The event lexicons, made once per rule set.
#[derive(Debug, Clone)]
pub struct Events {
    phrases: Lexicon,
    presence: Lexicon,
    presence_concepts: Lexicon,
    clause_end: Lexicon,
    /// Concepts that say what is counted only with an event (`people`).
    generic: Lexicon,
    /// Words that join two counts that are objects of one verb ("and").
    joiners: Lexicon,
    /// Words after a counted noun that make its figure a total ("in all").
    total: Lexicon,
}

impl Events {
    pub fn from_rules(rules: &Rules) -> Events {
        Events {
            phrases: rules.lexicon(Lex::Event).clone(),
            presence: rules.lexicon(Lex::EventPresence).clone(),
            presence_concepts: rules.lexicon(Lex::PresenceConcept).clone(),
            clause_end: rules.lexicon(Lex::ClauseEnd).clone(),
            generic: rules.lexicon(Lex::GenericConcept).clone(),
            joiners: rules.lexicon(Lex::CountJoiner).clone(),
            total: rules.lexicon(Lex::TotalScope).clone(),
        }
    }

    /// The event of the longest phrase that starts at `words[k]`, if any.
    fn at(&self, words: &[Word], k: usize, presence: bool) -> Option<Event> {
        let end = words.len().min(k + LONGEST);
        (k + 1..=end)
            .rev()
            .find_map(|e| self.phrase(&words[k..e], presence))
    }

    /// The event of `words` as one phrase: none if a comma or other stop
    /// falls inside it.
    fn phrase(&self, words: &[Word], presence: bool) -> Option<Event> {
        let (last, inner) = words.split_last()?;
        if inner.iter().any(|w| w.stop.is_some()) {
            return None;
        }
        // Most words end no entry: one hash lookup says so, with no phrase built.
        let may_end = |lexicon: &Lexicon| {
            let (entry, phrase) = lexicon.word_ends(&last.text);
            if inner.is_empty() { entry } else { phrase }
        };
        let may_be_entry = may_end(&self.phrases) || (presence && may_end(&self.presence));
        if !may_be_entry {
            return None;
        }
        let phrase = join(words.iter().map(|w| w.text.as_str()));
        let value = self
            .phrases
            .value_of(&phrase)
            .or_else(|| presence.then(|| self.presence.value_of(&phrase))?)?;
        value.parse().ok()
    }
}

fn join<'a>(words: impl Iterator<Item = &'a str>) -> String {
    words.collect::<Vec<_>>().join(" ")
}

/// A word of a sentence: lowercase, without the punctuation around it, and
/// the punctuation that ends a stretch of the clause after it.
struct Word {
    range: Range<usize>,
    text: String,
    /// A comma, semicolon, colon or bracket right after the word.
    stop: Option<char>,
}

fn words(text: &str, range: Range<usize>) -> Vec<Word> {
    let mut out = Vec::new();
    let mut at = range.start;
    for piece in text[range].split_inclusive(char::is_whitespace) {
        let start = at;
        at += piece.len();
        let trimmed = piece.trim_end();
        let core = trimmed.trim_matches(|c: char| !c.is_alphanumeric());
        if core.is_empty() {
            // A lone dash or bracket ends the clause stretch before it.
            if let (Some(last), Some(c)) = (out.last_mut(), trimmed.chars().next()) {
                let last: &mut Word = last;
                last.stop = last.stop.or(Some(c));
            }
            continue;
        }
        let offset = trimmed.find(core).unwrap_or(0);
        let stop = trimmed[offset + core.len()..]
            .chars()
            .find(|c| matches!(c, ',' | ';' | ':' | '(' | ')' | '—' | '–'));
        out.push(Word {
            range: start + offset..start + offset + core.len(),
            text: core.to_lowercase(),
            stop,
        });
    }
    out
}

/// Sets the event of every count in the article. Each sentence is split
/// into words once, and a count looks only at the words and counts of its
/// own sentence, found by binary search: an article with many counts in one
/// long sentence stays linear.
pub(crate) fn assign(doc: &Document, events: &Events, drafts: &mut [Draft]) {
    if events.phrases.is_empty() && events.total.is_empty() {
        return;
    }
    let text = doc.text();
    // Drafts are in text order, so their spans are sorted by start.
    let count_spans: Vec<Range<usize>> = drafts
        .iter()
        .filter(|d| d.kind() == Kind::Count)
        .map(|d| d.span.clone())
        .collect();
    let mut sentence_words: Option<(Range<usize>, Vec<Word>)> = None;
    // The end of the last count whose event a verb before it gave, and that event.
    let mut object: Option<(usize, Event)> = None;
    // The event of each count read, by where it starts: an elided figure's
    // antecedent comes before it.
    let mut event_at: rustc_hash::FxHashMap<usize, Event> = Default::default();
    for d in drafts.iter_mut() {
        if d.kind() != Kind::Count {
            continue;
        }
        let paragraph = doc.paragraphs.get(d.paragraph);
        let Some(sentence) = paragraph.and_then(|p| p.sentence_at(d.span.start)) else {
            continue;
        };
        let span = d.span.clone();
        let antecedent = d.antecedent;
        let Some(count) = d.count_mut() else {
            continue;
        };
        if sentence_words.as_ref().is_none_or(|(r, _)| r != sentence) {
            sentence_words = Some((sentence.clone(), words(text, sentence.clone())));
        }
        let Some((_, words)) = &sentence_words else {
            continue;
        };
        let in_other = |w: &Word| {
            // The last count starting at or before the word, if it holds it.
            let k = count_spans.partition_point(|s| s.start <= w.range.start);
            k > 0 && {
                let s = &count_spans[k - 1];
                *s != span && w.range.end <= s.end
            }
        };
        let clause = Clause {
            words,
            span: span.clone(),
            unit: count.unit.to_lowercase(),
            presence: events.presence_concepts.contains(&count.concept),
            object,
            in_other: &in_other,
        };
        if clause.total(events) {
            count.scope = Some(Scope::Total);
        }
        // A rule may have given the event (a toll).
        if let Some(given) = count.event {
            event_at.insert(span.start, given);
            continue;
        }
        let found = clause.event(events);
        object = found.filter(|(_, verb)| *verb).map(|(e, _)| (span.end, e));
        // An elided figure's own clause first, then its antecedent's event:
        // "About 900 workers walked out. The union put the number at 1,100."
        count.event = found
            .map(|(e, _)| e)
            .or_else(|| event_at.get(&antecedent?).copied());
        if let Some(event) = count.event {
            event_at.insert(span.start, event);
        }
        if count.event.is_none() && events.generic.contains(&count.concept) {
            count.concept.clear();
        }
    }
}

/// A count in its sentence.
struct Clause<'a> {
    words: &'a [Word],
    span: Range<usize>,
    /// The counted noun, lowercase.
    unit: String,
    /// Whether `event_presence` applies.
    presence: bool,
    /// The end of the count before, and the event a verb before it gave.
    object: Option<(usize, Event)>,
    /// Whether a word lies in another count.
    in_other: &'a dyn Fn(&Word) -> bool,
}

impl Clause<'_> {
    /// Whether the words right after the counted noun, in its clause, say
    /// the figure is a total: "14,500 people *worldwide*", "five servicemen
    /// *from the two countries*", "12 people *in all*".
    fn total(&self, events: &Events) -> bool {
        let words = self.words;
        let after = words.partition_point(|w| w.range.start < self.span.end);
        // A comma or other stop after the noun: what follows is another stretch.
        if after == 0 || words[after - 1].stop.is_some() {
            return false;
        }
        // A phrase of the lexicon may hold a figure ("from the two countries").
        let end = (after..words.len().min(after + LONGEST))
            .find(|&k| events.clause_end.contains(&words[k].text))
            .unwrap_or(words.len().min(after + LONGEST));
        // A phrase ends at a word that may end one (one lookup rules most
        // words out), and holds no stop but at its end.
        (after + 1..=end).any(|e| {
            let (entry, phrase) = events.total.word_ends(&words[e - 1].text);
            (after..e).any(|k| {
                let inner = &words[k..e - 1];
                (if inner.is_empty() { entry } else { phrase })
                    && !inner.iter().any(|w| w.stop.is_some())
                    && events
                        .total
                        .contains_words(words[k..e].iter().map(|w| w.text.as_str()))
            })
        })
    }

    /// The count's event, and whether a verb right before it gave it.
    fn event(&self, events: &Events) -> Option<(Event, bool)> {
        let words = self.words;
        let first_in = words.partition_point(|w| w.range.start < self.span.start);
        if first_in == words.len() {
            return None;
        }
        let after = words.partition_point(|w| w.range.start < self.span.end);
        // 1. A verb that ends right before the figure, with the count its
        // object; or, for the second of two joined objects ("dispatched
        // three warships and 800 marines"), the first one's verb.
        let before_figure = first_in.checked_sub(1).map(|k| &words[k]);
        if before_figure.is_some_and(|w| w.stop.is_none()) {
            let verb = (first_in.saturating_sub(LONGEST)..first_in)
                .find_map(|k| events.phrase(&words[k..first_in], false));
            let joined = self.object.filter(|(end, _)| {
                let conjunction = before_figure.is_some_and(|w| events.joiners.contains(&w.text));
                let adjacent = first_in >= 2 && words[first_in - 2].range.end == *end;
                conjunction && adjacent
            });
            if let Some(event) = verb.or(joined.map(|(_, e)| e)) {
                return Some((event, true));
            }
        }
        // 2. The rest of the clause after the counted noun.
        if let Some(event) = clause_after(words, after, self.presence, events, self.in_other) {
            return Some((event, false));
        }
        // 3. The counted noun.
        let unit_words: Vec<&str> = self.unit.split_whitespace().collect();
        let noun = (0..unit_words.len()).find_map(|k| {
            let value = events.phrases.value_of(&unit_words[k..].join(" "))?;
            value.parse().ok()
        });
        if let Some(event) = noun {
            return Some((event, false));
        }
        // 4. The clause before the figure, back to its start.
        let mut k = first_in;
        while k > 0 && first_in - k < BEFORE {
            k -= 1;
            let w = &words[k];
            if w.stop.is_some() || (self.in_other)(w) || events.clause_end.contains(&w.text) {
                break;
            }
            if let Some(event) = events.at(&words[..first_in], k, self.presence) {
                return Some((event, false));
            }
        }
        None
    }
}

/// The event named in the clause after a count: from the word at `start` to
/// a clause end, with any aside between commas skipped.
fn clause_after(
    words: &[Word],
    start: usize,
    presence: bool,
    events: &Events,
    in_other: &dyn Fn(&Word) -> bool,
) -> Option<Event> {
    let mut k = start;
    let mut read = 0;
    // A comma opens an aside that a second comma closes: "30 people,
    // including children, were killed"; "70 workers at the plant, most of
    // them contract labourers, were laid off".
    let mut aside = start > 0 && words[start - 1].stop == Some(',');
    while k < words.len() && read < AFTER {
        let w = &words[k];
        if in_other(w) || (!aside && events.clause_end.contains(&w.text)) {
            return None;
        }
        if !aside && let Some(event) = events.at(&words[..phrase_end(words, k)], k, presence) {
            return Some(event);
        }
        match w.stop {
            Some(',') => aside = !aside,
            Some(_) => return None,
            None => {}
        }
        k += 1;
        read += 1;
    }
    None
}

/// Where a phrase starting at `k` must end: at the first word with a stop.
fn phrase_end(words: &[Word], k: usize) -> usize {
    (k..words.len())
        .find(|&e| words[e].stop.is_some())
        .map_or(words.len(), |e| e + 1)
}
