//! A pattern with capture groups, compiled to the regex engine's parts
//! rather than to its `meta::Regex`: the same forward automaton then serves
//! the lazy DFA, the PikeVM and `backtrack`'s backtracker, where a
//! `meta::Regex` holds its automaton to itself and a backtracker of our own
//! would need a second one.
//!
//! A search is the regex engine's: the lazy DFA finds where a match ends and
//! then, run backwards, where it starts (the PikeVM instead when the lazy DFA
//! gives up); its groups are read over its span alone. Every engine finds the
//! same leftmost-first match, so which one runs changes only the time.

use regex_automata::hybrid;
use regex_automata::nfa::thompson::{self, WhichCaptures, pikevm::PikeVM};
use regex_automata::util::captures::{Captures, GroupInfo};
use regex_automata::util::pool::Pool;
use regex_automata::{Anchored, Input, Match, MatchKind};
use regex_syntax::hir::Hir;

use super::backtrack::{self, Backtracker};

#[derive(Debug)]
pub(crate) struct Core {
    hybrid: hybrid::regex::Regex,
    pikevm: PikeVM,
    backtracker: Backtracker,
    group_info: GroupInfo,
    /// Each thread's scratch space, made on its first search.
    caches: Pool<Option<Cache>, fn() -> Option<Cache>>,
}

#[derive(Debug)]
struct Cache {
    hybrid: hybrid::regex::Cache,
    /// Made when first needed: its slot table is as large as the automaton
    /// times its groups, and most searches never run the PikeVM.
    pikevm: Option<thompson::pikevm::Cache>,
    backtrack: backtrack::Cache,
}

impl Core {
    /// The parts, configured as `meta::Regex` configures its own (see
    /// `Pattern::new`); `None` when one fails to build, which a
    /// `meta::Regex` then reports or works around.
    pub(crate) fn new(hir: &Hir, size_limit: usize, dfa_cache: usize) -> Option<Core> {
        let config = thompson::Config::new()
            .utf8(true)
            .reverse(false)
            .nfa_size_limit(Some(size_limit))
            .shrink(false);
        let nfa = thompson::Compiler::new()
            .configure(config.clone())
            .build_from_hir(hir)
            .ok()?;
        let reverse = thompson::Compiler::new()
            .configure(config.which_captures(WhichCaptures::None).reverse(true))
            .build_from_hir(hir)
            .ok()?;
        let dfa = hybrid::dfa::Config::new()
            .match_kind(MatchKind::LeftmostFirst)
            .starts_for_each_pattern(true)
            .unicode_word_boundary(true)
            .cache_capacity(dfa_cache)
            .skip_cache_capacity_check(false)
            .minimum_cache_clear_count(Some(3))
            .minimum_bytes_per_state(Some(10));
        let forward = hybrid::dfa::Builder::new()
            .configure(dfa.clone())
            .build_from_nfa(nfa.clone())
            .ok()?;
        let backward = hybrid::dfa::Builder::new()
            .configure(dfa.match_kind(MatchKind::All))
            .build_from_nfa(reverse)
            .ok()?;
        let hybrid = hybrid::regex::Builder::new().build_from_dfas(forward, backward);
        let pikevm = PikeVM::new_from_nfa(nfa.clone()).ok()?;
        Some(Core {
            hybrid,
            pikevm,
            group_info: nfa.group_info().clone(),
            backtracker: Backtracker::new(nfa),
            caches: Pool::new(|| None),
        })
    }

    pub(crate) fn group_info(&self) -> &GroupInfo {
        &self.group_info
    }

    fn cache(&self) -> Cache {
        Cache {
            hybrid: self.hybrid.create_cache(),
            pikevm: None,
            backtrack: backtrack::Cache::default(),
        }
    }

    fn pikevm_cache<'c>(&self, cache: &'c mut Cache) -> &'c mut thompson::pikevm::Cache {
        cache
            .pikevm
            .get_or_insert_with(|| self.pikevm.create_cache())
    }

    /// The leftmost-first match in `input`'s span.
    pub(crate) fn find(&self, input: &Input<'_>) -> Option<Match> {
        let mut guard = self.caches.get();
        let cache = guard.get_or_insert_with(|| self.cache());
        self.find_with(cache, input)
    }

    fn find_with(&self, cache: &mut Cache, input: &Input<'_>) -> Option<Match> {
        match self.hybrid.try_search(&mut cache.hybrid, input) {
            Ok(found) => found,
            // The lazy DFA quit (a Unicode word boundary beyond ASCII) or
            // gave up (its cache cleared too often).
            Err(_) => self.pikevm.find(self.pikevm_cache(cache), input.clone()),
        }
    }

    /// The leftmost-first match in `input`'s span with its groups, into
    /// `caps`; false when there is none.
    pub(crate) fn captures(&self, input: &Input<'_>, caps: &mut Captures) -> bool {
        let mut guard = self.caches.get();
        let cache = guard.get_or_insert_with(|| self.cache());
        let Some(m) = self.find_with(cache, input) else {
            caps.set_pattern(None);
            return false;
        };
        let span = input.clone().span(m.range()).anchored(Anchored::Yes);
        let read = self.backtracker.fits(m.len())
            && self.backtracker.captures(&mut cache.backtrack, &span, caps)
            && caps
                .get_match()
                .is_some_and(|found| found.range() == m.range());
        if !read {
            self.pikevm.captures(self.pikevm_cache(cache), span, caps);
        }
        caps.is_match()
    }
}
