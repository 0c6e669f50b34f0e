//! The captures of a match already found, read by backtracking over its span
//! alone, as the regex engine's own backtracker reads them.
//!
//! The regex engine's backtracker clears a bit for every state of the
//! automaton and byte of the span before each search; for a rule of some
//! 15,000 states (its word lists) that is a few hundred kilobytes cleared to
//! read the groups of a match of a hundred bytes, and most of the time the
//! rules spend reading captures. This one clears only the words of the bitset
//! it set. It explores the same states in the same order, so it finds the
//! same match with the same groups.

use regex_automata::nfa::thompson::{NFA, State};
use regex_automata::util::captures::Captures;
use regex_automata::util::primitives::{NonMaxUsize, StateID};
use regex_automata::{Input, PatternID};

/// The most bits of visited (state, offset) pairs a search may need (2 MB);
/// longer spans are read by the PikeVM. Eight times the regex engine's own
/// bound: clearing only the words it set, a larger bitset costs this
/// backtracker memory, not time, and a quote rule's 15,000 states would
/// otherwise leave every match longer than some 140 bytes (most quotations)
/// to the PikeVM, which is slower and whose cache is larger still.
const VISITED_BITS: usize = 2 * 1024 * 1024 * 8;

/// A backtracker over a pattern's automaton (with its capture groups).
#[derive(Debug)]
pub(crate) struct Backtracker {
    nfa: NFA,
}

/// One thread's scratch space for a `Backtracker`.
#[derive(Debug, Default)]
pub(crate) struct Cache {
    stack: Vec<Frame>,
    /// A bit per (state, offset in the span) visited; all zero between searches.
    visited: Vec<u64>,
    /// The words of `visited` this search made nonzero.
    touched: Vec<usize>,
}

#[derive(Debug, Clone, Copy)]
enum Frame {
    Step {
        sid: StateID,
        at: usize,
    },
    RestoreCapture {
        slot: usize,
        offset: Option<NonMaxUsize>,
    },
}

impl Backtracker {
    pub(crate) fn new(nfa: NFA) -> Backtracker {
        Backtracker { nfa }
    }

    /// Whether a span of `len` bytes is short enough to search.
    pub(crate) fn fits(&self, len: usize) -> bool {
        self.nfa
            .states()
            .len()
            .checked_mul(len + 1)
            .is_some_and(|bits| bits <= VISITED_BITS)
    }

    /// The captures of the match anchored at the start of `input`'s span,
    /// into `caps` (whose groups are the automaton's); false when there is
    /// none. The span must `fit`.
    pub(crate) fn captures(
        &self,
        cache: &mut Cache,
        input: &Input<'_>,
        caps: &mut Captures,
    ) -> bool {
        let span = input.get_span();
        let stride = span.len() + 1;
        let words = (self.nfa.states().len() * stride).div_ceil(64);
        if cache.visited.len() < words {
            cache.visited.resize(words, 0);
        }
        let slots = caps.slots_mut();
        slots.fill(None);
        cache.stack.clear();
        cache.stack.push(Frame::Step {
            sid: self.nfa.start_anchored(),
            at: span.start,
        });
        let mut found = false;
        while let Some(frame) = cache.stack.pop() {
            match frame {
                Frame::Step { sid, at } => {
                    if self.step(cache, input, stride, sid, at, slots) {
                        found = true;
                        break;
                    }
                }
                Frame::RestoreCapture { slot, offset } => slots[slot] = offset,
            }
        }
        for &word in &cache.touched {
            cache.visited[word] = 0;
        }
        cache.touched.clear();
        caps.set_pattern(found.then_some(PatternID::ZERO));
        found
    }

    /// Follows `sid` at `at` until a match (true) or a dead end, leaving the
    /// alternatives on the stack, highest priority on top.
    fn step(
        &self,
        cache: &mut Cache,
        input: &Input<'_>,
        stride: usize,
        mut sid: StateID,
        mut at: usize,
        slots: &mut [Option<NonMaxUsize>],
    ) -> bool {
        let (hay, end) = (input.haystack(), input.end());
        loop {
            let bit = sid.as_usize() * stride + (at - input.start());
            let (word, mask) = (bit / 64, 1u64 << (bit % 64));
            let old = cache.visited[word];
            if old & mask != 0 {
                return false;
            }
            if old == 0 {
                cache.touched.push(word);
            }
            cache.visited[word] = old | mask;
            let state = self.nfa.state(sid);
            match *state {
                State::ByteRange { .. } | State::Sparse(_) | State::Dense(_) => {
                    let Some(next) = on_byte(state, hay, at, end) else {
                        return false;
                    };
                    sid = next;
                    at += 1;
                }
                State::Look { look, next } => {
                    if !self.nfa.look_matcher().matches(look, hay, at) {
                        return false;
                    }
                    sid = next;
                }
                State::Union { ref alternates } => {
                    let Some((&first, rest)) = alternates.split_first() else {
                        return false;
                    };
                    sid = first;
                    cache
                        .stack
                        .extend(rest.iter().rev().map(|&sid| Frame::Step { sid, at }));
                }
                State::BinaryUnion { alt1, alt2 } => {
                    sid = alt1;
                    cache.stack.push(Frame::Step { sid: alt2, at });
                }
                State::Capture { next, slot, .. } => {
                    let slot = slot.as_usize();
                    if slot < slots.len() {
                        cache.stack.push(Frame::RestoreCapture {
                            slot,
                            offset: slots[slot],
                        });
                        slots[slot] = NonMaxUsize::new(at);
                    }
                    sid = next;
                }
                State::Fail => return false,
                State::Match { .. } => return true,
            }
        }
    }
}

/// Where a state that reads a byte goes on the byte at `at`, if the span
/// (ending at `end`) holds one there and the state takes it.
fn on_byte(state: &State, hay: &[u8], at: usize, end: usize) -> Option<StateID> {
    if at >= end {
        return None;
    }
    match state {
        State::ByteRange { trans } => trans.matches(hay, at).then_some(trans.next),
        State::Sparse(sparse) => sparse.matches(hay, at),
        State::Dense(dense) => dense.matches(hay, at),
        _ => None,
    }
}
