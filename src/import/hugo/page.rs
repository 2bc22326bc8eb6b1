//! One Hugo page converted: its front matter edited line by line (the keys handbok reads
//! mapped, aliases made handbok's, image paths rewritten), then its body's links and images
//! rewritten and its shortcodes converted. Pure: the page's text in, the new text out.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::convert::{self, Environment};
use super::front_matter::Matter;
use super::layout::PageKind;
use super::links;
use super::markdown;
use super::repair;
use super::site_index::{PageFacts, Resolution};
use crate::content::front_matter::{MatterFormat, split};

/// Keys whose values are image paths in the front matter of Hugo's themes.
const IMAGE_KEYS: &[&str] = &[
    "image",
    "images",
    "featured_image",
    "featuredImage",
    "featureImage",
    "thumbnail",
    "cover",
    "src",
    "banner",
];

#[derive(Debug, Default)]
pub struct ConvertedPage {
    pub text: String,
    pub shortcodes: BTreeMap<String, usize>,
    /// What front matter edits were made, by kind (`description → ingress`).
    pub front_matter: BTreeMap<String, usize>,
    pub links: usize,
    pub images: usize,
    /// 1-based lines of the file (when known) and what could not be converted there.
    pub problems: Vec<(Option<usize>, String)>,
    pub assets: Vec<String>,
    pub includes: Vec<PathBuf>,
    /// The `translation_key` the page ends up with, for counting translations.
    pub translation_key: Option<String>,
}

/// What [`SiteIndex`] needs to know of a page before any page is converted.
pub fn facts(text: &str) -> PageFacts {
    let Ok(split) = split(text) else {
        return PageFacts::default();
    };
    let Some(matter) = split.matter else {
        return PageFacts::default();
    };
    let matter = Matter::parse(matter, split.format);
    PageFacts {
        slug: matter.scalar("slug"),
        url: matter.scalar("url"),
        aliases: matter.items("aliases"),
    }
}

pub fn convert(environment: &Environment, text: &str) -> ConvertedPage {
    let mut converted = ConvertedPage::default();
    let parts = parts(text, &mut converted.problems);
    let mut assets = Vec::new();
    let new_body = convert_body(
        environment,
        parts.body,
        parts.body_line,
        &mut converted,
        &mut assets,
    );

    let mut matter = parts.matter;
    let edits = edit_front_matter(environment, matter.as_mut(), &new_body, &mut assets);
    converted.front_matter = edits.done;
    for (line, message) in edits.problems {
        converted
            .problems
            .push((line.map(|l| parts.matter_line + l - 1), message));
    }
    let mut out = String::with_capacity(text.len() + 64);
    out.push_str(parts.prefix);
    match (&matter, edits.new_matter) {
        (Some(matter), _) => {
            out.push_str(&matter.text());
            out.push_str(parts.between);
            converted.translation_key = matter.scalar("translation_key");
        }
        (None, Some(new)) => {
            out.push_str("---\n");
            out.push_str(&new.text());
            out.push_str("---\n");
        }
        (None, None) => {}
    }
    out.push_str(&new_body);
    converted.text = out;
    // In the order found: the body's links, the front matter, then the shortcodes.
    converted.assets.splice(0..0, assets);
    converted.problems.sort();
    converted
}

/// A page's text cut at its front matter.
struct Parts<'t> {
    /// What stands before the front matter (its opening line).
    prefix: &'t str,
    matter: Option<Matter>,
    /// What stands between the front matter and the body (its closing line).
    between: &'t str,
    body: &'t str,
    /// 1-based lines where the front matter and the body start.
    matter_line: usize,
    body_line: usize,
}

