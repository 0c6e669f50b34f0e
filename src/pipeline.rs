//! Extraction over a stream of articles on several threads, with every result
//! handed on in input order: the table is byte-identical whatever the number
//! of threads.
//!
//! One thread reads, `jobs` threads extract, and the calling thread takes the
//! results in order. Articles travel in batches (`Engine::extract_batch` runs
//! each rule over a whole batch, which is faster). At most
//! `WINDOW_PER_JOB × jobs` batches are between being read and being handed
//! on, so memory stays flat on any input size; an article that takes long
//! holds the others back only that far.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};

use crate::extract::Engine;
use crate::input::{Event, InputError};
use crate::model::Article;
use crate::model::Claim;

/// How many batches per thread may be in flight at once.
const WINDOW_PER_JOB: usize = 4;
/// A batch ends at this many articles, or at the article that brings its
/// text to `BATCH_BYTES`. Each rule runs over the whole batch while its
/// automaton is in the processor's cache: on 20 MB of the bench, one core,
/// 128 articles took a sixth less time than 32, and 256 only 4% less than 128.
const BATCH_ARTICLES: usize = 128;
const BATCH_BYTES: usize = 1024 * 1024;

/// What one input event comes to, in input order.
#[derive(Debug)]
pub enum Outcome {
    /// An article's claims, and the length of its text in bytes (for progress).
    Claims(Vec<Claim>, usize),
    Warning(InputError),
    Error(InputError),
}

