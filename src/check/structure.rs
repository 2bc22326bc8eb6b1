//! Rules about a page's structure: heading levels that skip, images without alt text,
//! duplicate titles within a language, and empty sections.

use std::collections::HashMap;
use std::path::Path;

use super::Context;
use crate::content::{CONTENT_DIR, PageKind};
use crate::diagnostic::Diagnostic;

pub fn check(context: &Context, findings: &mut Vec<Diagnostic>) {
    outline_and_alt_text(context, findings);
    duplicate_titles(context, findings);
    empty_sections(context, findings);
}

/// Heading levels that skip (h2 → h4) and images without alt text, page by page.
fn outline_and_alt_text(context: &Context, findings: &mut Vec<Diagnostic>) {
    for facts in context.pages {
        let Some(page) = context.page(facts) else {
            continue;
        };
        // The title is the page's h1; the body continues from there.
        let mut previous = if page.title.is_some() { 1 } else { 0 };
        for &(level, offset) in &facts.headings {
            if previous > 0 && level > previous + 1 {
                findings.push(
                    context.at(
                        page,
                        offset,
                        Diagnostic::warning(
                            "heading-level",
                            page.file(),
                            format!("heading level skips from h{previous} to h{level}"),
                        )
                        .help(format!(
                            "use a level-{} heading (`{} `) here, so the outline has no gaps",
                            previous + 1,
                            "#".repeat(previous as usize + 1)
                        )),
                    ),
                );
            }
            previous = level;
        }
        for image in facts.links.iter().filter(|l| l.is_image && !l.has_alt) {
            findings.push(
                context.at(
                    page,
                    image.offset,
                    Diagnostic::warning(
                        "image-alt",
                        page.file(),
                        format!("image `{}` has no alt text", image.destination),
                    )
                    .help("describe it between the brackets: `![What the picture shows](…)`"),
                ),
            );
        }
    }
}

/// Two pages of one language with the same title (case and spaces aside).
fn duplicate_titles(context: &Context, findings: &mut Vec<Diagnostic>) {
    let library = &context.site.library;
    let mut titles: HashMap<(&str, String), &Path> = HashMap::new();
    for page in library.regular_pages() {
        let key = (
            page.lang.as_str(),
            page.title_or_empty().trim().to_lowercase(),
        );
        match titles.get(&key) {
            Some(first) => findings.push(
                Diagnostic::warning(
                    "duplicate-title",
                    page.file(),
                    format!(
                        "the title `{}` is also the title of {}",
                        page.title_or_empty(),
                        Path::new(CONTENT_DIR).join(first).display()
                    ),
                )
                .at_line(1)
                .help("readers tell pages apart by their titles in navigation and search; give each its own"),
            ),
            None => {
                titles.insert(key, &page.source);
            }
        }
    }
}

/// Sections (other than a language's front page) with no pages, subsections or text.
fn empty_sections(context: &Context, findings: &mut Vec<Diagnostic>) {
    let library = &context.site.library;
    for section in library.sections.values() {
        if section.is_language_root()
            || !section.pages.is_empty()
            || !section.subsections.is_empty()
        {
            continue;
        }
        let file = match &section.index {
            Some(index) => Path::new(CONTENT_DIR).join(index),
            None => Path::new(CONTENT_DIR).join(&section.dir),
        };
        let has_body = section
            .index
            .as_ref()
            .and_then(|i| library.page(i))
            .is_some_and(|p| p.kind == PageKind::SectionIndex && !p.body.trim().is_empty());
        if !has_body {
            findings.push(
                Diagnostic::warning("empty-section", file, "this section has no pages")
                    .help("add pages to the folder, or remove it"),
            );
        }
    }
}
