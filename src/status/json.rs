//! The status for tools, versioned like `check --format json`.
//!
//! Schema version 1:
//! `{"version": 1, "site", "history": "git" | "git-shallow" | "file-times", "fallback",
//! "languages": [{"code", "name", "pages", "up_to_date", "outdated", "missing", "fallback",
//! "words_to_translate"}], "sets": [{"kind": "page" | "section", "path", "title", "source",
//! "source_named", "versions": [{"language", "file", "title", "status": "up-to-date" |
//! "outdated" | "missing" | "fallback", "is_source", "words", "outdated": null | {"since",
//! "source_commits", "uncommitted", "base_commit", "diff": null | [{"kind": "same" |
//! "deleted" | "inserted" | "elided", "text"}], "diff_truncated"}}]}]}`.
//! `source`, `title`, `since`, `source_commits` and `base_commit` may be null; files are
//! relative to the site root. Since reviews, also `"reviews": {"today", "default_every",
//! "owners": [{"owner", "pages": [{"file", "language", "title", "status": "overdue" |
//! "missing", "every", "site_default", "reviewed", "due", "overdue", "overdue_days"}]}]}`
//! (`default_every`, `owner`, and for a missing review `reviewed`, `due`, `overdue` and
//! `overdue_days`, may be null), owners in alphabetical order and the pages without one last.

use serde::Serialize;

use super::diff::Segment;
use super::reviews::{DuePage, Reviews};
use super::{Clock, SetKind, State, Status, date};
use crate::content::review::DueState;

#[derive(Serialize)]
struct JsonStatus<'a> {
    version: u32,
    site: &'a str,
    history: &'static str,
    fallback: bool,
    languages: Vec<JsonLanguage<'a>>,
    sets: Vec<JsonSet<'a>>,
    reviews: Option<JsonReviews<'a>>,
}

#[derive(Serialize)]
struct JsonReviews<'a> {
    today: String,
    default_every: Option<String>,
    owners: Vec<JsonOwner<'a>>,
}

#[derive(Serialize)]
struct JsonOwner<'a> {
    owner: Option<&'a str>,
    pages: Vec<JsonDue<'a>>,
}

#[derive(Serialize)]
struct JsonDue<'a> {
    file: String,
    language: &'a str,
    title: &'a str,
    status: &'static str,
    every: String,
    site_default: bool,
    reviewed: Option<String>,
    due: Option<String>,
    overdue: Option<String>,
    overdue_days: Option<i64>,
}

#[derive(Serialize)]
struct JsonLanguage<'a> {
    code: &'a str,
    name: &'a str,
    pages: usize,
    up_to_date: usize,
    outdated: usize,
    missing: usize,
    fallback: usize,
    words_to_translate: usize,
}

#[derive(Serialize)]
struct JsonSet<'a> {
    kind: &'static str,
    path: String,
    title: &'a str,
    source: Option<&'a str>,
    source_named: bool,
    versions: Vec<JsonVersion<'a>>,
}

#[derive(Serialize)]
struct JsonVersion<'a> {
    language: &'a str,
    file: String,
    title: Option<&'a str>,
    status: &'static str,
    is_source: bool,
    words: usize,
    outdated: Option<JsonOutdated<'a>>,
}

#[derive(Serialize)]
struct JsonOutdated<'a> {
    since: Option<String>,
    source_commits: Option<usize>,
    uncommitted: bool,
    base_commit: Option<&'a str>,
    diff: Option<Vec<JsonSegment<'a>>>,
    diff_truncated: bool,
}

#[derive(Serialize)]
struct JsonSegment<'a> {
    kind: &'static str,
    text: &'a str,
}

pub fn render(status: &Status) -> String {
    let languages = status
        .languages
        .iter()
        .zip(status.totals())
        .map(|((code, name), t)| JsonLanguage {
            code,
            name,
            pages: t.pages,
            up_to_date: t.up_to_date,
            outdated: t.outdated,
            missing: t.missing,
            fallback: t.fallback,
            words_to_translate: t.words_to_translate,
        })
        .collect();
    let sets = status
        .sets
        .iter()
        .map(|set| JsonSet {
            kind: match set.kind {
                SetKind::Page => "page",
                SetKind::Section => "section",
            },
            path: slashes(&set.path),
            title: set.title(),
            source: set.source.as_deref(),
            source_named: set.source_named,
            versions: set
                .versions
                .iter()
                .map(|v| JsonVersion {
                    language: &v.lang,
                    file: slashes(&v.file),
                    title: v.title.as_deref(),
                    status: v.state.name(),
                    is_source: set.source.as_deref() == Some(v.lang.as_str()),
                    words: v.words,
                    outdated: match &v.state {
                        State::Outdated(o) => Some(JsonOutdated {
                            since: o.since.map(|s| date(Some(s))),
                            source_commits: o.commits,
                            uncommitted: o.uncommitted,
                            base_commit: o.base.as_deref(),
                            diff: o
                                .diff
                                .as_ref()
                                .map(|d| d.segments.iter().map(segment).collect()),
                            diff_truncated: o.diff.as_ref().is_some_and(|d| d.truncated),
                        }),
                        _ => None,
                    },
                })
                .collect(),
        })
        .collect();
    let document = JsonStatus {
        version: 1,
        site: &status.title,
        history: match status.clock {
            Clock::Git { shallow: false } => "git",
            Clock::Git { shallow: true } => "git-shallow",
            Clock::FileTimes => "file-times",
        },
        fallback: status.fallback,
        languages,
        sets,
        reviews: status.reviews.as_ref().map(reviews),
    };
    let mut text = serde_json::to_string_pretty(&document)
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

fn reviews(reviews: &Reviews) -> JsonReviews<'_> {
    JsonReviews {
        today: reviews.today.to_string(),
        default_every: reviews.site_default.map(|e| e.to_string()),
        owners: reviews
            .owners
            .iter()
            .map(|queue| JsonOwner {
                owner: queue.owner.as_deref(),
                pages: queue.pages.iter().map(due).collect(),
            })
            .collect(),
    }
}

fn due(page: &DuePage) -> JsonDue<'_> {
    let overdue = match page.state {
        DueState::Overdue { reviewed, due, by } => Some((reviewed, due, by)),
        DueState::Missing => None,
    };
    JsonDue {
        file: slashes(&page.file),
        language: &page.lang,
        title: &page.title,
        status: page.status(),
        every: page.every.to_string(),
        site_default: page.site_default,
        reviewed: overdue.map(|(reviewed, _, _)| reviewed.to_string()),
        due: overdue.map(|(_, due, _)| due.to_string()),
        overdue: overdue.map(|(_, _, by)| by.to_string()),
        overdue_days: overdue.map(|(_, _, by)| by.total_days),
    }
}

fn segment(segment: &Segment) -> JsonSegment<'_> {
    let (kind, text) = match segment {
        Segment::Same(t) => ("same", t.as_str()),
        Segment::Deleted(t) => ("deleted", t.as_str()),
        Segment::Inserted(t) => ("inserted", t.as_str()),
        Segment::Elided => ("elided", "…"),
    };
    JsonSegment { kind, text }
}

fn slashes(path: &std::path::Path) -> String {
    path.display().to_string().replace('\\', "/")
}
