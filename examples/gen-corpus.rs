//! Writes a deterministic bilingual handbook of N pages per language, for benchmarks:
//! `cargo run --release --example gen-corpus -- --pages 5000 --out /tmp/corpus [--hugo /tmp/corpus-hugo]`.
//! With `--hugo`, the same content is also written in Hugo's layout (see `handbok::corpus`).

use std::path::PathBuf;

fn main() {
    let mut pages = 1000;
    let mut out = PathBuf::from("corpus");
    let mut hugo: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--pages" => pages = args.next().and_then(|v| v.parse().ok()).expect("--pages N"),
            "--out" => out = PathBuf::from(args.next().expect("--out DIR")),
            "--hugo" => hugo = Some(PathBuf::from(args.next().expect("--hugo DIR"))),
            other => panic!("unknown argument {other}; use --pages N --out DIR [--hugo DIR]"),
        }
    }
    handbok::corpus::write_corpus(&out, pages);
    println!("wrote {pages} pages per language to {}", out.display());
    if let Some(hugo) = hugo {
        handbok::corpus::write_hugo_site(&out, &hugo);
        println!(
            "wrote the same content in Hugo's layout to {}",
            hugo.display()
        );
    }
}
