//! A small builder for fixture sites: write files (or copy a fixture folder) into a temp
//! folder, run `handbok`, and look at what it wrote.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};

pub const SITE_YAML: &str = "title: Test Handbook\nbase_url: https://example.org/\nlanguages:\n  - code: en\n    name: English\n  - code: nb\n    name: Norsk bokmål\n    title: Testhåndboka\n";

/// A 1×1 PNG.
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

pub struct Site {
    // Held so the folder lives as long as the test.
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Site {
    /// An empty folder with only the default site.yaml.
    pub fn new() -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        fs::create_dir_all(&root).unwrap();
        let site = Site { _dir: dir, root };
        site.file("site.yaml", SITE_YAML)
    }

    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        copy_dir(&fixtures().join(name), &root);
        Site { _dir: dir, root }
    }

    /// A copy of some entries of a folder (for the repository's own handbook).
    /// A copy of this repository's own handbook (site.yaml, content, static, templates).
    pub fn handbook() -> Site {
        Site::fixture_from(
            env!("CARGO_MANIFEST_DIR"),
            &["site.yaml", "content", "static", "templates"],
        )
    }

    pub fn fixture_from(folder: &str, entries: &[&str]) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        fs::create_dir_all(&root).unwrap();
        for entry in entries {
            let from = Path::new(folder).join(entry);
            if from.is_dir() {
                copy_dir(&from, &root.join(entry));
            } else {
                fs::copy(&from, root.join(entry)).unwrap();
            }
        }
        Site { _dir: dir, root }
    }

    pub fn file(self, path: &str, text: &str) -> Site {
        self.bytes(path, text.as_bytes())
    }

    pub fn bytes(self, path: &str, bytes: &[u8]) -> Site {
        let target = self.root.join(path);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::write(target, bytes).unwrap();
        self
    }

    /// Writes a file of a site that is already in use (a running server, say).
    pub fn write(&self, path: &str, text: &str) {
        let target = self.root.join(path);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::write(target, text).unwrap();
    }

    /// Runs git in the site folder as a test author, with commits dated `date`.
    pub fn git(&self, args: &[&str], date: &str) {
        let run = Command::new("git")
            .args([
                "-c",
                "user.name=Test",
                "-c",
                "user.email=test@example.org",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(&self.root)
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .output()
            .expect("run git");
        assert!(
            run.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run_in(&self.root, args)
    }

    /// `handbok build` in the site folder; panics with its output unless it succeeds.
    pub fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let run = self.run(&all);
        assert_eq!(run.code, 0, "build failed:\n{}\n{}", run.stdout, run.stderr);
        run
    }

    /// `handbok build` that must fail with `code`.
    pub fn build_fails(&self, code: i32) -> Run {
        let run = self.run(&["build"]);
        assert_eq!(
            run.code, code,
            "expected exit {code}:\nstdout: {}\nstderr: {}",
            run.stdout, run.stderr
        );
        run
    }

    pub fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    pub fn read(&self, path: &str) -> String {
        let file = self.public().join(path);
        fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
    }

    pub fn html(&self, path: &str) -> Page {
        Page(Html::parse_document(&self.read(path)))
    }

    /// What a build left beside the output (staging folders); empty after every build.
    pub fn leftovers(&self) -> Vec<String> {
        fs::read_dir(&self.root)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("handbok-"))
            .collect()
    }

    /// Every file of the output with its bytes, to prove a failed build changed nothing.
    pub fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        walkdir::WalkDir::new(self.public())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().to_path_buf(), fs::read(e.path()).unwrap()))
            .collect()
    }
}

pub struct Page(pub Html);

impl Page {
    pub fn all(&self, selector: &str) -> Vec<scraper::ElementRef<'_>> {
        let selector =
            Selector::parse(selector).unwrap_or_else(|e| panic!("selector {selector}: {e:?}"));
        self.0.select(&selector).collect()
    }

    pub fn text(&self, selector: &str) -> String {
        let found = self.all(selector);
        let element = found
            .first()
            .unwrap_or_else(|| panic!("nothing matches {selector}"));
        element.text().collect::<String>().trim().to_string()
    }

    pub fn attr(&self, selector: &str, attr: &str) -> String {
        let found = self.all(selector);
        let element = found
            .first()
            .unwrap_or_else(|| panic!("nothing matches {selector}"));
        element
            .value()
            .attr(attr)
            .unwrap_or_else(|| panic!("{selector} has no {attr}"))
            .to_string()
    }

    pub fn attrs(&self, selector: &str, attr: &str) -> Vec<String> {
        self.all(selector)
            .iter()
            .filter_map(|e| e.value().attr(attr))
            .map(str::to_string)
            .collect()
    }

    pub fn count(&self, selector: &str) -> usize {
        self.all(selector).len()
    }
}

/// Runs handbok with `args` in the folder `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output: Output = Command::new(env!("CARGO_BIN_EXE_handbok"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run handbok");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every output file with its bytes, keyed by path relative to the output folder.
pub fn files(output: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(output)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(output).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}
