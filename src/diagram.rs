//! Mermaid diagrams drawn as SVG at build time (no script in the reader's browser), by
//! mermaid-svg: pure Rust, MIT, one small dependency, about a millisecond a diagram, and
//! errors that give the diagram's line (see the README's Dependencies for the comparison).
//!
//! The drawings' colours are the light values of the theme's custom properties ([`PALETTE`]);
//! handbok.css maps each back to its property (`[fill="#1f2328"] { fill: var(--hb-text) }`),
//! so a diagram follows dark mode and a site's own colours, and still looks right where no
//! stylesheet applies. Ids inside a drawing are marked, so that each use on a page gets ids
//! of its own ([`Svg::with_id_prefix`]). [`Diagrams`] draws each distinct source once.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex};

use mermaid_svg::{ParseError, RenderError, Theme};
use rustc_hash::FxBuildHasher;

use crate::html::escape_attribute;

/// Each colour the drawings use, and the theme's custom property that replaces it. The first
/// of each property is its light value, given to the renderer; the others are colours the
/// renderer writes on its own (white markers and numbers, its yellow notes of state diagrams).
pub const PALETTE: &[(&str, &str)] = &[
    (TEXT, "--hb-text"),
    (MUTED, "--hb-muted"),
    (BACKGROUND, "--hb-background"),
    ("#fff", "--hb-background"),
    (SURFACE, "--hb-surface"),
    (BORDER, "--hb-border"),
    (ACCENT, "--hb-accent"),
    (FILL, "--hb-diagram-fill"),
    (NOTE, "--hb-diagram-note"),
    ("#FFF5AD", "--hb-diagram-note"),
    (NOTE_BORDER, "--hb-diagram-note-border"),
    ("#aaaa33", "--hb-diagram-note-border"),
];

const TEXT: &str = "#1f2328";
const MUTED: &str = "#545d68";
const BACKGROUND: &str = "#ffffff";
const SURFACE: &str = "#f4f6f8";
const BORDER: &str = "#d0d7de";
const ACCENT: &str = "#0b5cad";
const FILL: &str = "#e8f1fb";
const NOTE: &str = "#fff5c2";
const NOTE_BORDER: &str = "#b08800";

/// Stands for the id prefix in a drawn SVG until it is used on a page.
const ID_MARK: char = '\u{1}';

fn theme() -> &'static Theme {
    static THEME: std::sync::OnceLock<Theme> = std::sync::OnceLock::new();
    THEME.get_or_init(|| {
        let c = Cow::Borrowed;
        Theme {
            fg: c(TEXT),
            fg_muted: c(MUTED),
            bg: c(BACKGROUND),
            actor_fill: c(FILL),
            actor_stroke: c(ACCENT),
            lifeline: c(MUTED),
            arrow_stroke: c(TEXT),
            note_fill: c(NOTE),
            note_stroke: c(NOTE_BORDER),
            activation_fill: c(FILL),
            activation_stroke: c(ACCENT),
            frame_label_fill: c(FILL),
            flow_node_fill: c(FILL),
            flow_node_stroke: c(ACCENT),
            flow_edge_stroke: c(TEXT),
            flow_label_bg: c(SURFACE),
            flow_cluster_fill: c(SURFACE),
            flow_cluster_stroke: c(BORDER),
            ..Theme::default_theme()
        }
    })
}

/// A drawn diagram: an `<svg>` with `role="img"` and its accessible name, its ids marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Svg {
    marked: String,
}

impl Svg {
    /// The SVG with `prefix` before each of its ids (and each reference to one).
    pub fn with_id_prefix(&self, prefix: &str) -> String {
        let mut buffer = [0; 4];
        self.marked
            .replace(ID_MARK.encode_utf8(&mut buffer) as &str, prefix)
    }
}

/// Why a diagram could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagramError {
    /// The line of the diagram (1 is the fence's next line), where the renderer says.
    pub line: Option<usize>,
    pub message: String,
}

