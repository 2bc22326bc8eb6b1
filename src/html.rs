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
/// `&#39;` → `'`): what a browser makes of it. Numeric references and `&amp;` `&lt;`
/// `&gt;` `&quot;` `&apos;` are read (a number that is no character is U+FFFD, as in a
/// browser); other names stay as written, which no link, id or file name needs.
pub fn unescape_attribute(raw: &str) -> std::borrow::Cow<'_, str> {
    if !raw.contains('&') {
        return raw.into();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (decoded, len) = reference(rest).unwrap_or(('&', 1));
        out.push(decoded);
        rest = &rest[len..];
    }
    out.push_str(rest);
    out.into()
}

/// The character a reference at the start of `text` (on its `&`) stands for, and its
/// length.
fn reference(text: &str) -> Option<(char, usize)> {
    let end = text.find(';')?;
    let name = &text[1..end];
    let decoded = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
                .filter(|c| *c != '\0')
                .unwrap_or('\u{FFFD}')
        }
    };
    Some((decoded, end + 1))
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
