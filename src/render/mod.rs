//! The renderer: the loaded site's pages through Tera templates, as files of the built site.
//! Pure with respect to the output: nothing here writes files; [`crate::output`] does.
//!
//! [`Renderer`] is the facade the commands use: [`Renderer::render_site`] for a build or a
//! check, [`Renderer::render_file`] for the one file the dev server is asked for, and
//! [`Renderer::render_page`] / [`Renderer::render_section`] below both. Its parts:
//!
//! - [`templates`]: Tera with the embedded theme and a site's overrides, the template
//!   functions (`t`, `url`, `asset_url`), and template errors as located diagnostics.
//! - [`assets`]: content hashes of static files (cache-busting URLs) and image sizes.
//! - [`context`]: what templates see (`site`, `page`, `section`, `nav`), and the parts of it
//!   that are made once, when a page first needs them, and shared by every page
//!   ([`SharedContext`]).
//! - [`page`]: one page's context: its Markdown, banner, translations and search text.
//! - [`nav`]: navigation tree, breadcrumbs and the reading order behind previous/next.
//! - [`links`]: how a page's links and images become hrefs of the built site.
//! - [`site_files`]: the files that are not pages: 404, sitemap, robots.txt, redirects.
//! - [`plan`]: which file goes where, with every collision found before anything is written.
//! - [`offline`]: the offline worker and the manifests of what it keeps, from the files
//!   written.
//! - [`print`]: the print page, each language's pages on one page, from the bodies they
//!   were rendered with; [`print_html`] rewrites a body's ids and links for it.

mod assets;
mod context;
mod links;
pub use links::included_file;
mod nav;
mod offline;
mod page;
mod plan;
mod print;
mod print_html;
mod site_files;
mod templates;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use tera::{Context, Tera};
use walkdir::WalkDir;

use crate::config::{Config, Print};
use crate::content::{CONTENT_DIR, Library, Page, PageKind, Section, is_ignored_file};
use crate::diagnostic::{Diagnostic, Failure};
use crate::markdown;
use crate::output::{FileContents, OutputFile};
use crate::search::{IndexBuilder, SearchDoc};

use assets::{AssetVersions, ImageSizes};
pub use context::SharedContext;
use context::{PageContext, alternates};
pub use offline::WORKER_PATH;
pub use print::{PRINT_TEMPLATE, PrintFacts, print_site_path};
use print::{PrintBook, PrintPart, PrintedPart};
use templates::template_diagnostic;
pub use templates::{EMBEDDED_STATIC, EMBEDDED_TEMPLATES};

pub const TEMPLATES_DIR: &str = "templates";
pub const STATIC_DIR: &str = "static";

/// A file the dev server asked for: the file (unless rendering failed) and what was found.
pub type Served = (Option<OutputFile>, Vec<Diagnostic>);

/// What rendering the whole site found (its files went to the sink).
pub struct SiteRender {
    pub diagnostics: Vec<Diagnostic>,
    /// What each page and section page holds, for the checker (when asked for).
    pub pages: Vec<PageFacts>,
    /// What each print page holds, for the checker (when asked for).
    pub print: Vec<PrintFacts>,
}

/// One rendered page: its file (unless rendering failed), what was found, and its facts.
pub struct RenderedPage {
    pub file: Option<OutputFile>,
    pub diagnostics: Vec<Diagnostic>,
    pub facts: PageFacts,
    /// What the print page shows of it (unless the site has no print pages).
    pub print: Option<PrintPart>,
}

/// What a page holds that the checker looks at, from the same rendering that built it.
#[derive(Debug, Default)]
pub struct PageFacts {
    /// Source relative to `content/` (`en/ops.md`; `en/guides/_index.md` for a section).
    pub source: PathBuf,
    /// The page as search sees it (title, URL, section and text).
    pub search: Option<SearchDoc>,

    pub site_path: String,
    pub anchors: Vec<String>,
    pub links: Vec<markdown::LinkFact>,
    pub headings: Vec<(u8, usize)>,
}

impl PageFacts {
    fn new(page: &Page) -> PageFacts {
        PageFacts {
            source: page.source.clone(),
            site_path: page.site_path.clone(),
            ..PageFacts::default()
        }
    }
}

