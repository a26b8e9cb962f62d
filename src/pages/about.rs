//! About / Sources: every dataset of the bundle's catalog with its licence and sources
//! (the sources dataset, fetched by this page only).

use crate::app::with_bundle;
use crate::components::load_state::{error_view, loading_view};
use crate::data::{base_path, fetch_dataset};
use crate::i18n::*;
use crate::lang::language_of;
use crate::title::document_title;
use explorer_core::catalog::{Catalog, DatasetEntry, DatasetSources, Source, SOURCES_DATASET};
use explorer_core::text::is_web_link;
use leptos::prelude::*;
use std::sync::Arc;

/// The about page.
#[component]
pub fn AboutPage() -> impl IntoView {
    let i18n = use_i18n();
    document_title(move || format!("{} · Smart Région Explorer", t_string!(i18n, about_heading)));
    view! {
        <section class="page">
            <h1>{move || t_string!(i18n, about_heading)}</h1>
            <p>{move || t_string!(i18n, about_intro)}</p>
            {with_bundle(|bundle| view! { <Datasets catalog=bundle.catalog.clone() /> })}
        </section>
    }
}

/// The catalog's datasets; their sources come with the sources dataset (loading, or why
/// it could not be loaded, said once above the datasets).
#[component]
fn Datasets(catalog: Arc<Catalog>) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let sources = {
        let catalog = catalog.clone();
        LocalResource::new(move || {
            reload.track();
            let catalog = catalog.clone();
            async move {
                fetch_dataset::<Vec<DatasetSources>>(&base_path(), &catalog, SOURCES_DATASET).await
            }
        })
    };
    let status = move || match sources.get() {
        None => Some(loading_view(None).into_any()),
        Some(Err(error)) => Some(error_view(error, reload).into_any()),
        Some(Ok(_)) => None,
    };
    let cards = catalog
        .datasets
        .iter()
        .cloned()
        .map(|dataset| {
            let id = dataset.id.clone();
            let listed = Signal::derive(move || {
                sources.with(|loaded| {
                    loaded
                        .as_ref()
                        .and_then(|result| result.as_ref().ok())
                        .and_then(|all| all.iter().find(|s| s.id == id))
                        .map(|s| s.sources.clone())
                        .unwrap_or_default()
                })
            });
            view! { <DatasetCard dataset sources=listed /> }
        })
        .collect_view();
    view! {
        {status}
        {cards}
    }
}

/// One dataset of the catalog, with `sources`, where its data come from.
#[component]
fn DatasetCard(dataset: DatasetEntry, sources: Signal<Vec<Source>>) -> impl IntoView {
    let i18n = use_i18n();
    let title = dataset.title.clone();
    let records = dataset.records;
    let sources = move || {
        sources
            .get()
            .into_iter()
            .map(|source| {
                if is_web_link(&source.url) {
                    view! { <li><a href=source.url rel="noopener noreferrer">{source.title}</a></li> }
                        .into_any()
                } else {
                    view! { <li>{source.title}</li> }.into_any()
                }
            })
            .collect_view()
    };
    view! {
        <article class="dataset" data-dataset=dataset.id.clone()>
            <h2>{move || title.get(language_of(i18n.get_locale()), &[]).to_string()}</h2>
            <dl>
                <dt>{move || t_string!(i18n, dataset_licence)}</dt>
                <dd>{dataset.licence.clone()}</dd>
                <dt>{move || t_string!(i18n, dataset_built)}</dt>
                <dd>{dataset.build_date.clone()}</dd>
            </dl>
            <p>{move || t_string!(i18n, dataset_records, count = records)}</p>
            // The sources dataset lists the others' sources, and has none itself.
            {(dataset.id != SOURCES_DATASET).then(|| view! {
                <h3>{move || t_string!(i18n, dataset_sources)}</h3>
                <ul data-testid=format!("dataset-sources-{}", dataset.id)>{sources}</ul>
            })}
        </article>
    }
}
