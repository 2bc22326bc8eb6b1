//! Markdown → HTML. A page body is read once as text, parsed once by pulldown-cmark, and its
//! events (each with the byte range of the source it came from) flow through passes, one
//! file per concern, each rewriting the events of its concern or only watching them to
//! record facts about the page. In order:
//!
//! On the source, before parsing (`source` has its lines and fenced code):
//!
//! 1. `includes::expand` puts the file a `{{#include path}}` line names in its place, and
//!    keeps a map back to the body's offsets, since the facts are reported at those.
//! 2. `containers::Containers::scan` finds `::: details` and `::: tabs` containers and
//!    overwrites their marker lines by thematic breaks of the same length, so nothing moves.
//!
//! On the events:
//!
//! 3. `headings::Headings` drops the heading already shown as the page's title, gives every
//!    other heading an id (readable, unique in the page, never one of the theme's
//!    [`THEME_IDS`]), makes a body `#` an h2, and records the table of contents, each
//!    heading's level and offset, and its id.
//!    It holds a heading's events back until its end, since the id comes from its text.
//!
//! Then, event by event, in one step:
//!
//! 4. `links::Links` turns link and image destinations into hrefs of the built site
//!    through the page's [`LinkResolver`], in Markdown and in the `href`s and `src`s of raw
//!    HTML (read by `raw_html`'s HTML tokenizer, so not in comments, text or scripts),
//!    records each as a [`LinkFact`], reports missing targets, and records raw HTML's ids.
//!    A line of an HTML block that ends inside a tag is joined with the lines that finish it.
//! 5. `shortcodes::Shortcodes` reports Hugo shortcodes left in the text.
//! 6. `search_text::SearchText` gathers the plain text, by heading, for search.
//! 7. `alerts::callout` turns GitHub alerts into callouts labelled in the page's language.
//! 8. `containers::Containers::event` puts the containers' HTML where their markers are.
//!
//! And last:
//!
//! 9. `figures::captions` makes a paragraph of one titled image a figure with a caption.
//! 10. `diagrams::draw` replaces each ```` ```mermaid ```` fence by its diagram as an SVG
//!     figure (drawn once per distinct source and build through the [`LinkResolver`]), or
//!     reports that it does not parse.
//! 11. `code::highlight` replaces fenced code in a known language by highlighted HTML, under
//!     its title if the fence has one.
//! 12. `tables::scroll_boxes` puts each table in a box that scrolls.
//! 13. pulldown-cmark's HTML writer writes what comes out, and the facts' offsets are moved
//!     from the expanded source to the body.
//!
//! The passes that record facts see events before those that write HTML of their own, so the
//! facts are about what the author wrote: generated markup is never scanned for links or ids.
//! Problems are reported in source order, since the passes take the events in turn.

mod alerts;
mod code;
mod containers;
mod diagrams;
mod figures;
mod headings;
mod includes;
mod links;
mod raw_html;
mod search_text;
mod shortcodes;
mod source;
mod tables;
#[cfg(test)]
mod tests;

use std::iter::Peekable;
use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{Event, Options, Parser};
use serde::Serialize;

use crate::diagram;

pub use headings::THEME_IDS;
pub use includes::include_paths;

/// An event and the byte range of the body it came from, as the passes hand them on.
type Spanned<'a> = (Event<'a>, Range<usize>);

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// What a link or image destination turned into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// Use this href instead.
    Href(String),
    /// Leave the destination as written (external, fragment-only, or not ours to judge).
    Keep,
    /// It points at a file of the site that does not exist; the text says what was looked for.
    Missing(String),
    /// Use this href, which is what was meant though not what was written; the note says
    /// why (reported as a warning).
    Corrected { href: String, note: String },
}

/// Turns the destinations written in one page into hrefs of the built site, reads the files
/// it includes, and gives the page's words for alerts and containers in its language.
pub trait LinkResolver {
    fn link(&self, destination: &str) -> Resolved;
    fn image(&self, destination: &str) -> Resolved;
    /// The label of an alert (`note`, `tip`, `important`, `warning`, `caution`).
    fn alert_label(&self, kind: &str) -> String {
        capitalized(kind)
    }
    /// A word the page shows of itself: `details`, the summary of a `::: details` that has
    /// no title of its own.
    fn ui_word(&self, key: &str) -> String {
        capitalized(key)
    }
    /// The text of the file a `{{#include path}}` line names (`path` relative to the page's
    /// file), or what went wrong.
    fn include(&self, path: &str) -> Result<String, String> {
        let _ = path;
        Err("includes are not available here".into())
    }
    /// A mermaid diagram's source drawn as SVG (a build draws each distinct source once).
    fn diagram(&self, source: &str) -> diagram::Drawn {
        Arc::new(diagram::draw(source))
    }
}

