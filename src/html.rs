//! Escaping text for the HTML (and XML) that handbok writes itself.

/// Text between tags: `&`, `<` and `>`.
pub fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A quoted attribute value (or XML text): `&`, `<`, `>` and `"`.
pub fn escape_attribute(text: &str) -> String {
    escape_text(text).replace('"', "&quot;")
}

/// An attribute value as written in HTML, its character references read (`&amp;` → `&`,
/// `&#39;` → `'`): what a browser makes of it. References it does not know stay as written.
pub fn unescape_attribute(raw: &str) -> std::borrow::Cow<'_, str> {
    if !raw.contains('&') {
        return raw.into();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let reference = rest[1..].find(';').map(|end| &rest[1..end + 1]);
        let character = reference.and_then(|name| match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => {
                let number = name.strip_prefix('#')?;
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => number.parse().ok()?,
                };
                char::from_u32(code)
            }
        });
        match (character, reference) {
            (Some(c), Some(name)) => {
                out.push(c);
                rest = &rest[name.len() + 2..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_keeps_quotes_and_attributes_do_not() {
        assert_eq!(
            escape_text(r#"a < b & "c" > d"#),
            r#"a &lt; b &amp; "c" &gt; d"#
        );
        assert_eq!(
            escape_attribute(r#"say "hi" & <go>"#),
            "say &quot;hi&quot; &amp; &lt;go&gt;"
        );
    }

    #[test]
    fn attribute_values_are_read_as_a_browser_reads_them() {
        assert_eq!(unescape_attribute("a?b=1&amp;c=2"), "a?b=1&c=2");
        assert_eq!(unescape_attribute("&#39;&#x41;&quot;&lt;"), "'A\"<");
        assert_eq!(unescape_attribute("R&D &unknown; &"), "R&D &unknown; &");
        assert_eq!(
            unescape_attribute(&escape_attribute(r#"x "y" & <z>"#)),
            r#"x "y" & <z>"#
        );
    }
}
