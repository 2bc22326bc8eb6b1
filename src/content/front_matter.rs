//! Front matter: YAML between `---` lines at the top of a page. Splitting and parsing are pure
//! functions of the file's text, so every rule is testable without a disk.

use serde::Deserialize;

use crate::yaml;

/// Every key handbok reads. Anything else is a warning with the closest of these suggested.
pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "ingress",
    "navigation_link",
    "navigation_link.subtitle",
    "banner",
    "banner.image",
    "banner.image.src",
    "banner.image.alt",
    "weight",
    "draft",
    "slug",
    "translation_key",
    "aliases",
    "template",
    "headless",
    "hidden",
    "translation_of",
    "linkTitle",
    "owner",
    "reviewed",
    "review_every",
];

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub ingress: Option<String>,
    pub navigation_link: Option<NavigationLink>,
    pub banner: Option<Banner>,
    /// Lower comes first. A whole number as Hugo takes it, or a fraction (`2.5` sorts between
    /// 2 and 3), which `Page::parse` warns about.
    #[serde(default, deserialize_with = "number")]
    pub weight: Option<f64>,
    #[serde(default)]
    pub draft: bool,
    pub slug: Option<String>,
    pub translation_key: Option<String>,
    /// A list, or one path written alone (as Hugo also accepts).
    #[serde(default, deserialize_with = "one_or_many")]
    pub aliases: Vec<String>,
    pub template: Option<String>,
    /// Not published (no URL, navigation, sitemap or search entry) but kept in the library,
    /// for other pages to include: Hugo's headless bundles and snippet pages.
    #[serde(default)]
    pub headless: bool,
    /// Published at its URL but left out of its section's listing and the navigation (on a
    /// section's `_index.md`: the section is left out of its parent's), as Hugo's Learn theme
    /// does.
    #[serde(default)]
    pub hidden: bool,
    /// The language this page is a translation of (`translation_of: en`): only changes of
    /// that version make the others stale.
    pub translation_of: Option<String>,
    /// A shorter title for the navigation (Hugo's `linkTitle`, kept as Hugo sites write it).
    #[serde(rename = "linkTitle")]
    pub link_title: Option<String>,
    /// Who keeps the page current: a team or a person, as free text.
    pub owner: Option<String>,
    /// When the page was last reviewed, as written (`2026-05-01`); `Page::parse` reads the
    /// date and says where it is wrong.
    #[serde(default, deserialize_with = "crate::date::scalar_text")]
    pub reviewed: Option<String>,
    /// How often the page is to be reviewed, as written (`6 months`, or `never`).
    #[serde(default, deserialize_with = "crate::date::scalar_text")]
    pub review_every: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct NavigationLink {
    pub subtitle: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct Banner {
    pub image: Option<BannerImage>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct BannerImage {
    pub src: Option<String>,
    pub alt: Option<String>,
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    struct OneOrMany;
    impl<'de> serde::de::Visitor<'de> for OneOrMany {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a path or a list of paths")
        }
        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Self::Value, E> {
            // `aliases: ""` is what Hugo archetypes leave: no alias, as `aliases:` alone.
            match value.trim().is_empty() {
                true => Ok(Vec::new()),
                false => Ok(vec![value.to_string()]),
            }
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let mut all = Vec::new();
            while let Some(item) = seq.next_element::<String>()? {
                all.push(item);
            }
            Ok(all)
        }
    }
    deserializer.deserialize_any(OneOrMany)
}

/// A number written as YAML or TOML writes numbers, or as text (`"10"`, as Hugo sites often
/// quote it). Infinite and not-a-number values are refused: they sort nowhere sensible.
fn number<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    struct Number;
    impl<'de> serde::de::Visitor<'de> for Number {
        type Value = Option<f64>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a number")
        }
        fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Self::Value, E> {
            Ok(Some(value as f64))
        }
        fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Self::Value, E> {
            Ok(Some(value as f64))
        }
        fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Self::Value, E> {
            match value.is_finite() {
                true => Ok(Some(value)),
                false => Err(E::custom("expected a whole number")),
            }
        }
        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Self::Value, E> {
            match value.trim().parse::<f64>() {
                Ok(number) => self.visit_f64(number),
                Err(_) => Err(E::custom("expected a whole number")),
            }
        }
        fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Err(E::custom("expected a whole number"))
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
            Err(serde::de::Error::custom("expected a whole number"))
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
            Err(serde::de::Error::custom("expected a whole number"))
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }
    deserializer.deserialize_any(Number)
}

