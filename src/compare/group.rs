//! Grouping counts that count the same thing, one row per story and way of
//! reporting, and what a group's figures say together: whether they
//! disagree, in one line, and which rows repeat a figure since replaced.

use std::collections::BTreeSet;
use std::io;

use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};

use super::display::{day, display_amount, display_day, display_speaker, last_day};
use super::figure::{Amount, Figure, Sym, Values};
use super::spill::{Spill, Spilled};
use super::story::Stories;
use super::timeline::{Told, tell};
use crate::model::{Approx, Claim, Event, Timex};

/// How coarsely figures are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    /// The same concept, event and actor.
    #[default]
    ConceptActor,
    /// The same concept and event, whoever the actor.
    Concept,
}

/// One figure as articles report it: a count claim, with the reprints of it.
#[derive(Debug, Clone)]
pub struct Row {
    /// The first copy read.
    pub figure: Figure,
    /// The story number (`s1` is 1).
    pub story: u32,
    /// Reprints and a staleness hint, which few rows have: boxed, so that a
    /// row without them is a third smaller (a day's crawl has a million rows).
    extra: Option<Box<RowExtra>>,
}

#[derive(Debug, Clone, Default)]
struct RowExtra {
    copies: Vec<Figure>,
    stale: String,
}

/// Counts of one thing.
#[derive(Debug, Clone)]
pub struct Group {
    /// `concept event / actor` ("troops deployed / North Korea"), less the
    /// parts that are empty; a count with no concept goes by its unit:
    /// `countries (no concept)`.
    pub key: String,
    pub concept: String,
    pub actor: String,
    /// What happened to the counted (`killed`), or empty.
    pub event: String,
    /// Whether its figures are compared: they have a concept, and are not
    /// about earlier events named in passing.
    pub compared: bool,
    pub rows: Vec<Row>,
    /// The distinct figures, vague ones ("thousands") left out.
    pub figures: Vec<Amount>,
    /// Two sources give different figures for about the same time: the
    /// same day, and the same part of it where both say one.
    pub disagree: bool,
    /// Different figures, each for a time of its own: a toll that rose
    /// during the day, a figure replaced by a newer one.
    pub updated: bool,
    /// The figures in conflict, by time: "2024-11-04: 10,000 (Matthew
    /// Miller) vs 10,000–12,000 (...)"; or why the group is not compared.
    pub disagreement: String,
    /// The figures in time: "2024-10-31: 8,000 (the U.S. government) →
    /// 2024-11-04: 10,000 (Matthew Miller)".
    pub timeline: String,
}

impl Row {
    fn new(figure: Figure, story: u32) -> Row {
        Row {
            figure,
            story,
            extra: None,
        }
    }

    /// The same figure reported the same way by other articles of the story.
    pub fn copies(&self) -> &[Figure] {
        self.extra.as_ref().map_or(&[], |e| &e.copies)
    }

    /// A hint that this row reports as current a figure other articles date
    /// earlier and have since replaced; empty if not.
    pub fn stale(&self) -> &str {
        self.extra.as_ref().map_or("", |e| &e.stale)
    }

    fn extra(&mut self) -> &mut RowExtra {
        self.extra.get_or_insert_default()
    }

    /// The numbers of the articles that report this row: the first copy,
    /// then the reprints, each once.
    fn docs(&self) -> Vec<u32> {
        // A story run by thousands of sites has thousands of copies: a set,
        // not a search of the list for each.
        let mut seen = FxHashSet::default();
        std::iter::once(&self.figure)
            .chain(self.copies())
            .map(|f| f.doc)
            .filter(|&d| seen.insert(d))
            .collect()
    }
}

impl Group {
    /// The articles behind the group's rows, reprints included.
    pub fn articles(&self) -> usize {
        distinct_docs(std::slice::from_ref(self))
    }

    /// `not compared`, `figures disagree`, `figures updated` or `figures agree`.
    pub fn verdict(&self) -> &'static str {
        match (self.compared, self.disagree, self.updated) {
            (false, _, _) => "not compared",
            (true, true, _) => "figures disagree",
            (true, false, true) => "figures updated",
            (true, false, false) => "figures agree",
        }
    }
}

