//! One Markdown file: its front matter, title and body. [`Page::parse`] is pure; the library
//! reads files and places pages in the tree.

use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::front_matter::{self, FrontMatter};
use super::review::Review;
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
    /// From front matter, the first `# ` heading, or else the file name; `None` only for a
    /// section index or a headless page without one.
    pub title: Option<String>,
    /// Byte range in `body` of the heading the title was taken from, so it is not shown twice.
    pub title_heading: Option<Range<usize>>,
    /// 1-based line of the `banner:` key, for locating banner errors.
    pub banner_line: Option<usize>,
    /// 1-based line of the `aliases:` key, for locating alias errors.
    pub aliases_line: Option<usize>,
    /// 1-based line of the `template:` key, for locating a missing template.
    pub template_line: Option<usize>,
    /// Owner and review dates (`owner`, `reviewed`, `review_every`).
    pub review: Review,
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
        let (title, title_heading, untitled) = page_title(source, &file, &front, split.body);
        findings.extend(untitled);
        let key_line = |key: &str| split.key_line(key);
        findings.extend(settle_slug(&mut front, &file, key_line("slug")));
        let banner_line = key_line("banner");
        findings.extend(check_banner(&mut front, &file, banner_line));
        findings.extend(empty_aliases(&front, &split, &file));
        findings.extend(fractional_weight(&front, &file, key_line("weight")));
        let (review, invalid_review) = Review::read(&front, &split, &file);
        findings.extend(invalid_review);
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
            review,
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

    /// What an edit from `previous` to this version of the page changed for the rest of the
    /// site, so the dev server derives again only what it must.
    pub fn edit_from(&self, previous: &Page) -> PageEdit {
        if self.placement() != previous.placement() {
            PageEdit::Place
        } else if self.labels() != previous.labels() {
            PageEdit::Labels
        } else {
            PageEdit::Body
        }
    }

    /// Where the page sits in the tree: its URL, translation set, redirects, and whether it
    /// is published and listed.
    fn placement(&self) -> Placement<'_> {
        let front = &self.front;
        Placement {
            slug: front.slug.as_deref(),
            translation_key: front.translation_key.as_deref(),
            aliases: &front.aliases,
            draft: front.draft,
            headless: front.headless,
            hidden: front.hidden,
        }
    }

    /// What other pages show of this page (navigation, cards, switchers, previous/next,
    /// breadcrumbs) and what orders it among its siblings.
    fn labels(&self) -> Labels<'_> {
        let front = &self.front;
        Labels {
            title: self.title.as_deref(),
            link_title: front.link_title.as_deref(),
            ingress: front.ingress.as_deref(),
            subtitle: front.subtitle(),
            banner: front.banner.as_ref(),
            weight: front.weight,
        }
    }

    pub fn is_bundle(&self) -> bool {
        self.source.file_name().is_some_and(|n| n == "index.md")
    }
}

/// What an edit of a page changed beyond the page itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageEdit {
    /// Its body, or what only its own page shows (template, owner, review dates).
    Body,
    /// What other pages show of it (title, subtitle, ingress, banner) or its weight: the
    /// navigation and listings change, and maybe its place among its siblings, but no URL.
    Labels,
    /// Its URL, translation set, redirects, or whether it is published or listed.
    Place,
}

#[derive(Debug, PartialEq)]
struct Placement<'a> {
    slug: Option<&'a str>,
    translation_key: Option<&'a str>,
    aliases: &'a [String],
    draft: bool,
    headless: bool,
    hidden: bool,
}

#[derive(Debug, PartialEq)]
struct Labels<'a> {
    title: Option<&'a str>,
    link_title: Option<&'a str>,
    ingress: Option<&'a str>,
    subtitle: Option<&'a str>,
    banner: Option<&'a super::front_matter::Banner>,
    weight: Option<f64>,
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

/// The page's title and the range of the heading it came from, else a title from its file
/// name with a `missing-title` warning. A section without one is titled by its folder when
/// shown, and a headless page is never shown: they stay without.
fn page_title(
    source: &Path,
    file: &Path,
    front: &FrontMatter,
    body: &str,
) -> (Option<String>, Option<Range<usize>>, Option<Diagnostic>) {
    if let Some((title, heading)) = find_title(front, body) {
        return (Some(title), heading, None);
    }
    if PageKind::of(source) == PageKind::SectionIndex || front.headless {
        return (None, None, None);
    }
    let title = title_from_file_name(source);
    let warning = Diagnostic::warning(
        "missing-title",
        file,
        format!("page has no title; it is titled `{title}` after its file name"),
    )
    .at_line(1)
    .help("add `title: …` to the front matter, or start the page with a `# Heading`");
    (Some(title), None, Some(warning))
}

/// A title for a page that has none: its file name (a bundle's folder name) in words,
/// `kom-i-gang.md` → "Kom i gang".
fn title_from_file_name(source: &Path) -> String {
    let name = match source.file_name().is_some_and(|n| n == "index.md") {
        true => source.parent().and_then(Path::file_name),
        false => source.file_stem(),
    };
    let name = name.map(|n| n.to_string_lossy()).unwrap_or_default();
    let words = name.replace(['-', '_'], " ");
    let mut words = words.split_whitespace();
    let mut title = String::new();
    if let Some(first) = words.next() {
        let mut chars = first.chars();
        title.extend(chars.next().into_iter().flat_map(char::to_uppercase));
        title.push_str(chars.as_str());
    }
    for word in words {
        title.push(' ');
        title.push_str(word);
    }
    if title.is_empty() {
        title.push_str("Untitled");
    }
    title
}

