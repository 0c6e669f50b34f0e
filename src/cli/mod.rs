//! Command-line arguments and subcommands. Exit codes: 0 all went well, 1 some
//! input failed but the rest was written (or a rule example failed), 2 usage,
//! rules or output errors.

mod compare;
mod destination;
mod extract;
mod memory;
mod progress;
mod rules;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    /// .txt, .jsonl and .ndjson); `-` reads standard input.
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

impl InputArgs {
    /// Every file or folder the run reads: articles, manifest, rules.
    fn read_paths(&self) -> Vec<PathBuf> {
        let given = self.manifest.iter().chain(&self.rules);
        self.paths.iter().chain(given).cloned().collect()
    }
}

#[derive(Debug, Args)]
struct ExtractArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format (XLSX: figures as numbers, days as dates, one sheet).
    #[arg(long, value_enum, default_value_t = FormatArg::Csv)]
    format: FormatArg,
    /// Write the table to FILE (atomically: written aside, then renamed; a
    /// device or FIFO is written in place) instead of standard output.
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
    /// How coarsely to group figures: by concept, event and actor, or by concept and event alone.
    #[arg(long, value_enum, default_value_t = ByArg::ConceptActor)]
    by: ByArg,
    /// Output format: CSV (one row per reported figure), a Markdown report, a
    /// self-contained HTML page with a chart per group, or an Excel workbook
    /// (a Comparison sheet and a Claims sheet).
    #[arg(long, value_enum, default_value_t = CompareFormatArg::Csv)]
    format: CompareFormatArg,
    /// Write the comparison to FILE (atomically; a device or FIFO is written
    /// in place) instead of standard output.
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
    /// Print the lexicons and captures the code reads, with their values
    /// (Markdown).
    Vocabulary,
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
        Command::Extract(args) => extract::extract(args),
        Command::Compare(args) => compare::compare(args),
        Command::Rules {
            command: RulesCommand::Check { path },
        } => rules::rules_check(path.as_deref()),
        Command::Rules {
            command: RulesCommand::Test { path },
        } => rules::rules_test(path.as_deref()),
        Command::Rules {
            command: RulesCommand::Vocabulary,
        } => rules::vocabulary(),
    })
}

fn error(message: impl std::fmt::Display) {
    eprintln!("claimex: error: {message}");
}

fn warning(message: impl std::fmt::Display) {
    eprintln!("claimex: warning: {message}");
}

fn note(message: impl std::fmt::Display) {
    eprintln!("claimex: note: {message}");
}
