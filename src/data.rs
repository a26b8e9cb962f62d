//! Loading the data bundle (`data/catalog.json` and the dataset files it lists).

use explorer_core::catalog::{
    Catalog, ProjectsFile, StartUp, CALLS_DATASET, CATALOG_FILE, PROJECTS_DATASET,
    WALLONIA_BOUNDARIES_DATASET,
};
use explorer_core::datasets::calls::Call;
use explorer_core::explore::ProjectIndex;
use explorer_core::municipality::Reference;
use explorer_core::topology::Topology;
use futures::future::{LocalBoxFuture, OptionFuture};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What the explorer loads at start-up.
#[derive(Clone, Debug)]
pub struct Bundle {
    /// The catalog of datasets.
    pub catalog: Arc<Catalog>,
    /// Regions, provinces and municipalities: Wallonia's or Belgium's, as the app
    /// asked ([`StartUp`]).
    pub reference: Arc<Reference>,
    /// The documented laureate projects and the coverage per call.
    pub projects: Arc<ProjectsFile>,
    /// The calls and their published figures; empty in the explorer and its embeds,
    /// which show none and do not load them ([`load_explorer_bundle`]).
    pub calls: Arc<Vec<Call>>,
    /// The boundaries of the Walloon municipalities, or why they could not be
    /// loaded (or that this app does not load them: the table embed,
    /// [`load_table_embed_bundle`]): everything but the maps works without them.
    pub wallonia: Result<Arc<Topology>, LoadError>,
    /// The columnar index every filter, count and sort of the projects goes through.
    pub index: Arc<ProjectIndex>,
}

/// Why loading failed, naming the dataset and its file.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadError {
    /// The dataset's id in the catalog, when the failure is a dataset's.
    pub dataset: Option<String>,
    /// The file that failed (e.g. `catalog.json`).
    pub file: String,
    /// What went wrong, in plain words.
    pub reason: String,
}

impl LoadError {
    /// The failure of the dataset `id` listed in `catalog` (its file, if listed).
    pub fn of_dataset(catalog: &Catalog, id: &str, reason: String) -> LoadError {
        LoadError {
            dataset: Some(id.to_string()),
            file: catalog
                .dataset(id)
                .map(|entry| entry.file.clone())
                .unwrap_or_default(),
            reason,
        }
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.dataset {
            Some(dataset) => write!(f, "{dataset} ({}): {}", self.file, self.reason),
            None => write!(f, "{}: {}", self.file, self.reason),
        }
    }
}

/// How long a data file may take before the app gives up on it.
const TIMEOUT_MS: i32 = 30_000;

/// How far the start-up loading is: files done, files in all.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LoadProgress {
    /// Files received (or failed).
    pub done: usize,
    /// Files to load.
    pub total: usize,
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