fn capitalized(key: &str) -> String {
    let mut word = key.to_string();
    if let Some(first) = word.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    word
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// A problem found while rendering, at a byte offset of the Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub kind: ProblemKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    MissingImage,
    BrokenLink,
    /// `{{< … >}}` or `{{% … %}}` from a Hugo site, shown as text.
    Shortcode,
    /// A `:::` container that is unknown or never closed, shown as written.
    Container,
    /// An include that cannot be read, includes itself, or nests too deep.
    Include,
    /// A site path written with the base URL's sub-path, taken to mean the file without it.
    SitePath,
    /// A mermaid diagram that does not parse, shown as its source.
    Diagram,
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    /// h2 entries with their h3 children.
    pub toc: Vec<TocEntry>,
    /// Every id in the page: headings' and those written in raw HTML (for anchor checks).
    pub anchors: Vec<String>,
    pub problems: Vec<Problem>,
    /// Every link and image, for the checker.
    pub links: Vec<LinkFact>,
    /// Level and byte offset of every heading of the body, in order.
    pub headings: Vec<(u8, usize)>,
    /// The body as plain text (code blocks left out), for search.
    pub text: String,
    /// Where each heading's part starts in `text`.
    pub sections: Vec<TextSection>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextSection {
    pub id: String,
    pub title: String,
    /// Byte offset in the plain text.
    pub start: usize,
}

/// A link or image as written, and what it became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkFact {
    pub destination: String,
    pub href: String,
    pub offset: usize,
    pub is_image: bool,
    /// For images: whether it has alt text.
    pub has_alt: bool,
    /// The resolver already reported it as missing.
    pub missing: bool,
}

/// Renders a page body. `skip` is the byte range of a heading already shown as the title.
pub fn render(body: &str, skip: Option<Range<usize>>, resolver: &dyn LinkResolver) -> Rendered {
    let mut rendered = Rendered::default();
    let mut include_problems = Vec::new();
    let mut diagram_problems = Vec::new();
    let mut source = includes::expand(body, resolver, &mut include_problems);
    let containers =
        containers::Containers::scan(&mut source.text, resolver, &mut rendered.problems);
    let skip =
        skip.map(|title| source.map.to_expanded(title.start)..source.map.to_expanded(title.end));
    let text = &*source.text;
    let Rendered {
        html,
        toc,
        anchors,
        problems,
        links,
        headings,
        text: search_text,
        sections,
    } = &mut rendered;
    let events = Parser::new_ext(text, options()).into_offset_iter();
    let events = headings::Headings::new(
        events,
        skip,
        headings::HeadingFacts {
            toc,
            anchors,
            headings,
        },
    );
    let mut raw_ids = Vec::new();
    let events = OneStep {
        events: events.peekable(),
        links: links::Links::new(resolver, links, &mut raw_ids),
        shortcodes: shortcodes::Shortcodes::new(text),
        search_text: search_text::SearchText::new(search_text, sections),
        containers,
        resolver,
        problems,
    };
    let events = figures::captions(events);
    let events = diagrams::draw(events, resolver, &mut diagram_problems);
    let events = code::highlight(events);
    let events = tables::scroll_boxes(events);
    html.reserve(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(html, events.map(|(event, _)| event));
    rendered.anchors.append(&mut raw_ids);
    if !diagram_problems.is_empty() {
        rendered.problems.append(&mut diagram_problems);
        rendered.problems.sort_by_key(|problem| problem.offset);
    }
    if !source.map.is_identity() {
        at_body_offsets(&mut rendered, &source.map);
    }
    if !include_problems.is_empty() {
        rendered.problems.append(&mut include_problems);
        rendered.problems.sort_by_key(|problem| problem.offset);
    }
    rendered
}

/// The passes that take one event at a time, in one step: handing events down a chain of
/// iterator adapters copied each at every link, which cost more than the passes' work.
struct OneStep<'r, 'a, I: Iterator<Item = Spanned<'a>>> {
    events: Peekable<I>,
    links: links::Links<'r>,
    shortcodes: shortcodes::Shortcodes<'r>,
    search_text: search_text::SearchText<'r>,
    containers: containers::Containers,
    resolver: &'r dyn LinkResolver,
    problems: &'r mut Vec<Problem>,
}

impl<'a, I: Iterator<Item = Spanned<'a>>> Iterator for OneStep<'_, 'a, I> {
    type Item = Spanned<'a>;

    #[inline]
    fn next(&mut self) -> Option<Spanned<'a>> {
        let (mut event, mut range) = self.events.next()?;
        self.links
            .event(&mut event, &mut range, &mut self.events, self.problems);
        self.shortcodes.event(&event, &range, self.problems);
        self.search_text.event(&event);
        alerts::callout(&mut event, self.resolver);
        self.containers.event(&mut event, &range);
        Some((event, range))
    }
}

/// The offsets of what was found in the source with its includes expanded, moved to the
/// body's (what came from an included file stands at the include's line).
fn at_body_offsets(rendered: &mut Rendered, map: &source::SourceMap) {
    for problem in &mut rendered.problems {
        problem.offset = map.to_body(problem.offset);
    }
    for link in &mut rendered.links {
        link.offset = map.to_body(link.offset);
    }
    for (_, offset) in &mut rendered.headings {
        *offset = map.to_body(*offset);
    }
}
