//! About / Sources: every dataset of the bundle's catalog with its licence and sources.

use crate::app::with_bundle;
use crate::i18n::*;
use crate::lang::language_of;
use explorer_core::catalog::DatasetEntry;
use explorer_core::text::is_web_link;
use leptos::prelude::*;
use leptos_meta::Title;

/// The about page.
#[component]
pub fn AboutPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || format!("{} · Smart Région Explorer", td_string!(i18n.get_locale(), about_heading))/>
        <section class="page">
            <h1>{t!(i18n, about_heading)}</h1>
            <p>{t!(i18n, about_intro)}</p>
            {with_bundle(|bundle| {
                bundle
                    .catalog
                    .datasets
                    .iter()
                    .cloned()
                    .map(|dataset| view! { <DatasetCard dataset /> })
                    .collect_view()
            })}
        </section>
    }
}

/// One dataset of the catalog.
#[component]
fn DatasetCard(dataset: DatasetEntry) -> impl IntoView {
    let i18n = use_i18n();
    let title = dataset.title.clone();
    let records = dataset.records;
    let sources = dataset
        .sources
        .iter()
        .map(|source| {
            let text = source.title.clone();
            if is_web_link(&source.url) {
                view! { <li><a href=source.url.clone() rel="noopener noreferrer">{text}</a></li> }
                    .into_any()
            } else {
                view! { <li>{text}</li> }.into_any()
            }
        })
        .collect_view();
    view! {
        <article class="dataset" data-dataset=dataset.id.clone()>
            <h2>{move || title.get(language_of(i18n.get_locale()), &[]).to_string()}</h2>
            <dl>
                <dt>{t!(i18n, dataset_licence)}</dt>
                <dd>{dataset.licence.clone()}</dd>
                <dt>{t!(i18n, dataset_built)}</dt>
                <dd>{dataset.build_date.clone()}</dd>
            </dl>
            <p>{t!(i18n, dataset_records, count = move || records)}</p>
            <h3>{t!(i18n, dataset_sources)}</h3>
            <ul>{sources}</ul>
        </article>
    }
}
