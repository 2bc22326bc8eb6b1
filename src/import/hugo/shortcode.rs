//! Hugo shortcodes read into a tree: `{{< name params >}}` and `{{% name params %}}`, paired
//! (`{{< x >}}…{{< /x >}}`) or standing alone (`{{< x />}}`, or simply never closed), with
//! named (`key="v"`) and positional (`"v"`, `` `v` ``, `v`) parameters, nested to any depth.
//! `{{</* x */>}}` is Hugo's way of writing a shortcode as text; it stays text.
//!
//! Like Hugo, a shortcode is paired when a closing tag follows; whatever is not closed stands
//! alone, and a closing tag with no opening one stays text (and is worth a word).

use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// Source text, as a byte range of the body.
    Text(Range<usize>),
    /// What Hugo prints for `{{</* x */>}}`: `{{< x >}}`.
    Literal(String),
    Shortcode(Shortcode),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortcode {
    /// As written (Hugo's names are case-sensitive, but themes' are all lowercase).
    pub name: String,
    pub params: Params,
    /// `{{% … %}}`: the inner text is Markdown of the page.
    pub markdown: bool,
    /// The opening tag in the body.
    pub open: Range<usize>,
    /// The closing tag, for a paired shortcode.
    pub close: Option<Range<usize>>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    pub positional: Vec<String>,
    pub named: Vec<(String, String)>,
}

impl Params {
    /// The first named parameter among `keys` that is given.
    pub fn named(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|key| {
            self.named
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v.as_str())
        })
    }

    /// A named parameter, else the positional one at `index`.
    pub fn get(&self, keys: &[&str], index: usize) -> Option<&str> {
        self.named(keys)
            .or_else(|| self.positional.get(index).map(String::as_str))
    }
}

/// A closing tag with no opening one, as a byte range of the body.
pub type StrayClose = Range<usize>;

/// The body read into nodes, and the closing tags that close nothing.
pub fn parse(body: &str) -> (Vec<Node>, Vec<StrayClose>) {
    let mut builder = TreeBuilder::default();
    let mut text_start = 0;
    let mut at = 0;
    while let Some(found) = body[at..].find("{{") {
        let start = at + found;
        match read_tag(body, start) {
            Some(tag) => {
                if text_start < start {
                    builder.push(Node::Text(text_start..start));
                }
                at = tag.range.end;
                text_start = at;
                builder.tag(tag);
            }
            None => at = start + 2,
        }
    }
    if text_start < body.len() {
        builder.push(Node::Text(text_start..body.len()));
    }
    builder.finish()
}

#[derive(Debug)]
struct Tag {
    range: Range<usize>,
    kind: TagKind,
}

#[derive(Debug)]
enum TagKind {
    Open {
        name: String,
        params: Params,
        markdown: bool,
        self_closing: bool,
    },
    Close {
        name: String,
    },
    Literal(String),
}

/// The tag starting at `start` (on `{{`), if a whole one is there.
fn read_tag(body: &str, start: usize) -> Option<Tag> {
    let bytes = body.as_bytes();
    let delimiter = *bytes.get(start + 2)?;
    if delimiter != b'<' && delimiter != b'%' {
        return None;
    }
    let markdown = delimiter == b'%';
    let closing = if markdown { "%}}" } else { ">}}" };
    let mut i = skip_space(body, start + 3);
    if body[i..].starts_with("/*") {
        return commented_tag(body, start..i, markdown);
    }
    let is_close = body[i..].starts_with('/');
    if is_close {
        i = skip_space(body, i + 1);
    }
    let (name, name_end, slash_closed) = read_name(body, i, closing)?;
    if is_close {
        let end = skip_space(body, name_end);
        return body[end..].starts_with(closing).then(|| Tag {
            range: start..end + 3,
            kind: TagKind::Close { name },
        });
    }
    let (params, end, self_closing) = read_params(body, name_end, closing)?;
    Some(Tag {
        range: start..end + 3,
        kind: TagKind::Open {
            name,
            params,
            markdown,
            self_closing: slash_closed || self_closing,
        },
    })
}

/// `{{</* x */>}}` (`at` runs from the `{{` to the `/*`): Hugo prints the tag without the
/// comment marks.
fn commented_tag(body: &str, at: Range<usize>, markdown: bool) -> Option<Tag> {
    let (open, closing) = if markdown {
        ("{{%", "%}}")
    } else {
        ("{{<", ">}}")
    };
    // After the `/*`: in `{{</*/>}}` the `*/` shares its star.
    let inner_end = at.end + 2 + body.get(at.end + 2..)?.find("*/")?;
    let after = skip_space(body, inner_end + 2);
    if !body[after..].starts_with(closing) {
        return None;
    }
    let literal = format!("{open}{}{closing}", &body[at.end + 2..inner_end]);
    Some(Tag {
        range: at.start..after + 3,
        kind: TagKind::Literal(literal),
    })
}

