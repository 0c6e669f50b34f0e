//! Dates: the parts a rule captured (`parts`), resolved to a TIMEX3 value
//! against the article's reference date the way news reads (`resolve`, with
//! the clause's `tense`), then joined into ranges (`joins`) and anaphora
//! resolved (`anaphora`); and the reference date an undated article's own
//! text gives (`reference`).
//!
//! Month and weekday names, and what "last" or "next" mean, come from the rules
//! file as lexicon values (`Nov.` = 11, `Monday` = 1, `last` = -1); this module
//! only does the calendar arithmetic, with chrono.

mod accept;
mod anaphora;
mod joins;
pub(super) mod parts;
mod reference;
mod resolve;
mod tense;
mod value;

pub(crate) use accept::accepts;
pub(crate) use anaphora::resolve_anaphora;
pub(crate) use joins::apply_joins;
pub(crate) use reference::{all_parts, infer_reference};
pub use tense::clause_is_future;
pub(crate) use value::read;
