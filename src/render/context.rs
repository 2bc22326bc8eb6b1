//! What templates see: the serialised context types (`site`, `page`, `section`, `nav`), and
//! [`SharedContext`], the parts of them made once and shared by many pages.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Serialize;
use tera::{Context, Value};

use super::Renderer;
use super::nav::{ReadingOrder, ancestors, nav_tree, section_entry};
use super::templates::{NAV_TEMPLATE, template_diagnostic};
use crate::config::{Config, Language};
use crate::content::{Library, Section};
use crate::diagnostic::Diagnostic;
use crate::markdown::TocEntry;

/// Parts of the template context shared by many pages, each made the first time a page
/// needs it and then cloned cheaply into every page's context (Tera values are
/// reference-counted). Making them lazily keeps a new one cheap: the dev server starts one
/// afresh after every edit that changes navigation, and only renders the pages asked for.
/// Every method takes the renderer and library the context was made for.
pub struct SharedContext {
    /// Per language: `site`.
    site: HashMap<String, Value>,
    /// Per section folder: its `nav` and `section`.
    sections: HashMap<PathBuf, SectionParts>,
    /// Per language: pages in reading order, for previous/next.
    reading_order: HashMap<String, OnceLock<ReadingOrder>>,
    front_titles: HashMap<String, String>,
}

/// What every page of one section folder shares.
#[derive(Default)]
struct SectionParts {
    /// `nav`, the tree with that section's ancestors expanded. A page's navigation shows its
    /// own part of the handbook, so its size does not grow with the site.
    nav: OnceLock<Value>,
    /// `nav.html` rendered from `nav` in the section's own language, with no link marked
    /// current: a page's navigation is this with its own links marked, so the template runs
    /// once per section instead of once per page (the navigation is the one part of a page
    /// that grows with its section).
    nav_html: OnceLock<Result<String, Diagnostic>>,
    /// The breadcrumbs of its pages: it and the sections above it.
    ancestors: OnceLock<Vec<NavLink>>,
    /// Its own entry in `nav` when collapsed (children not listed), the same on every page
    /// that shows it.
    entry: OnceLock<Value>,
    /// `section`, its listing (title, ingress, pages and subsections).
    listing: OnceLock<Value>,
}

impl SharedContext {
    pub fn new(renderer: &Renderer, library: &Library) -> SharedContext {
        let config = &*renderer.config;
        let mut site = HashMap::new();
        let mut reading_order = HashMap::new();
        let mut front_titles = HashMap::new();
        let print = renderer.print_languages(library);
        for lang in &config.languages {
            let has_print = print.contains(&lang.code.as_str());
            site.insert(
                lang.code.clone(),
                Value::from_serializable(&SiteContext::new(config, lang, has_print)),
            );
            let title = match library.sections.get(Path::new(&lang.code)) {
                Some(root) => {
                    reading_order.insert(lang.code.clone(), OnceLock::new());
                    library.section_title(root, config).to_string()
                }
                None => lang.title.clone(),
            };
            front_titles.insert(lang.code.clone(), title);
        }
        let sections = library
            .sections
            .keys()
            .map(|dir| (dir.clone(), SectionParts::default()))
            .collect();
        SharedContext {
            site,
            sections,
            reading_order,
            front_titles,
        }
    }

