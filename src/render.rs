//! Rendering: Tera setup with the embedded default theme, the template context, and the
//! pages of the site as HTML. Pure with respect to the output: nothing here writes files.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Bound;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Kwargs, State, Tera, Value};
use walkdir::WalkDir;

use crate::config::Config;
use crate::content::library::alias_site_path;
use crate::content::{CONTENT_DIR, Library, Page, PageKind, Section, is_ignored_file};
use crate::diagnostic::{Diagnostic, Failure, Severity, line_column};
use crate::markdown::{self, LinkResolver, ProblemKind, Resolved, TocEntry};
use crate::search::{IndexBuilder, SearchDoc};
use crate::url::decode_path;

pub const TEMPLATES_DIR: &str = "templates";
pub const STATIC_DIR: &str = "static";

/// The default theme's templates, compiled into the binary; a site's `templates/` overrides
/// any of them by name.
pub const EMBEDDED_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("section.html", include_str!("../templates/section.html")),
    ("page.html", include_str!("../templates/page.html")),
    ("404.html", include_str!("../templates/404.html")),
    ("pager.html", include_str!("../templates/pager.html")),
    ("cards.html", include_str!("../templates/cards.html")),
    (
        "page_header.html",
        include_str!("../templates/page_header.html"),
    ),
];

/// The default theme's static files (site path → bytes); a site's `static/` overrides them.
pub const EMBEDDED_STATIC: &[(&str, &[u8])] = &[
    (
        "/theme/handbok.css",
        include_bytes!("../static/theme/handbok.css"),
    ),
    (
        "/theme/handbok.js",
        include_bytes!("../static/theme/handbok.js"),
    ),
    (
        "/theme/favicon.svg",
        include_bytes!("../static/theme/favicon.svg"),
    ),
    (
        "/theme/highlight.css",
        include_bytes!("../static/theme/highlight.css"),
    ),
    (
        "/theme/search.js",
        include_bytes!("../static/theme/search.js"),
    ),
];

/// One file of the built site. `path` is relative to the output root (`en/ops/index.html`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: FileContents,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileContents {
    Bytes(Vec<u8>),
    /// Copied from this file on disk when written.
    Copy(PathBuf),
    Embedded(&'static [u8]),
}

/// What rendering the whole site found (its files went to the sink).
pub struct SiteRender {
    pub diagnostics: Vec<Diagnostic>,
    /// What each page and section page holds, for the checker (when asked for).
    pub pages: Vec<PageFacts>,
}

/// One rendered page: its file (unless rendering failed), what was found, and its facts.
pub struct RenderedPage {
    pub file: Option<OutputFile>,
    pub diagnostics: Vec<Diagnostic>,
    pub facts: PageFacts,
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
    versions: Arc<AssetVersions>,
    /// Last commits of content files, for "last updated" (git only: builds stay reproducible).
    history: crate::history::History,
    image_sizes: std::sync::Mutex<HashMap<PathBuf, Option<(u32, u32)>>>,
}

/// Content hashes of static files, for cache-busting URLs (`style.css?v=3f9a1c2e`): a host
/// may cache them forever, and a new release is never half-applied. Computed once per file.
struct AssetVersions {
    static_dir: PathBuf,
    cache: std::sync::RwLock<HashMap<String, String>>,
}

impl AssetVersions {
    fn version(&self, site_path: &str) -> Option<String> {
        if let Some(version) = self.cache.read().ok()?.get(site_path) {
            return Some(version.clone());
        }
        let disk = self.static_dir.join(site_path.trim_start_matches('/'));
        let bytes = match std::fs::read(&disk) {
            Ok(bytes) => bytes,
            Err(_) => EMBEDDED_STATIC
                .iter()
                .find(|(p, _)| *p == site_path)?
                .1
                .to_vec(),
        };
        let version = format!("{:016x}", fnv1a(&bytes))[..8].to_string();
        self.cache
            .write()
            .ok()?
            .insert(site_path.to_string(), version.clone());
        Some(version)
    }

    fn forget(&self, site_path: &str) {
        if let Ok(mut cache) = self.cache.write() {
            cache
                .retain(|path, _| path != site_path && !path.starts_with(&format!("{site_path}/")));
        }
    }
}

