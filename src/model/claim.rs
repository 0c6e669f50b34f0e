//! A claim: what an article says (a quote, a count, a date), where it says it,
//! and who says it when. Values stay typed until a table writes them.

use std::sync::Arc;

use chrono::NaiveDate;

use super::decimal::Decimal;
use super::names::{Approx, CueClass, DateKind, Event, Kind, Origin, QuoteKind, Scope};
use super::timex::Timex;

/// One claim of an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// The article the claim was read from, shared by its claims.
    pub provenance: Arc<Provenance>,
    /// The exact text of the claim: `source_text[start..end]`.
    pub text: String,
    /// UTF-8 byte offsets of `text` in the source text as read, end exclusive.
    pub start: usize,
    pub end: usize,
    /// The sentence (or sentences, for a quote that spans several) that holds
    /// the claim.
    pub sentence: String,
    /// The id of the rule that produced the claim.
    pub rule: Arc<str>,
    /// Who said it, or who the figure is attributed to.
    pub attribution: Attribution,
    /// The date the claim is tied to: the day it was said, or a figure's
    /// "as of".
    pub when: Option<When>,
    /// What the claim says, by kind.
    pub body: Body,
}

/// Where an article came from, as every claim of it carries.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Provenance {
    /// The article's id: a file stem, a JSONL `id`; `#2`... for further
    /// articles in one file.
    pub doc_id: String,
    /// Where it was read from: a path, `path:LINE` for JSONL, `<stdin>`.
    pub source: String,
    /// Empty when not known.
    pub outlet: String,
    pub outlet_from: Origin,
    /// The wire service the article credits; empty if none.
    pub wire: String,
    /// The article's reference date.
    pub published: Option<NaiveDate>,
    pub published_from: Origin,
    /// The time of day the input gives with `published` (`18:30`,
    /// `18:30+07:00`), its zone as written; empty if none.
    pub published_time: String,
}

/// Who a claim is attributed to, and by what words. Empty strings stand for
/// "not known".
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Attribution {
    /// The canonical full name or body (`Sabrina Singh`, not `she`).
    pub speaker: String,
    /// The role as written (`Pentagon spokeswoman`).
    pub speaker_role: String,
    /// The speaker as written at this claim (`she`, `Singh`).
    pub speaker_mention: String,
    /// The attribution cue (`told reporters`, `according to`).
    pub cue: String,
    pub cue_class: Option<CueClass>,
}

/// The date a claim is tied to.
#[derive(Debug, Clone, PartialEq)]
pub struct When {
    /// Its TIMEX3 value, when the expression resolves.
    pub value: Option<Timex>,
    /// The date expression as written (`Monday`).
    pub text: String,
}

/// What a claim says.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Quote(Quote),
    Count(Count),
    Date(DateExpr),
}

/// What someone said.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub kind: QuoteKind,
    /// What was said, without the quotation marks.
    pub said: String,
}

/// A figure reported for a count of people or things.
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    /// The figure, or the lower end of a range; `None` when the figure
    /// could not be read.
    pub value: Option<Decimal>,
    /// The upper end of a range.
    pub value_max: Option<Decimal>,
    pub approx: Approx,
    /// The counted thing as written (`North Korean soldiers`).
    pub unit: String,
    /// The normalized concept from the rules (`troops`), or empty.
    pub concept: String,
    /// `people`, `things`, or a rule's own; empty for a thing with no concept.
    pub subtype: String,
    /// The country or party the counted belong to (`North Korea`), or empty.
    pub actor: String,
    /// What happened to them, as the clause around the figure says; `None`
    /// when it says nothing.
    pub event: Option<Event>,
    /// Whether the clause says the figure is a total ("in all",
    /// "worldwide"); `None` for the figure of the story's own thing.
    pub scope: Option<Scope>,
    /// When the figure was current: the latest day its sentence gives, else
    /// its article's date and time (see `link::as_of`).
    pub as_of: Option<Timex>,
}

/// A date expression, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct DateExpr {
    pub kind: DateKind,
    /// The TIMEX3 value; `None` when it cannot be resolved.
    pub value: Option<Timex>,
    /// The end of a range.
    pub value_max: Option<Timex>,
}

impl Body {
    pub fn kind(&self) -> Kind {
        match self {
            Body::Quote(_) => Kind::Quote,
            Body::Count(_) => Kind::Count,
            Body::Date(_) => Kind::Date,
        }
    }
}

impl Claim {
    /// A claim of `body` with nothing else known yet: no article, no text,
    /// no attribution.
    pub fn new(body: Body) -> Claim {
        Claim {
            provenance: Arc::default(),
            text: String::new(),
            start: 0,
            end: 0,
            sentence: String::new(),
            rule: "".into(),
            attribution: Attribution::default(),
            when: None,
            body,
        }
    }

    pub fn kind(&self) -> Kind {
        self.body.kind()
    }

    pub fn quote(&self) -> Option<&Quote> {
        match &self.body {
            Body::Quote(q) => Some(q),
            _ => None,
        }
    }

    pub fn count(&self) -> Option<&Count> {
        match &self.body {
            Body::Count(c) => Some(c),
            _ => None,
        }
    }

    pub fn date(&self) -> Option<&DateExpr> {
        match &self.body {
            Body::Date(d) => Some(d),
            _ => None,
        }
    }
}

impl Count {
    /// A count with nothing read yet: no figure, exact.
    pub fn new() -> Count {
        Count {
            value: None,
            value_max: None,
            approx: Approx::Exact,
            unit: String::new(),
            concept: String::new(),
            subtype: String::new(),
            actor: String::new(),
            event: None,
            scope: None,
            as_of: None,
        }
    }
}

impl Default for Count {
    fn default() -> Count {
        Count::new()
    }
}