impl FrontMatter {
    pub fn subtitle(&self) -> Option<&str> {
        self.navigation_link.as_ref()?.subtitle.as_deref()
    }

    pub fn banner_image(&self) -> Option<&BannerImage> {
        self.banner.as_ref()?.image.as_ref()
    }
}

/// A page's text cut into its front matter and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The front matter's text, without its fences; `None` when the page has none.
    pub matter: Option<&'a str>,
    /// YAML between `---` lines, or TOML between `+++` lines (as Hugo sites often have).
    pub format: MatterFormat,
    /// 1-based line of the file on which the front matter's text starts.
    pub matter_line: usize,
    pub body: &'a str,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
    /// Blank lines before the opening `---`, skipped (Hugo would not see front matter there).
    pub blank_lines_before: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatterFormat {
    Yaml,
    Toml,
}

impl Split<'_> {
    /// 1-based line of the file where a front matter key (`banner`, `navigation_link.subtitle`)
    /// is written, for pointing at it. Best effort: the first line that sets it.
    pub fn key_line(&self, dotted_key: &str) -> Option<usize> {
        let text = self.matter?;
        let line = match self.format {
            MatterFormat::Yaml => yaml::key_line(text, dotted_key),
            MatterFormat::Toml => toml_key_line(text, dotted_key),
        };
        line.map(|l| self.matter_line + l)
    }
}

impl<'a> Split<'a> {
    /// The text after a top-level key on its line, trimmed: `[]` in `aliases: []`, empty in
    /// `aliases:` alone. Best effort, as [`Split::key_line`] is.
    pub fn value_text(&self, key: &str) -> Option<&'a str> {
        let line = self.key_line(key)? - self.matter_line;
        let text = self.matter?.lines().nth(line)?;
        let separator = match self.format {
            MatterFormat::Yaml => ':',
            MatterFormat::Toml => '=',
        };
        let (_, value) = text.split_once(separator)?;
        let value = match value.find(" #") {
            Some(comment) => &value[..comment],
            None => value,
        };
        Some(value.trim())
    }
}

/// Line (0-based) of a TOML key: `key = …`, or a table `[banner]` / `[banner.image]`.
fn toml_key_line(text: &str, dotted_key: &str) -> Option<usize> {
    let key = dotted_key.rsplit('.').next()?;
    text.lines().position(|line| {
        let line = line.trim();
        match line.strip_prefix('[') {
            Some(header) => header
                .trim_end_matches(']')
                .split('.')
                .any(|part| part.trim().trim_matches('"') == key),
            None => line
                .strip_prefix(key)
                .or_else(|| line.strip_prefix(&format!("\"{key}\"")))
                .is_some_and(|rest| rest.trim_start().starts_with('=')),
        }
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub message: String,
    /// 1-based, in the file (not in the YAML block).
    pub line: usize,
    pub column: usize,
    pub help: Option<String>,
}

pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut start = 0;
    let mut blank_lines_before = 0;
    while let Some(end) = text[start..].find('\n').map(|i| start + i + 1) {
        if !text[start..end].trim().is_empty() {
            break;
        }
        start = end;
        blank_lines_before += 1;
    }
    let first_line_end = text[start..]
        .find('\n')
        .map_or(text.len(), |i| start + i + 1);
    let first_line = text[start..first_line_end].trim_end();
    let (fence, format) = match first_line {
        "---" => ("---", MatterFormat::Yaml),
        "+++" => ("+++", MatterFormat::Toml),
        _ => {
            return Ok(Split {
                matter: None,
                format: MatterFormat::Yaml,
                matter_line: 1,
                body: text,
                body_line: 1,
                blank_lines_before: 0,
            });
        }
    };
    let mut offset = first_line_end;
    let mut line = blank_lines_before + 2;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        let closing = text[offset..end].trim_end();
        if closing == fence || (format == MatterFormat::Yaml && closing == "...") {
            return Ok(Split {
                matter: Some(&text[first_line_end..offset]),
                format,
                matter_line: blank_lines_before + 2,
                body: &text[end..],
                body_line: line + 1,
                blank_lines_before,
            });
        }
        offset = end;
        line += 1;
    }
    Err(FrontMatterError {
        message: format!(
            "front matter opened with `{fence}` on line {} is never closed",
            blank_lines_before + 1
        ),
        line: blank_lines_before + 1,
        column: 1,
        help: Some(format!(
            "end the front matter with a line holding only `{fence}`"
        )),
    })
}

