//! `handbok check`: a fixture site per rule, asserting the rule, the location and the exit
//! code through the JSON report, plus a clean site that must have no findings.

use std::path::Path;

use serde_json::Value;

use crate::support::{Site, run_in};

struct Checked {
    code: i32,
    findings: Vec<Value>,
    summary: Value,
}

impl Checked {
    fn with_rule(&self, rule: &str) -> Vec<&Value> {
        self.findings.iter().filter(|f| f["rule"] == rule).collect()
    }

    /// The findings of `rule` in `file`.
    fn in_file(&self, rule: &str, file: &str) -> Vec<&Value> {
        self.findings
            .iter()
            .filter(|f| f["rule"] == rule && f["file"] == file)
            .collect()
    }

    /// The one finding of `rule` in `file`, asserting its severity and line.
    fn expect(&self, rule: &str, file: &str, severity: &str, line: Option<u64>) -> &Value {
        let found: Vec<&Value> = self.in_file(rule, file);
        assert_eq!(
            found.len(),
            1,
            "one `{rule}` finding in {file}; all findings: {:#?}",
            self.findings
        );
        assert_eq!(found[0]["severity"], severity, "{:#?}", found[0]);
        if let Some(line) = line {
            assert_eq!(found[0]["line"], line, "{:#?}", found[0]);
        }
        found[0]
    }
}

fn check(site: &Site, extra: &[&str]) -> Checked {
    check_in(&site.root, extra)
}

/// `handbok check --format json` run in `dir`, which need not be the site's root.
fn check_in(dir: &Path, extra: &[&str]) -> Checked {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    let run = run_in(dir, &args);
    let report: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("{e}\nstdout: {}\nstderr: {}", run.stdout, run.stderr));
    Checked {
        code: run.code,
        findings: report["findings"].as_array().cloned().unwrap_or_default(),
        summary: report["summary"].clone(),
    }
}

fn clean_site() -> Site {
    Site::new()
        .file("content/en/_index.md", "---\ntitle: Handbook\n---\nSee [Ops](ops.md) and the [guides](guides/).\n")
        .file("content/nb/_index.md", "---\ntitle: Håndbok\n---\nSe [Drift](ops.md).\n")
        .file(
            "content/en/ops.md",
            "---\ntitle: Ops\nbanner:\n  image:\n    src: /img/ops.png\n    alt: A person with a phone\n---\n\n## Monitoring\n\n### Alerts {#alerts}\n\n<a id=\"raw-anchor\"></a>\n\nSee [alerts](#alerts), [raw](#raw-anchor), [Norwegian](../nb/ops.md#overvåking-og-varsler), [site URL](/nb/ops/), [section](/en/guides/), [runbook](/files/runbook.pdf), [external](https://example.org/) and [mail](mailto:ops@example.org).\n\n![Chart](/img/ops.png)\n",
        )
        .file("content/nb/ops.md", "---\ntitle: Drift\n---\n\n## Overvåking og varsler\n\nBlåbærsyltetøy, sikkerhetskopiering og gjenoppretting på tvers av miljøer. Ærlig talt, Ørsta og Åland.\n\nTilbake til [Ops](../en/ops.md#monitoring).\n")
        .file("content/en/guides/_index.md", "---\ntitle: Guides\n---\n")
        .file("content/en/guides/backup.md", "---\ntitle: Backup\ntranslation_key: backup\n---\n\n## Why\n")
        .file("content/nb/sikkerhetskopi.md", "---\ntitle: Sikkerhetskopi\ntranslation_key: backup\n---\n\n## Hvorfor\n")
        .file("content/nb/guides/_index.md", "---\ntitle: Veiledninger\n---\nSe [sikkerhetskopi](../sikkerhetskopi.md).\n")
        .bytes("static/img/ops.png", b"png")
        .bytes("static/files/runbook.pdf", b"pdf")
}

