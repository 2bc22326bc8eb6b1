//! `handbok status` on a site in a real git repository: each status and count through the
//! JSON, the Markdown for a pull request, the HTML page written with `--output`, and its
//! usage errors.

use serde_json::Value;

use crate::support::{Page, SITE_YAML, Site};

/// Up to date: the front pages and `guides/start.md`. Outdated in nb: `ops.md` (two English
/// commits since). Fallback: `backup.md` and the `guides` section in nb, `bare-norsk.md` in en.
fn site() -> Site {
    let site = Site::new()
        .file("content/en/_index.md", "---\ntitle: Handbook\n---\n")
        .file("content/nb/_index.md", "---\ntitle: Håndbok\n---\n")
        .file(
            "content/en/ops.md",
            "---\ntitle: Ops\n---\n\nRestart the old server first.\n",
        )
        .file(
            "content/nb/ops.md",
            "---\ntitle: Drift\n---\n\nStart den gamle tjeneren først.\n",
        )
        .file(
            "content/en/backup.md",
            "---\ntitle: Backup\n---\n\nCopy every disk nightly.\n",
        )
        .file(
            "content/nb/bare-norsk.md",
            "---\ntitle: Bare norsk\n---\n\nKun på norsk.\n",
        )
        .file("content/en/guides/_index.md", "---\ntitle: Guides\n---\n")
        .file(
            "content/en/guides/start.md",
            "---\ntitle: Start\n---\n\nBegin here.\n",
        )
        .file(
            "content/nb/guides/start.md",
            "---\ntitle: Start\n---\n\nBegynn her.\n",
        );
    site.git(&["init", "-q"], "2026-01-01T10:00:00Z");
    commit(&site, "everything", "2026-01-01T10:00:00Z");
    site.write(
        "content/en/ops.md",
        "---\ntitle: Ops\n---\n\nRestart the new server first.\n",
    );
    commit(&site, "new server", "2026-01-11T10:00:00Z");
    site.write(
        "content/en/ops.md",
        "---\ntitle: Ops\n---\n\nRestart the new server first, then the database.\n",
    );
    commit(&site, "and the database", "2026-01-12T10:00:00Z");
    site
}

fn commit(site: &Site, message: &str, date: &str) {
    site.git(&["add", "-A"], date);
    site.git(&["commit", "-q", "-m", message], date);
}

fn json(site: &Site) -> Value {
    let run = site.run(&["status", "--format", "json"]);
    assert_eq!(
        run.code, 0,
        "a report exits 0 whatever it finds: {}",
        run.stderr
    );
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.stdout))
}

/// (path, [(language, status)]) of every set.
fn statuses(report: &Value) -> Vec<(String, Vec<(String, String)>)> {
    report["sets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|set| {
            let versions = set["versions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| {
                    (
                        v["language"].as_str().unwrap().to_string(),
                        v["status"].as_str().unwrap().to_string(),
                    )
                })
                .collect();
            (set["path"].as_str().unwrap().to_string(), versions)
        })
        .collect()
}

fn pair(en: &str, nb: &str) -> Vec<(String, String)> {
    vec![("en".into(), en.into()), ("nb".into(), nb.into())]
}

#[test]
fn json_has_each_status_and_the_totals() {
    let site = site();
    let report = json(&site);
    assert_eq!(report["version"], 1);
    assert_eq!(report["history"], "git");
    assert_eq!(report["fallback"], true);
    let (ok, old, fallback) = ("up-to-date", "outdated", "fallback");
    assert_eq!(
        statuses(&report),
        [
            ("_index.md".to_string(), pair(ok, ok)),
            ("backup.md".to_string(), pair(ok, fallback)),
            ("bare-norsk.md".to_string(), pair(fallback, ok)),
            ("guides/_index.md".to_string(), pair(ok, fallback)),
            ("guides/start.md".to_string(), pair(ok, ok)),
            ("ops.md".to_string(), pair(ok, old)),
        ]
    );
    let sets = report["sets"].as_array().unwrap();
    assert_eq!(sets[3]["kind"], "section");
    assert_eq!(sets[5]["kind"], "page");
    assert_eq!(sets[5]["source"], "en");
    let nb_ops = &sets[5]["versions"][1];
    assert_eq!(nb_ops["file"], "content/nb/ops.md");
    assert_eq!(nb_ops["is_source"], false);
    let outdated = &nb_ops["outdated"];
    assert_eq!(outdated["since"], "2026-01-11");
    assert_eq!(outdated["source_commits"], 2);
    assert_eq!(outdated["uncommitted"], false);
    let diff = outdated["diff"].as_array().unwrap();
    let of_kind = |kind: &str| -> Vec<&str> {
        diff.iter()
            .filter(|s| s["kind"] == kind)
            .map(|s| s["text"].as_str().unwrap())
            .collect()
    };
    assert_eq!(of_kind("deleted"), ["old", "first."], "{diff:#?}");
    assert_eq!(
        of_kind("inserted"),
        ["new", "first, then the database."],
        "{diff:#?}"
    );

    let languages = report["languages"].as_array().unwrap();
    let totals = |i: usize| {
        let l = &languages[i];
        [
            "pages",
            "up_to_date",
            "outdated",
            "missing",
            "fallback",
            "words_to_translate",
        ]
        .map(|key| l[key].as_u64().unwrap())
    };
    assert_eq!(languages[1]["code"], "nb");
    // en: bare-norsk.md (2 + 3 words) to translate.
    assert_eq!(totals(0), [6, 5, 0, 0, 1, 5]);
    // nb: backup.md (5 words), guides/_index.md (1), ops.md (1 + 8).
    assert_eq!(totals(1), [6, 3, 1, 0, 2, 15]);
}

