//! One Markdown file: its front matter, title and body. [`Page::parse`] is pure; the library
//! reads files and places pages in the tree.

use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::front_matter::{self, FrontMatter};
use crate::diagnostic::Diagnostic;
use crate::url::segment_from_name;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// A regular page, `ops.md` or a bundle's `index.md`.
    Page,
    /// A section's `_index.md` (the language's front page when directly in the language folder).
    SectionIndex,
}

#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to `content/`, e.g. `en/ops.md`: the key of the page everywhere.
    pub source: PathBuf,
    pub kind: PageKind,
    pub lang: String,
    pub front: FrontMatter,
    /// From front matter or the first `# ` heading; `None` only for a section index without one.
    pub title: Option<String>,
    /// Byte range in `body` of the heading the title was taken from, so it is not shown twice.
    pub title_heading: Option<Range<usize>>,
    /// 1-based line of the `banner:` key, for locating banner errors.
    pub banner_line: Option<usize>,
    /// 1-based line of the `aliases:` key, for locating alias errors.
    pub aliases_line: Option<usize>,
    /// 1-based line of the `template:` key, for locating a missing template.
    pub template_line: Option<usize>,
    pub body: String,
    /// 1-based line in the file where `body` starts, for locating errors in the body.
    pub body_line: usize,
    // Placed by `Library::link`, which sees the whole tree:
    /// Where the page lives in the built site, e.g. `/en/ops/`.
    pub site_path: String,
    /// The section (folder relative to `content/`) that lists this page.
    pub section: PathBuf,
    /// Pages with equal keys in different languages are translations of each other.
    pub translation_key: String,
}

impl Page {
    /// Parses a page. `source` is relative to `content/`; its first component is the language.
    /// Returns the page and what was found about it (warnings, and errors that leave the
    /// page whole enough to keep in the model, so one problem does not hide the others or
    /// make its translation look missing), or the errors that leave no page at all.
    pub fn parse(source: &Path, text: &str) -> Result<(Page, Vec<Diagnostic>), Vec<Diagnostic>> {
        let file = Path::new("content").join(source);
        let located = |e| vec![front_matter_error(&file, e)];
        let split = front_matter::split(text).map_err(located)?;
        let parsed = front_matter::parse(&split).map_err(located)?;
        let mut findings = front_matter_warnings(&file, &split, &parsed);
        let mut front = parsed.front_matter;
        let kind = PageKind::of(source);
        let (title, title_heading) = match find_title(&front, split.body) {
            Some((title, heading)) => (Some(title), heading),
            None => (None, None),
        };
        let key_line = |key: &str| split.key_line(key);
        findings.extend(settle_slug(&mut front, &file, key_line("slug")));
        let banner_line = key_line("banner");
        findings.extend(check_banner(&mut front, &file, banner_line));
        if title.is_none() && kind == PageKind::Page {
            let mut errors = vec![
                Diagnostic::error("title", &file, "page has no title")
                    .at_line(1)
                    .help(
                        "add `title: …` to the front matter, or start the page with a `# Heading`",
                    ),
            ];
            errors.extend(findings);
            return Err(errors);
        }
        let page = Page {
            source: source.to_path_buf(),
            kind,
            lang: super::library::lang_of(source),
            front,
            title,
            title_heading,
            banner_line,
            aliases_line: key_line("aliases"),
            template_line: key_line("template"),
            body: split.body.to_string(),
            body_line: split.body_line,
            site_path: String::new(),
            section: PathBuf::new(),
            translation_key: String::new(),
        };
        Ok((page, findings))
    }

    /// The file's path as users see it in messages, relative to the site root.
    pub fn file(&self) -> PathBuf {
        Path::new("content").join(&self.source)
    }

    pub fn title_or_empty(&self) -> &str {
        self.title.as_deref().unwrap_or("")
    }

    /// What other pages show of this page and where it sits in the tree (navigation, cards,
    /// switchers, previous/next, URL). Equal listings mean only the body changed.
    pub fn listing(&self) -> Listing<'_> {
        let front = &self.front;
        Listing {
            title: self.title.as_deref(),
            ingress: front.ingress.as_deref(),
            subtitle: front.subtitle(),
            banner: front.banner.as_ref(),
            weight: front.weight,
            slug: front.slug.as_deref(),
            translation_key: front.translation_key.as_deref(),
            draft: front.draft,
            template: front.template.as_deref(),
        }
    }

    pub fn is_bundle(&self) -> bool {
        self.source.file_name().is_some_and(|n| n == "index.md")
    }
}

