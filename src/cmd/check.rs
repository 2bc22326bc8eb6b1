//! `handbok check`: runs the rules of [`crate::check`] and prints their report in the chosen
//! format; the exit code is the verdict (0 clean, 1 errors, 2 not checked at all).

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Duration;

use super::Outcome;
use crate::check::report::{self, Format};
use crate::check::{CheckOptions, Report};
use crate::cli::CheckArgs;
use crate::date::Date;
use crate::diagnostic::Failure;

#[derive(Debug, Clone)]
pub struct CheckCommandOptions {
    pub check: CheckOptions,
    pub format: Format,
    /// Warnings fail the check too.
    pub deny_warnings: bool,
}

impl From<CheckArgs> for CheckCommandOptions {
    fn from(args: CheckArgs) -> Self {
        let external = args
            .external
            .then(|| Duration::from_secs_f64(args.timeout.clamp(0.1, 600.0)));
        CheckCommandOptions {
            check: CheckOptions {
                root: args.root,
                include_drafts: args.drafts,
                external,
                today: args.today.unwrap_or_else(Date::today),
            },
            format: args.format,
            deny_warnings: args.deny_warnings,
        }
    }
}

#[derive(Debug)]
pub enum CheckOutcome {
    /// The site was checked; the report lists what was found.
    Checked {
        report: Report,
        format: Format,
        deny_warnings: bool,
    },
    /// The site could not be checked at all (its site.yaml missing or invalid, say).
    Unchecked {
        failure: Failure,
        /// For the machine-readable formats: the failure as a report, since tools reading
        /// the output get a report either way.
        report: Option<(Report, Format)>,
    },
}

impl Outcome for CheckOutcome {
    fn print(&self) {
        match self {
            CheckOutcome::Checked { report, format, .. } => {
                let colour =
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
                print!("{}", report::render(report, *format, colour));
            }
            CheckOutcome::Unchecked {
                report: Some((report, format)),
                ..
            } => print!("{}", report::render(report, *format, false)),
            CheckOutcome::Unchecked {
                failure,
                report: None,
            } => eprintln!("{failure}"),
        }
    }

    fn exit_code(&self) -> ExitCode {
        match self {
            CheckOutcome::Checked {
                report,
                deny_warnings,
                ..
            } => {
                let failed = report.errors() > 0 || (*deny_warnings && report.warnings() > 0);
                if failed {
                    ExitCode::from(1)
                } else {
                    ExitCode::SUCCESS
                }
            }
            // Whatever the reason, so that a gate tells "not checked" from "found errors".
            CheckOutcome::Unchecked { .. } => ExitCode::from(2),
        }
    }
}

/// Never fails as a command: a site that cannot be checked is an outcome of its own, with
/// its own exit code and, for tools, its own report.
pub fn run(options: &CheckCommandOptions) -> Result<CheckOutcome, Failure> {
    let format = options.format;
    Ok(match crate::check::run(&options.check) {
        Ok(report) => CheckOutcome::Checked {
            report,
            format,
            deny_warnings: options.deny_warnings,
        },
        Err(failure) => {
            let report = (format != Format::Human)
                .then(|| (Report::failed(&options.check.root, &failure), format));
            CheckOutcome::Unchecked { failure, report }
        }
    })
}