#[test]
fn without_fallback_missing_pages_are_missing() {
    let site = site();
    site.write("site.yaml", &format!("{SITE_YAML}fallback: false\n"));
    let report = json(&site);
    assert_eq!(report["fallback"], false);
    let sets = statuses(&report);
    assert_eq!(sets[1].1, pair("up-to-date", "missing"));
    assert_eq!(report["languages"][1]["missing"], 2);
    assert_eq!(report["languages"][1]["fallback"], 0);
}

#[test]
fn markdown_to_stdout_fits_a_pull_request_comment() {
    let site = site();
    let run = site.run(&["status"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = run.stdout;
    assert!(
        text.contains(
            "| Language | Pages | Up to date | Outdated | Fallback shown | Words to translate |"
        ),
        "{text}"
    );
    assert!(
        text.contains("| Norsk bokmål (`nb`) | 6 | 3 | 1 | 2 | 15 |"),
        "{text}"
    );
    assert!(text.contains("<details><summary>Norsk bokmål (<code>nb</code>): 3 pages to translate, 15 words</summary>"), "{text}");
    assert!(
        text.contains("- **Outdated** `content/nb/ops.md` (Drift): `content/en/ops.md` changed since 2026-01-11, 2 commits"),
        "{text}"
    );
    assert!(
        text.contains("Restart the [-old-]{+new+} server [-first.-]{+first, then the database.+}"),
        "{text}"
    );
    assert!(
        text.contains("- **Fallback shown** `content/nb/guides/_index.md` (Guides): translate `content/en/guides/_index.md` (1 word)"),
        "{text}"
    );
}

#[test]
fn html_written_to_a_file_is_an_accessible_page_with_the_diff() {
    let site = site();
    let run = site.run(&["status", "--format", "html", "--output", "status.html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("status.html"), "{}", run.stderr);
    let text = std::fs::read_to_string(site.root.join("status.html")).unwrap();
    assert!(!text.contains("<script"), "no JS");
    let page = Page(scraper::Html::parse_document(&text));
    assert_eq!(page.attr("html", "lang"), "en");
    assert_eq!(page.count("table"), 2);
    assert_eq!(page.count("table caption"), 2);
    assert_eq!(page.text("table caption"), "Summary per language");
    assert!(page.count("th[scope=col]") >= 9);
    assert_eq!(page.count("tbody th[scope=row]"), 2 + 6);
    // Language names in their own language, in both tables; page titles in theirs.
    assert_eq!(page.attrs("thead span[lang]", "lang"), ["en", "nb"]);
    let row_langs = page.attrs("th[scope=row] > span[lang]", "lang");
    assert_eq!(row_langs[..2], ["en", "nb"]);
    assert_eq!(
        row_langs[2 + 2],
        "nb",
        "bare-norsk.md is titled in Norwegian"
    );
    // Statuses in words, not only colour; a link from the table to the diff.
    assert_eq!(page.text("td.outdated a"), "⚠ Outdated");
    let target = page.attr("td.outdated a", "href");
    let section = format!("section{target}");
    assert_eq!(page.count(&section), 1, "{target}");
    assert_eq!(page.count("td.fallback"), 3);
    assert!(page.text("td.fallback").contains("Fallback shown"));
    assert_eq!(page.attr("pre.diff", "lang"), "en");
    assert!(page.text("pre.diff del").contains("old"));
    assert!(page.text("pre.diff ins").contains("new"));
    let leftovers: Vec<_> = std::fs::read_dir(&site.root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn usage_errors_exit_2() {
    let site = site();
    let no_site = site.run(&["status", "--root", "does-not-exist"]);
    assert_eq!(no_site.code, 2);
    assert!(no_site.stderr.contains("cannot read"), "{}", no_site.stderr);
    assert!(no_site.stderr.contains("help:"), "{}", no_site.stderr);
    let bad_format = site.run(&["status", "--format", "pdf"]);
    assert_eq!(bad_format.code, 2);
    assert!(bad_format.stderr.contains("pdf"), "{}", bad_format.stderr);
    let bad_output = site.run(&["status", "--output", "no/such/folder/status.md"]);
    assert_eq!(bad_output.code, 2);
    assert!(
        bad_output.stderr.contains("cannot write"),
        "{}",
        bad_output.stderr
    );
}

#[test]
fn outside_git_the_report_says_it_used_file_times() {
    let site = Site::new()
        .file("content/en/_index.md", "---\ntitle: Handbook\n---\n")
        .file("content/en/ops.md", "---\ntitle: Ops\n---\n");
    let report = json(&site);
    assert_eq!(report["history"], "file-times");
    let run = site.run(&["status"]);
    assert!(
        run.stdout.contains("file modification times"),
        "{}",
        run.stdout
    );
}

/// The HTML report in a real browser: no axe-core violations, and no sideways scrolling of
/// the page on a phone (the wide tables scroll in their own regions).
#[test]
fn html_report_is_accessible_in_a_browser() {
    let Some(axe) = crate::browser::axe_source() else {
        return;
    };
    let Some(browser) = crate::browser::Browser::start() else {
        return;
    };
    let site = site();
    let run = site.run(&["status", "--format", "html", "--output", "status.html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    browser.open(&format!(
        "file://{}",
        site.root.join("status.html").display()
    ));
    assert_eq!(browser.axe_violations(&axe), serde_json::json!([]));
    browser.resize(375, 800);
    let overflow = browser
        .run("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assert_eq!(overflow.as_i64(), Some(0), "wider than a phone");
}