/// The templates and static files of a site, ready to render any page of its library.
pub struct Renderer {
    tera: Tera,
    config: Arc<Config>,
    root: PathBuf,
    /// Site path of every file in `static/` → its path on disk.
    static_files: BTreeMap<String, PathBuf>,
    /// Which templates came from the site's own `templates/` (for error locations).
    site_templates: HashSet<String>,
    /// Whether a template prints `nav_html` (see [`templates::Templates`]).
    prints_nav_html: bool,
    versions: Arc<AssetVersions>,
    /// Last commits of content files, for "last updated" (git only: builds stay reproducible).
    history: crate::history::History,
    image_sizes: ImageSizes,
    /// Every diagram drawn so far, by source (a build draws each distinct one once).
    diagrams: crate::diagram::Diagrams,
}

impl Renderer {
    pub fn new(root: &Path, config: Arc<Config>) -> Result<Renderer, Failure> {
        let versions = Arc::new(AssetVersions::new(root.join(STATIC_DIR)));
        let templates::Templates {
            tera,
            site_templates,
            prints_nav_html,
        } = templates::load(root, &config, &versions)?;
        let static_files: BTreeMap<String, PathBuf> =
            files_below(&root.join(STATIC_DIR)).into_iter().collect();
        Ok(Renderer {
            tera,
            config,
            root: root.to_path_buf(),
            static_files,
            site_templates,
            prints_nav_html,
            versions,
            history: crate::history::History::read(root, false),
            image_sizes: ImageSizes::default(),
            diagrams: crate::diagram::Diagrams::default(),
        })
    }

    /// Renders every page, section and front page of the site, plus 404, sitemap, robots.txt,
    /// redirects and the static files, handing each file to `sink` as soon as it is ready
    /// (in parallel, in no particular order). Errors of all pages are collected, not only the
    /// first. With `keep_facts`, what each page holds is kept for the checker.
    pub fn render_site(
        &self,
        library: &Library,
        keep_facts: bool,
        sink: &(dyn Fn(&OutputFile) -> Result<(), Failure> + Sync),
    ) -> Result<SiteRender, Failure> {
        let plan = self.plan_files(library);
        // Every file on its way to the writer is also seen by the offline copies.
        let offline = (self.config.offline == crate::config::Offline::On)
            .then(|| offline::OfflineCopies::new(&self.config, &plan.redirects));
        let with_offline = &|file: &OutputFile| {
            if let Some(copies) = &offline {
                copies.add(file)?;
            }
            sink(file)
        };
        let shared = SharedContext::new(self, library);
        let run = SiteRun {
            renderer: self,
            library,
            keep_facts,
            sink: with_offline,
            default_front: format!("{}/index.html", self.config.default_language),
            search: self.config.search.then(|| self.search_index(library)),
            books: (plan.print.iter())
                .map(|lang| PrintBook::new(&shared, &self.config, library, lang, &plan.blocked))
                .collect(),
        };
        let results = run.render_pages(&shared, &plan.blocked)?;
        let mut diagnostics = plan.diagnostics;
        let mut pages = Vec::new();
        let mut parts: Vec<HashMap<String, PrintedPart>> =
            run.books.iter().map(|_| HashMap::new()).collect();
        for (mut found, facts, part) in results {
            diagnostics.append(&mut found);
            pages.extend(facts);
            if let Some((book, site_path, part)) = part {
                parts[book].insert(site_path, part);
            }
        }
        let (mut print_errors, print) = self.print_pages(
            library,
            &shared,
            &run.books,
            parts,
            keep_facts,
            with_offline,
        )?;
        if let Some(index) = run.search {
            index.finish().par_iter().try_for_each(with_offline)?;
        }
        match self.render_not_found(library, &shared) {
            Ok(file) => with_offline(&file)?,
            Err(d) => diagnostics.push(d),
        }
        plan.files.par_iter().try_for_each(with_offline)?;
        if let Some(copies) = offline {
            let (manifests, warnings) = copies.finish(offline::build_time());
            manifests.iter().try_for_each(sink)?;
            diagnostics.extend(warnings);
        }
        diagnostics.append(&mut print_errors);
        Ok(SiteRender {
            diagnostics,
            pages,
            print,
        })
    }

    /// The search index to fill while rendering: every titled page and section.
    fn search_index(&self, library: &Library) -> IndexBuilder {
        let base = &self.config.base_url;
        let pages = library
            .pages
            .values()
            .filter(|page| {
                page.kind == PageKind::Page
                    && !page.site_path.is_empty()
                    && !page.title_or_empty().is_empty()
            })
            .map(|page| {
                (
                    page.lang.as_str(),
                    page.source.clone(),
                    base.href(&page.site_path),
                )
            });
        let sections = library
            .sections
            .values()
            .filter(|section| {
                !library.is_fallback_section(section)
                    && !library.section_title(section, &self.config).is_empty()
            })
            .map(|section| {
                let source = section
                    .index
                    .clone()
                    .unwrap_or_else(|| section.dir.join("_index.md"));
                (section.lang.as_str(), source, base.href(&section.site_path))
            });
        IndexBuilder::new(pages.chain(sections))
    }

