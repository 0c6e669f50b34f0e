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
//!
//! It also leaves out an alternative that cannot go on from where it stands:
//! one whose first byte (see `Openings`) is not the next byte of the span.
//! A rule's word lists are alternations of hundreds of words, and without
//! this each of them would be tried, and its states marked, at every word
//! the pattern reaches there.

use std::sync::OnceLock;

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
    /// Made on the first search: most rules never read a match's groups
    /// in a run, and start-up would pay for every one.
    openings: OnceLock<Openings>,
}

/// For each state of an automaton, what it may do first: the bytes it may
/// read first, and whether it may reach a match reading none. An alternative
/// that reads none of the span's next byte and cannot match there fails, so
/// the backtracker need not try it. A look-around is taken as passed: the
/// openings are a superset, never too few.
#[derive(Debug)]
struct Openings {
    /// Each state's opening, by index into `sets`: states share a few.
    of_state: Vec<u32>,
    sets: Vec<Opening>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
struct Opening {
    /// A bit per byte value.
    bytes: [u64; 4],
    /// A match may be reached without reading a byte.
    matches_empty: bool,
}

impl Opening {
    fn add_byte(&mut self, byte: u8) {
        self.bytes[usize::from(byte / 64)] |= 1 << (byte % 64);
    }

    fn has_byte(&self, byte: u8) -> bool {
        self.bytes[usize::from(byte / 64)] & (1 << (byte % 64)) != 0
    }

    /// Adds `other`'s bytes and empty match; whether that changed `self`.
    fn merge(&mut self, other: &Opening) -> bool {
        let before = *self;
        for (mine, theirs) in self.bytes.iter_mut().zip(other.bytes) {
            *mine |= theirs;
        }
        self.matches_empty |= other.matches_empty;
        *self != before
    }
}

impl Openings {
    fn of(nfa: &NFA) -> Openings {
        let states = nfa.states();
        let mut opening = vec![Opening::default(); states.len()];
        // The bytes a state reads are its own; a state that reads none
        // opens as the states it leads to do, up to a fixed point (the
        // automaton's empty moves may loop).
        for (state, open) in states.iter().zip(opening.iter_mut()) {
            match state {
                State::ByteRange { trans } => {
                    (trans.start..=trans.end).for_each(|b| open.add_byte(b))
                }
                State::Sparse(sparse) => sparse
                    .transitions
                    .iter()
                    .for_each(|t| (t.start..=t.end).for_each(|b| open.add_byte(b))),
                State::Dense(dense) => (0..=255u8)
                    .filter(|&b| dense.matches_byte(b).is_some())
                    .for_each(|b| open.add_byte(b)),
                State::Match { .. } => open.matches_empty = true,
                _ => {}
            }
        }
        let mut changed = true;
        while changed {
            changed = false;
            for index in (0..states.len()).rev() {
                let mut merged = opening[index];
                let mut take = |next: StateID| {
                    merged.merge(&opening[next.as_usize()]);
                };
                match &states[index] {
                    State::Look { next, .. } | State::Capture { next, .. } => take(*next),
                    State::Union { alternates } => alternates.iter().for_each(|&n| take(n)),
                    State::BinaryUnion { alt1, alt2 } => {
                        take(*alt1);
                        take(*alt2);
                    }
                    _ => continue,
                }
                changed |= opening[index].merge(&merged);
            }
        }
        let mut index = std::collections::HashMap::new();
        let mut sets = Vec::new();
        let of_state = opening
            .into_iter()
            .map(|open| {
                *index.entry(open).or_insert_with(|| {
                    sets.push(open);
                    sets.len() as u32 - 1
                })
            })
            .collect();
        Openings { of_state, sets }
    }

    /// Whether `sid` may go on at `at` in `hay`, whose span ends at `end`.
    fn may_go_on(&self, sid: StateID, hay: &[u8], at: usize, end: usize) -> bool {
        let open = &self.sets[self.of_state[sid.as_usize()] as usize];
        open.matches_empty || (at < end && open.has_byte(hay[at]))
    }
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
        Backtracker {
            nfa,
            openings: OnceLock::new(),
        }
    }

