//! A build that refuses only what hurts readers (issue #14): what sites migrated from Hugo
//! hold and readers never see is a warning naming file and line, and the site builds.

use crate::support::Site;

const HEADLESS: &str = "---\nheadless: true\n---\nA note other pages include.\n";

/// A site with a page of each lenient kind, beside ordinary ones.
fn migrated_site() -> Site {
    Site::new()
        .file("content/en/_index.md", "---\ntitle: Handbook\n---\n")
        .file("content/en/kom-i-gang.md", "Text without a title.\n")
        .file("content/en/toolkit/index.md", "A bundle without a title.\n")
        .file("content/en/first.md", "---\ntitle: First\nweight: 2\n---\n")
        .file(
            "content/en/between.md",
            "---\ntitle: Between\naliases:\nweight: 2.5\n---\n",
        )
        .file("content/en/last.md", "---\ntitle: Last\nweight: 3\n---\n")
        .file(
            "content/en/secret.md",
            "---\ntitle: Secret\nhidden: true\nweight: 1\n---\nOnly for those with the link.\n",
        )
        .file("content/en/snippets/note.md", HEADLESS)
        .file("content/nb/_index.md", "---\ntitle: Håndbok\n---\n")
}

#[test]
fn what_readers_never_see_is_a_warning_at_its_line() {
    let site = migrated_site();
    let run = site.build(&[]);
    for expected in [
        "content/en/kom-i-gang.md:1: warning: page has no title; it is titled `Kom i gang` after its file name",
        "content/en/toolkit/index.md:1: warning: page has no title; it is titled `Toolkit` after its file name",
        "content/en/between.md:3: warning: `aliases` has no value, so the page has no aliases",
        "content/en/between.md:4: warning: weight 2.5 is not a whole number; it sorts between 2 and 3",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing `{expected}` in:\n{}",
            run.stderr
        );
    }
    assert!(
        !run.stderr.contains("snippets/note.md"),
        "a headless page needs no title nor translation:\n{}",
        run.stderr
    );
}

#[test]
fn a_page_without_a_title_is_titled_after_its_file() {
    let site = migrated_site();
    site.build(&[]);
    assert_eq!(
        site.html("en/kom-i-gang/index.html").text("h1"),
        "Kom i gang"
    );
    assert_eq!(site.html("en/toolkit/index.html").text("h1"), "Toolkit");
}

#[test]
fn a_fractional_weight_sorts_between_whole_ones() {
    let site = migrated_site();
    site.build(&[]);
    let nav = site
        .html("en/first/index.html")
        .attrs(".site-nav a", "href");
    let position = |url: &str| {
        nav.iter()
            .position(|href| href.ends_with(url))
            .unwrap_or_else(|| panic!("{url} not in the navigation: {nav:?}"))
    };
    assert!(position("/en/first/") < position("/en/between/"), "{nav:?}");
    assert!(position("/en/between/") < position("/en/last/"), "{nav:?}");
}

#[test]
fn a_hidden_page_is_published_but_not_in_the_navigation() {
    let site = migrated_site();
    site.build(&[]);
    let secret = site.html("en/secret/index.html");
    assert_eq!(secret.text("h1"), "Secret");
    for page in [
        "en/first/index.html",
        "en/index.html",
        "en/secret/index.html",
    ] {
        let nav = site.html(page).attrs(".site-nav a", "href");
        assert!(
            !nav.iter().any(|href| href.ends_with("/en/secret/")),
            "{page}: {nav:?}"
        );
    }
    let front = site.html("en/index.html");
    assert!(
        !front
            .attrs("a", "href")
            .iter()
            .any(|h| h.ends_with("/en/secret/")),
        "not in its section's listing either"
    );
}

#[test]
fn a_headless_page_is_not_in_the_output_and_a_link_to_it_is_broken() {
    let site = migrated_site().file(
        "content/en/last.md",
        "---\ntitle: Last\nweight: 3\n---\nSee [the note](snippets/note.md).\n",
    );
    let run = site.build(&[]);
    assert!(
        run.stderr
            .contains("content/en/last.md:5:5: warning: link to `snippets/note.md`"),
        "{}",
        run.stderr
    );
    assert!(!site.public().join("en/snippets").exists());
    for (path, bytes) in site.snapshot() {
        let shown = path.display().to_string();
        assert!(!shown.contains("snippets"), "{shown}");
        assert!(
            !String::from_utf8_lossy(&bytes).contains("/en/snippets/"),
            "{shown} names the headless page"
        );
    }
}

#[test]
fn check_lists_the_same_warnings_and_passes() {
    let site = migrated_site();
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON report");
    let findings = report["findings"].as_array().expect("findings");
    let found = |rule: &str, file: &str| {
        findings
            .iter()
            .find(|f| f["rule"] == rule && f["file"] == file)
            .unwrap_or_else(|| panic!("no `{rule}` in {file}: {findings:#?}"))
    };
    let title = found("missing-title", "content/en/kom-i-gang.md");
    assert_eq!(
        (&title["severity"], &title["line"]),
        (&"warning".into(), &1.into())
    );
    assert_eq!(found("weight", "content/en/between.md")["line"], 4);
    assert_eq!(found("alias", "content/en/between.md")["line"], 3);
    assert!(
        !findings
            .iter()
            .any(|f| f["file"] == "content/en/snippets/note.md"),
        "no noise about a headless page: {findings:#?}"
    );
}

#[test]
fn what_hurts_readers_still_fails() {
    let site = migrated_site().file("content/en/broken.md", "---\ntitle: [\n---\n");
    let run = site.build_fails(1);
    assert!(
        run.stderr.contains("content/en/broken.md:2:"),
        "{}",
        run.stderr
    );
    let site = migrated_site().file("content/en/x.md", "---\ntitle: X\nweight: heavy\n---\n");
    let run = site.build_fails(1);
    assert!(
        run.stderr
            .contains("content/en/x.md:3:9: error: front matter is not valid: `weight`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_site_path_written_with_the_base_sub_path_is_the_file_without_it_with_a_warning() {
    let site = Site::new()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://example.org/docs/\nlanguages:\n  - code: en\n    name: English\n",
        )
        .file("static/images/api.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
        .file("content/en/other.md", "---\ntitle: Other\n---\n")
        .file(
            "content/en/api.md",
            "---\ntitle: API\n---\n\n![The API](/docs/images/api.svg)\n\nSee [the other page](/docs/en/other/#top).\n\n![Gone](/docs/images/gone.svg)\n",
        );
    let run = site.run(&["build"]);
    // The image that exists neither way is still an error, and nothing is written.
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("gone.svg"), "{}", run.stderr);
    site.write(
        "content/en/api.md",
        "---\ntitle: API\nbanner:\n  image:\n    src: /docs/images/api.svg\n    alt: The API\n---\n\n![The API](/docs/images/api.svg)\n\nSee [the other page](/docs/en/other/#top).\n",
    );
    let run = site.build(&[]);
    assert!(
        run.stderr
            .contains("content/en/api.md:3: warning: banner `/docs/images/api.svg` carries"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/en/api.md:9:1: warning")
            && run.stderr.contains("carries the base URL's sub-path"),
        "{}",
        run.stderr
    );
    let page = site.html("en/api/index.html");
    assert_eq!(page.attr(".content img", "src"), "/docs/images/api.svg");
    assert_eq!(page.attr("img.banner", "src"), "/docs/images/api.svg");
    assert_eq!(page.attr(".content a", "href"), "/docs/en/other/#top");
}
