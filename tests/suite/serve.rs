//! `handbok serve` over real HTTP and WebSocket: start it on a free port, edit files the way
//! editors do, and observe what it serves.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::Site;

pub struct Server {
    child: Child,
    pub url: String,
    pub port: u16,
}

impl Server {
    pub fn start(site: &Site) -> Server {
        Server::start_on(site, 0)
    }

    /// On a given port (0: any free one).
    pub fn start_on(site: &Site, port: u16) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_handbok"))
            .args(["serve", "--port", &port.to_string(), "--root"])
            .arg(&site.root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start handbok serve");
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let first = lines.next().expect("serve prints its address").unwrap();
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let url = first
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .expect("an address")
            .to_string();
        let port = url
            .trim_end_matches('/')
            .rsplit(':')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        Server { child, url, port }
    }

    /// A raw HTTP/1.1 request, so paths reach the server exactly as written.
    pub fn request(&self, method: &str, path: &str) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete response");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        let headers = head
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let bytes = raw[split + 4..].to_vec();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes,
        }
    }

    pub fn get(&self, path: &str) -> Reply {
        self.request("GET", path)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub bytes: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Polls until `check` holds; panics with `what` after a few seconds.
pub fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("timed out waiting for: {what}");
}

fn preview_site() -> Site {
    Site::new()
        .file("content/en/_index.md", "---\ntitle: Handbook\n---\nWelcome.\n")
        .file("content/nb/_index.md", "---\ntitle: Håndbok\n---\nVelkommen.\n")
        .file("content/en/ops.md", "---\ntitle: Ops\nnavigation_link:\n  subtitle: Principles\nweight: 1\n---\n\nFirst version.\n")
        .file("content/nb/ops.md", "---\ntitle: Drift\n---\n\nFørste versjon.\n")
        .file("content/nb/overvåking.md", "---\ntitle: Overvåking\n---\n\nOm overvåking.\n")
        .file("static/style.css", "body { color: red }\n")
        .file("static/app.js", "console.log(1)\n")
        .file("static/data.json", "{}\n")
        .file("static/notes.txt", "notes\n")
        .file("static/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
        .bytes("static/a.png", b"\x89PNG")
        .bytes("static/b.jpg", b"\xff\xd8")
        .bytes("static/c.webp", b"RIFF")
        .bytes("static/d.woff2", b"wOF2")
}

#[test]
fn serves_pages_files_and_a_real_404() {
    let site = preview_site();
    let server = Server::start(&site);
    let page = server.get("/en/ops/");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(page.body.contains("First version."));
    assert!(
        page.body.contains("/__handbok/livereload.js"),
        "the live-reload script is injected"
    );
    for (path, kind) in [
        ("/style.css", "text/css; charset=utf-8"),
        ("/app.js", "text/javascript; charset=utf-8"),
        ("/data.json", "application/json"),
        ("/notes.txt", "text/plain; charset=utf-8"),
        ("/logo.svg", "image/svg+xml"),
        ("/a.png", "image/png"),
        ("/b.jpg", "image/jpeg"),
        ("/c.webp", "image/webp"),
        ("/d.woff2", "font/woff2"),
        ("/sitemap.xml", "application/xml"),
        ("/theme/handbok.css", "text/css; charset=utf-8"),
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.header("content-type"), Some(kind), "{path}");
    }
    let missing = server.get("/en/nope/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("Page not found"),
        "the site's own 404 page"
    );
    let head = server.request("HEAD", "/en/ops/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    let redirect = server.get("/en/ops");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("location"), Some("/en/ops/"));
    let redirect = server.get("/en/ops?from=mail");
    assert_eq!(redirect.header("location"), Some("/en/ops/?from=mail"));
    let norwegian = server.get("/nb/overv%C3%A5king/");
    assert_eq!(norwegian.status, 200);
    assert!(norwegian.body.contains("Om overvåking."));
    assert_eq!(server.get("/").status, 200);
    // serve never writes into the site folder.
    assert!(!site.root.join("public").exists());
}

/// A branch switch or restore replaces `content/` as a whole: the new folder is watched, so
/// later edits in it show up.
#[test]
fn a_replaced_content_folder_is_watched_again() {
    let site = preview_site();
    let server = Server::start(&site);
    assert!(server.get("/en/ops/").body.contains("First version."));
    let content = site.root.join("content");
    let elsewhere = site.root.join("content-copy");
    std::fs::rename(&content, &elsewhere).unwrap();
    eventually("the pages are gone with their folder", || {
        server.get("/en/ops/").status == 404
    });
    std::fs::rename(&elsewhere, &content).unwrap();
    eventually("the pages are back", || {
        server.get("/en/ops/").status == 200
    });
    site.write(
        "content/en/ops.md",
        "---\ntitle: Ops\n---\n\nAfter the switch.\n",
    );
    site.write("content/en/new.md", "---\ntitle: New\n---\n\nFresh.\n");
    eventually("edits in the new folder are served", || {
        server.get("/en/ops/").body.contains("After the switch.")
            && server.get("/en/new/").status == 200
    });
}

#[test]
fn a_taken_port_is_reported_and_the_next_one_used() {
    let site = preview_site();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_handbok"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(&site.root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let second = lines.next().unwrap().unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(!first.contains(&format!(":{port}/")), "{first}");
    assert!(
        second.contains(&format!("port {port} was taken")),
        "{second}"
    );
}

#[test]
fn path_traversal_never_reads_outside_the_site() {
    let site = preview_site();
    let secret = site.root.parent().unwrap().join("secret.txt");
    std::fs::write(&secret, "TOP SECRET").unwrap();
    let server = Server::start(&site);
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/static/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/C:/Windows/win.ini",
        "/../site.yaml",
        "/content/en/ops.md",
        "/site.yaml",
    ] {
        let reply = server.get(path);
        assert!(
            reply.status == 400 || reply.status == 404,
            "{path}: {}",
            reply.status
        );
        assert!(
            !reply.body.contains("TOP SECRET")
                && !reply.body.contains("root:")
                && !reply.body.contains("base_url"),
            "{path}"
        );
    }
}

