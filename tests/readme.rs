//! What the README says of inputs, outputs and errors, each claim run through
//! the real binary.

use std::collections::HashMap;
use std::process::{Command, Stdio};

use crate::util::{ARTICLE, Dir, claimex, claimex_in, copy_default_rules, parse_jsonl};

/// The doc ids of a run's rows, each once, in the order met.
fn doc_ids(rows: &[HashMap<String, String>]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for r in rows {
        if !ids.contains(&r["doc_id"]) {
            ids.push(r["doc_id"].clone());
        }
    }
    ids
}

fn jsonl_line(id: Option<&str>, text: &str) -> String {
    match id {
        Some(id) => serde_json::json!({ "id": id, "text": text }).to_string(),
        None => serde_json::json!({ "text": text }).to_string(),
    }
}

#[test]
fn ndjson_files_are_jsonl_named_or_in_a_folder() {
    let dir = Dir::new();
    let named = dir.write("feed.ndjson", jsonl_line(Some("n1"), ARTICLE) + "\n");
    dir.write("folder/more.ndjson", jsonl_line(Some("n2"), ARTICLE) + "\n");
    let run = claimex(&["extract", &named, &dir.join("folder")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(doc_ids(&run.rows()), ["n1", "n2"]);
}

#[test]
fn jsonl_on_standard_input_without_an_id_is_named_by_its_line() {
    let input = format!(
        "{}\n{}\n",
        jsonl_line(Some("a"), ARTICLE),
        jsonl_line(None, ARTICLE)
    );
    let run = claimex_in(
        None,
        &["extract", "-", "--stdin-format", "jsonl"],
        Some(input.as_bytes()),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = run.rows();
    assert_eq!(doc_ids(&rows), ["a", "stdin:2"]);
    assert!(rows.iter().any(|r| r["source"] == "<stdin>:2"));
}

#[test]
fn inputs_are_read_in_the_order_given() {
    let dir = Dir::new();
    let b = dir.write("b.txt", ARTICLE);
    let a = dir.write("a.txt", ARTICLE);
    let run = claimex(&["extract", &b, &a]);
    assert_eq!(doc_ids(&run.rows()), ["b", "a"]);
}

#[test]
fn a_manifest_row_matches_a_file_from_elsewhere_by_its_name_when_only_one_has_it() {
    let dir = Dir::new();
    dir.write("m/manifest.csv", "file,outlet,published\nx/story.txt,Daily,2024-11-04T10:00:00Z\ny/other.txt,A,2024-11-04\nz/other.txt,B,2024-11-04\n");
    let story = dir.write("elsewhere/story.txt", ARTICLE);
    let other = dir.write("elsewhere/other.txt", ARTICLE);
    let run = claimex(&[
        "extract",
        &story,
        &other,
        "--manifest",
        &dir.join("m/manifest.csv"),
    ]);
    let rows = run.rows();
    let of = |id: &str| rows.iter().find(|r| r["doc_id"] == id).unwrap();
    // One row is named story.txt: it is this file's, its time of day dropped.
    assert_eq!(
        (
            of("story")["outlet"].as_str(),
            of("story")["published"].as_str()
        ),
        ("Daily", "2024-11-04")
    );
    assert_eq!(of("story")["published_from"], "manifest");
    // Two rows are named other.txt: neither is taken.
    assert_eq!(of("other")["outlet_from"], "text");
    assert_eq!(of("other")["published"], "");
}

#[test]
fn a_second_dateline_in_a_jsonl_text_starts_an_article_of_its_own() {
    let second = "BRUSSELS (AP) — NATO spokesman Peter Smith said Tuesday that 300 troops arrived.";
    let text = format!("{ARTICLE}\n{second}\n");
    let dir = Dir::new();
    let file = dir.write("feed.jsonl", jsonl_line(Some("id1"), &text) + "\n");
    let run = claimex(&["extract", &file, "--format", "jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = parse_jsonl(&run.stdout);
    let count = rows
        .iter()
        .find(|r| r["doc_id"] == "id1#2" && r["kind"] == "count")
        .expect("a count of the second article");
    // Offsets count from the start of the JSONL text.
    let (start, end): (usize, usize) = (
        count["start"].parse().unwrap(),
        count["end"].parse().unwrap(),
    );
    assert_eq!(text[start..end], count["text"]);
    assert!(start > ARTICLE.len());
}

/// Runs `command` in a pseudo-terminal (util-linux `script`), its transcript
/// kept in `dir`; returns what the terminal showed.
fn on_a_terminal(dir: &Dir, command: &str) -> String {
    let transcript = dir.join("transcript");
    let status = Command::new("script")
        .args(["-qefc", command, &transcript])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("util-linux `script` runs");
    assert!(status.code().is_some(), "{command} was killed");
    String::from_utf8_lossy(&std::fs::read(&transcript).unwrap()).into_owned()
}

#[test]
fn a_progress_bar_shows_on_a_terminal_unless_quiet() {
    let dir = Dir::new();
    let lines: String = (0..2000)
        .map(|i| jsonl_line(Some(&format!("a{i}")), ARTICLE) + "\n")
        .collect();
    let feed = dir.write("feed.jsonl", lines);
    let out = dir.join("out.csv");
    let bin = env!("CARGO_BIN_EXE_claimex");
    let shown = on_a_terminal(&dir, &format!("{bin} extract {feed} -o {out}"));
    assert!(shown.contains("articles"), "{shown:?}");
    let quiet = on_a_terminal(&dir, &format!("{bin} extract {feed} -o {out} -q"));
    assert!(!quiet.contains("articles"), "{quiet:?}");
    assert!(std::fs::read_to_string(&out).unwrap().lines().count() > 2000);
}

#[test]
fn a_workbook_is_not_written_to_a_terminal() {
    let dir = Dir::new();
    let file = dir.write("a.txt", ARTICLE);
    let bin = env!("CARGO_BIN_EXE_claimex");
    let shown = on_a_terminal(
        &dir,
        &format!("{bin} extract {file} --format xlsx; echo exit=$?"),
    );
    assert!(shown.contains("XLSX is a binary file"), "{shown:?}");
    assert!(shown.contains("exit=2"), "{shown:?}");
}

#[test]
fn an_interrupted_run_leaves_no_table_at_the_output_path() {
    let dir = Dir::new();
    let out = dir.join("out.csv");
    // Standard input that stays open: the run waits, and is killed there.
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args(["extract", "-", "-o", &out])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(!std::path::Path::new(&out).exists());
}

#[test]
fn a_path_that_cannot_be_read_is_named_and_the_rest_is_read() {
    let dir = Dir::new();
    let file = dir.write("a.txt", ARTICLE);
    let through_a_file = format!("{file}/b.txt");
    let run = claimex(&["extract", &through_a_file, &file]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains(&format!("{through_a_file}: cannot read")),
        "{}",
        run.stderr
    );
    assert_eq!(doc_ids(&run.rows()), ["a"]);
}

#[test]
fn an_empty_jsonl_text_is_an_error_naming_its_line() {
    let dir = Dir::new();
    let file = dir.write(
        "feed.jsonl",
        format!(
            "{}\n{}\n",
            jsonl_line(Some("a"), "  "),
            jsonl_line(Some("b"), ARTICLE)
        ),
    );
    let run = claimex(&["extract", &file]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains(&format!("{file}:1:")), "{}", run.stderr);
    assert_eq!(doc_ids(&run.rows()), ["b"]);
}

#[test]
fn lossy_utf8_offsets_count_the_replaced_text() {
    let dir = Dir::new();
    let mut bytes = b"\xff\xfe ".to_vec();
    bytes.extend_from_slice(ARTICLE.as_bytes());
    let file = dir.write("bad.txt", &bytes);
    let skipped = claimex(&["extract", &file]);
    assert_eq!(skipped.code, 1);
    assert!(
        skipped.stderr.contains("not valid UTF-8"),
        "{}",
        skipped.stderr
    );
    let run = claimex(&["extract", &file, "--lossy-utf8", "--raw"]);
    assert!(run.stderr.contains("warning"), "{}", run.stderr);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    for r in run.rows() {
        let (start, end): (usize, usize) = (r["start"].parse().unwrap(), r["end"].parse().unwrap());
        assert_eq!(text[start..end], r["text"]);
    }
}

#[test]
fn a_bad_jsonl_published_is_a_warning_and_the_article_is_undated() {
    let dir = Dir::new();
    let line = serde_json::json!({ "id": "a", "text": ARTICLE, "published": "Nov 4" }).to_string();
    let file = dir.write("feed.jsonl", line + "\n");
    let run = claimex(&["extract", &file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning") && run.stderr.contains(":1:"),
        "{}",
        run.stderr
    );
    assert!(run.rows().iter().all(|r| r["published"].is_empty()));
}

#[test]
fn an_unknown_option_is_a_usage_error() {
    let run = claimex(&["extract", "--no-such-option", "x.txt"]);
    assert_eq!(run.code, 2);
}

#[test]
fn raw_cells_are_the_source_text_byte_for_byte() {
    let dir = Dir::new();
    let text =
        "=HYPERLINK(\"x\") said 5,000 troops -- \"-10 degrees,\" Kim Jong-sun said Monday.\n";
    let file = dir.write("a.txt", text);
    let run = claimex(&["extract", &file, "--raw", "--format", "tsv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .from_reader(run.stdout.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let mut rows = 0;
    for record in reader.records() {
        let r = record.unwrap();
        let (start, end): (usize, usize) = (
            r[column("start")].parse().unwrap(),
            r[column("end")].parse().unwrap(),
        );
        assert_eq!(&text[start..end], &r[column("text")]);
        rows += 1;
    }
    assert!(rows > 0);
}

#[test]
fn extract_takes_a_folder_of_rules_files_merged_in_path_order() {
    let dir = Dir::new();
    let rules = copy_default_rules(&dir);
    dir.write(
        "rules/zz_extra/drones.toml",
        "[[rule]]\nid = \"count.drones\"\nkind = \"count\"\nsubtype = \"weapons\"\npriority = 5\nset = { concept = \"drones\" }\npattern = '(?P<value>\\d+) (?P<unit>zq-drones)'\n",
    );
    let file = dir.write("a.txt", "They saw 12 zq-drones.\n");
    let run = claimex(&["extract", &file, "--rules", &rules]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = run.rows();
    let count = rows.iter().find(|r| r["rule"] == "count.drones").unwrap();
    // The rule's own subtype, not the one its concept would give.
    let got = (&count["value"], &count["concept"], &count["subtype"]);
    assert_eq!(got, (&"12".into(), &"drones".into(), &"weapons".into()));
}

#[test]
fn the_primer_rules_file_passes_check_and_test_beside_the_default_rules() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("```toml\n")
        .expect("a TOML block in the README")
        + 8;
    let primer = &readme[start..start + readme[start..].find("```").unwrap()];
    let dir = Dir::new();
    let rules = copy_default_rules(&dir);
    dir.write("rules/protests.toml", primer);
    let check = claimex(&["rules", "check", &rules]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let test = claimex(&["rules", "test", &rules]);
    assert_eq!(test.code, 0, "{}", test.stdout);
    let file = dir.write("a.txt", "About 2,000 demonstrators marched on Saturday.\n");
    let run = claimex(&["extract", &file, "--rules", &rules]);
    let rows = run.rows();
    let count = rows
        .iter()
        .find(|r| r["rule"] == "count.protesters")
        .unwrap();
    assert_eq!(
        (
            count["value"].as_str(),
            count["approx"].as_str(),
            count["concept"].as_str()
        ),
        ("2000", "approximate", "protesters")
    );
}

#[test]
fn the_columns_are_the_contract_then_the_additions() {
    let dir = Dir::new();
    let file = dir.write("a.txt", ARTICLE);
    let run = claimex(&["extract", &file]);
    let header = run.stdout.lines().next().unwrap();
    assert_eq!(
        header,
        "doc_id,outlet,published,kind,subtype,text,value,value_max,approx,unit,concept,speaker,speaker_role,cue,when,when_text,sentence,start,end,rule,\
         speaker_mention,source,published_from,cue_class,actor,outlet_from,wire,event,scope,as_of,published_time"
    );
}

#[test]
fn an_article_that_names_no_outlet_has_none() {
    let dir = Dir::new();
    let file = dir.write("a.txt", "Officials said 300 troops had arrived.\n");
    let run = claimex(&["extract", &file]);
    let rows = run.rows();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r["outlet"].is_empty() && r["outlet_from"].is_empty() && r["wire"].is_empty())
    );
}

#[test]
fn the_html_report_is_one_self_contained_page() {
    let dir = Dir::new();
    let out = dir.join("report.html");
    let samples = crate::util::samples();
    let run = claimex(&[
        "compare",
        samples.to_str().unwrap(),
        "--manifest",
        samples.join("manifest.csv").to_str().unwrap(),
        "--format",
        "html",
        "-o",
        &out,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") || page.starts_with("<!doctype html>"));
    assert!(page.contains("<svg") && page.contains("<style>"));
    for outside in ["<script", "src=\"http", "href=\"http", "@import", "url("] {
        assert!(!page.contains(outside), "{outside} in the page");
    }
}
