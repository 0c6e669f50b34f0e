//! Runs compiled rules over prepared documents: where each rule may match
//! (the prefilter), its matches, vetoes and overlaps. The engine knows no
//! claim semantics: whether a match is a claim of its kind comes in through
//! `Accept`, which the claim builders implement.

mod matches;
mod overlaps;

use std::ops::Range;

use regex_automata::util::captures::Captures;

use crate::model::Kind;
use crate::pattern::prefilter::{Prefilter, Scratch};
use crate::rules::{CompiledRule, Rules, Says, Scope};
use crate::text::{Document, Part};
pub(crate) use matches::RuleMatch;

/// What decides whether a rule's raw match is kept: checks a regex cannot
/// express (the regex crate has no lookaround).
pub(crate) trait Accept {
    /// Whether some match of `rule` in `hay` (the text it is searched in)
    /// could be accepted: false where every match there would be rejected,
    /// so that the search need not find each one.
    fn may_accept(&self, rule: &CompiledRule, hay: &str) -> bool;

    /// Whether a raw match is a claim of its kind. It may narrow the match
    /// (a capture dropped, the span cut back). A rejected match does not
    /// hide a good one: the search resumes a character after its start.
    /// `scope` is the sentence or paragraph the rule was searched in.
    fn accepts(&self, m: &mut RuleMatch, text: &str, scope: Range<usize>) -> bool;

    /// Adjusts the accepted matches of one article part to one another,
    /// before overlaps are resolved: it may narrow a match or drop one.
    fn settle(&self, matches: &mut Vec<RuleMatch>, text: &str);
}

/// Runs a rule set's patterns; made once per rule set.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    /// Which rules may match in a paragraph or sentence; without it every
    /// rule runs everywhere.
    prefilter: Option<Prefilter>,
    /// Each rule's scope, by index, for the prefilter's inner loop.
    scopes: Vec<Scope>,
}

impl Matcher {
    pub(crate) fn new(rules: &Rules) -> Matcher {
        Matcher {
            prefilter: Some(Prefilter::from_clauses(
                rules.rules.iter().map(|r| r.regex.required_clauses()),
            )),
            scopes: rules.rules.iter().map(|r| r.scope).collect(),
        }
    }

    /// The same matcher without the prefilter: every rule runs on every
    /// sentence. Slower, same matches; tests compare the two.
    pub(crate) fn without_prefilter(mut self) -> Matcher {
        self.prefilter = None;
        self
    }

    pub(crate) fn has_prefilter(&self) -> bool {
        self.prefilter.is_some()
    }

