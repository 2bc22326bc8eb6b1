//! Where each file of a Hugo site's content goes in handbok's layout: the language of a page
//! (its file name's suffix, else its content folder's language), its path within that
//! language (`page.nb.md` → `page.md`), and the languages each resource is copied into.
//! [`plan`] is pure; [`scan`] walks the disk and hands it the file names.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::config::HugoConfig;
use super::paths::language_suffix;
use crate::content::is_ignored_file;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// `_index.md`: a section (a branch bundle).
    Section,
    /// `index.md`: a page bundle (a leaf bundle).
    Bundle,
    Page,
}

#[derive(Debug, Clone)]
pub struct PageFile {
    /// Relative to the site folder: `content/docs/a.nb.md`.
    pub source: PathBuf,
    /// Index into the configuration's languages.
    pub lang: usize,
    /// Within the language, as handbok names it: `docs/a.md`.
    pub logical: PathBuf,
    /// Within the content folder, as Hugo names it: `docs/a.nb.md`.
    pub hugo_path: PathBuf,
    pub kind: PageKind,
}

#[derive(Debug, Clone)]
pub struct ResourceFile {
    /// Relative to the site folder.
    pub source: PathBuf,
    /// Within the content folder, as Hugo names it (and publishes it, below a language).
    pub hugo_path: PathBuf,
    /// Each copy: the language and the path within it.
    pub copies: Vec<(usize, PathBuf)>,
}

#[derive(Debug, Default)]
pub struct Layout {
    pub pages: Vec<PageFile>,
    pub resources: Vec<ResourceFile>,
    /// Files left out, and why.
    pub skipped: Vec<(PathBuf, String)>,
    /// Pages placed elsewhere than their name says, and why.
    pub moved: Vec<(PathBuf, String)>,
}

/// One file found in a content folder.
#[derive(Debug, Clone)]
pub struct ContentFile {
    /// The content folder, relative to the site folder.
    pub root: PathBuf,
    /// Relative to `root`.
    pub path: PathBuf,
}

/// Extensions Hugo reads as pages but handbok does not. (An `.html` file is a page in Hugo
/// only with front matter; otherwise it is a resource, so it is copied like one.)
const OTHER_PAGE_FORMATS: &[&str] = &["adoc", "asciidoc", "org", "rst", "pandoc", "pdc"];

/// Walks every language's content folder (sorted, so two imports agree) and plans the layout.
pub fn scan(source: &Path, config: &HugoConfig) -> (Layout, Vec<(PathBuf, String)>) {
    let roots: BTreeSet<&Path> = config
        .languages
        .iter()
        .map(|l| l.content_dir.as_path())
        .collect();
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    for root in &roots {
        let dir = source.join(root);
        // A site without content yet (or a language without its folder) has nothing here.
        if !dir.is_dir() {
            continue;
        }
        // Another language's folder inside this one is walked on its own.
        let nested: Vec<PathBuf> = roots
            .iter()
            .filter(|other| *other != root && other.starts_with(root))
            .map(|other| source.join(other))
            .collect();
        let walker = WalkDir::new(&dir)
            .follow_links(true)
            .sort_by_file_name()
            .min_depth(1)
            .into_iter()
            .filter_entry(|e| {
                !e.file_name().to_str().is_some_and(is_ignored_file)
                    && !nested.iter().any(|n| n == e.path())
            });
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    let path = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
                    files.push(ContentFile {
                        root: root.to_path_buf(),
                        path: path.to_path_buf(),
                    });
                }
                Ok(_) => {}
                Err(error) => {
                    let path = error.path().unwrap_or(&dir);
                    let shown = path.strip_prefix(source).unwrap_or(path).to_path_buf();
                    unreadable.push((shown, format!("cannot be read: {error}")));
                }
            }
        }
    }
    (plan(config, &files), unreadable)
}

/// The layout of the content files (pure: names in, places out).
pub fn plan(config: &HugoConfig, files: &[ContentFile]) -> Layout {
    let mut layout = Layout::default();
    let sorted = sort_files(config, files, &mut layout);
    place_pages(sorted.markdown, &sorted.bundles, &mut layout);
    move_pages_over_folders(config, &mut layout);
    place_resources(config, sorted.others, &sorted.page_languages, &mut layout);
    layout
}

