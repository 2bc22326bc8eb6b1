//! Raw HTML written in a page, read as a browser reads it: every piece of a page's raw HTML
//! (pulldown-cmark gives a block's lines and each inline tag as events of their own) goes in
//! order through one HTML tokenizer, lol_html's. So an attribute is an attribute whether it is
//! quoted or not, `href=` in text or in `<script>`/`<style>`/`<textarea>` is nothing, and a
//! comment opened in one piece hides what follows until a later piece closes it. The
//! tokenizer only reads: it tells where each `href`, `src` and `id` value stands, and the
//! values are replaced there, so every other byte of the HTML stays as written.

use std::cell::{Cell, RefCell};
use std::ops::Range;
use std::rc::Rc;

use lol_html::{HtmlRewriter, Settings, element};
use pulldown_cmark::CowStr;

use super::ProblemKind;

/// An attribute of raw HTML that handbok reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Attribute {
    pub(super) name: Name,
    /// Where its value stands (without quotes), in the bytes fed so far.
    pub(super) value: Range<usize>,
    /// Its element has a non-blank `alt`.
    pub(super) has_alt: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Name {
    Href,
    Src,
    Id,
}

/// The page's tokenizer, started at its first piece of raw HTML (most pages have none).
#[derive(Default)]
pub(super) struct RawHtml {
    tokenizer: Option<Tokenizer>,
    /// Bytes fed so far, over every tokenizer of the page.
    fed: usize,
}

struct Tokenizer {
    /// The element handler and the output sink can only share state by reference counting.
    rewriter: HtmlRewriter<'static, Counter>,
    found: Rc<RefCell<Vec<Attribute>>>,
    /// Bytes the rewriter has handed on; fewer than fed while it holds an unfinished tag.
    emitted: Rc<Cell<usize>>,
    /// `fed` when this tokenizer started (lol_html counts from its own start).
    start: usize,
}

/// Counts what the rewriter hands on, and throws it away: the tokenizer only reads.
struct Counter(Rc<Cell<usize>>);

impl lol_html::OutputSink for Counter {
    fn handle_chunk(&mut self, chunk: &[u8]) {
        self.0.set(self.0.get() + chunk.len());
    }
}

impl RawHtml {
    /// Where the next piece will start, in the bytes fed so far.
    pub(super) fn position(&self) -> usize {
        self.fed
    }

    /// Reads the next piece of the page's raw HTML, and gives the attributes whose tags end
    /// in it (their values may stand in earlier pieces, if the tag began there).
    pub(super) fn read(&mut self, piece: &str) -> Vec<Attribute> {
        let start = self.fed;
        self.fed += piece.len();
        let tokenizer = self.tokenizer.get_or_insert_with(|| Tokenizer::new(start));
        if tokenizer.rewriter.write(piece.as_bytes()).is_err() {
            // Not expected with `strict` off and handlers that never fail; if it happens,
            // the next piece starts afresh rather than the page failing.
            self.tokenizer = None;
            return Vec::new();
        }
        let mut found = tokenizer.found.take();
        for attribute in &mut found {
            attribute.value.start += tokenizer.start;
            attribute.value.end += tokenizer.start;
        }
        found
    }

    /// Whether the last piece ended inside a tag (`<img` with its attributes on the next line).
    pub(super) fn in_tag(&self) -> bool {
        self.tokenizer
            .as_ref()
            .is_some_and(|t| t.start + t.emitted.get() < self.fed)
    }

    /// Forgets a tag left unfinished where its block ended, so one stray `<p class="x` does
    /// not swallow the raw HTML of the rest of the page. (Comments and `<script>` content are
    /// not held like a tag, so they still span blocks.)
    pub(super) fn end_block(&mut self) {
        if self.in_tag() {
            self.tokenizer = None;
        }
    }
}

impl Tokenizer {
    fn new(start: usize) -> Tokenizer {
        let found = Rc::new(RefCell::new(Vec::new()));
        let emitted = Rc::new(Cell::new(0));
        let sink = Rc::clone(&found);
        let handler = element!("[href], [src], [id]", move |element| {
            let has_alt = element
                .get_attribute("alt")
                .is_some_and(|alt| !alt.trim().is_empty());
            let mut found = sink.borrow_mut();
            for attribute in element.attributes() {
                let name = match attribute.name().as_str() {
                    "href" => Name::Href,
                    "src" => Name::Src,
                    "id" => Name::Id,
                    _ => continue,
                };
                if let Some(value) = attribute.value_source_location() {
                    found.push(Attribute {
                        name,
                        value: value.bytes(),
                        has_alt,
                    });
                }
            }
            Ok(())
        });
        let settings = Settings::new()
            .append_element_content_handler(handler)
            // Strict mode refuses markup whose meaning depends on the tree around it
            // (`<select><xmp>`); a best guess is better than no reading at all.
            .with_strict(false);
        Tokenizer {
            rewriter: HtmlRewriter::new(settings, Counter(Rc::clone(&emitted))),
            found,
            emitted,
            start,
        }
    }
}

