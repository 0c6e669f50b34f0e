//! A group's figures laid out in time: where two sources disagree about the
//! same time, and the timeline of the rest ("150 → 214 → 231").
//!
//! Each article speaks for itself once per time: where it gives several
//! figures of a group for one time ("rose to 214; officials had earlier on
//! Tuesday put the toll at 150"), the first it gives is its figure then, and
//! the others are its own history, not a second source. Two figures disagree
//! when they are about the same time (`AsOf::meets`), come from two sources
//! (speakers, else outlets, else articles) and cannot both be true: they
//! differ, and neither's bounds hold the other ("more than 100" holds 108,
//! "about 18,000" holds 17,800). A range is a claim of its own: only the same
//! range agrees with it.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};

use super::display::display_amount;
use super::figure::{Amount, Figure, Sym, Values};
use super::time::{AsOf, Part};
use crate::model::{Approx, Decimal};

/// How far an approximate figure ("about 18,000") reaches either way.
const APPROXIMATE: f64 = 0.1;
/// The most times the disagreement line names, and the most steps of a
/// timeline: a count reported day after day has hundreds.
const SHOWN_TIMES: usize = 10;
/// The most figures named at one time, and sources named for one figure.
const SHOWN_AT_ONCE: usize = 4;
const SHOWN_SOURCES: usize = 2;
/// The most distinct figures of one time compared pairwise: a concept that
/// lumps several things together can have hundreds in a day.
const COMPARED_AT_ONCE: usize = 32;

/// What a group's figures say in time.
#[derive(Debug, Default)]
pub struct Told {
    /// Two sources give figures for about the same time that cannot both be
    /// true.
    pub disagree: bool,
    /// "2024-05-14 evening: 209 (Frans Tumiwa) vs 214 (Associated Press)".
    pub disagreement: String,
    /// "2024-05-14 morning: 150 (Associated Press) → 2024-05-14 evening: 209
    /// (Frans Tumiwa); 214 (Associated Press) → 2024-05-15: 231 (...)".
    pub timeline: String,
}

/// One figure as one article gives it for one time.
#[derive(Clone, Copy)]
struct Entry {
    at: Option<AsOf>,
    amount: u32,
    approx: Approx,
    source: Source,
    /// Who to name for it: its speaker, else its outlet.
    named: Sym,
    /// Whether it has a speaker.
    spoken: bool,
    /// Its source were it unattributed: its outlet, else its article.
    unattributed: Source,
}

/// A figure's source: its speaker; else its outlet; else its article.
type Source = (Sym, u32);

fn source(f: &Figure, values: &Values) -> Source {
    match values.strings.get(f.speaker) {
        "" => unattributed(f, values),
        _ => (f.speaker, u32::MAX),
    }
}

/// A figure's source as if it had no speaker.
fn unattributed(f: &Figure, values: &Values) -> Source {
    match values.strings.get(f.outlet) {
        "" => (f.outlet, f.doc),
        _ => (f.outlet, u32::MAX),
    }
}

/// Each time's figures; figures of no known time under `None`.
type Times = BTreeMap<Option<AsOf>, Vec<AtOnce>>;

/// A figure of `Times`: its time, and its index among that time's figures.
type FigureAt = (Option<AsOf>, usize);

/// Figures in conflict at one time.
struct Conflict {
    at: AsOf,
    figures: Vec<FigureAt>,
}

/// A figure at one time, with its sources.
struct AtOnce {
    amount: u32,
    approx: Approx,
    first: Source,
    several: bool,
    named: Vec<Sym>,
}

