//! The five seed articles, extracted with the manifest: the contract holds and
//! the claims users rely on are right.

use std::collections::HashMap;

use crate::util::{extract_seeds, seed_rows};

#[test]
fn header_is_the_contract_in_order() {
    let run = extract_seeds("csv");
    let header = run.stdout.lines().next().unwrap();
    let contract = "doc_id,outlet,published,kind,subtype,text,value,value_max,approx,unit,concept,speaker,speaker_role,cue,when,when_text,sentence,start,end,rule";
    assert!(header.starts_with(contract), "header was {header}");
}

#[test]
fn every_text_is_its_source_span() {
    let rows = seed_rows();
    assert!(rows.len() > 50);
    let mut sources: HashMap<String, Vec<u8>> = HashMap::new();
    for row in &rows {
        let bytes = sources
            .entry(row["source"].clone())
            .or_insert_with(|| std::fs::read(&row["source"]).unwrap());
        let start: usize = row["start"].parse().unwrap();
        let end: usize = row["end"].parse().unwrap();
        let raw = std::str::from_utf8(&bytes[start..end]).unwrap();
        // CSV cells are spreadsheet-safe; none of the seed spans needs the guard.
        assert_eq!(row["text"], raw, "row {row:?}");
        assert!(
            row["sentence"].contains(raw),
            "the sentence holds the claim: {row:?}"
        );
    }
}

#[test]
fn all_three_kinds_appear() {
    let rows = seed_rows();
    for kind in ["quote", "count", "date"] {
        assert!(rows.iter().any(|r| r["kind"] == kind), "no {kind} rows");
    }
}

#[test]
fn miller_count_in_both_copies_of_the_ap_story() {
    let rows = seed_rows();
    for doc in ["000_37409f865a15fab3", "001_ca7cebb2266aefef"] {
        let miller: Vec<_> = rows
            .iter()
            .filter(|r| {
                r["doc_id"] == doc
                    && r["kind"] == "count"
                    && r["value"] == "10000"
                    && r["approx"] == "at_most"
            })
            .collect();
        assert_eq!(miller.len(), 1, "one Miller count in {doc}");
        let r = miller[0];
        assert_eq!(r["unit"], "North Korean soldiers");
        assert_eq!(r["concept"], "troops");
        assert_eq!(r["speaker"], "Matthew Miller");
        assert_eq!(r["speaker_role"], "U.S. State Department spokesman");
        assert_eq!(r["cue"], "told reporters");
        assert_eq!(r["when"], "2024-11-04");
        assert_eq!(r["when_text"], "Monday");
        assert_eq!(r["outlet"], "Associated Press");
        assert_eq!(r["published"], "2024-11-04");
        assert_eq!(r["text"], "as many as 10,000 North Korean soldiers");
    }
}

#[test]
fn troop_figures_with_ranges_and_qualifiers() {
    let rows = seed_rows();
    let count = |doc: &str, text: &str| {
        rows.iter()
            .find(|r| r["doc_id"].starts_with(doc) && r["kind"] == "count" && r["text"] == text)
            .unwrap_or_else(|| panic!("no count {text:?} in {doc}"))
            .clone()
    };
    let range = count("000", "about 10,000 to 12,000 troops");
    assert_eq!(
        (range["value"].as_str(), range["value_max"].as_str()),
        ("10000", "12000")
    );
    assert_eq!(range["approx"], "approximate");
    let eight = count("001", "8,000 troops");
    assert_eq!(
        (eight["value"].as_str(), eight["approx"].as_str()),
        ("8000", "exact")
    );
    let rewrite = count("002", "approximately 8,000 North Korean soldiers");
    assert_eq!(rewrite["published"], "", "002 has no date in the manifest");
    let singh = count("003", "about 10,000 troops");
    assert_eq!(singh["speaker"], "Sabrina Singh");
    assert_eq!(singh["when"], "2024-10-28");
    assert_eq!(singh["outlet"], "Sun Journal");
}

#[test]
fn years_and_model_names_are_not_counts() {
    let rows = seed_rows();
    for r in rows.iter().filter(|r| r["kind"] == "count") {
        for not_a_count in ["1950", "1953", "1851", "19", "90", "16", "3"] {
            assert_ne!(r["value"], not_a_count, "{r:?}");
        }
    }
}

