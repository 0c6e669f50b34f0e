//! Where `-o` writes: a table replaces only a table (a regular file or a new
//! path, atomically); a device, a FIFO or an open descriptor is written in
//! place; a folder or an input is refused; an interrupted run leaves nothing
//! behind; a closed standard output or pipe is said plainly or quietly.
//! Device nodes are made in the test's own folder or in a private mount
//! namespace, never in the machine's `/dev`.

use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{self, ARTICLE, Dir, claimex, parse_csv};

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn is_root() -> bool {
    // SAFETY: geteuid only reads the process's user id.
    unsafe { libc::geteuid() == 0 }
}

/// A JSONL feed of `n` articles, each with its own figure.
fn feed(dir: &Dir, n: usize) -> String {
    let lines: Vec<String> = (0..n)
        .map(|k| {
            let text = ARTICLE.replace("5,000", &(1000 + k).to_string());
            serde_json::json!({"id": k, "text": text}).to_string()
        })
        .collect();
    dir.write("feed.jsonl", lines.join("\n") + "\n")
}

#[test]
fn o_through_a_link_writes_the_file_it_names_and_keeps_the_link() {
    let dir = Dir::new();
    let article = dir.write("a.txt", ARTICLE);
    dir.write("runs/claims.csv", "an older table\n");
    std::os::unix::fs::symlink("runs/claims.csv", dir.path().join("latest.csv")).unwrap();
    std::os::unix::fs::symlink("runs/new.csv", dir.path().join("dangling.csv")).unwrap();
    for link in ["latest.csv", "dangling.csv"] {
        let run = claimex(&["extract", &article, "-o", &dir.join(link)]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let meta = std::fs::symlink_metadata(dir.join(link)).unwrap();
        assert!(meta.file_type().is_symlink(), "{link} is still a link");
    }
    for written in ["runs/claims.csv", "runs/new.csv"] {
        let rows = parse_csv(&std::fs::read_to_string(dir.join(written)).unwrap());
        assert!(rows.iter().any(|r| r["kind"] == "count"), "{written}");
    }
    assert_eq!(
        names_in(&dir.path().join("runs")),
        ["claims.csv", "new.csv"]
    );
}

#[test]
fn a_replaced_table_keeps_its_permissions() {
    let dir = Dir::new();
    let article = dir.write("a.txt", ARTICLE);
    let table = dir.write("claims.csv", "old\n");
    std::fs::set_permissions(&table, std::fs::Permissions::from_mode(0o640)).unwrap();
    let run = claimex(&["extract", &article, "-o", &table]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mode = std::fs::metadata(&table).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn o_naming_a_folder_is_refused() {
    let dir = Dir::new();
    let article = dir.write("a.txt", ARTICLE);
    dir.write("out/keep.txt", "kept");
    let run = claimex(&["extract", &article, "-o", &dir.join("out")]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("it is a folder"), "{}", run.stderr);
    assert_eq!(names_in(&dir.path().join("out")), ["keep.txt"]);
}

#[test]
fn o_naming_an_input_is_refused_and_the_input_kept() {
    let dir = Dir::new();
    let article = dir.write("news/a.txt", ARTICLE);
    let feed = dir.write("feed.jsonl", "{\"id\":\"1\",\"text\":\"x\"}\n");
    let manifest = dir.write("news/manifest.csv", "file,outlet\na.txt,Herald\n");
    std::os::unix::fs::symlink("news/a.txt", dir.path().join("link.txt")).unwrap();
    let folder = dir.join("news");
    let cases: [(&[&str], String); 5] = [
        (&[&article], article.clone()),
        (&[&feed], feed.clone()),
        (&[&folder], dir.join("news/b.txt")),
        (&[&folder, "--manifest", &manifest], manifest.clone()),
        (&[&article], dir.join("link.txt")),
    ];
    for (inputs, output) in cases {
        let before = std::fs::read(&output).ok();
        for command in ["extract", "compare"] {
            let mut args = vec![command];
            args.extend_from_slice(inputs);
            args.extend(["-o", &output]);
            let run = claimex(&args);
            assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
            assert!(
                run.stderr.contains("would replace what the input"),
                "{args:?}: {}",
                run.stderr
            );
            assert_eq!(std::fs::read(&output).ok(), before, "{args:?}");
        }
    }
    // A table beside the articles is no article: the folder never reads it.
    let run = claimex(&["extract", &folder, "-o", &dir.join("news/claims.csv")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_fifo_is_written_in_place() {
    let dir = Dir::new();
    let article = dir.write("a.txt", ARTICLE);
    let fifo = dir.path().join("table.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        println!("SKIPPED: mkfifo is not available here");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let run = claimex(&["extract", &article, "-o", fifo.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let table = reader.join().unwrap();
    assert!(parse_csv(&table).iter().any(|r| r["kind"] == "count"));
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO is still a FIFO");
}

#[test]
fn an_open_descriptor_is_written_where_the_caller_put_it() {
    let dir = Dir::new();
    let article = dir.write("a.txt", ARTICLE);
    let table = dir.write("all.csv", "an earlier table\n");
    // What `/dev/stdout` is, as a link in the test's own folder: the
    // machine's `/dev` is never named.
    let stdout = dir.path().join("stdout");
    std::os::unix::fs::symlink("/proc/self/fd/1", &stdout).unwrap();
    let stdout = stdout.to_str().unwrap();
    // `-o` it with standard output appending to a file.
    let appending = std::fs::OpenOptions::new()
        .append(true)
        .open(&table)
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args(["extract", &article, "-o", stdout])
        .stdout(appending)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let written = std::fs::read_to_string(&table).unwrap();
    assert!(
        written.starts_with("an earlier table\ndoc_id,"),
        "{written}"
    );
    // And through a pipe.
    let out = Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args(["extract", &article, "-o", stdout])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("doc_id,"));
}

/// `mknod` in the test's own folder: the same devices as `/dev/null` and
/// `/dev/full`, where replacing them would harm nothing.
#[test]
fn devices_are_written_in_place_and_a_full_one_is_an_error() {
    if !is_root() {
        println!("SKIPPED: making device nodes needs root");
        return;
    }
    let dir = Dir::new();
    let article = dir.write("a.txt", ARTICLE);
    for (name, minor) in [("null", "3"), ("full", "7")] {
        let made = Command::new("mknod")
            .args([&dir.join(name), "c", "1", minor])
            .status();
        if !made.is_ok_and(|s| s.success()) {
            println!("SKIPPED: mknod failed here");
            return;
        }
    }
    if std::fs::OpenOptions::new()
        .write(true)
        .open(dir.join("null"))
        .is_err()
    {
        println!("SKIPPED: device nodes cannot be opened on this filesystem (nodev)");
        return;
    }
    let null = claimex(&["extract", &article, "-o", &dir.join("null")]);
    assert_eq!(null.code, 0, "{}", null.stderr);
    for command in ["extract", "compare"] {
        let full = claimex(&[command, &article, "-o", &dir.join("full")]);
        assert_eq!(full.code, 2, "{command}: a full device is a write error");
        assert!(
            full.stderr.contains("cannot write") && full.stderr.contains("No space left"),
            "{}",
            full.stderr
        );
    }
    for (name, minor) in [("null", 3), ("full", 7)] {
        let meta = std::fs::metadata(dir.join(name)).unwrap();
        assert!(
            meta.file_type().is_char_device(),
            "{name} is still a device"
        );
        assert_eq!(meta.rdev() & 0xff, minor, "{name}");
    }
    assert_eq!(names_in(dir.path()), ["a.txt", "full", "null"]);
}

/// The paths users type, in a private mount namespace whose `/dev` is a
/// fresh tmpfs: the machine's own `/dev` is never written to.
#[test]
fn dev_null_full_and_stdout_stay_what_they_are() {
    let dir = Dir::new();
    let article = dir.write("a.txt", ARTICLE);
    let script = r#"
        mount --make-rprivate / && mount -t tmpfs tmpfs /dev \
          && mknod -m 666 /dev/null c 1 3 && mknod -m 666 /dev/full c 1 7 \
          && ln -s /proc/self/fd/1 /dev/stdout || exit 99
        "$0" extract "$1" -o /dev/null; echo "null exit $?"
        "$0" extract "$1" -o /dev/full 2>/dev/null; echo "full exit $?"
        "$0" extract "$1" -o /dev/stdout > "$2"; echo "stdout exit $?"
        stat -c '%n %F' /dev/null /dev/full
        readlink /dev/stdout
    "#;
    let table = dir.join("table.csv");
    let out = Command::new("unshare")
        .args(["-m", "sh", "-c", script, env!("CARGO_BIN_EXE_claimex")])
        .args([&article, &table])
        .output();
    let out = match out {
        Ok(out) if out.status.code() != Some(99) && out.status.success() => out,
        _ => {
            println!("SKIPPED: no private mount namespace here (unshare -m needs root)");
            return;
        }
    };
    let said = String::from_utf8_lossy(&out.stdout);
    for line in [
        "null exit 0",
        "full exit 2",
        "stdout exit 0",
        "/dev/null character special file",
        "/dev/full character special file",
        "/proc/self/fd/1",
    ] {
        assert!(said.lines().any(|l| l == line), "{line:?} in\n{said}");
    }
    let rows = parse_csv(&std::fs::read_to_string(&table).unwrap());
    assert!(rows.iter().any(|r| r["kind"] == "count"));
}

/// An interrupted run removes the temporary file it was writing, and the
/// table it would have replaced is untouched.
#[test]
fn sigint_and_sigterm_leave_no_temporary_file() {
    let dir = Dir::new();
    let feed = feed(&dir, 40_000);
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let table = dir.write("out/claims.csv", "the previous table\n");
    for signal in [libc::SIGINT, libc::SIGTERM] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimex"))
            .args(["extract", &feed, "-o", &table, "--jobs", "1"])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Wait until the temporary file is there and growing.
        let deadline = Instant::now() + Duration::from_secs(60);
        let started = loop {
            let writing = names_in(&dir.path().join("out"))
                .into_iter()
                .any(|n| n.starts_with(".claimex-"));
            if writing || Instant::now() > deadline || child.try_wait().unwrap().is_some() {
                break writing;
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        assert!(started, "the run wrote its temporary file");
        // SAFETY: kill sends a signal to our own child.
        unsafe { libc::kill(child.id() as i32, signal) };
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(130), "signal {signal}: {stderr}");
        assert_eq!(names_in(&dir.path().join("out")), ["claims.csv"]);
        assert_eq!(
            std::fs::read_to_string(&table).unwrap(),
            "the previous table\n"
        );
    }
}

#[test]
fn a_closed_standard_output_is_an_error() {
    let dir = Dir::new();
    let article = dir.write("a.txt", ARTICLE);
    for command in ["extract", "compare"] {
        let out = Command::new("sh")
            .args(["-c", "\"$0\" \"$1\" \"$2\" >&-"])
            .args([env!("CARGO_BIN_EXE_claimex"), command, &article])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{command}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("standard output is closed"), "{stderr}");
    }
    // Discarding the table on purpose is no error.
    let out = Command::new("sh")
        .args(["-c", "\"$0\" extract \"$1\" > /dev/null"])
        .args([env!("CARGO_BIN_EXE_claimex"), &article])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

/// `| head -1` on every format of both commands: the reader has seen
/// enough, and the run ends quietly with exit 0.
#[test]
fn a_closed_pipe_ends_every_format_quietly() {
    let dir = Dir::new();
    let feed = feed(&dir, 3000);
    let runs: [&[&str]; 6] = [
        &["extract", "--format", "csv"],
        &["extract", "--format", "tsv"],
        &["extract", "--format", "jsonl"],
        &["compare", "--format", "csv"],
        &["compare", "--format", "md"],
        &["compare", "--format", "html"],
    ];
    for args in runs {
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimex"))
            .args(args)
            .arg(&feed)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty(), "{args:?} wrote something");
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(util::only_notes(&stderr), "{args:?}: {stderr}");
    }
}

#[test]
fn nothing_is_written_when_the_rules_or_manifest_cannot_be_used() {
    let dir = Dir::new();
    let article = dir.write("a.txt", ARTICLE);
    let rules = dir.write("bad.toml", "[[rule]]\nid = \n");
    let missing = dir.join("missing.csv");
    for command in ["extract", "compare"] {
        for extra in [["--rules", &rules], ["--manifest", &missing]] {
            let mut args = vec![command, &article];
            args.extend(extra);
            let run = claimex(&args);
            assert_eq!(run.code, 2, "{args:?}");
            assert_eq!(run.stdout, "", "{args:?}: no header before the error");
        }
    }
}