    /// The matches in every part of every document, one list per part in
    /// order (the parts of the first document, then the second's...), with
    /// vetoes applied and overlaps resolved, in text order.
    ///
    /// The rules run one after another over all the documents' sentences: a
    /// regex's automaton stays in the processor's cache, where running every
    /// rule on one article after another evicts it (measured: matching twice
    /// as fast on 32 articles at once as one by one, and a sixth faster again
    /// on 128).
    pub(crate) fn find<'r>(
        &self,
        rules: &'r Rules,
        docs: &[Document],
        accept: &impl Accept,
    ) -> Vec<Vec<RuleMatch<'r>>> {
        // Each part of each document collects its own matches.
        let parts: Vec<(&Document, &Part)> = docs
            .iter()
            .flat_map(|doc| doc.parts.iter().map(move |part| (doc, part)))
            .collect();
        let mut places: Vec<Vec<Place>> = vec![Vec::new(); rules.rules.len()];
        for (slot, (doc, part)) in parts.iter().enumerate() {
            self.find_places(rules, doc, part, slot, &mut places);
        }
        let mut matches: Vec<Vec<RuleMatch>> = parts.iter().map(|_| Vec::new()).collect();
        // The claim rules first, then the vetoes, each searched only where
        // it may veto a claim: a veto matters only where it overlaps a match
        // of its kind (see `overlaps::apply_vetoes`), and most sentences that
        // hold a veto's words hold no such match.
        let (vetoes, claims): (Vec<_>, Vec<_>) = places
            .into_iter()
            .enumerate()
            .partition(|(index, _)| rules.rules[*index].veto);
        let mut judged: Option<Vec<Vetoable>> = None;
        for (index, mut places) in claims.into_iter().chain(vetoes) {
            let rule = &rules.rules[index];
            if rule.veto {
                let judged =
                    judged.get_or_insert_with(|| matches.iter().map(|m| vetoable(m)).collect());
                places.retain(|place| {
                    judged[place.slot].iter().any(|(kind, part)| {
                        *kind == rule.kind
                            && part.start < place.range.end
                            && place.range.start < part.end
                    })
                });
            }
            if places.is_empty() {
                continue;
            }
            let mut caps = rule.regex.create_captures();
            for place in places {
                let text = parts[place.slot].0.text();
                // Where no match could be accepted, none is searched for.
                if !accept.may_accept(rule, &text[place.range.clone()]) {
                    continue;
                }
                let out = &mut matches[place.slot];
                run(
                    rule,
                    text,
                    place.range,
                    place.paragraph,
                    accept,
                    &mut caps,
                    out,
                );
            }
        }
        matches
            .into_iter()
            .zip(&parts)
            .map(|(m, (doc, _))| {
                let mut m = overlaps::apply_vetoes(m);
                accept.settle(&mut m, doc.text());
                overlaps::resolve_overlaps(m)
            })
            .collect()
    }

    /// Where in a part each rule may match, as the prefilter tells for each
    /// paragraph (paragraph rules) and sentence (sentence rules), from one
    /// scan of the paragraph.
    fn find_places(
        &self,
        rules: &Rules,
        doc: &Document,
        part: &Part,
        slot: usize,
        places: &mut [Vec<Place>],
    ) {
        let text = doc.text();
        let in_scope = |scope: Scope| move |i: usize| self.scopes[i] == scope;
        let mut add = |rules: &[usize], range: &Range<usize>, paragraph: usize| {
            for &rule in rules {
                places[rule].push(Place {
                    slot,
                    range: range.clone(),
                    paragraph,
                });
            }
        };
        let mut candidates = Vec::new();
        // The clauses found in the paragraph, and in a sentence.
        let (mut whole, mut scratch) = (Scratch::default(), Scratch::default());
        // The literals found since the last sentence was read.
        let mut hits = Vec::new();
        for paragraph in part.paragraphs.clone() {
            let para = &doc.paragraphs[paragraph];
            if para.boilerplate {
                continue;
            }
            let Some(filter) = &self.prefilter else {
                // Every rule runs on every paragraph or sentence, as its scope is.
                let scopes = [
                    (Scope::Paragraph, std::slice::from_ref(&para.range)),
                    (Scope::Sentence, &para.sentences[..]),
                ];
                for (scope, ranges) in scopes {
                    candidates.clear();
                    candidates.extend((0..rules.rules.len()).filter(|&i| in_scope(scope)(i)));
                    for range in ranges {
                        add(&candidates, range, paragraph);
                    }
                }
                continue;
            };
            // Each literal counts for the paragraph as it is found, and is
            // kept only until the sentence it may lie in has been read:
            // literals come in order of their ends, so a sentence is read
            // once one ends past it. A long paragraph's literals all at once
            // would cost some six bytes of memory per byte of text.
            filter.start(&mut whole);
            let mut next = 0;
            let mut read_sentence = |sentence: &Range<usize>, hits: &mut Vec<_>| {
                let wanted = in_scope(Scope::Sentence);
                filter.candidates(
                    hits,
                    sentence.clone(),
                    wanted,
                    &mut scratch,
                    &mut candidates,
                );
                add(&candidates, sentence, paragraph);
                hits.clear();
            };
            for hit in filter.hits(&text[para.range.clone()], para.range.start) {
                filter.count(&hit, &para.range, &mut whole);
                while let Some(sentence) = para.sentences.get(next).filter(|s| s.end < hit.end()) {
                    read_sentence(sentence, &mut hits);
                    next += 1;
                }
                hits.push(hit);
            }
            for sentence in &para.sentences[next..] {
                read_sentence(sentence, &mut hits);
            }
            filter.complete(&whole, in_scope(Scope::Paragraph), &mut candidates);
            add(&candidates, &para.range, paragraph);
        }
    }
}

