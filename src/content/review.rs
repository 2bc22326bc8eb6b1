//! Owners and reviews: `owner`, `reviewed` and `review_every` read from a page's front matter
//! (a date or interval that does not parse is an error at its line, the page kept without
//! it), and which pages are due for review on a given day. The day is a parameter, never the
//! clock, so what `check` and `status` say is testable and builds stay reproducible.

use std::path::Path;

use super::Library;
use super::front_matter::{FrontMatter, Split};
use super::page::Page;
use crate::date::{DATE_HELP, Date, Elapsed, INTERVAL_HELP, Interval};
use crate::diagnostic::Diagnostic;

/// A page's owner and review dates, as its front matter gives them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Review {
    /// Who keeps the page current (a team or a person); `None` when not given or blank.
    pub owner: Option<String>,
    pub reviewed: Option<Date>,
    /// The page's own `review_every`; without it, the site's default applies.
    pub every: Option<Every>,
    /// 1-based line of `reviewed:`, where an overdue review is reported.
    pub reviewed_line: Option<usize>,
    /// 1-based line of `review_every:`.
    pub every_line: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Every {
    Interval(Interval),
    /// `review_every: never`: the page is left out of reviews, whatever the site's default.
    Never,
}

impl Review {
    /// The review keys of a page's front matter, and the errors of those that do not parse.
    pub fn read(front: &FrontMatter, split: &Split<'_>, file: &Path) -> (Review, Vec<Diagnostic>) {
        let mut errors = Vec::new();
        let reviewed_line = split.key_line("reviewed");
        let every_line = split.key_line("review_every");
        let reviewed = front.reviewed.as_deref().and_then(|text| {
            Date::parse(text)
                .map_err(|message| {
                    errors.push(invalid(file, reviewed_line, "reviewed", message, DATE_HELP));
                })
                .ok()
        });
        let every = front.review_every.as_deref().and_then(|text| {
            Every::parse(text)
                .map_err(|message| {
                    let help = format!("{INTERVAL_HELP}, or `never`");
                    errors.push(invalid(file, every_line, "review_every", message, &help));
                })
                .ok()
        });
        let owner = front
            .owner
            .as_deref()
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .map(str::to_string);
        let review = Review {
            owner,
            reviewed,
            every,
            reviewed_line,
            every_line,
        };
        (review, errors)
    }

    /// How often the page is reviewed: its own interval, else the site's default (`true`
    /// when it is the site's); `None` when neither is given or the page says `never`.
    pub fn interval(&self, site_default: Option<Interval>) -> Option<(Interval, bool)> {
        match self.every {
            Some(Every::Interval(interval)) => Some((interval, false)),
            Some(Every::Never) => None,
            None => site_default.map(|interval| (interval, true)),
        }
    }
}

impl Every {
    pub fn parse(text: &str) -> Result<Every, String> {
        match text.trim().to_lowercase().as_str() {
            "never" | "aldri" => Ok(Every::Never),
            _ => Interval::parse(text).map(Every::Interval),
        }
    }
}

fn invalid(file: &Path, line: Option<usize>, key: &str, message: String, help: &str) -> Diagnostic {
    Diagnostic::error("front-matter", file, format!("`{key}`: {message}"))
        .at_line_of(line)
        .help(format!("`{key}` takes {help}"))
}

/// A page due for review.
#[derive(Debug)]
pub struct Due<'a> {
    pub page: &'a Page,
    /// How often it is reviewed.
    pub every: Interval,
    /// Whether that is the site's default rather than the page's own.
    pub site_default: bool,
    pub state: DueState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueState {
    /// Reviewed on `reviewed`, due on `due`, and that is `by` ago.
    Overdue {
        reviewed: Date,
        due: Date,
        by: Elapsed,
    },
    /// Reviewed on a schedule but never: no `reviewed` date.
    Missing,
}

