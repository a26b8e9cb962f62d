//! Loading the data bundle (`data/catalog.json` and the dataset files it lists).

use explorer_core::catalog::{Catalog, ProjectsFile, CATALOG_FILE};
use explorer_core::datasets::calls::Call;
use explorer_core::engine::ProjectIndex;
use explorer_core::municipality::Reference;
use explorer_core::topology::Topology;
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// What the explorer loads at start-up.
#[derive(Clone, Debug)]
pub struct Bundle {
    /// The catalog of datasets.
    pub catalog: Arc<Catalog>,
    /// Regions, provinces and municipalities.
    pub reference: Arc<Reference>,
    /// The documented laureate projects and the coverage per call.
    pub projects: Arc<ProjectsFile>,
    /// The calls and their published figures.
    pub calls: Arc<Vec<Call>>,
    /// The boundaries of the Walloon municipalities.
    pub wallonia: Arc<Topology>,
    /// The columnar index every filter, count and sort of the projects goes through.
    pub index: Arc<ProjectIndex>,
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

/// Fetches `data/<file>` under `base` and decodes it as JSON.
pub async fn fetch_json<T: DeserializeOwned>(base: &str, file: &str) -> Result<T, LoadError> {
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

/// Fetches the dataset `id` listed in `catalog`.
pub async fn fetch_dataset<T: DeserializeOwned>(
    base: &str,
    catalog: &Catalog,
    id: &str,
) -> Result<T, LoadError> {
    let entry = catalog.dataset(id).ok_or_else(|| LoadError {
        file: CATALOG_FILE.to_string(),
        reason: format!("no dataset '{id}'"),
    })?;
    fetch_json(base, &entry.file).await
}

/// Fetches the catalog, then the datasets the explorer needs.
pub async fn load_bundle(base: String) -> Result<Bundle, LoadError> {
    let catalog: Catalog = fetch_json(&base, CATALOG_FILE).await?;
    let reference: Reference = fetch_dataset(&base, &catalog, "municipalities").await?;
    let projects: ProjectsFile = fetch_dataset(&base, &catalog, "projects").await?;
    let calls: Vec<Call> = fetch_dataset(&base, &catalog, "calls").await?;
    let wallonia: Topology = fetch_dataset(&base, &catalog, "boundaries-wallonia").await?;
    let index = ProjectIndex::build(&projects.projects, &reference);
    Ok(Bundle {
        index: Arc::new(index),
        catalog: Arc::new(catalog),
        reference: Arc::new(reference),
        projects: Arc::new(projects),
        calls: Arc::new(calls),
        wallonia: Arc::new(wallonia),
    })
}
