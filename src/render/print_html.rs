//! A page's rendered body rewritten to stand on the print page beside every other page,
//! with an HTML tokenizer (`lol_html`, streaming), never with patterns over the text:
//!
//! - every `id` gets its page's anchor in front (`restart` on `ops` → `ops--restart`), and
//!   so do the attributes that name ids (`for`, `aria-controls`, …: tabs keep working);
//! - a page's own `#x` becomes `#ops--x`; a link to a page on the print page becomes
//!   `#<anchor>`, to one of its headings `#<anchor>--<id>`;
//! - a relative URL (of a link, an image, a video) is made absolute, so it resolves from
//!   `/<lang>/print/` as it did from the page; absolute and external ones stay as they are.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use lol_html::html_content::Element;
use lol_html::{
    ElementContentHandlers, HandlerTypes, RewriteStrSettings, Selector, element, rewrite_str,
};

use crate::html::unescape_attribute;
use crate::markdown::THEME_IDS;
use crate::url::{BaseUrl, decode_path, normalize_site_path};

/// The pages of a print page: site path (decoded) → anchor.
pub(super) type Pages = HashMap<String, String>;

/// Where a body is going: its page's site path and anchor, among these pages.
pub(super) struct PagePlace<'a> {
    pub(super) site_path: &'a str,
    pub(super) anchor: &'a str,
    pub(super) pages: &'a Pages,
    pub(super) base: &'a BaseUrl,
}

/// Attributes holding a URL.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "poster", "data"];
/// Attributes holding ids (one, or a list separated by spaces).
const ID_REFERENCES: &[&str] = &[
    "for",
    "aria-controls",
    "aria-labelledby",
    "aria-describedby",
    "aria-details",
    "aria-owns",
    "aria-activedescendant",
    "headers",
    "list",
];
/// Only elements with one of the attributes above are looked at (most have none).
const SELECTOR: &str = "[id],[href],[src],[srcset],[poster],[data],[for],[aria-controls],[aria-labelledby],[aria-describedby],[aria-details],[aria-owns],[aria-activedescendant],[headers],[list],[marker-start],[marker-mid],[marker-end],[clip-path],[mask],[filter],[fill],[stroke],[style]";

/// The selector parsed once, not for each of thousands of bodies.
static ELEMENTS: LazyLock<Selector> = LazyLock::new(|| {
    SELECTOR
        .parse()
        .unwrap_or_else(|_| unreachable!("the selector is valid"))
});

/// `html` (a page's body) as it stands on the print page.
pub(super) fn for_print(html: &str, place: &PagePlace) -> String {
    let handlers = ElementContentHandlers::default().element(|el: &mut Element| {
        place.element(el);
        Ok(())
    });
    let settings = RewriteStrSettings::new()
        .with_strict(false)
        .append_element_content_handler((Cow::Borrowed(&*ELEMENTS), handlers));
    // Only running out of memory fails a rewrite; then the body stays as it was.
    rewrite_str(html, settings).unwrap_or_else(|_| html.to_string())
}

