//! The dev server's state: the loaded site, pages rendered on demand and cached until a
//! change touches them, and the errors of the current state of the files.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::CONFIG_FILE;
use crate::content::CONTENT_DIR;
use crate::content::library::TreeChange;
use crate::diagnostic::{Diagnostic, Failure};
use crate::output::FileContents;
use crate::render::{Renderer, SharedContext, included_file, print_site_path};
use crate::site::{Site, load_preview_site};

use super::watch::Change;

/// Where an error came from, so fixing the source removes exactly its errors.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Origin {
    Config,
    Templates,
    /// A file (or folder) below `content/`.
    Content(PathBuf),
    /// Linking the tree: duplicate URLs, bundles, translation sets.
    Links,
    /// Rendering one output file.
    Render(String),
}

struct Cached {
    bytes: Arc<Vec<u8>>,
    /// False once a change may have altered it; it is then rendered again when requested, and
    /// kept (with an error overlay) if that fails.
    fresh: bool,
}

/// A served response body.
pub enum Body {
    /// Rendered HTML (the live-reload script is injected when served).
    Html(Arc<Vec<u8>>),
    Bytes(Arc<Vec<u8>>),
    File(PathBuf),
    Embedded(&'static [u8]),
}

/// What one rebuild did, for the terminal line and the open tabs.
#[derive(Debug)]
pub struct Rebuild {
    pub what: String,
    /// Site paths (hrefs) of affected pages; `None` when every page is affected.
    pub affected: Option<Vec<String>>,
    pub pages: usize,
    /// A changed stylesheet, swapped in open tabs without a reload.
    pub stylesheet: Option<String>,
    /// Whether open tabs must reload: false when a stylesheet swap is all they need.
    pub reload: bool,
}

pub struct Preview {
    root: PathBuf,
    base_url: String,
    include_drafts: bool,
    site: Site,
    shared: SharedContext,
    cache: HashMap<String, Cached>,
    errors: BTreeMap<Origin, Vec<Diagnostic>>,
    /// The search index files, made when first asked for (it needs every page's text) and
    /// dropped when content or templates change.
    search: Option<HashMap<String, Arc<Vec<u8>>>>,
    /// Included file (`content/…`) → the pages that include it, made when an edit first
    /// needs it (a scan of every body), then kept up to date page by page.
    includers: Option<HashMap<PathBuf, Vec<PathBuf>>>,
}

impl Preview {
    /// Loads the site. Only a broken `site.yaml` stops the server from starting; content and
    /// template errors are shown in the browser while the editor fixes them.
    pub fn load(root: &Path, base_url: &str, include_drafts: bool) -> Result<Preview, Failure> {
        let site = load_preview_site(root, base_url, include_drafts)?;
        let mut errors = BTreeMap::new();
        for d in site.diagnostics.iter().filter(|d| d.is_error()) {
            errors
                .entry(origin_of(d))
                .or_insert_with(Vec::new)
                .push(d.clone());
        }
        let shared = SharedContext::new(&site.renderer, &site.library);
        Ok(Preview {
            root: root.to_path_buf(),
            base_url: base_url.to_string(),
            include_drafts,
            site,
            shared,
            cache: HashMap::new(),
            errors,
            search: None,
            includers: None,
        })
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.site.diagnostics.iter().filter(|d| !d.is_error())
    }

    pub fn errors(&self) -> Vec<&Diagnostic> {
        self.errors.values().flatten().collect()
    }

    pub fn page_count(&self) -> usize {
        self.site.library.pages.len()
    }

