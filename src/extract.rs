//! One article end to end: text preparation, matching, typed claims, linking,
//! and the article's provenance on every claim (doc ids, outlet, wire and
//! reference date).

use std::ops::Range;
use std::sync::Arc;

use crate::claims::{self, Acceptance, Draft, FigureWords};
use crate::engine::{Matcher, RuleMatch};
use crate::link::{self, outlet::Credits};
use crate::model::{Article, Claim, Origin, Provenance};
use crate::rules::Rules;
use crate::text::Document;

/// The extraction engine: a compiled rule set, ready to run on any number of
/// articles.
#[derive(Debug, Clone)]
pub struct Engine {
    rules: Rules,
    matcher: Matcher,
    figures: FigureWords,
    words: link::Words,
}

impl Engine {
    pub fn new(rules: Rules) -> Self {
        // The two take about as long (the prefilter's automaton, the
        // linking words' country pattern): side by side on two cores.
        let (matcher, (figures, words)) = std::thread::scope(|scope| {
            let words = scope.spawn(|| {
                (
                    FigureWords::from_rules(&rules),
                    link::Words::from_rules(&rules),
                )
            });
            let matcher = Matcher::new(&rules);
            let words = words
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (matcher, words)
        });
        Engine {
            rules,
            matcher,
            figures,
            words,
        }
    }

    /// The same engine without the prefilter: every rule runs on every
    /// sentence. Slower, same claims; tests compare the two.
    pub fn without_prefilter(mut self) -> Self {
        self.matcher = self.matcher.without_prefilter();
        self
    }

    /// Whether the engine runs its rules only where their literals are.
    pub fn has_prefilter(&self) -> bool {
        self.matcher.has_prefilter()
    }

    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// Every claim in an article, in text order. A file that holds several
    /// articles (a second dateline) gives claims with `doc_id`s `id`, `id#2`, ...
    pub fn extract(&self, article: &Article) -> Vec<Claim> {
        self.extract_batch(&[article]).pop().unwrap_or_default()
    }

    /// The claims of each of several articles, as `extract` gives them; the
    /// rules run over the whole batch at once, which is faster (see
    /// `Matcher::find`).
    pub fn extract_batch(&self, articles: &[&Article]) -> Vec<Vec<Claim>> {
        let docs: Vec<Document> = articles
            .iter()
            .map(|a| Document::prepare(&a.text, &self.rules.text))
            .collect();
        let accept = Acceptance::new(&self.rules, &self.figures);
        let mut matches = self.matcher.find(&self.rules, &docs, &accept).into_iter();
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
                own: None,
                wire: link::outlet::wire_credit(&self.rules, doc, paragraphs),
            },
            None => link::outlet::credits(&self.rules, doc, paragraphs),
        };
        let file_credits = credits(0..doc.paragraphs.len());
        for ((k, part), matches) in doc.parts.iter().enumerate().zip(by_part) {
            // A given date (manifest, JSONL) belongs to the file's first
            // article; others, and articles without one, take a date written
            // in their own text, if any.
            let (reference, from, time) = match (k, article.published) {
                (0, Some(date)) => (
                    Some(date),
                    article.published_from,
                    article.published_time.clone(),
                ),
                _ => match claims::infer_reference(doc, &matches, &self.rules, &self.figures) {
                    Some((date, time)) => (Some(date), Origin::Text, time),
                    None => (None, Origin::None, String::new()),
                },
            };
            let mut drafts = claims::build(doc, matches, reference, &self.rules, &self.figures);
            link::link(
                doc,
                part.paragraphs.clone(),
                &self.rules,
                &self.words,
                &mut drafts,
            );
            link::as_of(doc, &self.words, &mut drafts, reference, &time);
            let part_credits = match doc.parts.len() {
                1 => file_credits.clone(),
                _ => credits(part.paragraphs.clone()),
            };
            // The site the file names, and the agency and wire this part
            // credits (else the ones the file does).
            let credited = Credits {
                site: file_credits.site.clone(),
                own: part_credits.own.or_else(|| file_credits.own.clone()),
                wire: part_credits.wire.or_else(|| file_credits.wire.clone()),
            };
            let (outlet, outlet_from) = match (&article.outlet, credited.outlet()) {
                (Some(given), _) => (given.clone(), article.outlet_from),
                (None, Some(found)) => (found.to_string(), Origin::Text),
                (None, None) => (String::new(), Origin::None),
            };
            let provenance = Arc::new(Provenance {
                doc_id: match k {
                    0 => article.id.clone(),
                    _ => format!("{}#{}", article.id, k + 1),
                },
                source: article.source.clone(),
                outlet,
                outlet_from,
                wire: credited.wire.unwrap_or_default(),
                published: reference,
                published_from: from,
                published_time: time,
            });
            // Each draft becomes its claim in the draft's place: collecting a
            // vector's own items, mapped to items no larger, reuses its buffer,
            // so a long article's claims cost no second list of them.
            let claims: Vec<Claim> = drafts
                .into_iter()
                .map(|d| finish(doc, &provenance, d))
                .collect();
            match out.is_empty() {
                true => out = claims,
                false => out.extend(claims),
            }
        }
        out
    }
}

/// The claim a draft comes to: its article, source offsets, exact text and
/// sentence.
fn finish(doc: &Document, provenance: &Arc<Provenance>, d: Draft) -> Claim {
    let source = doc.to_source(d.span.clone());
    let para = &doc.paragraphs[d.paragraph];
    // Sentences are in order: the first that ends after the claim starts, the
    // last that starts before it ends.
    let first = para
        .sentences
        .get(para.sentences.partition_point(|s| s.end <= d.span.start));
    let last = para
        .sentences
        .partition_point(|s| s.start < d.span.end)
        .checked_sub(1)
        .map(|k| &para.sentences[k]);
    let sentence = match (first, last) {
        (Some(a), Some(b)) if a.start <= b.end => a.start.min(d.span.start)..b.end.max(d.span.end),
        _ => para.range.clone(),
    };
    Claim {
        provenance: provenance.clone(),
        text: doc.source[source.clone()].to_string(),
        start: source.start,
        end: source.end,
        sentence: doc.source_text(sentence).to_string(),
        rule: d.rule,
        attribution: d.attribution,
        when: d.when,
        body: d.body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefilter_changes_nothing_but_speed() {
        let filtered = Engine::new(Rules::embedded().unwrap());
        let unfiltered = Engine::new(Rules::embedded().unwrap()).without_prefilter();
        assert!(filtered.has_prefilter() && !unfiltered.has_prefilter());
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
