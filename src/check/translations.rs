//! Translations that are missing, and translations that are probably stale: a page changed
//! after its translation was last changed. Change times come from git when the site is in a
//! repository (uncommitted edits count as now), else from file modification times.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::Context;
use crate::content::{CONTENT_DIR, Page};
use crate::diagnostic::Diagnostic;
use crate::history::History;

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

    let times = History::read(root, true);
    if times.is_shallow() {
        // What is found below is still true, but pages last changed before the clone's
        // oldest commit all seem changed in it, so most stale translations go unseen.
        findings.push(
            Diagnostic::warning(
                "stale-translation",
                CONTENT_DIR,
                "stale translations not checked: this is a shallow git clone, so when pages last changed is unknown",
            )
            .help("fetch the whole history: `fetch-depth: 0` in actions/checkout (`GIT_DEPTH: 0` on GitLab), or `git fetch --unshallow`"),
        );
    }
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

fn human(gap: Duration) -> String {
    let hours = gap.as_secs() / 3600;
    match hours {
        0..=47 => format!("{hours} hours"),
        _ => format!("{} days", hours / 24),
    }
}
