//! Writes a JSONL corpus of about N megabytes built from the bundled sample
//! articles, with varied figures, names and dates, deterministically (the same
//! N gives the same bytes), for the whole-process benchmark in `benches/run.sh`.
//!
//! ```sh
//! cargo run --release --example make_corpus -- 100 /tmp/corpus-100.jsonl
//! ```

use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

/// A small deterministic generator (SplitMix64): no dependency, same output everywhere.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Speakers swapped in for the samples' own. A third have letters beyond
/// ASCII, as international news does: rules with Unicode word boundaries run
/// slower on such sentences (the lazy DFA gives way to the PikeVM), and a
/// corpus in ASCII alone would hide that.
const NAMES: [(&str, &str); 9] = [
    ("Sabrina Singh", "Singh"),
    ("Matthew Miller", "Miller"),
    ("Mark Rutte", "Rutte"),
    ("Olena Kovalenko", "Kovalenko"),
    ("James Whitfield", "Whitfield"),
    ("Ana Ferreira", "Ferreira"),
    ("José Álvarez", "Álvarez"),
    ("Ingrid Müller", "Müller"),
    ("Zoë Lefèvre", "Lefèvre"),
];
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(mb), Some(out)) = (args.get(1).and_then(|s| s.parse::<u64>().ok()), args.get(2))
    else {
        eprintln!("usage: make_corpus MEGABYTES OUT.jsonl");
        std::process::exit(2);
    };
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut paths: Vec<_> = fs::read_dir(&samples)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .map(fs::read_to_string)
        .collect::<Result<_, _>>()?;
    let mut rng = Mix(mb);
    let mut w = BufWriter::new(fs::File::create(out)?);
    let (mut written, mut n) = (0u64, 0u64);
    while written < mb * 1_000_000 {
        let base = &texts[rng.below(texts.len() as u64) as usize];
        let (full, last) = NAMES[rng.below(NAMES.len() as u64) as usize];
        let text = base
            .replace("10,000", &format!("{},000", 1 + rng.below(40)))
            .replace("8,000", &format!("{},500", 1 + rng.below(20)))
            .replace("Sabrina Singh", full)
            .replace("Singh", last)
            .replace("Monday", WEEKDAYS[rng.below(7) as usize]);
        let line = serde_json::json!({
            "id": format!("bench-{n}"),
            "outlet": format!("Outlet {}", rng.below(50)),
            "published": format!("2024-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
            "text": text,
        })
        .to_string();
        writeln!(w, "{line}")?;
        written += line.len() as u64 + 1;
        n += 1;
    }
    w.flush()?;
    eprintln!("{out}: {n} articles, {written} bytes");
    Ok(())
}
