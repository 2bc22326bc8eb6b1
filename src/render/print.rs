//! The print page: the whole handbook of one language on one page, `/<lang>/print/`, for
//! paper, for a PDF kept beside the runbooks, and for reading when the site is down.
//!
//! As mdBook 0.5's `print.rs` builds its print view from the chapters it rendered, this puts
//! together the bodies the pages were rendered with (Markdown is never rendered twice), in
//! reading order (that of previous/next), each under its title, rewritten by
//! [`super::print_html`] to live on one page: ids prefixed by their page's anchor, links to
//! pages of the print page made in-page, relative URLs made absolute.
//!
//! `build` and `check` make it from the pages they render anyway; `serve` renders it when
//! it is asked for (it needs every page's body), so an edit never waits for it.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use super::context::{FallbackContext, PageContext, SafeHtml, SharedContext, alternates};
use super::page::Twin;
use super::print_html::{PagePlace, Pages, for_print};
use super::templates::template_diagnostic;
use super::{Renderer, TEMPLATES_DIR};
use crate::config::{CONFIG_FILE, Config, PRINT_AUTO_MAX_PAGES, Print};
use crate::content::{Library, PageKind};
use crate::diagnostic::{Diagnostic, Failure};
use crate::markdown::THEME_IDS;
use crate::output::{FileContents, OutputFile};
use crate::url::BaseUrl;
use crate::url::slugify;

/// The template of the print page.
pub const PRINT_TEMPLATE: &str = "print.html";

/// Where the print page of `lang` is: `/en/print/`.
pub fn print_site_path(lang: &str) -> String {
    format!("/{lang}/print/")
}

/// One page of the reading order as its own page showed it, kept for the print page.
pub struct PrintPart {
    title: String,
    ingress: Option<String>,
    fallback: Option<FallbackContext>,
    /// The rendered body (a reference-counted string: keeping it copies nothing).
    content: Value,
}

impl PrintPart {
    /// What the print page needs of a page's context, once its own page is rendered.
    pub(super) fn new(page: PageContext) -> PrintPart {
        PrintPart {
            title: page.title,
            ingress: page.ingress,
            fallback: page.fallback,
            content: page.content.0,
        }
    }

    /// The part with its body rewritten for its place on the print page (the rendered body
    /// is let go: a build keeps only this until the print page is written).
    pub(super) fn printed(self, place: &PagePlace) -> PrintedPart {
        PrintedPart {
            body: {
                let mut body = for_print(self.content.as_str().unwrap_or_default(), place);
                // Kept until the print page is made: no room to spare for thousands.
                body.shrink_to_fit();
                body
            },
            title: self.title,
            ingress: self.ingress,
            fallback: self.fallback,
        }
    }
}

/// A part ready for the print page.
pub struct PrintedPart {
    title: String,
    ingress: Option<String>,
    fallback: Option<FallbackContext>,
    body: String,
}

/// The print page of one language before its pages are rendered: the reading order, and
/// each page's anchor on it (which the links of every page need).
pub(super) struct PrintBook {
    pub(super) lang: String,
    /// Site path, depth (0 for the front page) and anchor of each page, in reading order.
    stops: Vec<(String, usize, String)>,
    pages: Pages,
}

impl PrintBook {
    /// The book of `lang`: its reading order without the pages in `left_out` (not
    /// rendered: their URL is taken).
    pub(super) fn new(
        shared: &SharedContext,
        config: &Config,
        library: &Library,
        lang: &str,
        left_out: &HashSet<String>,
    ) -> Self {
        let order: Vec<&(String, usize)> = shared
            .reading_order(config, library, lang)
            .iter()
            .filter(|(path, _)| !left_out.contains(path))
            .collect();
        let anchors = page_anchors(order.iter().map(|(path, _)| path.as_str()), lang);
        let pages = order
            .iter()
            .zip(&anchors)
            .map(|((path, _), anchor)| (path.clone(), anchor.clone()))
            .collect();
        let stops = order
            .into_iter()
            .zip(anchors)
            .map(|((path, depth), anchor)| (path.clone(), *depth, anchor))
            .collect();
        PrintBook {
            lang: lang.to_string(),
            stops,
            pages,
        }
    }