    /// The response for a site file path (`en/ops/index.html`), rendering it if needed.
    pub fn get(&mut self, path: &str) -> Option<Body> {
        if path.starts_with("search/") {
            return self.search_file(path);
        }
        if let Some(cached) = self.cache.get(path).filter(|c| c.fresh) {
            return Some(Body::Html(Arc::clone(&cached.bytes)));
        }
        let (file, found) =
            self.site
                .renderer
                .render_file(&self.site.library, &self.shared, path)?;
        let origin = Origin::Render(path.to_string());
        let errors: Vec<Diagnostic> = found.into_iter().filter(Diagnostic::is_error).collect();
        // A diagram being typed does not parse most of the time: the page keeps its last good
        // version on screen (as one whose front matter does not parse), not the code.
        let keep_last_good =
            errors.iter().any(|d| d.rule == "diagram") && self.cache.contains_key(path);
        if errors.is_empty() {
            self.errors.remove(&origin);
        } else {
            self.errors.insert(origin, errors);
        }
        let Some(file) = file.filter(|_| !keep_last_good) else {
            // Rendering failed (or a diagram did): the last good version, if any, with the
            // errors over it.
            return self
                .cache
                .get(path)
                .map(|c| Body::Html(Arc::clone(&c.bytes)));
        };
        Some(match file.contents {
            FileContents::Bytes(bytes) if path.ends_with(".html") => {
                let bytes = Arc::new(bytes);
                self.cache.insert(
                    path.to_string(),
                    Cached {
                        bytes: Arc::clone(&bytes),
                        fresh: true,
                    },
                );
                Body::Html(bytes)
            }
            FileContents::Bytes(bytes) => Body::Bytes(Arc::new(bytes)),
            FileContents::Copy(disk) => Body::File(disk),
            FileContents::Embedded(bytes) => Body::Embedded(bytes),
        })
    }

    fn search_file(&mut self, path: &str) -> Option<Body> {
        if self.search.is_none() {
            let files = std::sync::Mutex::new(HashMap::new());
            // Rendering the whole site is what gives every page's text; only the search
            // files are kept.
            let keep = |file: &crate::output::OutputFile| {
                if let (true, FileContents::Bytes(bytes), Ok(mut files)) = (
                    file.path.starts_with("search/"),
                    &file.contents,
                    files.lock(),
                ) {
                    files.insert(file.path.clone(), Arc::new(bytes.clone()));
                }
                Ok(())
            };
            self.site
                .renderer
                .render_site(&self.site.library, false, &keep)
                .ok()?;
            self.search = files.into_inner().ok();
        }
        let bytes = self.search.as_ref()?.get(path)?;
        Some(Body::Bytes(Arc::clone(bytes)))
    }

    /// Applies a batch of changes from the watcher.
    pub fn apply(&mut self, changes: &[Change]) -> Rebuild {
        let mut rebuild = Rebuild {
            what: String::new(),
            affected: Some(Vec::new()),
            pages: 0,
            stylesheet: None,
            reload: false,
        };
        let described: Vec<String> = changes
            .iter()
            .map(|change| self.apply_one(change, &mut rebuild))
            .collect();
        if rebuild.reload {
            self.search = None;
        }
        if rebuild.affected.is_none() {
            // Navigation, listings or templates may have changed.
            self.shared = SharedContext::new(&self.site.renderer, &self.site.library);
        }
        rebuild.pages = match &rebuild.affected {
            None => {
                self.cache.values_mut().for_each(|c| c.fresh = false);
                self.errors
                    .retain(|origin, _| !matches!(origin, Origin::Render(_)));
                self.page_count()
            }
            Some(hrefs) => self.refresh_pages(hrefs),
        };
        self.print_pages_are_stale(&mut rebuild);
        rebuild.what = described.join(", ");
        rebuild
    }

