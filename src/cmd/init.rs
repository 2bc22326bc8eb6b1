//! `handbok init DIR`: a new bilingual site that builds at once, with the theme embedded.

use std::fs;
use std::path::Path;

use crate::diagnostic::Failure;

const FILES: &[(&str, &str)] = &[
    (
        "site.yaml",
        "# The handbook's settings. See the README of handbok for every key.\ntitle: My Handbook\n# Where the site is published; a sub-path such as https://example.org/handbook/ works too.\nbase_url: https://example.org/\ndefault_language: en\nlanguages:\n  - code: en\n    name: English\n    title: My Handbook\n  - code: nb\n    name: Norsk bokmål\n    title: Min håndbok\n",
    ),
    (
        "content/en/_index.md",
        "---\ntitle: My Handbook\ningress: How we work, written down so everyone can find it.\n---\n\nWelcome. Every Markdown file under `content/en/` becomes a page of this handbook.\n",
    ),
    (
        "content/nb/_index.md",
        "---\ntitle: Min håndbok\ningress: Slik jobber vi, skrevet ned så alle finner det.\n---\n\nVelkommen. Hver Markdown-fil under `content/nb/` blir en side i håndboka.\n",
    ),
    (
        "content/en/getting-started.md",
        "---\ntitle: Getting started\ningress: How to write and publish a page of this handbook.\nnavigation_link:\n  subtitle: Write your first page\ntranslation_key: getting-started\nweight: 10\n---\n\n## Write a page\n\nCreate a Markdown file under `content/en/` and run `handbok build`.\n\n## Translate it\n\nThe Norwegian version is [Kom i gang](../nb/kom-i-gang.md).\n",
    ),
    (
        "content/nb/kom-i-gang.md",
        "---\ntitle: Kom i gang\ningress: Slik skriver og publiserer du en side i håndboka.\nnavigation_link:\n  subtitle: Skriv din første side\ntranslation_key: getting-started\nweight: 10\n---\n\n## Skriv en side\n\nLag en Markdown-fil under `content/nb/` og kjør `handbok build`.\n\n## Oversett den\n\nDen engelske versjonen er [Getting started](../en/getting-started.md).\n",
    ),
    (".gitignore", "/public\n"),
];

pub fn run(dir: &Path) -> Result<String, Failure> {
    if dir.exists() {
        let empty = dir.is_dir() && fs::read_dir(dir)?.next().is_none();
        if !empty {
            return Err(Failure::Usage(format!(
                "{} already exists and is not empty\n  help: choose a new folder name; init never overwrites files",
                dir.display()
            )));
        }
    }
    for (path, text) in FILES {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&target, text)?;
    }
    Ok(format!(
        "created a new handbook in {dir}\n  next: handbok build --root {dir}   (writes {dir}/public)",
        dir = dir.display()
    ))
}
