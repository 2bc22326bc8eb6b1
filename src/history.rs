//! When each content file last changed: from git history when the site is in a repository,
//! else from file modification times. `check` compares translations with it; the theme shows
//! "last updated" from git only, so builds stay reproducible.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::content::CONTENT_DIR;

/// When each content file last changed.
pub enum History {
    /// Last commit per file (relative to the site root); files with uncommitted edits use
    /// their modification time.
    Git {
        times: HashMap<PathBuf, SystemTime>,
        /// A shallow clone (`git clone --depth 1`, the default of GitHub's checkout): files
        /// last changed before its oldest commit seem changed in it.
        shallow: bool,
    },
    Modified,
}

impl History {
    /// With `uncommitted`, files with edits not committed yet count as changed at their
    /// modification time.
    pub fn read(root: &Path, uncommitted: bool) -> History {
        let git = |args: &[&str]| {
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
        };
        let Some(log) = git(&[
            "log",
            "--format=%x00%ct",
            "--name-only",
            "--relative",
            "--",
            CONTENT_DIR,
        ]) else {
            return History::Modified;
        };
        // `status --porcelain` names files from the top of the repository.
        let Some(facts) = git(&["rev-parse", "--is-shallow-repository", "--show-prefix"]) else {
            return History::Modified;
        };
        let mut facts = facts.lines();
        let shallow = facts.next() == Some("true");
        let prefix = facts.next().unwrap_or_default().trim().to_string();
        let mut times = HashMap::new();
        let mut current = UNIX_EPOCH;
        for line in log.lines() {
            if let Some(seconds) = line.strip_prefix('\0') {
                current = UNIX_EPOCH + Duration::from_secs(seconds.trim().parse().unwrap_or(0));
            } else if !line.is_empty() {
                // Newest first: keep the first time seen for each file.
                times.entry(PathBuf::from(line)).or_insert(current);
            }
        }
        // Edits not committed yet are the newest of all.
        if uncommitted && let Some(status) = git(&["status", "--porcelain", "--", CONTENT_DIR]) {
            for line in status.lines().filter(|l| l.len() > 3) {
                let from_top = line[3..].trim_matches('"');
                let file =
                    PathBuf::from(from_top.strip_prefix(prefix.as_str()).unwrap_or(from_top));
                if let Ok(modified) = std::fs::metadata(root.join(&file)).and_then(|m| m.modified())
                {
                    times.insert(file, modified);
                }
            }
        }
        History::Git { times, shallow }
    }

    pub fn is_shallow(&self) -> bool {
        matches!(self, History::Git { shallow: true, .. })
    }

    pub fn of(&self, root: &Path, file: &Path) -> Option<SystemTime> {
        match self {
            History::Git { times, .. } => times.get(file).copied(),
            History::Modified => std::fs::metadata(root.join(file))
                .and_then(|m| m.modified())
                .ok(),
        }
    }

    pub fn source(&self) -> &'static str {
        match self {
            History::Git { .. } => "change times from git history",
            History::Modified => {
                "the site is not in a git repository, so change times are file modification times"
            }
        }
    }

    /// The last commit of a file; `None` outside git (modification times vary between
    /// checkouts, so nothing published depends on them).
    pub fn committed(&self, file: &Path) -> Option<SystemTime> {
        match self {
            History::Git { times, .. } => times.get(file).copied(),
            History::Modified => None,
        }
    }
}

/// `2026-11-24` for a time (UTC), without a date library.
pub fn iso_date(time: SystemTime) -> String {
    let days = time
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
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
}