/// The page cut at its front matter; front matter that cannot be read is kept as written
/// (with a problem), and so is JSON front matter, which handbok does not read.
fn parts<'t>(text: &'t str, problems: &mut Vec<(Option<usize>, String)>) -> Parts<'t> {
    let parts = match split(text) {
        Ok(parts) => {
            let start = |part: &str| part.as_ptr() as usize - text.as_ptr() as usize;
            let body_start = start(parts.body);
            match parts.matter {
                Some(matter) => {
                    let matter_start = start(matter);
                    let matter_end = matter_start + matter.len();
                    Parts {
                        prefix: &text[..matter_start],
                        matter: Some(Matter::parse(matter, parts.format)),
                        between: &text[matter_end..body_start],
                        body: parts.body,
                        matter_line: parts.matter_line,
                        body_line: parts.body_line,
                    }
                }
                None => Parts {
                    prefix: &text[..body_start],
                    ..Parts::whole(parts.body)
                },
            }
        }
        Err(error) => {
            problems.push((
                Some(error.line),
                format!("{}; the front matter was left as written", error.message),
            ));
            Parts::whole(text)
        }
    };
    if parts.matter.is_none() && parts.body.trim_start().starts_with("{\n") {
        problems.push((
            Some(1),
            "JSON front matter is not read by handbok; left as written (write it as YAML between `---` lines)".into(),
        ));
    }
    parts
}

