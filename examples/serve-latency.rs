//! Save-to-updated-page latency of `handbok serve`: writes a page's file with a new marker
//! and polls over HTTP until the served page shows it.
//!
//! cargo build --release && cargo run --release --example serve-latency -- --root DIR --page en/ops.md [--runs 30] [--edit body|title]
//!
//! `--edit body` appends a line to the page (a text edit); `--edit title` changes its title,
//! which changes navigation and listings on other pages too.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let mut root = PathBuf::from(".");
    let mut page = String::from("en/ops.md");
    let mut runs = 30;
    let mut edit_title = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--root" => root = PathBuf::from(args.next().expect("--root DIR")),
            "--page" => page = args.next().expect("--page en/ops.md"),
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()).expect("--runs N"),
            "--edit" => edit_title = args.next().as_deref() == Some("title"),
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
    let url = format!("/{stem}/");
    let first_page = get(port, &url);
    let ready = started.elapsed();
    assert!(first_page.contains("<html"), "{url} is not a page");

    let mut latencies = Vec::with_capacity(runs);
    for run in 0..runs {
        let marker = format!("latency-marker-{run}-{}", std::process::id());
        std::thread::sleep(Duration::from_millis(150)); // let the previous burst settle
        let written = Instant::now();
        let edited = if edit_title {
            match original.find("title: \"") {
                Some(_) => original.replacen("title: \"", &format!("title: \"{marker} "), 1),
                None => original.replacen("title: ", &format!("title: {marker} "), 1),
            }
        } else {
            format!("{original}\n\n{marker}\n")
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
    std::fs::write(&file, original).unwrap();
    let _ = server.kill();
    let _ = server.wait();
    latencies.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{}: start-up to first page {:.0} ms; save → updated page over {runs} {} edits: median {:.1} ms, worst {:.1} ms",
        root.display(),
        ms(ready),
        if edit_title { "title" } else { "text" },
        ms(latencies[latencies.len() / 2]),
        ms(*latencies.last().unwrap())
    );
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
