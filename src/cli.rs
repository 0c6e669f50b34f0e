//! Command-line arguments and subcommands. Exit codes: 0 all went well, 1 some
//! input failed but the rest was written (or a rule example failed), 2 usage,
//! rules or output errors.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use claimex::compare::{Collector, GroupBy, write_csv, write_html, write_markdown, write_xlsx};
use claimex::examples::run_examples;
use claimex::input::{Manifest, ReadOptions, Reader, StdinFormat, read_claims};
use claimex::output::{Format, TableWriter};
use claimex::pipeline::{self, Outcome};
use claimex::{Claim, Engine, Rules};

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
    /// Compare the figures articles report for the same thing: groups by
    /// concept and actor, disagreements, wire copies and stale figures.
    Compare(CompareArgs),
    /// Check a rule set, or run its inline examples.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

/// Where articles come from and how they are read: shared by `extract` and `compare`.
#[derive(Debug, Args)]
struct InputArgs {
    /// Text files, JSONL files, or folders of them (searched recursively for
    /// .txt and .jsonl); `-` reads standard input.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// CSV with columns file,outlet,published giving each text file's outlet and date.
    #[arg(long, value_name = "FILE.csv")]
    manifest: Option<PathBuf>,
    /// A rules file or a folder of .toml rules files, replacing the default rules.
    #[arg(long, value_name = "PATH")]
    rules: Option<PathBuf>,
    /// How to read standard input (`-`): one text article, or JSONL.
    #[arg(long, value_enum, default_value_t = StdinArg::Text)]
    stdin_format: StdinArg,
    /// Read files that are not valid UTF-8 with U+FFFD replacements instead of skipping them.
    #[arg(long)]
    lossy_utf8: bool,
    /// Threads that extract (default: one per core). The table is the same for every value.
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// No progress bar (one is shown only when standard error is a terminal).
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Debug, Args)]
struct ExtractArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format (XLSX: figures as numbers, days as dates, one sheet).
    #[arg(long, value_enum, default_value_t = FormatArg::Csv)]
    format: FormatArg,
    /// Write the table to FILE (atomically: written aside, then renamed) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Write CSV/TSV cells exactly as extracted, without the spreadsheet-formula guard.
    #[arg(long)]
    raw: bool,
}

