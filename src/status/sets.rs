//! Translation sets: regular pages grouped by translation key (as the library links them),
//! and sections' `_index.md` grouped by their folder below the language (as the language
//! switcher pairs them), so a folder without `_index.md` in one language is a missing
//! translation of that section.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use super::SetKind;
use crate::config::Config;
use crate::content::{Library, Page};

/// A translation set as found in the library, before its freshness is judged.
pub struct FoundSet<'a> {
    pub kind: SetKind,
    /// Where the representative version sits below its language folder.
    pub path: PathBuf,
    /// One per language of the site, in site.yaml's order.
    pub pages: Vec<(&'a str, Option<&'a Page>)>,
    /// The language a version names as its source (`translation_of: en`), when that
    /// language has a version.
    pub named_source: Option<String>,
}

/// Every translation set of the library, sorted by path below the language folder.
pub fn translation_sets<'a>(library: &'a Library, config: &'a Config) -> Vec<FoundSet<'a>> {
    let mut sets = Vec::new();
    let mut seen = HashSet::new();
    for page in library.regular_pages() {
        if seen.insert(page.translation_key.as_str()) {
            let members: Vec<&Page> = std::iter::once(page)
                .chain(library.translations_of(page))
                .collect();
            sets.push(found(SetKind::Page, &members, config));
        }
    }
    let mut sections: BTreeMap<PathBuf, Vec<&Page>> = BTreeMap::new();
    for section in library.sections.values() {
        // Real pages only: a fallback index is a missing translation.
        let Some(index) = section.index.as_ref().and_then(|i| library.pages.get(i)) else {
            continue;
        };
        sections
            .entry(below_language(&section.dir))
            .or_default()
            .push(index);
    }
    for members in sections.values() {
        sets.push(found(SetKind::Section, members, config));
    }
    sets.sort_by(|a, b| a.path.cmp(&b.path));
    sets
}

fn found<'a>(kind: SetKind, members: &[&'a Page], config: &'a Config) -> FoundSet<'a> {
    let pages: Vec<(&str, Option<&Page>)> = config
        .languages
        .iter()
        .map(|l| {
            let page = members.iter().copied().find(|p| p.lang == l.code);
            (l.code.as_str(), page)
        })
        .collect();
    // The default language's version names the set, else the first of site.yaml's order.
    let representative = members
        .iter()
        .find(|p| p.lang == config.default_language)
        .or_else(|| pages.iter().find_map(|(_, p)| p.as_ref()))
        .copied();
    let path = representative.map_or_else(PathBuf::new, |p| below_language(&p.source));
    let named_source = if members.len() > 1 {
        members
            .iter()
            .filter_map(|p| {
                p.front
                    .translation_of
                    .clone()
                    .filter(|named| *named != p.lang)
            })
            .find(|named| members.iter().any(|m| m.lang == *named))
    } else {
        None
    };
    FoundSet {
        kind,
        path,
        pages,
        named_source,
    }
}

fn below_language(path: &Path) -> PathBuf {
    path.components().skip(1).collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::content::Page;

    fn named(text: &str) -> Option<String> {
        let (page, _) = Page::parse(Path::new("nb/drift.md"), text).expect("page parses");
        page.front.translation_of
    }

    #[test]
    fn translation_of_is_read_from_yaml_and_toml_front_matter() {
        let yaml =
            "---\ntitle: Drift\ntranslation_of: en # the original\n---\ntranslation_of: nb\n";
        assert_eq!(named(yaml).as_deref(), Some("en"));
        let toml = "+++\ntitle = \"Drift\"\ntranslation_of = \"en\"\n+++\n";
        assert_eq!(named(toml).as_deref(), Some("en"));
        assert_eq!(named("---\ntitle: x\n---\ntranslation_of: en\n"), None);
        assert_eq!(named("---\ntitle: x\ntranslation_office: en\n---\n"), None);
        assert_eq!(named("# No front matter\n"), None);
    }
}