impl<'t> Parts<'t> {
    /// A page that is all body.
    fn whole(body: &'t str) -> Parts<'t> {
        Parts {
            prefix: "",
            matter: None,
            between: "",
            body,
            matter_line: 1,
            body_line: 1,
        }
    }
}

/// The body with its links and images rewritten and its shortcodes converted; what was
/// converted is counted in `converted`, what could not be is listed at its line.
fn convert_body(
    environment: &Environment,
    body: &str,
    body_line: usize,
    converted: &mut ConvertedPage,
    assets: &mut Vec<String>,
) -> String {
    let (context, index) = (environment.context, environment.index);
    let rewritten = links::rewrite(body, |destination, _| {
        let (resolution, asset) = index.resolve_target(context, destination);
        assets.extend(asset);
        resolution
    });
    let line_at = |offset: usize, text: &str| {
        body_line + text[..offset.min(text.len())].matches('\n').count()
    };
    for (offset, destination) in &rewritten.missing {
        converted.problems.push((
            Some(line_at(*offset, body)),
            format!("`{destination}` points at nothing in the site; left as written"),
        ));
    }
    let shortcodes = convert::convert(&rewritten.text, environment);
    for (offset, message) in &shortcodes.left {
        converted
            .problems
            .push((Some(line_at(*offset, &rewritten.text)), message.clone()));
    }
    let (text, undrawable) = markdown::undrawable_diagrams_as_code(&shortcodes.text);
    for (offset, message) in undrawable {
        converted.problems.push((
            Some(line_at(offset, &shortcodes.text)),
            format!("a mermaid diagram handbok cannot draw ({message}); kept as code"),
        ));
    }
    converted.shortcodes = shortcodes.kinds;
    converted.links = rewritten.links + shortcodes.links;
    converted.images = rewritten.images + shortcodes.images;
    converted.assets = shortcodes.assets;
    converted.includes = shortcodes.includes;
    text
}

#[derive(Default)]
struct FrontMatterEdits {
    done: BTreeMap<String, usize>,
    /// Lines within the front matter (1-based).
    problems: Vec<(Option<usize>, String)>,
    /// Front matter for a page that had none but needs some (a title).
    new_matter: Option<Matter>,
}

fn edit_front_matter(
    environment: &Environment,
    matter: Option<&mut Matter>,
    body: &str,
    assets: &mut Vec<String>,
) -> FrontMatterEdits {
    let mut edits = FrontMatterEdits::default();
    let page = &environment.index.layout.pages[environment.context.page];
    let needs_title = page.kind != PageKind::Section && !has_heading(body);
    let Some(matter) = matter else {
        if needs_title {
            let mut new = Matter::parse("", MatterFormat::Yaml);
            new.insert("title", &title_from_name(page));
            count(&mut edits, "title added from the file name", 1);
            edits.new_matter = Some(new);
        }
        return edits;
    };
    if !matter.has("ingress") && matter.rename("description", "ingress") {
        count(&mut edits, "description → ingress", 1);
    }
    if !matter.has("translation_key") && matter.rename("translationKey", "translation_key") {
        count(&mut edits, "translationKey → translation_key", 1);
    }
    edit_aliases(environment, matter, &mut edits);
    if !matter.has("headless") && matter.never_rendered() {
        matter.insert("headless", "true");
        count(&mut edits, "_build.render: never → headless: true", 1);
    }
    if needs_title && !matter.has_value("title") {
        let title = title_from_name(page);
        if !(matter.scalar("title").is_some() || matter.has("title") && matter.set("title", &title))
        {
            matter.insert("title", &title);
        }
        count(&mut edits, "title added from the file name", 1);
    }
    rewrite_image_paths(environment, matter, assets, &mut edits);
    for (line, why) in repair::repair(matter) {
        edits.problems.push((Some(line), why));
    }
    edits
}

/// `aliases` made handbok's as the site's alias plan says, those it refuses left out.
fn edit_aliases(environment: &Environment, matter: &mut Matter, edits: &mut FrontMatterEdits) {
    let plan = environment.aliases;
    let refused = |item: &str| plan.iter().any(|a| a.hugo == item && a.handbok.is_err());
    let line = matter.line_of("aliases");
    for alias in plan {
        if let Err(why) = &alias.handbok {
            edits.problems.push((line, format!("{why}; left out")));
        }
    }
    matter.remove_items("aliases", refused);
    let aliases = matter.map_items("aliases", |item| {
        plan.iter()
            .find(|a| a.hugo == item)
            .and_then(|a| a.handbok.clone().ok())
    });
    count(edits, "aliases made handbok's", aliases);
}

/// The image paths of the keys themes use for images, rewritten like the body's.
fn rewrite_image_paths(
    environment: &Environment,
    matter: &mut Matter,
    assets: &mut Vec<String>,
    edits: &mut FrontMatterEdits,
) {
    let mut missing = Vec::new();
    let images = matter.map_items_anywhere(IMAGE_KEYS, |line, value| {
        if !looks_like_image(value) {
            return None;
        }
        let (resolution, asset) = environment.index.resolve_target(environment.context, value);
        assets.extend(asset);
        match resolution {
            Resolution::Rewrite(written) => Some(written),
            Resolution::Keep => None,
            Resolution::Missing => {
                missing.push((line + 1, value.to_string()));
                None
            }
        }
    });
    count(edits, "image paths rewritten", images);
    for (line, value) in missing {
        edits.problems.push((
            Some(line),
            format!("image `{value}` points at nothing in the site; left as written"),
        ));
    }
}

fn count(edits: &mut FrontMatterEdits, what: &str, n: usize) {
    if n > 0 {
        *edits.done.entry(what.to_string()).or_default() += n;
    }
}

fn looks_like_image(value: &str) -> bool {
    let path = value.split(['?', '#']).next().unwrap_or("").to_lowercase();
    [".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif"]
        .iter()
        .any(|e| path.ends_with(e))
}

/// Whether the body has a `# ` heading outside code (handbok's other source of a title).
fn has_heading(body: &str) -> bool {
    let mut fence: Option<&str> = None;
    for line in body.lines() {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") {
            fence = Some("```");
        } else if trimmed.starts_with("~~~") {
            fence = Some("~~~");
        } else if line
            .strip_prefix("# ")
            .is_some_and(|t| !t.trim().trim_matches('#').is_empty())
        {
            return true;
        }
    }
    false
}

/// `getting-started.md` → `Getting started` (Hugo shows an empty title; handbok needs one).
fn title_from_name(page: &super::layout::PageFile) -> String {
    let name = match page.kind {
        PageKind::Bundle => page.logical.parent().and_then(|p| p.file_name()),
        _ => page.logical.file_stem(),
    };
    let words = name
        .map(|n| n.to_string_lossy().replace(['-', '_'], " "))
        .unwrap_or_default();
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Untitled".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_heading_with_text_is_a_title() {
        assert!(has_heading("Intro\n\n# Drift\n"));
        assert!(!has_heading("#\n\ntext\n"));
        assert!(!has_heading("# \n"));
        assert!(!has_heading("```\n# comment\n```\n"));
        assert!(!has_heading("#hashtag\n"));
    }
}
