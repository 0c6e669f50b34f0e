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
//!
//! A pattern anchored at its end (reported speech before its cue: "…, he
//! said.") is found by a `meta::Regex`, which searches it backwards from the
//! end of the text rather than forwards through all of it; its groups are
//! still read by the backtracker, as the regex engine's own would clear a
//! bit per state of the automaton and byte of the match before each read.

use regex_automata::nfa::thompson::{self, WhichCaptures, pikevm::PikeVM};
use regex_automata::util::captures::{Captures, GroupInfo};
use regex_automata::util::pool::Pool;
use regex_automata::{Anchored, Input, Match, MatchKind};
use regex_automata::{hybrid, meta};
use regex_syntax::hir::Hir;

use super::backtrack::{self, Backtracker};

#[derive(Debug)]
pub(crate) struct Core {
    finder: Finder,
    pikevm: PikeVM,
    backtracker: Backtracker,
    group_info: GroupInfo,
    /// Each thread's scratch space, made on its first search.
    caches: Pool<Option<Cache>, fn() -> Option<Cache>>,
}

/// What finds a match's span.
#[derive(Debug)]
enum Finder {
    /// The lazy DFA forwards, then backwards from the match's end.
    Hybrid(Box<hybrid::regex::Regex>),
    /// The regex engine's choice, for a pattern anchored at its end.
    EndAnchored(meta::Regex),
}

#[derive(Debug)]
enum FinderCache {
    Hybrid(Box<hybrid::regex::Cache>),
    EndAnchored(Box<meta::Cache>),
}

#[derive(Debug)]
struct Cache {
    finder: FinderCache,
    /// Made when first needed: its slot table is as large as the automaton
    /// times its groups, and most searches never run the PikeVM.
    pikevm: Option<thompson::pikevm::Cache>,
    backtrack: backtrack::Cache,
}

impl Core {
    /// The parts, configured as `meta::Regex` configures its own (see
    /// `Pattern::new`); `None` when one fails to build, which a
    /// `meta::Regex` then reports or works around.
    pub(crate) fn new(
        hir: &Hir,
        size_limit: usize,
        dfa_cache: usize,
        end_anchored: bool,
    ) -> Option<Core> {
        let config = thompson::Config::new()
            .utf8(true)
            .reverse(false)
            .nfa_size_limit(Some(size_limit))
            .shrink(false);
        let nfa = thompson::Compiler::new()
            .configure(config.clone())
            .build_from_hir(hir)
            .ok()?;
        let finder = match end_anchored {
            true => Finder::EndAnchored(
                meta::Builder::new()
                    .configure(
                        meta::Config::new()
                            .match_kind(MatchKind::LeftmostFirst)
                            .utf8_empty(true)
                            .nfa_size_limit(Some(size_limit))
                            .hybrid_cache_capacity(dfa_cache)
                            .which_captures(WhichCaptures::Implicit)
                            .auto_prefilter(false),
                    )
                    .build_from_hir(hir)
                    .ok()?,
            ),
            false => Self::hybrid(hir, config, &nfa, dfa_cache)?,
        };
        let pikevm = PikeVM::new_from_nfa(nfa.clone()).ok()?;
        Some(Core {
            finder,
            pikevm,
            group_info: nfa.group_info().clone(),
            backtracker: Backtracker::new(nfa),
            caches: Pool::new(|| None),
        })
    }

    /// The lazy DFAs over `nfa`, and backwards over `hir`'s reverse.
    fn hybrid(
        hir: &Hir,
        config: thompson::Config,
        nfa: &thompson::NFA,
        dfa_cache: usize,
    ) -> Option<Finder> {
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
        Some(Finder::Hybrid(Box::new(
            hybrid::regex::Builder::new().build_from_dfas(forward, backward),
        )))
    }

    pub(crate) fn group_info(&self) -> &GroupInfo {
        &self.group_info
    }

    fn cache(&self) -> Cache {
        Cache {
            finder: match &self.finder {
                Finder::Hybrid(regex) => FinderCache::Hybrid(Box::new(regex.create_cache())),
                Finder::EndAnchored(regex) => {
                    FinderCache::EndAnchored(Box::new(regex.create_cache()))
                }
            },
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
        let found = match (&self.finder, &mut cache.finder) {
            (Finder::Hybrid(regex), FinderCache::Hybrid(c)) => regex.try_search(c, input),
            (Finder::EndAnchored(regex), FinderCache::EndAnchored(c)) => {
                return regex.search_with(c, input);
            }
            _ => unreachable!("a finder's cache is made by that finder"),
        };
        match found {
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
