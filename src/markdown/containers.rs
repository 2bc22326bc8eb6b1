//! Containers, in VitePress's (markdown-it-container's) syntax, outside fenced code:
//!
//! ```text
//! ::: details Summary         ::: tabs
//! Markdown…                   == Linux
//! :::                         Markdown…
//!                             == Windows
//!                             Markdown…
//!                             :::
//! ```
//!
//! An opening line is three or more colons and a name, a closing line the same colons alone;
//! a longer fence may enclose shorter ones (`:::: tabs` … `::::`). Before parsing, each
//! marker line of a container is overwritten by a thematic break (`***` and spaces) of the
//! same length: every offset and line of the page stays where it was, and the Markdown
//! between the markers parses as blocks of its own. The event pass then puts the container's
//! HTML where those breaks are. An unknown container, or one never closed, stays as written
//! and is reported.

use std::borrow::Cow;
use std::mem;
use std::ops::Range;

use pulldown_cmark::Event;

use crate::html::escape_attribute;

use super::source::{self, Line};
use super::{LinkResolver, Problem, ProblemKind};

/// The containers of a source, by the markers that stand for them.
pub(super) struct Containers {
    /// By offset.
    markers: Vec<Marker>,
}

/// A marker line and the HTML it becomes.
struct Marker {
    offset: usize,
    length: usize,
    html: String,
}

impl Containers {
    /// Finds the containers of `source` and overwrites their marker lines.
    pub(super) fn scan(
        source: &mut Cow<'_, str>,
        resolver: &dyn LinkResolver,
        problems: &mut Vec<Problem>,
    ) -> Containers {
        // memchr's search is many times faster than `str::contains` for a short pattern.
        if memchr::memmem::find(source.as_bytes(), b":::").is_none() {
            return Containers {
                markers: Vec::new(),
            };
        }
        let mut scan = Scan::default();
        for line in source::lines(source).filter(|line| !line.in_code) {
            scan.line(&line, resolver, problems);
        }
        let mut markers = scan.finish(problems);
        markers.sort_by_key(|marker| marker.offset);
        if !markers.is_empty() {
            let text = source.to_mut();
            for marker in &markers {
                let range = marker.offset..marker.offset + marker.length;
                text.replace_range(range, &format!("{:<1$}", "***", marker.length));
            }
        }
        Containers { markers }
    }

    /// Puts a container's HTML in place of the event its marker became: a thematic break, or
    /// a line of raw HTML when the marker stood in an HTML block.
    pub(super) fn event(&mut self, event: &mut Event<'_>, range: &Range<usize>) {
        if self.markers.is_empty() || !matches!(event, Event::Rule | Event::Html(_)) {
            return;
        }
        if let Ok(index) = self
            .markers
            .binary_search_by_key(&range.start, |marker| marker.offset)
        {
            *event = Event::Html(mem::take(&mut self.markers[index].html).into());
        }
    }
}

/// The containers open at a line of the scan, and the markers of those closed.
#[derive(Default)]
struct Scan {
    open: Vec<Open>,
    markers: Vec<Marker>,
    /// Tab sets so far, for ids unique in the page.
    tab_sets: usize,
}

struct Open {
    colons: usize,
    name: String,
    /// The opening line.
    offset: usize,
    length: usize,
    kind: Kind,
}

enum Kind {
    Details { summary: String },
    Tabs { set: usize, tabs: Vec<Tab> },
    Unknown,
}

/// A `== Label` line of a tab set.
struct Tab {
    offset: usize,
    length: usize,
    label: String,
}

impl Scan {
    fn line(&mut self, line: &Line<'_>, resolver: &dyn LinkResolver, problems: &mut Vec<Problem>) {
        let Some(text) = source::unindented(line.text) else {
            return;
        };
        let colons = text.len() - text.trim_start_matches(':').len();
        if colons >= 3 {
            match text[colons..].trim() {
                "" => self.close(colons, line, problems),
                rest => self.open(colons, rest, line, resolver, problems),
            }
        } else if let Some(label) = text.strip_prefix("==")
            && label.starts_with(char::is_whitespace)
            && !label.trim().is_empty()
            && let Some(Open {
                kind: Kind::Tabs { tabs, .. },
                ..
            }) = self.open.last_mut()
        {
            tabs.push(Tab {
                offset: line.start,
                length: line.text.len(),
                label: label.trim().to_string(),
            });
        }
    }

