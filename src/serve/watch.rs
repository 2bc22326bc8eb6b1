//! File-system changes → what they mean for the site. [`classify`] is a pure function of
//! paths, so every editor's save pattern is testable without a watcher.

use std::path::{Path, PathBuf};

use crate::config::CONFIG_FILE;
use crate::content::{CONTENT_DIR, is_ignored_file};
use crate::render::{STATIC_DIR, TEMPLATES_DIR};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// A file or folder below `content/`, relative to it.
    Content(PathBuf),
    /// Anything in `templates/`: templates are compiled together, so all are reloaded.
    Templates,
    /// A file below `static/`, as a site path (`/illustrations/a.png`).
    Static(String),
    /// `site.yaml`: everything is reloaded.
    Config,
}

/// What a changed path means, or `None` for paths the site does not read (the output
/// folder, editors' swap and backup files, anything outside the watched folders).
pub fn classify(root: &Path, path: &Path) -> Option<Change> {
    let relative = path.strip_prefix(root).ok()?;
    let name = relative.file_name()?.to_str()?;
    if is_ignored_file(name)
        || relative
            .components()
            .any(|c| c.as_os_str().to_str().is_some_and(is_ignored_file))
    {
        return None;
    }
    let mut components = relative.components();
    let first = components.next()?.as_os_str();
    let rest: PathBuf = components.collect();
    // site.yaml, or a source folder appearing or vanishing as a whole: reload everything.
    if rest.as_os_str().is_empty()
        && (first == CONFIG_FILE || first == CONTENT_DIR || first == STATIC_DIR)
    {
        return Some(Change::Config);
    }
    if first == CONTENT_DIR && !rest.as_os_str().is_empty() {
        return Some(Change::Content(rest));
    }
    if first == TEMPLATES_DIR {
        return Some(Change::Templates);
    }
    if first == STATIC_DIR && !rest.as_os_str().is_empty() {
        let site_path: String = rest
            .components()
            .map(|c| format!("/{}", c.as_os_str().to_string_lossy()))
            .collect();
        return Some(Change::Static(site_path));
    }
    None
}

/// The distinct changes of a batch of paths, with the broadest first (a config change makes
/// the rest moot).
pub fn changes(root: &Path, paths: impl IntoIterator<Item = PathBuf>) -> Vec<Change> {
    let mut changes: Vec<Change> = paths
        .into_iter()
        .filter_map(|p| classify(root, &p))
        .collect();
    changes.sort();
    changes.dedup();
    if changes.contains(&Change::Config) {
        return vec![Change::Config];
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(path: &str) -> Option<Change> {
        classify(Path::new("/site"), &Path::new("/site").join(path))
    }

    #[test]
    fn classifies_site_paths() {
        assert_eq!(at("site.yaml"), Some(Change::Config));
        assert_eq!(
            at("content/en/ops.md"),
            Some(Change::Content("en/ops.md".into()))
        );
        assert_eq!(
            at("content/nb/ny-mappe"),
            Some(Change::Content("nb/ny-mappe".into()))
        );
        assert_eq!(at("templates/page.html"), Some(Change::Templates));
        assert_eq!(
            at("static/theme/handbok.css"),
            Some(Change::Static("/theme/handbok.css".into()))
        );
        assert_eq!(at("public/en/index.html"), None);
        assert_eq!(at("public"), None);
        assert_eq!(at("content"), Some(Change::Config));
        assert_eq!(at("README.md"), None);
        assert_eq!(
            classify(Path::new("/site"), Path::new("/elsewhere/x.md")),
            None
        );
    }

    #[test]
    fn editor_leftovers_are_ignored() {
        for path in [
            "content/en/.ops.md.swp",
            "content/en/ops.md~",
            "content/en/.#ops.md",
            "content/en/4913",
            "content/en/#ops.md#",
            "content/.git/index",
            "templates/.page.html.swx",
            "content/en/ops.md___jb_tmp___",
            "content/en/ops.md___jb_old___",
        ] {
            assert_eq!(at(path), None, "{path}");
        }
    }

    #[test]
    fn config_changes_swallow_the_rest() {
        let root = Path::new("/site");
        let batch = [
            root.join("content/en/a.md"),
            root.join("site.yaml"),
            root.join("content/en/a.md"),
        ];
        assert_eq!(changes(root, batch), vec![Change::Config]);
        let batch = [
            root.join("content/en/a.md"),
            root.join("content/en/a.md"),
            root.join("static/x.css"),
        ];
        assert_eq!(
            changes(root, batch),
            vec![
                Change::Content("en/a.md".into()),
                Change::Static("/x.css".into())
            ]
        );
    }
}
