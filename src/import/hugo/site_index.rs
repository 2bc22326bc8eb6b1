//! Every place a Hugo page links to, found the way Hugo finds it: by the URL Hugo publishes it
//! at (`/docs/page/`, lowercased), by its file (`ref "docs/page.md"`), or as a file of
//! `static/` or `assets/`; and how the converted page then writes it (`../page.md`).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::config::HugoConfig;
use super::hugo_urls::{hugo_alias_path, page_url, slashed, url_of_setting};
use super::layout::{Layout, PageFile, PageKind};
use super::paths::{
    encode_destination, is_foreign, join_url, language_suffix, normalize, relative_path,
    split_suffix, url_key,
};
use crate::url::{decode_path, segment_from_name};

/// What a page's front matter says about where Hugo publishes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageFacts {
    pub slug: Option<String>,
    pub url: Option<String>,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Page(usize),
    /// A resource, as published for one language.
    Resource {
        resource: usize,
        lang: usize,
    },
    /// A folder of pages without a section page of its own in `lang`.
    Section {
        lang: usize,
        dir: PathBuf,
    },
    /// A file of `static/`, by its site path without the leading `/`.
    Static(String),
    /// A file of `assets/` (copied into `static/` when a page uses it).
    Asset(String),
}

/// Where a page is, for resolving what it links to.
#[derive(Debug, Clone)]
pub struct PageContext {
    pub page: usize,
    pub lang: usize,
    /// The URL Hugo publishes the page at.
    pub url: String,
    /// The page's folder within its content folder, as Hugo names it.
    pub hugo_dir: PathBuf,
    /// The page's folder in handbok's `content/`: `nb/docs`.
    pub out_dir: PathBuf,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Written differently in handbok.
    Rewrite(String),
    /// Right as written (or not the site's own).
    Keep,
    /// Points at nothing of the site.
    Missing,
}

pub struct SiteIndex<'a> {
    pub config: &'a HugoConfig,
    pub layout: &'a Layout,
    pub page_urls: Vec<String>,
    by_url: HashMap<String, Target>,
    /// (content folder, path within it as Hugo names it) → page.
    pages_by_file: HashMap<(PathBuf, PathBuf), usize>,
    /// (language, path within it as handbok names it) → page.
    pages_by_logical: HashMap<(usize, PathBuf), usize>,
    /// (language, file name) → pages, for Hugo's `ref "name.md"` found anywhere.
    pages_by_name: HashMap<(usize, String), Vec<usize>>,
    resources_by_file: HashMap<(PathBuf, PathBuf), usize>,
    static_files: HashSet<String>,
    assets: HashSet<String>,
}

