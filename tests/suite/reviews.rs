//! Owners and reviews on a fixture site with fixed dates, the day injected with `--today`:
//! the footer in English and Norwegian, `check`'s review findings (owner, how long, line),
//! a site default against a page's own interval, bad dates as located errors, and the
//! review queue by owner in every format of `handbok status`.

use serde_json::Value;

use crate::support::{Page, Site};

const SITE_YAML: &str = "title: Test Handbook\nbase_url: https://example.org/\nreview_every: 6 months\nlanguages:\n  - code: en\n    name: English\n  - code: nb\n    name: Norsk bokmål\n";

/// The day every check here runs on.
const TODAY: &str = "2026-11-20";

/// On 2026-11-20, with reviews every 6 months unless a page says otherwise:
/// - `en/ops.md` (Platform team, reviewed 2026-02-01, due 2026-08-01): 3 months overdue;
/// - `nb/ops.md` (Plattformteamet, reviewed 2026-05-01, every 1 year): not due (it would be
///   with the site's 6 months);
/// - `en/backup.md` (Platform team): no date, so missing;
/// - `nb/backup.md` (Drift, reviewed 2025-01-31, every month, due 2025-02-28): 1 year and
///   8 months overdue;
/// - `en/guides/_index.md` (SRE, reviewed 2026-01-15): a section, 4 months overdue;
/// - `en/guides/start.md`: no owner, no date: missing;
/// - the front pages and `nb/guides/start.md` say `review_every: never`.
fn site() -> Site {
    Site::new()
        .file("site.yaml", SITE_YAML)
        .file("content/en/_index.md", "---\ntitle: Handbook\nreview_every: never\n---\n")
        .file("content/nb/_index.md", "---\ntitle: Håndbok\nreview_every: never\n---\n")
        .file(
            "content/en/ops.md",
            "---\ntitle: Ops\nowner: Platform team\nreviewed: 2026-02-01\n---\n\nRestart the server.\n",
        )
        .file(
            "content/nb/ops.md",
            "---\ntitle: Drift\nowner: Plattformteamet\nreviewed: 2026-05-01\nreview_every: 1 year\n---\n\nStart tjeneren på nytt.\n",
        )
        .file(
            "content/en/backup.md",
            "---\ntitle: Backup\nowner: Platform team\n---\n\nCopy every disk.\n",
        )
        .file(
            "content/nb/backup.md",
            "---\ntitle: Sikkerhetskopi\nowner: Drift\nreviewed: 2025-01-31\nreview_every: 1 month\n---\n\nKopier alle disker.\n",
        )
        .file(
            "content/en/guides/_index.md",
            "---\ntitle: Guides\nowner: SRE\nreviewed: 2026-01-15\n---\n",
        )
        .file("content/nb/guides/_index.md", "---\ntitle: Veiledninger\nreview_every: never\n---\n")
        .file("content/en/guides/start.md", "---\ntitle: Start\n---\n\nBegin here.\n")
        .file(
            "content/nb/guides/start.md",
            "---\ntitle: Start\nreview_every: never\n---\n\nBegynn her.\n",
        )
}

fn check_json(site: &Site, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    let run = site.run(&args);
    let report = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}\n{}\n{}", run.stdout, run.stderr));
    (run.code, report)
}

/// (rule, file, line, message) of every review finding.
fn review_findings(report: &Value) -> Vec<(String, String, Option<u64>, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("review-"))
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_footer_shows_owner_and_last_review_in_the_page_language() {
    let site = site();
    site.build(&[]);
    let en = site.html("en/ops/index.html");
    assert_eq!(
        en.text(".site-footer .page-review"),
        "Owner: Platform team · Last reviewed 1 February 2026"
    );
    assert_eq!(en.attr(".page-review time", "datetime"), "2026-02-01");
    let nb = site.html("nb/ops/index.html");
    assert_eq!(
        nb.text(".site-footer .page-review"),
        "Eier: Plattformteamet · Sist gjennomgått 1. mai 2026"
    );
    assert_eq!(nb.attr(".page-review time", "datetime"), "2026-05-01");
    // A section page takes them too; an owner alone shows alone; no keys, no line.
    let guides = site.html("en/guides/index.html");
    assert_eq!(
        guides.text(".page-review"),
        "Owner: SRE · Last reviewed 15 January 2026"
    );
    assert_eq!(
        site.html("en/backup/index.html").text(".page-review"),
        "Owner: Platform team"
    );
    assert_eq!(
        site.html("en/guides/start/index.html")
            .count(".page-review"),
        0
    );
    // The build does not know what day it is: nothing about being overdue is published.
    for page in [
        "en/ops/index.html",
        "nb/backup/index.html",
        "en/guides/index.html",
    ] {
        let html = site.read(page).to_lowercase();
        assert!(
            !html.contains("overdue") && !html.contains("forfalt"),
            "{page}"
        );
    }
}