/// `aliases:` with no value (or `""`) means no aliases, but says so; `aliases: []` is
/// written on purpose.
fn empty_aliases(
    front: &FrontMatter,
    split: &front_matter::Split<'_>,
    file: &Path,
) -> Option<Diagnostic> {
    if !front.aliases.is_empty() || split.value_text("aliases")?.starts_with('[') {
        return None;
    }
    Some(
        Diagnostic::warning(
            "alias",
            file,
            "`aliases` has no value, so the page has no aliases",
        )
        .at_line_of(split.key_line("aliases"))
        .help("list old paths, such as `aliases: [/old/path/]`, or remove the line"),
    )
}

/// A fraction sorts where it obviously would, but Hugo takes whole numbers only.
fn fractional_weight(
    front: &FrontMatter,
    file: &Path,
    weight_line: Option<usize>,
) -> Option<Diagnostic> {
    let weight = front.weight.filter(|w| w.fract() != 0.0)?;
    Some(
        Diagnostic::warning(
            "weight",
            file,
            format!(
                "weight {weight} is not a whole number; it sorts between {} and {}",
                weight.floor() as i64,
                weight.ceil() as i64
            ),
        )
        .at_line_of(weight_line)
        .help("Hugo and other tools take whole numbers only: renumber the pages, e.g. 20, 25, 30"),
    )
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
    fn no_title_is_taken_from_the_file_name_with_a_warning_but_not_for_sections() {
        // Was an error (`no_title_is_an_error_but_not_for_sections`) until issue #14: readers
        // are better served by a page titled after its file than by no build at all.
        let (page, warnings) = parse("just text\n").unwrap();
        assert_eq!(page.title.as_deref(), Some("A"));
        assert_eq!(warnings[0].rule, "missing-title");
        assert!(!warnings[0].is_error());
        assert_eq!(warnings[0].file, Path::new("content/en/a.md"));
        assert_eq!(warnings[0].line, Some(1));
        assert!(
            warnings[0]
                .message
                .contains("titled `A` after its file name")
        );
        let (section, warnings) = Page::parse(Path::new("en/_index.md"), "text").unwrap();
        assert_eq!((section.title, warnings.len()), (None, 0));
    }

    #[test]
    fn titles_from_file_names_read_as_words() {
        let title = |source: &str| title_from_file_name(Path::new(source));
        assert_eq!(title("nb/kom-i-gang.md"), "Kom i gang");
        assert_eq!(title("en/getting_started--now.md"), "Getting started now");
        assert_eq!(title("nb/øvelser/index.md"), "Øvelser");
        assert_eq!(title("en/-.md"), "Untitled");
        let (page, warnings) = Page::parse(Path::new("en/kit/index.md"), "").unwrap();
        assert_eq!(page.title.as_deref(), Some("Kit"));
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn a_headless_page_needs_no_title() {
        let (page, warnings) = parse("---\nheadless: true\n---\nA snippet.\n").unwrap();
        assert!(page.front.headless);
        assert_eq!((page.title, warnings.len()), (None, 0));
    }

    #[test]
    fn empty_aliases_warn_at_their_line_unless_written_as_a_list() {
        for text in [
            "---\ntitle: T\naliases:\n---\n",
            "---\ntitle: T\naliases: \"\" # none yet\n---\n",
            "+++\ntitle = 'T'\naliases = ''\n+++\n",
        ] {
            let (page, warnings) = parse(text).unwrap();
            assert!(page.front.aliases.is_empty(), "{text}");
            assert_eq!(warnings.len(), 1, "{text}: {warnings:?}");
            assert_eq!((warnings[0].rule, warnings[0].line), ("alias", Some(3)));
            assert!(!warnings[0].is_error());
        }
        for text in [
            "---\ntitle: T\naliases: []\n---\n",
            "+++\ntitle = 'T'\naliases = []\n+++\n",
        ] {
            let (page, warnings) = parse(text).unwrap();
            assert!(
                page.front.aliases.is_empty() && warnings.is_empty(),
                "{text}"
            );
        }
    }

    #[test]
    fn a_fractional_weight_is_kept_with_a_warning_at_its_line() {
        let (page, warnings) = parse("---\ntitle: T\nweight: 2.5\n---\n").unwrap();
        assert_eq!(page.front.weight, Some(2.5));
        assert_eq!((warnings[0].rule, warnings[0].line), ("weight", Some(3)));
        assert_eq!(
            warnings[0].message,
            "weight 2.5 is not a whole number; it sorts between 2 and 3"
        );
        let (_, warnings) = parse("---\ntitle: T\nweight: -0.5\n---\n").unwrap();
        assert!(
            warnings[0].message.ends_with("between -1 and 0"),
            "{warnings:?}"
        );
        let (_, warnings) = parse("---\ntitle: T\nweight: 3\n---\n").unwrap();
        assert!(warnings.is_empty());
        let errors = parse("---\ntitle: T\nweight: heavy\n---\n").unwrap_err();
        assert_eq!((errors[0].rule, errors[0].line), ("front-matter", Some(3)));
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