impl<'a> SiteIndex<'a> {
    pub fn new(
        config: &'a HugoConfig,
        layout: &'a Layout,
        facts: &[PageFacts],
        static_files: HashSet<String>,
        assets: HashSet<String>,
    ) -> SiteIndex<'a> {
        let page_urls: Vec<String> = layout
            .pages
            .iter()
            .zip(facts)
            .map(|(page, facts)| page_url(config, page, facts))
            .collect();
        let mut index = SiteIndex {
            config,
            layout,
            page_urls,
            by_url: HashMap::new(),
            pages_by_file: HashMap::new(),
            pages_by_logical: HashMap::new(),
            pages_by_name: HashMap::new(),
            resources_by_file: HashMap::new(),
            static_files,
            assets,
        };
        index.add_pages();
        index.add_resources();
        index.add_sections();
        // Old URLs and `url` overrides last: a real page's URL wins over them.
        index.add_old_urls(facts);
        index
    }

    fn add_pages(&mut self) {
        let lower = self.config.lowercase_urls;
        for (i, page) in self.layout.pages.iter().enumerate() {
            let key = url_key(&self.page_urls[i], lower);
            self.by_url.entry(key).or_insert(Target::Page(i));
            let root = content_root(page);
            self.pages_by_file.insert((root, page.hugo_path.clone()), i);
            self.pages_by_logical
                .insert((page.lang, page.logical.clone()), i);
            if let Some(name) = page.logical.file_name() {
                self.pages_by_name
                    .entry((page.lang, name.to_string_lossy().into_owned()))
                    .or_default()
                    .push(i);
            }
        }
    }

    /// Each copy of a resource is published below its language's prefix.
    fn add_resources(&mut self) {
        let lower = self.config.lowercase_urls;
        for (i, resource) in self.layout.resources.iter().enumerate() {
            let root = resource
                .source
                .strip_suffix_path(&resource.hugo_path)
                .unwrap_or_default();
            self.resources_by_file
                .insert((root, resource.hugo_path.clone()), i);
            for (lang, _) in &resource.copies {
                let prefix = &self.config.languages[*lang].url_prefix;
                let url = format!("{prefix}/{}", slashed(&resource.hugo_path));
                self.by_url
                    .entry(url_key(&url, lower))
                    .or_insert(Target::Resource {
                        resource: i,
                        lang: *lang,
                    });
            }
        }
    }

    fn add_old_urls(&mut self, facts: &[PageFacts]) {
        let lower = self.config.lowercase_urls;
        for (i, facts) in facts.iter().enumerate() {
            let page = &self.layout.pages[i];
            let prefix = &self.config.languages[page.lang].url_prefix;
            let mut old: Vec<String> = facts
                .aliases
                .iter()
                .map(|a| hugo_alias_path(&self.page_urls[i], prefix, a))
                .collect();
            if let Some(url) = &facts.url {
                old.push(url_of_setting(url));
            }
            for path in old {
                self.by_url
                    .entry(url_key(&path, lower))
                    .or_insert(Target::Page(i));
            }
        }
    }

    /// Folders that hold pages but no section page in a language still have a URL.
    fn add_sections(&mut self) {
        let lower = self.config.lowercase_urls;
        let mut seen = HashSet::new();
        for page in &self.layout.pages {
            let mut dir = page.logical.parent().map(Path::to_path_buf);
            if page.kind == PageKind::Bundle {
                dir = dir.and_then(|d| d.parent().map(Path::to_path_buf));
            }
            while let Some(current) = dir {
                if !seen.insert((page.lang, current.clone())) {
                    break;
                }
                let prefix = &self.config.languages[page.lang].url_prefix;
                let url = if current.as_os_str().is_empty() {
                    format!("{prefix}/")
                } else {
                    format!("{prefix}/{}/", slashed(&current))
                };
                self.by_url
                    .entry(url_key(&url, lower))
                    .or_insert(Target::Section {
                        lang: page.lang,
                        dir: current.clone(),
                    });
                dir = current.parent().map(Path::to_path_buf);
            }
        }
    }

    pub fn context(&self, page: usize) -> PageContext {
        let file = &self.layout.pages[page];
        let code = &self.config.languages[file.lang].code;
        PageContext {
            page,
            lang: file.lang,
            url: self.page_urls[page].clone(),
            hugo_dir: file
                .hugo_path
                .parent()
                .unwrap_or(Path::new(""))
                .to_path_buf(),
            out_dir: Path::new(code).join(file.logical.parent().unwrap_or(Path::new(""))),
        }
    }

    /// A link or image destination as handbok reads it (Hugo resolves a relative path
    /// against the page's URL, handbok against the file's folder).
    #[cfg(test)]
    pub fn resolve(&self, context: &PageContext, destination: &str) -> Resolution {
        self.resolve_target(context, destination).0
    }

    /// Like [`SiteIndex::resolve`], with the file of `assets/` it uses, if any (which the
    /// import then copies into `static/`).
    pub fn resolve_target(
        &self,
        context: &PageContext,
        destination: &str,
    ) -> (Resolution, Option<String>) {
        let destination = destination.trim();
        if destination.contains("{{") {
            return (Resolution::Keep, None);
        }
        let mut local = destination;
        if is_foreign(destination) {
            // An absolute URL of the site itself is one of its files (or left as it is).
            let own = self.config.origin.as_deref().and_then(|origin| {
                destination
                    .strip_prefix(origin)
                    .filter(|rest| rest.starts_with('/'))
            });
            match own {
                Some(rest) if self.find(context, rest).is_some() => local = rest,
                _ => return (Resolution::Keep, None),
            }
        }
        let (_, suffix) = split_suffix(local);
        match self.find(context, local) {
            Some(target) => {
                let asset = match &target {
                    Target::Asset(path) => Some(path.clone()),
                    _ => None,
                };
                let written = self.written(context, &target, suffix);
                if written == destination {
                    (Resolution::Keep, asset)
                } else {
                    (Resolution::Rewrite(written), asset)
                }
            }
            None => (Resolution::Missing, None),
        }
    }

    /// What a local destination points at.
    pub fn find(&self, context: &PageContext, destination: &str) -> Option<Target> {
        let (path, _) = split_suffix(destination);
        if path.is_empty() {
            return None;
        }
        let decoded = decode_path(path);
        let lower = decoded.to_lowercase();
        if (lower.ends_with(".md") || lower.ends_with(".markdown"))
            && let Some(page) = self.find_page_file(context, &decoded, None)
        {
            return Some(Target::Page(page));
        }
        if decoded.starts_with('/') {
            let base = &self.config.base_path;
            let below_base = (!base.is_empty())
                .then(|| decoded.strip_prefix(base.as_str()))
                .flatten()
                .filter(|rest| rest.starts_with('/'));
            return below_base
                .and_then(|rest| self.find_site_path(rest))
                .or_else(|| self.find_site_path(&decoded));
        }
        let url = join_url(&context.url, &decoded);
        if let Some(target) = self.find_url(&url) {
            return Some(target);
        }
        // Written relative to the file, as GitHub shows it (and handbok reads it).
        let root = content_root(&self.layout.pages[context.page]);
        if let Some(file) = normalize(&context.hugo_dir.join(&decoded)) {
            if let Some(&resource) = self.resources_by_file.get(&(root.clone(), file.clone())) {
                return Some(Target::Resource {
                    resource,
                    lang: context.lang,
                });
            }
            if let Some(&page) = self.pages_by_file.get(&(root, file)) {
                return Some(Target::Page(page));
            }
        }
        self.find_static(&url)
    }

    fn find_site_path(&self, path: &str) -> Option<Target> {
        self.find_url(path).or_else(|| self.find_static(path))
    }

    fn find_url(&self, url: &str) -> Option<Target> {
        let key = url_key(url, self.config.lowercase_urls);
        self.by_url
            .get(&key)
            .or_else(|| {
                (!key.ends_with('/'))
                    .then(|| self.by_url.get(&format!("{key}/")))
                    .flatten()
            })
            .cloned()
    }

    fn find_static(&self, path: &str) -> Option<Target> {
        let relative = path.trim_start_matches('/');
        let candidates = [relative.to_string(), format!("{relative}index.html")];
        if let Some(found) = candidates.iter().find(|c| self.static_files.contains(*c)) {
            let _ = found;
            return Some(Target::Static(relative.to_string()));
        }
        self.assets
            .contains(relative)
            .then(|| Target::Asset(relative.to_string()))
    }

    /// A page named by its file, as `ref`/`relref` and `.md` links name it: relative to the
    /// page's folder, else to the content folder; with or without a language suffix and
    /// `.md`; else by its name alone when only one page has it. `lang`: Hugo's code.
    pub fn find_page_file(
        &self,
        context: &PageContext,
        reference: &str,
        lang: Option<&str>,
    ) -> Option<usize> {
        let lang = lang
            .and_then(|code| self.config.language_of_hugo_code(code))
            .unwrap_or(context.lang);
        let root = content_root(&self.layout.pages[context.page]);
        let reference = reference.trim();
        let bases: Vec<PathBuf> = if reference.starts_with('/') {
            vec![PathBuf::new()]
        } else {
            vec![context.hugo_dir.clone(), PathBuf::new()]
        };
        let relative = reference.trim_start_matches('/').trim_end_matches('/');
        let joined: Vec<PathBuf> = bases
            .iter()
            .filter_map(|base| normalize(&base.join(relative)))
            .collect();
        // The page in the language asked for wherever it is, before any other language's.
        for strict in [true, false] {
            for path in &joined {
                if let Some(page) = self.page_at(&root, path, lang, strict) {
                    return Some(page);
                }
            }
        }
        if !relative.contains('/') {
            let name = if relative.ends_with(".md") {
                relative.to_string()
            } else {
                format!("{relative}.md")
            };
            let (base, file_lang, _) =
                language_suffix(&name, |c| self.config.language_of_hugo_code(c).is_some());
            let file_lang = file_lang
                .and_then(|c| self.config.language_of_hugo_code(c))
                .unwrap_or(lang);
            if let Some([only]) = self
                .pages_by_name
                .get(&(file_lang, format!("{base}.md")))
                .map(Vec::as_slice)
            {
                return Some(*only);
            }
        }
        None
    }

    /// The page a path names in `lang` (`strict`), or else the file itself, or the page in
    /// the default language, or in any.
    fn page_at(&self, root: &Path, path: &Path, lang: usize, strict: bool) -> Option<usize> {
        let candidates = logical_candidates(path, self);
        for (file_lang, logical) in &candidates {
            let wanted = file_lang.unwrap_or(lang);
            if let Some(&page) = self.pages_by_logical.get(&(wanted, logical.clone())) {
                return Some(page);
            }
        }
        if strict {
            return None;
        }
        if let Some(&page) = self
            .pages_by_file
            .get(&(root.to_path_buf(), path.to_path_buf()))
        {
            return Some(page);
        }
        let languages =
            std::iter::once(self.config.default_language).chain(0..self.config.languages.len());
        languages.into_iter().find_map(|l| {
            candidates
                .iter()
                .find_map(|(_, logical)| self.pages_by_logical.get(&(l, logical.clone())).copied())
        })
    }

    /// How the converted page writes a target: a relative path to a file of `content/`,
    /// or a site path.
    pub fn written(&self, context: &PageContext, target: &Target, suffix: &str) -> String {
        let path = match target {
            Target::Page(page) => {
                let file = &self.layout.pages[*page];
                let out = Path::new(&self.config.languages[file.lang].code).join(&file.logical);
                relative_path(&context.out_dir, &out)
            }
            Target::Resource { resource, lang } => {
                let resource = &self.layout.resources[*resource];
                // A resource shared by the languages is the page's own language's copy.
                let (lang, copy) = resource
                    .copies
                    .iter()
                    .find(|(l, _)| *l == context.lang)
                    .or_else(|| resource.copies.iter().find(|(l, _)| l == lang))
                    .or_else(|| resource.copies.first())
                    .map(|(l, p)| (*l, p.clone()))
                    .unwrap_or((*lang, resource.hugo_path.clone()));
                let out = Path::new(&self.config.languages[lang].code).join(copy);
                relative_path(&context.out_dir, &out)
            }
            Target::Section { lang, dir } => {
                let mut path = format!("/{}/", self.config.languages[*lang].code);
                for part in dir.components() {
                    path.push_str(&segment_from_name(&part.as_os_str().to_string_lossy()));
                    path.push('/');
                }
                path
            }
            Target::Static(path) | Target::Asset(path) => format!("/{path}"),
        };
        format!("{}{suffix}", encode_destination(&path))
    }

    /// Where a file of the Hugo site (relative to the site folder) is in the import,
    /// relative to the output folder: a page's converted file, or a resource's copy (the one
    /// in `lang` when it is shared).
    pub fn output_of_source(&self, source: &Path, lang: usize) -> Option<PathBuf> {
        let code = |lang: usize| &self.config.languages[lang].code;
        if let Some(page) = self.layout.pages.iter().find(|p| p.source == source) {
            return Some(
                Path::new("content")
                    .join(code(page.lang))
                    .join(&page.logical),
            );
        }
        let resource = self.layout.resources.iter().find(|r| r.source == source)?;
        let (lang, copy) = resource
            .copies
            .iter()
            .find(|(l, _)| *l == lang)
            .or_else(|| resource.copies.first())?;
        Some(Path::new("content").join(code(*lang)).join(copy))
    }

    /// The files copied into `folder` (within `lang`, not below it), sorted by name.
    pub fn files_in(&self, lang: usize, folder: &Path) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = self
            .layout
            .resources
            .iter()
            .flat_map(|r| &r.copies)
            .filter(|(l, copy)| *l == lang && copy.parent() == Some(folder))
            .map(|(_, copy)| copy.clone())
            .collect();
        files.sort();
        files
    }

    /// An alias as handbok reads it: Hugo puts a page's aliases below its language's prefix,
    /// handbok reads `old/` as below the page's language and `/old/` from the site root.
    pub fn handbok_alias(&self, page: usize, alias: &str) -> String {
        let file = &self.layout.pages[page];
        let prefix = &self.config.languages[file.lang].url_prefix;
        let path = hugo_alias_path(&self.page_urls[page], prefix, alias);
        if prefix.is_empty() {
            return path;
        }
        match path.strip_prefix(prefix.as_str()) {
            Some(rest)
                if rest.starts_with('/') && !alias.trim().starts_with(&format!("{prefix}/")) =>
            {
                rest.trim_start_matches('/').to_string()
            }
            _ => path,
        }
    }
}