/// The shortcode's name at `i`, where it ends, and whether a slash right after it closed
/// the tag (`{{< x/>}}`: the slash is not part of the name).
fn read_name(body: &str, i: usize, closing: &str) -> Option<(String, usize, bool)> {
    let name_end = i + body[i..]
        .find(|c: char| !(c.is_alphanumeric() || "-_./".contains(c)))
        .unwrap_or(body.len() - i);
    let mut name = &body[i..name_end];
    let mut self_closing = false;
    if let Some(stripped) = name.strip_suffix('/')
        && body[name_end..].starts_with(closing)
    {
        name = stripped;
        self_closing = true;
    }
    (!name.is_empty()).then(|| (name.to_string(), name_end, self_closing))
}

/// The parameters from `i` to the closing delimiter, where that stands, and whether a `/`
/// before it closed the tag.
fn read_params(body: &str, mut i: usize, closing: &str) -> Option<(Params, usize, bool)> {
    let mut params = Params::default();
    loop {
        i = skip_space(body, i);
        if body[i..].starts_with(closing) {
            return Some((params, i, false));
        }
        if body[i..].starts_with('/') && body[skip_space(body, i + 1)..].starts_with(closing) {
            return Some((params, skip_space(body, i + 1), true));
        }
        let (value, next) = read_value(body, i, closing)?;
        if body[next..].starts_with('=') && !value.quoted {
            let (named, after) = read_value(body, next + 1, closing)?;
            params.named.push((value.text, named.text));
            i = after;
        } else {
            params.positional.push(value.text);
            i = next;
        }
        if i >= body.len() {
            return None;
        }
    }
}

struct Value {
    text: String,
    quoted: bool,
}

/// One parameter value at `i`: `"quoted \"text\""`, `` `raw` `` or a bare word.
fn read_value(body: &str, i: usize, closing: &str) -> Option<(Value, usize)> {
    let rest = &body[i..];
    let first = rest.chars().next()?;
    if first == '"' {
        let mut text = String::new();
        let mut chars = rest.char_indices().skip(1);
        while let Some((offset, c)) = chars.next() {
            match c {
                '\\' => {
                    let (_, escaped) = chars.next()?;
                    match escaped {
                        '"' | '\\' => text.push(escaped),
                        'n' => text.push('\n'),
                        't' => text.push('\t'),
                        _ => {
                            text.push('\\');
                            text.push(escaped);
                        }
                    }
                }
                '"' => {
                    return Some((Value { text, quoted: true }, i + offset + 1));
                }
                _ => text.push(c),
            }
        }
        return None;
    }
    if first == '`' {
        let end = rest[1..].find('`')? + 1;
        return Some((
            Value {
                text: rest[1..end].to_string(),
                quoted: true,
            },
            i + end + 1,
        ));
    }
    let mut end = 0;
    for (offset, c) in rest.char_indices() {
        if c.is_whitespace()
            || c == '='
            || rest[offset..].starts_with(closing)
            || (c == '/' && rest[skip_space(rest, offset + 1)..].starts_with(closing))
        {
            break;
        }
        end = offset + c.len_utf8();
    }
    if end == 0 {
        return None;
    }
    Some((
        Value {
            text: rest[..end].to_string(),
            quoted: false,
        },
        i + end,
    ))
}

fn skip_space(text: &str, i: usize) -> usize {
    i + text[i..]
        .find(|c: char| !c.is_whitespace())
        .unwrap_or(text.len() - i)
}

/// Open shortcodes waiting for their closing tags, each with what came after it so far.
#[derive(Default)]
struct TreeBuilder {
    root: Vec<Node>,
    open: Vec<(Shortcode, Vec<Node>)>,
    stray: Vec<StrayClose>,
}

impl TreeBuilder {
    fn push(&mut self, node: Node) {
        match self.open.last_mut() {
            Some((_, children)) => children.push(node),
            None => self.root.push(node),
        }
    }

    fn tag(&mut self, tag: Tag) {
        match tag.kind {
            TagKind::Literal(text) => self.push(Node::Literal(text)),
            TagKind::Open {
                name,
                params,
                markdown,
                self_closing,
            } => {
                let shortcode = Shortcode {
                    name,
                    params,
                    markdown,
                    open: tag.range,
                    close: None,
                    children: Vec::new(),
                };
                if self_closing {
                    self.push(Node::Shortcode(shortcode));
                } else {
                    self.open.push((shortcode, Vec::new()));
                }
            }
            TagKind::Close { name } => {
                let Some(depth) = self.open.iter().rposition(|(s, _)| s.name == name) else {
                    self.stray.push(tag.range.clone());
                    self.push(Node::Text(tag.range));
                    return;
                };
                // Shortcodes opened inside this one and never closed stand alone.
                while self.open.len() > depth + 1 {
                    self.stand_alone();
                }
                let (mut shortcode, children) = self.open.pop().expect("depth is in the stack");
                shortcode.close = Some(tag.range);
                shortcode.children = children;
                self.push(Node::Shortcode(shortcode));
            }
        }
    }

    /// The innermost open shortcode is not paired: it stands alone, followed by what it held.
    fn stand_alone(&mut self) {
        if let Some((shortcode, children)) = self.open.pop() {
            self.push(Node::Shortcode(shortcode));
            for child in children {
                self.push(child);
            }
        }
    }

