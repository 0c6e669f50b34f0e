//! Wire copies: articles that carry the same story (an agency's text run by
//! several outlets) share a story id, so that a figure they repeat counts once.
//!
//! Each article is reduced to a bottom-k sketch of its sentences' word
//! shingles (the `SKETCH` smallest hashes of every run of `SHINGLE` words), a
//! fixed size whatever the article's length. Articles that share one of their
//! few smallest hashes are candidates; two whose sketches estimate a Jaccard
//! similarity of at least `SAME_STORY` are one story, and so is any chain of
//! such pairs. A rewrite of the story in other words shares few shingles and
//! stays a story of its own.

use std::collections::{HashMap, HashSet};

/// Words per shingle: long enough that common phrases do not match.
const SHINGLE: usize = 6;
/// Hashes kept per article: 256 bytes, whatever its length.
const SKETCH: usize = 32;
/// The smallest hashes of each sketch, indexed to find candidate pairs. Two
/// articles with a Jaccard similarity J miss each other only if none of the
/// union's smallest `INDEXED` hashes is in both: about (1 - J)^8, under 2% at
/// the threshold.
const INDEXED: usize = 8;
/// Estimated Jaccard similarity from which two articles are one story.
const SAME_STORY: f64 = 0.4;
/// A hash in more sketches than this is boilerplate, not a shared story.
const COMMON: usize = 200;

/// Collects articles' sentences, then assigns stories.
#[derive(Debug, Default)]
pub struct Stories {
    /// Article ids in the order first seen.
    docs: Vec<String>,
    index: HashMap<String, usize>,
    /// Each article's sketch: sorted, at most `SKETCH` hashes.
    sketches: Vec<Vec<u64>>,
    /// Sentences already added per article (a sentence holds several claims).
    last_sentence: Vec<u64>,
}

impl Stories {
    /// Adds one sentence of an article; the same sentence twice in a row is
    /// taken once.
    pub fn add(&mut self, doc: &str, sentence: &str) {
        let k = match self.index.get(doc) {
            Some(&k) => k,
            None => {
                self.index.insert(doc.to_string(), self.docs.len());
                self.docs.push(doc.to_string());
                self.sketches.push(Vec::new());
                self.last_sentence.push(0);
                self.docs.len() - 1
            }
        };
        let sentence_hash = fnv(sentence.as_bytes());
        if self.last_sentence[k] == sentence_hash {
            return;
        }
        self.last_sentence[k] = sentence_hash;
        let words: Vec<String> = sentence
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        for shingle in words.windows(SHINGLE) {
            insert_bounded(&mut self.sketches[k], fnv(shingle.join(" ").as_bytes()));
        }
    }

    /// The story id of every article that `keep` accepts: `s1`, `s2`, ...
    /// numbered by the first article of each, in the order articles were
    /// added. Other articles take no part, so the ids do not depend on them.
    pub fn assign(&self, keep: impl Fn(&str) -> bool) -> HashMap<String, String> {
        let kept: Vec<bool> = self.docs.iter().map(|d| keep(d)).collect();
        let mut parent: Vec<usize> = (0..self.docs.len()).collect();
        let mut holders: HashMap<u64, Vec<usize>> = HashMap::new();
        for (k, sketch) in self.sketches.iter().enumerate().filter(|(k, _)| kept[*k]) {
            for &h in sketch.iter().take(INDEXED) {
                holders.entry(h).or_default().push(k);
            }
        }
        let mut tried: HashSet<(usize, usize)> = HashSet::new();
        for docs in holders
            .values()
            .filter(|d| d.len() > 1 && d.len() <= COMMON)
        {
            for (i, &a) in docs.iter().enumerate() {
                for &b in &docs[i + 1..] {
                    if !tried.insert((a, b)) {
                        continue;
                    }
                    if similarity(&self.sketches[a], &self.sketches[b]) >= SAME_STORY {
                        union(&mut parent, a, b);
                    }
                }
            }
        }
        let mut ids: HashMap<usize, String> = HashMap::new();
        let mut out = HashMap::new();
        for (k, doc) in self.docs.iter().enumerate().filter(|(k, _)| kept[*k]) {
            let root = find(&mut parent, k);
            let next = ids.len() + 1;
            let id = ids.entry(root).or_insert_with(|| format!("s{next}"));
            out.insert(doc.clone(), id.clone());
        }
        out
    }
}

/// Keeps the `SKETCH` smallest distinct hashes, sorted.
fn insert_bounded(sketch: &mut Vec<u64>, h: u64) {
    if let Err(at) = sketch.binary_search(&h) {
        if at < SKETCH {
            sketch.insert(at, h);
            sketch.truncate(SKETCH);
        }
    }
}

/// The bottom-k estimate of two sets' Jaccard similarity: among the `SKETCH`
/// smallest hashes of their union, the share that both hold (exact when the
/// articles are short enough for their sketches to hold all their shingles).
fn similarity(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut seen, mut both) = (0, 0, 0usize, 0usize);
    while seen < SKETCH && (i < a.len() || j < b.len()) {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                both += 1;
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => i += 1,
            (Some(_), Some(_)) => j += 1,
            (Some(_), None) => i += 1,
            (None, _) => j += 1,
        }
        seen += 1;
    }
    match seen {
        0 => 0.0,
        _ => both as f64 / seen as f64,
    }
}

fn find(parent: &mut [usize], k: usize) -> usize {
    let mut root = k;
    while parent[root] != root {
        root = parent[root];
    }
    let mut k = k;
    while parent[k] != root {
        let next = parent[k];
        parent[k] = root;
        k = next;
    }
    root
}

/// Joins two stories; the smaller index stays the root, so ids follow input order.
fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    let (low, high) = (ra.min(rb), ra.max(rb));
    parent[high] = low;
}

/// FNV-1a: a fixed hash, so that stories are the same on every run and machine.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: [&str; 4] = [
        "South Korea and the European Union on Monday strongly condemned North Korea's reported dispatch of troops to aid Russia's war against Ukraine.",
        "U.S. State Department spokesman Matthew Miller told reporters Monday that as many as 10,000 North Korean soldiers were in Russia's Kursk region.",
        "That's up from the 8,000 troops that the U.S. government mentioned Thursday.",
        "According to U.S., South Korean and Ukrainian intelligence assessments, North Korea was estimated to have moved a total of about 10,000 to 12,000 troops to Russia.",
    ];

    #[test]
    fn copies_share_a_story_and_other_texts_do_not() {
        let mut stories = Stories::default();
        for s in WIRE {
            stories.add("a", s);
        }
        // A reprint that drops a sentence and adds its own.
        for s in &WIRE[1..] {
            stories.add("b", s);
        }
        stories.add(
            "b",
            "Please sign into your account to join the conversation below.",
        );
        stories.add(
            "c",
            "The U.S. government reports that approximately 8,000 North Korean soldiers are currently in Russia near Ukraine's border.",
        );
        stories.add(
            "c",
            "Intelligence assessments from the U.S., South Korea, and Ukraine estimate that North Korea has deployed troops.",
        );
        let ids = stories.assign(|_| true);
        assert_eq!(ids["a"], "s1");
        assert_eq!(ids["b"], "s1");
        assert_eq!(ids["c"], "s2");
    }

    #[test]
    fn sketches_stay_bounded() {
        let mut stories = Stories::default();
        for i in 0..1000 {
            stories.add(
                "a",
                &format!("sentence number {i} has six words or more in it"),
            );
        }
        assert_eq!(stories.sketches[0].len(), SKETCH);
        assert!(stories.sketches[0].windows(2).all(|w| w[0] < w[1]));
    }
}
