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
