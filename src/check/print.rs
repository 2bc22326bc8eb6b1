//! The print page's in-page links: every `#…` on it leads to an id on it.

use crate::diagnostic::Diagnostic;
use crate::render::PrintFacts;

/// A link of a page to a heading (`#<page>--<id>`, from its `#id` or `other.md#id`) that
/// misses is its page's broken anchor, which the links rule reports at the link itself;
/// the rest (the table of contents, a site's own print template) is reported here.
pub fn check(print: &[PrintFacts], findings: &mut Vec<Diagnostic>) {
    for facts in print {
        let mut seen = std::collections::HashSet::new();
        for fragment in &facts.fragments {
            if facts.ids.contains(fragment) || is_page_link(facts, fragment) {
                continue;
            }
            if !seen.insert(fragment) {
                continue;
            }
            findings.push(
                Diagnostic::error(
                    "broken-anchor",
                    facts.template.clone(),
                    format!(
                        "the print page {} links to `#{fragment}`, which is no id on it",
                        facts.site_path
                    ),
                )
                .help("on the print page, a page is `#<its anchor>` and its headings `#<its anchor>--<heading id>`"),
            );
        }
    }
}

/// `#<page>--<id>` for a page that is on the print page (page anchors hold no `--`).
fn is_page_link(facts: &PrintFacts, fragment: &str) -> bool {
    fragment
        .split_once("--")
        .is_some_and(|(page, _)| facts.ids.contains(page))
}
