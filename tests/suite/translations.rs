//! `check`'s translation rules on sites in real git repositories, commits made here: missing
//! and stale translations of pages and sections, by commit order whatever the dates say, the
//! skip marker, uncommitted edits, `translation_of`, and file times outside git.

use serde_json::Value;

use crate::support::Site;

/// en and nb versions of a page and of the `guides` section.
fn two_languages() -> Site {
    Site::new()
        .file("content/en/_index.md", "---\ntitle: Handbook\n---\n")
        .file("content/nb/_index.md", "---\ntitle: Håndbok\n---\n")
        .file(
            "content/en/ops.md",
            "---\ntitle: Ops\n---\n\nRestart the server.\n",
        )
        .file(
            "content/nb/ops.md",
            "---\ntitle: Drift\n---\n\nStart tjeneren på nytt.\n",
        )
        .file("content/en/guides/_index.md", "---\ntitle: Guides\n---\n")
        .file(
            "content/nb/guides/_index.md",
            "---\ntitle: Veiledninger\n---\n",
        )
}

fn commit(site: &Site, message: &str, date: &str) {
    site.git(&["add", "-A"], date);
    site.git(&["commit", "-q", "-m", message], date);
}

fn in_git(site: Site) -> Site {
    site.git(&["init", "-q"], "2026-01-01T10:00:00Z");
    commit(&site, "both languages", "2026-01-01T10:00:00Z");
    site
}

fn edit(site: &Site, path: &str, extra: &str) {
    let text = std::fs::read_to_string(site.root.join(path)).unwrap();
    site.write(path, &format!("{text}\n{extra}\n"));
}

/// The translation findings of `handbok check --format json`: (rule, file, message, help).
fn findings(site: &Site) -> Vec<(String, String, String, String)> {
    let run = site.run(&["check", "--format", "json"]);
    let report: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}\nstdout: {}\nstderr: {}", run.stdout, run.stderr));
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["rule"]
                .as_str()
                .is_some_and(|r| r.ends_with("-translation"))
        })
        .map(|f| {
            let text = |key: &str| f[key].as_str().unwrap_or_default().to_string();
            (
                text("rule"),
                text("file"),
                text("message"),
                text("suggestion"),
            )
        })
        .collect()
}

fn stale_files(site: &Site) -> Vec<String> {
    findings(site)
        .into_iter()
        .filter(|f| f.0 == "stale-translation")
        .map(|f| f.1)
        .collect()
}

#[test]
fn a_section_without_its_index_in_one_language_is_a_missing_translation() {
    let site = two_languages()
        .file("content/en/howto/_index.md", "---\ntitle: How-to\n---\n")
        .file("content/en/howto/restore.md", "---\ntitle: Restore\n---\n")
        .file(
            "content/nb/howto/restore.md",
            "---\ntitle: Gjenopprett\n---\n",
        )
        .file("content/nb/bare-norsk.md", "---\ntitle: Bare norsk\n---\n");
    let found = findings(&site);
    let missing: Vec<(&str, &str)> = found
        .iter()
        .filter(|f| f.0 == "missing-translation")
        .map(|f| (f.1.as_str(), f.3.as_str()))
        .collect();
    assert_eq!(
        missing,
        [
            (
                "content/en/howto/_index.md",
                "add content/nb/howto/_index.md (same path)"
            ),
            (
                "content/nb/bare-norsk.md",
                "add content/en/bare-norsk.md (same path), or pair an existing page with `translation_key`"
            ),
        ],
        "{found:#?}"
    );
    let section = found
        .iter()
        .find(|f| f.1 == "content/en/howto/_index.md")
        .unwrap();
    assert!(
        section
            .2
            .contains("no Norsk bokmål (nb) translation of this section"),
        "{section:?}"
    );
}

#[test]
fn sections_go_stale_like_pages() {
    let site = in_git(two_languages());
    assert!(findings(&site).is_empty(), "{:#?}", findings(&site));
    edit(&site, "content/en/guides/_index.md", "New guides.");
    commit(&site, "English guides", "2026-01-05T10:00:00Z");
    assert_eq!(stale_files(&site), ["content/nb/guides/_index.md"]);
}

