//! The steps of [`Library::link`](super::Library::link), in the order it runs them: place the
//! pages in sections, give sections and pages their URLs, claim each URL for one source,
//! register the aliases, pair translations, order siblings. Each step derives one thing from
//! what the steps before it derived, and is a function of its inputs so a test can call it.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::library::{CONTENT_DIR, alias_site_path, file_name, lang_of};
use super::page::{Page, PageKind};
use super::section::Section;
use crate::config::Language;
use crate::diagnostic::Diagnostic;
use crate::url::segment_from_name;

/// A section for every language and every folder holding pages, up to its language folder,
/// each listing its pages (but hidden ones) and index; every page it publishes learns its
/// section (`page.section`). Headless pages, and the pages of a headless bundle, are placed
/// nowhere; any other page inside a bundle is refused.
pub(super) fn place_sections(
    pages: &mut BTreeMap<PathBuf, Page>,
    languages: &[Language],
) -> (BTreeMap<PathBuf, Section>, Vec<Diagnostic>) {
    let mut sections: BTreeMap<PathBuf, Section> = languages
        .iter()
        .map(|lang| {
            let dir = PathBuf::from(&lang.code);
            (dir.clone(), Section::new(dir, &lang.code))
        })
        .collect();
    let mut errors = Vec::new();
    // Bundle folder → whether the bundle is headless.
    let bundles: BTreeMap<PathBuf, bool> = pages
        .values()
        .filter(|p| p.is_bundle())
        .filter_map(|p| Some((p.source.parent()?.to_path_buf(), p.front.headless)))
        .collect();
    // Pages come in source order, so a page's folder is most often the previous page's.
    let mut previous_dir: Option<PathBuf> = None;
    for (source, page) in pages.iter_mut() {
        page.section.clear();
        if page.front.headless {
            continue;
        }
        let dir = source.parent().unwrap_or(Path::new(""));
        match enclosing_bundle(&bundles, dir, page.is_bundle()) {
            // Hugo publishes no page of a headless bundle either (they are its resources).
            Some((_, true)) => continue,
            Some((bundle, false)) => {
                errors.push(
                    Diagnostic::error("bundle", page.file(), format!(
                        "{} is a page bundle (it has index.md), so it cannot hold other pages",
                        Path::new(CONTENT_DIR).join(bundle).display()
                    ))
                    .help("move this page out of the bundle, or rename the bundle's index.md to _index.md to make the folder a section"),
                );
                continue;
            }
            None => {}
        }
        let section_dir = match dir.parent() {
            Some(parent) if page.is_bundle() => parent,
            _ => dir,
        };
        if previous_dir.as_deref() != Some(section_dir) {
            add_with_ancestors(&mut sections, section_dir);
            previous_dir = Some(section_dir.to_path_buf());
        }
        let section = sections.get_mut(section_dir).expect("inserted above");
        if page.kind == PageKind::SectionIndex {
            section.index = Some(source.clone());
        } else if !page.front.hidden {
            section.pages.push(source.clone());
        }
        page.section = section_dir.to_path_buf();
    }
    (sections, errors)
}

/// The outermost bundle folder that `dir` is in, and whether that bundle is headless, unless
/// it is the bundle's own `index.md` (`is_bundle`) directly in it.
fn enclosing_bundle<'a>(
    bundles: &'a BTreeMap<PathBuf, bool>,
    dir: &Path,
    is_bundle: bool,
) -> Option<(&'a PathBuf, bool)> {
    // Most sites have no bundles; where they have many, looking the folder's few ancestors
    // up beats scanning every bundle for each page.
    if bundles.is_empty() {
        return None;
    }
    dir.ancestors()
        .filter(|ancestor| !(is_bundle && *ancestor == dir))
        .filter_map(|ancestor| bundles.get_key_value(ancestor))
        .map(|(bundle, headless)| (bundle, *headless))
        .last()
}

/// Sections for `dir` and each folder above it that has none yet, up to the language folder.
fn add_with_ancestors(sections: &mut BTreeMap<PathBuf, Section>, dir: &Path) {
    // `dir` even when it is empty: that is the section of a bundle directly in a language
    // folder (`en/index.md`).
    let mut ancestor = dir;
    loop {
        if !sections.contains_key(ancestor) {
            let lang = lang_of(ancestor);
            sections.insert(ancestor.to_path_buf(), Section::new(ancestor.into(), &lang));
        }
        match ancestor.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => ancestor = parent,
            _ => break,
        }
    }
}

