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
pub fn translation_sets<'a>(
    library: &'a Library,
    config: &'a Config,
    root: &Path,
) -> Vec<FoundSet<'a>> {
    let mut sets = Vec::new();
    let mut seen = HashSet::new();
    for page in library.regular_pages() {
        if seen.insert(page.translation_key.as_str()) {
            let members: Vec<&Page> = std::iter::once(page)
                .chain(library.translations_of(page))
                .collect();
            sets.push(found(SetKind::Page, &members, config, root));
        }
    }
    let mut sections: BTreeMap<PathBuf, Vec<&Page>> = BTreeMap::new();
    for section in library.sections.values() {
        let Some(index) = section.index.as_ref().and_then(|i| library.page(i)) else {
            continue;
        };
        sections
            .entry(below_language(&section.dir))
            .or_default()
            .push(index);
    }
    for members in sections.values() {
        sets.push(found(SetKind::Section, members, config, root));
    }
    sets.sort_by(|a, b| a.path.cmp(&b.path));
    sets
}

fn found<'a>(kind: SetKind, members: &[&'a Page], config: &'a Config, root: &Path) -> FoundSet<'a> {
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
            .filter_map(|p| translation_of(root, p).filter(|named| *named != p.lang))
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

/// The language a page names as its source in front matter (`translation_of: en`).
// The front matter model has no field for it yet, so this reads the key from the file.
fn translation_of(root: &Path, page: &Page) -> Option<String> {
    let text = std::fs::read_to_string(root.join(page.file())).ok()?;
    front_matter_value(&text, "translation_of")
}

/// A top-level key's value in a YAML (`---`) or TOML (`+++`) front matter block.
fn front_matter_value(text: &str, key: &str) -> Option<String> {
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let fence = lines.next()?.trim_end();
    if fence != "---" && fence != "+++" {
        return None;
    }
    let separator = if fence == "---" { ':' } else { '=' };
    for line in lines {
        if line.trim_end() == fence {
            break;
        }
        let Some(rest) = line.strip_prefix(key) else {
            continue;
        };
        if let Some(value) = rest.trim_start().strip_prefix(separator) {
            let value = value.split(" #").next().unwrap_or_default().trim();
            let value = value.trim_matches(|c| c == '"' || c == '\'').trim();
            return (!value.is_empty()).then(|| value.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translation_of_is_read_from_yaml_and_toml_front_matter() {
        let yaml =
            "---\ntitle: Drift\ntranslation_of: en # the original\n---\ntranslation_of: nb\n";
        assert_eq!(
            front_matter_value(yaml, "translation_of").as_deref(),
            Some("en")
        );
        let toml = "+++\ntitle = \"Drift\"\ntranslation_of = \"en\"\n+++\n";
        assert_eq!(
            front_matter_value(toml, "translation_of").as_deref(),
            Some("en")
        );
        assert_eq!(
            front_matter_value("---\ntitle: x\n---\ntranslation_of: en\n", "translation_of"),
            None
        );
        assert_eq!(
            front_matter_value("---\ntranslation_office: en\n---\n", "translation_of"),
            None
        );
        assert_eq!(
            front_matter_value("no front matter", "translation_of"),
            None
        );
    }
}
