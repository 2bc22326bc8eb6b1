//! The one place that writes the built site. A build writes into a staging folder beside the
//! output and swaps it in only when every file is written, so a failed build leaves the
//! previous output exactly as it was.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::CONFIG_FILE;
use crate::content::CONTENT_DIR;
use crate::diagnostic::Failure;

/// One file of the built site. `path` is relative to the output root (`en/ops/index.html`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub contents: FileContents,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileContents {
    Bytes(Vec<u8>),
    /// Copied from this file on disk when written.
    Copy(PathBuf),
    Embedded(&'static [u8]),
}

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

/// A build's output while it is being written. Files are written as they are rendered (so
/// a large site never sits in memory) into a staging folder beside the output, and reach
/// the output only on [`Staging::commit`]; dropped without it, the staging folder is
/// removed and the previous output stays exactly as it was.
///
/// A first build writes the whole site into the staging folder and renames it into place.
/// A rebuild over handbok's previous output stages only the files whose bytes changed, and
/// the commit moves them in and removes what the site no longer has: a rebuild of an
/// unchanged site writes nothing, unchanged files keep their times (so sync-based deploys
/// upload only what changed), and the file system is spared creating and deleting every
/// file and folder again (on ext4 without a journal, allocating thousands of inodes right
/// after freeing thousands is quadratic; it was most of a rebuild's time).
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    previous: PathBuf,
    compress: bool,
    committed: bool,
    /// `Some` when rebuilding over a previous output: what this build writes.
    update: Option<std::sync::Mutex<Update>>,
    /// How many changed files a rebuild has staged, for their names.
    staged: std::sync::atomic::AtomicUsize,
    /// How many files the output gets (compressed twins included, the marker not).
    files: std::sync::atomic::AtomicUsize,
    /// Folders already created in a first build, so each costs one system call, not one
    /// per file.
    folders: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
}

/// What a build wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Files in the output (compressed twins included).
    pub files: usize,
    /// For a rebuild over a previous output: what it changed there.
    pub changes: Option<Changes>,
}

/// What a rebuild did to the previous output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Changes {
    /// Files written: new, or different from the previous output's.
    pub changed: usize,
    /// Files of the previous output the site no longer has.
    pub removed: usize,
}

