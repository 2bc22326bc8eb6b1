//! What a person sees, in a real headless Chromium driven over WebDriver (Debian's
//! `chromium` and `chromium-driver`). Without them the tests are skipped with a message,
//! unless `CI=true`, where they must run.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::serve::{Server, eventually};
use crate::support::Site;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// One browser at a time: on a 2-core machine several Chromiums starting together can stall
/// each other past any sensible timeout.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

pub struct Browser {
    _turn: std::sync::MutexGuard<'static, ()>,
    driver: Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// A headless Chromium, or `None` (with a message) where it is not installed.
    pub fn start() -> Option<Browser> {
        let installed =
            std::path::Path::new(CHROMIUM).exists() && std::path::Path::new(CHROMEDRIVER).exists();
        if !installed {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!(
                    "CI=true but {CHROMIUM} or {CHROMEDRIVER} is missing; .ci/run installs them"
                );
            }
            eprintln!(
                "SKIPPED: browser test needs {CHROMIUM} and {CHROMEDRIVER} (apt-get install chromium chromium-driver)"
            );
            return None;
        }
        let turn = ONE_AT_A_TIME
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = tempfile::tempdir().unwrap();
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:loggingPrefs": { "browser": "ALL" },
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }
        }}});
        let mut browser = Browser {
            _turn: turn,
            driver,
            port,
            session: String::new(),
            _profile: profile,
        };
        let created = browser.call("POST", "/session", Some(capabilities));
        browser.session = created["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        Some(browser)
    }

    pub fn open(&self, url: &str) {
        self.call(
            "POST",
            &format!("/session/{}/url", self.session),
            Some(json!({ "url": url })),
        );
    }

    /// Runs an asynchronous script; it finishes by calling `arguments[arguments.length - 1]`.
    pub fn run_async(&self, script: &str) -> Value {
        self.run_async_with(script, json!([]))
    }

    /// [`Browser::run_async`] with `args` before the callback.
    pub fn run_async_with(&self, script: &str, args: Value) -> Value {
        self.call(
            "POST",
            &format!("/session/{}/execute/async", self.session),
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Presses a key the way a person does (WebDriver actions), on the focused element.
    pub fn press(&self, key: &str) {
        let actions = json!({"actions": [{"type": "key", "id": "keyboard", "actions": [
            {"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}
        ]}]});
        self.call(
            "POST",
            &format!("/session/{}/actions", self.session),
            Some(actions),
        );
    }

    /// Types text key by key, as a person does, into the focused element.
    pub fn type_text(&self, text: &str) {
        let keys: Vec<Value> = text
            .chars()
            .flat_map(|c| {
                let key = c.to_string();
                [
                    json!({"type": "keyDown", "value": key}),
                    json!({"type": "keyUp", "value": key}),
                ]
            })
            .collect();
        let actions = json!({"actions": [{"type": "key", "id": "keyboard", "actions": keys}]});
        self.call(
            "POST",
            &format!("/session/{}/actions", self.session),
            Some(actions),
        );
    }

    /// Makes the page see `prefers-color-scheme: light` or `dark` (Chromium's DevTools
    /// emulation, as its rendering settings do).
    pub fn color_scheme(&self, scheme: &str) {
        self.call(
            "POST",
            &format!("/session/{}/goog/cdp/execute", self.session),
            Some(json!({ "cmd": "Emulation.setEmulatedMedia", "params": {
                "features": [{ "name": "prefers-color-scheme", "value": scheme }]
            }})),
        );
    }

    pub fn resize(&self, width: u32, height: u32) {
        self.call(
            "POST",
            &format!("/session/{}/window/rect", self.session),
            Some(json!({ "width": width, "height": height })),
        );
    }

    /// A PNG of the viewport.
    pub fn screenshot(&self) -> Vec<u8> {
        let encoded = self.call(
            "GET",
            &format!("/session/{}/screenshot", self.session),
            None,
        );
        decode_base64(encoded.as_str().expect("base64 text"))
    }

    /// Messages the page logged to the console at level SEVERE (errors) since the last call.
    pub fn console_errors(&self) -> Vec<String> {
        let entries = self.call(
            "POST",
            &format!("/session/{}/se/log", self.session),
            Some(json!({ "type": "browser" })),
        );
        entries
            .as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| e["message"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// Loads axe-core (`axe`, from [`axe_source`]) into the open page and runs it: each
    /// violation as `id: help (targets)`.
    pub fn axe_violations(&self, axe: &str) -> Value {
        self.run(axe);
        self.run_async(
            "const done = arguments[arguments.length - 1]; axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')')));",
        )
    }

    /// A DevTools protocol command on the page, through chromedriver.
    pub fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.call(
            "POST",
            &format!("/session/{}/goog/cdp/execute", self.session),
            Some(json!({ "cmd": cmd, "params": params })),
        )
    }

    pub fn run(&self, script: &str) -> Value {
        self.call(
            "POST",
            &format!("/session/{}/execute/sync", self.session),
            Some(json!({ "script": script, "args": [] })),
        )
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let mut stream =
            TcpStream::connect(("127.0.0.1", self.port)).expect("connect to chromedriver");
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        // chromedriver keeps connections open: read the head, then exactly Content-Length bytes.
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        let mut raw = Vec::new();
        let mut byte = [0u8; 1];
        while !raw.ends_with(b"\r\n\r\n") {
            let read = stream
                .read(&mut byte)
                .unwrap_or_else(|e| panic!("WebDriver {method} {path}: no answer: {e}"));
            assert_eq!(
                read, 1,
                "chromedriver closed the connection during {method} {path}"
            );
            raw.push(byte[0]);
        }
        let head = String::from_utf8_lossy(&raw).to_ascii_lowercase();
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse().ok())
            .expect("a Content-Length");
        let mut body = vec![0u8; length];
        stream.read_exact(&mut body).unwrap();
        let reply: Value = serde_json::from_slice(&body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&body)));
        assert!(
            reply["value"].get("error").is_none(),
            "WebDriver {path}: {reply}"
        );
        reply["value"].clone()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.call("DELETE", &format!("/session/{}", self.session), None)
            }));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let digits: Vec<u8> = text.bytes().filter_map(value).collect();
    digits
        .chunks(4)
        .flat_map(|chunk| {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, d)| n | (u32::from(*d) << (18 - 6 * i)));
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            bytes.into_iter().take(chunk.len().saturating_sub(1))
        })
        .collect()
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn an_edit_shows_in_the_open_page_and_a_stylesheet_swaps_without_reload() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = Site::new()
        .file(
            "content/en/ops.md",
            "---\ntitle: Ops\n---\n\nThe first text.\n",
        )
        .file("content/nb/ops.md", "---\ntitle: Drift\n---\n\nTekst.\n")
        .file(
            "static/theme/handbok.css",
            "body { color: rgb(1, 2, 3); }\n",
        );
    let server = Server::start(&site);
    browser.open(&format!("{}en/ops/", server.url));
    assert_eq!(
        browser.run("return document.querySelector('h1').textContent"),
        "Ops"
    );
    let text = "return document.querySelector('.content').textContent.trim()";
    assert_eq!(browser.run(text), "The first text.");
    // Wait until the page's live-reload socket is open, then mark this page load.
    eventually("the live-reload connection", || {
        browser.run("return performance.getEntriesByType('resource').some(e => e.name.includes('livereload.js'))") == json!(true)
    });
    std::thread::sleep(Duration::from_millis(300));
    browser.run("window.__handbokTestMarker = 'same page load'; return null");

    site.write(
        "content/en/ops.md",
        "---\ntitle: Ops\n---\n\nThe second text.\n",
    );
    eventually(
        "the new text in the browser, without a manual refresh",
        || browser.run(text) == json!("The second text."),
    );
    assert_eq!(
        browser.run("return window.__handbokTestMarker || null"),
        Value::Null,
        "the page was reloaded by handbok"
    );

    std::thread::sleep(Duration::from_millis(300));
    browser.run("window.__handbokTestMarker = 'kept'; return null");
    site.write(
        "static/theme/handbok.css",
        "body { color: rgb(9, 8, 7); }\n",
    );
    eventually("the new stylesheet applies", || {
        browser.run("return getComputedStyle(document.body).color") == json!("rgb(9, 8, 7)")
    });
    assert_eq!(
        browser.run("return window.__handbokTestMarker || null"),
        json!("kept"),
        "no reload for a stylesheet"
    );
}

