//! Live reload over a WebSocket on the same port as the pages: one connection per tab,
//! outside the browser's six-connections-per-host limit for HTTP/1.1, and nothing extra to
//! open in a proxy or container.

use std::sync::Mutex;
use std::sync::mpsc::{self, Sender};

use tiny_http::{Header, Request, Response};
use tungstenite::protocol::Role;
use tungstenite::{Message, WebSocket};

pub const SOCKET_PATH: &str = "/__handbok/livereload";
pub const SCRIPT_PATH: &str = "/__handbok/livereload.js";
pub const SCRIPT: &str = include_str!("livereload.js");

/// The open tabs, each served by a thread that writes what is broadcast to its socket.
#[derive(Default)]
pub struct LiveReload {
    clients: Mutex<Vec<Sender<String>>>,
}

/// What the open tabs are told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// Reload tabs showing one of these hrefs; `None` reloads every tab.
    Reload(Option<Vec<String>>),
    /// Swap this stylesheet without reloading.
    Stylesheet(String),
    /// Show these errors over the page (HTML-escaped text).
    Errors(String),
    /// The errors are gone.
    Clear,
}

impl Notice {
    pub fn to_json(&self) -> String {
        match self {
            Notice::Reload(None) => r#"{"type":"reload","all":true}"#.to_string(),
            Notice::Reload(Some(paths)) => {
                let paths: Vec<String> = paths.iter().map(|p| json_string(p)).collect();
                format!(
                    r#"{{"type":"reload","all":false,"paths":[{}]}}"#,
                    paths.join(",")
                )
            }
            Notice::Stylesheet(path) => format!(r#"{{"type":"css","path":{}}}"#, json_string(path)),
            Notice::Errors(html) => format!(r#"{{"type":"errors","html":{}}}"#, json_string(html)),
            Notice::Clear => r#"{"type":"clear"}"#.to_string(),
        }
    }
}

impl LiveReload {
    /// Completes the WebSocket handshake and keeps the socket until the tab goes away.
    pub fn accept(&self, request: Request) {
        let key = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("Sec-WebSocket-Key"))
            .map(|h| h.value.as_str().to_string());
        let Some(key) = key else {
            super::http::send(
                request,
                Response::from_string("expected a WebSocket upgrade").with_status_code(400),
            );
            return;
        };
        let accept = tungstenite::handshake::derive_accept_key(key.as_bytes());
        let response = Response::empty(101)
            .with_header(header("Connection", "Upgrade"))
            .with_header(header("Sec-WebSocket-Accept", &accept));
        let stream = request.upgrade("websocket", response);
        let mut socket = WebSocket::from_raw_socket(stream, Role::Server, None);
        let (sender, receiver) = mpsc::channel::<String>();
        if let Ok(mut clients) = self.clients.lock() {
            clients.push(sender);
        }
        std::thread::spawn(move || {
            for text in receiver {
                if socket.send(Message::text(text)).is_err() {
                    break; // the tab is gone; dropping the receiver unregisters it
                }
            }
        });
    }

    pub fn broadcast(&self, notice: &Notice) {
        let json = notice.to_json();
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|client| client.send(json.clone()).is_ok());
        }
    }
}

pub fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_are_json() {
        assert_eq!(
            Notice::Reload(Some(vec!["/nb/sp%C3%B8rsm%C3%A5l/".into()])).to_json(),
            r#"{"type":"reload","all":false,"paths":["/nb/sp%C3%B8rsm%C3%A5l/"]}"#
        );
        assert_eq!(
            Notice::Errors("a \"b\"\n<c>".into()).to_json(),
            r#"{"type":"errors","html":"a \"b\"\n<c>"}"#
        );
    }
}