#[test]
fn a_clean_site_has_no_findings() {
    let site = clean_site();
    let checked = check(&site, &["--deny-warnings"]);
    assert!(checked.findings.is_empty(), "{:#?}", checked.findings);
    assert_eq!(checked.code, 0);
    assert_eq!(checked.summary["errors"], 0);
    let human = site.run(&["check"]);
    assert_eq!(human.code, 0);
    assert!(human.stdout.contains("check passed"), "{}", human.stdout);
    assert!(!site.root.join("public").exists(), "check writes nothing");
}

#[test]
fn broken_links_and_anchors_are_errors_at_their_line() {
    let site = clean_site().file(
        "content/en/broken.md",
        "---\ntitle: Broken\n---\n\n## Here\n\n[a](gone.md)\n\n[b](/en/nowhere/)\n\n[c](#not-here)\n\n[d](ops.md#no-such-heading)\n\n[e](/files/missing.pdf)\n\n[f](../nb/ops.md#overvaking-og-varsler)\n",
    );
    let checked = check(&site, &[]);
    assert_eq!(checked.code, 1);
    let file = "content/en/broken.md";
    let links: Vec<u64> = checked
        .in_file("broken-link", file)
        .iter()
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(links, [7, 9, 15], "{:#?}", checked.findings);
    let anchors: Vec<&Value> = checked.in_file("broken-anchor", file);
    assert_eq!(
        anchors
            .iter()
            .map(|f| f["line"].as_u64().unwrap())
            .collect::<Vec<_>>(),
        [11, 13, 17]
    );
    assert!(
        anchors[2]["suggestion"]
            .as_str()
            .unwrap()
            .contains("#overvåking-og-varsler"),
        "{:#?}",
        anchors[2]
    );
    let link_findings = checked
        .findings
        .iter()
        .filter(|f| f["file"] == file && f["rule"] != "missing-translation");
    assert!(
        link_findings.clone().all(|f| f["severity"] == "error"),
        "{:#?}",
        checked.findings
    );
    assert_eq!(link_findings.count(), 6);
}

/// Raw HTML is read by an HTML tokenizer: links count where a browser sees them, wherever
/// the tag's parts stand, and nowhere else.
#[test]
fn raw_html_links_and_ids_are_checked_where_a_browser_sees_them() {
    let page = "---\ntitle: Raw\n---\n\n\
        <div class=intro>\n\
        <p>Set href=\"gone.md\" on it: <a href=ops.md>Ops</a>, <a href=\"ops&#46;md#monitoring\">again</a>\n\
        <script>let a = '<a href=\"gone.md\">';</script>\n\
        <style>a[href=\"gone.md\"] { color: red }</style>\n\
        <img class=\"wide\"\n  src=\"/img/nope.png\"\n  alt=\"Nope\">\n\
        </div>\n\n\
        <!--\n\n<a href=\"gone.md\" id=\"old\">x</a>\n\n-->\n\n\
        <span id=\"kept\"></span> [kept](#kept) [old](#old)\n";
    let site = clean_site().file("content/en/raw.md", page);
    let checked = check(&site, &[]);
    assert_eq!(checked.code, 1);
    let file = "content/en/raw.md";
    let found: Vec<(String, u64)> = checked
        .findings
        .iter()
        .filter(|f| f["file"] == file && f["rule"] != "missing-translation")
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("missing-image".to_string(), 10),
            ("broken-anchor".to_string(), 20)
        ],
        "{:#?}",
        checked.findings
    );

    site.write("static/img/nope.png", "png");
    site.build(&[]);
    let html = site.read("en/raw/index.html");
    assert!(html.contains("<a href=/en/ops/>Ops</a>"), "{html}");
    assert!(
        html.contains("<a href=\"/en/ops/#monitoring\">again</a>"),
        "{html}"
    );
    assert!(html.contains("<p>Set href=\"gone.md\" on it:"), "{html}");
    assert!(
        html.contains("<script>let a = '<a href=\"gone.md\">';</script>"),
        "{html}"
    );
    assert!(
        html.contains("<img class=\"wide\"\n  src=\"/img/nope.png\""),
        "{html}"
    );
}

