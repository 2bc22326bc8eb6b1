use std::process::ExitCode;

use clap::Parser;
use handbok::cli::{Cli, Command};
use handbok::cmd;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            compress,
        } => cmd::build::run(&cmd::build::BuildOptions {
            root,
            output,
            base_url,
            include_drafts: drafts,
            compress,
        })
        .map(|summary| {
            for warning in &summary.warnings {
                eprintln!("{warning}");
            }
            println!("{summary}");
        }),
        Command::Serve {
            root,
            port,
            interface,
            open,
            drafts,
        } => handbok::serve::run(&handbok::serve::ServeOptions {
            root,
            interface,
            port,
            open,
            include_drafts: drafts,
        }),
        Command::Check {
            root,
            format,
            deny_warnings,
            external,
            timeout,
            drafts,
        } => {
            let external =
                external.then(|| std::time::Duration::from_secs_f64(timeout.clamp(0.1, 600.0)));
            let options = handbok::check::CheckOptions {
                root,
                include_drafts: drafts,
                external,
            };
            return match handbok::check::run(&options) {
                Ok(report) => {
                    use std::io::IsTerminal;
                    let colour =
                        std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
                    print!(
                        "{}",
                        handbok::check::report::render(&report, format, colour)
                    );
                    let failed = report.errors() > 0 || (deny_warnings && report.warnings() > 0);
                    if failed {
                        ExitCode::from(1)
                    } else {
                        ExitCode::SUCCESS
                    }
                }
                Err(failure) => {
                    use handbok::check::report::{Format, render};
                    // Tools reading the output get a report either way.
                    if format == Format::Human {
                        eprintln!("{failure}");
                    } else {
                        let report = handbok::check::Report::failed(&options.root, &failure);
                        print!("{}", render(&report, format, false));
                    }
                    ExitCode::from(2)
                }
            };
        }
        Command::Init { dir } => cmd::init::run(&dir).map(|message| println!("{message}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("{failure}");
            ExitCode::from(failure.exit_code())
        }
    }
}
