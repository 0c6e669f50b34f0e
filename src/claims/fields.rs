//! Reading a match's fields: capture text, lexicon values and the rule's
//! constants.

use std::ops::Range;

use super::figure::FigureWords;
use crate::engine::RuleMatch;
use crate::rules::Rules;
use crate::rules::vocabulary::Cap;
use crate::text::Document;

/// Reads a match's fields: capture text, lexicon values and the rule's constants.
pub(crate) struct Fields<'a> {
    pub m: &'a RuleMatch<'a>,
    pub doc: &'a Document<'a>,
    pub rules: &'a Rules,
    pub figures: &'a FigureWords,
}

impl<'a> Fields<'a> {
    pub fn new(
        m: &'a RuleMatch<'a>,
        doc: &'a Document<'a>,
        rules: &'a Rules,
        figures: &'a FigureWords,
    ) -> Fields<'a> {
        Fields {
            m,
            doc,
            rules,
            figures,
        }
    }

    pub fn range(&self, cap: Cap) -> Option<Range<usize>> {
        self.m.group(cap.name())
    }

    /// The capture as written in the source.
    pub fn source(&self, cap: Cap) -> Option<&'a str> {
        self.range(cap).map(|r| self.doc.source_text(r))
    }

    /// The capture in normalized text (plain quotes, dashes and spaces).
    pub fn normalized(&self, cap: Cap) -> Option<&'a str> {
        self.range(cap).map(|r| &self.doc.text()[r])
    }

    /// The field's value: the lexicon's value for a lexicon capture, else the
    /// capture's normalized text; the rule's `set` constant when not captured.
    pub fn value(&self, cap: Cap) -> Option<String> {
        if let Some((capture_name, range)) = self.m.group_named(cap.name()) {
            let text = &self.doc.text()[range];
            let mapped = self
                .m
                .rule
                .lexicon_fields
                .iter()
                .find(|(capture, _)| capture == capture_name)
                .and_then(|(_, lex)| self.rules.lexicon_named(lex))
                .and_then(|lex| lex.value_of(text));
            return Some(mapped.map_or_else(|| text.to_string(), str::to_string));
        }
        self.m.rule.set.get(cap.name()).cloned()
    }
}
