//! `/data/`: the explorer over the user's own dataset. The file is read in this
//! browser and handed to the import worker, which profiles its columns, builds the
//! engine's table and answers every view (`explorer_core::open_data::session`); the
//! page holds only the profile, the fields and the current view.
//!
//! One direction, as on the projects' explorer: address → [`DataQuery`] → the worker
//! (a build when the kinds change, a view when the filters do) → the views. A dataset
//! opened from an address (`src`) is in the address too, so reload, share and back
//! reopen it; a local file cannot be: its filters are, and the page asks for the file
//! again after a reload.

use crate::app::with_bundle;
use crate::components::dataset::{
    DataNav, DatasetFacet, DatasetMap, DatasetRange, DatasetReport, DatasetTable,
};
use crate::components::open_data::{fetch_url, name_of_url};
use crate::data::{base_path, Bundle};
use crate::explorer::router_navigation;
use crate::i18n::*;
use crate::import_worker::ImportWorker;
use crate::lang::language_of;
use explorer_core::explore::map_layout;
use explorer_core::import::profile::ColumnKind;
use explorer_core::open_data::session::{
    BuiltDataset, DatasetProfile, DatasetReply, DatasetRequest,
};
use explorer_core::open_data::{is_fetchable_source, DataQuery, FieldRole, MetricKind, View};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Width of the map's coordinate system.
const MAP_WIDTH: f64 = 900.0;

/// Where the dataset is.
#[derive(Clone, Debug, PartialEq)]
enum Status {
    /// No file yet.
    Waiting,
    /// Reading the file, then profiling it in the worker.
    Reading,
    /// Building the table in the worker.
    Building,
    /// Ready.
    Ready,
    /// Something failed, and why.
    Failed(String),
}

/// The page.
#[component]
pub fn DataPage() -> impl IntoView {
    view! { {with_bundle(|bundle| view! { <DataExplorer bundle /> })} }
}

