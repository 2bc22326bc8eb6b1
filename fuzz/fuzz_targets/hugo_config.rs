#![no_main]
//! `cargo +nightly fuzz run hugo_config`: see handbok::fuzz::hugo_config.
libfuzzer_sys::fuzz_target!(|data: &[u8]| handbok::fuzz::hugo_config(data));