#[test]
fn images_missing_or_without_alt_text() {
    let site = clean_site()
        .file(
            "content/en/pictures.md",
            "---\ntitle: Pictures\n---\n\n![](/img/ops.png)\n\n![Gone](gone.png)\n",
        )
        .file(
            "content/en/banner.md",
            "---\ntitle: Banner\nbanner:\n  image:\n    src: /img/nope.png\n    alt: Nope\n---\n",
        )
        .file(
            "content/en/no-alt.md",
            "---\ntitle: No alt\nbanner:\n  image:\n    src: /img/ops.png\n---\n",
        );
    let checked = check(&site, &[]);
    assert_eq!(checked.code, 1);
    checked.expect("image-alt", "content/en/pictures.md", "warning", Some(5));
    let missing: Vec<&Value> = checked.with_rule("missing-image");
    assert!(
        missing
            .iter()
            .any(|f| f["file"] == "content/en/pictures.md" && f["line"] == 7),
        "{missing:#?}"
    );
    assert!(
        missing
            .iter()
            .any(|f| f["file"] == "content/en/banner.md" && f["line"] == 3),
        "{missing:#?}"
    );
    checked.expect("banner-alt", "content/en/no-alt.md", "error", Some(3));
}

#[test]
fn content_errors_from_loading_are_reported_too() {
    let site = clean_site()
        .file("content/en/bad-yaml.md", "---\ntitle: [oops\n---\n")
        .file(
            "content/en/guides/backup/index.md",
            "---\ntitle: Clash\n---\n",
        );
    let checked = check(&site, &[]);
    assert_eq!(checked.code, 1);
    checked.expect("front-matter", "content/en/bad-yaml.md", "error", Some(2));
    assert_eq!(
        checked.with_rule("duplicate-url").len(),
        1,
        "{:#?}",
        checked.findings
    );
}

#[test]
fn translations_missing_per_language() {
    let site = clean_site().file(
        "content/en/only-english.md",
        "---\ntitle: Only English\n---\n",
    );
    let checked = check(&site, &[]);
    assert_eq!(checked.code, 0, "warnings alone pass");
    let found = checked.expect(
        "missing-translation",
        "content/en/only-english.md",
        "warning",
        None,
    );
    assert!(
        found["message"]
            .as_str()
            .unwrap()
            .contains("Norsk bokmål (nb)")
    );
    assert_eq!(check(&site, &["--deny-warnings"]).code, 1);
}

#[test]
fn stale_translations_from_git_history() {
    let site = clean_site();
    site.git(&["init", "-q"], "2026-01-01T10:00:00Z");
    site.git(&["add", "."], "2026-01-01T10:00:00Z");
    site.git(&["commit", "-q", "-m", "both"], "2026-01-01T10:00:00Z");
    assert!(check(&site, &[]).with_rule("stale-translation").is_empty());
    site.write(
        "content/en/ops.md",
        &std::fs::read_to_string(site.root.join("content/en/ops.md"))
            .unwrap()
            .replace("## Monitoring", "## Monitoring\n\nNew advice."),
    );
    site.git(
        &["commit", "-q", "-am", "english only"],
        "2026-01-11T10:00:00Z",
    );
    let checked = check(&site, &[]);
    let stale = checked.expect("stale-translation", "content/nb/ops.md", "warning", None);
    let message = stale["message"].as_str().unwrap();
    assert!(
        message.contains("content/en/ops.md") && message.contains("10 days"),
        "{message}"
    );
    assert!(
        stale["suggestion"].as_str().unwrap().contains("git"),
        "{stale:#?}"
    );
}

#[test]
fn stale_translations_without_git_use_modification_times() {
    let site = clean_site();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3 * 24 * 3600);
    std::fs::File::options()
        .write(true)
        .open(site.root.join("content/nb/ops.md"))
        .unwrap()
        .set_modified(old)
        .unwrap();
    let checked = check(&site, &[]);
    let stale = checked.expect("stale-translation", "content/nb/ops.md", "warning", None);
    assert!(
        stale["message"].as_str().unwrap().contains("3 days")
            || stale["message"].as_str().unwrap().contains("2 days"),
        "{stale:#?}"
    );
    assert!(
        stale["suggestion"]
            .as_str()
            .unwrap()
            .contains("not in a git repository"),
        "{stale:#?}"
    );
}

