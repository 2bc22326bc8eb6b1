//! Integration tests: build real fixture sites with the real binary and inspect the output.
//! One test binary (fast to link), a module per area, fixtures under tests/fixtures/.

mod browser;
mod build;
mod check;
mod crash;
mod diagrams;
mod errors;
mod fallback;
mod fuzz_replay;
mod import;
mod init;
mod lenient;
mod offline;
mod print;
mod publish;
mod reviews;
mod search;
mod serve;
mod status;
mod support;
mod syntax;
mod translations;
mod validator;
