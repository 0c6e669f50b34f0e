//! Test harness: runs the real `claimex` binary, as a user would; reads the
//! bundled samples; and (in `engine`) runs the library's engine for the case
//! runner.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::LazyLock;

pub mod engine;
pub mod reviewed;

/// One row of a claims table: column -> cell text.
pub type Row = BTreeMap<String, String>;

/// The bundled sample articles (the five seeds) and their manifest.
pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// `claimex extract` on the bundled samples with their manifest, in `format`.
pub fn extract_seeds(format: &str) -> Run {
    let dir = samples();
    let manifest = dir.join("manifest.csv");
    claimex(&[
        "extract",
        dir.to_str().unwrap(),
        "--manifest",
        manifest.to_str().unwrap(),
        "--format",
        format,
    ])
}

/// Whether standard error holds nothing but notes (an article dated from
/// its own text): what a clean run may print.
pub fn only_notes(stderr: &str) -> bool {
    stderr.lines().all(|l| l.starts_with("claimex: note: "))
}

/// The claims table of the bundled samples, from a clean run (one run of the
/// binary, shared by every test that reads it).
pub fn seed_rows() -> Vec<HashMap<String, String>> {
    static ROWS: LazyLock<Vec<HashMap<String, String>>> = LazyLock::new(|| {
        let run = extract_seeds("csv");
        assert_eq!(run.code, 0, "stderr: {}", run.stderr);
        assert!(
            only_notes(&run.stderr),
            "a clean run prints no warning: {}",
            run.stderr
        );
        run.rows()
    });
    ROWS.clone()
}

/// One bundled sample as the binary reads it with `samples/manifest.csv`: the
/// file stem as id, its text, and the manifest's outlet and date (if given).
pub struct Sample {
    pub id: String,
    pub text: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
}

/// The bundled samples, in path order (as the binary reads the folder).
pub fn sample_articles() -> Vec<Sample> {
    let dir = samples();
    let manifest = std::fs::read_to_string(dir.join("manifest.csv")).unwrap();
    let entries: HashMap<String, (String, String)> = parse_csv(&manifest)
        .into_iter()
        .map(|r| {
            (
                r["file"].clone(),
                (r["outlet"].clone(), r["published"].clone()),
            )
        })
        .collect();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let given = |s: &String| (!s.is_empty()).then(|| s.clone());
    files
        .iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_str().unwrap();
            let (outlet, published) = entries
                .get(name)
                .unwrap_or_else(|| panic!("{name} is not in samples/manifest.csv"));
            Sample {
                id: path.file_stem().unwrap().to_str().unwrap().to_string(),
                text: std::fs::read_to_string(path).unwrap(),
                outlet: given(outlet),
                published: given(published),
            }
        })
        .collect()
}

/// The outcome of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(out: Output) -> Run {
        Run {
            code: out
                .status
                .code()
                .expect("the binary exited, not killed by a signal"),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Panics are bugs on any input; fail loudly if one happened.
    pub fn no_panic(self) -> Run {
        assert!(
            !self.stderr.contains("panicked"),
            "the binary panicked:\n{}",
            self.stderr
        );
        self
    }

    /// The CSV table on stdout, one map per row.
    pub fn rows(&self) -> Vec<HashMap<String, String>> {
        parse_csv(&self.stdout)
    }
}

pub fn parse_csv(text: &str) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("a header row").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("a well-formed CSV row");
            headers
                .iter()
                .map(str::to_string)
                .zip(r.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

/// A JSONL claims table, one map per line: strings as they are, numbers
/// (offsets) as their digits.
pub fn parse_jsonl(text: &str) -> Vec<Row> {
    text.lines()
        .map(|line| {
            let object: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(line).expect("a JSON object per line");
            object
                .into_iter()
                .map(|(column, cell)| {
                    let cell = match cell {
                        serde_json::Value::String(s) => s,
                        serde_json::Value::Null => String::new(),
                        other => other.to_string(),
                    };
                    (column, cell)
                })
                .collect()
        })
        .collect()
}

/// Runs `claimex ARGS` with no standard input.
pub fn claimex(args: &[&str]) -> Run {
    claimex_in(None, args, None)
}

/// Runs `claimex ARGS` in `dir` (if given), feeding `stdin` (if given).
pub fn claimex_in(dir: Option<&Path>, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimex"));
    cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let mut child = cmd.spawn().expect("the claimex binary starts");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    Run::from(child.wait_with_output().unwrap()).no_panic()
}

/// Runs `claimex ARGS` (in `dir` if given) and fails the test if it has not
/// ended within `seconds`: for inputs that once made it hang.
pub fn claimex_bounded(seconds: u64, dir: Option<&Path>, args: &[&str]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimex"));
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    let mut child = cmd.spawn().expect("the claimex binary starts");
    let pipe = |mut r: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            r.read_to_end(&mut bytes).map(|_| bytes)
        })
    };
    let stdout = pipe(Box::new(child.stdout.take().unwrap()));
    let stderr = pipe(Box::new(child.stderr.take().unwrap()));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("claimex {args:?} ran for more than {seconds} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    Run::from(Output {
        status,
        stdout: stdout.join().unwrap().unwrap(),
        stderr: stderr.join().unwrap().unwrap(),
    })
    .no_panic()
}

/// A copy of the default rules in `dir/rules`, for a test that adds to them
/// or edits them; returns the folder's path.
pub fn copy_default_rules(dir: &Dir) -> String {
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    for entry in std::fs::read_dir(rules).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        dir.write(&format!("rules/{name}"), std::fs::read(&path).unwrap());
    }
    dir.join("rules")
}

/// A scratch folder for one test.
pub struct Dir {
    pub tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    /// Writes a file (creating folders) and returns its path as a string.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> String {
        let path = self.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path.display().to_string()
    }

    pub fn join(&self, name: &str) -> String {
        self.path().join(name).display().to_string()
    }
}

/// A short news paragraph with one claim of each kind.
pub const ARTICLE: &str = "SEOUL (AP) — Defense spokesman Kim Jong-sun said Monday that as many as 5,000 troops had crossed the border.\n“We are watching closely,” Kim said.\n";