#[test]
fn dates_resolve_against_each_article() {
    let rows = seed_rows();
    let dates: Vec<(&str, &str, &str)> = rows
        .iter()
        .filter(|r| r["kind"] == "date")
        .map(|r| {
            (
                r["doc_id"].as_str(),
                r["text"].as_str(),
                r["value"].as_str(),
            )
        })
        .collect();
    assert!(dates.contains(&("003_acae0075ff362d20", "last Friday", "2024-10-25")));
    assert!(dates.contains(&("003_acae0075ff362d20", "last week", "2024-W43")));
    assert!(dates.contains(&("000_37409f865a15fab3", "Thursday", "2024-10-31")));
    assert!(dates.contains(&("000_37409f865a15fab3", "last month", "2024-10")));
    assert!(dates.contains(&(
        "000_37409f865a15fab3#2",
        "Tuesday, Dec. 3, 2024",
        "2024-12-03"
    )));
    // 002 has no reference date and writes no full date: relative dates are
    // found but left unresolved.
    assert!(dates.contains(&("002_806c665e7ddad4bd", "Monday", "")));
    assert!(
        rows.iter()
            .filter(|r| r["doc_id"] == "002_806c665e7ddad4bd")
            .all(|r| r["published_from"].is_empty())
    );
}

#[test]
fn second_story_in_one_file_is_its_own_article() {
    let rows = seed_rows();
    let second: Vec<_> = rows
        .iter()
        .filter(|r| r["doc_id"] == "000_37409f865a15fab3#2")
        .collect();
    assert!(
        second
            .iter()
            .any(|r| r["kind"] == "quote" && r["speaker"] == "Mark Rutte")
    );
    // Its offsets still point into the whole file, past the first story.
    let first_end = rows
        .iter()
        .filter(|r| r["doc_id"] == "000_37409f865a15fab3")
        .map(|r| r["end"].parse::<usize>().unwrap())
        .max()
        .unwrap();
    assert!(
        second
            .iter()
            .all(|r| r["start"].parse::<usize>().unwrap() > first_end)
    );
    // The manifest's date is the first story's; the second is dated by its own
    // captions ("Tuesday, Dec. 3, 2024"), and says so.
    assert!(
        second
            .iter()
            .all(|r| r["published"] == "2024-12-03" && r["published_from"] == "text")
    );
    let first = rows
        .iter()
        .find(|r| r["doc_id"] == "000_37409f865a15fab3")
        .unwrap();
    assert_eq!(first["published_from"], "manifest");
    let tuesday = second.iter().find(|r| r["text"] == "Tuesday").unwrap();
    assert_eq!(tuesday["value"], "2024-12-03");
    let starmer = second.iter().find(|r| r["text"] == "Monday").unwrap();
    assert_eq!(
        starmer["value"], "2024-12-02",
        "late Monday, the day before"
    );
}

#[test]
fn repeated_captions_and_boilerplate_are_not_matched() {
    let rows = seed_rows();
    // 000 repeats eight photo captions, each with "Monday, Nov. 4, 2024"; each
    // distinct caption counts once.
    let caption_dates = rows
        .iter()
        .filter(|r| r["doc_id"] == "000_37409f865a15fab3" && r["text"] == "Monday, Nov. 4, 2024")
        .count();
    assert_eq!(caption_dates, 8);
    // 004's publisher blurb ("founded in 1851 ... more than 1000 newspapers") is boilerplate.
    assert!(
        !rows
            .iter()
            .any(|r| r["sentence"].contains("news agency founded"))
    );
}