/// The accepted matches of one rule in `text[range]`; `caps` is scratch
/// space for the rule's captures.
pub(crate) fn run<'r>(
    rule: &'r CompiledRule,
    text: &str,
    range: Range<usize>,
    paragraph: usize,
    accept: &impl Accept,
    caps: &mut Captures,
    out: &mut Vec<RuleMatch<'r>>,
) {
    let hay = &text[range.clone()];
    // Like `captures_iter`, except that after a match the claim checks
    // reject, the search resumes one character past its start, so that
    // the rejected match hides no good one.
    let mut at = 0;
    while let Some(Found { all, claim, groups }) = next_match(rule, hay, at, caps) {
        let groups = groups
            .into_iter()
            .map(|g| g.map(|m| range.start + m.start..range.start + m.end))
            .collect();
        let mut m = RuleMatch {
            rule,
            span: range.start + claim.start..range.start + claim.end,
            groups,
            paragraph,
            said: None,
        };
        if let Some(says) = rule.says {
            let said = said_range(hay, all.clone(), says);
            let said = range.start + said.start..range.start + said.end;
            m.span = m.span.start.min(said.start)..m.span.end.max(said.end);
            m.said = Some(said);
        }
        let span_end = m.span.end;
        let accepted = !claim.is_empty() && accept.accepts(&mut m, text, range.clone());
        let next_char = hay[all.start..].chars().next().map_or(1, char::len_utf8);
        at = if accepted && !all.is_empty() {
            // A match cut back by its checks is followed by a search from
            // its new end: what was cut off may hold a claim of its own.
            match m.span.end < span_end {
                true => (m.span.end - range.start).max(all.start + next_char),
                false => all.end,
            }
        } else {
            all.start + next_char
        };
        if accepted {
            out.push(m);
        }
        if at > hay.len() {
            break;
        }
    }
}

/// The kind and the part a veto would judge (`RuleMatch::vetoed_part`) of
/// each match of an article part.
type Vetoable = Vec<(Kind, Range<usize>)>;

fn vetoable(matches: &[RuleMatch]) -> Vetoable {
    matches
        .iter()
        .map(|m| (m.rule.kind, m.vetoed_part()))
        .collect()
}

/// A paragraph or sentence where a rule may match: `slot` is the article part
/// it belongs to, `range` the text to search.
#[derive(Debug, Clone)]
struct Place {
    slot: usize,
    range: Range<usize>,
    paragraph: usize,
}

/// One match found by a rule's regex, relative to the text searched.
struct Found {
    /// The whole match.
    all: Range<usize>,
    /// The claim's span: the `span` capture (or `span_2`...), or the whole match.
    claim: Range<usize>,
    /// Every capture group by index.
    groups: Vec<Option<Range<usize>>>,
}

/// The next match of a rule at or after `at`. A rule with no capture groups (a
/// veto) is only searched, which is much cheaper than capturing.
fn next_match(rule: &CompiledRule, hay: &str, at: usize, caps: &mut Captures) -> Option<Found> {
    if rule.regex.captures_len() == 1 {
        let m = rule.regex.find_at(hay, at)?;
        return Some(Found {
            all: m.clone(),
            claim: m.clone(),
            groups: vec![Some(m)],
        });
    }
    if !rule.regex.captures_at(hay, at, caps) {
        return None;
    }
    let all = caps.get_group(0)?.range();
    // The `span` capture, or an alternative's `span_2`, that took part.
    let claim = rule
        .captures
        .of("span")
        .iter()
        .find_map(|&(index, _)| caps.get_group(index))
        .map_or(all.clone(), |m| m.range());
    Some(Found {
        claim,
        all,
        groups: caps.iter().map(|g| g.map(|m| m.range())).collect(),
    })
}

/// What was said, for a rule with `says`, in the sentence `hay` around the
/// match: after it to the sentence end (less the final `.`, `!` or `?`), or
/// from the sentence start to before it, with the comma and quotation mark
/// that close a quoted fragment there ("a “root canal,” according to X");
/// trimmed of whitespace.
fn said_range(hay: &str, matched: Range<usize>, says: Says) -> Range<usize> {
    let (start, mut end) = match says {
        Says::After => (matched.end, hay.len()),
        Says::Before if hay[matched.start..].starts_with(",\"") => (0, matched.start + 2),
        Says::Before => (0, matched.start),
    };
    let lead = hay[start..end].len() - hay[start..end].trim_start().len();
    end -= hay[start..end].len() - hay[start..end].trim_end().len();
    if says == Says::After && hay[..end].ends_with(['.', '!', '?']) && end > start + lead {
        end -= 1;
    }
    (start + lead).min(end)..end
}
