#![no_main]
//! `cargo +nightly fuzz run site_config`: see handbok::fuzz::site_config.
libfuzzer_sys::fuzz_target!(|data: &[u8]| handbok::fuzz::site_config(data));
