//! What an import did, said once at the end: for people ([`Display`](std::fmt::Display)) and
//! for tools ([`ImportReport::to_json`]). It holds no times, so two imports say the same.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct ImportReport {
    /// The site imported and the folder written, as given.
    pub source: String,
    pub out: String,
    /// The configuration file the site was read from (`hugo.toml`, `config/_default/…`).
    pub config: String,
    pub languages: Vec<LanguagePages>,
    /// Pages with a translation in at least one other language, counted once per set.
    pub translation_pairs: usize,
    /// Resources beside pages, static files, assets used and included files.
    pub files_copied: usize,
    /// Shortcodes converted, by name.
    pub shortcodes: BTreeMap<String, usize>,
    /// Front matter edits, by kind (`description → ingress`).
    pub front_matter: BTreeMap<String, usize>,
    pub links_rewritten: usize,
    pub images_rewritten: usize,
    /// Settings and files that have no counterpart in handbok.
    pub notes: Vec<String>,
    /// Every place that could not be converted, sorted by file and line.
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LanguagePages {
    /// handbok's code (the folder under `content/`).
    pub code: String,
    /// Hugo's code, when it differs (`no` → `nb`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hugo_code: Option<String>,
    pub name: String,
    pub pages: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// Relative to the imported site's folder.
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl ImportReport {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into()) + "\n"
    }

    pub fn pages(&self) -> usize {
        self.languages.iter().map(|l| l.pages).sum()
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "imported the Hugo site {} ({}) into {}",
            self.source, self.config, self.out
        )?;
        let languages: Vec<String> = self
            .languages
            .iter()
            .map(|l| match &l.hugo_code {
                Some(hugo) => format!("{} {} (Hugo's `{hugo}`)", l.code, l.pages),
                None => format!("{} {}", l.code, l.pages),
            })
            .collect();
        writeln!(
            f,
            "  pages: {} ({} in all), {} translated into another language",
            languages.join(", "),
            self.pages(),
            self.translation_pairs
        )?;
        writeln!(f, "  files copied: {}", self.files_copied)?;
        writeln!(f, "  shortcodes converted: {}", counts(&self.shortcodes))?;
        writeln!(
            f,
            "  links rewritten: {}, images rewritten: {}",
            self.links_rewritten, self.images_rewritten
        )?;
        writeln!(f, "  front matter: {}", counts(&self.front_matter))?;
        for note in &self.notes {
            writeln!(f, "  note: {note}")?;
        }
        if self.problems.is_empty() {
            writeln!(f, "everything was converted")?;
        } else {
            writeln!(f, "not converted ({}):", self.problems.len())?;
            for problem in &self.problems {
                writeln!(f, "  {problem}")?;
            }
        }
        write!(f, "next: handbok build --root {}", self.out)
    }
}

fn counts(counts: &BTreeMap<String, usize>) -> String {
    if counts.is_empty() {
        return "none".into();
    }
    counts
        .iter()
        .map(|(what, n)| format!("{what} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_and_json_say_the_same() {
        let report = ImportReport {
            source: "hugo".into(),
            out: "out".into(),
            config: "hugo.toml".into(),
            languages: vec![
                LanguagePages {
                    code: "nb".into(),
                    hugo_code: Some("no".into()),
                    name: "Norsk".into(),
                    pages: 2,
                },
                LanguagePages {
                    code: "en".into(),
                    hugo_code: None,
                    name: "English".into(),
                    pages: 1,
                },
            ],
            translation_pairs: 1,
            files_copied: 4,
            shortcodes: [("notice".to_string(), 3)].into(),
            problems: vec![Problem {
                file: "content/a.md".into(),
                line: Some(3),
                message: "shortcode `{{< youtube x >}}` has no handbok equivalent".into(),
            }],
            ..ImportReport::default()
        };
        let text = report.to_string();
        assert!(
            text.contains("pages: nb 2 (Hugo's `no`), en 1 (3 in all), 1 translated"),
            "{text}"
        );
        assert!(text.contains("shortcodes converted: notice 3"), "{text}");
        assert!(text.contains("  content/a.md:3: shortcode"), "{text}");
        let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
        assert_eq!(json["languages"][0]["hugo_code"], "no");
        assert_eq!(json["problems"][0]["line"], 3);
        assert_eq!(json["shortcodes"]["notice"], 3);
    }
}
