//! Path arithmetic of the import: Hugo's URLs (resolved as a browser resolves them) and
//! handbok's files (relative to the file that links). Pure functions, so every rule is a test.

use std::path::{Component, Path, PathBuf};

use crate::url::decode_path;

/// A relative reference resolved against a page's URL, as a browser does: `../x.png` from
/// `/docs/page/` is `/docs/x.png`. The result starts with `/`; `..` never climbs above it.
pub fn join_url(base: &str, reference: &str) -> String {
    let joined = if reference.starts_with('/') {
        reference.to_string()
    } else {
        let dir = base.rfind('/').map_or("/", |i| &base[..=i]);
        format!("{dir}{reference}")
    };
    let keeps_slash = joined.ends_with('/')
        || joined.ends_with("/.")
        || joined.ends_with("/..")
        || joined.is_empty();
    let mut segments: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            _ => segments.push(segment),
        }
    }
    let mut path = String::with_capacity(joined.len() + 1);
    for segment in &segments {
        path.push('/');
        path.push_str(segment);
    }
    if keeps_slash || segments.is_empty() {
        path.push('/');
    }
    path
}

/// The key a URL path is looked up by: decoded, `index.html` dropped, white space as `-` (as
/// Hugo writes it) and, unless the site keeps case, lowercase. Page keys end in `/`.
pub fn url_key(path: &str, lowercase: bool) -> String {
    let decoded = decode_path(path);
    let trimmed = decoded.strip_suffix("index.html").unwrap_or(&decoded);
    let mut key = String::with_capacity(trimmed.len());
    let mut previous_slash = false;
    for c in trimmed.chars() {
        // `//` is one separator, for a browser and for Hugo.
        if c == '/' && previous_slash {
            continue;
        }
        previous_slash = c == '/';
        if c.is_whitespace() {
            key.push('-');
        } else if lowercase {
            key.extend(c.to_lowercase());
        } else {
            key.push(c);
        }
    }
    key
}

/// `path` with `.` and `..` resolved, or `None` if it climbs out of its root.
pub fn normalize(path: &Path) -> Option<PathBuf> {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => normal.push(part),
            Component::ParentDir => {
                if !normal.pop() {
                    return None;
                }
            }
            Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
        }
    }
    Some(normal)
}

/// How a file at `to` is written from a file in the folder `from_dir` (both relative to one
/// root), with `/` separators: `../images/a.png`.
pub fn relative_path(from_dir: &Path, to: &Path) -> String {
    let from: Vec<Component> = from_dir.components().collect();
    let target: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        target[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// A path written into a Markdown link: what would end the destination early is encoded.
pub fn encode_destination(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' => encoded.push_str("%20"),
            '(' => encoded.push_str("%28"),
            ')' => encoded.push_str("%29"),
            '<' => encoded.push_str("%3C"),
            '>' => encoded.push_str("%3E"),
            '"' => encoded.push_str("%22"),
            _ => encoded.push(c),
        }
    }
    encoded
}

/// A destination cut into its path and what follows it (`?query`, `#anchor`).
pub fn split_suffix(destination: &str) -> (&str, &str) {
    let cut = destination.find(['?', '#']).unwrap_or(destination.len());
    destination.split_at(cut)
}

/// Whether a destination points outside the site: a scheme (`https:`, `mailto:`), `//host`,
/// or only an anchor.
pub fn is_foreign(destination: &str) -> bool {
    let has_scheme = destination.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    destination.is_empty()
        || destination.starts_with('#')
        || destination.starts_with('?')
        || destination.starts_with("//")
        || has_scheme
}

/// `file.nb.md` → (`file`, Some(`nb`), `md`) when `nb` is one of `languages`.
pub fn language_suffix(
    name: &str,
    is_language: impl Fn(&str) -> bool,
) -> (&str, Option<&str>, &str) {
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() => (stem, extension),
        _ => return (name, None, ""),
    };
    match stem.rsplit_once('.') {
        Some((base, lang)) if !base.is_empty() && is_language(lang) => {
            (base, Some(lang), extension)
        }
        _ => (stem, None, extension),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_references_resolve_against_the_page_url() {
        // The example of the brief: a page's URL is a folder, so `..` is its section.
        assert_eq!(
            join_url("/docs/vedlegg-flytdiagram/", "../flyt-ws.png"),
            "/docs/flyt-ws.png"
        );
        assert_eq!(
            join_url("/docs/page/", "images/a.png"),
            "/docs/page/images/a.png"
        );
        assert_eq!(join_url("/docs/page/", "/abs/"), "/abs/");
        assert_eq!(join_url("/docs/page/", "../../../x/"), "/x/");
        assert_eq!(join_url("/docs/page/", ".."), "/docs/");
        assert_eq!(join_url("/", "a/./b/../c"), "/a/c");
    }

    #[test]
    fn url_keys_are_decoded_lowercase_and_without_index_html() {
        assert_eq!(url_key("/Docs/My%20Page/", true), "/docs/my-page/");
        assert_eq!(url_key("/docs//a/index.html", true), "/docs/a/");
        assert_eq!(url_key("/Docs/", false), "/Docs/");
        assert_eq!(url_key("/nb/Spørsmål/", true), "/nb/spørsmål/");
    }

    #[test]
    fn relative_paths_between_files() {
        assert_eq!(
            relative_path(Path::new("nb/docs"), Path::new("nb/docs/flyt.png")),
            "flyt.png"
        );
        assert_eq!(
            relative_path(Path::new("nb/docs/a"), Path::new("en/x.md")),
            "../../../en/x.md"
        );
        assert_eq!(
            relative_path(Path::new(""), Path::new("nb/x.md")),
            "nb/x.md"
        );
        assert_eq!(
            normalize(Path::new("a/./b/../c")),
            Some(PathBuf::from("a/c"))
        );
        assert_eq!(normalize(Path::new("../a")), None);
    }

    #[test]
    fn destinations_are_split_encoded_and_classified() {
        assert_eq!(split_suffix("a.md#x"), ("a.md", "#x"));
        assert_eq!(split_suffix("a.png?width=40"), ("a.png", "?width=40"));
        assert_eq!(
            encode_destination("my file (1).png"),
            "my%20file%20%281%29.png"
        );
        assert!(is_foreign("https://x.no/"));
        assert!(is_foreign("mailto:a@b.no"));
        assert!(is_foreign("#anchor"));
        assert!(is_foreign("//cdn.x/y.js"));
        assert!(!is_foreign("../a.md"));
        assert!(!is_foreign("/images/a.png"));
    }

    #[test]
    fn language_suffixes_are_only_declared_languages() {
        let declared = |l: &str| l == "nb" || l == "en";
        assert_eq!(
            language_suffix("page.nb.md", declared),
            ("page", Some("nb"), "md")
        );
        assert_eq!(language_suffix("page.md", declared), ("page", None, "md"));
        assert_eq!(
            language_suffix("jquery.min.js", declared),
            ("jquery.min", None, "js")
        );
        assert_eq!(language_suffix(".nb.md", declared), (".nb", None, "md"));
        assert_eq!(language_suffix("README", declared), ("README", None, ""));
    }
}
