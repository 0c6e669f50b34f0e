//! The tense of the clause before a date: whether it speaks of the past or
//! the future, which places a date written without its year or month.

use crate::claims::fields::Fields;
use crate::rules::vocabulary::Lex;
use crate::rules::{Lexicon, Rules};

/// What a sentence says of a date's time: past, future, or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tense {
    Past,
    Future,
    None,
}

/// The tense of the clause before a date, as (future, past): a marker of the
/// future tense from the `future_marker` lexicon ("will", "is due to",
/// "'ll") or the `intent_marker` lexicon ("decided to"), a verb in the past
/// (`last_past_word`), or both. The clause starts after the last comma,
/// semicolon, colon, dash or quotation mark before the date, within its
/// sentence: in "North Korea will send troops, Singh said
/// Thursday" the Thursday is not in the future. When the clause holds both,
/// the one nearer the date wins: "will mark what happened on Oct. 7" is past,
/// "was told he will return on Jan. 5" future.
///
/// A clause before the date with neither takes the tense of what follows it
/// in the sentence, up to the next clause break: "In March, soldiers
/// *crossed* the border" is past.
///
/// A date right after a `reporting_verb` dates the report ("said Thursday"):
/// past. One right after a `deadline_marker` ("extended to Nov. 20", "payable
/// Jan. 2") is a term, which neither a verb in the past before it nor the
/// clause after it places: the nearest such day, unless the clause holds a
/// marker of the future.
pub(super) fn clause_tense(f: &Fields) -> ClauseTense {
    let before = sentence_before(f);
    let mut words = clause_words(before);
    // A clause that opens with a participle ("…, *rising* to a high in June")
    // is the clause before it, and in its tense.
    if words.first().is_some_and(|w| is_participle(w, f.rules)) {
        let rest = &before[..before.len() - last_clause(before).len()];
        let rest = rest.trim_end().trim_end_matches([',', ';', ':', '"', '-']);
        let mut whole = clause_words(rest);
        whole.extend(words);
        words = whole;
    }
    // "has decided to admit Chile, Peru and the Dominican Republic in March":
    // a clause with no sign that holds a `conjunction` ends a list, and is
    // read with the items and the clause before it.
    let conjunction = f.rules.lexicon(Lex::Conjunction);
    if words.iter().any(|w| conjunction.contains(w)) && !has_sign(&words, f.rules) {
        words = with_list_before(before, words, f.rules);
    }
    // "until 9 a.m. Tuesday", "expires at midnight Friday": the day's clause
    // is read before its time.
    let before_clock = words.len();
    while words.last().is_some_and(|w| is_clock_word(f.rules, w)) {
        words.pop();
    }
    if words.len() < before_clock && words.last().is_some_and(|w| w.eq_ignore_ascii_case("at")) {
        words.pop();
    }
    let last_words = |lex: Lex| {
        let lexicon = f.rules.lexicon(lex);
        (1..=3).any(|n| {
            n <= words.len() && lexicon.contains_words(words[words.len() - n..].iter().copied())
        })
    };
    // "said on Thursday": a `date_preposition` stays out.
    let before_date = match words.split_last() {
        Some((last, rest)) if f.rules.lexicon(Lex::DatePreposition).contains(last) => rest,
        _ => &words[..],
    };
    if before_date
        .last()
        .is_some_and(|w| f.rules.lexicon(Lex::ReportingVerb).contains(w))
    {
        return ClauseTense::of((false, true));
    }
    // "postponed until Tuesday": the new day is ahead of the report, whatever
    // the tense of the clause.
    if last_words(Lex::PostponeMarker) {
        return ClauseTense::of((true, false));
    }
    let future = last_ahead_word(&words, f.rules);
    // "had been scheduled to close Friday": a plan told in the past perfect,
    // with no marker of the future after it, is of the past, even after an
    // infinitive or before a term.
    let past_plan = last_future_word(&words, f.rules.lexicon(Lex::PastPlanMarker));
    if past_plan.is_some_and(|p| future.is_none_or(|fut| fut <= p + 1)) {
        return ClauseTense::of((false, true));
    }
    let deadline = last_words(Lex::DeadlineMarker) || before_deadline_noun(f);
    let past = match deadline {
        true => None,
        false => last_past_word(&words, f.rules),
    };
    // A verb in the present nearer the date than the one in the past moves
    // the clause on: "had not agreed ... when the appeal is argued in May".
    let present_marker = f.rules.lexicon(Lex::PresentMarker);
    let present = words.iter().rposition(|w| present_marker.contains(w));
    let moved_on = past.zip(present).is_some_and(|(p, q)| q > p);
    // An infinitive nearer the date than any verb in the past, in a clause
    // with no marker of the future, points ahead of the verb before it
    // ("ordered him to appear May 4", "agreed to meet on Friday"): the date
    // is the nearest such day.
    let ahead = last_infinitive(&words, f.rules)
        .filter(|&i| future.is_none() && past.is_none_or(|p| i > p));
    let past = past.filter(|_| !moved_on && ahead.is_none());
    // "the quarter ended Oct. 31": a verb in the past right before the date
    // (or before "on") is its own, and settles it in the past.
    let settled = future.is_none() && past.is_some_and(|p| p + 1 == before_date.len());
    let tense = match (future, past) {
        (Some(fut), Some(past)) => (fut >= past, past > fut),
        // A term ("closed until Friday") is the nearest such day, whatever
        // the clause after it says; so is a date in a clause moved on to the
        // present, or after an infinitive.
        (None, None) if deadline || moved_on || ahead.is_some() => (false, false),
        (None, None) => tense_after(f),
        (fut, past) => (fut.is_some(), past.is_some()),
    };
    ClauseTense {
        term: (deadline && future.is_none()) || ahead.is_some(),
        settled,
        ..ClauseTense::of(tense)
    }
}

