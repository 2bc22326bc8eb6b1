//! The converted site written out: `site.yaml`, the pages, the resources copied beside them
//! in each language, `static/` (with the files of `assets/` that pages use), and files
//! included from outside the content. All of it in a staging folder, in parallel.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::config::HugoConfig;
use super::layout::Layout;
use super::page::ConvertedPage;
use crate::diagnostic::Failure;
use crate::import::ImportOptions;
use crate::import::staging::Staging;

/// Writes the site and moves it into place; returns how many files were copied.
pub fn write_site(
    options: &ImportOptions,
    config: &HugoConfig,
    config_files: &[PathBuf],
    layout: &Layout,
    converted: &[ConvertedPage],
    static_files: &BTreeMap<String, PathBuf>,
    assets: &BTreeMap<String, PathBuf>,
) -> Result<usize, Failure> {
    let staging = Staging::create(&options.out)?;
    let config_name = config_files
        .last()
        .and_then(|f| f.strip_prefix(&options.source).ok())
        .map_or_else(|| "its configuration".into(), |f| f.display().to_string());
    staging.write(
        Path::new("site.yaml"),
        config.site_yaml(&config_name).as_bytes(),
    )?;

    layout
        .pages
        .par_iter()
        .zip(converted)
        .try_for_each(|(page, converted)| {
            let code = &config.languages[page.lang].code;
            let target = Path::new("content").join(code).join(&page.logical);
            staging.write(&target, converted.text.as_bytes())
        })?;

    let mut copies: Vec<(&Path, PathBuf)> = Vec::new();
    for resource in &layout.resources {
        for (lang, copy) in &resource.copies {
            let code = &config.languages[*lang].code;
            copies.push((
                resource.source.as_path(),
                Path::new("content").join(code).join(copy),
            ));
        }
    }
    let mut absolute: Vec<(PathBuf, PathBuf)> = copies
        .into_iter()
        .map(|(from, to)| (options.source.join(from), to))
        .collect();
    for (relative, from) in static_files {
        absolute.push((from.clone(), Path::new("static").join(relative)));
    }
    // Files of assets/ that pages use are published from static/ (a static file wins).
    let used: BTreeSet<&String> = converted.iter().flat_map(|c| &c.assets).collect();
    for relative in used {
        if let Some(from) = assets.get(relative)
            && !static_files.contains_key(relative)
        {
            absolute.push((from.clone(), Path::new("static").join(relative)));
        }
    }
    let included: BTreeSet<&PathBuf> = converted.iter().flat_map(|c| &c.includes).collect();
    for relative in included {
        absolute.push((
            options.source.join(relative),
            Path::new("includes").join(relative),
        ));
    }
    absolute
        .par_iter()
        .try_for_each(|(from, to)| staging.copy(from, to))?;
    staging.commit()?;
    Ok(absolute.len())
}