/// Site paths of sections (from their folders, or their index's `slug`) and of the pages they
/// hold (from their file or bundle folder names, or their `slug`), and each section's parent
/// and subsections (but hidden ones). A page placed in no section gets no URL.
pub(super) fn assign_site_paths(
    pages: &mut BTreeMap<PathBuf, Page>,
    sections: &mut BTreeMap<PathBuf, Section>,
) {
    // BTreeMap order puts parents first, so a parent's site path is known before its children's.
    let dirs: Vec<PathBuf> = sections.keys().cloned().collect();
    for dir in &dirs {
        let index = sections[dir].index.as_ref().map(|i| &pages[i]);
        let slug = index.and_then(|i| i.front.slug.as_deref());
        let hidden = index.is_some_and(|i| i.front.hidden);
        let parent = dir
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf);
        let site_path = match &parent {
            None => format!("/{}/", dir.display()),
            Some(parent) => {
                let name = slug.map_or_else(|| file_name(dir), str::to_string);
                let parent_path = &sections[parent].site_path;
                format!("{parent_path}{}/", segment_from_name(&name))
            }
        };
        if let Some(parent) = parent.as_ref().filter(|_| !hidden) {
            let parent = sections.get_mut(parent).expect("parents first");
            parent.subsections.push(dir.clone());
        }
        let section = sections.get_mut(dir).expect("key from the map");
        section.site_path = site_path;
        section.parent = parent;
    }
    for (source, page) in pages.iter_mut() {
        let Some(section) = sections.get(&page.section) else {
            page.site_path.clear();
            continue;
        };
        page.site_path = if page.kind == PageKind::SectionIndex {
            section.site_path.clone()
        } else {
            // A slug is one URL segment: `Page::parse` refuses any other.
            let name = match &page.front.slug {
                Some(slug) => slug.clone(),
                None if page.is_bundle() => source.parent().map(file_name).unwrap_or_default(),
                None => source
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            };
            format!("{}{}/", section.site_path, segment_from_name(&name))
        };
    }
}

/// Fills `by_site_path` (site path → the page, section index or index-less folder published
/// there) and returns an error for every second claim on one URL.
pub(super) fn claim_site_paths(
    pages: &BTreeMap<PathBuf, Page>,
    sections: &BTreeMap<PathBuf, Section>,
    by_site_path: &mut HashMap<String, PathBuf>,
) -> Vec<Diagnostic> {
    by_site_path.clear();
    let mut errors = Vec::new();
    for (source, page) in pages {
        if page.site_path.is_empty() {
            continue;
        }
        if let Some(other) = by_site_path.insert(page.site_path.clone(), source.clone()) {
            errors.push(
                Diagnostic::error(
                    "duplicate-url",
                    page.file(),
                    format!(
                        "this page and {} are both published at {}",
                        Path::new(CONTENT_DIR).join(&other).display(),
                        page.site_path
                    ),
                )
                .help("rename one of them or give one a different `slug`"),
            );
        }
    }
    // A folder without `_index.md` is a section page too, on the folder's URL.
    for section in sections.values().filter(|s| s.index.is_none()) {
        match by_site_path.entry(section.site_path.clone()) {
            Entry::Vacant(entry) => {
                entry.insert(section.dir.clone());
            }
            Entry::Occupied(entry) => {
                errors.push(folder_claimed_twice(pages, section, entry.get()));
            }
        }
    }
    errors
}

/// The error for an index-less folder whose URL `owner` (a page or another folder) has.
fn folder_claimed_twice(
    pages: &BTreeMap<PathBuf, Page>,
    section: &Section,
    owner: &Path,
) -> Diagnostic {
    let folder = Path::new(CONTENT_DIR).join(&section.dir);
    let (what, help) = if pages.contains_key(owner) {
        (
            "page",
            format!(
                "rename the page or the folder, or give the page a different `slug`; to make the page the section's own, move it to {}",
                folder.join("_index.md").display()
            ),
        )
    } else {
        ("folder", "rename one of the folders".to_string())
    };
    Diagnostic::error(
        "duplicate-url",
        Path::new(CONTENT_DIR).join(owner),
        format!(
            "this {what} and the section {}/ are both published at {}",
            folder.display(),
            section.site_path
        ),
    )
    .help(help)
}

