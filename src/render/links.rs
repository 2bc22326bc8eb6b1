//! How the links and images written in a page become hrefs of the built site (see the
//! README's "Links and images"): `.md` files become page URLs, site paths get the base URL's
//! sub-path, files beside a page point at their copy, and what is missing is said.

use std::path::{Component, Path, PathBuf};

use super::Renderer;
use crate::content::{CONTENT_DIR, Library, Page};
use crate::diagram::Drawn;
use crate::markdown::{LinkResolver, Resolved};
use crate::url::decode_path;

/// Resolves the links and images of one page (see the README's "Links and images").
pub(super) struct PageLinks<'a> {
    renderer: &'a Renderer,
    library: &'a Library,
    /// The page's folder relative to `content/` (a fallback's is its original's, whose
    /// links and images it shows as written).
    dir: PathBuf,
    lang: &'a str,
}

impl<'a> PageLinks<'a> {
    pub(super) fn new(
        renderer: &'a Renderer,
        library: &'a Library,
        page: &'a Page,
    ) -> PageLinks<'a> {
        PageLinks {
            renderer,
            library,
            dir: library
                .fallback_original(page)
                .unwrap_or(page)
                .source
                .parent()
                .unwrap_or(Path::new(""))
                .to_path_buf(),
            lang: &page.lang,
        }
    }
}

enum Destination<'a> {
    /// External, `mailto:`, fragment-only and the like: not ours.
    Foreign,
    Local {
        path: String,
        suffix: &'a str,
    },
}

fn classify(destination: &str) -> Destination<'_> {
    let has_scheme = destination.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if destination.is_empty()
        || destination.starts_with('#')
        || destination.starts_with("//")
        || has_scheme
    {
        return Destination::Foreign;
    }
    let cut = destination.find(['?', '#']).unwrap_or(destination.len());
    Destination::Local {
        path: decode_path(&destination[..cut]),
        suffix: &destination[cut..],
    }
}

impl PageLinks<'_> {
    /// `relative` joined to the page's folder, `..` resolved; `None` if it leaves `content/`.
    fn content_path(&self, relative: &str) -> Option<PathBuf> {
        let joined = if let Some(absolute) = relative.strip_prefix('/') {
            PathBuf::from(absolute)
        } else {
            self.dir.join(relative)
        };
        let mut normal = PathBuf::new();
        for component in joined.components() {
            match component {
                Component::Normal(part) => normal.push(part),
                Component::ParentDir if !normal.pop() => return None,
                _ => {}
            }
        }
        Some(normal)
    }

    /// Width and height of a local image, read from its header once per file.
    pub(super) fn image_size(&self, destination: &str) -> Option<(u32, u32)> {
        let Destination::Local { path, .. } = classify(destination) else {
            return None;
        };
        let disk = match self.renderer.static_files.get(&path) {
            Some(disk) => disk.clone(),
            None => self
                .renderer
                .root
                .join(CONTENT_DIR)
                .join(self.content_path(&path)?),
        };
        self.renderer.image_sizes.get(disk)
    }

    /// A site path written with the base URL's sub-path (`/docs/images/x.png` for a site at
    /// `…/docs/`, as Hugo sites often write them) means the file without it, when that exists.
    fn without_base_path(
        &self,
        path: &str,
        destination: &str,
        exists: impl Fn(&str) -> bool,
    ) -> Option<Resolved> {
        let base = decode_path(self.renderer.config.base_url.path());
        let stripped = path
            .strip_prefix(base.as_str())
            .filter(|rest| !base.is_empty() && rest.starts_with('/') && exists(rest))?;
        let suffix = &destination[destination.find(['?', '#']).unwrap_or(destination.len())..];
        Some(Resolved::Corrected {
            href: format!("{}{suffix}", self.renderer.config.base_url.href(stripped)),
            note: format!(
                "`{destination}` carries the base URL's sub-path `{base}/`; it is read as `{stripped}`"
            ),
        })
    }

    fn asset_href(&self, path: &str) -> Option<String> {
        let asset = self.content_path(path)?;
        self.library.assets.contains(&asset).then(|| {
            self.renderer
                .config
                .base_url
                .href(&format!("/{}", asset.to_string_lossy().replace('\\', "/")))
        })
    }
}

