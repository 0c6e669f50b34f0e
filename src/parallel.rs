//! A map over a list on every core, for the few slow steps of loading a rule
//! set (compiling patterns, reading their literals).

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` of each item, in the items' order, computed on every core. Threads take
/// the next item as they finish one, heaviest (`weight`) first, so that one
/// large pattern does not leave the other cores idle. An item whose thread
/// panicked gives `None`.
pub fn map<T: Sync, R: Send>(
    items: &[T],
    weight: impl Fn(&T) -> usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<Option<R>> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(weight(&items[i])));
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(items.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let mut out: Vec<Option<R>> = items.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let k = next.fetch_add(1, Ordering::Relaxed);
                        let Some(&i) = order.get(k) else { break };
                        done.push((i, f(&items[i])));
                    }
                    done
                })
            })
            .collect();
        for handle in handles {
            for (i, result) in handle.join().unwrap_or_default() {
                out[i] = Some(result);
            }
        }
    });
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_items_order() {
        let items: Vec<usize> = (0..100).collect();
        let squares = super::map(&items, |&n| n % 7, |&n| n * n);
        let want: Vec<Option<usize>> = items.iter().map(|&n| Some(n * n)).collect();
        assert_eq!(squares, want);
    }
}