/// Fills `aliases` (old site path → the published page that redirects from it). An alias may
/// not be a real page's URL, nor another page's alias.
pub(super) fn register_aliases(
    pages: &BTreeMap<PathBuf, Page>,
    by_site_path: &HashMap<String, PathBuf>,
    aliases: &mut BTreeMap<String, PathBuf>,
) -> Vec<Diagnostic> {
    aliases.clear();
    let mut errors = Vec::new();
    for (source, page) in pages {
        if page.site_path.is_empty() {
            continue;
        }
        for alias in &page.front.aliases {
            let at_aliases = |d: Diagnostic| d.at_line_of(page.aliases_line);
            let Some(path) = alias_site_path(&page.lang, alias) else {
                errors.push(at_aliases(
                    Diagnostic::error("alias", page.file(), format!("alias `{alias}` is not a usable path"))
                        .help("write the old URL path, such as `/old/path/` (from the site root) or `old-name/` (in this language)"),
                ));
                continue;
            };
            if let Some(owner) = by_site_path
                .get(&path)
                .or_else(|| by_site_path.get(path.trim_end_matches("index.html")))
            {
                errors.push(at_aliases(
                    Diagnostic::error(
                        "alias",
                        page.file(),
                        format!(
                            "alias `{alias}` is the URL of {}",
                            Path::new(CONTENT_DIR).join(owner).display()
                        ),
                    )
                    .help("remove the alias: a redirect there would hide that page"),
                ));
            } else if let Some(other) = aliases.insert(path, source.clone()) {
                errors.push(at_aliases(
                    Diagnostic::error(
                        "alias",
                        page.file(),
                        format!(
                            "alias `{alias}` is also an alias of {}",
                            Path::new(CONTENT_DIR).join(other).display()
                        ),
                    )
                    .help("an old URL can redirect to one page only"),
                ));
            }
        }
    }
    errors
}

/// Gives every published page its translation key (its `translation_key`, or else its path
/// below the language folder) and fills `translations` (key → the pages sharing it, at most
/// one per language).
pub(super) fn pair_translations(
    pages: &mut BTreeMap<PathBuf, Page>,
    translations: &mut HashMap<String, Vec<PathBuf>>,
) -> Vec<Diagnostic> {
    translations.clear();
    for (source, page) in pages.iter_mut() {
        page.translation_key = if page.site_path.is_empty() {
            String::new()
        } else {
            translation_key(source, page)
        };
    }
    let mut errors = Vec::new();
    for (source, page) in pages.iter() {
        if page.site_path.is_empty() {
            continue;
        }
        let set = translations
            .entry(page.translation_key.clone())
            .or_default();
        if let Some(twin) = set.iter().find(|s| pages[*s].lang == page.lang) {
            errors.push(
                Diagnostic::error(
                    "translation",
                    page.file(),
                    format!(
                        "this page and {} are both the `{}` translation of the same page",
                        Path::new(CONTENT_DIR).join(twin).display(),
                        page.lang
                    ),
                )
                .help("give one of them a different `translation_key`"),
            );
            continue;
        }
        set.push(source.clone());
    }
    errors
}

fn translation_key(source: &Path, page: &Page) -> String {
    match &page.front.translation_key {
        Some(key) => format!("key:{key}"),
        None => {
            let below_lang: PathBuf = source.components().skip(1).collect();
            format!("path:{}", below_lang.display())
        }
    }
}

/// Sorts each section's pages and subsections by weight, then title, then path, so the
/// output never depends on the file system. A subsection sorts by its index page, and one
/// without an index by its folder name after every weighted one.
pub(super) fn order_siblings(
    pages: &BTreeMap<PathBuf, Page>,
    sections: &mut BTreeMap<PathBuf, Section>,
) {
    let lookup = |source: &Path| pages.get(source);
    let dirs: Vec<PathBuf> = sections.keys().cloned().collect();
    for dir in &dirs {
        order_section(&lookup, sections, dir);
    }
}

