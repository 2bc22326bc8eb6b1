//! Markdown → HTML with pulldown-cmark, composed of small passes over its event stream:
//! drop the heading that became the title, give headings ids and collect the table of
//! contents, rewrite links and images through a [`LinkResolver`].

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};
use serde::Serialize;

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
}

/// Turns the destinations written in one page into hrefs of the built site, and gives the
/// page's labels for GitHub alerts in its language.
pub trait LinkResolver {
    fn link(&self, destination: &str) -> Resolved;
    fn image(&self, destination: &str) -> Resolved;
    /// The label of an alert (`note`, `tip`, `important`, `warning`, `caution`).
    fn alert_label(&self, kind: &str) -> String {
        let mut label = kind.to_string();
        if let Some(first) = label.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        label
    }
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
    let mut ids = HeadingIds::default();
    let mut events: Vec<Event<'_>> = Vec::with_capacity(body.len() / 8);
    let mut parser = Parser::new_ext(body, options()).into_offset_iter();

    let mut in_code_block = false;
    let mut in_html_comment = false;
    let mut open_image: Option<usize> = None;
    while let Some((event, range)) = parser.next() {
        match &event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Start(Tag::Image { .. }) => open_image = Some(rendered.links.len()),
            Event::End(TagEnd::Image) => open_image = None,
            Event::Text(text) | Event::Code(text) => {
                if let Some(image) = open_image.and_then(|i| rendered.links.get_mut(i))
                    && !text.trim().is_empty()
                {
                    image.has_alt = true;
                }
                if !in_code_block {
                    rendered.text.push_str(text);
                }
            }
            Event::SoftBreak | Event::HardBreak => rendered.text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                rendered.text.push('\n')
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                collect_html_ids(html, &mut rendered.anchors)
            }
            _ => {}
        }
        match event {
            // Fenced code in a known language is highlighted now, not in the reader's browser.
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if !info.split_whitespace().next().unwrap_or("").is_empty() =>
            {
                let language = info.split_whitespace().next().unwrap_or("").to_string();
                let mut code = String::new();
                for (event, _) in parser.by_ref() {
                    match event {
                        Event::Text(text) => code.push_str(&text),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                in_code_block = false;
                let class = language.replace(
                    |c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '+',
                    "",
                );
                let body = crate::highlight::highlight(&code, &language)
                    .unwrap_or_else(|| escape_text(&code));
                events.push(Event::Html(
                    format!(
                        "<pre class=\"hl\"><code class=\"language-{class}\">{body}</code></pre>\n"
                    )
                    .into(),
                ));
            }
            // GitHub alerts (`> [!NOTE]`) become callouts labelled in the page's language.
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let kind = match kind {
                    BlockQuoteKind::Note => "note",
                    BlockQuoteKind::Tip => "tip",
                    BlockQuoteKind::Important => "important",
                    BlockQuoteKind::Warning => "warning",
                    BlockQuoteKind::Caution => "caution",
                };
                let label = resolver
                    .alert_label(kind)
                    .replace('&', "&amp;")
                    .replace('<', "&lt;");
                events.push(Event::Html(
                    format!("<div class=\"callout callout-{kind}\" role=\"note\" aria-label=\"{label}\">\n<p class=\"callout-label\">{label}</p>\n").into(),
                ));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => events.push(Event::Html("</div>\n".into())),
            // Wide tables scroll inside a box that keyboard users can focus and scroll too.
            Event::Start(Tag::Table(alignments)) => {
                events.push(Event::Html(
                    "<div class=\"table-scroll\" tabindex=\"0\">\n".into(),
                ));
                events.push(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                events.push(Event::End(TagEnd::Table));
                events.push(Event::Html("</div>\n".into()));
            }
            Event::Start(Tag::Heading { .. })
                if skip.as_ref().is_some_and(|s| s.start == range.start) =>
            {
                for (event, _) in parser.by_ref() {
                    if matches!(event, Event::End(TagEnd::Heading(_))) {
                        break;
                    }
                }
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let mut inner = Vec::new();
                let mut text = String::new();
                for (event, range) in parser.by_ref() {
                    match &event {
                        Event::End(TagEnd::Heading(_)) => break,
                        Event::Text(t) | Event::Code(t) => text.push_str(t),
                        _ => {}
                    }
                    inner.push(rewrite(event, range, resolver, &mut rendered, &[]));
                }
                // The page's title is its one h1 (accessibility, and what readers and search
                // engines expect), so a `# ` heading in the body is a section like `## `.
                let level = level.max(HeadingLevel::H2);
                let level_number = level as u8;
                rendered.headings.push((level_number, range.start));
                let id = ids.unique(
                    id.as_deref()
                        .map_or_else(|| crate::url::slugify(&text), str::to_string),
                );
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id.clone())),
                    classes,
                    attrs,
                }));
                events.extend(inner);
                events.push(Event::End(TagEnd::Heading(level)));
                let title = text.trim().to_string();
                rendered.sections.push(TextSection {
                    id: id.clone(),
                    title: title.clone(),
                    start: rendered.text.len(),
                });
                rendered.text.push_str(&title);
                rendered.text.push('\n');
                if !title.is_empty() {
                    add_to_toc(&mut rendered.toc, level_number, &id, title);
                }
                rendered.anchors.push(id);
            }
            // The parser splits `{{<` at the `<`, so look at the source after the braces.
            Event::Text(text) if !in_code_block && shortcode_at(body, &range, &text).is_some() => {
                let at = shortcode_at(body, &range, &text).unwrap_or(range.start);
                let line_end = body[at..].find('\n').map_or(body.len(), |i| at + i);
                let shortcode = &body[at..line_end];
                let shortcode = shortcode
                    .find("}}")
                    .map_or(shortcode, |end| &shortcode[..end + 2]);
                rendered.problems.push(Problem {
                    offset: at,
                    kind: ProblemKind::Shortcode,
                    message: format!(
                        "Hugo shortcode `{shortcode}` is not supported and is shown as text"
                    ),
                });
                events.push(Event::Text(text));
            }
            // Links in commented-out HTML are not links (pages migrated from other tools keep
            // old markup in comments); a block comment may span several events.
            Event::Html(ref html) if in_html_comment || html.contains("<!--") => {
                let (comments, still_inside) = html_comments(html, in_html_comment);
                in_html_comment = still_inside;
                events.push(rewrite(event, range, resolver, &mut rendered, &comments));
            }
            Event::InlineHtml(ref html) if html.contains("<!--") => {
                let (comments, _) = html_comments(html, false);
                events.push(rewrite(event, range, resolver, &mut rendered, &comments));
            }
            event => events.push(rewrite(event, range, resolver, &mut rendered, &[])),
        }
    }
    rendered.html.reserve(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut rendered.html, events.into_iter());
    rendered
}

fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Ids written in raw HTML (`<a id="x">`, `<div id='y'>`), which links may point at too.
fn collect_html_ids(html: &str, anchors: &mut Vec<String>) {
    anchors.extend(html_attribute_values(html, "id").map(|value| html[value].to_string()));
}

/// Where the quoted values of an attribute stand in a piece of raw HTML (`name="…"` or
/// `name='…'` after a space), in order. Enough for the links and ids of hand-written HTML;
/// not a parser.
fn html_attribute_values<'h>(
    html: &'h str,
    name: &'static str,
) -> impl Iterator<Item = Range<usize>> + 'h {
    html.match_indices(name).filter_map(move |(at, _)| {
        let before = html[..at].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            return None;
        }
        let after = html[at + name.len()..].trim_start();
        let value = after.strip_prefix('=')?.trim_start();
        let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let start = html.len() - value.len() + 1;
        let end = start + html[start..].find(quote)?;
        Some(start..end)
    })
}

/// Raw HTML with its `href`s and `src`s resolved like Markdown links and images, so a
/// root-relative `<a href="/en/ops/">` follows the base URL and a missing `<img src>` is
/// reported. An `<img>` counts as having alt text when its tag has a non-empty `alt`.
fn rewrite_html<'a>(
    html: CowStr<'a>,
    comments: &[Range<usize>],
    resolve: &mut dyn FnMut(CowStr<'a>, ProblemKind, bool) -> CowStr<'a>,
) -> CowStr<'a> {
    let mut values: Vec<(Range<usize>, ProblemKind)> = html_attribute_values(&html, "href")
        .map(|r| (r, ProblemKind::BrokenLink))
        .chain(html_attribute_values(&html, "src").map(|r| (r, ProblemKind::MissingImage)))
        .filter(|(value, _)| !comments.iter().any(|c| c.contains(&value.start)))
        .collect();
    if values.is_empty() {
        return html;
    }
    values.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(html.len() + 16);
    let mut copied = 0;
    for (range, kind) in values {
        out.push_str(&html[copied..range.start]);
        let has_alt = kind == ProblemKind::MissingImage && {
            let tag_start = html[..range.start].rfind('<').unwrap_or(0);
            let tag_end = html[range.end..]
                .find('>')
                .map_or(html.len(), |i| range.end + i);
            let tag = &html[tag_start..tag_end];
            html_attribute_values(tag, "alt").any(|alt| !tag[alt].trim().is_empty())
        };
        let destination = CowStr::from(html[range.clone()].to_string());
        out.push_str(&resolve(destination, kind, has_alt));
        copied = range.end;
    }
    out.push_str(&html[copied..]);
    CowStr::from(out)
}