#[test]
fn commit_order_decides_even_when_the_dates_say_otherwise() {
    let site = in_git(two_languages());
    edit(&site, "content/nb/ops.md", "Mer om drift.");
    commit(&site, "norsk", "2026-01-20T10:00:00Z");
    // Committed after the Norwegian change, though its dates are older than both.
    edit(&site, "content/en/ops.md", "More about ops.");
    commit(
        &site,
        "english, with a clock that is behind",
        "2025-12-01T10:00:00Z",
    );
    let found = findings(&site);
    let stale: Vec<_> = found
        .iter()
        .filter(|f| f.0 == "stale-translation")
        .collect();
    assert_eq!(stale.len(), 1, "{found:#?}");
    assert_eq!(stale[0].1, "content/nb/ops.md");
    assert!(
        stale[0].2.contains("content/en/ops.md") && stale[0].2.contains("1 commit since"),
        "{stale:?}"
    );
    assert!(stale[0].3.contains("git"), "{stale:?}");
}

#[test]
fn one_commit_touching_both_leaves_both_up_to_date() {
    let site = in_git(two_languages());
    edit(&site, "content/en/ops.md", "More about ops.");
    commit(&site, "english", "2026-01-05T10:00:00Z");
    assert_eq!(stale_files(&site), ["content/nb/ops.md"]);
    // Both edited in one commit, days after the last one: neither is behind.
    edit(&site, "content/en/ops.md", "Even more.");
    edit(&site, "content/nb/ops.md", "Enda mer.");
    commit(&site, "both", "2026-03-01T10:00:00Z");
    assert!(stale_files(&site).is_empty());
}

#[test]
fn commits_with_the_skip_marker_make_nothing_stale() {
    let site = in_git(two_languages());
    edit(&site, "content/en/ops.md", "Fixed a typo.");
    commit(
        &site,
        "Fix a typo\n\n[skip translation]",
        "2026-01-05T10:00:00Z",
    );
    assert!(stale_files(&site).is_empty(), "{:#?}", findings(&site));
    edit(&site, "content/en/ops.md", "Real news.");
    commit(&site, "News", "2026-01-06T10:00:00Z");
    assert_eq!(stale_files(&site), ["content/nb/ops.md"]);

    // The marker is the site's to choose.
    let custom = in_git(two_languages().file(
        "site.yaml",
        &format!(
            "{}translation_skip_marker: '#no-i18n'\n",
            crate::support::SITE_YAML
        ),
    ));
    edit(&custom, "content/en/ops.md", "Whitespace.");
    commit(&custom, "tidy #no-i18n", "2026-01-05T10:00:00Z");
    assert!(stale_files(&custom).is_empty());
    edit(&custom, "content/en/ops.md", "More.");
    commit(&custom, "tidy [skip translation]", "2026-01-06T10:00:00Z");
    assert_eq!(stale_files(&custom), ["content/nb/ops.md"]);
}

#[test]
fn uncommitted_edits_are_the_newest() {
    let site = in_git(two_languages());
    edit(&site, "content/en/ops.md", "Not committed yet.");
    let found = findings(&site);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].1, "content/nb/ops.md");
    assert!(found[0].2.contains("edits not committed yet"), "{found:?}");
    // Translated, not committed either: both are the newest.
    edit(&site, "content/nb/ops.md", "Ikke lagt inn ennå.");
    assert!(stale_files(&site).is_empty());
}

#[test]
fn a_page_can_name_its_source_language() {
    let site = in_git(two_languages().file(
        "content/nb/ops.md",
        "---\ntitle: Drift\ntranslation_of: en\n---\n\nStart tjeneren på nytt.\n",
    ));
    // Changing the translation alone does not make the source stale.
    edit(&site, "content/nb/ops.md", "Bedre norsk.");
    commit(&site, "norsk", "2026-01-05T10:00:00Z");
    assert!(stale_files(&site).is_empty(), "{:#?}", findings(&site));
    edit(&site, "content/en/ops.md", "News.");
    commit(&site, "english", "2026-01-06T10:00:00Z");
    assert_eq!(stale_files(&site), ["content/nb/ops.md"]);

    // Without `translation_of`, the page changed last is the source.
    let plain = in_git(two_languages());
    edit(&plain, "content/nb/ops.md", "Bedre norsk.");
    commit(&plain, "norsk", "2026-01-05T10:00:00Z");
    assert_eq!(stale_files(&plain), ["content/en/ops.md"]);
}

#[test]
fn without_git_file_times_decide_and_the_finding_says_so() {
    let site = two_languages();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(5 * 24 * 3600);
    std::fs::File::options()
        .write(true)
        .open(site.root.join("content/nb/guides/_index.md"))
        .unwrap()
        .set_modified(old)
        .unwrap();
    let found = findings(&site);
    assert_eq!(found.len(), 1, "{found:#?}");
    let (_, file, message, help) = &found[0];
    assert_eq!(file, "content/nb/guides/_index.md");
    assert!(message.contains("by file modification times"), "{message}");
    assert!(help.contains("not in a git repository"), "{help}");
}
