//! A build killed while it writes (SIGKILL: nothing runs on the way out) leaves every file of
//! the output whole, each the previous build's or the new one's, and the next build repairs
//! the site and clears what the killed one left.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Site, copy_dir, files};

const PAGES: usize = 150;

/// A site of `PAGES` pages per language, each saying which version of the site it is from.
fn write_version(site: &Site, version: &str) {
    for n in 0..PAGES {
        for lang in ["en", "nb"] {
            site.write(
                &format!("content/{lang}/part-{}/page-{n}.md", n % 10),
                &format!(
                    "---\ntitle: Page {n} ({version})\n---\n## Step\n\nVersion {version}, see [the next](page-{}.md).\n\n| a | b |\n| - | - |\n| {n} | {version} |\n",
                    n + 10
                ),
            );
        }
    }
}

/// A site of the new version, built once: how long a build takes and the files it writes.
fn built_new_version() -> (Site, Duration, BTreeMap<PathBuf, Vec<u8>>) {
    let site = Site::new();
    write_version(&site, "new");
    let started = Instant::now();
    site.build(&[]);
    let build_time = started.elapsed();
    let new = files(&site.public());
    (site, build_time, new)
}

/// Runs a build and kills it `after` its start; whether it was still running then.
fn killed_build(site: &Site, after: Duration) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_handbok"))
        .args(["build", "--root"])
        .arg(&site.root)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(after);
    let running = child.try_wait().unwrap().is_none();
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    running
}

#[test]
fn a_killed_rebuild_leaves_whole_files_and_the_next_build_repairs_the_site() {
    let (site, _, new) = built_new_version();
    write_version(&site, "old");
    site.build(&[]);
    let old = files(&site.public());
    let kept_old = site.root.join("old-output");
    copy_dir(&site.public(), &kept_old);
    write_version(&site, "new");
    let restore_old = || {
        std::fs::remove_dir_all(site.public()).unwrap();
        copy_dir(&kept_old, &site.public());
    };
    // The kills fall at tenths of the time of the rebuild they interrupt, done once whole
    // (a first build into an empty folder takes a different time).
    restore_old();
    let started = Instant::now();
    site.build(&[]);
    let rebuild_time = started.elapsed();

    let mut killed_while_running = 0;
    for tenth in [1, 2, 3, 5, 7, 8, 9] {
        restore_old();
        if killed_build(&site, rebuild_time * tenth / 10) {
            killed_while_running += 1;
        }
        for (path, bytes) in files(&site.public()) {
            assert!(
                old.get(&path) == Some(&bytes) || new.get(&path) == Some(&bytes),
                "killed at {tenth}/10 of a build, {} is neither the old file nor the new one",
                path.display()
            );
        }
    }
    assert!(
        killed_while_running >= 4,
        "only {killed_while_running} of 7 kills caught the build running: the test proves nothing"
    );

    site.build(&[]);
    assert!(
        files(&site.public()) == new,
        "the next build did not repair the site"
    );
    assert!(
        site.leftovers().is_empty(),
        "left beside the output: {:?}",
        site.leftovers()
    );
}

#[test]
fn a_first_build_killed_at_any_moment_leaves_no_output_or_a_whole_one() {
    let (site, build_time, new) = built_new_version();
    let mut killed_while_running = 0;
    for tenth in [2, 5, 8, 10, 11] {
        let _ = std::fs::remove_dir_all(site.public());
        if killed_build(&site, build_time * tenth / 10) {
            killed_while_running += 1;
        }
        if site.public().exists() {
            assert!(
                files(&site.public()) == new,
                "killed at {tenth}/10: a partial output"
            );
        }
    }
    assert!(
        killed_while_running >= 2,
        "only {killed_while_running} of 5 kills caught the build running: the test proves nothing"
    );
    site.build(&[]);
    assert!(files(&site.public()) == new);
    assert!(site.leftovers().is_empty(), "{:?}", site.leftovers());
}
