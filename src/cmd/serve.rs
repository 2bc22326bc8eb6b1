//! `handbok serve`: the live preview of [`crate::serve`], which runs until it is stopped and
//! reports as it goes.

use super::Outcome;
use crate::cli::ServeArgs;
use crate::diagnostic::Failure;
use crate::serve::ServeOptions;

impl From<ServeArgs> for ServeOptions {
    fn from(args: ServeArgs) -> Self {
        ServeOptions {
            root: args.root,
            interface: args.interface,
            port: args.port,
            open: args.open,
            include_drafts: args.drafts,
        }
    }
}

/// A preview that stopped serving; it said everything while it ran.
#[derive(Debug)]
pub struct Stopped;

impl Outcome for Stopped {
    fn print(&self) {}
}

pub fn run(options: &ServeOptions) -> Result<Stopped, Failure> {
    crate::serve::run(options)?;
    Ok(Stopped)
}