/// The paths a page file may be known by within a language: with its language suffix
/// taken off, with `.md` added, or as a folder's section or bundle page.
fn logical_candidates(joined: &Path, index: &SiteIndex) -> Vec<(Option<usize>, PathBuf)> {
    let name = joined
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = joined.parent().unwrap_or(Path::new(""));
    let is_language = |c: &str| index.config.language_of_hugo_code(c).is_some();
    let mut candidates = Vec::new();
    let lower = name.to_lowercase();
    if lower.ends_with(".md") || lower.ends_with(".markdown") {
        let (base, lang, _) = language_suffix(&name, is_language);
        let lang = lang.and_then(|c| index.config.language_of_hugo_code(c));
        candidates.push((lang, dir.join(format!("{base}.md"))));
    } else {
        candidates.push((None, dir.join(format!("{name}.md"))));
        candidates.push((None, joined.join("_index.md")));
        candidates.push((None, joined.join("index.md")));
    }
    candidates
}

/// The content folder a page was found in (relative to the site folder).
fn content_root(page: &PageFile) -> PathBuf {
    page.source
        .strip_suffix_path(&page.hugo_path)
        .unwrap_or_default()
}

trait StripSuffixPath {
    fn strip_suffix_path(&self, suffix: &Path) -> Option<PathBuf>;
}

