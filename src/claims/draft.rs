//! A claim under construction.

use std::ops::Range;
use std::sync::Arc;

use super::date::parts::DateParts;
use crate::model::{Attribution, Body, Count, DateExpr, Kind, When};

/// A claim under construction: its typed body and attribution, with the
/// ranges (in normalized text) that joining and linking need. The article's
/// provenance, the source offsets and the sentence come last, when the
/// article is assembled.
#[derive(Debug)]
pub(crate) struct Draft {
    pub rule: Arc<str>,
    pub body: Body,
    pub attribution: Attribution,
    pub when: Option<When>,
    pub span: Range<usize>,
    pub paragraph: usize,
    /// Quotes: the range of what was said.
    pub content: Option<Range<usize>>,
    /// Quotes: the range of the date expression tied to the cue.
    pub when_span: Option<Range<usize>>,
    /// Quotes: the range of the speaker mention.
    pub speaker_span: Option<Range<usize>>,
    /// Quotes: the range of the cue.
    pub cue_span: Option<Range<usize>>,
    /// Dates that count from the story's own time: their parts, resolved
    /// again by `date::resolve_anaphora`.
    pub anaphor: Option<Box<DateParts>>,
    /// Counts: the figure's noun is elided; it counts what a count before
    /// it counts (see `count::fill_elided`).
    pub elided: Option<Elided>,
    /// Counts: where the count an elided figure counts the thing of starts;
    /// its event is this one's where its own clause names none.
    pub antecedent: Option<usize>,
}

/// Where the count an elided figure takes its noun from is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Elided {
    /// Before it in its sentence: "Of the 86 people on board, 61 were rescued".
    InSentence,
    /// Before it in its paragraph: "About 900 workers walked out. The union
    /// put the number at more than 1,100."
    InParagraph,
}

impl Draft {
    /// A draft of `body`, with nothing attributed yet.
    pub fn new(rule: Arc<str>, body: Body, span: Range<usize>, paragraph: usize) -> Draft {
        Draft {
            rule,
            body,
            attribution: Attribution::default(),
            when: None,
            span,
            paragraph,
            content: None,
            when_span: None,
            speaker_span: None,
            cue_span: None,
            anaphor: None,
            elided: None,
            antecedent: None,
        }
    }

    pub fn kind(&self) -> Kind {
        self.body.kind()
    }

    pub fn date(&self) -> Option<&DateExpr> {
        match &self.body {
            Body::Date(date) => Some(date),
            _ => None,
        }
    }

    pub fn date_mut(&mut self) -> Option<&mut DateExpr> {
        match &mut self.body {
            Body::Date(date) => Some(date),
            _ => None,
        }
    }

    pub fn count(&self) -> Option<&Count> {
        match &self.body {
            Body::Count(count) => Some(count),
            _ => None,
        }
    }

    pub fn count_mut(&mut self) -> Option<&mut Count> {
        match &mut self.body {
            Body::Count(count) => Some(count),
            _ => None,
        }
    }
}
