//! Outlets and actors in the claims table: where the outlet came from, the
//! wire a reprint credits, and whose troops the seeds' counts count (how an
//! actor is found in a text is a case in `tests/data/counts.toml`).

use std::collections::{BTreeSet, HashMap};

use crate::util::{claimex, claimex_in, samples, seed_rows};

/// (outlet, outlet_from, wire) of each article, from the rows of one run.
fn outlets(rows: &[HashMap<String, String>]) -> HashMap<String, (String, String, String)> {
    rows.iter()
        .map(|r| {
            let key = r["doc_id"].clone();
            let value = (
                r["outlet"].clone(),
                r["outlet_from"].clone(),
                r["wire"].clone(),
            );
            (key, value)
        })
        .collect()
}

fn triple(outlet: &str, from: &str, wire: &str) -> (String, String, String) {
    (outlet.into(), from.into(), wire.into())
}

#[test]
fn without_a_manifest_the_text_names_the_outlet() {
    let run = claimex(&["extract", samples().to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let got = outlets(&run.rows());
    let ap = triple("Associated Press", "text", "Associated Press");
    // "SEOUL, South Korea (AP) —", and the second story's "BRUSSELS (AP) —".
    assert_eq!(got["000_37409f865a15fab3"], ap);
    assert_eq!(got["000_37409f865a15fab3#2"], ap);
    assert_eq!(got["001_ca7cebb2266aefef"], ap);
    // An unnamed rewrite that "includes reporting from The Associated
    // Press": the agency is its wire, not its outlet, which is unknown.
    assert_eq!(
        got["002_806c665e7ddad4bd"],
        triple("", "", "Associated Press")
    );
    // The site's own boilerplate, and the AP writer's credit: a reprint names both.
    assert_eq!(
        got["003_acae0075ff362d20"],
        triple("Sun Journal", "text", "Associated Press")
    );
    // VOA's page carries Reuters' author box.
    assert_eq!(
        got["004_b15dab73670aa2b5"],
        triple("Reuters", "text", "Reuters")
    );
}

#[test]
fn a_manifest_outlet_wins_and_the_wire_stays_beside_it() {
    let got = outlets(&seed_rows());
    assert_eq!(
        got["003_acae0075ff362d20"],
        triple("Sun Journal", "manifest", "Associated Press")
    );
    // 002's manifest row has no outlet, and its text credits the agency only
    // for a contribution: the outlet stays unknown.
    assert_eq!(
        got["002_806c665e7ddad4bd"],
        triple("", "", "Associated Press")
    );
}

/// With an outlet given, only the wire is looked for (and the search ends at
/// the first credit); the wire must be the one found without it.
#[test]
fn a_given_outlet_leaves_the_wire_as_the_text_credits_it() {
    let run = claimex(&["extract", samples().to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let found = outlets(&run.rows());
    let given = outlets(&seed_rows());
    assert_eq!(found.len(), given.len());
    for (doc, (_, _, wire)) in &found {
        assert_eq!(&given[doc].2, wire, "{doc}");
    }
    // Some outlets came from the manifest, and some articles credit a wire:
    // the comparison has something to compare.
    assert!(given.values().any(|(_, from, _)| from == "manifest"));
    assert!(found.values().any(|(_, _, wire)| !wire.is_empty()));
}

#[test]
fn a_jsonl_outlet_says_so() {
    let line = r#"{"id":"j","outlet":"Example Daily","text":"LONDON (Reuters) - Officials said 500 troops arrived."}"#;
    let run = claimex_in(
        None,
        &["extract", "-", "--stdin-format", "jsonl"],
        Some(format!("{line}\n").as_bytes()),
    );
    let got = outlets(&run.rows());
    assert_eq!(got["j"], triple("Example Daily", "jsonl", "Reuters"));
}

#[test]
fn every_troop_count_in_the_seeds_counts_north_koreans() {
    let rows = seed_rows();
    let actors: BTreeSet<&str> = rows
        .iter()
        .filter(|r| r["kind"] == "count" && r["concept"] == "troops")
        .map(|r| r["actor"].as_str())
        .collect();
    assert_eq!(actors, BTreeSet::from(["North Korea"]));
}

/// An agency is the outlet only where the text is its own copy: a dateline
/// credit or a byline; credited for a contribution, it is the wire alone.
#[test]
fn an_agency_is_the_outlet_only_of_its_own_copy() {
    let dir = crate::util::Dir::new();
    let file = dir.write(
        "a.jsonl",
        concat!(
            r#"{"id":"dateline","text":"LAGOS, Nigeria (AP) — Officials said 300 troops arrived."}"#,
            "\n",
            r#"{"id":"byline","text":"By Jane Doe, Reuters\n\nOfficials said 300 troops arrived."}"#,
            "\n",
            r#"{"id":"contributed","text":"Officials said 300 troops arrived.\n\nThe Associated Press contributed to this report."}"#,
            "\n",
            r#"{"id":"writer","text":"Officials said 300 troops arrived.\n\nAssociated Press writer Jane Doe in Lagos contributed."}"#,
            "\n",
        ),
    );
    let run = claimex(&["extract", &file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let got = outlets(&run.rows());
    assert_eq!(
        got["dateline"],
        triple("Associated Press", "text", "Associated Press")
    );
    assert_eq!(got["byline"], triple("Reuters", "text", "Reuters"));
    assert_eq!(got["contributed"], triple("", "", "Associated Press"));
    assert_eq!(got["writer"], triple("", "", "Associated Press"));
}
