//! Site paths and the URLs made from them. A *site path* is where a thing lives in the built
//! site (`/nb/spørsmål-og-svar/`), independent of where the site is hosted; [`BaseUrl`] turns
//! it into an href (base path prepended, percent-encoded) or a permalink (with the origin).

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://example.org`, or `None` when the site is configured with a bare path.
    origin: Option<String>,
    /// The sub-path the site is hosted under without a trailing slash: `""` or `/handbook`.
    path: String,
}

impl BaseUrl {
    pub fn parse(raw: &str) -> Result<BaseUrl, String> {
        let raw = raw.trim();
        let (origin, path) = if let Some(rest) = raw
            .strip_prefix("https://")
            .map(|r| ("https://", r))
            .or_else(|| raw.strip_prefix("http://").map(|r| ("http://", r)))
        {
            let (scheme, rest) = rest;
            let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            if host.is_empty() {
                return Err(format!("base_url `{raw}` has no host"));
            }
            (Some(format!("{scheme}{host}")), path)
        } else if raw.starts_with('/') || raw.is_empty() {
            (None, raw)
        } else {
            return Err(format!(
                "base_url `{raw}` must start with http://, https:// or /"
            ));
        };
        if path.contains(['?', '#']) {
            return Err(format!(
                "base_url `{raw}` must not hold a query or fragment"
            ));
        }
        let path = path.trim_end_matches('/');
        // Encoded like every other path (`/håndbok` → `/h%C3%A5ndbok`), once.
        let mut encoded = String::with_capacity(path.len() + 8);
        if !path.is_empty() && !path.starts_with('/') {
            encoded.push('/');
        }
        encode_path_into(&decode_path(path), &mut encoded);
        Ok(BaseUrl {
            origin,
            path: encoded,
        })
    }

    /// Whether the base URL names a host, so permalinks are absolute.
    pub fn has_origin(&self) -> bool {
        self.origin.is_some()
    }

    /// The base path without trailing slash (`""` at the root of a host).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// An href for a site path: `/en/ops/` → `/handbook/en/ops/`, percent-encoded.
    pub fn href(&self, site_path: &str) -> String {
        debug_assert!(
            site_path.starts_with('/'),
            "site paths are absolute: {site_path}"
        );
        let mut href = String::with_capacity(self.path.len() + site_path.len() + 8);
        href.push_str(&self.path);
        encode_path_into(site_path, &mut href);
        href
    }

    /// The absolute URL of a site path, or the href when no origin is configured.
    pub fn permalink(&self, site_path: &str) -> String {
        match &self.origin {
            Some(origin) => format!("{origin}{}", self.href(site_path)),
            None => self.href(site_path),
        }
    }
}

/// Percent-encodes what may not stand in a URL path as is; `/` and RFC 3986 sub-delimiters
/// stay readable, non-ASCII letters are encoded as UTF-8 so every host and parser agrees.
pub fn encode_path_into(path: &str, out: &mut String) {
    for byte in path.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&byte);
        if keep {
            out.push(byte as char);
        } else {
            out.push('%');
            out.push(
                char::from_digit((byte >> 4) as u32, 16)
                    .unwrap_or('0')
                    .to_ascii_uppercase(),
            );
            out.push(
                char::from_digit((byte & 15) as u32, 16)
                    .unwrap_or('0')
                    .to_ascii_uppercase(),
            );
        }
    }
}

/// Decodes `%XX` escapes (for the dev server and link checks); invalid escapes stay as they are.
pub fn decode_path(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `..` and `.` resolved in a site path, decoded; `None` if it climbs out of the root.
pub fn normalize_site_path(path: &str) -> Option<String> {
    use std::path::{Component, Path, PathBuf};
    let decoded = decode_path(path);
    let trailing = decoded.ends_with('/');
    let mut parts = PathBuf::new();
    for component in Path::new(&decoded).components() {
        match component {
            Component::Normal(part) => parts.push(part),
            Component::ParentDir if !parts.pop() => return None,
            _ => {}
        }
    }
    let mut normal = format!("/{}", parts.to_string_lossy().replace('\\', "/"));
    if trailing && !normal.ends_with('/') {
        normal.push('/');
    }
    Some(normal)
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// A URL segment from a file or folder name: kept as written (Norwegian letters included),
/// with runs of white space turned into `-` so URLs need no `%20`.
pub fn segment_from_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join("-")
}

/// A readable id for a heading: lowercase letters and digits of any script, words joined by
/// `-`. `Overvåking og varsler` → `overvåking-og-varsler`. Empty when the text has no letters.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(c.to_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_with_sub_path() {
        let base = BaseUrl::parse("https://example.org/handbook/").unwrap();
        assert_eq!(base.path(), "/handbook");
        assert_eq!(base.href("/en/ops/"), "/handbook/en/ops/");
        for raw in [
            "https://example.org/håndbok/",
            "https://example.org/h%C3%A5ndbok/",
        ] {
            let base = BaseUrl::parse(raw).unwrap();
            assert_eq!(
                base.permalink("/nb/"),
                "https://example.org/h%C3%A5ndbok/nb/"
            );
        }
        assert_eq!(base.permalink("/"), "https://example.org/handbook/");
        let root = BaseUrl::parse("https://example.org").unwrap();
        assert_eq!(root.href("/en/"), "/en/");
        let bare = BaseUrl::parse("/").unwrap();
        assert_eq!(bare.permalink("/nb/"), "/nb/");
        assert!(BaseUrl::parse("example.org").is_err());
        assert!(BaseUrl::parse("https:///x").is_err());
    }

    #[test]
    fn non_ascii_paths_are_encoded_and_decoded() {
        let base = BaseUrl::parse("/").unwrap();
        let href = base.href("/nb/spørsmål og svar/");
        assert_eq!(href, "/nb/sp%C3%B8rsm%C3%A5l%20og%20svar/");
        assert_eq!(decode_path(&href), "/nb/spørsmål og svar/");
        assert_eq!(decode_path("/a%2"), "/a%2");
        assert_eq!(decode_path("%zz%41"), "%zzA");
    }

    #[test]
    fn slugs_keep_norwegian_letters() {
        assert_eq!(slugify("Overvåking og varsler"), "overvåking-og-varsler");
        assert_eq!(
            slugify("1. Infrastructure Management"),
            "1-infrastructure-management"
        );
        assert_eq!(slugify("  CI/CD — «pipelines»!  "), "ci-cd-pipelines");
        assert_eq!(slugify("ÆØÅ"), "æøå");
        assert_eq!(slugify("!!!"), "");
        assert_eq!(segment_from_name("My  page"), "My-page");
    }
}
