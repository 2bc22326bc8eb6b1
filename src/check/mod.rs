//! `handbok check`: loads and renders the site in memory (the same stages as `build`),
//! writes nothing, and reports what editors get wrong, each finding located. One module per
//! kind of rule; each adds findings to the list.

pub mod external;
pub mod links;
pub mod mojibake;
pub mod print;
pub mod report;
pub mod reviews;
pub mod structure;
pub mod translations;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::{CONFIG_FILE, Config};
use crate::content::Page;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Failure, Severity, line_column};
use crate::render::PageFacts;
use crate::site::{Site, load_site};

#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub root: PathBuf,
    pub include_drafts: bool,
    /// Check external links over the network too, each with this timeout.
    pub external: Option<std::time::Duration>,
    /// The day reviews are due against: today's date from the clock in the CLI, any date
    /// in tests, so a check's verdict on reviews is reproducible.
    pub today: Date,
}

/// What a check found, in a stable order (file, line, column).
#[derive(Debug)]
pub struct Report {
    /// The site root the findings' files are relative to.
    pub root: PathBuf,
    pub findings: Vec<Diagnostic>,
}

impl Report {
    /// A site that could not be checked at all (its `site.yaml` missing or invalid), as one
    /// finding, so that machine-readable formats still print a report.
    pub fn failed(root: &Path, failure: &Failure) -> Report {
        // The failure carries only its text; parsing again gives the line and column.
        let parsed = std::fs::read_to_string(root.join(CONFIG_FILE))
            .ok()
            .and_then(|text| Config::parse(&text).err());
        let finding = parsed.unwrap_or_else(|| {
            let text = failure.to_string();
            let (message, help) = text.split_once("\n  help: ").unwrap_or((&text, ""));
            let finding = Diagnostic::error("config", CONFIG_FILE, message);
            if help.is_empty() {
                finding
            } else {
                finding.help(help)
            }
        });
        Report {
            root: root.to_path_buf(),
            findings: vec![finding],
        }
    }

    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }
}

pub fn run(options: &CheckOptions) -> Result<Report, Failure> {
    let site = match load_site(&options.root, None, options.include_drafts) {
        Ok(site) => site,
        // Templates that do not compile are findings like any other.
        Err(Failure::Content(mut findings)) => {
            findings.sort();
            return Ok(Report {
                root: options.root.clone(),
                findings,
            });
        }
        Err(other) => return Err(other),
    };
    // Rendered in memory only: the files themselves are not kept.
    let rendered = site
        .renderer
        .render_site(&site.library, true, &|_| Ok(()))?;
    let mut findings: Vec<Diagnostic> = site
        .diagnostics
        .iter()
        .cloned()
        .chain(rendered.diagnostics)
        .collect();
    // A link to a page that does not exist only warns in `build`; in the gate it fails.
    for finding in &mut findings {
        if finding.rule == "broken-link" {
            finding.severity = Severity::Error;
        }
    }
    let context = Context::new(&site, &rendered.pages);
    links::check(&context, &mut findings);
    print::check(&rendered.print, &mut findings);
    structure::check(&context, &mut findings);
    translations::check(&context, &options.root, &mut findings);
    reviews::check(&context, options.today, &mut findings);
    encoding(&context, &options.root, &mut findings);
    if let Some(timeout) = options.external {
        external::check(&context, timeout, &mut findings);
    }
    findings.sort();
    findings.dedup();
    Ok(Report {
        root: options.root.clone(),
        findings,
    })
}

/// What every rule looks at: the loaded site and the facts of each rendered page.
pub struct Context<'a> {
    pub site: &'a Site,
    pub pages: &'a [PageFacts],
    /// Site path → facts of the page or section published there.
    pub by_site_path: HashMap<&'a str, &'a PageFacts>,
}

impl<'a> Context<'a> {
    fn new(site: &'a Site, pages: &'a [PageFacts]) -> Context<'a> {
        Context {
            site,
            pages,
            by_site_path: pages.iter().map(|p| (p.site_path.as_str(), p)).collect(),
        }
    }

    /// The source page behind some facts (`None` for a folder without `_index.md`).
    pub fn page(&self, facts: &PageFacts) -> Option<&'a Page> {
        self.site.library.page(&facts.source)
    }

    /// A finding located at a byte offset of a page's body.
    pub fn at(&self, page: &Page, offset: usize, finding: Diagnostic) -> Diagnostic {
        let (line, column) = line_column(&page.body, offset);
        finding.at(page.body_line + line - 1, column)
    }
}

/// Encoding damage (mojibake) anywhere in a content file, front matter included.
fn encoding(context: &Context, root: &Path, findings: &mut Vec<Diagnostic>) {
    for page in context.site.library.pages.values() {
        let Ok(text) = std::fs::read_to_string(root.join("content").join(&page.source)) else {
            continue;
        };
        for (index, line) in text.lines().enumerate() {
            let damages = mojibake::find(line);
            let Some(first) = damages.first() else {
                continue;
            };
            let column = line[..first.start].chars().count() + 1;
            // Escaped, so C1 controls (Latin-1 damage) and no-break spaces show.
            let shown: Vec<String> = damages
                .iter()
                .map(|d| {
                    format!(
                        "`{}` → `{}`",
                        d.damaged.escape_debug(),
                        d.repaired.escape_debug()
                    )
                })
                .collect();
            findings.push(
                Diagnostic::warning(
                    "encoding",
                    page.file(),
                    format!(
                        "text looks damaged by a wrong encoding (UTF-8 read as {}): {}",
                        first.encoding,
                        shown.join(", ")
                    ),
                )
                .at(index + 1, column)
                .help(format!(
                    "it most likely should read: {}",
                    mojibake::repair(line, &damages).trim()
                )),
            );
        }
    }
}
