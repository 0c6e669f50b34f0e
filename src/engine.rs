//! Runs compiled rules over a prepared document and resolves overlaps.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::article::{Article, DateSource};
use crate::claim::{Claim, Kind};
use crate::claims::{self, FigureWords, Vocabulary};
use crate::outlet::{self, Credits};
use crate::prefilter::{Prefilter, Scratch};
use crate::rules::{CompiledRule, Rules, Says, Scope};
use crate::text::{Document, Part};
use regex_automata::util::captures::Captures;

/// A rule's match: its span and its capture groups, in normalized coordinates.
#[derive(Debug, Clone)]
pub struct RuleMatch<'r> {
    pub rule: &'r CompiledRule,
    pub span: Range<usize>,
    /// Capture groups by index (0 is the whole match).
    pub groups: Vec<Option<Range<usize>>>,
    /// Index of the paragraph the match lies in.
    pub paragraph: usize,
    /// What was said, for a rule with `says`: the rest of the sentence.
    pub said: Option<Range<usize>>,
}

impl RuleMatch<'_> {
    /// The range of a named capture, if it took part in the match.
    pub fn group(&self, name: &str) -> Option<Range<usize>> {
        self.group_named(name).map(|(_, range)| range)
    }

    /// The capture that took part for a field, with its own name: `name`, or
    /// one of its alternatives `name_2`, `name_3`... (the regex crate allows a
    /// name once per pattern, so "(?P<month>..) (?P<year>..)|(?P<year_2>..)
    /// (?P<month_2>..)" writes the second order with suffixes).
    pub fn group_named(&self, name: &str) -> Option<(&str, Range<usize>)> {
        if name == "quote" && self.said.is_some() {
            return self.said.clone().map(|r| ("quote", r));
        }
        self.rule
            .captures
            .of(name)
            .iter()
            .find_map(|(index, n)| Some((&**n, self.groups.get(*index).cloned().flatten()?)))
    }
}

/// A rule's capture groups by the field they fill (see `field_of_capture`),
/// read once from its pattern: matches look fields up by name many times.
#[derive(Debug, Clone, Default)]
pub struct CaptureFields {
    /// Each field, with its captures in the pattern's order.
    fields: Vec<(Box<str>, Vec<Capture>)>,
}

/// A capture group: its index and its name.
type Capture = (usize, Box<str>);

impl CaptureFields {
    /// The fields of capture groups named `names`, by index.
    pub fn new<'a>(names: impl IntoIterator<Item = Option<&'a str>>) -> Self {
        let mut fields: Vec<(Box<str>, Vec<Capture>)> = Vec::new();
        for (index, name) in names.into_iter().enumerate() {
            let Some(name) = name else { continue };
            let field = field_of_capture(name);
            match fields.iter_mut().find(|(f, _)| &**f == field) {
                Some((_, captures)) => captures.push((index, name.into())),
                None => fields.push((field.into(), vec![(index, name.into())])),
            }
        }
        CaptureFields { fields }
    }

    /// The captures that fill `field`: (index, name), in the pattern's order.
    pub fn of(&self, field: &str) -> &[Capture] {
        self.fields
            .iter()
            .find(|(f, _)| &**f == field)
            .map_or(&[], |(_, captures)| captures)
    }
}

/// The field a capture fills: its name without an alternative's `_2` suffix.
pub fn field_of_capture(name: &str) -> &str {
    match name.rsplit_once('_') {
        Some((field, n))
            if !field.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && !n.is_empty() =>
        {
            field
        }
        _ => name,
    }
}

/// The extraction engine: compiled rules, ready to run on any number of articles.
#[derive(Debug, Clone)]
pub struct Engine {
    rules: Rules,
    vocabulary: Vocabulary,
    /// Which rules may match in a paragraph or sentence; without it every
    /// rule runs everywhere.
    prefilter: Option<Prefilter>,
    /// Each rule's scope, by index, for the prefilter's inner loop.
    scopes: Vec<Scope>,
}

impl Engine {
    pub fn new(rules: Rules) -> Self {
        // The two take about as long (the prefilter's automaton, the
        // vocabulary's country pattern): side by side on two cores.
        let (prefilter, vocabulary) = std::thread::scope(|scope| {
            let vocabulary = scope.spawn(|| Vocabulary::from_rules(&rules));
            let prefilter =
                Prefilter::from_clauses(rules.rules.iter().map(|r| r.regex.required_clauses()));
            let vocabulary = vocabulary
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (prefilter, vocabulary)
        });
        Engine {
            vocabulary,
            scopes: rules.rules.iter().map(|r| r.scope).collect(),
            rules,
            prefilter: Some(prefilter),
        }
    }