#[test]
fn check_reports_overdue_and_missing_reviews_with_owner_and_how_long() {
    let site = site();
    let (code, report) = check_json(&site, &["--today", TODAY]);
    assert_eq!(code, 0, "review findings are warnings: {report}");
    let found = review_findings(&report);
    let expected = [
        (
            "review-missing",
            "content/en/backup.md",
            Some(1),
            "page has no `reviewed` date but is reviewed every 6 months (site.yaml's `review_every`); owner: Platform team",
        ),
        (
            "review-overdue",
            "content/en/guides/_index.md",
            Some(4),
            "review is 4 months overdue: last reviewed 2026-01-15, due 2026-07-15 (every 6 months); owner: SRE",
        ),
        (
            "review-missing",
            "content/en/guides/start.md",
            Some(1),
            "page has no `reviewed` date but is reviewed every 6 months (site.yaml's `review_every`); no owner",
        ),
        (
            "review-overdue",
            "content/en/ops.md",
            Some(4),
            "review is 3 months overdue: last reviewed 2026-02-01, due 2026-08-01 (every 6 months); owner: Platform team",
        ),
        (
            "review-overdue",
            "content/nb/backup.md",
            Some(4),
            "review is 1 year and 8 months overdue: last reviewed 2025-01-31, due 2025-02-28 (every 1 month); owner: Drift",
        ),
    ];
    let expected: Vec<(String, String, Option<u64>, String)> = expected
        .iter()
        .map(|(r, f, l, m)| (r.to_string(), f.to_string(), *l, m.to_string()))
        .collect();
    assert_eq!(found, expected);
    let suggestion = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "content/en/ops.md" && f["rule"] == "review-overdue")
        .unwrap()["suggestion"]
        .clone();
    assert_eq!(
        suggestion,
        "review the page, then set `reviewed: 2026-11-20`"
    );

    // The same site on another day: earlier, only the monthly page is overdue (by less),
    // and a review dated after that day is said to be.
    let (_, report) = check_json(&site, &["--today", "2026-01-20"]);
    let found = review_findings(&report);
    let overdue: Vec<&str> = found
        .iter()
        .filter(|f| f.0 == "review-overdue")
        .map(|f| f.3.split(':').next().unwrap())
        .collect();
    assert_eq!(overdue, ["review is 10 months overdue"]);
    let future: Vec<(&str, Option<u64>)> = found
        .iter()
        .filter(|f| f.0 == "review-future")
        .map(|f| (f.1.as_str(), f.2))
        .collect();
    assert_eq!(
        future,
        [
            ("content/en/ops.md", Some(4)),
            ("content/nb/ops.md", Some(4))
        ]
    );
}