#[test]
fn encoding_damage_is_found_with_the_likely_text() {
    let site = clean_site().file(
        "content/nb/skadet.md",
        "---\ntitle: Skadet\ningress: Illustrasjon av en person med mobilskjerm p√• kneet\n---\n\nOvervÃ¥king og feilsÃ¸king.\n",
    );
    let checked = check(&site, &[]);
    let found: Vec<&Value> = checked.in_file("encoding", "content/nb/skadet.md");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        (found[0]["line"].as_u64(), found[0]["column"].as_u64()),
        (Some(3), Some(53))
    );
    assert!(
        found[0]["suggestion"]
            .as_str()
            .unwrap()
            .contains("mobilskjerm på kneet")
    );
    assert_eq!(found[1]["line"], 6);
    assert!(
        found[1]["suggestion"]
            .as_str()
            .unwrap()
            .contains("Overvåking og feilsøking."),
        "{:#?}",
        found[1]
    );
}

#[test]
fn structure_rules_headings_titles_sections_and_keys() {
    let site = clean_site()
        .file(
            "content/en/skip.md",
            "---\ntitle: Skip\ningres: typo\n---\n\n## Two\n\n#### Four\n",
        )
        .file("content/en/again.md", "---\ntitle: ops\n---\n")
        .file("content/en/empty/_index.md", "---\ntitle: Empty\n---\n");
    let checked = check(&site, &[]);
    let skip = checked.expect("heading-level", "content/en/skip.md", "warning", Some(8));
    assert!(skip["message"].as_str().unwrap().contains("h2 to h4"));
    let key = checked.expect("unknown-key", "content/en/skip.md", "warning", Some(3));
    assert_eq!(key["suggestion"], "did you mean `ingress`?");
    let duplicate: Vec<&Value> = checked.with_rule("duplicate-title");
    assert_eq!(duplicate.len(), 1, "{duplicate:#?}");
    assert!(
        duplicate[0]["message"]
            .as_str()
            .unwrap()
            .contains("content/en/"),
        "{duplicate:#?}"
    );
    checked.expect(
        "empty-section",
        "content/en/empty/_index.md",
        "warning",
        None,
    );
}

#[test]
fn github_and_human_formats_and_usage_errors() {
    let site = clean_site().file(
        "content/en/broken.md",
        "---\ntitle: Broken\n---\n\n[a](gone.md)\n",
    );
    let github = site.run(&["check", "--format", "github"]);
    assert_eq!(github.code, 1);
    assert!(github.stdout.contains("::error file=content/en/broken.md,line=5,col=1,title=handbok broken-link::link to `gone.md`"), "{}", github.stdout);
    let human = site.run(&["check"]);
    assert!(
        human
            .stdout
            .contains("content/en/broken.md:5:1: error: link to `gone.md`"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains("1 error, 0 warnings in 1 file") || human.stdout.contains("1 error,"),
        "{}",
        human.stdout
    );
    assert!(
        !human.stdout.contains("\u{1b}["),
        "no colour when not on a terminal"
    );
    let broken = Site::new().file("site.yaml", "title: x\nlanguages: nope\n");
    assert_eq!(broken.run(&["check"]).code, 2);
}

/// A local server standing in for the internet: `/ok` answers 200, `/busy` 429, `/gone`
/// 404, `/slow` never answers.
fn link_server() -> u16 {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            match request.url() {
                "/ok" => drop(request.respond(tiny_http::Response::from_string("fine"))),
                "/busy" => {
                    drop(request.respond(
                        tiny_http::Response::from_string("slow down").with_status_code(429),
                    ))
                }
                "/slow" => {
                    std::thread::spawn(move || {
                        std::thread::sleep(std::time::Duration::from_secs(30));
                        drop(request);
                    });
                }
                _ => drop(
                    request.respond(tiny_http::Response::from_string("gone").with_status_code(404)),
                ),
            }
        }
    });
    port
}