    fn open(
        &mut self,
        colons: usize,
        rest: &str,
        line: &Line<'_>,
        resolver: &dyn LinkResolver,
        problems: &mut Vec<Problem>,
    ) {
        let (name, title) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let kind = match name {
            "details" => Kind::Details {
                summary: match title.trim() {
                    "" => resolver.ui_word("details"),
                    title => title.to_string(),
                },
            },
            "tabs" => {
                self.tab_sets += 1;
                Kind::Tabs {
                    set: self.tab_sets,
                    tabs: Vec::new(),
                }
            }
            _ => {
                problems.push(Problem {
                    offset: line.start,
                    kind: ProblemKind::Container,
                    message: format!(
                        "`{} {name}` is not a container handbok knows (`details`, `tabs`), so it is shown as written",
                        ":".repeat(colons)
                    ),
                });
                Kind::Unknown
            }
        };
        self.open.push(Open {
            colons,
            name: name.to_string(),
            offset: line.start,
            length: line.text.len(),
            kind,
        });
    }

    /// A line of `colons` colons closes the innermost container opened with as many; those
    /// opened inside it and still open are never closed.
    fn close(&mut self, colons: usize, line: &Line<'_>, problems: &mut Vec<Problem>) {
        let Some(at) = self.open.iter().rposition(|open| open.colons == colons) else {
            return;
        };
        for inner in self.open.split_off(at + 1) {
            never_closed(inner, problems);
        }
        if let Some(open) = self.open.pop() {
            self.closed(open, line);
        }
    }

    /// The markers of a container closed at `closing`.
    fn closed(&mut self, open: Open, closing: &Line<'_>) {
        let mut marker = |offset: usize, length: usize, html: String| {
            self.markers.push(Marker {
                offset,
                length,
                html,
            })
        };
        match open.kind {
            Kind::Details { summary } => {
                let html = format!(
                    "<details class=\"details\">\n<summary>{}</summary>\n",
                    escape_attribute(&summary)
                );
                marker(open.offset, open.length, html);
                marker(closing.start, closing.text.len(), "</details>\n".into());
            }
            Kind::Tabs { set, tabs } => {
                marker(open.offset, open.length, tab_list(set, &tabs));
                for (index, tab) in tabs.iter().enumerate() {
                    let html = tab_panel(set, index + 1, &tab.label);
                    marker(tab.offset, tab.length, html);
                }
                let end = if tabs.is_empty() {
                    "</div>\n"
                } else {
                    "</div>\n</div>\n"
                };
                marker(closing.start, closing.text.len(), end.into());
            }
            Kind::Unknown => {}
        }
    }

    fn finish(mut self, problems: &mut Vec<Problem>) -> Vec<Marker> {
        for open in mem::take(&mut self.open) {
            never_closed(open, problems);
        }
        self.markers
    }
}

fn never_closed(open: Open, problems: &mut Vec<Problem>) {
    if matches!(open.kind, Kind::Unknown) {
        return; // Reported as unknown already.
    }
    let fence = ":".repeat(open.colons);
    problems.push(Problem {
        offset: open.offset,
        kind: ProblemKind::Container,
        message: format!(
            "`{fence} {}` is never closed (a line of `{fence}` alone closes it), so it is shown as written",
            open.name
        ),
    });
}

/// The start of a tab set: its tab list, which only scripts show (see the theme's
/// handbok.js); without them every panel shows under its label.
fn tab_list(set: usize, tabs: &[Tab]) -> String {
    let mut html =
        String::from("<div class=\"tabs\">\n<div class=\"tabs-list\" role=\"tablist\" hidden>\n");
    for (index, tab) in tabs.iter().enumerate() {
        let number = index + 1;
        let (selected, tabindex) = if number == 1 {
            ("true", "")
        } else {
            ("false", " tabindex=\"-1\"")
        };
        html.push_str(&format!(
            "<button type=\"button\" role=\"tab\" id=\"{}\" aria-controls=\"{}\" aria-selected=\"{selected}\"{tabindex}>{}</button>\n",
            tab_id(set, number),
            panel_id(set, number),
            escape_attribute(&tab.label)
        ));
    }
    html.push_str("</div>\n");
    html
}

/// The start of a tab's panel (after the end of the one before).
fn tab_panel(set: usize, number: usize, label: &str) -> String {
    format!(
        "{}<div class=\"tabs-panel\" role=\"tabpanel\" id=\"{}\" aria-labelledby=\"{}\" tabindex=\"0\">\n<p class=\"tabs-label\">{}</p>\n",
        if number > 1 { "</div>\n" } else { "" },
        panel_id(set, number),
        tab_id(set, number),
        escape_attribute(label)
    )
}

