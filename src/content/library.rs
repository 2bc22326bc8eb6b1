//! The in-memory model of a site's content, keyed by source path (relative to `content/`).
//!
//! `pages` and `assets` are the source of truth; everything else (sections, URLs, translation
//! sets) is derived by [`Library::link`], which is cheap next to rendering. The dev server
//! replaces one entry ([`Library::update_path`]) and links again only when a URL, section or
//! translation may have changed; a new title or weight just puts the page's siblings in order.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::fallback::{self, Fallbacks};
use super::linking;
use super::page::{Page, PageEdit, PageKind};
use super::section::Section;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, line_column};

pub const CONTENT_DIR: &str = "content";

#[derive(Debug, Default, Clone)]
pub struct Library {
    /// Every Markdown file, `_index.md` included.
    pub pages: BTreeMap<PathBuf, Page>,
    /// Every other file under `content/` (images beside pages), copied as they are.
    pub assets: BTreeSet<PathBuf>,
    /// Derived: one per folder below a language folder (the language folder itself included).
    pub sections: BTreeMap<PathBuf, Section>,
    /// Derived: site path → source of the page or section index published there.
    by_site_path: HashMap<String, PathBuf>,
    /// Derived: translation key → the pages sharing it, one per language.
    translations: HashMap<String, Vec<PathBuf>>,
    /// Derived: old site paths (from `aliases`) → the page they redirect to.
    pub aliases: BTreeMap<String, PathBuf>,
    /// Derived: the pages shown in a language they are missing in (`fallback: true`).
    pub fallbacks: Fallbacks,
}

/// How an update changed the tree of pages, from least to most: what must be derived again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TreeChange {
    /// Only pages' bodies (or nothing): every other page stays as it was.
    None,
    /// What navigation and listings show of pages (titles, subtitles, ingresses, banners)
    /// or their weights: no URL, section or translation changed.
    Labels,
    /// Pages or files came, went or moved: the tree was linked again.
    Links,
}

/// Files editors and tools leave behind while saving; never content.
pub fn is_ignored_file(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.starts_with('#')
        || name == "4913"
        || [
            ".swp",
            ".swx",
            ".swo",
            ".tmp",
            ".bak",
            ".orig",
            "___jb_tmp___",
            "___jb_old___",
        ]
        .iter()
        .any(|ext| name.ends_with(ext))
}

impl Library {
    /// Reads and parses every file under `root/content/` (in parallel) and links the tree.
    /// Returns all diagnostics: errors (the build must stop) and warnings.
    pub fn load(root: &Path, config: &Config, include_drafts: bool) -> (Library, Vec<Diagnostic>) {
        let content_dir = root.join(CONTENT_DIR);
        let mut library = Library::default();
        if !content_dir.is_dir() {
            let error = Diagnostic::error("content", CONTENT_DIR, "there is no content/ folder")
                .help("put pages in content/<language>/, e.g. content/en/_index.md");
            return (library, vec![error]);
        }
        let (files, mut diagnostics) = find_content_files(root, &content_dir, config);
        library.assets = files.assets;
        let parsed: Vec<_> = files
            .markdown
            .par_iter()
            .map(|relative| read_page(&content_dir, relative))
            .collect();
        for result in parsed {
            match result {
                Ok((page, warnings)) => {
                    diagnostics.extend(warnings);
                    if include_drafts || !page.front.draft {
                        library.pages.insert(page.source.clone(), page);
                    }
                }
                Err(errors) => diagnostics.extend(errors),
            }
        }
        diagnostics.extend(library.link(config));
        (library, diagnostics)
    }