#[test]
fn external_links_only_with_the_flag_concurrently_with_a_timeout() {
    let port = link_server();
    let site = clean_site().file(
        "content/en/links.md",
        &format!("---\ntitle: Links\n---\n\n[ok](http://127.0.0.1:{port}/ok)\n\n[gone](http://127.0.0.1:{port}/gone)\n\n[slow](http://127.0.0.1:{port}/slow)\n"),
    );
    assert!(
        check(&site, &[]).with_rule("external-link").is_empty(),
        "not checked without --external"
    );
    let started = std::time::Instant::now();
    let checked = check(&site, &["--external", "--timeout", "1"]);
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    let external: Vec<&Value> = checked.in_file("external-link", "content/en/links.md");
    assert_eq!(external.len(), 2, "{external:#?}");
    let gone = external
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains("/gone"))
        .unwrap();
    assert_eq!(
        (gone["severity"].as_str(), gone["line"].as_u64()),
        (Some("error"), Some(7))
    );
    let slow = external
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains("/slow"))
        .unwrap();
    assert_eq!(slow["severity"], "warning");
    assert!(
        slow["message"].as_str().unwrap().contains("not checked"),
        "{slow:#?}"
    );
    assert_eq!(checked.code, 1);
}

#[test]
fn without_network_external_links_are_not_checked_rather_than_broken() {
    // A port nobody listens on: every request fails before reaching a server.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let site = Site::new().file(
        "content/en/links.md",
        &format!("---\ntitle: Links\n---\n\n[a](http://127.0.0.1:{closed}/a) [b](http://127.0.0.1:{closed}/b)\n"),
    );
    let checked = check(&site, &["--external", "--timeout", "2"]);
    let external: Vec<&Value> = checked.with_rule("external-link");
    assert_eq!(external.len(), 1, "{external:#?}");
    assert!(
        external[0]["message"]
            .as_str()
            .unwrap()
            .contains("not checked"),
        "{external:#?}"
    );
    assert_eq!(external[0]["severity"], "warning");
    assert_eq!(checked.code, 0);
}

#[test]
fn templates_that_fail_are_errors() {
    let site = clean_site().file(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}{{ page.title | nope }}{% endblock main %}\n",
    );
    let checked = check(&site, &[]);
    assert_eq!(checked.code, 1);
    checked.expect("template", "templates/page.html", "error", Some(2));
}

/// Correct Norwegian: «» quotes, no-break spaces, and æ, ø, å first, inside and last in words,
/// next to quotes, dashes and no-break spaces.
const CORRECT_NORWEGIAN: &str = "---
title: Drift – «Åpent hus» på Østlandet
ingress: Øl, ærlighet og åpenhet – slik holder vi tjenestene i gang døgnet rundt.
---

## Overvåking og varsler

Han sa «Åpent hus», «Østlandet», «øl» og «Å» – og gikk.
Det koster 100\u{A0}øre, og vi har holdt på i 5\u{A0}år; Å\u{A0}1 er første punkt.
«Æ», «Ø» og «Å» er egne bokstaver: æ, ø, å; Æ, Ø, Å. Ærlig talt, Ørsta og Åland.
Blåbærsyltetøy, grønnsåpe, håp, kjøre, bære, ørret, åker, sjø, blå, tå, bæ\u{A0}– «sjø»\u{A0}og «blå».
«Ça va», sa hun. «‘Øl’ er ‘øl’», står det. Fra A til Å, Å–Ø og Ø–Å…
Pris: 1\u{A0}000\u{A0}kr — «Gjelder fra 1.\u{A0}januar».

