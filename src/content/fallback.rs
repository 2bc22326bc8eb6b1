//! Fallback pages: a page missing in a language is still published in that language's tree,
//! at the path its translation would have (`/nb/x/` for `en/x.md`), showing the original.
//! A reader of any language can then follow the whole handbook in its navigation, and the
//! switcher never strands anyone. Derived by [`Library::link`](super::Library::link) after
//! translations are paired, never read from disk.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::page::{Page, PageKind};
use super::section::Section;
use crate::config::Config;

/// The fallback pages of a site, keyed by the source their translation would have
/// (`nb/x.md`), and the original each shows.
#[derive(Debug, Default, Clone)]
pub struct Fallbacks {
    pub pages: BTreeMap<PathBuf, Page>,
    /// Fallback source → the original's source.
    pub originals: HashMap<PathBuf, PathBuf>,
}

impl Fallbacks {
    pub fn original_of(&self, source: &Path) -> Option<&Path> {
        self.originals.get(source).map(PathBuf::as_path)
    }

    /// The fallbacks that show `original`, one per language it is missing in.
    pub fn shown_by(&self, original: &Path) -> Vec<PathBuf> {
        self.originals
            .iter()
            .filter(|(_, of)| *of == original)
            .map(|(source, _)| source.clone())
            .collect()
    }

    /// After an edit that left the original where it was: its fallbacks show the new text.
    pub fn refresh(&mut self, original: &Page) {
        for source in self.shown_by(&original.source) {
            if let Some(page) = self.pages.get_mut(&source) {
                *page = Page {
                    source: page.source.clone(),
                    lang: page.lang.clone(),
                    site_path: page.site_path.clone(),
                    section: page.section.clone(),
                    ..original.clone()
                };
            }
        }
    }
}

/// `en/guides/x.md` → `nb/guides/x.md`.
fn in_language(source: &Path, lang: &str) -> PathBuf {
    Path::new(lang).join(source.components().skip(1).collect::<PathBuf>())
}

/// Every translation set's missing languages get a copy of its original (the default
/// language's version, else the first declared language's) in their tree, in a section of
/// their own tree that is made when the language has none there. A path a real page, section
/// or another fallback already holds keeps it: no fallback is published there.
pub(super) fn derive(
    pages: &BTreeMap<PathBuf, Page>,
    translations: &HashMap<String, Vec<PathBuf>>,
    sections: &mut BTreeMap<PathBuf, Section>,
    by_site_path: &mut HashMap<String, PathBuf>,
    config: &Config,
) -> Fallbacks {
    let mut fallbacks = Fallbacks::default();
    let mut sets: Vec<&Vec<PathBuf>> = translations.values().collect();
    sets.sort();
    for set in sets {
        let members: Vec<&Page> = set.iter().filter_map(|s| pages.get(s)).collect();
        let Some(original) = pick_original(&members, config) else {
            continue;
        };
        for lang in &config.languages {
            if members.iter().any(|m| m.lang == lang.code) {
                continue;
            }
            let source = in_language(&original.source, &lang.code);
            if pages.contains_key(&source) {
                continue;
            }
            let dir = in_language(&original.section, &lang.code);
            let Some(site_path) =
                place(original, &source, &dir, &lang.code, sections, by_site_path)
            else {
                continue;
            };
            let page = Page {
                source: source.clone(),
                lang: lang.code.clone(),
                site_path: site_path.clone(),
                section: dir,
                ..original.clone()
            };
            by_site_path.insert(site_path, source.clone());
            fallbacks
                .originals
                .insert(source.clone(), original.source.clone());
            fallbacks.pages.insert(source, page);
        }
    }
    fallbacks
}

fn pick_original<'a>(members: &[&'a Page], config: &Config) -> Option<&'a Page> {
    let published = |p: &&&Page| !p.site_path.is_empty();
    members
        .iter()
        .filter(published)
        .find(|p| p.lang == config.default_language)
        .or_else(|| {
            config.languages.iter().find_map(|lang| {
                members
                    .iter()
                    .filter(published)
                    .find(|p| p.lang == lang.code)
            })
        })
        .copied()
}

/// Puts the fallback `source` of `original` in its section `dir` (made if missing) and
/// returns its site path; none when a real page or section already holds that path.
fn place(
    original: &Page,
    source: &Path,
    dir: &Path,
    lang: &str,
    sections: &mut BTreeMap<PathBuf, Section>,
    by_site_path: &mut HashMap<String, PathBuf>,
) -> Option<String> {
    if original.kind == PageKind::SectionIndex {
        let section = ensure_section(sections, by_site_path, dir, &original.section, lang);
        // An index-less folder holds its own path until the fallback index takes it.
        let taken = by_site_path
            .get(&section.site_path)
            .is_some_and(|holder| holder != dir);
        if section.index.is_some() || taken {
            return None;
        }
        section.index = Some(source.to_path_buf());
        return Some(section.site_path.clone());
    }
    let section = ensure_section(sections, by_site_path, dir, &original.section, lang);
    // Below the section's own URL, which a slug of its `_index.md` may have changed.
    let site_path = format!(
        "{}{}/",
        section.site_path,
        last_segment(&original.site_path)
    );
    if by_site_path.contains_key(&site_path) {
        return None;
    }
    section.pages.push(source.to_path_buf());
    Some(site_path)
}

/// `/en/guides/deploy/` → `deploy`.
fn last_segment(site_path: &str) -> &str {
    site_path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default()
}

/// The section `dir` of language `lang`, made (with the sections above it) after the
/// original's sections when the language has none there yet.
fn ensure_section<'a>(
    sections: &'a mut BTreeMap<PathBuf, Section>,
    by_site_path: &mut HashMap<String, PathBuf>,
    dir: &Path,
    original_dir: &Path,
    lang: &str,
) -> &'a mut Section {
    if !sections.contains_key(dir) {
        let parent = dir.parent().map(Path::to_path_buf);
        let original_parent = original_dir.parent().map(Path::to_path_buf);
        if let (Some(parent), Some(original_parent)) = (&parent, &original_parent)
            && !parent.as_os_str().is_empty()
        {
            ensure_section(sections, by_site_path, parent, original_parent, lang)
                .subsections
                .push(dir.to_path_buf());
        }
        let original_path = sections
            .get(original_dir)
            .map(|s| s.site_path.clone())
            .unwrap_or_default();
        // Below the parent's own URL (the language's front page, or a section made above).
        let parent_path = parent
            .as_ref()
            .and_then(|p| sections.get(p))
            .map_or_else(|| format!("/{lang}/"), |p| p.site_path.clone());
        let mut section = Section::new(dir.to_path_buf(), lang);
        section.site_path = format!("{parent_path}{}/", last_segment(&original_path));
        section.parent = parent.filter(|p| !p.as_os_str().is_empty());
        by_site_path
            .entry(section.site_path.clone())
            .or_insert_with(|| dir.to_path_buf());
        sections.insert(dir.to_path_buf(), section);
    }
    sections.get_mut(dir).expect("inserted above")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_move_to_the_other_language() {
        assert_eq!(
            in_language(Path::new("en/guides/x.md"), "nb"),
            PathBuf::from("nb/guides/x.md")
        );
        assert_eq!(last_segment("/en/guides/x/"), "x");
        assert_eq!(last_segment("/en/"), "en");
    }
}
