//! `extract`, and the extraction run `compare` shares.

use std::io;

use claimex::Claim;
use claimex::Engine;
use claimex::input::{Manifest, ReadOptions, Reader, RowProblem, StdinFormat};
use claimex::model::Origin;
use claimex::pipeline::{self, Outcome};
use claimex::table::{Format, TableWriter};

use super::destination::{
    binary_to_terminal, open_destination, output_is_input, put_in_place, stdout_closed,
    write_failed,
};
use super::memory::{leave, release_free_memory};
use super::progress::progress_bar;
use super::rules::load_rules;
use super::{ExtractArgs, FAILED, FormatArg, InputArgs, StdinArg, error, note, warning};

/// How an extraction run ended.
pub(super) enum Ended {
    /// Every article was read; `true` if some input failed on the way.
    Read { failed: bool },
    /// The sink failed (a closed pipe, a full disk).
    SinkFailed { error: io::Error, failed: bool },
}

/// What to do with the compiled rules once the articles are read.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum AfterExtraction {
    /// The process ends soon: let the rules go without freeing them.
    Exit,
    /// More work follows (`compare` groups its figures): give their memory
    /// back first.
    Continue,
}

/// Notes on standard error the articles whose date was taken from their own
/// text, in input order: the first `LISTED` by name, the rest counted.
#[derive(Default)]
struct InferredDates {
    noted: u64,
}

/// How many articles dated from their text are named one by one.
const LISTED: u64 = 10;

impl InferredDates {
    /// Notes each article (each part of a file) of `claims` dated from its text.
    fn note(&mut self, claims: &[Claim], say: &dyn Fn(&dyn Fn())) {
        let mut last: Option<&str> = None;
        for c in claims {
            let p = &*c.provenance;
            if p.published_from != Origin::Text || last == Some(p.doc_id.as_str()) {
                continue;
            }
            last = Some(p.doc_id.as_str());
            self.noted += 1;
            if self.noted <= LISTED {
                let day = p.published.map(|d| d.to_string()).unwrap_or_default();
                say(&|| {
                    note(format!(
                        "{} ({}): no date given; dated {day} from its own text",
                        p.source, p.doc_id
                    ))
                });
            }
        }
    }

    fn finish(self) {
        if self.noted > LISTED {
            note(format!(
                "{} more articles with no date given were dated from their own text (the published_from column says text)",
                self.noted - LISTED
            ));
        }
    }
}

/// What an extraction run needs, loaded before any output is opened: a rule
/// set or a manifest that cannot be loaded ends the run before a table's
/// header is written.
pub(super) struct Prepared {
    engine: Engine,
    options: ReadOptions,
    /// Some manifest row was bad (said on standard error).
    failed: bool,
}

/// Loads the rules and the manifest `input` names; `None` (said on standard
/// error) when either cannot be used.
pub(super) fn prepare(input: &InputArgs) -> Option<Prepared> {
    let rules = load_rules(input.rules.as_deref())?;
    let mut failed = false;
    let manifest = match &input.manifest {
        None => None,
        Some(path) => match Manifest::load(path) {
            Ok(loaded) => {
                for problem in &loaded.problems {
                    match problem {
                        RowProblem::Warning(w) => warning(w),
                        RowProblem::Error(e) => {
                            error(e);
                            failed = true;
                        }
                    }
                }
                Some(loaded.manifest)
            }
            Err(e) => {
                error(e);
                return None;
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
    Some(Prepared {
        engine: Engine::new(rules),
        options,
        failed,
    })
}

/// Reads the articles `input` names and extracts their claims on `--jobs`
/// threads, handing each article's claims to `sink` in input order. Warnings
/// and errors go to standard error as they come.
pub(super) fn extract_claims(
    input: &InputArgs,
    prepared: Prepared,
    after: AfterExtraction,
    mut sink: impl FnMut(Vec<Claim>) -> io::Result<()>,
) -> Ended {
    let Prepared {
        engine,
        options,
        mut failed,
    } = prepared;
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
    let mut inferred = InferredDates::default();
    let written = pipeline::run(
        &engine,
        jobs,
        || Reader::new(paths, options),
        |outcome| {
            match outcome {
                Outcome::Claims(claims, bytes) => {
                    inferred.note(&claims, &say);
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
    inferred.finish();
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

/// Whether no input was named (said on standard error), before any output.
pub(super) fn no_input(input: &InputArgs) -> bool {
    let none = input.paths.is_empty();
    if none {
        error("no input: name text files, JSONL files, folders, or `-` for standard input");
    }
    none
}

pub(super) fn extract(args: ExtractArgs) -> u8 {
    let output = args.output.as_deref();
    let binary = matches!(args.format, FormatArg::Xlsx);
    if no_input(&args.input)
        || binary_to_terminal(binary, output)
        || stdout_closed(output)
        || output_is_input(output, &args.input.read_paths())
    {
        return FAILED;
    }
    let Some(prepared) = prepare(&args.input) else {
        return FAILED;
    };
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
    let ended = extract_claims(&args.input, prepared, AfterExtraction::Exit, |claims| {
        claims.iter().try_for_each(|claim| table.write(claim))
    });
    let failed = match ended {
        Ended::SinkFailed { error, failed } => return write_failed(output, error, failed),
        Ended::Read { failed } => failed,
    };
    match table.finish() {
        Ok(destination) => put_in_place(destination, output, failed),
        Err(e) => write_failed(output, e, failed),
    }
}
