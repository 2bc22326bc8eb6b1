//! Successful builds: what a reader gets.

use crate::support::{Site, fixtures};

const OPS_EN: &str = "---\ntitle: Ops\ningress: What operations is.\nnavigation_link:\n  subtitle: Principles\nbanner:\n  image:\n    src: /illustrations/ops.png\n    alt: A person holding a phone\nweight: 1\n---\n\n## Overvåking og varsler\n\nSee [the Norwegian page](../nb/ops.md#overvåking) and [the FAQ](faq/spørsmål-og-svar.md).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n";
const OPS_NB: &str =
    "---\ntitle: Drift\ningress: Hva drift er.\n---\n\n## Overvåking\n\nTekst med æøå.\n";

/// `fallback: false`: a page missing in a language is not published there (as before
/// fallback pages existed).
fn without_fallbacks(site: Site) -> Site {
    site.file(
        "site.yaml",
        &format!("{}fallback: false\n", crate::support::SITE_YAML),
    )
}

fn bilingual() -> Site {
    Site::new()
        .file(
            "content/en/_index.md",
            "---\ntitle: Handbook\ningress: All about ops.\n---\nWelcome.\n",
        )
        .file(
            "content/nb/_index.md",
            "---\ntitle: Håndbok\n---\nVelkommen.\n",
        )
        .file("content/en/ops.md", OPS_EN)
        .file("content/nb/ops.md", OPS_NB)
        .file(
            "content/en/faq/spørsmål-og-svar.md",
            "# Questions and answers\n\nText.\n",
        )
        .file(
            "content/nb/bare-norsk.md",
            "---\ntitle: Bare på norsk\nweight: 2\n---\nTekst.\n",
        )
        .bytes("static/illustrations/ops.png", b"\x89PNG fake")
}

#[test]
fn raw_seed_pages_build_into_a_bilingual_site() {
    let site = Site::fixture("seeds");
    let run = site.build(&[]);
    assert!(run.stdout.contains("built"), "{}", run.stdout);
    // The Ops page's ingress runs on over unindented lines: accepted, and located.
    assert!(
        run.stderr
            .contains("content/en/ops.md:4: warning: this line continues the value above it"),
        "{}",
        run.stderr
    );
    for page in [
        "en/ops/index.html",
        "nb/ops/index.html",
        "nb/organisering-av-drift/index.html",
        "en/role-of-ops-in-deployment/index.html",
        "en/devops-operations/index.html",
        "en/index.html",
        "nb/index.html",
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "illustrations/illustration-03.png",
    ] {
        assert!(site.public().join(page).is_file(), "{page} missing");
    }
    // A page without front matter takes its title from its first `# ` heading, shown once.
    for file in ["en/ops/index.html", "index.html", "404.html"] {
        assert!(
            !site.read(file).contains("livereload"),
            "the live-reload script is only for serve"
        );
    }
    let page = site.html("en/devops-operations/index.html");
    assert_eq!(page.text("h1"), "alx-system_engineering-devops");
    assert_eq!(page.count("h1"), 1, "the title is the page's one h1");
    let sections: Vec<String> = page
        .all(".content h2")
        .iter()
        .map(|h| h.text().collect::<String>())
        .collect();
    assert!(
        sections.iter().any(|t| t.starts_with("DevOps Operations")),
        "the second `# ` heading of the body stays, as a section: {sections:?}"
    );
    assert!(
        !page
            .text(".content")
            .contains("alx-system_engineering-devops")
    );
    // The empty `## ` heading gets an id, not an empty attribute.
    assert!(
        page.attrs(".content h2", "id")
            .iter()
            .all(|id| !id.is_empty())
    );
    // Ops pages are a translated pair.
    let en = site.html("en/ops/index.html");
    assert_eq!(en.attr("html", "lang"), "en");
    assert_eq!(
        en.attr("link[rel=alternate][hreflang=nb]", "href"),
        "https://example.org/nb/ops/"
    );
    assert_eq!(
        en.attr(".language-switcher a[hreflang=nb]", "href"),
        "/nb/ops/"
    );
    assert_eq!(
        en.attr("img.banner", "src"),
        "/illustrations/illustration-03.png"
    );
    // Width and height from the image, so nothing shifts when it loads.
    assert_eq!(
        (
            en.attr("img.banner", "width"),
            en.attr("img.banner", "height")
        ),
        ("1200".to_string(), "600".to_string())
    );
    let nb = site.html("nb/ops/index.html");
    assert_eq!(nb.attr("html", "lang"), "nb");
    assert_eq!(
        nb.attr("link[rel=alternate][hreflang=en]", "href"),
        "https://example.org/en/ops/"
    );
    assert_eq!(
        nb.attr("link[rel=alternate][hreflang=x-default]", "href"),
        "https://example.org/en/ops/"
    );
    assert_eq!(
        nb.text(".skip-link"),
        "Hopp til innhold",
        "UI strings in the page's language"
    );
    assert_eq!(page.text("nav.toc h2"), "On this page");
}

