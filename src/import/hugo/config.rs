//! A Hugo site's configuration (`hugo.toml`, `config.yaml`, `config/_default/*`, …) read into
//! what the import needs, and the `site.yaml` written from it. Hugo's keys are
//! case-insensitive, so every key is lowercased on reading.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::diagnostic::Failure;

/// Root configuration files, in the order Hugo looks for them (the first found is used).
const ROOT_FILES: &[&str] = &[
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
];

#[derive(Debug, Clone)]
pub struct HugoConfig {
    pub title: String,
    /// `baseURL` as handbok writes it (ending in `/`), when handbok can use it.
    pub base_url: Option<String>,
    /// The sub-path of `baseURL` without the trailing slash (`/docs`), or `""`.
    pub base_path: String,
    /// `https://x.no` of `baseURL`, so absolute links to the site itself can be recognised.
    pub origin: Option<String>,
    /// By `weight`, then code; the languages Hugo builds (disabled ones are left out).
    pub languages: Vec<Language>,
    /// Index into `languages`.
    pub default_language: usize,
    /// Hugo lowercases URLs unless `disablePathToLower` is set.
    pub lowercase_urls: bool,
    /// Relative to the site folder.
    pub static_dirs: Vec<PathBuf>,
    pub assets_dir: PathBuf,
    /// Site `params`, for `siteparam`.
    pub params: Value,
    /// Settings that have no counterpart in handbok, for the report.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Language {
    /// The key under `languages` (lowercase): the file suffix and URL prefix Hugo uses.
    pub hugo_code: String,
    /// The code handbok uses (`no` becomes `nb` where the site says it is Bokmål).
    pub code: String,
    pub name: String,
    pub title: String,
    pub weight: i64,
    /// Relative to the site folder.
    pub content_dir: PathBuf,
    /// `""` for the default language at the root, else `/<hugo_code>`.
    pub url_prefix: String,
    /// The language's own `params` (looked up before the site's).
    pub params: Value,
}

impl HugoConfig {
    pub fn language_of_hugo_code(&self, hugo_code: &str) -> Option<usize> {
        self.languages
            .iter()
            .position(|l| l.hugo_code.eq_ignore_ascii_case(hugo_code))
    }

    /// A site parameter (`siteparam "editURL"`): the language's, else the site's; dotted
    /// names reach into tables. Keys are matched without regard to case.
    pub fn param(&self, lang: usize, name: &str) -> Option<String> {
        let name = name.to_lowercase();
        let lookup = |params: &Value| {
            let mut value = params;
            for part in name.split('.') {
                value = value.get(part)?;
            }
            match value {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                Value::Bool(b) => Some(b.to_string()),
                _ => None,
            }
        };
        self.languages
            .get(lang)
            .and_then(|l| lookup(&l.params))
            .or_else(|| lookup(&self.params))
    }

    /// `site.yaml` in the format of handbok's README.
    pub fn site_yaml(&self, config_file: &str) -> String {
        let mut yaml =
            format!("# Imported from a Hugo site ({config_file}) by `handbok import hugo`.\n");
        yaml.push_str(&format!("title: {}\n", yaml_scalar(&self.title)));
        if let Some(base_url) = &self.base_url {
            yaml.push_str(&format!("base_url: {}\n", yaml_scalar(base_url)));
        }
        let default = &self.languages[self.default_language];
        yaml.push_str(&format!(
            "default_language: {}\n",
            yaml_scalar(&default.code)
        ));
        yaml.push_str("languages:\n");
        for language in &self.languages {
            yaml.push_str(&format!("  - code: {}\n", yaml_scalar(&language.code)));
            yaml.push_str(&format!("    name: {}\n", yaml_scalar(&language.name)));
            yaml.push_str(&format!("    title: {}\n", yaml_scalar(&language.title)));
        }
        yaml
    }
}

/// The configuration files of a Hugo site, or `None` when `source` is not one: the root
/// file, then `config/_default/*` (sorted).
pub fn config_files(source: &Path) -> Option<Vec<PathBuf>> {
    let mut files = Vec::new();
    let default_dir = source.join("config").join("_default");
    if let Ok(entries) = std::fs::read_dir(&default_dir) {
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.is_file()
                    && p.extension()
                        .is_some_and(|e| e == "toml" || e == "yaml" || e == "yml" || e == "json")
            })
            .collect();
        found.sort();
        files.extend(found);
    }
    if let Some(root) = ROOT_FILES
        .iter()
        .map(|f| source.join(f))
        .find(|p| p.is_file())
    {
        files.push(root);
    }
    (!files.is_empty()).then_some(files)
}

