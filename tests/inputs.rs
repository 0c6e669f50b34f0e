//! Inputs: JSONL, manifest, standard input, folders, and every kind of bad input.
//! Bad input is named on stderr, the rest is still written, and the exit code
//! says so: 0 all well, 1 some input failed, 2 usage or rules errors.

use crate::util::{ARTICLE, Dir, claimex, claimex_bounded, claimex_in};

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
        run.stderr
            .contains("holds no .txt, .jsonl or .ndjson articles"),
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

#[test]
fn a_link_back_up_the_tree_is_named_once_and_each_file_read_once() {
    let dir = Dir::new();
    dir.write("news/a.txt", ARTICLE);
    dir.write("news/deep/b.txt", ARTICLE);
    let news = dir.path().join("news");
    std::os::unix::fs::symlink(".", news.join("loop")).unwrap();
    std::os::unix::fs::symlink("..", news.join("deep/up")).unwrap();
    std::os::unix::fs::symlink("a.txt", news.join("same.txt")).unwrap();
    let run = claimex_bounded(60, None, &["extract", news.to_str().unwrap()]);
    assert_eq!(run.code, 0, "loops lose nothing: {}", run.stderr);
    let mut ids: Vec<String> = run
        .rows()
        .into_iter()
        .map(|r| r["doc_id"].clone())
        .collect();
    ids.dedup();
    assert_eq!(ids, ["a", "b"], "each file once, by identity");
    for link in ["loop", "deep/up"] {
        let named = run
            .stderr
            .lines()
            .filter(|l| l.contains(&format!("{link}: a link back to")))
            .count();
        assert_eq!(named, 1, "{link} named once as a warning: {}", run.stderr);
    }
    assert!(
        run.stderr
            .lines()
            .all(|l| l.starts_with("claimex: warning:"))
    );
}

#[test]
fn an_unreadable_subfolder_is_named_and_the_rest_read() {
    let dir = Dir::new();
    dir.write("news/a.txt", ARTICLE);
    dir.write("news/locked/b.txt", ARTICLE);
    dir.write("news/z.txt", ARTICLE);
    let news = dir.path().join("news");
    let set_mode = |path: &std::path::Path, mode| {
        std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(mode)).unwrap()
    };
    set_mode(dir.path(), 0o755);
    set_mode(&news.join("locked"), 0o000);
    // Root reads any folder: run as `nobody` there, where setpriv can.
    // SAFETY: geteuid only reads the process's user id.
    let as_nobody: &[&str] = if unsafe { libc::geteuid() } == 0 {
        &[
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--",
        ]
    } else {
        &[]
    };
    let mut cmd = std::process::Command::new(
        as_nobody
            .first()
            .copied()
            .unwrap_or(env!("CARGO_BIN_EXE_claimex")),
    );
    if !as_nobody.is_empty() {
        cmd.args(&as_nobody[1..]).arg(env!("CARGO_BIN_EXE_claimex"));
    }
    let out = cmd.args(["extract", news.to_str().unwrap()]).output();
    set_mode(&news.join("locked"), 0o755);
    let out = match out {
        Ok(out) if !String::from_utf8_lossy(&out.stderr).contains("setpriv") => out,
        _ => {
            println!("SKIPPED: cannot run as an unprivileged user here");
            return;
        }
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("locked: cannot read") && stderr.contains("claimex: error:"),
        "{stderr}"
    );
    let rows = crate::util::parse_csv(&String::from_utf8_lossy(&out.stdout));
    let mut ids: Vec<&str> = rows.iter().map(|r| r["doc_id"].as_str()).collect();
    ids.dedup();
    assert_eq!(ids, ["a", "z"]);
}

#[test]
fn a_fifo_in_a_folder_is_skipped_and_on_the_command_line_read() {
    let dir = Dir::new();
    dir.write("news/a.txt", ARTICLE);
    let fifo = dir.path().join("news/stream.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        println!("SKIPPED: mkfifo is not available here");
        return;
    }
    let news = dir.join("news");
    let run = claimex_bounded(60, None, &["extract", &news]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("stream.txt: not a regular file"),
        "{}",
        run.stderr
    );
    assert!(run.rows().iter().all(|r| r["doc_id"] == "a"));
    // Named on the command line, a FIFO is a stream to read.
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, ARTICLE).unwrap())
    };
    let run = claimex_bounded(60, None, &["extract", fifo.to_str().unwrap()]);
    writer.join().unwrap();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.rows().iter().any(|r| r["doc_id"] == "stream"));
}