#[test]
fn the_handbook_in_this_repository_builds() {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_handbok"))
        .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--output"])
        .arg(&output)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(
        !stderr.contains("warning"),
        "the handbook itself builds without warnings:\n{stderr}"
    );
    for page in [
        "en/ops/index.html",
        "nb/ops/index.html",
        "en/index.html",
        "nb/index.html",
    ] {
        assert!(output.join(page).is_file(), "{page}");
    }
    let _ = fixtures();
}

#[test]
fn pages_have_title_language_switcher_and_alternates() {
    let site = bilingual();
    site.build(&[]);
    let en = site.html("en/ops/index.html");
    assert_eq!(en.text("title"), "Ops · Test Handbook");
    assert_eq!(en.text("h1"), "Ops");
    assert_eq!(en.text("p.ingress"), "What operations is.");
    assert_eq!(
        en.attr("meta[name=description]", "content"),
        "What operations is."
    );
    assert_eq!(
        en.attr("meta[property='og:image']", "content"),
        "https://example.org/illustrations/ops.png"
    );
    assert_eq!(en.attr("img.banner", "alt"), "A person holding a phone");
    assert_eq!(
        en.attr("link[rel=canonical]", "href"),
        "https://example.org/en/ops/"
    );
    let hreflangs = en.attrs("link[rel=alternate]", "hreflang");
    assert_eq!(hreflangs, ["en", "nb", "x-default"]);
    let switch = en.all(".language-switcher a");
    assert_eq!(switch.len(), 1);
    assert_eq!(switch[0].value().attr("href"), Some("/nb/ops/"));
    assert_eq!(switch[0].value().attr("lang"), Some("nb"));
    // Navigation lists pages with their subtitles and marks the current one.
    assert_eq!(en.text(".site-nav a[aria-current=page]"), "OpsPrinciples");
    // Headings keep Norwegian letters in their ids; the TOC links to them.
    assert_eq!(en.attr(".content h2", "id"), "overvåking-og-varsler");
    assert_eq!(en.attr("nav.toc a", "href"), "#overvåking-og-varsler");
    assert_eq!(en.count(".content table"), 1);
    assert_eq!(en.count(".content input[type=checkbox]"), 1);
}

#[test]
fn untranslated_page_switches_to_the_other_front_page_and_says_so() {
    let site = without_fallbacks(bilingual());
    site.build(&[]);
    let page = site.html("nb/bare-norsk/index.html");
    let link = &page.all(".language-switcher a")[0];
    assert_eq!(link.value().attr("href"), Some("/en/"));
    assert!(link.text().collect::<String>().contains("not translated"));
    assert_eq!(
        page.attrs("link[rel=alternate]", "hreflang"),
        ["nb", "x-default"]
    );
}