    /// The same engine without the prefilter: every rule runs on
    /// every sentence. Slower, same claims; tests compare the two.
    pub fn without_prefilter(mut self) -> Self {
        self.prefilter = None;
        self
    }

    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// The rule set's vocabulary of numbers and figures.
    pub fn figures(&self) -> &FigureWords {
        &self.vocabulary.figures
    }

    /// Every claim in an article, in text order. A file that holds several
    /// articles (a second dateline) gives claims with `doc_id`s `id`, `id#2`, ...
    pub fn extract(&self, article: &Article) -> Vec<Claim> {
        self.extract_batch(&[article]).pop().unwrap_or_default()
    }

    /// The claims of each of several articles, as `extract` gives them. The
    /// rules run one after another over all the articles' sentences: a
    /// regex's automaton stays in the processor's cache, where running every
    /// rule on one article after another evicts it (measured: matching twice
    /// as fast on 32 articles at once as one by one).
    pub fn extract_batch(&self, articles: &[&Article]) -> Vec<Vec<Claim>> {
        let docs: Vec<Document> = articles
            .iter()
            .map(|a| Document::prepare(&a.text, &self.rules.text))
            .collect();
        // Each part of each document collects its own matches.
        let parts: Vec<(&Document, &Part)> = docs
            .iter()
            .flat_map(|doc| doc.parts.iter().map(move |part| (doc, part)))
            .collect();
        let mut places: Vec<Vec<Place>> = vec![Vec::new(); self.rules.rules.len()];
        for (slot, (doc, part)) in parts.iter().enumerate() {
            self.find_places(doc, part, slot, &mut places);
        }
        let mut matches: Vec<Vec<RuleMatch>> = parts.iter().map(|_| Vec::new()).collect();
        for (index, places) in places.into_iter().enumerate() {
            if places.is_empty() {
                continue;
            }
            let rule = &self.rules.rules[index];
            let mut caps = rule.regex.create_captures();
            for place in places {
                let text = parts[place.slot].0.text();
                // Where no match could be accepted, none is searched for.
                if !claims::may_accept(rule, &text[place.range.clone()]) {
                    continue;
                }
                let out = &mut matches[place.slot];
                self.run(index, text, place.range, place.paragraph, &mut caps, out);
            }
        }
        let mut matches = matches.into_iter();
        articles
            .iter()
            .zip(&docs)
            .map(|(article, doc)| {
                let by_part = matches.by_ref().take(doc.parts.len()).collect();
                self.claims(article, doc, by_part)
            })
            .collect()
    }

    /// An article's claims from its matches, part by part.
    fn claims(
        &self,
        article: &Article,
        doc: &Document,
        by_part: Vec<Vec<RuleMatch<'_>>>,
    ) -> Vec<Claim> {
        let mut out = Vec::new();
        // A site names itself once per file, mostly at its end; a wire is
        // credited in each story ("SEOUL (AP) —"), else once for the file.
        // A site matters only to an article whose outlet is not given.
        let credits = |paragraphs: Range<usize>| match article.outlet {
            Some(_) => Credits {
                site: None,
                wire: outlet::wire_credit(&self.rules, doc, paragraphs),
            },
            None => outlet::credits(&self.rules, doc, paragraphs),
        };
        let file_credits = credits(0..doc.paragraphs.len());
        for ((k, part), matches) in doc.parts.iter().enumerate().zip(by_part) {
            let matches = resolve_overlaps(apply_vetoes(matches));
            // A given date (manifest, JSONL) belongs to the file's first
            // article; others, and articles without one, take a date written
            // in their own text, if any.
            let (reference, from) = match (k, article.published) {
                (0, Some(date)) => (Some(date), article.published_from),
                _ => match claims::infer_reference(
                    doc,
                    &matches,
                    &self.rules,
                    &self.vocabulary.figures,
                ) {
                    Some(date) => (Some(date), DateSource::Text),
                    None => (None, DateSource::None),
                },
            };
            let mut claims = claims::build(
                doc,
                part.paragraphs.clone(),
                matches,
                reference,
                &self.rules,
                &self.vocabulary,
            );
            let part_credits = match doc.parts.len() {
                1 => file_credits.clone(),
                _ => credits(part.paragraphs.clone()),
            };
            let wire = part_credits
                .wire
                .or_else(|| file_credits.wire.clone())
                .unwrap_or_default();
            let found = file_credits
                .site
                .clone()
                .or_else(|| (!wire.is_empty()).then(|| wire.clone()));
            let (outlet, outlet_from) = match (&article.outlet, found) {
                (Some(given), _) => (given.clone(), article.outlet_from),
                (None, Some(found)) => (found, DateSource::Text),
                (None, None) => (String::new(), DateSource::None),
            };
            let doc_id = match k {
                0 => article.id.clone(),
                _ => format!("{}#{}", article.id, k + 1),
            };
            let published = reference
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default();
            for c in &mut claims {
                c.doc_id.clone_from(&doc_id);
                c.outlet.clone_from(&outlet);
                c.outlet_from = outlet_from.as_str().to_string();
                c.wire.clone_from(&wire);
                c.published.clone_from(&published);
                c.published_from = from.as_str().to_string();
                c.source.clone_from(&article.source);
            }
            out.extend(claims);
        }
        out
    }

