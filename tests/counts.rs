//! Counts on the five seed articles: every troop figure with its value, range,
//! qualifier, counted thing and concept, and none of the numbers that are not
//! counts.

use std::collections::HashMap;

use crate::util::seed_rows;

fn seed_counts() -> Vec<HashMap<String, String>> {
    seed_rows()
        .into_iter()
        .filter(|r| r["kind"] == "count")
        .collect()
}

/// (doc, text, value, value_max, approx, unit)
type Expected = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const TROOP_FIGURES: &[Expected] = &[
    (
        "000_37409f865a15fab3",
        "as many as 10,000 North Korean soldiers",
        "10000",
        "",
        "at_most",
        "North Korean soldiers",
    ),
    (
        "000_37409f865a15fab3",
        "8,000 troops",
        "8000",
        "",
        "exact",
        "troops",
    ),
    (
        "000_37409f865a15fab3",
        "about 10,000 to 12,000 troops",
        "10000",
        "12000",
        "approximate",
        "troops",
    ),
    (
        "001_ca7cebb2266aefef",
        "as many as 10,000 North Korean soldiers",
        "10000",
        "",
        "at_most",
        "North Korean soldiers",
    ),
    (
        "001_ca7cebb2266aefef",
        "8,000 troops",
        "8000",
        "",
        "exact",
        "troops",
    ),
    (
        "001_ca7cebb2266aefef",
        "about 10,000 to 12,000 troops",
        "10000",
        "12000",
        "approximate",
        "troops",
    ),
    (
        "002_806c665e7ddad4bd",
        "approximately 8,000 North Korean soldiers",
        "8000",
        "",
        "approximate",
        "North Korean soldiers",
    ),
    (
        "002_806c665e7ddad4bd",
        "approximately 10,000 to 12,000 troops",
        "10000",
        "12000",
        "approximate",
        "troops",
    ),
    (
        "003_acae0075ff362d20",
        "about 10,000 troops",
        "10000",
        "",
        "approximate",
        "troops",
    ),
    (
        "003_acae0075ff362d20",
        "thousands of North Korean soldiers",
        "2000",
        "",
        "vague",
        "North Korean soldiers",
    ),
    (
        "003_acae0075ff362d20",
        "some 10,000 troops",
        "10000",
        "",
        "approximate",
        "troops",
    ),
];

#[test]
fn every_troop_figure_in_the_seeds() {
    let counts = seed_counts();
    let columns = ["doc_id", "text", "value", "value_max", "approx", "unit"];
    let troops: Vec<Vec<&str>> = counts
        .iter()
        .filter(|r| r["concept"] == "troops")
        .map(|r| columns.iter().map(|c| r[*c].as_str()).collect())
        .collect();
    let want: Vec<Vec<&str>> = TROOP_FIGURES
        .iter()
        .map(|e| vec![e.0, e.1, e.2, e.3, e.4, e.5])
        .collect();
    assert_eq!(troops, want, "the troop figures, exactly, in text order");
}

#[test]
fn counts_of_other_things_keep_their_unit() {
    let counts = seed_counts();
    let other: Vec<(&str, &str, &str)> = counts
        .iter()
        .filter(|r| r["concept"].is_empty())
        .map(|r| (r["text"].as_str(), r["value"].as_str(), r["unit"].as_str()))
        .collect();
    for want in [
        ("32 national ambassadors", "32", "national ambassadors"),
        ("two sites", "2", "sites"),
        ("15 areas", "15", "areas"),
        ("32 NATO member countries", "32", "NATO member countries"),
    ] {
        assert!(other.contains(&want), "{want:?} not in {other:?}");
    }
}

#[test]
fn numbers_that_are_not_counts() {
    let counts = seed_counts();
    for r in &counts {
        for not_a_count in [
            "1950", "53", "1953", "1851", "19", "90", "16", "9", "3", "1000", "750",
        ] {
            assert_ne!(r["value"], not_a_count, "{r:?}");
        }
        for text in ["1950-53", "Hwasong", "minute", "16x9", "year-long", "half"] {
            assert!(!r["text"].contains(text), "{r:?}");
        }
    }
}