#[test]
fn quotes_have_speakers_and_figures_their_owners() {
    let rows = seed_rows();
    let quote = |doc: &str, starts: &str| {
        rows.iter()
            .find(|r| {
                r["doc_id"].starts_with(doc)
                    && r["kind"] == "quote"
                    && r["value"].starts_with(starts)
            })
            .unwrap_or_else(|| panic!("no quote starting {starts:?} in {doc}"))
            .clone()
    };
    assert_eq!(
        quote("003", "If we see DPRK troops")["speaker"],
        "Sabrina Singh"
    );
    assert_eq!(
        quote("003", "Today, I can confirm")["speaker"],
        "Mark Rutte"
    );
    assert_eq!(
        quote("003", "Western military personnel")["speaker"],
        "Sergey Lavrov"
    );
    assert_eq!(
        quote("003", "some of those soldiers have already moved")["speaker"],
        "Sabrina Singh"
    );
    let monitor = quote("003", "We continue to monitor");
    assert_eq!(
        (
            monitor["speaker"].as_str(),
            monitor["speaker_mention"].as_str()
        ),
        ("Mark Rutte", "he")
    );
    // "... within “the next several weeks,” Pentagon spokeswoman Sabrina Singh said Monday."
    let weeks = rows
        .iter()
        .find(|r| r["kind"] == "quote" && r["value"].contains("the next several weeks"))
        .unwrap();
    assert_eq!(weeks["speaker"], "Sabrina Singh");
    // "“... Russia’s Kursk” region, she told reporters."
    let concerned = quote("003", "We are increasingly concerned");
    assert_eq!(
        (
            concerned["speaker"].as_str(),
            concerned["speaker_mention"].as_str(),
            concerned["cue"].as_str()
        ),
        ("Sabrina Singh", "she", "told reporters")
    );
    // The second story of 000: a person named in the paragraph before ("he
    // said in English"), and a body ("it said").
    assert_eq!(
        quote("000", "The front is not moving eastwards")["speaker"],
        "Mark Rutte"
    );
    let sybiha = quote("000", "This document, this paper");
    assert_eq!(
        (sybiha["speaker"].as_str(), sybiha["cue"].as_str()),
        ("Andrii Sybiha", "said in English")
    );
    let ministry = quote("000", "We are convinced that the only real guarantee");
    assert_eq!(
        (
            ministry["speaker"].as_str(),
            ministry["speaker_mention"].as_str()
        ),
        ("the Ukrainian Foreign Ministry", "it")
    );
    assert_eq!(
        quote("004", "Russia’s aggression against Ukraine")["speaker"],
        "Josep Borrell"
    );
    // Korean names: the family name first, so "Cho" is "Cho Tae-yul".
    assert_eq!(
        quote("004", "when asked whether Seoul could send weapons")["speaker"],
        "Cho Tae-yul"
    );
    assert_eq!(
        quote("004", "her country would back Russia")["speaker"],
        "Choe Son Hui"
    );
    assert_eq!(
        quote("004", "Washington expects the North Korean troops")["speaker"],
        "Antony Blinken"
    );
    // "... issued a joint statement ..." then "“...,” the statement said."
    for doc in ["000", "001", "002"] {
        assert_eq!(
            quote(doc, "We are also deeply concerned")["speaker"],
            "Cho Tae-yul and Josep Borrell"
        );
    }
    // A question is not a statement: 002's subheading.
    assert!(
        !rows.iter().any(
            |r| r["kind"] == "quote" && r["value"].contains("About North Korea Helping Russia")
        )
    );

    // Every troop figure is tied to who claims it.
    let count = |doc: &str, text: &str| {
        rows.iter()
            .find(|r| r["doc_id"] == doc && r["kind"] == "count" && r["text"] == text)
            .unwrap_or_else(|| panic!("no count {text:?} in {doc}"))
            .clone()
    };
    for (doc, text, speaker) in [
        (
            "000_37409f865a15fab3",
            "as many as 10,000 North Korean soldiers",
            "Matthew Miller",
        ),
        (
            "000_37409f865a15fab3",
            "8,000 troops",
            "the U.S. government",
        ),
        (
            "001_ca7cebb2266aefef",
            "8,000 troops",
            "the U.S. government",
        ),
        (
            "000_37409f865a15fab3",
            "about 10,000 to 12,000 troops",
            "U.S., South Korean and Ukrainian intelligence assessments",
        ),
        (
            "002_806c665e7ddad4bd",
            "approximately 10,000 to 12,000 troops",
            "Intelligence assessments from the U.S., South Korea, and Ukraine",
        ),
        (
            "002_806c665e7ddad4bd",
            "approximately 8,000 North Korean soldiers",
            "the U.S. government",
        ),
        (
            "003_acae0075ff362d20",
            "about 10,000 troops",
            "Sabrina Singh",
        ),
        (
            "003_acae0075ff362d20",
            "some 10,000 troops",
            "Volodymyr Zelensky",
        ),
    ] {
        assert_eq!(count(doc, text)["speaker"], speaker, "{doc}: {text}");
    }
    // A figure the article states in its own voice has no speaker.
    assert_eq!(count("004_b15dab73670aa2b5", "15 areas")["speaker"], "");
}

#[test]
fn output_is_deterministic_and_formats_agree() {
    let csv = extract_seeds("csv");
    assert_eq!(csv.stdout, extract_seeds("csv").stdout);
    let jsonl = extract_seeds("jsonl");
    let json_rows: Vec<serde_json::Value> = jsonl
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let csv_rows = csv.rows();
    assert_eq!(json_rows.len(), csv_rows.len());
    for (j, c) in json_rows.iter().zip(&csv_rows) {
        assert_eq!(j["text"], c["text"].as_str());
        assert_eq!(j["start"].as_u64().unwrap().to_string(), c["start"]);
    }
    let tsv = extract_seeds("tsv");
    assert_eq!(tsv.stdout.lines().count(), csv_rows.len() + 1);
}
