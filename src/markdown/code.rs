//! Fenced code: in a known language, highlighted at build time rather than in the reader's
//! browser (see [`crate::highlight`]); with a title (```` ```rust title="src/main.rs" ````,
//! Docusaurus's and Starlight's syntax), shown under its title.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

use crate::html::escape_text;

use super::Spanned;

/// Each fenced code block with a language or a title becomes one piece of HTML; other code
/// blocks pass through for pulldown-cmark to write.
pub(super) fn highlight<'a>(
    events: impl Iterator<Item = Spanned<'a>>,
) -> impl Iterator<Item = Spanned<'a>> {
    Highlighted { events }
}

struct Highlighted<I> {
    events: I,
}

impl<'a, I: Iterator<Item = Spanned<'a>>> Iterator for Highlighted<I> {
    type Item = Spanned<'a>;

    #[inline]
    fn next(&mut self) -> Option<Spanned<'a>> {
        let (event, range) = self.events.next()?;
        let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = &event else {
            return Some((event, range));
        };
        let fence = Fence::parse(info);
        if fence.language.is_none() && fence.title.is_none() {
            return Some((event, range));
        }
        let html = self.block(&fence);
        Some((Event::Html(html), range))
    }
}

impl<'a, I: Iterator<Item = Spanned<'a>>> Highlighted<I> {
    /// The block's code (its events up to its end) as HTML.
    #[inline(never)]
    fn block(&mut self, fence: &Fence<'_>) -> CowStr<'static> {
        let code = block_text(&mut self.events);
        let pre = match fence.language {
            Some(language) => highlighted(&code, language),
            None => format!("<pre><code>{}</code></pre>\n", escape_text(&code)),
        };
        match fence.title {
            Some(title) => format!(
                "<figure class=\"code\"><figcaption>{}</figcaption>\n{pre}</figure>\n",
                escape_text(title).replace('"', "&quot;")
            )
            .into(),
            None => pre.into(),
        }
    }
}

/// The text of a code block whose start was just taken, taking its events up to its end.
pub(super) fn block_text<'a>(events: &mut impl Iterator<Item = Spanned<'a>>) -> String {
    let mut code = String::new();
    for (event, _) in events {
        match event {
            Event::Text(text) => code.push_str(&text),
            Event::End(TagEnd::CodeBlock) => break,
            _ => {}
        }
    }
    code
}

/// What a fence's info string says.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Fence<'i> {
    /// Its first word, unless that is the title.
    pub(super) language: Option<&'i str>,
    /// `title="…"` (or `'…'`) anywhere in it.
    pub(super) title: Option<&'i str>,
}

impl<'i> Fence<'i> {
    pub(super) fn parse(info: &'i str) -> Fence<'i> {
        let language = info
            .split_whitespace()
            .next()
            .filter(|word| !word.is_empty() && !word.starts_with("title="));
        let title = info.match_indices("title=").find_map(|(at, _)| {
            let before = info[..at].chars().next_back();
            if before.is_some_and(|c| !c.is_whitespace()) {
                return None;
            }
            let value = &info[at + "title=".len()..];
            let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
            let value = &value[1..];
            value.find(quote).map(|end| &value[..end])
        });
        Fence { language, title }
    }
}

fn highlighted(code: &str, language: &str) -> String {
    let class = language.replace(
        |c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '+',
        "",
    );
    let body = crate::highlight::highlight(code, language).unwrap_or_else(|| escape_text(code));
    format!("<pre class=\"hl\"><code class=\"language-{class}\">{body}</code></pre>\n")
}

#[cfg(test)]
mod tests {
    use super::super::tests::{events, to_html};
    use super::*;

    #[test]
    fn the_language_is_the_first_word_and_its_class_is_cleaned() {
        assert_eq!(Fence::parse("rust ignore").language, Some("rust"));
        assert_eq!(Fence::parse("  ").language, None);
        let html = to_html(highlight(events("~~~ c<x>\n<b>\n~~~\n\n```\nplain\n```\n")));
        assert_eq!(
            html,
            "<pre class=\"hl\"><code class=\"language-cx\">&lt;b&gt;\n</code></pre>\n<pre><code>plain\n</code></pre>\n"
        );
    }

    #[test]
    fn a_title_is_read_from_the_info_string() {
        let parse = |info| {
            let fence = Fence::parse(info);
            (fence.language, fence.title)
        };
        assert_eq!(
            parse("rust title=\"src/main.rs\""),
            (Some("rust"), Some("src/main.rs"))
        );
        assert_eq!(parse("title='a b.txt'"), (None, Some("a b.txt")));
        assert_eq!(parse("sh subtitle=\"x\""), (Some("sh"), None));
        assert_eq!(parse("sh title=\"open"), (Some("sh"), None));
    }

    #[test]
    fn a_titled_block_is_a_figure_and_mermaid_stays_code() {
        let html = to_html(highlight(events(
            "```rust title=\"src/<main>.rs\"\nfn main() {}\n```\n\n``` title=\"notes\"\n<b>\n```\n\n```mermaid\ngraph TD; A-->B\n```\n",
        )));
        assert!(
            html.starts_with("<figure class=\"code\"><figcaption>src/&lt;main&gt;.rs</figcaption>\n<pre class=\"hl\"><code class=\"language-rust\"><span"),
            "{html}"
        );
        assert!(
            html.contains("<figure class=\"code\"><figcaption>notes</figcaption>\n<pre><code>&lt;b&gt;\n</code></pre>\n</figure>\n"),
            "{html}"
        );
        assert!(
            html.contains("<pre class=\"hl\"><code class=\"language-mermaid\">graph TD; A--&gt;B\n</code></pre>"),
            "{html}"
        );
    }
}
