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
    /// Whether the build makes each language's print page (`/<lang>/print/`: the whole
    /// handbook on one page).
    pub print: bool,
    /// Whether a page missing in a language is published there all the same, in the language
    /// it exists in, with a notice (a *fallback page*).
    pub fallback: bool,
    /// A commit whose message holds this makes no translation stale (a typo fix, say);
    /// empty turns it off.
    pub translation_skip_marker: String,
}

/// Commits holding this in their message need no translation, unless site.yaml says otherwise
/// (the keyword Lunaria users know).
pub const DEFAULT_SKIP_MARKER: &str = "[skip translation]";

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
    print: Option<bool>,
    fallback: Option<bool>,
    translation_skip_marker: Option<String>,
}

/// Every key site.yaml may hold, for suggestions when one is misspelt.
const KNOWN_KEYS: &[&str] = &[
    "title",
    "base_url",
    "default_language",
    "languages",
    "edit_url",
    "search",
    "print",
    "fallback",
    "translation_skip_marker",
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
                print: raw.print.unwrap_or(true),
                fallback: raw.fallback.unwrap_or(true),
                translation_skip_marker: raw
                    .translation_skip_marker
                    .unwrap_or_else(|| DEFAULT_SKIP_MARKER.to_string()),
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
/// English ones until `site.yaml` gives its own. The `fallback_*` strings are for a page shown
/// in another language than the reader's: `{language}` stands for the name of the language it
/// is shown in.
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
    "fallback_notice",
    "fallback_original",
    "fallback_badge",
    "details",
    "print_handbook",
    "contents",
];

const STRING_COUNT: usize = 33;
// Each language's table below has one string per key, in this order.
const _: () = assert!(UI_STRING_KEYS.len() == STRING_COUNT);

const ENGLISH: [&str; STRING_COUNT] = [
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
    "This page is not translated into English yet. It is shown in {language}.",
    "Read the original",
    "not translated",
    "Details",
    "Print the handbook",
    "Contents",
];

const BOKMAL: [&str; STRING_COUNT] = [
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
    // The language's name comes as it names itself ("English"), so it stands apart.
    "Denne siden er ikke oversatt til norsk ennå. Den vises på originalspråket: {language}.",
    "Les originalen",
    "ikke oversatt",
    "Detaljer",
    "Skriv ut håndboka",
    "Innhold",
];

const NYNORSK: [&str; STRING_COUNT] = [
    "Hopp til innhaldet",
    "På denne sida",
    "Navigasjon i handboka",
    "Språk",
    "Førre",
    "Neste",
    "ikkje omsett, går til framsida",
    "Meny",
    "Framside",
    "Fann ikkje sida",
    "Sida du leitar etter finst ikkje. Ho kan ha vorte flytta eller sletta.",
    "I denne delen",
    "Brødsmulesti",
    "Merk",
    "Tips",
    "Viktig",
    "Åtvaring",
    "Ver varsam",
    "Rediger denne sida",
    "Sist oppdatert",
    "Kopier",
    "Kopiert",
    "Lenkje til denne delen",
    "Søk",
    "Søk i handboka",
    "Ingen treff",
    "treff",
    "Denne sida er ikkje omsett til nynorsk enno. Ho blir vist på originalspråket: {language}.",
    "Les originalen",
    "ikkje omsett",
    "Detaljar",
    "Skriv ut handboka",
    "Innhald",
];

fn builtin_strings(code: &str) -> BTreeMap<String, String> {
    let values = match code {
        // `no` is Norwegian without a written standard named; most such sites are in bokmål.
        "nb" | "no" => BOKMAL,
        "nn" => NYNORSK,
        _ => ENGLISH,
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

    #[test]
    fn nynorsk_has_its_own_strings_and_the_new_keys_have_defaults() {
        let text = "title: x\nlanguages:\n  - code: nb\n    name: Norsk bokmål\n  - code: nn\n    name: Norsk nynorsk\n  - code: en\n    name: English\n";
        let (config, warnings) = Config::parse(text).unwrap();
        assert!(warnings.is_empty());
        assert!(config.fallback);
        assert_eq!(config.translation_skip_marker, "[skip translation]");
        let string = |lang: &str, key: &str| config.language(lang).unwrap().string(key).unwrap();
        assert_eq!(string("nn", "on_this_page"), "På denne sida");
        assert_eq!(string("nn", "previous"), "Førre");
        assert_eq!(string("nn", "fallback_badge"), "ikkje omsett");
        assert_eq!(string("nb", "fallback_original"), "Les originalen");
        for lang in ["en", "nb", "nn"] {
            assert_eq!(
                config.language(lang).unwrap().strings.len(),
                UI_STRING_KEYS.len()
            );
            assert!(string(lang, "fallback_notice").contains("{language}"));
        }
        // Nynorsk is not bokmål: most strings differ, and none is left in English.
        let differ = UI_STRING_KEYS
            .iter()
            .filter(|k| string("nn", k) != string("nb", k))
            .count();
        assert!(
            differ >= 12,
            "only {differ} nynorsk strings differ from bokmål"
        );
        for key in [
            "navigation",
            "not_found_text",
            "edit_page",
            "search_placeholder",
        ] {
            assert_ne!(string("nn", key), string("en", key));
        }
    }

    #[test]
    fn fallback_and_skip_marker_are_read() {
        let text = "title: x\nfallback: false\ntranslation_skip_marker: '[no-i18n]'\nlanguages: [{code: en, name: E}]\n";
        let (config, warnings) = Config::parse(text).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(!config.fallback);
        assert_eq!(config.translation_skip_marker, "[no-i18n]");
    }
}
