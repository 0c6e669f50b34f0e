//! Wire copies: articles that carry the same story (an agency's text run by
//! several outlets) share a story id, so that a figure they repeat counts once.
//!
//! Each article is reduced to a bottom-k sketch of its sentences' word
//! shingles (the `SKETCH` smallest hashes of every run of `SHINGLE` words), a
//! fixed size whatever the article's length. Articles that share one of their
//! few smallest hashes are candidates; two whose sketches estimate a Jaccard
//! similarity of at least `SAME_STORY` are one story, and so are two where the
//! shorter's shingles, or the shorter's lead's (its first `LEAD` sentences),
//! are mostly (`CONTAINED`) in the longer's: a portal's trimmed copy of an
//! agency story; and so is any chain of such pairs (for a
//! hash that very many articles share, see `COMMON`). A rewrite of the story in
//! other words shares few shingles and stays a story of its own.

use std::sync::Arc;

use rustc_hash::FxHashMap;

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
/// Estimated share of the shorter article's shingles that the longer holds,
/// from which the shorter is a trimmed copy of the longer: a portal that runs
/// an agency story's first paragraphs is the same story, though the two are
/// far from equal.
const CONTAINED: f64 = 0.8;
/// The fewest of the shorter article's hashes a containment estimate rests on.
const CONTAINED_EVIDENCE: usize = 8;
/// Sentences of an article's lead: a trimmed copy is an agency story's first
/// paragraphs, so its lead is within the story's lead, where a sketch of the
/// whole story (its smallest hashes over every paragraph) may hold none of it.
const LEAD: usize = 4;
/// Articles sharing a hash are compared pair by pair up to this many. A hash
/// that more hold is a story reprinted widely (an agency's text on hundreds
/// of sites) or a phrase common to many stories: each article is compared
/// with one article of each story met so far in the run, the last `MET` of
/// them, so that the time stays linear in the articles.
const COMMON: usize = 200;
/// How many of a long run's stories each article is compared with.
const MET: usize = 64;

/// Collects articles' sentences, then assigns stories.
#[derive(Debug, Default)]
pub struct Stories {
    /// Article ids in the order first seen.
    docs: Vec<Arc<str>>,
    index: FxHashMap<Arc<str>, u32>,
    /// Each article's sketch, in place (a vector each would add a third).
    sketches: Vec<Sketch>,
    /// Each article's sketch of its first `LEAD` sentences.
    leads: Vec<Sketch>,
    /// Sentences added per article, up to `LEAD`.
    sentences: Vec<u8>,
    /// Sentences already added per article (a sentence holds several claims).
    last_sentence: Vec<u64>,
    /// The words of the sentence being added, lowercased, back to back, and
    /// where each ends (after a 0): one buffer for every sentence.
    words: String,
    word_ends: Vec<usize>,
}

/// An article's sketch: its `len` smallest shingle hashes, sorted.
#[derive(Debug, Clone, Copy)]
struct Sketch {
    len: u8,
    hashes: [u64; SKETCH],
}

impl Sketch {
    const EMPTY: Sketch = Sketch {
        len: 0,
        hashes: [0; SKETCH],
    };

    fn hashes(&self) -> &[u64] {
        &self.hashes[..usize::from(self.len)]
    }

    /// Keeps the `SKETCH` smallest distinct hashes, sorted.
    fn insert(&mut self, h: u64) {
        let len = usize::from(self.len);
        if let Err(at) = self.hashes().binary_search(&h) {
            if at < SKETCH {
                let end = (len + 1).min(SKETCH);
                self.hashes.copy_within(at..end - 1, at + 1);
                self.hashes[at] = h;
                self.len = end as u8;
            }
        }
    }
}

