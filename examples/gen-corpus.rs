//! Writes a deterministic bilingual handbook of N pages per language, for benchmarks:
//! `cargo run --release --example gen-corpus -- --pages 5000 --out /tmp/corpus`.
//! About ten sections split into chapters of 25 pages; pages of 1-4 KB with headings,
//! lists, a code block, a table, links to other pages and a banner; Norwegian with æøå.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const SECTIONS: usize = 10;
const CHAPTER: usize = 25;

const EN_WORDS: &[&str] = &[
    "service", "deploy", "monitor", "alert", "incident", "backup", "restore", "cluster", "latency",
    "capacity", "runbook", "on-call", "rollback", "pipeline", "metrics", "logging", "tracing",
    "database", "network", "secure",
];
const NB_WORDS: &[&str] = &[
    "tjeneste",
    "utrulling",
    "overvåking",
    "varsel",
    "hendelse",
    "sikkerhetskopi",
    "gjenoppretting",
    "klynge",
    "forsinkelse",
    "kapasitet",
    "driftshåndbok",
    "vakt",
    "tilbakerulling",
    "løype",
    "måling",
    "logging",
    "sporing",
    "database",
    "nettverk",
    "sårbarhet",
];

struct Random(u64);

impl Random {
    fn next(&mut self) -> usize {
        // xorshift64*: deterministic, no dependency.
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize
    }

    fn words(&mut self, list: &[&str], count: usize) -> String {
        (0..count)
            .map(|_| list[self.next() % list.len()])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn main() {
    let mut pages = 1000;
    let mut out = PathBuf::from("corpus");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--pages" => pages = args.next().and_then(|v| v.parse().ok()).expect("--pages N"),
            "--out" => out = PathBuf::from(args.next().expect("--out DIR")),
            other => panic!("unknown argument {other}; use --pages N --out DIR"),
        }
    }
    if out.exists() {
        fs::remove_dir_all(&out).expect("clear --out");
    }
    write(
        &out.join("site.yaml"),
        "title: Benchmark Handbook\nbase_url: https://example.org/\nlanguages:\n  - code: en\n    name: English\n  - code: nb\n    name: Norsk bokmål\n    title: Målehåndboka\n",
    );
    write(&out.join("static/banner.png"), "png");
    for (lang, words) in [("en", EN_WORDS), ("nb", NB_WORDS)] {
        let mut random = Random(0x9E37_79B9_7F4A_7C15);
        write(
            &out.join(format!("content/{lang}/_index.md")),
            &format!(
                "---\ntitle: {}\n---\n\nFront page.\n",
                if lang == "en" { "Handbook" } else { "Håndbok" }
            ),
        );
        for index in 0..pages {
            let section = index % SECTIONS;
            let chapter = index / SECTIONS / CHAPTER;
            let dir = format!("content/{lang}/section-{section:02}/chapter-{chapter:03}");
            if (index / SECTIONS).is_multiple_of(CHAPTER) {
                write(
                    &out.join(&dir).join("_index.md"),
                    &format!(
                        "---\ntitle: Chapter {chapter} of section {section}\nweight: {chapter}\n---\n"
                    ),
                );
                if chapter == 0 {
                    write(
                        &out.join(format!("content/{lang}/section-{section:02}/_index.md")),
                        &format!(
                            "---\ntitle: Section {section} {}\nweight: {section}\n---\n",
                            random.words(words, 2)
                        ),
                    );
                }
            }
            let page = page_text(&mut random, words, index, pages);
            write(&out.join(&dir).join(format!("page-{index:05}.md")), &page);
        }
    }
    println!("wrote {pages} pages per language to {}", out.display());
}

fn page_text(random: &mut Random, words: &[&str], index: usize, pages: usize) -> String {
    let mut text = String::with_capacity(4096);
    let title = random.words(words, 3);
    let _ = write!(
        text,
        "---\ntitle: \"{index}: {title}\"\ningress: {}\nnavigation_link:\n  subtitle: {}\nbanner:\n  image:\n    src: /banner.png\n    alt: {}\nweight: {}\n---\n\n",
        random.words(words, 14),
        random.words(words, 4),
        random.words(words, 5),
        index / SECTIONS % CHAPTER
    );
    let sections = 2 + random.next() % 4;
    for s in 0..sections {
        let length = 40 + random.next() % 60;
        let _ = write!(
            text,
            "## {} {s}\n\n{}.\n\n",
            random.words(words, 3),
            random.words(words, length)
        );
        let _ = write!(text, "### {}\n\n", random.words(words, 2));
        for _ in 0..3 {
            let _ = writeln!(text, "- {}", random.words(words, 8));
        }
        text.push('\n');
        if s == 0 {
            let other = random.next() % pages;
            let section = other % SECTIONS;
            let chapter = other / SECTIONS / CHAPTER;
            let _ = write!(
                text,
                "See [a related page](../../section-{section:02}/chapter-{chapter:03}/page-{other:05}.md).\n\n"
            );
            text.push_str("```sh\nkubectl rollout status deployment/web --timeout=60s\n```\n\n");
            text.push_str("| what | value |\n|---|---|\n| replicas | 3 |\n| timeout | 60 s |\n\n");
        }
    }
    text
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("a parent")).expect("create folder");
    fs::write(path, text).expect("write file");
}