    /// `lang`, `site`, `nav` and `nav_html` for the page at `page_url`, of `lang`, in the
    /// section folder `section`. Fails when `nav.html` does.
    pub(super) fn base_context(
        &self,
        renderer: &Renderer,
        library: &Library,
        lang: &str,
        section: &Path,
        page_url: &str,
    ) -> Result<Context, Diagnostic> {
        let mut context = Context::new();
        context.insert("lang", lang);
        if let Some(site) = self.site.get(lang) {
            context.insert_value("site", site.clone());
        }
        let found = [section, Path::new(lang)].into_iter().find_map(|dir| {
            let parts = self.sections.get(dir)?;
            let section = library.sections.get(dir)?;
            let root = library.sections.get(Path::new(&section.lang))?;
            let nav = parts.nav.get_or_init(|| {
                nav_tree(library, &renderer.config, root, dir, &|sub| {
                    self.section_entry(renderer, library, sub)
                })
            });
            Some((parts, section, nav))
        });
        let nav = found.map_or_else(
            || Value::from_serializable(&Vec::<NavItem>::new()),
            |(_, _, nav)| nav.clone(),
        );
        context.insert_value("nav", nav);
        if renderer.prints_nav_html {
            // `nav.html` sees what the context holds so far: `lang`, `site` and `nav`.
            let render_nav = || render_nav(renderer, &context);
            let nav_html = match found {
                Some((parts, section, _)) if section.lang == lang => {
                    let cached = parts.nav_html.get_or_init(render_nav);
                    mark_current(cached.as_ref().map_err(Diagnostic::clone)?, page_url)
                }
                // The cache holds the folder's language's strings; another language (which
                // no page has today) gets its own.
                _ => mark_current(&render_nav()?, page_url),
            };
            context.insert_value("nav_html", Value::safe_string(&nav_html));
        }
        Ok(context)
    }

    /// The breadcrumbs of a page in the section folder `dir`: the sections above it, from
    /// its language's front page down (a section's own index is below its parent's).
    pub(super) fn ancestors(
        &self,
        renderer: &Renderer,
        library: &Library,
        dir: &Path,
        is_section_index: bool,
    ) -> Vec<NavLink> {
        let dir = if is_section_index {
            match library.sections.get(dir).and_then(|s| s.parent.as_deref()) {
                Some(parent) => parent,
                None => return Vec::new(),
            }
        } else {
            dir
        };
        let make = || ancestors(library, &renderer.config, dir);
        match self.sections.get(dir) {
            Some(parts) => parts.ancestors.get_or_init(make).clone(),
            None => make(),
        }
    }

    /// The entry of `section` in `nav` when it is not on the way to the page.
    fn section_entry(&self, renderer: &Renderer, library: &Library, section: &Section) -> Value {
        let make = || Value::from_serializable(&section_entry(library, &renderer.config, section));
        match self.sections.get(&section.dir) {
            Some(parts) => parts.entry.get_or_init(make).clone(),
            None => make(),
        }
    }

    /// `section` for the pages of the section folder `dir`: its listing.
    pub(super) fn listing(
        &self,
        renderer: &Renderer,
        library: &Library,
        dir: &Path,
    ) -> Option<Value> {
        let parts = self.sections.get(dir)?;
        let section = library.sections.get(dir)?;
        let listing = parts
            .listing
            .get_or_init(|| Value::from_serializable(&renderer.section_summary(library, section)));
        Some(listing.clone())
    }

    pub(super) fn front_title(&self, lang: &str) -> &str {
        self.front_titles.get(lang).map_or("", String::as_str)
    }

    /// The pages before and after `site_path` in its language's reading order.
    pub(super) fn neighbours(
        &self,
        config: &Config,
        library: &Library,
        lang: &str,
        site_path: &str,
    ) -> (Option<NavLink>, Option<NavLink>) {
        self.order(config, library, lang)
            .map_or((None, None), |order| order.neighbours(site_path))
    }

    /// Site path and depth of every page of `lang`, in reading order (empty without its
    /// front page).
    pub(super) fn reading_order(
        &self,
        config: &Config,
        library: &Library,
        lang: &str,
    ) -> &[(String, usize)] {
        self.order(config, library, lang)
            .map_or(&[], ReadingOrder::paths)
    }

    /// The reading order of `lang`, made when first asked for.
    fn order(&self, config: &Config, library: &Library, lang: &str) -> Option<&ReadingOrder> {
        let order = self.reading_order.get(lang)?;
        let root = library.sections.get(Path::new(lang))?;
        Some(order.get_or_init(|| ReadingOrder::new(library, config, root)))
    }
}

