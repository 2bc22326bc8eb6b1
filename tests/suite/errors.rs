//! Bad input: a clear message naming file and line, the right exit code, and the previous
//! output left exactly as it was.

use crate::support::Site;

fn good_site() -> Site {
    Site::new()
        .file("content/en/_index.md", "---\ntitle: Handbook\n---\n")
        .file("content/en/ops.md", "---\ntitle: Ops\n---\nText.\n")
        .file("content/nb/ops.md", "---\ntitle: Drift\n---\nTekst.\n")
}

/// Builds once, breaks the site with `break_it`, and checks the failed build left the
/// output untouched. Returns the failed run.
fn fails_without_touching_output(
    break_it: impl FnOnce(Site) -> Site,
    code: i32,
) -> crate::support::Run {
    let site = good_site();
    site.build(&[]);
    let before = site.snapshot();
    assert!(!before.is_empty());
    let site = break_it(site);
    let run = site.build_fails(code);
    assert_eq!(
        site.snapshot(),
        before,
        "a failed build must leave the output as it was"
    );
    let leftovers = site.leftovers();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
    run
}

#[test]
fn invalid_yaml_names_file_and_line() {
    let run = fails_without_touching_output(
        |s| {
            s.file(
                "content/en/ops.md",
                "---\ntitle: Ops\ningress: [unclosed\nweight: 1\n---\n",
            )
        },
        1,
    );
    assert!(
        run.stderr.contains("content/en/ops.md:3:") || run.stderr.contains("content/en/ops.md:4:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("front matter is not valid"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
}

#[test]
fn wrong_type_names_the_key_and_what_it_takes() {
    let run = fails_without_touching_output(
        |s| s.file("content/en/ops.md", "---\ntitle: Ops\nweight: heavy\n---\n"),
        1,
    );
    assert!(
        run.stderr.contains("content/en/ops.md:3:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("`weight` takes a whole number"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_error_of_a_build_is_reported_at_once() {
    let run = fails_without_touching_output(
        |s| {
            s.file("content/en/a.md", "no title\n")
                .file("content/en/b.md", "---\ntitle: [\n---\n")
                .file(
                    "content/nb/c.md",
                    "---\ntitle: C\nbanner:\n  image:\n    src: /x.png\n---\n",
                )
                .bytes("content/nb/d.md", b"---\ntitle: D\n---\nbl\xe5b\xe6r\n")
                .file("content/de/e.md", "# E\n")
        },
        1,
    );
    for expected in [
        // A page without a title is titled after its file now (issue #14), with a warning.
        "content/en/a.md:1: warning: page has no title",
        "content/en/b.md:2:",
        "content/nb/c.md:3: error: banner image has no alt text",
        // One problem of a page does not hide another.
        "content/nb/c.md:3: error: banner image `/x.png` is not in static/",
        "content/nb/d.md:4:3: error: file is not valid UTF-8",
        "content/de: error: folder `de` is not a declared language",
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
fn two_pages_on_one_url_name_both_files() {
    let run = fails_without_touching_output(
        |s| s.file("content/en/ops/index.md", "---\ntitle: Ops bundle\n---\n"),
        1,
    );
    assert!(
        run.stderr.contains("content/en/ops.md") && run.stderr.contains("content/en/ops/index.md"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("/en/ops/"), "{}", run.stderr);
}

#[test]
fn missing_images_are_errors_with_their_line() {
    let run = fails_without_touching_output(
        |s| {
            s.file("content/en/ops.md", "---\ntitle: Ops\nbanner:\n  image:\n    src: /gone.png\n    alt: Gone\n---\n\nText\n\n![Chart](chart.png)\n")
        },
        1,
    );
    assert!(
        run.stderr
            .contains("content/en/ops.md:11:1: error: image `chart.png` is not beside the page"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/en/ops.md:3: error: banner image `/gone.png` is not in static/"),
        "{}",
        run.stderr
    );
}

#[test]
fn broken_page_links_warn_but_build() {
    let site = good_site().file(
        "content/en/ops.md",
        "---\ntitle: Ops\n---\n\nSee [gone](gone.md).\n",
    );
    let run = site.build(&[]);
    assert!(
        run.stderr.contains(
            "content/en/ops.md:5:5: warning: link to `gone.md`: there is no page content/en/gone.md"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn template_errors_name_the_template_and_line() {
    let run = fails_without_touching_output(
        |s| {
            s.file("templates/page.html", "{% extends \"base.html\" %}\n{% block main %}\n{{ page.title | no_such_filter }}\n{% endblock main %}\n")
        },
        1,
    );
    assert!(
        run.stderr.contains("templates/page.html:3:"),
        "{}",
        run.stderr
    );

    // An error every page meets at run time is said once, with how many pages met it.
    let run = fails_without_touching_output(
        |s| {
            s.file("templates/page.html", "{% extends \"base.html\" %}\n{% block main %}\n{{ page.nope.deeper }}\n{% endblock main %}\n")
                .file("content/en/more.md", "---\ntitle: More\n---\n")
        },
        1,
    );
    assert_eq!(
        run.stderr.matches("templates/page.html:3:").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("more page"), "{}", run.stderr);

    // `nav.html` is rendered once per section, without `page`: using it is an error there.
    let run = fails_without_touching_output(
        |s| {
            s.file("templates/nav.html", "<ul>\n{{ page.url }}\n</ul>\n")
                .file("content/en/more.md", "---\ntitle: More\n---\n")
        },
        1,
    );
    assert_eq!(
        run.stderr.matches("templates/nav.html:2:").count(),
        1,
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_template_in_front_matter_is_an_error() {
    let run = fails_without_touching_output(
        |s| {
            s.file(
                "content/en/ops.md",
                "---\ntitle: Ops\ntemplate: wide.html\n---\n",
            )
        },
        1,
    );
    assert!(
        run.stderr
            .contains("content/en/ops.md:3: error: template `wide.html` does not exist"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_site_yaml_is_a_usage_error() {
    let run = fails_without_touching_output(|s| s.file("site.yaml", "title: x\nlanguages: 3\n"), 2);
    assert!(run.stderr.contains("site.yaml:2:"), "{}", run.stderr);
    let site = Site::new().file("site.yaml", "");
    std::fs::remove_file(site.root.join("site.yaml")).unwrap();
    let run = site.build_fails(2);
    assert!(run.stderr.contains("handbok init"), "{}", run.stderr);
}

#[test]
fn refuses_dangerous_output_folders() {
    let site = good_site().file("notes/keep.txt", "mine");
    for (output, why) in [
        (".", "site's own folder"),
        ("..", "contains the site"),
        ("content/out", "inside the site's content/"),
        ("notes", "not created by handbok"),
    ] {
        let run = site.run(&["build", "--output", output]);
        assert_eq!(run.code, 2, "{output}: {}", run.stderr);
        assert!(run.stderr.contains(why), "{output}: {}", run.stderr);
    }
    assert_eq!(
        std::fs::read_to_string(site.root.join("notes/keep.txt")).unwrap(),
        "mine"
    );
    // A folder holding another site is refused too.
    let other = site.root.join("other");
    std::fs::create_dir_all(other.join("content")).unwrap();
    let run = site.run(&["build", "--output", "other"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("holds a site"), "{}", run.stderr);
}

#[test]
fn rebuilding_replaces_the_output_and_removes_stale_pages() {
    let site = good_site().file("content/en/old.md", "---\ntitle: Old\n---\n");
    site.build(&[]);
    assert!(site.public().join("en/old/index.html").is_file());
    std::fs::remove_file(site.root.join("content/en/old.md")).unwrap();
    site.build(&[]);
    assert!(!site.public().join("en/old").exists());
    assert!(site.public().join(".handbok-output").is_file());
}

#[test]
fn a_slug_is_one_url_segment() {
    let site = good_site().file(
        "content/en/ops.md",
        "---\ntitle: Ops\nslug: drift og sånt\n---\n",
    );
    site.build(&[]);
    assert!(site.public().join("en/drift-og-sånt/index.html").is_file());
    let before = site.snapshot();

    let site = site
        .file(
            "content/en/ops.md",
            "---\ntitle: Ops\nweight: 1\nslug: ../../etc\n---\n",
        )
        .file("content/en/dot.md", "---\ntitle: Dot\nslug: \".\"\n---\n")
        .file(
            "content/en/empty.md",
            "---\ntitle: Empty\nslug: \"\"\n---\n",
        )
        .file(
            "content/en/nested.md",
            "---\ntitle: Nested\nslug: a/b\n---\n",
        )
        .file(
            "content/nb/drift.md",
            "---\ntitle: Drift\nslug: /drift/\n---\n",
        )
        .file(
            "content/en/guides/_index.md",
            "---\ntitle: Guides\nslug: 'up\\..'\n---\n",
        );
    let run = site.build_fails(1);
    for expected in [
        "content/en/ops.md:4: error: slug `../../etc` holds a `/` or `\\`",
        "content/en/dot.md:3: error: slug `.` is not a name",
        "content/en/empty.md:3: error: `slug` is empty",
        "content/en/nested.md:3: error: slug `a/b` holds a `/`",
        "help: a slug is only the last segment of the URL; to publish the page in another section, move its file there",
        // Slashes around a slug (as Hugo sites write it) are forgiven, and said.
        "content/nb/drift.md:3: warning: slug `/drift/` is read as `drift`",
        "help: write `slug: drift`",
        "content/en/guides/_index.md:3: error: slug `up\\..` holds a `/` or `\\`",
        "5 errors",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing `{expected}` in:\n{}",
            run.stderr
        );
    }
    assert_eq!(site.snapshot(), before);
    assert!(
        !site.root.join("etc").exists() && !site.root.parent().unwrap().join("etc").exists(),
        "a slug wrote outside the output folder"
    );
}

#[test]
fn a_page_and_a_section_on_one_url_name_both() {
    let run = fails_without_touching_output(
        |s| {
            s.file("content/en/guides.md", "---\ntitle: Guides\n---\n")
                .file("content/en/guides/backup.md", "---\ntitle: Backup\n---\n")
        },
        1,
    );
    assert!(
        run.stderr.contains(
            "content/en/guides.md: error: this page and the section content/en/guides/ are both published at /en/guides/"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("move it to content/en/guides/_index.md"),
        "{}",
        run.stderr
    );
    // With the section's own page, the same error names both pages.
    let run = fails_without_touching_output(
        |s| {
            s.file("content/en/guides.md", "---\ntitle: Guides\n---\n")
                .file(
                    "content/en/guides/_index.md",
                    "---\ntitle: All guides\n---\n",
                )
        },
        1,
    );
    assert!(
        run.stderr.contains(
            "content/en/guides.md: error: this page and content/en/guides/_index.md are both published at /en/guides/"
        ),
        "{}",
        run.stderr
    );
    // A page whose folder would be another page's file.
    let run = fails_without_touching_output(
        |s| s.file("content/en/x.md", "---\ntitle: X\nslug: index.html\n---\n"),
        1,
    );
    assert!(
        run.stderr.contains(
            "content/en/x.md: error: this page is published at /en/index.html/, which collides with the page content/en/_index.md (en/index.html)"
        ),
        "{}",
        run.stderr
    );
}
