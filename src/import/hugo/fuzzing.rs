//! The importer's readers as the fuzz targets (and their replay test) call them: a Hugo
//! configuration, and a page's front matter and body.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::config::{self, HugoConfig};
use super::convert::{Environment, convert};
use super::front_matter::Matter;
use super::layout::{ContentFile, plan};
use super::shortcode;
use super::site_index::{PageFacts, SiteIndex};
use crate::content::front_matter::MatterFormat;

/// A configuration file read as TOML, YAML and JSON; the `site.yaml` written from one that
/// Hugo could read must be one handbok reads.
pub fn config_file(text: &str) {
    for name in ["hugo.toml", "hugo.yaml", "hugo.json"] {
        let Ok(value) = config::parse_file(Path::new(name), text) else {
            continue;
        };
        let Ok(hugo) = config::from_value(&config::lowercase_keys(value)) else {
            continue;
        };
        let site_yaml = hugo.site_yaml(name);
        if let Err(error) = crate::config::Config::parse(&site_yaml) {
            panic!("the site.yaml written from {name} does not parse: {error:?}\n{site_yaml}");
        }
    }
}

/// A page's front matter in both formats (edited as the importer edits it), and its body's
/// shortcodes parsed and converted as the page `docs/a.md` of a small two-language site.
pub fn page(text: &str) {
    for format in [MatterFormat::Yaml, MatterFormat::Toml] {
        let mut matter = Matter::parse(text, format);
        assert_eq!(matter.text(), text, "reading front matter changed it");
        matter.rename("description", "ingress");
        matter.set("weight", "2.5");
        matter.insert("translation_of", "en");
        let _ = matter.items("aliases");
        let _ = matter.never_rendered();
        let _ = matter.text();
    }
    let _ = shortcode::parse(text);
    let config = small_site();
    let files: Vec<ContentFile> = [
        "docs/_index.md",
        "docs/a.md",
        "docs/a.nb.md",
        "docs/pic.png",
    ]
    .iter()
    .map(|name| ContentFile {
        root: PathBuf::from("content"),
        path: PathBuf::from(name),
    })
    .collect();
    let layout = plan(&config, &files);
    let facts = vec![PageFacts::default(); layout.pages.len()];
    let index = SiteIndex::new(&config, &layout, &facts, HashSet::new(), HashSet::new());
    let Some(page) = layout
        .pages
        .iter()
        .position(|p| p.logical == Path::new("docs/a.md"))
    else {
        panic!("the small site has no docs/a.md");
    };
    let context = index.context(page);
    let environment = Environment {
        index: &index,
        context: &context,
        site_shortcodes: &HashSet::new(),
        // Includes are looked for where there are none: the fuzzer reads no files.
        source: Path::new("/nonexistent/hugo-site"),
        aliases: &[],
    };
    let _ = convert(text, &environment);
}

fn small_site() -> HugoConfig {
    let value: serde_json::Value = toml::from_str(
        "baseURL = 'https://example.org/docs/'\ndefaultContentLanguage = 'en'\n\
         [params]\nsupport = 'drift@example.no'\n\
         [languages.en]\nweight = 1\n[languages.nb]\nweight = 2\n",
    )
    .unwrap_or_default();
    match config::from_value(&config::lowercase_keys(value)) {
        Ok(config) => config,
        Err(message) => panic!("the small site's configuration is refused: {message}"),
    }
}
