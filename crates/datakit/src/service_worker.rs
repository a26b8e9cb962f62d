//! The site's service worker (`sw.js`), written by `datakit site`: it keeps one build's
//! files so that the site opens and filters offline, and takes a new deployment whole.
//!
//! The worker's code is `service_worker.js`; this module puts above it the build's
//! version and the exact list of files it keeps (path under the site's base, SHA-256):
//! every file of the built site (the hashed app, worker and stylesheet, the manifest,
//! the icons) but the HTML, `data/catalog.json` and the data files it lists, and the
//! site's pages (the home page, which is also the app's shell for every other path, and
//! the top-level pages; a page not kept opens offline in a kept page of its app: its
//! shell, `SHELLS`). The version is a hash of the worker's code and of that list, so
//! that any change of any file is a new version with its own cache. Each page names its
//! build in `<meta name="sre-build">`: the worker serves a page from the network only
//! when it is its own build's. See `service_worker.js` for the rules.

use anyhow::{Context, Result};
use explorer_core::catalog::{Catalog, CATALOG_FILE};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

/// The meta element naming the build a page belongs to.
pub const BUILD_META: &str = "sre-build";
/// Stands for the build's version in the pages until it is known (it hashes them).
pub const BUILD_PLACEHOLDER: &str = "sre-build-version-to-come";
/// The worker's file name, at the site's base.
pub const SCRIPT_FILE: &str = "sw.js";
/// The worker's code, below the build's version and file list.
const CODE: &str = include_str!("service_worker.js");

/// SHA-256 of `bytes`, lowercase hex.
fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The files one build's service worker keeps: path under the site's base (`""` for
/// the home page, `barometer/` for a page) → SHA-256, lowercase hex.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Precache {
    files: BTreeMap<String, String>,
    /// Per path prefix (`project/`), the kept page whose app shows the pages under it
    /// that are not kept; the home page for any other path.
    shells: BTreeMap<String, String>,
}

impl Precache {
    /// The built site's files in `dist` but its pages: every file except HTML files,
    /// dotfiles, `sw.js` and the `data/` directory, of which only `catalog.json` and the
    /// files it lists (an error when one is missing).
    pub fn assets(dist: &Path) -> Result<Self> {
        let mut precache = Self::default();
        precache.add_tree(dist, "")?;
        let catalog_path = dist.join("data").join(CATALOG_FILE);
        let catalog_bytes = std::fs::read(&catalog_path)
            .with_context(|| format!("reading {}", catalog_path.display()))?;
        let catalog: Catalog = serde_json::from_slice(&catalog_bytes)
            .with_context(|| format!("decoding {}", catalog_path.display()))?;
        precache.add(&format!("data/{CATALOG_FILE}"), &catalog_bytes);
        for entry in &catalog.datasets {
            let path = dist.join("data").join(&entry.file);
            let bytes =
                std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            precache.add(&format!("data/{}", entry.file), &bytes);
        }
        Ok(precache)
    }