/// The byte ranges of HTML comments in a piece of raw HTML that may begin inside one, and
/// whether it ends inside one.
fn html_comments(html: &str, starts_inside: bool) -> (Vec<Range<usize>>, bool) {
    let mut comments = Vec::new();
    let mut open = starts_inside.then_some(0);
    let mut at = 0;
    loop {
        match open {
            Some(start) => match html[at..].find("-->") {
                Some(i) => {
                    at += i + 3;
                    comments.push(start..at);
                    open = None;
                }
                None => {
                    comments.push(start..html.len());
                    return (comments, true);
                }
            },
            None => match html[at..].find("<!--") {
                Some(i) => {
                    open = Some(at + i);
                    at += i + 4;
                }
                None => return (comments, false),
            },
        }
    }
}

/// Byte offset in `body` of a Hugo shortcode (`{{<` or `{{%`) starting in this text event.
fn shortcode_at(body: &str, range: &Range<usize>, text: &str) -> Option<usize> {
    let in_source = body.get(range.clone())?;
    if !text.contains("{{") || in_source != text {
        return None;
    }
    text.match_indices("{{")
        .map(|(i, _)| range.start + i)
        .find(|&at| body[at..].starts_with("{{<") || body[at..].starts_with("{{%"))
}

/// Links and images resolved (`comments`: byte ranges of raw HTML to leave alone).
fn rewrite<'a>(
    event: Event<'a>,
    range: Range<usize>,
    resolver: &dyn LinkResolver,
    rendered: &mut Rendered,
    comments: &[Range<usize>],
) -> Event<'a> {
    let mut resolve = |destination: CowStr<'a>, kind: ProblemKind, has_alt: bool| {
        let is_image = kind == ProblemKind::MissingImage;
        let resolved = if is_image {
            resolver.image(&destination)
        } else {
            resolver.link(&destination)
        };
        let mut fact = LinkFact {
            destination: destination.to_string(),
            href: String::new(),
            offset: range.start,
            is_image,
            has_alt,
            missing: false,
        };
        let href = match resolved {
            Resolved::Href(href) => CowStr::from(href),
            Resolved::Keep => destination,
            Resolved::Missing(message) => {
                rendered.problems.push(Problem {
                    offset: range.start,
                    kind,
                    message,
                });
                fact.missing = true;
                destination
            }
        };
        fact.href = href.to_string();
        rendered.links.push(fact);
        href
    };
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: resolve(dest_url, ProblemKind::BrokenLink, false),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: resolve(dest_url, ProblemKind::MissingImage, false),
            title,
            id,
        }),
        Event::Html(html) => Event::Html(rewrite_html(html, comments, &mut resolve)),
        Event::InlineHtml(html) => Event::InlineHtml(rewrite_html(html, comments, &mut resolve)),
        event => event,
    }
}

/// Ids unique within a page: a repeated heading gets `-1`, `-2`…; one without letters gets
/// `section`.
struct HeadingIds {
    seen: HashMap<String, usize>,
}

