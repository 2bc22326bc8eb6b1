//! What the fuzz targets in `fuzz/` feed their input to, and what the replay test
//! (`tests/suite/fuzz_replay.rs`) feeds every saved case to, so both go through the same
//! code. Each function takes any bytes and panics only on a bug.

use std::path::Path;

use crate::config::Config;
use crate::content::page::Page;
use crate::markdown::{self, LinkResolver, Resolved};
use crate::url;

/// A fuzz target: takes any bytes, panics only on a bug.
pub type Target = fn(&[u8]);

/// The fuzz targets, by the name `cargo fuzz run <name>` takes.
pub const TARGETS: &[(&str, Target)] = &[
    ("page", page),
    ("site_config", site_config),
    ("hugo_config", hugo_config),
    ("hugo_page", hugo_page),
    ("urls", urls),
];

/// A page file: front matter, then the body through every Markdown pass (links, raw HTML,
/// alerts, containers, includes, highlighting), as a build renders it.
pub fn page(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for name in ["en/ops/page.md", "nb/drift/_index.md"] {
        if let Ok((page, _)) = Page::parse(Path::new(name), text) {
            let resolver = AnyResolver { body: &page.body };
            let rendered = markdown::render(&page.body, page.title_heading.clone(), &resolver);
            for problem in &rendered.problems {
                assert!(
                    problem.offset <= page.body.len(),
                    "{problem:?} is past the body"
                );
            }
        }
    }
}

/// `site.yaml`.
pub fn site_config(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Config::parse(text);
    }
}

/// A Hugo configuration file, as `handbok import hugo` reads it.
pub fn hugo_config(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        crate::import::hugo::fuzzing::config_file(text);
    }
}

/// A Hugo page (front matter and shortcodes), as `handbok import hugo` converts it.
pub fn hugo_page(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        crate::import::hugo::fuzzing::page(text);
    }
}

/// Base URLs, paths and slugs: what holds for every input.
pub fn urls(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(base) = url::BaseUrl::parse(&text) {
        let href = base.href("/nb/spørsmål/");
        assert!(href.ends_with("/nb/sp%C3%B8rsm%C3%A5l/"), "{href}");
        let _ = base.permalink("/en/");
    }
    let mut encoded = String::new();
    url::encode_path_into(&text, &mut encoded);
    assert!(encoded.is_ascii(), "{encoded}");
    assert_eq!(
        url::decode_path(&encoded),
        text,
        "decode(encode(x)) is not x"
    );
    let slug = url::slugify(&text);
    assert!(
        !slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"),
        "{slug}"
    );
    let segment = url::segment_from_name(&text);
    assert!(!segment.chars().any(char::is_whitespace), "{segment}");
    if let Some(path) = crate::content::library::alias_site_path("nb", &text) {
        assert!(path.starts_with('/') && !path.contains("/../"), "{path}");
    }
}

/// Answers every link in one of the ways the real resolver can, chosen by the destination,
/// and includes the page's own body (so include loops and nesting are exercised).
struct AnyResolver<'a> {
    body: &'a str,
}

impl LinkResolver for AnyResolver<'_> {
    fn link(&self, destination: &str) -> Resolved {
        resolved(destination)
    }
    fn image(&self, destination: &str) -> Resolved {
        resolved(destination)
    }
    fn include(&self, path: &str) -> Result<String, String> {
        match path.len() % 3 {
            0 => Ok(self.body.to_string()),
            1 => Ok(format!("## Included {path}\n\n[back](../page.md)\n")),
            _ => Err(format!("no file {path}")),
        }
    }
}

fn resolved(destination: &str) -> Resolved {
    match destination.len() % 4 {
        0 => Resolved::Keep,
        1 => Resolved::Href(format!("/en/{destination}/")),
        2 => Resolved::Missing(format!("content/en/{destination}")),
        _ => Resolved::Corrected {
            href: format!("/en/{}", destination.trim_start_matches('/')),
            note: "written with the base URL's sub-path".into(),
        },
    }
}
