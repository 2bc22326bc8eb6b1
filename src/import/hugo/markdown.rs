//! The Markdown that takes the place of shortcodes: a body written piece by piece, with
//! blocks (alerts, fences, directives) on lines of their own, and the small text helpers
//! the conversions share.

/// GitHub's alert kinds for the kinds and colours of the themes' boxes.
pub fn alert_label(kind: &str) -> &'static str {
    // Docsy's `color="warning td-max-width-on-larger-screens"`: the first word is the kind.
    let kind = kind.split_whitespace().next().unwrap_or("").to_lowercase();
    match kind.as_str() {
        "tip" | "success" | "green" | "hint" => "TIP",
        "important" | "purple" => "IMPORTANT",
        "warning" | "warn" | "orange" | "yellow" | "attention" => "WARNING",
        "danger" | "error" | "caution" | "red" | "alert" => "CAUTION",
        _ => "NOTE",
    }
}

/// A directive line, the parts each after a blank line, and the closing `:::`.
pub fn directive_block(open: &str, parts: &[String]) -> String {
    let mut block = format!("{open}\n");
    for part in parts.iter().filter(|p| !p.is_empty()) {
        block.push('\n');
        block.push_str(part);
        block.push('\n');
    }
    block.push_str("\n:::\n");
    block
}

/// Code in a fence longer than any run of backticks in it.
pub fn fenced(lang: &str, code: &str) -> String {
    let longest = code
        .lines()
        .map(|l| l.trim_start().chars().take_while(|&c| c == '`').count())
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let mut block = format!("{fence}{}\n", lang.trim());
    if !code.is_empty() {
        block.push_str(code);
        block.push('\n');
    }
    block.push_str(&fence);
    block.push('\n');
    block
}

pub fn escape_brackets(text: &str) -> String {
    text.replace('[', "\\[").replace(']', "\\]")
}

pub fn trim_blank_lines(text: &str) -> &str {
    let start = text
        .find(|c: char| !c.is_whitespace())
        .map_or(text.len(), |first| {
            text[..first].rfind('\n').map_or(0, |n| n + 1)
        });
    text[start..].trim_end()
}