impl LinkResolver for PageLinks<'_> {
    fn ui_word(&self, key: &str) -> String {
        self.alert_label(key)
    }

    /// Drawn once per distinct source for the whole build, whichever page has it.
    fn diagram(&self, source: &str) -> Drawn {
        self.renderer.diagrams.draw(source)
    }

    /// The file a `{{#include path}}` line names, relative to the page's file and inside
    /// the site's folder (content/, or the includes/ beside it that `handbok import hugo`
    /// writes for Hugo's files outside content/).
    fn include(&self, path: &str) -> Result<String, String> {
        let file = included_file(&self.dir, path)
            .ok_or_else(|| format!("cannot include `{path}`: it leads out of the site's folder"))?;
        std::fs::read_to_string(self.renderer.root.join(&file)).map_err(|error| {
            match error.kind() {
                std::io::ErrorKind::NotFound => {
                    format!(
                        "cannot include `{path}`: there is no file {}",
                        file.display()
                    )
                }
                _ => format!("cannot include `{path}`: {}: {error}", file.display()),
            }
        })
    }

    fn alert_label(&self, kind: &str) -> String {
        let config = &self.renderer.config;
        let language = config
            .language(self.lang)
            .unwrap_or_else(|| config.default_language());
        language
            .string(kind)
            .or_else(|| config.default_language().string(kind))
            .unwrap_or(kind)
            .to_string()
    }

    fn link(&self, destination: &str) -> Resolved {
        let Destination::Local { path, suffix } = classify(destination) else {
            return Resolved::Keep;
        };
        if path.ends_with(".md") {
            let target = self.content_path(&path);
            return match target
                .as_ref()
                .and_then(|t| self.library.page(t))
                .filter(|p| !p.site_path.is_empty())
            {
                Some(page) => Resolved::Href(format!(
                    "{}{suffix}",
                    self.renderer.config.base_url.href(&page.site_path)
                )),
                None => Resolved::Missing(format!(
                    "link to `{destination}`: there is no page {}",
                    target.map_or_else(
                        || path.clone(),
                        |t| Path::new(CONTENT_DIR).join(t).display().to_string()
                    )
                )),
            };
        }
        if path.starts_with('/') {
            let exists = |p: &str| {
                self.renderer.static_file_exists(p)
                    || self.asset_href(p).is_some()
                    || self.library.source_at(p).is_some()
            };
            if !exists(&path)
                && let Some(corrected) = self.without_base_path(&path, destination, exists)
            {
                return corrected;
            }
            return Resolved::Href(format!(
                "{}{suffix}",
                self.renderer.config.base_url.href(&path)
            ));
        }
        match self.asset_href(&path) {
            Some(href) => Resolved::Href(format!("{href}{suffix}")),
            None => Resolved::Keep,
        }
    }

    fn image(&self, destination: &str) -> Resolved {
        let Destination::Local { path, suffix } = classify(destination) else {
            return Resolved::Keep;
        };
        if path.starts_with('/') {
            if self.renderer.static_file_exists(&path) {
                return Resolved::Href(format!(
                    "{}{suffix}",
                    self.renderer.config.base_url.href(&path)
                ));
            }
            if let Some(href) = self.asset_href(&path) {
                return Resolved::Href(format!("{href}{suffix}"));
            }
            let exists =
                |p: &str| self.renderer.static_file_exists(p) || self.asset_href(p).is_some();
            if let Some(corrected) = self.without_base_path(&path, destination, exists) {
                return corrected;
            }
            return Resolved::Missing(format!(
                "image `{destination}` is not in static/ (looked for static{path})"
            ));
        }
        match self.asset_href(&path) {
            Some(href) => Resolved::Href(format!("{href}{suffix}")),
            None => Resolved::Missing(format!(
                "image `{destination}` is not beside the page (looked for {})",
                self.content_path(&path).map_or_else(
                    || path.clone(),
                    |p| Path::new(CONTENT_DIR).join(p).display().to_string()
                )
            )),
        }
    }
}

/// The file, relative to the site's folder, that an include line `path` of a page in `dir`
/// (below `content/`) names; `None` when it leads out of the site's folder.
pub fn included_file(dir: &Path, path: &str) -> Option<PathBuf> {
    let mut file = PathBuf::new();
    for component in Path::new(CONTENT_DIR).join(dir).join(path).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::ParentDir if !file.pop() => return None,
            _ => {}
        }
    }
    Some(file)
}