/// axe-core's script, installed by `.ci/run` (`npm install` in tests/node).
pub fn axe_source() -> Option<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/node/node_modules/axe-core/axe.min.js");
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(_) if std::env::var("CI").is_ok_and(|v| v == "true") => panic!(
            "CI=true but {} is missing; .ci/run installs it",
            path.display()
        ),
        Err(_) => {
            eprintln!(
                "SKIPPED: accessibility test needs axe-core (cd tests/node && npm install axe-core@4)"
            );
            None
        }
    }
}

/// The handbook itself, served: every page type in both languages has no axe-core
/// violations and no console errors; screenshots at three widths go to
/// target/screenshots/ for people to look at.
#[test]
fn theme_is_accessible_error_free_and_captured_at_three_widths() {
    let Some(axe) = axe_source() else { return };
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = Site::handbook();
    // What the handbook's pages do not hold yet: highlighted code, callouts, a wide table.
    site.write(
        "content/en/theme-sample.md",
        "---\ntitle: Theme sample\n---\n\n## Code\n\n```yaml\nreplicas: 3 # comment\nimage: \"web:1.2\"\n```\n\n```sh\nkubectl rollout status deploy/web --timeout=60s\n```\n\n> [!WARNING]\n> Back up first.\n\n> [!TIP]\n> A tip.\n\n| service | owner | on-call | runbook | dashboard | alerts | notes |\n|---|---|---|---|---|---|---|\n| web-frontend-service | platform-team | platform-on-call | runbooks/web-frontend-service | dashboards/web-frontend-service | alerts/web-frontend-service | a long cell that needs room |\n",
    );
    site.write(
        "content/en/guides/_index.md",
        "---\ntitle: Guides\ningress: How-to guides.\n---\n",
    );
    site.write(
        "content/en/guides/backup.md",
        "---\ntitle: Backup\nnavigation_link:\n  subtitle: Keep copies\n---\n\n## Why\n\nText.\n",
    );
    site.write(
        "content/nb/guides/_index.md",
        "---\ntitle: Veiledninger\ningress: Slik gjør du det.\n---\n",
    );
    site.write(
        "content/nb/guides/backup.md",
        "---\ntitle: Sikkerhetskopi\n---\n\n## Hvorfor\n\nTekst.\n",
    );
    let server = Server::start(&site);
    let shots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let pages = [
        ("front-en", "en/"),
        ("front-nb", "nb/"),
        ("page-with-banner-en", "en/ops/"),
        ("page-with-banner-nb", "nb/ops/"),
        ("untranslated-en", "en/role-of-ops-in-deployment/"),
        ("untranslated-nb", "nb/organisering-av-drift/"),
        ("fallback-nb", "nb/role-of-ops-in-deployment/"),
        ("fallback-en", "en/organisering-av-drift/"),
        ("not-found", "404.html"),
        ("section-en", "en/guides/"),
        ("section-nb", "nb/guides/"),
        ("code-callouts-table", "en/theme-sample/"),
        ("print-en", "en/print/"),
        ("print-nb", "nb/print/"),
    ];
    let mut problems = Vec::new();
    for (name, path) in pages {
        browser.resize(1280, 900);
        browser.open(&format!("{}{path}", server.url));
        browser.run(&axe);
        let result = browser.run_async(
            "const done = arguments[arguments.length - 1]; axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')')));",
        );
        for violation in result.as_array().into_iter().flatten() {
            problems.push(format!("{path}: {violation}"));
        }
        for error in browser.console_errors() {
            problems.push(format!("{path}: console error: {error}"));
        }
        for width in [375, 768, 1280] {
            browser.resize(width, 900);
            let overflow = browser.run("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            if overflow.as_i64().unwrap_or(0) > 0 {
                problems.push(format!(
                    "{path}: {overflow} px wider than a {width} px screen"
                ));
            }
            std::fs::write(
                shots.join(format!("{name}-{width}.png")),
                browser.screenshot(),
            )
            .unwrap();
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(shots.join("front-nb-375.png").metadata().unwrap().len() > 1000);
}

/// The narrow-screen menu opens by click and by keyboard, and the language switcher leads
/// to the translation.
#[test]
fn mobile_menu_and_language_switcher_work_by_click_and_keyboard() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = Site::handbook();
    let server = Server::start(&site);
    browser.resize(375, 800);
    browser.open(&format!("{}en/ops/", server.url));
    let nav_visible =
        "return getComputedStyle(document.getElementById('site-nav')).display !== 'none'";
    assert_eq!(
        browser.run(nav_visible),
        json!(false),
        "the menu starts closed on a phone"
    );
    browser.run("document.querySelector('.menu-button').click(); return null");
    assert_eq!(browser.run(nav_visible), json!(true));
    assert_eq!(
        browser.run("return document.querySelector('.menu-button').getAttribute('aria-expanded')"),
        "true"
    );
    // Keyboard: focus the button and press Enter, then Space.
    browser.run("document.querySelector('.menu-button').focus(); return null");
    browser.press("\u{E007}");
    assert_eq!(browser.run(nav_visible), json!(false), "Enter closes it");
    browser.press(" ");
    assert_eq!(browser.run(nav_visible), json!(true), "Space opens it");
    // The language switcher by keyboard: focus its link and press Enter.
    browser.run("document.querySelector('.language-switcher a[hreflang=nb]').focus(); return null");
    browser.press("\u{E007}");
    eventually("the Norwegian page", || {
        browser.run("return location.pathname") == json!("/nb/ops/")
    });
    assert_eq!(browser.run("return document.documentElement.lang"), "nb");
    // And back by click, once the page has loaded.
    eventually("the switcher of the Norwegian page", || {
        browser.run("return document.readyState === 'complete' && !!document.querySelector('.language-switcher a[hreflang=en]')") == json!(true)
    });
    browser.run("document.querySelector('.language-switcher a[hreflang=en]').click(); return null");
    eventually("the English page", || {
        browser.run("return location.pathname") == json!("/en/ops/")
    });
    assert_eq!(browser.run("return document.documentElement.lang"), "en");
}

/// An untranslated page's switcher leads to its fallback page, which says so in the reader's
/// language, links to the original, and has no axe-core violations.
#[test]
fn the_switcher_leads_to_a_fallback_page_that_says_what_it_is() {
    let Some(axe) = axe_source() else { return };
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = Site::handbook();
    let server = Server::start(&site);
    browser.open(&format!("{}en/role-of-ops-in-deployment/", server.url));
    browser.run("document.querySelector('.language-switcher a[hreflang=nb]').click(); return null");
    eventually("the Norwegian fallback page", || {
        browser.run("return location.pathname") == json!("/nb/role-of-ops-in-deployment/")
            && browser.run("return document.readyState") == json!("complete")
    });
    assert_eq!(browser.run("return document.documentElement.lang"), "nb");
    let notice = browser.run(
        "const n = document.querySelector('.fallback-notice'); return n && n.offsetParent !== null ? n.innerText : null",
    );
    let notice = notice.as_str().expect("the notice is shown");
    assert!(notice.contains("ikke oversatt"), "{notice}");
    assert_eq!(
        browser.run("return document.querySelector('.content').lang"),
        "en",
        "the content is marked as English"
    );
    browser.run(&axe);
    let violations = browser.run_async(
        "const done = arguments[arguments.length - 1]; axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations.map(v => v.id + ': ' + v.help)));",
    );
    assert_eq!(violations, json!([]), "axe-core on the fallback page");
    browser.run("document.querySelector('.fallback-notice a').click(); return null");
    eventually("the original", || {
        browser.run("return location.pathname") == json!("/en/role-of-ops-in-deployment/")
    });
}

/// Sections in the navigation fold and unfold; the table of contents follows the reader.
#[test]
fn navigation_sections_fold_and_the_toc_follows_the_reader() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let mut site = Site::new();
    for i in 0..3 {
        site = site.file(
            &format!("content/en/guides/p{i}.md"),
            &format!("---\ntitle: Guide {i}\n---\n"),
        );
    }
    let long = (1..=6)
        .map(|i| format!("## Part {i}\n\n{}\n\n", "Text. ".repeat(400)))
        .collect::<String>();
    site = site.file(
        "content/en/guides/long.md",
        &format!("---\ntitle: Long\n---\n\n{long}"),
    );
    let server = Server::start(&site);
    browser.resize(1280, 800);
    browser.open(&format!("{}en/guides/long/", server.url));
    let list_hidden = "return document.querySelector('.site-nav li.nav-section > ul').hidden";
    assert_eq!(
        browser.run(list_hidden),
        json!(false),
        "the current section starts open"
    );
    browser.run("document.querySelector('.nav-toggle').focus(); return null");
    browser.press("\u{E007}");
    assert_eq!(browser.run(list_hidden), json!(true), "Enter folds it");
    assert_eq!(
        browser.run("return document.querySelector('.nav-toggle').getAttribute('aria-expanded')"),
        "false"
    );
    browser.run("document.querySelector('.nav-toggle').click(); return null");
    assert_eq!(browser.run(list_hidden), json!(false), "a click unfolds it");
    browser.run("document.getElementById('part-4').scrollIntoView(); return null");
    eventually("the TOC marks the part in view", || {
        browser.run("const a = document.querySelector('.toc a[aria-current]'); return a && a.getAttribute('href')") == json!("#part-4")
    });
}

