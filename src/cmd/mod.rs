//! One module per subcommand, all of one shape: options resolved from the raw
//! [`cli`](crate::cli) arguments (`impl From<cli::…Args>`), and
//! `run(&options) -> Result<impl Outcome, Failure>`. The outcome knows how to print itself
//! and which exit code it ends with, so `main` only parses, calls, prints once and exits.
//! A new command is one file here, one variant of [`cli::Command`](crate::cli::Command)
//! (with its `Args` struct) and one arm in `main`.

use std::process::ExitCode;

pub mod build;
pub mod check;
pub mod import;
pub mod init;
pub mod serve;
pub mod status;

/// What a command that ran has to tell its user.
pub trait Outcome {
    /// Prints the outcome: results on stdout, warnings and reasons on stderr.
    fn print(&self);

    /// How the process ends: success unless the outcome itself is a failing verdict (a
    /// check that found errors).
    fn exit_code(&self) -> ExitCode {
        ExitCode::SUCCESS
    }
}