/// `/dev/zero` and its kind inside a folder would be read for ever.
#[test]
fn a_device_in_a_folder_is_skipped() {
    // SAFETY: geteuid only reads the process's user id.
    if unsafe { libc::geteuid() } != 0 {
        println!("SKIPPED: making device nodes needs root");
        return;
    }
    let dir = Dir::new();
    dir.write("news/a.txt", ARTICLE);
    let zero = dir.path().join("news/zero.txt");
    let made = std::process::Command::new("mknod")
        .arg(&zero)
        .args(["c", "1", "5"])
        .status();
    if !made.is_ok_and(|s| s.success()) {
        println!("SKIPPED: mknod failed here");
        return;
    }
    let run = claimex_bounded(60, None, &["extract", &dir.join("news")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("zero.txt: not a regular file"),
        "{}",
        run.stderr
    );
    assert!(run.rows().iter().all(|r| r["doc_id"] == "a"));
}

#[test]
fn jsonl_fields_of_the_wrong_type_and_repeated_ids_are_named() {
    let dir = Dir::new();
    let text = serde_json::Value::from(ARTICLE);
    let lines = [
        serde_json::json!({"id": {"n": 1}, "text": text}),
        serde_json::json!({"id": null, "text": text}),
        serde_json::json!({"id": "a", "text": text, "published": 20241104, "outlet": 7}),
        serde_json::json!({"id": "a", "text": text, "published": "2024-11-04 junk"}),
        serde_json::json!({"id": "b", "text": text, "published": "24-11-04"}),
    ];
    let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let feed = dir.write("feed.jsonl", lines.join("\n") + "\n");
    let run = claimex(&["extract", &feed]);
    assert_eq!(run.code, 0, "warnings lose no article: {}", run.stderr);
    for said in [
        "feed.jsonl:1: `id` is an object",
        "feed.jsonl:2: `id` is null",
        "feed.jsonl:3: `outlet` is a number (7)",
        "feed.jsonl:3: `published` is a number (20241104)",
        "feed.jsonl:4: id `a` is also the id of line 3",
        "feed.jsonl:4: `published`: `2024-11-04 junk` is not a date",
        "feed.jsonl:5: `published`: `24-11-04` is not a date",
    ] {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.starts_with("claimex: warning:") && l.contains(said)),
            "{said}: {}",
            run.stderr
        );
    }
    let mut ids: Vec<String> = run
        .rows()
        .into_iter()
        .map(|r| r["doc_id"].clone())
        .collect();
    ids.dedup();
    assert_eq!(ids, ["feed:1", "feed:2", "a", "b"], "every article is read");
    assert!(run.rows().iter().all(|r| r["published"].is_empty()));
}

#[test]
fn a_feed_that_repeats_one_id_is_summed_up_not_listed() {
    let dir = Dir::new();
    let line = serde_json::json!({"id": "same", "text": ARTICLE}).to_string();
    let feed = dir.write("feed.jsonl", vec![line; 500].join("\n"));
    let run = claimex(&["extract", &feed]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert!(lines.len() < 20, "{}", run.stderr);
    assert!(
        lines
            .last()
            .unwrap()
            .contains("489 more line(s) have an id an earlier line has"),
        "{}",
        run.stderr
    );
}

#[test]
fn manifest_rows_repeated_or_with_loose_dates_are_named() {
    let dir = Dir::new();
    let a = dir.write("a.txt", ARTICLE);
    let b = dir.write("b.txt", ARTICLE);
    let manifest = dir.write(
        "manifest.csv",
        "file,outlet,published\n\
         a.txt,Herald,2024-11-04\n\
         b.txt,Courier,24-11-04\n\
         a.txt,Herald,2024-11-04\n\
         a.txt,Tribune,2024-11-05\n\
         b.txt,Courier,2024-11-04 junk\n",
    );
    let run = claimex(&["extract", &a, &b, "--manifest", &manifest]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let said: Vec<&str> = run.stderr.lines().collect();
    let expected = [
        "error: {m}:3: `published` of b.txt: `24-11-04` is not a date",
        "warning: {m}:4: a.txt has a row already, on line 2",
        "error: {m}:5: a.txt has a row already, on line 2, that says otherwise (outlet `Herald` there, `Tribune` here; published `2024-11-04` there, `2024-11-05` here); line 2 is kept",
        "error: {m}:6: `published` of b.txt: `2024-11-04 junk` is not a date",
    ];
    for (line, want) in said.iter().zip(expected) {
        let want = want.replace("{m}", &manifest);
        assert!(line.contains(&want), "{line}\nwants {want}");
    }
    let rows = run.rows();
    let a_rows: Vec<_> = rows.iter().filter(|r| r["doc_id"] == "a").collect();
    assert!(
        a_rows
            .iter()
            .all(|r| r["outlet"] == "Herald" && r["published"] == "2024-11-04")
    );
    let b_rows: Vec<_> = rows.iter().filter(|r| r["doc_id"] == "b").collect();
    assert!(
        b_rows
            .iter()
            .all(|r| r["outlet"] == "Courier" && r["published"].is_empty())
    );
}
