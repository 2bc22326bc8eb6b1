//! Publishing anywhere: sub-path hosting where every reference resolves, reproducible
//! output, redirects for moved pages, cache-busted assets, pre-compressed files.

use std::io::Read;
use std::path::Path;

use crate::support::{Page, Site, files};

fn site() -> Site {
    Site::new()
        .file("content/en/_index.md", "---\ntitle: Handbook\ningress: All about ops.\n---\nSee [Ops](ops.md).\n")
        .file("content/nb/_index.md", "---\ntitle: Håndbok\n---\n")
        .file(
            "content/en/ops.md",
            "---\ntitle: Ops\naliases: [/old/ops/, legacy-ops/, /very/old.html]\nbanner:\n  image:\n    src: /img/ops.png\n    alt: Ops\n---\n\n## Part\n\n[Drift](../nb/ops.md#del) · [runbook](/files/runbook.pdf) · [guide](../guides/backup/)\n",
        )
        .file("content/nb/ops.md", "---\ntitle: Drift\n---\n\n## Del\n")
        .file("content/nb/spørsmål og svar.md", "---\ntitle: Spørsmål og svar\n---\n")
        .file("content/en/guides/backup/index.md", "---\ntitle: Backup\n---\n![Diagram](diagram.png)\n")
        .bytes("content/en/guides/backup/diagram.png", b"png")
        .bytes("static/img/ops.png", b"png")
        .bytes("static/files/runbook.pdf", b"pdf")
}

#[test]
fn under_a_sub_path_every_internal_reference_resolves_to_a_file() {
    let site = site();
    site.build(&["--base-url", "https://example.org/handbook/"]);
    let output = site.public();
    let mut checked = 0;
    for (path, bytes) in files(&output) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let references: Vec<String> = if path.extension().is_some_and(|e| e == "html") {
            let page = Page(scraper::Html::parse_document(&text));
            let mut all = page.attrs("[href]", "href");
            all.extend(page.attrs("[src]", "src"));
            all.extend(page.attrs(
                "meta[property='og:image'], meta[property='og:url']",
                "content",
            ));
            // The search script reads the index from here.
            let index = page.attrs("[data-index]", "data-index");
            all.extend(index.iter().map(|folder| format!("{folder}meta.json")));
            all
        } else if path.extension().is_some_and(|e| e == "xml") {
            text.split('"')
                .chain(text.split(['<', '>']))
                .filter(|s| s.starts_with("https://"))
                .map(str::to_string)
                .collect()
        } else {
            continue;
        };
        for reference in references {
            if reference.starts_with('#') || reference.starts_with("mailto:") {
                continue;
            }
            let inside = match reference
                .strip_prefix("https://example.org/handbook/")
                .or_else(|| reference.strip_prefix("/handbook/"))
            {
                Some(inside) => inside.to_string(),
                // Relative to the page's own folder.
                None if !reference.starts_with('/') && !reference.contains("://") => {
                    let folder = path.parent().unwrap().to_string_lossy().into_owned();
                    normalize(&format!("{folder}/{reference}"))
                }
                None => panic!(
                    "{}: `{reference}` escapes the /handbook/ sub-path",
                    path.display()
                ),
            };
            let inside = inside.split(['#', '?']).next().unwrap();
            let mut file = decode(inside);
            if file.is_empty() || file.ends_with('/') {
                file.push_str("index.html");
            }
            assert!(
                output.join(&file).is_file(),
                "{}: `{reference}` leads to missing {file}",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} references checked");
    let not_found = site.html("404.html");
    assert_eq!(not_found.attr("html", "lang"), "en");
    assert_eq!(
        not_found.attrs(".language-front-pages a", "href"),
        ["/handbook/en/", "/handbook/nb/"]
    );
}

fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop().expect("stays inside the site");
            }
            part => parts.push(part),
        }
    }
    let mut joined = parts.join("/");
    if path.ends_with('/') {
        joined.push('/');
    }
    joined
}