/// Draws a diagram's source.
pub fn draw(source: &str) -> Result<Svg, DiagramError> {
    if let Some(error) = state_inside_itself(source) {
        return Err(error);
    }
    // A renderer bug must not take the build down: it is this diagram's error.
    let drawn = catch_unwind(AssertUnwindSafe(|| {
        mermaid_svg::render_with(source, theme())
    }))
    .map_err(|_| DiagramError {
        line: None,
        message: "the renderer (mermaid-svg) failed on it; simplify the diagram or report it"
            .into(),
    })?;
    match drawn {
        Ok(svg) => Ok(Svg {
            marked: accessible(&mark_ids(&svg), &accessible_name(source)),
        }),
        Err(RenderError::Parse(ParseError::Syntax { line, message, .. })) => Err(DiagramError {
            line: Some(line),
            message,
        }),
        Err(RenderError::Parse(ParseError::Empty)) => Err(DiagramError {
            line: None,
            message: "the diagram is empty".into(),
        }),
        Err(other) => Err(DiagramError {
            line: None,
            message: other.to_string(),
        }),
    }
}

/// A state diagram whose composite state holds itself, directly (`state A { A --> B }`) or
/// through another (`state A { B }` and `state B { A }`): the renderer recurses into it
/// until the stack overflows, which aborts the whole process (no panic to catch), so it is
/// refused first, at the line that closes the loop.
fn state_inside_itself(source: &str) -> Option<DiagramError> {
    let mut lines = source.lines().enumerate().peekable();
    if lines.peek().is_some_and(|(_, line)| line.trim() == "---") {
        lines.next();
        lines.by_ref().find(|(_, line)| line.trim() == "---");
    }
    let mut lines = lines.filter(|(_, line)| {
        let line = line.trim();
        !line.is_empty() && !line.starts_with("%%")
    });
    if !lines.next()?.1.trim_start().starts_with("stateDiagram") {
        return None;
    }
    // Which states each composite state holds, found so far.
    let mut holds: HashMap<String, HashSet<String>> = HashMap::new();
    let mut open: Vec<String> = Vec::new();
    for (index, line) in lines {
        let line = without_quoted(line.trim());
        if line.starts_with('}') {
            open.pop();
            continue;
        }
        let head = line.split(':').next().unwrap_or_default();
        for name in head.split("-->").map(state_name).filter(|n| !n.is_empty()) {
            for outer in &open {
                holds
                    .entry(outer.clone())
                    .or_default()
                    .insert(name.to_string());
            }
            if open.iter().any(|outer| holds_itself(&holds, outer)) {
                return Some(DiagramError {
                    line: Some(index + 1),
                    message: format!(
                        "state `{name}` is inside its own composite state (here or through another); give the inner one another name"
                    ),
                });
            }
        }
        if line.starts_with("state ") && line.ends_with('{') {
            open.push(state_name(head).to_string());
        }
    }
    None
}

/// Whether `state` can be reached from itself through what the composite states hold.
fn holds_itself(holds: &HashMap<String, HashSet<String>>, state: &str) -> bool {
    let mut seen = HashSet::new();
    let mut stack: Vec<&str> = holds
        .get(state)
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    while let Some(next) = stack.pop() {
        if next == state {
            return true;
        }
        if seen.insert(next) {
            stack.extend(holds.get(next).into_iter().flatten().map(String::as_str));
        }
    }
    false
}

/// A line with its quoted text taken out (`state "Long: name" as A {` → `state "" as A {`),
/// so a colon or arrow in a description is not read as syntax.
fn without_quoted(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut quoted = false;
    for c in line.chars() {
        if c == '"' {
            quoted = !quoted;
            out.push(c);
        } else if !quoted {
            out.push(c);
        }
    }
    out
}

/// The state a part of a state diagram's line names: `state "Long name" as A {` → `A`.
fn state_name(part: &str) -> &str {
    let part = part.trim().trim_end_matches('{').trim();
    let part = part.strip_prefix("state ").unwrap_or(part).trim();
    let part = part
        .rsplit_once(" as ")
        .map_or(part, |(_, name)| name)
        .trim();
    let name = part.split_whitespace().next().unwrap_or_default();
    if name == "[*]" || name.starts_with('"') {
        ""
    } else {
        name
    }
}

/// Each id, and each reference to one, with the mark before it. The renderer refers to its
/// ids through `url(#…)` (markers) and `aria-describedby`; an `href` is the author's link
/// (`click A "#restore"`), left as written.
fn mark_ids(svg: &str) -> String {
    let mark = ID_MARK.to_string();
    svg.replace("id=\"", &format!("id=\"{mark}"))
        .replace("url(#", &format!("url(#{mark}"))
        .replace("aria-describedby=\"", &format!("aria-describedby=\"{mark}"))
}