/// Fetches `data/<file>` under `base`, giving up after [`TIMEOUT_MS`].
async fn fetch_bytes(base: &str, file: &str) -> Result<Vec<u8>, String> {
    let controller = web_sys::AbortController::new().map_err(|_| "cannot fetch".to_string())?;
    let timed_out = Rc::new(Cell::new(false));
    let on_timeout = {
        let (controller, timed_out) = (controller.clone(), timed_out.clone());
        Closure::once_into_js(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let window = web_sys::window().ok_or("no window")?;
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            on_timeout.unchecked_ref(),
            TIMEOUT_MS,
        )
        .ok();
    let signal = controller.signal();
    let result = async {
        let response = gloo_net::http::Request::get(&format!("{base}data/{file}"))
            .abort_signal(Some(&signal))
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if !response.ok() {
            return Err(format!(
                "HTTP {} {}",
                response.status(),
                response.status_text()
            ));
        }
        response.binary().await.map_err(|e| e.to_string())
    }
    .await;
    if let Some(timer) = timer {
        window.clear_timeout_with_handle(timer);
    }
    result.map_err(|reason| {
        if timed_out.get() {
            format!("no complete answer after {} s", TIMEOUT_MS / 1000)
        } else {
            reason
        }
    })
}

/// Fetches `data/<file>` under `base` and decodes it as JSON.
pub async fn fetch_json<T: DeserializeOwned>(base: &str, file: &str) -> Result<T, LoadError> {
    let error = |reason: String| LoadError {
        dataset: None,
        file: file.to_string(),
        reason,
    };
    let bytes = fetch_bytes(base, file).await.map_err(error)?;
    serde_json::from_slice(&bytes).map_err(|e| error(e.to_string()))
}

/// Fetches the dataset `id` listed in `catalog`, checks its size and SHA-256
/// against the catalog, and decodes it.
pub async fn fetch_dataset<T: DeserializeOwned>(
    base: &str,
    catalog: &Catalog,
    id: &str,
) -> Result<T, LoadError> {
    decode(catalog, id, fetch_verified(base, catalog, id).await?)
}

/// The bytes of the dataset `id` listed in `catalog`, checked against its size and
/// SHA-256 there. Not generic: the start-up files are fetched side by side as one type
/// of future (one copy of the waiting code, not one per dataset type).
async fn fetch_verified(base: &str, catalog: &Catalog, id: &str) -> Result<Vec<u8>, LoadError> {
    let entry = catalog.dataset(id).ok_or_else(|| LoadError {
        dataset: Some(id.to_string()),
        file: CATALOG_FILE.to_string(),
        reason: format!("no dataset '{id}' in the catalog"),
    })?;
    let error = |reason: String| LoadError::of_dataset(catalog, id, reason);
    let bytes = fetch_bytes(base, &entry.file).await.map_err(error)?;
    entry.check_size(bytes.len()).map_err(error)?;
    if let Some(actual) = browser_sha256(&bytes).await.map_err(error)? {
        entry.check_sha256(&actual).map_err(error)?;
    }
    Ok(bytes)
}

/// The SHA-256 of `bytes` (lowercase hex) by the browser's WebCrypto, or `None` where
/// the page has none: `crypto.subtle` exists only in a secure context (HTTPS, or
/// localhost). There the size is checked alone, which is enough for what the check
/// is for: no service worker runs outside a secure context, and the data files' names
/// carry a hash of their content, so an old file cannot be mixed with new ones.
///
/// WebCrypto rather than the `sha2` crate compiled in: native code, run off the main
/// thread, and no hashing code in the wasm (about 1 KB gzip).
async fn browser_sha256(bytes: &[u8]) -> Result<Option<String>, String> {
    let crypto = js_sys::Reflect::get(&js_sys::global(), &"crypto".into()).unwrap_or_default();
    let subtle = js_sys::Reflect::get(&crypto, &"subtle".into()).unwrap_or_default();
    if subtle.is_undefined() || subtle.is_null() {
        return Ok(None);
    }
    let failed = |e: JsValue| {
        let reason = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()));
        format!("SHA-256 not computed: {}", reason.unwrap_or_default())
    };
    let promise = subtle
        .unchecked_into::<web_sys::SubtleCrypto>()
        .digest_with_str_and_u8_array("SHA-256", bytes)
        .map_err(failed)?;
    let digest = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(failed)?;
    let digest = js_sys::Uint8Array::new(&digest).to_vec();
    Ok(Some(digest.iter().map(|b| format!("{b:02x}")).collect()))
}

/// Decodes the JSON `bytes` of the dataset `id` listed in `catalog`.
fn decode<T: DeserializeOwned>(
    catalog: &Catalog,
    id: &str,
    bytes: Vec<u8>,
) -> Result<T, LoadError> {
    serde_json::from_slice(&bytes).map_err(|e| LoadError::of_dataset(catalog, id, e.to_string()))
}

/// Awaits `future`, then counts one more file done.
async fn counted<T>(
    progress: RwSignal<LoadProgress>,
    future: impl std::future::Future<Output = T>,
) -> T {
    let result = future.await;
    progress.update(|p| p.done += 1);
    result
}

/// How an app loads its data bundle: [`load_explorer_bundle`],
/// [`load_table_embed_bundle`] or [`load_site_bundle`] (functions, so that an app's
/// wasm holds only the decoding it uses).
pub type BundleLoader =
    fn(String, RwSignal<LoadProgress>) -> LocalBoxFuture<'static, Result<Bundle, LoadError>>;

