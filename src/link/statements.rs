//! Statements and their figures: the date tied to each attribution cue, the
//! speaker, cue and date of a statement on every figure inside it, the
//! nearest date in its clause for a count no statement dates, and no row for
//! reported speech that is only where or when it was said.

use std::ops::Range;

use crate::claims::Draft;
use crate::model::{Body, DateExpr, DateKind, Kind, QuoteKind, Timex, When};
use crate::rules::Rules;
use crate::rules::vocabulary::Lex;
use crate::text::{Document, is_title_case};

/// Drops reported speech that is only where or when it was said ("Vogt said
/// in response.", "Harlan wrote on Facebook on Monday."), once it has lent its
/// speaker to the quotation before it (see `continuation`): a short phrase
/// that opens with a `setting_preposition` and holds no verb of
/// `verb_not_in_source` ("in 2004 were unhealthy" goes on with a verb).
pub(super) fn drop_settings(rules: &Rules, drafts: &mut Vec<Draft>) {
    /// The most words of such a phrase: "during his appearance on Harbor Watch today".
    const MOST_WORDS: usize = 8;
    let (prepositions, verbs) = (
        rules.lexicon(Lex::SettingPreposition),
        rules.lexicon(Lex::VerbNotInSource),
    );
    let only_setting = |said: &str| {
        let words: Vec<&str> = said
            .trim_end_matches(['.', '!'])
            .split_whitespace()
            .collect();
        words.len() <= MOST_WORDS
            && words.first().is_some_and(|w| prepositions.contains(w))
            && !said.contains(',')
            && !words.iter().any(|w| verbs.contains(w))
    };
    drafts.retain(|d| match &d.body {
        Body::Quote(q) => q.kind != QuoteKind::Indirect || !only_setting(&q.said),
        _ => true,
    });
}

/// A cue introduces one statement. Where what was said stands before a cue
/// in its sentence ("“…,” Okafor said after the vote", "The talks stalled,
/// Lee told the Courier on Monday"), the words after that cue say where,
/// when, how or to whom it was said: reported speech read from them is
/// dropped. It stays where it goes on with speech: after a `said_opener`
/// ("told the Courier that …"), a quotation resumed after the cue (“…,” she
/// said, “…”, or "said in 2012, “…”"), a `cue_participle` ("said, adding
/// that …"), or what a `name_verb` names ("described the plan as “…”").
pub(super) fn drop_after_inverted_cue(doc: &Document, rules: &Rules, drafts: &mut Vec<Draft>) {
    // The cues with what was said and then its speaker before them, in
    // their sentence.
    let mut inverted: Vec<usize> = drafts
        .iter()
        .filter_map(|d| {
            let (content, cue) = (d.content.as_ref()?, d.cue_span.as_ref()?);
            let speaker = d.speaker_span.as_ref()?;
            let sentence = doc.paragraphs.get(d.paragraph)?.sentence_at(cue.start)?;
            let inverted = content.end > sentence.start
                && content.end <= speaker.start
                && speaker.end <= cue.start;
            inverted.then_some(cue.start)
        })
        .collect();
    if inverted.is_empty() {
        return;
    }
    inverted.sort_unstable();
    let (participles, openers, naming) = (
        rules.lexicon(Lex::CueParticiple),
        rules.lexicon(Lex::SaidOpener),
        rules.lexicon(Lex::NameVerb),
    );
    let goes_on_with_speech = |said: &str| {
        said.starts_with('"')
            || said.contains(", \"")
            || said
                .split(|c: char| c.is_whitespace() || c == ',')
                .any(|w| participles.contains(w))
            || said.split_once(" \"").is_some_and(|(before, _)| {
                before
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| openers.contains(w))
            })
    };
    drafts.retain(|d| {
        let (Body::Quote(q), Some(content), Some(cue)) = (&d.body, &d.content, &d.cue_span) else {
            return true;
        };
        let after_inverted_cue = q.kind != QuoteKind::Direct
            && content.start >= cue.end
            && inverted.binary_search(&cue.start).is_ok();
        if !after_inverted_cue {
            return true;
        }
        // "told the Courier that …": what follows an opener is speech.
        let opened = doc.text()[cue.end..content.start]
            .split_whitespace()
            .next_back()
            .is_some_and(|w| openers.contains(w));
        // "described the plan as “…”": what a naming verb names.
        let named = naming.contains(&d.attribution.cue);
        opened || named || goes_on_with_speech(&doc.text()[content.clone()])
    });
}