impl StripSuffixPath for PathBuf {
    /// `content/docs/a.md` without `docs/a.md`: `content`.
    fn strip_suffix_path(&self, suffix: &Path) -> Option<PathBuf> {
        let mut path = self.clone();
        for _ in suffix.components() {
            if !path.pop() {
                return None;
            }
        }
        Some(path)
    }
}

#[cfg(test)]
mod tests {
    use super::super::layout::{ContentFile, plan};
    use super::*;

    fn config(toml_text: &str) -> HugoConfig {
        let value: serde_json::Value = toml::from_str(toml_text).unwrap();
        super::super::config::from_value(&value).unwrap()
    }

    fn layout(config: &HugoConfig, names: &[&str]) -> Layout {
        let files: Vec<ContentFile> = names
            .iter()
            .map(|n| ContentFile {
                root: PathBuf::from("content"),
                path: PathBuf::from(n),
            })
            .collect();
        plan(config, &files)
    }

    fn page_index(layout: &Layout, source: &str) -> usize {
        layout
            .pages
            .iter()
            .position(|p| p.source == Path::new(source))
            .unwrap_or_else(|| panic!("no page {source}"))
    }

    const NB_EN: &str = "baseURL = 'https://x.no/docs/'\ndefaultContentLanguage = 'nb'\n[languages.nb]\nweight = 1\n[languages.en]\nweight = 2\n";

