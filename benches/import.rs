//! `handbok import hugo` on a generated 2,000-page bilingual Hugo site (1,000 pages in `nb`
//! and their `en` translations, by file-name suffix), each page with front matter to map,
//! links and images written for Hugo, and the shortcodes of the Learn theme: `cargo bench
//! --bench import`.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use handbok::import::{ImportOptions, import_hugo};

fn main() {
    divan::main();
}

const SECTIONS: usize = 10;
const CHAPTERS: usize = 5;
const PAGES: usize = 20;

/// The generated site, once for all runs.
fn hugo_site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = std::env::temp_dir().join("handbok-bench-hugo-site");
        let _ = fs::remove_dir_all(&dir);
        write_hugo_site(&dir);
        dir
    })
}

fn write_hugo_site(root: &Path) {
    let write = |path: &str, text: &str| {
        let target = root.join(path);
        fs::create_dir_all(target.parent().expect("a parent")).expect("create the folder");
        fs::write(target, text).expect("write the file");
    };
    write(
        "hugo.toml",
        "baseURL = 'https://docs.example.no/handbok/'\ntitle = 'Driftshåndboka'\ndefaultContentLanguage = 'no'\n[params]\nsupport = 'drift@example.no'\n[languages.no]\nlanguageName = 'Norsk'\nlanguageCode = 'nb-NO'\nweight = 1\n[languages.en]\nlanguageName = 'English'\ntitle = 'Operations'\nweight = 2\n",
    );
    write(
        "content/_index.md",
        "---\ntitle: Forside\n---\n\nVelkommen.\n",
    );
    write(
        "content/_index.en.md",
        "---\ntitle: Home\n---\n\nWelcome.\n",
    );
    for s in 0..SECTIONS {
        write(
            &format!("static/images/s{s:02}.svg"),
            "<svg xmlns='http://www.w3.org/2000/svg'/>",
        );
        write(
            &format!("content/section-{s:02}/_index.md"),
            &format!(
                "+++\ntitle = 'Del {s}'\ndescription = 'Om del {s}'\nweight = {s}\n+++\n\n{{{{% children %}}}}\n"
            ),
        );
        for c in 0..CHAPTERS {
            let dir = format!("content/section-{s:02}/chapter-{c}");
            write(
                &format!("{dir}/_index.md"),
                &format!("---\ntitle: Kapittel {c}\n---\n"),
            );
            write(&format!("{dir}/diagram.png"), "PNG");
            for p in 0..PAGES {
                for (suffix, lang) in [("", "nb"), (".en", "en")] {
                    write(
                        &format!("{dir}/page-{p:03}{suffix}.md"),
                        &page(s, c, p, lang),
                    );
                }
            }
        }
    }
}

fn page(s: usize, c: usize, p: usize, lang: &str) -> String {
    let mut text = String::with_capacity(2048);
    let _ = write!(
        text,
        "---\ntitle: \"Side {s}.{c}.{p} ({lang})\"\ndescription: En side om drift, del {p}\nweight: {p}\ntranslationKey: page-{s}-{c}-{p}\naliases:\n  - /old/{s}/{c}/{p}/\ndate: 2024-01-01\ntags: [drift, {lang}]\n---\n\n"
    );
    let next = (p + 1) % PAGES;
    for paragraph in 0..4 {
        let _ = write!(
            text,
            "## Avsnitt {paragraph}\n\nDette er tekst om drift og overvåking. Se [neste side](../page-{next:03}/) og [delen](/handbok/section-{s:02}/).\nMer tekst med **uthevet** ord og `kode`, og en [lenke]({{{{< relref \"page-{next:03}.md#avsnitt-1\" >}}}}).\n\n"
        );
    }
    let _ = write!(
        text,
        "![Diagram](../diagram.png)\n\n{{{{< figure src=\"/handbok/images/s{s:02}.svg\" alt=\"Skisse\" caption=\"Skisse {p}\" >}}}}\n\n{{{{% notice warning \"Viktig\" %}}}}\nIkke slett **produksjon**.\n{{{{% /notice %}}}}\n\n{{{{< tabs >}}}}\n{{{{% tab name=\"Linux\" %}}}}\n```sh\nsystemctl restart app\n```\n{{{{% /tab %}}}}\n{{{{% tab name=\"Windows\" %}}}}\nRestart-Service app\n{{{{% /tab %}}}}\n{{{{< /tabs >}}}}\n\n{{{{% expand \"Detaljer\" %}}}}\nMer tekst.\n{{{{% /expand %}}}}\n\n{{{{< highlight go >}}}}\nfmt.Println(\"{p}\")\n{{{{< /highlight >}}}}\n\nKontakt {{{{< siteparam \"support\" >}}}}.\n"
    );
    text
}

/// Each run writes a new folder; removing the last one between runs would time the file
/// system's clean-up (ext4 is slow to create files where many were just deleted).
fn out_root() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = std::env::temp_dir().join("handbok-bench-import");
        let _ = fs::remove_dir_all(&dir);
        dir
    })
}

#[divan::bench(sample_count = 10)]
fn import_2000_pages(bencher: divan::Bencher) {
    let source = hugo_site();
    static RUN: AtomicUsize = AtomicUsize::new(0);
    bencher
        .with_inputs(|| out_root().join(format!("run-{}", RUN.fetch_add(1, Ordering::Relaxed))))
        .bench_values(|out| {
            let report = import_hugo(&ImportOptions {
                source: source.to_path_buf(),
                out,
            })
            .expect("the generated site imports");
            assert_eq!(
                report.pages(),
                2 + SECTIONS + SECTIONS * CHAPTERS + 2 * SECTIONS * CHAPTERS * PAGES
            );
            report.files_copied
        });
}
