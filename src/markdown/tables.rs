//! Wide tables scroll inside a box that keyboard users can focus and scroll too.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::Spanned;

pub(super) fn scroll_boxes<'a>(
    events: impl Iterator<Item = Spanned<'a>>,
) -> impl Iterator<Item = Spanned<'a>> {
    ScrollBoxes {
        events,
        after: None,
    }
}

struct ScrollBoxes<'a, I> {
    events: I,
    /// What goes out after the event just given: the table's start after the box's.
    after: Option<Spanned<'a>>,
}

impl<'a, I: Iterator<Item = Spanned<'a>>> Iterator for ScrollBoxes<'a, I> {
    type Item = Spanned<'a>;

    #[inline]
    fn next(&mut self) -> Option<Spanned<'a>> {
        if let Some(after) = self.after.take() {
            return Some(after);
        }
        let (event, range) = self.events.next()?;
        match event {
            Event::Start(Tag::Table(_)) => {
                let open = Event::Html("<div class=\"table-scroll\" tabindex=\"0\">\n".into());
                self.after = Some((event, range.clone()));
                Some((open, range))
            }
            Event::End(TagEnd::Table) => {
                self.after = Some((Event::Html("</div>\n".into()), range.clone()));
                Some((event, range))
            }
            event => Some((event, range)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{events, to_html};
    use super::*;

    #[test]
    fn a_table_is_wrapped_in_a_focusable_box() {
        let html = to_html(scroll_boxes(events("| a |\n|---|\n| 1 |\n")));
        assert!(
            html.starts_with("<div class=\"table-scroll\" tabindex=\"0\">\n<table>"),
            "{html}"
        );
        assert!(html.ends_with("</table>\n</div>\n"), "{html}");
    }
}