#[derive(Debug, PartialEq)]
pub struct Listing<'a> {
    title: Option<&'a str>,
    ingress: Option<&'a str>,
    subtitle: Option<&'a str>,
    banner: Option<&'a super::front_matter::Banner>,
    weight: Option<i64>,
    slug: Option<&'a str>,
    translation_key: Option<&'a str>,
    draft: bool,
    template: Option<&'a str>,
}

impl PageKind {
    fn of(source: &Path) -> PageKind {
        if source.file_name().is_some_and(|n| n == "_index.md") {
            PageKind::SectionIndex
        } else {
            PageKind::Page
        }
    }
}

fn front_matter_error(file: &Path, error: front_matter::FrontMatterError) -> Diagnostic {
    let mut diagnostic =
        Diagnostic::error("front-matter", file, error.message).at(error.line, error.column);
    diagnostic.help = error.help;
    diagnostic
}

/// What the front matter holds that is read all the same but worth fixing: unknown keys,
/// blank lines before it, values running on over unindented lines.
fn front_matter_warnings(
    file: &Path,
    split: &front_matter::Split<'_>,
    parsed: &front_matter::Parsed,
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for (key, line) in &parsed.unknown_keys {
        let mut d = Diagnostic::warning(
            "unknown-key",
            file,
            format!("unknown front matter key `{key}` is ignored"),
        );
        if let Some(line) = line {
            d = d.at_line(*line);
        }
        if let Some(known) = front_matter::suggest_key(key) {
            d = d.help(format!("did you mean `{known}`?"));
        }
        warnings.push(d);
    }
    if split.blank_lines_before > 0 {
        warnings.push(
            Diagnostic::warning(
                "front-matter",
                file,
                "blank lines before the front matter (read as front matter all the same)",
            )
            .at_line(1)
            .help("start the file with the `---` line; other tools (Hugo, GitHub) need it first"),
        );
    }
    for line in &parsed.unindented_continuations {
        warnings.push(
            Diagnostic::warning("front-matter", file, "this line continues the value above it but is not indented (not valid YAML; read as part of that value)")
                .at_line(*line)
                .help("indent it under its key, or put the whole value in quotes"),
        );
    }
    warnings
}

/// The title from front matter, or else from the first `# ` heading (with that heading's
/// range in `body`, so it is not shown twice).
fn find_title(front: &FrontMatter, body: &str) -> Option<(String, Option<Range<usize>>)> {
    match front.title.as_deref().map(str::trim) {
        Some(title) if !title.is_empty() => Some((title.to_string(), None)),
        _ => first_h1(body).map(|(title, range)| (title, Some(range))),
    }
}

/// Reads a slug written with slashes around it (`/drift/`, as Hugo sites often write it) as
/// the bare segment, with a warning; drops a slug that cannot be one segment, with an error,
/// so the page stays at its file's URL rather than wherever the slug would put it.
fn settle_slug(front: &mut FrontMatter, file: &Path, slug_line: Option<usize>) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    let trimmed_slug = front.slug.as_deref().map(|s| s.trim().trim_matches('/'));
    if let Some(trimmed) = trimmed_slug
        && Some(trimmed) != front.slug.as_deref()
        && slug_problem(trimmed).is_none()
    {
        findings.push(
            Diagnostic::warning(
                "front-matter",
                file,
                format!(
                    "slug `{}` is read as `{trimmed}`",
                    front.slug.as_deref().unwrap_or_default()
                ),
            )
            .at_line_of(slug_line)
            .help(format!(
                "write `slug: {trimmed}`: a slug is only the last segment of the URL"
            )),
        );
        front.slug = Some(trimmed.to_string());
    }
    if let Some((message, help)) = front.slug.as_deref().and_then(slug_problem) {
        findings.push(
            Diagnostic::error("front-matter", file, message)
                .at_line_of(slug_line)
                .help(help),
        );
        front.slug = None;
    }
    findings
}

