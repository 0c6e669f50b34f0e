//! A pattern with capture groups, compiled to the regex engine's parts
//! rather than to its `meta::Regex`: the same forward automaton then serves
//! the lazy DFA, the PikeVM and `backtrack`'s backtracker, where a
//! `meta::Regex` holds its automaton to itself and a backtracker of our own
//! would need a second one.
//!
//! A search is the regex engine's lazy DFA: it finds where a match ends, and
//! then where it starts: for groups, anchored at each offset that may start
//! one (backwards from the end after `START_TRIALS` offsets), for `find`
//! backwards; the PikeVM instead when the lazy DFA gives up. A match's groups
//! are read over its span alone. Every engine finds the
//! same leftmost-first match, so which one runs changes only the time.
//!
//! A pattern anchored at its end (reported speech before its cue: "…, he
//! said.") is found by a `meta::Regex`, which searches it backwards from the
//! end of the text rather than forwards through all of it; its groups are
//! still read by the backtracker, as the regex engine's own would clear a
//! bit per state of the automaton and byte of the match before each read.

use regex_automata::nfa::thompson::{self, WhichCaptures, pikevm::PikeVM};
use regex_automata::util::captures::{Captures, GroupInfo};
use std::sync::{Arc, OnceLock};

use regex_automata::util::pool::Pool;
use regex_automata::{Anchored, Input, Match, MatchKind, PatternID};
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
    /// The lazy DFA forwards to the match's end (see `Lazy`).
    Hybrid(Box<Lazy>),
    /// The regex engine's choice, for a pattern anchored at its end.
    EndAnchored(meta::Regex),
}

/// The lazy DFA that finds where a match ends, and the one that finds,
/// backwards from there, where it starts, made only when first needed.
///
/// A match's start is mostly found by the forward lazy DFA anchored at each
/// offset that may start one (see `Core::first_start`): the automaton
/// reversed, for a quote rule one and a half times the forward one, and its
/// lazy DFA's scratch space (16 bytes a state) were a third of the memory the
/// compiled rules took, for a search over a few dozen bytes. It is still made
/// when no start is found within `START_TRIALS` offsets, and for `find`.
#[derive(Debug)]
struct Lazy {
    forward: hybrid::dfa::DFA,
    config: hybrid::dfa::Config,
    /// The pattern as parsed, to compile its reverse from; kept as text,
    /// a tenth of the size of its syntax tree.
    source: Arc<str>,
    size_limit: usize,
    /// `None` if it failed to build: the PikeVM then finds the match.
    reverse: OnceLock<Option<hybrid::dfa::DFA>>,
}

