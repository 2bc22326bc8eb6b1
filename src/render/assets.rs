//! What the renderer learns from the site's files and keeps for the build: content hashes
//! of static files and pixel sizes of images.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, RwLock};

use super::templates::EMBEDDED_STATIC;

/// Content hashes of static files, for cache-busting URLs (`style.css?v=3f9a1c2e`): a host
/// may cache them forever, and a new release is never half-applied. Computed once per file.
pub(super) struct AssetVersions {
    static_dir: PathBuf,
    cache: RwLock<HashMap<String, String>>,
}

impl AssetVersions {
    pub(super) fn new(static_dir: PathBuf) -> AssetVersions {
        AssetVersions {
            static_dir,
            cache: RwLock::default(),
        }
    }

    pub(super) fn version(&self, site_path: &str) -> Option<String> {
        if let Some(version) = self.cache.read().ok()?.get(site_path) {
            return Some(version.clone());
        }
        let disk = self.static_dir.join(site_path.trim_start_matches('/'));
        let bytes = match std::fs::read(&disk) {
            Ok(bytes) => bytes,
            Err(_) => EMBEDDED_STATIC
                .iter()
                .find(|(p, _)| *p == site_path)?
                .1
                .to_vec(),
        };
        let version = format!("{:016x}", fnv1a(&bytes))[..8].to_string();
        self.cache
            .write()
            .ok()?
            .insert(site_path.to_string(), version.clone());
        Some(version)
    }

    pub(super) fn forget(&self, site_path: &str) {
        if let Ok(mut cache) = self.cache.write() {
            cache
                .retain(|path, _| path != site_path && !path.starts_with(&format!("{site_path}/")));
        }
    }
}

/// FNV-1a: tiny, fast and the same on every platform and Rust version, which is all a
/// cache-busting hash needs (and the offline worker computes it again, in a dozen lines).
pub(super) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Pixel sizes of local images (a page's `<img width height>`), read from each file's header
/// once per build; the dev server forgets them when an image may have changed.
#[derive(Default)]
pub(super) struct ImageSizes(Mutex<HashMap<PathBuf, Option<(u32, u32)>>>);

impl ImageSizes {
    pub(super) fn get(&self, disk: PathBuf) -> Option<(u32, u32)> {
        let mut sizes = self.0.lock().ok()?;
        if let Some(size) = sizes.get(&disk) {
            return *size;
        }
        let size = imagesize::size(&disk)
            .ok()
            .and_then(|s| Some((u32::try_from(s.width).ok()?, u32::try_from(s.height).ok()?)));
        sizes.insert(disk, size);
        size
    }

    pub(super) fn forget(&self) {
        if let Ok(mut sizes) = self.0.lock() {
            sizes.clear();
        }
    }
}
