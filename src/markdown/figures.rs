//! Figures: a paragraph holding only an image with a title (`![alt](src "Caption")`) becomes
//! a `<figure>` with the title as its caption. An image with a title among other text stays
//! an `<img title=…>`.

use std::collections::VecDeque;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::html::escape_attribute;

use super::Spanned;

pub(super) fn captions<'a>(
    events: impl Iterator<Item = Spanned<'a>>,
) -> impl Iterator<Item = Spanned<'a>> {
    Figures {
        events,
        held: VecDeque::new(),
    }
}

struct Figures<'a, I> {
    events: I,
    /// Events read ahead of a paragraph's start, to see whether it is a figure.
    held: VecDeque<Spanned<'a>>,
}

impl<'a, I: Iterator<Item = Spanned<'a>>> Iterator for Figures<'a, I> {
    type Item = Spanned<'a>;

    #[inline]
    fn next(&mut self) -> Option<Spanned<'a>> {
        if let Some(held) = self.held.pop_front() {
            return Some(held);
        }
        let item = self.events.next()?;
        if matches!(item.0, Event::Start(Tag::Paragraph)) {
            return Some(self.paragraph(item));
        }
        Some(item)
    }
}

impl<'a, I: Iterator<Item = Spanned<'a>>> Figures<'a, I> {
    /// What a paragraph starts with: `<figure>` when it is one, the paragraph's start if not.
    #[inline(never)]
    fn paragraph(&mut self, start: Spanned<'a>) -> Spanned<'a> {
        let Some(first) = self.events.next() else {
            return start;
        };
        let titled =
            matches!(&first.0, Event::Start(Tag::Image { title, .. }) if !title.is_empty());
        self.held.push_back(first);
        if !titled {
            return start;
        }
        // The image's own events (its alt text) up to its end.
        let mut depth = 1;
        while depth > 0 {
            let Some(event) = self.events.next() else {
                return start;
            };
            match event.0 {
                Event::Start(Tag::Image { .. }) => depth += 1,
                Event::End(TagEnd::Image) => depth -= 1,
                _ => {}
            }
            self.held.push_back(event);
        }
        match self.events.next() {
            Some((Event::End(TagEnd::Paragraph), range)) => {
                let caption = match self.held.front_mut() {
                    Some((Event::Start(Tag::Image { title, .. }), _)) => {
                        // The caption says it; a tooltip would say it again.
                        escape_attribute(&std::mem::replace(title, CowStr::Borrowed("")))
                    }
                    _ => String::new(),
                };
                let close = format!("\n<figcaption>{caption}</figcaption>\n</figure>\n");
                self.held.push_back((Event::Html(close.into()), range));
                (Event::Html("<figure>\n".into()), start.1)
            }
            Some(other) => {
                self.held.push_back(other);
                start
            }
            None => start,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{events, to_html};
    use super::*;

    #[test]
    fn a_lone_titled_image_is_a_figure() {
        let html = to_html(captions(events("![A <b>](a.png \"Fig & cap\")\n")));
        assert_eq!(
            html,
            "<figure>\n<img src=\"a.png\" alt=\"A &lt;b&gt;\" />\n<figcaption>Fig &amp; cap</figcaption>\n</figure>\n"
        );
    }

    #[test]
    fn other_images_stay_in_their_paragraph() {
        for body in [
            "![a](a.png)\n",
            "See ![a](a.png \"T\")\n",
            "![a](a.png \"T\") and text\n",
            "![a](a.png \"T\")\n![b](b.png \"U\")\n",
        ] {
            let html = to_html(captions(events(body)));
            assert!(
                html.starts_with("<p>") && !html.contains("figure"),
                "{body}: {html}"
            );
        }
        let html = to_html(captions(events("Text ![a](a.png \"T\")\n")));
        assert!(html.contains("title=\"T\""), "{html}");
    }
}
