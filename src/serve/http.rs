//! Answers HTTP requests from the preview: pages rendered on demand with the live-reload
//! script (and any errors) injected, files from `static/` and `content/`, 404 with the
//! site's own 404 page.

use std::io::{Cursor, Write};
use std::sync::Mutex;

use tiny_http::{Method, Request, Response, StatusCode};

use super::livereload::{LiveReload, SCRIPT, SCRIPT_PATH, SOCKET_PATH, header};
use super::preview::{Body, Preview};
use crate::diagnostic::Diagnostic;
use crate::html::escape_text;
use crate::url::decode_path;

pub fn handle(request: Request, preview: &Mutex<Preview>, live: &LiveReload) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/").to_string();
    if path == SOCKET_PATH {
        live.accept(request);
        return;
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        send(
            request,
            Response::from_string("method not allowed").with_status_code(405),
        );
        return;
    }
    if path == SCRIPT_PATH {
        send(
            request,
            text_response(
                SCRIPT.as_bytes().to_vec(),
                "text/javascript; charset=utf-8",
                200,
            ),
        );
        return;
    }
    let decoded = decode_path(&path);
    if decoded.split('/').any(|segment| segment == "..") {
        send(
            request,
            Response::from_string("bad path").with_status_code(400),
        );
        return;
    }
    let mut file = decoded.trim_start_matches('/').to_string();
    if file.is_empty() || file.ends_with('/') {
        file.push_str("index.html");
    }
    let Ok(mut preview) = preview.lock() else {
        send(
            request,
            Response::from_string("preview state is poisoned").with_status_code(500),
        );
        return;
    };
    let response = match preview.get(&file) {
        Some(body) => body_response(body, &file, &preview, 200),
        None => {
            // `/en/ops` → `/en/ops/` when that is a page, as static hosts do.
            let with_slash = format!("{file}/index.html");
            if !file.ends_with(".html") && preview.get(&with_slash).is_some() {
                send(
                    request,
                    Response::from_data(Vec::new())
                        .with_status_code(301)
                        .with_header(header(
                            "Location",
                            &format!("{path}/{}", &url[path.len()..]),
                        ))
                        .with_header(header("Cache-Control", "no-store")),
                );
                return;
            }
            match preview.get("404.html") {
                Some(body) => body_response(body, "404.html", &preview, 404),
                None => text_response(b"not found".to_vec(), "text/plain; charset=utf-8", 404),
            }
        }
    };
    drop(preview);
    send(request, response);
}

/// Writes the response and closes the connection. tiny_http runs each open connection on a
/// thread of its pool, and a race in that pool can leave a new connection queued behind idle
/// keep-alive ones: a browser's page load then hangs until one closes. Closing after every
/// response frees the thread at once; on localhost a new connection costs next to nothing.
pub(super) fn send(request: Request, response: Response<Cursor<Vec<u8>>>) {
    let head_only = *request.method() == Method::Head;
    let status = response.status_code();
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n",
        status.0,
        status.default_reason_phrase()
    );
    for header in response.headers() {
        head.push_str(&format!("{}: {}\r\n", header.field, header.value));
    }
    let body = response.into_reader().into_inner();
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    let mut writer = request.into_writer();
    let _ = writer.write_all(head.as_bytes());
    if !head_only {
        let _ = writer.write_all(&body);
    }
    let _ = writer.flush();
}

fn body_response(
    body: Body,
    file: &str,
    preview: &Preview,
    status: u16,
) -> Response<Cursor<Vec<u8>>> {
    let content_type = content_type(file);
    match body {
        Body::Html(html) => text_response(inject(&html, &preview.errors()), content_type, status),
        Body::Bytes(bytes) => text_response(bytes.to_vec(), content_type, status),
        Body::Embedded(bytes) => text_response(bytes.to_vec(), content_type, status),
        Body::File(disk) => match std::fs::read(&disk) {
            Ok(bytes) => text_response(bytes, content_type, status),
            Err(_) => text_response(b"not found".to_vec(), "text/plain; charset=utf-8", 404),
        },
    }
}

fn text_response(bytes: Vec<u8>, content_type: &str, status: u16) -> Response<Cursor<Vec<u8>>> {
    Response::from_data(bytes)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
}

/// The live-reload script and, while the files have errors, the overlay listing them.
pub fn inject(html: &[u8], errors: &[&Diagnostic]) -> Vec<u8> {
    let mut extra = format!("<script src=\"{SCRIPT_PATH}\"></script>");
    if !errors.is_empty() {
        extra.push_str(&format!(
            "<div id=\"handbok-error-overlay\" role=\"alert\">{}</div>",
            overlay_html(errors)
        ));
    }
    let text = String::from_utf8_lossy(html);
    let at = text.rfind("</body>").unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + extra.len());
    out.push_str(&text[..at]);
    out.push_str(&extra);
    out.push_str(&text[at..]);
    out.into_bytes()
}

/// The errors as HTML for the overlay (also sent to open tabs over the socket).
pub fn overlay_html(errors: &[&Diagnostic]) -> String {
    let mut html = String::from(
        "<style>#handbok-error-overlay{position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:2147483647;background:#2b0b0e;color:#ffe9ea;border:2px solid #ff6b74;border-radius:.5rem;padding:1rem 1.25rem;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 8px 30px rgba(0,0,0,.4)}#handbok-error-overlay h2{margin:0 0 .5rem;font:600 16px system-ui,sans-serif;color:#fff}#handbok-error-overlay pre{margin:.5rem 0;white-space:pre-wrap}</style>",
    );
    html.push_str(&format!(
        "<h2>handbok: {} error{} (showing the last good version)</h2>",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    ));
    for error in errors {
        html.push_str("<pre>");
        html.push_str(&escape_text(&error.to_string()));
        html.push_str("</pre>");
    }
    html
}

fn content_type(file: &str) -> &'static str {
    let extension = file.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}