#[test]
fn markdown_links_to_pages_become_urls_and_non_ascii_names_work() {
    let site = bilingual();
    site.build(&[]);
    let en = site.html("en/ops/index.html");
    let hrefs = en.attrs(".content a", "href");
    // pulldown-cmark percent-encodes hrefs; browsers decode fragments before matching ids.
    assert_eq!(
        hrefs,
        [
            "/nb/ops/#overv%C3%A5king",
            "/en/faq/sp%C3%B8rsm%C3%A5l-og-svar/"
        ]
    );
    assert!(
        site.public()
            .join("en/faq/spørsmål-og-svar/index.html")
            .is_file()
    );
    let sitemap = site.read("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/en/faq/sp%C3%B8rsm%C3%A5l-og-svar/</loc>"),
        "{sitemap}"
    );
    assert!(sitemap.contains("hreflang=\"nb\" href=\"https://example.org/nb/ops/\""));
    assert!(
        sitemap.contains("hreflang=\"x-default\" href=\"https://example.org/en/ops/\""),
        "x-default as in the pages: {sitemap}"
    );
    assert!(
        site.read("robots.txt")
            .contains("Sitemap: https://example.org/sitemap.xml")
    );
    // Without a host in the base URL there is no absolute sitemap URL to give crawlers.
    site.build(&["--base-url", "/handbook/"]);
    assert!(!site.read("robots.txt").contains("Sitemap"));
}

#[test]
fn titles_are_escaped() {
    let site = bilingual().file(
        "content/en/xss.md",
        "---\ntitle: \"<script>alert(1)</script>\"\ningress: \"a \\\"quoted\\\" <b>\"\n---\nBody\n",
    );
    site.build(&[]);
    let raw = site.read("en/xss/index.html");
    assert!(!raw.contains("<script>alert(1)"), "title must be escaped");
    assert!(
        raw.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || raw.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{raw}"
    );
    let page = site.html("en/xss/index.html");
    assert_eq!(page.text("h1"), "<script>alert(1)</script>");
    assert_eq!(
        page.attr("meta[name=description]", "content"),
        "a \"quoted\" <b>"
    );
}

#[test]
fn front_pages_show_cards_and_root_is_the_default_language() {
    let site = without_fallbacks(bilingual());
    site.build(&[]);
    let front = site.html("en/index.html");
    assert_eq!(front.text("h1"), "Handbook");
    let titles: Vec<String> = front
        .all(".card-title")
        .iter()
        .map(|e| e.text().collect::<String>())
        .collect();
    assert_eq!(titles, ["Ops", "faq"]);
    assert_eq!(front.text(".card-subtitle"), "Principles");
    assert_eq!(site.read("index.html"), site.read("en/index.html"));
    let not_found = site.html("404.html");
    assert_eq!(
        not_found.attrs(".language-front-pages a", "href"),
        ["/en/", "/nb/"]
    );
}

#[test]
fn sub_path_base_url_prefixes_every_link() {
    let site = bilingual();
    site.build(&["--base-url", "https://example.org/handbook/"]);
    let en = site.html("en/ops/index.html");
    assert!(
        en.attr("link[rel=stylesheet]", "href")
            .starts_with("/handbook/theme/handbok.css?v="),
        "{}",
        en.attr("link[rel=stylesheet]", "href")
    );
    assert_eq!(
        en.attr("img.banner", "src"),
        "/handbook/illustrations/ops.png"
    );
    assert_eq!(
        en.attr("link[rel=canonical]", "href"),
        "https://example.org/handbook/en/ops/"
    );
    assert_eq!(
        en.attr("meta[property='og:image']", "content"),
        "https://example.org/handbook/illustrations/ops.png"
    );
    assert_eq!(
        en.attrs(".content a", "href")[0],
        "/handbook/nb/ops/#overv%C3%A5king"
    );
    for href in en.attrs("a", "href") {
        assert!(
            href.starts_with("/handbook/") || href.starts_with('#'),
            "{href}"
        );
    }
}

#[test]
fn drafts_only_with_the_flag() {
    let site = bilingual().file("content/en/wip.md", "---\ntitle: WIP\ndraft: true\n---\n");
    site.build(&[]);
    assert!(!site.public().join("en/wip").exists());
    site.build(&["--drafts"]);
    assert!(site.public().join("en/wip/index.html").is_file());
}