    /// Renders one regular page. Returns its file (unless it failed) and what was found.
    pub fn render_page(
        &self,
        library: &Library,
        shared: &SharedContext,
        page: &Page,
    ) -> RenderedPage {
        let mut diagnostics = Vec::new();
        let mut facts = PageFacts::new(page);
        let page_context = self.page_context(library, shared, page, &mut diagnostics, &mut facts);
        let template = page.front.template.as_deref().unwrap_or("page.html");
        let (file, mut found) = self.render_in_folder(
            library,
            shared,
            page,
            &page.section,
            &page_context,
            template,
        );
        diagnostics.append(&mut found);
        RenderedPage {
            file,
            diagnostics,
            facts,
            print: (self.config.print != Print::Never).then(|| PrintPart::new(page_context)),
        }
    }

    /// Renders a section listing, or a language's front page for the language folder.
    pub fn render_section(
        &self,
        library: &Library,
        shared: &SharedContext,
        section: &Section,
    ) -> RenderedPage {
        let mut diagnostics = Vec::new();
        let index = section.index.as_ref().and_then(|i| library.page(i));
        let synthetic;
        let page = match index {
            Some(page) => page,
            None => {
                synthetic = listing_stub(section);
                &synthetic
            }
        };
        let mut facts = PageFacts::new(page);
        let mut page_context =
            self.page_context(library, shared, page, &mut diagnostics, &mut facts);
        page_context.title = library.section_title(section, &self.config).to_string();
        if let Some(search) = &mut facts.search {
            search.title = page_context.title.clone();
        }
        page_context.kind = if section.is_language_root() {
            "front"
        } else {
            "section"
        };
        page_context.translations = self.section_translations(library, shared, section);
        page_context.alternates = if page_context.fallback.is_some() {
            Vec::new()
        } else {
            alternates(
                &self.config,
                &section.lang,
                &page_context.permalink,
                &page_context.translations,
            )
        };
        let template = page
            .front
            .template
            .as_deref()
            .unwrap_or(if section.is_language_root() {
                "index.html"
            } else {
                "section.html"
            });
        let (file, mut found) =
            self.render_in_folder(library, shared, page, &section.dir, &page_context, template);
        diagnostics.append(&mut found);
        RenderedPage {
            file,
            diagnostics,
            facts,
            print: (self.config.print != Print::Never).then(|| PrintPart::new(page_context)),
        }
    }

    /// Renders `page_context` with `template` for `page`, of the section folder `dir`: with
    /// the shared context (`lang`, `site`, `nav`) and the folder's listing as `section`.
    fn render_in_folder(
        &self,
        library: &Library,
        shared: &SharedContext,
        page: &Page,
        dir: &Path,
        page_context: &PageContext,
        template: &str,
    ) -> (Option<OutputFile>, Vec<Diagnostic>) {
        let base = shared.base_context(self, library, &page.lang, dir, &page_context.url);
        let mut context = match base {
            Ok(context) => context,
            Err(problem) => {
                let file = page.file();
                let help = format!("while rendering {}", file.display());
                return (None, vec![problem.help(help)]);
            }
        };
        context.insert("page", page_context);
        if let Some(listing) = shared.listing(self, library, dir) {
            context.insert_value("section", listing);
        }
        let mut diagnostics = Vec::new();
        let file = self.render_template(template, &context, page, &mut diagnostics);
        (file, diagnostics)
    }

    fn render_template(
        &self,
        template: &str,
        context: &Context,
        page: &Page,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<OutputFile> {
        if !self.tera.contains_template(template) {
            diagnostics.push(
                Diagnostic::error(
                    "template",
                    page.file(),
                    format!("template `{template}` does not exist"),
                )
                .at_line_of(page.template_line)
                .help("put it in templates/, or remove `template:` to use the default"),
            );
            return None;
        }
        match self.tera.render(template, context) {
            Ok(html) => Some(OutputFile {
                path: format!("{}index.html", page.site_path.trim_start_matches('/')),
                contents: FileContents::Bytes(html.into_bytes()),
            }),
            Err(error) => {
                diagnostics.push(template_diagnostic(
                    &error,
                    &self.site_templates,
                    Some(page),
                ));
                None
            }
        }
    }
}

impl Renderer {
    /// Notes that the file of `static/` at `site_path` was created, changed or deleted.
    pub fn update_static_file(&mut self, site_path: &str) {
        self.versions.forget(site_path);
        self.forget_image_sizes();
        let disk = self
            .root
            .join(STATIC_DIR)
            .join(site_path.trim_start_matches('/'));
        if disk.is_file() {
            self.static_files.insert(site_path.to_string(), disk);
        } else {
            // A deleted folder takes every file below it.
            let folder = format!("{}/", site_path.trim_end_matches('/'));
            self.static_files
                .retain(|path, _| path != site_path && !path.starts_with(&folder));
            if disk.is_dir() {
                for (path, file) in files_below(&disk) {
                    self.static_files
                        .insert(format!("{}{path}", site_path.trim_end_matches('/')), file);
                }
            }
        }
    }