impl Stories {
    /// Adds one sentence of an article; the same sentence twice in a row is
    /// taken once. Returns the article's index: articles are numbered from 0
    /// in the order first seen.
    pub fn add(&mut self, doc: &str, sentence: &str) -> u32 {
        let n = match self.index.get(doc) {
            Some(&n) => n,
            None => {
                let n = self.docs.len() as u32;
                let id: Arc<str> = doc.into();
                self.index.insert(id.clone(), n);
                self.docs.push(id);
                self.sketches.push(Sketch::EMPTY);
                self.leads.push(Sketch::EMPTY);
                self.sentences.push(0);
                self.last_sentence.push(0);
                n
            }
        };
        let k = n as usize;
        let sentence_hash = fnv(sentence.as_bytes());
        if self.last_sentence[k] == sentence_hash {
            return n;
        }
        self.last_sentence[k] = sentence_hash;
        let in_lead = usize::from(self.sentences[k]) < LEAD;
        self.sentences[k] = self.sentences[k].saturating_add(1);
        self.words.clear();
        self.word_ends.clear();
        self.word_ends.push(0);
        for word in sentence
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            match word.is_ascii() {
                true => self
                    .words
                    .extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase()))),
                false => self.words.push_str(&word.to_lowercase()),
            }
            self.word_ends.push(self.words.len());
        }
        // Each run of `SHINGLE` words, hashed as the words joined by spaces.
        let words = self.words.as_bytes();
        for run in self.word_ends.windows(SHINGLE + 1) {
            let hash = run.windows(2).enumerate().fold(FNV_START, |h, (i, w)| {
                let h = if i > 0 { fnv_add(h, b" ") } else { h };
                fnv_add(h, &words[w[0]..w[1]])
            });
            self.sketches[k].insert(hash);
            if in_lead {
                self.leads[k].insert(hash);
            }
        }
        n
    }

    /// The article ids, numbered as `add` numbers them, without what story
    /// detection needed: assigned once, stories need no sketches.
    pub fn into_docs(self) -> Vec<Arc<str>> {
        self.docs
    }

    /// The story of every article (by its number from `add`) that `keep`
    /// accepts: 1, 2, ... (shown `s1`, `s2`) numbered by the first article of
    /// each, in the order articles were added; 0 for the others, which take no
    /// part, so that the numbers do not depend on them.
    pub fn assign(&self, keep: impl Fn(u32) -> bool) -> Vec<u32> {
        let kept: Vec<bool> = (0..self.docs.len() as u32).map(keep).collect();
        let mut parent: Vec<usize> = (0..self.docs.len()).collect();
        // Each indexed hash with its article, sorted: a run of one hash is the
        // articles that hold it. (A sorted list takes a fraction of the memory
        // of a map of lists, with hundreds of thousands of articles.)
        let kept_sketches = || self.sketches.iter().enumerate().filter(|(k, _)| kept[*k]);
        let indexed = |sketch: &Sketch| sketch.hashes().len().min(INDEXED);
        // Sized exactly: grown by doubling, it would take up to twice the room.
        let mut holders: Vec<(u64, usize)> = Vec::with_capacity(
            kept_sketches()
                .map(|(k, s)| indexed(s) + indexed(&self.leads[k]))
                .sum(),
        );
        for (k, sketch) in kept_sketches() {
            holders.extend(sketch.hashes()[..indexed(sketch)].iter().map(|&h| (h, k)));
            let lead = &self.leads[k];
            holders.extend(lead.hashes()[..indexed(lead)].iter().map(|&h| (h, k)));
        }
        holders.sort_unstable();
        // Joins two articles' stories if they are one; a pair already in one
        // story needs no second look.
        let join = |parent: &mut Vec<usize>, a: usize, b: usize| {
            let (sa, sb) = (self.sketches[a].hashes(), self.sketches[b].hashes());
            let (la, lb) = (self.leads[a].hashes(), self.leads[b].hashes());
            let contained = |x: &[u64], y: &[u64]| containment(x, y).max(containment(y, x));
            if find(parent, a) != find(parent, b)
                && (similarity(sa, sb) >= SAME_STORY
                    || contained(sa, sb) >= CONTAINED
                    || contained(la, lb) >= CONTAINED)
            {
                union(parent, a, b);
            }
        };
        // One article of each story met in a long run.
        let mut met: Vec<usize> = Vec::new();
        for run in holders.chunk_by(|a, b| a.0 == b.0) {
            if run.len() <= COMMON {
                for (i, &(_, a)) in run.iter().enumerate() {
                    for &(_, b) in &run[i + 1..] {
                        join(&mut parent, a, b);
                    }
                }
                continue;
            }
            met.clear();
            for &(_, b) in run {
                let start = met.len().saturating_sub(MET);
                for &a in &met[start..] {
                    join(&mut parent, a, b);
                }
                let story = find(&mut parent, b);
                if !met[start..].iter().any(|&a| find(&mut parent, a) == story) {
                    met.push(b);
                }
            }
        }
        let mut numbers: FxHashMap<usize, u32> = FxHashMap::default();
        (0..self.docs.len())
            .map(|k| match kept[k] {
                false => 0,
                true => {
                    let next = numbers.len() as u32 + 1;
                    *numbers.entry(find(&mut parent, k)).or_insert(next)
                }
            })
            .collect()
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

/// The bottom-k estimate of the share of `a`'s shingles that `b` holds: of
/// `a`'s sketch, the hashes no greater than the largest of `b`'s (all of
/// them, if `b`'s sketch holds all its shingles), the share in `b`'s sketch.
/// Zero where fewer than `CONTAINED_EVIDENCE` hashes are compared.
fn containment(a: &[u64], b: &[u64]) -> f64 {
    let limit = match b.len() {
        SKETCH => b.last().copied().unwrap_or(0),
        _ => u64::MAX,
    };
    let compared: Vec<u64> = a.iter().copied().filter(|&h| h <= limit).collect();
    if compared.len() < CONTAINED_EVIDENCE {
        return 0.0;
    }
    let both = compared
        .iter()
        .filter(|h| b.binary_search(h).is_ok())
        .count();
    both as f64 / compared.len() as f64
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
    fnv_add(FNV_START, bytes)
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// An FNV-1a hash carried on over more bytes.
fn fnv_add(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

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
        assert_eq!(stories.assign(|_| true), [1, 1, 2]);
        assert_eq!(stories.assign(|n| n != 0), [0, 1, 2]);
    }

    #[test]
    fn a_story_reprinted_more_often_than_compared_pairwise_is_one_story() {
        let mut stories = Stories::default();
        let copies = COMMON + MET * 3;
        for k in 0..copies {
            // Every third article is a rewrite of its own, sharing one phrase
            // with the wire story and the other rewrites.
            if k % 3 == 0 {
                stories.add(
                    &format!("rewrite-{k}"),
                    &format!(
                        "Writer w{k} of desk d{k} in bureau b{k} says x{k} y{k} z{k}: North Korea's \
                         reported dispatch of troops to aid Russia's war against Ukraine, \
                         per source s{k} on note n{k} and file f{k}."
                    ),
                );
            } else {
                for s in WIRE {
                    stories.add(&format!("copy-{k}"), s);
                }
            }
        }
        let story = stories.assign(|_| true);
        assert_eq!(story.len(), copies);
        let wire: Vec<u32> = (0..copies)
            .filter(|k| k % 3 != 0)
            .map(|k| story[k])
            .collect();
        assert!(wire.iter().all(|&s| s == wire[0]), "{wire:?}");
        let rewrites: BTreeSet<u32> = (0..copies)
            .filter(|k| k % 3 == 0)
            .map(|k| story[k])
            .collect();
        assert_eq!(
            rewrites.len(),
            copies.div_ceil(3),
            "each rewrite is a story of its own"
        );
        assert!(!rewrites.contains(&wire[0]));
    }

    #[test]
    fn a_trimmed_copy_of_a_long_story_is_that_story() {
        let mut stories = Stories::default();
        let sentence = |k: usize| {
            format!(
                "In paragraph {k} the agency reported that officials in district d{k} counted \
                 figure f{k} of the people affected by the collapse near site s{k}."
            )
        };
        // The wire's long story, and a portal's copy of its first paragraphs.
        for k in 0..60 {
            stories.add("wire", &sentence(k));
        }
        for k in 0..6 {
            stories.add("portal", &sentence(k));
        }
        // Another story that shares a paragraph with the wire is not it.
        stories.add("other", &sentence(0));
        for k in 100..110 {
            stories.add("other", &format!("An unrelated report number {k} about a market fire in town t{k} and its cause c{k}."));
        }
        let wire = stories.sketches[0].hashes();
        let portal = stories.sketches[1].hashes();
        assert!(
            similarity(wire, portal) < SAME_STORY,
            "a trim is no near-duplicate"
        );
        assert_eq!(stories.assign(|_| true), [1, 1, 2]);
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
        assert_eq!(stories.sketches[0].hashes().len(), SKETCH);
        assert!(stories.sketches[0].hashes().windows(2).all(|w| w[0] < w[1]));
    }
}
