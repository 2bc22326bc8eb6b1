//! The imported site is written into a staging folder beside the output folder and moved
//! into place only when every file is written, so a failure leaves nothing half-written.
//! The output folder must be new (or empty) and outside the site being imported.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::Failure;

pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    committed: bool,
}

/// Refuses an output folder that holds files, or that is the imported site or inside it.
pub fn check_destination(source: &Path, out: &Path) -> Result<(), Failure> {
    if out.exists() {
        let empty = out.is_dir()
            && fs::read_dir(out)
                .map_err(|e| io_failure(e, out))?
                .next()
                .is_none();
        if !empty {
            return Err(Failure::Usage(format!(
                "{} exists and is not empty\n  help: pass --out with a new folder; an import never overwrites files",
                out.display()
            )));
        }
    }
    let source_abs = fs::canonicalize(source).map_err(|e| io_failure(e, source))?;
    let out_abs = crate::output::absolute(out)?;
    if out_abs.starts_with(&source_abs) {
        return Err(Failure::Usage(format!(
            "{} is inside the Hugo site {}\n  help: write the import elsewhere (--out ../my-handbook); the import never writes inside the site it reads",
            out.display(),
            source.display()
        )));
    }
    Ok(())
}

impl Staging {
    pub fn create(out: &Path) -> Result<Staging, Failure> {
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "import".into());
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| io_failure(e, parent))?;
        let dir = parent.join(format!(".{name}.handbok-import-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| io_failure(e, &dir))?;
        }
        fs::create_dir_all(&dir).map_err(|e| io_failure(e, &dir))?;
        Ok(Staging {
            dir,
            out: out.to_path_buf(),
            committed: false,
        })
    }

    /// Writes a file at `relative` (to the output folder).
    pub fn write(&self, relative: &Path, bytes: &[u8]) -> Result<(), Failure> {
        let target = self.target(relative)?;
        fs::write(&target, bytes).map_err(|e| io_failure(e, &target))
    }

    /// Copies `from` to `relative` (to the output folder).
    pub fn copy(&self, from: &Path, relative: &Path) -> Result<(), Failure> {
        let target = self.target(relative)?;
        fs::copy(from, &target)
            .map(|_| ())
            .map_err(|e| io_failure(e, from))
    }

    fn target(&self, relative: &Path) -> Result<PathBuf, Failure> {
        let escapes = relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_)));
        if escapes {
            return Err(Failure::Other(anyhow::anyhow!(
                "refusing to write {} outside the output folder",
                relative.display()
            )));
        }
        let target = self.dir.join(relative);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| io_failure(e, parent))?;
        }
        Ok(target)
    }

    /// Moves the staged site into place.
    pub fn commit(mut self) -> Result<(), Failure> {
        if self.out.is_dir() {
            fs::remove_dir(&self.out).map_err(|e| io_failure(e, &self.out))?;
        }
        fs::rename(&self.dir, &self.out).map_err(|e| io_failure(e, &self.out))?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn io_failure(error: std::io::Error, path: &Path) -> Failure {
    Failure::Other(anyhow::Error::new(error).context(format!("{}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_import_that_fails_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        {
            let staging = Staging::create(&out).unwrap();
            staging
                .write(Path::new("content/en/a.md"), b"# A\n")
                .unwrap();
            assert!(staging.write(Path::new("../escape.md"), b"x").is_err());
            // Dropped without commit, as when a later step fails.
        }
        assert!(!out.exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);

        let staging = Staging::create(&out).unwrap();
        staging
            .write(Path::new("site.yaml"), b"title: T\n")
            .unwrap();
        staging.commit().unwrap();
        assert_eq!(
            fs::read_to_string(out.join("site.yaml")).unwrap(),
            "title: T\n"
        );
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
