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
    },
    /// Create a new bilingual (en + nb) site in an empty folder
    Init {
        /// The folder to create (must be empty or not exist)
        dir: PathBuf,
    },
}
