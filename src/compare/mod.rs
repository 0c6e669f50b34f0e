//! `compare`: every outlet's figure for the same thing side by side, with who
//! claims it and as of when, and where they disagree.
//!
//! Counts are grouped by concept and actor ("troops" of "North Korea"); a count
//! with no concept goes by its unit and is listed, never compared. Articles that
//! carry the same wire story share a story id (`story.rs`), and a figure they
//! repeat is one row with the outlets that ran it, not several confirmations.

mod html;
mod report;
mod story;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::claim::{Claim, Kind};

pub use html::write_html;
pub use report::{COMPARE_COLUMNS, write_csv, write_markdown, write_xlsx};
pub use story::Stories;

/// How coarsely figures are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    /// The same concept and the same actor.
    #[default]
    ConceptActor,
    /// The same concept, whoever the actor.
    Concept,
}

/// One figure as articles report it: a count claim, with the reprints of it.
#[derive(Debug, Clone)]
pub struct Row {
    pub claim: Claim,
    pub story: String,
    /// Other articles of the same story that report the same figure the same way.
    pub reprints: Vec<String>,
    /// Their claims, for the full claims sheet.
    pub copies: Vec<Claim>,
    /// Every outlet that ran it, in order, without repeats.
    pub outlets: Vec<String>,
    /// A hint that this row reports as current a figure other articles date
    /// earlier and have since replaced; empty if not.
    pub stale: String,
}

/// Counts of one thing.
#[derive(Debug, Clone)]
pub struct Group {
    /// `concept / actor`, or the concept alone; a count with no concept goes
    /// by its unit: `countries (no concept)`.
    pub key: String,
    pub concept: String,
    pub actor: String,
    pub rows: Vec<Row>,
    /// The distinct figures, ranges as `low-high`, vague ones ("thousands") left out.
    pub figures: Vec<String>,
    pub disagree: bool,
    /// "8,000 (the U.S. government, 2024-10-31) vs 10,000 (Matthew Miller, 2024-11-04)".
    pub explanation: String,
}

impl Row {
    /// The articles that report this row: the first copy, then the reprints.
    pub fn articles(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.claim.doc_id.as_str()).chain(self.reprints.iter().map(String::as_str))
    }

    /// The figure for people: `10,000`, `10,000–12,000`, or the words of a
    /// vague count ("thousands of soldiers" has a value only so that it sorts).
    pub fn shown_figure(&self) -> String {
        match self.claim.approx == "vague" {
            true => self.claim.text.clone(),
            false => display_figure(&figure_key(&self.claim)),
        }
    }
}

impl Group {
    /// The articles behind the group's rows, reprints included.
    pub fn articles(&self) -> usize {
        article_count(std::slice::from_ref(self))
    }

    /// `not compared`, `figures disagree` or `figures agree`.
    pub fn verdict(&self) -> &'static str {
        match (self.concept.is_empty(), self.disagree) {
            (true, _) => "not compared",
            (false, true) => "figures disagree",
            (false, false) => "figures agree",
        }
    }
}

/// The distinct articles behind some groups' rows, reprints included.
pub fn article_count(groups: &[Group]) -> usize {
    groups
        .iter()
        .flat_map(|g| &g.rows)
        .flat_map(Row::articles)
        .collect::<BTreeSet<_>>()
        .len()
}

/// Gathers claims (from an extraction or a claims table) for comparison. Only
/// count claims are kept; the sentences of articles with a count feed story
/// detection.
#[derive(Debug, Default)]
pub struct Collector {
    counts: Vec<Claim>,
    stories: Stories,
}

impl Collector {
    /// Adds one article's claims. An article with no count is left out of
    /// story detection: it has no figure to show, and skipping it keeps memory
    /// to the articles that matter.
    pub fn add_article(&mut self, claims: Vec<Claim>) {
        let has_count = claims
            .iter()
            .any(|c| c.kind == Kind::Count && !c.value.is_empty());
        if has_count {
            claims.into_iter().for_each(|c| self.add(c));
        }
    }

