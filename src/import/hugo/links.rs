//! Link and image destinations of a Markdown body rewritten in place: inline links and
//! images, reference definitions, and `href`/`src` of raw HTML (outside comments). Only the
//! destinations change; every other byte of the body stays as written.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};

use super::site_index::Resolution;

/// The Markdown handbok reads (as its renderer sets pulldown-cmark up).
pub const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_HEADING_ATTRIBUTES)
    .union(Options::ENABLE_GFM);

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Rewritten {
    pub text: String,
    pub links: usize,
    pub images: usize,
    /// Byte offset in the body and the destination of each path that points at nothing.
    pub missing: Vec<(usize, String)>,
}

/// What a destination is: a link, or an image (`![…](…)`, `<img src>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Link,
    Image,
}

pub fn rewrite(body: &str, mut resolve: impl FnMut(&str, Kind) -> Resolution) -> Rewritten {
    let parser = Parser::new_ext(body, OPTIONS).into_offset_iter();
    let mut found: Vec<(Range<usize>, Kind)> = Vec::new();
    let mut definitions: Vec<(Range<usize>, String)> = parser
        .reference_definitions()
        .iter()
        .map(|(_, def)| (def.span.clone(), def.dest.to_string()))
        .collect();
    definitions.sort_by_key(|(span, _)| span.start);
    for (span, dest) in &definitions {
        if let Some(range) = definition_destination(body, span, dest) {
            found.push((range, kind_of(dest)));
        }
    }
    let mut in_comment = false;
    for (event, range) in parser {
        match event {
            Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url,
                ..
            }) => {
                if let Some(at) = inline_destination(body, &range, &dest_url) {
                    found.push((at, Kind::Link));
                }
            }
            Event::Start(Tag::Image {
                link_type: LinkType::Inline,
                dest_url,
                ..
            }) => {
                if let Some(at) = inline_destination(body, &range, &dest_url) {
                    found.push((at, Kind::Image));
                }
            }
            Event::Html(html) | Event::InlineHtml(html)
                if body.get(range.clone()) == Some(&*html) =>
            {
                found.extend(html_attributes(&html, range.start, &mut in_comment));
            }
            _ => {}
        }
    }
    found.sort_by_key(|(range, _)| range.start);
    found.dedup_by_key(|(range, _)| range.start);

    let mut rewritten = Rewritten::default();
    let mut text = String::with_capacity(body.len() + 64);
    let mut copied_to = 0;
    for (range, kind) in found {
        if range.start < copied_to {
            continue;
        }
        let destination = &body[range.clone()];
        match resolve(destination, kind) {
            Resolution::Rewrite(new) => {
                text.push_str(&body[copied_to..range.start]);
                text.push_str(&new);
                copied_to = range.end;
                match kind {
                    Kind::Link => rewritten.links += 1,
                    Kind::Image => rewritten.images += 1,
                }
            }
            Resolution::Keep => {}
            Resolution::Missing => rewritten
                .missing
                .push((range.start, destination.to_string())),
        }
    }
    text.push_str(&body[copied_to..]);
    rewritten.text = text;
    rewritten
}

fn kind_of(destination: &str) -> Kind {
    let path = destination
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_lowercase();
    let images = [
        ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp", ".ico",
    ];
    if images.iter().any(|e| path.ends_with(e)) {
        Kind::Image
    } else {
        Kind::Link
    }
}

/// Where the destination of `[text](dest "title")` is written: after the `](` whose text
/// is followed by the destination (an image inside a link has its own `](` first).
fn inline_destination(body: &str, range: &Range<usize>, dest: &str) -> Option<Range<usize>> {
    if dest.is_empty() {
        return None;
    }
    let source = body.get(range.clone())?;
    for (at, _) in source.match_indices("](") {
        let mut start = at + 2;
        start += source[start..].len() - source[start..].trim_start().len();
        if source[start..].starts_with('<') {
            start += 1;
        }
        if source[start..].starts_with(dest) {
            let start = range.start + start;
            return Some(start..start + dest.len());
        }
    }
    None
}

/// Where the destination of `[label]: dest "title"` is written.
fn definition_destination(body: &str, span: &Range<usize>, dest: &str) -> Option<Range<usize>> {
    if dest.is_empty() {
        return None;
    }
    let source = body.get(span.clone())?;
    let colon = source.find("]:")? + 2;
    let offset = source[colon..].find(dest)? + colon;
    let start = span.start + offset;
    Some(start..start + dest.len())
}