    #[test]
    fn hugo_relative_paths_mean_the_page_url() {
        let c = config(NB_EN);
        let l = layout(
            &c,
            &[
                "docs/_index.md",
                "docs/vedlegg-flytdiagram.md",
                "docs/flyt-ws.png",
                "docs/Other Page.md",
            ],
        );
        let statics: HashSet<String> = ["images/api.svg".to_string()].into();
        let facts = vec![PageFacts::default(); l.pages.len()];
        let index = SiteIndex::new(&c, &l, &facts, statics, HashSet::new());
        let context = index.context(page_index(&l, "content/docs/vedlegg-flytdiagram.md"));
        assert_eq!(context.url, "/docs/vedlegg-flytdiagram/");
        assert_eq!(
            index.resolve(&context, "../flyt-ws.png"),
            Resolution::Rewrite("flyt-ws.png".into())
        );
        // Site paths lose the base URL's sub-path.
        assert_eq!(
            index.resolve(&context, "/docs/images/api.svg"),
            Resolution::Rewrite("/images/api.svg".into())
        );
        assert_eq!(index.resolve(&context, "/images/api.svg"), Resolution::Keep);
        // Page URLs become .md links, anchors kept; Hugo's URLs are lowercase.
        assert_eq!(
            index.resolve(&context, "/docs/docs/other-page/#x"),
            Resolution::Rewrite("Other%20Page.md#x".into())
        );
        assert_eq!(
            index.resolve(&context, "../"),
            Resolution::Rewrite("_index.md".into())
        );
        assert_eq!(
            index.resolve(&context, "https://x.no/docs/docs/"),
            Resolution::Rewrite("_index.md".into())
        );
        assert_eq!(
            index.resolve(&context, "../nothing.png"),
            Resolution::Missing
        );
        assert_eq!(
            index.resolve(&context, "https://elsewhere.no/"),
            Resolution::Keep
        );
        // As GitHub shows it, relative to the file: right as written.
        assert_eq!(index.resolve(&context, "flyt-ws.png"), Resolution::Keep);
    }

