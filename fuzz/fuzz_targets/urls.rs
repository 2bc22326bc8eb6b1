#![no_main]
//! `cargo +nightly fuzz run urls`: see handbok::fuzz::urls.
libfuzzer_sys::fuzz_target!(|data: &[u8]| handbok::fuzz::urls(data));
