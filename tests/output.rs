//! Output: formats, spreadsheet-safe cells, the same table for any number of
//! threads, and write failures (where `-o` writes is `destination`).

use std::process::Command;

use crate::util::{self, ARTICLE, Dir, claimex, parse_csv};

const FORMULA_QUOTE: &str = "“=SUM(A1:A9) is what we counted,” spokesman Lee Min-ho said.\n";

#[test]
fn a_formula_in_a_quote_is_inert_in_csv_and_tsv() {
    let dir = Dir::new();
    let file = dir.write("f.txt", FORMULA_QUOTE);
    let run = claimex(&["extract", &file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let quote = run
        .rows()
        .into_iter()
        .find(|r| r["kind"] == "quote")
        .unwrap();
    assert_eq!(quote["value"], "'=SUM(A1:A9) is what we counted");
    assert_eq!(quote["speaker"], "Lee Min-ho");
    assert!(
        quote["text"].starts_with('“'),
        "cells not starting a formula are untouched"
    );

    let run = claimex(&["extract", &file, "--format", "tsv"]);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .from_reader(run.stdout.as_bytes());
    let value_col = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "value")
        .unwrap();
    let values: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[value_col].to_string())
        .collect();
    assert!(values.contains(&"'=SUM(A1:A9) is what we counted".to_string()));

    // --raw and JSONL keep the text exactly as extracted.
    let run = claimex(&["extract", &file, "--raw"]);
    assert!(
        run.rows()
            .iter()
            .any(|r| r["value"] == "=SUM(A1:A9) is what we counted")
    );
    let run = claimex(&["extract", &file, "--format", "jsonl"]);
    assert!(
        run.stdout
            .contains(r#""value":"=SUM(A1:A9) is what we counted""#),
        "{}",
        run.stdout
    );
}

#[test]
fn output_file_is_written_whole() {
    let dir = Dir::new();
    let file = dir.write("a.txt", ARTICLE);
    let out = dir.join("out/claims.csv");
    std::fs::create_dir(dir.join("out")).unwrap();
    let run = claimex(&["extract", &file, "-o", &out]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "", "nothing on stdout when -o is given");
    let rows = parse_csv(&std::fs::read_to_string(&out).unwrap());
    assert!(rows.iter().any(|r| r["kind"] == "count"));
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["claims.csv"]);
}

#[test]
fn unwritable_output_is_an_error() {
    let dir = Dir::new();
    let file = dir.write("a.txt", ARTICLE);
    let run = claimex(&["extract", &file, "-o", &dir.join("no/such/dir/out.csv")]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cannot write") && run.stderr.contains("out.csv"),
        "{}",
        run.stderr
    );
}

/// The same table, the same messages in the same order, and the same exit code
/// whatever the number of threads: articles, bad lines and empty files mixed.
#[test]
fn output_is_the_same_for_every_number_of_jobs() {
    let dir = Dir::new();
    let mut jsonl = String::new();
    for i in 0..60 {
        match i % 7 {
            3 => jsonl.push_str("{not json\n"),
            5 => jsonl.push_str(&format!("{{\"id\":\"e{i}\",\"text\":\"\"}}\n")),
            _ => jsonl.push_str(&format!(
                "{{\"id\":\"a{i}\",\"published\":\"2024-11-04\",\"text\":\"Spokesman Matthew Miller said Monday that {} troops had moved. {}\"}}\n",
                1000 + i,
                "More words follow here. ".repeat(i * 10)
            )),
        }
    }
    let jsonl = dir.write("many.jsonl", jsonl);
    let samples = util::samples();
    let samples = samples.to_str().unwrap();
    let one = claimex(&["extract", &jsonl, samples, "--jobs", "1"]);
    assert_eq!(one.code, 1, "bad lines make a partial run: {}", one.stderr);
    assert!(one.stdout.lines().count() > 100);
    for jobs in ["2", "3", "8"] {
        let many = claimex(&["extract", &jsonl, samples, "--jobs", jobs]);
        assert_eq!(many.stdout, one.stdout, "--jobs {jobs}");
        assert_eq!(many.stderr, one.stderr, "--jobs {jobs}");
        assert_eq!(many.code, one.code, "--jobs {jobs}");
    }
}

/// A full disk is an error with a non-zero exit, not a silent gap. Only the
/// real device is written to: where `/dev/full` is missing, or is a plain
/// file (as `/dev/null` is in some sandboxes), the test skips.
#[test]
fn a_full_disk_is_an_error() {
    if !is_char_device("/dev/full") {
        println!("SKIPPED: no /dev/full device on this system");
        return;
    }
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args(["extract", util::samples().to_str().unwrap()])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot write standard output"), "{stderr}");
}

#[cfg(unix)]
fn is_char_device(path: &str) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::metadata(path).is_ok_and(|m| m.file_type().is_char_device())
}

#[cfg(not(unix))]
fn is_char_device(_: &str) -> bool {
    false
}

/// Without a terminal there is no progress bar, and `--quiet` is accepted:
/// standard error holds only warnings and errors.
#[test]
fn no_progress_output_when_not_watched() {
    let samples = util::samples();
    for quiet in [false, true] {
        let mut args = vec!["extract", samples.to_str().unwrap()];
        if quiet {
            args.push("--quiet");
        }
        let run = claimex(&args);
        assert_eq!(run.code, 0);
        assert!(util::only_notes(&run.stderr), "{}", run.stderr);
    }
}