    /// Adds one claim (of a claims table read row by row).
    pub fn add(&mut self, claim: Claim) {
        // Every article is registered, with or without a sentence (a table
        // edited down to a few columns): an article with nothing to compare
        // is a story of its own, never everyone's reprint.
        self.stories.add(&claim.doc_id, &claim.sentence);
        if claim.kind == Kind::Count && !claim.value.is_empty() {
            self.counts.push(claim);
        }
    }

    /// The groups, the ones reported by the most stories first.
    pub fn finish(self, by: GroupBy) -> Vec<Group> {
        let with_counts: HashSet<&str> = self.counts.iter().map(|c| c.doc_id.as_str()).collect();
        let story_of = self.stories.assign(|doc| with_counts.contains(doc));
        let mut grouped: BTreeMap<(String, String, String), Vec<Claim>> = BTreeMap::new();
        for c in self.counts {
            let (concept, unit) = group_key_of(&c);
            let actor = match by {
                GroupBy::ConceptActor => c.actor.clone(),
                GroupBy::Concept => String::new(),
            };
            grouped.entry((concept, actor, unit)).or_default().push(c);
        }
        let mut groups: Vec<Group> = grouped
            .into_iter()
            .map(|((concept, actor, unit), claims)| group(concept, actor, unit, claims, &story_of))
            .collect();
        let stories = |g: &Group| {
            g.rows
                .iter()
                .map(|r| &r.story)
                .collect::<BTreeSet<_>>()
                .len()
        };
        // Groups with a concept first, then the ones most stories report.
        groups.sort_by(|a, b| {
            (a.concept.is_empty().cmp(&b.concept.is_empty()))
                .then_with(|| stories(b).cmp(&stories(a)))
                .then_with(|| a.key.cmp(&b.key))
        });
        groups
    }
}

/// What a count is grouped by: its concept, else its unit as written
/// (lowercase), which is listed but never called a disagreement: without a
/// concept, "32 countries" and "two countries" need not count the same thing.
fn group_key_of(c: &Claim) -> (String, String) {
    match c.concept.is_empty() {
        false => (c.concept.clone(), String::new()),
        true => (String::new(), c.unit.to_lowercase()),
    }
}

fn group(
    concept: String,
    actor: String,
    unit: String,
    claims: Vec<Claim>,
    story_of: &HashMap<String, String>,
) -> Group {
    // One row per story and way of reporting: a reprint adds its article and
    // outlet to the row of the copy first read.
    let mut rows: Vec<Row> = Vec::new();
    let mut row_of: HashMap<(String, String, String, String, String, String), usize> =
        HashMap::new();
    for c in claims {
        let story = story_of.get(&c.doc_id).cloned().unwrap_or_default();
        let key = (
            story.clone(),
            c.value.clone(),
            c.value_max.clone(),
            c.approx.clone(),
            c.speaker.clone(),
            c.when.clone(),
        );
        match row_of.get(&key) {
            Some(&k) if rows[k].claim.doc_id != c.doc_id => {
                let row = &mut rows[k];
                if !row.reprints.contains(&c.doc_id) {
                    row.reprints.push(c.doc_id.clone());
                }
                if !c.outlet.is_empty() && !row.outlets.contains(&c.outlet) {
                    row.outlets.push(c.outlet.clone());
                }
                row.copies.push(c);
            }
            _ => {
                row_of.insert(key, rows.len());
                rows.push(Row {
                    outlets: match c.outlet.is_empty() {
                        true => Vec::new(),
                        false => vec![c.outlet.clone()],
                    },
                    claim: c,
                    story,
                    reprints: Vec::new(),
                    copies: Vec::new(),
                    stale: String::new(),
                });
            }
        }
    }
    let figures = distinct_figures(&rows);
    let comparable = !concept.is_empty();
    if comparable {
        mark_stale(&mut rows);
    }
    let explanation = match (comparable, figures.len()) {
        (true, _) => explain(&rows, &figures),
        (false, 2..) => {
            "not compared: no concept in the rules says these count the same thing".into()
        }
        (false, _) => String::new(),
    };
    let named = match comparable {
        true => concept.clone(),
        false => format!("{unit} (no concept)"),
    };
    Group {
        key: match actor.is_empty() {
            true => named,
            false => format!("{named} / {actor}"),
        },
        concept,
        actor,
        disagree: comparable && figures.len() > 1,
        figures,
        explanation,
        rows,
    }
}