/// Where the last infinitive stands among the words of a clause: an
/// `infinitive_marker` ("to") before an `infinitive_verb` ("appear"); the
/// verb's place.
fn last_infinitive(words: &[&str], rules: &Rules) -> Option<usize> {
    let (marker, verb) = (
        rules.lexicon(Lex::InfinitiveMarker),
        rules.lexicon(Lex::InfinitiveVerb),
    );
    (1..words.len())
        .rev()
        .find(|&i| verb.contains(words[i]) && marker.contains(words[i - 1]))
}

/// Whether the words of a clause hold a sign of its tense: a word that points
/// ahead, a verb in the past or one in the present.
fn has_sign(words: &[&str], rules: &Rules) -> bool {
    let present = rules.lexicon(Lex::PresentMarker);
    last_ahead_word(words, rules).is_some()
        || last_past_word(words, rules).is_some()
        || words.iter().any(|w| present.contains(w))
}

/// The words of a list's last clause (`words`, the last clause of `before`)
/// with the clauses before it back through the commas of the list: each
/// comma-separated item before it, up to the first clause that holds a sign
/// of its tense ("Chile" in "has decided to admit Chile, Peru and ...").
fn with_list_before<'a>(before: &'a str, mut words: Vec<&'a str>, rules: &Rules) -> Vec<&'a str> {
    /// A list longer than this is no list of items in one clause.
    const MAX_ITEMS: usize = 6;
    let mut rest = &before[..before.len() - last_clause(before).len()];
    for _ in 0..MAX_ITEMS {
        let Some(head) = rest.trim_end().strip_suffix(',') else {
            break;
        };
        let item = clause_words(head);
        let found = has_sign(&item, rules);
        let mut whole = item;
        whole.extend(words);
        words = whole;
        if found {
            break;
        }
        rest = &head[..head.len() - last_clause(head).len()];
    }
    words
}

/// Whether a word is a present participle that may open a clause ("rising",
/// "citing"): five letters or more with a `participle_suffix`, and no
/// `participle_exception` ("morning", "during").
fn is_participle(w: &str, rules: &Rules) -> bool {
    w.chars().count() >= 5
        && rules.lexicon(Lex::ParticipleSuffix).has_ending(w)
        && !rules.lexicon(Lex::ParticipleException).contains(w)
}