    /// Whether a match may start at `at` in `hay`, whose span ends at
    /// `end`: the pattern may read the byte there first (or match empty).
    pub(crate) fn may_start(&self, hay: &[u8], at: usize, end: usize) -> bool {
        let openings = self.openings.get_or_init(|| Openings::of(&self.nfa));
        openings.may_go_on(self.nfa.start_anchored(), hay, at, end)
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
        let openings = self.openings.get_or_init(|| Openings::of(&self.nfa));
        let mut found = false;
        while let Some(frame) = cache.stack.pop() {
            match frame {
                Frame::Step { sid, at } => {
                    if self.step(cache, input, openings, sid, at, slots) {
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
        openings: &Openings,
        mut sid: StateID,
        mut at: usize,
        slots: &mut [Option<NonMaxUsize>],
    ) -> bool {
        let (hay, end) = (input.haystack(), input.end());
        let stride = input.get_span().len() + 1;
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
                    let go_on = |&&alt: &&StateID| openings.may_go_on(alt, hay, at, end);
                    let Some(first) = alternates.iter().position(|alt| go_on(&alt)) else {
                        return false;
                    };
                    sid = alternates[first];
                    let rest = alternates[first + 1..].iter().rev().filter(go_on);
                    cache.stack.extend(rest.map(|&sid| Frame::Step { sid, at }));
                }
                State::BinaryUnion { alt1, alt2 } => {
                    let go_on = |alt| openings.may_go_on(alt, hay, at, end);
                    match (go_on(alt1), go_on(alt2)) {
                        (true, true) => {
                            sid = alt1;
                            cache.stack.push(Frame::Step { sid: alt2, at });
                        }
                        (true, false) => sid = alt1,
                        (false, true) => sid = alt2,
                        (false, false) => return false,
                    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::nfa::thompson::pikevm::PikeVM;
    use regex_automata::{Anchored, MatchKind};

    /// On the span of every match the PikeVM finds, the backtracker finds
    /// that match itself, with the same groups: what `Openings` prunes
    /// never was a way to it. (Through `Pattern`, a backtracker that missed
    /// would go unseen: the PikeVM reads the groups instead.)
    #[test]
    fn pruned_alternatives_never_hide_a_match() {
        let patterns = [
            r"(?P<w>said|says|saying|sa)(?-u:\b)(?P<t>\s+that)?",
            r"(?:(?P<a>x*)|(?P<b>y))(?-u:\b)(?P<c>z?)",
            r"(?P<cue>(?:told|to)(?:\s+(?P<who>reporters|him))?)(?:,|\s+(?P<what>\w+))",
            r"(?P<e>)(?-u:\b)(?P<f>a|)",
            r"(?:a|ab)(?P<rest>c|bcd)?$",
        ];
        let texts = [
            "he said that, saying sa says sai; told him told reporters, to go",
            "xxy z yz xx",
            "",
            "a ab abc abcd",
        ];
        for source in patterns {
            let nfa = NFA::new(source).unwrap();
            let pikevm = PikeVM::builder()
                .configure(PikeVM::config().match_kind(MatchKind::LeftmostFirst))
                .build_from_nfa(nfa.clone())
                .unwrap();
            let ours = Backtracker::new(nfa);
            let (mut vm_cache, mut cache) = (pikevm.create_cache(), Cache::default());
            let (mut theirs, mut mine) = (pikevm.create_captures(), pikevm.create_captures());
            for text in texts {
                for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                    let input = Input::new(text).span(at..text.len());
                    pikevm.captures(&mut vm_cache, input.clone(), &mut theirs);
                    let Some(found) = theirs.get_match() else {
                        continue;
                    };
                    let span = input.span(found.range()).anchored(Anchored::Yes);
                    assert!(
                        ours.captures(&mut cache, &span, &mut mine),
                        "{source} in {text:?} at {at}"
                    );
                    let groups =
                        |c: &Captures| c.iter().map(|g| g.map(|s| s.range())).collect::<Vec<_>>();
                    assert_eq!(
                        groups(&mine),
                        groups(&theirs),
                        "{source} in {text:?} at {at}"
                    );
                }
            }
        }
    }
}
