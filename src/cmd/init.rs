//! `handbok init DIR`: a new bilingual site that builds at once, with the theme embedded.

use std::fmt;
use std::fs;
use std::path::PathBuf;

use super::Outcome;
use crate::cli::InitArgs;
use crate::diagnostic::Failure;

#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The folder to create the site in: new, or empty.
    pub dir: PathBuf,
}

impl From<InitArgs> for InitOptions {
    fn from(args: InitArgs) -> Self {
        InitOptions { dir: args.dir }
    }
}

/// A site created, and what to do next with it.
#[derive(Debug)]
pub struct Created {
    pub dir: PathBuf,
}

impl fmt::Display for Created {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "created a new handbook in {dir}\n  next: handbok build --root {dir}   (writes {dir}/public)",
            dir = self.dir.display()
        )
    }
}

impl Outcome for Created {
    fn print(&self) {
        println!("{self}");
    }
}

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

pub fn run(options: &InitOptions) -> Result<Created, Failure> {
    let dir = &options.dir;
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
    Ok(Created { dir: dir.clone() })
}
