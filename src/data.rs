//! Loading the data bundle (`data/catalog.json` and the dataset files it lists).

use explorer_core::catalog::{Catalog, CATALOG_FILE};
use explorer_core::municipality::Reference;
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// Everything the app loads at start-up.
#[derive(Clone, Debug)]
pub struct Bundle {
    /// The catalog of datasets.
    pub catalog: Arc<Catalog>,
    /// Regions, provinces and municipalities.
    pub reference: Arc<Reference>,
}

/// Why loading failed, naming the file.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadError {
    /// The file that failed (e.g. `catalog.json`).
    pub file: String,
    /// What went wrong, in plain words.
    pub reason: String,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.reason)
    }
}

/// The path prefix the app is served under, from `<base href>` (e.g. `/` or `/repo/`).
pub fn base_path() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .filter(|p| p.ends_with('/'))
        .unwrap_or_else(|| "/".to_string())
}

async fn fetch_json<T: DeserializeOwned>(base: &str, file: &str) -> Result<T, LoadError> {
    let error = |reason: String| LoadError {
        file: file.to_string(),
        reason,
    };
    let url = format!("{base}data/{file}");
    let response = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(|e| error(e.to_string()))?;
    if !response.ok() {
        return Err(error(format!(
            "HTTP {} {}",
            response.status(),
            response.status_text()
        )));
    }
    response.json::<T>().await.map_err(|e| error(e.to_string()))
}

/// Fetches the catalog, then the datasets it lists.
pub async fn load_bundle(base: String) -> Result<Bundle, LoadError> {
    let catalog: Catalog = fetch_json(&base, CATALOG_FILE).await?;
    let entry = catalog.dataset("municipalities").ok_or_else(|| LoadError {
        file: CATALOG_FILE.to_string(),
        reason: "no municipalities dataset".to_string(),
    })?;
    let reference: Reference = fetch_json(&base, &entry.file).await?;
    Ok(Bundle {
        catalog: Arc::new(catalog),
        reference: Arc::new(reference),
    })
}