/// `nav.html` with no link marked current.
fn render_nav(renderer: &Renderer, context: &Context) -> Result<String, Diagnostic> {
    renderer
        .tera
        .render(NAV_TEMPLATE, context)
        .map_err(|error| template_diagnostic(&error, &renderer.site_templates, None))
}

/// `nav_html` with ` aria-current="page"` after the address of every link to `url`, as
/// Tera writes it (escaped) in `<a href="…"`.
fn mark_current(nav_html: &str, url: &str) -> String {
    const CURRENT: &str = " aria-current=\"page\"";
    let mut needle = b"<a href=\"".to_vec();
    let _ = tera::escape_html(url, &mut needle);
    needle.push(b'"');
    let mut marked = String::with_capacity(nav_html.len() + CURRENT.len());
    let mut copied = 0;
    // The needle ends in `"`, so each end is a character boundary.
    for at in memchr::memmem::find_iter(nav_html.as_bytes(), &needle) {
        let end = at + needle.len();
        marked.push_str(&nav_html[copied..end]);
        marked.push_str(CURRENT);
        copied = end;
    }
    marked.push_str(&nav_html[copied..]);
    marked
}

#[derive(Serialize)]
pub(super) struct SiteContext {
    pub(super) title: String,
    /// The current language's front page.
    pub(super) home_url: String,
    pub(super) base_url: String,
    pub(super) base_path: String,
    pub(super) default_language: String,
    pub(super) languages: Vec<LanguageContext>,
    /// Where this language's search index is, when the site has search.
    pub(super) search_url: Option<String>,
    /// This language's print page (the whole handbook on one page), when the site has one.
    pub(super) print_url: Option<String>,
    /// The offline worker to register, with `offline: true`.
    pub(super) offline: Option<OfflineContext>,
}

#[derive(Serialize)]
pub(super) struct OfflineContext {
    /// The worker's href (`/handbook/sw.js`).
    pub(super) worker: String,
    /// Its scope: the site's base path, with a trailing slash.
    pub(super) scope: String,
}

impl SiteContext {
    fn new(config: &Config, lang: &Language, print: bool) -> SiteContext {
        let base = &config.base_url;
        SiteContext {
            print_url: print.then(|| base.href(&super::print_site_path(&lang.code))),
            title: lang.title.clone(),
            home_url: base.href(&format!("/{}/", lang.code)),
            base_url: base.permalink("/"),
            base_path: base.path().to_string(),
            default_language: config.default_language.clone(),
            search_url: config
                .search
                .then(|| base.href(&format!("/search/{}/", lang.code))),
            offline: (config.offline == crate::config::Offline::On).then(|| OfflineContext {
                worker: base.href(&format!("/{}", super::WORKER_PATH)),
                scope: base.href("/"),
            }),
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
        }
    }
}

#[derive(Serialize)]
pub(super) struct LanguageContext {
    pub(super) code: String,
    pub(super) name: String,
    pub(super) title: String,
    pub(super) url: String,
    pub(super) is_current: bool,
}

#[derive(Serialize, Default)]
pub(super) struct PageContext {
    /// `page`, `section`, `front` or `404`.
    pub(super) kind: &'static str,
    pub(super) title: String,
    pub(super) ingress: Option<String>,
    pub(super) subtitle: Option<String>,
    pub(super) banner: Option<BannerContext>,
    pub(super) content: SafeHtml,
    pub(super) toc: Vec<TocEntry>,
    pub(super) url: String,
    pub(super) permalink: String,
    /// The page's own permalink, or a fallback's original's: a fallback is no duplicate.
    pub(super) canonical: String,
    /// Set when the page is shown in a language it is missing in.
    pub(super) fallback: Option<FallbackContext>,
    pub(super) lang: String,
    pub(super) source: String,
    pub(super) translations: Vec<TranslationLink>,
    /// hreflang alternates: this page, its translations, and `x-default`.
    pub(super) alternates: Vec<Alternate>,
    pub(super) ancestors: Vec<NavLink>,
    /// "Edit this page" link from `edit_url` in site.yaml; none without it.
    pub(super) edit_url: Option<String>,
    /// `2026-11-24`: the page file's last commit; none outside git.
    pub(super) last_updated: Option<String>,
    /// Who keeps the page current (front matter `owner`), or none.
    pub(super) owner: Option<String>,
    /// `2026-05-01`: when the page was last reviewed (front matter `reviewed`), or none.
    pub(super) reviewed: Option<String>,
    /// The same date as the page's language writes it ("1 May 2026", "1. mai 2026").
    pub(super) reviewed_text: Option<String>,
    /// How often it is reviewed (`6 months`): its own `review_every`, else the site's;
    /// none when neither is given or the page says `never`.
    pub(super) review_every: Option<String>,
    /// The section that lists this page (`url`, `title`); none for front pages.
    pub(super) section: Option<NavLink>,
    pub(super) previous: Option<NavLink>,
    pub(super) next: Option<NavLink>,
}