/// Lines without the leading white space all non-blank lines share.
pub fn dedent(text: &str) -> String {
    let common = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    if common == 0 {
        return text.to_string();
    }
    text.lines()
        .map(|l| l.get(common..).unwrap_or(l.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The converted body being written: text as it comes, blocks on lines of their own with a
/// blank line before and after (indented as the line the shortcode stood on).
#[derive(Default)]
pub struct Output {
    pub text: String,
    after_block: bool,
    /// White space that came after a block, until something else comes.
    pending: String,
    /// The block before ends with a list item.
    after_list: bool,
}

impl Output {
    pub fn text(&mut self, text: &str) {
        if !self.after_block {
            self.text.push_str(text);
            return;
        }
        // White space after a block waits: what follows keeps its own line's indentation.
        self.pending.push_str(text);
        let Some(first) = self.pending.find(|c: char| !c.is_whitespace()) else {
            return;
        };
        let pending = std::mem::take(&mut self.pending);
        let line_start = pending[..first].rfind('\n').map_or(first, |n| n + 1);
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.text.push('\n');
        }
        // Indented code right after a list would read as part of its last item.
        let rest = &pending[line_start..];
        if self.after_list && (rest.starts_with('\t') || rest.starts_with("    ")) {
            self.text.push_str("<!-- -->\n\n");
        }
        self.text.push_str(rest);
        self.after_block = false;
    }

    pub fn block(&mut self, block: &str) {
        let line_start = self.text.rfind('\n').map_or(0, |n| n + 1);
        let current = &self.text[line_start..];
        let indent = if current.trim().is_empty() {
            let indent = current.to_string();
            self.text.truncate(line_start);
            indent
        } else {
            let kept = self.text.trim_end_matches([' ', '\t']).len();
            self.text.truncate(kept);
            self.text.push('\n');
            String::new()
        };
        // A blank line before, unless nothing but blank lines came before.
        if !self.text.trim().is_empty() && !self.text.ends_with("\n\n") {
            self.text.push('\n');
        }
        for line in block.trim_end().lines() {
            if !line.trim().is_empty() {
                self.text.push_str(&indent);
            }
            self.text.push_str(line);
            self.text.push('\n');
        }
        self.after_block = true;
        self.pending.clear();
        self.after_list = block
            .trim_end()
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("- "));
    }

    /// A shortcode that leaves nothing: a line it stood alone on goes with it.
    pub fn removed(&mut self) {
        let line_start = self.text.rfind('\n').map_or(0, |n| n + 1);
        if self.text[line_start..].trim().is_empty() {
            self.text.truncate(line_start);
            self.after_block = true;
            self.after_list = false;
        }
    }
}

/// The text with each ```` ```mermaid ```` fence whose diagram handbok cannot draw made a
/// plain code block (`text`), and the byte offset and the renderer's message of each. Hugo
/// sites draw diagrams in the reader's browser with whatever mermaid.js they ship, so an
/// older syntax (`gitGraph:` with `options`) would stop the imported site's build; as code
/// the reader still sees it, and the report says where to mend it.
pub fn undrawable_diagrams_as_code(text: &str) -> (String, Vec<(usize, String)>) {
    let mut out = String::with_capacity(text.len());
    let mut found = Vec::new();
    let mut fence: Option<(char, usize, usize, usize)> = None; // char, length, opening line's start in `out`, body start in `text`
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = out.len();
        out.push_str(line);
        let trimmed = line.trim_start();
        let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~');
        let run = marker.map_or(0, |c| trimmed.chars().take_while(|x| *x == c).count());
        match (fence, marker) {
            (None, Some(c)) if run >= 3 => {
                let info = trimmed[run..].split_whitespace().next().unwrap_or_default();
                let body = offset + line.len();
                fence = Some((
                    c,
                    run,
                    if info == "mermaid" { start } else { usize::MAX },
                    body,
                ));
            }
            (Some((c, length, opening, body)), Some(m))
                if m == c && run >= length && trimmed[run..].trim().is_empty() =>
            {
                fence = None;
                if opening != usize::MAX
                    && let Err(error) = crate::diagram::draw(&text[body..offset])
                {
                    let at = out[opening..]
                        .find("mermaid")
                        .map_or(opening, |i| opening + i);
                    out.replace_range(at..at + "mermaid".len(), "text");
                    found.push((body, error.message));
                }
            }
            _ => {}
        }
        offset += line.len();
    }
    (out, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_get_lines_and_blank_lines_of_their_own() {
        let mut out = Output::default();
        out.text("Intro text ");
        out.block("> [!NOTE]\n> x\n");
        out.text(" after\nmore\n");
        assert_eq!(out.text, "Intro text\n\n> [!NOTE]\n> x\n\nafter\nmore\n");

        let mut out = Output::default();
        out.text("1. Step\n   ");
        out.block("```sh\nls\n```\n");
        out.text("\n\n2. Next\n");
        assert_eq!(out.text, "1. Step\n\n   ```sh\n   ls\n   ```\n\n2. Next\n");

        // Indented code after a block stays indented, even when it comes in pieces.
        let mut out = Output::default();
        out.block("- a\n");
        out.text("\n\n    ");
        out.text("{{< x >}}\n");
        assert_eq!(out.text, "- a\n\n<!-- -->\n\n    {{< x >}}\n");
    }

    #[test]
    fn removed_shortcodes_take_their_line() {
        let mut out = Output::default();
        out.text("# Title\n\n");
        out.removed();
        out.text("\n\nText\n");
        assert_eq!(out.text, "# Title\n\nText\n");
    }

    #[test]
    fn fences_outgrow_backticks_inside() {
        assert_eq!(fenced("go", "x := 1"), "```go\nx := 1\n```\n");
        assert_eq!(
            fenced("md", "```\ncode\n```"),
            "````md\n```\ncode\n```\n````\n"
        );
    }

    #[test]
    fn alert_kinds_of_every_theme() {
        let kinds: Vec<&str> = [
            "note",
            "info",
            "tip",
            "warning",
            "danger",
            "error",
            "important",
            "primary",
            "orange",
            "success",
        ]
        .iter()
        .map(|k| alert_label(k))
        .collect();
        assert_eq!(
            kinds,
            [
                "NOTE",
                "NOTE",
                "TIP",
                "WARNING",
                "CAUTION",
                "CAUTION",
                "IMPORTANT",
                "NOTE",
                "WARNING",
                "TIP"
            ]
        );
    }

    #[test]
    fn inner_text_is_trimmed_and_dedented() {
        assert_eq!(dedent(trim_blank_lines("\n\n   a\n     b\n   ")), "a\n  b");
        assert_eq!(trim_blank_lines("x\n"), "x");
    }

    #[test]
    fn diagrams_handbok_cannot_draw_become_code_and_are_listed() {
        let text = "```mermaid\ngitGraph:\noptions\n{}\nend\n```\n\n```mermaid\nflowchart LR\n  A --> B\n```\n\n````md\n```mermaid\nnot a diagram\n```\n````\n";
        let (out, found) = undrawable_diagrams_as_code(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(out.starts_with("```text\ngitGraph:"), "{out}");
        assert!(out.contains("```mermaid\nflowchart LR"), "{out}");
        assert!(out.contains("````md\n```mermaid\nnot a diagram"), "{out}");
    }
}
