//! `site.yaml` → [`Config`]. Parsing works on a string; [`Config::load`] is the I/O wrapper.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Failure, closest};
use crate::url::BaseUrl;
use crate::yaml;

pub const CONFIG_FILE: &str = "site.yaml";

#[derive(Debug, Clone)]
pub struct Config {
    /// The handbook's title in the default language.
    pub title: String,
    pub base_url: BaseUrl,
    pub default_language: String,
    /// In the order declared; the first is the default unless `default_language` says otherwise.
    pub languages: Vec<Language>,
    /// "Edit this page" link, with `{path}` standing for the page's file (`content/en/ops.md`).
    pub edit_url: Option<String>,
    /// Whether the build writes a search index and the theme shows the search box.
    pub search: bool,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Language {
    pub code: String,
    /// The language's name in itself ("Norsk bokmål"), as a reader looks for it.
    pub name: String,
    /// The handbook's title in this language.
    pub title: String,
    /// UI strings: built-in defaults for the language, overridden by `site.yaml`.
    #[serde(skip)]
    pub strings: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct RawConfig {
    title: String,
    base_url: Option<String>,
    default_language: Option<String>,
    languages: Vec<RawLanguage>,
    edit_url: Option<String>,
    search: Option<bool>,
}

/// Every key site.yaml may hold, for suggestions when one is misspelt.
const KNOWN_KEYS: &[&str] = &[
    "title",
    "base_url",
    "default_language",
    "languages",
    "edit_url",
    "search",
    "code",
    "name",
    "strings",
];

#[derive(Deserialize)]
struct RawLanguage {
    code: String,
    name: String,
    title: Option<String>,
    #[serde(default)]
    strings: BTreeMap<String, String>,
}

/// A warning for a key of site.yaml that handbok does not read, at its line, with the known
/// key it was probably meant to be.
fn unknown_key(text: &str, key: &str, message: String, known: &[&str]) -> Diagnostic {
    let mut d = Diagnostic::warning("unknown-key", CONFIG_FILE, message);
    if let Some(line) = yaml::key_line(text, key) {
        d = d.at_line(line + 1);
    }
    let last = key.rsplit('.').next().unwrap_or(key);
    if let Some(known) = closest(last, known.iter().copied()) {
        d = d.help(format!("did you mean `{known}`?"));
    }
    d
}

/// A custom template may ask for strings of its own, so only a near miss of a built-in
/// string (`on_this_pag`) is worth a word.
fn string_near_misses(text: &str, languages: &[RawLanguage]) -> Vec<Diagnostic> {
    let builtin = builtin_strings("en");
    let mut warnings = Vec::new();
    for lang in languages {
        for key in lang.strings.keys() {
            if !builtin.contains_key(key)
                && closest(key, builtin.keys().map(String::as_str)).is_some()
            {
                warnings.push(unknown_key(
                    text,
                    key,
                    format!(
                        "`{key}` is not one of the theme's strings (language `{}`)",
                        lang.code
                    ),
                    &builtin.keys().map(String::as_str).collect::<Vec<_>>(),
                ));
            }
        }
    }
    warnings
}

/// The declared languages, each with its UI strings over the built-in ones.
fn languages(declared: Vec<RawLanguage>, site_title: &str) -> Result<Vec<Language>, Diagnostic> {
    let invalid = |message: String| Diagnostic::error("config", CONFIG_FILE, message);
    if declared.is_empty() {
        return Err(invalid("`languages` is empty".into())
            .help("declare at least one language, e.g. `languages: [{code: en, name: English}]`"));
    }
    let mut languages: Vec<Language> = Vec::with_capacity(declared.len());
    for lang in declared {
        let valid_code = !lang.code.is_empty()
            && lang
                .code
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid_code {
            return Err(
                invalid(format!("language code `{}` is not valid", lang.code))
                    .help("use a lowercase BCP 47 code such as `en`, `nb` or `nn`"),
            );
        }
        if languages.iter().any(|l| l.code == lang.code) {
            return Err(invalid(format!(
                "language `{}` is declared twice",
                lang.code
            )));
        }
        let mut strings = builtin_strings(&lang.code);
        strings.extend(lang.strings);
        languages.push(Language {
            title: lang.title.unwrap_or_else(|| site_title.to_string()),
            code: lang.code,
            name: lang.name,
            strings,
        });
    }
    Ok(languages)
}

impl Config {
    pub fn load(root: &Path) -> Result<(Config, Vec<Diagnostic>), Failure> {
        let path = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&path).map_err(|error| {
            Failure::Usage(format!(
                "cannot read {}: {error}\n  help: run handbok in a site folder (one with {CONFIG_FILE}), pass --root DIR, or create one with `handbok init DIR`",
                path.display()
            ))
        })?;
        Config::parse(&text).map_err(|d| Failure::Usage(d.to_string()))
    }

    /// Parses `site.yaml`; unknown keys come back as warnings, anything else wrong as an error.
    pub fn parse(text: &str) -> Result<(Config, Vec<Diagnostic>), Diagnostic> {
        let parsed = yaml::parse::<RawConfig>(text).map_err(|e| {
            Diagnostic::error("config", CONFIG_FILE, e.message)
                .at(e.line, e.column)
                .help("site.yaml needs `title` and a list of `languages`, each with `code` and `name`; see the README")
        })?;
        let mut warnings: Vec<Diagnostic> = parsed
            .unknown_keys
            .iter()
            .map(|key| {
                unknown_key(
                    text,
                    key,
                    format!("unknown key `{key}` is ignored"),
                    KNOWN_KEYS,
                )
            })
            .collect();
        let raw = parsed.value;
        warnings.extend(string_near_misses(text, &raw.languages));
        let invalid = |message: String| Diagnostic::error("config", CONFIG_FILE, message);
        let languages = languages(raw.languages, &raw.title)?;
        let default_language = raw
            .default_language
            .unwrap_or_else(|| languages[0].code.clone());
        if !languages.iter().any(|l| l.code == default_language) {
            return Err(invalid(format!(
                "default_language `{default_language}` is not among the declared languages"
            )));
        }
        let base_url =
            BaseUrl::parse(raw.base_url.as_deref().unwrap_or("/")).map_err(|message| {
                invalid(message).help("write it like `https://example.org/handbook/`")
            })?;
        Ok((
            Config {
                title: raw.title,
                base_url,
                default_language,
                languages,
                edit_url: raw.edit_url,
                search: raw.search.unwrap_or(true),
            },
            warnings,
        ))
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    pub fn default_language(&self) -> &Language {
        self.language(&self.default_language)
            .unwrap_or(&self.languages[0])
    }
}

impl Language {
    pub fn string(&self, key: &str) -> Option<&str> {
        self.strings.get(key).map(String::as_str)
    }
}

/// Every UI string the default theme uses. A language without built-in strings gets the
/// English ones until `site.yaml` gives its own.
pub const UI_STRING_KEYS: &[&str] = &[
    "skip_to_content",
    "on_this_page",
    "navigation",
    "languages",
    "previous",
    "next",
    "not_translated",
    "menu",
    "front_page",
    "not_found_title",
    "not_found_text",
    "in_this_section",
    "breadcrumbs",
    "note",
    "tip",
    "important",
    "warning",
    "caution",
    "edit_page",
    "last_updated",
    "copy_code",
    "copied",
    "link_to_section",
    "search",
    "search_placeholder",
    "search_no_results",
    "search_results",
];

fn builtin_strings(code: &str) -> BTreeMap<String, String> {
    let values: [&str; 27] = match code {
        "nb" | "no" | "nn" => [
            "Hopp til innhold",
            "På denne siden",
            "Navigasjon i håndboka",
            "Språk",
            "Forrige",
            "Neste",
            "ikke oversatt, går til forsiden",
            "Meny",
            "Forside",
            "Fant ikke siden",
            "Siden du leter etter finnes ikke. Den kan ha blitt flyttet eller slettet.",
            "I denne delen",
            "Brødsmulesti",
            "Merk",
            "Tips",
            "Viktig",
            "Advarsel",
            "Forsiktig",
            "Rediger denne siden",
            "Sist oppdatert",
            "Kopier",
            "Kopiert",
            "Lenke til denne delen",
            "Søk",
            "Søk i håndboka",
            "Ingen treff",
            "treff",
        ],
        _ => [
            "Skip to content",
            "On this page",
            "Handbook navigation",
            "Languages",
            "Previous",
            "Next",
            "not translated, goes to the front page",
            "Menu",
            "Front page",
            "Page not found",
            "The page you are looking for does not exist. It may have been moved or deleted.",
            "In this section",
            "Breadcrumbs",
            "Note",
            "Tip",
            "Important",
            "Warning",
            "Caution",
            "Edit this page",
            "Last updated",
            "Copy",
            "Copied",
            "Link to this section",
            "Search",
            "Search the handbook",
            "No results",
            "results",
        ],
    };
    UI_STRING_KEYS
        .iter()
        .zip(values)
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = "title: Handbook\nbase_url: https://example.org/hb/\nlanguages:\n  - code: en\n    name: English\n  - code: nb\n    name: Norsk bokmål\n    title: Håndboka\n    strings:\n      on_this_page: Innhold\n";

    #[test]
    fn parses_languages_and_merges_strings() {
        let (config, warnings) = Config::parse(SITE).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(config.default_language, "en");
        let nb = config.language("nb").unwrap();
        assert_eq!(nb.title, "Håndboka");
        assert_eq!(nb.string("on_this_page"), Some("Innhold"));
        assert_eq!(nb.string("previous"), Some("Forrige"));
        assert_eq!(config.language("en").unwrap().title, "Handbook");
        assert_eq!(config.base_url.path(), "/hb");
    }

    #[test]
    fn unknown_keys_warn_and_bad_values_fail_with_line() {
        let (_, warnings) = Config::parse(&format!("{SITE}colour: red\n")).unwrap();
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, Some(11));
        let error = Config::parse("title: x\nlanguages: 3\n").unwrap_err();
        assert_eq!(error.line, Some(2));
        let error =
            Config::parse("title: x\ndefault_language: de\nlanguages: [{code: en, name: E}]\n")
                .unwrap_err();
        assert!(error.message.contains("de"));
        assert!(Config::parse("title: x\nlanguages: [{code: EN!, name: E}]\n").is_err());
    }

    #[test]
    fn near_misses_get_a_suggestion_but_custom_strings_do_not_warn() {
        let text = "title: x\nbase_ulr: /\nlanguages:\n  - code: nb\n    name: Norsk\n    strings:\n      on_this_pag: Innhold\n      my_banner_text: Hei\n";
        let (config, warnings) = Config::parse(text).unwrap();
        let said: Vec<(Option<u32>, Option<&str>)> = warnings
            .iter()
            .map(|w| (w.line, w.help.as_deref()))
            .collect();
        assert_eq!(
            said,
            [
                (Some(2), Some("did you mean `base_url`?")),
                (Some(7), Some("did you mean `on_this_page`?"))
            ]
        );
        assert_eq!(
            config.language("nb").unwrap().strings["my_banner_text"],
            "Hei"
        );
    }
}
