//! `datakit fetch`: the external sources declared in `data/sources.toml` (the boundary
//! file), downloaded into a git-ignored cache or copied from an offline mirror, and
//! checked against their declared sha256 either way.

use anyhow::{bail, Context, Result};
use explorer_core::catalog::sha256_hex;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Where fetched sources are kept (git-ignored).
pub const CACHE_DIR: &str = ".cache/sources";
/// Environment variable naming a mirror directory, used when `--mirror` is not given.
pub const MIRROR_ENV: &str = "DATAKIT_MIRROR";

/// One external source of `data/sources.toml`.
#[derive(Debug, Deserialize)]
pub struct ExternalSource {
    /// Human title.
    pub title: String,
    /// File name in the cache and in a mirror directory.
    pub file: String,
    /// Public URL.
    pub url: String,
    /// Expected SHA-256, lowercase hex.
    pub sha256: String,
    /// Licence.
    pub licence: String,
    /// Project page.
    pub homepage: String,
}

/// Reads `sources.toml` from the data directory.
pub fn read_sources(data: &Path) -> Result<BTreeMap<String, ExternalSource>> {
    let path = data.join("sources.toml");
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

/// The mirror directory: the flag, else `DATAKIT_MIRROR` when set and non-empty.
pub fn mirror_dir(flag: Option<PathBuf>) -> Option<PathBuf> {
    flag.or_else(|| {
        std::env::var_os(MIRROR_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
}

fn check_sha(bytes: &[u8], source: &ExternalSource, origin: &str) -> Result<()> {
    let actual = sha256_hex(bytes);
    if actual != source.sha256 {
        bail!(
            "{} from {origin}: sha256 {actual} does not match the declared {}",
            source.file,
            source.sha256
        );
    }
    Ok(())
}

/// Makes `source` present and verified in the cache; returns its path there.
pub fn fetch_one(source: &ExternalSource, cache: &Path, mirror: Option<&Path>) -> Result<PathBuf> {
    let target = cache.join(&source.file);
    if let Ok(bytes) = std::fs::read(&target) {
        if check_sha(&bytes, source, "the cache").is_ok() {
            return Ok(target);
        }
    }
    let (bytes, origin) = match mirror {
        Some(dir) => {
            let path = dir.join(&source.file);
            let bytes = std::fs::read(&path)
                .with_context(|| format!("reading mirror copy {}", path.display()))?;
            (bytes, path.display().to_string())
        }
        None => (download(&source.url)?, source.url.clone()),
    };
    check_sha(&bytes, source, &origin)?;
    std::fs::create_dir_all(cache).with_context(|| format!("creating {}", cache.display()))?;
    let partial = target.with_extension("partial");
    std::fs::write(&partial, &bytes)?;
    std::fs::rename(&partial, &target)?;
    eprintln!(
        "fetched {} ({} bytes) from {origin}",
        source.file,
        bytes.len()
    );
    Ok(target)
}

fn download(url: &str) -> Result<Vec<u8>> {
    let response = ureq::get(url)
        .call()
        .with_context(|| format!("downloading {url}"))?;
    let mut bytes = Vec::new();
    response
        .into_body()
        .into_reader()
        .take(64 * 1024 * 1024)
        .read_to_end(&mut bytes)
        .with_context(|| format!("reading {url}"))?;
    Ok(bytes)
}

/// Fetches every declared source; returns id → cached path.
pub fn fetch_all(data: &Path, mirror: Option<&Path>) -> Result<BTreeMap<String, PathBuf>> {
    let cache = PathBuf::from(CACHE_DIR);
    read_sources(data)?
        .iter()
        .map(|(id, source)| Ok((id.clone(), fetch_one(source, &cache, mirror)?)))
        .collect()
}
