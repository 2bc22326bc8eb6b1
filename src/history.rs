//! When each content file changed: from git history when the site is in a repository, else
//! from file modification times. `check` and `status` compare translations with it, by commit
//! order; the theme shows "last updated" from git only, so builds stay reproducible.
//!
//! Git is read once for the whole site: one `git log` over `content/` gives, per file, the
//! commits that touched it in topological order (a commit after its parents, whatever its
//! dates say), and one `git status` the edits not committed yet.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::content::CONTENT_DIR;

/// When each content file changed.
pub enum History {
    Git(GitLog),
    /// Not in a git repository (or git is not installed): file modification times.
    Modified,
}

/// One commit that touched content.
#[derive(Debug, Clone)]
pub struct Commit {
    pub id: String,
    /// The committer's time (as `git log` dates it; not what orders changes).
    pub time: SystemTime,
    /// The whole message, subject and body.
    pub message: String,
}

/// One change of a file. Changes order as they happened: commits in topological order,
/// then edits not committed yet, the newest of all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// The index of a commit in [`GitLog::commit`]'s order, oldest first.
    Commit(usize),
    Uncommitted,
}

/// The content's git history, read once.
pub struct GitLog {
    /// Oldest first, each after its parents.
    commits: Vec<Commit>,
    /// Per file (relative to the site root): the commits that touched it, oldest first.
    touched: HashMap<PathBuf, Vec<usize>>,
    /// Files with edits not committed yet (new files too), with their modification times.
    uncommitted: HashMap<PathBuf, SystemTime>,
    /// A shallow clone (`git clone --depth 1`, the default of GitHub's checkout): files last
    /// changed before its oldest commit seem changed in it.
    shallow: bool,
}

impl History {
    /// With `uncommitted`, files with edits not committed yet count as changed after every
    /// commit, at their modification time.
    pub fn read(root: &Path, uncommitted: bool) -> History {
        match GitLog::read(root, uncommitted) {
            Some(log) => History::Git(log),
            None => History::Modified,
        }
    }

    pub fn git(&self) -> Option<&GitLog> {
        match self {
            History::Git(log) => Some(log),
            History::Modified => None,
        }
    }

    pub fn is_shallow(&self) -> bool {
        matches!(self, History::Git(GitLog { shallow: true, .. }))
    }

    /// When a file (relative to the site root) last changed.
    pub fn of(&self, root: &Path, file: &Path) -> Option<SystemTime> {
        match self {
            History::Git(log) => log.time(file),
            History::Modified => modified(&root.join(file)),
        }
    }

    pub fn source(&self) -> &'static str {
        match self {
            History::Git(_) => "change order from git history",
            History::Modified => {
                "the site is not in a git repository, so change times are file modification times"
            }
        }
    }

    /// The last commit of a file; `None` outside git (modification times vary between
    /// checkouts, so nothing published depends on them).
    pub fn committed(&self, file: &Path) -> Option<SystemTime> {
        match self {
            History::Git(log) => log.time(file),
            History::Modified => None,
        }
    }
}

impl GitLog {
    fn read(root: &Path, uncommitted: bool) -> Option<GitLog> {
        let log = git(
            root,
            &[
                "log",
                "--topo-order",
                "--format=%x1e%H%x1f%ct%x1f%B%x1f",
                "--name-only",
                "--relative",
                "--",
                CONTENT_DIR,
            ],
        )?;
        // `status --porcelain` names files from the top of the repository.
        let facts = git(
            root,
            &["rev-parse", "--is-shallow-repository", "--show-prefix"],
        )?;
        let mut facts = facts.lines();
        let shallow = facts.next() == Some("true");
        let prefix = facts.next().unwrap_or_default().trim().to_string();
        let mut history = GitLog::parse(&log);
        history.shallow = shallow;
        if uncommitted
            && let Some(status) = git(
                root,
                &[
                    "status",
                    "--porcelain",
                    "-z",
                    "--untracked-files=all",
                    "--",
                    CONTENT_DIR,
                ],
            )
        {
            for file in changed_files(&status) {
                let file = PathBuf::from(file.strip_prefix(prefix.as_str()).unwrap_or(file));
                if let Some(time) = modified(&root.join(&file)) {
                    history.uncommitted.insert(file, time);
                }
            }
        }
        Some(history)
    }

