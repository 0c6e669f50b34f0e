//! The typed article and claim, at the bottom of every layer: no other
//! module of the crate is imported here. Values stay typed (figures as exact
//! decimals, dates as TIMEX3 values, closed sets as enums) until the table
//! layer writes them; only reading a table back turns text into them again.

mod article;
mod claim;
mod columns;
mod decimal;
mod error;
mod holiday;
mod names;
mod timex;

pub use article::{Article, clock_of, parse_published, parse_published_at};
pub use claim::{Attribution, Body, Claim, Count, DateExpr, Provenance, Quote, When};
pub use columns::{ARTICLE_COLUMNS, COLUMNS, is_expectable_field};
pub use decimal::Decimal;
pub use error::SourceError;
pub use holiday::Holiday;
pub(crate) use names::named;
pub use names::{Approx, CueClass, DateKind, Event, Kind, Origin, QuoteKind, Scope, UnknownName};
pub use timex::{Clock, DayPart, Duration, NotTimex, Recurrence, Season, Timex, Unit};
