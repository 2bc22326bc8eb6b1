//! `handbok import hugo`: a Hugo site converted into a handbok site, in four steps:
//!
//! 1. `config`: the configuration → languages (Hugo's `no` as `nb` where it is Bokmål),
//!    base URL, params; `site.yaml` is written from it.
//! 2. `layout`: every content file placed in handbok's layout (`page.nb.md` →
//!    `content/nb/page.md`, resources copied beside their pages in each language).
//! 3. `site_index`: where Hugo publishes each page and file (`hugo_urls`), so links
//!    written for Hugo (relative to a page's URL, `ref`, site paths below the base URL) are
//!    found; `aliases` decides the old URLs handbok can take, for all pages at once.
//! 4. `page`, per page in parallel: front matter edited line by line (`front_matter`,
//!    `repair`), links rewritten (`links`), shortcodes (`shortcode`) converted to
//!    handbok Markdown (`convert`, `markdown`).
//!
//! Then `write` puts everything in a staging folder and moves it into place.

mod aliases;
mod config;
mod convert;
mod front_matter;
pub(crate) mod fuzzing;
mod hugo_urls;
mod layout;
mod links;
mod markdown;
mod page;
mod paths;
mod pattern;
mod repair;
mod shortcode;
mod site_index;
mod write;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::staging;
use super::{ImportOptions, ImportReport, LanguagePages, Problem};
use crate::content::is_ignored_file;
use crate::diagnostic::Failure;
use convert::Environment;
use page::ConvertedPage;
use site_index::SiteIndex;

pub fn import(options: &ImportOptions) -> Result<ImportReport, Failure> {
    let source = &options.source;
    let config_files = config::config_files(source).ok_or_else(|| {
        Failure::Usage(format!(
            "{} is not a Hugo site: it has no hugo.toml, hugo.yaml, config.toml, config.yaml, config.json or config/_default/\n  help: pass the folder that holds the Hugo site's configuration",
            source.display()
        ))
    })?;
    staging::check_destination(source, &options.out)?;
    let config = config::load(&config_files)?;
    let (layout, unreadable) = layout::scan(source, &config);

    let mut problems: Vec<Problem> = Vec::new();
    let texts: Vec<String> = layout
        .pages
        .par_iter()
        .map(|page| read_text(&source.join(&page.source)))
        .collect::<Result<Vec<_>, Failure>>()?
        .into_iter()
        .zip(&layout.pages)
        .map(|((text, note), page)| {
            if let Some(message) = note {
                problems.push(problem(&page.source, None, message));
            }
            text
        })
        .collect();
    let facts: Vec<_> = texts.par_iter().map(|t| page::facts(t)).collect();
    let static_files = files_below(source, &config.static_dirs);
    let assets = files_below(source, std::slice::from_ref(&config.assets_dir));
    let site_shortcodes = site_shortcodes(source);
    let index = SiteIndex::new(
        &config,
        &layout,
        &facts,
        static_files.keys().cloned().collect(),
        assets.keys().cloned().collect(),
    );
    let alias_plans = aliases::plan(&index, &facts);
    let converted: Vec<ConvertedPage> = (0..layout.pages.len())
        .into_par_iter()
        .map(|i| {
            let context = index.context(i);
            let environment = Environment {
                index: &index,
                context: &context,
                site_shortcodes: &site_shortcodes,
                source,
                aliases: &alias_plans[i],
            };
            page::convert(&environment, &texts[i])
        })
        .collect();

    let files_copied = write::write_site(
        options,
        &config,
        &config_files,
        &layout,
        &converted,
        &static_files,
        &assets,
    )?;
    for (file, message) in layout.skipped.iter().chain(&unreadable) {
        problems.push(problem(file, None, message.clone()));
    }
    Ok(report(
        options,
        &config,
        &config_files,
        &layout,
        converted,
        problems,
        files_copied,
    ))
}

