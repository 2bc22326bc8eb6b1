//! Translations that are missing, and translations that are stale: their source changed
//! after they last did. Pages and sections (`_index.md`) alike; the rule of what is stale is
//! [`crate::status::freshness`]'s: commit order in git (uncommitted edits newest, commits
//! marked `[skip translation]` left out), else file modification times.

use std::time::Duration;

use super::Context;
use crate::content::CONTENT_DIR;
use crate::diagnostic::Diagnostic;
use crate::history::History;
use crate::status::{Outdated, SetKind, State, Status, TranslationSet};

pub fn check(context: &Context, root: &std::path::Path, findings: &mut Vec<Diagnostic>) {
    let site = context.site;
    let history = History::read(root, true);
    if history.is_shallow() {
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
    let status = Status::analyse(&site.library, &site.config, root, &history);
    let marker = &site.config.translation_skip_marker;
    for set in &status.sets {
        missing(set, &status, findings);
        stale(set, &history, marker, findings);
    }
}

fn missing(set: &TranslationSet, status: &Status, findings: &mut Vec<Diagnostic>) {
    let Some(named_by) = set.named_by() else {
        return;
    };
    for version in &set.versions {
        if !matches!(version.state, State::Missing | State::Fallback) {
            continue;
        }
        let name = status
            .languages
            .iter()
            .find(|(code, _)| *code == version.lang)
            .map_or("", |(_, name)| name.as_str());
        let (what, pair) = match set.kind {
            SetKind::Page => (
                "translation",
                ", or pair an existing page with `translation_key`",
            ),
            SetKind::Section => ("translation of this section", ""),
        };
        let shown = if status.fallback {
            format!(" (readers of {name} are shown this page instead)")
        } else {
            String::new()
        };
        findings.push(
            Diagnostic::warning(
                "missing-translation",
                &named_by.file,
                format!("no {name} ({}) {what}{shown}", version.lang),
            )
            .help(format!(
                "add {} (same path){pair}",
                version.file.display().to_string().replace('\\', "/")
            )),
        );
    }
}

fn stale(set: &TranslationSet, history: &History, marker: &str, findings: &mut Vec<Diagnostic>) {
    let Some(source) = set.source_version() else {
        return;
    };
    let source_file = source.file.display().to_string().replace('\\', "/");
    for version in &set.versions {
        let State::Outdated(outdated) = &version.state else {
            continue;
        };
        let help = match history {
            History::Git(_) => format!(
                "bring it up to date with {source_file} and commit it ({}; a commit whose message holds `{marker}` makes no translation stale)",
                history.source()
            ),
            History::Modified => format!(
                "bring it up to date with {source_file} ({})",
                history.source()
            ),
        };
        findings.push(
            Diagnostic::warning(
                "stale-translation",
                &version.file,
                format!(
                    "may be out of date: its translation {source_file} was changed {}",
                    behind(outdated, history)
                ),
            )
            .help(help),
        );
    }
}

/// How far behind: `10 days after this page was last changed (2 commits since)`.
fn behind(outdated: &Outdated, history: &History) -> String {
    let mut text = match outdated.gap {
        Some(gap) if gap >= Duration::from_secs(3600) => {
            format!("{} after this page was last changed", human(gap))
        }
        _ => "after this page was last changed".to_string(),
    };
    let mut counts = Vec::new();
    if let Some(commits) = outdated.commits.filter(|c| *c > 0) {
        counts.push(format!(
            "{commits} commit{} since",
            if commits == 1 { "" } else { "s" }
        ));
    }
    if outdated.uncommitted {
        counts.push("edits not committed yet".to_string());
    }
    if matches!(history, History::Modified) {
        counts.push("by file modification times".to_string());
    }
    if !counts.is_empty() {
        text.push_str(&format!(" ({})", counts.join(", ")));
    }
    text
}

fn human(gap: Duration) -> String {
    let hours = gap.as_secs() / 3600;
    match hours {
        0..=47 => format!("{hours} hours"),
        _ => format!("{} days", hours / 24),
    }
}