/// Every published page (and section page) whose review is overdue on `today`, or that has
/// no `reviewed` date although an interval applies to it, in the order of their files. Each
/// language's file carries its own review.
pub fn due(library: &Library, site_default: Option<Interval>, today: Date) -> Vec<Due<'_>> {
    library
        .pages
        .values()
        .filter(|page| !page.front.headless)
        .filter_map(|page| {
            let (every, site_default) = page.review.interval(site_default)?;
            let state = match page.review.reviewed {
                None => DueState::Missing,
                Some(reviewed) => {
                    let due = reviewed + every;
                    DueState::Overdue {
                        reviewed,
                        due,
                        by: due.until(today)?,
                    }
                }
            };
            Some(Due {
                page,
                every,
                site_default,
                state,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn parsed(source: &str, text: &str) -> (Page, Vec<Diagnostic>) {
        Page::parse(Path::new(source), text).unwrap()
    }

    #[test]
    fn review_keys_are_read_and_bad_values_are_errors_at_their_line() {
        let (page, findings) = parsed(
            "en/a.md",
            "---\ntitle: A\nowner: ' Platform team '\nreviewed: 2026-05-01\nreview_every: 6 months\n---\n",
        );
        assert!(findings.is_empty(), "{findings:?}");
        let review = &page.review;
        assert_eq!(review.owner.as_deref(), Some("Platform team"));
        assert_eq!(review.reviewed, Date::new(2026, 5, 1));
        assert_eq!(review.every, Some(Every::parse("6 months").unwrap()));
        assert_eq!(
            (review.reviewed_line, review.every_line),
            (Some(4), Some(5))
        );

        let (page, findings) = parsed(
            "en/b.md",
            "---\ntitle: B\nreviewed: 2026-02-30\nreview_every: 6\n---\n",
        );
        assert_eq!(page.review.reviewed, None);
        assert_eq!(page.review.every, None);
        let said: Vec<(Option<u32>, &str, bool)> = findings
            .iter()
            .map(|f| (f.line, f.message.as_str(), f.is_error()))
            .collect();
        assert_eq!(
            said,
            [
                (
                    Some(3),
                    "`reviewed`: `2026-02-30`: February 2026 has 28 days",
                    true
                ),
                (Some(4), "`review_every`: `6` is not an interval", true)
            ]
        );
        assert!(
            findings[0]
                .help
                .as_deref()
                .unwrap()
                .contains("`2026-05-01`")
        );
        assert!(findings[1].help.as_deref().unwrap().contains("`never`"));
    }

    #[test]
    fn the_page_interval_wins_over_the_site_default_and_never_leaves_it_out() {
        let site = Interval::parse("1 year").ok();
        let six = Interval::parse("6 months").unwrap();
        let own = Review {
            every: Some(Every::Interval(six)),
            ..Review::default()
        };
        assert_eq!(own.interval(site), Some((six, false)));
        assert_eq!(
            Review::default().interval(site),
            Some((site.unwrap(), true))
        );
        assert_eq!(Review::default().interval(None), None);
        let never = Review {
            every: Some(Every::Never),
            ..Review::default()
        };
        assert_eq!(never.interval(site), None);
    }

    #[test]
    fn due_pages_are_overdue_or_missing_on_the_day_given() {
        let (config, _) = Config::parse("title: T\nlanguages: [{code: en, name: E}]\n").unwrap();
        let mut library = Library::default();
        for (source, text) in [
            (
                "en/overdue.md",
                "---\ntitle: O\nreviewed: 2026-01-31\nreview_every: 1 month\n---\n",
            ),
            (
                "en/current.md",
                "---\ntitle: C\nreviewed: 2026-02-20\n---\n",
            ),
            ("en/missing.md", "---\ntitle: M\n---\n"),
            ("en/never.md", "---\ntitle: N\nreview_every: never\n---\n"),
            ("en/snippet.md", "---\nheadless: true\n---\n"),
        ] {
            let (page, _) = parsed(source, text);
            library.pages.insert(page.source.clone(), page);
        }
        library.link(&config);
        let today = Date::new(2026, 3, 1).unwrap();
        let said = |default: Option<Interval>| -> Vec<(String, DueState, bool)> {
            due(&library, default, today)
                .iter()
                .map(|d| (d.page.source.display().to_string(), d.state, d.site_default))
                .collect()
        };
        let overdue = DueState::Overdue {
            reviewed: Date::new(2026, 1, 31).unwrap(),
            due: Date::new(2026, 2, 28).unwrap(),
            by: Date::new(2026, 2, 28).unwrap().until(today).unwrap(),
        };
        assert_eq!(said(None), [("en/overdue.md".into(), overdue, false)]);
        let weekly = DueState::Overdue {
            reviewed: Date::new(2026, 2, 20).unwrap(),
            due: Date::new(2026, 2, 27).unwrap(),
            by: Date::new(2026, 2, 27).unwrap().until(today).unwrap(),
        };
        assert_eq!(
            said(Interval::parse("1 week").ok()),
            [
                ("en/current.md".into(), weekly, true),
                ("en/missing.md".into(), DueState::Missing, true),
                ("en/overdue.md".into(), overdue, false),
            ]
        );
        let DueState::Overdue { by, .. } = weekly else {
            unreachable!()
        };
        assert_eq!(by.to_string(), "2 days");
    }
}