/// The value of an attribute as the browser takes it: character references decoded (numeric
/// ones and `&amp;` `&lt;` `&gt;` `&quot;` `&apos;`; other names are kept as written, which
/// no link or file name needs).
pub(super) fn value(raw: &str) -> CowStr<'_> {
    match crate::html::unescape_attribute(raw) {
        std::borrow::Cow::Borrowed(raw) => CowStr::Borrowed(raw),
        std::borrow::Cow::Owned(decoded) => CowStr::from(decoded),
    }
}

/// A new value written where an old one stood: escaped for the quotes around it, and quoted
/// if it stood bare but cannot (`quote` is the byte before the old value).
fn written(new: &str, quote: Option<u8>) -> String {
    match quote {
        Some(b'"') => crate::html::escape_attribute(new),
        Some(b'\'') => crate::html::escape_text(new).replace('\'', "&#39;"),
        _ if !new.is_empty()
            && !new.contains(|c: char| c.is_ascii_whitespace() || "\"'=<>`".contains(c)) =>
        {
            crate::html::escape_text(new)
        }
        _ => format!("\"{}\"", crate::html::escape_attribute(new)),
    }
}

/// A piece (or pieces run together) of raw HTML with its `href`s and `src`s resolved like
/// Markdown links and images. `base` is the position where `html` began; attributes whose
/// values stood before it (in a piece already handed on) are left alone. `resolve` gets the
/// value, what it is, whether its element has alt text and the value's offset in `html`, and
/// gives `None` to keep it as written.
pub(super) fn rewrite<'a>(
    html: CowStr<'a>,
    base: usize,
    attributes: &[Attribute],
    resolve: &mut dyn FnMut(&str, ProblemKind, bool, usize) -> Option<String>,
) -> CowStr<'a> {
    let mut out: Option<String> = None;
    let mut copied = 0;
    for attribute in attributes {
        let kind = match attribute.name {
            Name::Href => ProblemKind::BrokenLink,
            Name::Src => ProblemKind::MissingImage,
            Name::Id => continue,
        };
        let Some(start) = attribute.value.start.checked_sub(base) else {
            continue;
        };
        let range = start..attribute.value.end - base;
        let Some(raw) = html.get(range.clone()) else {
            continue;
        };
        let has_alt = attribute.has_alt && attribute.name == Name::Src;
        let Some(new) = resolve(&value(raw), kind, has_alt, start) else {
            continue;
        };
        let quote = start.checked_sub(1).map(|before| html.as_bytes()[before]);
        let out = out.get_or_insert_with(|| String::with_capacity(html.len() + 16));
        out.push_str(&html[copied..range.start]);
        out.push_str(&written(&new, quote));
        copied = range.end;
    }
    match out {
        None => html,
        Some(mut out) => {
            out.push_str(&html[copied..]);
            CowStr::from(out)
        }
    }
}

