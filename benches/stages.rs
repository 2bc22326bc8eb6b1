//! The hot stages of a build, measured with divan: `cargo bench`.
//! Whole builds against Hugo are in `bench/compare.sh`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::Bencher;
use handbok::cmd::build::BuildOptions;
use handbok::content::Page;
use handbok::markdown::{LinkResolver, Resolved};
use handbok::render::SharedContext;
use handbok::site::load_site;

fn main() {
    divan::main();
}

/// A 1,000-page corpus (500 per language), generated once for all benchmarks.
fn corpus() -> &'static Path {
    static CORPUS: OnceLock<PathBuf> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("handbok-bench-corpus-{}", std::process::id()));
        handbok::corpus::write_corpus(&dir, 500);
        dir
    })
}

fn sample_page() -> (PathBuf, String) {
    let source = PathBuf::from("en/section-03/chapter-001/page-00263.md");
    let text =
        std::fs::read_to_string(corpus().join("content").join(&source)).expect("corpus page");
    (source, text)
}

struct KeepLinks;

impl LinkResolver for KeepLinks {
    fn link(&self, _: &str) -> Resolved {
        Resolved::Keep
    }
    fn image(&self, _: &str) -> Resolved {
        Resolved::Keep
    }
}

#[divan::bench]
fn front_matter_and_page_parse(bencher: Bencher) {
    let (source, text) = sample_page();
    bencher.bench(|| Page::parse(divan::black_box(&source), divan::black_box(&text)).is_ok());
}

#[divan::bench]
fn markdown_render(bencher: Bencher) {
    let (source, text) = sample_page();
    let (page, _) = Page::parse(&source, &text).expect("the sample parses");
    bencher.bench(|| {
        handbok::markdown::render(divan::black_box(&page.body), None, &KeepLinks)
            .html
            .len()
    });
}

/// A big page of hand-written HTML (a 300-row table, cards, comments, a script): the raw
/// HTML tokenizer's worst case.
#[divan::bench]
fn markdown_render_raw_html_page(bencher: Bencher) {
    let mut body = String::from("Intro with <a href=\"a.md\">a link</a>.\n\n<table>\n");
    for row in 0..300 {
        body.push_str(&format!(
            "<tr id=\"r{row}\"><td><a href=\"page-{row}.md\">Page {row}</a></td>\
             <td class=x>text &amp; more <img src=\"i{row}.png\" alt=\"I\"></td></tr>\n"
        ));
    }
    body.push_str("</table>\n\n<!-- an old note\n\n<a href=\"gone.md\">x</a>\n\n-->\n\n");
    body.push_str("<script>\nlet a = '<a href=\"x.md\">';\n</script>\n\n## After\n\nText.\n");
    bencher.bench(|| {
        handbok::markdown::render(divan::black_box(&body), None, &KeepLinks)
            .html
            .len()
    });
}

#[divan::bench]
fn template_render_one_page(bencher: Bencher) {
    let site = load_site(corpus(), None, false).expect("the corpus loads");
    let shared = SharedContext::new(&site.renderer, &site.library);
    let page = site
        .library
        .page(Path::new("en/section-03/chapter-001/page-00263.md"))
        .expect("the sample page");
    bencher.bench(|| {
        site.renderer
            .render_page(&site.library, &shared, page)
            .file
            .is_some()
    });
}

/// One diagram of each kind drawn from its source (no cache), as a build draws each distinct one.
#[divan::bench(args = ["flowchart", "sequence", "state"])]
fn diagram_draw(bencher: Bencher, kind: &str) {
    let (_, source) = handbok::corpus::DIAGRAMS
        .iter()
        .find(|(name, _)| *name == kind)
        .expect("a sample of each kind");
    bencher.bench(|| {
        handbok::diagram::draw(divan::black_box(source))
            .expect("the sample draws")
            .with_id_prefix("diagram-1-")
            .len()
    });
}

/// The languages of an ops handbook, as written after the fence; each has a 35-44-line
/// sample in `tests/fixtures/highlight/<language>.txt`.
const LANGUAGES: &[&str] = &[
    "sh",
    "console",
    "yaml",
    "json",
    "toml",
    "dockerfile",
    "hcl",
    "sql",
    "rust",
    "python",
    "go",
    "powershell",
    "nginx",
    "ini",
    "diff",
    "js",
];

fn sample(language: &str, lines: usize) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/highlight")
        .join(format!("{language}.txt"));
    let text = std::fs::read_to_string(path).expect("the sample");
    text.split_inclusive('\n').take(lines).collect()
}

/// A short block (3 lines), the common case in a handbook, the first time it is seen.
#[divan::bench(args = LANGUAGES)]
fn highlight_short(bencher: Bencher, language: &str) {
    let code = sample(language, 3);
    bencher.bench(|| handbok::highlight::highlight_uncached(divan::black_box(&code), language));
}

/// A medium block (the whole 35-44-line sample), the first time it is seen.
#[divan::bench(args = LANGUAGES)]
fn highlight_medium(bencher: Bencher, language: &str) {
    let code = sample(language, usize::MAX);
    bencher.bench(|| handbok::highlight::highlight_uncached(divan::black_box(&code), language));
}

/// A medium block seen before (a translation's copy, a repeated command): from the cache.
#[divan::bench(args = LANGUAGES)]
fn highlight_medium_again(bencher: Bencher, language: &str) {
    let code = sample(language, usize::MAX);
    handbok::highlight::highlight(&code, language);
    bencher.bench(|| handbok::highlight::highlight(divan::black_box(&code), language));
}

#[divan::bench(sample_count = 10)]
fn whole_build_1000_pages(bencher: Bencher) {
    let output = std::env::temp_dir().join(format!("handbok-bench-public-{}", std::process::id()));
    let options = BuildOptions {
        root: corpus().to_path_buf(),
        output: Some(output),
        ..BuildOptions::default()
    };
    bencher.bench(|| {
        handbok::cmd::build::run(&options)
            .expect("the corpus builds")
            .files
    });
}
