//! The review queue of `handbok status`: the pages overdue for review, or reviewed on a
//! schedule but never, grouped by owner (so each team reads its own list), most overdue
//! first. The same judgement as `check`'s review rules ([`crate::content::review::due`]).

use std::path::PathBuf;

use crate::config::Config;
use crate::content::review::{self, DueState};
use crate::content::{Library, Page, PageKind};
use crate::date::{Date, Interval};

#[derive(Debug)]
pub struct Reviews {
    /// The day the queue is for.
    pub today: Date,
    /// site.yaml's `review_every`.
    pub site_default: Option<Interval>,
    /// Whether the site uses reviews at all (a default, or a page with an owner, a date or
    /// an interval): a site that does not gets no reviews part in Markdown and HTML.
    pub used: bool,
    /// Owners in alphabetical order, pages without one last.
    pub owners: Vec<OwnerQueue>,
}

#[derive(Debug)]
pub struct OwnerQueue {
    pub owner: Option<String>,
    /// Overdue pages, longest overdue first, then pages without a date, by file.
    pub pages: Vec<DuePage>,
}

#[derive(Debug)]
pub struct DuePage {
    /// Relative to the site root: `content/en/ops.md`.
    pub file: PathBuf,
    pub lang: String,
    pub title: String,
    pub every: Interval,
    pub site_default: bool,
    pub state: DueState,
}

impl Reviews {
    pub fn collect(library: &Library, config: &Config, today: Date) -> Reviews {
        let mut owners: Vec<OwnerQueue> = Vec::new();
        for due in review::due(library, config.review_every, today) {
            let owner = due.page.review.owner.clone();
            let page = DuePage {
                file: due.page.file(),
                lang: due.page.lang.clone(),
                title: library_title(library, due.page, config),
                every: due.every,
                site_default: due.site_default,
                state: due.state,
            };
            match owners.iter_mut().find(|q| q.owner == owner) {
                Some(queue) => queue.pages.push(page),
                None => owners.push(OwnerQueue {
                    owner,
                    pages: vec![page],
                }),
            }
        }
        owners.sort_by_key(|q| (q.owner.is_none(), q.owner.as_deref().map(str::to_lowercase)));
        for queue in &mut owners {
            queue.pages.sort_by_key(|p| match p.state {
                DueState::Overdue { by, .. } => (0, -by.total_days, p.file.clone()),
                DueState::Missing => (1, 0, p.file.clone()),
            });
        }
        let used = config.review_every.is_some()
            || library
                .pages
                .values()
                .any(|p| p.review != Default::default());
        Reviews {
            today,
            site_default: config.review_every,
            used,
            owners,
        }
    }

    /// What the queue holds, in a sentence.
    pub fn note(&self) -> String {
        let default = match self.site_default {
            Some(every) => format!(" (site default: every {every})"),
            None => String::new(),
        };
        match self.count() {
            0 => format!("No page is due for review on {}.", self.today),
            _ => format!(
                "Pages whose review is overdue on {}, or that have no review date although they are on a review schedule{default}, by owner.",
                self.today
            ),
        }
    }

    /// The queue in the Markdown and HTML reports: not for a site that does not use reviews.
    pub fn shown(&self) -> bool {
        self.used
    }

    /// Pages due, over all owners.
    pub fn count(&self) -> usize {
        self.owners.iter().map(|q| q.pages.len()).sum()
    }
}

impl OwnerQueue {
    /// The owner's name, or what stands for none.
    pub fn name(&self) -> &str {
        self.owner.as_deref().unwrap_or("No owner")
    }
}

impl DuePage {
    /// `overdue` or `missing`, as JSON and CSS classes have it.
    pub fn status(&self) -> &'static str {
        match self.state {
            DueState::Overdue { .. } => "overdue",
            DueState::Missing => "missing",
        }
    }

    /// Last review and due date, as the reports show them: (`2025-11-01`, `2026-05-01`).
    pub fn dates(&self) -> (String, String) {
        match self.state {
            DueState::Overdue { reviewed, due, .. } => (reviewed.to_string(), due.to_string()),
            DueState::Missing => ("never".to_string(), "now".to_string()),
        }
    }

    /// "3 months overdue", or "never reviewed", for people.
    pub fn label(&self) -> String {
        match self.state {
            DueState::Overdue { by, .. } => format!("{by} overdue"),
            DueState::Missing => "Never reviewed".to_string(),
        }
    }
}

/// A section page's title is its section's (a folder's name when its `_index.md` has none).
fn library_title(library: &Library, page: &Page, config: &Config) -> String {
    let section = page
        .source
        .parent()
        .and_then(|dir| library.sections.get(dir))
        .filter(|_| page.kind == PageKind::SectionIndex);
    match section {
        Some(section) => library.section_title(section, config).to_string(),
        None => page.title_or_empty().to_string(),
    }
}