    /// Adds the files under `dir` (whose path under the base is `prefix`).
    fn add_tree(&mut self, dir: &Path, prefix: &str) -> Result<()> {
        for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = format!("{prefix}{name}");
            if name.starts_with('.') || name.ends_with(".html") || path == SCRIPT_FILE {
                continue;
            }
            if entry.file_type()?.is_dir() {
                if path != "data" {
                    self.add_tree(&entry.path(), &format!("{path}/"))?;
                }
            } else {
                self.add(&path, &std::fs::read(entry.path())?);
            }
        }
        Ok(())
    }

    /// No longer keeps the file at `path` (nothing when it was not kept).
    pub fn remove(&mut self, path: &str) {
        self.files.remove(path);
    }

    /// Keeps the file at `path` under the base, with content `bytes` (replacing an
    /// earlier content of that path).
    pub fn add(&mut self, path: &str, bytes: &[u8]) {
        self.files.insert(path.to_string(), sha256_hex(bytes));
    }

    /// The paths kept, in order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// Pages under `prefix` (`project/`) that are not kept open, offline, in the kept
    /// page `page` (`communes/`), a page of the app that shows them.
    pub fn add_shell(&mut self, prefix: &str, page: &str) {
        self.shells.insert(prefix.to_string(), page.to_string());
    }

    /// The build's version: a hash of the worker's code, of every path and content,
    /// and of the shells.
    pub fn version(&self) -> String {
        let mut digest = Sha256::new();
        digest.update(CODE.as_bytes());
        for (prefix, page) in &self.shells {
            digest.update(format!("shell {prefix} {page}\n").as_bytes());
        }
        for (path, sha256) in &self.files {
            digest.update(path.as_bytes());
            digest.update([0]);
            digest.update(sha256.as_bytes());
            digest.update([b'\n']);
        }
        sha256_hex(&digest.finalize())[..16].to_string()
    }

    /// The text of `sw.js` for the build `version`.
    pub fn script(&self, version: &str) -> String {
        let files: Vec<String> = self
            .files
            .iter()
            .map(|(path, sha256)| {
                format!(
                    "  [{}, \"{sha256}\"]",
                    serde_json::Value::from(path.as_str())
                )
            })
            .collect();
        let shells: Vec<String> = self
            .shells
            .iter()
            .map(|(prefix, page)| {
                format!(
                    "  [{}, {}]",
                    serde_json::Value::from(prefix.as_str()),
                    serde_json::Value::from(page.as_str())
                )
            })
            .collect();
        format!(
            "const BUILD = {};\nconst FILES = [\n{}\n];\nconst SHELLS = [\n{}\n];\n\n{CODE}",
            serde_json::Value::from(version),
            files.join(",\n"),
            shells.join(",\n")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A built site in a temporary directory, removed on drop.
    struct Site(std::path::PathBuf);

    impl Site {
        fn new(name: &str) -> Self {
            let dir = std::env::temp_dir().join(format!("sre-sw-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            for sub in ["data", "icons", "barometer", "commune/62063"] {
                std::fs::create_dir_all(dir.join(sub)).unwrap();
            }
            let projects = b"{\"projects\":[]}";
            let catalog = serde_json::json!({
                "build_date": "2026-01-01T00:00:00Z",
                "datasets": [{
                    "id": "projects", "title": {"fr": "p", "nl": "p", "de": "p", "en": "p"},
                    "licence": "CC0", "records": 0,
                    "file": "projects.abc.json", "bytes": projects.len(),
                    "sha256": sha256_hex(projects), "build_date": "2026-01-01T00:00:00Z"
                }]
            });
            let files: [(&str, &[u8]); 11] = [
                ("index.html", b"<html>home</html>"),
                ("404.html", b"<html>404</html>"),
                ("barometer/index.html", b"<html>barometer</html>"),
                ("commune/62063/index.html", b"<html>Li\xc3\xa8ge</html>"),
                ("app-0123.js", b"js"),
                ("app-0123_bg.wasm", b"wasm"),
                ("icons/icon.svg", b"<svg/>"),
                (".nojekyll", b""),
                ("sw.js", b"old worker"),
                ("data/projects.abc.json", projects),
                ("data/projects.old.json", b"a file of an earlier bundle"),
            ];
            for (path, bytes) in files {
                std::fs::write(dir.join(path), bytes).unwrap();
            }
            std::fs::write(dir.join("data/catalog.json"), catalog.to_string()).unwrap();
            Site(dir)
        }
    }

    impl Drop for Site {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn keeps_the_assets_the_catalog_and_its_files_but_no_page_dotfile_or_worker() {
        let site = Site::new("assets");
        let precache = Precache::assets(&site.0).unwrap();
        assert_eq!(
            precache.paths().collect::<Vec<_>>(),
            [
                "app-0123.js",
                "app-0123_bg.wasm",
                "data/catalog.json",
                "data/projects.abc.json",
                "icons/icon.svg"
            ]
        );
        assert_eq!(precache.files["app-0123.js"], sha256_hex(b"js"));
        let mut without_app = precache.clone();
        without_app.remove("app-0123.js");
        without_app.remove("app-0123_bg.wasm");
        without_app.remove("not-kept.js");
        assert_eq!(without_app.paths().count(), 3);
        assert!(!without_app.paths().any(|path| path.starts_with("app-")));
    }

    #[test]
    fn a_file_the_catalog_lists_must_be_there() {
        let site = Site::new("missing");
        std::fs::remove_file(site.0.join("data/projects.abc.json")).unwrap();
        let error = Precache::assets(&site.0).unwrap_err();
        assert!(
            format!("{error:#}").contains("projects.abc.json"),
            "{error:#}"
        );
    }

    #[test]
    fn any_change_of_a_kept_file_is_a_new_version() {
        let site = Site::new("version");
        let mut precache = Precache::assets(&site.0).unwrap();
        precache.add("", b"<html>home</html>");
        let version = precache.version();
        assert_eq!(version.len(), 16);
        assert!(version.chars().all(|c| c.is_ascii_hexdigit()));
        let mut again = Precache::assets(&site.0).unwrap();
        again.add("", b"<html>home</html>");
        assert_eq!(again.version(), version, "the same files, the same version");
        let mut changed = precache.clone();
        changed.add("data/catalog.json", b"{}");
        assert_ne!(changed.version(), version);
        let mut renamed = precache.clone();
        renamed.remove("icons/icon.svg");
        renamed.add("icons/other.svg", b"<svg/>");
        assert_ne!(renamed.version(), version);
        let mut page = precache.clone();
        page.add("", b"<html>home, new</html>");
        assert_ne!(page.version(), version);
    }

    #[test]
    fn the_script_names_the_version_and_every_file_with_its_hash() {
        let mut precache = Precache::default();
        precache.add("", b"home");
        precache.add("data/catalog.json", b"{}");
        let before = precache.version();
        precache.add_shell("project/", "communes/");
        assert_ne!(precache.version(), before);
        let script = precache.script("0123456789abcdef");
        let head = format!(
            "const BUILD = \"0123456789abcdef\";\nconst FILES = [\n  [\"\", \"{}\"],\n  [\"data/catalog.json\", \"{}\"]\n];\nconst SHELLS = [\n  [\"project/\", \"communes/\"]\n];\n\n",
            sha256_hex(b"home"),
            sha256_hex(b"{}")
        );
        assert!(script.starts_with(&head), "{script}");
        assert!(script.ends_with(CODE));
        // A page keeps the build it started with: no worker takes over a running page.
        assert!(!CODE.contains("skipWaiting()") && !CODE.contains("claim()"));
    }
}