#[test]
fn edits_creations_renames_and_deletes_show_up() {
    let site = preview_site();
    let server = Server::start(&site);
    assert!(server.get("/en/ops/").body.contains("First version."));

    // In-place write.
    site.write("content/en/ops.md", "---\ntitle: Ops\nnavigation_link:\n  subtitle: Principles\nweight: 1\n---\n\nSecond version.\n");
    eventually("the edit is served", || {
        server.get("/en/ops/").body.contains("Second version.")
    });

    // Atomic save: write a temporary file, rename it over the page (vim, JetBrains, VS Code).
    site.write(
        "content/en/.ops.md.tmp",
        "---\ntitle: Ops\n---\n\nThird version.\n",
    );
    std::fs::rename(
        site.root.join("content/en/.ops.md.tmp"),
        site.root.join("content/en/ops.md"),
    )
    .unwrap();
    eventually("the atomic save is served", || {
        server.get("/en/ops/").body.contains("Third version.")
    });

    // Swap and backup files are not pages.
    site.write("content/en/.ops.md.swp", "garbage");
    site.write("content/en/ops.md~", "garbage");
    site.write("content/en/4913", "");

    // A new page, in a new folder.
    site.write(
        "content/en/guides/backup.md",
        "---\ntitle: Backup\n---\n\nBack it up.\n",
    );
    eventually("the new page appears", || {
        server.get("/en/guides/backup/").status == 200
    });
    assert!(
        server.get("/en/ops/").body.contains("href=\"/en/guides/\""),
        "navigation of other pages shows the new section"
    );

    // Rename: the old URL is gone, the new one serves.
    std::fs::rename(
        site.root.join("content/en/guides/backup.md"),
        site.root.join("content/en/guides/restore.md"),
    )
    .unwrap();
    eventually("the renamed page moves", || {
        server.get("/en/guides/backup/").status == 404
            && server.get("/en/guides/restore/").status == 200
    });

    // Delete.
    std::fs::remove_file(site.root.join("content/en/guides/restore.md")).unwrap();
    eventually("the deleted page answers 404", || {
        server.get("/en/guides/restore/").status == 404
    });
    assert!(!site.root.join("public").exists());
}