#[derive(Debug)]
enum FinderCache {
    Hybrid {
        forward: Box<hybrid::dfa::Cache>,
        reverse: Option<Box<hybrid::dfa::Cache>>,
    },
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
        source: &str,
        size_limit: usize,
        dfa_cache: usize,
        end_anchored: bool,
    ) -> Option<Core> {
        let nfa = thompson::Compiler::new()
            .configure(nfa_config(size_limit))
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
            false => Self::hybrid(source, &nfa, size_limit, dfa_cache)?,
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

    /// The lazy DFA over `nfa`; the one backwards over the reverse of
    /// `source` (which compiled to `nfa`) is made when first needed.
    fn hybrid(
        source: &str,
        nfa: &thompson::NFA,
        size_limit: usize,
        dfa_cache: usize,
    ) -> Option<Finder> {
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
        Some(Finder::Hybrid(Box::new(Lazy {
            forward,
            config: dfa,
            source: Arc::from(source),
            size_limit,
            reverse: OnceLock::new(),
        })))
    }

    pub(crate) fn group_info(&self) -> &GroupInfo {
        &self.group_info
    }

    fn cache(&self) -> Cache {
        Cache {
            finder: match &self.finder {
                Finder::Hybrid(lazy) => FinderCache::Hybrid {
                    forward: Box::new(lazy.forward.create_cache()),
                    reverse: None,
                },
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
            (Finder::Hybrid(lazy), FinderCache::Hybrid { forward, reverse }) => {
                lazy.end(forward, input).and_then(|end| match end {
                    None => Ok(None),
                    Some(end) => lazy.start(reverse, input, end).map(Some),
                })
            }
            (Finder::EndAnchored(regex), FinderCache::EndAnchored(c)) => {
                return regex.search_with(c, input);
            }
            _ => unreachable!("a finder's cache is made by that finder"),
        };
        match found {
            Ok(found) => found,
            // The lazy DFA quit (a Unicode word boundary beyond ASCII) or
            // gave up (its cache cleared too often), or the reverse failed
            // to build.
            Err(()) => self.pikevm.find(self.pikevm_cache(cache), input.clone()),
        }
    }

    /// The leftmost-first match in `input`'s span with its groups, into
    /// `caps`; false when there is none.
    pub(crate) fn captures(&self, input: &Input<'_>, caps: &mut Captures) -> bool {
        let mut guard = self.caches.get();
        let cache = guard.get_or_insert_with(|| self.cache());
        let found = match (&self.finder, &mut cache.finder) {
            (Finder::Hybrid(lazy), FinderCache::Hybrid { forward, reverse }) => {
                match lazy.end(forward, input) {
                    Ok(None) => Ok(None),
                    // Where the match ends; its start is the first offset
                    // from which the lazy DFA, anchored there, finds one.
                    Ok(Some(end)) if end > input.start() => {
                        match self.first_start(lazy, forward, input, end) {
                            Some(start) => Ok(Some(Match::new(PatternID::ZERO, start..end))),
                            None => lazy.start(reverse, input, end).map(Some),
                        }
                    }
                    Ok(Some(end)) => lazy.start(reverse, input, end).map(Some),
                    Err(()) => Err(()),
                }
            }
            (Finder::EndAnchored(regex), FinderCache::EndAnchored(c)) => {
                Ok(regex.search_with(c, input))
            }
            _ => unreachable!("a finder's cache is made by that finder"),
        };
        let m = match found {
            Ok(Some(m)) => m,
            Ok(None) => {
                caps.set_pattern(None);
                return false;
            }
            Err(()) => {
                self.pikevm
                    .captures(self.pikevm_cache(cache), input.clone(), caps);
                return caps.is_match();
            }
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

/// How many starts `Core::first_start` tries before it leaves the search to
/// the lazy DFA backwards.
const START_TRIALS: usize = 64;

impl Core {
    /// The start of the leftmost match in `input`'s span, which ends at
    /// `end`: the first offset from which the lazy DFA, anchored there,
    /// finds a match ending by `end`. No match starts before the leftmost
    /// one, and from its start the leftmost-first match ends at `end`.
    /// `None` after `START_TRIALS` offsets whose first byte may start one,
    /// or if the lazy DFA gave up.
    fn first_start(
        &self,
        lazy: &Lazy,
        cache: &mut hybrid::dfa::Cache,
        input: &Input<'_>,
        end: usize,
    ) -> Option<usize> {
        let hay = input.haystack();
        let candidates =
            (input.start()..end).filter(|&at| self.backtracker.may_start(hay, at, end));
        for at in candidates.take(START_TRIALS) {
            let from = input.clone().span(at..end).anchored(Anchored::Yes);
            match lazy.forward.try_search_fwd(cache, &from) {
                Ok(Some(_)) => return Some(at),
                Ok(None) => {}
                Err(_) => return None,
            }
        }
        None
    }
}

impl Lazy {
    /// Where the leftmost-first match in `input`'s span ends; `Err` when the
    /// lazy DFA quit or gave up.
    fn end(&self, cache: &mut hybrid::dfa::Cache, input: &Input<'_>) -> Result<Option<usize>, ()> {
        self.forward
            .try_search_fwd(cache, input)
            .map(|end| end.map(|m| m.offset()))
            .map_err(drop)
    }

    /// The match in `input`'s span that ends at `end`, its start found as
    /// `hybrid::regex::Regex::try_search` finds it: backwards from `end`.
    fn start(
        &self,
        cache: &mut Option<Box<hybrid::dfa::Cache>>,
        input: &Input<'_>,
        end: usize,
    ) -> Result<Match, ()> {
        let pattern = PatternID::ZERO;
        // An empty match at the start, or a pattern anchored at its start.
        if input.start() == end
            || input.get_anchored().is_anchored()
            || self.forward.get_nfa().is_always_start_anchored()
        {
            return Ok(Match::new(pattern, input.start()..end));
        }
        let reverse = self
            .reverse
            .get_or_init(|| self.build_reverse())
            .as_ref()
            .ok_or(())?;
        let cache = cache.get_or_insert_with(|| Box::new(reverse.create_cache()));
        let back = input
            .clone()
            .anchored(Anchored::Pattern(pattern))
            .span(input.start()..end);
        match reverse.try_search_rev(cache, &back) {
            Ok(Some(start)) => Ok(Match::new(pattern, start.offset()..end)),
            _ => Err(()),
        }
    }

    /// The lazy DFA backwards, for a match's start, as `Core::new` built it
    /// before it was made only when needed.
    fn build_reverse(&self) -> Option<hybrid::dfa::DFA> {
        let hir = parse(&self.source).ok()?;
        let reverse = thompson::Compiler::new()
            .configure(
                nfa_config(self.size_limit)
                    .reverse(true)
                    .which_captures(WhichCaptures::None),
            )
            .build_from_hir(&hir)
            .ok()?;
        hybrid::dfa::Builder::new()
            .configure(self.config.clone().match_kind(MatchKind::All))
            .build_from_nfa(reverse)
            .ok()
    }
}

/// How a rule's automaton is compiled, forwards (and, with `reverse`,
/// backwards: the two must agree on everything else).
fn nfa_config(size_limit: usize) -> thompson::Config {
    thompson::Config::new()
        .utf8(true)
        .reverse(false)
        .nfa_size_limit(Some(size_limit))
        .shrink(false)
}

/// A pattern's syntax tree, parsed as every automaton of a rule is built
/// from it (the reverse one too, see `Lazy`); the error is the parser's
/// message, which quotes the pattern.
pub(super) fn parse(pattern: &str) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .map_err(|e| e.to_string())
}