/// The explorer once the site's data (the municipalities, the map) are loaded.
#[component]
fn DataExplorer(bundle: Bundle) -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let query = Memo::new(move |_| DataQuery::parse(&location.search.get()));
    let path = location.pathname.get_untracked();
    let link =
        Callback::new(move |next: DataQuery| next.href(&path, language_of(i18n.get_locale())));
    let nav = DataNav {
        query,
        link,
        go: router_navigation(),
    };
    let status = RwSignal::new(Status::Waiting);
    let profile = RwSignal::new(None::<DatasetProfile>);
    let built = RwSignal::new(None::<BuiltDataset>);
    let view = RwSignal::new(None::<View>);
    // The last request of each kind: an older answer is dropped.
    let next_id = StoredValue::new(0u32);
    let latest_build = StoredValue::new(0u32);
    let latest_view = StoredValue::new(0u32);
    let built_kinds = StoredValue::new(Vec::<ColumnKind>::new());
    let worker = StoredValue::new_local(None::<ImportWorker>);
    let new_id = move || {
        next_id.update_value(|id| *id += 1);
        next_id.get_value()
    };
    let on_reply = move |reply: Result<DatasetReply, String>| match reply {
        Ok(DatasetReply::Profiled { profile: p, .. }) => {
            built.set(None);
            view.set(None);
            built_kinds.set_value(Vec::new());
            profile.set(Some(p));
        }
        Ok(DatasetReply::Built { id, dataset }) if id == latest_build.get_value() => {
            built.set(Some(dataset));
            status.set(Status::Ready);
        }
        Ok(DatasetReply::View { id, view: v }) if id == latest_view.get_value() => {
            view.set(Some(v))
        }
        Ok(DatasetReply::Failed { issue, .. }) => status.set(Status::Failed(
            crate::components::open_data::describe_issue(i18n.get_locale_untracked(), &issue),
        )),
        Ok(_) => {}
        Err(reason) => {
            worker.set_value(None);
            status.set(Status::Failed(reason));
        }
    };
    let send = move |request: DatasetRequest, bytes: Option<js_sys::ArrayBuffer>| {
        if worker.with_value(Option::is_none) {
            match ImportWorker::start(&base_path(), on_reply) {
                Ok(started) => worker.set_value(Some(started)),
                Err(reason) => {
                    status.set(Status::Failed(reason));
                    return;
                }
            }
        }
        worker.with_value(|w| {
            if let Some(w) = w {
                w.send(&request, bytes);
            }
        });
    };
    // A build whenever the profile or the chosen kinds change.
    Effect::new(move |_| {
        let Some(kinds) = profile.with(|p| p.as_ref().map(|p| query.with(|q| q.kinds(&p.columns))))
        else {
            return;
        };
        if built_kinds.with_value(|b| *b == kinds) {
            return;
        }
        built_kinds.set_value(kinds.clone());
        let id = new_id();
        latest_build.set_value(id);
        status.set(Status::Building);
        send(DatasetRequest::Build { id, kinds }, None);
    });
    // A view whenever the dataset is built again or the view asked for changes.
    Effect::new(move |_| {
        let request = query.with(|q| q.view.clone());
        let language = language_of(i18n.get_locale());
        if built.with(Option::is_none) {
            return;
        }
        let id = new_id();
        latest_view.set_value(id);
        let mut request = request;
        request.language = language;
        send(DatasetRequest::View { id, request }, None);
    });
    // Sends the bytes of `file` to the worker to be read and profiled.
    let reference = bundle.reference.clone();
    let open_bytes = move |file: String, bytes: Option<js_sys::ArrayBuffer>| {
        let id = new_id();
        send(
            DatasetRequest::Open {
                id,
                file,
                reference: reference.as_ref().clone(),
            },
            bytes,
        );
    };
    // The dataset of the address (`src`), fetched whenever it changes.
    let loaded_src = StoredValue::new(None::<String>);
    let open_bytes_src = open_bytes.clone();
    Effect::new(move |_| {
        let Some(src) = query.with(|q| q.src.clone()) else {
            return;
        };
        if loaded_src.with_value(|l| l.as_deref() == Some(src.as_str())) {
            return;
        }
        loaded_src.set_value(Some(src.clone()));
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        let locale = i18n.get_locale_untracked();
        if !is_fetchable_source(&src, &origin) {
            status.set(Status::Failed(
                td_string!(locale, od_https_only, url = src).to_string(),
            ));
            return;
        }
        status.set(Status::Reading);
        let open_bytes = open_bytes_src.clone();
        leptos::task::spawn_local(async move {
            let still = src.clone();
            match fetch_url(
                &src,
                locale,
                |_| {},
                move || loaded_src.with_value(|l| l.as_deref() != Some(still.as_str())),
            )
            .await
            {
                Ok(Some(bytes)) => open_bytes(name_of_url(&src), Some(bytes)),
                Ok(None) => {}
                Err(reason) => status.set(Status::Failed(reason)),
            }
        });
    });
    let url_field = RwSignal::new(String::new());
    let open_url = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let src = url_field.get_untracked().trim().to_string();
        if !src.is_empty() {
            // Another dataset: the kinds and filters of this one do not apply.
            nav.update(move |q| {
                *q = DataQuery {
                    src: Some(src),
                    ..DataQuery::default()
                }
            });
        }
    };
    let open_file = move |ev: leptos::ev::Event| {
        let Some(file) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
        else {
            return;
        };
        status.set(Status::Reading);
        // A local file replaces the dataset of the address, if any.
        if query.with_untracked(|q| q.src.is_some()) {
            loaded_src.set_value(None);
            nav.update(|q| q.src = None);
        }
        let open_bytes = open_bytes.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => {
                    open_bytes(file.name(), buffer.dyn_into::<js_sys::ArrayBuffer>().ok())
                }
                Err(error) => status.set(Status::Failed(format!("{}: {error:?}", file.name()))),
            }
        });
    };
    let layout = bundle
        .wallonia
        .as_ref()
        .ok()
        .and_then(|topology| map_layout(topology, "municipalities", MAP_WIDTH).ok())
        .map(Arc::new);
    let status_text = move || match status.get() {
        Status::Waiting => String::new(),
        Status::Reading => td_string!(i18n.get_locale(), data_reading).to_string(),
        Status::Building => td_string!(i18n.get_locale(), data_building).to_string(),
        Status::Ready => String::new(),
        Status::Failed(reason) => reason,
    };
    let explorer = move || {
        let fields = built.with(|b| b.as_ref().map(|b| b.fields.clone()))?;
        let headers: Vec<(String, String)> = fields
            .iter()
            .filter(|f| f.source.is_some())
            .map(|f| (f.key.clone(), f.header.clone()))
            .collect();
        let facets = fields
            .iter()
            .filter(|f| f.is_facet())
            .cloned()
            .map(|field| view! { <DatasetFacet field view=view.into() nav /> })
            .collect_view();
        let ranges = fields
            .iter()
            .filter(|f| f.is_range())
            .cloned()
            .map(|field| view! { <DatasetRange field nav /> })
            .collect_view();
        let numbers: Vec<(String, String)> = fields
            .iter()
            .filter(|f| f.role == FieldRole::Column(ColumnKind::Number))
            .map(|f| (f.key.clone(), f.header.clone()))
            .collect();
        let commune = fields
            .iter()
            .find(|f| f.role == FieldRole::Column(ColumnKind::Commune))
            .map(|f| f.key.clone());
        let map = match (commune, layout.clone()) {
            (Some(commune_key), Some(layout)) => view! {
                <DatasetMetric numbers nav />
                <DatasetMap layout commune_key view=view.into() nav />
            }
            .into_any(),
            _ => {
                view! { <p class="notice" data-testid="map-empty">{t!(i18n, data_no_commune)}</p> }
                    .into_any()
            }
        };
        let count = move || view.with(|v| v.as_ref().map_or(0, |v| v.count));
        let total = move || view.with(|v| v.as_ref().map_or(0, |v| v.total));
        let on_search = move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            nav.update(move |q| q.view.text = text);
        };
        Some(view! {
            <div class="data-explorer">
                <aside class="data-filters">
                    <label class="field">
                        <span>{t!(i18n, data_search)}</span>
                        <input type="search" data-testid="data-search" prop:value=move || query.with(|q| q.view.text.clone()) on:change=on_search />
                    </label>
                    {facets}
                    {ranges}
                    <a data-testid="clear-filters" href=move || nav.href(DataQuery::clear_filters)>{t!(i18n, data_clear)}</a>
                </aside>
                <div class="data-results">
                    <p class="result-count" data-testid="result-count" data-count=count aria-live="polite">
                        {move || td_string!(i18n.get_locale(), data_count, count = count(), total = total()).to_string()}
                    </p>
                    {map}
                    <DatasetTable headers view=view.into() nav />
                </div>
            </div>
        })
    };
    view! {
        <div class="page data-page">
            <h1>{t!(i18n, data_title)}</h1>
            <p>{t!(i18n, data_intro)}</p>
            <label class="field">
                <span>{t!(i18n, data_choose)}</span>
                <input type="file" data-testid="data-file" accept=".csv,.tsv,.txt,.json,.geojson,.topojson" on:change=open_file />
            </label>
            <form class="field" on:submit=open_url>
                <label for="data-url">{t!(i18n, data_url)}</label>
                <div class="data-url">
                    <input id="data-url" type="url" data-testid="data-url" placeholder="https://…" prop:value=move || url_field.get()
                        on:input=move |ev| url_field.set(event_target_value(&ev)) />
                    <button type="submit" class="button" data-testid="data-fetch">{t!(i18n, data_fetch)}</button>
                </div>
            </form>
            <p class="notice" data-testid="data-reopen" hidden=move || { profile.with(Option::is_some) || query.with(|q| q.src.is_some() || !q.is_filtered()) }>
                {t!(i18n, data_reopen)}
            </p>
            <p data-testid="data-status" role="status">{status_text}</p>
            {move || profile.get().map(|profile| view! { <DatasetReport profile built=built.into() nav /> })}
            {explorer}
        </div>
    }
}

