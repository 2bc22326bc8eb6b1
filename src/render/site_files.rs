//! The files of the site that are not pages: the 404 page, `sitemap.xml`, `robots.txt`, and
//! the redirect pages of aliases.

use std::path::Path;

use super::Renderer;
use super::context::{PageContext, SharedContext};
use super::templates::template_diagnostic;
use crate::content::{Library, Page};
use crate::diagnostic::Diagnostic;
use crate::html::escape_attribute;
use crate::output::{FileContents, OutputFile};

impl Renderer {
    pub(super) fn render_not_found(
        &self,
        library: &Library,
        shared: &SharedContext,
    ) -> Result<OutputFile, Diagnostic> {
        let lang = self.config.default_language();
        let page = PageContext {
            kind: "404",
            title: lang
                .string("not_found_title")
                .unwrap_or("Page not found")
                .to_string(),
            url: self.config.base_url.href("/404.html"),
            permalink: self.config.base_url.permalink("/404.html"),
            canonical: self.config.base_url.permalink("/404.html"),
            lang: lang.code.clone(),
            translations: self.translation_links(shared, &lang.code, |_| None),
            ..PageContext::default()
        };
        let mut context =
            shared.base_context(self, library, &lang.code, Path::new(&lang.code), &page.url)?;
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
    pub(super) fn redirect(&self, alias: &str, page: &Page) -> OutputFile {
        let base = &self.config.base_url;
        let href = escape_attribute(&base.href(&page.site_path));
        let permalink = escape_attribute(&base.permalink(&page.site_path));
        let title = escape_attribute(page.title_or_empty());
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
    pub(super) fn sitemap(&self, library: &Library) -> OutputFile {
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
        for section in library
            .sections
            .values()
            .filter(|s| s.index.is_none() && !library.is_fallback_section(s))
        {
            entries.push((section.site_path.as_str(), Vec::new()));
        }
        entries.sort();
        for (site_path, alternates) in entries {
            xml.push_str("  <url>\n    <loc>");
            xml.push_str(&escape_attribute(&base.permalink(site_path)));
            xml.push_str("</loc>\n");
            for (lang, path) in alternates {
                xml.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}\"/>\n",
                    escape_attribute(&base.permalink(path))
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

    pub(super) fn robots(&self) -> OutputFile {
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
}