    /// Reads `git log --format=%x1e%H%x1f%ct%x1f%B%x1f --name-only`, newest first.
    fn parse(log: &str) -> GitLog {
        let mut commits = Vec::new();
        let mut files_of = Vec::new();
        for record in log.split('\x1e').filter(|r| !r.is_empty()) {
            let mut fields = record.splitn(4, '\x1f');
            let (Some(id), Some(seconds), Some(message), files) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let seconds = seconds.trim().parse().unwrap_or(0);
            commits.push(Commit {
                id: id.trim().to_string(),
                time: UNIX_EPOCH + Duration::from_secs(seconds),
                message: message.trim().to_string(),
            });
            files_of.push(files.unwrap_or_default());
        }
        commits.reverse();
        files_of.reverse();
        let mut touched: HashMap<PathBuf, Vec<usize>> = HashMap::new();
        for (index, files) in files_of.iter().enumerate() {
            for file in files.lines().map(str::trim).filter(|l| !l.is_empty()) {
                touched.entry(PathBuf::from(file)).or_default().push(index);
            }
        }
        GitLog {
            commits,
            touched,
            uncommitted: HashMap::new(),
            shallow: false,
        }
    }

    pub fn commit(&self, index: usize) -> &Commit {
        &self.commits[index]
    }

    /// Every change of a file (relative to the site root), oldest first.
    pub fn changes(&self, file: &Path) -> impl DoubleEndedIterator<Item = Change> + '_ {
        let commits = self.touched.get(file).map_or(&[][..], Vec::as_slice);
        let uncommitted = self.uncommitted.contains_key(file);
        commits
            .iter()
            .map(|&i| Change::Commit(i))
            .chain(uncommitted.then_some(Change::Uncommitted))
    }

    pub fn last_change(&self, file: &Path) -> Option<Change> {
        self.changes(file).next_back()
    }

    /// When a change was made: its commit's time, or the file's modification time.
    pub fn time_of(&self, change: Change, file: &Path) -> Option<SystemTime> {
        match change {
            Change::Commit(index) => Some(self.commits[index].time),
            Change::Uncommitted => self.uncommitted.get(file).copied(),
        }
    }

    fn time(&self, file: &Path) -> Option<SystemTime> {
        self.time_of(self.last_change(file)?, file)
    }

    /// The texts of files as they were in some commits (`(commit id, file relative to the
    /// site root)`), all from one `git cat-file --batch`; `None` for a file the commit did not
    /// have, and all `None` when git cannot be run.
    pub fn texts_at(&self, root: &Path, wanted: &[(String, PathBuf)]) -> Vec<Option<String>> {
        cat_files(root, wanted).unwrap_or_else(|| vec![None; wanted.len()])
    }
}

/// Runs git in `root`, its output when it succeeds.
fn git(root: &Path, args: &[&str]) -> Option<String> {
    Command::new("git")
        .arg("-C")
        .arg(root)
        // File names as they are (`overvåking.md`), not quoted and escaped.
        .args(["-c", "core.quotePath=false"])
        .args(args)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
}

