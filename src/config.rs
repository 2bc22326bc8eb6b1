//! `site.yaml` → [`Config`]. Parsing works on a string; [`Config::load`] is the I/O wrapper.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::date::{Date, INTERVAL_HELP, Interval};
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
    /// Which languages get a print page (`/<lang>/print/`: the whole handbook on one page).
    pub print: Print,
    /// Whether a page missing in a language is published there all the same, in the language
    /// it exists in, with a notice (a *fallback page*).
    pub fallback: bool,
    /// A commit whose message holds this makes no translation stale (a typo fix, say);
    /// empty turns it off.
    pub translation_skip_marker: String,
    /// How often pages are reviewed unless their front matter says otherwise
    /// (`review_every: 6 months`); `None`: only pages with their own interval are.
    pub review_every: Option<Interval>,
    /// Offline reading (a service worker): on, turned off for readers who have it, or
    /// never asked for.
    pub offline: Offline,
    /// Bytes a language's offline copy may take before the build warns.
    pub offline_budget: u64,
    /// Line of `offline_budget` (or else `offline`) in site.yaml, for the budget warning.
    pub offline_line: Option<usize>,
}

/// `print:` in site.yaml.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Print {
    /// Unset: each language with at most [`PRINT_AUTO_MAX_PAGES`] pages. Past that the page
    /// is tens of megabytes that no browser lays out or printer prints in reasonable time,
    /// and building it would cost more than the rest of the build's memory.
    #[default]
    Auto,
    /// `print: true`: every language, however large.
    Always,
    /// `print: false`.
    Never,
}

/// The most pages a language may have for its print page to be made unless `print: true`.
pub const PRINT_AUTO_MAX_PAGES: usize = 1000;

/// `offline:` in site.yaml. Absent and `false` differ: `false` says readers may still have
/// the worker, so the build writes one that removes itself and its caches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Offline {
    #[default]
    Unset,
    On,
    /// The kill-switch.
    Off,
}

/// An offline copy larger than this is probably more than a reader's browser should keep.
pub const DEFAULT_OFFLINE_BUDGET: u64 = 50_000_000;

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
    #[serde(default, deserialize_with = "crate::date::scalar_text")]
    review_every: Option<String>,
    offline: Option<bool>,
    offline_budget: Option<serde_json::Value>,
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
    "review_every",
    "offline",
    "offline_budget",
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

/// `review_every:` of site.yaml, located when it does not parse.
fn review_every(text: &str, every: Option<&str>) -> Result<Option<Interval>, Diagnostic> {
    let Some(every) = every else {
        return Ok(None);
    };
    Interval::parse(every).map(Some).map_err(|message| {
        let mut error =
            Diagnostic::error("config", CONFIG_FILE, format!("`review_every`: {message}"))
                .help(format!("`review_every` takes {INTERVAL_HELP}"));
        if let Some(line) = yaml::key_line(text, "review_every") {
            error = error.at_line(line + 1);
        }
        error
    })
}

