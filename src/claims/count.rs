//! Counts: the figure, its range, its qualifier class, the counted thing.

use std::ops::Range;

use super::draft::{Draft, Elided};
use super::fields::Fields;
use crate::engine::RuleMatch;
use crate::model::{Approx, Count};
use crate::rules::Rules;
use crate::rules::vocabulary::{Cap, Lex};
use crate::text::{Document, words_in};

/// The longest counted noun of several words (`count_noun`: "prisoners of war").
const LONGEST_NOUN: usize = 3;

/// Whether a count rule's match counts something, and where its counted noun
/// phrase ends.
///
/// A `unit` capture is the counted noun phrase as the rule found it: no count
/// if it holds a word of `not_in_unit` ("5 of them"), ends in a word of
/// `not_counted` ("30 years") or starts with a unit of measure
/// (`measure_unit`: "240 gigatonnes").
///
/// A `unit_words` capture holds the words after the figure, and the code
/// finds the head among them: the first counted noun (`count_noun`, then
/// `plural_noun` and `collective_noun`, then any lowercase word with a
/// plural's shape), with a plural noun right after it ("sales managers").
/// The unit is the phrase up to the head, and the match is cut back there,
/// so that what follows is searched again ("20 dead and 45 wounded"). No
/// count: no head before a word of `not_in_unit`; a unit of measure first
/// or a unit of time last (as for `unit`); a rate ("3,000 tests per day"); a
/// number before the head that is not part of a model name or a measure
/// ("Model 3 sedans", "250ml bottles", "9 liter cases").
pub(crate) fn accepts(m: &mut RuleMatch, text: &str, rules: &Rules) -> bool {
    let measures = rules.lexicon(Lex::MeasureUnit);
    let not_counted = rules.lexicon(Lex::NotCounted);
    if let Some(unit) = m.group(Cap::Unit.name()) {
        let words: Vec<&str> = text[unit].split_whitespace().collect();
        let head = words.last().copied().unwrap_or("");
        let stops = rules.lexicon(Lex::NotInUnit);
        return !words.iter().any(|w| stops.contains(w))
            && !not_counted.contains(head)
            && !words.first().is_some_and(|w| measures.contains(w));
    }
    let Some(unit) = m.group(Cap::UnitWords.name()) else {
        // A rule that marks elided nouns counts only where one is marked.
        let marks = [Cap::Elided, Cap::ElidedBefore].map(|c| c.name());
        let marks_elided = marks.iter().any(|c| !m.rule.captures.of(c).is_empty());
        return !marks_elided || marks.iter().any(|c| m.group(c).is_some());
    };
    let words = words_in(text, unit.clone());
    let Some(head) = head(&words, rules) else {
        return false;
    };
    if measures.contains(words[0].1) || not_counted.contains(words[head].1) {
        return false;
    }
    if (0..head).any(|k| !number_in_name(&words, k, rules)) {
        return false;
    }
    let end = words[head].0.end;
    if rate_follows(&text[end..], rules) {
        return false;
    }
    let index = m
        .rule
        .captures
        .of(Cap::UnitWords.name())
        .first()
        .map(|(i, _)| *i);
    if let Some(Some(range)) = index.and_then(|i| m.groups.get_mut(i)) {
        range.end = end;
    }
    m.span.end = m.span.end.min(end).max(unit.start);
    true
}

/// The index of the head of a counted noun phrase: a counted noun, or a
/// plural noun with any plural noun right after it ("sales managers").
fn head(words: &[(Range<usize>, &str)], rules: &Rules) -> Option<usize> {
    let count_noun = rules.lexicon(Lex::CountNoun);
    let stops = rules.lexicon(Lex::NotInUnit);
    for k in 0..words.len() {
        // A counted noun of several words ("prisoners of war") may hold stop words.
        let longest = (k + 1..=words.len().min(k + LONGEST_NOUN))
            .rev()
            .find(|&end| count_noun.contains_words(words[k..end].iter().map(|w| w.1)));
        if let Some(end) = longest {
            return Some(end - 1);
        }
        // "and" and "or" may join modifiers ("digital and physical sales"),
        // never a figure to its noun.
        let joins_modifiers = k > 0 && rules.lexicon(Lex::CountJoiner).contains(words[k].1);
        if stops.contains(words[k].1) && !joins_modifiers {
            return None;
        }
        if plural_noun(words[k].1, k, words, rules) && !ends_country_name(words, k, rules) {
            let mut head = k;
            while head + 1 < words.len() && plural_noun(words[head + 1].1, head + 1, words, rules) {
                head += 1;
            }
            return Some(head);
        }
    }
    None
}