impl PagePlace<'_> {
    fn element<H: HandlerTypes>(&self, el: &mut Element<'_, '_, H>) {
        let changes: Vec<(String, String)> = el
            .attributes()
            .iter()
            .filter_map(|attribute| {
                let name = attribute.name();
                let new = if name == "id" {
                    Some(self.id(&attribute.value()))
                } else if URL_ATTRIBUTES.contains(&name.as_str()) {
                    self.url(&attribute.value())
                } else if name == "srcset" {
                    Some(self.srcset(&attribute.value()))
                } else if attribute.value().contains("url(#") {
                    // SVG's references to its own ids: markers (a diagram's arrowheads),
                    // gradients, clip paths.
                    Some(self.url_references(&attribute.value()))
                } else if ID_REFERENCES.contains(&name.as_str()) {
                    let ids: Vec<String> = attribute
                        .value()
                        .split_ascii_whitespace()
                        .map(|id| self.id(id))
                        .collect();
                    Some(ids.join(" "))
                } else {
                    None
                };
                Some((name, new?))
            })
            .collect();
        for (name, value) in changes {
            // The names came from the element itself, so they are valid.
            let _ = el.set_attribute(&name, &value);
        }
    }

    /// A `srcset` with each candidate's URL as [`Self::url`] makes it.
    fn srcset(&self, srcset: &str) -> String {
        let candidates: Vec<String> = srcset
            .split(',')
            .map(|candidate| {
                let candidate = candidate.trim();
                let (url, descriptor) = candidate.split_once(' ').unwrap_or((candidate, ""));
                let url = self.url(url).unwrap_or_else(|| url.to_string());
                if descriptor.is_empty() {
                    url
                } else {
                    format!("{url} {}", descriptor.trim())
                }
            })
            .collect();
        candidates.join(", ")
    }

    /// Each `url(#id)` with the id as the print page has it.
    fn url_references(&self, value: &str) -> String {
        let mut out = String::with_capacity(value.len() + 16);
        let mut rest = value;
        while let Some(at) = rest.find("url(#") {
            out.push_str(&rest[..at + 5]);
            rest = &rest[at + 5..];
            let end = rest.find(')').unwrap_or(rest.len());
            out.push_str(&self.id(&rest[..end]));
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    }

    /// An id of this page, as the print page has it.
    fn id(&self, id: &str) -> String {
        format!("{}--{id}", self.anchor)
    }

    /// A URL of this page as the print page needs it, or `None` to keep it.
    fn url(&self, raw: &str) -> Option<String> {
        if let Some(fragment) = raw.strip_prefix('#') {
            return self.own_fragment(fragment);
        }
        if is_foreign(raw) {
            return None;
        }
        let (before, fragment) = raw.split_once('#').unwrap_or((raw, ""));
        let (path, query) = before.split_once('?').unwrap_or((before, ""));
        let path = unescape_attribute(path);
        let site_path = if path.starts_with('/') {
            let base = decode_path(self.base.path());
            let inside = normalize_site_path(&path)?;
            let inside = inside.strip_prefix(base.as_str())?;
            match inside {
                "" => "/".to_string(),
                inside if inside.starts_with('/') => inside.to_string(),
                _ => return None, // another site on the same host
            }
        } else {
            normalize_site_path(&format!("{}{path}", self.site_path))?
        };
        let page_path = site_path
            .strip_suffix("index.html")
            .filter(|p| p.ends_with('/'))
            .unwrap_or(&site_path);
        if query.is_empty()
            && let Some(anchor) = self.pages.get(page_path)
        {
            return Some(to_page(anchor, fragment));
        }
        if path.starts_with('/') {
            return None;
        }
        let mut absolute = self.base.href(&site_path);
        if !query.is_empty() {
            absolute.push('?');
            absolute.push_str(query);
        }
        if !fragment.is_empty() {
            absolute.push('#');
            absolute.push_str(fragment);
        }
        Some(absolute)
    }

    /// `#x` of this page: its own (prefixed) id; the theme's ids and `#top` stay.
    fn own_fragment(&self, fragment: &str) -> Option<String> {
        if fragment.is_empty() {
            return Some(format!("#{}", self.anchor));
        }
        if is_page_id(fragment) {
            return None;
        }
        Some(format!("#{}--{fragment}", self.anchor))
    }
}

/// The in-page link to a page on the print page, or to one of its ids.
fn to_page(anchor: &str, fragment: &str) -> String {
    if fragment.is_empty() || is_page_id(fragment) {
        format!("#{anchor}")
    } else {
        format!("#{anchor}--{fragment}")
    }
}

/// The ids every page has of the theme (and `#top`, where browsers scroll to the top).
fn is_page_id(fragment: &str) -> bool {
    let fragment = decode_path(&unescape_attribute(fragment));
    fragment == "top" || THEME_IDS.contains(&fragment.as_str())
}

/// A URL with a scheme (`https:`, `mailto:`) or protocol-relative: not the site's.
fn is_foreign(url: &str) -> bool {
    url.starts_with("//")
        || url.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
}