// Underscores, which heading ids never have (they are slugs), keep these unique in the page.
fn tab_id(set: usize, number: usize) -> String {
    format!("tabs_{set}_tab_{number}")
}

fn panel_id(set: usize, number: usize) -> String {
    format!("tabs_{set}_panel_{number}")
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Fake, through};
    use super::*;

    /// The HTML of a body after the scan and the event pass, with the problems found.
    fn rendered(body: &str) -> (String, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut source = Cow::Borrowed(body);
        let mut containers = Containers::scan(&mut source, &Fake, &mut problems);
        assert_eq!(source.len(), body.len(), "offsets stay where they were");
        assert_eq!(source.lines().count(), body.lines().count());
        let html = through(&source, |event, range| containers.event(event, range));
        (html, problems)
    }

    #[test]
    fn details_hold_markdown_and_take_a_summary() {
        let (html, problems) =
            rendered("Text\n::: details Why <this>?\nBody *here*\n:::\n\n::: details\nMore\n:::\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            html,
            "<p>Text</p>\n<details class=\"details\">\n<summary>Why &lt;this&gt;?</summary>\n<p>Body <em>here</em></p>\n</details>\n<details class=\"details\">\n<summary>Details</summary>\n<p>More</p>\n</details>\n"
        );
    }

    #[test]
    fn tabs_are_a_tab_list_and_labelled_panels() {
        let (html, problems) = rendered("::: tabs\n== Linux\n`ls`\n== Windows\n`dir`\n:::\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert!(html.starts_with("<div class=\"tabs\">\n<div class=\"tabs-list\" role=\"tablist\" hidden>\n<button type=\"button\" role=\"tab\" id=\"tabs_1_tab_1\" aria-controls=\"tabs_1_panel_1\" aria-selected=\"true\">Linux</button>\n<button type=\"button\" role=\"tab\" id=\"tabs_1_tab_2\" aria-controls=\"tabs_1_panel_2\" aria-selected=\"false\" tabindex=\"-1\">Windows</button>\n</div>\n"), "{html}");
        assert!(html.contains("<div class=\"tabs-panel\" role=\"tabpanel\" id=\"tabs_1_panel_1\" aria-labelledby=\"tabs_1_tab_1\" tabindex=\"0\">\n<p class=\"tabs-label\">Linux</p>\n<p><code>ls</code></p>\n</div>\n<div class=\"tabs-panel\" role=\"tabpanel\" id=\"tabs_1_panel_2\""), "{html}");
        assert!(
            html.ends_with("<p><code>dir</code></p>\n</div>\n</div>\n"),
            "{html}"
        );
    }

    #[test]
    fn a_longer_fence_encloses_shorter_ones() {
        let (html, problems) = rendered(
            ":::: tabs\n== A\n::: details Inner\nx\n:::\n== B\ny\n::::\n\n::: tabs\n== C\n:::\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert!(html.contains("<p class=\"tabs-label\">A</p>\n<details class=\"details\">\n<summary>Inner</summary>\n<p>x</p>\n</details>\n</div>\n<div class=\"tabs-panel\""), "{html}");
        assert!(
            html.contains("id=\"tabs_2_tab_1\""),
            "a second set has ids of its own: {html}"
        );
    }

    #[test]
    fn unknown_and_unclosed_containers_are_left_and_reported() {
        let body =
            "::: warning Careful\nx\n:::\n\n```\n::: details in code\n```\n\n::: details Open\ny\n";
        let (html, problems) = rendered(body);
        assert!(
            html.contains("<p>::: warning Careful\nx\n:::</p>"),
            "{html}"
        );
        assert!(html.contains("::: details in code"), "{html}");
        assert!(html.contains("<p>::: details Open\ny</p>"), "{html}");
        let found: Vec<(usize, ProblemKind)> =
            problems.iter().map(|p| (p.offset, p.kind)).collect();
        assert_eq!(
            found,
            [(0, ProblemKind::Container), (56, ProblemKind::Container)]
        );
        assert!(
            problems[0]
                .message
                .contains("`::: warning` is not a container"),
            "{}",
            problems[0].message
        );
        assert!(
            problems[1]
                .message
                .contains("`::: details` is never closed"),
            "{}",
            problems[1].message
        );
    }

    #[test]
    fn markers_in_an_html_block_still_become_the_container() {
        let (html, _) = rendered("<div>\n::: details Raw\n<b>x</b>\n:::\n</div>\n");
        assert!(
            html.contains("<summary>Raw</summary>") && html.contains("</details>"),
            "{html}"
        );
        assert!(!html.contains("***"), "{html}");
    }
}