/// Runs `engine` over the events `events()` yields (called on the reading
/// thread), handing each outcome to `sink` in input order. Stops at the first
/// error `sink` returns, and returns it.
pub fn run<I, E>(
    engine: &Engine,
    jobs: usize,
    events: impl FnOnce() -> I + Send,
    mut sink: impl FnMut(Outcome) -> Result<(), E>,
) -> Result<(), E>
where
    I: Iterator<Item = Event>,
{
    if jobs <= 1 {
        for batch in batches(events()) {
            for outcome in outcomes(engine, batch) {
                sink(outcome)?;
            }
        }
        return Ok(());
    }
    // Workers share the queue of articles. Only they hold its receiving end:
    // when the last one stops, a reader blocked on a full queue is woken with
    // an error instead of waiting forever.
    let (work_tx, work_rx) = mpsc::sync_channel(jobs);
    let work_rx = Arc::new(Mutex::new(work_rx));
    std::thread::scope(|scope| {
        // These end with this closure, before the threads are joined: a sink
        // that stops drops them, and every thread then finds its channel
        // closed and ends.
        let (done_tx, done_rx) = mpsc::channel::<(usize, Vec<Outcome>)>();
        // A counting semaphore: the reader takes a slot per event, the sink's
        // side gives it back once the event's outcome is handed on.
        let (slot_tx, slot_rx) = mpsc::sync_channel::<()>(WINDOW_PER_JOB * jobs);

        scope.spawn(move || {
            for (seq, batch) in batches(events()).enumerate() {
                if slot_tx.send(()).is_err() || work_tx.send((seq, batch)).is_err() {
                    return;
                }
            }
        });
        for _ in 0..jobs {
            let done_tx = done_tx.clone();
            let work_rx = Arc::clone(&work_rx);
            scope.spawn(move || {
                // A regex shared between threads lends its scratch space from
                // a pool that is fast only for the first thread to use it:
                // each worker gets its own copy of the compiled rules.
                let engine = engine.clone();
                loop {
                    let next = work_rx
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .recv();
                    let Ok((seq, batch)) = next else { return };
                    if done_tx.send((seq, outcomes(&engine, batch))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        drop(work_rx);

        // Batches arrive in any order; they leave in input order.
        let mut waiting: BTreeMap<usize, Vec<Outcome>> = BTreeMap::new();
        let mut next = 0;
        for (seq, outcomes) in done_rx.iter() {
            waiting.insert(seq, outcomes);
            while let Some(outcomes) = waiting.remove(&next) {
                for outcome in outcomes {
                    sink(outcome)?;
                }
                // The slot of this batch was taken before it was sent.
                let _ = slot_rx.recv();
                next += 1;
            }
        }
        Ok(())
    })
}

/// Consecutive events in batches of up to `BATCH_ARTICLES` articles or
/// `BATCH_BYTES` of text; warnings and errors travel with them, in place.
fn batches(mut events: impl Iterator<Item = Event>) -> impl Iterator<Item = Vec<Event>> {
    std::iter::from_fn(move || {
        let mut batch = Vec::new();
        let (mut articles, mut bytes) = (0, 0);
        while articles < BATCH_ARTICLES && bytes < BATCH_BYTES {
            let Some(event) = events.next() else { break };
            if let Event::Article(article) = &event {
                articles += 1;
                bytes += article.text.len();
            }
            batch.push(event);
        }
        (!batch.is_empty()).then_some(batch)
    })
}

/// What each event of a batch comes to, in order.
fn outcomes(engine: &Engine, batch: Vec<Event>) -> Vec<Outcome> {
    let articles: Vec<&Article> = batch
        .iter()
        .filter_map(|event| match event {
            Event::Article(article) => Some(article),
            _ => None,
        })
        .collect();
    let mut claims = engine.extract_batch(&articles).into_iter();
    batch
        .into_iter()
        .map(|event| match event {
            Event::Article(article) => {
                Outcome::Claims(claims.next().unwrap_or_default(), article.text.len())
            }
            Event::Warning(w) => Outcome::Warning(w),
            Event::Error(e) => Outcome::Error(e),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn articles(n: usize) -> impl Iterator<Item = Event> {
        (0..n).map(|i| {
            Event::Article(Article::new(
                format!("a{i}"),
                format!("Officials said {} troops arrived.", i + 1),
            ))
        })
    }

    #[test]
    fn outcomes_come_in_input_order() {
        let engine = Engine::new(Rules::embedded().unwrap());
        let mut seen = Vec::new();
        run(
            &engine,
            4,
            || articles(200),
            |o| {
                if let Outcome::Claims(claims, _) = o {
                    seen.push(claims[0].provenance.doc_id.clone());
                }
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        let want: Vec<String> = (0..200).map(|i| format!("a{i}")).collect();
        assert_eq!(seen, want);
    }

    /// Warnings and errors keep their place among the articles, across batch
    /// boundaries, whatever the number of threads.
    #[test]
    fn warnings_and_errors_keep_their_place() {
        let engine = Engine::new(Rules::embedded().unwrap());
        let events = || {
            articles(100).enumerate().flat_map(|(i, article)| {
                let note = match i % 7 {
                    0 => Some(Event::Warning(InputError::new("w", Some(i), "odd"))),
                    3 => Some(Event::Error(InputError::new("e", Some(i), "bad"))),
                    _ => None,
                };
                note.into_iter().chain([article])
            })
        };
        let seen = |jobs| {
            let mut seen = Vec::new();
            run(&engine, jobs, events, |o| {
                seen.push(match o {
                    Outcome::Claims(claims, _) => claims[0].provenance.doc_id.clone(),
                    Outcome::Warning(w) => format!("warning {:?}", w.line),
                    Outcome::Error(e) => format!("error {:?}", e.line),
                });
                Ok::<(), ()>(())
            })
            .unwrap();
            seen
        };
        let one = seen(1);
        assert_eq!(one.len(), 100 + 15 + 14);
        assert_eq!(&one[..3], ["warning Some(0)", "a0", "a1"]);
        assert_eq!(&one[4..6], ["error Some(3)", "a3"]);
        assert_eq!(one, seen(3));
    }

    #[test]
    fn a_sink_that_stops_stops_every_thread() {
        let engine = Engine::new(Rules::embedded().unwrap());
        let mut handed = 0;
        let result = run(
            &engine,
            3,
            || articles(100_000),
            |_| {
                handed += 1;
                if handed == 10 { Err("stop") } else { Ok(()) }
            },
        );
        assert_eq!(result, Err("stop"));
        assert_eq!(handed, 10);
    }

    /// A sink that stops at once, while the reader is blocked on a full queue
    /// and the workers stop: every thread must still end (this once hung when
    /// standard output was a closed pipe). A hang fails the test after a minute
    /// rather than hanging the suite.
    #[test]
    fn a_sink_that_stops_at_once_never_hangs() {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let engine = Engine::new(Rules::embedded().unwrap());
            for _ in 0..5 {
                // Long articles: extracting is slower than reading, so the
                // reader waits on a full queue when the workers stop.
                let long = (0..1_000).map(|i| {
                    let text = "Officials said 8,000 troops arrived on Monday. ".repeat(50);
                    Event::Article(Article::new(format!("a{i}"), text))
                });
                let result = run(&engine, 2, || long, |_| Err::<(), _>("stop"));
                assert_eq!(result, Err("stop"));
            }
            let _ = tx.send(());
        });
        rx.recv_timeout(std::time::Duration::from_secs(60))
            .expect("the pipeline hung after its sink stopped");
    }
}