/// Drops quotes read from a headline in title case ("Cole Says Tolls Will
/// Rise"; see `is_title_case`), its cue capitalized and after the speaker,
/// where the capitals hide which words are the speaker. A headline's speaker
/// opens it or one of its clauses (after a colon, comma or dash: "Port
/// Strike: Union Says Talks Failed"), and its cue is a verb, not a
/// participle ("Mayor Answers Question About Tolls By Saying …" has no
/// speaker "Tolls"). Elsewhere a speaker found after other capitalized words
/// ("What His Old Rival Said …", "Cole Says He Never Pledged …") is only the
/// end of a run of capitals.
pub(super) fn drop_headline_misreads(doc: &Document, drafts: &mut Vec<Draft>) {
    let text = doc.text();
    drafts.retain(|d| {
        let (Body::Quote(_), Some(speaker), Some(cue)) = (&d.body, &d.speaker_span, &d.cue_span)
        else {
            return true;
        };
        let Some(sentence) = doc
            .paragraphs
            .get(d.paragraph)
            .and_then(|p| p.sentence_at(cue.start))
        else {
            return true;
        };
        let verb = text[cue.clone()]
            .split_whitespace()
            .next()
            .unwrap_or_default();
        let headline = verb.starts_with(char::is_uppercase)
            && speaker.end <= cue.start
            && is_title_case(&text[sentence.clone()]);
        if !headline {
            return true;
        }
        let participle = verb.ends_with("ing");
        let before = text[sentence.start..speaker.start.max(sentence.start)].trim_end();
        let before = before.strip_suffix(['"', '\'']).unwrap_or(before);
        let opens_clause =
            before.is_empty() || before.ends_with([':', ',', '-', '\u{2013}', '\u{2014}']);
        opens_clause && !participle
    });
}

/// A quote's `when`: the date expression captured next to its cue.
pub(super) fn attach_cue_dates(doc: &Document, drafts: &mut [Draft]) {
    // Dates in text order, since drafts are.
    let dates: Vec<(Range<usize>, Option<Timex>)> = drafts
        .iter()
        .filter_map(|d| Some((d.span.clone(), day_of(dates_something(d.date()?)?))))
        .collect();
    for d in drafts.iter_mut().filter(|d| d.kind() == Kind::Quote) {
        let Some(when) = &d.when_span else { continue };
        let first = dates.partition_point(|(span, _)| span.start < when.start);
        if let Some((span, value)) = dates[first..]
            .iter()
            .take_while(|(s, _)| s.start < when.end)
            .find(|(s, _)| within(s, when))
        {
            d.when = Some(When {
                value: value.clone(),
                text: doc.source_text(span.clone()).to_string(),
            });
        }
    }
}

/// Counts and dates inside what a quote says take its speaker, cue and date.
pub(super) fn attach_figures(drafts: &mut [Draft]) {
    // Quotes do not overlap one another (overlaps are resolved within a kind),
    // so the only quote that can hold a figure is the last one starting before it.
    let mut quotes: Vec<(Range<usize>, usize)> = drafts
        .iter()
        .enumerate()
        .filter_map(|(i, d)| Some((d.content.clone()?, i)))
        .collect();
    quotes.sort_by_key(|(content, _)| content.start);
    for i in 0..drafts.len() {
        if drafts[i].kind() == Kind::Quote {
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
        let (attribution, when) = (drafts[*q].attribution.clone(), drafts[*q].when.clone());
        drafts[i].attribution = attribution;
        drafts[i].when = when;
    }
}

/// A count that no statement dates takes the nearest date in its own clause:
/// "the 8,000 troops that the U.S. government mentioned Thursday" is as of
/// Thursday. A clause ends at a sentence end or a `;`; durations and sets are
/// not days and date nothing.
pub(super) fn attach_clause_dates(doc: &Document, drafts: &mut [Draft]) {
    let dates: Vec<(Range<usize>, usize, Option<Timex>)> = drafts
        .iter()
        .filter_map(|d| {
            let date = dates_something(d.date()?)
                .filter(|d| matches!(d.kind, DateKind::Date | DateKind::Time))?;
            Some((d.span.clone(), d.paragraph, day_of(date)))
        })
        .collect();
    for d in drafts.iter_mut() {
        if d.kind() != Kind::Count || d.when.is_some() {
            continue;
        }
        let Some(sentence) = doc.paragraphs[d.paragraph].sentence_at(d.span.start) else {
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
            d.when = Some(When {
                value: value.clone(),
                text: doc.source_text(span.clone()).to_string(),
            });
        }
    }
}

/// A date that can date a statement or a figure: "now" or "recently" names no
/// time ("the 8,000 troops now there" is as undated as without it).
fn dates_something(date: &DateExpr) -> Option<&DateExpr> {
    (!date.value.as_ref().is_some_and(Timex::is_reference)).then_some(date)
}

/// The day (or week, month, year) a date names: `when` says which day, so
/// "Monday morning" (`2024-11-04TMO`) dates a statement 2024-11-04.
fn day_of(date: &DateExpr) -> Option<Timex> {
    date.value.as_ref().map(|v| v.date().clone())
}

fn within(inner: &Range<usize>, outer: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}