#[derive(Debug, Args)]
struct CompareArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Compare the claims of a table `extract` wrote (CSV, TSV or JSONL, by
    /// extension), perhaps edited by hand, instead of extracting from articles.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["paths", "manifest", "rules"])]
    claims: Option<PathBuf>,
    /// How coarsely to group figures: by concept and actor, or by concept alone.
    #[arg(long, value_enum, default_value_t = ByArg::ConceptActor)]
    by: ByArg,
    /// Output format: CSV (one row per reported figure), a Markdown report, a
    /// self-contained HTML page with a chart per group, or an Excel workbook
    /// (a Comparison sheet and a Claims sheet).
    #[arg(long, value_enum, default_value_t = CompareFormatArg::Csv)]
    format: CompareFormatArg,
    /// Write the comparison to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Write CSV cells exactly as they are, without the spreadsheet-formula guard.
    #[arg(long)]
    raw: bool,
    /// Start the CSV with a byte-order mark, so that Excel opens it as UTF-8
    /// (curly quotes and accents intact).
    #[arg(long)]
    bom: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ByArg {
    ConceptActor,
    Concept,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum CompareFormatArg {
    Csv,
    Md,
    Html,
    Xlsx,
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
    Xlsx,
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
        Command::Compare(args) => compare(args),
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
    let examples: usize = rules.rules.iter().map(|r| r.examples.len()).sum::<usize>()
        + rules
            .outlets
            .iter()
            .map(|r| r.examples.len())
            .sum::<usize>();
    println!(
        "ok: {} rules, {} outlet rules, {} lexicons, {} examples ({})",
        rules.rules.len(),
        rules.outlets.len(),
        rules.lexicons.len(),
        examples,
        path.map_or("default rules".into(), |p| p.display().to_string())
    );
    leave(rules);
    OK
}

/// Lets a value go without freeing it, as the process is about to end: the
/// rules' automata are thousands of allocations, and freeing them one by one
/// takes longer (a few milliseconds) than `rules check` takes to print.
fn leave<T>(value: T) {
    std::mem::forget(value);
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
fn progress_bar(input: &InputArgs) -> Option<ProgressBar> {
    if input.quiet || !io::stderr().is_terminal() {
        return None;
    }
    let (bar, template) = match claimex::input::input_bytes(&input.paths) {
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

/// How an extraction run ended.
enum Ended {
    /// Every article was read; `true` if some input failed on the way.
    Read { failed: bool },
    /// The rules or the manifest could not be loaded, or no input was named.
    Unstarted,
    /// The sink failed (a closed pipe, a full disk).
    SinkFailed { error: io::Error, failed: bool },
}

/// Hands back to the system the memory that freed allocations left with the
/// allocator. glibc keeps what each thread frees in that thread's arena:
/// after extraction, the worker threads' arenas hold their regex caches and
/// the claims they built, which `compare`'s grouping, on one thread, cannot
/// reuse (on 1 GB of news, 60 MB of a 230 MB peak).
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only returns free pages to the system; it takes
    // no pointer and leaves every live allocation where it is.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// What to do with the compiled rules once the articles are read.
#[derive(Clone, Copy, PartialEq)]
enum AfterExtraction {
    /// The process ends soon: let the rules go without freeing them.
    Exit,
    /// More work follows (`compare` groups its figures): give their memory
    /// back first.
    Continue,
}

/// Reads the articles `input` names and extracts their claims on `--jobs`
/// threads, handing each article's claims to `sink` in input order. Warnings
/// and errors go to standard error as they come.
fn extract_claims(
    input: &InputArgs,
    after: AfterExtraction,
    mut sink: impl FnMut(Vec<Claim>) -> io::Result<()>,
) -> Ended {
    let Some(rules) = load_rules(input.rules.as_deref()) else {
        return Ended::Unstarted;
    };
    let engine = Engine::new(rules);
    let mut failed = false;
    let manifest = match &input.manifest {
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
                return Ended::Unstarted;
            }
        },
    };
    let options = ReadOptions {
        manifest,
        stdin_format: match input.stdin_format {
            StdinArg::Text => StdinFormat::Text,
            StdinArg::Jsonl => StdinFormat::Jsonl,
        },
        lossy_utf8: input.lossy_utf8,
    };
    let jobs = input.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let progress = progress_bar(input);
    // Messages go above the bar, not through it.
    let say = |message: &dyn Fn()| match &progress {
        Some(bar) => bar.suspend(message),
        None => message(),
    };
    let paths = &input.paths;
    let mut articles = 0u64;
    let written = pipeline::run(
        &engine,
        jobs,
        || Reader::new(paths, options),
        |outcome| {
            match outcome {
                Outcome::Claims(claims, bytes) => {
                    sink(claims)?;
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
    match after {
        AfterExtraction::Exit => leave(engine),
        AfterExtraction::Continue => {
            drop(engine);
            release_free_memory();
        }
    }
    match written {
        Ok(()) => Ended::Read { failed },
        Err(error) => Ended::SinkFailed { error, failed },
    }
}

/// The exit code for an output error: a closed pipe (`claimex ... | head`) is
/// a reader that has seen enough, not an error.
fn write_failed(output: Option<&Path>, e: io::Error, failed: bool) -> u8 {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return if failed { PARTIAL } else { OK };
    }
    let name = output.map_or("standard output".into(), |p| p.display().to_string());
    error(format!("cannot write {name}: {e}"));
    FAILED
}

/// Moves a finished temporary file into place.
fn put_in_place(destination: Destination, output: Option<&Path>, failed: bool) -> u8 {
    if let (Destination::File(tmp), Some(path)) = (destination, output) {
        if let Err(e) = tmp.persist(path) {
            return write_failed(output, e.error, failed);
        }
    }
    if failed { PARTIAL } else { OK }
}

/// Whether no input was named (said on standard error), before any output.
fn no_input(input: &InputArgs) -> bool {
    let none = input.paths.is_empty();
    if none {
        error("no input: name text files, JSONL files, folders, or `-` for standard input");
    }
    none
}

/// A workbook on a terminal is noise: it needs `-o` or a redirection.
fn binary_to_terminal(binary: bool, output: Option<&Path>) -> bool {
    let refused = binary && output.is_none() && io::stdout().is_terminal();
    if refused {
        error("XLSX is a binary file: write it with -o FILE.xlsx or redirect standard output");
    }
    refused
}

fn extract(args: ExtractArgs) -> u8 {
    let output = args.output.as_deref();
    if no_input(&args.input) || binary_to_terminal(matches!(args.format, FormatArg::Xlsx), output) {
        return FAILED;
    }
    let format = match args.format {
        FormatArg::Csv => Format::Csv,
        FormatArg::Tsv => Format::Tsv,
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Xlsx => Format::Xlsx,
    };
    let destination = match open_destination(output) {
        Ok(d) => d,
        Err(e) => return write_failed(output, e, false),
    };
    let mut table = match TableWriter::new(destination, format, args.raw) {
        Ok(t) => t,
        Err(e) => return write_failed(output, e, false),
    };
    let ended = extract_claims(&args.input, AfterExtraction::Exit, |claims| {
        claims.iter().try_for_each(|claim| table.write(claim))
    });
    let failed = match ended {
        Ended::Unstarted => return FAILED,
        Ended::SinkFailed { error, failed } => return write_failed(output, error, failed),
        Ended::Read { failed } => failed,
    };
    match table.finish() {
        Ok(destination) => put_in_place(destination, output, failed),
        Err(e) => write_failed(output, e, failed),
    }
}

fn compare(args: CompareArgs) -> u8 {
    let xlsx = matches!(args.format, CompareFormatArg::Xlsx);
    if (args.claims.is_none() && no_input(&args.input))
        || binary_to_terminal(xlsx, args.output.as_deref())
    {
        return FAILED;
    }
    let mut collector = Collector::default();
    let failed = match &args.claims {
        Some(path) => {
            let mut failed = false;
            let mut spill_failed = None;
            let read = read_claims(
                path,
                |claim| {
                    if let Err(e) = collector.add(claim) {
                        spill_failed.get_or_insert(e);
                    }
                },
                |bad| {
                    error(&bad);
                    failed = true;
                },
            );
            if let Err(e) = read {
                error(e);
                return FAILED;
            }
            if let Some(e) = spill_failed {
                error(e);
                return FAILED;
            }
            failed
        }
        None => {
            let ended = extract_claims(&args.input, AfterExtraction::Continue, |claims| {
                collector.add_article(claims)
            });
            match ended {
                Ended::Read { failed } => failed,
                Ended::Unstarted => return FAILED,
                // Only the temporary file for count claims can fail here; its
                // error names it.
                Ended::SinkFailed { error: e, .. } => {
                    error(e);
                    return FAILED;
                }
            }
        }
    };
    let by = match args.by {
        ByArg::ConceptActor => GroupBy::ConceptActor,
        ByArg::Concept => GroupBy::Concept,
    };
    let comparison = match collector.finish(by) {
        Ok(c) => c,
        Err(e) => {
            error(e);
            return FAILED;
        }
    };
    let output = args.output.as_deref();
    let destination = match open_destination(output) {
        Ok(d) => d,
        Err(e) => return write_failed(output, e, failed),
    };
    let out = io::BufWriter::new(destination);
    let written = match args.format {
        CompareFormatArg::Csv => write_csv(out, &comparison, args.raw, args.bom),
        CompareFormatArg::Md => write_markdown(out, &comparison),
        CompareFormatArg::Html => write_html(out, &comparison),
        CompareFormatArg::Xlsx => write_xlsx(out, &comparison),
    };
    match written.and_then(|out| out.into_inner().map_err(|e| e.into_error())) {
        Ok(destination) => put_in_place(destination, output, failed),
        Err(e) => write_failed(output, e, failed),
    }
}