#[test]
fn a_broken_page_shows_an_overlay_over_the_last_good_version_until_fixed() {
    let site = preview_site();
    let server = Server::start(&site);
    assert!(server.get("/en/ops/").body.contains("First version."));
    site.write(
        "content/en/ops.md",
        "---\ntitle: [Ops\n---\n\nBroken version.\n",
    );
    eventually("the overlay appears", || {
        server
            .get("/en/ops/")
            .body
            .contains("handbok-error-overlay")
    });
    let page = server.get("/en/ops/");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("First version."),
        "the last good content stays"
    );
    assert!(
        page.body.contains("content/en/ops.md:2:"),
        "the overlay names file and line"
    );
    assert!(
        server
            .get("/nb/ops/")
            .body
            .contains("handbok-error-overlay"),
        "on every page"
    );
    site.write(
        "content/en/ops.md",
        "---\ntitle: Ops\n---\n\nFixed version.\n",
    );
    eventually("the overlay goes", || {
        let body = server.get("/en/ops/").body;
        body.contains("Fixed version.") && !body.contains("handbok-error-overlay")
    });
}

#[test]
fn open_tabs_are_told_to_reload_and_do_not_block_other_requests() {
    let site = preview_site();
    let server = Server::start(&site);
    let socket_url = format!("ws://127.0.0.1:{}/__handbok/livereload", server.port);
    let mut tabs: Vec<_> = (0..10)
        .map(|_| {
            let (socket, _) = tungstenite::connect(&socket_url).expect("WebSocket handshake");
            socket
        })
        .collect();
    // Ten held connections do not stop pages from loading.
    for _ in 0..12 {
        assert_eq!(server.get("/en/ops/").status, 200);
    }
    std::thread::sleep(Duration::from_millis(100));
    site.write("content/en/ops.md", "---\ntitle: Ops\nnavigation_link:\n  subtitle: Principles\nweight: 1\n---\n\nLive version.\n");
    for tab in &mut tabs {
        if let tungstenite::stream::MaybeTlsStream::Plain(stream) = tab.get_ref() {
            stream
                .set_read_timeout(Some(Duration::from_secs(10)))
                .unwrap();
        }
        loop {
            let message = next_notice(tab);
            if message.contains("\"reload\"") {
                assert!(message.contains("/en/ops/"), "{message}");
                break;
            }
        }
    }
    // A stylesheet change is sent as a stylesheet swap, not a reload.
    site.write("static/style.css", "body { color: blue }\n");
    let tab = &mut tabs[0];
    loop {
        let message = next_notice(tab);
        if message.contains("\"css\"") {
            assert!(message.contains("/style.css"), "{message}");
            break;
        }
        assert!(
            !message.contains("\"reload\""),
            "a stylesheet change must not reload: {message}"
        );
    }
}

pub fn next_notice<S: std::io::Read + std::io::Write>(
    tab: &mut tungstenite::WebSocket<S>,
) -> String {
    tab.read()
        .expect("a notice")
        .into_text()
        .unwrap()
        .to_string()
}

