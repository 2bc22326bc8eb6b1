//! Highlighted blocks remembered by language and code, so a block that appears again (a
//! page and its translation share their code; runbooks repeat the same commands) is
//! highlighted once per process. Highlighting is a pure function of the two (the grammars
//! are compiled in), so a remembered block is the same bytes as a fresh one, and `serve`
//! keeps the benefit across rebuilds. Nothing is kept across processes.

use std::sync::{Mutex, PoisonError};

use rustc_hash::FxHashMap;

/// What the process-wide cache may hold (keys and HTML): a large site of distinct blocks
/// fills it and it starts over, so memory stays bounded whatever the content.
const LIMIT_BYTES: usize = 16 << 20;

pub(super) struct BlockCache {
    blocks: Mutex<Blocks>,
    limit: usize,
}

struct Blocks {
    html: FxHashMap<String, String>,
    bytes: usize,
}

impl BlockCache {
    pub(super) const fn new() -> BlockCache {
        BlockCache::with_limit(LIMIT_BYTES)
    }

    const fn with_limit(limit: usize) -> BlockCache {
        BlockCache {
            blocks: Mutex::new(Blocks {
                html: FxHashMap::with_hasher(rustc_hash::FxBuildHasher),
                bytes: 0,
            }),
            limit,
        }
    }

    /// The remembered HTML of `code` in `language`, or `make`'s (remembered if it is
    /// `Some`). `make` runs outside the lock, so threads highlight in parallel.
    pub(super) fn get_or(
        &self,
        language: &str,
        code: &str,
        make: impl FnOnce() -> Option<String>,
    ) -> Option<String> {
        // The language's length first keeps the key unambiguous (`a` + `bc` ≠ `ab` + `c`).
        let key = format!("{}:{language}{code}", language.len());
        if let Some(html) = self.lock().html.get(&key) {
            return Some(html.clone());
        }
        let html = make()?;
        let size = key.len() + html.len();
        if size <= self.limit / 16 {
            let mut blocks = self.lock();
            if blocks.bytes + size > self.limit {
                blocks.html.clear();
                blocks.bytes = 0;
            }
            if blocks.html.insert(key, html.clone()).is_none() {
                blocks.bytes += size;
            }
        }
        Some(html)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Blocks> {
        // Nothing panics while the lock is held; a poisoned map is still consistent.
        self.blocks.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_is_made_once_and_the_same_bytes_come_back() {
        let cache = BlockCache::with_limit(1 << 20);
        let mut made = 0;
        for _ in 0..3 {
            let html = cache.get_or("sh", "ls\n", || {
                made += 1;
                Some("<span>ls</span>\n".to_string())
            });
            assert_eq!(html.as_deref(), Some("<span>ls</span>\n"));
        }
        assert_eq!(made, 1);
        // The language is part of the key, unambiguously.
        let other = cache.get_or("s", "hls\n", || Some("other".to_string()));
        assert_eq!(other.as_deref(), Some("other"));
        // A language nobody knows is asked again (it is cheap and caches nothing).
        assert_eq!(cache.get_or("nope", "x", || None), None);
        assert_eq!(cache.lock().html.len(), 2);
    }

    #[test]
    fn the_cache_stays_within_its_limit() {
        let cache = BlockCache::with_limit(16 * 100);
        for i in 0..1000 {
            let code = format!("echo {i}\n");
            let html = cache.get_or("sh", &code, || Some(code.repeat(3)));
            assert_eq!(html, Some(code.repeat(3)));
            assert!(cache.lock().bytes <= 16 * 100);
        }
        // Too big for the cache: made every time, never kept.
        let big = "x".repeat(200);
        let mut made = 0;
        for _ in 0..2 {
            cache.get_or("sh", &big, || {
                made += 1;
                Some(big.clone())
            });
        }
        assert_eq!(made, 2);
    }
}
