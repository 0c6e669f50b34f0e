//! `compare`.

use std::io;

use claimex::compare::{
    Collector, GroupBy, NEEDED_COLUMNS, write_csv, write_html, write_markdown, write_xlsx,
};
use claimex::table::read_claims;

use super::destination::{
    binary_to_terminal, open_destination, output_is_input, put_in_place, stdout_closed,
    write_failed,
};
use super::extract::{AfterExtraction, Ended, extract_claims, no_input, prepare};
use super::{ByArg, CompareArgs, CompareFormatArg, FAILED, error};

pub(super) fn compare(args: CompareArgs) -> u8 {
    let xlsx = matches!(args.format, CompareFormatArg::Xlsx);
    let output = args.output.as_deref();
    let mut inputs = args.input.read_paths();
    inputs.extend(args.claims.iter().cloned());
    if (args.claims.is_none() && no_input(&args.input))
        || binary_to_terminal(xlsx, output)
        || stdout_closed(output)
        || output_is_input(output, &inputs)
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
                &NEEDED_COLUMNS,
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
            let Some(prepared) = prepare(&args.input) else {
                return FAILED;
            };
            let ended =
                extract_claims(&args.input, prepared, AfterExtraction::Continue, |claims| {
                    collector.add_article(claims)
                });
            match ended {
                Ended::Read { failed } => failed,
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
