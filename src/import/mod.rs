//! Importing a site made with another tool into handbok's layout. One importer so far:
//! [`import_hugo`], which converts a Hugo site (its configuration, content, shortcodes and
//! links) into a handbok site that builds, without touching the site it reads.

use std::path::PathBuf;

use crate::diagnostic::Failure;

pub mod hugo;
mod report;
mod staging;

pub use report::{ImportReport, LanguagePages, Problem};

#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The site to import (for Hugo: the folder with `hugo.toml`, `config.toml`, …).
    pub source: PathBuf,
    /// The handbok site to create: a new or empty folder outside `source`.
    pub out: PathBuf,
}

/// Converts the Hugo site at `options.source` into a handbok site at `options.out`.
pub fn import_hugo(options: &ImportOptions) -> Result<ImportReport, Failure> {
    hugo::import(options)
}