/// Reads and merges the configuration files; later files win, the root file last.
pub fn load(files: &[PathBuf]) -> Result<HugoConfig, Failure> {
    let mut merged = Value::Object(Map::new());
    for file in files {
        let text = std::fs::read_to_string(file).map_err(|error| {
            Failure::Usage(format!(
                "cannot read {}: {error}\n  help: check that the Hugo configuration can be read",
                file.display()
            ))
        })?;
        let value = parse_file(file, &text).map_err(|message| {
            Failure::Usage(format!(
                "{}: {message}\n  help: fix the configuration so that Hugo itself can read it, then import again",
                file.display()
            ))
        })?;
        let value = lowercase_keys(value);
        let in_default_dir = file
            .parent()
            .is_some_and(|p| p.ends_with("config/_default"));
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let placed = if !in_default_dir || stem == "hugo" || stem == "config" {
            value
        } else {
            place_under(&stem, value)
        };
        merge(&mut merged, placed);
    }
    from_value(&merged).map_err(|message| {
        Failure::Usage(format!(
            "{}: {message}",
            files
                .last()
                .map_or_else(String::new, |f| f.display().to_string())
        ))
    })
}

/// `languages.toml` holds `languages`; `menus.en.toml` holds `languages.en.menus`.
fn place_under(stem: &str, value: Value) -> Value {
    let mut parts: Vec<&str> = stem.split('.').collect();
    let mut placed = value;
    if parts.len() == 2 {
        let lang = parts.pop().unwrap_or_default();
        placed = nest(&[parts[0]], placed);
        return nest(&["languages", lang], placed);
    }
    placed = nest(&parts, placed);
    placed
}

fn nest(keys: &[&str], value: Value) -> Value {
    keys.iter().rev().fold(value, |inner, key| {
        let mut map = Map::new();
        map.insert(key.to_string(), inner);
        Value::Object(map)
    })
}

pub(super) fn parse_file(file: &Path, text: &str) -> Result<Value, String> {
    let extension = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    match extension {
        "toml" => toml::from_str::<Value>(text).map_err(|e| e.message().trim().to_string()),
        "json" => serde_json::from_str::<Value>(text).map_err(|e| e.to_string()),
        _ => crate::yaml::parse::<Value>(text)
            .map(|parsed| parsed.value)
            .map_err(|e| format!("line {}: {}", e.line, e.message)),
    }
}

pub(super) fn lowercase_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k.to_lowercase(), lowercase_keys(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(lowercase_keys).collect()),
        other => other,
    }
}

fn merge(into: &mut Value, from: Value) {
    match (into, from) {
        (Value::Object(into), Value::Object(from)) => {
            for (key, value) in from {
                match into.get_mut(&key) {
                    Some(existing) => merge(existing, value),
                    None => {
                        into.insert(key, value);
                    }
                }
            }
        }
        (into, from) => *into = from,
    }
}

fn text<'v>(value: &'v Value, key: &str) -> Option<&'v str> {
    value
        .get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
}

fn flag(value: &Value, key: &str) -> bool {
    match value.get(key) {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    }
}

/// The merged configuration (keys lowercased) read into what the import needs.
pub fn from_value(config: &Value) -> Result<HugoConfig, String> {
    let config = &lowercase_keys(config.clone());
    let mut notes = Vec::new();
    let site_title = text(config, "title").map(str::to_string);
    let default_hugo = default_language_code(config);
    let mut languages = languages(config, site_title.as_deref(), &mut notes)?;
    let default_language = languages
        .iter()
        .position(|l| l.hugo_code == default_hugo)
        .unwrap_or(0);
    let in_subdir = flag(config, "defaultcontentlanguageinsubdir");
    for (index, language) in languages.iter_mut().enumerate() {
        if index != default_language || in_subdir {
            language.url_prefix = format!("/{}", language.hugo_code);
        }
    }
    let (base_url, base_path, origin) = base_url(text(config, "baseurl"), &mut notes);
    note_settings_left_out(config, &mut notes);
    let title = site_title
        .or_else(|| Some(languages[default_language].title.clone()))
        .unwrap_or_default();
    Ok(HugoConfig {
        title,
        base_url,
        base_path,
        origin,
        languages,
        default_language,
        lowercase_urls: !flag(config, "disablepathtolower"),
        static_dirs: static_dirs(config),
        assets_dir: PathBuf::from(text(config, "assetdir").unwrap_or("assets")),
        params: config.get("params").cloned().unwrap_or(Value::Null),
        notes,
    })
}