/// Sorts the pages and subsections of the section `dir` as [`order_siblings`] does, finding
/// pages with `page`: after a page's title or weight changed, only its section needs this.
pub(super) fn order_section<'a>(
    page: &impl Fn(&Path) -> Option<&'a Page>,
    sections: &mut BTreeMap<PathBuf, Section>,
    dir: &Path,
) {
    let Some(section) = sections.get(dir) else {
        return;
    };
    let mut subsections: Vec<(SortKey, PathBuf)> = section
        .subsections
        .iter()
        .map(|sub| {
            let key = match sections.get(sub).and_then(|s| s.index.as_deref()) {
                Some(index) => sort_key(page, index),
                None => (Weight::NONE, file_name(sub).to_lowercase(), sub.clone()),
            };
            (key, sub.clone())
        })
        .collect();
    // Keys end in the path, so no two are equal and the order is the one order.
    subsections.sort_by(|a, b| a.0.cmp(&b.0));
    let section = sections.get_mut(dir).expect("looked up above");
    section.subsections = subsections.into_iter().map(|(_, sub)| sub).collect();
    section.pages.sort_by_cached_key(|s| sort_key(page, s));
}

type SortKey = (Weight, String, PathBuf);

/// A weight as a sort key: every weight `Page::parse` lets through is finite, and `NONE`
/// sorts after all of them.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Weight(f64);

impl Weight {
    const NONE: Weight = Weight(f64::INFINITY);
}

impl Eq for Weight {}

impl PartialOrd for Weight {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Weight {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

fn sort_key<'a>(page: &impl Fn(&Path) -> Option<&'a Page>, source: &Path) -> SortKey {
    let page = page(source);
    (
        page.and_then(|p| p.front.weight)
            .map_or(Weight::NONE, Weight),
        page.map_or("", Page::title_or_empty).to_lowercase(),
        source.to_path_buf(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn languages() -> Vec<Language> {
        let yaml = "title: T\nlanguages:\n  - code: en\n    name: English\n  - code: nb\n    name: Norsk\n";
        Config::parse(yaml).expect("config").0.languages
    }

    /// Pages from (source, text) pairs, as the loader would hold them.
    fn pages(files: &[(&str, &str)]) -> BTreeMap<PathBuf, Page> {
        files
            .iter()
            .map(|(source, text)| {
                let (page, _) = Page::parse(Path::new(source), text).expect("page parses");
                (page.source.clone(), page)
            })
            .collect()
    }

    fn placed(files: &[(&str, &str)]) -> (BTreeMap<PathBuf, Page>, BTreeMap<PathBuf, Section>) {
        let mut pages = pages(files);
        let (mut sections, errors) = place_sections(&mut pages, &languages());
        assert!(errors.is_empty(), "{errors:?}");
        assign_site_paths(&mut pages, &mut sections);
        (pages, sections)
    }

    fn site_path<'a>(pages: &'a BTreeMap<PathBuf, Page>, source: &str) -> &'a str {
        &pages[Path::new(source)].site_path
    }

    fn paths(list: &[PathBuf]) -> Vec<&str> {
        list.iter().map(|p| p.to_str().unwrap()).collect()
    }

    #[test]
    fn sections_are_placed_for_every_folder_and_bundles_hold_no_pages() {
        let mut pages = pages(&[
            ("en/_index.md", "# Home\n"),
            ("en/guides/deep/b.md", "# B\n"),
            ("en/kit/index.md", "# Kit\n"),
            ("en/kit/part.md", "# Part\n"),
        ]);
        let (sections, errors) = place_sections(&mut pages, &languages());
        let dirs: Vec<_> = sections.keys().map(|d| d.to_str().unwrap()).collect();
        // `en/guides` holds no page itself but is on the way to one; `nb` is a language.
        assert_eq!(dirs, ["en", "en/guides", "en/guides/deep", "nb"]);
        assert_eq!(sections[Path::new("en")].index, Some("en/_index.md".into()));
        assert_eq!(paths(&sections[Path::new("en")].pages), ["en/kit/index.md"]);
        assert_eq!(
            pages[Path::new("en/guides/deep/b.md")].section,
            Path::new("en/guides/deep")
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].rule, "bundle");
        assert_eq!(errors[0].file, Path::new("content/en/kit/part.md"));
        assert!(
            pages[Path::new("en/kit/part.md")]
                .section
                .as_os_str()
                .is_empty()
        );
    }