fn distinct_docs(groups: &[Group]) -> usize {
    groups
        .iter()
        .flat_map(|g| &g.rows)
        .flat_map(|r| std::iter::once(&r.figure).chain(r.copies()))
        .map(|f| f.doc)
        .collect::<BTreeSet<_>>()
        .len()
}

/// The groups, and what it takes to write them: the values their figures
/// stand for, the article ids, and the full claims on disk.
#[derive(Debug)]
pub struct Comparison {
    pub groups: Vec<Group>,
    values: Values,
    /// Article ids, by the numbers figures carry.
    docs: Vec<std::sync::Arc<str>>,
    claims: Spilled,
}

impl Comparison {
    /// The full claim behind a figure, as `extract` wrote it.
    pub fn claim(&self, figure: &Figure) -> io::Result<Claim> {
        self.claims.read(figure.at)
    }

    /// The text a figure's field stands for.
    pub fn text(&self, sym: Sym) -> &str {
        self.values.strings.get(sym)
    }

    /// A row's figure.
    pub fn amount(&self, row: &Row) -> Amount {
        self.values.amount(&row.figure)
    }

    /// The date a row's figure is given for.
    pub fn when(&self, row: &Row) -> Option<&Timex> {
        self.values.when(&row.figure)
    }

    /// The articles that report a row: the first copy, then the reprints.
    pub fn articles(&self, row: &Row) -> Vec<&str> {
        row.docs()
            .into_iter()
            .map(|d| &*self.docs[d as usize])
            .collect()
    }

    /// The reprints of a row: its articles but the first.
    pub fn reprints(&self, row: &Row) -> Vec<&str> {
        self.articles(row).split_off(1)
    }

    /// Every outlet that ran a row, in order, without repeats.
    pub fn outlets(&self, row: &Row) -> Vec<&str> {
        let mut seen = FxHashSet::default();
        std::iter::once(&row.figure)
            .chain(row.copies())
            .filter(|f| seen.insert(f.outlet))
            .map(|f| self.text(f.outlet))
            .filter(|outlet| !outlet.is_empty())
            .collect()
    }

    /// The figure for people: `10,000`, `10,000–12,000`, or the words of a
    /// vague count ("thousands of soldiers" has a value only so that it sorts).
    pub fn shown_figure(&self, row: &Row) -> io::Result<String> {
        Ok(match is_definite(&row.figure) {
            true => display_amount(self.amount(row)),
            false => self.claim(&row.figure)?.text,
        })
    }

    /// The distinct articles behind all the groups' rows, reprints included.
    pub fn article_count(&self) -> usize {
        distinct_docs(&self.groups)
    }
}

/// A row's story as shown: `s1`.
pub fn story_id(row: &Row) -> String {
    format!("s{}", row.story)
}

/// Gathers claims (from an extraction or a claims table) for comparison. Only
/// count claims are kept, each as a compact `Figure` with its full row on
/// disk; the sentences of articles with a count feed story detection.
#[derive(Debug, Default)]
pub struct Collector {
    figures: Vec<Figure>,
    values: Values,
    stories: Stories,
    claims: Spill,
}

impl Collector {
    /// Adds one article's claims. An article with no count is left out of
    /// story detection: it has no figure to show, and skipping it keeps memory
    /// to the articles that matter.
    pub fn add_article(&mut self, claims: Vec<Claim>) -> io::Result<()> {
        let has_count = claims
            .iter()
            .any(|c| c.count().is_some_and(|c| c.value.is_some()));
        if has_count {
            claims.into_iter().try_for_each(|c| self.add(c))?;
        }
        Ok(())
    }

    /// Adds one claim (of a claims table read row by row). Fails only when
    /// the temporary file for count claims cannot be written.
    pub fn add(&mut self, claim: Claim) -> io::Result<()> {
        // Every article is registered, with or without a sentence (a table
        // edited down to a few columns): an article with nothing to compare
        // is a story of its own, never everyone's reprint.
        let doc = self.stories.add(&claim.provenance.doc_id, &claim.sentence);
        let compared = claim.count().is_some_and(|c| c.value.is_some());
        if compared {
            let at = self.claims.push(&claim)?;
            self.figures
                .extend(Figure::new(&claim, doc, at, &mut self.values));
        }
        Ok(())
    }