/// `defaultContentLanguage`, lowercase (`en` when not set).
fn default_language_code(config: &Value) -> String {
    // YAML reads a bare `no` as false; as a language it can only mean Norwegian.
    match config.get("defaultcontentlanguage") {
        Some(Value::Bool(false)) => "no".to_string(),
        _ => text(config, "defaultcontentlanguage")
            .unwrap_or("en")
            .to_lowercase(),
    }
}

/// The site's languages that are not disabled, in Hugo's order (weight, then code): those
/// of `languages`, or the default language alone. Two that become one handbok code are an
/// error.
fn languages(
    config: &Value,
    site_title: Option<&str>,
    notes: &mut Vec<String>,
) -> Result<Vec<Language>, String> {
    let content_dir = text(config, "contentdir").unwrap_or("content");
    let disabled: Vec<String> = config
        .get("disablelanguages")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_lowercase)
                .collect()
        })
        .unwrap_or_default();
    let mut languages = Vec::new();
    match config.get("languages").and_then(Value::as_object) {
        Some(table) if !table.is_empty() => {
            for (hugo_code, settings) in table {
                let hugo_code = hugo_code.to_lowercase();
                if flag(settings, "disabled") || disabled.contains(&hugo_code) {
                    notes.push(format!(
                        "language `{hugo_code}` is disabled in Hugo and was left out"
                    ));
                    continue;
                }
                if settings.get("baseurl").is_some() {
                    notes.push(format!(
                        "language `{hugo_code}` has a baseURL of its own; handbok publishes all languages under one base_url"
                    ));
                }
                languages.push(language(&hugo_code, settings, site_title, content_dir));
            }
        }
        _ => languages.push(language(
            &default_language_code(config),
            &Value::Null,
            site_title,
            content_dir,
        )),
    }
    if languages.is_empty() {
        return Err("every language is disabled; there is nothing to import".into());
    }
    languages.sort_by(|a, b| {
        a.weight
            .cmp(&b.weight)
            .then_with(|| a.hugo_code.cmp(&b.hugo_code))
    });
    let mut codes: Vec<&str> = languages.iter().map(|l| l.code.as_str()).collect();
    codes.sort_unstable();
    if let Some(pair) = codes.windows(2).find(|w| w[0] == w[1]) {
        return Err(format!(
            "two languages become `{}` in handbok; rename one in the Hugo configuration",
            pair[0]
        ));
    }
    Ok(languages)
}

/// A note for each setting that shapes a Hugo site's URLs or build and that handbok has no
/// counterpart for.
fn note_settings_left_out(config: &Value, notes: &mut Vec<String>) {
    for key in ["permalinks", "uglyurls", "module"] {
        if config
            .get(key)
            .is_some_and(|v| !v.is_null() && v != &Value::Bool(false))
        {
            notes.push(format!(
                "`{key}` in the Hugo configuration has no counterpart in handbok and was not carried over"
            ));
        }
    }
}

/// `staticDir`: one folder or several (`static` when not set).
fn static_dirs(config: &Value) -> Vec<PathBuf> {
    match config.get("staticdir") {
        Some(Value::String(dir)) => vec![PathBuf::from(dir)],
        Some(Value::Array(dirs)) => dirs
            .iter()
            .filter_map(Value::as_str)
            .map(PathBuf::from)
            .collect(),
        _ => vec![PathBuf::from("static")],
    }
}

