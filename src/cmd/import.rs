//! `handbok import hugo SRC [--out DIR] [--format human|json]`: another tool's site as a
//! handbok site, with a report of what was converted and what was not.

use std::path::{Path, PathBuf};

use super::Outcome;
use crate::cli::{ImportCommand, ImportFormat};
use crate::diagnostic::Failure;
use crate::import::{ImportOptions, ImportReport, import_hugo};

#[derive(Debug, Clone)]
pub struct ImportCommandOptions {
    pub import: ImportOptions,
    pub format: ImportFormat,
}

impl From<ImportCommand> for ImportCommandOptions {
    fn from(command: ImportCommand) -> Self {
        let ImportCommand::Hugo(args) = command;
        let out = args.out.unwrap_or_else(|| default_out(&args.source));
        ImportCommandOptions {
            import: ImportOptions {
                source: args.source,
                out,
            },
            format: args.format,
        }
    }
}

/// `docs/` → `./docs-handbok`: beside nothing of the source, in the current folder.
fn default_out(source: &Path) -> PathBuf {
    let name = std::path::absolute(source)
        .ok()
        .and_then(|path| path.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "site".to_string());
    PathBuf::from(format!("{name}-handbok"))
}

/// The import's report, in the format asked for.
#[derive(Debug)]
pub struct Imported {
    pub report: ImportReport,
    pub format: ImportFormat,
}

impl Outcome for Imported {
    fn print(&self) {
        match self.format {
            ImportFormat::Human => println!("{}", self.report),
            ImportFormat::Json => println!("{}", self.report.to_json()),
        }
    }
}

pub fn run(options: &ImportCommandOptions) -> Result<Imported, Failure> {
    Ok(Imported {
        report: import_hugo(&options.import)?,
        format: options.format,
    })
}