/// The map's metric: count, or the sum, mean or median of a number field, optionally
/// per 1,000 inhabitants.
#[component]
fn DatasetMetric(numbers: Vec<(String, String)>, nav: DataNav) -> impl IntoView {
    let i18n = use_i18n();
    let current = move || {
        nav.query
            .with(|q| match (q.view.metric.kind, &q.view.metric.field) {
                (MetricKind::Count, _) | (_, None) => "count".to_string(),
                (kind, Some(field)) => format!("{}:{field}", kind.as_str()),
            })
    };
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        nav.update(move |q| match value.split_once(':') {
            Some((kind, field)) => {
                q.view.metric.kind = MetricKind::from_name(kind).unwrap_or_default();
                q.view.metric.field = Some(field.to_string());
            }
            None => {
                q.view.metric.kind = MetricKind::Count;
                q.view.metric.field = None;
            }
        });
    };
    let options = numbers
        .into_iter()
        .flat_map(|(key, header)| {
            [MetricKind::Sum, MetricKind::Mean, MetricKind::Median]
                .map(|kind| (kind, key.clone(), header.clone()))
        })
        .map(|(kind, key, header)| {
            let label = move || {
                let locale = i18n.get_locale();
                match kind {
                    MetricKind::Sum => {
                        td_string!(locale, data_metric_sum, column = header.clone()).to_string()
                    }
                    MetricKind::Mean => {
                        td_string!(locale, data_metric_mean, column = header.clone()).to_string()
                    }
                    _ => {
                        td_string!(locale, data_metric_median, column = header.clone()).to_string()
                    }
                }
            };
            view! { <option value=format!("{}:{key}", kind.as_str())>{label}</option> }
        })
        .collect_view();
    let per_1000 = move || nav.query.with(|q| q.view.metric.per_1000);
    view! {
        <div class="map-controls">
            <label class="field field--inline">
                <span>{t!(i18n, data_metric)}</span>
                <select data-testid="metric-select" on:change=on_change prop:value=current>
                    <option value="count">{t!(i18n, data_metric_count)}</option>
                    {options}
                </select>
            </label>
            <label class="field field--inline">
                <input type="checkbox" data-testid="per-1000" prop:checked=per_1000
                    on:change=move |_| nav.update(|q| q.view.metric.per_1000 = !q.view.metric.per_1000) />
                <span>{t!(i18n, data_per_1000)}</span>
            </label>
        </div>
    }
}