    /// Brings the library up to date with one changed path below `content/` (a file or a
    /// folder; created, modified or deleted). A page that no longer parses keeps its last
    /// good version, so a preview shows it while the error is fixed. Returns what was found
    /// in the changed files and the linking errors, and how the tree changed: only the tree
    /// after a [`TreeChange::Links`] is linked again, and after [`TreeChange::Labels`] only
    /// the siblings of the changed pages are put in order again.
    pub fn update_path(
        &mut self,
        root: &Path,
        config: &Config,
        relative: &Path,
        include_drafts: bool,
    ) -> (Vec<Diagnostic>, TreeChange) {
        let content_dir = root.join(CONTENT_DIR);
        let mut diagnostics = Vec::new();
        let absolute = content_dir.join(relative);
        let mut change = TreeChange::None;
        if !absolute.exists() {
            self.pages.retain(|source, _| !source.starts_with(relative));
            self.assets.retain(|asset| !asset.starts_with(relative));
            change = TreeChange::Links;
        } else {
            for file in files_at(&content_dir, &absolute, relative) {
                let lang = lang_of(&file);
                if config.language(&lang).is_none() {
                    diagnostics.push(
                        Diagnostic::error(
                            "language",
                            Path::new(CONTENT_DIR).join(&lang),
                            format!("folder `{lang}` is not a declared language"),
                        )
                        .help("add it to `languages` in site.yaml or rename the folder"),
                    );
                    continue;
                }
                if file.components().count() < 2 {
                    continue;
                }
                if file.extension().is_some_and(|e| e == "md") {
                    match read_page(&content_dir, &file) {
                        Ok((page, warnings)) => {
                            diagnostics.extend(warnings);
                            change = change.max(self.replace_page(file, page, include_drafts));
                        }
                        Err(errors) => diagnostics.extend(errors),
                    }
                } else if self.assets.insert(file) {
                    change = TreeChange::Links;
                }
            }
        }
        if change == TreeChange::Links {
            diagnostics.extend(self.link(config));
        }
        (diagnostics, change)
    }

    /// Puts a freshly parsed page in place of its last version; how the tree changed.
    fn replace_page(
        &mut self,
        source: PathBuf,
        mut page: Page,
        include_drafts: bool,
    ) -> TreeChange {
        let kept = self
            .pages
            .get(&source)
            .and_then(|previous| match page.edit_from(previous) {
                PageEdit::Place => None,
                edit => Some((edit, previous.site_path.clone(), previous.section.clone())),
            });
        if let Some((edit, site_path, section)) = kept {
            // Same place in the tree: keep what linking derived.
            page.site_path = site_path;
            page.section = section;
            page.translation_key = self.pages[&source].translation_key.clone();
            self.fallbacks.refresh(&page);
            self.pages.insert(source.clone(), page);
            if edit == PageEdit::Body {
                return TreeChange::None;
            }
            self.order_around(&source);
            TreeChange::Labels
        } else if include_drafts || !page.front.draft {
            self.pages.insert(source, page);
            TreeChange::Links
        } else if self.pages.remove(&source).is_some() {
            TreeChange::Links
        } else {
            TreeChange::None
        }
    }

    /// After new labels of the page at `source`: its siblings (and those of the fallbacks
    /// showing it) in order again, as [`Library::link`] would sort them. A section's index
    /// orders the section among its parent's subsections.
    fn order_around(&mut self, source: &Path) {
        let mut shown = self.fallbacks.shown_by(source);
        shown.push(source.to_path_buf());
        let (pages, fallbacks) = (&self.pages, &self.fallbacks.pages);
        let lookup = |s: &Path| pages.get(s).or_else(|| fallbacks.get(s));
        for page in shown.iter().filter_map(|s| lookup(s)) {
            let dir = match page.kind {
                PageKind::Page => Some(page.section.as_path()),
                PageKind::SectionIndex => self
                    .sections
                    .get(&page.section)
                    .and_then(|s| s.parent.as_deref()),
            };
            if let Some(dir) = dir.map(Path::to_path_buf) {
                linking::order_section(&lookup, &mut self.sections, &dir);
            }
        }
    }

    /// Derives sections, site paths, ordering and translation sets from `pages`, one step
    /// after another (each in `linking.rs`). Returns the errors found: pages inside bundles,
    /// two pages on one URL, unusable aliases, two pages of one language in one translation set.
    pub fn link(&mut self, config: &Config) -> Vec<Diagnostic> {
        let (sections, mut errors) = linking::place_sections(&mut self.pages, &config.languages);
        self.sections = sections;
        linking::assign_site_paths(&mut self.pages, &mut self.sections);
        errors.extend(linking::claim_site_paths(
            &self.pages,
            &self.sections,
            &mut self.by_site_path,
        ));
        errors.extend(linking::register_aliases(
            &self.pages,
            &self.by_site_path,
            &mut self.aliases,
        ));
        errors.extend(linking::pair_translations(
            &mut self.pages,
            &mut self.translations,
        ));
        self.fallbacks = if config.fallback {
            fallback::derive(
                &self.pages,
                &self.translations,
                &mut self.sections,
                &mut self.by_site_path,
                config,
            )
        } else {
            Fallbacks::default()
        };
        // Fallbacks sort among their siblings as the pages they show do.
        self.pages.append(&mut self.fallbacks.pages);
        linking::order_siblings(&self.pages, &mut self.sections);
        let fallback_pages = self
            .fallbacks
            .originals
            .keys()
            .filter_map(|source| self.pages.remove_entry(source))
            .collect();
        self.fallbacks.pages = fallback_pages;
        errors
    }