/// The SVG as an image with a name: the renderer's document roles and its label (which points
/// at a title only some diagrams have) give way to `role="img"` and `aria-label`.
fn accessible(svg: &str, name: &str) -> String {
    let Some(end) = svg.find('>').filter(|_| svg.starts_with("<svg")) else {
        return svg.to_string();
    };
    let mut tag = svg[..end].to_string();
    for attribute in ["role", "aria-roledescription", "aria-labelledby"] {
        let key = format!(" {attribute}=\"");
        if let Some(start) = tag.find(&key)
            && let Some(length) = tag[start + key.len()..].find('"')
        {
            tag.replace_range(start..start + key.len() + length + 1, "");
        }
    }
    format!(
        "<svg role=\"img\" aria-label=\"{}\"{}{}",
        escape_attribute(name),
        &tag["<svg".len()..],
        &svg[end..]
    )
}

/// What the diagram calls itself: the `title` of its front matter, else its `accTitle`, else
/// its first line below the line that names its kind (which says nothing of this diagram).
pub fn accessible_name(source: &str) -> String {
    let mut lines = source
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("%%"))
        .peekable();
    let mut title = None;
    if lines.next_if_eq(&"---").is_some() {
        for line in lines.by_ref().take_while(|line| *line != "---") {
            if let Some(value) = line.strip_prefix("title:") {
                title = Some(unquoted(value));
            }
        }
    }
    let mut lines = lines.peekable();
    let kind_line = lines.peek().copied().unwrap_or_default();
    let acc_title = lines
        .clone()
        .find_map(|line| line.strip_prefix("accTitle:"))
        .map(unquoted);
    title
        .or(acc_title)
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| {
            // `graph TD; A-->B` has its first statement on the kind's line.
            match kind_line.split_once(';') {
                Some((_, rest)) if !rest.trim().is_empty() => rest.trim().to_string(),
                _ => lines.nth(1).unwrap_or(kind_line).to_string(),
            }
        })
}

fn unquoted(value: &str) -> String {
    let value = value.trim();
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value)
        .to_string()
}

/// A diagram drawn, or why it could not be, shared by every page that has its source.
pub type Drawn = Arc<Result<Svg, DiagramError>>;

type BySource = HashMap<String, Drawn, FxBuildHasher>;

/// The diagrams of one build, each distinct source drawn once (in memory only).
#[derive(Default)]
pub struct Diagrams {
    drawn: Mutex<BySource>,
}

/// More distinct sources than a handbook has: the dev server's edits would otherwise pile up.
const MOST_KEPT: usize = 20_000;