/// FNV-1a: tiny, fast and the same on every platform and Rust version, which is all a
/// cache-busting hash needs.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl Renderer {
    pub fn new(root: &Path, config: Arc<Config>) -> Result<Renderer, Failure> {
        let mut sources: BTreeMap<String, String> = EMBEDDED_TEMPLATES
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        let mut site_templates = HashSet::new();
        let mut errors = Vec::new();
        for (name, path) in files_below(&root.join(TEMPLATES_DIR)) {
            let name = name.trim_start_matches('/').to_string();
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    site_templates.insert(name.clone());
                    sources.insert(name, text);
                }
                Err(error) => errors.push(Diagnostic::error(
                    "template",
                    Path::new(TEMPLATES_DIR).join(&name),
                    format!("cannot read template: {error}"),
                )),
            }
        }
        if !errors.is_empty() {
            return Err(Failure::Content(errors));
        }
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        let versions = Arc::new(AssetVersions {
            static_dir: root.join(STATIC_DIR),
            cache: Default::default(),
        });
        register_functions(&mut tera, &config, &versions);
        if let Err(error) =
            tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            return Err(Failure::Content(vec![template_diagnostic(
                &error,
                &site_templates,
                None,
            )]));
        }
        let static_files: BTreeMap<String, PathBuf> =
            files_below(&root.join(STATIC_DIR)).into_iter().collect();
        Ok(Renderer {
            tera,
            config,
            root: root.to_path_buf(),
            static_files,
            site_templates,
            versions,
            history: crate::history::History::read(root, false),
            image_sizes: Default::default(),
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
        let shared = SharedContext::new(self, library);
        let default_front = format!("{}/index.html", self.config.default_language);
        let search = self.config.search.then(|| self.search_index(library));
        let emit =
            |mut rendered: RenderedPage| -> Result<(Vec<Diagnostic>, Option<PageFacts>), Failure> {
                if let Some(file) = &rendered.file {
                    sink(file)?;
                    // The root page is the default language's front page, so `/` always works.
                    if file.path == default_front {
                        sink(&OutputFile {
                            path: "index.html".into(),
                            contents: file.contents.clone(),
                        })?;
                    }
                }
                let doc = rendered.facts.search.take();
                if let (Some(index), Some(doc)) = (&search, doc)
                    && let Some(fragment) = index.add(&rendered.facts.source, &doc)
                {
                    sink(&fragment)?;
                }
                Ok((rendered.diagnostics, keep_facts.then_some(rendered.facts)))
            };
        let results: Vec<_> = library
            .pages
            .par_iter()
            .filter(|(_, page)| {
                page.kind == PageKind::Page
                    && !page.site_path.is_empty()
                    && !plan.blocked.contains(&page.site_path)
            })
            .map(|(_, page)| emit(self.render_page(library, &shared, page)))
            .chain(
                library
                    .sections
                    .par_iter()
                    .filter(|(_, section)| !plan.blocked.contains(&section.site_path))
                    .map(|(_, section)| emit(self.render_section(library, &shared, section))),
            )
            .collect::<Result<_, _>>()?;
        let mut diagnostics = plan.diagnostics;
        let mut pages = Vec::new();
        for (mut found, facts) in results {
            diagnostics.append(&mut found);
            pages.extend(facts);
        }
        if let Some(index) = search {
            index.finish().par_iter().try_for_each(sink)?;
        }
        match self.render_not_found(&shared) {
            Ok(file) => sink(&file)?,
            Err(d) => diagnostics.push(d),
        }
        plan.files.par_iter().try_for_each(sink)?;
        Ok(SiteRender { diagnostics, pages })
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
            .filter(|section| !library.section_title(section, &self.config).is_empty())
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
        let mut context = shared.base_context(&page.lang, &page.section);
        context.insert("page", &page_context);
        if let Some(section) = shared.sections.get(&page.section) {
            context.insert_value("section", section.clone());
        }
        let template = page.front.template.as_deref().unwrap_or("page.html");
        let file = self.render_template(template, &context, page, &mut diagnostics);
        RenderedPage {
            file,
            diagnostics,
            facts,
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
                // A folder without `_index.md` still gets a listing page.
                synthetic = Page {
                    source: section.dir.join("_index.md"),
                    kind: PageKind::SectionIndex,
                    lang: section.lang.clone(),
                    front: Default::default(),
                    title: None,
                    title_heading: None,
                    banner_line: None,
                    aliases_line: None,
                    template_line: None,
                    body: String::new(),
                    body_line: 1,
                    site_path: section.site_path.clone(),
                    section: section.dir.clone(),
                    translation_key: String::new(),
                };
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
        page_context.alternates = alternates(
            &self.config,
            &section.lang,
            &page_context.permalink,
            &page_context.translations,
        );
        let mut context = shared.base_context(&section.lang, &section.dir);
        context.insert("page", &page_context);
        if let Some(listing) = shared.sections.get(&section.dir) {
            context.insert_value("section", listing.clone());
        }
        let template = page
            .front
            .template
            .as_deref()
            .unwrap_or(if section.is_language_root() {
                "index.html"
            } else {
                "section.html"
            });
        let file = self.render_template(template, &context, page, &mut diagnostics);
        RenderedPage {
            file,
            diagnostics,
            facts,
        }
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

    fn page_context(
        &self,
        library: &Library,
        shared: &SharedContext,
        page: &Page,
        diagnostics: &mut Vec<Diagnostic>,
        facts: &mut PageFacts,
    ) -> PageContext {
        let links = PageLinks::new(self, library, page);
        let rendered = markdown::render(&page.body, page.title_heading.clone(), &links);
        for problem in rendered.problems {
            let (line, column) = line_column(&page.body, problem.offset);
            let (rule, help) = match problem.kind {
                ProblemKind::MissingImage => (
                    "missing-image",
                    "put the image in static/ or beside the page, or fix the path",
                ),
                ProblemKind::BrokenLink => (
                    "broken-link",
                    "fix the path; links to pages are relative to this file, like `../ops.md`",
                ),
                ProblemKind::Shortcode => (
                    "shortcode",
                    "shortcodes are Hugo's; write the Markdown or HTML it stood for",
                ),
            };
            let d = Diagnostic::error(rule, page.file(), problem.message)
                .at(page.body_line + line - 1, column)
                .help(help);
            diagnostics.push(Diagnostic {
                // A missing picture breaks the page for its readers; the rest only annoys.
                severity: if problem.kind == ProblemKind::MissingImage {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                ..d
            });
        }
        facts.anchors = rendered.anchors;
        facts.links = rendered.links;
        facts.headings = rendered.headings;
        let search_text = rendered.text;
        let search_sections = rendered.sections;
        let banner = page.front.banner_image().and_then(|image| {
            let src = image.src.as_deref()?;
            match links.image(src) {
                Resolved::Href(href) => Some(BannerContext::new(
                    &self.config,
                    href,
                    image.alt.as_deref(),
                    links.image_size(src),
                )),
                Resolved::Keep => Some(BannerContext::new(
                    &self.config,
                    src.to_string(),
                    image.alt.as_deref(),
                    None,
                )),
                Resolved::Missing(message) => {
                    let mut d = Diagnostic::error(
                        "missing-image",
                        page.file(),
                        format!("banner {message}"),
                    )
                    .help("put the image in static/ (for `/…` paths) or beside the page");
                    d.line = page.banner_line.map(|l| l as u32);
                    diagnostics.push(d);
                    None
                }
            }
        });
        let base = &self.config.base_url;
        let (previous, next) = shared.neighbours(&page.lang, &page.site_path);
        let translations = self.page_translations(library, shared, page);
        let ancestors = ancestors(
            library,
            &self.config,
            &page.section,
            page.kind == PageKind::SectionIndex,
        );
        let permalink = base.permalink(&page.site_path);
        facts.search = Some(
            SearchDoc {
                lang: page.lang.clone(),
                url: base.href(&page.site_path),
                title: page.title_or_empty().to_string(),
                section: ancestors
                    .last()
                    .map(|a| a.title.clone())
                    .unwrap_or_default(),
                text: search_text,
                sections: search_sections,
            }
            .with_lead(page.front.ingress.as_deref().unwrap_or_default()),
        );
        PageContext {
            alternates: alternates(&self.config, &page.lang, &permalink, &translations),
            kind: "page",
            title: page.title_or_empty().to_string(),
            ingress: page.front.ingress.clone(),
            subtitle: page.front.subtitle().map(str::to_string),
            banner,
            content: SafeHtml(Value::safe_string(&rendered.html)),
            toc: rendered.toc,
            url: base.href(&page.site_path),
            permalink,
            lang: page.lang.clone(),
            source: page.file().to_string_lossy().replace('\\', "/"),
            translations,
            section: ancestors.last().cloned(),
            // A folder without `_index.md` has no file to edit.
            edit_url: self
                .config
                .edit_url
                .as_ref()
                .filter(|_| library.page(&page.source).is_some())
                .map(|pattern| {
                    pattern.replace("{path}", &page.file().to_string_lossy().replace('\\', "/"))
                }),
            last_updated: self
                .history
                .committed(&page.file())
                .map(crate::history::iso_date),
            ancestors,
            previous,
            next,
        }
    }

    fn page_translations(
        &self,
        library: &Library,
        shared: &SharedContext,
        page: &Page,
    ) -> Vec<TranslationLink> {
        let twins: HashMap<&str, &Page> = library
            .translations_of(page)
            .map(|p| (p.lang.as_str(), p))
            .collect();
        self.translation_links(shared, &page.lang, |lang| {
            twins
                .get(lang)
                .map(|p| (p.site_path.clone(), p.title_or_empty().to_string()))
        })
    }

    fn section_translations(
        &self,
        library: &Library,
        shared: &SharedContext,
        section: &Section,
    ) -> Vec<TranslationLink> {
        let below_lang: PathBuf = section.dir.components().skip(1).collect();
        self.translation_links(shared, &section.lang, |lang| {
            let twin = library.sections.get(&Path::new(lang).join(&below_lang))?;
            Some((
                twin.site_path.clone(),
                library.section_title(twin, &self.config).to_string(),
            ))
        })
    }

    /// One link per other language: to the translation, or to that language's front page
    /// (marked `exists: false`) so the switcher never leads to a 404.
    fn translation_links(
        &self,
        shared: &SharedContext,
        current: &str,
        find: impl Fn(&str) -> Option<(String, String)>,
    ) -> Vec<TranslationLink> {
        let base = &self.config.base_url;
        self.config
            .languages
            .iter()
            .filter(|l| l.code != current)
            .map(|lang| {
                let (site_path, title, exists) = match find(&lang.code) {
                    Some((path, title)) => (path, title, true),
                    None => (
                        format!("/{}/", lang.code),
                        shared.front_title(&lang.code).to_string(),
                        false,
                    ),
                };
                TranslationLink {
                    lang: lang.code.clone(),
                    name: lang.name.clone(),
                    url: base.href(&site_path),
                    permalink: base.permalink(&site_path),
                    title,
                    exists,
                }
            })
            .collect()
    }

    fn section_summary(&self, library: &Library, section: &Section) -> SectionContext {
        let base = &self.config.base_url;
        let index = section.index.as_ref().and_then(|i| library.page(i));
        let card = |page: &Page| Card {
            title: page.title_or_empty().to_string(),
            subtitle: page.front.subtitle().map(str::to_string),
            ingress: page.front.ingress.clone(),
            url: base.href(&page.site_path),
            banner: page.front.banner_image().and_then(|image| {
                let src = image.src.as_deref()?;
                let links = PageLinks::new(self, library, page);
                match links.image(src) {
                    Resolved::Href(href) => Some(BannerContext::new(
                        &self.config,
                        href,
                        image.alt.as_deref(),
                        links.image_size(src),
                    )),
                    _ => None,
                }
            }),
        };
        SectionContext {
            title: library.section_title(section, &self.config).to_string(),
            ingress: index.and_then(|p| p.front.ingress.clone()),
            url: base.href(&section.site_path),
            pages: section
                .pages
                .iter()
                .filter_map(|s| library.page(s))
                .map(card)
                .collect(),
            subsections: section
                .subsections
                .iter()
                .filter_map(|d| library.sections.get(d))
                .map(|sub| {
                    let index = sub.index.as_ref().and_then(|i| library.page(i));
                    Card {
                        title: library.section_title(sub, &self.config).to_string(),
                        subtitle: index.and_then(|p| p.front.subtitle().map(str::to_string)),
                        ingress: index.and_then(|p| p.front.ingress.clone()),
                        url: base.href(&sub.site_path),
                        banner: None,
                    }
                })
                .collect(),
        }
    }

    fn render_not_found(&self, shared: &SharedContext) -> Result<OutputFile, Diagnostic> {
        let lang = self.config.default_language();
        let mut context = shared.base_context(&lang.code, Path::new(&lang.code));
        let page = PageContext {
            kind: "404",
            title: lang
                .string("not_found_title")
                .unwrap_or("Page not found")
                .to_string(),
            url: self.config.base_url.href("/404.html"),
            permalink: self.config.base_url.permalink("/404.html"),
            lang: lang.code.clone(),
            translations: self.translation_links(shared, &lang.code, |_| None),
            ..PageContext::default()
        };
        context.insert("page", &page);
        self.tera
            .render("404.html", &context)
            .map(|html| OutputFile {
                path: "404.html".into(),
                contents: FileContents::Bytes(html.into_bytes()),
            })
            .map_err(|error| template_diagnostic(&error, &self.site_templates, None))
    }

    /// A page at an old path (`aliases`) that sends readers and search engines to the page:
    /// meta refresh, canonical link, and a visible link for people.
    fn redirect(&self, alias: &str, page: &Page) -> OutputFile {
        let base = &self.config.base_url;
        let href = escape_xml(&base.href(&page.site_path));
        let permalink = escape_xml(&base.permalink(&page.site_path));
        let title = escape_xml(page.title_or_empty());
        let html = format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<link rel=\"canonical\" href=\"{permalink}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n</head>\n<body>\n<p><a href=\"{href}\">{title}</a></p>\n</body>\n</html>\n",
            lang = page.lang,
        );
        let path = alias.trim_start_matches('/');
        OutputFile {
            path: if path.ends_with(".html") {
                path.to_string()
            } else {
                format!("{path}index.html")
            },
            contents: FileContents::Bytes(html.into_bytes()),
        }
    }

    /// `sitemap.xml` with every page and its translations as hreflang alternates.
    fn sitemap(&self, library: &Library) -> OutputFile {
        let base = &self.config.base_url;
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
        );
        let mut entries: Vec<(&str, Vec<(&str, &str)>)> = Vec::new();
        for page in library.pages.values().filter(|p| !p.site_path.is_empty()) {
            let mut alternates: Vec<(&str, &str)> = library
                .translations_of(page)
                .map(|t| (t.lang.as_str(), t.site_path.as_str()))
                .collect();
            if !alternates.is_empty() {
                alternates.push((page.lang.as_str(), page.site_path.as_str()));
                alternates.sort();
                // As in the pages' own hreflang links: x-default is the default language's.
                let default = alternates
                    .iter()
                    .find(|(lang, _)| *lang == self.config.default_language)
                    .map_or(page.site_path.as_str(), |(_, path)| *path);
                alternates.push(("x-default", default));
            }
            entries.push((page.site_path.as_str(), alternates));
        }
        for section in library.sections.values().filter(|s| s.index.is_none()) {
            entries.push((section.site_path.as_str(), Vec::new()));
        }
        entries.sort();
        for (site_path, alternates) in entries {
            xml.push_str("  <url>\n    <loc>");
            xml.push_str(&escape_xml(&base.permalink(site_path)));
            xml.push_str("</loc>\n");
            for (lang, path) in alternates {
                xml.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}\"/>\n",
                    escape_xml(&base.permalink(path))
                ));
            }
            xml.push_str("  </url>\n");
        }
        xml.push_str("</urlset>\n");
        OutputFile {
            path: "sitemap.xml".into(),
            contents: FileContents::Bytes(xml.into_bytes()),
        }
    }

    fn robots(&self) -> OutputFile {
        let mut robots = String::from("User-agent: *\nAllow: /\n");
        // Crawlers take only an absolute sitemap URL, which needs a base_url with a host.
        if self.config.base_url.has_origin() {
            let sitemap = self.config.base_url.permalink("/sitemap.xml");
            robots.push_str(&format!("Sitemap: {sitemap}\n"));
        }
        OutputFile {
            path: "robots.txt".into(),
            contents: FileContents::Bytes(robots.into_bytes()),
        }
    }

    /// The files of the site that are not rendered pages: the theme's embedded files (unless
    /// `static/` overrides them), sitemap, robots.txt, `static/`, the files beside pages in
    /// `content/`, and redirects, each checked against every other file of the site before
    /// anything is written. Two writers on one path (or a file where the other needs a
    /// folder) are an error naming the later one, which is left out, so what is written
    /// never depends on which thread comes first. Only `static/robots.txt` and
    /// `static/sitemap.xml` may replace what handbok makes.
    fn plan_files(&self, library: &Library) -> FilePlan {
        let mut paths = OutputPaths::default();
        let mut plan = FilePlan::default();
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

        // Copied files: in the way of any of the above is an error naming the file.
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

        for (alias, target) in &library.aliases {
            let Some(page) = library.page(target) else {
                continue;
            };
            let redirect = self.redirect(alias, page);
            match paths.claim(&redirect.path, Writer::Alias(page)) {
                Ok(()) => plan.files.push(redirect),
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
        plan
    }

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
        if let Ok(mut sizes) = self.image_sizes.lock() {
            sizes.clear();
        }
    }

    /// The file the built site has at `path` (relative to its root, `en/ops/index.html`),
    /// rendered on demand from the model: what the dev server serves. `None` when the site
    /// has no such file.
    pub fn render_file(
        &self,
        library: &Library,
        shared: &SharedContext,
        path: &str,
    ) -> Option<(Option<OutputFile>, Vec<Diagnostic>)> {
        let parts = |r: RenderedPage| (r.file, r.diagnostics);
        let one = |file: OutputFile| Some((Some(file), Vec::new()));
        match path {
            "index.html" => {
                let root = library
                    .sections
                    .get(Path::new(&self.config.default_language))?;
                let (file, found) = parts(self.render_section(library, shared, root));
                return Some((
                    file.map(|f| OutputFile {
                        path: path.into(),
                        ..f
                    }),
                    found,
                ));
            }
            "404.html" => {
                return Some(match self.render_not_found(shared) {
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
        for alias in [
            format!("/{path}"),
            format!("/{}", path.trim_end_matches("index.html")),
        ] {
            if let Some(page) = library
                .aliases
                .get(&alias)
                .and_then(|target| library.page(target))
            {
                return one(OutputFile {
                    path: path.into(),
                    ..self.redirect(&alias, page)
                });
            }
        }
        if let Some(dir) = path.strip_suffix("index.html") {
            let site_path = format!("/{dir}");
            if let Some(source) = library.source_at(&site_path) {
                if let Some(page) = library.page(source) {
                    return Some(match page.kind {
                        PageKind::Page => parts(self.render_page(library, shared, page)),
                        PageKind::SectionIndex => parts(self.render_section(
                            library,
                            shared,
                            library.sections.get(&page.section)?,
                        )),
                    });
                }
                return Some(parts(self.render_section(
                    library,
                    shared,
                    library.sections.get(source)?,
                )));
            }
        }
        let site_path = format!("/{path}");
        if let Some(disk) = self.static_files.get(&site_path) {
            return one(OutputFile {
                path: path.into(),
                contents: FileContents::Copy(disk.clone()),
            });
        }
        if let Some((_, bytes)) = EMBEDDED_STATIC.iter().find(|(p, _)| *p == site_path) {
            return one(OutputFile {
                path: path.into(),
                contents: FileContents::Embedded(bytes),
            });
        }
        let asset = PathBuf::from(path);
        if library.assets.contains(&asset) {
            return one(OutputFile {
                path: path.into(),
                contents: FileContents::Copy(self.root.join(CONTENT_DIR).join(asset)),
            });
        }
        None
    }

    pub fn static_file_exists(&self, site_path: &str) -> bool {
        self.static_files.contains_key(site_path)
            || EMBEDDED_STATIC.iter().any(|(p, _)| *p == site_path)
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
struct FilePlan {
    files: Vec<OutputFile>,
    diagnostics: Vec<Diagnostic>,
    /// Site paths of pages not rendered: their file would collide with one handbok makes.
    blocked: HashSet<String>,
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

/// Parts of the template context shared by many pages, built once per build and cloned
/// cheaply into each page's context (Tera values are reference-counted).
pub struct SharedContext {
    /// Per language: `site`.
    site: HashMap<String, Value>,
    /// Per section folder: `nav`, the tree with that section's ancestors expanded. A page's
    /// navigation shows its own part of the handbook, so its size does not grow with the site.
    nav: HashMap<PathBuf, Value>,
    /// Per section folder: `section`, its listing (title, ingress, pages and subsections).
    sections: HashMap<PathBuf, Value>,
    /// Per language: pages in reading order, for previous/next.
    reading_order: HashMap<String, ReadingOrder>,
    front_titles: HashMap<String, String>,
}

impl SharedContext {
    pub fn new(renderer: &Renderer, library: &Library) -> SharedContext {
        let config = &*renderer.config;
        let base = &config.base_url;
        let mut site_by_language = HashMap::new();
        let mut reading_order = HashMap::new();
        let mut front_titles = HashMap::new();
        for lang in &config.languages {
            let site = SiteContext {
                title: lang.title.clone(),
                home_url: base.href(&format!("/{}/", lang.code)),
                base_url: base.permalink("/"),
                base_path: base.path().to_string(),
                default_language: config.default_language.clone(),
                search_url: config
                    .search
                    .then(|| base.href(&format!("/search/{}/", lang.code))),
                languages: config
                    .languages
                    .iter()
                    .map(|l| LanguageContext {
                        code: l.code.clone(),
                        name: l.name.clone(),
                        title: l.title.clone(),
                        url: base.href(&format!("/{}/", l.code)),
                        is_current: l.code == lang.code,
                    })
                    .collect(),
            };
            let root = library.sections.get(Path::new(&lang.code));
            let mut order = Vec::new();
            if let Some(root) = root {
                walk_reading_order(library, config, root, &mut order);
                let order = ReadingOrder {
                    position: order
                        .iter()
                        .enumerate()
                        .map(|(i, (path, _))| (path.to_string(), i))
                        .collect(),
                    stops: order
                        .iter()
                        .map(|(path, title)| NavLink {
                            url: base.href(path),
                            title: title.to_string(),
                        })
                        .collect(),
                };
                reading_order.insert(lang.code.clone(), order);
                front_titles.insert(
                    lang.code.clone(),
                    library.section_title(root, config).to_string(),
                );
            } else {
                front_titles.insert(lang.code.clone(), lang.title.clone());
            }
            site_by_language.insert(lang.code.clone(), Value::from_serializable(&site));
        }
        let nav = library
            .sections
            .par_iter()
            .filter_map(|(dir, section)| {
                let root = library.sections.get(Path::new(&section.lang))?;
                let tree = nav_children(library, config, root, dir);
                Some((dir.clone(), Value::from_serializable(&tree)))
            })
            .collect();
        // Listings once per section: every page of a section shares its `section`.
        let sections = library
            .sections
            .par_iter()
            .map(|(dir, section)| {
                (
                    dir.clone(),
                    Value::from_serializable(&renderer.section_summary(library, section)),
                )
            })
            .collect();
        SharedContext {
            site: site_by_language,
            nav,
            sections,
            reading_order,
            front_titles,
        }
    }

    /// `lang`, `site` and `nav` for a page of `lang` in the section folder `section`.
    fn base_context(&self, lang: &str, section: &Path) -> Context {
        let mut context = Context::new();
        context.insert("lang", lang);
        if let Some(site) = self.site.get(lang) {
            context.insert_value("site", site.clone());
        }
        let nav = self
            .nav
            .get(section)
            .or_else(|| self.nav.get(Path::new(lang)));
        context.insert_value(
            "nav",
            nav.cloned()
                .unwrap_or_else(|| Value::from_serializable(&Vec::<NavItem>::new())),
        );
        context
    }

    fn front_title(&self, lang: &str) -> &str {
        self.front_titles.get(lang).map_or("", String::as_str)
    }

    fn neighbours(&self, lang: &str, site_path: &str) -> (Option<NavLink>, Option<NavLink>) {
        let Some(order) = self.reading_order.get(lang) else {
            return (None, None);
        };
        let Some(&index) = order.position.get(site_path) else {
            return (None, None);
        };
        let link = |i: usize| order.stops.get(i).cloned();
        (index.checked_sub(1).and_then(link), link(index + 1))
    }
}

struct ReadingOrder {
    stops: Vec<NavLink>,
    /// Site path → index in `stops`.
    position: HashMap<String, usize>,
}

#[derive(Serialize)]
struct SiteContext {
    title: String,
    /// The current language's front page.
    home_url: String,
    base_url: String,
    base_path: String,
    default_language: String,
    languages: Vec<LanguageContext>,
    /// Where this language's search index is, when the site has search.
    search_url: Option<String>,
}

#[derive(Serialize)]
struct LanguageContext {
    code: String,
    name: String,
    title: String,
    url: String,
    is_current: bool,
}

#[derive(Serialize, Default)]
struct PageContext {
    /// `page`, `section`, `front` or `404`.
    kind: &'static str,
    title: String,
    ingress: Option<String>,
    subtitle: Option<String>,
    banner: Option<BannerContext>,
    content: SafeHtml,
    toc: Vec<TocEntry>,
    url: String,
    permalink: String,
    lang: String,
    source: String,
    translations: Vec<TranslationLink>,
    /// hreflang alternates: this page, its translations, and `x-default`.
    alternates: Vec<Alternate>,
    ancestors: Vec<NavLink>,
    /// "Edit this page" link from `edit_url` in site.yaml; none without it.
    edit_url: Option<String>,
    /// `2026-11-24`: the page file's last commit; none outside git.
    last_updated: Option<String>,
    /// The section that lists this page (`url`, `title`); none for front pages.
    section: Option<NavLink>,
    previous: Option<NavLink>,
    next: Option<NavLink>,
}

/// HTML that templates print as is (Tera escapes every other string).
#[derive(Serialize)]
#[serde(transparent)]
struct SafeHtml(Value);

impl Default for SafeHtml {
    fn default() -> Self {
        SafeHtml(Value::safe_string(""))
    }
}

#[derive(Serialize)]
struct BannerContext {
    src: String,
    /// Absolute when base_url has an origin (for Open Graph).
    permalink: String,
    alt: String,
    /// Pixel size, so the page does not shift when the image loads; none when unreadable.
    width: Option<u32>,
    height: Option<u32>,
}

impl BannerContext {
    fn new(
        config: &Config,
        src: String,
        alt: Option<&str>,
        size: Option<(u32, u32)>,
    ) -> BannerContext {
        let permalink = if src.starts_with('/') && !src.starts_with("//") {
            let origin_root = config.base_url.permalink("/");
            let base_path_len = config.base_url.path().len() + 1;
            format!("{}{}", origin_root, &src[base_path_len.min(src.len())..])
        } else {
            src.clone()
        };
        BannerContext {
            src,
            permalink,
            alt: alt.unwrap_or_default().to_string(),
            width: size.map(|s| s.0),
            height: size.map(|s| s.1),
        }
    }
}

#[derive(Serialize)]
struct TranslationLink {
    lang: String,
    name: String,
    url: String,
    permalink: String,
    title: String,
    /// False when the page has no translation and the link goes to the front page.
    exists: bool,
}

#[derive(Serialize)]
struct Alternate {
    hreflang: String,
    href: String,
}

/// This page and its existing translations, plus `x-default` pointing at the default
/// language's version (or this page when that does not exist).
fn alternates(
    config: &Config,
    lang: &str,
    permalink: &str,
    translations: &[TranslationLink],
) -> Vec<Alternate> {
    let mut list = vec![Alternate {
        hreflang: lang.to_string(),
        href: permalink.to_string(),
    }];
    list.extend(translations.iter().filter(|t| t.exists).map(|t| Alternate {
        hreflang: t.lang.clone(),
        href: t.permalink.clone(),
    }));
    list.sort_by(|a, b| a.hreflang.cmp(&b.hreflang));
    let default = list
        .iter()
        .find(|a| a.hreflang == config.default_language)
        .map_or(permalink, |a| a.href.as_str())
        .to_string();
    list.push(Alternate {
        hreflang: "x-default".into(),
        href: default,
    });
    list
}

#[derive(Serialize, Clone)]
struct NavLink {
    url: String,
    title: String,
}

#[derive(Serialize)]
struct SectionContext {
    title: String,
    ingress: Option<String>,
    url: String,
    pages: Vec<Card>,
    subsections: Vec<Card>,
}

#[derive(Serialize)]
struct Card {
    title: String,
    subtitle: Option<String>,
    ingress: Option<String>,
    url: String,
    banner: Option<BannerContext>,
}

#[derive(Serialize)]
struct NavItem {
    title: String,
    subtitle: Option<String>,
    url: String,
    is_section: bool,
    /// A section with pages or subsections (shown or not).
    has_children: bool,
    /// Children are listed only for sections on the way to the current page.
    children: Vec<NavItem>,
}

/// The navigation below `section`, with subsections expanded only on the way to `open`.
fn nav_children(
    library: &Library,
    config: &Config,
    section: &Section,
    open: &Path,
) -> Vec<NavItem> {
    let base = &config.base_url;
    let pages = section
        .pages
        .iter()
        .filter_map(|s| library.page(s))
        .map(|page| NavItem {
            title: page.title_or_empty().to_string(),
            subtitle: page.front.subtitle().map(str::to_string),
            url: base.href(&page.site_path),
            is_section: false,
            has_children: false,
            children: Vec::new(),
        });
    let subsections = section
        .subsections
        .iter()
        .filter_map(|d| library.sections.get(d))
        .map(|sub| NavItem {
            title: library.section_title(sub, config).to_string(),
            subtitle: sub
                .index
                .as_ref()
                .and_then(|i| library.page(i))
                .and_then(|p| p.front.subtitle().map(str::to_string)),
            url: base.href(&sub.site_path),
            is_section: true,
            has_children: !sub.pages.is_empty() || !sub.subsections.is_empty(),
            children: if open.starts_with(&sub.dir) {
                nav_children(library, config, sub, open)
            } else {
                Vec::new()
            },
        });
    pages.chain(subsections).collect()
}

/// Front page, its pages, then each subsection depth-first: the order a book is read in.
fn walk_reading_order<'a>(
    library: &'a Library,
    config: &'a Config,
    section: &'a Section,
    order: &mut Vec<(&'a str, &'a str)>,
) {
    order.push((&section.site_path, library.section_title(section, config)));
    for page in section.pages.iter().filter_map(|s| library.page(s)) {
        order.push((&page.site_path, page.title_or_empty()));
    }
    for sub in section
        .subsections
        .iter()
        .filter_map(|d| library.sections.get(d))
    {
        walk_reading_order(library, config, sub, order);
    }
}

fn ancestors(
    library: &Library,
    config: &Config,
    section_dir: &Path,
    is_section_index: bool,
) -> Vec<NavLink> {
    let mut chain = Vec::new();
    let mut current = library.sections.get(section_dir);
    if is_section_index {
        current = current
            .and_then(|s| s.parent.as_ref())
            .and_then(|p| library.sections.get(p));
    }
    while let Some(section) = current {
        chain.push(NavLink {
            url: config.base_url.href(&section.site_path),
            title: library.section_title(section, config).to_string(),
        });
        current = section
            .parent
            .as_ref()
            .and_then(|p| library.sections.get(p));
    }
    chain.reverse();
    chain
}

/// Resolves the links and images of one page (see the README's "Links and images").
struct PageLinks<'a> {
    renderer: &'a Renderer,
    library: &'a Library,
    /// The page's folder relative to `content/`.
    dir: PathBuf,
    lang: &'a str,
}

impl<'a> PageLinks<'a> {
    fn new(renderer: &'a Renderer, library: &'a Library, page: &'a Page) -> PageLinks<'a> {
        PageLinks {
            renderer,
            library,
            dir: page.source.parent().unwrap_or(Path::new("")).to_path_buf(),
            lang: &page.lang,
        }
    }
}

enum Destination<'a> {
    /// External, `mailto:`, fragment-only and the like: not ours.
    Foreign,
    Local {
        path: String,
        suffix: &'a str,
    },
}

fn classify(destination: &str) -> Destination<'_> {
    let has_scheme = destination.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if destination.is_empty()
        || destination.starts_with('#')
        || destination.starts_with("//")
        || has_scheme
    {
        return Destination::Foreign;
    }
    let cut = destination.find(['?', '#']).unwrap_or(destination.len());
    Destination::Local {
        path: decode_path(&destination[..cut]),
        suffix: &destination[cut..],
    }
}

impl PageLinks<'_> {
    /// `relative` joined to the page's folder, `..` resolved; `None` if it leaves `content/`.
    fn content_path(&self, relative: &str) -> Option<PathBuf> {
        let joined = if let Some(absolute) = relative.strip_prefix('/') {
            PathBuf::from(absolute)
        } else {
            self.dir.join(relative)
        };
        let mut normal = PathBuf::new();
        for component in joined.components() {
            match component {
                Component::Normal(part) => normal.push(part),
                Component::ParentDir if !normal.pop() => return None,
                _ => {}
            }
        }
        Some(normal)
    }

    /// Width and height of a local image, read from its header once per file.
    fn image_size(&self, destination: &str) -> Option<(u32, u32)> {
        let Destination::Local { path, .. } = classify(destination) else {
            return None;
        };
        let disk = match self.renderer.static_files.get(&path) {
            Some(disk) => disk.clone(),
            None => self
                .renderer
                .root
                .join(CONTENT_DIR)
                .join(self.content_path(&path)?),
        };
        let mut sizes = self.renderer.image_sizes.lock().ok()?;
        if let Some(size) = sizes.get(&disk) {
            return *size;
        }
        let size = imagesize::size(&disk)
            .ok()
            .and_then(|s| Some((u32::try_from(s.width).ok()?, u32::try_from(s.height).ok()?)));
        sizes.insert(disk, size);
        size
    }

    fn asset_href(&self, path: &str) -> Option<String> {
        let asset = self.content_path(path)?;
        self.library.assets.contains(&asset).then(|| {
            self.renderer
                .config
                .base_url
                .href(&format!("/{}", asset.to_string_lossy().replace('\\', "/")))
        })
    }
}

impl LinkResolver for PageLinks<'_> {
    fn alert_label(&self, kind: &str) -> String {
        let config = &self.renderer.config;
        let language = config
            .language(self.lang)
            .unwrap_or_else(|| config.default_language());
        language
            .string(kind)
            .or_else(|| config.default_language().string(kind))
            .unwrap_or(kind)
            .to_string()
    }

    fn link(&self, destination: &str) -> Resolved {
        let Destination::Local { path, suffix } = classify(destination) else {
            return Resolved::Keep;
        };
        if path.ends_with(".md") {
            let target = self.content_path(&path);
            return match target
                .as_ref()
                .and_then(|t| self.library.page(t))
                .filter(|p| !p.site_path.is_empty())
            {
                Some(page) => Resolved::Href(format!(
                    "{}{suffix}",
                    self.renderer.config.base_url.href(&page.site_path)
                )),
                None => Resolved::Missing(format!(
                    "link to `{destination}`: there is no page {}",
                    target.map_or_else(
                        || path.clone(),
                        |t| Path::new(CONTENT_DIR).join(t).display().to_string()
                    )
                )),
            };
        }
        if path.starts_with('/') {
            return Resolved::Href(format!(
                "{}{suffix}",
                self.renderer.config.base_url.href(&path)
            ));
        }
        match self.asset_href(&path) {
            Some(href) => Resolved::Href(format!("{href}{suffix}")),
            None => Resolved::Keep,
        }
    }

    fn image(&self, destination: &str) -> Resolved {
        let Destination::Local { path, suffix } = classify(destination) else {
            return Resolved::Keep;
        };
        if path.starts_with('/') {
            if self.renderer.static_file_exists(&path) {
                return Resolved::Href(format!(
                    "{}{suffix}",
                    self.renderer.config.base_url.href(&path)
                ));
            }
            if let Some(href) = self.asset_href(&path) {
                return Resolved::Href(format!("{href}{suffix}"));
            }
            return Resolved::Missing(format!(
                "image `{destination}` is not in static/ (looked for static{path})"
            ));
        }
        match self.asset_href(&path) {
            Some(href) => Resolved::Href(format!("{href}{suffix}")),
            None => Resolved::Missing(format!(
                "image `{destination}` is not beside the page (looked for {})",
                self.content_path(&path).map_or_else(
                    || path.clone(),
                    |p| Path::new(CONTENT_DIR).join(p).display().to_string()
                )
            )),
        }
    }
}

/// `t(key="on_this_page")`: the UI string in the page's language. `url(path="/x.css")`: the
/// href of a site path under the configured base URL.
fn register_functions(tera: &mut Tera, config: &Arc<Config>, versions: &Arc<AssetVersions>) {
    let strings = Arc::clone(config);
    tera.register_function(
        "t",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let key: String = kwargs.must_get("key")?;
            let lang: Option<String> = match kwargs.get::<String>("lang")? {
                Some(lang) => Some(lang),
                None => state.get("lang")?,
            };
            let language = lang
                .as_deref()
                .and_then(|l| strings.language(l))
                .unwrap_or_else(|| strings.default_language());
            language
            .string(&key)
            .or_else(|| strings.default_language().string(&key))
            .map(str::to_string)
            .ok_or_else(|| {
                tera::Error::message(format!(
                    "no UI string `{key}` for language `{}`; add it under `strings` in site.yaml",
                    language.code
                ))
            })
        },
    );
    let (assets, asset_config) = (Arc::clone(versions), Arc::clone(config));
    tera.register_function(
        "asset_url",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let path = site_path_argument(&kwargs)?;
            let version = assets.version(&path).ok_or_else(|| {
                tera::Error::message(format!(
                    "asset_url: there is no file static{path} (nor a theme file of that name)"
                ))
            })?;
            Ok(format!("{}?v={version}", asset_config.base_url.href(&path)))
        },
    );
    let urls = Arc::clone(config);
    tera.register_function(
        "url",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            Ok(urls.base_url.href(&site_path_argument(&kwargs)?))
        },
    );
}

