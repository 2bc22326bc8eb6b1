//! The page as plain text for search: paragraphs, list items and table cells a line each,
//! code left out, and where each heading's part begins.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::TextSection;

/// Collects the text of each event. Headings must already have their ids.
pub(super) struct SearchText<'t> {
    text: &'t mut String,
    sections: &'t mut Vec<TextSection>,
    in_code_block: bool,
    /// The id of the heading being read, whose text is gathered in `heading_text`.
    heading: Option<String>,
    heading_text: String,
}

impl<'t> SearchText<'t> {
    pub(super) fn new(text: &'t mut String, sections: &'t mut Vec<TextSection>) -> Self {
        SearchText {
            text,
            sections,
            in_code_block: false,
            heading: None,
            heading_text: String::new(),
        }
    }

    #[inline]
    pub(super) fn event(&mut self, event: &Event<'_>) {
        if self.heading.is_some() {
            match event {
                Event::Text(t) | Event::Code(t) => self.heading_text.push_str(t),
                Event::End(TagEnd::Heading(_)) => self.end_heading(),
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                self.heading = Some(id.as_deref().unwrap_or_default().to_string());
            }
            Event::Start(Tag::CodeBlock(_)) => self.in_code_block = true,
            Event::End(TagEnd::CodeBlock) => self.in_code_block = false,
            Event::Text(text) | Event::Code(text) if !self.in_code_block => {
                self.text.push_str(text)
            }
            Event::SoftBreak | Event::HardBreak => self.text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                self.text.push('\n')
            }
            _ => {}
        }
    }

    /// A heading is a line of the text, where its section begins.
    fn end_heading(&mut self) {
        let title = self.heading_text.trim();
        self.sections.push(TextSection {
            id: self.heading.take().unwrap_or_default(),
            title: title.to_string(),
            start: self.text.len(),
        });
        self.text.push_str(title);
        self.text.push('\n');
        self.heading_text.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::events;
    use super::*;

    #[test]
    fn text_by_lines_without_code_and_with_sections() {
        let (mut text, mut sections) = (String::new(), Vec::new());
        let body = "Intro *a*\nb\n\n## <b>Head</b> `x`\n\n```\ncode\n```\n\n- one\n";
        let mut events: Vec<_> = events(body).collect();
        // What the headings pass does before this one.
        for (event, _) in &mut events {
            if let Event::Start(Tag::Heading { id, .. }) = event {
                *id = Some("head-x".into());
            }
        }
        let mut pass = SearchText::new(&mut text, &mut sections);
        for (event, _) in &events {
            pass.event(event);
        }
        assert_eq!(text, "Intro a b\nHead x\none\n");
        assert_eq!(
            sections,
            [TextSection {
                id: "head-x".into(),
                title: "Head x".into(),
                start: 10
            }]
        );
    }
}
