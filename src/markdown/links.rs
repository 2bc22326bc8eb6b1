//! Links and images, in Markdown and in raw HTML: destinations resolved through the page's
//! [`LinkResolver`], each recorded as a [`LinkFact`], missing targets reported. Raw HTML is
//! read by [`raw_html`], which also gives its ids.

use std::iter::Peekable;
use std::mem;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::raw_html::{self, RawHtml};
use super::{LinkFact, LinkResolver, Problem, ProblemKind, Resolved, Spanned};

/// Resolves the links and images of each event, recording them in `links`, and the ids
/// written in raw HTML in `ids`.
pub(super) struct Links<'r> {
    resolver: &'r dyn LinkResolver,
    links: &'r mut Vec<LinkFact>,
    ids: &'r mut Vec<String>,
    raw_html: RawHtml,
    /// The image whose alt text is passing, by index in `links`.
    open_image: Option<usize>,
}

impl<'r> Links<'r> {
    pub(super) fn new(
        resolver: &'r dyn LinkResolver,
        links: &'r mut Vec<LinkFact>,
        ids: &'r mut Vec<String>,
    ) -> Self {
        Links {
            resolver,
            links,
            ids,
            raw_html: RawHtml::default(),
            open_image: None,
        }
    }

    /// Takes one event (and, for a tag over several lines of an HTML block, the lines
    /// after it from `rest`).
    pub(super) fn event<'a>(
        &mut self,
        event: &mut Event<'a>,
        range: &mut Range<usize>,
        rest: &mut Peekable<impl Iterator<Item = Spanned<'a>>>,
        problems: &mut Vec<Problem>,
    ) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                let written = mem::replace(dest_url, CowStr::Borrowed(""));
                *dest_url = self.resolve(
                    written,
                    range.start,
                    ProblemKind::BrokenLink,
                    false,
                    problems,
                );
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                self.open_image = Some(self.links.len());
                let written = mem::replace(dest_url, CowStr::Borrowed(""));
                *dest_url = self.resolve(
                    written,
                    range.start,
                    ProblemKind::MissingImage,
                    false,
                    problems,
                );
            }
            Event::End(TagEnd::Image) => self.open_image = None,
            Event::Text(text) | Event::Code(text) => {
                if let Some(image) = self.open_image.and_then(|i| self.links.get_mut(i))
                    && !text.trim().is_empty()
                {
                    image.has_alt = true;
                }
            }
            Event::Html(html) => self.html_block_line(html, range, rest, problems),
            Event::End(TagEnd::HtmlBlock) => self.raw_html.end_block(),
            Event::InlineHtml(html) => {
                let base = self.raw_html.position();
                let attributes = self.raw_html.read(html);
                // An inline tag over several lines is one event, its text the source's.
                let lines = if html.contains('\n') && html.len() == range.len() {
                    lines_of(html, range.start)
                } else {
                    vec![(0, range.start)]
                };
                self.rewrite_html(html, base, &attributes, &lines, problems);
            }
            _ => {}
        }
    }

    /// A line of an HTML block. One that ends inside a tag takes the block's next lines from
    /// `rest` until the tag ends, since a value is rewritten in the event that holds it: the
    /// event's text and `range` then cover them all.
    fn html_block_line<'a>(
        &mut self,
        html: &mut CowStr<'a>,
        range: &mut Range<usize>,
        rest: &mut Peekable<impl Iterator<Item = Spanned<'a>>>,
        problems: &mut Vec<Problem>,
    ) {
        let base = self.raw_html.position();
        let mut attributes = self.raw_html.read(html);
        if !self.raw_html.in_tag() {
            self.rewrite_html(html, base, &attributes, &[(0, range.start)], problems);
            return;
        }
        let mut lines = vec![(0, range.start)];
        let mut joined = html.to_string();
        while self.raw_html.in_tag()
            && let Some((Event::Html(line), line_range)) =
                rest.next_if(|(next, _)| matches!(next, Event::Html(_)))
        {
            lines.push((joined.len(), line_range.start));
            attributes.append(&mut self.raw_html.read(&line));
            joined.push_str(&line);
            range.end = line_range.end;
        }
        *html = CowStr::from(joined);
        self.rewrite_html(html, base, &attributes, &lines, problems);
    }

    /// Resolves the `href`s and `src`s of raw HTML that began at `base`, keeps its ids, and
    /// reports each at the line it stands on (`lines`: where each line starts in `html`,
    /// and in the body).
    fn rewrite_html(
        &mut self,
        html: &mut CowStr<'_>,
        base: usize,
        attributes: &[raw_html::Attribute],
        lines: &[(usize, usize)],
        problems: &mut Vec<Problem>,
    ) {
        if attributes.is_empty() {
            return;
        }
        raw_html::ids(html, base, attributes, self.ids);
        let written = mem::replace(html, CowStr::Borrowed(""));
        *html = raw_html::rewrite(
            written,
            base,
            attributes,
            &mut |value, kind, has_alt, at| {
                let line = lines.partition_point(|(start, _)| *start <= at).max(1) - 1;
                let offset = lines[line].1;
                let href = self.resolve(CowStr::Borrowed(value), offset, kind, has_alt, problems);
                (*href != *value).then(|| href.into_string())
            },
        );
    }

    /// The href for a destination written at `offset` (`kind` says link or image, and what
    /// a missing target is reported as).
    fn resolve<'a>(
        &mut self,
        destination: CowStr<'a>,
        offset: usize,
        kind: ProblemKind,
        has_alt: bool,
        problems: &mut Vec<Problem>,
    ) -> CowStr<'a> {
        let is_image = kind == ProblemKind::MissingImage;
        let resolved = if is_image {
            self.resolver.image(&destination)
        } else {
            self.resolver.link(&destination)
        };
        let written = destination.to_string();
        let mut missing = false;
        let href = match resolved {
            Resolved::Href(href) => CowStr::from(href),
            Resolved::Keep => destination,
            Resolved::Corrected { href, note } => {
                problems.push(Problem {
                    offset,
                    kind: ProblemKind::SitePath,
                    message: note,
                });
                CowStr::from(href)
            }
            Resolved::Missing(message) => {
                problems.push(Problem {
                    offset,
                    kind,
                    message,
                });
                missing = true;
                destination
            }
        };
        self.links.push(LinkFact {
            destination: written,
            href: href.to_string(),
            offset,
            is_image,
            has_alt,
            missing,
        });
        href
    }
}

