//! Raw HTML written in a page: the values of its attributes, its comments, and its links and
//! images resolved like Markdown ones. Enough for hand-written HTML; not an HTML parser.

use std::ops::Range;

use pulldown_cmark::CowStr;

use super::ProblemKind;

/// Ids written in raw HTML (`<a id="x">`, `<div id='y'>`), which links may point at too.
pub(super) fn collect_ids(html: &str, anchors: &mut Vec<String>) {
    anchors.extend(attribute_values(html, "id").map(|value| html[value].to_string()));
}

/// Where the quoted values of an attribute stand in a piece of raw HTML (`name="…"` or
/// `name='…'` after a space), in order.
fn attribute_values<'h>(
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
/// `comments` are byte ranges of the HTML to leave alone.
pub(super) fn rewrite<'a>(
    html: CowStr<'a>,
    comments: &[Range<usize>],
    resolve: &mut dyn FnMut(CowStr<'a>, ProblemKind, bool) -> CowStr<'a>,
) -> CowStr<'a> {
    let mut values: Vec<(Range<usize>, ProblemKind)> = attribute_values(&html, "href")
        .map(|r| (r, ProblemKind::BrokenLink))
        .chain(attribute_values(&html, "src").map(|r| (r, ProblemKind::MissingImage)))
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
            attribute_values(tag, "alt").any(|alt| !tag[alt].trim().is_empty())
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
pub(super) fn comments(html: &str, starts_inside: bool) -> (Vec<Range<usize>>, bool) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_values_need_a_space_before_and_quotes() {
        let html = "<a id=\"one\" data-id=\"no\" href='x' id=bare>";
        let ids: Vec<&str> = attribute_values(html, "id").map(|r| &html[r]).collect();
        assert_eq!(ids, ["one"]);
        let mut anchors = Vec::new();
        collect_ids("<div id='y'></div>", &mut anchors);
        assert_eq!(anchors, ["y"]);
    }

    #[test]
    fn comments_may_start_before_and_run_past_the_html() {
        let (one, ends_inside) = comments("a <!-- b --> c", false);
        assert_eq!(
            (one.len(), one.first(), ends_inside),
            (1, Some(&(2..12)), false)
        );
        assert_eq!(comments("b --> c <!-- d", true), (vec![0..5, 8..14], true));
        assert_eq!(comments("plain", false), (vec![], false));
    }

    #[test]
    fn hrefs_and_srcs_outside_comments_are_resolved() {
        let html = CowStr::from(
            "<a href=\"a.md\">x</a><!-- <img src=\"b.png\"> --><img src=\"c.png\" alt=\"C\">",
        );
        let (comments, _) = comments(&html, false);
        let mut seen = Vec::new();
        let out = rewrite(html.clone(), &comments, &mut |dest, kind, has_alt| {
            seen.push((dest.to_string(), kind, has_alt));
            CowStr::from(format!("/{dest}"))
        });
        assert_eq!(
            seen,
            [
                ("a.md".to_string(), ProblemKind::BrokenLink, false),
                ("c.png".to_string(), ProblemKind::MissingImage, true)
            ]
        );
        assert!(out.contains("href=\"/a.md\"") && out.contains("src=\"b.png\""));
    }
}