fn language(
    hugo_code: &str,
    settings: &Value,
    site_title: Option<&str>,
    content_dir: &str,
) -> Language {
    let name = text(settings, "languagename").or_else(|| text(settings, "label"));
    let language_code = text(settings, "languagecode").or_else(|| text(settings, "locale"));
    let code = handbok_code(hugo_code, language_code, name);
    Language {
        name: name.map_or_else(|| known_name(&code).to_string(), str::to_string),
        title: text(settings, "title")
            .or(site_title)
            .unwrap_or("Handbook")
            .to_string(),
        weight: settings.get("weight").and_then(Value::as_i64).unwrap_or(0),
        content_dir: clean_dir(text(settings, "contentdir").unwrap_or(content_dir)),
        url_prefix: String::new(),
        params: settings.get("params").cloned().unwrap_or(Value::Null),
        hugo_code: hugo_code.to_string(),
        code,
    }
}

fn clean_dir(dir: &str) -> PathBuf {
    let dir = dir.trim().trim_start_matches("./").trim_end_matches('/');
    PathBuf::from(if dir.is_empty() { "content" } else { dir })
}

/// Hugo's language key as a handbok code: lowercase, and `no` as `nb` where the site says
/// the language is Bokmål (Hugo sites often use `no` for it); `nn` stays `nn`.
pub fn handbok_code(hugo_code: &str, language_code: Option<&str>, name: Option<&str>) -> String {
    let code: String = hugo_code
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    if code == "no" {
        let tag = language_code.unwrap_or("").to_lowercase().replace('_', "-");
        let name = name.unwrap_or("").trim().to_lowercase();
        let says_bokmal = ["nb", "nb-no", "no-no", "no-nb"].contains(&tag.as_str())
            || name.contains("bokmål")
            || name.contains("bokmal")
            || name == "norsk";
        if says_bokmal {
            return "nb".into();
        }
    }
    code
}

fn known_name(code: &str) -> &str {
    match code {
        "en" => "English",
        "nb" => "Norsk bokmål",
        "nn" => "Norsk nynorsk",
        "no" => "Norsk",
        "se" => "Davvisámegiella",
        "sv" => "Svenska",
        "da" => "Dansk",
        "de" => "Deutsch",
        "fr" => "Français",
        "fi" => "Suomi",
        "es" => "Español",
        "it" => "Italiano",
        "nl" => "Nederlands",
        "pl" => "Polski",
        _ => code,
    }
}

/// handbok's `base_url`, the sub-path and the origin of Hugo's `baseURL`.
fn base_url(
    raw: Option<&str>,
    notes: &mut Vec<String>,
) -> (Option<String>, String, Option<String>) {
    let Some(raw) = raw.map(str::trim) else {
        return (None, String::new(), None);
    };
    let (origin, path) = match raw.split_once("://") {
        Some((scheme, rest)) if scheme == "http" || scheme == "https" => {
            let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            (Some(format!("{scheme}://{host}")), path)
        }
        _ if raw.starts_with('/') => (None, raw),
        _ => {
            notes.push(format!(
                "baseURL `{raw}` is not a URL handbok can use; site.yaml has no base_url"
            ));
            return (None, String::new(), None);
        }
    };
    let path = path.trim_end_matches('/');
    let written = format!("{}{path}/", origin.as_deref().unwrap_or(""));
    // What handbok's own reading of site.yaml refuses (`https:///x`, a query) is left out.
    if let Err(why) = crate::url::BaseUrl::parse(&written) {
        notes.push(format!(
            "baseURL `{raw}` is not a URL handbok can use ({why}); site.yaml has no base_url"
        ));
        return (None, String::new(), None);
    }
    (Some(written), path.to_string(), origin)
}

