//! Translation status: for every translation set (a page and its translations, or a
//! section's `_index.md` in each language) and every language of the site, whether that
//! language's version is up to date, outdated, missing, or missing and shown as a fallback.
//! `check` turns it into findings; `handbok status` into a report a team can read.
//!
//! 1. [`sets`] groups the library's pages into translation sets (pages by translation key,
//!    sections by folder) and reads which language a page names as its source;
//! 2. [`freshness`] decides, from the [`History`], which version is the source and which
//!    translations lack some of its changes;
//! 3. [`Status::add_diffs`] adds the source's word diff since each outdated translation last
//!    changed (only `status` needs it);
//! 4. [`Status::add_reviews`] adds the review queue: pages overdue for review, or without a
//!    review date, by owner ([`reviews`]);
//! 5. [`markdown`], [`html`] and [`json`] render the report.

pub mod diff;
pub mod freshness;
mod html;
mod json;
mod markdown;
pub mod reviews;
pub mod sets;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use clap::ValueEnum;

use crate::config::Config;
use crate::content::{CONTENT_DIR, Library};
use crate::date::Date;
use crate::history::History;
use diff::Diff;
use reviews::Reviews;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For a pull request comment: a summary table, then details per language
    Markdown,
    /// For tools: versioned, stable keys
    Json,
    /// One self-contained page to publish beside the site
    Html,
}

/// The translation status of a whole site.
#[derive(Debug)]
pub struct Status {
    /// The site's title in its default language.
    pub title: String,
    pub default_language: String,
    /// The site's languages in site.yaml's order: (code, name).
    pub languages: Vec<(String, String)>,
    pub sets: Vec<TranslationSet>,
    pub clock: Clock,
    /// Whether missing pages are published as fallback pages (site.yaml `fallback`).
    pub fallback: bool,
    /// The review queue, by owner; filled by [`Status::add_reviews`] (only `status` needs it).
    pub reviews: Option<Reviews>,
}

/// What decided which version changed after which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// Commit order in git; in a shallow clone, changes before its oldest commit are unknown.
    Git { shallow: bool },
    /// File modification times: the site is not in a git repository.
    FileTimes,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetKind {
    Page,
    /// A section's `_index.md`, paired with the other languages' by folder.
    Section,
}

/// One page in all its languages.
#[derive(Debug)]
pub struct TranslationSet {
    pub kind: SetKind,
    /// Where the source sits below its language folder (`guides/backup.md`,
    /// `guides/_index.md`); where a missing translation belongs below its own.
    pub path: PathBuf,
    /// The language the others are compared with: the one named by `translation_of`, or the
    /// one changed last. `None` when no version's changes are known.
    pub source: Option<String>,
    /// Whether a version named the source (`translation_of`), rather than its changes.
    pub source_named: bool,
    /// One per language of the site, in site.yaml's order.
    pub versions: Vec<Version>,
}

/// One language's version of a translation set.
#[derive(Debug)]
pub struct Version {
    pub lang: String,
    /// Relative to the site root (`content/nb/ops.md`); for a missing version, where it
    /// belongs.
    pub file: PathBuf,
    /// `None` for a missing version.
    pub title: Option<String>,
    /// Words of the version's text (title and body); 0 when missing.
    pub words: usize,
    pub state: State,
}

#[derive(Debug)]
pub enum State {
    UpToDate,
    Outdated(Outdated),
    /// Missing, and not published in this language (`fallback: false`).
    Missing,
    /// Missing, so readers of this language are shown the source instead.
    Fallback,
}

/// How far a translation is behind its source.
#[derive(Debug, Clone)]
pub struct Outdated {
    /// When the first source change this translation lacks was made (its commit's date).
    pub since: Option<SystemTime>,
    /// Source commits since this translation last changed (git only).
    pub commits: Option<usize>,
    /// Whether the source has edits not committed yet.
    pub uncommitted: bool,
    /// How much later the source's last change is dated than this translation's, when it is.
    pub gap: Option<Duration>,
    /// The commit this translation last changed in: the source is compared with itself there.
    pub base: Option<String>,
    /// The source's word diff since `base`; filled by [`Status::add_diffs`].
    pub diff: Option<Diff>,
}

/// One language's totals.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Totals {
    pub pages: usize,
    pub up_to_date: usize,
    pub outdated: usize,
    pub missing: usize,
    pub fallback: usize,
    /// Words of the sources of this language's missing and outdated versions.
    pub words_to_translate: usize,
}

impl State {
    /// The status's stable name, as JSON and CSS classes have it.
    pub fn name(&self) -> &'static str {
        match self {
            State::UpToDate => "up-to-date",
            State::Outdated(_) => "outdated",
            State::Missing => "missing",
            State::Fallback => "fallback",
        }
    }

    /// The status in words, for people.
    pub fn label(&self) -> &'static str {
        match self {
            State::UpToDate => "Up to date",
            State::Outdated(_) => "Outdated",
            State::Missing => "Missing",
            State::Fallback => "Fallback shown",
        }
    }

    pub fn to_translate(&self) -> bool {
        !matches!(self, State::UpToDate)
    }
}