/// Ids the default theme's templates give their own elements: a heading must not take them
/// (a second `id="main"` would break the skip link).
pub const THEME_IDS: &[&str] = &[
    "main",
    "site-nav",
    "search-input",
    "search-results",
    "handbok-toc-title",
    "handbok-error-overlay",
];

impl Default for HeadingIds {
    fn default() -> HeadingIds {
        HeadingIds {
            seen: THEME_IDS.iter().map(|id| (id.to_string(), 0)).collect(),
        }
    }
}

impl HeadingIds {
    fn unique(&mut self, wanted: String) -> String {
        let base = if wanted.is_empty() {
            "section".to_string()
        } else {
            wanted
        };
        let mut candidate = base.clone();
        while let Some(count) = self.seen.get_mut(&candidate) {
            *count += 1;
            candidate = format!("{base}-{count}");
        }
        self.seen.insert(candidate.clone(), 0);
        candidate
    }
}

fn add_to_toc(toc: &mut Vec<TocEntry>, level: u8, id: &str, title: String) {
    let entry = TocEntry {
        level,
        id: id.to_string(),
        title,
        children: Vec::new(),
    };
    match level {
        2 => toc.push(entry),
        3 => match toc.last_mut() {
            Some(parent) => parent.children.push(entry),
            None => toc.push(entry),
        },
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake;
    impl LinkResolver for Fake {
        fn link(&self, destination: &str) -> Resolved {
            match destination {
                "other.md" => Resolved::Href("/en/other/".into()),
                "gone.md" => Resolved::Missing("content/en/gone.md".into()),
                _ => Resolved::Keep,
            }
        }
        fn image(&self, destination: &str) -> Resolved {
            match destination {
                "here.png" => Resolved::Href("/en/here.png".into()),
                _ => Resolved::Missing(destination.into()),
            }
        }
    }

    #[test]
    fn headings_get_readable_unique_ids_and_toc() {
        let r = render(
            "## Overvåking og varsler\n\n### Detaljer\n\n## Overvåking og varsler\n\n## \n\n## !!\n",
            None,
            &Fake,
        );
        assert!(
            r.html
                .contains("<h2 id=\"overvåking-og-varsler\">Overvåking og varsler</h2>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h2 id=\"overvåking-og-varsler-1\">"));
        assert_eq!(
            r.anchors,
            [
                "overvåking-og-varsler",
                "detaljer",
                "overvåking-og-varsler-1",
                "section",
                "section-1"
            ]
        );
        assert_eq!(r.toc.len(), 3);
        assert_eq!(r.toc[0].children[0].id, "detaljer");
        assert_eq!(r.toc[2].title, "!!");
    }

    #[test]
    fn explicit_ids_are_kept_and_title_heading_skipped() {
        let body = "# Title\n\nText\n\n## Custom {#my-id}\n";
        let r = render(body, Some(0..8), &Fake);
        assert!(!r.html.contains("<h1"), "{}", r.html);
        assert!(
            r.html.contains("<h2 id=\"my-id\">Custom</h2>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn body_h1_is_a_section_and_theme_ids_stay_free() {
        let r = render("# Intro\n\n## Main\n\n### Site nav\n", None, &Fake);
        assert!(
            !r.html.contains("<h1"),
            "the title is the page's one h1: {}",
            r.html
        );
        assert!(r.html.contains("<h2 id=\"intro\">Intro</h2>"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"main-1\">Main</h2>"), "{}", r.html);
        assert!(r.html.contains("<h3 id=\"site-nav-1\">"), "{}", r.html);
        assert_eq!(r.toc[0].id, "intro");
    }

    #[test]
    fn raw_html_links_resolve_but_not_in_comments() {
        let r = render(
            "<p><a href=\"other.md\">a</a></p>\n\n<!--\n<img src=\"nope.png\">\n-->\n\nText <!-- <a href=\"gone.md\">x</a> --> and <img src=\"nope.png\" alt=\"No\">\n",
            None,
            &Fake,
        );
        assert!(
            r.html.contains("<a href=\"/en/other/\">a</a>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<img src=\"nope.png\">\n-->"), "{}", r.html);
        let problems: Vec<ProblemKind> = r.problems.iter().map(|p| p.kind).collect();
        assert_eq!(
            problems,
            [ProblemKind::MissingImage],
            "only the image outside comments"
        );
        assert!(r.links.iter().any(|l| l.is_image && l.has_alt));
    }

    #[test]
    fn links_and_images_are_rewritten_or_reported() {
        let r = render(
            "[a](other.md) [b](gone.md) [c](https://x.org)\n\n![pic](here.png)\n![no](nope.png)\n",
            None,
            &Fake,
        );
        assert!(r.html.contains("href=\"/en/other/\""));
        assert!(r.html.contains("href=\"https://x.org\""));
        assert!(r.html.contains("src=\"/en/here.png\""));
        assert_eq!(r.problems.len(), 2);
        assert_eq!(r.problems[0].kind, ProblemKind::BrokenLink);
        assert_eq!(r.problems[1].kind, ProblemKind::MissingImage);
        assert_eq!(r.problems[1].offset, 64);
    }

    #[test]
    fn facts_for_the_checker() {
        let r = render(
            "# T\n\n## A\n\n#### C\n\n[x](other.md) ![](here.png) ![Alt](here.png)\n\n<a id=\"raw-id\"></a>\n",
            Some(0..4),
            &Fake,
        );
        assert_eq!(r.headings.iter().map(|h| h.0).collect::<Vec<_>>(), [2, 4]);
        assert_eq!(r.links.len(), 3);
        assert_eq!(r.links[0].href, "/en/other/");
        assert!(!r.links[1].has_alt && r.links[2].has_alt);
        assert!(r.anchors.contains(&"raw-id".to_string()), "{:?}", r.anchors);
    }

    #[test]
    fn fenced_code_is_highlighted_and_unknown_languages_escaped() {
        let r = render(
            "```yaml\nreplicas: 3\n```\n\n```nosuch\n<b>&\n```\n\n    indented <i>\n",
            None,
            &Fake,
        );
        assert!(
            r.html
                .contains("<pre class=\"hl\"><code class=\"language-yaml\"><span class=\"hl-"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("<code class=\"language-nosuch\">&lt;b&gt;&amp;\n</code>"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("<pre><code>indented &lt;i&gt;\n</code></pre>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn github_alerts_become_labelled_callouts() {
        let r = render(
            "> [!WARNING]\n> Back up first.\n\n> plain quote\n",
            None,
            &Fake,
        );
        assert!(
            r.html.contains(
                "<div class=\"callout callout-warning\" role=\"note\" aria-label=\"Warning\">"
            ),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("<p class=\"callout-label\">Warning</p>\n<p>Back up first.</p>\n</div>"),
            "{}",
            r.html
        );
        assert!(
            r.html
                .contains("<blockquote>\n<p>plain quote</p>\n</blockquote>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn hugo_shortcodes_are_reported_not_hidden() {
        let r = render(
            "Intro\n\n{{< figure src=\"a.png\" >}}\n\n`{{< in code >}}`\n\n```\n{{< fenced >}}\n```\n",
            None,
            &Fake,
        );
        assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
        assert_eq!(r.problems[0].kind, ProblemKind::Shortcode);
        assert_eq!(r.problems[0].offset, 7);
        assert!(
            r.problems[0]
                .message
                .contains("{{< figure src=\"a.png\" >}}"),
            "{}",
            r.problems[0].message
        );
    }

    #[test]
    fn hostile_markdown_does_not_panic() {
        let inputs = [
            "",
            "#",
            "# ",
            "[",
            "![",
            "[a](",
            "[a](<>)",
            "![](/)",
            "[x](../../../../etc/passwd.md)",
            "| a |\n|",
            "[^x]",
            "\u{0}",
            "<script>",
            "```\n",
            "# \u{feff}",
            "[a](%ZZ.md)",
            "[a](%C3.md)",
        ];
        for input in inputs {
            let _ = render(input, None, &Fake);
            let _ = render(input, Some(0..input.len()), &Fake);
        }
    }

    #[test]
    fn tables_footnotes_tasks_and_strikethrough() {
        let r = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ note[^1]\n\n[^1]: foot\n",
            None,
            &Fake,
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("checkbox"));
        assert!(r.html.contains("<del>old</del>"));
        assert!(r.html.contains("footnote"));
    }
}