    /// The page (or section index) from `source`: a file of `content/`, or a fallback.
    pub fn page(&self, source: &Path) -> Option<&Page> {
        self.pages
            .get(source)
            .or_else(|| self.fallbacks.pages.get(source))
    }

    /// For a fallback page, the page it shows.
    pub fn fallback_original(&self, page: &Page) -> Option<&Page> {
        self.pages.get(self.fallbacks.original_of(&page.source)?)
    }

    /// The fallback that shows `original` to readers of `lang`, if there is one.
    pub fn fallback_in(&self, original: &Page, lang: &str) -> Option<&Page> {
        let source =
            Path::new(lang).join(original.source.components().skip(1).collect::<PathBuf>());
        self.fallbacks
            .pages
            .get(&source)
            .filter(|_| self.fallbacks.original_of(&source) == Some(original.source.as_path()))
    }

    /// A section that only fallbacks fill: its index (if any) is a fallback, and so is
    /// everything below it.
    pub fn is_fallback_section(&self, section: &Section) -> bool {
        match &section.index {
            Some(index) => self.fallbacks.pages.contains_key(index),
            None => {
                section
                    .pages
                    .iter()
                    .all(|p| self.fallbacks.pages.contains_key(p))
                    && section
                        .subsections
                        .iter()
                        .filter_map(|d| self.sections.get(d))
                        .all(|s| self.is_fallback_section(s))
                    && !(section.pages.is_empty() && section.subsections.is_empty())
            }
        }
    }

    /// The page or section index published at a site path.
    pub fn source_at(&self, site_path: &str) -> Option<&Path> {
        self.by_site_path.get(site_path).map(PathBuf::as_path)
    }

    /// The other-language versions of a page, in no particular order.
    pub fn translations_of<'a>(&'a self, page: &'a Page) -> impl Iterator<Item = &'a Page> + 'a {
        self.translations
            .get(&page.translation_key)
            .into_iter()
            .flatten()
            .filter(move |s| **s != page.source)
            .filter_map(|s| self.pages.get(s))
    }

    /// Regular pages (not section indexes) that are published.
    pub fn regular_pages(&self) -> impl Iterator<Item = &Page> {
        self.pages
            .values()
            .filter(|p| p.kind == PageKind::Page && !p.site_path.is_empty())
    }

    pub fn section_title<'a>(&'a self, section: &'a Section, config: &'a Config) -> &'a str {
        if let Some(title) = section
            .index
            .as_ref()
            .and_then(|i| self.page(i)?.title.as_deref())
        {
            return title;
        }
        if section.parent.is_none() {
            return config
                .language(&section.lang)
                .map_or("", |l| l.title.as_str());
        }
        section
            .dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
    }
}

/// Reads one Markdown file and parses it. `relative` is relative to the content folder.
pub fn read_page(
    content_dir: &Path,
    relative: &Path,
) -> Result<(Page, Vec<Diagnostic>), Vec<Diagnostic>> {
    let shown = Path::new(CONTENT_DIR).join(relative);
    let bytes = std::fs::read(content_dir.join(relative)).map_err(|error| {
        vec![Diagnostic::error(
            "io",
            &shown,
            format!("cannot read: {error}"),
        )]
    })?;
    let text = String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let bytes = error.as_bytes();
        let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or("");
        let (line, column) = line_column(prefix, prefix.len());
        vec![
            Diagnostic::error("encoding", &shown, "file is not valid UTF-8")
                .at(line, column)
                .help("save the file as UTF-8 (it may be Latin-1 or Windows-1252)"),
        ]
    })?;
    Page::parse(relative, &text)
}

/// The site path an alias redirects from: `/old/path/` from the site root, `old/` below the
/// page's language; `…/page.html` stays a file. `None` for paths that climb out.
pub fn alias_site_path(lang: &str, alias: &str) -> Option<String> {
    let alias = alias.trim();
    let absolute = alias.starts_with('/');
    let segments: Vec<&str> = alias
        .split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .collect();
    if segments.is_empty() || segments.contains(&"..") {
        return None;
    }
    let mut path = if absolute {
        String::new()
    } else {
        format!("/{lang}")
    };
    for segment in &segments {
        path.push('/');
        path.push_str(segment);
    }
    if !path.ends_with(".html") {
        path.push('/');
    }
    Some(path)
}

