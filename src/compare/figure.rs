//! The compact form in which `compare` holds a count claim: the fields that
//! group and compare it, each a number standing for a value kept once, and
//! where the full row waits on disk (`spill.rs`). About 48 bytes a count
//! instead of over a kilobyte.

use std::hash::Hash;
use std::sync::Arc;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::time::{AsOf, as_of};
use crate::model::{Approx, Claim, Decimal, Event, Scope, Timex};

/// A string kept once in `Strings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(u32);

/// Every distinct string of the figures: speakers, units, outlets repeat
/// across thousands of claims.
#[derive(Debug, Default)]
pub struct Strings {
    ids: FxHashMap<Arc<str>, Sym>,
    all: Vec<Arc<str>>,
}

impl Strings {
    pub fn intern(&mut self, s: &str) -> Sym {
        if let Some(&sym) = self.ids.get(s) {
            return sym;
        }
        let sym = Sym(self.all.len() as u32);
        let shared: Arc<str> = s.into();
        self.all.push(shared.clone());
        self.ids.insert(shared, sym);
        sym
    }

    pub fn get(&self, sym: Sym) -> &str {
        &self.all[sym.0 as usize]
    }
}

/// Values kept once, each by a number: the figures and dates of the counts,
/// which few distinct values cover.
#[derive(Debug)]
pub struct Table<T> {
    ids: FxHashMap<T, u32>,
    all: Vec<T>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            ids: FxHashMap::default(),
            all: Vec::new(),
        }
    }
}

impl<T: Clone + Hash + Eq> Table<T> {
    pub fn intern(&mut self, value: &T) -> u32 {
        if let Some(&id) = self.ids.get(value) {
            return id;
        }
        let id = self.all.len() as u32;
        self.all.push(value.clone());
        self.ids.insert(value.clone(), id);
        id
    }

    pub fn get(&self, id: u32) -> &T {
        &self.all[id as usize]
    }
}

/// A figure as reported: its value and, for a range, its upper end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Amount {
    pub value: Decimal,
    pub max: Option<Decimal>,
}

/// A count claim as `compare` holds it.
#[derive(Debug, Clone, Copy)]
pub struct Figure {
    /// The article: its index among those `Stories` has seen.
    pub doc: u32,
    /// The figure, in `Values::amounts`.
    pub amount: u32,
    pub approx: Approx,
    /// As written; groups without a concept go by it lowercased.
    pub unit: Sym,
    pub concept: Sym,
    pub actor: Sym,
    /// What happened to the counted: figures of one concept under different
    /// events ("killed", "rescued") count different things.
    pub event: Option<Event>,
    pub speaker: Sym,
    /// The date the figure is given for, in `Values::whens`.
    pub when: u32,
    pub published: Option<NaiveDate>,
    /// When the figure was current (see `time.rs`).
    pub as_of: Option<AsOf>,
    /// A total ("in all", "worldwide"), kept apart from one part's figures.
    pub total: bool,
    pub outlet: Sym,
    /// Where the full claim is in the spill file.
    pub at: u64,
}

/// The values figures stand for.
#[derive(Debug, Default)]
pub struct Values {
    pub strings: Strings,
    pub amounts: Table<Amount>,
    pub whens: Table<Option<Timex>>,
}

impl Values {
    pub fn amount(&self, f: &Figure) -> Amount {
        *self.amounts.get(f.amount)
    }

    pub fn when(&self, f: &Figure) -> Option<&Timex> {
        self.whens.get(f.when).as_ref()
    }
}

impl Figure {
    /// The compact form of a count with a figure; `None` for another claim.
    pub fn new(claim: &Claim, doc: u32, at: u64, values: &mut Values) -> Option<Figure> {
        let count = claim.count()?;
        let amount = Amount {
            value: count.value?,
            max: count.value_max,
        };
        let strings = &mut values.strings;
        Some(Figure {
            doc,
            amount: values.amounts.intern(&amount),
            approx: count.approx,
            unit: strings.intern(&count.unit),
            concept: strings.intern(&count.concept),
            actor: strings.intern(&count.actor),
            event: count.event,
            speaker: strings.intern(&claim.attribution.speaker),
            when: values
                .whens
                .intern(&claim.when.as_ref().and_then(|w| w.value.clone())),
            published: claim.provenance.published,
            as_of: as_of(
                count.as_of.as_ref(),
                claim.when.as_ref().and_then(|w| w.value.as_ref()),
                claim.provenance.published,
            ),
            total: count.scope == Some(Scope::Total),
            outlet: strings.intern(&claim.provenance.outlet),
            at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_string_is_kept_once() {
        let mut strings = Strings::default();
        let a = strings.intern("Sabrina Singh");
        let empty = strings.intern("");
        assert_eq!(strings.intern("Sabrina Singh"), a);
        assert_ne!(a, empty);
        assert_eq!(strings.get(a), "Sabrina Singh");
        assert_eq!(strings.get(empty), "");
        assert_eq!(strings.all.len(), 2);
    }

    #[test]
    fn a_figure_stays_small() {
        assert!(std::mem::size_of::<Figure>() <= 56);
    }
}
