//! Review rules: `review-overdue` for a page whose last review is longer ago than its
//! interval, `review-missing` for a page reviewed on a schedule (its own or the site's
//! default) that has no `reviewed` date, and `review-future` for a `reviewed` date after
//! today (a typo that would keep the page off every review queue). Each names the owner.

use super::Context;
use crate::content::review::{self, DueState};
use crate::date::Date;
use crate::diagnostic::Diagnostic;

pub fn check(context: &Context, today: Date, findings: &mut Vec<Diagnostic>) {
    let library = &context.site.library;
    for due in review::due(library, context.site.config.review_every, today) {
        let page = due.page;
        let owner = match &page.review.owner {
            Some(owner) => format!("owner: {owner}"),
            None => "no owner".to_string(),
        };
        let name_owner = match page.review.owner {
            Some(_) => "",
            None => ", and name who keeps it current with `owner:`",
        };
        let finding = match due.state {
            DueState::Overdue { reviewed, due: on, by } => Diagnostic::warning(
                "review-overdue",
                page.file(),
                format!(
                    "review is {by} overdue: last reviewed {reviewed}, due {on} (every {}); {owner}",
                    due.every
                ),
            )
            .at_line_of(page.review.reviewed_line)
            .help(format!(
                "review the page, then set `reviewed: {today}`{name_owner}"
            )),
            DueState::Missing => {
                let (whose, line) = match due.site_default {
                    true => ("site.yaml's `review_every`", Some(1)),
                    false => ("its `review_every`", page.review.every_line),
                };
                Diagnostic::warning(
                    "review-missing",
                    page.file(),
                    format!(
                        "page has no `reviewed` date but is reviewed every {} ({whose}); {owner}",
                        due.every
                    ),
                )
                .at_line_of(line)
                .help(format!(
                    "add `reviewed:` with the date of its last review (`reviewed: {today}` once reviewed today){name_owner}, or `review_every: never` to leave it out of reviews"
                ))
            }
        };
        findings.push(finding);
    }
    future_dates(context, today, findings);
}

fn future_dates(context: &Context, today: Date, findings: &mut Vec<Diagnostic>) {
    for page in context.site.library.pages.values() {
        let Some(reviewed) = page.review.reviewed.filter(|r| *r > today) else {
            continue;
        };
        findings.push(
            Diagnostic::warning(
                "review-future",
                page.file(),
                format!(
                    "`reviewed: {reviewed}` is after today ({today}), so the page never comes due"
                ),
            )
            .at_line_of(page.review.reviewed_line)
            .help("write the date the page was last reviewed, year-month-day"),
        );
    }
}