/// What the walk of `content/` found: Markdown files to parse and other files to copy, both
/// relative to `content/`.
#[derive(Default)]
struct ContentFiles {
    markdown: Vec<PathBuf>,
    assets: BTreeSet<PathBuf>,
}

/// Walks `content/` (following links; a loop is an error) and sorts what it holds into pages
/// and assets, reporting unreadable entries, non-UTF-8 names, files directly in `content/`
/// and folders of undeclared languages.
fn find_content_files(
    root: &Path,
    content_dir: &Path,
    config: &Config,
) -> (ContentFiles, Vec<Diagnostic>) {
    let mut files = ContentFiles::default();
    let mut diagnostics = Vec::new();
    let walker = WalkDir::new(content_dir)
        .follow_links(true)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_str().is_some_and(is_ignored_file));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                diagnostics.push(unreadable(root, content_dir, &error));
                continue;
            }
        };
        let relative = entry
            .path()
            .strip_prefix(content_dir)
            .unwrap_or(entry.path())
            .to_path_buf();
        let shown = Path::new(CONTENT_DIR).join(&relative);
        if relative.to_str().is_none() {
            diagnostics.push(
                Diagnostic::error("file-name", shown, "file name is not valid UTF-8")
                    .help("rename it using UTF-8 (any modern editor or `convmv` does this)"),
            );
            continue;
        }
        if entry.depth() == 1 {
            diagnostics.extend(language_folder_problem(&entry, shown, config));
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        if config.language(&lang_of(&relative)).is_none() {
            continue; // already reported at its language folder
        }
        if relative.extension().is_some_and(|e| e == "md") {
            files.markdown.push(relative);
        } else {
            files.assets.insert(relative);
        }
    }
    (files, diagnostics)
}

fn unreadable(root: &Path, content_dir: &Path, error: &walkdir::Error) -> Diagnostic {
    let path = error.path().unwrap_or(content_dir);
    let shown = path
        .strip_prefix(root)
        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf);
    let help = if error.loop_ancestor().is_some() {
        "this link points at a folder it is in; remove it or point it elsewhere"
    } else {
        "check that the file or folder exists and can be read"
    };
    Diagnostic::error("io", shown, format!("cannot read: {error}")).help(help)
}

/// What is wrong with an entry directly in `content/`, which must be a declared language's
/// folder.
fn language_folder_problem(
    entry: &walkdir::DirEntry,
    shown: PathBuf,
    config: &Config,
) -> Option<Diagnostic> {
    let name = entry.file_name().to_string_lossy();
    if !entry.file_type().is_dir() {
        return Some(
            Diagnostic::error(
                "language",
                shown,
                "files directly in content/ are not published",
            )
            .help("move it into a language folder such as content/en/"),
        );
    }
    if config.language(&name).is_some() {
        return None;
    }
    let declared: Vec<_> = config.languages.iter().map(|l| l.code.as_str()).collect();
    Some(
        Diagnostic::error("language", shown, format!("folder `{name}` is not a declared language"))
            .help(format!(
                "declared languages are {}; add `{name}` to `languages` in site.yaml or rename the folder",
                declared.join(", ")
            )),
    )
}

/// The files below a changed path that exists: every file in a folder, or the file itself.
fn files_at(content_dir: &Path, absolute: &Path, relative: &Path) -> Vec<PathBuf> {
    if !absolute.is_dir() {
        return vec![relative.to_path_buf()];
    }
    WalkDir::new(absolute)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| !e.file_name().to_str().is_some_and(is_ignored_file))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            e.path()
                .strip_prefix(content_dir)
                .ok()
                .map(Path::to_path_buf)
        })
        .collect()
}

pub(super) fn lang_of(relative: &Path) -> String {
    relative
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default()
}

