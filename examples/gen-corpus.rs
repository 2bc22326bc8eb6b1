//! Writes a deterministic bilingual handbook of N pages per language, for benchmarks:
//! `cargo run --release --example gen-corpus -- --pages 5000 --out /tmp/corpus [--hugo /tmp/corpus-hugo]`.
//! With `--hugo`, the same content is also written in Hugo's layout (see `handbok::corpus`);
//! with `--diagrams`, every page also gets a mermaid diagram of its own.

use std::path::PathBuf;

const USAGE: &str = "usage: gen-corpus --pages N --out DIR [--hugo DIR] [--diagrams]";

fn main() {
    let mut pages = 1000;
    let mut out = PathBuf::from("corpus");
    let mut hugo: Option<PathBuf> = None;
    let mut diagrams = false;
    let mut args = std::env::args().skip(1);
    let usage = |problem: &str| -> ! {
        eprintln!("{problem}\n{USAGE}");
        std::process::exit(2)
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--pages" => match args.next().and_then(|v| v.parse().ok()) {
                Some(n) => pages = n,
                None => usage("--pages needs a number"),
            },
            "--out" => {
                out = PathBuf::from(args.next().unwrap_or_else(|| usage("--out needs a folder")))
            }
            "--hugo" => {
                hugo = Some(PathBuf::from(
                    args.next()
                        .unwrap_or_else(|| usage("--hugo needs a folder")),
                ))
            }
            "--diagrams" => diagrams = true,
            "--help" | "-h" => {
                println!("{USAGE}");
                return;
            }
            other => usage(&format!("unknown argument {other}")),
        }
    }
    handbok::corpus::write_corpus(&out, pages);
    println!("wrote {pages} pages per language to {}", out.display());
    if diagrams {
        let count = handbok::corpus::add_diagrams(&out);
        println!("with a mermaid diagram on each of its {count} pages, no two alike");
    }
    if let Some(hugo) = hugo {
        handbok::corpus::write_hugo_site(&out, &hugo);
        println!(
            "wrote the same content in Hugo's layout to {}",
            hugo.display()
        );
    }
}