    /// Where the page at `site_path` goes on the print page, if it is on it.
    pub(super) fn place<'a>(
        &'a self,
        site_path: &'a str,
        base: &'a BaseUrl,
    ) -> Option<PagePlace<'a>> {
        Some(PagePlace {
            site_path,
            anchor: self.pages.get(site_path)?,
            pages: &self.pages,
            base,
        })
    }
}

/// What the checker looks at on a print page: its ids and the `#…` its links go to.
#[derive(Debug, Default)]
pub struct PrintFacts {
    pub lang: String,
    pub site_path: String,
    /// The file a finding about it names: the site's own print template, or the theme's.
    pub template: PathBuf,
    pub ids: HashSet<String>,
    /// Every in-page link's fragment, decoded.
    pub fragments: Vec<String>,
}

#[derive(Serialize)]
struct PrintContext<'a> {
    toc: Vec<TocEntry<'a>>,
    parts: Vec<PartContext<'a>>,
}

#[derive(Serialize)]
struct PartContext<'a> {
    anchor: &'a str,
    title: &'a str,
    ingress: Option<&'a str>,
    fallback: Option<&'a FallbackContext>,
    content: SafeHtml,
}

#[derive(Serialize)]
struct TocEntry<'a> {
    anchor: &'a str,
    title: &'a str,
    /// For a fallback page: the language its title is in.
    fallback: Option<&'a str>,
    children: Vec<TocEntry<'a>>,
}

/// Levels of the table of contents; deeper pages are listed at the last one.
const TOC_LEVELS: usize = 3;

