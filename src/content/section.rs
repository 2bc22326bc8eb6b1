//! A folder of pages. Derived from the pages by `Library::link`, never parsed on its own:
//! its title, ingress and weight come from its `_index.md` when it has one.

use std::path::PathBuf;

#[derive(Debug, Clone, Default)]
pub struct Section {
    /// Folder relative to `content/`: `en` for the English front page, `en/guides` below it.
    pub dir: PathBuf,
    pub lang: String,
    pub site_path: String,
    /// Source of the section's `_index.md`, when it has one.
    pub index: Option<PathBuf>,
    /// Sources of its pages, in reading order.
    pub pages: Vec<PathBuf>,
    /// Folders of its subsections, in reading order.
    pub subsections: Vec<PathBuf>,
    pub parent: Option<PathBuf>,
}

impl Section {
    pub fn new(dir: PathBuf, lang: &str) -> Section {
        Section {
            dir,
            lang: lang.to_string(),
            ..Section::default()
        }
    }

    /// The language's front page is the section of the language folder itself.
    pub fn is_language_root(&self) -> bool {
        self.parent.is_none()
    }
}