/// `href` and `src` values in a piece of raw HTML, as ranges of the body. Comments are not
/// markup; `in_comment` carries over from one piece to the next.
fn html_attributes(html: &str, offset: usize, in_comment: &mut bool) -> Vec<(Range<usize>, Kind)> {
    let mut found = Vec::new();
    let lower = html.to_ascii_lowercase();
    let mut i = 0;
    while i < html.len() {
        if *in_comment {
            match lower[i..].find("-->") {
                Some(end) => {
                    i += end + 3;
                    *in_comment = false;
                    continue;
                }
                None => break,
            }
        }
        let next_comment = lower[i..].find("<!--").map(|c| i + c);
        let next_attribute = [" href=", " src=", "\thref=", "\tsrc=", "\nhref=", "\nsrc="]
            .iter()
            .filter_map(|a| lower[i..].find(a).map(|at| (i + at, a.len())))
            .min();
        match (next_comment, next_attribute) {
            (Some(comment), Some((attribute, _))) if comment < attribute => {
                *in_comment = true;
                i = comment + 4;
            }
            (Some(comment), None) => {
                *in_comment = true;
                i = comment + 4;
            }
            (_, Some((attribute, length))) => {
                let kind = if lower[attribute + 1..].starts_with("src") {
                    Kind::Image
                } else {
                    Kind::Link
                };
                let value_start = attribute + length;
                let (start, end) = match html.as_bytes().get(value_start) {
                    Some(&quote) if quote == b'"' || quote == b'\'' => {
                        let Some(close) = html[value_start + 1..].find(quote as char) else {
                            break;
                        };
                        (value_start + 1, value_start + 1 + close)
                    }
                    Some(_) => {
                        let end = html[value_start..]
                            .find(|c: char| c.is_whitespace() || c == '>')
                            .map_or(html.len(), |e| value_start + e);
                        (value_start, end)
                    }
                    None => break,
                };
                if start < end {
                    found.push((offset + start..offset + end, kind));
                }
                // Past at least one character: `href=\u{a0}x` has an empty value.
                let next = html[value_start..].chars().next().map_or(1, char::len_utf8);
                i = end.max(value_start + next);
            }
            (None, None) => break,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rewrites every local destination `x` to `new/x`; `missing…` points at nothing.
    fn prefixed(body: &str) -> Rewritten {
        rewrite(body, |dest, _| {
            if dest.starts_with("missing") {
                Resolution::Missing
            } else if dest.starts_with("http") {
                Resolution::Keep
            } else {
                Resolution::Rewrite(format!("new/{dest}"))
            }
        })
    }

    #[test]
    fn an_empty_attribute_value_before_a_wide_character_is_passed() {
        let mut in_comment = false;
        let found = html_attributes(
            "<a href=\u{a0}x>y</a> <img src=\"p.png\">",
            0,
            &mut in_comment,
        );
        assert_eq!(found.len(), 1, "{found:?}");
    }

    #[test]
    fn inline_links_images_and_definitions() {
        let body = "See [a](a.md#x \"T\") and ![pic](p.png?w=1) [![in](i.png)](l.html)\n\n[ref]: <d e.pdf> \"t\"\n[web]: https://x.no\n\nUse [r][ref].\n";
        let out = prefixed(body);
        assert_eq!(
            out.text,
            "See [a](new/a.md#x \"T\") and ![pic](new/p.png?w=1) [![in](new/i.png)](new/l.html)\n\n[ref]: <new/d e.pdf> \"t\"\n[web]: https://x.no\n\nUse [r][ref].\n"
        );
        assert_eq!((out.links, out.images), (3, 2));
    }

    #[test]
    fn code_and_comments_are_left_alone() {
        let body = "`[a](a.md)`\n\n```\n![x](x.png)\n```\n\n<!-- <img src=\"c.png\"> -->\n<img src=\"d.png\" alt=\"D\"> <a href='e.md'>e</a>\n";
        let out = prefixed(body);
        assert_eq!(
            out.text,
            "`[a](a.md)`\n\n```\n![x](x.png)\n```\n\n<!-- <img src=\"c.png\"> -->\n<img src=\"new/d.png\" alt=\"D\"> <a href='new/e.md'>e</a>\n"
        );
        assert_eq!((out.links, out.images), (1, 1));
    }

    #[test]
    fn missing_paths_are_listed_with_their_offsets() {
        let body = "x\n\n[gone](missing.md) [web](https://x.no)\n";
        let out = prefixed(body);
        assert_eq!(out.text, body);
        assert_eq!(out.missing, [(10, "missing.md".to_string())]);
    }
}