impl Renderer {
    /// The languages whose print page the site has: all with a front page, unless
    /// `print: false`, or something else of the site is at its URL; without `print: true`,
    /// only those of at most [`PRINT_AUTO_MAX_PAGES`] pages.
    pub fn print_languages<'a>(&'a self, library: &Library) -> Vec<&'a str> {
        let within_size = |lang: &&str| match self.config.print {
            Print::Always => true,
            Print::Auto => {
                library.regular_pages().filter(|p| p.lang == *lang).count() <= PRINT_AUTO_MAX_PAGES
            }
            Print::Never => false,
        };
        self.config
            .languages
            .iter()
            .map(|l| l.code.as_str())
            .filter(|lang| library.sections.contains_key(Path::new(lang)))
            .filter(within_size)
            .filter(|lang| self.print_taken_by(library, lang).is_none())
            .collect()
    }

    /// What of the site is at a print page's URL, if anything: the site's own file wins.
    fn print_taken_by(&self, library: &Library, lang: &str) -> Option<PathBuf> {
        let site_path = print_site_path(lang);
        if let Some(source) = library.source_at(&site_path) {
            return Some(Path::new(crate::content::CONTENT_DIR).join(source));
        }
        if let Some(target) = library.aliases.get(&site_path) {
            return library.page(target).map(|page| page.file());
        }
        let file = format!("{site_path}index.html");
        if self.static_file_exists(&file) {
            return Some(Path::new(super::STATIC_DIR).join(&file[1..]));
        }
        let asset = Path::new(&file[1..]);
        library
            .assets
            .contains(asset)
            .then(|| Path::new(crate::content::CONTENT_DIR).join(asset))
    }

    /// A warning for each language whose print page is not made because a file of the site
    /// is at its URL.
    pub(super) fn print_collisions(&self, library: &Library) -> Vec<Diagnostic> {
        if self.config.print == Print::Never {
            return Vec::new();
        }
        self.config
            .languages
            .iter()
            .filter_map(|lang| {
                let holder = self.print_taken_by(library, &lang.code)?;
                let site_path = print_site_path(&lang.code);
                Some(
                    Diagnostic::warning(
                        "print",
                        holder,
                        format!(
                            "the print page of `{}` ({site_path}) is not made: this file is published there",
                            lang.code
                        ),
                    )
                    .help(format!(
                        "move or rename it to have the print page, or set `print: false` in {CONFIG_FILE}"
                    )),
                )
            })
            .collect()
    }

    /// A rendered page's part, printed for the book it is in (by index), if any.
    pub(super) fn place_in_books(
        &self,
        books: &[PrintBook],
        site_path: &str,
        part: PrintPart,
    ) -> Option<(usize, String, PrintedPart)> {
        let base = &self.config.base_url;
        let (index, place) = books
            .iter()
            .enumerate()
            .find_map(|(index, book)| Some((index, book.place(site_path, base)?)))?;
        Some((index, site_path.to_string(), part.printed(&place)))
    }

    /// The print page of each book from the parts its pages left, to `sink` as soon as it
    /// is made (and its parts let go); what went wrong, and (with `keep_facts`) what each
    /// holds for the checker.
    pub(super) fn print_pages(
        &self,
        library: &Library,
        shared: &SharedContext,
        books: &[PrintBook],
        parts: Vec<HashMap<String, PrintedPart>>,
        keep_facts: bool,
        sink: &(dyn Fn(&OutputFile) -> Result<(), Failure> + Sync),
    ) -> Result<(Vec<Diagnostic>, Vec<PrintFacts>), Failure> {
        let made: Vec<Result<Result<Option<PrintFacts>, Diagnostic>, Failure>> = books
            .par_iter()
            .zip(parts)
            .map(|(book, parts)| {
                let file = match self.render_print(library, shared, book, &parts) {
                    Ok(file) => file,
                    Err(d) => return Ok(Err(d)),
                };
                drop(parts);
                sink(&file)?;
                Ok(Ok(keep_facts.then(|| self.print_facts(&book.lang, &file))))
            })
            .collect();
        let (mut errors, mut facts) = (Vec::new(), Vec::new());
        for result in made {
            match result? {
                Ok(found) => facts.extend(found),
                Err(d) => errors.push(d),
            }
        }
        Ok((errors, facts))
    }

    /// What the print page shows of the page or section published at `site_path`, rendered
    /// for it alone (the dev server's way; a build keeps what its pages rendered).
    fn print_part_at(
        &self,
        library: &Library,
        shared: &SharedContext,
        site_path: &str,
    ) -> Option<PrintPart> {
        let source = library.source_at(site_path)?;
        let rendered = match library.page(source) {
            Some(page) if page.kind == PageKind::Page => self.render_page(library, shared, page),
            Some(page) => {
                self.render_section(library, shared, library.sections.get(&page.section)?)
            }
            None => self.render_section(library, shared, library.sections.get(source)?),
        };
        rendered.print
    }

    /// The print page of `lang` for the dev server: every page of the language rendered for
    /// it (in parallel), then put together. Only a template error is reported; the pages'
    /// own problems are their own pages'.
    pub(super) fn render_print_alone(
        &self,
        library: &Library,
        shared: &SharedContext,
        lang: &str,
    ) -> Result<OutputFile, Diagnostic> {
        let book = PrintBook::new(shared, &self.config, library, lang, &HashSet::new());
        let base = &self.config.base_url;
        let parts: HashMap<String, PrintedPart> = book
            .stops
            .par_iter()
            .filter_map(|(site_path, ..)| {
                let part = self.print_part_at(library, shared, site_path)?;
                let printed = part.printed(&book.place(site_path, base)?);
                Some((site_path.clone(), printed))
            })
            .collect();
        self.render_print(library, shared, &book, &parts)
    }

    /// The print page of a book from the parts its pages left (by site path). Tera lays
    /// out the page with a short placeholder for each body, which goes in afterwards: the
    /// bodies (megabytes of them) are copied once, not into and out of the template.
    pub(super) fn render_print(
        &self,
        library: &Library,
        shared: &SharedContext,
        book: &PrintBook,
        parts: &HashMap<String, PrintedPart>,
    ) -> Result<OutputFile, Diagnostic> {
        let on_page: Vec<(usize, &str, &PrintedPart)> = book
            .stops
            .iter()
            .filter_map(|(path, depth, anchor)| Some((*depth, anchor.as_str(), parts.get(path)?)))
            .collect();
        let print = PrintContext {
            toc: toc(&on_page),
            parts: on_page
                .iter()
                .enumerate()
                .map(|(i, (_, anchor, part))| PartContext {
                    anchor,
                    title: &part.title,
                    ingress: part.ingress.as_deref(),
                    fallback: part.fallback.as_ref(),
                    content: SafeHtml(Value::safe_string(&placeholder(i))),
                })
                .collect(),
        };
        let lang = book.lang.as_str();
        let page = self.print_page_context(shared, lang);
        let mut context = shared.base_context(self, library, lang, Path::new(lang), &page.url)?;
        context.insert("page", &page);
        context.insert("print", &print);
        let layout = self
            .tera
            .render(PRINT_TEMPLATE, &context)
            .map_err(|error| template_diagnostic(&error, &self.site_templates, None))?;
        let bodies: Vec<&str> = on_page
            .iter()
            .map(|(.., part)| part.body.as_str())
            .collect();
        Ok(OutputFile {
            path: format!("{}index.html", &print_site_path(lang)[1..]),
            contents: FileContents::Bytes(fill_placeholders(&layout, &bodies).into_bytes()),
        })
    }

    /// The `page` of the print page: the handbook's title, and a switcher to the other
    /// languages' print pages.
    fn print_page_context(&self, shared: &SharedContext, lang: &str) -> PageContext {
        let base = &self.config.base_url;
        let site_path = print_site_path(lang);
        let permalink = base.permalink(&site_path);
        let titles: HashMap<&str, &str> = self
            .config
            .languages
            .iter()
            .map(|l| (l.code.as_str(), l.title.as_str()))
            .collect();
        let translations = self.translation_links(shared, lang, |other| {
            Some(Twin::real(
                print_site_path(other),
                titles.get(other).copied().unwrap_or_default(),
            ))
        });
        PageContext {
            kind: "print",
            title: titles.get(lang).copied().unwrap_or_default().to_string(),
            url: base.href(&site_path),
            canonical: permalink.clone(),
            alternates: alternates(&self.config, lang, &permalink, &translations),
            permalink,
            lang: lang.to_string(),
            translations,
            ..PageContext::default()
        }
    }

    /// What the checker needs of a rendered print page.
    pub(super) fn print_facts(&self, lang: &str, file: &OutputFile) -> PrintFacts {
        let html = match &file.contents {
            FileContents::Bytes(bytes) => String::from_utf8_lossy(bytes),
            _ => Default::default(),
        };
        let (ids, fragments) = super::print_html::ids_and_fragments(&html);
        let template = if self.site_templates.contains(PRINT_TEMPLATE) {
            Path::new(TEMPLATES_DIR).join(PRINT_TEMPLATE)
        } else {
            PathBuf::from(format!("(built-in theme) {PRINT_TEMPLATE}"))
        };
        PrintFacts {
            lang: lang.to_string(),
            site_path: print_site_path(lang),
            template,
            ids,
            fragments,
        }
    }
}

