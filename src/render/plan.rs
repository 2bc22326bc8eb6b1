//! Which file of the built site goes where: every path is claimed by its writer before
//! anything is written, so two writers on one path are an error naming both, never a race.

use std::collections::{BTreeMap, HashSet};
use std::ops::Bound;
use std::path::{Path, PathBuf};

use super::templates::EMBEDDED_STATIC;
use super::{Renderer, STATIC_DIR, offline, print_site_path};
use crate::config::Offline;
use crate::content::library::alias_site_path;
use crate::content::{CONTENT_DIR, Library, Page, PageKind};
use crate::diagnostic::Diagnostic;
use crate::output::{FileContents, OutputFile};

impl Renderer {
    /// The files of the site that are not rendered pages: the theme's embedded files (unless
    /// `static/` overrides them), sitemap, robots.txt, `static/`, the files beside pages in
    /// `content/`, and redirects, each checked against every other file of the site before
    /// anything is written. Two writers on one path (or a file where the other needs a
    /// folder) are an error naming the later one, which is left out, so what is written
    /// never depends on which thread comes first. Only `static/robots.txt` and
    /// `static/sitemap.xml` may replace what handbok makes.
    pub(super) fn plan_files(&self, library: &Library) -> FilePlan {
        let mut paths = OutputPaths::default();
        let mut plan = FilePlan::default();
        self.plan_generated(library, &mut paths, &mut plan);
        plan_pages(library, &mut paths, &mut plan);
        self.plan_copies(library, &mut paths, &mut plan);
        self.plan_redirects(library, &mut paths, &mut plan);
        plan_fallbacks(library, &mut paths, &mut plan);
        self.plan_print(library, &mut paths, &mut plan);
        plan
    }