/// HTML that templates print as is (Tera escapes every other string).
#[derive(Serialize)]
#[serde(transparent)]
pub(super) struct SafeHtml(pub(super) Value);

impl Default for SafeHtml {
    fn default() -> Self {
        SafeHtml(Value::safe_string(""))
    }
}

#[derive(Serialize)]
pub(super) struct BannerContext {
    pub(super) src: String,
    /// Absolute when base_url has an origin (for Open Graph).
    pub(super) permalink: String,
    pub(super) alt: String,
    /// Pixel size, so the page does not shift when the image loads; none when unreadable.
    pub(super) width: Option<u32>,
    pub(super) height: Option<u32>,
}

impl BannerContext {
    pub(super) fn new(
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

/// What a fallback page says about itself: the original's language and where it is.
#[derive(Serialize)]
pub(super) struct FallbackContext {
    /// The language the content is in (for its `lang` attribute).
    pub(super) lang: String,
    /// The notice, in the reader's language, naming the language the page is shown in.
    pub(super) notice: String,
    /// The original page.
    pub(super) url: String,
}

#[derive(Serialize)]
pub(super) struct TranslationLink {
    pub(super) lang: String,
    pub(super) name: String,
    pub(super) url: String,
    pub(super) permalink: String,
    pub(super) title: String,
    /// False when the page has no translation: the link goes to its fallback page, or to
    /// the language's front page.
    pub(super) exists: bool,
    /// The link goes to the page shown in this page's language (a fallback page).
    pub(super) fallback: bool,
}

#[derive(Serialize)]
pub(super) struct Alternate {
    pub(super) hreflang: String,
    pub(super) href: String,
}

/// This page and its existing translations, plus `x-default` pointing at the default
/// language's version (or this page when that does not exist).
pub(super) fn alternates(
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
pub(super) struct NavLink {
    pub(super) url: String,
    pub(super) title: String,
}

#[derive(Serialize)]
pub(super) struct SectionContext {
    pub(super) title: String,
    pub(super) ingress: Option<String>,
    pub(super) url: String,
    pub(super) pages: Vec<Card>,
    pub(super) subsections: Vec<Card>,
}

#[derive(Serialize)]
pub(super) struct Card {
    pub(super) title: String,
    pub(super) subtitle: Option<String>,
    pub(super) ingress: Option<String>,
    pub(super) url: String,
    pub(super) banner: Option<BannerContext>,
    /// For a fallback page: the language its title and ingress are in.
    pub(super) fallback: Option<String>,
}

#[derive(Serialize)]
pub(super) struct NavItem {
    pub(super) title: String,
    pub(super) subtitle: Option<String>,
    pub(super) url: String,
    pub(super) is_section: bool,
    /// For a fallback entry: the language its title is in.
    pub(super) fallback: Option<String>,
    /// A section with pages or subsections (shown or not).
    pub(super) has_children: bool,
    /// Children are listed only for sections on the way to the current page.
    pub(super) children: Vec<NavItem>,
}