/// A page's text; one that is not UTF-8 is read as Windows-1252 (what old editors wrote).
fn read_text(path: &Path) -> Result<(String, Option<String>), Failure> {
    let bytes = std::fs::read(path).map_err(|error| {
        Failure::Other(anyhow::Error::new(error).context(format!("cannot read {}", path.display())))
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok((text, None)),
        Err(error) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(error.as_bytes());
            Ok((
                text.into_owned(),
                Some(
                    "not UTF-8; read as Windows-1252 and written as UTF-8 (check its letters)"
                        .into(),
                ),
            ))
        }
    }
}

/// Every file below the folders (a later folder's file wins, as in Hugo), by its path
/// with `/` separators.
fn files_below(source: &Path, dirs: &[PathBuf]) -> BTreeMap<String, PathBuf> {
    let mut files = BTreeMap::new();
    for dir in dirs {
        let root = source.join(dir);
        let walker = WalkDir::new(&root)
            .follow_links(true)
            .sort_by_file_name()
            .min_depth(1)
            .into_iter()
            .filter_entry(|e| !e.file_name().to_str().is_some_and(is_ignored_file));
        for entry in walker.filter_map(Result::ok) {
            if entry.file_type().is_file()
                && let Ok(relative) = entry.path().strip_prefix(&root)
            {
                let key = relative.to_string_lossy().replace('\\', "/");
                files.insert(key, entry.path().to_path_buf());
            }
        }
    }
    files
}

/// Names of the shortcodes the site defines in `layouts/shortcodes/` (`blocks/cover`).
fn site_shortcodes(source: &Path) -> HashSet<String> {
    files_below(source, &[PathBuf::from("layouts/shortcodes")])
        .keys()
        .map(|name| {
            let name = name.strip_suffix(".html").unwrap_or(name);
            let name = name.split('.').next().unwrap_or(name);
            name.to_lowercase()
        })
        .collect()
}

fn problem(file: &Path, line: Option<usize>, message: String) -> Problem {
    Problem {
        file: file.to_string_lossy().replace('\\', "/"),
        line,
        message,
    }
}

fn report(
    options: &ImportOptions,
    config: &config::HugoConfig,
    config_files: &[PathBuf],
    layout: &layout::Layout,
    converted: Vec<ConvertedPage>,
    mut problems: Vec<Problem>,
    files_copied: usize,
) -> ImportReport {
    let mut report = ImportReport {
        source: options.source.display().to_string(),
        out: options.out.display().to_string(),
        config: config_name(&options.source, config_files),
        files_copied,
        notes: config.notes.clone(),
        ..ImportReport::default()
    };
    for (file, message) in &layout.moved {
        report.notes.push(format!(
            "{}: {message}",
            file.to_string_lossy().replace('\\', "/")
        ));
    }
    for (lang, language) in config.languages.iter().enumerate() {
        report.languages.push(LanguagePages {
            code: language.code.clone(),
            hugo_code: (language.hugo_code != language.code).then(|| language.hugo_code.clone()),
            name: language.name.clone(),
            pages: layout.pages.iter().filter(|p| p.lang == lang).count(),
        });
    }
    let mut sets: HashMap<String, BTreeSet<usize>> = HashMap::new();
    for (page, converted) in layout.pages.iter().zip(&converted) {
        let key = match &converted.translation_key {
            Some(key) => format!("key:{key}"),
            None => format!("path:{}", page.logical.display()),
        };
        sets.entry(key).or_default().insert(page.lang);
    }
    report.translation_pairs = sets.values().filter(|langs| langs.len() > 1).count();
    for (page, converted) in layout.pages.iter().zip(converted) {
        for (name, n) in converted.shortcodes {
            *report.shortcodes.entry(name).or_default() += n;
        }
        for (edit, n) in converted.front_matter {
            *report.front_matter.entry(edit).or_default() += n;
        }
        report.links_rewritten += converted.links;
        report.images_rewritten += converted.images;
        for (line, message) in converted.problems {
            problems.push(problem(&page.source, line, message));
        }
    }
    problems.sort();
    problems.dedup();
    report.problems = problems;
    report
}

/// The configuration file(s) read, as the site names them.
fn config_name(source: &Path, files: &[PathBuf]) -> String {
    files
        .iter()
        .map(|f| {
            f.strip_prefix(source)
                .unwrap_or(f)
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect::<Vec<_>>()
        .join(", ")
}