/// A figure as one string: `8000`, or `10000-12000` for a range.
fn figure_key(c: &Claim) -> String {
    match c.value_max.is_empty() {
        true => c.value.clone(),
        false => format!("{}-{}", c.value, c.value_max),
    }
}

/// Whether a row states a figure at all: "thousands of soldiers" does not.
fn is_definite(c: &Claim) -> bool {
    c.approx != "vague"
}

fn distinct_figures(rows: &[Row]) -> Vec<String> {
    let mut seen = Vec::new();
    for r in rows.iter().filter(|r| is_definite(&r.claim)) {
        let f = figure_key(&r.claim);
        if !seen.contains(&f) {
            seen.push(f);
        }
    }
    seen
}

/// The latest `when` at which each figure is reported.
fn latest_dates(rows: &[Row]) -> HashMap<String, String> {
    let mut latest: HashMap<String, String> = HashMap::new();
    for r in rows
        .iter()
        .filter(|r| is_definite(&r.claim) && is_day(&r.claim.when))
    {
        let slot = latest.entry(figure_key(&r.claim)).or_default();
        if r.claim.when > *slot {
            slot.clone_from(&r.claim.when);
        }
    }
    latest
}

/// Whether a `when` is a day (`2024-11-04`), the only kind compared for staleness.
fn is_day(when: &str) -> bool {
    when.len() == 10 && when.as_bytes()[4] == b'-' && when.as_bytes()[7] == b'-'
}

/// Marks rows that give, undated, a figure that other articles date to a day
/// before another figure's: in an article published after the newer figure, or
/// with no date at all, the older one reads as current but is not.
fn mark_stale(rows: &mut [Row]) {
    let latest = latest_dates(rows);
    let newest = rows
        .iter()
        .filter(|r| is_definite(&r.claim) && is_day(&r.claim.when))
        .max_by(|a, b| a.claim.when.cmp(&b.claim.when))
        .map(|r| {
            (
                figure_key(&r.claim),
                r.claim.when.clone(),
                display_speaker(&r.claim),
            )
        });
    let Some((newest_figure, newest_when, newest_speaker)) = newest else {
        return;
    };
    for r in rows.iter_mut() {
        let figure = figure_key(&r.claim);
        let Some(dated) = latest.get(&figure) else {
            continue;
        };
        let undated = r.claim.when.is_empty();
        let published_after = r.claim.published.is_empty() || r.claim.published >= newest_when;
        if undated && published_after && figure != newest_figure && *dated < newest_when {
            r.stale = format!(
                "{} is dated {dated} elsewhere; {} ({newest_speaker}) is dated {newest_when}",
                display_figure(&figure),
                display_figure(&newest_figure),
            );
        }
    }
}

/// "8,000 (the U.S. government, 2024-10-31) vs 10,000 (Matthew Miller,
/// 2024-11-04)": each figure with who gives it and as of when.
fn explain(rows: &[Row], figures: &[String]) -> String {
    if figures.len() < 2 {
        return String::new();
    }
    let mut parts: Vec<(String, String)> = figures
        .iter()
        .map(|f| {
            let of_figure: Vec<&Claim> = rows
                .iter()
                .map(|r| &r.claim)
                .filter(|c| is_definite(c) && figure_key(c) == *f)
                .collect();
            // Each speaker once, with the latest day they give it for.
            let mut by_speaker: Vec<(String, String)> = Vec::new();
            for c in &of_figure {
                let speaker = display_speaker(c);
                match by_speaker.iter_mut().find(|(s, _)| *s == speaker) {
                    Some((_, when)) if c.when > *when => when.clone_from(&c.when),
                    Some(_) => {}
                    None => by_speaker.push((speaker, c.when.clone())),
                }
            }
            let sources: Vec<String> = by_speaker
                .into_iter()
                .map(|(speaker, when)| match when.is_empty() {
                    true => speaker,
                    false => format!("{speaker}, {when}"),
                })
                .collect();
            let shown = match sources.len() {
                0..=2 => sources.join("; "),
                n => format!("{}; {} more", sources[..2].join("; "), n - 2),
            };
            // Figures in the order of the latest day each is given for,
            // undated ones last: the story of the count over time.
            let latest = of_figure
                .iter()
                .map(|c| c.when.clone())
                .max()
                .filter(|w| !w.is_empty())
                .unwrap_or_else(|| "~".to_string());
            (latest, format!("{} ({shown})", display_figure(f)))
        })
        .collect();
    parts.sort_by(|a, b| a.0.cmp(&b.0));
    parts
        .into_iter()
        .map(|(_, p)| p)
        .collect::<Vec<_>>()
        .join(" vs ")
}