#[test]
fn bundles_sections_weights_and_translation_keys() {
    let site = Site::new()
        .file(
            "content/en/guides/_index.md",
            "---\ntitle: Guides\nweight: 1\n---\n",
        )
        .file(
            "content/en/guides/zeta.md",
            "---\ntitle: Zeta\nweight: 1\n---\n",
        )
        .file(
            "content/en/guides/alpha.md",
            "---\ntitle: Alpha\nweight: 2\n---\n",
        )
        .file(
            "content/en/guides/backup/index.md",
            "---\ntitle: Backup\nweight: 3\n---\n![Diagram](diagram.png)\n",
        )
        .bytes("content/en/guides/backup/diagram.png", b"png")
        .file(
            "content/en/start.md",
            "---\ntitle: Start\ntranslation_key: start\n---\n",
        )
        .file(
            "content/nb/kom-i-gang.md",
            "---\ntitle: Kom i gang\ntranslation_key: start\n---\n",
        );
    site.build(&[]);
    let guides = site.html("en/guides/index.html");
    assert_eq!(guides.text("h1"), "Guides");
    let titles: Vec<String> = guides
        .all(".card-title")
        .iter()
        .map(|e| e.text().collect::<String>())
        .collect();
    assert_eq!(titles, ["Zeta", "Alpha", "Backup"]);
    let backup = site.html("en/guides/backup/index.html");
    assert_eq!(
        backup.attrs(".breadcrumbs a", "href"),
        ["/en/", "/en/guides/"]
    );
    assert_eq!(
        backup.attr(".content img", "src"),
        "/en/guides/backup/diagram.png"
    );
    assert!(site.public().join("en/guides/backup/diagram.png").is_file());
    assert_eq!(backup.attr(".pager-previous", "href"), "/en/guides/alpha/");
    let start = site.html("en/start/index.html");
    assert_eq!(
        start.attr(".language-switcher a", "href"),
        "/nb/kom-i-gang/"
    );
    // The front page of a language without _index.md still exists, titled from site.yaml.
    assert_eq!(site.html("nb/index.html").text("h1"), "Testhåndboka");
}

#[test]
fn site_templates_override_the_embedded_ones() {
    let site = bilingual().file(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<p id=\"custom\">{{ page.title }} / {{ t(key=\"on_this_page\") }}</p>{% endblock main %}",
    );
    site.build(&[]);
    assert_eq!(
        site.html("nb/ops/index.html").text("#custom"),
        "Drift / På denne siden"
    );
    // Other templates are still the embedded ones.
    assert_eq!(site.html("en/index.html").count(".cards"), 1);
}

#[test]
fn unknown_front_matter_keys_warn_with_a_suggestion() {
    let site = bilingual().file(
        "content/en/typo.md",
        "---\ntitle: Typo\ningres: Oops\n---\n",
    );
    let run = site.build(&[]);
    assert!(
        run.stderr
            .contains("content/en/typo.md:3: warning: unknown front matter key `ingres`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `ingress`?"),
        "{}",
        run.stderr
    );

    // Hugo's keys on every migrated page: one warning per key in a build, each file in check.
    let site = (1..=3).fold(site, |site, n| {
        site.file(
            &format!("content/en/hugo-{n}.md"),
            &format!("---\ntitle: Hugo {n}\ndate: 2024-01-0{n}\n---\n"),
        )
    });
    let run = site.build(&[]);
    assert_eq!(
        run.stderr
            .matches("unknown front matter key `date`")
            .count(),
        1,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/en/hugo-1.md:3: warning: unknown front matter key `date`")
            && run.stderr.contains("and 2 more files"),
        "{}",
        run.stderr
    );
    let check = site.run(&["check"]);
    assert_eq!(
        check
            .stdout
            .matches("unknown front matter key `date`")
            .count()
            + check
                .stderr
                .matches("unknown front matter key `date`")
                .count(),
        3,
        "{}{}",
        check.stdout,
        check.stderr
    );
}