    /// Images may have changed size: read their headers again when next needed.
    pub fn forget_image_sizes(&self) {
        self.image_sizes.forget();
    }

    /// The file the built site has at `path` (relative to its root, `en/ops/index.html`),
    /// rendered on demand from the model: what the dev server serves. `None` when the site
    /// has no such file.
    pub fn render_file(
        &self,
        library: &Library,
        shared: &SharedContext,
        path: &str,
    ) -> Option<Served> {
        let one = |file: OutputFile| Some((Some(file), Vec::new()));
        match path {
            "index.html" => return self.root_front_page(library, shared),
            "404.html" => {
                return Some(match self.render_not_found(library, shared) {
                    Ok(file) => (Some(file), Vec::new()),
                    Err(d) => (None, vec![d]),
                });
            }
            // As in a build, a file of `static/` replaces these.
            "sitemap.xml" if !self.static_file_exists("/sitemap.xml") => {
                return one(self.sitemap(library));
            }
            "robots.txt" if !self.static_file_exists("/robots.txt") => return one(self.robots()),
            _ => {}
        }
        if let Some(lang) = self
            .print_languages(library)
            .into_iter()
            .find(|lang| format!("/{path}") == format!("{}index.html", print_site_path(lang)))
        {
            return Some(match self.render_print_alone(library, shared, lang) {
                Ok(file) => (Some(file), Vec::new()),
                Err(d) => (None, vec![d]),
            });
        }
        if let Some(file) = self.redirect_at(library, path) {
            return one(file);
        }
        if let Some(dir) = path.strip_suffix("index.html")
            && let Some(source) = library.source_at(&format!("/{dir}"))
        {
            return self.page_or_section_at(library, shared, source);
        }
        self.copied_file(library, path).and_then(one)
    }

    /// `/`: the default language's front page.
    fn root_front_page(&self, library: &Library, shared: &SharedContext) -> Option<Served> {
        let root = library
            .sections
            .get(Path::new(&self.config.default_language))?;
        let rendered = self.render_section(library, shared, root);
        let file = rendered.file.map(|f| OutputFile {
            path: "index.html".into(),
            ..f
        });
        Some((file, rendered.diagnostics))
    }

    /// The redirect page of an alias written as `/path` or `/folder/`, if one is at `path`.
    fn redirect_at(&self, library: &Library, path: &str) -> Option<OutputFile> {
        [
            format!("/{path}"),
            format!("/{}", path.trim_end_matches("index.html")),
        ]
        .into_iter()
        .find_map(|alias| {
            let page = library.page(library.aliases.get(&alias)?)?;
            Some(OutputFile {
                path: path.into(),
                ..self.redirect(&alias, page)
            })
        })
    }

    /// The page, section page or folder listing published from `source`.
    fn page_or_section_at(
        &self,
        library: &Library,
        shared: &SharedContext,
        source: &Path,
    ) -> Option<Served> {
        let rendered = match library.page(source) {
            Some(page) if page.kind == PageKind::Page => self.render_page(library, shared, page),
            Some(page) => {
                self.render_section(library, shared, library.sections.get(&page.section)?)
            }
            None => self.render_section(library, shared, library.sections.get(source)?),
        };
        Some((rendered.file, rendered.diagnostics))
    }

    /// A file of `static/`, of the theme, or beside a page, copied as it is.
    fn copied_file(&self, library: &Library, path: &str) -> Option<OutputFile> {
        let site_path = format!("/{path}");
        let contents = if let Some(disk) = self.static_files.get(&site_path) {
            FileContents::Copy(disk.clone())
        } else if let Some((_, bytes)) = EMBEDDED_STATIC.iter().find(|(p, _)| *p == site_path) {
            FileContents::Embedded(bytes)
        } else if library.assets.contains(Path::new(path)) {
            FileContents::Copy(self.root.join(CONTENT_DIR).join(path))
        } else {
            return None;
        };
        Some(OutputFile {
            path: path.into(),
            contents,
        })
    }