/// The files `git status --porcelain -z` names (from the top of the repository): each
/// entry is `XY path`, and a rename or copy is followed by the path it came from.
fn changed_files(status: &str) -> Vec<&str> {
    let mut files = Vec::new();
    let mut entries = status.split('\0').filter(|e| !e.is_empty());
    while let Some(entry) = entries.next() {
        let (Some(code), Some(path)) = (entry.get(..2), entry.get(3..)) else {
            continue;
        };
        if code.contains('R') || code.contains('C') {
            entries.next();
        }
        files.push(path);
    }
    files
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn cat_files(root: &Path, wanted: &[(String, PathBuf)]) -> Option<Vec<Option<String>>> {
    if wanted.is_empty() {
        return Some(Vec::new());
    }
    let mut child = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    // `rev:./path` is a path from the current folder (the site root), not the repository's top.
    let requests: String = wanted
        .iter()
        .map(|(commit, file)| format!("{commit}:./{}\n", file.display()))
        .collect();
    let mut stdin = child.stdin.take()?;
    // Written from another thread: git answers while it reads, and would block on a full pipe.
    let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()));
    let mut answers = BufReader::new(child.stdout.take()?);
    let mut texts = Vec::with_capacity(wanted.len());
    let mut header = String::new();
    for _ in wanted {
        header.clear();
        if answers.read_line(&mut header).ok()? == 0 {
            break;
        }
        // `<oid> blob <size>`, or `<request> missing` / `ambiguous`.
        let mut parts = header.split_whitespace();
        let (_, kind, size) = (parts.next(), parts.next(), parts.next());
        let size = size.and_then(|s| s.parse::<usize>().ok());
        let (Some("blob"), Some(size)) = (kind, size) else {
            texts.push(None);
            continue;
        };
        let mut bytes = vec![0; size + 1]; // the text and a newline after it
        answers.read_exact(&mut bytes).ok()?;
        bytes.pop();
        texts.push(Some(String::from_utf8_lossy(&bytes).into_owned()));
    }
    let _ = writer.join();
    let _ = child.wait();
    texts.resize(wanted.len(), None);
    Some(texts)
}

/// `2026-11-24T09:05:00Z` for a time (UTC).
pub fn iso_date_time(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()) % 86_400;
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        iso_date(time),
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// `2026-11-24` for a time (UTC), without a date library.
pub fn iso_date(time: SystemTime) -> String {
    crate::date::Date::of(time).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert_eq!(iso_date(UNIX_EPOCH), "1970-01-01");
        assert_eq!(
            iso_date(UNIX_EPOCH + Duration::from_secs(1_795_996_800)),
            "2026-11-30"
        );
        assert_eq!(
            iso_date(UNIX_EPOCH + Duration::from_secs(951_782_400)),
            "2000-02-29"
        );
    }

    #[test]
    fn a_log_orders_changes_oldest_first_whatever_the_dates() {
        // Newest first, as `git log` prints it; the newest commit is dated earliest.
        let log = "\x1ec3\x1f100\x1fEnglish again\n\n[skip translation]\x1f\ncontent/en/a.md\n\x1ec2\x1f900\x1fNorsk\x1f\ncontent/nb/a.md\n\x1ec1\x1f500\x1fBoth\x1f\ncontent/en/a.md\ncontent/nb/a.md\n";
        let history = GitLog::parse(log);
        let en = Path::new("content/en/a.md");
        let changes: Vec<Change> = history.changes(en).collect();
        assert_eq!(changes, [Change::Commit(0), Change::Commit(2)]);
        assert_eq!(
            history.last_change(Path::new("content/nb/a.md")),
            Some(Change::Commit(1))
        );
        assert!(history.commit(2).message.contains("[skip translation]"));
        assert_eq!(history.commit(0).id, "c1");
        assert_eq!(
            history.time(en),
            Some(UNIX_EPOCH + Duration::from_secs(100))
        );
        assert!(Change::Commit(2) < Change::Uncommitted);
    }

    #[test]
    fn porcelain_status_names_renamed_files_once() {
        let status = " M content/en/a.md\0R  content/nb/new.md\0content/nb/old.md\0?? content/nb/ny fil.md\0";
        assert_eq!(
            changed_files(status),
            [
                "content/en/a.md",
                "content/nb/new.md",
                "content/nb/ny fil.md"
            ]
        );
    }
}