Tilbake til [Ops](../en/ops.md#monitoring).
";

#[test]
fn correct_norwegian_is_not_taken_for_encoding_damage() {
    let site = clean_site().file("content/nb/ops.md", CORRECT_NORWEGIAN);
    let checked = check(&site, &["--deny-warnings"]);
    assert!(checked.findings.is_empty(), "{:#?}", checked.findings);
    assert_eq!(checked.code, 0);
}

#[test]
fn encoding_damage_from_latin_1_and_done_twice() {
    let site = clean_site().file(
        "content/nb/skadet.md",
        "---\ntitle: Skadet\n---\n\nDet er Ã\u{85}pent pÃ¥ Ã\u{98}stlandet.\n\nVi er pÃƒÂ¥ vei.\n",
    );
    let checked = check(&site, &[]);
    assert_eq!(checked.code, 0, "damage is a warning");
    let found: Vec<&Value> = checked.in_file("encoding", "content/nb/skadet.md");
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(
        (found[0]["line"].as_u64(), found[0]["column"].as_u64()),
        (Some(5), Some(8))
    );
    assert_eq!(found[0]["severity"], "warning");
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .contains(r"`Ã\u{85}` → `Å`"),
        "control characters shown escaped: {:#?}",
        found[0]
    );
    assert_eq!(
        found[0]["suggestion"],
        "it most likely should read: Det er Åpent på Østlandet."
    );
    assert_eq!(
        (found[1]["line"].as_u64(), found[1]["column"].as_u64()),
        (Some(7), Some(8))
    );
    assert_eq!(
        found[1]["suggestion"],
        "it most likely should read: Vi er på vei."
    );
}

#[test]
fn theme_ids_and_top_are_anchors_on_every_page() {
    let site = clean_site().file(
        "content/en/anchors.md",
        "---\ntitle: Anchors\n---\n\n[skip](#main) [top](#top) [nav](ops.md#site-nav) [results](/nb/ops/#search-results)\n\n[contents](#handbok-toc-title) [search](guides/backup.md#search-input)\n\n[typo](#mian)\n",
    );
    let checked = check(&site, &[]);
    assert_eq!(checked.code, 1);
    let typo = checked.expect("broken-anchor", "content/en/anchors.md", "error", Some(9));
    assert_eq!(typo["suggestion"], "did you mean `#main`?");
}

#[test]
fn shallow_clones_say_stale_translations_were_not_checked() {
    let site = clean_site();
    site.git(&["init", "-q"], "2026-01-01T10:00:00Z");
    site.git(&["add", "."], "2026-01-01T10:00:00Z");
    site.git(&["commit", "-q", "-m", "both"], "2026-01-01T10:00:00Z");
    site.write(
        "content/en/ops.md",
        "---\ntitle: Ops\n---\n\n## Monitoring\n\nNew advice.\n",
    );
    site.git(
        &["commit", "-q", "-am", "english only"],
        "2026-01-11T10:00:00Z",
    );
    let full = check(&site, &[]);
    full.expect("stale-translation", "content/nb/ops.md", "warning", None);
    assert!(
        !full.findings.iter().any(|f| f["file"] == "content"),
        "a full clone is checked: {:#?}",
        full.findings
    );

    let clones = tempfile::tempdir().unwrap();
    let clone = clones.path().join("shallow");
    let url = format!("file://{}", site.root.display());
    site.git(
        &["clone", "-q", "--depth", "1", &url, clone.to_str().unwrap()],
        "2026-01-12T10:00:00Z",
    );
    let shallow = check_in(&clone, &[]);
    assert_eq!(shallow.code, 0, "{:#?}", shallow.findings);
    let note = shallow.expect("stale-translation", "content", "warning", None);
    assert!(
        note["message"].as_str().unwrap().contains("shallow"),
        "{note:#?}"
    );
    assert!(
        note["suggestion"]
            .as_str()
            .unwrap()
            .contains("fetch-depth: 0"),
        "{note:#?}"
    );
    assert_eq!(shallow.with_rule("stale-translation").len(), 1);
    assert_eq!(check_in(&clone, &["--deny-warnings"]).code, 1);
}

#[test]
fn stale_translations_of_pages_with_norwegian_file_names() {
    let site = clean_site()
        .file(
            "content/en/monitoring.md",
            "---\ntitle: Monitoring\ntranslation_key: monitoring\n---\n",
        )
        .file(
            "content/nb/overvåking.md",
            "---\ntitle: Overvåking\ntranslation_key: monitoring\n---\n",
        );
    site.git(&["init", "-q"], "2026-01-01T10:00:00Z");
    site.git(&["add", "."], "2026-01-01T10:00:00Z");
    site.git(&["commit", "-q", "-m", "both"], "2026-01-01T10:00:00Z");
    site.write(
        "content/nb/overvåking.md",
        "---\ntitle: Overvåking\ntranslation_key: monitoring\n---\n\nNye råd.\n",
    );
    site.git(&["commit", "-q", "-am", "norsk"], "2026-01-04T10:00:00Z");
    let checked = check(&site, &[]);
    let stale = checked.expect(
        "stale-translation",
        "content/en/monitoring.md",
        "warning",
        None,
    );
    assert!(
        stale["message"]
            .as_str()
            .unwrap()
            .contains("content/nb/overvåking.md was changed 3 days"),
        "{stale:#?}"
    );
    assert_eq!(checked.code, 0);
}

