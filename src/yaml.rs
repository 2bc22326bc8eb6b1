//! The one place that parses YAML (front matter and `site.yaml`), so the parser can be
//! swapped without touching the rest. serde-saphyr is pure Rust, fuzzed not to panic, and
//! reports errors with line and column; serde_ignored tells us which keys nobody reads.

use serde::de::DeserializeOwned;

/// A YAML error located within the YAML text (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

/// A parsed document and the dotted paths of keys that the target type does not know.
#[derive(Debug)]
pub struct Parsed<T> {
    pub value: T,
    pub unknown_keys: Vec<String>,
}

pub fn parse<T: DeserializeOwned>(text: &str) -> Result<Parsed<T>, YamlError> {
    let mut unknown_keys = Vec::new();
    let result = serde_saphyr::with_deserializer_from_str(text, |deserializer| {
        serde_ignored::deserialize(deserializer, |path| unknown_keys.push(dotted(&path)))
    });
    match result {
        Ok(value) => Ok(Parsed {
            value,
            unknown_keys,
        }),
        Err(error) => {
            let (line, column) = error
                .location()
                .map(|l| (l.line() as usize, l.column() as usize))
                .unwrap_or((1, 1));
            Err(YamlError {
                message: clean_message(&error.without_snippet().to_string()),
                line: line.max(1),
                column: column.max(1),
            })
        }
    }
}

/// `banner.image.atl`: serde_ignored's path without its markers for `Option` and newtypes.
pub fn dotted(path: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => String::new(),
        Path::Map { parent, key } => {
            let parent = dotted(parent);
            if parent.is_empty() {
                key.clone()
            } else {
                format!("{parent}.{key}")
            }
        }
        Path::Seq { parent, index } => format!("{}[{index}]", dotted(parent)),
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => dotted(parent),
    }
}

/// The parser's message repeats the position we report separately; keep the first line
/// and drop a trailing "at line N column M". Messages that speak of the parser's insides
/// (Rust types, its options) are said in the user's terms.
fn clean_message(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message).trim();
    let first = match first.find(" at line ") {
        Some(index) => &first[..index],
        None => first,
    };
    let first = first.trim_end_matches([',', ':', ' ']);
    let (context, detail) = match first.strip_prefix('`').and_then(|f| f.split_once("`: ")) {
        Some((key, detail)) => (format!("`{key}`: "), detail),
        None => (String::new(), first),
    };
    let plain = if let Some(key) = detail.strip_prefix("duplicate mapping key: ") {
        let key = key.split(',').next().unwrap_or(key).trim();
        format!("`{key}` is given twice; keep one")
    } else if detail.starts_with("budget breached") {
        "the YAML expands to too much (aliases repeated within aliases); write the values out"
            .to_string()
    } else if detail == "expected string scalar" {
        "expected text".to_string()
    } else if let Some(kind) = detail.strip_prefix("invalid ") {
        match kind {
            "i64" | "u64" | "i32" | "u32" | "usize" | "isize" => {
                "expected a whole number".to_string()
            }
            "bool" => "expected `true` or `false`".to_string(),
            _ => detail.to_string(),
        }
    } else if detail.contains("found a tab") {
        "a tab character: YAML indents with spaces only".to_string()
    } else {
        detail.to_string()
    };
    format!("{context}{plain}")
}

/// Line (0-based, within `text`) where the last segment of a dotted key path is written,
/// for pointing at unknown keys. Best effort: the first line that starts with `key:`.
pub fn key_line(text: &str, dotted_path: &str) -> Option<usize> {
    let key = dotted_path.rsplit('.').next()?;
    text.lines().position(|line| {
        let trimmed = line.trim_start().trim_start_matches("- ");
        trimmed
            .strip_prefix(key)
            .or_else(|| {
                trimmed
                    .strip_prefix('"')
                    .and_then(|t| t.strip_prefix(key))
                    .and_then(|t| t.strip_prefix('"'))
            })
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    struct Doc {
        title: Option<String>,
        nested: Option<Nested>,
    }

    #[derive(Deserialize, Debug)]
    struct Nested {
        #[allow(dead_code)]
        known: Option<String>,
    }

    #[test]
    fn reports_unknown_keys_with_their_paths() {
        let parsed: Parsed<Doc> = parse("title: a\ningres: b\nnested:\n  knwon: c\n").unwrap();
        assert_eq!(parsed.value.title.as_deref(), Some("a"));
        assert!(parsed.value.nested.is_some());
        assert_eq!(parsed.unknown_keys, vec!["ingres", "nested.knwon"]);
        assert_eq!(key_line("title: a\ningres: b\n", "ingres"), Some(1));
        assert_eq!(key_line("a:\n  knwon: c\n", "nested.knwon"), Some(1));
    }

    #[test]
    fn errors_carry_line_and_column() {
        let error = parse::<Doc>("title: a\nnested: [unclosed\n").unwrap_err();
        assert!(error.line >= 2, "{error:?}");
        assert!(!error.message.is_empty());
        let error = parse::<Doc>("title:\n  - a list\n").unwrap_err();
        assert_eq!(error.line, 2, "{error:?}");
    }

    #[test]
    fn messages_speak_of_the_file_not_the_parser() {
        let message = |text: &str| parse::<Doc>(text).unwrap_err().message;
        assert_eq!(
            message("title: a\ntitle: b\n"),
            "`title` is given twice; keep one"
        );
        let bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n";
        assert!(
            message(bomb).starts_with("the YAML expands to too much"),
            "{}",
            message(bomb)
        );
        assert!(!message("title: [\n").contains("scalar"));
    }

    #[test]
    fn hostile_input_does_not_panic() {
        for input in [
            "",
            ":",
            "- - - [",
            "&a [*a]",
            "? ? ?",
            "\t\t- x",
            "title: !!binary x",
        ] {
            let _ = parse::<Doc>(input);
        }
    }
}
