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
}