/// Whether the word at `k` ends a country's name of several words ("Three
/// major United States stock indexes"): no counted noun.
fn ends_country_name(words: &[(Range<usize>, &str)], k: usize, rules: &Rules) -> bool {
    let countries = rules.lexicon(Lex::Country);
    (2..=3).any(|n| {
        n <= k + 1
            && countries.contains_words(
                words[k + 1 - n..=k]
                    .iter()
                    .map(|w| w.1.trim_end_matches([',', '.', ';', ':'])),
            )
    })
}

/// Whether a word of a counted phrase is a plural noun: in `plural_noun` or
/// `collective_noun`; a lowercase word with a plural's shape that no list
/// has ("smartphones"); or the plural of a model name ("Model 3s", "Model Ys").
fn plural_noun(word: &str, k: usize, words: &[(Range<usize>, &str)], rules: &Rules) -> bool {
    let word = word.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'']);
    if rules.lexicon(Lex::PluralNoun).contains(word)
        || rules.lexicon(Lex::CollectiveNoun).contains(word)
    {
        return true;
    }
    let lowercase = word.chars().next().is_some_and(char::is_lowercase);
    if lowercase && plural_shape(word, rules) {
        return true;
    }
    // "Model 3s", "Model Ys": a model's name and an "s".
    let model = k > 0 && capitalized(words[k - 1].1);
    model
        && word.len() <= 3
        && word.ends_with('s')
        && word[..word.len() - 1]
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
}

/// A regular plural's shape: three letters or more ending in "s", but not in
/// an ending of `singular_ending` ("press", "various", "crisis").
fn plural_shape(word: &str, rules: &Rules) -> bool {
    let singular = rules.lexicon(Lex::SingularEnding);
    word.len() >= 3
        && word.ends_with('s')
        && word.chars().all(|c| c.is_alphabetic() || c == '-')
        && !singular.entries().any(|(ending, _)| word.ends_with(ending))
}

fn capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether the word at `k`, before the head of a counted phrase, may stand
/// there: any word but a number, and a number only in a model's name next to
/// a capitalized word ("Model 3 sedans", "737 Max jets"), with letters
/// ("250ml", "A321neo"), or before a unit of measure ("9 liter cases").
fn number_in_name(words: &[(Range<usize>, &str)], k: usize, rules: &Rules) -> bool {
    let word = words[k].1;
    if !word.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    word.chars().any(char::is_alphabetic)
        || (k > 0 && capitalized(words[k - 1].1))
        || words
            .get(k + 1)
            .is_some_and(|w| capitalized(w.1) || rules.lexicon(Lex::MeasureUnit).contains(w.1))
}

/// Whether what follows a counted noun makes the figure a rate: one word of
/// `rate_after` ("per"), or two ("a day").
fn rate_follows(after: &str, rules: &Rules) -> bool {
    let rate = rules.lexicon(Lex::RateAfter);
    let mut words = after.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    let first = first.trim_end_matches(['.', ',', ';']);
    if rate.contains(first) {
        return true;
    }
    words.next().is_some_and(|second| {
        let second = second.trim_end_matches(['.', ',', ';']);
        rate.contains_words([first, second])
    })
}

