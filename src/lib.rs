//! handbok: a static site generator for bilingual handbooks.
//!
//! Data flows one way: [`config`] and [`content`] load the site into a [`content::Library`],
//! [`render`] turns it into pages, and [`output`] writes them. The commands in [`cmd`] compose
//! those stages; `serve` and `check` reuse them rather than having their own.

pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod content;
pub mod corpus;
pub mod diagnostic;
pub mod highlight;
pub mod history;
pub mod import;
pub mod markdown;
pub mod output;
pub mod render;
pub mod search;
pub mod serve;
pub mod url;
pub mod yaml;