/// A rebuild's record: every path the site has, and the changed ones staged under numbers.
#[derive(Default)]
struct Update {
    paths: std::collections::HashSet<String>,
    changed: Vec<(String, PathBuf)>,
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
        recover_from_killed_builds(parent, &name, &output);
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).map_err(|e| io_failure(e, &dir))?;
        // check_output_dir lets only handbok's own output (or an empty folder) through. On a
        // case-insensitive file system (macOS's and Windows' defaults), names that differ in
        // case only are one file, so a rebuild could not tell a renamed file from a stale
        // one: there it replaces the whole output, as a first build does.
        let case_sensitive = !output.join(MARKER_FILE.to_uppercase()).exists();
        let update =
            (case_sensitive && output.join(MARKER_FILE).is_file()).then(std::sync::Mutex::default);
        let staging = Staging {
            dir,
            output,
            previous,
            compress,
            committed: false,
            update,
            staged: Default::default(),
            files: Default::default(),
            folders: Default::default(),
        };
        staging.put(MARKER_FILE, MARKER_TEXT.as_bytes())?;
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
        let copied;
        let bytes = match &file.contents {
            FileContents::Bytes(bytes) => bytes.as_slice(),
            FileContents::Embedded(bytes) => bytes,
            FileContents::Copy(source) if !self.compress || !is_text(&file.path) => {
                return self.copy(&file.path, source);
            }
            FileContents::Copy(source) => {
                copied = fs::read(source).map_err(|e| io_failure(e, source))?;
                &copied
            }
        };
        self.put(&file.path, bytes)?;
        if self.compress && is_text(&file.path) {
            let (gzip, brotli) = compressed(bytes).map_err(|e| io_failure(e, &self.output))?;
            self.put(&format!("{}.gz", file.path), &gzip)?;
            self.put(&format!("{}.br", file.path), &brotli)?;
        }
        Ok(())
    }

    /// Stages `bytes` for `path`.
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Failure> {
        self.stage(
            path,
            |previous| file_holds(previous, bytes),
            |target| write_file(target, bytes),
        )
    }

    /// Stages a copy of the file `source` for `path`.
    fn copy(&self, path: &str, source: &Path) -> Result<(), Failure> {
        self.stage(
            path,
            |previous| files_equal(source, previous),
            |target| {
                fs::copy(source, target).map(|_| ()).map_err(|e| {
                    Failure::Other(anyhow::anyhow!(
                        "cannot copy {} to {}: {e}",
                        source.display(),
                        target.display()
                    ))
                })
            },
        )
    }

    /// Stages a file for `path` with `write`: in a first build, at its place in the staging
    /// folder; in a rebuild, under a number, and only if `unchanged` says the previous
    /// output's file differs.
    fn stage(
        &self,
        path: &str,
        unchanged: impl FnOnce(&Path) -> bool,
        write: impl FnOnce(&Path) -> Result<(), Failure>,
    ) -> Result<(), Failure> {
        if path != MARKER_FILE {
            self.files
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        let Some(update) = &self.update else {
            return write(&self.place(path)?);
        };
        if unchanged(&self.output.join(path)) {
            return self.record(update, path, None);
        }
        let staged = self.numbered();
        write(&staged)?;
        self.record(update, path, Some(staged))
    }

    /// A first build's place for `path` in the staging folder, its folders created.
    fn place(&self, path: &str) -> Result<PathBuf, Failure> {
        let target = self.dir.join(path);
        if let Some(folder) = target.parent() {
            let known = self.folders.lock().is_ok_and(|f| f.contains(folder));
            if !known {
                fs::create_dir_all(folder).map_err(|e| io_failure(e, folder))?;
                if let Ok(mut folders) = self.folders.lock() {
                    folders.insert(folder.to_path_buf());
                }
            }
        }
        Ok(target)
    }

    fn numbered(&self) -> PathBuf {
        let n = self
            .staged
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.dir.join(n.to_string())
    }

    fn record(
        &self,
        update: &std::sync::Mutex<Update>,
        path: &str,
        staged: Option<PathBuf>,
    ) -> Result<(), Failure> {
        let mut update = update
            .lock()
            .map_err(|_| Failure::Other(anyhow::anyhow!("a writing thread failed")))?;
        update.paths.insert(path.to_string());
        if let Some(staged) = staged {
            update.changed.push((path.to_string(), staged));
        }
        Ok(())
    }

    /// Makes the staged files the output. Returns how many files it holds and, for a
    /// rebuild, what changed.
    pub fn commit(mut self) -> Result<Written, Failure> {
        self.committed = true;
        let files = self.files.load(std::sync::atomic::Ordering::Relaxed);
        let result = match self.update.take() {
            None => swap_in(&self.dir, &self.output, &self.previous).map(|()| None),
            Some(update) => {
                let update = update.into_inner().unwrap_or_else(|p| p.into_inner());
                apply(&update, &self.output).map(|removed| {
                    Some(Changes {
                        changed: update.changed.len(),
                        removed,
                    })
                })
            }
        }
        .map(|changes| Written { files, changes });
        let _ = fs::remove_dir_all(&self.dir);
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

/// A rebuild's commit: removes from the output what the site no longer has (files, then
/// the folders left empty), then moves the changed files in. Returns how many it removed.
fn apply(update: &Update, output: &Path) -> Result<usize, Failure> {
    use rayon::prelude::*;
    let mut stale = Vec::new();
    for entry in walkdir::WalkDir::new(output).min_depth(1) {
        let entry = entry.map_err(|e| Failure::Other(anyhow::anyhow!("{e}")))?;
        if entry.file_type().is_dir() {
            continue;
        }
        let relative = entry.path().strip_prefix(output).unwrap_or(entry.path());
        let known = relative.to_str().is_some_and(|r| {
            // Output paths use `/`; so does every file system but Windows'.
            update
                .paths
                .contains(&r.replace(std::path::MAIN_SEPARATOR, "/"))
        });
        if !known {
            stale.push(entry.into_path());
        }
    }
    stale
        .par_iter()
        .try_for_each(|path| fs::remove_file(path).map_err(|e| io_failure(e, path)))?;
    // The folders that held stale files, deepest first; one that still holds files stays.
    let mut folders: Vec<&Path> = stale
        .iter()
        .flat_map(|path| path.ancestors().skip(1).take_while(|f| *f != output))
        .collect();
    folders.sort_by_key(|f| std::cmp::Reverse((f.components().count(), *f)));
    folders.dedup();
    for folder in folders {
        let _ = fs::remove_dir(folder);
    }
    update.changed.par_iter().try_for_each(|(path, staged)| {
        let target = output.join(path);
        if let Some(folder) = target.parent() {
            fs::create_dir_all(folder).map_err(|e| io_failure(e, folder))?;
        }
        fs::rename(staged, &target).map_err(|e| io_failure(e, &target))
    })?;
    Ok(stale.len())
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

/// The bytes gzipped (best, no timestamp so output is reproducible) and brotli-compressed
/// (quality 9: close to 11 in size, many times faster).
fn compressed(bytes: &[u8]) -> std::io::Result<(Vec<u8>, Vec<u8>)> {
    let mut gzip = flate2::GzBuilder::new().mtime(0).write(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::best(),
    );
    gzip.write_all(bytes)?;
    let gzipped = gzip.finish()?;
    let mut brotli =
        brotli::CompressorWriter::new(Vec::with_capacity(bytes.len() / 3), 4096, 9, 22);
    brotli.write_all(bytes)?;
    Ok((gzipped, brotli.into_inner()))
}

fn write_file(target: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let mut file = fs::File::create(target).map_err(|e| io_failure(e, target))?;
    file.write_all(bytes).map_err(|e| io_failure(e, target))
}

/// Whether the regular file at `path` holds exactly `bytes`.
fn file_holds(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(file) = fs::File::open(path) else {
        return false;
    };
    if !file
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
    {
        return false;
    }
    // One byte more than expected, to notice a file that grew since its size was read.
    let mut held = Vec::with_capacity(bytes.len() + 1);
    (&file)
        .take(bytes.len() as u64 + 1)
        .read_to_end(&mut held)
        .is_ok()
        && held == bytes
}

/// Whether two regular files hold the same bytes (sizes first, so most differences cost
/// no reading).
fn files_equal(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(ma), Ok(mb)) if ma.is_file() && mb.is_file() && ma.len() == mb.len() => {
            matches!((fs::read(a), fs::read(b)), (Ok(x), Ok(y)) if x == y)
        }
        _ => false,
    }
}

/// What a build that was killed (power loss, SIGKILL, a CI timeout) left beside the output:
/// its staging folder is removed; and if it died between moving the old output aside and
/// the new one in, the old output is put back, so the site is never left without one.
fn recover_from_killed_builds(parent: &Path, name: &str, output: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        for kind in ["staging", "previous"] {
            let Some(pid) = file_name
                .strip_prefix(&format!(".{name}.handbok-{kind}-"))
                .and_then(|pid| pid.parse::<u32>().ok())
            else {
                continue;
            };
            // A folder named with this process's id is a dead one's that had the same id
            // (pid 1 in every container): one process builds an output once at a time.
            if pid != std::process::id() && build_is_running(pid) {
                continue;
            }
            if kind == "previous" && !output.exists() {
                let _ = fs::rename(entry.path(), output);
            } else {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
    }
}

/// Whether the build that owns a staging folder still runs. Only Linux says (`/proc`);
/// elsewhere a leftover is taken to be a finished build's, as two builds into one output
/// at once are not supported anyway.
fn build_is_running(pid: u32) -> bool {
    Path::new("/proc").join(pid.to_string()).is_dir()
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

/// An absolute path with links resolved as far as it exists, and `..` taken away in the
/// part that does not exist yet, so `out/..` tricks and symlinks compare correctly against
/// the folders a command must not write into.
pub fn absolute(path: &Path) -> Result<PathBuf, Failure> {
    let path = std::path::absolute(path).map_err(|e| io_failure(e, path))?;
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut resolved = if existing.exists() {
        existing
            .canonicalize()
            .map_err(|e| io_failure(e, existing))?
    } else {
        existing.to_path_buf()
    };
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    let mut normal = PathBuf::new();
    for component in resolved.components() {
        match component {
            std::path::Component::ParentDir => {
                normal.pop();
            }
            std::path::Component::CurDir => {}
            other => normal.push(other),
        }
    }
    Ok(normal)
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

    #[test]
    fn a_dead_builds_leftovers_under_this_process_id_are_recovered() {
        // In a container every run is pid 1, so a killed build's folders carry our own id.
        let parent = tempfile::tempdir().unwrap();
        let output = parent.path().join("public");
        let pid = std::process::id();
        let previous = parent
            .path()
            .join(format!(".public.handbok-previous-{pid}"));
        let staging = parent.path().join(format!(".public.handbok-staging-{pid}"));
        fs::create_dir_all(&previous).unwrap();
        fs::write(previous.join("index.html"), "old site").unwrap();
        fs::create_dir_all(&staging).unwrap();
        recover_from_killed_builds(parent.path(), "public", &output);
        assert_eq!(
            fs::read_to_string(output.join("index.html")).unwrap(),
            "old site"
        );
        assert!(!previous.exists() && !staging.exists());
    }
}
