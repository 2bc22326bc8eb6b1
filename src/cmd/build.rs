//! `handbok build`: load → render → write, stopping before the write if anything is wrong.

use std::collections::HashMap;
use std::fmt;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::Outcome;
use crate::cli::BuildArgs;
use crate::diagnostic::{Diagnostic, Failure};
use crate::output;
use crate::site::load_site;

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `root/public`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub include_drafts: bool,
    /// Also write `.gz` and `.br` next to text files.
    pub compress: bool,
}

impl From<BuildArgs> for BuildOptions {
    fn from(args: BuildArgs) -> Self {
        BuildOptions {
            root: args.root,
            output: args.output,
            base_url: args.base_url,
            include_drafts: args.drafts,
            compress: args.compress,
        }
    }
}

/// Everything a successful build wants to tell its user.
#[derive(Debug)]
pub struct BuildSummary {
    pub warnings: Vec<Diagnostic>,
    /// (language code, pages published) in the order of site.yaml.
    pub pages_per_language: Vec<(String, usize)>,
    pub untranslated: usize,
    pub files: usize,
    /// For a rebuild over a previous output: what it changed there.
    pub changes: Option<output::Changes>,
    pub output: PathBuf,
    pub elapsed: Duration,
}

impl fmt::Display for BuildSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let per_language: Vec<String> = self
            .pages_per_language
            .iter()
            .map(|(l, n)| format!("{l}: {n}"))
            .collect();
        let changes = match self.changes {
            Some(output::Changes { changed, removed }) => {
                format!(" ({changed} changed, {removed} removed)")
            }
            None => String::new(),
        };
        write!(
            f,
            "built {} pages ({}; {} untranslated), {} files{changes} in {} ms → {}",
            self.pages_per_language
                .iter()
                .map(|(_, n)| n)
                .sum::<usize>(),
            per_language.join(", "),
            self.untranslated,
            self.files,
            self.elapsed.as_millis(),
            self.output.display()
        )?;
        if !self.warnings.is_empty() {
            write!(
                f,
                " ({} warning{})",
                self.warnings.len(),
                if self.warnings.len() == 1 { "" } else { "s" }
            )?;
        }
        Ok(())
    }
}

impl Outcome for BuildSummary {
    /// The warnings, then the one summary line.
    fn print(&self) {
        for warning in &self.warnings {
            eprintln!("{warning}");
        }
        println!("{self}");
    }
}

pub fn run(options: &BuildOptions) -> Result<BuildSummary, Failure> {
    let started = Instant::now();
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    // Refuse a dangerous output folder before doing any work.
    output::check_output_dir(&options.root, &output)?;
    let site = load_site(
        &options.root,
        options.base_url.as_deref(),
        options.include_drafts,
    )?;
    // Files are written to a staging folder as they are rendered; it replaces the output only
    // when the whole site rendered without errors, and is removed otherwise.
    let staging = output::Staging::create(&output, options.compress)?;
    let rendered = site
        .renderer
        .render_site(&site.library, false, &|file| staging.write(file))?;
    let diagnostics = sorted(
        site.diagnostics
            .iter()
            .cloned()
            .chain(rendered.diagnostics)
            .collect(),
    );
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(Failure::Content(diagnostics));
    }
    let written = staging.commit()?;
    let library = &site.library;
    let pages_per_language = site
        .config
        .languages
        .iter()
        .map(|l| {
            (
                l.code.clone(),
                library
                    .pages
                    .values()
                    .filter(|p| p.lang == l.code && !p.site_path.is_empty())
                    .count(),
            )
        })
        .collect();
    let untranslated = library
        .regular_pages()
        .filter(|p| library.translations_of(p).count() + 1 < site.config.languages.len())
        .count();
    Ok(BuildSummary {
        warnings: diagnostics,
        pages_per_language,
        untranslated,
        files: written.files,
        changes: written.changes,
        output,
        elapsed: started.elapsed(),
    })
}

/// Sorted, with repeats said once: a template error that every page meets is one error
/// (naming the first page and how many more), not one per page; an unknown front matter
/// key that many pages hold (Hugo's `date`, `tags`) is one warning at its first file, not
/// hundreds. `handbok check` lists each one, for annotations on every file.
fn sorted(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort();
    let mut merged: Vec<(Diagnostic, usize)> = Vec::with_capacity(diagnostics.len());
    let mut unknown_keys: HashMap<String, usize> = HashMap::new();
    for diagnostic in diagnostics {
        if let Some((last, repeats)) = merged.last_mut()
            && last.same_place_and_message(&diagnostic)
        {
            if last.help != diagnostic.help {
                *repeats += 1;
            }
            continue;
        }
        if diagnostic.rule == "unknown-key" {
            if let Some(&first) = unknown_keys.get(&diagnostic.message) {
                merged[first].1 += 1;
                continue;
            }
            unknown_keys.insert(diagnostic.message.clone(), merged.len());
        }
        merged.push((diagnostic, 0));
    }
    merged
        .into_iter()
        .map(|(mut diagnostic, repeats)| {
            if repeats > 0 {
                let plural = if repeats == 1 { "" } else { "s" };
                let more = if diagnostic.rule == "unknown-key" {
                    format!("and {repeats} more file{plural}; `handbok check` lists each")
                } else {
                    format!("and {repeats} more page{plural}")
                };
                diagnostic.help = Some(match diagnostic.help {
                    Some(help) => format!("{help} ({more})"),
                    None => more,
                });
            }
            diagnostic
        })
        .collect()
}