/// Each page's anchor on the print page, from its path below the language's front page
/// (`/en/guides/deploy/` → `guides-deploy`; the front page's is `front`). Slugs join words
/// with single dashes, so no anchor holds the `--` that joins it to a heading's id, and
/// prefixed ids never meet the anchors or the theme's ids; a repeat gets a number.
fn page_anchors<'a>(paths: impl Iterator<Item = &'a str>, lang: &str) -> Vec<String> {
    let mut used: HashSet<String> = THEME_IDS
        .iter()
        .chain(&["top"])
        .map(|id| id.to_string())
        .collect();
    let front = format!("/{lang}/");
    paths
        .map(|path| {
            let below = path.strip_prefix(&front).unwrap_or(path);
            let slug: Vec<String> = below
                .split('/')
                .map(slugify)
                .filter(|s| !s.is_empty())
                .collect();
            let base = match slug.join("-") {
                joined if !joined.is_empty() => joined,
                _ if below.trim_matches('/').is_empty() => "front".to_string(),
                _ => "page".to_string(),
            };
            let mut anchor = base.clone();
            let mut n = 1;
            while !used.insert(anchor.clone()) {
                n += 1;
                anchor = format!("{base}-{n}");
            }
            anchor
        })
        .collect()
}

/// The table of contents: the front page and the pages and sections below it at the top
/// level, each section's pages and subsections below it.
fn toc<'a>(on_page: &[(usize, &'a str, &'a PrintedPart)]) -> Vec<TocEntry<'a>> {
    let mut entries = on_page
        .iter()
        .map(|(depth, anchor, part)| {
            let level = depth.saturating_sub(1).min(TOC_LEVELS - 1);
            let entry = TocEntry {
                anchor,
                title: &part.title,
                fallback: part.fallback.as_ref().map(|f| f.lang.as_str()),
                children: Vec::new(),
            };
            (level, entry)
        })
        .peekable();
    nest(&mut entries, 0)
}

