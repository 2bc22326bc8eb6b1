//! Where Hugo publishes a page and an alias (its URL rules, as far as links need them).

use std::path::Path;

use super::config::HugoConfig;
use super::layout::{PageFile, PageKind};
use super::paths::join_url;
use super::site_index::PageFacts;

/// Where Hugo publishes an alias of a page at `page_url`: below the language's prefix, a
/// relative one below the page's section.
pub fn hugo_alias_path(page_url: &str, prefix: &str, alias: &str) -> String {
    let alias = alias.trim();
    if alias.starts_with('/') {
        if prefix.is_empty() || alias.starts_with(&format!("{prefix}/")) {
            return alias.to_string();
        }
        return format!("{prefix}{alias}");
    }
    let section = join_url(page_url.trim_end_matches('/'), "");
    let joined = join_url(&section, alias);
    if alias.ends_with('/') || joined.ends_with('/') {
        joined
    } else {
        joined.trim_end_matches('/').to_string()
    }
}

/// A page's `url:` setting as a site path.
pub fn url_of_setting(url: &str) -> String {
    let url = url.trim();
    if url.starts_with('/') {
        url.to_string()
    } else {
        format!("/{url}")
    }
}

/// The URL Hugo publishes a page at: its folders, then its slug or file name (a bundle's:
/// its folder's name), below the language's prefix; a `url:` setting replaces it.
pub fn page_url(config: &HugoConfig, page: &PageFile, facts: &PageFacts) -> String {
    let prefix = &config.languages[page.lang].url_prefix;
    if let Some(url) = &facts.url {
        let url = url_of_setting(url);
        return if prefix.is_empty() || url.starts_with(&format!("{prefix}/")) {
            url
        } else {
            format!("{prefix}{url}")
        };
    }
    let (folder, name) = url_parts(page, facts);
    let mut url = format!("{prefix}/");
    if !folder.as_os_str().is_empty() {
        url.push_str(&slashed(folder));
        url.push('/');
    }
    if let Some(name) = name.filter(|n| !n.is_empty()) {
        url.push_str(&name);
        url.push('/');
    }
    url
}

/// What a page's URL is made of, in Hugo and in handbok alike: the folder it is published
/// in, and the name below it: its `slug`, else a bundle's folder name or the file's name (a
/// section has none).
pub fn url_parts<'p>(page: &'p PageFile, facts: &PageFacts) -> (&'p Path, Option<String>) {
    let dir = page.logical.parent().unwrap_or(Path::new(""));
    let slug = facts
        .slug
        .as_deref()
        .map(|s| s.trim().trim_matches('/'))
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    let name = |path: &Path| path.to_string_lossy().into_owned();
    match page.kind {
        PageKind::Section => (dir, None),
        PageKind::Bundle => (
            dir.parent().unwrap_or(Path::new("")),
            slug.or_else(|| dir.file_name().map(|n| name(n.as_ref()))),
        ),
        PageKind::Page => (
            dir,
            slug.or_else(|| page.logical.file_stem().map(|n| name(n.as_ref()))),
        ),
    }
}

pub fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