/// The ids of a page and the fragments of its in-page links (`#x`, decoded), for the
/// checker.
pub(super) fn ids_and_fragments(html: &str) -> (HashSet<String>, Vec<String>) {
    let mut ids = HashSet::new();
    let mut fragments = Vec::new();
    let settings = RewriteStrSettings::new()
        .with_strict(false)
        .append_element_content_handler(element!("[id]", |el| {
            if let Some(id) = el.get_attribute("id") {
                ids.insert(unescape_attribute(&id).into_owned());
            }
            Ok(())
        }))
        .append_element_content_handler(element!("[href^='#']", |el| {
            if let Some(href) = el.get_attribute("href") {
                fragments.push(decode_path(&unescape_attribute(&href[1..])));
            }
            Ok(())
        }));
    let _ = rewrite_str(html, settings);
    (ids, fragments)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewrite(html: &str, site_path: &str, base: &str) -> String {
        let pages: Pages = [
            ("/en/", "front"),
            ("/en/ops/", "ops"),
            ("/en/guides/deploy/", "guides-deploy"),
            ("/en/spørsmål/", "spørsmål"),
        ]
        .into_iter()
        .map(|(p, a)| (p.to_string(), a.to_string()))
        .collect();
        let base = BaseUrl::parse(base).unwrap();
        let anchor = pages[site_path].clone();
        let place = PagePlace {
            site_path,
            anchor: &anchor,
            pages: &pages,
            base: &base,
        };
        for_print(html, &place)
    }

    #[test]
    fn ids_are_prefixed_and_own_links_follow() {
        let html = "<h2 id=\"restart\">Restart</h2><p><a href=\"#restart\">again</a> <a href=\"#top\">top</a> <a href=\"#main\">main</a> <a href=\"#\">this page</a></p>\n<button role=\"tab\" id=\"tabs_1_tab_1\" aria-controls=\"tabs_1_panel_1\">A</button><div aria-labelledby=\"x y\"></div><label for=\"f\">L</label>";
        let out = rewrite(html, "/en/ops/", "https://example.org/");
        assert_eq!(
            out,
            "<h2 id=\"ops--restart\">Restart</h2><p><a href=\"#ops--restart\">again</a> <a href=\"#top\">top</a> <a href=\"#main\">main</a> <a href=\"#ops\">this page</a></p>\n<button role=\"tab\" id=\"ops--tabs_1_tab_1\" aria-controls=\"ops--tabs_1_panel_1\">A</button><div aria-labelledby=\"ops--x ops--y\"></div><label for=\"ops--f\">L</label>"
        );
    }

    #[test]
    fn links_to_pages_on_the_print_page_stay_on_it() {
        let html = "<a href=\"/hb/en/guides/deploy/#roll-back\">a</a><a href=\"/hb/en/ops/\">b</a><a href=\"/hb/en/sp%C3%B8rsm%C3%A5l/index.html#x\">c</a><a href=\"/hb/en/\">d</a><a href=\"../../ops/#main\">e</a><a href=\"../ops/\">f</a>";
        let out = rewrite(html, "/en/guides/deploy/", "https://example.org/hb/");
        assert_eq!(
            out,
            "<a href=\"#guides-deploy--roll-back\">a</a><a href=\"#ops\">b</a><a href=\"#spørsmål--x\">c</a><a href=\"#front\">d</a><a href=\"#ops\">e</a><a href=\"/hb/en/guides/ops/\">f</a>"
        );
    }

    #[test]
    fn other_urls_resolve_from_the_print_page() {
        let html = "<img src=\"/hb/images/x.png\" alt=\"\"><img src=\"diagram.svg\" alt=\"\"><a href=\"../nb/ops/?q=1&amp;r=2#s\">n</a><a href=\"https://example.com/#x\">e</a><a href=\"mailto:a@b\">m</a><a href=\"/other/\">o</a><a href=\"/hb/en/ops/?v=1\">q</a><video poster=\"p.jpg\"></video>";
        let out = rewrite(html, "/en/ops/", "https://example.org/hb/");
        assert_eq!(
            out,
            "<img src=\"/hb/images/x.png\" alt=\"\"><img src=\"/hb/en/ops/diagram.svg\" alt=\"\"><a href=\"/hb/en/nb/ops/?q=1&amp;r=2#s\">n</a><a href=\"https://example.com/#x\">e</a><a href=\"mailto:a@b\">m</a><a href=\"/other/\">o</a><a href=\"/hb/en/ops/?v=1\">q</a><video poster=\"/hb/en/ops/p.jpg\"></video>"
        );
    }

    #[test]
    fn svg_references_and_srcsets_follow() {
        let html = "<svg><marker id=\"arrow\"></marker><path marker-end=\"url(#arrow)\" style=\"fill:url(#g) \"></path></svg><img srcset=\"pic.png 2x, /hb/big.png 3x\" src=\"pic.png\" alt=\"\">";
        let out = rewrite(html, "/en/ops/", "https://example.org/hb/");
        assert_eq!(
            out,
            "<svg><marker id=\"ops--arrow\"></marker><path marker-end=\"url(#ops--arrow)\" style=\"fill:url(#ops--g) \"></path></svg><img srcset=\"/hb/en/ops/pic.png 2x, /hb/big.png 3x\" src=\"/hb/en/ops/pic.png\" alt=\"\">"
        );
    }

    #[test]
    fn the_checker_sees_ids_and_in_page_links() {
        let (ids, fragments) = ids_and_fragments(
            "<h2 id=\"a&amp;b\">x</h2><a href=\"#a%26b\">y</a><a href=\"/x/#no\">z</a>",
        );
        assert_eq!(ids, HashSet::from(["a&b".to_string()]));
        assert_eq!(fragments, ["a&b"]);
    }
}