    /// The print pages come last: each yields to a file of the site at its URL, with a
    /// warning.
    fn plan_print<'a>(
        &self,
        library: &'a Library,
        paths: &mut OutputPaths<'a>,
        plan: &mut FilePlan,
    ) {
        plan.diagnostics.extend(self.print_collisions(library));
        for lang in self.print_languages(library) {
            let path = format!("{}index.html", &print_site_path(lang)[1..]);
            match paths.claim(&path, Writer::Generated("the print page")) {
                Ok(()) => plan.print.push(lang.to_string()),
                Err((other, holder)) => plan.diagnostics.push(
                    Diagnostic::warning(
                        "print",
                        holder.file(&other),
                        format!(
                            "the print page of `{lang}` ({path}) is not made: it collides with {}",
                            holder.describe(&other)
                        ),
                    )
                    .help("move or rename that file to have the print page, or set `print: false` in site.yaml"),
                ),
            }
        }
    }

    /// What handbok makes besides pages: front page, 404, sitemap, robots.txt, the theme's
    /// files, the search index's folders, and the offline worker and manifests.
    fn plan_generated<'a>(
        &self,
        library: &Library,
        paths: &mut OutputPaths<'a>,
        plan: &mut FilePlan,
    ) {
        // Made by handbok at places nothing else may take; they cannot collide with each other.
        let _ = paths.claim(
            "index.html",
            Writer::Generated("the site's front page (index.html)"),
        );
        let _ = paths.claim("404.html", Writer::Generated("the 404 page (404.html)"));
        for (file, what) in [
            (self.sitemap(library), "the sitemap (sitemap.xml)"),
            (self.robots(), "the generated robots.txt"),
        ] {
            // A site's own robots.txt or sitemap is what it meant (as in Hugo and Zola).
            if self.static_files.contains_key(&format!("/{}", file.path)) {
                continue;
            }
            let _ = paths.claim(&file.path, Writer::Generated(what));
            plan.files.push(file);
        }
        for (site_path, bytes) in EMBEDDED_STATIC {
            if !self.static_files.contains_key(*site_path) {
                let path = site_path.trim_start_matches('/');
                let _ = paths.claim(path, Writer::Theme);
                plan.files.push(OutputFile {
                    path: path.to_string(),
                    contents: FileContents::Embedded(bytes),
                });
            }
        }
        if self.config.search {
            for lang in &self.config.languages {
                let _ = paths.claim(&format!("search/{}", lang.code), Writer::Search);
            }
        }
        if let Some(worker) = offline::worker(self.config.offline) {
            let _ = paths.claim(
                &worker.path,
                Writer::Generated("the offline worker (sw.js)"),
            );
            plan.files.push(worker);
            if self.config.offline == Offline::On {
                for lang in &self.config.languages {
                    let path = offline::manifest_path(&lang.code);
                    let _ = paths.claim(&path, Writer::Generated("an offline manifest"));
                }
            }
        }
    }

    /// The files copied as they are: `static/` and the files beside pages in `content/`.
    fn plan_copies<'a>(
        &self,
        library: &'a Library,
        paths: &mut OutputPaths<'a>,
        plan: &mut FilePlan,
    ) {
        // In the way of any of the above is an error naming the file.
        let copies = self
            .static_files
            .iter()
            .map(|(site_path, disk)| {
                let path = site_path.trim_start_matches('/');
                (path.to_string(), Writer::Static, disk.clone())
            })
            .chain(library.assets.iter().map(|asset| {
                let path = asset.to_string_lossy().replace('\\', "/");
                let disk = self.root.join(CONTENT_DIR).join(asset);
                (path, Writer::Asset(asset), disk)
            }));
        for (path, writer, disk) in copies {
            match paths.claim(&path, writer) {
                Ok(()) => plan.files.push(OutputFile {
                    path,
                    contents: FileContents::Copy(disk),
                }),
                Err((other, holder)) => plan.diagnostics.push(
                    Diagnostic::error(
                        "duplicate-url",
                        writer.file(&path),
                        format!("this file collides with {}", holder.describe(&other)),
                    )
                    .help("move or rename the file: the built site cannot hold both"),
                ),
            }
        }
    }

    /// The redirect page of every alias.
    fn plan_redirects<'a>(
        &self,
        library: &'a Library,
        paths: &mut OutputPaths<'a>,
        plan: &mut FilePlan,
    ) {
        for (alias, target) in &library.aliases {
            let Some(page) = library.page(target) else {
                continue;
            };
            let redirect = self.redirect(alias, page);
            match paths.claim(&redirect.path, Writer::Alias(page)) {
                Ok(()) => {
                    plan.redirects.insert(redirect.path.clone());
                    plan.files.push(redirect);
                }
                Err((other, holder)) => plan.diagnostics.push(
                    Diagnostic::error(
                        "alias",
                        page.file(),
                        format!(
                            "alias `{}` (a redirect page at {}) collides with {}",
                            written_alias(page, alias),
                            redirect.path,
                            holder.describe(&other)
                        ),
                    )
                    .at_line_of(page.aliases_line)
                    .help("remove the alias: its redirect page cannot be written there"),
                ),
            }
        }
    }
}

/// Every page and section listing at its URL; one in the way of a generated file is
/// blocked (not rendered) with an error.
fn plan_pages<'a>(library: &'a Library, paths: &mut OutputPaths<'a>, plan: &mut FilePlan) {
    let sections = library.sections.values().map(|s| {
        let writer = match &s.index {
            Some(index) => Writer::Page(index),
            None => Writer::Section(&s.dir),
        };
        (&s.site_path, writer)
    });
    let pages = library
        .regular_pages()
        .map(|p| (&p.site_path, Writer::Page(&p.source)));
    for (site_path, writer) in sections.chain(pages) {
        let path = format!("{}index.html", site_path.trim_start_matches('/'));
        match paths.claim(&path, writer) {
            Ok(()) => {}
            // Two pages on one URL: linking the library said so.
            Err((other, Writer::Page(_) | Writer::Section(_))) if other == path => {}
            Err((other, holder)) => {
                plan.blocked.insert(site_path.clone());
                plan.diagnostics.push(
                    Diagnostic::error(
                        "duplicate-url",
                        writer.file(&path),
                        format!(
                            "this page is published at {site_path}, which collides with {}",
                            holder.describe(&other)
                        ),
                    )
                    .help("rename the file or folder, or give the page a different `slug`"),
                );
            }
        }
    }
}