    /// The groups, the ones reported by the most stories first.
    pub fn finish(self, by: GroupBy) -> io::Result<Comparison> {
        let Collector {
            figures,
            mut values,
            stories,
            claims,
        } = self;
        let mut with_counts = vec![
            false;
            figures
                .iter()
                .map(|f| f.doc as usize + 1)
                .max()
                .unwrap_or(0)
        ];
        for f in &figures {
            with_counts[f.doc as usize] = true;
        }
        let story_of =
            stories.assign(|doc| with_counts.get(doc as usize).copied().unwrap_or(false));
        drop(with_counts);
        let docs = stories.into_docs();
        // Each figure's group, (concept, actor, event, unit). Figures are
        // visited in the order of their groups' names through a list of their
        // indices, not copied into a map of groups.
        let (strings, whens) = (&mut values.strings, &values.whens);
        let none = strings.intern("");
        let mut keys: Vec<Key> = figures
            .iter()
            .map(|f| {
                let (concept, unit) = match strings.get(f.concept).is_empty() {
                    false => (f.concept, none),
                    true => {
                        let lower = strings.get(f.unit).to_lowercase();
                        (none, strings.intern(&lower))
                    }
                };
                let actor = match by {
                    GroupBy::ConceptActor => f.actor,
                    GroupBy::Concept => none,
                };
                // Only figures that are compared need telling apart by event.
                let earlier = concept != none
                    && about_an_earlier_event(whens.get(f.when).as_ref(), f.published);
                Key {
                    concept,
                    actor,
                    event: f.event,
                    unit,
                    earlier,
                    total: f.total,
                }
            })
            .collect();
        let speakers: Vec<Sym> = figures.iter().map(|f| f.speaker).collect();
        join_unsaid(&mut keys, &speakers, none);
        let strings = &values.strings;
        let text = |k: Key| {
            (
                [
                    strings.get(k.concept),
                    strings.get(k.actor),
                    k.event.map_or("", Event::as_str),
                    strings.get(k.unit),
                ],
                k.earlier,
                k.total,
            )
        };
        let mut order: Vec<u32> = (0..figures.len() as u32).collect();
        // Stable: a group's figures stay in the order they were read.
        order.sort_by(|&a, &b| text(keys[a as usize]).cmp(&text(keys[b as usize])));
        let mut groups: Vec<Group> = order
            .chunk_by(|&a, &b| keys[a as usize] == keys[b as usize])
            .map(|run| {
                let (names, earlier, total) = text(keys[run[0] as usize]);
                let figures = run.iter().map(|&k| figures[k as usize]);
                let kind = Kind { earlier, total };
                group(names, kind, figures.len(), figures, &story_of, &values)
            })
            .collect();
        drop((figures, keys, order));
        let stories_of = |g: &Group| {
            g.rows
                .iter()
                .map(|r| r.story)
                .collect::<BTreeSet<_>>()
                .len()
        };
        // Groups with a concept first, then the ones most stories report.
        groups.sort_by(|a, b| {
            (a.concept.is_empty().cmp(&b.concept.is_empty()))
                .then_with(|| stories_of(b).cmp(&stories_of(a)))
                .then_with(|| a.key.cmp(&b.key))
        });
        Ok(Comparison {
            groups,
            values,
            docs,
            claims: claims.finish()?,
        })
    }
}

/// A figure's group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    concept: Sym,
    actor: Sym,
    event: Option<Event>,
    /// The unit, lowercased, for a count with no concept.
    unit: Sym,
    /// About an event well before its article.
    earlier: bool,
    /// A total ("in all", "worldwide").
    total: bool,
}

/// What sets a group apart beyond its names.
#[derive(Debug, Clone, Copy)]
struct Kind {
    earlier: bool,
    total: bool,
}

/// Whether a figure is about an event well before its article: the date it
/// is given for ends more than this many days before the article's date ("the
/// deadliest since a 2006 sinking that killed 332 people").
const EARLIER_EVENT_DAYS: u64 = 31;

fn about_an_earlier_event(when: Option<&Timex>, published: Option<NaiveDate>) -> bool {
    let (Some(end), Some(published)) = (when.and_then(last_day), published) else {
        return false;
    };
    end.checked_add_days(chrono::Days::new(EARLIER_EVENT_DAYS))
        .is_some_and(|cutoff| cutoff < published)
}

