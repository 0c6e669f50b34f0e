//! A rule's match, as the engine hands it on.

use std::ops::Range;

use crate::rules::CompiledRule;

/// A rule's match: its span and its capture groups, in normalized coordinates.
#[derive(Debug, Clone)]
pub(crate) struct RuleMatch<'r> {
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
    /// What a veto of the match's kind judges: its `figure` capture where it
    /// has one ("Model 3" vetoes the 3, not the "63,000 Model 3 sedans"
    /// around it), else its `cue` ("he was told" vetoes that cue, not the
    /// "Lee said" before it), else its whole span.
    pub fn vetoed_part(&self) -> Range<usize> {
        self.group("figure")
            .or_else(|| self.group("cue"))
            .unwrap_or_else(|| self.span.clone())
    }

    /// The range of a named capture, if it took part in the match.
    pub fn group(&self, name: &str) -> Option<Range<usize>> {
        self.group_named(name).map(|(_, range)| range)
    }

    /// Moves the capture that took part for a field (`name` or one of its
    /// alternatives) to `range`; nothing when none took part.
    pub fn set_group(&mut self, name: &str, range: Range<usize>) {
        if let Some((index, _, _)) = self.taken(name) {
            self.groups[index] = Some(range);
        }
    }

    /// The capture that took part for a field, with its own name: `name`, or
    /// one of its alternatives `name_2`, `name_3`... (the regex crate allows a
    /// name once per pattern, so "(?P<month>..) (?P<year>..)|(?P<year_2>..)
    /// (?P<month_2>..)" writes the second order with suffixes).
    pub fn group_named(&self, name: &str) -> Option<(&str, Range<usize>)> {
        if name == "quote" && self.said.is_some() {
            return self.said.clone().map(|r| ("quote", r));
        }
        self.taken(name).map(|(_, n, range)| (n, range))
    }

    /// The capture that took part for a field: its index among the groups,
    /// its own name and its range.
    fn taken(&self, name: &str) -> Option<(usize, &str, Range<usize>)> {
        self.rule.captures.of(name).iter().find_map(|(index, n)| {
            Some((*index, &**n, self.groups.get(*index).cloned().flatten()?))
        })
    }
}
