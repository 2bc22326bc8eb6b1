//! The print page: each language's whole handbook on one page (`/<lang>/print/`), in
//! reading order, with in-page links and unique ids, built, checked and served.

use std::collections::HashSet;
use std::time::Duration;

use handbok::url::decode_path;

use crate::serve::{Server, eventually, next_notice};
use crate::support::{PNG, Page, Site};

const SITE_YAML: &str = "title: Test Handbook\nbase_url: https://example.org/hb/\nlanguages:\n  - code: en\n    name: English\n  - code: nb\n    name: Norsk bokmål\n    title: Testhåndboka\n";

/// Both languages under a sub-path, with sections, links to pages and their headings,
/// images beside a page and in static/, code, tabs, footnotes, and a page in each language
/// that the other lacks (a fallback page there).
fn site() -> Site {
    Site::new()
        .file("site.yaml", SITE_YAML)
        .file(
            "content/en/_index.md",
            "---\ntitle: Handbook\ningress: How we run things.\n---\n\nStart with [Ops](ops.md) or [rolling back](guides/deploy.md#roll-back).\n",
        )
        .file(
            "content/en/ops.md",
            "---\ntitle: Ops\nweight: 1\n---\n\n## Restart\n\nSee [restart](#restart) and [the vendor](https://example.com/docs).\n\n![Diagram](diagram.png)\n\n![Logo](/logo.svg)\n\n```sh\nsystemctl restart web\n```\n\n::: tabs\n== Linux\nUse systemd.\n== Windows\nUse services.\n:::\n\nA footnote[^1].\n\n[^1]: The note.\n",
        )
        .bytes("content/en/diagram.png", PNG)
        .file("static/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
        .file("content/en/backup.md", "---\ntitle: Backup\nweight: 2\n---\n\n## Restore\n\nEnglish only.\n")
        .file("content/en/guides/_index.md", "---\ntitle: Guides\n---\n\nAll guides.\n")
        .file(
            "content/en/guides/deploy.md",
            "---\ntitle: Deploy\n---\n\n## Roll back\n\nFirst [restart](../ops.md#restart), then [back up](../backup.md).\n",
        )
        .file("content/nb/_index.md", "---\ntitle: Håndbok\n---\n\nLes om [drift](ops.md).\n")
        .file(
            "content/nb/ops.md",
            "---\ntitle: Drift\nweight: 1\n---\n\n## Omstart\n\nSe [omstart](#omstart) og [overvåking](overvåking.md#varsler).\n",
        )
        .file(
            "content/nb/overvåking.md",
            "---\ntitle: Overvåking\nweight: 3\n---\n\n## Varsler\n\nBare på norsk.\n",
        )
        .file("content/nb/guides/_index.md", "---\ntitle: Veiledninger\ntranslation_key: guides\n---\n")
        .file("content/nb/guides/deploy.md", "---\ntitle: Utrulling\n---\n\n## Rull tilbake\n\nTekst.\n")
}

/// The titles of a language's pages as a reader meets them on the built site, following
/// "Previous" back from its Ops page and "Next" on from it (the front page has no pager).
fn titles_by_pager(site: &Site, lang: &str) -> Vec<String> {
    let start = format!("/hb/{lang}/ops/");
    let mut before = follow(site, &start, "prev");
    before.reverse();
    let after = follow(site, &start, "next");
    before.extend(after.into_iter().skip(1));
    before
}

/// The titles from `href` on, following the pager's `rel` links.
fn follow(site: &Site, href: &str, rel: &str) -> Vec<String> {
    let mut titles = Vec::new();
    let mut href = href.to_string();
    loop {
        let file = format!("{}index.html", href.trim_start_matches("/hb/"));
        let page = site.html(&decode_path(&file));
        titles.push(page.text("main h1"));
        match page.attrs(&format!("a[rel={rel}]"), "href").first() {
            Some(next) => href = next.clone(),
            None => return titles,
        }
        assert!(titles.len() < 50, "the pager goes round in circles");
    }
}

fn texts(page: &Page, selector: &str) -> Vec<String> {
    page.all(selector)
        .iter()
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

#[test]
fn every_page_is_on_it_in_reading_order_under_its_title_with_contents() {
    let site = site();
    site.build(&[]);
    for lang in ["en", "nb"] {
        let print = site.html(&format!("{lang}/print/index.html"));
        let order = titles_by_pager(&site, lang);
        assert!(order.len() >= 5, "{lang}: {order:?}");
        assert_eq!(texts(&print, ".print-page > h1"), order, "{lang}");
        // The contents list every page, in the same order, each leading to its part.
        let sections = print.attrs(".print-page", "id");
        let contents: Vec<String> = print
            .attrs(".print-toc a", "href")
            .iter()
            .map(|h| h.trim_start_matches('#').to_string())
            .collect();
        assert_eq!(contents, sections, "{lang}");
        assert_eq!(print.attr("html", "lang"), lang);
        assert_eq!(print.attr("meta[name=robots]", "content"), "noindex");
    }
    let en = site.html("en/print/index.html");
    assert_eq!(en.text(".print-page#front .ingress"), "How we run things.");
    // Sections hold their pages in the contents, below their own entry.
    assert_eq!(
        texts(&en, ".print-toc > ol > li > a"),
        [
            "Handbook",
            "Ops",
            "Backup",
            "Overvåking not translated",
            "Guides"
        ]
    );
    // A fallback's title is in its own language.
    assert_eq!(
        en.attr(".print-toc a[href='#overvåking'] span", "lang"),
        "nb"
    );
    assert_eq!(
        en.text(".print-toc a[href='#overvåking'] .nav-fallback"),
        "not translated"
    );
    assert_eq!(
        texts(&en, ".print-toc > ol > li:last-child > ol > li > a"),
        ["Deploy"]
    );
    // The switcher leads to the other language's print page.
    assert_eq!(
        en.attr(".language-switcher a[hreflang=nb]", "href"),
        "/hb/nb/print/"
    );
}

#[test]
fn ids_are_unique_and_links_between_pages_stay_on_the_page() {
    let site = site();
    site.build(&[]);
    for lang in ["en", "nb"] {
        let print = site.html(&format!("{lang}/print/index.html"));
        let ids = print.attrs("[id]", "id");
        let unique: HashSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{lang}: repeated ids in {ids:?}");
        // Every in-page link and every id reference lands on this page.
        for href in print.attrs("a[href^='#']", "href") {
            let id = decode_path(&href[1..]);
            assert!(
                unique.contains(&id) || id == "top",
                "{lang}: {href} leads nowhere"
            );
        }
        for id in print.attrs("[aria-controls]", "aria-controls") {
            assert!(unique.contains(&id), "{lang}: aria-controls={id}");
        }
    }
    let en = site.html("en/print/index.html");
    let front = en.attrs("#front .content a", "href");
    assert_eq!(front, ["#ops", "#guides-deploy--roll-back"]);
    assert_eq!(en.text("#guides-deploy--roll-back"), "Roll back");
    assert_eq!(
        en.attrs("#guides-deploy .content a", "href"),
        ["#ops--restart", "#backup"]
    );
    // A page's own `#restart` and its footnotes are its prefixed ids.
    let ops = en.attrs("#ops .content a", "href");
    assert!(ops.contains(&"#ops--restart".to_string()), "{ops:?}");
    assert!(
        ops.iter()
            .any(|h| h.starts_with("#ops--") && h != "#ops--restart"),
        "footnote: {ops:?}"
    );
    assert!(
        ops.contains(&"https://example.com/docs".to_string()),
        "{ops:?}"
    );
    // Norwegian paths stay readable and resolve.
    let nb = site.html("nb/print/index.html");
    assert!(
        nb.attrs("#ops .content a", "href")
            .contains(&"#overvåking--varsler".to_string()),
        "{:?}",
        nb.attrs("#ops .content a", "href")
    );
}

#[test]
fn images_and_code_keep_working() {
    let site = site();
    site.build(&[]);
    let print = site.html("en/print/index.html");
    let sources = print.attrs(".print-page img", "src");
    assert_eq!(sources, ["/hb/en/diagram.png", "/hb/logo.svg"]);
    for src in sources {
        let file = site.public().join(src.trim_start_matches("/hb/"));
        assert!(file.is_file(), "{src} is not in the output");
    }
    assert!(print.count("#ops pre code") > 0);
    assert!(print.count("#ops [role=tabpanel]") == 2);
    // The theme's stylesheet breaks pages and prints external links' addresses.
    let css = site.read("theme/handbok.css");
    assert!(
        css.contains(".print-page { break-before: page;"),
        "page breaks"
    );
    assert!(css.contains(r#".print a[href^="http"]::after { content: " (" attr(href) ")""#));
}

#[test]
fn fallback_pages_are_on_it_as_on_the_site_and_left_out_without_fallbacks() {
    let site = site();
    site.build(&[]);
    let nb = site.html("nb/print/index.html");
    let titles = texts(&nb, ".print-page > h1");
    assert!(titles.contains(&"Backup".to_string()), "{titles:?}");
    assert_eq!(nb.attr("#backup > h1", "lang"), "en");
    assert_eq!(nb.attr("#backup .content", "lang"), "en");
    let notice = nb.text("#backup .fallback-notice");
    assert!(notice.contains("ikke oversatt til norsk"), "{notice}");
    assert_eq!(
        nb.attr("#backup .fallback-notice a", "href"),
        "/hb/en/backup/"
    );
    let en = site.html("en/print/index.html");
    assert!(texts(&en, ".print-page > h1").contains(&"Overvåking".to_string()));

    let strict = site.file("site.yaml", &format!("{SITE_YAML}fallback: false\n"));
    strict.build(&[]);
    let nb = strict.html("nb/print/index.html");
    assert!(!texts(&nb, ".print-page > h1").contains(&"Backup".to_string()));
    assert_eq!(nb.count(".fallback-notice"), 0);
}

#[test]
fn it_is_linked_from_every_page_but_not_in_the_sitemap_or_search() {
    let site = site();
    site.build(&[]);
    let ops = site.html("en/ops/index.html");
    assert_eq!(ops.attr(".print-link a", "href"), "/hb/en/print/");
    assert_eq!(ops.text(".print-link a"), "Print the handbook");
    let nb = site.html("nb/ops/index.html");
    assert_eq!(nb.text(".print-link a"), "Skriv ut håndboka");
    assert_eq!(site.html("en/print/index.html").count(".print-link"), 0);
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains("/hb/en/ops/") && !sitemap.contains("print"),
        "{sitemap}"
    );
    for entry in walkdir::WalkDir::new(site.public().join("search")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
            assert!(!text.contains("/print/"), "{}", entry.path().display());
        }
    }

    let without = site.file("site.yaml", &format!("{SITE_YAML}print: false\n"));
    without.build(&[]);
    assert!(!without.public().join("en/print").exists());
    assert_eq!(without.html("en/ops/index.html").count(".print-link"), 0);
}

#[test]
fn a_page_at_its_address_wins_with_a_warning() {
    let site = site().file(
        "content/en/print.md",
        "---\ntitle: Printing\n---\n\nOur printers.\n",
    );
    let run = site.build(&[]);
    assert!(run.stderr.contains("content/en/print.md"), "{}", run.stderr);
    assert!(run.stderr.contains("print: false"), "{}", run.stderr);
    // Its fallback page takes the Norwegian print page's address too.
    for lang in ["en", "nb"] {
        let page = site.html(&format!("{lang}/print/index.html"));
        assert_eq!(page.text("main h1"), "Printing");
        assert_eq!(page.count(".print-page"), 0);
    }
    assert!(
        run.stderr.contains("content/nb/print.md")
            || run.stderr.matches("content/en/print.md").count() == 2,
        "{}",
        run.stderr
    );
}

#[test]
fn check_finds_a_broken_in_page_anchor_of_the_print_page() {
    let site = site();
    let clean = site.run(&["check"]);
    assert_eq!(clean.code, 0, "{}\n{}", clean.stdout, clean.stderr);
    let broken = site.file(
        "templates/print.html",
        "{% extends \"base.html\" %}{% block main %}<a href=\"#nowhere\">x</a><a href=\"#ops\">ops</a>{% for part in print.parts %}<section id=\"{{ part.anchor }}\">{{ part.content }}</section>{% endfor %}{% endblock main %}",
    );
    let run = broken.run(&["check"]);
    assert_ne!(run.code, 0, "{}", run.stdout);
    let output = format!("{}{}", run.stdout, run.stderr);
    assert!(output.contains("templates/print.html"), "{output}");
    assert!(output.contains("#nowhere"), "{output}");
    assert!(!output.contains("`#ops`"), "{output}");
    assert_eq!(
        output.matches("/print/ links to").count(),
        2,
        "one per language: {output}"
    );
}

#[test]
fn serve_serves_it_and_shows_an_edit() {
    let site = site();
    let server = Server::start(&site);
    let print = server.get("/en/print/");
    assert_eq!(print.status, 200);
    assert!(print.body.contains("English only."), "{}", print.body);
    assert!(print.body.contains("id=\"guides-deploy--roll-back\""));
    let nb = server.get("/nb/print/");
    assert!(nb.body.contains("Bare på norsk."));
    // An open print page is told to reload when any page changes.
    let socket = format!("ws://127.0.0.1:{}/__handbok/livereload", server.port);
    let (mut tab, _) = tungstenite::connect(&socket).expect("WebSocket handshake");
    if let tungstenite::stream::MaybeTlsStream::Plain(stream) = tab.get_ref() {
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
    }
    std::thread::sleep(Duration::from_millis(100));
    site.write(
        "content/en/backup.md",
        "---\ntitle: Backup\nweight: 2\n---\n\n## Restore\n\nEdited while serving.\n",
    );
    loop {
        let message = next_notice(&mut tab);
        if message.contains("\"reload\"") {
            assert!(
                message.contains("/en/backup/") && message.contains("/en/print/"),
                "{message}"
            );
            break;
        }
    }
    eventually("the print page shows the edit", || {
        server
            .get("/en/print/")
            .body
            .contains("Edited while serving.")
    });
}

#[test]
fn a_language_of_more_than_a_thousand_pages_gets_one_only_with_print_true() {
    let yaml = "title: Big\nbase_url: /\nfallback: false\nlanguages:\n  - code: en\n    name: English\n  - code: nb\n    name: Norsk bokmål\n";
    let mut site = Site::new()
        .file("site.yaml", yaml)
        .file("content/en/_index.md", "---\ntitle: Handbook\n---\n")
        .file("content/nb/_index.md", "---\ntitle: Håndbok\n---\n")
        .file("content/nb/drift.md", "---\ntitle: Drift\n---\n");
    for n in 0..=handbok::config::PRINT_AUTO_MAX_PAGES {
        site = site.file(
            &format!("content/en/part-{}/page-{n}.md", n % 20),
            &format!("---\ntitle: Page {n}\n---\nText.\n"),
        );
    }
    site.build(&[]);
    assert!(!site.public().join("en/print/index.html").exists());
    assert!(site.read("nb/print/index.html").contains("Drift"));
    assert_eq!(site.html("en/index.html").count("a.print-link"), 0);
    site.write("site.yaml", &format!("{yaml}print: true\n"));
    site.build(&[]);
    let print = site.html("en/print/index.html");
    // Every page, the twenty sections and the front page.
    let parts = handbok::config::PRINT_AUTO_MAX_PAGES + 1 + 20 + 1;
    assert_eq!(print.count(".print-page"), parts);
}