    fn finish(mut self) -> (Vec<Node>, Vec<StrayClose>) {
        while !self.open.is_empty() {
            self.stand_alone();
        }
        (self.root, self.stray)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only_shortcode(body: &str) -> Shortcode {
        let (nodes, _) = parse(body);
        nodes
            .into_iter()
            .find_map(|n| match n {
                Node::Shortcode(s) => Some(s),
                _ => None,
            })
            .expect("a shortcode")
    }

    #[test]
    fn named_and_positional_params_in_both_quotes() {
        let s = only_shortcode(r#"{{< figure src="/a b.png" alt=`A "quote"` caption=plain >}}"#);
        assert_eq!(s.name, "figure");
        assert!(!s.markdown);
        assert_eq!(s.params.named(&["src"]), Some("/a b.png"));
        assert_eq!(s.params.named(&["alt"]), Some("A \"quote\""));
        assert_eq!(s.params.named(&["caption"]), Some("plain"));
        let s = only_shortcode(r#"{{% notice warning "Mind \"this\"" %}}"#);
        assert!(s.markdown);
        assert_eq!(s.params.positional, vec!["warning", "Mind \"this\""]);
        assert_eq!(s.params.get(&["style"], 0), Some("warning"));
    }

    #[test]
    fn paired_self_closing_and_unclosed() {
        let body = "a {{% expand \"T\" %}}inner {{%relref \"x.md\"%}}{{% /expand%}} b {{% attachments /%}}{{%attachments title=\"R\" pattern=\".*\\.(pdf)$\"/%}}";
        let (nodes, stray) = parse(body);
        assert!(stray.is_empty());
        let shortcodes: Vec<&Shortcode> = nodes
            .iter()
            .filter_map(|n| match n {
                Node::Shortcode(s) => Some(s),
                _ => None,
            })
            .collect();
        assert_eq!(shortcodes.len(), 3);
        let expand = shortcodes[0];
        assert!(expand.close.is_some());
        assert_eq!(expand.children.len(), 2, "{:?}", expand.children);
        let Node::Shortcode(relref) = &expand.children[1] else {
            panic!("relref inside expand");
        };
        assert_eq!(relref.name, "relref");
        assert!(relref.close.is_none());
        assert!(shortcodes[1].close.is_none());
        assert_eq!(
            shortcodes[2].params.named(&["pattern"]),
            Some(".*\\.(pdf)$")
        );
    }

    #[test]
    fn nesting_and_stray_closing_tags() {
        let body = "{{< tabs >}}\n{{% tab name=\"a\" %}}A{{% /tab %}}\n{{% tab name=\"b\" %}}B{{% /tab %}}\n{{< /tabs >}}\n{{< /nothing >}}";
        let (nodes, stray) = parse(body);
        assert_eq!(stray.len(), 1);
        assert_eq!(&body[stray[0].clone()], "{{< /nothing >}}");
        let Node::Shortcode(tabs) = &nodes[0] else {
            panic!("tabs first: {nodes:?}");
        };
        let tabs_inside: Vec<&str> = tabs
            .children
            .iter()
            .filter_map(|n| match n {
                Node::Shortcode(s) => s.params.named(&["name"]),
                _ => None,
            })
            .collect();
        assert_eq!(tabs_inside, ["a", "b"]);
    }

    #[test]
    fn an_unclosed_shortcode_inside_a_pair_stands_alone() {
        let (nodes, _) = parse("{{% notice %}}x {{< param \"a\" >}} y{{% /notice %}}");
        let Node::Shortcode(notice) = &nodes[0] else {
            panic!()
        };
        assert_eq!(notice.children.len(), 3, "{:?}", notice.children);
    }

    #[test]
    fn escaped_shortcodes_are_text_and_broken_ones_too() {
        let body = "`{{</* notice */>}}` {{%/*expand*/%}} {{% /*attachments title=\"R\"/*/%}} {{ .Title }} {{< unclosed";
        let (nodes, _) = parse(body);
        let literals: Vec<&str> = nodes
            .iter()
            .filter_map(|n| match n {
                Node::Literal(text) => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            literals,
            [
                "{{< notice >}}",
                "{{%expand%}}",
                "{{%attachments title=\"R\"/%}}"
            ]
        );
        assert!(
            nodes.iter().all(|n| !matches!(n, Node::Shortcode(_))),
            "{nodes:?}"
        );
    }

    #[test]
    fn names_with_folders_and_no_space() {
        let s = only_shortcode("{{% blocks/section color=\"dark\" %}}x{{% /blocks/section %}}");
        assert_eq!(s.name, "blocks/section");
        assert!(s.close.is_some());
        let s = only_shortcode("{{<mermaid align=\"left\">}}graph{{</mermaid>}}");
        assert_eq!(s.name, "mermaid");
        assert!(s.close.is_some());
        let s = only_shortcode("{{< youtube w7Ft2ymGmfc />}}");
        assert_eq!(s.params.positional, ["w7Ft2ymGmfc"]);
    }
}