    /// Where in a part each rule may match, as the prefilter tells for each
    /// paragraph (paragraph rules) and sentence (sentence rules), from one
    /// scan of the paragraph.
    fn find_places(&self, doc: &Document, part: &Part, slot: usize, places: &mut [Vec<Place>]) {
        let text = doc.text();
        let mut hits = Vec::new();
        let mut scratch = Scratch::default();
        let mut candidates = Vec::new();
        for paragraph in part.paragraphs.clone() {
            let para = &doc.paragraphs[paragraph];
            if para.boilerplate {
                continue;
            }
            if let Some(filter) = &self.prefilter {
                filter.scan(&text[para.range.clone()], para.range.start, &mut hits);
            }
            let ranges = std::iter::once((Scope::Paragraph, &para.range))
                .chain(para.sentences.iter().map(|s| (Scope::Sentence, s)));
            for (scope, range) in ranges {
                let in_scope = |i: usize| self.scopes[i] == scope;
                match &self.prefilter {
                    Some(filter) => filter.candidates(
                        &hits,
                        range.clone(),
                        in_scope,
                        &mut scratch,
                        &mut candidates,
                    ),
                    None => {
                        candidates.clear();
                        candidates.extend((0..self.rules.rules.len()).filter(|&i| in_scope(i)));
                    }
                }
                for &rule in &candidates {
                    places[rule].push(Place {
                        slot,
                        range: range.clone(),
                        paragraph,
                    });
                }
            }
        }
    }