/// A banner image needs a `src` (else the banner is dropped) and alt text.
fn check_banner(
    front: &mut FrontMatter,
    file: &Path,
    banner_line: Option<usize>,
) -> Option<Diagnostic> {
    let image = front.banner_image()?;
    let at = |d: Diagnostic| Some(d.at_line_of(banner_line));
    if image.src.as_deref().is_none_or(|s| s.trim().is_empty()) {
        front.banner = None;
        return at(Diagnostic::error("banner", file, "banner image has no `src`")
            .help("give `banner.image.src` (a path in static/ or beside the page) or remove the banner"));
    }
    if image.alt.as_deref().is_none_or(|s| s.trim().is_empty()) {
        return at(
            Diagnostic::error("banner-alt", file, "banner image has no alt text")
                .help("describe the picture in `banner.image.alt`, for readers who cannot see it"),
        );
    }
    None
}

/// Why a `slug` cannot be the last segment of a page's URL, as a message and what to write
/// instead; `None` when it can. A slug that is empty, `.` or `..`, or holds a `/` or `\`,
/// would publish the page over another one, in a folder of its own, or outside the site.
fn slug_problem(slug: &str) -> Option<(String, String)> {
    let segment = segment_from_name(slug);
    match segment.as_str() {
        "" => Some((
            "`slug` is empty".into(),
            "write one URL segment, such as `slug: drift`, or remove `slug:` to use the file name"
                .into(),
        )),
        "." | ".." => Some((
            format!("slug `{slug}` is not a name (it stands for a folder)"),
            "write one URL segment, such as `slug: drift`".into(),
        )),
        _ if segment.contains(['/', '\\']) => Some((
            format!("slug `{slug}` holds a `/` or `\\`"),
            "a slug is only the last segment of the URL; to publish the page in another section, move its file there".into(),
        )),
        _ => None,
    }
}

/// The text and byte range of the first level-1 heading, if any.
fn first_h1(body: &str) -> Option<(String, Range<usize>)> {
    let mut events = Parser::new_ext(body, crate::markdown::options()).into_offset_iter();
    let (_, range) = events.find(|(event, _)| {
        matches!(
            event,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            })
        )
    })?;
    let mut title = String::new();
    for (event, _) in events {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(text) | Event::Code(text) => title.push_str(&text),
            Event::SoftBreak | Event::HardBreak => title.push(' '),
            _ => {}
        }
    }
    let title = title.trim().to_string();
    (!title.is_empty()).then_some((title, range))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<(Page, Vec<Diagnostic>), Vec<Diagnostic>> {
        Page::parse(Path::new("en/a.md"), text)
    }

    #[test]
    fn title_from_front_matter_or_first_heading() {
        let (page, _) = parse("---\ntitle: From FM\n---\n# Heading\n").unwrap();
        assert_eq!(page.title.as_deref(), Some("From FM"));
        assert!(page.title_heading.is_none());
        let (page, _) = parse("Intro\n\n# The *real* title\n\n# Second\n").unwrap();
        assert_eq!(page.title.as_deref(), Some("The real title"));
        assert_eq!(
            &page.body[page.title_heading.unwrap()],
            "# The *real* title\n"
        );
        assert_eq!(page.lang, "en");
    }

    #[test]
    fn no_title_is_an_error_but_not_for_sections() {
        let errors = parse("just text\n").unwrap_err();
        assert_eq!(errors[0].rule, "title");
        assert_eq!(errors[0].file, Path::new("content/en/a.md"));
        assert!(Page::parse(Path::new("en/_index.md"), "text").is_ok());
    }

    #[test]
    fn banner_without_alt_is_an_error_at_its_line() {
        // The page stays in the model (its other problems and its translation still count).
        let (page, findings) =
            parse("---\ntitle: T\nbanner:\n  image:\n    src: /a.png\n---\n").unwrap();
        assert_eq!(findings[0].rule, "banner-alt");
        assert!(findings[0].is_error());
        assert_eq!(findings[0].line, Some(3));
        assert_eq!(page.title.as_deref(), Some("T"));
    }

    #[test]
    fn unknown_keys_warn_with_suggestion() {
        let (_, warnings) = parse("---\ntitle: T\ningres: x\n---\n").unwrap();
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, Some(3));
        assert_eq!(warnings[0].help.as_deref(), Some("did you mean `ingress`?"));
    }
}
