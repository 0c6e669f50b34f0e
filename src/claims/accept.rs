//! Which raw matches are claims: the checks each kind makes that a regex
//! cannot express, handed to the engine through `Accept`.

use std::ops::Range;

use super::figure::FigureWords;
use super::{count, date, quote};
use crate::engine::{Accept, RuleMatch};
use crate::model::Kind;
use crate::rules::{CompiledRule, Rules};

/// The claim builders' checks on a rule set's matches.
pub(crate) struct Acceptance<'r> {
    rules: &'r Rules,
    figures: &'r FigureWords,
}

impl<'r> Acceptance<'r> {
    pub(crate) fn new(rules: &'r Rules, figures: &'r FigureWords) -> Acceptance<'r> {
        Acceptance { rules, figures }
    }
}

impl Accept for Acceptance<'_> {
    fn may_accept(&self, rule: &CompiledRule, hay: &str) -> bool {
        match rule.kind {
            Kind::Quote => quote::may_accept(rule, hay, self.rules),
            Kind::Count | Kind::Date => true,
        }
    }

    fn accepts(&self, m: &mut RuleMatch, text: &str, scope: Range<usize>) -> bool {
        match m.rule.kind {
            Kind::Quote => quote::accepts(m, text, scope, self.rules),
            Kind::Count => count::accepts(m, text, self.rules),
            Kind::Date => date::accepts(m, text, self.rules, &self.figures.numbers),
        }
    }

    fn settle(&self, matches: &mut Vec<RuleMatch>, text: &str) {
        quote::end_before_second_cue(matches, text, self.rules);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::engine;
    use crate::text::Document;

    /// Where `may_accept` has a rule skip a sentence, running it there would
    /// have found nothing to accept: checked on every sentence of the samples
    /// and of every rule's examples.
    #[test]
    fn a_skipped_search_would_accept_nothing() {
        let rules = Rules::embedded().unwrap();
        let figures = FigureWords::from_rules(&rules);
        let accept = Acceptance::new(&rules, &figures);
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        for rule in &rules.rules {
            texts.extend(rule.examples.iter().map(|e| e.text.clone()));
        }
        let mut skipped = BTreeMap::new();
        for text in &texts {
            let doc = Document::prepare(text, &rules.text);
            let sentences = doc.paragraphs.iter().flat_map(|p| &p.sentences);
            for sentence in sentences {
                for rule in &rules.rules {
                    if accept.may_accept(rule, &doc.text()[sentence.clone()]) {
                        continue;
                    }
                    *skipped.entry(format!("{:?}", rule.says)).or_insert(0) += 1;
                    let mut caps = rule.regex.create_captures();
                    let mut found = Vec::new();
                    engine::run(
                        rule,
                        doc.text(),
                        sentence.clone(),
                        0,
                        &accept,
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
}