/// What the clause before a date says of its time (see `clause_tense`).
#[derive(Debug, Clone, Copy)]
pub(super) struct ClauseTense {
    pub future: bool,
    pub past: bool,
    /// The date is a term ("until Friday", "by Jan. 14"): the nearest such
    /// day, even for a bare weekday, which is otherwise a past one.
    pub term: bool,
    /// A verb in the past right before the date governs it ("the quarter
    /// ended Oct. 31"): the date is gone by, even later in the reference month.
    pub settled: bool,
}

impl ClauseTense {
    fn of((future, past): (bool, bool)) -> Self {
        ClauseTense {
            future,
            past,
            term: false,
            settled: false,
        }
    }
}

/// A word of a clock time written before a day: a figure, or a word of the
/// `clock_before_day` lexicon ("a", "m" of "a.m.", "noon", "EST").
fn is_clock_word(rules: &Rules, w: &str) -> bool {
    w.bytes().all(|b| b.is_ascii_digit()) || rules.lexicon(Lex::ClockBeforeDay).contains(w)
}

/// Whether the date names a term by the noun right after it: "the Jan. 12
/// deadline", "a Feb. 2 return date".
fn before_deadline_noun(f: &Fields) -> bool {
    let after = &f.doc.text()[f.m.span.end..];
    if !after.starts_with(' ') {
        return false;
    }
    let mut words = after
        .split_whitespace()
        .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()));
    let nouns = f.rules.lexicon(Lex::DeadlineNoun);
    let (first, second) = (words.next().unwrap_or_default(), words.next());
    nouns.contains(first) || second.is_some_and(|second| nouns.contains_words([first, second]))
}

/// Whether the date names a one-off event, before an `event_noun` with at
/// most one word between: "the Aug. 7 bombings", "the Oct. 2 sniper attack".
pub(super) fn before_event_noun(f: &Fields) -> bool {
    let after = &f.doc.text()[f.m.span.end..];
    if !after.starts_with(' ') {
        return false;
    }
    let nouns = f.rules.lexicon(Lex::EventNoun);
    after
        .split_whitespace()
        .take(2)
        .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()))
        .any(|w| nouns.contains(w))
}

/// How far after a date `tense_after` looks.
const AFTER_BYTES: usize = 240;

/// The tense of the first clause after the date that has one, within its
/// sentence: the first marker of the future or verb in the past there.
fn tense_after(f: &Fields) -> (bool, bool) {
    let para = &f.doc.paragraphs[f.m.paragraph];
    let at = f.m.span.end;
    let sentence_end = para
        .sentences
        .iter()
        .find(|s| s.end >= at)
        .map_or(para.range.end, |s| s.end)
        .max(at);
    // The sign is near the date; a bound keeps a long sentence with many
    // dates and no sign linear.
    let mut end = sentence_end.min(at + AFTER_BYTES);
    while !f.doc.text().is_char_boundary(end) {
        end -= 1;
    }
    let after = &f.doc.text()[at..end];
    // Clause by clause, the nearest first: "In March, two thousand soldiers
    // crossed the border" reads "crossed".
    let reporting = f.rules.lexicon(Lex::ReportingVerb);
    for clause in after.split([',', ';', ':', '"']) {
        let words = clause_words(clause);
        let future = first_future_word(&words, f.rules.lexicon(Lex::FutureMarker));
        // A report in the past ("In March, he said he will ...") is past, and
        // what it reports is another clause.
        // So is a decision ("In October, the mayor vowed to reopen it"): the
        // date is the vow's.
        let report = words.iter().position(|w| reporting.contains(w));
        let intent = first_future_word(&words, f.rules.lexicon(Lex::IntentMarker));
        let past = [report, intent, first_past_word(&words, f.rules)]
            .into_iter()
            .flatten()
            .min();
        match (future, past) {
            (None, None) => continue,
            (Some(fut), Some(past)) => return (fut < past, past < fut),
            (fut, past) => return (fut.is_some(), past.is_some()),
        }
    }
    (false, false)
}

/// Where the first marker of the future ends among the words of a clause.
fn first_future_word(words: &[&str], markers: &Lexicon) -> Option<usize> {
    (0..words.len()).find(|&i| ends_future_marker(words, i, markers))
}