/// The bundle of the explorer and its map embed ([`StartUp::Wallonia`]): Wallonia's
/// municipalities, and no calls (`Bundle::calls` is empty).
pub fn load_explorer_bundle(
    base: String,
    progress: RwSignal<LoadProgress>,
) -> LocalBoxFuture<'static, Result<Bundle, LoadError>> {
    Box::pin(load_bundle(
        base,
        progress,
        StartUp::Wallonia,
        Some(decode_boundaries),
    ))
}

/// The bundle of the table embed ([`StartUp::WalloniaWithoutMap`]): the explorer's
/// without the boundaries (`Bundle::wallonia` says they were not loaded), so that its
/// readers download neither them nor the code that decodes them.
pub fn load_table_embed_bundle(
    base: String,
    progress: RwSignal<LoadProgress>,
) -> LocalBoxFuture<'static, Result<Bundle, LoadError>> {
    Box::pin(load_bundle(
        base,
        progress,
        StartUp::WalloniaWithoutMap,
        None::<fn(&Catalog, Vec<u8>) -> Result<Topology, LoadError>>,
    ))
}

/// The bundle of the other apps ([`StartUp::Belgium`]): every municipality, and the
/// calls. The calls are decoded here only, so that the explorer's wasm has no code for
/// them (5.8 KB gzip).
pub fn load_site_bundle(
    base: String,
    progress: RwSignal<LoadProgress>,
) -> LocalBoxFuture<'static, Result<Bundle, LoadError>> {
    Box::pin(async move {
        let mut bundle = load_bundle(
            base.clone(),
            progress,
            StartUp::Belgium,
            Some(decode_boundaries),
        )
        .await?;
        let calls: Vec<Call> = counted(
            progress,
            fetch_dataset(&base, &bundle.catalog, CALLS_DATASET),
        )
        .await?;
        bundle.calls = Arc::new(calls);
        Ok(bundle)
    })
}

/// Decodes the boundaries of the Walloon municipalities, for the apps that draw maps.
/// Only their loaders name it, so that the table embed's wasm has no code to decode a
/// topology (10.6 KB gzip).
fn decode_boundaries(catalog: &Catalog, bytes: Vec<u8>) -> Result<Topology, LoadError> {
    decode(catalog, WALLONIA_BOUNDARIES_DATASET, bytes)
}

/// Fetches the catalog, then the municipalities (`start_up`: which), the projects and,
/// where `start_up` has a map, the boundaries (decoded by `boundaries`), side by side;
/// `progress` follows the files as they arrive, out of all the files of `start_up`.
async fn load_bundle(
    base: String,
    progress: RwSignal<LoadProgress>,
    start_up: StartUp,
    boundaries: Option<impl Fn(&Catalog, Vec<u8>) -> Result<Topology, LoadError>>,
) -> Result<Bundle, LoadError> {
    debug_assert_eq!(start_up.has_map(), boundaries.is_some());
    let total = 1 + start_up.datasets().len();
    progress.set(LoadProgress { done: 0, total });
    let catalog: Catalog = fetch_json(&base, CATALOG_FILE).await?;
    progress.set(LoadProgress { done: 1, total });
    let (municipalities_id, projects_id, boundaries_id) = (
        start_up.municipalities(),
        PROJECTS_DATASET,
        WALLONIA_BOUNDARIES_DATASET,
    );
    let fetched = |id| counted(progress, fetch_verified(&base, &catalog, id));
    let (reference, projects, wallonia) = futures::join!(
        fetched(municipalities_id),
        fetched(projects_id),
        OptionFuture::from(boundaries.as_ref().map(|_| fetched(boundaries_id))),
    );
    let wallonia = match (boundaries, wallonia) {
        (Some(decode_boundaries), Some(bytes)) => {
            bytes.and_then(|bytes| decode_boundaries(&catalog, bytes))
        }
        _ => Err(LoadError::of_dataset(
            &catalog,
            boundaries_id,
            "not loaded by this page, which draws no map".to_string(),
        )),
    };
    let reference: Reference = decode(&catalog, municipalities_id, reference?)?;
    let projects: ProjectsFile = decode(&catalog, projects_id, projects?)?;
    let index = ProjectIndex::build(&projects.projects, &reference);
    Ok(Bundle {
        index: Arc::new(index),
        catalog: Arc::new(catalog),
        reference: Arc::new(reference),
        projects: Arc::new(projects),
        calls: Arc::default(),
        wallonia: wallonia.map(Arc::new),
    })
}