/// A YAML scalar: plain when YAML reads it back as the same text, else double-quoted.
pub fn yaml_scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && text.trim() == text
        && !text.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%',
            '@', '`',
        ])
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text.chars().any(char::is_control)
        && !matches!(
            text.to_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n"
        )
        && text.parse::<f64>().is_err();
    if plain {
        return text.to_string();
    }
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04x}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(toml_text: &str) -> HugoConfig {
        let value: Value = toml::from_str(toml_text).unwrap();
        from_value(&lowercase_keys(value)).unwrap()
    }

    #[test]
    fn languages_by_weight_with_titles_names_and_prefixes() {
        let c = config(
            "baseURL = 'https://x.no/docs/'\ntitle = 'Site'\ndefaultContentLanguage = 'nb'\n[Languages.en]\nweight = 2\nlanguageName = 'English'\ntitle = 'Handbook'\n[Languages.no]\nweight = 1\nlanguageCode = 'nb-NO'\ncontentDir = './content/no/'\n",
        );
        let codes: Vec<(&str, &str, &str)> = c
            .languages
            .iter()
            .map(|l| (l.hugo_code.as_str(), l.code.as_str(), l.url_prefix.as_str()))
            .collect();
        assert_eq!(codes, [("no", "nb", ""), ("en", "en", "/en")]);
        assert_eq!(c.default_language, 0);
        assert_eq!(c.languages[0].name, "Norsk bokmål");
        assert_eq!(c.languages[0].title, "Site");
        assert_eq!(c.languages[0].content_dir, Path::new("content/no"));
        assert_eq!(c.languages[1].title, "Handbook");
        assert_eq!(c.languages[1].content_dir, Path::new("content"));
        assert_eq!(c.base_url.as_deref(), Some("https://x.no/docs/"));
        assert_eq!(c.base_path, "/docs");
        assert_eq!(c.origin.as_deref(), Some("https://x.no"));
    }

    #[test]
    fn no_is_nb_only_where_the_site_says_so() {
        assert_eq!(handbok_code("no", Some("no-NO"), None), "nb");
        assert_eq!(handbok_code("no", None, Some("Norsk")), "nb");
        assert_eq!(handbok_code("no", None, Some("Bokmål")), "nb");
        assert_eq!(handbok_code("no", None, Some("Nynorsk")), "no");
        assert_eq!(handbok_code("nn", Some("nn-NO"), Some("Norsk")), "nn");
        assert_eq!(handbok_code("pt_BR", None, None), "pt-br");
    }

    #[test]
    fn a_site_without_languages_is_one_language_in_a_subdir_or_not() {
        let c = config(
            "title = 'T'\ndefaultContentLanguage = 'nb'\ndefaultContentLanguageInSubdir = true\n",
        );
        assert_eq!(c.languages.len(), 1);
        assert_eq!(c.languages[0].code, "nb");
        assert_eq!(c.languages[0].url_prefix, "/nb");
        assert!(c.base_url.is_none());
    }

    #[test]
    fn params_of_the_language_come_first() {
        let c = config(
            "[params]\neditURL = 'https://e/'\nn = 3\n[languages.en]\n[languages.en.params]\nn = 4\n",
        );
        assert_eq!(c.param(0, "editurl").as_deref(), Some("https://e/"));
        assert_eq!(c.param(0, "EditURL").as_deref(), Some("https://e/"));
        assert_eq!(c.param(0, "n").as_deref(), Some("4"));
        assert_eq!(c.param(0, "missing"), None);
    }

    #[test]
    fn yaml_config_with_a_no_key_reads_as_norwegian() {
        let value = crate::yaml::parse::<Value>(
            "baseURL: https://example.docsy.dev\nlanguages:\n  en:\n    label: English\n  no:\n    label: Norsk\n    contentDir: content/no\n",
        )
        .unwrap()
        .value;
        let c = from_value(&lowercase_keys(value)).unwrap();
        let codes: Vec<&str> = c.languages.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["en", "nb"]);
        assert_eq!(c.base_url.as_deref(), Some("https://example.docsy.dev/"));
    }

    #[test]
    fn config_directory_files_are_placed_under_their_names() {
        let placed = place_under("menus.en", serde_json::json!({"main": []}));
        assert_eq!(
            placed,
            serde_json::json!({"languages": {"en": {"menus": {"main": []}}}})
        );
        let placed = place_under("params", serde_json::json!({"a": 1}));
        assert_eq!(placed, serde_json::json!({"params": {"a": 1}}));
    }

    #[test]
    fn site_yaml_reads_back_in_handbok() {
        let c = config(
            "title = 'Ops: the handbook'\nbaseURL = 'https://x.no/'\n[languages.en]\nweight = 1\ntitle = 'yes'\n[languages.nb]\nweight = 2\nlanguageName = 'Norsk bokmål'\ntitle = '# Drift'\n",
        );
        let yaml = c.site_yaml("hugo.toml");
        let (parsed, warnings) = crate::config::Config::parse(&yaml).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(parsed.title, "Ops: the handbook");
        assert_eq!(parsed.languages[0].title, "yes");
        assert_eq!(parsed.languages[1].title, "# Drift");
        assert_eq!(parsed.default_language, "en");
    }
}