pub(super) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = "title: T\nlanguages:\n  - code: en\n    name: English\n";

    fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, Config) {
        let dir = tempfile::tempdir().expect("temp dir");
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        (dir, Config::parse(SITE).expect("config").0)
    }

    #[test]
    fn content_files_are_pages_or_assets_in_declared_languages() {
        let (dir, config) = site(&[
            ("content/en/a.md", "# A\n"),
            ("content/en/a.png", "png"),
            ("content/en/.a.md.swp", "swap"),
            ("content/stray.md", "# Stray\n"),
            ("content/fr/b.md", "# B\n"),
        ]);
        let content = dir.path().join(CONTENT_DIR);
        let (files, problems) = find_content_files(dir.path(), &content, &config);
        assert_eq!(files.markdown, [PathBuf::from("en/a.md")]);
        assert_eq!(files.assets.iter().collect::<Vec<_>>(), ["en/a.png"]);
        let found: Vec<_> = problems
            .iter()
            .map(|d| (d.file.to_str().unwrap(), d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("content/fr", "folder `fr` is not a declared language"),
                (
                    "content/stray.md",
                    "files directly in content/ are not published"
                ),
            ]
        );
    }

    #[test]
    fn an_edit_that_keeps_a_page_in_place_does_not_change_the_tree() {
        let (dir, config) = site(&[("content/en/a.md", "# A\n\nOld text\n")]);
        let (mut library, found) = Library::load(dir.path(), &config, false);
        assert!(found.is_empty(), "{found:?}");
        let source = Path::new("en/a.md");
        let replace = |library: &mut Library, text: &str| {
            let (page, _) = Page::parse(source, text).unwrap();
            library.replace_page(source.into(), page, false)
        };
        assert_eq!(replace(&mut library, "# A\n\nNew text\n"), TreeChange::None);
        let page = library.page(source).unwrap();
        assert_eq!(
            (page.body.as_str(), page.site_path.as_str()),
            ("# A\n\nNew text\n", "/en/a/")
        );
        assert_eq!(replace(&mut library, "# B\n"), TreeChange::Labels);
        assert_eq!(
            replace(&mut library, "---\nlinkTitle: Bee\n---\n# B\n"),
            TreeChange::Labels
        );
        assert_eq!(
            replace(
                &mut library,
                "---\nlinkTitle: Bee\naliases: [/b/]\n---\n# B\n"
            ),
            TreeChange::Links,
            "a new alias is a new redirect"
        );
        assert_eq!(
            replace(&mut library, "---\ndraft: true\n---\n# B\n"),
            TreeChange::Links
        );
        assert!(library.page(source).is_none(), "a draft is not kept");
    }

    /// Sections as the navigation sees them: each folder's pages and subsections in order.
    fn order(library: &Library) -> Vec<(PathBuf, Vec<PathBuf>, Vec<PathBuf>)> {
        library
            .sections
            .values()
            .map(|s| (s.dir.clone(), s.pages.clone(), s.subsections.clone()))
            .collect()
    }

    #[test]
    fn new_titles_and_weights_reorder_siblings_as_a_fresh_load_does() {
        const TWO: &str = "title: T\nlanguages:\n  - code: en\n    name: English\n  - code: nb\n    name: Norsk\n";
        let (dir, _) = site(&[
            ("content/en/a.md", "# Alpha\n"),
            ("content/en/b.md", "# Beta\n"),
            ("content/en/c.md", "---\ntitle: Gamma\nweight: 2\n---\n"),
            ("content/en/g/_index.md", "# Guides\n"),
            ("content/en/h/_index.md", "# Howtos\n"),
            ("content/en/h/x.md", "# X\n"),
            ("content/nb/a.md", "# Alfa\n"),
        ]);
        let config = Config::parse(TWO).expect("config").0;
        let (mut library, _) = Library::load(dir.path(), &config, false);
        for (file, text) in [
            // last by title, then first by weight, among pages and their fallbacks in nb
            ("en/a.md", "# Zulu\n"),
            ("en/b.md", "---\ntitle: Beta\nweight: 1\n---\n"),
            // a section moves among its parent's subsections
            ("en/h/_index.md", "# Afterwards\n"),
            // a page with a translation: only its own language's order changes
            ("nb/a.md", "# Øst\n"),
        ] {
            std::fs::write(dir.path().join(CONTENT_DIR).join(file), text).unwrap();
            let (_, change) = library.update_path(dir.path(), &config, Path::new(file), false);
            assert_eq!(change, TreeChange::Labels, "{file}");
            let (fresh, _) = Library::load(dir.path(), &config, false);
            assert_eq!(order(&library), order(&fresh), "after {file}");
            let titles = |l: &Library| {
                let all = l.pages.values().chain(l.fallbacks.pages.values());
                all.map(|p| (p.source.clone(), p.title.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(titles(&library), titles(&fresh), "after {file}");
        }
        let en = &library.sections[Path::new("en")];
        assert_eq!(
            en.pages,
            [
                Path::new("en/b.md"),
                Path::new("en/c.md"),
                Path::new("en/a.md")
            ]
        );
        assert_eq!(en.subsections, [Path::new("en/h"), Path::new("en/g")]);
        let nb = &library.sections[Path::new("nb")];
        assert!(
            nb.pages.len() == 3 && nb.pages[2] == Path::new("nb/a.md"),
            "{:?}",
            nb.pages
        );
    }
}
