//! The one place that writes the built site. A build writes into a staging folder beside the
//! output and swaps it in only when every file is written, so a failed build leaves the
//! previous output exactly as it was.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::CONFIG_FILE;
use crate::content::CONTENT_DIR;
use crate::diagnostic::Failure;
use crate::render::{FileContents, OutputFile};

/// Marks a folder as handbok's own output, which it may replace.
pub const MARKER_FILE: &str = ".handbok-output";
const MARKER_TEXT: &str =
    "This folder is written by `handbok build` and replaced on every build.\n";

/// Refuses output folders that a build would damage: the site itself, a folder holding a
/// site, a folder of the site's sources, or a non-empty folder handbok did not create.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), Failure> {
    let root = absolute(root)?;
    let output = absolute(output)?;
    let refuse = |why: String| {
        Failure::Usage(format!(
            "refusing to write the site to {}: {why}\n  help: pass another folder with --output (the default is public/ in the site)",
            output.display()
        ))
    };
    if output == root {
        return Err(refuse("it is the site's own folder".into()));
    }
    if root.starts_with(&output) {
        return Err(refuse("it contains the site".into()));
    }
    for source in [CONTENT_DIR, "templates", "static"] {
        if output.starts_with(root.join(source)) {
            return Err(refuse(format!("it is inside the site's {source}/ folder")));
        }
    }
    if output.is_file() {
        return Err(refuse("it is a file".into()));
    }
    if output.is_dir() {
        if output.join(CONTENT_DIR).exists() || output.join(CONFIG_FILE).exists() {
            return Err(refuse(format!(
                "it holds a site ({CONTENT_DIR}/ or {CONFIG_FILE})"
            )));
        }
        let empty = fs::read_dir(&output)?.next().is_none();
        if !empty && !output.join(MARKER_FILE).is_file() {
            return Err(refuse(format!(
                "it is not empty and was not created by handbok (no {MARKER_FILE} file in it)"
            )));
        }
    }
    Ok(())
}

/// A build's output while it is being written: a staging folder beside the output folder.
/// Files are written as they are rendered (so a large site never sits in memory), and the
/// folder replaces the output only on [`Staging::commit`]; dropped without it, it is
/// removed and the previous output stays exactly as it was.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    previous: PathBuf,
    compress: bool,
    committed: bool,
    /// Folders already created, so each costs one system call, not one per file.
    folders: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
}