#[test]
fn summary_counts_pages_per_language_and_untranslated() {
    let run = bilingual().build(&[]);
    assert!(
        run.stdout.contains("en: 3, nb: 3; 2 untranslated"),
        "{}",
        run.stdout
    );
}

#[test]
fn site_static_files_override_the_embedded_theme_files() {
    let site = bilingual().file("static/theme/handbok.css", "/* mine */\n");
    site.build(&[]);
    assert_eq!(site.read("theme/handbok.css"), "/* mine */\n");
    assert!(
        site.read("theme/handbok.js")
            .contains("handbok default theme")
    );
}

#[test]
fn navigation_shows_the_current_part_of_the_handbook_not_every_page() {
    let mut site = Site::new();
    for section in ["alpha", "beta"] {
        for page in 0..3 {
            site = site.file(
                &format!("content/en/{section}/p{page}.md"),
                &format!("---\ntitle: {section} {page}\n---\n"),
            );
        }
    }
    site.build(&[]);
    let page = site.html("en/alpha/p0/index.html");
    let links = page.attrs(".site-nav a", "href");
    assert!(links.contains(&"/en/alpha/p2/".to_string()), "{links:?}");
    assert!(links.contains(&"/en/beta/".to_string()), "{links:?}");
    assert!(
        !links.contains(&"/en/beta/p0/".to_string()),
        "other sections stay collapsed: {links:?}"
    );
    assert_eq!(page.count(".site-nav .nav-collapsed"), 1);
}

/// A timing-free guard against O(n²) output: a page's HTML does not depend on how many
/// pages other sections hold.
#[test]
fn a_page_does_not_grow_with_the_size_of_the_site() {
    let page_size = |extra_pages: usize| {
        let mut site = Site::new();
        for section in ["a", "b", "c"] {
            for i in 0..3 {
                site = site.file(
                    &format!("content/en/{section}/p{i}.md"),
                    &format!("---\ntitle: {section} {i}\n---\n\nText.\n"),
                );
            }
        }
        for i in 0..extra_pages {
            site = site.file(
                &format!("content/en/c/more-{i:04}.md"),
                &format!("---\ntitle: More {i}\n---\n\nText.\n"),
            );
        }
        site.build(&[]);
        site.read("en/a/p1/index.html").len()
    };
    assert_eq!(page_size(0), page_size(300));
}

#[test]
fn github_alerts_are_callouts_labelled_in_the_page_language() {
    let site = bilingual()
        .file(
            "content/nb/varsel.md",
            "---\ntitle: Varsel\n---\n\n> [!CAUTION]\n> Ta backup først.\n",
        )
        .file(
            "content/en/alert.md",
            "---\ntitle: Alert\n---\n\n> [!TIP]\n> Back up first.\n",
        );
    site.build(&[]);
    let nb = site.html("nb/varsel/index.html");
    assert_eq!(nb.text(".callout-caution .callout-label"), "Forsiktig");
    assert_eq!(nb.attr(".callout-caution", "role"), "note");
    let en = site.html("en/alert/index.html");
    assert_eq!(en.text(".callout-tip .callout-label"), "Tip");
}

#[test]
fn edit_link_and_last_updated_from_git() {
    let site = bilingual().file(
        "site.yaml",
        &format!(
            "{}edit_url: https://git.example.org/handbook/edit/main/{{path}}\n",
            crate::support::SITE_YAML
        ),
    );
    site.build(&[]);
    let page = site.html("en/ops/index.html");
    assert_eq!(
        page.attr(".page-meta a", "href"),
        "https://git.example.org/handbook/edit/main/content/en/ops.md"
    );
    assert_eq!(page.count(".page-meta time"), 0, "no date outside git");
    let date = "2026-03-14T12:00:00Z";
    site.git(&["init", "-q"], date);
    site.git(&["add", "."], date);
    site.git(&["commit", "-q", "-m", "pages"], date);
    site.build(&[]);
    let page = site.html("nb/ops/index.html");
    assert_eq!(page.attr(".page-meta time", "datetime"), "2026-03-14");
    assert!(page.text(".page-meta").contains("Sist oppdatert"));
}

