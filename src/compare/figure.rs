//! The compact form in which `compare` holds a count claim: the fields that
//! group and compare it, each a number standing for a string kept once, and
//! where the full row waits on disk (`spill.rs`). About 56 bytes a count
//! instead of over a kilobyte.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::model::Claim;

/// A string kept once in `Strings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(u32);

/// Every distinct string of the figures: speakers, days, values, outlets
/// repeat across thousands of claims.
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

/// A count claim as `compare` holds it.
#[derive(Debug, Clone, Copy)]
pub struct Figure {
    /// The article: its index among those `Stories` has seen.
    pub doc: u32,
    pub value: Sym,
    pub value_max: Sym,
    pub approx: Sym,
    /// As written; groups without a concept go by it lowercased.
    pub unit: Sym,
    pub concept: Sym,
    pub actor: Sym,
    pub speaker: Sym,
    pub when: Sym,
    pub published: Sym,
    pub outlet: Sym,
    /// Where the full claim is in the spill file.
    pub at: u64,
}

impl Figure {
    pub fn new(claim: &Claim, doc: u32, at: u64, strings: &mut Strings) -> Figure {
        Figure {
            doc,
            value: strings.intern(&claim.value),
            value_max: strings.intern(&claim.value_max),
            approx: strings.intern(&claim.approx),
            unit: strings.intern(&claim.unit),
            concept: strings.intern(&claim.concept),
            actor: strings.intern(&claim.actor),
            speaker: strings.intern(&claim.speaker),
            when: strings.intern(&claim.when),
            published: strings.intern(&claim.published),
            outlet: strings.intern(&claim.outlet),
            at,
        }
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
