//! Translations that are missing, and translations that are probably stale: a page changed
//! after its translation was last changed. Change times come from git when the site is in a
//! repository (uncommitted edits count as now), else from file modification times.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::Context;
use crate::content::{CONTENT_DIR, Page};
use crate::diagnostic::Diagnostic;

/// Changes closer together than this count as one edit of both versions.
const SAME_EDIT: Duration = Duration::from_secs(60 * 60);

pub fn check(context: &Context, root: &Path, findings: &mut Vec<Diagnostic>) {
    let library = &context.site.library;
    let config = &context.site.config;
    for page in library.regular_pages() {
        let translated: Vec<&str> = library
            .translations_of(page)
            .map(|t| t.lang.as_str())
            .collect();
        for language in config
            .languages
            .iter()
            .filter(|l| l.code != page.lang && !translated.contains(&l.code.as_str()))
        {
            findings.push(
                Diagnostic::warning("missing-translation", page.file(), format!("no {} ({}) translation", language.name, language.code))
                    .help(format!(
                        "add content/{}/{} (same path), or pair an existing page with `translation_key`",
                        language.code,
                        page.source.components().skip(1).collect::<PathBuf>().display()
                    )),
            );
        }
    }

    let times = ChangeTimes::read(root);
    let mut seen = std::collections::HashSet::new();
    for page in library.regular_pages() {
        if !seen.insert(&page.translation_key) {
            continue;
        }
        let set: Vec<&Page> = std::iter::once(page)
            .chain(library.translations_of(page))
            .collect();
        let dated: Vec<(&Page, SystemTime)> = set
            .iter()
            .filter_map(|p| Some((*p, times.of(root, &p.file())?)))
            .collect();
        let Some(&(newest, newest_time)) = dated.iter().max_by_key(|(_, t)| *t) else {
            continue;
        };
        for &(older, time) in &dated {
            let Ok(gap) = newest_time.duration_since(time) else {
                continue;
            };
            if gap <= SAME_EDIT {
                continue;
            }
            findings.push(
                Diagnostic::warning(
                    "stale-translation",
                    older.file(),
                    format!(
                        "may be out of date: its translation {} was changed {} after this page was last changed",
                        newest.file().display(),
                        human(gap)
                    ),
                )
                .help(format!("bring it up to date with {} ({})", newest.file().display(), times.source())),
            );
        }
    }
}

/// When each content file last changed.
enum ChangeTimes {
    /// Last commit per file (relative to the site root); files with uncommitted edits use
    /// their modification time.
    Git(HashMap<PathBuf, SystemTime>),
    Modified,
}

impl ChangeTimes {
    fn read(root: &Path) -> ChangeTimes {
        let git = |args: &[&str]| {
            Command::new("git")
                .arg("-C")
                .arg(root)
                .args(args)
                .output()
                .ok()
                .filter(|o| o.status.success())
                .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        };
        let Some(log) = git(&[
            "log",
            "--format=%x00%ct",
            "--name-only",
            "--relative",
            "--",
            CONTENT_DIR,
        ]) else {
            return ChangeTimes::Modified;
        };
        // `status --porcelain` names files from the top of the repository.
        let Some(prefix) = git(&["rev-parse", "--show-prefix"]) else {
            return ChangeTimes::Modified;
        };
        let prefix = prefix.trim().to_string();
        let mut times = HashMap::new();
        let mut current = UNIX_EPOCH;
        for line in log.lines() {
            if let Some(seconds) = line.strip_prefix('\0') {
                current = UNIX_EPOCH + Duration::from_secs(seconds.trim().parse().unwrap_or(0));
            } else if !line.is_empty() {
                // Newest first: keep the first time seen for each file.
                times.entry(PathBuf::from(line)).or_insert(current);
            }
        }
        // Edits not committed yet are the newest of all.
        if let Some(status) = git(&["status", "--porcelain", "--", CONTENT_DIR]) {
            for line in status.lines().filter(|l| l.len() > 3) {
                let from_top = line[3..].trim_matches('"');
                let file =
                    PathBuf::from(from_top.strip_prefix(prefix.as_str()).unwrap_or(from_top));
                if let Ok(modified) = std::fs::metadata(root.join(&file)).and_then(|m| m.modified())
                {
                    times.insert(file, modified);
                }
            }
        }
        ChangeTimes::Git(times)
    }

    fn of(&self, root: &Path, file: &Path) -> Option<SystemTime> {
        match self {
            ChangeTimes::Git(times) => times.get(file).copied(),
            ChangeTimes::Modified => std::fs::metadata(root.join(file))
                .and_then(|m| m.modified())
                .ok(),
        }
    }

    fn source(&self) -> &'static str {
        match self {
            ChangeTimes::Git(_) => "change times from git history",
            ChangeTimes::Modified => {
                "the site is not in a git repository, so change times are file modification times"
            }
        }
    }
}

fn human(gap: Duration) -> String {
    let hours = gap.as_secs() / 3600;
    match hours {
        0..=47 => format!("{hours} hours"),
        _ => format!("{} days", hours / 24),
    }
}