/// After a series of edits, every page the server returns equals what a fresh build of the
/// same files produces (apart from the injected live-reload script).
#[test]
fn served_pages_equal_a_fresh_build_after_edits() {
    let site = preview_site();
    let server = Server::start(&site);
    // Look at every page once, so the cache holds them all before the edits.
    for path in [
        "/",
        "/en/",
        "/nb/",
        "/en/ops/",
        "/nb/ops/",
        "/nb/overv%C3%A5king/",
        "/404.html",
        "/sitemap.xml",
    ] {
        assert_eq!(server.get(path).status, 200, "{path}");
    }
    let edits: [(&str, &str, &str); 8] = [
        // body only
        (
            "content/nb/ops.md",
            "---\ntitle: Drift\n---\n\nAndre versjon.\n",
            "/nb/ops/",
        ),
        // title, and an alias for the old URL
        (
            "content/en/ops.md",
            "---\ntitle: Operations\naliases: [/old-ops/]\nnavigation_link:\n  subtitle: Principles\nweight: 1\n---\n\nBody.\n",
            "/en/ops/",
        ),
        // subtitle and weight
        (
            "content/en/ops.md",
            "---\ntitle: Operations\nnavigation_link:\n  subtitle: How we run things\nweight: 5\n---\n\nBody.\n",
            "/en/ops/",
        ),
        // a new page with a translation added
        (
            "content/en/backup.md",
            "---\ntitle: Backup\nweight: 2\n---\n\nBack up.\n",
            "/en/backup/",
        ),
        (
            "content/nb/backup.md",
            "---\ntitle: Sikkerhetskopi\n---\n\nTa backup.\n",
            "/nb/backup/",
        ),
        // the translation removed again (emptied to a draft)
        (
            "content/nb/backup.md",
            "---\ntitle: Sikkerhetskopi\ndraft: true\n---\n",
            "/nb/backup/",
        ),
        // a template
        (
            "templates/page.html",
            "{% extends \"base.html\" %}{% block main %}<h1 class=\"custom\">{{ page.title }}</h1>{{ page.content }}{% endblock main %}",
            "/en/ops/",
        ),
        // a static file
        ("static/new.css", "p { margin: 0 }\n", "/new.css"),
    ];
    let mut last = String::new();
    for (file, text, check) in edits {
        site.write(file, text);
        eventually(&format!("{file} is applied"), || {
            let body = server.get(check).body;
            body != last
        });
        last = server.get(check).body;
        std::thread::sleep(Duration::from_millis(120));
    }
    // The translation is gone: its fallback, the English page, is shown there now.
    eventually("the translation is gone", || {
        let page = server.get("/nb/backup/");
        page.status == 200
            && page
                .body
                .contains(r#"<meta name="robots" content="noindex">"#)
            && !page.body.contains("Sikkerhetskopi")
    });

    assert_served_equals_build(&site, &server, "after the edits");
}

/// Builds the site's files afresh and asserts the server returns every file the build
/// wrote, byte for byte (apart from the injected live-reload script).
fn assert_served_equals_build(site: &Site, server: &Server, when: &str) {
    let output = tempfile::tempdir().unwrap();
    let public = output.path().join("public");
    let run = site.run(&[
        "build",
        "--base-url",
        &server.url,
        "--output",
        public.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let relative = entry
            .path()
            .strip_prefix(&public)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if relative == ".handbok-output" {
            continue;
        }
        let built = std::fs::read(entry.path()).unwrap();
        let mut url = String::from("/");
        for byte in relative.bytes() {
            if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
                url.push(byte as char);
            } else {
                url.push_str(&format!("%{byte:02X}"));
            }
        }
        let served = server.get(&url);
        assert_eq!(served.status, 200, "{relative} {when}");
        if relative.ends_with(".html") {
            let served = served
                .body
                .replace("<script src=\"/__handbok/livereload.js\"></script>", "");
            assert_eq!(
                served,
                String::from_utf8(built).unwrap(),
                "{relative} differs between serve and build {when}"
            );
        } else {
            assert_eq!(
                served.bytes, built,
                "{relative} differs between serve and build {when}"
            );
        }
        compared += 1;
    }
    assert!(compared >= 10, "compared only {compared} files {when}");
}

/// Edits of what other pages show of a page (title, subtitle, link title, weight, a
/// section's title) are applied without linking the tree again: after each one, the pages
/// that list, link or neighbour it equal a fresh build, also when the page moves among its
/// siblings, in its own language and where its fallback stands in for it.
#[test]
fn title_and_subtitle_edits_serve_what_a_fresh_build_gives() {
    let page =
        |title: &str, extra: &str| format!("---\ntitle: {title}\n{extra}---\n\nText of {title}.\n");
    let site = Site::new()
        .file(
            "content/en/_index.md",
            "---\ntitle: Handbook\n---\nWelcome.\n",
        )
        .file(
            "content/nb/_index.md",
            "---\ntitle: Håndbok\n---\nVelkommen.\n",
        )
        .file("content/en/guides/_index.md", &page("Guides", ""))
        .file("content/en/guides/alpha.md", &page("Alpha", ""))
        .file(
            "content/en/guides/beta.md",
            &page("Beta", "navigation_link:\n  subtitle: Second\n"),
        )
        .file("content/en/guides/gamma.md", &page("Gamma", ""))
        .file("content/en/tools/_index.md", &page("Tools", ""))
        .file("content/nb/guides/beta.md", &page("Betta", ""));
    let server = Server::start(&site);
    let urls = [
        "/en/",
        "/nb/",
        "/en/guides/",
        "/en/guides/alpha/",
        "/en/guides/beta/",
    ];
    let urls = urls
        .iter()
        .chain(&["/en/guides/gamma/", "/nb/guides/", "/nb/guides/alpha/"]);
    for url in urls {
        assert_eq!(server.get(url).status, 200, "{url}");
    }
    // Each edit, and what the page at the URL shows in this order once it is applied.
    let edits = [
        // from first to last in its section, and in the Norwegian fallback's
        (
            "content/en/guides/alpha.md",
            page("Zeta", ""),
            "/en/guides/beta/",
            ["Gamma", "Zeta"],
        ),
        (
            "content/en/guides/beta.md",
            page("Beta", "navigation_link:\n  subtitle: Later\n"),
            "/en/guides/gamma/",
            ["Beta", "Later"],
        ),
        (
            "content/en/guides/gamma.md",
            page("Gamma", "linkTitle: Γ\n"),
            "/en/guides/beta/",
            ["Beta", "Γ"],
        ),
        // a weight puts it first
        (
            "content/en/guides/gamma.md",
            page("Gamma", "linkTitle: Γ\nweight: 1\n"),
            "/en/guides/beta/",
            ["Γ", "Beta"],
        ),
        // a section moves after its sibling and renames the breadcrumbs below it
        (
            "content/en/guides/_index.md",
            page("Walkthroughs", ""),
            "/en/guides/beta/",
            ["Tools", "Walkthroughs"],
        ),
        // a translation moves after the fallbacks beside it (æ sorts after z)
        (
            "content/nb/guides/beta.md",
            page("Ærlig beta", ""),
            "/nb/guides/alpha/",
            ["Zeta", "Ærlig beta"],
        ),
    ];
    for (file, text, url, shows) in edits {
        site.write(file, &text);
        eventually(&format!("{url} shows {shows:?}"), || {
            let body = server.get(url).body;
            let at = |text: &str| body.find(&format!(">{text}<")).or_else(|| body.find(text));
            matches!((at(shows[0]), at(shows[1])), (Some(a), Some(b)) if a < b)
        });
        assert_served_equals_build(&site, &server, &format!("after editing {file}"));
        std::thread::sleep(Duration::from_millis(120));
    }
    // Only a new alias: the old URL redirects at once.
    let gamma = page("Gamma", "linkTitle: Γ\nweight: 1\naliases: [/old-gamma/]\n");
    site.write("content/en/guides/gamma.md", &gamma);
    eventually("/old-gamma/ redirects", || {
        server.get("/old-gamma/").body.contains("/en/guides/gamma/")
    });
    assert_served_equals_build(&site, &server, "after a new alias");
}

#[test]
fn an_edit_of_an_included_file_shows_in_the_pages_that_include_it() {
    let site = preview_site()
        .file(
            "content/en/parts/escalation.md",
            "---\ntitle: Escalation\nheadless: true\n---\nCall the duty manager.\n\n{{#include contacts.md}}\n",
        )
        .file(
            "content/en/parts/contacts.md",
            "---\ntitle: Contacts\nheadless: true\n---\nPhone 1234.\n",
        )
        .file(
            "content/en/incident.md",
            "---\ntitle: Incident\n---\n{{#include parts/escalation.md}}\n",
        )
        .file(
            "content/en/guides/outage.md",
            "---\ntitle: Outage\n---\n{{#include ../parts/contacts.md}}\n",
        );
    let server = Server::start(&site);
    assert!(
        server
            .get("/en/incident/")
            .body
            .contains("Call the duty manager.")
    );
    assert!(
        server
            .get("/en/guides/outage/")
            .body
            .contains("Phone 1234.")
    );
    site.write(
        "content/en/parts/escalation.md",
        "---\ntitle: Escalation\nheadless: true\n---\nCall the incident lead.\n\n{{#include contacts.md}}\n",
    );
    eventually("the including page shows the edit", || {
        server
            .get("/en/incident/")
            .body
            .contains("Call the incident lead.")
    });
    site.write(
        "content/en/parts/contacts.md",
        "---\ntitle: Contacts\nheadless: true\n---\nPhone 5678.\n",
    );
    eventually("a file included through another one shows its edit", || {
        server.get("/en/incident/").body.contains("Phone 5678.")
    });
    eventually("and so does a page that includes it directly", || {
        server
            .get("/en/guides/outage/")
            .body
            .contains("Phone 5678.")
    });
    // A page that starts to include a file (a body edit) shows that file's later edits.
    site.write(
        "content/en/guides/outage.md",
        "---\ntitle: Outage\n---\n{{#include ../parts/contacts.md}}\n\n{{#include ../parts/escalation.md}}\n",
    );
    eventually("the page shows what it now includes", || {
        server
            .get("/en/guides/outage/")
            .body
            .contains("Call the incident lead.")
    });
    site.write(
        "content/en/parts/escalation.md",
        "---\ntitle: Escalation\nheadless: true\n---\nCall the on-call engineer.\n\n{{#include contacts.md}}\n",
    );
    eventually("and that file's next edit", || {
        server
            .get("/en/guides/outage/")
            .body
            .contains("Call the on-call engineer.")
    });
}

#[test]
fn a_body_edit_shows_in_the_pages_fallbacks() {
    let site = preview_site().file("content/en/solo.md", "---\ntitle: Solo\n---\nALPHA\n");
    let server = Server::start(&site);
    assert!(server.get("/nb/solo/").body.contains("ALPHA"));
    site.write("content/en/solo.md", "---\ntitle: Solo\n---\nBETA\n");
    eventually("the page shows the edit", || {
        server.get("/en/solo/").body.contains("BETA")
    });
    eventually("and so does its fallback in nb", || {
        server.get("/nb/solo/").body.contains("BETA")
    });
}

#[test]
fn adding_a_missing_image_clears_its_error() {
    let site = preview_site().file(
        "content/en/pic.md",
        "---\ntitle: Pic\n---\n\n![Diagram](/img/diagram.png)\n",
    );
    let server = Server::start(&site);
    let page = server.get("/en/pic/");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("handbok-error-overlay") && page.body.contains("content/en/pic.md:5:1"),
        "{}",
        page.body
    );
    site.write("static/img/diagram.png", "png");
    eventually("the error goes once the image exists", || {
        !server
            .get("/en/pic/")
            .body
            .contains("handbok-error-overlay")
    });
    assert_eq!(server.get("/img/diagram.png").status, 200);
    std::fs::remove_dir_all(site.root.join("static/img")).unwrap();
    eventually("a deleted folder of images is noticed", || {
        server
            .get("/en/pic/")
            .body
            .contains("handbok-error-overlay")
    });
    assert_eq!(server.get("/img/diagram.png").status, 404);
}