    /// Takes in one change; says what changed, for the rebuild line.
    fn apply_one(&mut self, change: &Change, rebuild: &mut Rebuild) -> String {
        match change {
            Change::Config => {
                self.reload_everything();
                rebuild.affected = None;
                rebuild.reload = true;
                CONFIG_FILE.to_string()
            }
            Change::Templates => {
                match Renderer::new(&self.root, Arc::clone(&self.site.config)) {
                    Ok(renderer) => {
                        self.site.renderer = renderer;
                        self.errors.remove(&Origin::Templates);
                    }
                    Err(failure) => {
                        self.errors
                            .insert(Origin::Templates, failure_diagnostics(failure, "templates"));
                    }
                }
                rebuild.affected = None;
                rebuild.reload = true;
                "templates/".to_string()
            }
            Change::Static(site_path) => {
                // Pages change too: which images exist, and the `?v=` of `asset_url`.
                rebuild.affected = None;
                if site_path.ends_with(".css") {
                    rebuild.stylesheet = Some(self.site.config.base_url.href(site_path));
                } else {
                    rebuild.reload = true;
                }
                self.site.renderer.update_static_file(site_path);
                format!("static{site_path}")
            }
            Change::Content(relative) => {
                self.site.renderer.forget_image_sizes();
                let affected = self.update_content(relative);
                match (&mut rebuild.affected, affected) {
                    (Some(list), Some(more)) => list.extend(more),
                    (slot, _) => *slot = None,
                }
                rebuild.reload = true;
                Path::new(CONTENT_DIR).join(relative).display().to_string()
            }
        }
    }

    /// The print pages hold every page, so any change leaves them stale; they are rendered
    /// again only when asked for (an open print page is told to reload, and asks), so an
    /// edit never waits for them.
    fn print_pages_are_stale(&mut self, rebuild: &mut Rebuild) {
        let base = &self.site.config.base_url;
        for lang in self.site.renderer.print_languages(&self.site.library) {
            let site_path = print_site_path(lang);
            if let Some(cached) = self
                .cache
                .get_mut(&format!("{}index.html", &site_path[1..]))
            {
                cached.fresh = false;
            }
            if let Some(affected) = &mut rebuild.affected
                && !affected.is_empty()
            {
                affected.push(base.href(&site_path));
            }
        }
    }

    /// Marks the pages at `hrefs` stale and renders them at once, so their errors show;
    /// returns how many there were.
    fn refresh_pages(&mut self, hrefs: &[String]) -> usize {
        let base_path = self.site.config.base_url.path().to_string();
        for href in hrefs {
            let file = format!(
                "{}index.html",
                href.trim_start_matches(&base_path).trim_start_matches('/')
            );
            let file = crate::url::decode_path(&file);
            if let Some(cached) = self.cache.get_mut(&file) {
                cached.fresh = false;
            }
            let _ = self.get(&file);
        }
        hrefs.len()
    }

    /// Re-reads one changed path below `content/`. Returns the hrefs of the pages it affects,
    /// or `None` when navigation or listings may have changed (every page is affected).
    fn update_content(&mut self, relative: &Path) -> Option<Vec<String>> {
        let (found, change) = self.site.library.update_path(
            &self.root,
            &self.site.config,
            relative,
            self.include_drafts,
        );
        // Files may have come or gone (a rename), or a whole folder was read again: the
        // index is made afresh when next needed.
        let folder = self.root.join(CONTENT_DIR).join(relative).is_dir();
        match (&mut self.includers, change) {
            (index, TreeChange::Links) => *index = None,
            (index, _) if folder => *index = None,
            (Some(index), _) => index_includes(index, &self.site.library, relative),
            (None, _) => {}
        }
        let (link_errors, file_errors): (Vec<Diagnostic>, Vec<Diagnostic>) = found
            .into_iter()
            .filter(Diagnostic::is_error)
            .partition(|d| matches!(d.rule, "duplicate-url" | "translation" | "bundle"));
        self.errors.retain(|origin, _| {
            !matches!(origin, Origin::Content(p) if p.starts_with(relative) || relative.starts_with(p))
        });
        if !file_errors.is_empty() {
            self.errors
                .insert(Origin::Content(relative.to_path_buf()), file_errors);
        }
        match change {
            TreeChange::Links => {
                if link_errors.is_empty() {
                    self.errors.remove(&Origin::Links);
                } else {
                    self.errors.insert(Origin::Links, link_errors);
                }
                return None;
            }
            // Other pages show its title or list it, so they are all rendered afresh (when
            // asked for); linking found nothing new, as nothing was linked.
            TreeChange::Labels => return None,
            TreeChange::None => {}
        }
        // Only the body changed (or nothing parsed): this page, and the pages that include it.
        let page = self.site.library.page(relative)?;
        // A headless snippet has no URL of its own.
        let mut hrefs: Vec<String> = (!page.site_path.is_empty())
            .then(|| self.site.config.base_url.href(&page.site_path))
            .into_iter()
            .collect();
        // Where it is shown in other languages, as a fallback page.
        let library = &self.site.library;
        for lang in &self.site.config.languages {
            if let Some(fallback) = library.fallback_in(page, &lang.code)
                && !fallback.site_path.is_empty()
            {
                hrefs.push(self.site.config.base_url.href(&fallback.site_path));
            }
        }
        hrefs.extend(self.pages_including(relative));
        Some(hrefs)
    }

