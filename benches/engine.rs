//! `cargo bench`: the engine on the bundled sample articles, in bytes per
//! second (divan reports the throughput), and compiling the default rules. The
//! whole-process benchmark on a large corpus is `benches/run.sh`.

use std::path::Path;

use claimex::{Article, Engine, Rules};
use divan::counter::BytesCount;
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

fn samples() -> Vec<Article> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("samples folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("sample text");
            Article::new(p.display().to_string(), text)
                .with_published(chrono::NaiveDate::from_ymd_opt(2024, 11, 4))
        })
        .collect()
}

#[divan::bench]
fn extract_samples(bencher: Bencher) {
    let engine = Engine::new(Rules::embedded().expect("default rules"));
    let articles = samples();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    bencher.counter(BytesCount::new(bytes)).bench_local(|| {
        for article in &articles {
            black_box(engine.extract(black_box(article)));
        }
    });
}

/// Extraction with the rules of one kind only, or none: where the time goes.
/// With no rules left, what remains is what every byte costs whatever the
/// rules (normalizing, paragraphs and sentences, outlet credits).
#[divan::bench(args = ["quote", "count", "date", "none"])]
fn extract_samples_with_rules_of(bencher: Bencher, kind: &str) {
    let mut rules = Rules::embedded().expect("default rules");
    rules.rules.retain(|r| r.kind.as_str() == kind);
    let engine = Engine::new(rules);
    let articles = samples();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    bencher.counter(BytesCount::new(bytes)).bench_local(|| {
        for article in &articles {
            black_box(engine.extract(black_box(article)));
        }
    });
}

#[divan::bench(sample_count = 10)]
fn compile_default_rules() -> Engine {
    Engine::new(Rules::embedded().expect("default rules"))
}
