//! Offline reading (`offline: true` in site.yaml): the theme's service worker at the site's
//! root (`sw.js`, so its scope is the base path) and a manifest per language
//! (`offline/<lang>.json`) of the files a reader's browser keeps: every page of the language,
//! its images, the theme and the site's stylesheets and scripts, and the language's search
//! index, each with a content hash, so the worker downloads only what a new build changed.
//!
//! The set is not a list kept here: it is every file the build writes that passes
//! [`belongs_to`], seen as it goes to the writer, so a new kind of page (the print page, say)
//! joins by being written under its language's folder.

use std::collections::{BTreeMap, HashSet};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::assets::fnv1a;
use crate::config::{CONFIG_FILE, Config, Offline};
use crate::diagnostic::{Diagnostic, Failure};
use crate::output::{FileContents, OutputFile};
use crate::url::encode_path_into;

/// Where the worker is written, relative to the output root.
pub const WORKER_PATH: &str = "sw.js";
/// The theme's worker, which the kill-switch is with this line made false.
const WORKER_SOURCE: &str = include_str!("../../static/theme/offline.js");
const ENABLED_LINE: &str = "\nvar ENABLED = true;\n";

/// The worker for `mode`: the real one for `offline: true`, the kill-switch (deletes its
/// caches and unregisters itself) for `offline: false`, none when site.yaml says nothing.
pub(super) fn worker(mode: Offline) -> Option<OutputFile> {
    let source = match mode {
        Offline::Unset => return None,
        Offline::On => WORKER_SOURCE.to_string(),
        Offline::Off => WORKER_SOURCE.replacen(ENABLED_LINE, "\nvar ENABLED = false;\n", 1),
    };
    Some(OutputFile {
        path: WORKER_PATH.to_string(),
        contents: FileContents::Bytes(source.into_bytes()),
    })
}

/// The manifest of `lang`, relative to the output root.
pub(super) fn manifest_path(lang: &str) -> String {
    format!("offline/{lang}.json")
}

/// Which languages' offline copies a file of the built site belongs to.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Belongs<'a> {
    Language(&'a str),
    Every,
    No,
}

/// Extensions of the files besides pages that a page needs to read well: images, styles,
/// scripts, fonts. Downloads (PDF, archives) stay online: they would eat the budget.
const KEPT: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "ico", "css", "js", "mjs", "woff", "woff2",
];

/// Whose offline copy holds the file at `path` (relative to the output root): a language's
/// pages, search index and files beside its pages are its own; the root page is the default
/// language's; images, styles, scripts and fonts elsewhere (the theme, `static/`) are every
/// language's. Pages outside a language folder, 404, sitemap, robots.txt, the worker and
/// its manifests are in none.
pub(super) fn belongs_to<'a>(path: &str, config: &'a Config) -> Belongs<'a> {
    if path == "index.html" {
        return Belongs::Language(&config.default_language);
    }
    let first = path.split('/').next().unwrap_or_default();
    let language = |code: &str| {
        config
            .languages
            .iter()
            .find(|l| l.code == code)
            .map(|l| l.code.as_str())
    };
    if let Some(rest) = path.strip_prefix("search/") {
        let lang = rest.split('/').next().unwrap_or_default();
        return language(lang).map_or(Belongs::No, Belongs::Language);
    }
    let own = language(first).filter(|_| path.contains('/'));
    if path.ends_with("/index.html") {
        return own.map_or(Belongs::No, Belongs::Language);
    }
    let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    if !extension.is_some_and(|e| KEPT.contains(&e.as_str())) || path == WORKER_PATH {
        return Belongs::No;
    }
    own.map_or(Belongs::Every, Belongs::Language)
}

/// One file of an offline copy.
struct Entry {
    /// `None`: every language's.
    lang: Option<String>,
    /// Relative to the site's root as the worker resolves it against its scope (`en/ops/`,
    /// `./` for the root page, `theme/handbok.css`), percent-encoded as links are.
    url: String,
    hash: u64,
    size: u64,
}

/// The offline copies of a build, filled as its files go to the writer.
pub(super) struct OfflineCopies<'a> {
    config: &'a Config,
    /// Redirect pages of aliases: not pages of their own.
    redirects: &'a HashSet<String>,
    entries: Mutex<Vec<Entry>>,
}

impl<'a> OfflineCopies<'a> {
    pub(super) fn new(config: &'a Config, redirects: &'a HashSet<String>) -> OfflineCopies<'a> {
        OfflineCopies {
            config,
            redirects,
            entries: Mutex::default(),
        }
    }

    /// Notes a file being written, if an offline copy holds it.
    pub(super) fn add(&self, file: &OutputFile) -> Result<(), Failure> {
        let lang = match belongs_to(&file.path, self.config) {
            Belongs::No => return Ok(()),
            _ if self.redirects.contains(&file.path) => return Ok(()),
            Belongs::Language(lang) => Some(lang.to_string()),
            Belongs::Every => None,
        };
        let read;
        let bytes: &[u8] = match &file.contents {
            FileContents::Bytes(bytes) => bytes,
            FileContents::Embedded(bytes) => bytes,
            FileContents::Copy(disk) => {
                read = std::fs::read(disk)
                    .map_err(|e| Failure::Other(anyhow::anyhow!("{}: {e}", disk.display())))?;
                &read
            }
        };
        let entry = Entry {
            lang,
            url: entry_url(&file.path),
            hash: fnv1a(bytes),
            size: bytes.len() as u64,
        };
        self.entries
            .lock()
            .map_err(|_| Failure::Other(anyhow::anyhow!("a writing thread failed")))?
            .push(entry);
        Ok(())
    }

    /// Every language's manifest, and a warning for each copy over the budget.
    pub(super) fn finish(self, built: SystemTime) -> (Vec<OutputFile>, Vec<Diagnostic>) {
        let entries = self
            .entries
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let built = crate::history::iso_date_time(built);
        let mut files = Vec::new();
        let mut warnings = Vec::new();
        for lang in &self.config.languages {
            let set: BTreeMap<&str, (u64, u64)> = entries
                .iter()
                .filter(|e| e.lang.as_deref().is_none_or(|l| l == lang.code))
                .map(|e| (e.url.as_str(), (e.hash, e.size)))
                .collect();
            let bytes: u64 = set.values().map(|(_, size)| size).sum();
            if bytes > self.config.offline_budget {
                warnings.push(over_budget(self.config, &lang.code, bytes));
            }
            let manifest = serde_json::json!({
                "version": 1,
                "lang": lang.code,
                "built": built,
                "bytes": bytes,
                "files": set
                    .iter()
                    .map(|(url, (hash, _))| (url.to_string(), format!("{hash:016x}").into()))
                    .collect::<serde_json::Map<_, _>>(),
            });
            files.push(OutputFile {
                path: manifest_path(&lang.code),
                contents: FileContents::Bytes(manifest.to_string().into_bytes()),
            });
        }
        (files, warnings)
    }
}

