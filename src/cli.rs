//! Command-line arguments and subcommands. Exit codes: 0 all went well, 1 some
//! input failed but the rest was written (or a rule example failed), 2 usage,
//! rules or output errors.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use claimex::examples::run_examples;
use claimex::input::{Manifest, ReadOptions, Reader, StdinFormat};
use claimex::output::{Format, TableWriter};
use claimex::pipeline::{self, Outcome};
use claimex::{Engine, Rules};

#[derive(Debug, Parser)]
#[command(
    name = "claimex",
    version,
    about = "Extract fact-claims (quotes, counts, dates) from news articles into a table."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Extract the claims table from articles.
    Extract(ExtractArgs),
    /// Check a rule set, or run its inline examples.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Debug, Args)]
struct ExtractArgs {
    /// Text files, JSONL files, or folders of them (searched recursively for
    /// .txt and .jsonl); `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// CSV with columns file,outlet,published giving each text file's outlet and date.
    #[arg(long, value_name = "FILE.csv")]
    manifest: Option<PathBuf>,
    /// A rules file or a folder of .toml rules files, replacing the default rules.
    #[arg(long, value_name = "PATH")]
    rules: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Csv)]
    format: FormatArg,
    /// Write the table to FILE (atomically: written aside, then renamed) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// How to read standard input (`-`): one text article, or JSONL.
    #[arg(long, value_enum, default_value_t = StdinArg::Text)]
    stdin_format: StdinArg,
    /// Read files that are not valid UTF-8 with U+FFFD replacements instead of skipping them.
    #[arg(long)]
    lossy_utf8: bool,
    /// Write CSV/TSV cells exactly as extracted, without the spreadsheet-formula guard.
    #[arg(long)]
    raw: bool,
    /// Threads that extract (default: one per core). The table is the same for every value.
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// No progress bar (one is shown only when standard error is a terminal).
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Debug, Subcommand)]
enum RulesCommand {
    /// Report every problem in a rule set (the default rules if no PATH).
    Check {
        #[arg(value_name = "PATH")]
        path: Option<PathBuf>,
    },
    /// Run every rule's inline examples through the whole engine.
    Test {
        #[arg(value_name = "PATH")]
        path: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Csv,
    Tsv,
    Jsonl,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum StdinArg {
    Text,
    Jsonl,
}

const OK: u8 = 0;
const PARTIAL: u8 = 1;
const FAILED: u8 = 2;

pub fn run(cli: Cli) -> ExitCode {
    ExitCode::from(match cli.command {
        Command::Extract(args) => extract(args),
        Command::Rules {
            command: RulesCommand::Check { path },
        } => rules_check(path.as_deref()),
        Command::Rules {
            command: RulesCommand::Test { path },
        } => rules_test(path.as_deref()),
    })
}

fn error(message: impl std::fmt::Display) {
    eprintln!("claimex: error: {message}");
}

fn warning(message: impl std::fmt::Display) {
    eprintln!("claimex: warning: {message}");
}

/// The rule set to use: `--rules PATH` or the embedded default.
fn load_rules(path: Option<&Path>) -> Option<Rules> {
    let loaded = match path {
        Some(p) => Rules::load(p),
        None => Rules::embedded(),
    };
    match loaded {
        Ok(rules) => Some(rules),
        Err(errors) => {
            for e in &errors.0 {
                error(e);
            }
            error(format!("the rule set has {} problem(s)", errors.0.len()));
            None
        }
    }
}

fn rules_check(path: Option<&Path>) -> u8 {
    let Some(rules) = load_rules(path) else {
        return FAILED;
    };
    for w in &rules.warnings {
        warning(w);
    }
    let examples: usize = rules.rules.iter().map(|r| r.examples.len()).sum();
    println!(
        "ok: {} rules, {} lexicons, {} examples ({})",
        rules.rules.len(),
        rules.lexicons.len(),
        examples,
        path.map_or("default rules".into(), |p| p.display().to_string())
    );
    OK
}

fn rules_test(path: Option<&Path>) -> u8 {
    let Some(rules) = load_rules(path) else {
        return FAILED;
    };
    let report = run_examples(&Engine::new(rules));
    for f in &report.failures {
        println!("FAIL {f}");
    }
    println!(
        "rules test: {} passed, {} failed",
        report.passed,
        report.failures.len()
    );
    if report.failures.is_empty() {
        OK
    } else {
        PARTIAL
    }
}

/// Where the table goes: standard output, or a temporary file renamed into place
/// at the end, so that an interrupted run leaves no half-written table.
enum Destination {
    Stdout(io::StdoutLock<'static>),
    File(tempfile::NamedTempFile),
}

impl Write for Destination {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Destination::Stdout(s) => s.write(buf),
            Destination::File(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Destination::Stdout(s) => s.flush(),
            Destination::File(f) => f.flush(),
        }
    }
}

fn open_destination(output: Option<&Path>) -> io::Result<Destination> {
    match output {
        None => Ok(Destination::Stdout(io::stdout().lock())),
        Some(path) => {
            let dir = match path.parent() {
                Some(d) if !d.as_os_str().is_empty() => d,
                _ => Path::new("."),
            };
            tempfile::Builder::new()
                .prefix(".claimex-")
                .tempfile_in(dir)
                .map(Destination::File)
        }
    }
}

/// A progress bar on standard error for a run a person is watching: articles,
/// bytes of text, rate and time left (against the input files' size, which
/// JSONL's markup makes a little larger than the text).
fn progress_bar(args: &ExtractArgs) -> Option<ProgressBar> {
    if args.quiet || !io::stderr().is_terminal() {
        return None;
    }
    let (bar, template) = match claimex::input::input_bytes(&args.paths) {
        Some(total) => (
            ProgressBar::new(total),
            "{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} {msg} eta {eta}",
        ),
        None => (
            ProgressBar::new_spinner(),
            "{spinner} {bytes} {binary_bytes_per_sec} {msg}",
        ),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    Some(bar)
}

fn extract(args: ExtractArgs) -> u8 {
    let Some(rules) = load_rules(args.rules.as_deref()) else {
        return FAILED;
    };
    let engine = Engine::new(rules);
    let mut failed = false;
    let manifest = match &args.manifest {
        None => None,
        Some(path) => match Manifest::load(path) {
            Ok(loaded) => {
                for w in &loaded.warnings {
                    warning(w);
                }
                for e in &loaded.errors {
                    error(e);
                }
                failed |= !loaded.errors.is_empty();
                Some(loaded.manifest)
            }
            Err(e) => {
                error(e);
                return FAILED;
            }
        },
    };
    let options = ReadOptions {
        manifest,
        stdin_format: match args.stdin_format {
            StdinArg::Text => StdinFormat::Text,
            StdinArg::Jsonl => StdinFormat::Jsonl,
        },
        lossy_utf8: args.lossy_utf8,
    };
    let format = match args.format {
        FormatArg::Csv => Format::Csv,
        FormatArg::Tsv => Format::Tsv,
        FormatArg::Jsonl => Format::Jsonl,
    };
    let output_name = args
        .output
        .as_ref()
        .map_or("standard output".into(), |p| p.display().to_string());
    let write_failed = |e: io::Error, failed: bool| -> u8 {
        // A closed pipe (`claimex extract ... | head`) is a reader that has
        // seen enough, not an error.
        if e.kind() == io::ErrorKind::BrokenPipe {
            return if failed { PARTIAL } else { OK };
        }
        error(format!("cannot write {output_name}: {e}"));
        FAILED
    };
    let destination = match open_destination(args.output.as_deref()) {
        Ok(d) => d,
        Err(e) => return write_failed(e, failed),
    };
    let mut table = match TableWriter::new(destination, format, args.raw) {
        Ok(t) => t,
        Err(e) => return write_failed(e, failed),
    };
    let jobs = args.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let progress = progress_bar(&args);
    // Messages go above the bar, not through it.
    let say = |message: &dyn Fn()| match &progress {
        Some(bar) => bar.suspend(message),
        None => message(),
    };
    let paths = &args.paths;
    let mut articles = 0u64;
    let written = pipeline::run(
        &engine,
        jobs,
        || Reader::new(paths, options),
        |outcome| {
            match outcome {
                Outcome::Claims(claims, bytes) => {
                    for claim in &claims {
                        table.write(claim)?;
                    }
                    articles += 1;
                    if let Some(bar) = &progress {
                        bar.inc(bytes as u64);
                        bar.set_message(format!("{articles} articles"));
                    }
                }
                Outcome::Warning(w) => say(&|| warning(&w)),
                Outcome::Error(e) => {
                    say(&|| error(&e));
                    failed = true;
                }
            }
            Ok::<(), io::Error>(())
        },
    );
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if let Err(e) = written {
        return write_failed(e, failed);
    }
    let destination = match table.finish() {
        Ok(d) => d,
        Err(e) => return write_failed(e, failed),
    };
    if let (Destination::File(tmp), Some(path)) = (destination, &args.output) {
        if let Err(e) = tmp.persist(path) {
            return write_failed(e.error, failed);
        }
    }
    if failed { PARTIAL } else { OK }
}
