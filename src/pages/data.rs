//! `/data/`: the explorer over the user's own dataset. The file is read in this
//! browser and handed to the import worker ([`crate::dataset_worker`]), which
//! profiles its columns, builds the engine's table and answers every view; the page
//! holds only the profile, the fields and the current view.
//!
//! One direction, as on the projects' explorer: address → [`DataQuery`] → the worker
//! (a build when the kinds change, a view when the filters do) → the views. A dataset
//! opened from an address (`src`) is in the address too, so reload, share and back
//! reopen it; a local file cannot be: its filters are, and the page asks for the file
//! again after a reload.

use crate::app::with_bundle;
use crate::components::dataset::{
    dataset_map_layout, DataNav, DatasetFacet, DatasetMap, DatasetRange, DatasetReport,
    DatasetShareBar, DatasetTable,
};
use crate::data::{base_path, Bundle};
use crate::dataset_worker::{use_dataset, Dataset};
use crate::i18n::*;
use crate::lang::language_of;
use explorer_core::import::profile::ColumnKind;
use explorer_core::language::Language;
use explorer_core::open_data::{DataQuery, FieldRole, MetricKind};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The site's own datasets offered as examples, under the site's base: the projects
/// and the municipalities with their population (written by `datakit site`).
const EXAMPLE_PROJECTS: &str = "data/examples/projects.csv";
const EXAMPLE_MUNICIPALITIES: &str = "data/examples/municipalities.csv";

/// The address of this page opening the site's file `file`, in `language`.
fn example_href(file: &str, language: Language) -> String {
    let base = base_path();
    let query = DataQuery {
        src: Some(format!("{base}{file}")),
        ..DataQuery::default()
    };
    query.href(&format!("{base}data/"), language)
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
    let nav = DataNav::of_address();
    let query = nav.query;
    let dataset = use_dataset(
        query,
        bundle.reference.clone(),
        Callback::new(move |()| nav.update(|q| q.src = None)),
    );
    nav.tell_ahead(dataset.view_ahead);
    let Dataset {
        profile,
        built,
        view,
        ..
    } = dataset;
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
        if let Some(file) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
        {
            dataset.open_file.run(file);
        }
    };
    let layout = dataset_map_layout(&bundle);
    let status_text = dataset.status_text();
    let explorer = move || {
        let dataset_built = built.get()?;
        let fields = &dataset_built.fields;
        let headers = dataset_built.headers();
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
        let commune = dataset_built.commune_key().map(str::to_string);
        let has_map = commune.is_some() && layout.is_some();
        let map = match (commune, layout.clone()) {
            (Some(commune_key), Some(layout)) => view! {
                <DatasetMetric numbers nav />
                <DatasetMap layout reference=bundle.reference.clone() commune_key view=view.into() nav />
            }
            .into_any(),
            _ => {
                view! { <p class="notice" data-testid="map-empty">{move || t_string!(i18n, data_no_commune)}</p> }
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
                        <span>{move || t_string!(i18n, data_search)}</span>
                        <input type="search" data-testid="data-search" prop:value=move || query.with(|q| q.view.text.clone()) on:change=on_search />
                    </label>
                    {facets}
                    {ranges}
                    <a data-testid="clear-filters" href=move || nav.href(DataQuery::clear_filters)>{move || t_string!(i18n, data_clear)}</a>
                </aside>
                <div class="data-results">
                    <p class="result-count" data-testid="result-count" data-count=count aria-live="polite">
                        {move || t_string!(i18n, data_count, count = count(), total = total())}
                    </p>
                    <DatasetShareBar nav view=view.into() export=dataset.export bundle=bundle.clone() has_map />
                    {map}
                    <DatasetTable headers view=view.into() nav />
                </div>
            </div>
        })
    };
    view! {
        <div class="page data-page">
            <h1>{move || t_string!(i18n, data_title)}</h1>
            <p>{move || t_string!(i18n, data_intro)}</p>
            <p class="data-examples">
                {move || t_string!(i18n, data_examples)} " "
                <a data-testid="data-example-projects" href=move || example_href(EXAMPLE_PROJECTS, language_of(i18n.get_locale()))>{move || t_string!(i18n, data_example_projects)}</a>
                " · "
                <a data-testid="data-example-municipalities" href=move || example_href(EXAMPLE_MUNICIPALITIES, language_of(i18n.get_locale()))>{move || t_string!(i18n, data_example_municipalities)}</a>
            </p>
            <label class="field">
                <span>{move || t_string!(i18n, data_choose)}</span>
                <input type="file" data-testid="data-file" accept=".csv,.tsv,.txt,.json,.geojson,.topojson" on:change=open_file />
            </label>
            <form class="field" on:submit=open_url>
                <label for="data-url">{move || t_string!(i18n, data_url)}</label>
                <div class="data-url">
                    <input id="data-url" type="url" data-testid="data-url" placeholder="https://…" prop:value=move || url_field.get()
                        on:input=move |ev| url_field.set(event_target_value(&ev)) />
                    <button type="submit" class="button" data-testid="data-fetch">{move || t_string!(i18n, data_fetch)}</button>
                </div>
            </form>
            <p class="notice" data-testid="data-reopen" hidden=move || { profile.with(Option::is_some) || query.with(|q| q.src.is_some() || !q.is_filtered()) }>
                {move || t_string!(i18n, data_reopen)}
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
                <span>{move || t_string!(i18n, data_metric)}</span>
                <select data-testid="metric-select" on:change=on_change prop:value=current>
                    <option value="count">{move || t_string!(i18n, data_metric_count)}</option>
                    {options}
                </select>
            </label>
            <label class="field field--inline">
                <input type="checkbox" data-testid="per-1000" prop:checked=per_1000
                    on:change=move |_| nav.update(|q| q.view.metric.per_1000 = !q.view.metric.per_1000) />
                <span>{move || t_string!(i18n, data_per_1000)}</span>
            </label>
        </div>
    }
}