impl Diagrams {
    pub fn draw(&self, source: &str) -> Drawn {
        if let Some(drawn) = self.lock().get(source) {
            return Arc::clone(drawn);
        }
        // Drawn outside the lock, so pages drawing other diagrams do not wait.
        let drawn = Arc::new(draw(source));
        let mut kept = self.lock();
        if kept.len() >= MOST_KEPT {
            kept.clear();
        }
        kept.insert(source.to_string(), Arc::clone(&drawn));
        drawn
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BySource> {
        self.drawn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_draws_an_image_named_by_its_title_or_first_line() {
        let flowchart = draw("flowchart TD\n  a[Alert] --> b{Impact?}\n").unwrap();
        let svg = flowchart.with_id_prefix("d1-");
        assert!(
            svg.starts_with("<svg role=\"img\" aria-label=\"a[Alert] --&gt; b{Impact?}\""),
            "{svg}"
        );
        assert!(!svg.contains("graphics-document") && !svg.contains(ID_MARK));
        let sequence = draw("sequenceDiagram\n  accTitle: Deploy\n  A->>B: go\n").unwrap();
        assert!(
            sequence
                .with_id_prefix("")
                .starts_with("<svg role=\"img\" aria-label=\"Deploy\"")
        );
        let state = draw("---\ntitle: \"Hendelse: løp\"\n---\nstateDiagram-v2\n  [*] --> Åpen\n")
            .unwrap()
            .with_id_prefix("");
        assert!(
            state.starts_with("<svg role=\"img\" aria-label=\"Hendelse: løp\""),
            "{state}"
        );
        assert!(state.contains("Åpen"));
    }

    #[test]
    fn ids_and_references_get_the_prefix() {
        let svg = draw("flowchart LR\n  A --> B\n").unwrap();
        let (one, two) = (svg.with_id_prefix("d1-"), svg.with_id_prefix("d2-"));
        let ids = |svg: &str| -> Vec<String> {
            svg.split("id=\"")
                .skip(1)
                .map(|rest| rest[..rest.find('"').unwrap()].to_string())
                .collect()
        };
        assert!(!ids(&one).is_empty());
        assert!(ids(&one).iter().all(|id| id.starts_with("d1-")));
        assert!(ids(&two).iter().all(|id| id.starts_with("d2-")));
        assert!(one.contains("url(#d1-"), "{one}");
        let linked = draw("flowchart LR\n  A --> B\n  click A \"#restore\"\n").unwrap();
        assert!(linked.with_id_prefix("d1-").contains("href=\"#restore\""));
    }

    #[test]
    fn a_syntax_error_gives_the_diagram_line() {
        let error = draw("flowchart TD\n  A[Start --> B\n").unwrap_err();
        assert_eq!(error.line, Some(2));
        assert!(error.message.contains(']'), "{}", error.message);
        assert!(draw("").is_err());
        assert!(draw("notADiagram\n  x\n").is_err());
    }

    #[test]
    fn names_come_from_front_matter_acc_title_or_the_first_statement() {
        assert_eq!(accessible_name("graph TD; A-->B"), "A-->B");
        assert_eq!(
            accessible_name("%% note\nsequenceDiagram"),
            "sequenceDiagram"
        );
        assert_eq!(
            accessible_name("---\ntitle: Restore\n---\nflowchart TD\naccTitle: Other\nA-->B"),
            "Restore"
        );
        assert_eq!(
            accessible_name("flowchart TD\n  accTitle: Other\n  A-->B"),
            "Other"
        );
    }

    #[test]
    fn the_theme_maps_every_palette_colour_to_its_custom_property() {
        let css = include_str!("../static/theme/handbok.css");
        for (colour, property) in PALETTE {
            for attribute in ["fill", "stroke"] {
                let rule =
                    format!("[{attribute}=\"{colour}\"] {{ {attribute}: var({property}); }}");
                assert!(css.contains(&rule), "handbok.css lacks {rule}");
            }
        }
    }

    #[test]
    fn the_benchmark_samples_draw_with_a_comment_too() {
        for (kind, source) in crate::corpus::DIAGRAMS {
            let commented = source.replacen('\n', "\n    %% page 7\n", 1);
            assert!(draw(source).is_ok(), "{kind}");
            assert!(draw(&commented).is_ok(), "{kind} with a comment");
        }
    }

    #[test]
    fn a_source_is_drawn_once() {
        let diagrams = Diagrams::default();
        let first = diagrams.draw("flowchart LR\n  A --> B\n");
        let again = diagrams.draw("flowchart LR\n  A --> B\n");
        assert!(Arc::ptr_eq(&first, &again));
    }

    #[test]
    fn a_state_inside_its_own_composite_is_refused_at_its_line() {
        for (source, line) in [
            ("stateDiagram-v2\n  state A {\n    A --> B\n  }\n", 3),
            (
                "stateDiagram-v2\n  state A {\n    state B {\n      C --> A\n    }\n  }\n",
                4,
            ),
            (
                "---\ntitle: x\n---\nstateDiagram\n  state \"Open\" as A {\n    state A\n  }\n",
                6,
            ),
            (
                "stateDiagram-v2\n  state \"Long: name\" as A {\n    A --> B\n  }\n",
                3,
            ),
            (
                "stateDiagram-v2\n  state A {\n    B\n  }\n  state B {\n    A\n  }\n",
                6,
            ),
        ] {
            let error = draw(source).unwrap_err();
            assert_eq!(error.line, Some(line), "{source}");
            assert!(
                error.message.contains("inside its own composite"),
                "{error:?}"
            );
        }
        let fine =
            "stateDiagram-v2\n  state A {\n    [*] --> B\n  }\n  A --> C\n  C --> A: retry\n";
        assert!(draw(fine).is_ok());
    }
}