/// What stands for the body of part `index` in the laid-out print page: a comment, which
/// nothing the template prints of a page can hold (its text is escaped).
fn placeholder(index: usize) -> String {
    format!("{PLACEHOLDER}{index}-->")
}

const PLACEHOLDER: &str = "<!--handbok:print-part:";

/// The laid-out print page with each placeholder replaced by its body.
fn fill_placeholders(layout: &str, bodies: &[&str]) -> String {
    let mut html =
        String::with_capacity(layout.len() + bodies.iter().map(|b| b.len()).sum::<usize>());
    let mut rest = layout;
    while let Some(at) = memchr::memmem::find(rest.as_bytes(), PLACEHOLDER.as_bytes()) {
        html.push_str(&rest[..at]);
        let after = &rest[at + PLACEHOLDER.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let body = after[..digits]
            .parse::<usize>()
            .ok()
            .filter(|_| after[digits..].starts_with("-->"))
            .and_then(|index| bodies.get(index));
        match body {
            Some(body) => {
                html.push_str(body);
                rest = &after[digits + 3..];
            }
            None => {
                html.push_str(PLACEHOLDER);
                rest = after;
            }
        }
    }
    html.push_str(rest);
    html
}

/// The entries at `level` or deeper, each with the deeper ones after it as its children.
fn nest<'a>(
    entries: &mut std::iter::Peekable<impl Iterator<Item = (usize, TocEntry<'a>)>>,
    level: usize,
) -> Vec<TocEntry<'a>> {
    let mut list = Vec::new();
    while let Some((_, mut entry)) = entries.next_if(|(l, _)| *l >= level) {
        if entries.peek().is_some_and(|(l, _)| *l > level) {
            entry.children = nest(entries, level + 1);
        }
        list.push(entry);
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_with_their_bodies() {
        let layout = format!(
            "<h1>A</h1>{}<h1>B</h1>{}{}{PLACEHOLDER}x-->",
            placeholder(0),
            placeholder(1),
            placeholder(7)
        );
        assert_eq!(
            fill_placeholders(&layout, &["<p>a</p>", "<p>b</p>"]),
            format!(
                "<h1>A</h1><p>a</p><h1>B</h1><p>b</p>{}{PLACEHOLDER}x-->",
                placeholder(7)
            )
        );
    }

    #[test]
    fn page_anchors_are_readable_and_unique() {
        let paths = [
            "/en/",
            "/en/ops/",
            "/en/guides/deploy/",
            "/en/guides-deploy/",
            "/en/main/",
            "/en/Ærlig talt/",
            "/en/!!!/",
        ];
        assert_eq!(
            page_anchors(paths.into_iter(), "en"),
            [
                "front",
                "ops",
                "guides-deploy",
                "guides-deploy-2",
                "main-2",
                "ærlig-talt",
                "page"
            ]
        );
    }
}
