//! The `claimex` command; everything but argument parsing lives in the library.

mod cli;

use clap::Parser;

fn main() -> std::process::ExitCode {
    cli::run(cli::Cli::parse())
}