/// Reads a group's figures (`figures`: each definite figure of the group
/// with its row's copies, in the order read).
pub fn tell<'a>(figures: impl Iterator<Item = &'a Figure>, values: &Values) -> Told {
    let mut entries: Vec<(u32, u64, Entry)> = figures
        .filter(|f| f.approx != Approx::Vague)
        .map(|f| {
            let spoken = !values.strings.get(f.speaker).is_empty();
            let entry = Entry {
                at: f.as_of,
                amount: f.amount,
                approx: f.approx,
                source: source(f, values),
                named: if spoken { f.speaker } else { f.outlet },
                spoken,
                unattributed: unattributed(f, values),
            };
            (f.doc, f.at, entry)
        })
        .collect();
    // Each source's first figure for each time in each article: by
    // article, then as written. Where the article's unattributed figure (a
    // headline) is the one a speaker then gives (its lead), the speaker is
    // its source.
    entries.sort_by_key(|&(doc, at, _)| (doc, at));
    let mut first: FxHashMap<(u32, Option<AsOf>, Source), usize> = FxHashMap::default();
    let mut kept: Vec<Entry> = Vec::new();
    for (doc, _, e) in entries {
        if first.contains_key(&(doc, e.at, e.source)) {
            continue;
        }
        let unattributed = first.get(&(doc, e.at, e.unattributed)).copied();
        let k = match unattributed {
            Some(k) if e.spoken && (kept[k].amount, kept[k].approx) == (e.amount, e.approx) => {
                kept[k] = e;
                k
            }
            _ => {
                kept.push(e);
                kept.len() - 1
            }
        };
        first.insert((doc, e.at, e.source), k);
    }
    // Each time's figures with their sources; figures of no known time apart.
    let mut times: Times = BTreeMap::new();
    let mut slot: FxHashMap<(Option<AsOf>, u32, Approx), usize> = FxHashMap::default();
    for e in kept {
        let figures = times.entry(e.at).or_default();
        let k = *slot.entry((e.at, e.amount, e.approx)).or_insert_with(|| {
            figures.push(AtOnce {
                amount: e.amount,
                approx: e.approx,
                first: e.source,
                several: false,
                named: Vec::new(),
            });
            figures.len() - 1
        });
        let f = &mut figures[k];
        f.several |= f.first != e.source;
        if f.named.len() <= SHOWN_SOURCES && !f.named.contains(&e.named) {
            f.named.push(e.named);
        }
    }
    let distinct = times
        .values()
        .flatten()
        .map(|f| f.amount)
        .collect::<FxHashSet<_>>()
        .len();
    if distinct < 2 {
        return Told::default();
    }
    let conflicts = conflicts(&times, values);
    Told {
        disagree: !conflicts.is_empty(),
        disagreement: disagreement_line(&conflicts, &times, values),
        timeline: timeline_line(&times, values),
    }
}

