//! Tera with the embedded default theme, the functions templates call, and template errors
//! as diagnostics located in the template.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::{Kwargs, State, Tera};

use super::assets::AssetVersions;
use super::{TEMPLATES_DIR, files_below};
use crate::config::Config;
use crate::content::Page;
use crate::diagnostic::{Diagnostic, Failure};

/// The navigation list, rendered once per section folder as `nav_html`.
pub(super) const NAV_TEMPLATE: &str = "nav.html";

/// The default theme's templates, compiled into the binary; a site's `templates/` overrides
/// any of them by name.
pub const EMBEDDED_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (NAV_TEMPLATE, include_str!("../../templates/nav.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("section.html", include_str!("../../templates/section.html")),
    ("page.html", include_str!("../../templates/page.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("print.html", include_str!("../../templates/print.html")),
    ("pager.html", include_str!("../../templates/pager.html")),
    ("cards.html", include_str!("../../templates/cards.html")),
    (
        "page_header.html",
        include_str!("../../templates/page_header.html"),
    ),
];

/// The default theme's static files (site path → bytes); a site's `static/` overrides them.
pub const EMBEDDED_STATIC: &[(&str, &[u8])] = &[
    (
        "/theme/handbok.css",
        include_bytes!("../../static/theme/handbok.css"),
    ),
    (
        "/theme/handbok.js",
        include_bytes!("../../static/theme/handbok.js"),
    ),
    (
        "/theme/favicon.svg",
        include_bytes!("../../static/theme/favicon.svg"),
    ),
    (
        "/theme/highlight.css",
        include_bytes!("../../static/theme/highlight.css"),
    ),
    (
        "/theme/search.js",
        include_bytes!("../../static/theme/search.js"),
    ),
];

/// The templates a site renders with.
pub(super) struct Templates {
    pub(super) tera: Tera,
    /// The names of the site's own (for error locations).
    pub(super) site_templates: HashSet<String>,
    /// Whether a template prints `nav_html`: only then is `nav.html` rendered, so a site
    /// whose own `base.html` predates it may have a `nav.html` of another kind.
    pub(super) prints_nav_html: bool,
}

/// Tera with the embedded theme's templates and the site's own `templates/` over them.
pub(super) fn load(
    root: &Path,
    config: &Arc<Config>,
    versions: &Arc<AssetVersions>,
) -> Result<Templates, Failure> {
    let mut sources: BTreeMap<String, String> = EMBEDDED_TEMPLATES
        .iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect();
    let mut site_templates = HashSet::new();
    let mut errors = Vec::new();
    for (name, path) in files_below(&root.join(TEMPLATES_DIR)) {
        let name = name.trim_start_matches('/').to_string();
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                site_templates.insert(name.clone());
                sources.insert(name, text);
            }
            Err(error) => errors.push(Diagnostic::error(
                "template",
                Path::new(TEMPLATES_DIR).join(&name),
                format!("cannot read template: {error}"),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(Failure::Content(errors));
    }
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    register_functions(&mut tera, config, versions);
    if let Err(error) =
        tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
    {
        return Err(Failure::Content(vec![template_diagnostic(
            &error,
            &site_templates,
            None,
        )]));
    }
    let prints_nav_html = sources
        .iter()
        .any(|(name, text)| name != NAV_TEMPLATE && text.contains("nav_html"));
    Ok(Templates {
        tera,
        site_templates,
        prints_nav_html,
    })
}

/// `t(key="on_this_page")`: the UI string in the page's language. `url(path="/x.css")`: the
/// href of a site path under the configured base URL.
fn register_functions(tera: &mut Tera, config: &Arc<Config>, versions: &Arc<AssetVersions>) {
    let strings = Arc::clone(config);
    tera.register_function(
        "t",
        move |kwargs: Kwargs, state: &State| -> tera::TeraResult<String> {
            let key: String = kwargs.must_get("key")?;
            let lang: Option<String> = match kwargs.get::<String>("lang")? {
                Some(lang) => Some(lang),
                None => state.get("lang")?,
            };
            let language = lang
                .as_deref()
                .and_then(|l| strings.language(l))
                .unwrap_or_else(|| strings.default_language());
            language
            .string(&key)
            .or_else(|| strings.default_language().string(&key))
            .map(str::to_string)
            .ok_or_else(|| {
                tera::Error::message(format!(
                    "no UI string `{key}` for language `{}`; add it under `strings` in site.yaml",
                    language.code
                ))
            })
        },
    );
    let (assets, asset_config) = (Arc::clone(versions), Arc::clone(config));
    tera.register_function(
        "asset_url",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let path = site_path_argument(&kwargs)?;
            let version = assets.version(&path).ok_or_else(|| {
                tera::Error::message(format!(
                    "asset_url: there is no file static{path} (nor a theme file of that name)"
                ))
            })?;
            Ok(format!("{}?v={version}", asset_config.base_url.href(&path)))
        },
    );
    let urls = Arc::clone(config);
    tera.register_function(
        "url",
        move |kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            Ok(urls.base_url.href(&site_path_argument(&kwargs)?))
        },
    );
}

/// The `path` argument of `url` and `asset_url`, as a site path (leading `/` optional).
fn site_path_argument(kwargs: &Kwargs) -> tera::TeraResult<String> {
    let path: String = kwargs.must_get("path")?;
    Ok(if path.starts_with('/') {
        path
    } else {
        format!("/{path}")
    })
}

/// A Tera error as a diagnostic located in the template (and naming the page being rendered).
pub(super) fn template_diagnostic(
    error: &tera::Error,
    site_templates: &HashSet<String>,
    page: Option<&Page>,
) -> Diagnostic {
    // The located report may sit anywhere in the chain of causes.
    let mut report = None;
    let mut causes = Vec::new();
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(cause) = current {
        match cause.downcast_ref::<tera::Error>().map(tera::Error::kind) {
            Some(tera::ErrorKind::SyntaxError(found) | tera::ErrorKind::RenderingError(found))
                if report.is_none() =>
            {
                report = Some(found);
            }
            _ => causes.push(cause.to_string()),
        }
        current = cause.source();
    }
    let mut d = match report {
        Some(report) => {
            let name = report.filename();
            let file = if site_templates.contains(name) {
                Path::new(TEMPLATES_DIR).join(name)
            } else {
                PathBuf::from(format!("(built-in theme) {name}"))
            };
            let mut message = report.message().to_string();
            for cause in causes.iter().filter(|c| !c.contains(report.message())) {
                message = format!("{cause}: {message}");
            }
            Diagnostic::error("template", file, message)
                .at(report.span().start_line, report.span().start_col + 1)
        }
        // Some errors arrive as a message with the report already rendered into it.
        None => {
            let text = causes.join(": ");
            let located = text.lines().find_map(|line| {
                let (name, position) = line.trim().strip_prefix("--> ")?.split_once(':')?;
                let (line, column) = position.split_once(':')?;
                Some((
                    name.to_string(),
                    line.parse::<usize>().ok()?,
                    column.parse::<usize>().ok()?,
                ))
            });
            let message = text
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("error: ")
                .to_string();
            match located {
                Some((name, line, column)) => {
                    let file = if site_templates.contains(&name) {
                        Path::new(TEMPLATES_DIR).join(&name)
                    } else {
                        PathBuf::from(format!("(built-in theme) {name}"))
                    };
                    Diagnostic::error("template", file, message).at(line, column)
                }
                None => Diagnostic::error("template", TEMPLATES_DIR, text),
            }
        }
    };
    if let Some(page) = page {
        d = d.help(format!("while rendering {}", page.file().display()));
    }
    d
}
