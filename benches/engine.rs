//! `cargo bench`: the engine on the bundled sample articles, in bytes per
//! second (divan reports the throughput), one long article as one paragraph
//! and as one sentence per line, and compiling the default rules. The
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

/// One article of `megabytes` of news sentences with "said", figures and
/// dates (people and pronouns, statements, quotes), its sentences joined by
/// `separator`. Every sentence holds a figure of its own, so that no line
/// repeats (a repeated line is boilerplate, and skipped).
fn long_article(megabytes: usize, separator: &str) -> Article {
    let names = [
        "Sabrina Singh",
        "Ursula Müller",
        "Mark Rutte",
        "José Álvarez",
    ];
    let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
    let months = ["Jan.", "March", "May", "Oct.", "Nov."];
    let mut sentences: Vec<String> = Vec::new();
    let mut size = 0;
    while size < megabytes << 20 {
        let k = sentences.len();
        let (name, day) = (names[k % 4], days[k / 4 % 5]);
        let date = format!("{} {}, {}", months[k / 3 % 5], 1 + k % 28, 2019 + k % 7);
        let figure = format!("{},{:03}", 1 + k / 1000, k % 1000);
        let sentence = match k % 8 {
            0 => format!("{name} said {figure} troops arrived in Kursk on {day}."),
            1 => format!("He said {figure} soldiers had left by {date}."),
            2 => format!("It said {figure} people were killed between {date} and {day}."),
            3 => format!("The spokesman said about {figure} troops would move on {day}."),
            4 => format!("They issued a statement about {figure} troops on {date}."),
            5 => format!("“We are concerned about the {figure} troops,” {name} told reporters."),
            6 => format!("According to {name}, {figure} civilians moved to Kyiv on {date}."),
            _ => format!("North Korea has sent {figure} troops to Russia, {name} said {day}."),
        };
        size += sentence.len() + separator.len();
        sentences.push(sentence);
    }
    Article::new("long", sentences.join(separator))
        .with_published(chrono::NaiveDate::from_ymd_opt(2024, 11, 4))
}

/// A long article as one paragraph, at two sizes: the time per byte stays
/// the same as the size grows (extraction is linear in an article's length),
/// and near that of the same sentences one per line.
#[divan::bench(args = [1, 4], sample_count = 3, sample_size = 1)]
fn extract_one_paragraph_of_megabytes(bencher: Bencher, megabytes: usize) {
    extract_long(bencher, long_article(megabytes, " "));
}

/// The same sentences as `extract_one_paragraph_of_megabytes`, one per line.
#[divan::bench(args = [1, 4], sample_count = 3, sample_size = 1)]
fn extract_one_sentence_per_line_of_megabytes(bencher: Bencher, megabytes: usize) {
    extract_long(bencher, long_article(megabytes, "\n"));
}

fn extract_long(bencher: Bencher, article: Article) {
    let engine = Engine::new(Rules::embedded().expect("default rules"));
    bencher
        .counter(BytesCount::new(article.text.len()))
        .bench_local(|| black_box(engine.extract(black_box(&article))));
}