/// The content files by what they are to the import.
struct Sorted<'f> {
    /// Markdown files, with language, kind and path as a handbok page.
    markdown: Vec<(&'f ContentFile, usize, PageKind, PathBuf)>,
    /// Everything else that is not a page in another format: page resources.
    others: Vec<&'f ContentFile>,
    /// Languages of the Markdown files in each folder, for the resources found below it.
    page_languages: HashMap<(PathBuf, PathBuf), BTreeSet<usize>>,
    /// The folders of page bundles (`index.md`).
    bundles: BTreeSet<(PathBuf, PathBuf)>,
}

/// Tells Markdown pages (language from the file name's suffix or the folder) from resources,
/// and skips pages in formats handbok does not read.
fn sort_files<'f>(
    config: &HugoConfig,
    files: &'f [ContentFile],
    layout: &mut Layout,
) -> Sorted<'f> {
    let is_language = |code: &str| config.language_of_hugo_code(code).is_some();
    let mut sorted = Sorted {
        markdown: Vec::new(),
        others: Vec::new(),
        page_languages: HashMap::new(),
        bundles: BTreeSet::new(),
    };
    for file in files {
        let name = file
            .path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let (base, suffix, extension) = language_suffix(&name, is_language);
        let extension = extension.to_lowercase();
        if extension == "md" || extension == "markdown" || extension == "mdown" {
            let lang = suffix
                .and_then(|code| config.language_of_hugo_code(code))
                .unwrap_or_else(|| folder_language(config, &file.root));
            let kind = match base {
                "_index" => PageKind::Section,
                "index" => PageKind::Bundle,
                _ => PageKind::Page,
            };
            let dir = file.path.parent().unwrap_or(Path::new("")).to_path_buf();
            if kind == PageKind::Bundle {
                sorted.bundles.insert((file.root.clone(), dir.clone()));
            }
            sorted
                .page_languages
                .entry((file.root.clone(), dir.clone()))
                .or_default()
                .insert(lang);
            sorted
                .markdown
                .push((file, lang, kind, dir.join(format!("{base}.md"))));
        } else if OTHER_PAGE_FORMATS.contains(&extension.as_str()) {
            layout.skipped.push((
                file.root.join(&file.path),
                format!(
                    "a `.{extension}` page: handbok reads Markdown only, so it was not imported"
                ),
            ));
        } else {
            sorted.others.push(file);
        }
    }
    sorted
}

/// The Markdown files that are pages: not inside another page's bundle, and the first of
/// those that would be one page in one language.
fn place_pages(
    markdown: Vec<(&ContentFile, usize, PageKind, PathBuf)>,
    bundles: &BTreeSet<(PathBuf, PathBuf)>,
    layout: &mut Layout,
) {
    let mut taken: BTreeMap<(usize, PathBuf), PathBuf> = BTreeMap::new();
    for (file, lang, kind, logical) in markdown {
        let source = file.root.join(&file.path);
        let dir = file.path.parent().unwrap_or(Path::new(""));
        let inside_bundle = bundles.iter().any(|(root, bundle)| {
            *root == file.root
                && dir.starts_with(bundle)
                && !(dir == bundle && kind == PageKind::Bundle)
        });
        if inside_bundle {
            layout.skipped.push((source, "Markdown inside a page bundle is one of the bundle's resources in Hugo, not a page; handbok bundles hold no other pages, so it was not imported".into()));
            continue;
        }
        if let Some(first) = taken.get(&(lang, logical.clone())) {
            layout.skipped.push((
                source,
                format!(
                    "the same page as {} (one language, one path)",
                    first.display()
                ),
            ));
            continue;
        }
        taken.insert((lang, logical.clone()), source.clone());
        layout.pages.push(PageFile {
            source,
            lang,
            logical,
            hugo_path: file.path.clone(),
            kind,
        });
    }
}

/// Each resource copied once for each language of the pages it belongs to.
fn place_resources(
    config: &HugoConfig,
    others: Vec<&ContentFile>,
    page_languages: &HashMap<(PathBuf, PathBuf), BTreeSet<usize>>,
    layout: &mut Layout,
) {
    let is_language = |code: &str| config.language_of_hugo_code(code).is_some();
    let mut copied: BTreeSet<(usize, PathBuf)> = BTreeSet::new();
    for file in others {
        let (languages, logical) = resource_languages(config, file, page_languages, is_language);
        let copies: Vec<(usize, PathBuf)> = languages
            .into_iter()
            .filter(|&lang| copied.insert((lang, logical.clone())))
            .map(|lang| (lang, logical.clone()))
            .collect();
        if copies.is_empty() {
            continue;
        }
        layout.resources.push(ResourceFile {
            source: file.root.join(&file.path),
            hugo_path: file.path.clone(),
            copies,
        });
    }
}

