//! Which version of a translation set is its source, and which translations lack some of
//! the source's changes.
//!
//! In git, changes are ordered by commit order (topological: a commit comes after its
//! parents, whatever its dates say) and edits not committed yet are the newest of all. One
//! commit that touches two versions leaves both up to date. A commit whose message holds the
//! site's `translation_skip_marker` changes nothing that needs translating, so it makes no
//! translation outdated. Outside git, file modification times order changes, and changes
//! within an hour of each other count as one edit of both.
//!
//! The source is the version a version names (`translation_of`), else the one changed last.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::sets::FoundSet;
use super::{Outdated, State, TranslationSet, Version, file_in};
use crate::config::Config;
use crate::history::{Change, GitLog, History};

/// Outside git, changes closer together than this count as one edit of both versions.
const SAME_EDIT: Duration = Duration::from_secs(60 * 60);

/// The set with each version's state.
pub fn judge(
    found: FoundSet<'_>,
    config: &Config,
    root: &Path,
    history: &History,
) -> TranslationSet {
    let present: Vec<(usize, PathBuf)> = found
        .pages
        .iter()
        .enumerate()
        .filter_map(|(i, (_, page))| Some((i, page.as_ref()?.file())))
        .collect();
    let files: Vec<&Path> = present.iter().map(|(_, f)| f.as_path()).collect();
    let position = |lang: &str| present.iter().position(|(i, _)| found.pages[*i].0 == lang);
    let named = found.named_source.as_deref().and_then(position);
    let default = position(&config.default_language);
    let judged = match history {
        History::Git(log) => {
            by_commits(log, &config.translation_skip_marker, &files, named, default)
        }
        History::Modified => {
            let times: Vec<Option<SystemTime>> =
                files.iter().map(|f| history.of(root, f)).collect();
            by_times(&times, named, default)
        }
    };
    let source = judged
        .source
        .map(|s| found.pages[present[s].0].0.to_string());
    let mut outdated = judged.outdated.into_iter();
    let versions = found
        .pages
        .iter()
        .map(|(lang, page)| match page {
            Some(page) => Version {
                lang: lang.to_string(),
                file: page.file(),
                title: Some(page.title_or_empty().to_string()),
                words: page.title_or_empty().split_whitespace().count()
                    + page.body.split_whitespace().count(),
                state: match outdated.next().flatten() {
                    Some(behind) => State::Outdated(behind),
                    None => State::UpToDate,
                },
            },
            None => Version {
                lang: lang.to_string(),
                file: file_in(lang, &found.path),
                title: None,
                words: 0,
                state: if config.fallback {
                    State::Fallback
                } else {
                    State::Missing
                },
            },
        })
        .collect();
    TranslationSet {
        kind: found.kind,
        path: found.path,
        source_named: judged.source.is_some() && judged.source == named,
        source,
        versions,
    }
}

/// For the versions that exist: which is the source (an index into them), and how far
/// behind it each of the others is.
struct Judged {
    source: Option<usize>,
    outdated: Vec<Option<Outdated>>,
}

/// The index of the newest of some ordered values; on a tie, the default language's.
fn newest<T: Ord + Copy>(values: &[Option<T>], default: Option<usize>) -> Option<usize> {
    values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| Some((i, (*v)?)))
        .max_by_key(|&(i, v)| (v, Some(i) == default))
        .map(|(i, _)| i)
}

fn by_commits(
    log: &GitLog,
    marker: &str,
    files: &[&Path],
    named: Option<usize>,
    default: Option<usize>,
) -> Judged {
    let counts = |change: &Change| match change {
        Change::Commit(i) => marker.is_empty() || !log.commit(*i).message.contains(marker),
        Change::Uncommitted => true,
    };
    let last: Vec<Option<Change>> = files.iter().map(|f| log.last_change(f)).collect();
    // The last change that needs translating; a version's own last change is `last`.
    let counted: Vec<Option<Change>> = files
        .iter()
        .map(|f| log.changes(f).rev().find(counts))
        .collect();
    let source = named
        .filter(|&n| counted[n].is_some())
        .or_else(|| newest(&counted, default));
    let mut outdated = vec![None; files.len()];
    let Some(source) = source else {
        return Judged { source, outdated };
    };
    let source_file = files[source];
    let source_last = counted[source].expect("a source has a change");
    for (i, file) in files.iter().enumerate() {
        let Some(own_last) = last[i].filter(|l| i != source && *l < source_last) else {
            continue;
        };
        let lacking: Vec<Change> = log
            .changes(source_file)
            .filter(|c| *c > own_last && counts(c))
            .collect();
        let gap = log
            .time_of(source_last, source_file)
            .zip(log.time_of(own_last, file))
            .and_then(|(source, own)| source.duration_since(own).ok())
            .filter(|gap| !gap.is_zero());
        outdated[i] = Some(Outdated {
            since: lacking.first().and_then(|c| log.time_of(*c, source_file)),
            commits: Some(
                lacking
                    .iter()
                    .filter(|c| **c != Change::Uncommitted)
                    .count(),
            ),
            uncommitted: lacking.contains(&Change::Uncommitted),
            gap,
            base: match own_last {
                Change::Commit(index) => Some(log.commit(index).id.clone()),
                Change::Uncommitted => None,
            },
            diff: None,
        });
    }
    Judged {
        source: Some(source),
        outdated,
    }
}

fn by_times(times: &[Option<SystemTime>], named: Option<usize>, default: Option<usize>) -> Judged {
    let source = named
        .filter(|&n| times[n].is_some())
        .or_else(|| newest(times, default));
    let mut outdated = vec![None; times.len()];
    let Some(source_time) = source.and_then(|s| times[s]) else {
        return Judged { source, outdated };
    };
    for (i, time) in times.iter().enumerate() {
        let Some(gap) = time.and_then(|t| source_time.duration_since(t).ok()) else {
            continue;
        };
        if gap > SAME_EDIT {
            outdated[i] = Some(Outdated {
                since: Some(source_time),
                commits: None,
                uncommitted: false,
                gap: Some(gap),
                base: None,
                diff: None,
            });
        }
    }
    Judged { source, outdated }
}
