//! Shortcodes of Hugo and of the Learn, Relearn and Docsy themes written as the Markdown
//! handbok reads: GitHub alerts, `::: details` and `::: tabs` blocks, `{{#include …}}`,
//! fenced code, images with captions and plain links. What has no counterpart stays as
//! written and is reported with its place.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use super::aliases::Alias;
use super::layout::PageKind;
use super::markdown::{
    Output, alert_label, dedent, directive_block, escape_brackets, fenced, trim_blank_lines,
};
use super::paths::{encode_destination, normalize, relative_path};
use super::pattern::Pattern;
use super::shortcode::{self, Node, Shortcode};
use super::site_index::{PageContext, Resolution, SiteIndex, Target};

/// What converting a page's shortcodes needs to know of the site.
pub struct Environment<'a> {
    pub index: &'a SiteIndex<'a>,
    pub context: &'a PageContext,
    /// Shortcodes the site defines itself (`layouts/shortcodes/`): a theme's name guessed
    /// from them would be wrong.
    pub site_shortcodes: &'a HashSet<String>,
    /// The Hugo site's folder, where included files are looked for.
    pub source: &'a Path,
    /// What becomes of the page's aliases (decided for the whole site).
    pub aliases: &'a [Alias],
}

#[derive(Debug, Default)]
pub struct Converted {
    pub text: String,
    /// Shortcodes converted, by name.
    pub kinds: BTreeMap<String, usize>,
    /// Byte offsets (in the converted body's input) and why a shortcode was left as written.
    pub left: Vec<(usize, String)>,
    pub links: usize,
    pub images: usize,
    /// Files of `assets/` the converted shortcodes use.
    pub assets: Vec<String>,
    /// Files included from outside the content, relative to the site folder.
    pub includes: Vec<PathBuf>,
}

/// The output of one shortcode.
enum Piece {
    /// Within the line (a link target, a parameter's value).
    Inline(String),
    /// Lines of their own with blank lines around them (an alert, a fence, a figure).
    Block(String),
    Removed,
}

pub fn convert(body: &str, environment: &Environment) -> Converted {
    let (nodes, stray) = shortcode::parse(body);
    let mut converter = Converter {
        body,
        environment,
        out: Converted::default(),
    };
    for range in stray {
        let tag = &body[range.clone()];
        converter.out.left.push((
            range.start,
            format!("`{tag}` closes no shortcode; left as written"),
        ));
    }
    let text = converter.render(&nodes);
    converter.out.text = text;
    converter.out.left.sort_by_key(|(offset, _)| *offset);
    converter.out
}

struct Converter<'a> {
    body: &'a str,
    environment: &'a Environment<'a>,
    out: Converted,
}