/// The times at which two sources' figures cannot both be true, with the
/// figures (by their index among the time's) in conflict there.
fn conflicts(times: &Times, values: &Values) -> Vec<Conflict> {
    let mut out: Vec<Conflict> = Vec::new();
    let mut index: FxHashMap<AsOf, usize> = FxHashMap::default();
    let known: Vec<AsOf> = times.keys().flatten().copied().collect();
    for (i, &a) in known.iter().enumerate() {
        // Times of one day are next to each other, the unknown part first.
        for &b in known[i..].iter().take_while(|b| b.day == a.day) {
            if !a.meets(b) {
                continue;
            }
            let at = if a.part == Part::Unknown { b } else { a };
            let (xs, ys) = (&times[&Some(a)], &times[&Some(b)]);
            for (x, fx) in xs.iter().enumerate().take(COMPARED_AT_ONCE) {
                for (y, fy) in ys.iter().enumerate().take(COMPARED_AT_ONCE) {
                    let two_sources = fx.several || fy.several || fx.first != fy.first;
                    if two_sources && !compatible(fx, fy, values) {
                        let k = *index.entry(at).or_insert_with(|| {
                            out.push(Conflict {
                                at,
                                figures: Vec::new(),
                            });
                            out.len() - 1
                        });
                        let found = &mut out[k].figures;
                        for member in [(Some(a), x), (Some(b), y)] {
                            if !found.contains(&member) {
                                found.push(member);
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

/// Whether two figures can both be true: the same figure, or single figures
/// whose bounds overlap ("more than 100" and 108; "about 18,000" and 17,800).
fn compatible(a: &AtOnce, b: &AtOnce, values: &Values) -> bool {
    if a.amount == b.amount && a.approx == b.approx {
        return true;
    }
    let (x, y) = (*values.amounts.get(a.amount), *values.amounts.get(b.amount));
    if x.max.is_some() || y.max.is_some() {
        return x == y;
    }
    let ((lo_a, hi_a), (lo_b, hi_b)) = (bounds(x, a.approx), bounds(y, b.approx));
    lo_a <= hi_b && lo_b <= hi_a
}

/// The figures a single figure allows, by its qualifier.
fn bounds(amount: Amount, approx: Approx) -> (f64, f64) {
    let v = Decimal::to_f64(amount.value);
    match approx {
        Approx::Exact | Approx::Vague => (v, v),
        Approx::Approximate => (v * (1.0 - APPROXIMATE), v * (1.0 + APPROXIMATE)),
        Approx::AtLeast => (v, f64::INFINITY),
        // "as many as 4,500" is an estimate near its figure, not any figure below it.
        Approx::AtMost => (v * (1.0 - APPROXIMATE), v),
    }
}

/// "209 (Frans Tumiwa; 2 more)".
fn shown(f: &AtOnce, values: &Values) -> String {
    let mut names: Vec<&str> = f
        .named
        .iter()
        .take(SHOWN_SOURCES)
        .map(|&s| match values.strings.get(s) {
            "" => "unattributed",
            name => name,
        })
        .collect();
    if f.named.len() > SHOWN_SOURCES {
        names.push("more");
    }
    format!(
        "{} ({})",
        display_amount(*values.amounts.get(f.amount)),
        names.join("; ")
    )
}

fn disagreement_line(conflicts: &[Conflict], times: &Times, values: &Values) -> String {
    let mut parts: Vec<String> = conflicts
        .iter()
        .take(SHOWN_TIMES)
        .map(|Conflict { at, figures }| {
            let figures: Vec<String> = figures
                .iter()
                .take(SHOWN_AT_ONCE)
                .map(|(t, k)| shown(&times[t][*k], values))
                .collect();
            format!("{at}: {}", figures.join(" vs "))
        })
        .collect();
    if conflicts.len() > SHOWN_TIMES {
        parts.push(format!("{} more times", conflicts.len() - SHOWN_TIMES));
    }
    parts.join("; ")
}

fn timeline_line(times: &Times, values: &Values) -> String {
    let step = |at: &Option<AsOf>, figures: &[AtOnce]| {
        let mut shown: Vec<String> = figures
            .iter()
            .take(SHOWN_AT_ONCE)
            .map(|f| shown(f, values))
            .collect();
        if figures.len() > SHOWN_AT_ONCE {
            shown.push(format!("{} more", figures.len() - SHOWN_AT_ONCE));
        }
        match at {
            Some(at) => format!("{at}: {}", shown.join("; ")),
            None => format!("undated: {}", shown.join("; ")),
        }
    };
    // The undated sort first in the map; they go last.
    let dated: Vec<_> = times.iter().filter(|(at, _)| at.is_some()).collect();
    let mut steps: Vec<String> = match dated.len() > SHOWN_TIMES {
        false => dated.iter().map(|(at, f)| step(at, f)).collect(),
        true => {
            // The first steps and the latest ones.
            let head = SHOWN_TIMES / 2;
            let tail = SHOWN_TIMES - head;
            let mut s: Vec<String> = dated[..head].iter().map(|(at, f)| step(at, f)).collect();
            s.push(format!("{} more times", dated.len() - SHOWN_TIMES));
            s.extend(
                dated[dated.len() - tail..]
                    .iter()
                    .map(|(at, f)| step(at, f)),
            );
            s
        }
    };
    if let Some(undated) = times.get(&None) {
        steps.push(step(&None, undated));
    }
    steps.join(" → ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::time::as_of;
    use crate::model::Timex;

    /// Figures as `compare` holds them, with the values they stand for.
    #[derive(Default)]
    struct Story {
        values: Values,
        figures: Vec<Figure>,
    }

    impl Story {
        /// A figure of article `doc`, written after the ones added before.
        fn add(&mut self, doc: u32, figure: &str, speaker: &str, outlet: &str, at: &str) {
            let (value, max) = match figure.split_once('-') {
                Some((v, m)) => (v, Some(m)),
                None => (figure, None),
            };
            let (approx, value) = match value.split_once(' ') {
                Some(("about", v)) => (Approx::Approximate, v),
                Some(("over", v)) => (Approx::AtLeast, v),
                Some(("upto", v)) => (Approx::AtMost, v),
                _ => (Approx::Exact, value),
            };
            let amount = Amount {
                value: value.parse().unwrap(),
                max: max.map(|m| m.parse().unwrap()),
            };
            let strings = &mut self.values.strings;
            let none = strings.intern("");
            let when: Timex = at.parse().unwrap();
            self.figures.push(Figure {
                doc,
                amount: self.values.amounts.intern(&amount),
                approx,
                unit: none,
                concept: none,
                actor: none,
                event: None,
                speaker: strings.intern(speaker),
                when: 0,
                published: None,
                as_of: as_of(Some(&when), None, None),
                total: false,
                outlet: strings.intern(outlet),
                at: self.figures.len() as u64,
            });
        }

        fn told(&self) -> Told {
            tell(self.figures.iter(), &self.values)
        }
    }

    #[test]
    fn figures_whose_bounds_hold_each_other_agree() {
        for (a, b, disagree) in [
            ("over 100", "108", false),
            ("about 90", "over 108", true),
            ("about 18000", "17800", false),
            ("15500", "about 18000", true),
            ("upto 4500", "about 3000", true),
            ("10000", "10000-12000", true),
            ("10000-12000", "10000-12000", false),
        ] {
            let mut story = Story::default();
            story.add(0, a, "the agency", "", "2024-05-14TEV");
            story.add(1, b, "the governor", "", "2024-05-14TEV");
            assert_eq!(story.told().disagree, disagree, "{a} and {b}");
        }
    }

    #[test]
    fn figures_of_different_times_are_a_timeline() {
        let mut story = Story::default();
        story.add(0, "150", "", "AP", "2024-05-14TMO");
        story.add(1, "214", "", "Reuters", "2024-05-14TEV");
        story.add(2, "231", "the agency", "", "2024-05-15");
        let told = story.told();
        assert!(!told.disagree);
        assert_eq!(told.disagreement, "");
        assert_eq!(
            told.timeline,
            "2024-05-14 morning: 150 (AP) → 2024-05-14 evening: 214 (Reuters) → 2024-05-15: 231 (the agency)"
        );
        // A figure of the whole day is about the same time as each part of it.
        story.add(3, "209", "the governor", "", "2024-05-14");
        let told = story.told();
        assert!(told.disagree);
        assert_eq!(
            told.disagreement,
            "2024-05-14 morning: 209 (the governor) vs 150 (AP); \
             2024-05-14 evening: 209 (the governor) vs 214 (Reuters)"
        );
    }

    #[test]
    fn an_articles_earlier_figure_is_its_own_history_not_a_second_source() {
        let mut story = Story::default();
        // "rose to 214 ... Officials had earlier on Tuesday put the toll at 150."
        story.add(0, "214", "", "AP", "2024-05-14TEV");
        story.add(0, "150", "", "AP", "2024-05-14TEV");
        story.add(1, "214", "", "Berita Kini", "2024-05-14TEV");
        let told = story.told();
        assert!(!told.disagree, "{}", told.disagreement);
        // One figure at one time: nothing to lay out.
        assert_eq!(told.timeline, "");
    }

    #[test]
    fn a_headline_figure_takes_the_speaker_of_its_lead() {
        let mut story = Story::default();
        story.add(0, "209", "", "Kaluwi Pos", "2024-05-14TEV");
        story.add(0, "209", "Frans Tumiwa", "Kaluwi Pos", "2024-05-14TEV");
        story.add(1, "214", "", "AP", "2024-05-14TEV");
        let told = story.told();
        assert_eq!(
            told.disagreement,
            "2024-05-14 evening: 209 (Frans Tumiwa) vs 214 (AP)"
        );
    }

    #[test]
    fn one_source_giving_two_figures_at_once_is_no_disagreement() {
        let mut story = Story::default();
        story.add(0, "21", "Esther Bwalya", "", "2024-06-12");
        story.add(1, "7", "Esther Bwalya", "", "2024-06-12");
        assert!(!story.told().disagree);
    }
}