/// The text of the match's sentence before the match.
fn sentence_before<'a>(f: &Fields<'a>) -> &'a str {
    let para = &f.doc.paragraphs[f.m.paragraph];
    let at = f.m.span.start;
    // Sentences are in order: the last one that starts at or before the date.
    let sentence_start = para
        .sentences
        .partition_point(|s| s.start <= at)
        .checked_sub(1)
        .map_or(para.range.start, |k| para.sentences[k].start)
        .min(at);
    &f.doc.text()[sentence_start..at]
}

/// The words of the last clause of `before` (as `last_clause` cuts it).
pub(super) fn clause_words(before: &str) -> Vec<&str> {
    last_clause(before)
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Where the last verb in the past tense stands among the words of a clause
/// (`clause_words`): a word of the `past_marker` lexicon ("was", "flew"), or
/// a word of five letters or more that ends with a `past_suffix`
/// ("rejected") and is no `past_suffix_exception` ("hundred"); either unless
/// a `past_suffix_blocker` stands before it ("is scheduled", "will be held").
fn last_past_word(words: &[&str], rules: &Rules) -> Option<usize> {
    (0..words.len())
        .rev()
        .find(|&i| is_past_word(words, i, rules))
}

/// Where the first verb in the past stands among the words of a clause (see
/// `last_past_word`).
fn first_past_word(words: &[&str], rules: &Rules) -> Option<usize> {
    (0..words.len()).find(|&i| is_past_word(words, i, rules))
}

/// Whether word `i` of a clause is a verb in the past (see `last_past_word`).
fn is_past_word(words: &[&str], i: usize, rules: &Rules) -> bool {
    let w = words[i];
    if i > 0 && rules.lexicon(Lex::PastSuffixBlocker).contains(words[i - 1]) {
        return false;
    }
    if rules.lexicon(Lex::PastMarker).contains(w) {
        return true;
    }
    let suffixed = w.chars().count() >= 5 && rules.lexicon(Lex::PastSuffix).has_ending(w);
    suffixed && !rules.lexicon(Lex::PastSuffixException).contains(w)
}

/// Whether the last clause of `before` (the text of a sentence up to a date:
/// after its last comma, semicolon, colon, quotation mark or spaced dash) holds a
/// marker of the future tense (the `future_marker` or `intent_marker`
/// lexicon), as a date written there is read.
pub fn clause_is_future(rules: &Rules, before: &str) -> bool {
    last_ahead_word(&clause_words(before), rules).is_some()
}

/// Where the last word that points ahead ends among the words of a clause:
/// a `future_marker` or an `intent_marker`.
fn last_ahead_word(words: &[&str], rules: &Rules) -> Option<usize> {
    [Lex::FutureMarker, Lex::IntentMarker]
        .into_iter()
        .filter_map(|lex| last_future_word(words, rules.lexicon(lex)))
        .max()
}

/// Where the last marker of the future tense ends among the words of a
/// clause (`clause_words`).
fn last_future_word(words: &[&str], markers: &Lexicon) -> Option<usize> {
    (0..words.len())
        .rev()
        .find(|&i| ends_future_marker(words, i, markers))
}

/// Whether a marker of the future ends at word `i`. Markers are one to three
/// words long; one that starts with an apostrophe ("'ll") ends a word
/// ("they'll").
fn ends_future_marker(words: &[&str], i: usize, markers: &Lexicon) -> bool {
    let contracted = words[i]
        .find('\'')
        .is_some_and(|k| k > 0 && markers.contains(&words[i][k..]));
    // Most words end no marker: one lookup says so for every length.
    let (entry, phrase) = markers.word_ends(words[i]);
    contracted
        || entry
        || (phrase
            && (2..=3).any(|n| {
                n <= i + 1 && markers.contains_words(words[i + 1 - n..=i].iter().copied())
            }))
}

/// The last clause of `before`: after its last comma, semicolon, colon,
/// quotation mark or spaced dash ("two-day" has no clause break).
fn last_clause(before: &str) -> &str {
    let clause_start = before
        .rfind([',', ';', ':', '"'])
        .map(|k| k + 1)
        .into_iter()
        .chain(before.rfind(" - ").map(|k| k + 3))
        .max();
    clause_start.map_or(before, |k| &before[k..])
}