/// A figure whose clause says nothing of what happened ("the 8,000 troops
/// the government mentioned") joins the figures of its concept and actor
/// when they all name one event ("deployed"); where they name several
/// ("killed", "rescued"), nothing says which it counts, and it stays apart.
/// Then a figure with no actor takes the one actor its speaker's figures of
/// its concept and event name ("The Defense Ministry said 3,800 troops were
/// now stationed in the valley", after its "Valdoria has deployed about 3,000
/// troops"); else it joins the figures of its concept and event in the same
/// way, when they all name one actor. `speakers` are the figures'.
fn join_unsaid(keys: &mut [Key], speakers: &[Sym], none: Sym) {
    // Events within (concept, actor, unit), then actors within (concept,
    // event, unit, speaker) and within (concept, event, unit).
    fill_unsaid(
        keys,
        |_, k| (k.concept, k.actor, k.unit),
        |k| k.event,
        |k, e| k.event = Some(e),
    );
    let actor = |k: &Key| Some(k.actor).filter(|a| *a != none);
    // Unattributed figures are no one speaker's: each is a group of its own.
    let spoken = |i: usize, k: &Key| {
        let speaker = speakers[i];
        let alone = if speaker == none { i } else { usize::MAX };
        (k.concept, k.event, k.unit, speaker, alone)
    };
    fill_unsaid(keys, spoken, actor, |k, a| k.actor = a);
    fill_unsaid(
        keys,
        |_, k| (k.concept, k.event, k.unit),
        actor,
        |k, a| k.actor = a,
    );
}

/// Fills the part `said` reads of each key that says none with the one
/// value the keys of its `group` say, where they all say the same. A group
/// is read from a key and its index.
fn fill_unsaid<G: std::hash::Hash + Eq, V: Copy + Eq>(
    keys: &mut [Key],
    group: impl Fn(usize, &Key) -> G,
    said: impl Fn(&Key) -> Option<V>,
    set: impl Fn(&mut Key, V),
) {
    // Per group: the one value said, or none if several are.
    let mut named: FxHashMap<G, Option<V>> = FxHashMap::default();
    for (i, key) in keys.iter().enumerate() {
        if let Some(value) = said(key) {
            named
                .entry(group(i, key))
                .and_modify(|one| *one = one.filter(|v| *v == value))
                .or_insert(Some(value));
        }
    }
    for (i, key) in keys.iter_mut().enumerate() {
        if said(key).is_none()
            && let Some(Some(one)) = named.get(&group(i, key))
        {
            set(key, *one);
        }
    }
}

/// The group of `count` figures.
fn group(
    [concept, actor, event, unit]: [&str; 4],
    Kind { earlier, total }: Kind,
    count: usize,
    figures: impl Iterator<Item = Figure>,
    story_of: &[u32],
    values: &Values,
) -> Group {
    // One row per story and way of reporting: a reprint adds itself to the
    // row of the copy first read. Sized for a row per figure: grown by
    // doubling, the rows and their index of a group of half a million
    // figures would take twice the room for a moment.
    let mut rows: Vec<Row> = Vec::with_capacity(count);
    let mut row_of: FxHashMap<(u32, u32, Approx, Sym, u32), usize> =
        FxHashMap::with_capacity_and_hasher(count, Default::default());
    for f in figures {
        let story = story_of[f.doc as usize];
        let key = (story, f.amount, f.approx, f.speaker, f.when);
        match row_of.get(&key) {
            Some(&k) if rows[k].figure.doc != f.doc => rows[k].extra().copies.push(f),
            _ => {
                row_of.insert(key, rows.len());
                rows.push(Row::new(f, story));
            }
        }
    }
    let keys = FigureKeys::new(&rows);
    let definite = keys.definite(&rows);
    // Figures of earlier events named in passing are listed, never compared:
    // one article's older fire and another's are not the same event.
    let comparable = !concept.is_empty() && !earlier;
    if comparable {
        mark_stale(&mut rows, &keys, values);
    }
    let told = match comparable {
        true => {
            let reported = rows
                .iter()
                .flat_map(|r| std::iter::once(&r.figure).chain(r.copies()));
            tell(reported, values)
        }
        false => Told::default(),
    };
    let disagreement = match (comparable, definite.len()) {
        (true, _) => told.disagreement,
        (false, 2..) if earlier => {
            "not compared: figures of earlier events the articles name in passing".into()
        }
        (false, 2..) => {
            "not compared: no concept in the rules says these count the same thing".into()
        }
        (false, _) => String::new(),
    };
    let named = match (concept.is_empty(), event.is_empty()) {
        (false, true) => concept.to_string(),
        (false, false) => format!("{concept} {}", event.replace('_', " ")),
        // The unit as its first row writes it ("NATO member countries"):
        // the group's key is lowercased only to bring spellings together.
        (true, _) => {
            let written = rows.first().map(|r| values.strings.get(r.figure.unit));
            format!("{} (no concept)", written.unwrap_or(unit))
        }
    };
    let named = match total {
        true => format!("{named}, totals"),
        false => named,
    };
    let named = match earlier {
        true => format!("{named}, earlier events"),
        false => named,
    };
    Group {
        key: match actor.is_empty() {
            true => named,
            false => format!("{named} / {actor}"),
        },
        concept: concept.to_string(),
        actor: actor.to_string(),
        event: event.to_string(),
        compared: comparable,
        disagree: told.disagree,
        updated: comparable && definite.len() > 1 && !told.disagree,
        figures: definite
            .iter()
            .map(|&k| *values.amounts.get(keys.keys[k as usize]))
            .collect(),
        disagreement,
        timeline: told.timeline,
        rows,
    }
}

