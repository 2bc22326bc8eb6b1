//! The loaded site every command starts from: configuration, content and templates, with
//! what loading them found wrong. `build` renders it to disk, `check` renders it in memory
//! and inspects the result, and `serve` keeps it and updates it on every change.

use std::path::Path;
use std::sync::Arc;

use crate::config::Config;
use crate::content::Library;
use crate::diagnostic::{Diagnostic, Failure};
use crate::render::Renderer;
use crate::url::BaseUrl;

/// A loaded site: configuration, content and templates.
pub struct Site {
    pub config: Arc<Config>,
    pub library: Library,
    pub renderer: Renderer,
    /// Warnings and errors found while loading.
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads the site at `root`; `base_url` overrides the one in site.yaml (a preview deploy, the
/// dev server's address).
pub fn load_site(
    root: &Path,
    base_url: Option<&str>,
    include_drafts: bool,
) -> Result<Site, Failure> {
    load(root, base_url, include_drafts, false)
}

/// The site as the dev server shows it, at `base_url`: without offline reading, whatever
/// site.yaml says, so no service worker caches a preview (or outlives it).
pub fn load_preview_site(
    root: &Path,
    base_url: &str,
    include_drafts: bool,
) -> Result<Site, Failure> {
    load(root, Some(base_url), include_drafts, true)
}

fn load(
    root: &Path,
    base_url: Option<&str>,
    include_drafts: bool,
    preview: bool,
) -> Result<Site, Failure> {
    let (mut config, mut diagnostics) = Config::load(root)?;
    if preview {
        config.offline = crate::config::Offline::Unset;
    }
    if let Some(base_url) = base_url {
        config.base_url =
            BaseUrl::parse(base_url).map_err(|m| Failure::Usage(format!("--base-url: {m}")))?;
    }
    let config = Arc::new(config);
    let (library, found) = Library::load(root, &config, include_drafts);
    diagnostics.extend(found);
    let renderer = Renderer::new(root, Arc::clone(&config))?;
    Ok(Site {
        config,
        library,
        renderer,
        diagnostics,
    })
}
