//! The three ways a check reports: for people (`human`), for tools (`json`, a stable
//! schema), and for GitHub Actions (`github`, annotations shown inline on a pull request).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use serde::Serialize;

use super::Report;
use crate::diagnostic::{Diagnostic, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
}

pub fn render(report: &Report, format: Format, colour: bool) -> String {
    let files = Files::seen_from_here(&report.root);
    match format {
        Format::Human => human(report, &files, colour),
        Format::Json => json(report, &files),
        Format::Github => github(report, &files),
    }
}

/// Where the findings' files are, seen from the current directory (which GitHub annotations,
/// editors and terminals resolve paths against): `site/content/en/a.md` for `--root site`.
/// A root outside the current directory is shown as given.
struct Files(PathBuf);

impl Files {
    fn seen_from_here(root: &Path) -> Files {
        let canonical = |path: &Path| std::fs::canonicalize(path).ok();
        let below = std::env::current_dir().ok().and_then(|here| {
            let root = canonical(root)?;
            Some(root.strip_prefix(canonical(&here)?).ok()?.to_path_buf())
        });
        Files(below.unwrap_or_else(|| root.to_path_buf()))
    }

    fn show(&self, file: &Path) -> String {
        self.0.join(file).display().to_string().replace('\\', "/")
    }
}

fn human(report: &Report, files: &Files, colour: bool) -> String {
    let paint = |code: &str, text: &str| {
        if colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    let mut out = String::new();
    let mut last_file = None;
    for finding in &report.findings {
        if last_file.is_some() && last_file != Some(&finding.file) {
            out.push('\n');
        }
        last_file = Some(&finding.file);
        let severity = match finding.severity {
            Severity::Error => paint("1;31", "error"),
            Severity::Warning => paint("1;33", "warning"),
        };
        let _ = writeln!(
            out,
            "{}: {severity}: {} [{}]",
            paint("1", &location(files, finding)),
            finding.message,
            finding.rule
        );
        if let Some(help) = &finding.help {
            let _ = writeln!(out, "  {} {help}", paint("36", "help:"));
        }
    }
    let files: BTreeSet<_> = report.findings.iter().map(|f| &f.file).collect();
    if !report.findings.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{}",
        if report.findings.is_empty() {
            paint("1;32", "check passed: no errors, no warnings")
        } else {
            format!(
                "{} error{}, {} warning{} in {} file{}",
                report.errors(),
                plural(report.errors()),
                report.warnings(),
                plural(report.warnings()),
                files.len(),
                plural(files.len())
            )
        }
    );
    out
}

fn location(files: &Files, finding: &Diagnostic) -> String {
    let mut text = files.show(&finding.file);
    if let Some(line) = finding.line {
        let _ = write!(text, ":{line}");
        if let Some(column) = finding.column {
            let _ = write!(text, ":{column}");
        }
    }
    text
}

/// The JSON schema (version 1): `{"version": 1, "summary": {"errors", "warnings"},
/// "findings": [{"file", "line", "column", "severity", "rule", "message", "suggestion"}]}`.
/// `line`, `column` and `suggestion` may be null; `file` is relative to the current directory
/// when it is below it.
#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    summary: JsonSummary,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonSummary {
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    file: String,
    line: Option<u32>,
    column: Option<u32>,
    severity: &'static str,
    rule: &'a str,
    message: &'a str,
    suggestion: Option<&'a str>,
}

fn json(report: &Report, files: &Files) -> String {
    let document = JsonReport {
        version: 1,
        summary: JsonSummary {
            errors: report.errors(),
            warnings: report.warnings(),
        },
        findings: report
            .findings
            .iter()
            .map(|f| JsonFinding {
                file: files.show(&f.file),
                line: f.line,
                column: f.column,
                severity: if f.is_error() { "error" } else { "warning" },
                rule: f.rule,
                message: &f.message,
                suggestion: f.help.as_deref(),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&document)
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

/// GitHub workflow commands: `::error file=…,line=…,col=…,title=…::message`.
fn github(report: &Report, files: &Files) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let level = if finding.is_error() {
            "error"
        } else {
            "warning"
        };
        let mut properties = format!("file={}", escape_property(&files.show(&finding.file)));
        if let Some(line) = finding.line {
            let _ = write!(properties, ",line={line}");
        }
        if let Some(column) = finding.column {
            let _ = write!(properties, ",col={column}");
        }
        let _ = write!(
            properties,
            ",title={}",
            escape_property(&format!("handbok {}", finding.rule))
        );
        let mut message = finding.message.clone();
        if let Some(help) = &finding.help {
            message.push('\n');
            message.push_str(help);
        }
        let _ = writeln!(out, "::{level} {properties}::{}", escape_data(&message));
    }
    let _ = writeln!(
        out,
        "handbok check: {} error{}, {} warning{}",
        report.errors(),
        plural(report.errors()),
        report.warnings(),
        plural(report.warnings())
    );
    out
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> Report {
        Report {
            root: PathBuf::new(),
            findings: vec![
                Diagnostic::error("broken-link", "content/en/a,b.md", "link to `x`: 100% gone")
                    .at(3, 5)
                    .help("fix: it"),
                Diagnostic::warning(
                    "missing-translation",
                    "content/en/c.md",
                    "no nb translation",
                ),
            ],
        }
    }

    #[test]
    fn github_annotations_escape_their_parts() {
        let text = github(&report(), &Files(PathBuf::new()));
        assert!(text.starts_with("::error file=content/en/a%2Cb.md,line=3,col=5,title=handbok broken-link::link to `x`: 100%25 gone%0Afix: it\n"), "{text}");
        assert!(text.contains(
            "::warning file=content/en/c.md,title=handbok missing-translation::no nb translation"
        ));
    }

    #[test]
    fn human_output_has_locations_and_a_summary() {
        let text = human(&report(), &Files(PathBuf::new()), false);
        assert!(text.contains("content/en/a,b.md:3:5: error: link to `x`: 100% gone [broken-link]\n  help: fix: it\n"), "{text}");
        assert!(
            text.trim_end().ends_with("1 error, 1 warning in 2 files"),
            "{text}"
        );
    }
}
