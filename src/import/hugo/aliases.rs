//! Old URLs of pages (Hugo's `aliases`) as handbok reads them, decided for the whole site
//! at once so the pages, converted in parallel, agree: handbok refuses an alias that is not
//! a path (`/`), that is the URL of a page or section, or that another page has already.
//! Hugo would write the redirect over the page; the import leaves such an alias out.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::hugo_urls::url_parts;
use super::site_index::{PageFacts, SiteIndex};
use crate::content::library::alias_site_path;
use crate::url::segment_from_name;

/// What becomes of one alias of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// As the Hugo page writes it.
    pub hugo: String,
    /// As handbok reads it, or why it is left out.
    pub handbok: Result<String, String>,
}

/// The aliases of every page, in the layout's order of pages.
pub fn plan(index: &SiteIndex, facts: &[PageFacts]) -> Vec<Vec<Alias>> {
    let config = index.config;
    let mut taken: HashSet<String> = HashSet::from(["/".to_string()]);
    for (page, facts) in index.layout.pages.iter().zip(facts) {
        let code = &config.languages[page.lang].code;
        taken.insert(format!("/{code}/"));
        taken.insert(handbok_url(code, page, facts));
        let mut dir = page.logical.parent();
        while let Some(current) = dir.filter(|d| !d.as_os_str().is_empty()) {
            taken.insert(folder_url(code, current));
            dir = current.parent();
        }
    }
    let mut owners: HashMap<String, usize> = HashMap::new();
    let mut plans = Vec::with_capacity(facts.len());
    for (i, facts) in facts.iter().enumerate() {
        let code = &config.languages[index.layout.pages[i].lang].code;
        let aliases = facts
            .aliases
            .iter()
            .map(|hugo| {
                let handbok = index.handbok_alias(i, hugo);
                let verdict = match alias_site_path(code, &handbok) {
                    None => Err(format!(
                        "alias `{hugo}` is not a path handbok can redirect from"
                    )),
                    Some(path) if taken.contains(&path) => Err(format!(
                        "alias `{hugo}` is the URL of a page or section in handbok"
                    )),
                    Some(path) => match owners.get(&path) {
                        Some(&other) if other != i => Err(format!(
                            "alias `{hugo}` is also an alias of {}",
                            index.layout.pages[other].source.display()
                        )),
                        _ => {
                            owners.insert(path, i);
                            Ok(handbok)
                        }
                    },
                };
                Alias {
                    hugo: hugo.clone(),
                    handbok: verdict,
                }
            })
            .collect();
        plans.push(aliases);
    }
    plans
}

fn folder_url(code: &str, dir: &Path) -> String {
    let mut url = format!("/{code}/");
    for part in dir.components() {
        url.push_str(&segment_from_name(&part.as_os_str().to_string_lossy()));
        url.push('/');
    }
    url
}

/// The URL handbok gives a page (its folders, then its slug or name), near enough to tell
/// an alias that would take it.
fn handbok_url(code: &str, page: &super::layout::PageFile, facts: &PageFacts) -> String {
    let dir = page.logical.parent().unwrap_or(Path::new(""));
    if page.logical.file_name().is_some_and(|n| n == "_index.md") {
        return folder_url(code, dir);
    }
    let (folder, name) = url_parts(page, facts);
    let mut url = folder_url(code, folder);
    if let Some(name) = name {
        url.push_str(&segment_from_name(&name));
        url.push('/');
    }
    url
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::path::PathBuf;

    use super::super::layout::{ContentFile, plan as layout_plan};
    use super::*;

    #[test]
    fn aliases_handbok_would_refuse_are_left_out() {
        let value: serde_json::Value = toml::from_str("[languages.en]\nweight = 1\n").unwrap();
        let config = super::super::config::from_value(&value).unwrap();
        let files: Vec<ContentFile> = ["_index.md", "a.md", "b.md", "docs/c.md"]
            .iter()
            .map(|n| ContentFile {
                root: PathBuf::from("content"),
                path: PathBuf::from(n),
            })
            .collect();
        let layout = layout_plan(&config, &files);
        let aliases = |list: &[&str]| PageFacts {
            aliases: list.iter().map(|a| a.to_string()).collect(),
            ..PageFacts::default()
        };
        let facts = vec![
            aliases(&["/"]),
            aliases(&["/old-a/", "/en/docs/"]),
            aliases(&["/old-a/", "/en/b/", "/old-b/"]),
            aliases(&[]),
        ];
        let index = SiteIndex::new(&config, &layout, &facts, HashSet::new(), HashSet::new());
        let verdicts: Vec<Vec<bool>> = plan(&index, &facts)
            .iter()
            .map(|page| page.iter().map(|a| a.handbok.is_ok()).collect())
            .collect();
        assert_eq!(
            verdicts,
            [
                vec![false],
                vec![true, false],
                vec![false, false, true],
                vec![]
            ]
        );
    }
}
