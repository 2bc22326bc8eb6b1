//! handbok: a static site generator for bilingual handbooks.
//!
//! Data flows one way, **load → render → write**:
//!
//! 1. load: [`config`] reads `site.yaml` and [`content`] reads the Markdown into a
//!    [`content::Library`]; [`site::load_site`] puts them together with the templates into
//!    the [`site::Site`] every command starts from;
//! 2. render: [`render`] turns the site's pages into HTML ([`markdown`] for their bodies,
//!    [`search`] for the search index);
//! 3. write: [`output`] is the one place that writes files.
//!
//! The commands in [`cmd`] compose those stages, one module each, with [`cli`] holding their
//! raw arguments. `build` runs all three; [`check`] and [`serve`] reuse load and render
//! (in memory) rather than having their own. Nothing below `cmd` imports it.

pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod content;
pub mod corpus;
pub mod date;
pub mod diagnostic;
pub mod diagram;
#[doc(hidden)]
pub mod fuzz;
pub mod highlight;
pub mod history;
pub mod html;
pub mod import;
pub mod markdown;
pub mod output;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod status;
pub mod url;
pub mod yaml;
