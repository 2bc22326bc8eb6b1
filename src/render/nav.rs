//! Where a page sits in the handbook: the navigation tree, breadcrumbs, and the reading
//! order behind previous/next.

use std::collections::HashMap;
use std::path::Path;

use tera::Value;
use tera::value::Key;

use super::context::{NavItem, NavLink};
use crate::config::Config;
use crate::content::{Library, Page, Section};

/// A language's pages in the order a book is read, for previous/next.
pub(super) struct ReadingOrder {
    stops: Vec<NavLink>,
    /// Site path of each stop and its depth below the front page (0), for the print page.
    paths: Vec<(String, usize)>,
    /// Site path → index in `stops`.
    position: HashMap<String, usize>,
}

impl ReadingOrder {
    /// The reading order of the language whose front page is `root`.
    pub(super) fn new(library: &Library, config: &Config, root: &Section) -> ReadingOrder {
        let mut order = Vec::new();
        walk_reading_order(library, config, root, 0, &mut order);
        ReadingOrder {
            paths: order
                .iter()
                .map(|(path, _, depth)| (path.to_string(), *depth))
                .collect(),
            position: order
                .iter()
                .enumerate()
                .map(|(i, (path, _, _))| (path.to_string(), i))
                .collect(),
            stops: order
                .iter()
                .map(|(path, title, _)| NavLink {
                    url: config.base_url.href(path),
                    title: title.to_string(),
                })
                .collect(),
        }
    }

    pub(super) fn neighbours(&self, site_path: &str) -> (Option<NavLink>, Option<NavLink>) {
        let Some(&index) = self.position.get(site_path) else {
            return (None, None);
        };
        let link = |i: usize| self.stops.get(i).cloned();
        (index.checked_sub(1).and_then(link), link(index + 1))
    }

    /// Every stop's site path and depth, in reading order.
    pub(super) fn paths(&self) -> &[(String, usize)] {
        &self.paths
    }
}

/// `nav` below `section` as templates see it, with subsections expanded only on the way to
/// `open`. `collapsed` gives a subsection's entry without its children: every page outside
/// the subsection shows that same entry, so it can be made once per site and shared.
pub(super) fn nav_tree(
    library: &Library,
    config: &Config,
    section: &Section,
    open: &Path,
    collapsed: &impl Fn(&Section) -> Value,
) -> Value {
    let pages = section
        .pages
        .iter()
        .filter_map(|s| library.page(s))
        .map(|page| Value::from_serializable(&page_entry(library, config, page)));
    let subsections = section
        .subsections
        .iter()
        .filter_map(|d| library.sections.get(d))
        .map(|sub| {
            let entry = collapsed(sub);
            if open.starts_with(&sub.dir) {
                with_children(entry, nav_tree(library, config, sub, open, collapsed))
            } else {
                entry
            }
        });
    Value::from(pages.chain(subsections).collect::<Vec<Value>>())
}

fn page_entry(library: &Library, config: &Config, page: &Page) -> NavItem {
    NavItem {
        title: page
            .front
            .link_title
            .clone()
            .unwrap_or_else(|| page.title_or_empty().to_string()),
        subtitle: page.front.subtitle().map(str::to_string),
        url: config.base_url.href(&page.site_path),
        is_section: false,
        fallback: library.fallback_original(page).map(|o| o.lang.clone()),
        has_children: false,
        children: Vec::new(),
    }
}

/// A section's entry in `nav`, without its children.
pub(super) fn section_entry(library: &Library, config: &Config, section: &Section) -> NavItem {
    NavItem {
        title: library.section_title(section, config).to_string(),
        subtitle: section
            .index
            .as_ref()
            .and_then(|i| library.page(i))
            .and_then(|p| p.front.subtitle().map(str::to_string)),
        url: config.base_url.href(&section.site_path),
        is_section: true,
        fallback: fallback_section_lang(library, section),
        has_children: !section.pages.is_empty() || !section.subsections.is_empty(),
        children: Vec::new(),
    }
}

/// `entry` (a section's, serialised) with `children` listed.
fn with_children(entry: Value, children: Value) -> Value {
    let mut entry = entry.into_map().unwrap_or_default();
    entry.insert(Key::from("children"), children);
    Value::from(entry)
}

/// Front page, its pages, then each subsection depth-first: the order a book is read in.
/// Each stop with its depth: a section's is `depth`, its pages' one more.
fn walk_reading_order<'a>(
    library: &'a Library,
    config: &'a Config,
    section: &'a Section,
    depth: usize,
    order: &mut Vec<(&'a str, &'a str, usize)>,
) {
    order.push((
        &section.site_path,
        library.section_title(section, config),
        depth,
    ));
    for page in section.pages.iter().filter_map(|s| library.page(s)) {
        order.push((&page.site_path, page.title_or_empty(), depth + 1));
    }
    for sub in section
        .subsections
        .iter()
        .filter_map(|d| library.sections.get(d))
    {
        walk_reading_order(library, config, sub, depth + 1, order);
    }
}

/// The section folder `dir` and those above it, from its language's front page down: the
/// breadcrumbs of its pages.
pub(super) fn ancestors(library: &Library, config: &Config, dir: &Path) -> Vec<NavLink> {
    let mut chain = Vec::new();
    let mut current = library.sections.get(dir);
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

/// For a section only fallbacks fill, the language of what it shows (its index's, or its
/// first page's).
fn fallback_section_lang(library: &Library, section: &Section) -> Option<String> {
    if !library.is_fallback_section(section) {
        return None;
    }
    let shown = section.index.iter().chain(&section.pages).next()?;
    let page = library.page(shown)?;
    Some(library.fallback_original(page)?.lang.clone())
}