#[test]
fn a_page_interval_overrides_the_site_default_and_deny_warnings_fails() {
    let site = site();
    let (_, report) = check_json(&site, &["--today", TODAY]);
    assert!(
        !review_findings(&report)
            .iter()
            .any(|f| f.1 == "content/nb/ops.md"),
        "nb/ops.md is reviewed yearly: not due"
    );
    // Without its own interval, the site's 6 months apply: due 2026-11-01.
    site.write(
        "content/nb/ops.md",
        "---\ntitle: Drift\nowner: Plattformteamet\nreviewed: 2026-05-01\n---\n\nStart tjeneren på nytt.\n",
    );
    let (_, report) = check_json(&site, &["--today", TODAY]);
    let nb_ops: Vec<String> = review_findings(&report)
        .into_iter()
        .filter(|f| f.1 == "content/nb/ops.md")
        .map(|f| f.3)
        .collect();
    assert_eq!(
        nb_ops,
        [
            "review is 19 days overdue: last reviewed 2026-05-01, due 2026-11-01 (every 6 months); owner: Plattformteamet"
        ]
    );

    let human = site.run(&["check", "--today", TODAY]);
    assert_eq!(human.code, 0, "{}", human.stdout);
    assert!(
        human.stdout.contains("content/en/ops.md:4:"),
        "{}",
        human.stdout
    );
    let denied = site.run(&["check", "--today", TODAY, "--deny-warnings"]);
    assert_eq!(denied.code, 1, "{}", denied.stdout);
    // Nothing due that day, nothing else to warn about: the gate passes.
    let quiet = Site::new()
        .file("site.yaml", SITE_YAML)
        .file(
            "content/en/_index.md",
            "---\ntitle: H\nreviewed: 2026-10-01\n---\n",
        )
        .file(
            "content/nb/_index.md",
            "---\ntitle: H\nreviewed: 2026-10-01\n---\n",
        );
    let passed = quiet.run(&["check", "--today", TODAY, "--deny-warnings"]);
    assert_eq!(passed.code, 0, "{}", passed.stdout);
    let later = quiet.run(&["check", "--today", "2027-05-01", "--deny-warnings"]);
    assert_eq!(later.code, 1, "{}", later.stdout);
    assert!(
        later.stdout.contains("[review-overdue]"),
        "{}",
        later.stdout
    );
}

#[test]
fn a_date_or_interval_that_does_not_parse_is_an_error_at_its_line() {
    let site = Site::new()
        .file("site.yaml", SITE_YAML)
        .file("content/en/_index.md", "---\ntitle: H\n---\n")
        .file(
            "content/en/ops.md",
            "---\ntitle: Ops\nowner: Platform team\nreviewed: 2026-13-01\nreview_every: 6 moons\n---\n",
        )
        .file("content/nb/ops.md", "+++\ntitle = 'Drift'\nreviewed = 2026-02-29\n+++\n");
    let run = site.build_fails(1);
    for expected in [
        "content/en/ops.md:4: error: `reviewed`: `2026-13-01` has no month 13 (months are 01 to 12)\n  help: `reviewed` takes a date written year-month-day, such as `2026-05-01`",
        "content/en/ops.md:5: error: `review_every`: `6 moons`: `moons` is not a unit of time",
        // TOML's parser knows dates itself, and says so at the line and column.
        "content/nb/ops.md:3:12: error: front matter is not valid: `reviewed`: invalid date, expected day between 01 and 28\n  help: `reviewed` takes a date written year-month-day",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
    assert!(!site.public().exists(), "nothing is written");
    let (code, report) = check_json(&site, &["--today", TODAY]);
    assert_eq!(code, 1);
    let errors: Vec<(String, u64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            ("content/en/ops.md".to_string(), 4),
            ("content/en/ops.md".to_string(), 5),
            ("content/nb/ops.md".to_string(), 3)
        ]
    );

    // A site default that is no interval stops everything, at its line in site.yaml.
    let site = Site::new()
        .file("site.yaml", &SITE_YAML.replace("6 months", "biannually"))
        .file("content/en/_index.md", "---\ntitle: H\n---\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("site.yaml:3: error: `review_every`: `biannually` is not an interval"),
        "{}",
        run.stderr
    );
    let run = site.run(&["check", "--today", "2026-11-31"]);
    assert_eq!(
        run.code, 2,
        "a bad --today is a usage error: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("November 2026 has 30 days"),
        "{}",
        run.stderr
    );
}

/// (file, status, how long overdue) of a page in the review queue.
type QueuedPage = (String, String, Value);

