//! Loading content: front matter, pages, sections, and the library that holds them.

pub mod fallback;
pub mod front_matter;
pub mod library;
mod linking;
pub mod page;
pub mod review;
pub mod section;

pub use library::{CONTENT_DIR, Library, is_ignored_file};
pub use page::{Page, PageKind};
pub use review::Review;
pub use section::Section;
