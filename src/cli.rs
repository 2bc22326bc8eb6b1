//! Raw command-line arguments (clap derive types only). Each command in [`crate::cmd`]
//! resolves its arguments into the options it runs with.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "handbok",
    version,
    about = "Build a bilingual handbook into a static site"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into a folder (public/ by default)
    Build(BuildArgs),
    /// Preview the site: serve it from memory and reload the browser on every change
    Serve(ServeArgs),
    /// Check the site for broken links, missing images and translations, overdue reviews,
    /// encoding damage and more, without writing anything (exit 1 on errors)
    Check(CheckArgs),
    /// Create a new bilingual (en + nb) site in an empty folder
    Init(InitArgs),
    /// Report each page's translation status per language (up to date, outdated with the
    /// source's changes, missing) and the pages due for review by owner, as Markdown, JSON or
    /// one HTML page; exits 0 whatever the status
    Status(StatusArgs),
    /// Convert a site made with another tool into a handbok site
    #[command(subcommand)]
    Import(ImportCommand),
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Convert a Hugo site (the folder with hugo.toml, config.toml or config/_default/):
    /// languages, front matter, links, images and shortcodes; the Hugo site is not touched
    Hugo(ImportHugoArgs),
}

#[derive(Debug, Args)]
pub struct ImportHugoArgs {
    /// The Hugo site's folder
    pub source: PathBuf,
    /// Where to write the handbok site (new or empty) [default: SOURCE's name + "-handbok",
    /// in the current folder]
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// How to report: for people, or as JSON
    #[arg(long, value_enum, default_value_t = ImportFormat::Human)]
    pub format: ImportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    Human,
    Json,
}

// The subcommands' help texts are the doc comments of `Command`'s variants above.

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site's folder (holding site.yaml)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: ROOT/public]
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Override base_url from site.yaml, e.g. for a preview deploy
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Also write .gz and .br files next to text files, for hosts that serve them
    #[arg(long)]
    pub compress: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site's folder (holding site.yaml)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The port to listen on (the next free one is taken if it is busy; 0 picks any)
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on; 0.0.0.0 makes the preview reachable from other machines
    #[arg(long, default_value = "127.0.0.1")]
    pub interface: String,
    /// Open the preview in the default browser
    #[arg(long)]
    pub open: bool,
    /// Include pages marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site's folder (holding site.yaml)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// How to report: for people, as JSON, or as GitHub Actions annotations
    #[arg(long, value_enum, default_value = "human")]
    pub format: crate::check::report::Format,
    /// Fail (exit 1) on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
    /// Also check external links (over the network)
    #[arg(long)]
    pub external: bool,
    /// Seconds to wait for each external link
    #[arg(long, default_value_t = 10.0, value_parser = seconds)]
    pub timeout: f64,
    /// Include pages marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// The date reviews are due against, year-month-day [default: today's date, UTC]
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub today: Option<crate::date::Date>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to create (must be empty or not exist)
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The site's folder (holding site.yaml)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// How to report: Markdown (for a pull request comment), JSON, or one HTML page
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: crate::status::Format,
    /// Write the report to this file instead of stdout
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// The date reviews are due against, year-month-day [default: today's date, UTC]
    #[arg(long, value_name = "DATE", value_parser = date)]
    pub today: Option<crate::date::Date>,
}

/// `--today 2026-06-01`.
fn date(text: &str) -> Result<crate::date::Date, String> {
    crate::date::Date::parse(text)
        .map_err(|message| format!("{message}; write it year-month-day, like 2026-06-01"))
}

/// A positive, finite number of seconds (`nan` or `inf` would make no timeout at all).
fn seconds(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(seconds) if seconds.is_finite() && seconds > 0.0 => Ok(seconds),
        _ => Err(format!(
            "`{text}` is not a number of seconds above 0, like 10 or 2.5"
        )),
    }
}