#[test]
fn status_lists_the_review_queue_by_owner_in_every_format() {
    let site = site();
    let run = site.run(&["status", "--format", "json", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let reviews = &report["reviews"];
    assert_eq!(reviews["today"], TODAY);
    assert_eq!(reviews["default_every"], "6 months");
    let queue: Vec<(Value, Vec<QueuedPage>)> = reviews["owners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|owner| {
            let pages = owner["pages"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| {
                    (
                        p["file"].as_str().unwrap().to_string(),
                        p["status"].as_str().unwrap().to_string(),
                        p["overdue"].clone(),
                    )
                })
                .collect();
            (owner["owner"].clone(), pages)
        })
        .collect();
    let page =
        |file: &str, status: &str, overdue: Value| (file.to_string(), status.to_string(), overdue);
    assert_eq!(
        queue,
        [
            (
                Value::from("Drift"),
                vec![page(
                    "content/nb/backup.md",
                    "overdue",
                    "1 year and 8 months".into()
                )]
            ),
            (
                Value::from("Platform team"),
                vec![
                    page("content/en/ops.md", "overdue", "3 months".into()),
                    page("content/en/backup.md", "missing", Value::Null),
                ]
            ),
            (
                Value::from("SRE"),
                vec![page(
                    "content/en/guides/_index.md",
                    "overdue",
                    "4 months".into()
                )]
            ),
            (
                Value::Null,
                vec![page("content/en/guides/start.md", "missing", Value::Null)]
            ),
        ]
    );
    let ops = &reviews["owners"][1]["pages"][0];
    assert_eq!(
        (
            &ops["reviewed"],
            &ops["due"],
            &ops["overdue_days"],
            &ops["title"]
        ),
        (
            &Value::from("2026-02-01"),
            &Value::from("2026-08-01"),
            &Value::from(111),
            &Value::from("Ops")
        )
    );

    let markdown = site.run(&["status", "--today", TODAY]).stdout;
    let part = &markdown[markdown.find("## Reviews due: 5 pages").expect(&markdown)..];
    let platform = &part[part.find("### Platform team (2)").expect(part)..];
    let rows: Vec<&str> = platform
        .lines()
        .filter(|l| l.starts_with("| "))
        .skip(1)
        .take(2)
        .collect();
    assert_eq!(
        rows,
        [
            "| Ops | `content/en/ops.md` | 3 months overdue | 2026-02-01 | 2026-08-01 | 6 months (site default) |",
            "| Backup | `content/en/backup.md` | Never reviewed | never | now | 6 months (site default) |",
        ]
    );
    let headings: Vec<&str> = part.lines().filter(|l| l.starts_with("### ")).collect();
    assert_eq!(
        headings,
        [
            "### Drift (1)",
            "### Platform team (2)",
            "### SRE (1)",
            "### No owner (1)"
        ]
    );

    let html = Page(scraper::Html::parse_document(
        &site
            .run(&["status", "--format", "html", "--today", TODAY])
            .stdout,
    ));
    let captions: Vec<String> = html
        .all("table caption")
        .iter()
        .map(|c| c.text().collect())
        .filter(|c: &String| c.contains(": "))
        .collect();
    assert_eq!(
        captions,
        [
            "Drift: 1 page",
            "Platform team: 2 pages",
            "SRE: 1 page",
            "No owner: 1 page"
        ]
    );
    assert_eq!(
        html.all("td.overdue")
            .iter()
            .map(|c| c.text().collect::<String>())
            .collect::<Vec<_>>(),
        [
            "1 year and 8 months overdue",
            "3 months overdue",
            "4 months overdue"
        ]
    );
    assert_eq!(
        html.count("td.missing"),
        2,
        "every page has its translation here"
    );
}

#[test]
fn a_site_without_reviews_gets_no_review_part_and_no_findings() {
    let site = Site::new()
        .file("content/en/_index.md", "---\ntitle: H\n---\n")
        .file("content/nb/_index.md", "---\ntitle: H\n---\n");
    let markdown = site.run(&["status", "--today", TODAY]).stdout;
    assert!(!markdown.contains("Review"), "{markdown}");
    let (_, report) = check_json(&site, &["--today", TODAY]);
    assert!(review_findings(&report).is_empty());
    let run = site.run(&["status", "--format", "json", "--today", TODAY]);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["reviews"]["owners"], Value::Array(Vec::new()));
}

#[test]
fn the_review_queue_in_the_html_report_has_no_axe_violations() {
    let Some(axe) = crate::browser::axe_source() else {
        return;
    };
    let Some(browser) = crate::browser::Browser::start() else {
        return;
    };
    let site = site();
    let run = site.run(&[
        "status",
        "--format",
        "html",
        "--today",
        TODAY,
        "--output",
        "status.html",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    browser.open(&format!(
        "file://{}",
        site.root.join("status.html").display()
    ));
    let shown = browser.run("return document.querySelectorAll('td.overdue').length");
    assert_eq!(shown.as_i64(), Some(3));
    assert_eq!(browser.axe_violations(&axe), serde_json::json!([]));
}
