//! Every input the fuzzers were seeded with or found (`fuzz/seeds/<target>/`,
//! `fuzz/regressions/<target>/`) replayed on stable Rust through the functions the fuzz
//! targets call, so a case once fixed stays fixed.

use std::path::{Path, PathBuf};

use handbok::fuzz::TARGETS;

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

fn cases(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn every_seed_and_found_case_replays_without_a_panic() {
    for (name, target) in TARGETS {
        let seeds = cases(&fuzz_dir().join("seeds").join(name));
        assert!(!seeds.is_empty(), "fuzz/seeds/{name}/ has no seeds");
        let found = cases(&fuzz_dir().join("regressions").join(name));
        for case in seeds.iter().chain(&found) {
            let data = std::fs::read(case).unwrap();
            let outcome = std::panic::catch_unwind(|| target(&data));
            assert!(outcome.is_ok(), "{} panics in `{name}`", case.display());
        }
    }
}

#[test]
fn every_fuzz_folder_names_a_target() {
    for kind in ["seeds", "regressions"] {
        for entry in std::fs::read_dir(fuzz_dir().join(kind)).unwrap() {
            let entry = entry.unwrap();
            if !entry.path().is_dir() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(
                TARGETS.iter().any(|(target, _)| *target == name),
                "fuzz/{kind}/{name}/ is not a fuzz target: its cases would never be replayed"
            );
        }
    }
}

#[test]
fn every_fuzz_target_is_a_binary_of_the_fuzz_crate() {
    let manifest = std::fs::read_to_string(fuzz_dir().join("Cargo.toml")).unwrap();
    for (name, _) in TARGETS {
        assert!(
            manifest.contains(&format!("path = \"fuzz_targets/{name}.rs\"")),
            "fuzz/Cargo.toml has no target `{name}`"
        );
        let source = std::fs::read_to_string(fuzz_dir().join(format!("fuzz_targets/{name}.rs")));
        assert!(
            source.is_ok_and(|s| s.contains(&format!("handbok::fuzz::{name}(data)"))),
            "fuzz_targets/{name}.rs does not call handbok::fuzz::{name}"
        );
    }
}