/// A parsed front matter and the unknown keys found in it, each with its line in the file.
#[derive(Debug)]
pub struct Parsed {
    pub front_matter: FrontMatter,
    pub unknown_keys: Vec<(String, Option<usize>)>,
    /// 1-based lines of the file where a value ran on over unindented lines (accepted, but
    /// not valid YAML, so worth fixing).
    pub unindented_continuations: Vec<usize>,
}

pub fn parse(split: &Split<'_>) -> Result<Parsed, FrontMatterError> {
    let Some(yaml_text) = split.matter else {
        return Ok(Parsed {
            front_matter: FrontMatter::default(),
            unknown_keys: Vec::new(),
            unindented_continuations: Vec::new(),
        });
    };
    if yaml_text.trim().is_empty() {
        return Ok(Parsed {
            front_matter: FrontMatter::default(),
            unknown_keys: Vec::new(),
            unindented_continuations: Vec::new(),
        });
    }
    if split.format == MatterFormat::Toml {
        return parse_toml(split, yaml_text);
    }
    // Pages migrated from other tools often let a long value run on over lines that are not
    // indented, which is not YAML. When indenting them is all it takes, accept the page and
    // say where.
    let mut unindented_continuations = Vec::new();
    let mut result = yaml::parse::<FrontMatter>(yaml_text);
    if result.is_err()
        && let Some((repaired, lines)) = indent_continuations(yaml_text)
        && let Ok(parsed) = yaml::parse::<FrontMatter>(&repaired)
    {
        unindented_continuations = lines.iter().map(|l| split.matter_line + l).collect();
        result = Ok(parsed);
    }
    let parsed = result.map_err(|e| {
        // Name the key on the failing line and what it takes: "invalid i64" alone says little.
        let key = yaml_text
            .lines()
            .nth(e.line - 1)
            .and_then(|line| line.trim_start().split_once(':'))
            .map(|(key, _)| key.trim().trim_start_matches("- "))
            .filter(|key| KNOWN_KEYS.iter().any(|k| k.rsplit('.').next() == Some(*key)));
        let (message, help) = match key {
            // The message names the key itself ("`title` is given twice").
            Some(key) if e.message.starts_with(&format!("`{key}` ")) => (
                format!("front matter is not valid: {}", e.message),
                format!("delete one of the `{key}:` lines"),
            ),
            Some(key) => (
                format!("front matter is not valid: `{key}`: {}", e.message),
                format!("`{key}` takes {}", expected_value(key)),
            ),
            None => (
                format!("front matter is not valid: {}", e.message),
                "front matter is YAML: `key: value` lines; quote values that hold `: ` or start with a special character".into(),
            ),
        };
        FrontMatterError {
            message,
            line: split.matter_line + e.line - 1,
            column: e.column,
            help: Some(help),
        }
    })?;
    let unknown_keys = parsed
        .unknown_keys
        .into_iter()
        .map(|key| {
            let line = split.key_line(&key);
            (key, line)
        })
        .collect();
    Ok(Parsed {
        front_matter: parsed.value,
        unknown_keys,
        unindented_continuations,
    })
}