/// The ids among `attributes`, decoded, whose values stand in `html` (from `base` on).
pub(super) fn ids(html: &str, base: usize, attributes: &[Attribute], into: &mut Vec<String>) {
    for attribute in attributes.iter().filter(|a| a.name == Name::Id) {
        let range = attribute
            .value
            .start
            .checked_sub(base)
            .and_then(|start| html.get(start..attribute.value.end - base));
        if let Some(raw) = range {
            into.push(value(raw).into_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The attributes found in pieces fed in turn, as (piece index, name, value) triples.
    fn read_all(pieces: &[&str]) -> Vec<(usize, Name, String)> {
        let mut raw = RawHtml::default();
        let all: String = pieces.concat();
        let mut found = Vec::new();
        for (index, piece) in pieces.iter().enumerate() {
            for attribute in raw.read(piece) {
                found.push((index, attribute.name, all[attribute.value].to_string()));
            }
        }
        found
    }

    #[test]
    fn unquoted_and_upper_case_attributes_count() {
        let found = read_all(&["<a href=foo.md ID=top>x</a>", "<img SRC='p.png'>"]);
        assert_eq!(
            found,
            [
                (0, Name::Href, "foo.md".to_string()),
                (0, Name::Id, "top".to_string()),
                (1, Name::Src, "p.png".to_string())
            ]
        );
    }

    #[test]
    fn attribute_like_text_is_not_an_attribute() {
        let found = read_all(&[
            "<p>see href=\"x.md\" and data-id=\"no\"</p>\n",
            "<script>let a = ' href=\"s.md\"'; document.write('<a href=\"t.md\">');</script>\n",
            "<style>a[href=\"c.md\"] { color: red }</style>\n",
            "<textarea><img src=\"t.png\"></textarea>\n",
            "<a data-href=\"d.md\" href=\"real.md\">",
        ]);
        assert_eq!(found, [(4, Name::Href, "real.md".to_string())]);
    }

    #[test]
    fn a_comment_spans_pieces_and_hides_what_it_holds() {
        let found = read_all(&[
            "<!--\n",
            "<a href=\"gone.md\" id=\"old\">\n",
            "-->\n",
            "<a href=\"here.md\">",
            "<!-- <img src=\"x.png\"> -->",
        ]);
        assert_eq!(found, [(3, Name::Href, "here.md".to_string())]);
    }

    #[test]
    fn a_tag_over_several_pieces_is_found_where_it_ends() {
        let mut raw = RawHtml::default();
        assert!(raw.read("<img\n").is_empty() && raw.in_tag());
        assert!(raw.read("  src=\"x.png\"\n").is_empty() && raw.in_tag());
        let found = raw.read("  alt=\"X\">\n");
        assert!(!raw.in_tag());
        assert_eq!(
            found,
            [Attribute {
                name: Name::Src,
                value: 12..17,
                has_alt: true
            }]
        );
    }

    #[test]
    fn a_tag_left_open_at_a_block_end_is_forgotten() {
        let mut raw = RawHtml::default();
        raw.read("<p class=\"oops\n");
        raw.end_block();
        assert!(!raw.in_tag());
        let found = raw.read("<a href=\"next.md\">");
        assert_eq!(found[0].value, 24..31);
    }

    #[test]
    fn values_are_decoded_and_written_back_escaped() {
        assert_eq!(
            &*value("a.md?x=1&amp;y=2&#38;z&#x3D;3&copy;&"),
            "a.md?x=1&y=2&z=3&copy;&"
        );
        assert_eq!(&*value("&#0;&#xD800;"), "\u{FFFD}\u{FFFD}");
        assert_eq!(
            written("/a/?x=1&y=\"2\"", Some(b'"')),
            "/a/?x=1&amp;y=&quot;2&quot;"
        );
        assert_eq!(written("/it's/", Some(b'\'')), "/it&#39;s/");
        assert_eq!(written("/en/x/", Some(b'=')), "/en/x/");
        assert_eq!(written("/a b/", Some(b'=')), "\"/a b/\"");
    }

    #[test]
    fn only_resolved_values_change_and_the_rest_stays_as_written() {
        let html = "<a  class=x\n href=a.md?p=1&amp;q=2>x</a><img src=\"keep.png\"  alt='K'>";
        let mut raw = RawHtml::default();
        let attributes = raw.read(html);
        let mut seen = Vec::new();
        let out = rewrite(
            CowStr::Borrowed(html),
            0,
            &attributes,
            &mut |value, kind, has_alt, at| {
                seen.push((value.to_string(), kind, has_alt, at));
                (kind == ProblemKind::BrokenLink).then(|| "/en/a/?p=1&q=2".to_string())
            },
        );
        assert_eq!(
            out.as_ref(),
            "<a  class=x\n href=\"/en/a/?p=1&amp;q=2\">x</a><img src=\"keep.png\"  alt='K'>"
        );
        assert_eq!(
            seen,
            [
                (
                    "a.md?p=1&q=2".to_string(),
                    ProblemKind::BrokenLink,
                    false,
                    18
                ),
                ("keep.png".to_string(), ProblemKind::MissingImage, true, 50)
            ]
        );
    }

    #[test]
    fn ids_are_collected_decoded() {
        let html = "<div id=\"a&amp;b\"></div><span id=c></span>";
        let mut raw = RawHtml::default();
        let attributes = raw.read(html);
        let mut ids_found = Vec::new();
        ids(html, 0, &attributes, &mut ids_found);
        assert_eq!(ids_found, ["a&b", "c"]);
    }
}
