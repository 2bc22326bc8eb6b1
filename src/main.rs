use std::process::ExitCode;

use clap::Parser;
use handbok::cli::{Cli, Command};
use handbok::cmd::{self, Outcome};
use handbok::diagnostic::Failure;

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build(args) => finish(cmd::build::run(&args.into())),
        Command::Serve(args) => finish(cmd::serve::run(&args.into())),
        Command::Check(args) => finish(cmd::check::run(&args.into())),
        Command::Init(args) => finish(cmd::init::run(&args.into())),
        Command::Import(command) => finish(cmd::import::run(&command.into())),
        Command::Status(args) => finish(cmd::status::run(&args.into())),
    }
}

/// Prints what the command did, or why it failed, once; either decides the exit code.
fn finish(result: Result<impl Outcome, Failure>) -> ExitCode {
    match result {
        Ok(outcome) => {
            outcome.print();
            outcome.exit_code()
        }
        Err(failure) => {
            eprintln!("{failure}");
            ExitCode::from(failure.exit_code())
        }
    }
}
