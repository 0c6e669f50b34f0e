//! Inputs: JSONL, manifest, standard input, folders, and every kind of bad input.
//! Bad input is named on stderr, the rest is still written, and the exit code
//! says so: 0 all well, 1 some input failed, 2 usage or rules errors.

use crate::util::{ARTICLE, Dir, claimex, claimex_in};

#[test]
fn text_file_doc_id_is_the_stem() {
    let dir = Dir::new();
    let file = dir.write("story-1.txt", ARTICLE);
    let run = claimex(&["extract", &file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = run.rows();
    assert!(
        rows.iter()
            .all(|r| r["doc_id"] == "story-1" && r["source"] == file)
    );
    let count = rows.iter().find(|r| r["kind"] == "count").unwrap();
    assert_eq!(
        (count["value"].as_str(), count["approx"].as_str()),
        ("5000", "at_most")
    );
    assert_eq!(count["speaker"], "Kim Jong-sun");
    // No reference date: the figure's day is found but not resolved.
    assert_eq!(
        (count["when"].as_str(), count["published"].as_str()),
        ("", "")
    );
}

#[test]
fn jsonl_articles_with_outlet_and_date() {
    let dir = Dir::new();
    let line = |id: &str, date: &str| {
        serde_json::json!({"id": id, "text": ARTICLE, "outlet": "Wire", "published": date, "url": "https://example.org", "title": "T"})
            .to_string()
    };
    let file = dir.write(
        "feed.jsonl",
        format!(
            "{}\n\n{}\n",
            line("a", "2024-11-04"),
            line("b", "2024-11-05T08:00:00Z")
        ),
    );
    let run = claimex(&["extract", &file, "--format", "jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let count_a = rows
        .iter()
        .find(|r| r["doc_id"] == "a" && r["kind"] == "count")
        .unwrap();
    assert_eq!(count_a["when"], "2024-11-04");
    assert_eq!(count_a["outlet"], "Wire");
    assert_eq!(count_a["source"], format!("{file}:1"));
    assert_eq!(count_a["published_from"], "jsonl");
    let count_b = rows
        .iter()
        .find(|r| r["doc_id"] == "b" && r["kind"] == "count")
        .unwrap();
    // 2024-11-05 is a Tuesday: "Monday" is the day before.
    assert_eq!(count_b["when"], "2024-11-04");
    assert_eq!(count_b["published"], "2024-11-05");
    assert_eq!(count_b["source"], format!("{file}:3"));
    // Offsets are into the JSONL `text` field.
    for r in &rows {
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&ARTICLE[s..e], r["text"].as_str().unwrap());
    }
}

#[test]
fn jsonl_with_a_byte_order_mark_and_crlf() {
    let dir = Dir::new();
    let line = serde_json::json!({"id": "bom", "text": ARTICLE}).to_string();
    let file = dir.write("bom.jsonl", format!("\u{feff}{line}\r\n{line}\r\n"));
    let run = claimex(&["extract", &file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.rows().iter().filter(|r| r["kind"] == "count").count(),
        2
    );
}

#[test]
fn manifest_gives_outlet_and_date_to_text_files() {
    let dir = Dir::new();
    let file = dir.write("a/one.txt", ARTICLE);
    let manifest = dir.write(
        "a/manifest.csv",
        "file,outlet,published,notes\none.txt,The Herald,2024-11-04,extra column\n",
    );
    let run = claimex(&["extract", &file, "--manifest", &manifest]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = run.rows();
    let count = rows.iter().find(|r| r["kind"] == "count").unwrap();
    assert_eq!(count["outlet"], "The Herald");
    assert_eq!(count["published"], "2024-11-04");
    assert_eq!(count["published_from"], "manifest");
    assert_eq!(count["when"], "2024-11-04");
}

#[test]
fn manifest_row_for_a_missing_file_is_a_warning() {
    let dir = Dir::new();
    let file = dir.write("one.txt", ARTICLE);
    let manifest = dir.write(
        "manifest.csv",
        "file,outlet,published\none.txt,Herald,2024-11-04\ngone.txt,Herald,2024-11-04\n",
    );
    let run = claimex(&["extract", &file, "--manifest", &manifest]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.contains("warning") && run.stderr.contains("gone.txt"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("manifest.csv:3"),
        "names the manifest line: {}",
        run.stderr
    );
}

#[test]
fn manifest_with_a_bad_date_names_the_row_and_goes_on() {
    let dir = Dir::new();
    let file = dir.write("one.txt", ARTICLE);
    let manifest = dir.write(
        "manifest.csv",
        "file,outlet,published\none.txt,Herald,4 Nov 2024\n",
    );
    let run = claimex(&["extract", &file, "--manifest", &manifest]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("manifest.csv:2") && run.stderr.contains("4 Nov 2024"),
        "{}",
        run.stderr
    );
    let rows = run.rows();
    assert!(
        rows.iter()
            .any(|r| r["outlet"] == "Herald" && r["published"].is_empty())
    );
}

#[test]
fn unusable_manifest_is_a_usage_error() {
    let dir = Dir::new();
    let file = dir.write("one.txt", ARTICLE);
    let manifest = dir.write("m.csv", "name,outlet\none.txt,Herald\n");
    let run = claimex(&["extract", &file, "--manifest", &manifest]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no `file` column"), "{}", run.stderr);
    let run = claimex(&["extract", &file, "--manifest", &dir.join("missing.csv")]);
    assert_eq!(run.code, 2);
}

#[test]
fn standard_input_as_text_and_as_jsonl() {
    let run = claimex_in(None, &["extract", "-"], Some(ARTICLE.as_bytes()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = run.rows();
    assert!(
        rows.iter()
            .all(|r| r["doc_id"] == "stdin" && r["source"] == "<stdin>")
    );
    assert!(rows.iter().any(|r| r["kind"] == "count"));

    let jsonl = format!(
        "{}\n",
        serde_json::json!({"id": 7, "text": ARTICLE, "published": "2024-11-04"})
    );
    let run = claimex_in(
        None,
        &["extract", "-", "--stdin-format", "jsonl"],
        Some(jsonl.as_bytes()),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = run.rows();
    assert!(
        rows.iter()
            .all(|r| r["doc_id"] == "7" && r["source"] == "<stdin>:1")
    );
    assert!(
        rows.iter()
            .any(|r| r["kind"] == "count" && r["when"] == "2024-11-04")
    );
}

#[test]
fn folders_are_read_recursively_in_path_order() {
    let dir = Dir::new();
    dir.write("b/z.txt", ARTICLE);
    dir.write("a/y.txt", ARTICLE);
    dir.write(
        "a/x.jsonl",
        format!("{}\n", serde_json::json!({"id": "j1", "text": ARTICLE})),
    );
    dir.write("a/notes.md", "not an article: 9,000 troops");
    let run = claimex(&["extract", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut ids: Vec<String> = run
        .rows()
        .into_iter()
        .map(|r| r["doc_id"].clone())
        .collect();
    ids.dedup();
    assert_eq!(ids, vec!["j1", "y", "z"]);
}

#[test]
fn missing_path_is_named_and_the_rest_is_written() {
    let dir = Dir::new();
    let good = dir.write("good.txt", ARTICLE);
    let missing = dir.join("nope.txt");
    let run = claimex(&["extract", &missing, &good]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(&format!("{missing}: no such file")),
        "{}",
        run.stderr
    );
    assert!(run.rows().iter().any(|r| r["doc_id"] == "good"));
}

#[test]
fn folder_with_no_articles() {
    let dir = Dir::new();
    dir.write("readme.md", "nothing here");
    let run = claimex(&["extract", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("holds no .txt or .jsonl articles"),
        "{}",
        run.stderr
    );
    assert_eq!(run.rows().len(), 0, "the header is still written");
}

#[test]
fn invalid_utf8_is_named_with_its_offset() {
    let dir = Dir::new();
    let mut bytes =
        b"SEOUL (AP) \xE2\x80\x94 Officials said Monday that 500 troops left. Caf\xE9.".to_vec();
    bytes.extend_from_slice(b"\n");
    let bad = dir.write("bad.txt", &bytes);
    let good = dir.write("good.txt", ARTICLE);
    let run = claimex(&["extract", &bad, &good]);
    assert_eq!(run.code, 1);
    let at = bytes.iter().position(|&b| b == 0xE9).unwrap();
    let offset = format!("offset {at}");
    assert!(
        run.stderr.contains("bad.txt") && run.stderr.contains(&offset),
        "{}",
        run.stderr
    );
    assert!(run.rows().iter().all(|r| r["doc_id"] == "good"));

    let run = claimex(&["extract", &bad, "--lossy-utf8"]);
    assert_eq!(run.code, 0, "lossy reading is a warning: {}", run.stderr);
    assert!(run.stderr.contains("warning") && run.stderr.contains(&offset));
    assert!(
        run.rows()
            .iter()
            .any(|r| r["doc_id"] == "bad" && r["value"] == "500")
    );
}

#[test]
fn empty_files_are_errors() {
    let dir = Dir::new();
    let empty = dir.write("empty.txt", "");
    let blank = dir.write("blank.txt", " \n\t\n");
    let empty_jsonl = dir.write("empty.jsonl", "\n");
    let bom = dir.write("bom.txt", "\u{feff}\u{a0}\u{3000}\n");
    let run = claimex(&["extract", &empty, &blank, &empty_jsonl, &bom]);
    assert_eq!(run.code, 1);
    for name in ["empty.txt", "blank.txt", "empty.jsonl", "bom.txt"] {
        assert!(
            run.stderr.contains(&format!("{name}: empty file")),
            "{name}: {}",
            run.stderr
        );
    }
}

#[test]
fn malformed_jsonl_lines_are_named_and_the_others_read() {
    let dir = Dir::new();
    let ok = |id: &str| serde_json::json!({"id": id, "text": ARTICLE}).to_string();
    let lines = [
        ok("first"),
        "{not json".to_string(),
        serde_json::json!({"id": "no-text"}).to_string(),
        serde_json::json!({"id": "num-text", "text": 5}).to_string(),
        "[1, 2]".to_string(),
        serde_json::json!({"id": "bad-date", "text": ARTICLE, "published": "yesterday"})
            .to_string(),
        serde_json::json!({"text": ARTICLE}).to_string(),
        ok("last"),
    ];
    let file = dir.write("feed.jsonl", lines.join("\n"));
    let run = claimex(&["extract", &file]);
    assert_eq!(run.code, 1);
    for (line, what) in [
        (2, "malformed JSON"),
        (3, "no `text`"),
        (4, "`text` is not a string"),
        (5, "expected a JSON object"),
    ] {
        assert!(
            run.stderr.contains(&format!("feed.jsonl:{line}: {what}")),
            "line {line}: {}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains("feed.jsonl:6: `published`"),
        "{}",
        run.stderr
    );
    let rows = run.rows();
    let mut ids: Vec<&str> = rows.iter().map(|r| r["doc_id"].as_str()).collect();
    ids.dedup();
    // A line without an id is named by file stem and line.
    assert_eq!(ids, vec!["first", "bad-date", "feed:7", "last"]);
}

#[test]
fn unicode_line_separators_and_wide_spaces_are_safe() {
    let dir = Dir::new();
    let text = "Officials said\u{2028}Dr. Lee said Monday that 300 troops left.\u{85}Mr. Kim agreed.\u{2029}“Fine,” he said.";
    let file = dir.write("seps.txt", text);
    let run = claimex(&["extract", &file, "--format", "jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in run.stdout.lines() {
        let row: serde_json::Value = serde_json::from_str(line).unwrap();
        let (s, e) = (
            row["start"].as_u64().unwrap() as usize,
            row["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], row["text"].as_str().unwrap());
    }
    assert!(run.stdout.contains("\"value\":\"300\""), "{}", run.stdout);
}

#[test]
fn curly_apostrophes_in_names_resolve() {
    let dir = Dir::new();
    let text =
        "Zoë O’Brien said that 5 troops left. O’Brien said that 3 troops left. “Fine,” she said.\n";
    let file = dir.write("obrien.txt", text);
    let run = claimex(&["extract", &file]);
    let quotes: Vec<_> = run
        .rows()
        .into_iter()
        .filter(|r| r["kind"] == "quote")
        .collect();
    assert_eq!(quotes.len(), 3);
    assert!(
        quotes.iter().all(|q| q["speaker"] == "Zoë O'Brien"),
        "{quotes:?}"
    );
    assert_eq!(
        quotes[1]["speaker_mention"], "O’Brien",
        "the mention stays as written"
    );
}

#[test]
fn a_capitalized_word_and_a_dash_is_no_dateline() {
    let dir = Dir::new();
    let text = "SEOUL (AP) — Officials met.\nNATO — the 32-member alliance — said Monday that 12,000 troops moved.\n";
    let file = dir.write("nato.txt", text);
    let manifest = dir.write(
        "manifest.csv",
        "file,outlet,published\nnato.txt,AP,2024-11-04\n",
    );
    let run = claimex(&["extract", &file, "--manifest", &manifest]);
    let rows = run.rows();
    assert!(
        rows.iter().all(|r| r["doc_id"] == "nato"),
        "no second article"
    );
    let count = rows.iter().find(|r| r["kind"] == "count").unwrap();
    assert_eq!(
        count["published"], "2024-11-04",
        "still the first article, with its date"
    );
    assert!(count["sentence"].starts_with("NATO —"));
    let monday = rows.iter().find(|r| r["text"] == "Monday").unwrap();
    assert_eq!(monday["value"], "2024-11-04");
}

#[test]
fn the_reference_date_is_inferred_from_the_text() {
    let dir = Dir::new();
    let text = "Photo taken in Seoul, Monday, Nov. 4, 2024. (AP Photo)\nThe treaty of March 3, 1994, was cited. Officials said Thursday that 300 troops left.\n";
    let file = dir.write("undated.txt", text);
    let run = claimex(&["extract", &file]);
    let rows = run.rows();
    assert!(
        rows.iter()
            .all(|r| r["published"] == "2024-11-04" && r["published_from"] == "text")
    );
    let count = rows.iter().find(|r| r["kind"] == "count").unwrap();
    assert_eq!(count["when"], "2024-10-31");
    // Without a date written with a weekday, the latest full date is taken.
    let file = dir.write(
        "latest.txt",
        "Signed on March 3, 1994, and renewed on June 1, 2024.\n",
    );
    let rows = claimex(&["extract", &file]).rows();
    assert!(rows.iter().all(|r| r["published"] == "2024-06-01"));
}

#[test]
fn no_paths_is_a_usage_error() {
    let run = claimex(&["extract"]);
    assert_eq!(run.code, 2);
    let run = claimex(&["extract", "x", "--format", "xml"]);
    assert_eq!(run.code, 2);
}
