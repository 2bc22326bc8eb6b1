//! `handbok serve`: a live preview. The watcher turns file changes into [`watch::Change`]s,
//! the [`preview::Preview`] applies them to the in-memory site and re-renders only what they
//! touch (pages are rendered when requested and cached), and open tabs are told over a
//! WebSocket. Nothing is written to disk.

pub mod http;
pub mod livereload;
pub mod preview;
pub mod watch;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use crate::content::CONTENT_DIR;
use crate::diagnostic::Failure;
use crate::render::{STATIC_DIR, TEMPLATES_DIR};
use livereload::{LiveReload, Notice};
use preview::Preview;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub interface: String,
    /// 0 lets the system pick a free port.
    pub port: u16,
    pub open: bool,
    pub include_drafts: bool,
}

/// How long the watcher waits for an editor's burst of events (write, rename, chmod) to end.
const DEBOUNCE: Duration = Duration::from_millis(15);
/// HTTP workers: enough that many open tabs never wait for each other.
const WORKERS: usize = 8;

pub fn run(options: &ServeOptions) -> Result<(), Failure> {
    // Watchers report absolute, resolved paths; compare them with the same kind of root.
    let root = options.root.canonicalize().map_err(|e| {
        Failure::Usage(format!(
            "cannot open the site folder {}: {e}",
            options.root.display()
        ))
    })?;
    let (server, port) = bind(&options.interface, options.port)?;
    let address = format!("http://{}:{port}/", display_host(&options.interface));
    let started = Instant::now();
    // Watch while the site loads: it takes a while on a large site, and an edit saved during
    // it is then applied as soon as the site is loaded, instead of being missed.
    let (watching, preview) = std::thread::scope(|scope| {
        let watching = scope.spawn(|| Watcher::start(&root));
        let preview = Preview::load(&root, &address, options.include_drafts);
        (watching.join(), preview)
    });
    let preview = preview?;
    let (watcher, changes) = watching
        .map_err(|_| Failure::Other(anyhow::anyhow!("the file watcher failed to start")))??;
    for warning in preview.warnings() {
        eprintln!("{warning}");
    }
    for error in preview.errors() {
        eprintln!("{error}");
    }
    println!(
        "serving {} pages at {address} (loaded in {} ms; Ctrl-C to stop)",
        preview.page_count(),
        started.elapsed().as_millis()
    );
    if port != options.port && options.port != 0 {
        println!("  port {} was taken, so it is on {port}", options.port);
    }
    let preview = Arc::new(Mutex::new(preview));
    let live = Arc::new(LiveReload::default());
    let server = Arc::new(server);
    for _ in 0..WORKERS {
        let (server, preview, live) =
            (Arc::clone(&server), Arc::clone(&preview), Arc::clone(&live));
        std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                http::handle(request, &preview, &live);
            }
        });
    }
    if options.open {
        open_browser(&address);
    }
    rebuild_on_change(&root, watcher, changes, &preview, &live);
    Ok(())
}

/// Binds to the port, or to one of the next ten when it is taken.
fn bind(interface: &str, port: u16) -> Result<(tiny_http::Server, u16), Failure> {
    let tries = if port == 0 { 1 } else { 11 };
    let mut last_error = String::new();
    for offset in 0..tries {
        let Some(candidate) = port.checked_add(offset) else {
            break;
        };
        match tiny_http::Server::http((interface, candidate)) {
            Ok(server) => {
                let bound = server.server_addr().to_ip().map_or(candidate, |a| a.port());
                return Ok((server, bound));
            }
            Err(error) => last_error = error.to_string(),
        }
    }
    Err(Failure::Usage(format!(
        "cannot listen on {interface}:{port} (or the next ten ports): {last_error}\n  help: pass another --port, or stop what is using it"
    )))
}

fn display_host(interface: &str) -> String {
    if interface.contains(':') {
        format!("[{interface}]")
    } else {
        interface.to_string()
    }
}

type Debouncer = notify_debouncer_full::Debouncer<
    notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

/// The file watcher: the root (for site.yaml and source folders created later) and the
/// source folders, never the output folder.
struct Watcher {
    debouncer: Debouncer,
    watched: Vec<PathBuf>,
}