#[test]
fn a_site_yaml_edit_reloads_everything() {
    let site = preview_site();
    let server = Server::start(&site);
    assert!(server.get("/nb/ops/").body.contains("Testhåndboka"));
    site.write(
        "site.yaml",
        &crate::support::SITE_YAML.replace("Testhåndboka", "Ny håndbok"),
    );
    eventually("the new title on every page", || {
        server.get("/nb/ops/").body.contains("Ny håndbok")
            && server.get("/nb/").body.contains("Ny håndbok")
    });
    // A broken site.yaml keeps the last good site and shows the error.
    site.write("site.yaml", "title: [broken\n");
    eventually("the overlay", || {
        server
            .get("/nb/ops/")
            .body
            .contains("handbok-error-overlay")
    });
    assert!(server.get("/nb/ops/").body.contains("Ny håndbok"));
}

/// The preview serves the search index too, made from the pages as they are now: an edit
/// shows in search after the rebuild.
#[test]
fn search_index_is_served_and_follows_edits() {
    let site = preview_site();
    let server = Server::start(&site);
    let meta = server.get("/search/nb/meta.json");
    assert_eq!(meta.status, 200);
    assert_eq!(meta.header("content-type"), Some("application/json"));
    let meta: serde_json::Value = serde_json::from_str(&meta.body).unwrap();
    assert_eq!(meta["docs"], 3, "nb: front page, Drift and Overvåking");
    assert_eq!(server.get("/search/nb/t/_.json").status, 200);
    assert!(
        !server
            .get("/search/nb/t/_.json")
            .body
            .contains("sikkerhetskopi")
    );
    site.write(
        "content/nb/ops.md",
        "---\ntitle: Drift\n---\n\nOm sikkerhetskopiering.\n",
    );
    eventually("the new word in the served index", || {
        server
            .get("/search/nb/t/_.json")
            .body
            .contains("\"sikkerhetskopiering\":")
    });
    assert_eq!(server.get("/search/nb/t/nothing.json").status, 404);
}
