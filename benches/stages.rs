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
