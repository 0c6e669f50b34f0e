//! A long paragraph reads as its sentences do one per line: the same claims,
//! at the same offsets (the sentences are joined by a space or by a line
//! break, one byte either way).
//!
//! Nothing in the text depends on where paragraphs break: every speaker is
//! named in their own sentence, and the pronouns and role nouns stand for no
//! one in the whole article, however far back they may look. It holds what
//! once made one long paragraph take time quadratic in its length: "he", "it"
//! and "the spokesman" with nothing to stand for, and statements issued by no
//! one named. Timings are measured by `cargo bench` and `benches/run.sh`,
//! never asserted here.

use crate::util::{Dir, Row, claimex, parse_jsonl};

const WOMEN: [&str; 5] = [
    "Sabrina Singh",
    "Ursula Müller",
    "Maria Lopez",
    "Annalena Böhm",
    "Anna Kowalska",
];
const PLACES: [&str; 4] = ["Kursk", "Seoul", "Brussels", "Kyiv"];
const COUNTRIES: [&str; 4] = ["North Korea", "Russia", "Ukraine", "South Korea"];
const DAYS: [&str; 5] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const MONTHS: [&str; 8] = [
    "Jan.", "Feb.", "March", "April", "May", "June", "Oct.", "Nov.",
];
const UNITS: [&str; 4] = ["troops", "soldiers", "civilians", "people"];

/// A fixed sequence of choices (xorshift), the same on every run.
struct Choices(u64);

impl Choices {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn date(&mut self) -> String {
        let month = self.pick(&MONTHS);
        format!("{month} {}, {}", 1 + self.below(28), 2019 + self.below(7))
    }
}

/// `n` with a comma between thousands: "12,345".
fn thousands(n: usize) -> String {
    match n {
        0..1000 => n.to_string(),
        _ => format!("{},{:03}", thousands(n / 1000), n % 1000),
    }
}

/// News sentences with "said", figures and dates, about `bytes` long in all.
/// Each holds a figure of its own, so that no line repeats (a repeated line
/// is boilerplate).
fn sentences(bytes: usize) -> Vec<String> {
    let mut c = Choices(0x9E37_79B9_7F4A_7C15);
    let (mut out, mut size) = (Vec::new(), 0);
    while size < bytes {
        let figure = thousands(1000 + out.len());
        let unit = c.pick(&UNITS);
        let s = match c.below(11) {
            0 => format!(
                "{} said {figure} {unit} arrived in {} on {}.",
                c.pick(&WOMEN),
                c.pick(&PLACES),
                c.pick(&DAYS)
            ),
            1 => format!("He said {figure} {unit} had left by {}.", c.date()),
            2 => format!(
                "It said {figure} {unit} were killed between {} and {}.",
                c.date(),
                c.date()
            ),
            3 => format!(
                "The spokesman said about {figure} {unit} would move on {}.",
                c.pick(&DAYS)
            ),
            4 => format!(
                "They issued a statement about {figure} {unit} on {}.",
                c.date()
            ),
            5 => format!(
                "“We are concerned about the {figure} {unit},” {} told reporters.",
                c.pick(&WOMEN)
            ),
            6 => format!(
                "According to {}, {figure} {unit} moved to {} on {}.",
                c.pick(&WOMEN),
                c.pick(&PLACES),
                c.date()
            ),
            7 => format!(
                "As many as {figure} {unit} were in {}, {} said {}.",
                c.pick(&PLACES),
                c.pick(&WOMEN),
                c.pick(&DAYS)
            ),
            8 => format!(
                "The talks will last for {} days starting {}, with {figure} {unit} there.",
                2 + c.below(8),
                c.date()
            ),
            9 => format!("Two weeks later, {figure} {unit} returned home."),
            _ => format!(
                "{} has sent {figure} {unit} to {}.",
                c.pick(&COUNTRIES),
                c.pick(&COUNTRIES)
            ),
        };
        size += s.len() + 1;
        out.push(s);
    }
    out
}

/// A row but for the columns that name the file.
fn content(row: &Row) -> Vec<(&String, &String)> {
    row.iter()
        .filter(|(column, _)| !matches!(column.as_str(), "doc_id" | "source"))
        .collect()
}

#[test]
fn a_long_paragraph_gives_the_claims_of_its_sentences_one_per_line() {
    let sentences = sentences(512 << 10);
    let dir = Dir::new();
    let text = sentences.join(" ") + "\n";
    let paragraph = dir.write("paragraph.txt", &text);
    let lines = dir.write("lines.txt", sentences.join("\n") + "\n");
    let run = claimex(&["extract", "--format", "jsonl", &paragraph, &lines]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = parse_jsonl(&run.stdout);
    let of = |doc: &str| -> Vec<&Row> { rows.iter().filter(|r| r["doc_id"] == doc).collect() };
    let (one, many) = (of("paragraph"), of("lines"));
    assert!(one.len() > 10_000, "{} claims", one.len());
    assert_eq!(one.len(), many.len());
    for (a, b) in one.iter().zip(&many) {
        assert_eq!(content(a), content(b));
        let (start, end): (usize, usize) = (a["start"].parse().unwrap(), a["end"].parse().unwrap());
        assert_eq!(text[start..end], a["text"]);
    }
    // What once took quadratic time is there, and stands for no one.
    for mention in ["He", "It", "The spokesman"] {
        let unresolved = one
            .iter()
            .filter(|r| r["speaker_mention"] == mention && r["speaker"].is_empty())
            .count();
        assert!(unresolved > 250, "{mention}: {unresolved}");
    }
}
