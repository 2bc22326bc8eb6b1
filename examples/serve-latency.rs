//! Save-to-updated-page latency of `handbok serve`: writes a page's file with a new marker
//! and polls over HTTP until the served page shows it.
//!
//! cargo build --release --bins --examples && target/release/examples/serve-latency --root DIR --page en/ops.md [--runs 30] [--edit body|title|subtitle]
//!
//! `--edit body` appends a line to the page (a text edit); `--edit title` changes its title and
//! `--edit subtitle` its navigation subtitle (`navigation_link: subtitle:`), which change
//! navigation and listings on other pages too.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let mut root = PathBuf::from(".");
    let mut page = String::from("en/ops.md");
    let mut runs = 30;
    let mut edit = String::from("body");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--root" => root = PathBuf::from(args.next().expect("--root DIR")),
            "--page" => page = args.next().expect("--page en/ops.md"),
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()).expect("--runs N"),
            "--edit" => edit = args.next().expect("--edit body|title|subtitle"),
            other => panic!("unknown argument {other}"),
        }
    }
    let binary = std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .join("../handbok");
    let started = Instant::now();
    let mut server = Command::new(&binary)
        .args(["serve", "--port", "0", "--root"])
        .arg(&root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e} (build with --release first)", binary.display()));
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    std::thread::spawn(move || for _ in lines {});
    let port: u16 = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .and_then(|url| url.trim_end_matches('/').rsplit(':').next()?.parse().ok())
        .expect("an address");
    let file = root.join("content").join(&page);
    let original = std::fs::read_to_string(&file).expect("the page's file");
    let stem = page
        .trim_end_matches(".md")
        .trim_end_matches("/index")
        .trim_end_matches("/_index");
    // The default theme shows a page's subtitle in its section's listing (the page's own
    // navigation may not reach that deep), so that is where a subtitle edit is looked for.
    let url = match edit.as_str() {
        "subtitle" => format!("/{}/", stem.rsplit_once('/').map_or("", |(dir, _)| dir)),
        _ => format!("/{stem}/"),
    };
    let restore = Restore {
        file: file.clone(),
        original: original.clone(),
    };
    let first_page = get(port, &url);
    let ready = started.elapsed();
    assert!(first_page.contains("<html"), "{url} is not a page");

    let mut latencies = Vec::with_capacity(runs);
    for run in 0..runs {
        let marker = format!("latency-marker-{run}-{}", std::process::id());
        std::thread::sleep(Duration::from_millis(150)); // let the previous burst settle
        let written = Instant::now();
        let edited = match edit.as_str() {
            "body" => format!("{original}\n\n{marker}\n"),
            key @ ("title" | "subtitle") => {
                let quoted = format!("{key}: \"");
                let at = if original.contains(&quoted) {
                    quoted
                } else {
                    format!("{key}: ")
                };
                assert!(original.contains(&at), "the page has no `{key}:` line");
                original.replacen(&at, &format!("{at}{marker} "), 1)
            }
            other => panic!("--edit {other}: say body, title or subtitle"),
        };
        std::fs::write(&file, edited).unwrap();
        while !get(port, &url).contains(&marker) {
            assert!(
                written.elapsed() < Duration::from_secs(10),
                "the edit never showed"
            );
        }
        latencies.push(written.elapsed());
    }
    drop(restore);
    let _ = server.kill();
    let _ = server.wait();
    latencies.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{}: start-up to first page {:.0} ms; save → updated page over {runs} {} edits: median {:.1} ms, worst {:.1} ms",
        root.display(),
        ms(ready),
        if edit == "body" {
            "text"
        } else {
            edit.as_str()
        },
        ms(latencies[latencies.len() / 2]),
        ms(*latencies.last().unwrap())
    );
}

/// Puts the page back as it was, also when a run fails.
struct Restore {
    file: PathBuf,
    original: String,
}

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = std::fs::write(&self.file, &self.original);
    }
}

fn get(port: u16, path: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut body = String::new();
    let _ = stream.read_to_string(&mut body);
    body
}