/// Where each line of `text` starts, in it and in the body (`text` standing at `start`).
fn lines_of(text: &str, start: usize) -> Vec<(usize, usize)> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(at, _)| at + 1))
        .map(|at| (at, start + at))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Fake, events, to_html};
    use super::*;

    /// The body's HTML after this pass alone, with what it recorded.
    fn pass(body: &str) -> (String, Vec<LinkFact>, Vec<Problem>) {
        let (html, links, problems, _) = pass_with_ids(body);
        (html, links, problems)
    }

    fn pass_with_ids(body: &str) -> (String, Vec<LinkFact>, Vec<Problem>, Vec<String>) {
        let (mut links, mut problems, mut ids) = (Vec::new(), Vec::new(), Vec::new());
        let mut pass = Links::new(&Fake, &mut links, &mut ids);
        let mut rest = events(body).peekable();
        let mut out = Vec::new();
        while let Some((mut event, mut range)) = rest.next() {
            pass.event(&mut event, &mut range, &mut rest, &mut problems);
            out.push((event, range));
        }
        (to_html(out.into_iter()), links, problems, ids)
    }

    #[test]
    fn alt_text_counts_only_when_it_is_not_blank() {
        let (html, links, problems) = pass("![ ](here.png) ![`x`](here.png) [a](gone.md)\n");
        assert!(html.contains("src=\"/en/here.png\""), "{html}");
        let alt: Vec<bool> = links.iter().map(|l| l.has_alt).collect();
        assert_eq!(alt, [false, true, false]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].offset, 32);
        assert!(links[2].missing && links[2].href == "gone.md");
    }

    #[test]
    fn a_comment_spanning_html_blocks_hides_their_links() {
        let (html, links, problems) =
            pass("<!--\n\n<a href=\"gone.md\">x</a>\n\n-->\n\n<a href=\"other.md\">y</a>\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(links.len(), 1);
        assert!(html.contains("href=\"/en/other/\""), "{html}");
    }

    #[test]
    fn raw_html_reads_like_a_browser_and_keeps_its_bytes() {
        let body = "<div class=note>\n<p>Set href=\"gone.md\" on the link:\n<a href=other.md>A</a> \
                    <a href=\"other&#46;md\">B</a>\n<script>let s = '<a href=\"gone.md\">';</script>\n\
                    <style>a[href=\"gone.md\"] {}</style>\n</div>\n";
        let (html, links, problems) = pass(body);
        assert!(problems.is_empty(), "{problems:?}");
        let written: Vec<&str> = links.iter().map(|l| l.destination.as_str()).collect();
        assert_eq!(written, ["other.md", "other.md"]);
        assert_eq!(
            html,
            body.replace("href=other.md>", "href=/en/other/>")
                .replace("\"other&#46;md\"", "\"/en/other/\"")
        );
    }

    #[test]
    fn a_tag_over_several_lines_is_rewritten_and_reported_at_its_line() {
        // Inline: one event over three lines. In a block: one event per line, joined.
        let body = "Intro <img\n  class=\"wide\"\n  src=\"nope.png\" alt=\"\">\n\n\
                    <div>\n<img class=\"a\"\n src=\"here.png\"\n alt=\"Here\">\n<img\nsrc=\"no.png\">\n</div>\n";
        let (html, links, problems) = pass(body);
        let at: Vec<usize> = problems.iter().map(|p| p.offset).collect();
        assert_eq!(
            at,
            [
                body.find("  src").unwrap(),
                body.find("src=\"no.png").unwrap()
            ]
        );
        let alt: Vec<bool> = links.iter().map(|l| l.has_alt).collect();
        assert_eq!(alt, [false, true, false]);
        let (inline, block) = body.split_at(body.find("<div>").unwrap());
        let block = block.replace("\"here.png\"", "\"/en/here.png\"");
        assert_eq!(html, format!("<p>{}</p>\n{block}", inline.trim_end()));
    }

    #[test]
    fn ids_come_from_tags_not_from_comments_or_text() {
        let body = "<a id=top></a>\n\n<!-- <a id=\"old\"> -->\n\nText <span id=\"a&amp;b\">x</span> id=\"no\"\n";
        let (_, _, _, ids) = pass_with_ids(body);
        assert_eq!(ids, ["top", "a&b"]);
    }
}
