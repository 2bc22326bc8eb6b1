//! Headings: the one already shown as the page's title is dropped, the others get ids and
//! make the table of contents. Their ids are recorded for anchor checks (those written in raw
//! HTML are `links`' to record, since it reads the raw HTML).

use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use rustc_hash::FxHashMap;

use super::{Spanned, TocEntry};

/// Ids the default theme's templates give their own elements: a heading must not take them
/// (a second `id="main"` would break the skip link).
pub const THEME_IDS: &[&str] = &[
    "main",
    "site-nav",
    "search-input",
    "search-results",
    "handbok-toc-title",
    "handbok-error-overlay",
];

/// What the headings pass records.
pub(super) struct HeadingFacts<'f> {
    pub toc: &'f mut Vec<TocEntry>,
    pub anchors: &'f mut Vec<String>,
    /// Level and byte offset of every heading.
    pub headings: &'f mut Vec<(u8, usize)>,
}

/// Drops the heading already shown as the page's title, gives each other heading an id and
/// records it. A heading's events are held back until its end, since the id comes from its
/// text.
pub(super) struct Headings<'f, 'a, I> {
    events: I,
    /// Where the title's heading starts in the body.
    title_at: Option<usize>,
    facts: HeadingFacts<'f>,
    ids: HeadingIds,
    /// The rest of the heading being let out.
    held: VecDeque<Spanned<'a>>,
}

impl<'f, 'a, I: Iterator<Item = Spanned<'a>>> Headings<'f, 'a, I> {
    pub(super) fn new(events: I, title: Option<Range<usize>>, facts: HeadingFacts<'f>) -> Self {
        Headings {
            events,
            title_at: title.map(|range| range.start),
            facts,
            ids: HeadingIds::default(),
            held: VecDeque::new(),
        }
    }

    #[inline(never)]
    fn skip_heading(&mut self) {
        self.events
            .by_ref()
            .find(|(event, _)| matches!(event, Event::End(TagEnd::Heading(_))));
    }

    /// Takes in a heading's events up to its end and gives back its start, with its id.
    #[inline(never)]
    fn heading(&mut self, start: Tag<'a>, range: Range<usize>) -> Spanned<'a> {
        let Tag::Heading {
            level,
            id,
            classes,
            attrs,
        } = start
        else {
            return (Event::Start(start), range);
        };
        let mut text = String::new();
        for (event, inner_range) in self.events.by_ref() {
            match &event {
                Event::End(TagEnd::Heading(_)) => break,
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                _ => {}
            }
            self.held.push_back((event, inner_range));
        }
        // The page's title is its one h1 (accessibility, and what readers and search
        // engines expect), so a `# ` heading in the body is a section like `## `.
        let level = level.max(HeadingLevel::H2);
        let level_number = level as u8;
        self.facts.headings.push((level_number, range.start));
        let id = self.ids.unique(
            id.as_deref()
                .map_or_else(|| crate::url::slugify(&text), str::to_string),
        );
        let title = text.trim();
        if !title.is_empty() {
            add_to_toc(self.facts.toc, level_number, &id, title.to_string());
        }
        self.facts.anchors.push(id.clone());
        self.held
            .push_back((Event::End(TagEnd::Heading(level)), range.clone()));
        let start = Tag::Heading {
            level,
            id: Some(CowStr::from(id)),
            classes,
            attrs,
        };
        (Event::Start(start), range)
    }
}

impl<'a, I: Iterator<Item = Spanned<'a>>> Iterator for Headings<'_, 'a, I> {
    type Item = Spanned<'a>;

    #[inline]
    fn next(&mut self) -> Option<Spanned<'a>> {
        if let Some(held) = self.held.pop_front() {
            return Some(held);
        }
        loop {
            match self.events.next()? {
                (Event::Start(Tag::Heading { .. }), range)
                    if self.title_at == Some(range.start) =>
                {
                    self.skip_heading()
                }
                (Event::Start(start @ Tag::Heading { .. }), range) => {
                    return Some(self.heading(start, range));
                }
                (event, range) => return Some((event, range)),
            }
        }
    }
}

/// Ids unique within a page: a repeated heading gets `-1`, `-2`…; one without letters gets
/// `section`.
struct HeadingIds {
    // Fx, not SipHash: the ids are the page's own, and hashing them was a tenth of rendering.
    seen: FxHashMap<String, usize>,
}

impl Default for HeadingIds {
    fn default() -> HeadingIds {
        HeadingIds {
            seen: THEME_IDS.iter().map(|id| (id.to_string(), 0)).collect(),
        }
    }
}

impl HeadingIds {
    fn unique(&mut self, wanted: String) -> String {
        let base = if wanted.is_empty() {
            "section".to_string()
        } else {
            wanted
        };
        let mut candidate = base.clone();
        while let Some(count) = self.seen.get_mut(&candidate) {
            *count += 1;
            candidate = format!("{base}-{count}");
        }
        self.seen.insert(candidate.clone(), 0);
        candidate
    }
}

/// h2 entries with their h3 children; deeper headings stay out of the table of contents.
fn add_to_toc(toc: &mut Vec<TocEntry>, level: u8, id: &str, title: String) {
    let entry = TocEntry {
        level,
        id: id.to_string(),
        title,
        children: Vec::new(),
    };
    match level {
        2 => toc.push(entry),
        3 => match toc.last_mut() {
            Some(parent) => parent.children.push(entry),
            None => toc.push(entry),
        },
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{events, to_html};
    use super::*;

    #[test]
    fn only_the_title_heading_is_skipped() {
        let (mut toc, mut anchors, mut headings) = (Vec::new(), Vec::new(), Vec::new());
        let facts = HeadingFacts {
            toc: &mut toc,
            anchors: &mut anchors,
            headings: &mut headings,
        };
        let body = "# Title\n\n## Title\n\nText\n";
        let html = to_html(Headings::new(events(body), Some(0..8), facts));
        assert_eq!(html, "<h2 id=\"title\">Title</h2>\n<p>Text</p>\n");
        assert_eq!(anchors, ["title"]);
    }

    #[test]
    fn ids_toc_and_anchors_in_order() {
        let (mut toc, mut anchors, mut headings) = (Vec::new(), Vec::new(), Vec::new());
        let facts = HeadingFacts {
            toc: &mut toc,
            anchors: &mut anchors,
            headings: &mut headings,
        };
        let body = "<a id=\"top\"></a>\n\n# A\n\n### B `c`\n\n## <span id=\"old\"></span>A\n";
        let html = to_html(Headings::new(events(body), None, facts));
        assert!(html.contains("<h2 id=\"a\">A</h2>"), "{html}");
        assert!(
            html.contains("<h3 id=\"b-c\">B <code>c</code></h3>"),
            "{html}"
        );
        assert!(html.contains("<h2 id=\"a-1\">"), "{html}");
        assert_eq!(anchors, ["a", "b-c", "a-1"]);
        assert_eq!(headings, [(2, 18), (3, 23), (2, 34)]);
        assert_eq!(toc.len(), 2);
        assert_eq!(toc[0].children[0].title, "B c");
    }

    #[test]
    fn theme_ids_and_repeats_get_a_number() {
        let mut ids = HeadingIds::default();
        let got: Vec<String> = ["main", "main", "", "x", "x"]
            .into_iter()
            .map(|w| ids.unique(w.to_string()))
            .collect();
        assert_eq!(got, ["main-1", "main-2", "section", "x", "x-1"]);
    }
}