impl Watcher {
    fn start(root: &Path) -> Result<(Watcher, mpsc::Receiver<Vec<PathBuf>>), Failure> {
        let (sender, receiver) = mpsc::channel::<Vec<PathBuf>>();
        let mut debouncer =
            new_debouncer(
                DEBOUNCE,
                None,
                move |result: DebounceEventResult| match result {
                    Ok(events) => {
                        // Reads (our own included) are not changes; everything else may be.
                        let paths = events
                            .into_iter()
                            .filter(|e| !matches!(e.event.kind, notify::EventKind::Access(_)))
                            .flat_map(|e| e.event.paths)
                            .collect();
                        let _ = sender.send(paths);
                    }
                    Err(errors) => {
                        for error in errors {
                            eprintln!("watch error: {error}");
                        }
                    }
                },
            )
            .map_err(|e| Failure::Other(anyhow::anyhow!("cannot watch files: {e}")))?;
        debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| Failure::Other(anyhow::anyhow!("cannot watch {}: {e}", root.display())))?;
        let mut watcher = Watcher {
            debouncer,
            watched: Vec::new(),
        };
        watcher.watch_sources(root, &[]);
        Ok((watcher, receiver))
    }

    /// Watches the source folders that exist. A folder named in `changed` was removed,
    /// created or replaced as a whole (a branch switch, a restore): its old watch died with
    /// the old folder, so it is watched afresh.
    fn watch_sources(&mut self, root: &Path, changed: &[PathBuf]) {
        for dir in [CONTENT_DIR, TEMPLATES_DIR, STATIC_DIR] {
            let dir = root.join(dir);
            if changed.contains(&dir) && self.watched.contains(&dir) {
                // The watch may already be gone with its folder; either way it is dropped.
                let _ = self.debouncer.unwatch(&dir);
                self.watched.retain(|watched| watched != &dir);
            }
            if dir.is_dir()
                && !self.watched.contains(&dir)
                && self.debouncer.watch(&dir, RecursiveMode::Recursive).is_ok()
            {
                self.watched.push(dir);
            }
        }
    }
}

fn rebuild_on_change(
    root: &Path,
    mut watcher: Watcher,
    receiver: mpsc::Receiver<Vec<PathBuf>>,
    preview: &Mutex<Preview>,
    live: &LiveReload,
) {
    for paths in receiver {
        let changes = watch::changes(root, paths.iter().cloned());
        // A source folder created, removed or replaced after start needs a watch of its own.
        if paths.iter().any(|p| p.parent() == Some(root)) {
            watcher.watch_sources(root, &paths);
        }
        if changes.is_empty() {
            continue;
        }
        let started = Instant::now();
        let Ok(mut state) = preview.lock() else { break };
        let rebuild = state.apply(&changes);
        let errors: Vec<String> = state.errors().iter().map(|d| d.to_string()).collect();
        let overlay = (!errors.is_empty()).then(|| http::overlay_html(&state.errors()));
        drop(state);
        println!(
            "changed {}: {} page{} affected, {:.1} ms{}",
            rebuild.what,
            rebuild.pages,
            if rebuild.pages == 1 { "" } else { "s" },
            // Pages render when asked for, so this is the model's update: often under 1 ms.
            started.elapsed().as_secs_f64() * 1000.0,
            if errors.is_empty() {
                String::new()
            } else {
                format!(", {} error(s)", errors.len())
            }
        );
        for error in &errors {
            eprintln!("{error}");
        }
        match overlay {
            Some(html) => live.broadcast(&Notice::Errors(html)),
            None => live.broadcast(&Notice::Clear),
        }
        if let Some(stylesheet) = rebuild.stylesheet {
            live.broadcast(&Notice::Stylesheet(stylesheet));
        }
        if rebuild.reload && rebuild.affected.as_ref().is_none_or(|a| !a.is_empty()) {
            live.broadcast(&Notice::Reload(rebuild.affected));
        }
    }
}

fn open_browser(address: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(error) = std::process::Command::new(opener).arg(address).spawn() {
        eprintln!("could not open a browser ({opener}: {error}); open {address} yourself");
    }
}