/// Hugo's TOML front matter, read into the same keys with the same rules.
fn parse_toml(split: &Split<'_>, text: &str) -> Result<Parsed, FrontMatterError> {
    let located = |error: toml::de::Error| {
        let at = error.span().map_or(0, |span| span.start.min(text.len()));
        let before = &text[..at];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let message = error.message().trim().replace('\n', " ");
        let key = text[line_start..]
            .split_once('=')
            .map(|(key, _)| key.trim().trim_matches('"'))
            .filter(|key| {
                KNOWN_KEYS
                    .iter()
                    .any(|k| k.rsplit('.').next() == Some(*key))
            });
        FrontMatterError {
            message: match key {
                Some(key) => format!("front matter is not valid: `{key}`: {message}"),
                None => format!("front matter is not valid: {message}"),
            },
            line: split.matter_line + before.matches('\n').count(),
            column: before[line_start..].chars().count() + 1,
            help: Some(match key {
                Some(key) => format!("`{key}` takes {}", expected_value(key)),
                None => "front matter between `+++` lines is TOML: `key = \"value\"` lines".into(),
            }),
        }
    };
    let deserializer = toml::de::Deserializer::parse(text).map_err(located)?;
    let mut unknown = Vec::new();
    let front_matter: FrontMatter =
        serde_ignored::deserialize(deserializer, |path| unknown.push(yaml::dotted(&path)))
            .map_err(located)?;
    Ok(Parsed {
        front_matter,
        unknown_keys: unknown
            .into_iter()
            .map(|key| {
                let line = split.key_line(&key);
                (key, line)
            })
            .collect(),
        unindented_continuations: Vec::new(),
    })
}

/// The YAML with top-level lines that cannot be keys indented under the scalar before them,
/// and those lines (0-based); `None` when there are none.
fn indent_continuations(yaml: &str) -> Option<(String, Vec<usize>)> {
    let mut repaired = String::with_capacity(yaml.len() + 16);
    let mut lines = Vec::new();
    // Whether the line before holds a `key: value` scalar (or its continuation).
    let mut continuable = false;
    for (index, line) in yaml.lines().enumerate() {
        let flush = line.chars().next().is_some_and(|c| !c.is_whitespace());
        let key_value = line
            .split_once(':')
            .filter(|(key, rest)| !key.contains(' ') && (rest.is_empty() || rest.starts_with(' ')));
        if flush && continuable && key_value.is_none() && !line.starts_with(['#', '-']) {
            repaired.push_str("  ");
            lines.push(index);
        } else {
            continuable = match key_value {
                Some((_, value)) => flush && !value.trim().is_empty(),
                None => continuable && !flush && !line.trim().is_empty(),
            };
        }
        repaired.push_str(line);
        repaired.push('\n');
    }
    (!lines.is_empty()).then_some((repaired, lines))
}

fn expected_value(key: &str) -> &'static str {
    match key {
        "weight" => "a whole number, such as `weight: 10` (lower comes first)",
        "draft" | "headless" | "hidden" => "`true` or `false`",
        "aliases" => "a list of old paths, such as `aliases: [/old/path/]`",
        "navigation_link" => "a map: `navigation_link:` then `  subtitle: …` on the next line",
        "banner" => "a map: `banner:` / `  image:` / `    src: …` and `    alt: …`",
        "image" => "a map with `src` and `alt`",
        "reviewed" => crate::date::DATE_HELP,
        "review_every" => crate::date::INTERVAL_HELP,
        _ => "text; quote it if it holds `: `, starts with `[`, `{`, `*`, `&`, `!` or `@`",
    }
}

