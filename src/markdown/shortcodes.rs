//! Hugo shortcodes (`{{< … >}}`, `{{% … %}}`) left in a page migrated from Hugo: shown as the
//! text they are, and reported so the author writes what they stood for.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{Problem, ProblemKind};

/// Reports the shortcodes in the text of each event (not in code).
pub(super) struct Shortcodes<'b> {
    body: &'b str,
    in_code_block: bool,
}

impl<'b> Shortcodes<'b> {
    pub(super) fn new(body: &'b str) -> Self {
        Shortcodes {
            body,
            in_code_block: false,
        }
    }

    #[inline]
    pub(super) fn event(
        &mut self,
        event: &Event<'_>,
        range: &Range<usize>,
        problems: &mut Vec<Problem>,
    ) {
        match event {
            Event::Start(Tag::CodeBlock(_)) => self.in_code_block = true,
            Event::End(TagEnd::CodeBlock) => self.in_code_block = false,
            Event::Text(text) if !self.in_code_block => {
                if let Some(at) = shortcode_at(self.body, range, text) {
                    problems.push(problem(self.body, at));
                }
            }
            _ => {}
        }
    }
}

/// Byte offset in `body` of a Hugo shortcode (`{{<` or `{{%`) starting in this text event.
/// The parser splits `{{<` at the `<`, so look at the source after the braces.
fn shortcode_at(body: &str, range: &Range<usize>, text: &str) -> Option<usize> {
    let in_source = body.get(range.clone())?;
    if !text.contains("{{") || in_source != text {
        return None;
    }
    text.match_indices("{{")
        .map(|(i, _)| range.start + i)
        .find(|&at| body[at..].starts_with("{{<") || body[at..].starts_with("{{%"))
}

fn problem(body: &str, at: usize) -> Problem {
    let line_end = body[at..].find('\n').map_or(body.len(), |i| at + i);
    let shortcode = &body[at..line_end];
    let shortcode = shortcode
        .find("}}")
        .map_or(shortcode, |end| &shortcode[..end + 2]);
    Problem {
        offset: at,
        kind: ProblemKind::Shortcode,
        message: format!("Hugo shortcode `{shortcode}` is not supported and is shown as text"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::through;
    use super::*;

    #[test]
    fn a_shortcode_is_reported_at_its_braces_and_kept_as_text() {
        let body = "See {{% note %}} here\n\n    {{< indented >}}\n";
        let (mut pass, mut problems) = (Shortcodes::new(body), Vec::new());
        let html = through(body, |event, range| pass.event(event, range, &mut problems));
        assert!(html.contains("{{% note %}}"), "{html}");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].offset, 4);
        assert!(problems[0].message.contains("`{{% note %}}`"));
    }
}