/// Gives each count whose noun is elided ("Of the 86 people on board, 61
/// were rescued") what the nearest count before it in its sentence (or, as
/// its rule marks, its paragraph: "The union put the number at 1,100")
/// counts: its unit, concept and subtype. An elided figure with no such
/// count is no count, and is dropped.
pub(crate) fn fill_elided(doc: &Document, drafts: &mut Vec<Draft>) {
    if !drafts.iter().any(|d| d.elided.is_some()) {
        return;
    }
    let sentence_of = |d: &Draft| {
        let paragraph = doc.paragraphs.get(d.paragraph)?;
        paragraph.sentence_at(d.span.start).cloned()
    };
    let mut keep = vec![true; drafts.len()];
    for k in 0..drafts.len() {
        let Some(elided) = drafts[k].elided else {
            continue;
        };
        let Some(sentence) = sentence_of(&drafts[k]) else {
            keep[k] = false;
            continue;
        };
        // Drafts are in text order: the search stops at the sentence's (or
        // the paragraph's) start.
        let paragraph = drafts[k].paragraph;
        let antecedent = drafts[..k]
            .iter()
            .rev()
            .take_while(|d| match elided {
                Elided::InSentence => d.span.start >= sentence.start,
                Elided::InParagraph => d.paragraph == paragraph,
            })
            .find_map(|d| {
                let count = d
                    .count()
                    .filter(|c| !c.unit.is_empty() && d.elided.is_none())?;
                Some((
                    count.unit.clone(),
                    count.concept.clone(),
                    count.subtype.clone(),
                    d.span.start,
                ))
            });
        match (antecedent, drafts[k].count_mut()) {
            (Some((unit, concept, subtype, at)), Some(count)) => {
                (count.unit, count.concept, count.subtype) = (unit, concept, subtype);
                drafts[k].elided = None;
                drafts[k].antecedent = Some(at);
            }
            _ => keep[k] = false,
        }
    }
    let mut k = 0;
    drafts.retain(|_| {
        k += 1;
        keep[k - 1]
    });
}

/// A count from its match.
pub(crate) fn read(f: &Fields) -> Count {
    // A `figure` capture holds the figure with its qualifier and range
    // ("about 10,000 to 12,000"); `value`, `value_max` and `approx` captures (or
    // `set` constants) say the same part by part and take precedence.
    let figure = f.normalized(Cap::Figure).and_then(|t| f.figures.parse(t));
    let number = |cap: Cap| f.value(cap).and_then(|t| f.figures.numbers.parse(&t));
    let mut c = Count::new();
    // A figure that cannot be read leaves `value` empty rather than dropping
    // the claim; `rules test` shows such a rule as failing.
    c.value = number(Cap::Value).or(figure.as_ref().map(|fig| fig.value));
    c.value_max = number(Cap::ValueMax).or(figure.as_ref().and_then(|fig| fig.value_max));
    c.approx = f
        .value(Cap::Approx)
        .and_then(|a| a.parse().ok())
        .or(figure.map(|fig| fig.approx))
        .unwrap_or(Approx::Exact);
    let mut class = None;
    if let Some(unit) = f.source(Cap::Unit).or(f.source(Cap::UnitWords)) {
        c.unit = crate::text::collapse_whitespace(unit);
        let words: Vec<&str> = c.unit.split(' ').collect();
        // The concept of the longest counted noun that ends the phrase.
        let count_noun = f.rules.lexicon(Lex::CountNoun);
        c.concept = (0..words.len())
            .find_map(|k| count_noun.value_of(&words[k..].join(" ")))
            .unwrap_or_default()
            .to_string();
        let head = words.last().copied().unwrap_or_default();
        class = f
            .rules
            .lexicon(Lex::CollectiveNoun)
            .value_of(head)
            .or_else(|| f.rules.lexicon(Lex::PluralNoun).value_of(head));
    }
    c.event = f.value(Cap::Event).and_then(|e| e.parse().ok());
    if let Some(concept) = f.value(Cap::Concept) {
        c.concept = concept.to_lowercase();
    }
    // A rule may name the subtype; else the concept says whether people or
    // things are counted (the `people_concept` lexicon), or the head noun's
    // class does (`person` in `plural_noun`, `people` in `collective_noun`);
    // a count of a thing no list knows leaves it empty.
    if let Some(subtype) = f.m.rule.subtype.as_deref().filter(|s| !s.is_empty()) {
        c.subtype = subtype.to_string();
    } else if !c.concept.is_empty() {
        let people = f.rules.lexicon(Lex::PeopleConcept).contains(&c.concept);
        c.subtype = if people { "people" } else { "things" }.into();
    } else if let Some(class) = class {
        let people = f.rules.lexicon(Lex::PeopleConcept).contains(class);
        c.subtype = if people { "people" } else { "things" }.into();
    }
    c
}
