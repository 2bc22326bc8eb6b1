//! One module per subcommand, each with a `run` that returns what to print or a [`Failure`].
//!
//! [`Failure`]: crate::diagnostic::Failure

pub mod build;
pub mod init;