/// The open page reconnects by itself when the server restarts, and reloads.
#[test]
fn the_page_reconnects_after_the_server_restarts() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = Site::new().file(
        "content/en/ops.md",
        "---\ntitle: Ops\n---\n\nBefore the restart.\n",
    );
    let port = free_port();
    let server = Server::start_on(&site, port);
    browser.open(&format!("{}en/ops/", server.url));
    eventually("the live-reload connection", || {
        browser.run("return performance.getEntriesByType('resource').some(e => e.name.includes('livereload.js'))") == json!(true)
    });
    std::thread::sleep(Duration::from_millis(300));
    browser.run("window.__handbokTestMarker = 'before'; return null");
    drop(server);
    site.write(
        "content/en/ops.md",
        "---\ntitle: Ops\n---\n\nAfter the restart.\n",
    );
    let _again = Server::start_on(&site, port);
    eventually("the page reloads by itself", || {
        browser.run(
            "const c = document.querySelector('.content'); return c ? c.textContent.trim() : ''",
        ) == json!("After the restart.")
    });
    assert_eq!(
        browser.run("return window.__handbokTestMarker || null"),
        Value::Null
    );
}

/// A plain static host: Python's `http.server` serving `folder` (the test builds the site
/// into a sub-folder of it, for a sub-path). Stopped when dropped.
pub struct StaticHost {
    process: Child,
    pub url: String,
}