/// `offline_budget:` of site.yaml in bytes (the default without one), located when it is
/// not a size.
fn offline_budget(
    value: Option<&serde_json::Value>,
    line: Option<usize>,
) -> Result<u64, Diagnostic> {
    let Some(value) = value else {
        return Ok(DEFAULT_OFFLINE_BUDGET);
    };
    parse_size(value).ok_or_else(|| {
        let mut error = Diagnostic::error(
            "config",
            CONFIG_FILE,
            format!("offline_budget `{}` is not a size", plain(value)),
        )
        .help("write it like `50 MB` (also kB or GB; a bare number is megabytes)");
        if let Some(line) = line {
            error = error.at_line(line);
        }
        error
    })
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
        check_month_names(text, &languages)?;
        let default_language = raw
            .default_language
            .unwrap_or_else(|| languages[0].code.clone());
        if !languages.iter().any(|l| l.code == default_language) {
            return Err(invalid(format!(
                "default_language `{default_language}` is not among the declared languages"
            )));
        }
        let review_every = review_every(text, raw.review_every.as_deref())?;
        let base_url =
            BaseUrl::parse(raw.base_url.as_deref().unwrap_or("/")).map_err(|message| {
                invalid(message).help("write it like `https://example.org/handbook/`")
            })?;
        let offline_line = yaml::key_line(text, "offline_budget")
            .or_else(|| yaml::key_line(text, "offline"))
            .map(|line| line + 1);
        let offline_budget = offline_budget(raw.offline_budget.as_ref(), offline_line)?;
        Ok((
            Config {
                title: raw.title,
                base_url,
                default_language,
                languages,
                edit_url: raw.edit_url,
                search: raw.search.unwrap_or(true),
                print: match raw.print {
                    None => Print::Auto,
                    Some(true) => Print::Always,
                    Some(false) => Print::Never,
                },
                fallback: raw.fallback.unwrap_or(true),
                translation_skip_marker: raw
                    .translation_skip_marker
                    .unwrap_or_else(|| DEFAULT_SKIP_MARKER.to_string()),
                review_every,
                offline: match raw.offline {
                    None => Offline::Unset,
                    Some(true) => Offline::On,
                    Some(false) => Offline::Off,
                },
                offline_budget,
                offline_line,
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

/// A size as site.yaml writes it: `50 MB`, `500kB`, `1.5 GB` (decimal units, as browsers
/// report storage), or a bare number of megabytes.
fn parse_size(value: &serde_json::Value) -> Option<u64> {
    let (number, unit) = match value {
        serde_json::Value::Number(n) => (n.as_f64()?, 1e6),
        serde_json::Value::String(text) => {
            let text = text.trim();
            let split = text
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(text.len());
            let unit = match text[split..].trim().to_ascii_lowercase().as_str() {
                "" | "mb" => 1e6,
                "kb" => 1e3,
                "gb" => 1e9,
                "b" => 1.0,
                _ => return None,
            };
            (text[..split].parse().ok()?, unit)
        }
        _ => return None,
    };
    (number.is_finite() && number >= 0.0).then_some((number * unit) as u64)
}

/// A YAML value as the user wrote it, for a message.
fn plain(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

impl Language {
    pub fn string(&self, key: &str) -> Option<&str> {
        self.strings.get(key).map(String::as_str)
    }

    /// A date as this language writes it ("1 May 2026", "1. mai 2026"), from its
    /// `date_format` and `months` strings.
    pub fn long_date(&self, date: Date) -> String {
        let months = self.month_names();
        date.written(
            self.string("date_format").unwrap_or("{day} {month} {year}"),
            &months,
        )
    }

    fn month_names(&self) -> Vec<&str> {
        self.string("months")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .collect()
    }
}

/// A language's own `months` must name all twelve, in order, or its dates would be wrong.
fn check_month_names(text: &str, languages: &[Language]) -> Result<(), Diagnostic> {
    for lang in languages {
        let names = lang.month_names();
        if names.len() != 12 || names.iter().any(|n| n.is_empty()) {
            let mut error = Diagnostic::error(
                "config",
                CONFIG_FILE,
                format!(
                    "`months` of language `{}` names {} months, not 12",
                    lang.code,
                    names.iter().filter(|n| !n.is_empty()).count()
                ),
            )
            .help("list the twelve month names in order, separated by commas: `months: januar, februar, …`");
            if let Some(line) = yaml::key_line(text, "months") {
                error = error.at_line(line + 1);
            }
            return Err(error);
        }
    }
    Ok(())
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
    "owner",
    "last_reviewed",
    "date_format",
    "months",
    "offline_notice",
    "diagram_source",
    "print_handbook",
    "contents",
];

const STRING_COUNT: usize = 39;
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
    "Owner",
    "Last reviewed",
    "{day} {month} {year}",
    "January, February, March, April, May, June, July, August, September, October, November, December",
    // `{date}` is the build the offline copy is of, in the reader's language's format.
    "Offline copy from {date}",
    "Diagram source",
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
    "Eier",
    "Sist gjennomgått",
    "{day}. {month} {year}",
    "januar, februar, mars, april, mai, juni, juli, august, september, oktober, november, desember",
    "Frakoblet kopi fra {date}",
    "Kilden til diagrammet",
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
    "Eigar",
    "Sist gjennomgått",
    "{day}. {month} {year}",
    "januar, februar, mars, april, mai, juni, juli, august, september, oktober, november, desember",
    "Fråkopla kopi frå {date}",
    "Kjelda til diagrammet",
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
    fn offline_is_off_unless_asked_for_and_false_is_the_kill_switch() {
        let (config, _) = Config::parse(SITE).unwrap();
        assert_eq!(config.offline, Offline::Unset);
        assert_eq!(config.offline_budget, DEFAULT_OFFLINE_BUDGET);
        let (config, _) = Config::parse(&format!("{SITE}offline: true\n")).unwrap();
        assert_eq!(config.offline, Offline::On);
        assert_eq!(config.offline_line, Some(11));
        let (config, _) = Config::parse(&format!("{SITE}offline: false\n")).unwrap();
        assert_eq!(config.offline, Offline::Off);
    }

    #[test]
    fn offline_budget_takes_sizes_and_a_bad_one_fails_at_its_line() {
        for (written, bytes) in [
            ("50 MB", 50_000_000),
            ("500kB", 500_000),
            ("1.5 GB", 1_500_000_000),
            ("20", 20_000_000),
        ] {
            let (config, _) =
                Config::parse(&format!("{SITE}offline: true\noffline_budget: {written}\n"))
                    .unwrap();
            assert_eq!(config.offline_budget, bytes, "{written}");
            assert_eq!(config.offline_line, Some(12));
        }
        let error =
            Config::parse(&format!("{SITE}offline: true\noffline_budget: fifty\n")).unwrap_err();
        assert_eq!(error.line, Some(12));
        assert!(error.message.contains("fifty"), "{}", error.message);
        assert!(Config::parse(&format!("{SITE}offline_budget: 5 parsecs\n")).is_err());
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

    #[test]
    fn review_every_is_a_site_default_and_a_bad_one_fails_at_its_line() {
        let text = "title: x\nreview_every: 6 months\nlanguages: [{code: en, name: E}]\n";
        let (config, warnings) = Config::parse(text).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            config.review_every.map(|i| i.to_string()).as_deref(),
            Some("6 months")
        );
        let (config, _) = Config::parse(SITE).unwrap();
        assert_eq!(config.review_every, None);
        for (value, message) in [
            (
                "half a year",
                "`review_every`: `half a year` is not an interval",
            ),
            ("6", "`review_every`: `6` is not an interval"),
        ] {
            let text =
                format!("title: x\nlanguages: [{{code: en, name: E}}]\nreview_every: {value}\n");
            let error = Config::parse(&text).unwrap_err();
            assert_eq!((error.line, error.message.as_str()), (Some(3), message));
            assert!(error.help.unwrap().contains("`6 months`"));
        }
    }

    #[test]
    fn dates_are_written_in_each_language_and_month_names_are_checked() {
        let text = "title: x\nlanguages:\n  - {code: en, name: E}\n  - {code: nb, name: B}\n  - {code: nn, name: N}\n";
        let (config, _) = Config::parse(text).unwrap();
        let date = Date::new(2026, 5, 1).unwrap();
        let written = |lang: &str| config.language(lang).unwrap().long_date(date);
        assert_eq!(written("en"), "1 May 2026");
        assert_eq!(written("nb"), "1. mai 2026");
        assert_eq!(written("nn"), "1. mai 2026");
        assert_eq!(config.language("nb").unwrap().string("owner"), Some("Eier"));
        assert_eq!(
            config.language("nn").unwrap().string("owner"),
            Some("Eigar")
        );
        let text = "title: x\nlanguages:\n  - code: de\n    name: Deutsch\n    strings:\n      date_format: '{day}. {month} {year}'\n      months: Januar, Februar, März, April, Mai, Juni, Juli, August, September, Oktober, November, Dezember\n";
        let (config, _) = Config::parse(text).unwrap();
        assert_eq!(
            config.language("de").unwrap().long_date(date),
            "1. Mai 2026"
        );
        let text = "title: x\nlanguages:\n  - code: de\n    name: Deutsch\n    strings:\n      months: Januar, Februar\n";
        let error = Config::parse(text).unwrap_err();
        assert_eq!(error.line, Some(6), "{error:?}");
        assert!(
            error.message.contains("names 2 months, not 12"),
            "{error:?}"
        );
    }
}