/// The same block on both language versions of a page and twice on one (the second and
/// later ones come from the highlighter's cache) is the committed HTML every time.
#[test]
fn a_repeated_code_block_is_highlighted_to_the_same_bytes_each_time() {
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/highlight");
    let code = std::fs::read_to_string(samples.join("sh.txt")).unwrap();
    let expected = std::fs::read_to_string(samples.join("sh.html")).unwrap();
    let body =
        format!("---\ntitle: Deploy\n---\n\n```sh\n{code}```\n\nAgain:\n\n```sh\n{code}```\n");
    let site = bilingual()
        .file("content/en/deploy.md", &body)
        .file("content/nb/deploy.md", &body.replace("Again", "Igjen"));
    site.build(&[]);
    for page in ["en/deploy/index.html", "nb/deploy/index.html"] {
        let html = site.read(page);
        let blocks: Vec<&str> = html
            .split("<code class=\"language-sh\">")
            .skip(1)
            .map(|rest| rest.split_once("</code>").unwrap().0)
            .collect();
        assert_eq!(blocks.len(), 2, "{page}");
        for block in blocks {
            assert!(block == expected, "{page}: {block}");
        }
    }
}

#[test]
fn fenced_code_is_highlighted_at_build_time() {
    let site = bilingual().file(
        "content/en/code.md",
        "---\ntitle: Code\n---\n\n```sh\necho \"$HOME\"\n```\n",
    );
    site.build(&[]);
    let page = site.html("en/code/index.html");
    assert!(page.count(".content pre.hl code.language-sh span[class^='hl-']") > 0);
    assert!(
        page.attrs("link[rel=stylesheet]", "href")
            .iter()
            .any(|h| h.starts_with("/theme/highlight.css?v="))
    );
    assert!(site.public().join("theme/highlight.css").is_file());
}

/// HTML, CSS and JS of a typical page stay under 60 KB before compression.
#[test]
fn a_typical_page_weighs_less_than_60_kb() {
    let site = Site::fixture("seeds");
    site.build(&[]);
    let page = site.html("en/ops/index.html");
    let mut total = site.read("en/ops/index.html").len();
    for href in page
        .attrs("link[rel=stylesheet]", "href")
        .into_iter()
        .chain(page.attrs("script[src]", "src"))
    {
        total += site
            .read(href.trim_start_matches('/').split('?').next().unwrap())
            .len();
    }
    assert!(total < 60_000, "{total} bytes");
}

/// Every titled page and section is in its language's search index, with its fragment; the
/// box is in every page's header; `search: false` in site.yaml leaves both out.
#[test]
fn search_index_per_language_and_the_switch_to_leave_it_out() {
    let site = Site::new()
        .file(
            "content/en/ops.md",
            "---\ntitle: Ops\n---\n\n## Backups\n\nRestore drills.\n",
        )
        .file(
            "content/nb/ops.md",
            "---\ntitle: Drift\n---\n\nOvervåkingen varsler.\n",
        )
        .file(
            "content/nb/guider/backup.md",
            "---\ntitle: Sikkerhetskopiering\n---\n",
        );
    site.build(&[]);
    let meta: serde_json::Value = serde_json::from_str(&site.read("search/nb/meta.json")).unwrap();
    // nb: front page, the guider section, Drift and Sikkerhetskopiering.
    assert_eq!(meta["docs"], 4, "{meta}");
    let chunk = site.read("search/nb/t/_.json");
    assert!(
        chunk.contains("\"overvaking"),
        "stemmed and folded: {chunk}"
    );
    assert!(
        !chunk.contains("restor"),
        "English words stay in the English index"
    );
    // Fragments come four pages to a file, in page number order.
    assert_eq!(meta["fragments"], 4, "{meta}");
    let fragments: Vec<serde_json::Value> =
        serde_json::from_str(&site.read("search/nb/d/0.json")).unwrap();
    assert_eq!(fragments.len(), 4);
    let drift = fragments
        .iter()
        .find(|f| f["t"] == "Drift")
        .expect("Drift's fragment");
    assert_eq!(drift["u"], "/nb/ops/");
    assert!(
        drift["x"]
            .as_str()
            .unwrap()
            .contains("Overvåkingen varsler.")
    );
    let en: serde_json::Value = serde_json::from_str(&site.read("search/en/d/0.json")).unwrap();
    let ops = &en[1];
    assert_eq!(ops["h"][0][0], "backups", "headings with their ids: {ops}");
    let page = site.html("nb/ops/index.html");
    assert_eq!(
        page.attr(".search[data-index]", "data-index"),
        "/search/nb/"
    );
    assert_eq!(page.attr(".search input", "role"), "combobox");

    site.write(
        "site.yaml",
        &format!("{}search: false\n", crate::support::SITE_YAML),
    );
    site.build(&[]);
    assert!(!site.public().join("search").exists());
    assert_eq!(site.html("nb/ops/index.html").count(".search"), 0);
}