impl StaticHost {
    pub fn start(folder: &std::path::Path) -> StaticHost {
        StaticHost::start_on(folder, free_port())
    }

    /// On a given port: the same origin again, after a restart.
    pub fn start_on(folder: &std::path::Path, port: u16) -> StaticHost {
        let process = Command::new("python3")
            .args(["-m", "http.server", "--bind", "127.0.0.1", "--directory"])
            .arg(folder)
            .arg(port.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 -m http.server (Debian's python3)");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "http.server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        StaticHost {
            process,
            url: format!("http://127.0.0.1:{port}/"),
        }
    }
}

impl Drop for StaticHost {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// Search on the built handbook, served by a plain static host under a sub-path: a reader
/// presses `/`, types a Norwegian word, sees the page and the heading it is under with the
/// words marked, moves with the arrow keys and opens the result with Enter.
#[test]
fn search_finds_norwegian_words_in_their_forms_and_opens_the_result_by_keyboard() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = Site::handbook();
    site.write(
        "content/nb/guides/backup.md",
        "---\ntitle: Sikkerhetskopiering\n---\n\n## Rutiner\n\nVi tar kopi av databasene hver natt.\n",
    );
    let hosted = tempfile::tempdir().unwrap();
    let server = StaticHost::start(hosted.path());
    let host = format!("{}handbook/", server.url);
    let output = hosted.path().join("handbook");
    let run = site.run(&[
        "build",
        "--base-url",
        &host,
        "--output",
        output.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    browser.resize(1280, 900);
    browser.open(&format!("{host}nb/"));
    eventually("the search box", || {
        browser.run("return !!document.querySelector('.search:not([hidden])')") == json!(true)
    });
    browser.press("/");
    assert_eq!(
        browser.run("return document.activeElement.id"),
        "search-input",
        "`/` focuses the search box"
    );
    browser.type_text("overvåking");
    let titles = "return Array.from(document.querySelectorAll('#search-results [role=option] .search-result-title')).map(e => e.textContent)";
    eventually("results for overvåking", || {
        browser
            .run(titles)
            .as_array()
            .is_some_and(|t| !t.is_empty())
    });
    let found = browser.run(titles);
    assert!(
        found
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t.as_str().unwrap().starts_with("Slik organiserer vi drift")),
        "{found}"
    );
    assert_eq!(
        browser.run("return document.getElementById('search-input').getAttribute('aria-expanded')"),
        "true"
    );
    let marked = browser.run("return Array.from(document.querySelectorAll('#search-results mark')).map(e => e.textContent.toLowerCase())");
    let marked: Vec<&str> = marked
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(marked.contains(&"overvåking"), "{marked:?}");
    assert!(
        marked.iter().any(|m| m.starts_with("overvåke")),
        "`overvåke` and `overvåker` are the same word: {marked:?}"
    );
    // All results are Norwegian pages.
    let links = browser.run("return Array.from(document.querySelectorAll('#search-results a')).map(a => new URL(a.href).pathname)");
    for link in links.as_array().unwrap() {
        assert!(
            link.as_str().unwrap().starts_with("/handbook/nb/"),
            "{links}"
        );
    }

    // Arrow keys move the active option; Enter opens it.
    let active =
        "return document.getElementById('search-input').getAttribute('aria-activedescendant')";
    browser.press("\u{E015}");
    assert_eq!(browser.run(active), "search__0");
    browser.press("\u{E015}");
    browser.press("\u{E013}");
    assert_eq!(browser.run(active), "search__0", "up goes back");
    assert_eq!(
        browser.run("return document.getElementById('search__0').getAttribute('aria-selected')"),
        "true"
    );
    let target = browser.run("return document.getElementById('search__0').href");
    browser.press("\u{E007}");
    eventually("the result's page", || {
        browser.run("return location.href") == target
    });
    let target = target.as_str().unwrap();
    assert!(
        target.contains("/handbook/nb/") && target.contains('#'),
        "links to the heading: {target}"
    );
    assert!(browser.console_errors().is_empty());

    // Diacritics left out and a word's stem: still found. Escape closes the results.
    eventually("the search box on the new page", || {
        browser.run("return document.readyState === 'complete' && !!document.querySelector('.search:not([hidden])')") == json!(true)
    });
    for (query, page) in [
        ("overvaking", "Slik organiserer vi drift"),
        ("sikkerhetskopi", "Sikkerhetskopiering"),
    ] {
        browser.run("const input = document.getElementById('search-input'); input.value = ''; input.focus(); return null");
        browser.type_text(query);
        eventually(&format!("{page} among the results for {query}"), || {
            browser
                .run(titles)
                .as_array()
                .is_some_and(|t| t.iter().any(|t| t.as_str().unwrap().starts_with(page)))
        });
    }
    browser.press("\u{E00C}");
    assert_eq!(
        browser.run("return document.querySelector('.search-panel').hidden"),
        json!(true),
        "Escape closes the results"
    );
    browser.run("const input = document.getElementById('search-input'); input.value = ''; input.focus(); return null");
    browser.type_text("qwxyzzy");
    eventually("no results, said", || {
        browser.run("return document.querySelector('.search [role=status]').textContent")
            == json!("Ingen treff")
    });
    // Last, as WebDriver key actions after a screenshot have hung in headless Chromium: the
    // open results, checked by axe-core and captured for people to look at.
    browser.run("const input = document.getElementById('search-input'); input.value = 'overvåking'; input.dispatchEvent(new Event('input')); return null");
    eventually("results again", || {
        browser
            .run(titles)
            .as_array()
            .is_some_and(|t| !t.is_empty())
    });
    let shots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    std::fs::write(shots.join("search-nb-1280.png"), browser.screenshot()).unwrap();
    if let Some(axe) = axe_source() {
        browser.run(&axe);
        let violations = browser.run_async(
            "const done = arguments[arguments.length - 1]; axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations.map(v => v.id + ': ' + v.help)));",
        );
        assert_eq!(violations, json!([]), "axe-core, with the results open");
    }
}

/// A page of diagrams, one of each kind, in light and dark mode: the drawings take the
/// theme's colours of each, and the page has no axe-core violations in either.
#[test]
fn diagrams_follow_dark_mode_and_are_accessible() {
    use crate::diagrams::{FLOWCHART, SEQUENCE, STATE};
    let Some(axe) = axe_source() else { return };
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = Site::new()
        .file("content/en/_index.md", "---\ntitle: Handbook\n---\n")
        .file("content/nb/_index.md", "---\ntitle: Håndbok\n---\n")
        .file(
            "content/en/diagrams.md",
            &format!("---\ntitle: Diagrams\n---\n\n{FLOWCHART}\n{SEQUENCE}\n{STATE}"),
        );
    let server = Server::start(&site);
    let shots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    browser.resize(1000, 1400);
    browser.open(&format!("{}en/diagrams/", server.url));
    browser.run(&axe);
    // The computed colours of a node, its label, an edge and the page behind them.
    let colours = || {
        browser.run(
            "const svg = document.querySelector('figure.diagram svg'); const style = e => getComputedStyle(e); \
             return [style(svg.querySelector('[fill=\"#e8f1fb\"]')).fill, style(svg.querySelector('text')).fill, \
                     style(svg.querySelector('path[stroke=\"#1f2328\"]')).stroke, style(document.documentElement).backgroundColor];",
        )
    };
    let mut seen = Vec::new();
    for scheme in ["light", "dark"] {
        browser.color_scheme(scheme);
        eventually("the colour scheme applies", || {
            browser
                .run(&format!(
                    "return matchMedia('(prefers-color-scheme: {scheme})').matches"
                ))
                .as_bool()
                == Some(true)
        });
        let violations = browser.run_async(
            "const done = arguments[arguments.length - 1]; axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')')));",
        );
        assert_eq!(violations, json!([]), "{scheme}");
        std::fs::write(
            shots.join(format!("diagrams-{scheme}.png")),
            browser.screenshot(),
        )
        .unwrap();
        seen.push(colours());
    }
    let rgb = |hex: &str| {
        let n = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap();
        format!("rgb({}, {}, {})", n(1), n(3), n(5))
    };
    // Light: the values the renderer drew with; dark: the dark values of the same properties.
    assert_eq!(
        seen[0],
        json!([
            rgb("#e8f1fb"),
            rgb("#1f2328"),
            rgb("#1f2328"),
            rgb("#ffffff")
        ])
    );
    assert_eq!(
        seen[1],
        json!([
            rgb("#16283b"),
            rgb("#e6edf3"),
            rgb("#e6edf3"),
            rgb("#0f1419")
        ])
    );
    assert!(browser.console_errors().is_empty());
}
