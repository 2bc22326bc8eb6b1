//! Fenced code in a known language, highlighted at build time rather than in the reader's
//! browser (see [`crate::highlight`]).

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

use super::Spanned;

/// Each fenced code block with a language becomes one piece of HTML; other code blocks pass
/// through for pulldown-cmark to write.
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
        let Some(language) = language(info) else {
            return Some((event, range));
        };
        let html = self.highlighted(language);
        Some((Event::Html(html), range))
    }
}

impl<'a, I: Iterator<Item = Spanned<'a>>> Highlighted<I> {
    /// The block's code (its events up to its end), highlighted.
    #[inline(never)]
    fn highlighted(&mut self, language: &str) -> CowStr<'static> {
        let mut code = String::new();
        for (event, _) in self.events.by_ref() {
            match event {
                Event::Text(text) => code.push_str(&text),
                Event::End(TagEnd::CodeBlock) => break,
                _ => {}
            }
        }
        block(&code, language)
    }
}

/// The language of a fence's info string (its first word), if it has one.
fn language(info: &str) -> Option<&str> {
    info.split_whitespace()
        .next()
        .filter(|word| !word.is_empty())
}

fn block(code: &str, language: &str) -> CowStr<'static> {
    let class = language.replace(
        |c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '+',
        "",
    );
    let body = crate::highlight::highlight(code, language).unwrap_or_else(|| escape_text(code));
    format!("<pre class=\"hl\"><code class=\"language-{class}\">{body}</code></pre>\n").into()
}

fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::super::tests::{events, to_html};
    use super::*;

    #[test]
    fn the_language_is_the_first_word_and_its_class_is_cleaned() {
        assert_eq!(language("rust ignore"), Some("rust"));
        assert_eq!(language("  "), None);
        let html = to_html(highlight(events("~~~ c<x>\n<b>\n~~~\n\n```\nplain\n```\n")));
        assert_eq!(
            html,
            "<pre class=\"hl\"><code class=\"language-cx\">&lt;b&gt;\n</code></pre>\n<pre><code>plain\n</code></pre>\n"
        );
    }
}