    /// The accepted matches of one rule in `text[range]`; `caps` is scratch
    /// space for the rule's captures.
    fn run<'r>(
        &'r self,
        index: usize,
        text: &str,
        range: Range<usize>,
        paragraph: usize,
        caps: &mut Captures,
        out: &mut Vec<RuleMatch<'r>>,
    ) {
        let hay = &text[range.clone()];
        let rule = &self.rules.rules[index];
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
            let accepted = !claim.is_empty() && claims::accepts(&mut m, text, &self.rules);
            let next_char = hay[all.start..].chars().next().map_or(1, char::len_utf8);
            at = if accepted && !all.is_empty() {
                all.end
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
    /// The claim's span: the `span` capture, or the whole match.
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
    Some(Found {
        claim: caps
            .get_group_by_name("span")
            .map_or(all.clone(), |m| m.range()),
        all,
        groups: caps.iter().map(|g| g.map(|m| m.range())).collect(),
    })
}

/// What was said, for a rule with `says`, in the sentence `hay` around the
/// match: after it to the sentence end (less the final `.`, `!` or `?`), or
/// from the sentence start to before it; trimmed of whitespace.
fn said_range(hay: &str, matched: Range<usize>, says: Says) -> Range<usize> {
    let (start, mut end) = match says {
        Says::After => (matched.end, hay.len()),
        Says::Before => (0, matched.start),
    };
    let lead = hay[start..end].len() - hay[start..end].trim_start().len();
    end -= hay[start..end].len() - hay[start..end].trim_end().len();
    if says == Says::After && hay[..end].ends_with(['.', '!', '?']) && end > start + lead {
        end -= 1;
    }
    (start + lead).min(end)..end
}

/// Drops every match that overlaps a veto match of its kind, and the vetoes.
fn apply_vetoes(matches: Vec<RuleMatch<'_>>) -> Vec<RuleMatch<'_>> {
    // Per kind, veto spans by start, with the furthest end reached so far: a
    // match is vetoed when some veto starting before its end ends after its
    // start. Two binary searches per match, however many vetoes there are.
    let mut vetoes: BTreeMap<Kind, Vec<Range<usize>>> = BTreeMap::new();
    for m in matches.iter().filter(|m| m.rule.veto) {
        vetoes.entry(m.rule.kind).or_default().push(m.span.clone());
    }
    if vetoes.is_empty() {
        return matches;
    }
    let reach: BTreeMap<Kind, (Vec<usize>, Vec<usize>)> = vetoes
        .into_iter()
        .map(|(kind, mut spans)| {
            spans.sort_by_key(|s| s.start);
            let starts = spans.iter().map(|s| s.start).collect();
            let ends = spans
                .iter()
                .scan(0, |furthest, s| {
                    *furthest = s.end.max(*furthest);
                    Some(*furthest)
                })
                .collect();
            (kind, (starts, ends))
        })
        .collect();
    let vetoed = |m: &RuleMatch| {
        reach.get(&m.rule.kind).is_some_and(|(starts, ends)| {
            let before_end = starts.partition_point(|&s| s < m.span.end);
            before_end > 0 && ends[before_end - 1] > m.span.start
        })
    };
    matches
        .into_iter()
        .filter(|m| !m.rule.veto && !vetoed(m))
        .collect()
}

/// Keeps, within each kind, the matches that win their overlaps: the longest
/// span first, then the higher priority, then the earlier rule. Matches of
/// different kinds may nest freely. The result is in text order.
fn resolve_overlaps(mut matches: Vec<RuleMatch<'_>>) -> Vec<RuleMatch<'_>> {
    matches.sort_by(|a, b| {
        (b.span.len(), b.rule.priority)
            .cmp(&(a.span.len(), a.rule.priority))
            .then(a.rule.order.cmp(&b.rule.order))
            .then(a.span.start.cmp(&b.span.start))
    });
    let mut taken: BTreeMap<Kind, BTreeMap<usize, usize>> = BTreeMap::new();
    let mut kept = Vec::new();
    for m in matches {
        let spans = taken.entry(m.rule.kind).or_default();
        // Taken spans do not overlap one another, so only the last one that
        // starts before this match ends can overlap it.
        let overlaps = spans
            .range(..m.span.end)
            .next_back()
            .is_some_and(|(_, &end)| end > m.span.start);
        if !overlaps {
            spans.insert(m.span.start, m.span.end);
            kept.push(m);
        }
    }
    kept.sort_by_key(|m| {
        (
            m.span.start,
            std::cmp::Reverse(m.span.end),
            m.rule.kind,
            m.rule.order,
        )
    });
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where `claims::may_accept` has a rule skip a sentence, running it
    /// there would have found nothing to accept: checked on every sentence of the
    /// samples and of every rule's examples.
    #[test]
    fn a_skipped_search_would_accept_nothing() {
        let engine = Engine::new(Rules::embedded().unwrap());
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        for rule in &engine.rules().rules {
            texts.extend(rule.examples.iter().map(|e| e.text.clone()));
        }
        let mut skipped = BTreeMap::new();
        for text in &texts {
            let doc = Document::prepare(text, &engine.rules().text);
            let sentences = doc.paragraphs.iter().flat_map(|p| &p.sentences);
            for sentence in sentences {
                for (index, rule) in engine.rules().rules.iter().enumerate() {
                    if claims::may_accept(rule, &doc.text()[sentence.clone()]) {
                        continue;
                    }
                    *skipped.entry(format!("{:?}", rule.says)).or_insert(0) += 1;
                    let mut caps = rule.regex.create_captures();
                    let mut found = Vec::new();
                    engine.run(
                        index,
                        doc.text(),
                        sentence.clone(),
                        0,
                        &mut caps,
                        &mut found,
                    );
                    let spans: Vec<_> = found.iter().map(|m| m.span.clone()).collect();
                    assert!(
                        found.is_empty(),
                        "{} accepts {spans:?} in {text:?}",
                        rule.id
                    );
                }
            }
        }
        // Both ends of a sentence are tested.
        assert_eq!(skipped.len(), 2, "skipped searches by `says`: {skipped:?}");
    }

    #[test]
    fn the_prefilter_changes_nothing_but_speed() {
        let filtered = Engine::new(Rules::embedded().unwrap());
        let unfiltered = Engine::new(Rules::embedded().unwrap()).without_prefilter();
        assert!(filtered.prefilter.is_some());
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let article = Article::new("seed", std::fs::read_to_string(&path).unwrap());
                let claims = filtered.extract(&article);
                assert!(!claims.is_empty());
                assert_eq!(claims, unfiltered.extract(&article), "{}", path.display());
            }
        }
        // Every rule's examples, positive and negative, exercise every rule.
        for rule in &filtered.rules().rules {
            for example in &rule.examples {
                let article =
                    Article::new("example", example.text.clone()).with_published(example.published);
                let claims = filtered.extract(&article);
                assert_eq!(claims, unfiltered.extract(&article), "{}", example.text);
            }
        }
    }
}
