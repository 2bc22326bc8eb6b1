//! One page's context: its Markdown as HTML with what was found in it, its banner, its
//! translations, its search text, and the cards of a section listing.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use tera::Value;

use super::context::{
    BannerContext, Card, FallbackContext, PageContext, SafeHtml, SectionContext, SharedContext,
    TranslationLink, alternates,
};
use super::links::PageLinks;
use super::{PageFacts, Renderer};
use crate::content::{Library, Page, PageKind, Section};
use crate::diagnostic::{Diagnostic, Severity, line_column};
use crate::markdown::{self, LinkResolver, ProblemKind, Resolved};
use crate::search::SearchDoc;

impl Renderer {
    /// The `page` a template sees, with the Markdown rendered; what was found goes to
    /// `diagnostics` and `facts`.
    pub(super) fn page_context(
        &self,
        library: &Library,
        shared: &SharedContext,
        page: &Page,
        diagnostics: &mut Vec<Diagnostic>,
        facts: &mut PageFacts,
    ) -> PageContext {
        let links = PageLinks::new(self, library, page);
        let rendered = markdown::render(&page.body, page.title_heading.clone(), &links);
        diagnostics.extend(
            rendered
                .problems
                .into_iter()
                .map(|problem| problem_diagnostic(page, problem)),
        );
        facts.anchors = rendered.anchors;
        facts.links = rendered.links;
        facts.headings = rendered.headings;
        let banner = self.banner(&links, page, diagnostics);
        let base = &self.config.base_url;
        let (previous, next) =
            shared.neighbours(&self.config, library, &page.lang, &page.site_path);
        let translations = self.page_translations(library, shared, page);
        let ancestors = shared.ancestors(
            self,
            library,
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
                text: rendered.text,
                sections: rendered.sections,
            }
            .with_lead(page.front.ingress.as_deref().unwrap_or_default()),
        );
        PageContext {
            // A fallback is not a version of its own for search engines.
            alternates: if library.fallback_original(page).is_some() {
                Vec::new()
            } else {
                alternates(&self.config, &page.lang, &permalink, &translations)
            },
            kind: "page",
            title: page.title_or_empty().to_string(),
            ingress: page.front.ingress.clone(),
            subtitle: page.front.subtitle().map(str::to_string),
            banner,
            content: SafeHtml(Value::safe_string(&rendered.html)),
            toc: rendered.toc,
            url: base.href(&page.site_path),
            canonical: library
                .fallback_original(page)
                .map_or_else(|| permalink.clone(), |o| base.permalink(&o.site_path)),
            fallback: self.fallback_context(library, page),
            permalink,
            lang: page.lang.clone(),
            source: page.file().to_string_lossy().replace('\\', "/"),
            translations,
            section: ancestors.last().cloned(),
            edit_url: self.edit_url(library, page),
            last_updated: self
                .history
                .committed(&library.fallback_original(page).unwrap_or(page).file())
                .map(crate::history::iso_date),
            ancestors,
            previous,
            next,
            ..self.review_context(page)
        }
    }

    /// The page's owner and last review, its date as the page's language writes it. A
    /// fallback page carries its original's (it is a copy of it).
    fn review_context(&self, page: &Page) -> PageContext {
        let review = &page.review;
        let language = self
            .config
            .language(&page.lang)
            .unwrap_or_else(|| self.config.default_language());
        PageContext {
            owner: review.owner.clone(),
            reviewed: review.reviewed.map(|d| d.to_string()),
            reviewed_text: review.reviewed.map(|d| language.long_date(d)),
            review_every: review
                .interval(self.config.review_every)
                .map(|(every, _)| every.to_string()),
            ..PageContext::default()
        }
    }

    /// The page's banner image, or a located error when the image is missing.
    fn banner(
        &self,
        links: &PageLinks,
        page: &Page,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<BannerContext> {
        let image = page.front.banner_image()?;
        let src = image.src.as_deref()?;
        match links.image(src) {
            Resolved::Href(href) => Some(BannerContext::new(
                &self.config,
                href,
                image.alt.as_deref(),
                links.image_size(src),
            )),
            Resolved::Corrected { href, note } => {
                let mut d = Diagnostic::warning("site-path", page.file(), format!("banner {note}"))
                    .help("write site paths from the site's root: handbok adds the base URL's sub-path");
                d.line = page.banner_line.map(|l| l as u32);
                diagnostics.push(d);
                Some(BannerContext::new(
                    &self.config,
                    href,
                    image.alt.as_deref(),
                    links.image_size(src),
                ))
            }
            Resolved::Keep => Some(BannerContext::new(
                &self.config,
                src.to_string(),
                image.alt.as_deref(),
                None,
            )),
            Resolved::Missing(message) => {
                let mut d =
                    Diagnostic::error("missing-image", page.file(), format!("banner {message}"))
                        .help("put the image in static/ (for `/…` paths) or beside the page");
                d.line = page.banner_line.map(|l| l as u32);
                diagnostics.push(d);
                None
            }
        }
    }

    /// "Edit this page" from `edit_url` in site.yaml: a fallback's goes to its original. A
    /// folder without `_index.md` has no file to edit.
    fn edit_url(&self, library: &Library, page: &Page) -> Option<String> {
        let file = match library.fallback_original(page) {
            Some(original) => original.file(),
            None => library.pages.get(&page.source)?.file(),
        };
        let pattern = self.config.edit_url.as_ref()?;
        Some(pattern.replace("{path}", &file.to_string_lossy().replace('\\', "/")))
    }

    /// What a fallback page says about itself, in the reader's language.
    fn fallback_context(&self, library: &Library, page: &Page) -> Option<FallbackContext> {
        let original = library.fallback_original(page)?;
        let reader = self
            .config
            .language(&page.lang)
            .unwrap_or_else(|| self.config.default_language());
        let shown_in = self
            .config
            .language(&original.lang)
            .map_or(original.lang.as_str(), |l| l.name.as_str());
        let notice = reader
            .string("fallback_notice")
            .or_else(|| self.config.default_language().string("fallback_notice"))
            .unwrap_or("This page is shown in {language}.")
            .replace("{language}", shown_in);
        Some(FallbackContext {
            lang: original.lang.clone(),
            notice,
            url: self.config.base_url.href(&original.site_path),
        })
    }

    /// The switcher of a page (or of a fallback, as its original's): each other language's
    /// version, else its fallback, else that language's front page.
    fn page_translations(
        &self,
        library: &Library,
        shared: &SharedContext,
        page: &Page,
    ) -> Vec<TranslationLink> {
        let original = library.fallback_original(page).unwrap_or(page);
        let twins: HashMap<&str, &Page> = library
            .translations_of(original)
            .chain((original.source != page.source).then_some(original))
            .map(|p| (p.lang.as_str(), p))
            .collect();
        self.translation_links(shared, &page.lang, |lang| match twins.get(lang) {
            Some(twin) => Some(Twin::real(twin.site_path.clone(), twin.title_or_empty())),
            None => library.fallback_in(original, lang).map(|fallback| {
                Twin::fallback(fallback.site_path.clone(), fallback.title_or_empty())
            }),
        })
    }

    pub(super) fn section_translations(
        &self,
        library: &Library,
        shared: &SharedContext,
        section: &Section,
    ) -> Vec<TranslationLink> {
        let below_lang: PathBuf = section.dir.components().skip(1).collect();
        self.translation_links(shared, &section.lang, |lang| {
            let twin = library.sections.get(&Path::new(lang).join(&below_lang))?;
            let title = library.section_title(twin, &self.config);
            Some(if library.is_fallback_section(twin) {
                Twin::fallback(twin.site_path.clone(), title)
            } else {
                Twin::real(twin.site_path.clone(), title)
            })
        })
    }

    /// One link per other language: to the translation, to its fallback page, or to that
    /// language's front page (both marked `exists: false`), so the switcher never leads to a
    /// 404.
    pub(super) fn translation_links(
        &self,
        shared: &SharedContext,
        current: &str,
        find: impl Fn(&str) -> Option<Twin>,
    ) -> Vec<TranslationLink> {
        let base = &self.config.base_url;
        self.config
            .languages
            .iter()
            .filter(|l| l.code != current)
            .map(|lang| {
                let twin = find(&lang.code).unwrap_or_else(|| Twin {
                    site_path: format!("/{}/", lang.code),
                    title: shared.front_title(&lang.code).to_string(),
                    exists: false,
                    fallback: false,
                });
                TranslationLink {
                    lang: lang.code.clone(),
                    name: lang.name.clone(),
                    url: base.href(&twin.site_path),
                    permalink: base.permalink(&twin.site_path),
                    title: twin.title,
                    exists: twin.exists,
                    fallback: twin.fallback,
                }
            })
            .collect()
    }

    pub(super) fn section_summary(&self, library: &Library, section: &Section) -> SectionContext {
        let base = &self.config.base_url;
        let index = section.index.as_ref().and_then(|i| library.page(i));
        let card = |page: &Page| Card {
            fallback: library.fallback_original(page).map(|o| o.lang.clone()),
            title: page.title_or_empty().to_string(),
            subtitle: page.front.subtitle().map(str::to_string),
            ingress: page.front.ingress.clone(),
            url: base.href(&page.site_path),
            banner: page.front.banner_image().and_then(|image| {
                let src = image.src.as_deref()?;
                let links = PageLinks::new(self, library, page);
                match links.image(src) {
                    Resolved::Href(href) | Resolved::Corrected { href, .. } => {
                        Some(BannerContext::new(
                            &self.config,
                            href,
                            image.alt.as_deref(),
                            links.image_size(src),
                        ))
                    }
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
                        fallback: index
                            .and_then(|p| library.fallback_original(p))
                            .map(|o| o.lang.clone()),
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
}

/// A problem the Markdown pipeline found, located in the page's file. A missing picture,
/// included file or diagram breaks the page for its readers, so it is an error; the rest
/// only annoys.
fn problem_diagnostic(page: &Page, problem: markdown::Problem) -> Diagnostic {
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
        ProblemKind::Container => (
            "container",
            "write `::: details Summary` or `::: tabs` with `== Label` lines, and close it with the same colons alone",
        ),
        ProblemKind::Include => (
            "include",
            "the path is relative to this file; an included file must not include itself",
        ),
        ProblemKind::SitePath => (
            "site-path",
            "write site paths from the site's root (`/images/x.png`): handbok adds the base URL's sub-path",
        ),
        ProblemKind::Diagram => (
            "diagram",
            "fix the diagram's syntax (flowchart, sequenceDiagram, stateDiagram-v2 …; see the README's Diagrams); it is shown as code until then",
        ),
    };
    let d = Diagnostic::error(rule, page.file(), problem.message)
        .at(page.body_line + line - 1, column)
        .help(help);
    Diagnostic {
        severity: if matches!(
            problem.kind,
            ProblemKind::MissingImage | ProblemKind::Include | ProblemKind::Diagram
        ) {
            Severity::Error
        } else {
            Severity::Warning
        },
        ..d
    }
}

/// Another language's version of a page, as the switcher links to it.
pub(super) struct Twin {
    site_path: String,
    title: String,
    /// A real translation (else a fallback page).
    exists: bool,
    fallback: bool,
}

impl Twin {
    pub(super) fn real(site_path: String, title: &str) -> Twin {
        Twin {
            site_path,
            title: title.to_string(),
            exists: true,
            fallback: false,
        }
    }

    fn fallback(site_path: String, title: &str) -> Twin {
        Twin {
            site_path,
            title: title.to_string(),
            exists: false,
            fallback: true,
        }
    }
}
