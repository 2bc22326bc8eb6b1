//! The in-memory model of a site's content, keyed by source path (relative to `content/`).
//!
//! `pages` and `assets` are the source of truth; everything else (sections, URLs, translation
//! sets) is derived by [`Library::link`], which is cheap next to rendering. The dev server
//! replaces one entry and links again.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::page::{Page, PageKind};
use super::section::Section;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, line_column};
use crate::url::segment_from_name;

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
        let mut diagnostics = Vec::new();
        let mut markdown = Vec::new();
        let mut library = Library::default();
        if !content_dir.is_dir() {
            diagnostics.push(
                Diagnostic::error("content", CONTENT_DIR, "there is no content/ folder")
                    .help("put pages in content/<language>/, e.g. content/en/_index.md"),
            );
            return (library, diagnostics);
        }
        // Linked pages and folders are part of the site (walkdir reports a loop as an error).
        let walker = WalkDir::new(&content_dir)
            .follow_links(true)
            .min_depth(1)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| !e.file_name().to_str().is_some_and(is_ignored_file));
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    let path = error.path().unwrap_or(&content_dir);
                    let shown = path
                        .strip_prefix(root)
                        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf);
                    let help = if error.loop_ancestor().is_some() {
                        "this link points at a folder it is in; remove it or point it elsewhere"
                    } else {
                        "check that the file or folder exists and can be read"
                    };
                    diagnostics.push(
                        Diagnostic::error("io", shown, format!("cannot read: {error}")).help(help),
                    );
                    continue;
                }
            };
            let relative = entry
                .path()
                .strip_prefix(&content_dir)
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
                let name = entry.file_name().to_string_lossy();
                if !entry.file_type().is_dir() {
                    diagnostics.push(
                        Diagnostic::error(
                            "language",
                            shown,
                            "files directly in content/ are not published",
                        )
                        .help("move it into a language folder such as content/en/"),
                    );
                } else if config.language(&name).is_none() {
                    let declared: Vec<_> =
                        config.languages.iter().map(|l| l.code.as_str()).collect();
                    diagnostics.push(
                        Diagnostic::error("language", shown, format!("folder `{name}` is not a declared language"))
                            .help(format!(
                                "declared languages are {}; add `{name}` to `languages` in site.yaml or rename the folder",
                                declared.join(", ")
                            )),
                    );
                }
                continue;
            }
            if !entry.file_type().is_file() {
                continue;
            }
            if config.language(&lang_of(&relative)).is_none() {
                continue; // already reported at its language folder
            }
            if relative.extension().is_some_and(|e| e == "md") {
                markdown.push(relative);
            } else {
                library.assets.insert(relative);
            }
        }

        let parsed: Vec<_> = markdown
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
    /// folder; created, modified or deleted) and links again. A page that no longer parses
    /// keeps its last good version, so a preview shows it while the error is fixed.
    /// Returns what was found in the changed files and the linking errors, and whether the
    /// tree changed: when only a page's body changed, nothing is linked again.
    pub fn update_path(
        &mut self,
        root: &Path,
        config: &Config,
        relative: &Path,
        include_drafts: bool,
    ) -> (Vec<Diagnostic>, bool) {
        let content_dir = root.join(CONTENT_DIR);
        let mut diagnostics = Vec::new();
        let absolute = content_dir.join(relative);
        let mut tree_changed = false;
        if !absolute.exists() {
            self.pages.retain(|source, _| !source.starts_with(relative));
            self.assets.retain(|asset| !asset.starts_with(relative));
            tree_changed = true;
        } else {
            let files: Vec<PathBuf> = if absolute.is_dir() {
                WalkDir::new(&absolute)
                    .follow_links(true)
                    .into_iter()
                    .filter_entry(|e| !e.file_name().to_str().is_some_and(is_ignored_file))
                    .filter_map(Result::ok)
                    .filter(|e| e.file_type().is_file())
                    .filter_map(|e| {
                        e.path()
                            .strip_prefix(&content_dir)
                            .ok()
                            .map(Path::to_path_buf)
                    })
                    .collect()
            } else {
                vec![relative.to_path_buf()]
            };
            for file in files {
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
                        Ok((mut page, warnings)) => {
                            diagnostics.extend(warnings);
                            let previous = self.pages.get(&file);
                            if previous.is_some_and(|p| p.listing() == page.listing()) {
                                // Same place in the tree: keep what linking derived.
                                let previous = previous.expect("checked above");
                                page.site_path = previous.site_path.clone();
                                page.section = previous.section.clone();
                                page.translation_key = previous.translation_key.clone();
                                self.pages.insert(file, page);
                            } else if include_drafts || !page.front.draft {
                                self.pages.insert(file, page);
                                tree_changed = true;
                            } else {
                                tree_changed |= self.pages.remove(&file).is_some();
                            }
                        }
                        Err(errors) => diagnostics.extend(errors),
                    }
                } else {
                    tree_changed |= self.assets.insert(file);
                }
            }
        }
        if tree_changed {
            diagnostics.extend(self.link(config));
        }
        (diagnostics, tree_changed)
    }

    /// Derives sections, site paths, ordering and translation sets from `pages`.
    /// Returns the errors found: pages inside bundles, two pages on one URL, two pages of one
    /// language in one translation set.
    pub fn link(&mut self, config: &Config) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        self.sections.clear();
        self.by_site_path.clear();
        self.translations.clear();
        self.aliases.clear();
        for page in self.pages.values_mut() {
            page.site_path.clear();
            page.section.clear();
            page.translation_key.clear();
        }

        for lang in &config.languages {
            self.sections.insert(
                PathBuf::from(&lang.code),
                Section::new(PathBuf::from(&lang.code), &lang.code),
            );
        }
        let bundles: BTreeSet<PathBuf> = self
            .pages
            .values()
            .filter(|p| p.is_bundle())
            .filter_map(|p| p.source.parent().map(Path::to_path_buf))
            .collect();

        // Sections for every folder holding pages, up to the language folder. Pages come in
        // source order, so a page's folder is most often the previous page's.
        let mut previous_dir: Option<PathBuf> = None;
        for (source, page) in self.pages.iter_mut() {
            let dir = source.parent().unwrap_or(Path::new("")).to_path_buf();
            if let Some(bundle) = bundles
                .iter()
                .find(|b| dir.starts_with(b) && !(dir == **b && page.is_bundle()))
            {
                errors.push(
                    Diagnostic::error("bundle", page.file(), format!(
                        "{} is a page bundle (it has index.md), so it cannot hold other pages",
                        Path::new(CONTENT_DIR).join(bundle).display()
                    ))
                    .help("move this page out of the bundle, or rename the bundle's index.md to _index.md to make the folder a section"),
                );
                continue;
            }
            let section_dir = if page.is_bundle() {
                dir.parent().unwrap_or(Path::new("")).to_path_buf()
            } else {
                dir
            };
            if previous_dir.as_ref() != Some(&section_dir) {
                let mut ancestor = section_dir.clone();
                loop {
                    if !self.sections.contains_key(&ancestor) {
                        let lang = lang_of(&ancestor);
                        self.sections
                            .insert(ancestor.clone(), Section::new(ancestor.clone(), &lang));
                    }
                    match ancestor.parent() {
                        Some(parent) if !parent.as_os_str().is_empty() => {
                            ancestor = parent.to_path_buf()
                        }
                        _ => break,
                    }
                }
                previous_dir = Some(section_dir.clone());
            }
            let section = self.sections.get_mut(&section_dir).expect("inserted above");
            if page.kind == PageKind::SectionIndex {
                section.index = Some(source.clone());
            } else {
                section.pages.push(source.clone());
            }
            page.section = section_dir;
        }

        // Site paths: sections top-down (BTreeMap order puts parents first), then pages.
        let dirs: Vec<PathBuf> = self.sections.keys().cloned().collect();
        for dir in &dirs {
            let slug = self.sections[dir]
                .index
                .as_ref()
                .and_then(|i| self.pages[i].front.slug.clone());
            let site_path = match dir.parent().filter(|p| !p.as_os_str().is_empty()) {
                None => format!("/{}/", dir.display()),
                Some(parent) => {
                    let parent_path = &self.sections[parent].site_path;
                    let name = slug.unwrap_or_else(|| file_name(dir));
                    format!("{parent_path}{}/", segment_from_name(&name))
                }
            };
            let parent = dir
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map(Path::to_path_buf);
            if let Some(parent) = &parent {
                self.sections
                    .get_mut(parent)
                    .expect("parents first")
                    .subsections
                    .push(dir.clone());
            }
            let section = self.sections.get_mut(dir).expect("key from the map");
            section.site_path = site_path;
            section.parent = parent;
            if let Some(index) = section.index.clone() {
                let page = self.pages.get_mut(&index).expect("index is a page");
                page.site_path = section.site_path.clone();
            }
        }
        for (source, page) in self.pages.iter_mut() {
            if page.kind == PageKind::SectionIndex {
                continue;
            }
            let Some(section) = self.sections.get(&page.section) else {
                continue;
            };
            // A slug is one URL segment: `Page::parse` refuses any other.
            let name = match &page.front.slug {
                Some(slug) => slug.clone(),
                None if page.is_bundle() => source.parent().map(file_name).unwrap_or_default(),
                None => source
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            };
            page.site_path = format!("{}{}/", section.site_path, segment_from_name(&name));
        }

        // One URL, one source.
        for (source, page) in &self.pages {
            if page.site_path.is_empty() {
                continue;
            }
            if let Some(other) = self
                .by_site_path
                .insert(page.site_path.clone(), source.clone())
            {
                errors.push(
                    Diagnostic::error(
                        "duplicate-url",
                        page.file(),
                        format!(
                            "this page and {} are both published at {}",
                            Path::new(CONTENT_DIR).join(&other).display(),
                            page.site_path
                        ),
                    )
                    .help("rename one of them or give one a different `slug`"),
                );
            }
        }
        // A folder without `_index.md` is a section page too, on the folder's URL.
        for section in self.sections.values().filter(|s| s.index.is_none()) {
            match self.by_site_path.entry(section.site_path.clone()) {
                Entry::Vacant(entry) => {
                    entry.insert(section.dir.clone());
                }
                Entry::Occupied(entry) => {
                    let folder = Path::new(CONTENT_DIR).join(&section.dir);
                    let (what, help) = if self.pages.contains_key(entry.get()) {
                        (
                            "page",
                            format!(
                                "rename the page or the folder, or give the page a different `slug`; to make the page the section's own, move it to {}",
                                folder.join("_index.md").display()
                            ),
                        )
                    } else {
                        ("folder", "rename one of the folders".to_string())
                    };
                    errors.push(
                        Diagnostic::error(
                            "duplicate-url",
                            Path::new(CONTENT_DIR).join(entry.get()),
                            format!(
                                "this {what} and the section {}/ are both published at {}",
                                folder.display(),
                                section.site_path
                            ),
                        )
                        .help(help),
                    );
                }
            }
        }

        // Aliases: old paths that redirect to a page. They may not take a real page's URL.
        for (source, page) in &self.pages {
            if page.site_path.is_empty() {
                continue;
            }
            for alias in &page.front.aliases {
                let Some(path) = alias_site_path(&page.lang, alias) else {
                    errors.push(
                        Diagnostic::error("alias", page.file(), format!("alias `{alias}` is not a usable path"))
                            .at_line_of(page.aliases_line)
                            .help("write the old URL path, such as `/old/path/` (from the site root) or `old-name/` (in this language)"),
                    );
                    continue;
                };
                if let Some(owner) = self
                    .by_site_path
                    .get(&path)
                    .or_else(|| self.by_site_path.get(path.trim_end_matches("index.html")))
                {
                    errors.push(
                        Diagnostic::error(
                            "alias",
                            page.file(),
                            format!(
                                "alias `{alias}` is the URL of {}",
                                Path::new(CONTENT_DIR).join(owner).display()
                            ),
                        )
                        .at_line_of(page.aliases_line)
                        .help("remove the alias: a redirect there would hide that page"),
                    );
                } else if let Some(other) = self.aliases.insert(path.clone(), source.clone()) {
                    errors.push(
                        Diagnostic::error(
                            "alias",
                            page.file(),
                            format!(
                                "alias `{alias}` is also an alias of {}",
                                Path::new(CONTENT_DIR).join(other).display()
                            ),
                        )
                        .at_line_of(page.aliases_line)
                        .help("an old URL can redirect to one page only"),
                    );
                }
            }
        }

        // Translation sets.
        for (source, page) in self.pages.iter_mut() {
            if page.site_path.is_empty() {
                continue;
            }
            page.translation_key = match &page.front.translation_key {
                Some(key) => format!("key:{key}"),
                None => {
                    let below_lang: PathBuf = source.components().skip(1).collect();
                    format!("path:{}", below_lang.display())
                }
            };
        }
        for (source, page) in &self.pages {
            if page.site_path.is_empty() {
                continue;
            }
            let set = self
                .translations
                .entry(page.translation_key.clone())
                .or_default();
            if let Some(twin) = set.iter().find(|s| self.pages[*s].lang == page.lang) {
                errors.push(
                    Diagnostic::error(
                        "translation",
                        page.file(),
                        format!(
                            "this page and {} are both the `{}` translation of the same page",
                            Path::new(CONTENT_DIR).join(twin).display(),
                            page.lang
                        ),
                    )
                    .help("give one of them a different `translation_key`"),
                );
                continue;
            }
            set.push(source.clone());
        }

        // Order: weight, then title, then path, so output never depends on the file system.
        let order = |pages: &BTreeMap<PathBuf, Page>, source: &PathBuf| {
            let page = &pages[source];
            (
                page.front.weight.unwrap_or(i64::MAX),
                page.title_or_empty().to_lowercase(),
                source.clone(),
            )
        };
        let pages = &self.pages;
        let section_order: HashMap<PathBuf, (i64, String, PathBuf)> = self
            .sections
            .iter()
            .map(|(dir, s)| {
                let key = match &s.index {
                    Some(index) => order(pages, index),
                    None => (i64::MAX, file_name(dir).to_lowercase(), dir.clone()),
                };
                (dir.clone(), key)
            })
            .collect();
        for section in self.sections.values_mut() {
            section.pages.sort_by_cached_key(|s| order(pages, s));
            section
                .subsections
                .sort_by_cached_key(|d| section_order[d].clone());
        }
        errors
    }

    pub fn page(&self, source: &Path) -> Option<&Page> {
        self.pages.get(source)
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
            .and_then(|i| self.pages[i].title.as_deref())
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

fn lang_of(relative: &Path) -> String {
    relative
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