/// Whether a figure states a number at all: "thousands of soldiers" does not.
fn is_definite(f: &Figure) -> bool {
    f.approx != Approx::Vague
}

/// The distinct figures of a group's rows: the steps below compare figures
/// by number, in time linear in the rows.
struct FigureKeys {
    /// The distinct figures (as `Values::amounts` numbers), in the order of
    /// their first row.
    keys: Vec<u32>,
    /// Each row's figure, as an index into `keys`.
    of_row: Vec<u32>,
}

impl FigureKeys {
    fn new(rows: &[Row]) -> FigureKeys {
        let mut index: FxHashMap<u32, u32> = FxHashMap::default();
        let mut keys = Vec::new();
        let of_row = rows
            .iter()
            .map(|r| {
                *index.entry(r.figure.amount).or_insert_with(|| {
                    keys.push(r.figure.amount);
                    keys.len() as u32 - 1
                })
            })
            .collect();
        FigureKeys { keys, of_row }
    }

    /// The distinct figures that state a number, in the order of their
    /// first row, as indices into `keys`.
    fn definite(&self, rows: &[Row]) -> Vec<u32> {
        let mut seen = vec![false; self.keys.len()];
        let mut out = Vec::new();
        for (r, &k) in rows.iter().zip(&self.of_row) {
            if is_definite(&r.figure) && !std::mem::replace(&mut seen[k as usize], true) {
                out.push(k);
            }
        }
        out
    }

    /// The figure of key `k`, for people.
    fn shown(&self, k: u32, values: &Values) -> String {
        display_amount(*values.amounts.get(self.keys[k as usize]))
    }
}

