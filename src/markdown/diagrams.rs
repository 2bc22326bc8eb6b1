//! A ```` ```mermaid ```` fence becomes its diagram, drawn at build time (see
//! [`crate::diagram`]): an image with its name, in a figure with the source below it in a
//! `<details>` (for screen readers, copy and paste, and what a drawing leaves out). A
//! diagram that does not parse is a problem at its fence, and stays code.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag};

use super::code::{Fence, block_text};
use super::{LinkResolver, Problem, ProblemKind, Spanned};
use crate::html::escape_text;

/// Each mermaid fence becomes its figure; what does not parse goes to `problems`.
pub(super) fn draw<'a, 'r>(
    events: impl Iterator<Item = Spanned<'a>>,
    resolver: &'r dyn LinkResolver,
    problems: &'r mut Vec<Problem>,
) -> impl Iterator<Item = Spanned<'a>> {
    Drawn {
        events,
        resolver,
        problems,
        count: 0,
    }
}

struct Drawn<'r, I> {
    events: I,
    resolver: &'r dyn LinkResolver,
    problems: &'r mut Vec<Problem>,
    /// Diagrams so far on the page, for ids of their own.
    count: usize,
}

impl<'a, I: Iterator<Item = Spanned<'a>>> Iterator for Drawn<'_, I> {
    type Item = Spanned<'a>;

    #[inline]
    fn next(&mut self) -> Option<Spanned<'a>> {
        let (event, range) = self.events.next()?;
        match &event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if Fence::parse(info).language == Some("mermaid") =>
            {
                Some((Event::Html(self.figure(&range)), range))
            }
            _ => Some((event, range)),
        }
    }
}

impl<'a, I: Iterator<Item = Spanned<'a>>> Drawn<'_, I> {
    /// The diagram whose fence starts at `fence`, as HTML.
    #[inline(never)]
    fn figure(&mut self, fence: &Range<usize>) -> CowStr<'static> {
        let source = block_text(&mut self.events);
        let code = format!(
            "<pre><code class=\"language-mermaid\">{}</code></pre>\n",
            escape_text(&source)
        );
        match &*self.resolver.diagram(&source) {
            Ok(svg) => {
                self.count += 1;
                format!(
                    "<figure class=\"diagram\">\n{}\n<details class=\"diagram-source\"><summary>{}</summary>\n{code}</details>\n</figure>\n",
                    svg.with_id_prefix(&format!("diagram-{}-", self.count)),
                    escape_text(&self.resolver.ui_word("diagram_source")),
                )
                .into()
            }
            Err(error) => {
                let at = error
                    .line
                    .map(|line| format!(" (its line {line})"))
                    .unwrap_or_default();
                self.problems.push(Problem {
                    offset: fence.start,
                    kind: ProblemKind::Diagram,
                    message: format!("mermaid diagram does not parse{at}: {}", error.message),
                });
                code.into()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Fake, events, to_html};
    use super::*;

    #[test]
    fn a_mermaid_fence_is_a_figure_with_its_source_and_other_code_stays() {
        let mut problems = Vec::new();
        let html = to_html(draw(
            events("```mermaid\nflowchart LR\n  A[a & b] --> B\n```\n\n```rust\nfn x() {}\n```\n"),
            &Fake,
            &mut problems,
        ));
        assert!(
            html.starts_with("<figure class=\"diagram\">\n<svg role=\"img\""),
            "{html}"
        );
        assert!(
            html.contains(
                "<details class=\"diagram-source\"><summary>Diagram_source</summary>\n<pre><code class=\"language-mermaid\">flowchart LR\n  A[a &amp; b] --&gt; B\n</code></pre>\n</details>\n</figure>\n"
            ),
            "{html}"
        );
        assert!(html.contains("id=\"diagram-1-"), "{html}");
        assert!(html.contains("<code class=\"language-rust\">"), "{html}");
        assert!(problems.is_empty());
    }

    #[test]
    fn a_diagram_that_does_not_parse_is_a_problem_at_its_fence_and_stays_code() {
        let mut problems = Vec::new();
        let body = "Intro.\n\n~~~mermaid\nflowchart TD\n  A[Start --> B\n~~~\n";
        let html = to_html(draw(events(body), &Fake, &mut problems));
        assert!(html.contains("<pre><code class=\"language-mermaid\">flowchart TD"));
        assert!(!html.contains("<svg"));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].offset, body.find("~~~").unwrap());
        assert_eq!(problems[0].kind, ProblemKind::Diagram);
        assert!(
            problems[0]
                .message
                .starts_with("mermaid diagram does not parse (its line 2): "),
            "{}",
            problems[0].message
        );
    }
}