#[test]
fn findings_name_files_from_the_current_directory() {
    let site = clean_site().file(
        "content/en/broken.md",
        "---\ntitle: Broken\n---\n\n[a](gone.md)\n",
    );
    let above = site.root.parent().unwrap();
    let checked = check_in(above, &["--root", "site"]);
    assert_eq!(checked.code, 1);
    checked.expect("broken-link", "site/content/en/broken.md", "error", Some(5));
    let github = run_in(above, &["check", "--root", "site", "--format", "github"]);
    assert_eq!(github.code, 1);
    assert!(
        github
            .stdout
            .contains("::error file=site/content/en/broken.md,line=5,col=1,"),
        "{}",
        github.stdout
    );
    let human = run_in(above, &["check", "--root", "site"]);
    assert!(
        human
            .stdout
            .contains("site/content/en/broken.md:5:1: error:"),
        "{}",
        human.stdout
    );
    // From inside the site, a root above is shown as given.
    let inside = site.root.join("content/en");
    check_in(&inside, &["--root", "../.."]).expect(
        "broken-link",
        "../../content/en/broken.md",
        "error",
        Some(5),
    );
}

#[test]
fn rate_limited_external_links_are_not_checked_rather_than_broken() {
    let port = link_server();
    let site = clean_site().file(
        "content/en/links.md",
        &format!("---\ntitle: Links\n---\n\n[ok](http://127.0.0.1:{port}/ok)\n\n[busy](http://127.0.0.1:{port}/busy)\n"),
    );
    let checked = check(&site, &["--external", "--timeout", "5"]);
    let busy = checked.expect("external-link", "content/en/links.md", "warning", Some(7));
    let message = busy["message"].as_str().unwrap();
    assert!(
        message.contains("/busy") && message.contains("not checked") && message.contains("429"),
        "{busy:#?}"
    );
    assert_eq!(checked.code, 0);
}

#[test]
fn a_broken_config_is_a_finding_in_machine_formats() {
    let broken = Site::new().file("site.yaml", "title: x\nlanguages: nope\n");
    let checked = check(&broken, &[]);
    assert_eq!(checked.code, 2);
    let config = checked.expect("config", "site.yaml", "error", Some(2));
    assert!(config["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert_eq!(checked.summary["errors"], 1);

    let github = broken.run(&["check", "--format", "github"]);
    assert_eq!(github.code, 2);
    assert!(
        github.stdout.starts_with("::error file=site.yaml,line=2,"),
        "{}",
        github.stdout
    );
    let human = broken.run(&["check"]);
    assert_eq!(human.code, 2);
    assert!(human.stdout.is_empty() && human.stderr.contains("site.yaml:2"));

    // No site.yaml at all, checked from above: the finding names where it was looked for.
    let above = broken.root.parent().unwrap();
    let missing = check_in(above, &["--root", "nowhere"]);
    assert_eq!(missing.code, 2);
    let config = missing.expect("config", "nowhere/site.yaml", "error", None);
    assert!(
        config["suggestion"].as_str().unwrap().contains("--root"),
        "{config:#?}"
    );
}

#[test]
fn a_timeout_that_is_no_number_of_seconds_is_refused_before_checking() {
    let site = Site::handbook();
    for bad in ["nan", "inf", "0", "-3", "soon"] {
        let run = site.run(&["check", "--external", &format!("--timeout={bad}")]);
        assert_eq!(run.code, 2, "--timeout {bad}: {}", run.stderr);
        assert!(
            run.stderr.contains("not a number of seconds above 0"),
            "--timeout {bad}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
}