    pub fn static_file_exists(&self, site_path: &str) -> bool {
        self.static_files.contains_key(site_path)
            || EMBEDDED_STATIC.iter().any(|(p, _)| *p == site_path)
    }
}

/// What rendering one page leaves for the site: its errors, its facts (for the checker) and
/// its part of the print page (by book, and site path).
/// One whole-site render: where each rendered page goes (the sink, the search index, the
/// print pages) and what is kept of it.
struct SiteRun<'r> {
    renderer: &'r Renderer,
    library: &'r Library,
    keep_facts: bool,
    sink: &'r (dyn Fn(&OutputFile) -> Result<(), Failure> + Sync),
    default_front: String,
    search: Option<IndexBuilder>,
    books: Vec<PrintBook>,
}

impl SiteRun<'_> {
    /// Every page and section page the plan does not leave out, rendered in parallel.
    fn render_pages(
        &self,
        shared: &SharedContext,
        blocked: &HashSet<String>,
    ) -> Result<Vec<Emitted>, Failure> {
        let (renderer, library) = (self.renderer, self.library);
        library
            .pages
            .par_iter()
            .chain(library.fallbacks.pages.par_iter())
            .filter(|(_, page)| {
                page.kind == PageKind::Page
                    && !page.site_path.is_empty()
                    && !blocked.contains(&page.site_path)
            })
            .map(|(_, page)| self.emit(renderer.render_page(library, shared, page)))
            .chain(
                library
                    .sections
                    .par_iter()
                    .filter(|(_, section)| !blocked.contains(&section.site_path))
                    .map(|(_, section)| {
                        self.emit(renderer.render_section(library, shared, section))
                    }),
            )
            .collect()
    }

    /// Hands a rendered page to the sink, the search index and the print pages.
    fn emit(&self, mut rendered: RenderedPage) -> Result<Emitted, Failure> {
        // Rewritten for the print page at once, in parallel like the rendering.
        let site_path = &rendered.facts.site_path;
        let print = (rendered.print.take())
            .and_then(|part| self.renderer.place_in_books(&self.books, site_path, part));
        // What a fallback shows is its original's, which reports and is searched.
        if (self.library.fallbacks)
            .original_of(&rendered.facts.source)
            .is_some()
        {
            if let Some(file) = &rendered.file {
                (self.sink)(file)?;
            }
            return Ok((Vec::new(), None, print));
        }
        if let Some(file) = &rendered.file {
            (self.sink)(file)?;
            // The root page is the default language's front page, so `/` always works.
            if file.path == self.default_front {
                (self.sink)(&OutputFile {
                    path: "index.html".into(),
                    contents: file.contents.clone(),
                })?;
            }
        }
        let doc = rendered.facts.search.take();
        if let (Some(index), Some(doc)) = (&self.search, doc)
            && let Some(fragment) = index.add(&rendered.facts.source, &doc)
        {
            (self.sink)(&fragment)?;
        }
        Ok((
            rendered.diagnostics,
            self.keep_facts.then_some(rendered.facts),
            print,
        ))
    }
}

type Emitted = (
    Vec<Diagnostic>,
    Option<PageFacts>,
    Option<(usize, String, PrintedPart)>,
);

/// The page behind a folder without `_index.md`: it still gets a listing page.
fn listing_stub(section: &Section) -> Page {
    Page {
        source: section.dir.join("_index.md"),
        kind: PageKind::SectionIndex,
        lang: section.lang.clone(),
        front: Default::default(),
        title: None,
        title_heading: None,
        banner_line: None,
        aliases_line: None,
        template_line: None,
        review: Default::default(),
        body: String::new(),
        body_line: 1,
        site_path: section.site_path.clone(),
        section: section.dir.clone(),
        translation_key: String::new(),
    }
}

/// Every file below `dir` as (site path with `/` separators, path on disk), skipping the files
/// editors leave behind.
pub fn files_below(dir: &Path) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    // Linked files and folders are the site's too (shared images, a common folder).
    WalkDir::new(dir)
        .follow_links(true)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_str().is_some_and(is_ignored_file))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let relative = e.path().strip_prefix(dir).ok()?;
            let site_path: String = relative
                .components()
                .map(|c| format!("/{}", c.as_os_str().to_string_lossy()))
                .collect();
            Some((site_path, e.path().to_path_buf()))
        })
        .collect()
}