    /// The hrefs of the pages that include the file `relative` (below `content/`), directly
    /// or through other included files.
    fn pages_including(&mut self, relative: &Path) -> Vec<String> {
        let library = &self.site.library;
        let index = self.includers.get_or_insert_with(|| {
            let mut index = HashMap::new();
            for source in library.pages.keys() {
                add_includes(&mut index, library, source);
            }
            index
        });
        let mut targets = vec![Path::new(CONTENT_DIR).join(relative)];
        let mut hrefs = Vec::new();
        let mut next = 0;
        while let Some(target) = targets.get(next).cloned() {
            next += 1;
            for source in index.get(&target).into_iter().flatten() {
                let file = Path::new(CONTENT_DIR).join(source);
                if targets.contains(&file) {
                    continue;
                }
                targets.push(file);
                if let Some(page) = library.page(source)
                    && !page.site_path.is_empty()
                {
                    hrefs.push(self.site.config.base_url.href(&page.site_path));
                }
            }
        }
        hrefs
    }

    fn reload_everything(&mut self) {
        match Preview::load(&self.root, &self.base_url, self.include_drafts) {
            Ok(fresh) => *self = fresh,
            Err(failure) => {
                self.errors
                    .insert(Origin::Config, failure_diagnostics(failure, CONFIG_FILE));
            }
        }
    }
}

/// Puts in `index` what the page `source` includes now, in place of what it included before
/// (nothing, when it is gone).
fn index_includes(
    index: &mut HashMap<PathBuf, Vec<PathBuf>>,
    library: &crate::content::Library,
    source: &Path,
) {
    for includers in index.values_mut() {
        includers.retain(|s| s != source);
    }
    add_includes(index, library, source);
}

/// Adds to `index` what the page `source` includes.
fn add_includes(
    index: &mut HashMap<PathBuf, Vec<PathBuf>>,
    library: &crate::content::Library,
    source: &Path,
) {
    let Some(page) = library.page(source) else {
        return;
    };
    let dir = source.parent().unwrap_or(Path::new(""));
    for path in crate::markdown::include_paths(&page.body) {
        if let Some(target) = included_file(dir, path) {
            let includers = index.entry(target).or_default();
            if !includers.iter().any(|s| s == source) {
                includers.push(source.to_path_buf());
            }
        }
    }
}

fn origin_of(d: &Diagnostic) -> Origin {
    match d.rule {
        "duplicate-url" | "translation" | "bundle" => Origin::Links,
        "template" => Origin::Templates,
        "config" => Origin::Config,
        _ => match d.file.strip_prefix(CONTENT_DIR) {
            Ok(relative) => Origin::Content(relative.to_path_buf()),
            Err(_) => Origin::Config,
        },
    }
}

fn failure_diagnostics(failure: Failure, file: &str) -> Vec<Diagnostic> {
    match failure {
        Failure::Content(diagnostics) => diagnostics,
        other => vec![Diagnostic::error("config", file, other.to_string())],
    }
}