/// `x.md` beside a folder `x/` of pages without a section page: Hugo publishes both, but
/// in handbok the folder is a section on the page's URL, so the page becomes its
/// `x/_index.md`.
fn move_pages_over_folders(config: &HugoConfig, layout: &mut Layout) {
    let mut folders: BTreeSet<(usize, PathBuf)> = BTreeSet::new();
    let mut indexed: BTreeSet<(usize, PathBuf)> = BTreeSet::new();
    for page in &layout.pages {
        let mut dir = page.logical.parent();
        if page.kind == PageKind::Bundle {
            dir = dir.and_then(Path::parent);
        }
        if page.kind == PageKind::Section {
            indexed.insert((page.lang, dir.unwrap_or(Path::new("")).to_path_buf()));
        }
        while let Some(current) = dir.filter(|d| !d.as_os_str().is_empty()) {
            if !folders.insert((page.lang, current.to_path_buf())) {
                break;
            }
            dir = current.parent();
        }
    }
    for page in &mut layout.pages {
        if page.kind != PageKind::Page {
            continue;
        }
        let folder = page.logical.with_extension("");
        let key = (page.lang, folder.clone());
        if folders.contains(&key) && !indexed.contains(&key) {
            let code = &config.languages[page.lang].code;
            layout.moved.push((
                page.source.clone(),
                format!(
                    "became content/{code}/{}/_index.md: in handbok the folder {}/ is a section on this page's URL",
                    folder.display(),
                    folder.display()
                ),
            ));
            page.logical = folder.join("_index.md");
            indexed.insert(key);
        }
    }
}

/// The language of a file without a language suffix: the default language when the folder
/// is its content folder, else the first language whose folder it is.
fn folder_language(config: &HugoConfig, root: &Path) -> usize {
    let default = config.default_language;
    if config.languages[default].content_dir == root {
        return default;
    }
    config
        .languages
        .iter()
        .position(|l| l.content_dir == root)
        .unwrap_or(default)
}

