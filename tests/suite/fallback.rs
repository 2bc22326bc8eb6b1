//! Fallback pages: a page or section missing in a language is published in that language's
//! tree, marked, pointing search engines at the original, and never a duplicate.

use crate::support::{PNG, SITE_YAML, Site};

fn site() -> Site {
    Site::new()
        .file("content/en/_index.md", "---\ntitle: Handbook\n---\nWelcome.\n")
        .file("content/nb/_index.md", "---\ntitle: Håndbok\n---\nVelkommen.\n")
        .file("content/en/ops.md", "---\ntitle: Ops\n---\n\nBoth languages.\n")
        .file("content/nb/ops.md", "---\ntitle: Drift\n---\n\nBegge språk.\n")
        .file(
            "content/en/backup.md",
            "---\ntitle: Backup\ningress: Keep copies.\n---\n\n![Diagram](diagram.png)\n\nSee [Ops](ops.md).\n",
        )
        .bytes("content/en/diagram.png", PNG)
        .file(
            "content/en/guides/_index.md",
            "---\ntitle: Guides\n---\n\nAll the guides.\n",
        )
        .file("content/en/guides/deploy.md", "---\ntitle: Deploy\n---\n\nShip it.\n")
        .file(
            "content/nb/bare-norsk.md",
            "---\ntitle: Bare på norsk\n---\n\nKun her.\n",
        )
}

#[test]
fn a_missing_page_is_shown_in_the_other_language_marked_and_not_indexed() {
    let site = site();
    let run = site.build(&[]);
    let page = site.html("nb/backup/index.html");
    // The reader's language for the page and its UI; the original's for the content.
    assert_eq!(page.attr("html", "lang"), "nb");
    assert_eq!(page.attr("h1", "lang"), "en");
    assert_eq!(page.text("h1"), "Backup");
    assert_eq!(page.attr(".content", "lang"), "en");
    let notice = page.text(".fallback-notice");
    assert!(notice.contains("ikke oversatt til norsk"), "{notice}");
    assert!(notice.contains("English"), "{notice}");
    assert_eq!(page.attr(".fallback-notice a", "href"), "/en/backup/");
    // Not a duplicate: canonical is the original, noindex, no hreflang alternates.
    assert_eq!(
        page.attr("link[rel=canonical]", "href"),
        "https://example.org/en/backup/"
    );
    assert_eq!(page.attr("meta[name=robots]", "content"), "noindex");
    assert_eq!(page.count("link[rel=alternate]"), 0);
    // Its image and links work as in the original.
    assert_eq!(page.attr(".content img", "src"), "/en/diagram.png");
    assert_eq!(page.attr(".content a", "href"), "/en/ops/");
    // The Norwegian navigation lists it, marked, with its title in English.
    let nb_ops = site.html("nb/ops/index.html");
    let entry = nb_ops
        .all(".site-nav a")
        .into_iter()
        .find(|a| a.value().attr("href") == Some("/nb/backup/"))
        .expect("the fallback is in the navigation");
    let text: String = entry.text().collect();
    assert!(
        text.contains("Backup") && text.contains("ikke oversatt"),
        "{text}"
    );
    // The original's switcher goes to the fallback, said to be untranslated.
    let en = site.html("en/backup/index.html");
    let switch = &en.all(".language-switcher a")[0];
    assert_eq!(switch.value().attr("href"), Some("/nb/backup/"));
    assert!(switch.text().collect::<String>().contains("ikke oversatt"));
    // The original's alternates do not name the fallback.
    assert_eq!(
        en.attrs("link[rel=alternate]", "hreflang"),
        ["en", "x-default"]
    );
    // The fallback's switcher leads back to the original.
    assert_eq!(
        page.all(".language-switcher a")[0].value().attr("href"),
        Some("/en/backup/")
    );
    // Both ways: the Norwegian-only page is shown to English readers.
    assert_eq!(
        site.html("en/bare-norsk/index.html")
            .attr(".content", "lang"),
        "nb"
    );
    // Left out of the sitemap and the search index; reported once, by the original.
    let sitemap = site.read("sitemap.xml");
    assert!(!sitemap.contains("/nb/backup/"), "{sitemap}");
    assert!(sitemap.contains("/en/backup/"));
    let index = site.read("search/nb/meta.json");
    assert!(!index.contains("Backup"), "{index}");
    assert!(!run.stderr.contains("nb/backup"), "{}", run.stderr);
}

#[test]
fn a_missing_section_falls_back_with_its_pages() {
    let site = site();
    site.build(&[]);
    let section = site.html("nb/guides/index.html");
    assert_eq!(section.text("h1"), "Guides");
    assert_eq!(section.attr("h1", "lang"), "en");
    assert_eq!(section.attr("meta[name=robots]", "content"), "noindex");
    assert_eq!(
        section.attr("link[rel=canonical]", "href"),
        "https://example.org/en/guides/"
    );
    let page = site.html("nb/guides/deploy/index.html");
    assert_eq!(page.text("h1"), "Deploy");
    assert_eq!(
        page.attr(".breadcrumbs li:last-child a", "href"),
        "/nb/guides/",
        "the fallback section is its breadcrumb"
    );
    assert!(!site.read("sitemap.xml").contains("/nb/guides/"));
}

#[test]
fn fallback_false_publishes_only_what_exists() {
    let site = site().file("site.yaml", &format!("{SITE_YAML}fallback: false\n"));
    site.build(&[]);
    assert!(!site.public().join("nb/backup/index.html").exists());
    assert!(!site.public().join("nb/guides/index.html").exists());
    let en = site.html("en/backup/index.html");
    assert_eq!(
        en.all(".language-switcher a")[0].value().attr("href"),
        Some("/nb/")
    );
}

#[test]
fn a_real_translation_replaces_its_fallback() {
    let site = site();
    site.build(&[]);
    assert!(
        site.read("nb/backup/index.html")
            .contains("fallback-notice")
    );
    site.write(
        "content/nb/backup.md",
        "---\ntitle: Sikkerhetskopi\n---\n\nTa kopier.\n",
    );
    site.build(&[]);
    let page = site.html("nb/backup/index.html");
    assert_eq!(page.text("h1"), "Sikkerhetskopi");
    assert_eq!(page.count(".fallback-notice"), 0);
    assert_eq!(page.count("meta[name=robots]"), 0);
}

#[test]
fn a_fallback_sits_below_its_sections_own_url() {
    // The Norwegian section has a slug of its own; the fallback of its missing page is below it.
    let site = site().file(
        "content/nb/guides/_index.md",
        "---\ntitle: Veiledninger\nslug: veiledninger\n---\n",
    );
    site.build(&[]);
    let page = site.html("nb/veiledninger/deploy/index.html");
    assert_eq!(page.text("h1"), "Deploy");
    assert_eq!(
        page.attr(".breadcrumbs li:last-child a", "href"),
        "/nb/veiledninger/"
    );
    assert!(!site.public().join("nb/guides").exists());
}