impl Staging {
    /// With `compress`, text files also get `.gz` and `.br` twins for hosts that serve them.
    pub fn create(output: &Path, compress: bool) -> Result<Staging, Failure> {
        let output = absolute(output)?;
        let parent = output
            .parent()
            .ok_or_else(|| Failure::Usage("the output folder has no parent".into()))?;
        fs::create_dir_all(parent).map_err(|e| io_failure(e, parent))?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let dir = parent.join(format!(".{name}.handbok-staging-{}", std::process::id()));
        let previous = parent.join(format!(".{name}.handbok-previous-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).map_err(|e| io_failure(e, &dir))?;
        let staging = Staging {
            dir,
            output,
            previous,
            compress,
            committed: false,
            folders: Default::default(),
        };
        fs::write(staging.dir.join(MARKER_FILE), MARKER_TEXT)
            .map_err(|e| io_failure(e, &staging.dir))?;
        Ok(staging)
    }

    /// Writes one file; safe to call from many threads at once.
    pub fn write(&self, file: &OutputFile) -> Result<(), Failure> {
        // Content rules keep every path inside the site; this makes sure of it.
        if !stays_inside(&file.path) {
            return Err(Failure::Other(anyhow::anyhow!(
                "refusing to write `{}`: it is not a path inside the output folder",
                file.path
            )));
        }
        let target = self.dir.join(&file.path);
        if let Some(folder) = target.parent() {
            let known = self.folders.lock().is_ok_and(|f| f.contains(folder));
            if !known {
                fs::create_dir_all(folder).map_err(|e| io_failure(e, folder))?;
                if let Ok(mut folders) = self.folders.lock() {
                    folders.insert(folder.to_path_buf());
                }
            }
        }
        if self.compress && is_text(&file.path) {
            let bytes = match &file.contents {
                FileContents::Bytes(bytes) => std::borrow::Cow::Borrowed(bytes.as_slice()),
                FileContents::Embedded(bytes) => std::borrow::Cow::Borrowed(*bytes),
                FileContents::Copy(source) => {
                    std::borrow::Cow::Owned(fs::read(source).map_err(|e| io_failure(e, source))?)
                }
            };
            write_file(&target, &bytes)?;
            return write_compressed(&target, &bytes);
        }
        match &file.contents {
            FileContents::Bytes(bytes) => write_file(&target, bytes),
            FileContents::Embedded(bytes) => write_file(&target, bytes),
            FileContents::Copy(source) => fs::copy(source, &target).map(|_| ()).map_err(|e| {
                Failure::Other(anyhow::anyhow!(
                    "cannot copy {} to {}: {e}",
                    source.display(),
                    target.display()
                ))
            }),
        }
    }

    /// Swaps the staging folder in as the output.
    pub fn commit(mut self) -> Result<(), Failure> {
        self.committed = true;
        let result = swap_in(&self.dir, &self.output, &self.previous);
        if result.is_err() {
            let _ = fs::remove_dir_all(&self.dir);
        }
        result
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Whether a relative output path names a file below the output folder: not empty, not
/// absolute, and without `..` (or any other component but a plain name).
fn stays_inside(path: &str) -> bool {
    let path = Path::new(path);
    path.components().next().is_some()
        && path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// Text that hosts compress: pages, styles, scripts, feeds and data.
fn is_text(path: &str) -> bool {
    let extension = path.rsplit('.').next().unwrap_or("");
    matches!(
        extension,
        "html"
            | "htm"
            | "css"
            | "js"
            | "mjs"
            | "json"
            | "xml"
            | "txt"
            | "svg"
            | "map"
            | "webmanifest"
    )
}

/// `file.gz` (gzip, best, no timestamp so output is reproducible) and `file.br` (brotli,
/// quality 9: close to 11 in size, many times faster).
fn write_compressed(target: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut gzip = flate2::GzBuilder::new().mtime(0).write(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::best(),
    );
    let gzipped = gzip
        .write_all(bytes)
        .and_then(|()| gzip.finish())
        .map_err(|e| io_failure(e, target))?;
    write_file(&target.with_file_name(format!("{name}.gz")), &gzipped)?;
    let mut brotli =
        brotli::CompressorWriter::new(Vec::with_capacity(bytes.len() / 3), 4096, 9, 22);
    brotli.write_all(bytes).map_err(|e| io_failure(e, target))?;
    write_file(
        &target.with_file_name(format!("{name}.br")),
        &brotli.into_inner(),
    )
}

fn write_file(target: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let mut file = fs::File::create(target).map_err(|e| io_failure(e, target))?;
    file.write_all(bytes).map_err(|e| io_failure(e, target))
}

fn swap_in(staging: &Path, output: &Path, previous: &Path) -> Result<(), Failure> {
    if output.exists() {
        let _ = fs::remove_dir_all(previous);
        fs::rename(output, previous).map_err(|e| io_failure(e, output))?;
        if let Err(error) = fs::rename(staging, output) {
            // Put the previous output back, so a failure never leaves the site without one.
            let _ = fs::rename(previous, output);
            return Err(io_failure(error, output));
        }
        let _ = fs::remove_dir_all(previous);
    } else {
        fs::rename(staging, output).map_err(|e| io_failure(e, output))?;
    }
    Ok(())
}

fn absolute(path: &Path) -> Result<PathBuf, Failure> {
    let path = std::path::absolute(path).map_err(|e| io_failure(e, path))?;
    // Resolve symlinks where the path exists, so `out/..` tricks compare correctly.
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return Ok(path),
        }
    }
    let mut resolved = existing
        .canonicalize()
        .map_err(|e| io_failure(e, existing))?;
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}

fn io_failure(error: std::io::Error, path: &Path) -> Failure {
    Failure::Other(anyhow::anyhow!("{}: {error}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_below_the_output_folder_are_written() {
        for inside in ["index.html", "en/ops/index.html", "theme/handbok.css"] {
            assert!(stays_inside(inside), "{inside}");
        }
        for outside in ["", "/etc/passwd", "../x", "en/../../x", "./x", "en/.."] {
            assert!(!stays_inside(outside), "{outside}");
        }
    }
}