/// The known key closest to an unknown one, when it is close enough to be a typo.
pub fn suggest_key(unknown: &str) -> Option<&'static str> {
    // What pages migrated from Hugo most often hold in place of handbok's keys.
    match unknown {
        "description" | "summary" | "lead" => return Some("ingress"),
        "linkTitle" | "subtitle" => return Some("navigation_link.subtitle"),
        "image" | "images" | "featured_image" => return Some("banner.image.src"),
        "url" => return Some("slug"),
        "layout" => return Some("template"),
        _ => {}
    }
    crate::diagnostic::closest(unknown, KNOWN_KEYS.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_counts_lines() {
        let text = "---\ntitle: A\n---\n\nBody\n";
        let split = split(text).unwrap();
        assert_eq!(split.matter, Some("title: A\n"));
        assert_eq!(split.body, "\nBody\n");
        assert_eq!(split.body_line, 4);

        let none = super::split("# Title\n").unwrap();
        assert_eq!(none.matter, None);
        assert_eq!(none.body_line, 1);

        let crlf = super::split("\u{feff}---\r\ntitle: A\r\n---\r\nB").unwrap();
        assert_eq!(crlf.matter, Some("title: A\r\n"));
        assert_eq!(crlf.body, "B");
    }

    #[test]
    fn blank_lines_before_the_front_matter_are_skipped_and_counted() {
        let text = "\n  \n---\ntitle: A\nweight: x\n---\nBody\n";
        let split = split(text).unwrap();
        assert_eq!(split.blank_lines_before, 2);
        assert_eq!(split.body, "Body\n");
        assert_eq!(split.body_line, 7);
        let error = parse(&split).unwrap_err();
        assert_eq!(error.line, 5, "the line in the file: {error:?}");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert!(
            split("---\ntitle: A\n")
                .unwrap_err()
                .message
                .contains("never closed")
        );
        assert!(
            split("+++\ntitle = 'A'\n")
                .unwrap_err()
                .message
                .contains("`+++` on line 1 is never closed")
        );
    }

    #[test]
    fn hugo_toml_front_matter_reads_the_same_keys() {
        let text = "+++\ntitle = 'Drift'\nweight = 3\ndescription = 'Lead'\ndate = 2024-01-01\n[banner.image]\nsrc = '/a.png'\natl = 'A'\n+++\nBody\n";
        let split = split(text).unwrap();
        assert_eq!(split.format, MatterFormat::Toml);
        assert_eq!(split.body, "Body\n");
        let parsed = parse(&split).unwrap();
        let front = &parsed.front_matter;
        assert_eq!(front.title.as_deref(), Some("Drift"));
        assert_eq!(front.weight, Some(3.0));
        assert_eq!(
            front.banner_image().and_then(|i| i.src.as_deref()),
            Some("/a.png")
        );
        let unknown: Vec<(&str, Option<usize>)> = parsed
            .unknown_keys
            .iter()
            .map(|(key, line)| (key.as_str(), *line))
            .collect();
        assert_eq!(
            unknown,
            [
                ("banner.image.atl", Some(8)),
                ("date", Some(5)),
                ("description", Some(4))
            ]
        );
        assert_eq!(split.key_line("banner"), Some(6));

        let error =
            parse(&super::split("+++\ntitle = 'A'\nweight = 'x'\n+++\n").unwrap()).unwrap_err();
        assert_eq!(error.line, 3, "{error:?}");
        assert!(error.message.contains("`weight`"), "{error:?}");
        let error = parse(&super::split("+++\ntitle = 'A\n+++\n").unwrap()).unwrap_err();
        assert_eq!(error.line, 2, "{error:?}");
    }

    #[test]
    fn yaml_errors_point_at_the_line_in_the_file() {
        let text = "---\ntitle: A\ningress: [oops\nweight: 1\n---\n";
        let error = parse(&split(text).unwrap()).unwrap_err();
        assert!(error.line >= 3, "{error:?}");
        let text = "---\ntitle: A\nweight: heavy\n---\n";
        let error = parse(&split(text).unwrap()).unwrap_err();
        assert_eq!(error.line, 3, "{error:?}");
    }

    #[test]
    fn values_running_on_over_unindented_lines_are_accepted_and_located() {
        let text = "---\ntitle: Ops\ningress: The Ops part of DevOps refers to IT \ninfrastructure, systems and applications. It runs in a live \nenvironment.\n\nweight: 3\n---\nBody\n";
        let parsed = parse(&split(text).unwrap()).unwrap();
        assert_eq!(
            parsed.front_matter.ingress.as_deref(),
            Some(
                "The Ops part of DevOps refers to IT infrastructure, systems and applications. It runs in a live environment."
            )
        );
        assert_eq!(parsed.front_matter.weight, Some(3.0));
        assert_eq!(parsed.unindented_continuations, vec![4, 5]);
        // Real errors stay errors.
        assert!(parse(&split("---\ntitle: [x\nmore\n---\n").unwrap()).is_err());
    }

    #[test]
    fn values_hugo_sites_write_are_accepted() {
        let text = "---\ntitle: 2024\nweight: \"10\"\ndraft: \"false\"\naliases: /old/\n---\n";
        let parsed = parse(&split(text).unwrap()).unwrap().front_matter;
        assert_eq!(parsed.title.as_deref(), Some("2024"));
        assert_eq!(parsed.weight, Some(10.0));
        assert!(!parsed.draft);
        assert_eq!(parsed.aliases, vec!["/old/"]);
        let list = parse(&split("---\naliases: [/a/, /b/]\n---\n").unwrap())
            .unwrap()
            .front_matter;
        assert_eq!(list.aliases, vec!["/a/", "/b/"]);
    }

    #[test]
    fn unknown_keys_are_reported_with_lines_and_suggestions() {
        let text = "---\ntitle: A\ningres: B\nbanner:\n  image:\n    src: x.png\n    atl: X\ndate: 2024-01-01\n---\n";
        let parsed = parse(&split(text).unwrap()).unwrap();
        assert_eq!(
            parsed.unknown_keys,
            vec![
                ("ingres".to_string(), Some(3)),
                ("banner.image.atl".to_string(), Some(7)),
                ("date".to_string(), Some(8)),
            ]
        );
        assert_eq!(suggest_key("ingres"), Some("ingress"));
        assert_eq!(suggest_key("banner.image.atl"), Some("banner.image.alt"));
        assert_eq!(suggest_key("date"), None);
        assert_eq!(suggest_key("description"), Some("ingress"));
        assert_eq!(
            parsed.front_matter.banner_image().unwrap().src.as_deref(),
            Some("x.png")
        );
    }

    #[test]
    fn review_keys_are_read_as_written_in_yaml_and_toml() {
        let text = "---\nowner: Platform team\nreviewed: 2026-05-01\nreview_every: 6\n---\n";
        let parsed = parse(&split(text).unwrap()).unwrap();
        assert!(parsed.unknown_keys.is_empty(), "{:?}", parsed.unknown_keys);
        let front = parsed.front_matter;
        assert_eq!(front.owner.as_deref(), Some("Platform team"));
        assert_eq!(front.reviewed.as_deref(), Some("2026-05-01"));
        assert_eq!(front.review_every.as_deref(), Some("6"));
        let text = "+++\nowner = 'Drift'\nreviewed = 2026-05-01\nreview_every = '1 year'\n+++\n";
        let front = parse(&split(text).unwrap()).unwrap().front_matter;
        assert_eq!(front.reviewed.as_deref(), Some("2026-05-01"));
        assert_eq!(front.review_every.as_deref(), Some("1 year"));
        let error = parse(&split("---\nreviewed: [2026]\n---\n").unwrap()).unwrap_err();
        assert_eq!(error.line, 2, "{error:?}");
    }
}
