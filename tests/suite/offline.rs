//! Offline reading (`offline: true`): the manifests and worker a build writes, the budget
//! warning, nothing of it under `serve`, and in headless Chromium a reader who keeps reading
//! (pages, images, search) with the network gone, under a sub-path; and the kill-switch.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::browser::{Browser, StaticHost, free_port};
use crate::serve::Server;
use crate::support::{SITE_YAML, Site};

/// 64-bit FNV-1a, written again here so the test does not take the build's word for it.
fn fnv1a(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

fn manifest(site: &Site, lang: &str) -> Value {
    serde_json::from_str(&site.read(&format!("offline/{lang}.json"))).unwrap()
}

/// A site with offline reading: pages in a section, an image beside a page, an image in
/// `static/`, a download (not kept), and an alias (its redirect page is not kept).
fn offline_site(extra: &str) -> Site {
    Site::new()
        .file("site.yaml", &format!("{SITE_YAML}offline: true\n{extra}"))
        .file("content/en/_index.md", "---\ntitle: Handbook\n---\n\nWelcome.\n")
        .file("content/nb/_index.md", "---\ntitle: Håndbok\n---\n\nVelkommen.\n")
        .file(
            "content/en/ops/index.md",
            "---\ntitle: Ops\naliases: [/en/old-ops/]\n---\n\n![Diagram](diagram.png)\n\nMonitoring and alerts.\n",
        )
        .bytes("content/en/ops/diagram.png", &png())
        .file(
            "content/nb/spørsmål.md",
            "---\ntitle: Spørsmål\n---\n\nOvervåking.\n",
        )
        .file("content/en/guides/_index.md", "---\ntitle: Guides\n---\n")
        .file("content/en/guides/backup.md", "---\ntitle: Backup\n---\n\nNightly copies of the databases.\n")
        .file("content/en/guides/restore.md", "---\ntitle: Restore\n---\n\nRestoring a database.\n")
        .file("content/en/guides/failover.md", "---\ntitle: Failover\n---\n\nSwitching regions.\n")
        .file("content/en/runbook.md", "---\ntitle: Runbook\n---\n\n![Logo](/img/logo.png)\n\n[PDF](/files/runbook.pdf)\n")
        .bytes("static/img/logo.png", &png())
        .bytes("static/files/runbook.pdf", b"%PDF-1.4 not really")
}

/// A 1×1 PNG.
fn png() -> Vec<u8> {
    let hex = "89504e470d0a1a0a0000000d4948445200000001000000010806000000\
               1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e2b9\
               4f9c0000000049454e44ae426082";
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn the_manifest_lists_each_languages_pages_images_theme_and_search_with_their_hashes() {
    let site = offline_site("");
    site.build(&[]);
    let en = manifest(&site, "en");
    let files = en["files"].as_object().unwrap();
    let listed: Vec<&str> = files.keys().map(String::as_str).collect();
    for wanted in [
        "./",
        "en/",
        "en/ops/",
        "en/ops/diagram.png",
        "en/guides/",
        "en/guides/backup/",
        "en/runbook/",
        "img/logo.png",
        "theme/handbok.css",
        "theme/handbok.js",
        "theme/search.js",
        "search/en/meta.json",
        "search/en/t/_.json",
        "search/en/d/0.json",
    ] {
        assert!(listed.contains(&wanted), "{wanted} not in {listed:?}");
    }
    for unwanted in [
        "nb/",
        "search/nb/meta.json",
        "en/old-ops/",
        "files/runbook.pdf",
        "404.html",
        "sitemap.xml",
        "sw.js",
    ] {
        assert!(!listed.contains(&unwanted), "{unwanted} in {listed:?}");
    }
    // Every hash is the file's, and the size is the sum of the files.
    let nb = manifest(&site, "nb");
    for copy in [&en, &nb] {
        let mut bytes = 0;
        for (url, hash) in copy["files"].as_object().unwrap() {
            let path = match url.as_str() {
                "./" => "index.html".to_string(),
                page if page.ends_with('/') => format!("{page}index.html"),
                file => file.to_string(),
            };
            let content = std::fs::read(site.public().join(handbok::url::decode_path(&path)))
                .unwrap_or_else(|e| panic!("{path}: {e}"));
            bytes += content.len() as u64;
            assert_eq!(hash.as_str().unwrap(), fnv1a(&content), "{path}");
        }
        assert_eq!(copy["bytes"], json!(bytes));
    }
    assert_eq!(en["lang"], "en");
    let built = en["built"].as_str().unwrap();
    assert!(
        built.len() == 20 && built.ends_with('Z') && built.as_bytes()[10] == b'T',
        "{built}"
    );

    // Norwegian: its own pages (URLs percent-encoded as links are) and search, the shared files.
    let nb_files = nb["files"].as_object().unwrap();
    for wanted in [
        "nb/",
        "nb/sp%C3%B8rsm%C3%A5l/",
        "search/nb/meta.json",
        "img/logo.png",
        "theme/handbok.css",
    ] {
        assert!(nb_files.contains_key(wanted), "{wanted} not in nb");
    }
    assert!(!nb_files.contains_key("en/ops/") && !nb_files.contains_key("./"));
    let link = site.html("nb/index.html");
    assert!(
        link.attrs("a", "href")
            .iter()
            .any(|href| href == "/nb/sp%C3%B8rsm%C3%A5l/"),
        "the page links to the URL the manifest lists"
    );

    // The worker, and the pages that register it (with their language's notice).
    let worker = site.read("sw.js");
    assert!(worker.contains("var ENABLED = true;"));
    let page = site.html("nb/index.html");
    assert_eq!(page.attr("html", "data-offline-worker"), "/sw.js");
    assert_eq!(page.attr("html", "data-offline-scope"), "/");
    assert_eq!(
        page.attr("html", "data-offline-notice"),
        "Frakoblet kopi fra {date}"
    );
}

#[test]
fn builds_of_one_commit_are_identical_with_source_date_epoch() {
    let site = offline_site("");
    let build = |output: &str| {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_handbok"))
            .args(["build", "--output", output])
            .current_dir(&site.root)
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .output()
            .unwrap();
        assert!(run.status.success(), "{run:?}");
    };
    build("one");
    std::thread::sleep(Duration::from_millis(1100));
    build("two");
    let read = |output: &str| {
        std::fs::read_to_string(site.root.join(output).join("offline/en.json")).unwrap()
    };
    assert_eq!(read("one"), read("two"));
    let en: Value = serde_json::from_str(&read("one")).unwrap();
    assert_eq!(en["built"], "2026-01-01T00:00:00Z");
}

#[test]
fn off_by_default_and_false_writes_the_kill_switch() {
    let plain = Site::new().file("content/en/_index.md", "---\ntitle: H\n---\n");
    plain.build(&[]);
    assert!(!plain.public().join("sw.js").exists());
    assert!(!plain.public().join("offline").exists());
    let page = plain.html("en/index.html");
    assert_eq!(page.count("html[data-offline-worker]"), 0);

    let off = Site::new()
        .file("site.yaml", &format!("{SITE_YAML}offline: false\n"))
        .file("content/en/_index.md", "---\ntitle: H\n---\n");
    off.build(&[]);
    let worker = off.read("sw.js");
    assert!(worker.contains("var ENABLED = false;"), "the kill-switch");
    assert!(!off.public().join("offline").exists(), "no manifests");
    assert_eq!(
        off.html("en/index.html").count("html[data-offline-worker]"),
        0
    );
}

#[test]
fn a_copy_over_the_budget_is_a_warning_naming_its_size() {
    let site = offline_site("offline_budget: 100 kB\n")
        .bytes("content/en/ops/photo.jpg", &vec![7u8; 60_000]);
    let run = site.build(&[]);
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("offline copy of `en`"))
        .unwrap_or_else(|| panic!("no budget warning:\n{}", run.stderr));
    // site.yaml: SITE_YAML's 8 lines, `offline: true`, then the budget at line 10.
    assert!(line.contains("site.yaml:10"), "{line}");
    assert!(line.contains("over offline_budget (100 kB)"), "{line}");
    let en = manifest(&site, "en");
    let size = en["bytes"].as_u64().unwrap();
    assert!(
        line.contains(&format!("{} kB", size.div_ceil(1000))),
        "{line}"
    );
    assert!(
        !run.stderr.contains("offline copy of `nb`"),
        "nb has no photo: {}",
        run.stderr
    );
}

#[test]
fn a_bad_budget_is_an_error_at_its_line() {
    let site = offline_site("offline_budget: lots\n");
    let run = site.build_fails(2);
    assert!(
        run.stderr.contains("site.yaml:10") && run.stderr.contains("`lots` is not a size"),
        "{}",
        run.stderr
    );
}

#[test]
fn serve_never_registers_the_worker() {
    let site = offline_site("");
    let server = Server::start(&site);
    let page = server.get("en/ops/").body;
    assert!(page.contains("<h1"), "{page}");
    assert!(!page.contains("data-offline-worker"), "{page}");
    assert_eq!(
        server.get("sw.js").status,
        404,
        "no worker to register either"
    );
    assert_eq!(server.get("offline/en.json").status, 404);
}

/// Builds `site` for `host` into `output` (a folder a static host serves).
fn build_for(site: &Site, host: &str, output: &std::path::Path) {
    let run = site.run(&[
        "build",
        "--base-url",
        host,
        "--output",
        output.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// What the worker keeps of `lang` once its copy is complete: its scope, cache and record.
const KEPT: &str = "const done = arguments[arguments.length - 1]; const lang = arguments[0];
(async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  if (!registration || !registration.active || !navigator.serviceWorker.controller) return done(null);
  const name = (await caches.keys()).find(n => n.startsWith('handbok-offline ') && n.endsWith(' ' + lang));
  if (!name) return done(null);
  const record = await (await caches.open(name)).match(new URL('offline/' + lang + '.json', registration.scope).href);
  if (!record) return done(null);
  const kept = await record.json();
  done({ scope: registration.scope, cache: name, files: Object.keys(kept.files).length, built: kept.built });
})().catch(e => done(String(e)));";

/// Waits until the worker keeps all `files` of `lang`'s copy; returns what it keeps.
fn wait_for_copy(browser: &Browser, lang: &str, files: usize) -> Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let kept = browser.run_async_with(KEPT, json!([lang]));
        if kept["files"] == json!(files) {
            return kept;
        }
        assert!(
            Instant::now() < deadline,
            "the offline copy of {lang}: {kept}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn wait_until(browser: &Browser, what: &str, script: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while browser.run(script) != json!(true) {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

const NOTICE: &str = "const n = document.querySelector('.offline-notice'); return n && n.offsetParent !== null ? n.textContent : null";

#[test]
fn with_the_network_gone_a_reader_keeps_reading_pages_images_and_search_under_a_sub_path() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = offline_site("");
    let hosted = tempfile::tempdir().unwrap();
    let host_server = StaticHost::start(hosted.path());
    let host = format!("{}handbook/", host_server.url);
    let output = hosted.path().join("handbook");
    build_for(&site, &host, &output);
    let en: Value =
        serde_json::from_str(&std::fs::read_to_string(output.join("offline/en.json")).unwrap())
            .unwrap();
    let files = en["files"].as_object().unwrap().len();

    browser.open(&format!("{host}en/"));
    let kept = wait_for_copy(&browser, "en", files);
    assert_eq!(kept["scope"], json!(host), "scoped to the sub-path");
    assert_eq!(kept["built"], en["built"]);
    assert_eq!(browser.run(NOTICE), Value::Null, "online: no notice");
    // A Norwegian page keeps the Norwegian copy too.
    browser.open(&format!("{host}nb/"));
    let nb: Value =
        serde_json::from_str(&std::fs::read_to_string(output.join("offline/nb.json")).unwrap())
            .unwrap();
    wait_for_copy(&browser, "nb", nb["files"].as_object().unwrap().len());

    // The network goes: DevTools' offline emulation for the page, and the host stopped, as
    // Chromium (156) does not apply the page's emulation to its service worker's fetches.
    browser.cdp(
        "Network.emulateNetworkConditions",
        json!({"offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}),
    );
    drop(host_server);
    for (path, title) in [
        ("en/ops/", "Ops"),
        ("en/guides/backup/", "Backup"),
        ("en/guides/restore/", "Restore"),
        ("en/guides/", "Guides"),
        ("en/runbook/", "Runbook"),
    ] {
        browser.open(&format!("{host}{path}"));
        wait_until(&browser, path, "return document.readyState === 'complete'");
        assert_eq!(
            browser.run("const h = document.querySelector('h1'); return h && h.textContent"),
            json!(title),
            "{path}"
        );
        let notice = browser.run(NOTICE);
        assert!(
            notice
                .as_str()
                .is_some_and(|n| n.starts_with("Offline copy from ")),
            "{path}: {notice} {}",
            browser.run("return document.documentElement.outerHTML.slice(0, 300)")
        );
        assert_eq!(
            browser.run(
                "return Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)"
            ),
            json!(true),
            "{path}: its images"
        );
        assert_eq!(
            browser.run("return getComputedStyle(document.body).fontFamily !== '' && !!Array.from(document.styleSheets).find(s => s.href && s.href.includes('handbok.css') && s.cssRules.length > 0)"),
            json!(true),
            "{path}: the theme's stylesheet"
        );
    }
    browser.open(&format!("{host}nb/sp%C3%B8rsm%C3%A5l/"));
    let notice = browser.run(NOTICE);
    assert!(
        notice
            .as_str()
            .is_some_and(|n| n.starts_with("Frakoblet kopi fra ")),
        "in the page's language: {notice}"
    );
    // Search, from the kept index, and a result opened.
    browser.open(&format!("{host}en/runbook/"));
    wait_until(
        &browser,
        "the search box",
        "return !!document.querySelector('.search:not([hidden])')",
    );
    browser.run("document.getElementById('search-input').focus(); return null");
    browser.type_text("restoring");
    wait_until(
        &browser,
        "results for restoring",
        "return document.querySelectorAll('#search-results [role=option]').length > 0",
    );
    let target = browser.run("return document.querySelector('#search-results a').href");
    assert!(
        target
            .as_str()
            .unwrap()
            .contains("/handbook/en/guides/restore/"),
        "{target}"
    );
    browser.run("document.querySelector('#search-results a').click(); return null");
    wait_until(
        &browser,
        "the result's page",
        "return location.pathname === '/handbook/en/guides/restore/' && document.readyState === 'complete'",
    );
    assert_eq!(
        browser.run("return document.querySelector('h1').textContent"),
        "Restore"
    );
    assert!(browser.run(NOTICE).is_string());
    let shots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    browser.resize(1280, 900);
    std::fs::write(shots.join("offline-notice-1280.png"), browser.screenshot()).unwrap();
    if let Some(axe) = crate::browser::axe_source() {
        browser.run(&axe);
        let violations = browser.run_async(
            "const done = arguments[arguments.length - 1]; axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations.map(v => v.id + ': ' + v.help)));",
        );
        assert_eq!(violations, json!([]), "axe-core, with the offline notice");
    }
    let errors = browser.console_errors();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// Whether this origin has no service worker and no offline cache left.
const GONE: &str = "const done = arguments[arguments.length - 1];
(async () => {
  const registrations = await navigator.serviceWorker.getRegistrations();
  const kept = (await caches.keys()).filter(n => n.startsWith('handbok-offline '));
  done(registrations.length === 0 && kept.length === 0 ? true : { registrations: registrations.length, kept });
})().catch(e => done(String(e)));";

fn wait_until_gone(browser: &Browser, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let gone = browser.run_async(GONE);
        if gone == json!(true) {
            return;
        }
        assert!(Instant::now() < deadline, "{what}: {gone}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// For readers who already have the worker: `offline: false` makes the next page they open
/// remove it and its caches; and `serve` on an address where a built site left one removes
/// it too.
#[test]
fn the_kill_switch_and_serve_remove_a_worker_readers_already_have() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = offline_site("");
    let files = |output: &std::path::Path| {
        let en: Value =
            serde_json::from_str(&std::fs::read_to_string(output.join("offline/en.json")).unwrap())
                .unwrap();
        en["files"].as_object().unwrap().len()
    };

    // A built site at the root of an address, then the preview on that same address.
    let hosted = tempfile::tempdir().unwrap();
    let port = free_port();
    let host_server = StaticHost::start_on(hosted.path(), port);
    build_for(&site, &host_server.url, hosted.path());
    browser.open(&format!("{}en/", host_server.url));
    wait_for_copy(&browser, "en", files(hosted.path()));
    drop(host_server);
    let preview = Server::start_on(&site, port);
    browser.open(&format!("{}en/ops/", preview.url));
    wait_until_gone(&browser, "serve removes the worker a built site left");
    drop(preview);

    // Under a sub-path: offline reading on, then turned off with `offline: false`.
    let hosted = tempfile::tempdir().unwrap();
    let host_server = StaticHost::start(hosted.path());
    let host = format!("{}handbook/", host_server.url);
    let output = hosted.path().join("handbook");
    build_for(&site, &host, &output);
    browser.open(&format!("{host}en/"));
    // What the preview's page said when the preview stopped is not this part's.
    let _ = browser.console_errors();
    wait_for_copy(&browser, "en", files(&output));
    // http.server answers If-Modified-Since to the second: a deploy comes later than that.
    std::thread::sleep(Duration::from_millis(1100));
    site.write("site.yaml", &format!("{SITE_YAML}offline: false\n"));
    build_for(&site, &host, &output);
    assert!(!output.join("offline").exists());
    browser.open(&format!("{host}en/ops/"));
    wait_until_gone(
        &browser,
        "the kill-switch removes the worker and its caches",
    );
    assert_eq!(
        browser.run("return document.querySelector('h1').textContent"),
        "Ops"
    );
    let errors = browser.console_errors();
    assert!(errors.is_empty(), "{errors:#?}");
}