/// The `path` argument of `url` and `asset_url`, as a site path (leading `/` optional).
fn site_path_argument(kwargs: &Kwargs) -> tera::TeraResult<String> {
    let path: String = kwargs.must_get("path")?;
    Ok(if path.starts_with('/') {
        path
    } else {
        format!("/{path}")
    })
}

/// A Tera error as a diagnostic located in the template (and naming the page being rendered).
fn template_diagnostic(
    error: &tera::Error,
    site_templates: &HashSet<String>,
    page: Option<&Page>,
) -> Diagnostic {
    // The located report may sit anywhere in the chain of causes.
    let mut report = None;
    let mut causes = Vec::new();
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(cause) = current {
        match cause.downcast_ref::<tera::Error>().map(tera::Error::kind) {
            Some(tera::ErrorKind::SyntaxError(found) | tera::ErrorKind::RenderingError(found))
                if report.is_none() =>
            {
                report = Some(found);
            }
            _ => causes.push(cause.to_string()),
        }
        current = cause.source();
    }
    let mut d = match report {
        Some(report) => {
            let name = report.filename();
            let file = if site_templates.contains(name) {
                Path::new(TEMPLATES_DIR).join(name)
            } else {
                PathBuf::from(format!("(built-in theme) {name}"))
            };
            let mut message = report.message().to_string();
            for cause in causes.iter().filter(|c| !c.contains(report.message())) {
                message = format!("{cause}: {message}");
            }
            Diagnostic::error("template", file, message)
                .at(report.span().start_line, report.span().start_col + 1)
        }
        // Some errors arrive as a message with the report already rendered into it.
        None => {
            let text = causes.join(": ");
            let located = text.lines().find_map(|line| {
                let (name, position) = line.trim().strip_prefix("--> ")?.split_once(':')?;
                let (line, column) = position.split_once(':')?;
                Some((
                    name.to_string(),
                    line.parse::<usize>().ok()?,
                    column.parse::<usize>().ok()?,
                ))
            });
            let message = text
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("error: ")
                .to_string();
            match located {
                Some((name, line, column)) => {
                    let file = if site_templates.contains(&name) {
                        Path::new(TEMPLATES_DIR).join(&name)
                    } else {
                        PathBuf::from(format!("(built-in theme) {name}"))
                    };
                    Diagnostic::error("template", file, message).at(line, column)
                }
                None => Diagnostic::error("template", TEMPLATES_DIR, text),
            }
        }
    };
    if let Some(page) = page {
        d = d.help(format!("while rendering {}", page.file().display()));
    }
    d
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

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
