//! Internal links that lead nowhere: to pages, sections, static files and `#anchors` (heading
//! ids and ids written in HTML), on the same page or another.

use std::path::Path;

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::markdown::THEME_IDS;
use crate::url::{decode_path, normalize_site_path as normalize};

/// Ids every page has besides its own: those the default theme gives (the skip link's
/// `#main`, the navigation, search and table of contents), and `#top`, where browsers scroll
/// to the top of the page.
fn page_ids() -> impl Iterator<Item = &'static str> {
    std::iter::once("top").chain(THEME_IDS.iter().copied())
}

fn has_anchor(anchors: &[String], fragment: &str) -> bool {
    fragment.is_empty()
        || page_ids().any(|id| id == fragment)
        || anchors.iter().any(|a| a == fragment)
}

pub fn check(context: &Context, findings: &mut Vec<Diagnostic>) {
    let base_path = context.site.config.base_url.path();
    for facts in context.pages {
        let Some(page) = context.page(facts) else {
            continue;
        };
        for link in facts.links.iter().filter(|l| !l.is_image && !l.missing) {
            let destination = link.destination.as_str();
            if let Some(fragment) = destination.strip_prefix('#') {
                let fragment = decode_path(fragment);
                if !has_anchor(&facts.anchors, &fragment) {
                    findings.push(context.at(
                        page,
                        link.offset,
                        Diagnostic::error("broken-anchor", page.file(), format!("link to `{destination}`: there is no heading or id `{fragment}` on this page"))
                            .help(suggest_anchor(&facts.anchors, &fragment)),
                    ));
                }
                continue;
            }
            if is_foreign(&link.href) {
                continue;
            }
            let (path, fragment) = split(&link.href);
            let site_path = if let Some(absolute) = path.strip_prefix('/') {
                match format!("/{absolute}").strip_prefix(base_path) {
                    Some(inside) if inside.starts_with('/') || inside.is_empty() => {
                        normalize(&format!("/{}", inside.trim_start_matches('/')))
                    }
                    _ => continue, // another site on the same host: not ours to judge
                }
            } else {
                normalize(&format!("{}{}", facts.site_path, path))
            };
            let Some(site_path) = site_path else {
                findings.push(context.at(
                    page,
                    link.offset,
                    Diagnostic::error(
                        "broken-link",
                        page.file(),
                        format!("link to `{destination}` leads outside the site"),
                    ),
                ));
                continue;
            };
            match target(context, &site_path) {
                None => findings.push(context.at(
                    page,
                    link.offset,
                    Diagnostic::error("broken-link", page.file(), format!("link to `{destination}` leads nowhere: there is no page, section or file at {site_path}"))
                        .help("link to pages by their Markdown file, relative to this one (`../ops.md`), so renames are caught"),
                )),
                Some(Target::Page(target)) => {
                    let fragment = decode_path(fragment);
                    if !has_anchor(&target.anchors, &fragment) {
                        let file = Path::new("content").join(&target.source);
                        findings.push(context.at(
                            page,
                            link.offset,
                            Diagnostic::error("broken-anchor", page.file(), format!("link to `{destination}`: there is no heading or id `{fragment}` on {}", file.display()))
                                .help(suggest_anchor(&target.anchors, &fragment)),
                        ));
                    }
                }
                Some(Target::File) => {}
            }
        }
    }
}

enum Target<'a> {
    Page(&'a crate::render::PageFacts),
    File,
}

/// What the built site has at a site path, if anything.
fn target<'a>(context: &Context<'a>, site_path: &str) -> Option<Target<'a>> {
    let library = &context.site.library;
    let page_path = match site_path.strip_suffix("index.html") {
        Some(folder) if folder.ends_with('/') => folder.to_string(),
        _ => site_path.to_string(),
    };
    for candidate in [page_path.clone(), format!("{page_path}/")] {
        if let Some(facts) = context.by_site_path.get(candidate.as_str()) {
            return Some(Target::Page(facts));
        }
        if library.source_at(&candidate).is_some() {
            return Some(Target::File);
        }
    }
    let is_file = matches!(
        site_path,
        "/" | "/404.html" | "/sitemap.xml" | "/robots.txt"
    ) || context.site.renderer.static_file_exists(site_path)
        || library
            .assets
            .contains(Path::new(site_path.trim_start_matches('/')));
    is_file.then_some(Target::File)
}

/// Links with a scheme (`https:`, `mailto:`), protocol-relative links: not internal.
fn is_foreign(href: &str) -> bool {
    href.starts_with("//")
        || href.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && !scheme.contains('/')
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
}

fn split(href: &str) -> (&str, &str) {
    let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
    (path.split('?').next().unwrap_or(path), fragment)
}

fn suggest_anchor(anchors: &[String], wanted: &str) -> String {
    let closest = anchors
        .iter()
        .map(String::as_str)
        .chain(page_ids().map(|id| id as &str))
        .map(|a| (strsim::levenshtein(a, wanted), a))
        .filter(|(distance, _)| *distance <= wanted.len() / 2 + 1)
        .min();
    match closest {
        Some((_, anchor)) => format!("did you mean `#{anchor}`?"),
        None if anchors.is_empty() => "the target has no headings with ids".to_string(),
        None => format!(
            "ids there: {}",
            anchors
                .iter()
                .take(8)
                .map(|a| format!("#{a}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_site_paths() {
        assert_eq!(
            normalize("/en/ops/../guides/").as_deref(),
            Some("/en/guides/")
        );
        assert_eq!(
            normalize("/nb/overv%C3%A5king/").as_deref(),
            Some("/nb/overvåking/")
        );
        assert_eq!(normalize("/../x"), None);
        assert!(is_foreign("https://x.org") && is_foreign("mailto:a@b") && is_foreign("//cdn"));
        assert!(!is_foreign("/en/ops/") && !is_foreign("../a:b/"));
    }

    #[test]
    fn every_id_of_the_default_theme_is_a_page_id() {
        for (name, template) in crate::render::EMBEDDED_TEMPLATES {
            for after in template.split(" id=\"").skip(1) {
                let id = after.split('"').next().unwrap_or_default();
                // The print page's parts are named by their page's anchor, which no
                // prefixed heading id takes (see render::print).
                if *name == "print.html" && id == "{{ part.anchor }}" {
                    continue;
                }
                assert!(
                    THEME_IDS.contains(&id),
                    "{name}: id `{id}` is missing from markdown::THEME_IDS"
                );
            }
        }
    }
}
