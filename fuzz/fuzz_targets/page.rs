#![no_main]
//! `cargo +nightly fuzz run page`: see handbok::fuzz::page.
libfuzzer_sys::fuzz_target!(|data: &[u8]| handbok::fuzz::page(data));