impl TranslationSet {
    pub fn source_version(&self) -> Option<&Version> {
        let source = self.source.as_deref()?;
        self.versions.iter().find(|v| v.lang == source)
    }

    /// Words a translator has to read to bring a version up to date: the source's.
    pub fn source_words(&self) -> usize {
        self.source_version().map_or(0, |v| v.words)
    }

    /// The version that names the set: the source, else the first that exists.
    pub fn named_by(&self) -> Option<&Version> {
        self.source_version()
            .or_else(|| self.versions.iter().find(|v| v.title.is_some()))
    }

    pub fn title(&self) -> &str {
        self.named_by()
            .and_then(|v| v.title.as_deref())
            .unwrap_or_default()
    }
}

impl Status {
    /// The status of every translation set of the library. The history says what changed
    /// after what; the site's `translation_skip_marker` leaves commits out.
    pub fn analyse(library: &Library, config: &Config, root: &Path, history: &History) -> Status {
        let sets = sets::translation_sets(library, config)
            .into_iter()
            .map(|found| freshness::judge(found, config, root, history))
            .collect();
        Status {
            title: config.default_language().title.clone(),
            default_language: config.default_language.clone(),
            languages: config
                .languages
                .iter()
                .map(|l| (l.code.clone(), l.name.clone()))
                .collect(),
            sets,
            clock: match history {
                History::Git(_) => Clock::Git {
                    shallow: history.is_shallow(),
                },
                History::Modified => Clock::FileTimes,
            },
            fallback: config.fallback,
            reviews: None,
        }
    }

    /// Adds the pages due for review on `today`, grouped by owner.
    pub fn add_reviews(&mut self, library: &Library, config: &Config, today: Date) {
        self.reviews = Some(Reviews::collect(library, config, today));
    }

    /// Adds the source's word diff to every outdated translation that has a base commit,
    /// reading all old texts from git at once.
    pub fn add_diffs(&mut self, root: &Path, history: &History) {
        let Some(log) = history.git() else {
            return;
        };
        let mut wanted = Vec::new();
        for set in &self.sets {
            let Some(source) = set.source_version() else {
                continue;
            };
            for version in &set.versions {
                if let State::Outdated(Outdated {
                    base: Some(base), ..
                }) = &version.state
                {
                    wanted.push((base.clone(), source.file.clone()));
                }
            }
        }
        let mut old_texts = log.texts_at(root, &wanted).into_iter();
        for set in &mut self.sets {
            let Some(source_file) = set.source_version().map(|v| v.file.clone()) else {
                continue;
            };
            let new_text = std::fs::read_to_string(root.join(&source_file)).unwrap_or_default();
            for version in &mut set.versions {
                if let State::Outdated(outdated) = &mut version.state
                    && outdated.base.is_some()
                {
                    // A source that did not exist yet then is all new.
                    let old_text = old_texts.next().flatten().unwrap_or_default();
                    outdated.diff = Some(diff::words(&old_text, &new_text));
                }
            }
        }
    }

    /// Each language's totals, in site.yaml's order.
    pub fn totals(&self) -> Vec<Totals> {
        let mut totals = vec![Totals::default(); self.languages.len()];
        for set in &self.sets {
            for (version, total) in set.versions.iter().zip(&mut totals) {
                total.pages += 1;
                match version.state {
                    State::UpToDate => total.up_to_date += 1,
                    State::Outdated(_) => total.outdated += 1,
                    State::Missing => total.missing += 1,
                    State::Fallback => total.fallback += 1,
                }
                if version.state.to_translate() {
                    total.words_to_translate += set.source_words();
                }
            }
        }
        totals
    }

    /// The report in a format.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Markdown => markdown::render(self),
            Format::Json => json::render(self),
            Format::Html => html::render(self),
        }
    }

    /// What the change order was read from, in a sentence.
    pub fn clock_note(&self) -> &'static str {
        match self.clock {
            Clock::Git { shallow: false } => {
                "Changes are ordered by git history: a translation is outdated when its source has commits it lacks."
            }
            Clock::Git { shallow: true } => {
                "Changes are ordered by git history, but this is a shallow clone: pages last changed before its oldest commit seem changed in it, so outdated translations may go unseen. Fetch the whole history (`git fetch --unshallow`)."
            }
            Clock::FileTimes => {
                "The site is not in a git repository, so changes are ordered by file modification times; a translation is outdated when its source was modified more than an hour later."
            }
        }
    }
}

/// `content/<lang>/<path>`, relative to the site root.
fn file_in(lang: &str, path: &Path) -> PathBuf {
    Path::new(CONTENT_DIR).join(lang).join(path)
}

/// `2026-01-11` for a time, or an empty string.
fn date(time: Option<SystemTime>) -> String {
    time.map(crate::history::iso_date).unwrap_or_default()
}
