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
fn dotted(path: &serde_ignored::Path<'_>) -> String {
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
/// and drop a trailing "at line N column M".
fn clean_message(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message).trim();
    let first = match first.rfind(" at line ") {
        Some(index) => &first[..index],
        None => first,
    };
    first.trim_end_matches([',', ':', ' ']).to_string()
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
