//! Vetoes and overlaps between the matches of one article part.

use std::collections::BTreeMap;
use std::ops::Range;

use super::matches::RuleMatch;
use crate::model::Kind;

/// Drops every match whose vetoed part (see `RuleMatch::vetoed_part`)
/// overlaps a veto match of its kind, and the vetoes.
pub(super) fn apply_vetoes(matches: Vec<RuleMatch<'_>>) -> Vec<RuleMatch<'_>> {
    // Per kind, veto spans by start, with the furthest end reached so far: a
    // match is vetoed when some veto starting before its end ends after its
    // start. Two binary searches per match, however many vetoes there are.
    let mut vetoes: BTreeMap<Kind, Vec<Range<usize>>> = BTreeMap::new();
    for m in matches.iter().filter(|m| m.rule.veto) {
        vetoes.entry(m.rule.kind).or_default().push(m.span.clone());
    }
    if vetoes.is_empty() {
        return matches;
    }
    let reach: BTreeMap<Kind, (Vec<usize>, Vec<usize>)> = vetoes
        .into_iter()
        .map(|(kind, mut spans)| {
            spans.sort_by_key(|s| s.start);
            let starts = spans.iter().map(|s| s.start).collect();
            let ends = spans
                .iter()
                .scan(0, |furthest, s| {
                    *furthest = s.end.max(*furthest);
                    Some(*furthest)
                })
                .collect();
            (kind, (starts, ends))
        })
        .collect();
    let vetoed = |m: &RuleMatch| {
        let judged = m.vetoed_part();
        reach.get(&m.rule.kind).is_some_and(|(starts, ends)| {
            let before_end = starts.partition_point(|&s| s < judged.end);
            before_end > 0 && ends[before_end - 1] > judged.start
        })
    };
    matches
        .into_iter()
        .filter(|m| !m.rule.veto && !vetoed(m))
        .collect()
}

/// What of a match may not overlap another match of its kind: for a quote,
/// what was said (two statements may share their speaker and cue: “…,” she
/// said, adding that …), for anything else the whole span.
fn claimed(m: &RuleMatch) -> Range<usize> {
    match m.rule.kind {
        Kind::Quote => m.group("quote").unwrap_or_else(|| m.span.clone()),
        _ => m.span.clone(),
    }
}

/// Keeps, within each kind, the matches that win their overlaps (see
/// `claimed`): a fallback rule's after every other's, then the longest span
/// first, then the higher priority, then the earlier rule. Matches of
/// different kinds may nest freely. The result is in text order.
pub(super) fn resolve_overlaps(mut matches: Vec<RuleMatch<'_>>) -> Vec<RuleMatch<'_>> {
    matches.sort_by(|a, b| {
        (a.rule.fallback, b.span.len(), b.rule.priority)
            .cmp(&(b.rule.fallback, a.span.len(), a.rule.priority))
            .then(a.rule.order.cmp(&b.rule.order))
            .then(a.span.start.cmp(&b.span.start))
    });
    let mut taken: BTreeMap<Kind, BTreeMap<usize, usize>> = BTreeMap::new();
    let mut kept = Vec::new();
    for m in matches {
        let spans = taken.entry(m.rule.kind).or_default();
        let claimed = claimed(&m);
        // Taken ranges do not overlap one another, so only the last one that
        // starts before this match ends can overlap it.
        let overlaps = spans
            .range(..claimed.end.max(claimed.start + 1))
            .next_back()
            .is_some_and(|(_, &end)| end > claimed.start);
        if !overlaps {
            spans.insert(claimed.start, claimed.end);
            kept.push(m);
        }
    }
    kept.sort_by_key(|m| {
        (
            m.span.start,
            std::cmp::Reverse(m.span.end),
            m.rule.kind,
            m.rule.order,
        )
    });
    kept
}