/// Linked pages and static files are part of the site (a shared folder, a common logo); a
/// link that loops is an error naming it.
#[cfg(unix)]
#[test]
fn symbolic_links_are_followed_and_loops_named() {
    let shared = tempfile::tempdir().unwrap();
    std::fs::write(
        shared.path().join("shared.md"),
        "---\ntitle: Shared\n---\n\nFrom elsewhere.\n",
    )
    .unwrap();
    std::fs::write(shared.path().join("logo.png"), b"png").unwrap();
    let site = Site::new().file("content/en/ops.md", "---\ntitle: Ops\n---\n");
    std::fs::create_dir_all(site.root.join("static")).unwrap();
    std::os::unix::fs::symlink(
        shared.path().join("shared.md"),
        site.root.join("content/en/shared.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        shared.path().join("logo.png"),
        site.root.join("static/logo.png"),
    )
    .unwrap();
    site.build(&[]);
    assert!(
        site.read("en/shared/index.html")
            .contains("From elsewhere.")
    );
    assert_eq!(
        std::fs::read(site.public().join("logo.png")).unwrap(),
        b"png"
    );

    std::os::unix::fs::symlink("..", site.root.join("content/en/up")).unwrap();
    let run = site.build_fails(1);
    assert!(
        run.stderr.contains("content/en/up: error: cannot read")
            && run.stderr.contains("points at a folder it is in"),
        "{}",
        run.stderr
    );
}

/// Pages migrated from Hugo keep their TOML front matter (`+++`): same keys, same warnings.
#[test]
fn hugo_toml_front_matter_builds() {
    let site = Site::new().file(
        "content/en/ops.md",
        "+++\ntitle = \"Ops <b>\"\ningres = \"Lead\"\n[navigation_link]\nsubtitle = \"Principles\"\n+++\n\nBody text.\n",
    );
    let run = site.build(&[]);
    let page = site.html("en/ops/index.html");
    assert_eq!(page.text("h1"), "Ops <b>");
    assert!(page.text(".content").contains("Body text."));
    assert!(
        run.stderr
            .contains("content/en/ops.md:3: warning: unknown front matter key `ingres`")
            && run.stderr.contains("did you mean `ingress`?"),
        "{}",
        run.stderr
    );
    assert!(site.read("en/index.html").contains("Principles"));
}

#[test]
fn link_title_is_the_navigation_title() {
    let site = Site::new()
        .file("content/en/_index.md", "---\ntitle: Handbook\n---\n")
        .file(
            "content/en/incidents.md",
            "---\ntitle: Handling incidents from alert to review\nlinkTitle: Incidents\n---\n\nText.\n",
        );
    let run = site.build(&[]);
    assert!(
        !run.stderr.contains("linkTitle"),
        "no unknown-key warning: {}",
        run.stderr
    );
    let page = site.html("en/incidents/index.html");
    assert_eq!(page.text("h1"), "Handling incidents from alert to review");
    assert_eq!(page.text(".site-nav a[aria-current=page]"), "Incidents");
}

#[test]
fn navigation_marks_each_pages_own_link_and_only_it() {
    // `nav.html` is rendered once per section; each page then gets its own link marked.
    let site = Site::new()
        .file("content/en/_index.md", "---\ntitle: Handbook\n---\n")
        .file("content/en/drift/_index.md", "---\ntitle: Drift\n---\n")
        .file("content/en/drift/først.md", "---\ntitle: Først\n---\n")
        .file("content/en/drift/second.md", "---\ntitle: Second\n---\n")
        .file("content/nb/_index.md", "---\ntitle: Håndbok\n---\n")
        .file("content/nb/drift/_index.md", "---\ntitle: Drift\n---\n");
    site.build(&[]);
    for (path, href, text) in [
        (
            "en/drift/først/index.html",
            "/en/drift/f%C3%B8rst/",
            "Først",
        ),
        ("en/drift/second/index.html", "/en/drift/second/", "Second"),
        ("en/drift/index.html", "/en/drift/", "Drift"),
        ("en/index.html", "/en/", "Front page"),
        ("nb/index.html", "/nb/", "Forside"),
    ] {
        let page = site.html(path);
        assert_eq!(
            page.attrs(".site-nav a[aria-current=page]", "href"),
            [href],
            "{path}"
        );
        assert_eq!(page.text(".site-nav a[aria-current=page]"), text, "{path}");
        assert_eq!(page.count(".site-nav a"), page.count(".site-nav a[href]"));
    }
    // The other pages of the section are listed, unmarked.
    let first = site.html("en/drift/først/index.html");
    assert!(
        first
            .attrs(".site-nav a", "href")
            .contains(&"/en/drift/second/".to_string())
    );
}

#[test]
fn a_sites_own_nav_template_is_used_in_each_language() {
    let site = Site::new()
        .file("content/en/_index.md", "---\ntitle: Handbook\n---\n")
        .file("content/en/ops.md", "---\ntitle: Ops\n---\n")
        .file("content/nb/_index.md", "---\ntitle: Håndbok\n---\n")
        .file("content/nb/ops.md", "---\ntitle: Drift\n---\n")
        .file(
            "templates/nav.html",
            "<ul class=\"mine\">{% for item in nav %}<li><a href=\"{{ item.url }}\">{{ item.title }}</a> {{ t(key=\"navigation\") }}</li>{% endfor %}</ul>\n",
        );
    site.build(&[]);
    let en = site.html("en/ops/index.html");
    assert_eq!(en.text(".site-nav ul.mine a[aria-current=page]"), "Ops");
    assert!(
        en.text(".site-nav ul.mine li")
            .contains("Handbook navigation")
    );
    let nb = site.html("nb/ops/index.html");
    assert_eq!(nb.text(".site-nav ul.mine a[aria-current=page]"), "Drift");
    assert!(
        !nb.text(".site-nav ul.mine li")
            .contains("Handbook navigation")
    );
    // A page of another section is not marked.
    assert_eq!(site.html("en/index.html").count("a[aria-current=page]"), 0);
}

#[test]
fn a_nav_partial_of_a_base_html_that_predates_nav_html_still_works() {
    // Only a template that prints `nav_html` makes `nav.html` render once per section; a
    // site's own older `base.html` may include a `nav.html` of its own that uses `page`.
    let site = Site::new()
        .file("content/en/_index.md", "---\ntitle: Handbook\n---\n")
        .file("content/en/ops.md", "---\ntitle: Ops\n---\n")
        .file(
            "templates/base.html",
            "<!DOCTYPE html><html lang=\"{{ lang }}\"><head><title>{% block title %}{{ page.title }}{% endblock title %}</title>{% block head %}{% endblock head %}</head><body>{% include \"nav.html\" %}{% block main %}{% endblock main %}</body></html>\n",
        )
        .file(
            "templates/nav.html",
            "<nav class=\"old\">{% for item in nav %}<a href=\"{{ item.url }}\"{% if item.url == page.url %} class=\"here\"{% endif %}>{{ item.title }}</a>{% endfor %}</nav>",
        );
    site.build(&[]);
    let page = site.html("en/ops/index.html");
    assert_eq!(page.text("nav.old a.here"), "Ops");
}