    #[test]
    fn refs_find_pages_by_file_in_the_page_language() {
        let c = config("[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n");
        let l = layout(
            &c,
            &[
                "_index.en.md",
                "_index.fr.md",
                "cont/pages/_index.en.md",
                "cont/pages/_index.fr.md",
                "cont/markdown.en.md",
                "cont/syntaxhighlight.en.md",
            ],
        );
        let facts = vec![PageFacts::default(); l.pages.len()];
        let index = SiteIndex::new(&c, &l, &facts, HashSet::new(), HashSet::new());
        let home_fr = index.context(page_index(&l, "content/_index.fr.md"));
        let found = index
            .find_page_file(&home_fr, "cont/pages/_index.md", None)
            .unwrap();
        assert_eq!(
            l.pages[found].source,
            Path::new("content/cont/pages/_index.fr.md")
        );
        let target = Target::Page(found);
        assert_eq!(
            index.written(&home_fr, &target, "#x"),
            "cont/pages/_index.md#x"
        );
        // Only in English: the French page links to the English one.
        let found = index
            .find_page_file(&home_fr, "cont/markdown.en.md", None)
            .unwrap();
        assert_eq!(
            index.written(&home_fr, &Target::Page(found), ""),
            "../en/cont/markdown.md"
        );
        let markdown = index.context(page_index(&l, "content/cont/markdown.en.md"));
        let found = index
            .find_page_file(&markdown, "syntaxhighlight.md", None)
            .unwrap();
        assert_eq!(
            index.written(&markdown, &Target::Page(found), ""),
            "syntaxhighlight.md"
        );
        assert!(index.find_page_file(&markdown, "nope.md", None).is_none());
        let found = index
            .find_page_file(&markdown, "cont/pages", Some("fr"))
            .unwrap();
        assert_eq!(
            l.pages[found].source,
            Path::new("content/cont/pages/_index.fr.md")
        );
    }

