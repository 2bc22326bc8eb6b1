//! External links, checked only with `--external`: concurrently (a bounded pool, at most
//! two requests per host at a time), each with a timeout. When no request reaches the
//! network at all, the links are reported as not checked rather than all broken; so is a
//! link whose host rate-limits the checker (HTTP 429).

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use super::Context;
use crate::diagnostic::Diagnostic;

const WORKERS: usize = 8;
const PER_HOST: usize = 2;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Fine,
    Status(u16),
    Timeout,
    /// HTTP 429: the host asks not to be asked so often; says nothing about the link.
    RateLimited,
    /// Could not reach the host (DNS, refused connection, TLS, no network).
    Unreachable(String),
}

/// Where an external URL is linked from: page source and byte offset in its body.
type Uses = Vec<(PathBuf, usize)>;

pub fn check(context: &Context, timeout: Duration, findings: &mut Vec<Diagnostic>) {
    let urls = external_urls(context);
    if urls.is_empty() {
        return;
    }
    let outcomes = fetch_all(urls.keys().cloned().collect(), timeout);
    let reached = outcomes
        .values()
        .any(|o| !matches!(o, Outcome::Unreachable(_)));
    if !reached {
        findings.push(
            Diagnostic::warning(
                "external-link",
                "content",
                format!(
                    "{} external links not checked: no host could be reached (no network?)",
                    urls.len()
                ),
            )
            .help("run `handbok check --external` where the network is available"),
        );
        return;
    }
    for (url, uses) in &urls {
        let Some((is_error, message, help)) =
            outcomes.get(url).and_then(|o| verdict(url, o, timeout))
        else {
            continue;
        };
        for (source, offset) in uses {
            let Some(page) = context.site.library.page(source) else {
                continue;
            };
            let finding = if is_error {
                Diagnostic::error("external-link", page.file(), message.clone())
            } else {
                Diagnostic::warning("external-link", page.file(), message.clone())
            };
            findings.push(context.at(page, *offset, finding.help(help)));
        }
    }
}

/// Every http(s) link of the site without its fragment, with where it is linked from.
fn external_urls(context: &Context) -> BTreeMap<String, Uses> {
    let mut urls: BTreeMap<String, Uses> = BTreeMap::new();
    for facts in context.pages {
        for link in &facts.links {
            if link.href.starts_with("http://") || link.href.starts_with("https://") {
                let url = link
                    .href
                    .split('#')
                    .next()
                    .unwrap_or(&link.href)
                    .to_string();
                urls.entry(url)
                    .or_default()
                    .push((facts.source.clone(), link.offset));
            }
        }
    }
    urls
}

/// Whether an answer is an error, what to say and what to do; none for a link that works.
fn verdict(
    url: &str,
    outcome: &Outcome,
    timeout: Duration,
) -> Option<(bool, String, &'static str)> {
    Some(match outcome {
        Outcome::Fine => return None,
        Outcome::Status(status) => (
            true,
            format!("external link {url} answers HTTP {status}"),
            "fix or remove the link; if the page moved, link to its new address",
        ),
        Outcome::Timeout => (
            false,
            format!(
                "external link {url} did not answer within {} s (not checked)",
                timeout.as_secs_f32()
            ),
            "the host may be slow or down; try again later",
        ),
        Outcome::RateLimited => (
            false,
            format!(
                "external link {url} not checked: the host answers HTTP 429 (too many requests)"
            ),
            "the host limits how often it is asked; try again later",
        ),
        Outcome::Unreachable(why) => (
            false,
            format!("external link {url} could not be reached: {why}"),
            "check the host name; the site may be gone",
        ),
    })
}

fn fetch_all(urls: Vec<String>, timeout: Duration) -> HashMap<String, Outcome> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(10)
        .user_agent("handbok-link-checker")
        .build()
        .into();
    let total = urls.len();
    let queue = Mutex::new((
        urls.into_iter().collect::<VecDeque<_>>(),
        HashMap::<String, usize>::new(),
    ));
    let host_freed = Condvar::new();
    let results = Mutex::new(HashMap::new());
    let progress = std::io::stderr().is_terminal();
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(total) {
            scope.spawn(|| {
                loop {
                    // Take the first URL whose host has room, waiting while all are busy.
                    let (url, host) = {
                        let Ok(mut guard) = queue.lock() else { return };
                        loop {
                            let (pending, busy) = &mut *guard;
                            if pending.is_empty() {
                                return;
                            }
                            let ready = pending.iter().position(|u| {
                                busy.get(&host_of(u)).copied().unwrap_or(0) < PER_HOST
                            });
                            if let Some(index) = ready {
                                let url = pending.remove(index).unwrap_or_default();
                                let host = host_of(&url);
                                *busy.entry(host.clone()).or_default() += 1;
                                break (url, host);
                            }
                            let Ok(next) = host_freed.wait(guard) else {
                                return;
                            };
                            guard = next;
                        }
                    };
                    let outcome = fetch(&agent, &url);
                    if let Ok(mut guard) = queue.lock()
                        && let Some(count) = guard.1.get_mut(&host)
                    {
                        *count -= 1;
                    }
                    host_freed.notify_all();
                    if let Ok(mut results) = results.lock() {
                        results.insert(url, outcome);
                        if progress {
                            eprint!("\rchecking external links: {}/{total}", results.len());
                            let _ = std::io::stderr().flush();
                        }
                    }
                }
            });
        }
    });
    if progress {
        eprintln!();
    }
    results.into_inner().unwrap_or_default()
}

fn fetch(agent: &ureq::Agent, url: &str) -> Outcome {
    let classify = |result: Result<ureq::http::Response<ureq::Body>, ureq::Error>| match result {
        Ok(response) => {
            let status = response.status().as_u16();
            match status {
                ..400 => Outcome::Fine,
                429 => Outcome::RateLimited,
                _ => Outcome::Status(status),
            }
        }
        Err(ureq::Error::Timeout(_)) => Outcome::Timeout,
        Err(ureq::Error::Io(error)) if error.kind() == std::io::ErrorKind::TimedOut => {
            Outcome::Timeout
        }
        Err(error) => Outcome::Unreachable(error.to_string()),
    };
    match classify(agent.head(url).call()) {
        // Some servers do not answer HEAD properly; ask again with GET.
        Outcome::Status(405 | 501 | 403 | 404) => classify(agent.get(url).call()),
        outcome => outcome,
    }
}

fn host_of(url: &str) -> String {
    url.split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or("")
        .to_ascii_lowercase()
}
