//! `handbok status`: the translation dashboard and the review queue. Loads the content (no templates, no
//! rendering), reads git once, and reports every translation set's status per language as
//! Markdown, JSON or a self-contained HTML page, to stdout or a file. It is a report, so it
//! exits 0 whatever the status; 2 when it cannot run (no site, a bad option).

use std::fs;
use std::path::{Path, PathBuf};

use super::Outcome;
use crate::cli::StatusArgs;
use crate::config::Config;
use crate::content::Library;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Failure};
use crate::history::History;
use crate::status::{Format, Status};

#[derive(Debug, Clone)]
pub struct StatusOptions {
    pub root: PathBuf,
    pub format: Format,
    /// Where to write the report; stdout when `None`.
    pub output: Option<PathBuf>,
    /// The day reviews are due against (today's date unless `--today` says otherwise).
    pub today: Date,
}

impl From<StatusArgs> for StatusOptions {
    fn from(args: StatusArgs) -> Self {
        StatusOptions {
            root: args.root,
            format: args.format,
            output: args.output,
            today: args.today.unwrap_or_else(Date::today),
        }
    }
}

#[derive(Debug)]
pub struct StatusReport {
    /// The report, when it goes to stdout.
    pub text: Option<String>,
    /// The file it was written to instead.
    pub written: Option<PathBuf>,
    /// Content files that could not be read: their pages count as missing.
    pub unreadable: Vec<Diagnostic>,
}

impl Outcome for StatusReport {
    fn print(&self) {
        if let Some(text) = &self.text {
            print!("{text}");
        }
        if let Some(file) = &self.written {
            eprintln!("wrote the translation status to {}", file.display());
        }
        if let Some(first) = self.unreadable.first() {
            eprintln!(
                "warning: {} content error{} (first: {first}); those pages count as missing\n  help: `handbok check` lists them all",
                self.unreadable.len(),
                if self.unreadable.len() == 1 { "" } else { "s" },
            );
        }
    }
}

pub fn run(options: &StatusOptions) -> Result<StatusReport, Failure> {
    let root = &options.root;
    let (config, _) = Config::load(root)?;
    let (library, found) = Library::load(root, &config, false);
    let unreadable: Vec<Diagnostic> = found.into_iter().filter(|d| d.is_error()).collect();
    let history = History::read(root, true);
    let mut status = Status::analyse(&library, &config, root, &history);
    status.add_diffs(root, &history);
    status.add_reviews(&library, &config, options.today);
    let text = status.render(options.format);
    match &options.output {
        None => Ok(StatusReport {
            text: Some(text),
            written: None,
            unreadable,
        }),
        Some(file) => {
            write_atomically(file, &text)?;
            Ok(StatusReport {
                text: None,
                written: Some(file.clone()),
                unreadable,
            })
        }
    }
}

/// Writes beside the target and renames, so a reader (a web server publishing the report)
/// never sees half a file.
fn write_atomically(file: &Path, text: &str) -> Result<(), Failure> {
    let cannot = |error: std::io::Error| {
        Failure::Usage(format!(
            "cannot write {}: {error}\n  help: pass --output a file in a folder that exists and can be written",
            file.display()
        ))
    };
    let name = file
        .file_name()
        .ok_or_else(|| cannot(std::io::Error::other("not a file name")))?;
    let staged = file.with_file_name(format!(
        ".{}.handbok-{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    fs::write(&staged, text).map_err(cannot)?;
    fs::rename(&staged, file).map_err(|error| {
        let _ = fs::remove_file(&staged);
        cannot(error)
    })
}