    #[test]
    fn a_ref_from_a_translation_finds_the_translation() {
        let c = config(NB_EN);
        let l = layout(
            &c,
            &["docs/a.md", "docs/a.en.md", "docs/b.md", "docs/b.en.md"],
        );
        let facts = vec![PageFacts::default(); l.pages.len()];
        let index = SiteIndex::new(&c, &l, &facts, HashSet::new(), HashSet::new());
        let b_en = index.context(page_index(&l, "content/docs/b.en.md"));
        let found = index.find_page_file(&b_en, "a.md", None).unwrap();
        assert_eq!(l.pages[found].source, Path::new("content/docs/a.en.md"));
        let found = index.find_page_file(&b_en, "a.md", Some("nb")).unwrap();
        assert_eq!(l.pages[found].source, Path::new("content/docs/a.md"));
        assert_eq!(index.resolve(&b_en, "a.md"), Resolution::Keep);
    }

    #[test]
    fn aliases_become_the_language_own() {
        let c = config(NB_EN);
        let l = layout(&c, &["docs/a.nb.md", "docs/a.en.md"]);
        let facts = vec![PageFacts::default(); 2];
        let index = SiteIndex::new(&c, &l, &facts, HashSet::new(), HashSet::new());
        let nb = page_index(&l, "content/docs/a.nb.md");
        let en = page_index(&l, "content/docs/a.en.md");
        assert_eq!(index.handbok_alias(nb, "/old/"), "/old/");
        assert_eq!(index.handbok_alias(en, "/old/"), "old/");
        assert_eq!(index.handbok_alias(en, "/en/old/"), "/en/old/");
        assert_eq!(index.handbok_alias(en, "gammel"), "docs/gammel");
        assert_eq!(index.handbok_alias(nb, "gammel/"), "/docs/gammel/");
    }

    #[test]
    fn resources_in_a_subdir_site_and_sections_without_index() {
        let c = config(
            "defaultContentLanguageInSubdir = true\n[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n",
        );
        let l = layout(
            &c,
            &[
                "basics/req/_index.en.md",
                "basics/req/_index.fr.md",
                "basics/req/images/magic.gif",
                "guides/a.fr.md",
            ],
        );
        let facts = vec![PageFacts::default(); l.pages.len()];
        let index = SiteIndex::new(&c, &l, &facts, HashSet::new(), HashSet::new());
        let fr = index.context(page_index(&l, "content/basics/req/_index.fr.md"));
        // The French page used the English copy; it now has its own beside it.
        assert_eq!(
            index.resolve(&fr, "/en/basics/req/images/magic.gif?classes=shadow"),
            Resolution::Rewrite("images/magic.gif?classes=shadow".into())
        );
        assert_eq!(index.resolve(&fr, "/fr/guides/"), Resolution::Keep);
        assert_eq!(
            index.resolve(&fr, "/fr/guides/a/"),
            Resolution::Rewrite("../../guides/a.md".into())
        );
    }
}
