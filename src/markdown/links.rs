//! Links and images, in Markdown and in raw HTML: destinations resolved through the page's
//! [`LinkResolver`], each recorded as a [`LinkFact`], missing targets reported.

use std::mem;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::{LinkFact, LinkResolver, Problem, ProblemKind, Resolved, raw_html};

/// Resolves the links and images of each event, recording them in `links`.
pub(super) struct Links<'r> {
    resolver: &'r dyn LinkResolver,
    links: &'r mut Vec<LinkFact>,
    /// A block of raw HTML opened a comment that a later block closes.
    in_html_comment: bool,
    /// The image whose alt text is passing, by index in `links`.
    open_image: Option<usize>,
}

impl<'r> Links<'r> {
    pub(super) fn new(resolver: &'r dyn LinkResolver, links: &'r mut Vec<LinkFact>) -> Self {
        Links {
            resolver,
            links,
            in_html_comment: false,
            open_image: None,
        }
    }

    pub(super) fn event<'a>(
        &mut self,
        event: &mut Event<'a>,
        range: &Range<usize>,
        problems: &mut Vec<Problem>,
    ) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                let written = mem::replace(dest_url, CowStr::Borrowed(""));
                *dest_url = self.resolve(written, range, ProblemKind::BrokenLink, false, problems);
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                self.open_image = Some(self.links.len());
                let written = mem::replace(dest_url, CowStr::Borrowed(""));
                *dest_url =
                    self.resolve(written, range, ProblemKind::MissingImage, false, problems);
            }
            Event::End(TagEnd::Image) => self.open_image = None,
            Event::Text(text) | Event::Code(text) => {
                if let Some(image) = self.open_image.and_then(|i| self.links.get_mut(i))
                    && !text.trim().is_empty()
                {
                    image.has_alt = true;
                }
            }
            // Links in commented-out HTML are not links (pages migrated from other tools keep
            // old markup in comments); a block comment may span several events.
            Event::Html(html) => {
                let (comments, still_inside) = if self.in_html_comment || html.contains("<!--") {
                    raw_html::comments(html, self.in_html_comment)
                } else {
                    (Vec::new(), false)
                };
                self.in_html_comment = still_inside;
                self.rewrite_html(html, range, &comments, problems);
            }
            Event::InlineHtml(html) => {
                let comments = if html.contains("<!--") {
                    raw_html::comments(html, false).0
                } else {
                    Vec::new()
                };
                self.rewrite_html(html, range, &comments, problems);
            }
            _ => {}
        }
    }

    fn rewrite_html<'a>(
        &mut self,
        html: &mut CowStr<'a>,
        range: &Range<usize>,
        comments: &[Range<usize>],
        problems: &mut Vec<Problem>,
    ) {
        let written = mem::replace(html, CowStr::Borrowed(""));
        *html = raw_html::rewrite(written, comments, &mut |destination, kind, has_alt| {
            self.resolve(destination, range, kind, has_alt, problems)
        });
    }

    /// The href for a destination written at `range` (`kind` says link or image, and what
    /// a missing target is reported as).
    fn resolve<'a>(
        &mut self,
        destination: CowStr<'a>,
        range: &Range<usize>,
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
                    offset: range.start,
                    kind: ProblemKind::SitePath,
                    message: note,
                });
                CowStr::from(href)
            }
            Resolved::Missing(message) => {
                problems.push(Problem {
                    offset: range.start,
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
            offset: range.start,
            is_image,
            has_alt,
            missing,
        });
        href
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Fake, through};
    use super::*;

    /// The body's HTML after this pass alone, with what it recorded.
    fn pass(body: &str) -> (String, Vec<LinkFact>, Vec<Problem>) {
        let (mut links, mut problems) = (Vec::new(), Vec::new());
        let mut pass = Links::new(&Fake, &mut links);
        let html = through(body, |event, range| pass.event(event, range, &mut problems));
        (html, links, problems)
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
}
