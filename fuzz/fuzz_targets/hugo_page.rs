#![no_main]
//! `cargo +nightly fuzz run hugo_page`: see handbok::fuzz::hugo_page.
libfuzzer_sys::fuzz_target!(|data: &[u8]| handbok::fuzz::hugo_page(data));
