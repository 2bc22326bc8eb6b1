//! Raw command-line arguments (clap derive types only); commands resolve them into options.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

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
    Build {
        /// The site's folder (holding site.yaml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: ROOT/public]
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Override base_url from site.yaml, e.g. for a preview deploy
        #[arg(long)]
        base_url: Option<String>,
        /// Include pages marked `draft: true`
        #[arg(long)]
        drafts: bool,
        /// Also write .gz and .br files next to text files, for hosts that serve them
        #[arg(long)]
        compress: bool,
    },
    /// Preview the site: serve it from memory and reload the browser on every change
    Serve {
        /// The site's folder (holding site.yaml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on (the next free one is taken if it is busy; 0 picks any)
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; 0.0.0.0 makes the preview reachable from other machines
        #[arg(long, default_value = "127.0.0.1")]
        interface: String,
        /// Open the preview in the default browser
        #[arg(long)]
        open: bool,
        /// Include pages marked `draft: true`
        #[arg(long)]
        drafts: bool,
    },
    /// Check the site for broken links, missing images and translations, encoding damage
    /// and more, without writing anything (exit 1 on errors)
    Check {
        /// The site's folder (holding site.yaml)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How to report: for people, as JSON, or as GitHub Actions annotations
        #[arg(long, value_enum, default_value = "human")]
        format: crate::check::report::Format,
        /// Fail (exit 1) on warnings too
        #[arg(long)]
        deny_warnings: bool,
        /// Also check external links (over the network)
        #[arg(long)]
        external: bool,
        /// Seconds to wait for each external link
        #[arg(long, default_value_t = 10.0)]
        timeout: f64,
        /// Include pages marked `draft: true`
        #[arg(long)]
        drafts: bool,
    },
    /// Create a new bilingual (en + nb) site in an empty folder
    Init {
        /// The folder to create (must be empty or not exist)
        dir: PathBuf,
    },
}
