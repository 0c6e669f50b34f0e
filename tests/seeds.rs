//! The five seed articles, extracted by the binary with the manifest: the
//! contract holds, offsets point into the files, and the formats agree. The
//! claims users rely on are cases in `tests/data/seeds.toml`.

use std::collections::HashMap;

use crate::util::engine::sample_rows;
use crate::util::{Row, extract_seeds, parse_jsonl, seed_rows};

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

/// The second story in 000's file: its offsets still point into the whole
/// file, past the first story, and the manifest's date is the first story's
/// (the claims of both stories are in `tests/data/seeds.toml`).
#[test]
fn second_story_in_one_file_is_its_own_article() {
    let rows = seed_rows();
    let second: Vec<_> = rows
        .iter()
        .filter(|r| r["doc_id"] == "000_37409f865a15fab3#2")
        .collect();
    assert!(!second.is_empty(), "no rows of the second story");
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
    let first = rows
        .iter()
        .find(|r| r["doc_id"] == "000_37409f865a15fab3")
        .unwrap();
    assert_eq!(first["published_from"], "manifest");
    assert!(
        second.iter().all(|r| r["published_from"] == "text"),
        "the second story is dated by its own text"
    );
}

/// The case runner (`tests/cases.rs`) reads the samples through the library
/// with the manifest's outlet and date; what it reads is what the binary
/// writes, but for the columns that say where the input came from.
#[test]
fn the_library_reads_the_samples_as_the_binary_does() {
    let run = extract_seeds("jsonl");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let from_binary = parse_jsonl(&run.stdout);
    let from_library = sample_rows(true).to_vec();
    let provenance = ["source", "published_from", "outlet_from"];
    let claim_columns = |rows: Vec<Row>| -> Vec<Row> {
        rows.into_iter()
            .map(|mut r| {
                r.retain(|column, _| !provenance.contains(&column.as_str()));
                r
            })
            .collect()
    };
    let (from_binary, from_library) = (claim_columns(from_binary), claim_columns(from_library));
    assert_eq!(from_binary.len(), from_library.len());
    for (b, l) in from_binary.iter().zip(&from_library) {
        assert_eq!(b, l);
    }
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