fn decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(byte) = u8::from_str_radix(&path[i + 1..i + 3], 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn the_same_input_gives_byte_identical_output() {
    let site = site();
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    for output in [&first, &second] {
        let target = output.path().join("public");
        let run = site.run(&["build", "--compress", "--output", target.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let (a, b) = (
        files(&first.path().join("public")),
        files(&second.path().join("public")),
    );
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(
            bytes == &b[path],
            "{} differs between two builds",
            path.display()
        );
    }
}

/// A rebuild over the previous output ends with exactly the files a first build writes:
/// changed ones replaced, removed pages gone with their folders, a file where a folder was
/// (and the reverse) — while files that did not change are not written again.
#[test]
fn a_rebuild_leaves_exactly_what_a_first_build_writes() {
    use std::os::unix::fs::MetadataExt;
    // Without fallbacks, so that a new English page leaves the Norwegian pages alone.
    let site = site()
        .file(
            "site.yaml",
            &format!("{}fallback: false\n", crate::support::SITE_YAML),
        )
        .file("content/en/gone.md", "---\ntitle: Gone\n---\n")
        .bytes(
            "static/files/old/readme.txt",
            b"a folder that becomes a file",
        )
        .bytes("static/files/later", b"a file that becomes a folder");
    site.build(&["--compress"]);
    let public = site.public();
    let inode = |path: &str| std::fs::metadata(public.join(path)).unwrap().ino();
    let kept = inode("nb/ops/index.html");
    let changed = inode("en/ops/index.html");
    std::fs::remove_file(site.root.join("content/en/gone.md")).unwrap();
    std::fs::remove_dir_all(site.root.join("static/files/old")).unwrap();
    std::fs::remove_file(site.root.join("static/files/later")).unwrap();
    let site = site
        .bytes("static/files/old", b"now a file")
        .bytes("static/files/later/inside.txt", b"now a folder")
        .file(
            "content/en/ops.md",
            "---\ntitle: Ops, revised\n---\n\n## Part\n",
        )
        .file("content/en/new.md", "---\ntitle: New\n---\n");
    let run = site.build(&["--compress"]);
    assert!(
        !run.stdout.contains(" 0 changed") && run.stdout.contains("removed)"),
        "a rebuild says what it changed: {}",
        run.stdout
    );
    assert_eq!(
        inode("nb/ops/index.html"),
        kept,
        "an unchanged file is left alone"
    );
    assert_ne!(
        inode("en/ops/index.html"),
        changed,
        "a changed file is replaced"
    );
    assert!(
        !site.public().join("en/gone").exists(),
        "the removed page's folder is gone"
    );

    let again = site.build(&["--compress"]);
    assert!(
        again.stdout.contains(" files (0 changed, 0 removed) in "),
        "{}",
        again.stdout
    );

    let fresh = tempfile::tempdir().unwrap();
    let target = fresh.path().join("public");
    let run = site.run(&["build", "--compress", "--output", target.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (rebuilt, first) = (files(&site.public()), files(&target));
    // Every file is counted, compressed twins included; the marker is not.
    assert!(
        run.stdout
            .contains(&format!(", {} files in ", first.len() - 1)),
        "{}",
        run.stdout
    );
    assert_eq!(
        rebuilt.keys().collect::<Vec<_>>(),
        first.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(bytes == &rebuilt[path], "{} differs", path.display());
    }
    let leftovers = site.leftovers();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn aliases_write_redirect_pages() {
    let site = site();
    site.build(&["--base-url", "https://example.org/handbook/"]);
    for old in [
        "old/ops/index.html",
        "en/legacy-ops/index.html",
        "very/old.html",
    ] {
        let page = site.html(old);
        assert_eq!(
            page.attr("meta[http-equiv=refresh]", "content"),
            "0; url=/handbook/en/ops/",
            "{old}"
        );
        assert_eq!(
            page.attr("link[rel=canonical]", "href"),
            "https://example.org/handbook/en/ops/"
        );
        assert_eq!(page.attr("body a", "href"), "/handbook/en/ops/");
        assert_eq!(page.text("body a"), "Ops");
    }
}

#[test]
fn an_alias_on_a_real_page_or_on_two_pages_is_an_error() {
    let taken = site().file(
        "content/en/other.md",
        "---\ntitle: Other\naliases: [/nb/ops/]\n---\n",
    );
    let run = taken.build_fails(1);
    assert!(
        run.stderr.contains(
            "content/en/other.md:3: error: alias `/nb/ops/` is the URL of content/nb/ops.md"
        ),
        "{}",
        run.stderr
    );
    let twice = site().file(
        "content/en/other.md",
        "---\ntitle: Other\naliases: [/old/ops/]\n---\n",
    );
    let run = twice.build_fails(1);
    assert!(run.stderr.contains("is also an alias of"), "{}", run.stderr);
}

#[test]
fn assets_carry_a_content_hash_that_changes_with_the_file() {
    let site = site().file(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<img id=\"logo\" src=\"{{ asset_url(path='/img/ops.png') }}\" alt=\"\">{{ page.content }}{% endblock main %}",
    );
    site.build(&[]);
    let stylesheet = |site: &Site| {
        site.html("en/ops/index.html")
            .attr("link[rel=stylesheet]", "href")
    };
    let logo = |site: &Site| site.html("en/ops/index.html").attr("#logo", "src");
    let (css_before, logo_before) = (stylesheet(&site), logo(&site));
    assert!(
        css_before.starts_with("/theme/handbok.css?v="),
        "{css_before}"
    );
    assert!(logo_before.starts_with("/img/ops.png?v="), "{logo_before}");
    site.build(&[]);
    assert_eq!(stylesheet(&site), css_before, "same file, same hash");
    let site = site
        .file("static/theme/handbok.css", "body { color: teal }\n")
        .bytes("static/img/ops.png", b"new png");
    site.build(&[]);
    assert_ne!(stylesheet(&site), css_before);
    assert_ne!(logo(&site), logo_before);
    let site = site.file("templates/page.html", "{% extends \"base.html\" %}{% block main %}{{ asset_url(path='/nope.css') }}{% endblock main %}");
    let run = site.build_fails(1);
    assert!(
        run.stderr.contains("there is no file static/nope.css"),
        "{}",
        run.stderr
    );
}

#[test]
fn compress_writes_gzip_and_brotli_twins_of_text_files() {
    let site = site();
    site.build(&["--compress"]);
    let html = std::fs::read(site.public().join("en/ops/index.html")).unwrap();
    let mut gunzipped = Vec::new();
    flate2::read::GzDecoder::new(
        std::fs::File::open(site.public().join("en/ops/index.html.gz")).unwrap(),
    )
    .read_to_end(&mut gunzipped)
    .unwrap();
    assert_eq!(gunzipped, html);
    let mut unbrotlied = Vec::new();
    brotli::Decompressor::new(
        std::fs::File::open(site.public().join("en/ops/index.html.br")).unwrap(),
        4096,
    )
    .read_to_end(&mut unbrotlied)
    .unwrap();
    assert_eq!(unbrotlied, html);
    assert!(site.public().join("theme/handbok.css.br").is_file());
    assert!(
        !site.public().join("img/ops.png.gz").exists(),
        "only text is compressed"
    );
    site.build(&[]);
    assert!(
        !site.public().join("en/ops/index.html.gz").exists(),
        "only with --compress"
    );
}

#[test]
fn an_alias_on_a_file_handbok_writes_is_an_error_at_its_line() {
    let site = site();
    site.build(&[]);
    let before = site.snapshot();
    let site = site.file(
        "content/en/other.md",
        "---\ntitle: Other\naliases:\n  - /index.html\n  - /404.html\n  - /sitemap.xml\n  - /robots.txt\n  - /theme/handbok.css\n  - /search/en/meta.json\n  - /files/runbook.pdf/\n  - guides/backup/diagram.png/\n---\n",
    );
    let run = site.build_fails(1);
    assert_eq!(site.snapshot(), before);
    for (alias, what) in [
        ("/index.html", "the site's front page (index.html)"),
        ("/404.html", "the 404 page (404.html)"),
        ("/sitemap.xml", "the sitemap (sitemap.xml)"),
        ("/robots.txt", "the generated robots.txt"),
        ("/theme/handbok.css", "the theme's theme/handbok.css"),
        ("/search/en/meta.json", "the search index (search/en/)"),
        ("/files/runbook.pdf/", "static/files/runbook.pdf"),
        (
            "guides/backup/diagram.png/",
            "content/en/guides/backup/diagram.png",
        ),
    ] {
        let expected = format!("content/en/other.md:3: error: alias `{alias}` ");
        let line = run
            .stderr
            .lines()
            .find(|l| l.starts_with(&expected))
            .unwrap_or_else(|| panic!("no `{expected}` in:\n{}", run.stderr));
        assert!(line.ends_with(&format!("collides with {what}")), "{line}");
    }
    assert!(run.stderr.contains("8 errors"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("File exists") && !run.stderr.contains("staging"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_static_file_on_a_page_is_an_error() {
    let site = site()
        .bytes("static/404.html", b"mine")
        .bytes("static/en/ops/index.html", b"mine")
        .bytes("static/nb/index.html/x.png", b"png")
        .bytes("static/search/nb/meta.json", b"{}")
        .bytes("static/en/guides/backup/diagram.png", b"png");
    let run = site.build_fails(1);
    for expected in [
        "static/404.html: error: this file collides with the 404 page (404.html)",
        "static/en/ops/index.html: error: this file collides with the page content/en/ops.md (en/ops/index.html)",
        "static/nb/index.html/x.png: error: this file collides with the page content/nb/_index.md (nb/index.html)",
        "static/search/nb/meta.json: error: this file collides with the search index (search/nb/)",
        "content/en/guides/backup/diagram.png: error: this file collides with static/en/guides/backup/diagram.png",
        "5 errors",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing `{expected}` in:\n{}",
            run.stderr
        );
    }
}

#[test]
fn a_static_robots_txt_or_sitemap_replaces_the_generated_one() {
    let site = site()
        .file("static/robots.txt", "User-agent: *\nDisallow: /drafts/\n")
        .file("static/sitemap.xml", "<urlset/>\n");
    let outputs: Vec<_> = (0..2)
        .map(|_| {
            let output = tempfile::tempdir().unwrap();
            let target = output.path().join("public");
            let run = site.run(&["build", "--output", target.to_str().unwrap()]);
            assert_eq!(run.code, 0, "{}", run.stderr);
            assert!(!run.stderr.contains("warning"), "{}", run.stderr);
            let files = files(&target);
            assert_eq!(
                files[Path::new("robots.txt")],
                b"User-agent: *\nDisallow: /drafts/\n"
            );
            assert_eq!(files[Path::new("sitemap.xml")], b"<urlset/>\n");
            (output, files)
        })
        .collect();
    assert!(outputs[0].1 == outputs[1].1, "two builds differ");
}

/// Raw HTML in a page (common in sites migrated from Hugo) follows the base URL like
/// Markdown does, its images must exist, and `check` checks its links.
#[test]
fn raw_html_links_and_images_follow_the_base_url_and_are_checked() {
    let site = site().file(
        "content/en/raw.md",
        "---\ntitle: Raw\n---\n\n<div><a href=\"/en/ops/\">Ops</a> <a href='ops.md'>md</a> <a href=\"https://example.com/\">out</a></div>\n\n<img src=\"/img/ops.png\" alt=\"Ops\">\n",
    );
    site.build(&["--base-url", "https://example.org/handbook/"]);
    let page = site.html("en/raw/index.html");
    assert_eq!(
        page.attrs(".content a", "href"),
        [
            "/handbook/en/ops/",
            "/handbook/en/ops/",
            "https://example.com/"
        ]
    );
    assert_eq!(page.attr(".content img", "src"), "/handbook/img/ops.png");

    let site = site.file(
        "content/en/raw.md",
        "---\ntitle: Raw\n---\n\n<a href=\"/en/nowhere/\">gone</a>\n\n<img src=\"/img/none.png\">\n",
    );
    let run = site.build_fails(1);
    assert!(
        run.stderr
            .contains("content/en/raw.md:7:1: error: image `/img/none.png` is not in static/"),
        "{}",
        run.stderr
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let report = format!("{}{}", run.stdout, run.stderr);
    assert!(
        report.contains("content/en/raw.md:5:") && report.contains("[broken-link]"),
        "{report}"
    );
    assert!(report.contains("[image-alt]"), "no alt text: {report}");
}