/// Fallback pages come last: a path anything else takes is simply not a fallback's.
fn plan_fallbacks<'a>(library: &'a Library, paths: &mut OutputPaths<'a>, plan: &mut FilePlan) {
    for page in library.fallbacks.pages.values() {
        if page.kind != PageKind::Page {
            continue;
        }
        let path = format!("{}index.html", page.site_path.trim_start_matches('/'));
        if paths.claim(&path, Writer::Page(&page.source)).is_err() {
            plan.blocked.insert(page.site_path.clone());
        }
    }
}

/// An alias as the page's front matter writes it, from the site path it stands for.
fn written_alias<'a>(page: &'a Page, site_path: &'a str) -> &'a str {
    page.front
        .aliases
        .iter()
        .find(|a| alias_site_path(&page.lang, a).as_deref() == Some(site_path))
        .map_or(site_path, |a| a.trim())
}

/// What `render_site` writes besides the rendered pages, and what it found checking paths.
#[derive(Default)]
pub(super) struct FilePlan {
    pub(super) files: Vec<OutputFile>,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Site paths of pages not rendered: their file would collide with one handbok makes.
    pub(super) blocked: HashSet<String>,
    /// Output paths of the redirect pages of aliases (no offline copy keeps them).
    pub(super) redirects: HashSet<String>,
    /// The languages whose print page is made.
    pub(super) print: Vec<String>,
}

/// What writes a file of the built site (for the search index, a whole folder).
#[derive(Debug, Clone, Copy)]
enum Writer<'a> {
    /// A page or a section's `_index.md`, by its source relative to `content/`.
    Page(&'a Path),
    /// The listing of a folder without `_index.md`.
    Section(&'a Path),
    /// A file handbok makes, described.
    Generated(&'static str),
    Theme,
    Search,
    Static,
    /// A file beside a page, by its source relative to `content/`.
    Asset(&'a Path),
    /// A redirect to this page.
    Alias(&'a Page),
}

impl Writer<'_> {
    /// The user's file behind the writer of `path` (relative to the site root), for
    /// locating a diagnostic; `path` itself for what handbok makes.
    fn file(&self, path: &str) -> PathBuf {
        match self {
            Writer::Page(source) | Writer::Section(source) | Writer::Asset(source) => {
                Path::new(CONTENT_DIR).join(source)
            }
            Writer::Static => Path::new(STATIC_DIR).join(path),
            Writer::Alias(page) => page.file(),
            Writer::Generated(_) | Writer::Theme | Writer::Search => PathBuf::from(path),
        }
    }

    /// The writer of `path` as a message names it.
    fn describe(&self, path: &str) -> String {
        let file = self.file(path);
        match self {
            Writer::Page(_) => format!("the page {} ({path})", file.display()),
            Writer::Section(_) => format!("the section {}/ ({path})", file.display()),
            Writer::Generated(what) => what.to_string(),
            Writer::Theme => format!("the theme's {path}"),
            Writer::Search => format!("the search index ({path}/)"),
            Writer::Static | Writer::Asset(_) => file.display().to_string(),
            Writer::Alias(_) => format!("the redirect to {} ({path})", file.display()),
        }
    }
}

/// Every path of the built site with its writer, so that collisions are found before
/// anything is written.
#[derive(Default)]
struct OutputPaths<'a>(BTreeMap<String, Writer<'a>>);

impl<'a> OutputPaths<'a> {
    /// Claims `path` for `writer`. Fails with the path and writer in the way: one on the
    /// same path, a file where `path` needs a folder, or files below `path`.
    fn claim(&mut self, path: &str, writer: Writer<'a>) -> Result<(), (String, Writer<'a>)> {
        let folders = path.match_indices('/').map(|(end, _)| &path[..end]);
        let in_the_way = std::iter::once(path)
            .chain(folders)
            .find_map(|key| self.0.get_key_value(key))
            .or_else(|| {
                let below = format!("{path}/");
                self.0
                    .range::<str, _>((Bound::Included(below.as_str()), Bound::Unbounded))
                    .next()
                    .filter(|(other, _)| other.starts_with(&below))
            });
        if let Some((other, holder)) = in_the_way {
            return Err((other.clone(), *holder));
        }
        self.0.insert(path.to_string(), writer);
        Ok(())
    }
}
