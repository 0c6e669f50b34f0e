//! `compare` on multi-outlet stories written for these tests
//! (`tests/data/stories/`, each with a README of what it plants): figures of
//! different things kept apart, earlier events named in passing left out,
//! updates told from disagreements, and an unnamed rewrite's outlet.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::util::{claimex, parse_csv};

fn story(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/stories")
        .join(name)
}

/// `compare` rows on some articles of a story (all of them if `files` is empty).
fn compare(name: &str, files: &[&str]) -> Vec<HashMap<String, String>> {
    let dir = story(name);
    let manifest = dir.join("manifest.csv");
    let paths: Vec<String> = match files.is_empty() {
        true => vec![dir.display().to_string()],
        false => files
            .iter()
            .map(|f| dir.join(f).display().to_string())
            .collect(),
    };
    let mut args = vec!["compare"];
    args.extend(paths.iter().map(String::as_str));
    args.extend(["--manifest", manifest.to_str().unwrap()]);
    let run = claimex(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    parse_csv(&run.stdout)
}

/// The groups that hold a figure, with whether each disagrees.
fn groups_of(rows: &[HashMap<String, String>], value: &str) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = rows
        .iter()
        .filter(|r| r["value"] == value)
        .map(|r| (r["group"].clone(), r["disagree"].clone()))
        .collect();
    found.dedup();
    found
}

#[test]
fn the_killed_the_rescued_and_an_older_disaster_are_apart() {
    for (name, killed, rescued, older) in [
        ("ferry-sinking", "214", "131", "332"),
        ("building-collapse", "41", "48", "19"),
    ] {
        let rows = compare(name, &[]);
        let killed = groups_of(&rows, killed);
        assert!(
            killed.iter().all(|(g, _)| g.starts_with("people killed")),
            "{name}: {killed:?}"
        );
        let rescued = groups_of(&rows, rescued);
        assert!(
            rescued.iter().any(|(g, _)| g == "people rescued"),
            "{name}: {rescued:?}"
        );
        assert!(
            !rescued.iter().any(|(g, _)| g.contains("killed")),
            "{name}: {rescued:?}"
        );
        // "the deadliest since a 2006 sinking that killed 332 people".
        let older = groups_of(&rows, older);
        assert!(
            older
                .iter()
                .all(|(g, d)| g.contains("earlier events") && d == "no"),
            "{name}: {older:?}"
        );
    }
}

#[test]
fn a_toll_that_rises_during_the_day_is_an_update() {
    // The agency's morning and evening stories alone.
    let rows = compare(
        "ferry-sinking",
        &["01-ap-tuesday-morning.txt", "02-ap-tuesday-evening.txt"],
    );
    let killed = groups_of(&rows, "214");
    assert!(killed.iter().all(|(_, d)| d == "no"), "{killed:?}");
    let rows = compare(
        "building-collapse",
        &["01-ap-morning.txt", "03-ap-evening.txt"],
    );
    let killed = groups_of(&rows, "41");
    assert!(killed.iter().all(|(_, d)| d == "no"), "{killed:?}");
}

#[test]
fn two_outlets_with_different_tolls_the_same_evening_disagree() {
    // The provincial governor's 209 in the local paper against the national
    // agency's 214 on the wire, both Tuesday evening.
    let rows = compare(
        "ferry-sinking",
        &["02-ap-tuesday-evening.txt", "03-local-evening.txt"],
    );
    assert_eq!(groups_of(&rows, "214"), groups_of(&rows, "209"));
    assert!(groups_of(&rows, "209").iter().all(|(_, d)| d == "yes"));
}

#[test]
fn an_unnamed_rewrite_with_a_wire_credit_has_no_outlet() {
    let dir = story("ferry-sinking");
    let manifest = dir.join("manifest.csv");
    let run = claimex(&[
        "extract",
        dir.join("04-rewrite-ap-credit.txt").to_str().unwrap(),
        "--manifest",
        manifest.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = run.rows();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r["outlet"].is_empty() && r["wire"] == "Associated Press"),
        "{:?}",
        rows[0]
    );
}

/// An article with no date given takes the one it dates itself with: its
/// time stamp line at the top, not a file photo's caption a week older, nor a
/// year it names in passing.
#[test]
fn an_undated_article_takes_its_own_time_stamp() {
    for (name, file, day) in [
        ("building-collapse", "04-local-undated.txt", "2024-03-12"),
        (
            "wildfire-evacuations",
            "02-caption-undated.txt",
            "2024-08-13",
        ),
        ("border-deployment", "04-afp-undated.txt", "2024-10-09"),
    ] {
        let path = story(name).join(file);
        let run = claimex(&["extract", path.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        // Said once on standard error, as a note.
        let said = format!("no date given; dated {day} from its own text");
        assert_eq!(run.stderr.matches(&said).count(), 1, "{}", run.stderr);
        assert!(run.stderr.starts_with("claimex: note: "), "{}", run.stderr);
        let rows = run.rows();
        assert!(!rows.is_empty(), "{file}");
        assert!(
            rows.iter()
                .all(|r| r["published"] == day && r["published_from"] == "text"),
            "{file}: {} {}",
            rows[0]["published"],
            rows[0]["published_from"]
        );
    }
}