    #[test]
    fn site_paths_come_from_folders_files_and_slugs() {
        let (pages, sections) = placed(&[
            (
                "en/guides/_index.md",
                "---\ntitle: Guides\nslug: howto\n---\n",
            ),
            ("en/guides/Første steg.md", "# First\n"),
            ("en/guides/ops.md", "---\ntitle: Ops\nslug: drift\n---\n"),
            ("en/guides/kit/index.md", "# Kit\n"),
        ]);
        assert_eq!(sections[Path::new("en")].site_path, "/en/");
        assert_eq!(site_path(&pages, "en/guides/_index.md"), "/en/howto/");
        assert_eq!(site_path(&pages, "en/guides/ops.md"), "/en/howto/drift/");
        assert_eq!(
            site_path(&pages, "en/guides/kit/index.md"),
            "/en/howto/kit/"
        );
        assert_eq!(
            site_path(&pages, "en/guides/Første steg.md"),
            format!("/en/howto/{}/", segment_from_name("Første steg"))
        );
        let guides = &sections[Path::new("en/guides")];
        assert_eq!(guides.parent.as_deref(), Some(Path::new("en")));
        assert_eq!(paths(&sections[Path::new("en")].subsections), ["en/guides"]);
    }

    #[test]
    fn one_url_has_one_source() {
        let (pages, sections) = placed(&[
            ("en/a.md", "# A\n"),
            ("en/b.md", "---\ntitle: B\nslug: a\n---\n"),
            ("en/tools.md", "# Tools\n"),
            ("en/tools/hammer.md", "# Hammer\n"),
        ]);
        let mut by_site_path = HashMap::new();
        let errors = claim_site_paths(&pages, &sections, &mut by_site_path);
        let messages: Vec<_> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "this page and content/en/a.md are both published at /en/a/",
                "this page and the section content/en/tools/ are both published at /en/tools/",
            ]
        );
        assert_eq!(errors[1].file, Path::new("content/en/tools.md"));
        assert_eq!(by_site_path["/en/"], Path::new("en"));
        assert_eq!(
            by_site_path["/en/tools/hammer/"],
            Path::new("en/tools/hammer.md")
        );
    }

    #[test]
    fn aliases_redirect_to_one_page_and_never_hide_one() {
        let (pages, sections) = placed(&[
            ("en/a.md", "---\ntitle: A\naliases: [/old/a/, b/]\n---\n"),
            ("en/b.md", "---\ntitle: B\naliases: [/old/a/, ../x]\n---\n"),
        ]);
        let mut by_site_path = HashMap::new();
        claim_site_paths(&pages, &sections, &mut by_site_path);
        let mut aliases = BTreeMap::new();
        let errors = register_aliases(&pages, &by_site_path, &mut aliases);
        let messages: Vec<_> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "alias `b/` is the URL of content/en/b.md",
                "alias `/old/a/` is also an alias of content/en/a.md",
                "alias `../x` is not a usable path",
            ]
        );
        assert!(errors.iter().all(|e| e.line == Some(3)));
        assert_eq!(aliases.keys().collect::<Vec<_>>(), ["/old/a/"]);
    }

    #[test]
    fn translations_pair_by_path_or_key_one_per_language() {
        let (mut pages, _) = placed(&[
            ("en/ops.md", "# Ops\n"),
            ("nb/ops.md", "# Drift\n"),
            (
                "en/start.md",
                "---\ntitle: Start\ntranslation_key: start\n---\n",
            ),
            (
                "nb/kom-i-gang.md",
                "---\ntitle: Kom i gang\ntranslation_key: start\n---\n",
            ),
            (
                "nb/begynn.md",
                "---\ntitle: Begynn\ntranslation_key: start\n---\n",
            ),
        ]);
        let mut translations = HashMap::new();
        let errors = pair_translations(&mut pages, &mut translations);
        assert_eq!(translations["path:ops.md"].len(), 2);
        assert_eq!(pages[Path::new("nb/ops.md")].translation_key, "path:ops.md");
        // `nb/begynn.md` comes first in source order, so the later Norwegian one is refused.
        assert_eq!(
            paths(&translations["key:start"]),
            ["en/start.md", "nb/begynn.md"]
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].rule, "translation");
        assert_eq!(errors[0].file, Path::new("content/nb/kom-i-gang.md"));
    }

    #[test]
    fn siblings_sort_by_weight_then_title_then_path() {
        let (pages, mut sections) = placed(&[
            ("en/c.md", "---\ntitle: alpha\n---\n"),
            ("en/a.md", "---\ntitle: Beta\n---\n"),
            ("en/b.md", "---\ntitle: Zulu\nweight: 1\n---\n"),
            ("en/d.md", "---\ntitle: Alpha\n---\n"),
            ("en/plain/x.md", "# X\n"),
            ("en/late/_index.md", "---\ntitle: Late\nweight: 5\n---\n"),
            ("en/early/_index.md", "---\ntitle: Early\nweight: 2\n---\n"),
        ]);
        order_siblings(&pages, &mut sections);
        let en = &sections[Path::new("en")];
        assert_eq!(
            paths(&en.pages),
            ["en/b.md", "en/c.md", "en/d.md", "en/a.md"]
        );
        // A folder without `_index.md` comes after every weighted one.
        assert_eq!(paths(&en.subsections), ["en/early", "en/late", "en/plain"]);
    }

    #[test]
    fn headless_pages_and_the_pages_of_headless_bundles_are_placed_nowhere() {
        let headless = "---\nheadless: true\n---\nSnippet\n";
        let mut pages = pages(&[
            ("en/ops.md", "# Ops\n"),
            ("en/snippets/note.md", headless),
            ("en/shared/index.md", headless),
            ("en/shared/part.md", "Part of the bundle\n"),
        ]);
        let (mut sections, errors) = place_sections(&mut pages, &languages());
        assert!(errors.is_empty(), "{errors:?}");
        let dirs: Vec<_> = sections.keys().map(|d| d.to_str().unwrap()).collect();
        assert_eq!(
            dirs,
            ["en", "nb"],
            "no section for folders of headless pages"
        );
        assign_site_paths(&mut pages, &mut sections);
        for source in [
            "en/snippets/note.md",
            "en/shared/index.md",
            "en/shared/part.md",
        ] {
            assert_eq!(site_path(&pages, source), "", "{source} has no URL");
        }
        assert_eq!(paths(&sections[Path::new("en")].pages), ["en/ops.md"]);
        let mut translations = HashMap::new();
        pair_translations(&mut pages, &mut translations);
        assert_eq!(translations.len(), 1, "only published pages pair");
    }

    #[test]
    fn hidden_pages_and_sections_keep_their_url_but_are_not_listed() {
        let hidden = |title: &str| format!("---\ntitle: {title}\nhidden: true\n---\n");
        let (pages, sections) = placed(&[
            ("en/ops.md", "# Ops\n"),
            ("en/secret.md", &hidden("Secret")),
            ("en/attic/_index.md", &hidden("Attic")),
            ("en/attic/old.md", "# Old\n"),
        ]);
        let en = &sections[Path::new("en")];
        assert_eq!(paths(&en.pages), ["en/ops.md"]);
        assert!(en.subsections.is_empty(), "{:?}", en.subsections);
        assert_eq!(site_path(&pages, "en/secret.md"), "/en/secret/");
        assert_eq!(site_path(&pages, "en/attic/_index.md"), "/en/attic/");
        assert_eq!(site_path(&pages, "en/attic/old.md"), "/en/attic/old/");
        assert_eq!(
            paths(&sections[Path::new("en/attic")].pages),
            ["en/attic/old.md"]
        );
    }

    #[test]
    fn a_fractional_weight_sorts_between_whole_ones() {
        let weighted = |w: &str| format!("---\ntitle: T\nweight: {w}\n---\n");
        let (pages, mut sections) = placed(&[
            ("en/a.md", &weighted("3")),
            ("en/b.md", &weighted("2.5")),
            ("en/c.md", &weighted("2")),
            ("en/d.md", "# Unweighted\n"),
            ("en/e.md", &weighted("-1.5")),
        ]);
        order_siblings(&pages, &mut sections);
        let en = &sections[Path::new("en")];
        assert_eq!(
            paths(&en.pages),
            ["en/e.md", "en/c.md", "en/b.md", "en/a.md", "en/d.md"]
        );
    }
}