fn display_speaker(c: &Claim) -> String {
    match c.speaker.is_empty() {
        true => "unattributed".to_string(),
        false => c.speaker.clone(),
    }
}

/// A figure for people: thousands separated, a range with an en dash.
pub fn display_figure(figure: &str) -> String {
    match figure.split_once('-') {
        Some((low, high)) if !low.is_empty() => {
            format!("{}\u{2013}{}", thousands(low), thousands(high))
        }
        _ => thousands(figure),
    }
}

/// `10000` as `10,000`; decimals and anything else left as they are.
fn thousands(n: &str) -> String {
    let (int, frac) = match n.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (n, None),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return n.to_string();
    }
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(doc: &str, value: &str, max: &str, speaker: &str, when: &str) -> Claim {
        let mut c = Claim::empty(Kind::Count);
        c.doc_id = doc.into();
        c.value = value.into();
        c.value_max = max.into();
        c.speaker = speaker.into();
        c.when = when.into();
        c.concept = "troops".into();
        c.actor = "North Korea".into();
        c.approx = "exact".into();
        c.sentence =
            format!("{doc} reports that {speaker} gave the figure {value} for the troops today");
        c
    }

    #[test]
    fn figures_disagree_and_the_older_one_is_stale_where_undated() {
        let mut collector = Collector::default();
        collector.add(count("a", "8000", "", "the U.S. government", "2024-10-31"));
        collector.add(count("a", "10000", "", "Matthew Miller", "2024-11-04"));
        let mut undated = count("b", "8000", "", "the U.S. government", "");
        undated.published = String::new();
        collector.add(undated);
        let groups = collector.finish(GroupBy::ConceptActor);
        assert_eq!(groups.len(), 1);
        let g = &groups[0];
        assert_eq!(g.key, "troops / North Korea");
        assert!(g.disagree);
        assert_eq!(
            g.explanation,
            "8,000 (the U.S. government, 2024-10-31) vs 10,000 (Matthew Miller, 2024-11-04)"
        );
        let stale: Vec<&str> = g.rows.iter().map(|r| r.stale.as_str()).collect();
        assert_eq!(stale[0], "");
        assert_eq!(stale[1], "");
        assert!(
            stale[2].starts_with("8,000 is dated 2024-10-31 elsewhere; 10,000"),
            "{stale:?}"
        );
    }

    #[test]
    fn vague_counts_do_not_disagree() {
        let mut collector = Collector::default();
        collector.add(count("a", "10000", "", "Sabrina Singh", "2024-10-28"));
        let mut vague = count("b", "2000", "", "", "");
        vague.approx = "vague".into();
        collector.add(vague);
        let groups = collector.finish(GroupBy::ConceptActor);
        assert!(!groups[0].disagree);
        assert_eq!(groups[0].rows.len(), 2);
    }

    #[test]
    fn figures_read_with_separators() {
        assert_eq!(display_figure("10000-12000"), "10,000\u{2013}12,000");
        assert_eq!(display_figure("1234567.5"), "1,234,567.5");
        assert_eq!(display_figure("32"), "32");
    }
}
