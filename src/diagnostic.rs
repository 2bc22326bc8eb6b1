//! Findings about a user's files, each located by file, line and column, and the error type
//! that carries them to the exit code.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem in one file. `file` is relative to the site root so messages stay short and
/// stable across machines.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub file: PathBuf,
    // u32 keeps the struct small enough to pass around in `Result`s.
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub severity: Severity,
    /// A short machine-readable name of the rule, e.g. `front-matter`, `banner-alt`.
    pub rule: &'static str,
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(rule: &'static str, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: None,
            column: None,
            severity: Severity::Error,
            rule,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(
        rule: &'static str,
        file: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(rule, file, message)
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line as u32);
        self.column = Some(column as u32);
        self
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line as u32);
        self
    }

    /// At `line` when it is known (a front matter key's line may not be).
    pub fn at_line_of(mut self, line: Option<usize>) -> Self {
        self.line = line.map(|l| l as u32);
        self
    }

    /// The same problem at the same place, whatever the help says.
    pub fn same_place_and_message(&self, other: &Diagnostic) -> bool {
        (
            &self.file,
            self.line,
            self.column,
            self.severity,
            self.rule,
            &self.message,
        ) == (
            &other.file,
            other.line,
            other.column,
            other.severity,
            other.rule,
            &other.message,
        )
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}: {}", self.severity, self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Why a command failed, which decides its exit code.
#[derive(Debug)]
pub enum Failure {
    /// The user's content has errors (exit code 1). All of them, not only the first.
    Content(Vec<Diagnostic>),
    /// Bad arguments or configuration (exit code 2).
    Usage(String),
    /// Anything else: I/O, a template that fails (exit code 1).
    Other(anyhow::Error),
}

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) => 2,
            Failure::Content(_) | Failure::Other(_) => 1,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Content(diagnostics) => {
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                for diagnostic in diagnostics {
                    writeln!(f, "{diagnostic}")?;
                }
                write!(
                    f,
                    "build failed: {errors} error{} (nothing was written)",
                    if errors == 1 { "" } else { "s" }
                )
            }
            Failure::Usage(message) => f.write_str(message),
            Failure::Other(error) => write!(f, "{error:#}"),
        }
    }
}

impl std::error::Error for Failure {}

impl From<anyhow::Error> for Failure {
    fn from(error: anyhow::Error) -> Self {
        Failure::Other(error)
    }
}

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Self {
        Failure::Other(error.into())
    }
}

/// Paths in messages are shown relative to the site root when they are inside it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// The known name closest to a misspelt one (`ingres` → `ingress`), if any is close enough
/// to be what was meant.
pub fn closest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|known| (strsim::damerau_levenshtein(unknown, known), known))
        .filter(|(distance, known)| *distance > 0 && *distance <= (known.len() / 3).max(2))
        .min()
        .map(|(_, known)| known)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_lines_and_characters() {
        let text = "ab\nøå x\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        // "øå " is 5 bytes but 3 characters
        assert_eq!(line_column(text, 8), (2, 4));
        // an offset inside a multi-byte character does not panic
        assert_eq!(line_column(text, 4), (2, 1));
    }

    #[test]
    fn diagnostic_display_names_file_line_and_help() {
        let d = Diagnostic::error("front-matter", "content/en/a.md", "bad")
            .at(3, 7)
            .help("fix it");
        assert_eq!(
            d.to_string(),
            "content/en/a.md:3:7: error: bad\n  help: fix it"
        );
    }
}