/// A file's URL relative to the site root, as the worker requests it: a page by its folder.
fn entry_url(path: &str) -> String {
    let path = path.strip_suffix("index.html").unwrap_or(path);
    if path.is_empty() {
        return "./".to_string();
    }
    let mut url = String::with_capacity(path.len() + 8);
    encode_path_into(&format!("/{path}"), &mut url);
    url.trim_start_matches('/').to_string()
}

fn over_budget(config: &Config, lang: &str, bytes: u64) -> Diagnostic {
    Diagnostic::warning(
        "offline-budget",
        CONFIG_FILE,
        format!(
            "the offline copy of `{lang}` is {}, over offline_budget ({})",
            size(bytes),
            size(config.offline_budget)
        ),
    )
    .at_line_of(config.offline_line)
    .help("a reader's browser keeps all of it: make images smaller, or raise offline_budget")
}

/// `63.4 MB`, `812 kB`: decimal units, as browsers report storage.
pub(super) fn size(bytes: u64) -> String {
    match bytes {
        0..1_000_000 => format!("{} kB", bytes.div_ceil(1000)),
        1_000_000..1_000_000_000 => format!("{:.1} MB", bytes as f64 / 1e6),
        _ => format!("{:.2} GB", bytes as f64 / 1e9),
    }
}

/// When the offline copy is from: `SOURCE_DATE_EPOCH` when set (the reproducible-builds
/// convention, so two builds of one commit are byte-identical), else now.
pub(super) fn build_time() -> SystemTime {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|epoch| epoch.trim().parse::<u64>().ok())
        .map_or_else(SystemTime::now, |secs| {
            UNIX_EPOCH + Duration::from_secs(secs)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        let yaml = "title: T\nlanguages:\n  - {code: en, name: English}\n  - {code: nb, name: Norsk}\noffline: true\n";
        Config::parse(yaml).unwrap().0
    }

    #[test]
    fn pages_search_and_images_belong_to_their_language_theme_files_to_every_one() {
        let config = config();
        for (path, belongs) in [
            ("index.html", Belongs::Language("en")),
            ("en/index.html", Belongs::Language("en")),
            ("nb/drift/index.html", Belongs::Language("nb")),
            ("nb/print/index.html", Belongs::Language("nb")),
            ("search/nb/meta.json", Belongs::Language("nb")),
            ("search/en/d/0.json", Belongs::Language("en")),
            ("nb/drift/diagram.PNG", Belongs::Language("nb")),
            ("theme/handbok.css", Belongs::Every),
            ("illustrations/a.png", Belongs::Every),
            ("404.html", Belongs::No),
            ("sitemap.xml", Belongs::No),
            ("robots.txt", Belongs::No),
            ("sw.js", Belongs::No),
            ("offline/en.json", Belongs::No),
            ("en/runbook.pdf", Belongs::No),
            ("tools/index.html", Belongs::No),
            ("search/de/meta.json", Belongs::No),
            ("en.png", Belongs::Every),
        ] {
            assert_eq!(belongs_to(path, &config), belongs, "{path}");
        }
    }

    #[test]
    fn the_kill_switch_is_the_worker_disabled() {
        assert!(worker(Offline::Unset).is_none());
        let text = |mode| match worker(mode).unwrap().contents {
            FileContents::Bytes(bytes) => String::from_utf8(bytes).unwrap(),
            _ => unreachable!(),
        };
        assert!(text(Offline::On).contains(ENABLED_LINE));
        let off = text(Offline::Off);
        assert!(!off.contains(ENABLED_LINE) && off.contains("var ENABLED = false;"));
    }

    #[test]
    fn entries_are_urls_as_links_write_them() {
        assert_eq!(entry_url("index.html"), "./");
        assert_eq!(entry_url("en/ops/index.html"), "en/ops/");
        assert_eq!(
            entry_url("nb/spørsmål/index.html"),
            "nb/sp%C3%B8rsm%C3%A5l/"
        );
        assert_eq!(entry_url("theme/handbok.css"), "theme/handbok.css");
    }

    #[test]
    fn sizes_read_as_browsers_say_them() {
        assert_eq!(size(812_345), "813 kB");
        assert_eq!(size(63_400_000), "63.4 MB");
        assert_eq!(size(50_000_000), "50.0 MB");
        assert_eq!(size(2_500_000_000), "2.50 GB");
    }
}