/// The languages a resource is copied into and its path within them. A suffix (`a.nb.png`)
/// or Learn's attachments folder (`page.nb.files/`) names one language; otherwise it is
/// shared by the languages of the pages in the nearest folder above it that has any.
fn resource_languages(
    config: &HugoConfig,
    file: &ContentFile,
    page_languages: &HashMap<(PathBuf, PathBuf), BTreeSet<usize>>,
    is_language: impl Fn(&str) -> bool + Copy,
) -> (Vec<usize>, PathBuf) {
    let mut logical = PathBuf::new();
    let mut only: Option<usize> = None;
    let components: Vec<String> = file
        .path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    for (index, part) in components.iter().enumerate() {
        let is_dir = index + 1 < components.len();
        if is_dir
            && let Some(stem) = part.strip_suffix(".files")
            && let Some((page, code)) = stem.rsplit_once('.')
            && is_language(code)
        {
            only = config.language_of_hugo_code(code);
            logical.push(format!("{page}.files"));
            continue;
        }
        if !is_dir && let (_, Some(code), _) = language_suffix(part, is_language) {
            only = config.language_of_hugo_code(code);
        }
        logical.push(part);
    }
    if let Some(lang) = only {
        return (vec![lang], logical);
    }
    let mut dir = file.path.parent();
    while let Some(current) = dir {
        if let Some(languages) = page_languages.get(&(file.root.clone(), current.to_path_buf())) {
            return (languages.iter().copied().collect(), logical);
        }
        dir = current.parent();
    }
    (vec![folder_language(config, &file.root)], logical)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(toml_text: &str) -> HugoConfig {
        let value: serde_json::Value = toml::from_str(toml_text).unwrap();
        super::super::config::from_value(&value).unwrap()
    }

    fn files(root: &str, names: &[&str]) -> Vec<ContentFile> {
        names
            .iter()
            .map(|n| ContentFile {
                root: PathBuf::from(root),
                path: PathBuf::from(n),
            })
            .collect()
    }

    fn places(layout: &Layout) -> Vec<(String, usize, String)> {
        layout
            .pages
            .iter()
            .map(|p| {
                (
                    p.source.display().to_string(),
                    p.lang,
                    p.logical.display().to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn suffixes_name_the_language_and_unsuffixed_is_the_default() {
        let c = config(
            "defaultcontentlanguage = 'nb'\n[languages.nb]\nweight = 1\n[languages.en]\nweight = 2\n",
        );
        let layout = plan(
            &c,
            &files(
                "content",
                &[
                    "_index.md",
                    "_index.en.md",
                    "docs/a.nb.md",
                    "docs/a.en.md",
                    "docs/b.md",
                    "docs/b.nb.md",
                ],
            ),
        );
        assert_eq!(
            places(&layout),
            [
                ("content/_index.md".into(), 0, "_index.md".into()),
                ("content/_index.en.md".into(), 1, "_index.md".into()),
                ("content/docs/a.nb.md".into(), 0, "docs/a.md".into()),
                ("content/docs/a.en.md".into(), 1, "docs/a.md".into()),
                ("content/docs/b.md".into(), 0, "docs/b.md".into()),
            ]
        );
        assert_eq!(layout.skipped.len(), 1, "b.nb.md is b.md again");
    }

    #[test]
    fn resources_are_shared_by_the_languages_of_the_pages_beside_them() {
        let c = config("[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n");
        let layout = plan(
            &c,
            &files(
                "content",
                &[
                    "basics/_index.en.md",
                    "basics/_index.fr.md",
                    "basics/images/magic.gif",
                    "shortcodes/attachments.en.md",
                    "shortcodes/attachments.fr.md",
                    "shortcodes/attachments.en.files/hugo.png",
                    "shortcodes/logo.fr.png",
                    "only-en/page.en.md",
                    "only-en/pic.png",
                ],
            ),
        );
        let copies: Vec<(String, Vec<(usize, String)>)> = layout
            .resources
            .iter()
            .map(|r| {
                (
                    r.hugo_path.display().to_string(),
                    r.copies
                        .iter()
                        .map(|(l, p)| (*l, p.display().to_string()))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            copies,
            [
                (
                    "basics/images/magic.gif".into(),
                    vec![
                        (0, "basics/images/magic.gif".into()),
                        (1, "basics/images/magic.gif".into())
                    ]
                ),
                (
                    "shortcodes/attachments.en.files/hugo.png".into(),
                    vec![(0, "shortcodes/attachments.files/hugo.png".into())]
                ),
                (
                    "shortcodes/logo.fr.png".into(),
                    vec![(1, "shortcodes/logo.fr.png".into())]
                ),
                (
                    "only-en/pic.png".into(),
                    vec![(0, "only-en/pic.png".into())]
                ),
            ]
        );
    }

    #[test]
    fn a_page_beside_its_folder_becomes_the_folder_section_page() {
        let c = config("[languages.en]\nweight = 1\n");
        let layout = plan(
            &c,
            &files(
                "content",
                &[
                    "no/tjenester.md",
                    "no/tjenester/a.md",
                    "docs.md",
                    "docs/_index.md",
                    "docs/b.md",
                ],
            ),
        );
        let logical: Vec<String> = layout
            .pages
            .iter()
            .map(|p| p.logical.display().to_string())
            .collect();
        assert_eq!(
            logical,
            [
                "no/tjenester/_index.md",
                "no/tjenester/a.md",
                "docs.md",
                "docs/_index.md",
                "docs/b.md"
            ]
        );
        assert_eq!(layout.moved.len(), 1);
    }

    #[test]
    fn bundles_and_language_folders() {
        let c = config(
            "defaultcontentlanguage = 'en'\ncontentdir = 'content/en'\n[languages.en]\nweight = 1\n[languages.no]\nweight = 2\nlanguagename = 'Norsk'\ncontentdir = 'content/no'\n",
        );
        let mut all = files(
            "content/en",
            &["guide/index.md", "guide/extra.md", "guide/d.png"],
        );
        all.extend(files(
            "content/no",
            &["guide/index.md", "guide/d.png", "_index.md"],
        ));
        let layout = plan(&c, &all);
        assert_eq!(
            places(&layout),
            [
                (
                    "content/en/guide/index.md".into(),
                    0,
                    "guide/index.md".into()
                ),
                (
                    "content/no/guide/index.md".into(),
                    1,
                    "guide/index.md".into()
                ),
                ("content/no/_index.md".into(), 1, "_index.md".into()),
            ]
        );
        assert_eq!(layout.pages[0].kind, PageKind::Bundle);
        assert_eq!(layout.skipped[0].0, Path::new("content/en/guide/extra.md"));
        assert_eq!(
            layout.resources[0].copies,
            [(0, PathBuf::from("guide/d.png"))]
        );
        assert_eq!(
            layout.resources[1].copies,
            [(1, PathBuf::from("guide/d.png"))]
        );
    }
}