impl Converter<'_> {
    fn render(&mut self, nodes: &[Node]) -> String {
        let mut output = Output::default();
        for node in nodes {
            match node {
                Node::Text(range) => output.text(&self.body[range.clone()]),
                Node::Literal(text) => output.text(text),
                Node::Shortcode(shortcode) => self.shortcode(shortcode, &mut output),
            }
        }
        output.text
    }

    fn shortcode(&mut self, shortcode: &Shortcode, output: &mut Output) {
        let name = shortcode.name.to_lowercase();
        let site_defines = self.environment.site_shortcodes.contains(&name);
        let piece = match name.as_str() {
            "notice" | "hint" | "alert" => self.alert(shortcode, &name),
            "callout" | "pageinfo" | "note" | "tip" | "info" | "warning" | "caution"
            | "important" | "danger"
                if !site_defines =>
            {
                self.alert(shortcode, &name)
            }
            "expand" => Ok(self.details(shortcode, "Expand me...")),
            "details" if !site_defines => Ok(self.details(shortcode, "Details")),
            "tabs" | "tabpane" => self.tabs(shortcode),
            "include" | "insert" | "readfile" => self.include(shortcode),
            "children" => Ok(Piece::Removed),
            "figure" => self.figure(shortcode),
            "highlight" => Ok(self.fence(shortcode, shortcode.params.get(&["lang"], 0))),
            "mermaid" => Ok(self.fence(shortcode, Some("mermaid"))),
            "ref" | "relref" => self.reference(shortcode),
            "attachments" => Ok(self.attachments(shortcode)),
            "button" => self.button(shortcode),
            "siteparam" | "param" => self.param(shortcode),
            _ => Err(format!(
                "shortcode `{}` has no handbok equivalent; left as written",
                self.tag_text(shortcode)
            )),
        };
        match piece {
            Ok(piece) => {
                *self.out.kinds.entry(name).or_default() += 1;
                match piece {
                    Piece::Inline(text) => output.text(&text),
                    Piece::Block(text) => output.block(&text),
                    Piece::Removed => output.removed(),
                }
            }
            Err(message) => {
                self.out.left.push((shortcode.open.start, message));
                output.text(&self.body[shortcode.open.clone()]);
                let inner = self.render(&shortcode.children);
                output.text(&inner);
                if let Some(close) = &shortcode.close {
                    output.text(&self.body[close.clone()]);
                }
            }
        }
    }

    fn tag_text(&self, shortcode: &Shortcode) -> String {
        let tag = self.body[shortcode.open.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        match tag.char_indices().nth(60) {
            Some((cut, _)) => format!("{}…", &tag[..cut]),
            None => tag.to_string(),
        }
    }

    /// The converted inner text of a paired shortcode, without surrounding blank lines and
    /// the indentation all its lines share.
    fn inner(&mut self, shortcode: &Shortcode) -> String {
        let rendered = self.render(&shortcode.children);
        dedent(trim_blank_lines(&rendered))
    }

    /// `notice`, `hint`, `alert`, … → `> [!NOTE]` with the body quoted.
    fn alert(&mut self, shortcode: &Shortcode, name: &str) -> Result<Piece, String> {
        let params = &shortcode.params;
        let fixed = matches!(
            name,
            "note" | "tip" | "info" | "warning" | "caution" | "important" | "danger"
        );
        let kind = if fixed {
            name
        } else {
            params
                .get(&["style", "type", "color", "theme", "context"], 0)
                .unwrap_or(match name {
                    "pageinfo" => "info",
                    _ => "note",
                })
        };
        let title = params.named(&["title"]).or_else(|| {
            let positional = if fixed { 0 } else { 1 };
            (matches!(name, "notice" | "hint" | "note" | "tip" | "warning"))
                .then(|| params.positional.get(positional).map(String::as_str))
                .flatten()
        });
        let title = title
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        let body = self.inner(shortcode);
        let mut block = format!("> [!{}]\n", alert_label(kind));
        if let Some(title) = title {
            block.push_str(&format!("> **{title}**\n"));
            if !body.is_empty() {
                block.push_str(">\n");
            }
        }
        for line in body.lines() {
            if line.trim().is_empty() {
                block.push_str(">\n");
            } else {
                block.push_str("> ");
                block.push_str(line);
                block.push('\n');
            }
        }
        Ok(Piece::Block(block))
    }

    /// `expand "Title"` → `::: details Title` … `:::`.
    fn details(&mut self, shortcode: &Shortcode, default_title: &str) -> Piece {
        let title = shortcode
            .params
            .get(&["title", "summary"], 0)
            .map(|t| t.trim().replace('\n', " "))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| default_title.to_string());
        let body = self.inner(shortcode);
        Piece::Block(directive_block(&format!("::: details {title}"), &[body]))
    }

    /// `tabs` with `tab` inside (Docsy: `tabpane`) → `::: tabs`, `== Title` per tab, `:::`.
    fn tabs(&mut self, shortcode: &Shortcode) -> Result<Piece, String> {
        let default_lang = shortcode.params.named(&["lang"]).map(str::to_string);
        let mut tabs: Vec<(String, String)> = Vec::new();
        for child in &shortcode.children {
            match child {
                Node::Shortcode(tab) if tab.name.eq_ignore_ascii_case("tab") => {
                    if tab.params.named(&["disabled"]) == Some("true") {
                        continue;
                    }
                    let title = tab
                        .params
                        .get(&["title", "name", "header"], 0)
                        .map(|t| t.trim().to_string())
                        .unwrap_or_else(|| format!("Tab {}", tabs.len() + 1));
                    let mut body = self.inner(tab);
                    // Docsy: `{{< tab lang="bash" >}}` holds code, not Markdown.
                    let lang = tab
                        .params
                        .named(&["lang"])
                        .map(str::to_string)
                        .or(default_lang.clone());
                    if let Some(lang) = lang
                        && !tab.markdown
                        && tab.params.named(&["text"]) != Some("true")
                        && !body.trim_start().starts_with("```")
                    {
                        body = fenced(&lang, &body);
                    }
                    tabs.push((title, body));
                }
                Node::Text(range) if self.body[range.clone()].trim().is_empty() => {}
                other => {
                    // Text between tabs: Hugo shows it nowhere sensible; keep it with a tab.
                    let text = self.render(std::slice::from_ref(other));
                    match tabs.last_mut() {
                        Some((_, body)) => {
                            body.push_str("\n\n");
                            body.push_str(text.trim());
                        }
                        None => tabs.push((String::from("Tab 1"), text.trim().to_string())),
                    }
                }
            }
        }
        if tabs.is_empty() {
            return Err(format!(
                "`{}` holds no `tab`; left as written",
                shortcode.name
            ));
        }
        let mut block = String::from("::: tabs\n");
        for (title, body) in tabs {
            block.push_str(&format!("\n== {title}\n"));
            if !body.trim().is_empty() {
                block.push('\n');
                block.push_str(body.trim_end());
                block.push('\n');
            }
        }
        block.push_str("\n:::\n");
        Ok(Piece::Block(block))
    }

    /// `include "file.md"` / `insert` / `readfile file=…` → `{{#include path}}`, the path
    /// relative to the converted page.
    fn include(&mut self, shortcode: &Shortcode) -> Result<Piece, String> {
        let file = shortcode
            .params
            .get(&["file", "path", "src", "filename"], 0)
            .ok_or_else(|| "the shortcode names no file; left as written".to_string())?;
        let environment = self.environment;
        let index = environment.index;
        let context = environment.context;
        let page = &index.layout.pages[context.page];
        let content_root = page
            .source
            .ancestors()
            .nth(page.hugo_path.components().count())
            .unwrap_or(Path::new(""))
            .to_path_buf();
        let relative = file.trim_start_matches('/');
        let candidates: Vec<PathBuf> = if file.starts_with('/') {
            vec![PathBuf::from(relative), content_root.join(relative)]
        } else {
            vec![
                content_root.join(&context.hugo_dir).join(relative),
                content_root.join(relative),
                PathBuf::from(relative),
            ]
        };
        let found = candidates
            .iter()
            .filter_map(|c| normalize(c))
            .find(|c| environment.source.join(c).is_file())
            .ok_or_else(|| format!("included file `{file}` is not in the site; left as written"))?;
        let target = match index.output_of_source(&found, context.lang) {
            Some(output) => output,
            None => {
                self.out.includes.push(found.clone());
                Path::new("includes").join(&found)
            }
        };
        let from = Path::new("content").join(&context.out_dir);
        Ok(Piece::Block(format!(
            "{{{{#include {}}}}}",
            relative_path(&from, &target)
        )))
    }

    /// `figure src= alt= caption= title=` → `![alt](src "caption")`.
    fn figure(&mut self, shortcode: &Shortcode) -> Result<Piece, String> {
        let params = &shortcode.params;
        let src = params
            .named(&["src"])
            .ok_or_else(|| "`figure` without `src`; left as written".to_string())?;
        let src = self.destination(src, shortcode.open.start, true);
        let alt = params
            .named(&["alt"])
            .or(params.named(&["title"]))
            .unwrap_or("");
        let caption = params.named(&["caption"]).or(params.named(&["title"]));
        let title = caption
            .map(|c| format!(" \"{}\"", c.trim().replace('"', "\\\"")))
            .unwrap_or_default();
        let mut image = format!("![{}]({src}{title})", escape_brackets(alt));
        if let Some(link) = params.named(&["link"]) {
            let link = self.destination(link, shortcode.open.start, false);
            image = format!("[{image}]({link})");
        }
        Ok(Piece::Block(image))
    }

    /// `highlight go "opts"` / `mermaid` → a fenced block.
    fn fence(&mut self, shortcode: &Shortcode, lang: Option<&str>) -> Piece {
        let code = self.inner(shortcode);
        Piece::Block(fenced(lang.unwrap_or(""), &code))
    }

    /// `ref` / `relref "page.md#x"` → the converted page's relative `.md` path.
    fn reference(&mut self, shortcode: &Shortcode) -> Result<Piece, String> {
        let params = &shortcode.params;
        // `{{< ref . "page.md" >}}` passes the page first.
        let positional: Vec<&str> = params
            .positional
            .iter()
            .map(String::as_str)
            .filter(|p| *p != ".")
            .collect();
        let reference = params
            .named(&["path"])
            .or(positional.first().copied())
            .ok_or_else(|| format!("`{}` names no page; left as written", shortcode.name))?;
        let (path, anchor) = match reference.find('#') {
            Some(at) => reference.split_at(at),
            None => (reference, ""),
        };
        if path.is_empty() {
            return Ok(Piece::Inline(anchor.to_string()));
        }
        let index = self.environment.index;
        let context = self.environment.context;
        let lang = params.named(&["lang"]);
        match index.find_page_file(context, path, lang) {
            Some(page) => Ok(Piece::Inline(index.written(
                context,
                &Target::Page(page),
                anchor,
            ))),
            None => Err(format!(
                "`{}` to `{reference}` finds no page; left as written",
                shortcode.name
            )),
        }
    }

    /// Learn's `attachments` → a list of links to the files of the page's `.files` folder.
    fn attachments(&mut self, shortcode: &Shortcode) -> Piece {
        let index = self.environment.index;
        let context = self.environment.context;
        let page = &index.layout.pages[context.page];
        let dir = page.logical.parent().unwrap_or(Path::new(""));
        let folder = if page.kind == PageKind::Bundle {
            dir.join("files")
        } else {
            let stem = page
                .logical
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy();
            dir.join(format!("{stem}.files"))
        };
        let mut files = index.files_in(context.lang, &folder);
        if let Some(pattern) = shortcode.params.named(&["pattern"]) {
            match Pattern::parse(pattern) {
                Some(pattern) => files.retain(|f| {
                    f.file_name()
                        .is_some_and(|n| pattern.is_match(&n.to_string_lossy()))
                }),
                None => self.out.left.push((
                    shortcode.open.start,
                    format!(
                        "`attachments` pattern `{pattern}` is not understood; every file is listed"
                    ),
                )),
            }
        }
        if files.is_empty() {
            return Piece::Removed;
        }
        let code = &index.config.languages[context.lang].code;
        let mut list = String::new();
        if let Some(title) = shortcode.params.named(&["title"]) {
            list.push_str(&format!("**{}**\n\n", title.trim()));
        }
        for file in files {
            let name = file
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let link = relative_path(&context.out_dir, &Path::new(code).join(&file));
            list.push_str(&format!(
                "- [{}]({})\n",
                escape_brackets(&name),
                encode_destination(&link)
            ));
        }
        Piece::Block(list)
    }

    /// `button href=…` → a plain link.
    fn button(&mut self, shortcode: &Shortcode) -> Result<Piece, String> {
        let href = shortcode
            .params
            .get(&["href"], 0)
            .ok_or_else(|| "`button` without `href`; left as written".to_string())?
            .to_string();
        let label = self.inner(shortcode).replace('\n', " ");
        let label = if label.trim().is_empty() {
            href.clone()
        } else {
            label
        };
        let href = self.destination(&href, shortcode.open.start, false);
        Ok(Piece::Inline(format!("[{}]({href})", label.trim())))
    }

    /// `siteparam "name"` (and Hugo's `param`) → the value in the configuration.
    fn param(&mut self, shortcode: &Shortcode) -> Result<Piece, String> {
        let name = shortcode
            .params
            .get(&["name"], 0)
            .ok_or_else(|| format!("`{}` names no parameter; left as written", shortcode.name))?;
        let config = self.environment.index.config;
        config
            .param(self.environment.context.lang, name)
            .map(Piece::Inline)
            .ok_or_else(|| {
                format!(
                    "`{}`: the configuration has no param `{name}`; left as written",
                    shortcode.name
                )
            })
    }

    /// A destination in a shortcode parameter, as handbok reads it (counted like links).
    fn destination(&mut self, destination: &str, offset: usize, image: bool) -> String {
        let index = self.environment.index;
        let (resolution, asset) = index.resolve_target(self.environment.context, destination);
        self.out.assets.extend(asset);
        match resolution {
            Resolution::Rewrite(written) => {
                if image {
                    self.out.images += 1;
                } else {
                    self.out.links += 1;
                }
                written
            }
            Resolution::Keep => destination.to_string(),
            Resolution::Missing => {
                let what = if image { "image" } else { "link" };
                self.out.left.push((
                    offset,
                    format!(
                        "{what} `{destination}` points at nothing in the site; left as written"
                    ),
                ));
                destination.to_string()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::super::layout::{ContentFile, plan};
    use super::super::site_index::PageFacts;
    use super::*;

    /// `body` converted as the page `docs/a.md` of a small English site.
    fn converted(body: &str) -> Converted {
        let value: serde_json::Value =
            toml::from_str("[params]\nsupport = 'drift@example.no'\n[languages.en]\nweight = 1\n")
                .unwrap();
        let config = super::super::config::from_value(&value).unwrap();
        let files: Vec<ContentFile> = ["docs/_index.md", "docs/a.md", "docs/b.md", "docs/pic.png"]
            .iter()
            .map(|n| ContentFile {
                root: PathBuf::from("content"),
                path: PathBuf::from(n),
            })
            .collect();
        let layout = plan(&config, &files);
        let facts = vec![PageFacts::default(); layout.pages.len()];
        let index = SiteIndex::new(&config, &layout, &facts, HashSet::new(), HashSet::new());
        let page = layout
            .pages
            .iter()
            .position(|p| p.logical == Path::new("docs/a.md"))
            .unwrap();
        let context = index.context(page);
        let environment = Environment {
            index: &index,
            context: &context,
            site_shortcodes: &HashSet::new(),
            source: Path::new("/nonexistent"),
            aliases: &[],
        };
        convert(body, &environment)
    }

    #[test]
    fn alerts_of_relearn_docsy_and_hugo_book() {
        let out = converted(
            "{{% notice style=\"tip\" title=\"Hint\" %}}A{{% /notice %}}\n{{% alert color=\"danger\" %}}B{{% /alert %}}\n{{< hint warning >}}C{{< /hint >}}\n",
        );
        assert_eq!(
            out.text,
            "> [!TIP]\n> **Hint**\n>\n> A\n\n> [!CAUTION]\n> B\n\n> [!WARNING]\n> C\n"
        );
        assert_eq!(out.kinds.get("notice"), Some(&1));
        assert_eq!(out.kinds.get("alert"), Some(&1));
        assert_eq!(out.kinds.get("hint"), Some(&1));
    }

    #[test]
    fn docsy_tabpane_with_code_tabs() {
        let out = converted(
            "{{< tabpane lang=\"bash\" >}}\n{{< tab header=\"Linux\" >}}\nls -l\n{{< /tab >}}\n{{% tab header=\"Notes\" %}}\n**Read** this.\n{{% /tab %}}\n{{< /tabpane >}}\n",
        );
        assert_eq!(
            out.text,
            "::: tabs\n\n== Linux\n\n```bash\nls -l\n```\n\n== Notes\n\n**Read** this.\n\n:::\n"
        );
    }

    #[test]
    fn nested_blocks_are_quoted_whole() {
        let out = converted(
            "{{% notice note %}}\nFirst:\n\n{{< highlight sh >}}\nls\n{{< /highlight >}}\n{{% /notice %}}\n",
        );
        assert_eq!(out.text, "> [!NOTE]\n> First:\n>\n> ```sh\n> ls\n> ```\n");
    }

    #[test]
    fn figures_links_refs_and_params() {
        let out = converted(
            "{{< figure src=\"../pic.png\" alt=\"A [b]\" title=\"Say \\\"hi\\\"\" link=\"/docs/b/\" >}}\nSee [b]({{< ref \"b.md#x\" >}}) and [home]({{< relref \"/docs/_index.md\" >}}), mail {{< param \"support\" >}}.\n",
        );
        assert_eq!(
            out.text,
            "[![A \\[b\\]](pic.png \"Say \\\"hi\\\"\")](b.md)\n\nSee [b](b.md#x) and [home](_index.md), mail drift@example.no.\n"
        );
        assert_eq!((out.links, out.images), (1, 1));
    }

    #[test]
    fn what_cannot_be_converted_stays_as_written() {
        let body = "{{< ref \"nope.md\" >}} {{% siteparam \"missing\" %}} {{% include \"none.md\" %}}\n{{< youtube abc >}}\n{{< /tabs >}}\n";
        let out = converted(body);
        assert_eq!(out.text, body);
        let messages: Vec<&str> = out.left.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(messages.len(), 5, "{messages:#?}");
        assert!(messages[0].contains("finds no page"), "{messages:#?}");
        assert!(messages[1].contains("no param `missing`"), "{messages:#?}");
        assert!(messages[2].contains("is not in the site"), "{messages:#?}");
        assert!(
            messages[3].contains("no handbok equivalent"),
            "{messages:#?}"
        );
        assert!(messages[4].contains("closes no shortcode"), "{messages:#?}");
        assert!(out.kinds.is_empty());
    }

    #[test]
    fn guessed_names_yield_to_the_site_own_shortcodes() {
        let out = converted(
            "{{< note >}}Mine{{< /note >}}\n{{< details summary=\"More\" >}}x{{< /details >}}\n",
        );
        assert_eq!(
            out.text,
            "> [!NOTE]\n> Mine\n\n::: details More\n\nx\n\n:::\n"
        );
    }
}