/// Marks rows that give, undated, a figure that other articles date to a day
/// before another figure's: in an article published after the newer figure, or
/// with no date at all, the older one reads as current but is not.
fn mark_stale(rows: &mut [Row], keys: &FigureKeys, values: &Values) {
    // The day a figure is dated to, where it is a definite figure and a day
    // (the only dates compared for staleness).
    let dated = |f: &Figure| values.when(f).and_then(day).filter(|_| is_definite(f));
    // The latest day each figure is dated to, by key.
    let mut latest: Vec<Option<NaiveDate>> = vec![None; keys.keys.len()];
    for (r, &k) in rows.iter().zip(&keys.of_row) {
        if let Some(day) = dated(&r.figure) {
            latest[k as usize] = latest[k as usize].max(Some(day));
        }
    }
    let newest = rows
        .iter()
        .zip(&keys.of_row)
        .filter_map(|(r, &k)| Some((dated(&r.figure)?, k, r)))
        .max_by(|(a, ..), (b, ..)| a.cmp(b))
        .map(|(day, k, r)| {
            let speaker = display_speaker(values.strings.get(r.figure.speaker));
            (k, day, speaker)
        });
    let Some((newest_figure, newest_day, newest_speaker)) = newest else {
        return;
    };
    for (r, &k) in rows.iter_mut().zip(&keys.of_row) {
        let Some(dated) = latest[k as usize] else {
            continue;
        };
        let undated = values.when(&r.figure).is_none();
        let published_after = r.figure.published.is_none_or(|p| p >= newest_day);
        if undated && published_after && k != newest_figure && dated < newest_day {
            r.extra().stale = format!(
                "{} is dated {} elsewhere; {} ({newest_speaker}) is dated {}",
                keys.shown(k, values),
                display_day(Some(dated)),
                keys.shown(newest_figure, values),
                display_day(Some(newest_day)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::{Body, Count, Decimal, When};

    fn count(doc: &str, value: &str, max: &str, speaker: &str, when: &str) -> Claim {
        let figure = |s: &str| (!s.is_empty()).then(|| s.parse::<Decimal>().unwrap());
        let mut c = Claim::new(Body::Count(Count {
            value: figure(value),
            value_max: figure(max),
            concept: "troops".into(),
            actor: "North Korea".into(),
            ..Count::new()
        }));
        Arc::make_mut(&mut c.provenance).doc_id = doc.into();
        c.attribution.speaker = speaker.into();
        c.when = (!when.is_empty()).then(|| When {
            value: Some(when.parse().unwrap()),
            text: String::new(),
        });
        c.sentence =
            format!("{doc} reports that {speaker} gave the figure {value} for the troops today");
        c
    }

    #[test]
    fn figures_disagree_and_the_older_one_is_stale_where_undated() {
        let mut collector = Collector::default();
        collector
            .add(count("a", "8000", "", "the U.S. government", "2024-10-31"))
            .unwrap();
        collector
            .add(count("a", "10000", "", "Matthew Miller", "2024-11-04"))
            .unwrap();
        let undated = count("b", "8000", "", "the U.S. government", "");
        collector.add(undated.clone()).unwrap();
        let comparison = collector.finish(GroupBy::ConceptActor).unwrap();
        let groups = &comparison.groups;
        assert_eq!(groups.len(), 1);
        let g = &groups[0];
        assert_eq!(g.key, "troops / North Korea");
        // 8,000 as of Oct. 31, 10,000 as of Nov. 4: an update, not a conflict.
        assert!(!g.disagree && g.updated);
        assert_eq!(g.disagreement, "");
        assert_eq!(
            g.timeline,
            "2024-10-31: 8,000 (the U.S. government) → 2024-11-04: 10,000 (Matthew Miller) \
             → undated: 8,000 (the U.S. government)"
        );
        let stale: Vec<&str> = g.rows.iter().map(|r| r.stale()).collect();
        assert_eq!(stale[0], "");
        assert_eq!(stale[1], "");
        assert!(
            stale[2].starts_with("8,000 is dated 2024-10-31 elsewhere; 10,000"),
            "{stale:?}"
        );
        // The full claim comes back from disk as it went in.
        assert_eq!(comparison.claim(&g.rows[2].figure).unwrap(), undated);
        assert_eq!(comparison.articles(&g.rows[2]), ["b"]);
    }

    #[test]
    fn a_reprint_joins_the_row_of_the_first_copy() {
        let mut collector = Collector::default();
        let mut first = count("a", "10000", "", "Sabrina Singh", "2024-10-28");
        Arc::make_mut(&mut first.provenance).outlet = "AP".into();
        let mut reprint = first.clone();
        let provenance = Arc::make_mut(&mut reprint.provenance);
        provenance.doc_id = "b".into();
        provenance.outlet = "ABC News".into();
        for c in [first, reprint] {
            collector.add(c).unwrap();
        }
        let comparison = collector.finish(GroupBy::ConceptActor).unwrap();
        let rows = &comparison.groups[0].rows;
        assert_eq!(rows.len(), 1);
        assert_eq!(story_id(&rows[0]), "s1");
        assert_eq!(comparison.articles(&rows[0]), ["a", "b"]);
        assert_eq!(comparison.reprints(&rows[0]), ["b"]);
        assert_eq!(comparison.outlets(&rows[0]), ["AP", "ABC News"]);
        assert_eq!(comparison.article_count(), 2);
    }

    #[test]
    fn vague_counts_do_not_disagree() {
        let mut collector = Collector::default();
        collector
            .add(count("a", "10000", "", "Sabrina Singh", "2024-10-28"))
            .unwrap();
        let mut vague = count("b", "2000", "", "", "");
        if let Body::Count(c) = &mut vague.body {
            c.approx = Approx::Vague;
        }
        vague.text = "thousands of soldiers".into();
        collector.add(vague).unwrap();
        let comparison = collector.finish(GroupBy::ConceptActor).unwrap();
        let groups = &comparison.groups;
        assert!(!groups[0].disagree);
        assert_eq!(groups[0].rows.len(), 2);
        let shown = |r: &Row| comparison.shown_figure(r).unwrap();
        assert_eq!(shown(&groups[0].rows[0]), "10,000");
        assert_eq!(shown(&groups[0].rows[1]), "thousands of soldiers");
    }

    #[test]
    fn different_figures_for_one_day_from_two_sources_disagree() {
        let mut collector = Collector::default();
        for (doc, value, speaker, when) in [
            ("a", "150", "the agency", "2024-05-14TMO"),
            ("a", "214", "the agency", "2024-05-14TEV"),
            ("b", "209", "the governor", "2024-05-14TEV"),
        ] {
            collector.add(count(doc, value, "", speaker, when)).unwrap();
        }
        let comparison = collector.finish(GroupBy::ConceptActor).unwrap();
        assert!(comparison.groups[0].disagree);
        // The morning's 150 and the evening's 214 alone are an update.
        let mut collector = Collector::default();
        collector
            .add(count("a", "150", "", "the agency", "2024-05-14TMO"))
            .unwrap();
        collector
            .add(count("b", "214", "", "the governor", "2024-05-14TEV"))
            .unwrap();
        let comparison = collector.finish(GroupBy::ConceptActor).unwrap();
        let g = &comparison.groups[0];
        assert!(!g.disagree && g.updated, "{}", g.verdict());
        assert_eq!(g.verdict(), "figures updated");
    }

    #[test]
    fn a_figure_of_an_earlier_event_is_listed_not_compared() {
        let mut collector = Collector::default();
        let mut today = count("a", "214", "", "the agency", "2024-05-14");
        let mut older = count("a", "332", "", "", "2006");
        for c in [&mut today, &mut older] {
            Arc::make_mut(&mut c.provenance).published = NaiveDate::from_ymd_opt(2024, 5, 14);
        }
        collector.add(today).unwrap();
        collector.add(older).unwrap();
        let comparison = collector.finish(GroupBy::ConceptActor).unwrap();
        let keys: Vec<(&str, &str)> = comparison
            .groups
            .iter()
            .map(|g| (g.key.as_str(), g.verdict()))
            .collect();
        assert_eq!(
            keys,
            [
                ("troops / North Korea", "figures agree"),
                ("troops, earlier events / North Korea", "not compared"),
            ]
        );
    }

    #[test]
    fn a_long_timeline_shows_its_first_and_last_times() {
        let mut collector = Collector::default();
        // Figures 1,000 to 12,000, each from its own article; the first ten
        // twice (two speakers), the last two once.
        for n in 1..=12 {
            let value = (n * 1000).to_string();
            let day = format!("2024-10-{:02}", n);
            collector
                .add(count(&format!("a{n}"), &value, "", "Sabrina Singh", &day))
                .unwrap();
            if n <= 10 {
                collector
                    .add(count(&format!("b{n}"), &value, "", "Matthew Miller", &day))
                    .unwrap();
            }
        }
        let comparison = collector.finish(GroupBy::ConceptActor).unwrap();
        let g = &comparison.groups[0];
        assert_eq!(g.figures.len(), 12);
        // A figure a day, each told by both speakers: updates, no conflict.
        assert!(g.updated && !g.disagree);
        // The first days and the last, and how many between.
        let steps: Vec<&str> = g.timeline.split(" → ").collect();
        assert_eq!(steps.len(), 11, "{}", g.timeline);
        assert_eq!(
            steps[0],
            "2024-10-01: 1,000 (Sabrina Singh; Matthew Miller)"
        );
        assert_eq!(steps[5], "2 more times");
        assert_eq!(steps[10], "2024-10-12: 12,000 (Sabrina Singh)");
    }
}
