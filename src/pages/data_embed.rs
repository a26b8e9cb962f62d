//! `/data/embed/map/` and `/data/embed/table/`: a view of a dataset opened from an
//! address, embedded as the projects' embeds are (title, view, credit with a link to
//! the full view, the same render options; [`crate::pages::embed`]). The address
//! holds the whole view ([`DataQuery`]): the dataset is fetched, read and built in the
//! import worker, then shown with the address's filters, metric, sort and page.
//! Filtering inside the embed (a click on a commune, a sort) stays in the embed.

use crate::app::with_bundle;
use crate::components::dataset::{dataset_map_layout, DataNav, DatasetMap, DatasetTable};
use crate::components::open_data::name_of_url;
use crate::data::Bundle;
use crate::dataset_worker::use_dataset;
use crate::i18n::*;
use crate::pages::embed::{routed_full_view, EmbedFrame};
use leptos::prelude::*;

/// A dataset's map, embedded.
#[component]
pub fn DataEmbedMap() -> impl IntoView {
    view! { {with_bundle(|bundle| view! { <DataEmbed bundle map=true /> })} }
}

/// A dataset's table of matching rows, embedded.
#[component]
pub fn DataEmbedTable() -> impl IntoView {
    view! { {with_bundle(|bundle| view! { <DataEmbed bundle map=false /> })} }
}

/// The embed of the dataset of the address: its map, or its table.
#[component]
fn DataEmbed(bundle: Bundle, map: bool) -> impl IntoView {
    let i18n = use_i18n();
    let nav = DataNav::of_address();
    let query = nav.query;
    // An embed has no file input: its dataset is the address's.
    let dataset = use_dataset(query, bundle.reference.clone(), Callback::new(|()| {}));
    nav.tell_ahead(dataset.view_ahead);
    let title = Signal::derive(move || {
        let file = query.with(|q| q.src.as_deref().map(name_of_url).unwrap_or_default());
        let locale = i18n.get_locale();
        if map {
            td_string!(locale, data_embed_title_map, file = file).to_string()
        } else {
            td_string!(locale, data_embed_title_table, file = file).to_string()
        }
    });
    let no_src = query.with_untracked(|q| q.src.is_none());
    let layout = dataset_map_layout(&bundle);
    let view = dataset.view;
    let count = move || view.with(|v| v.as_ref().map_or(0, |v| v.count));
    let total = move || view.with(|v| v.as_ref().map_or(0, |v| v.total));
    let body = move || {
        let built = dataset.built.get()?;
        let shown = if map {
            match (built.commune_key(), layout.clone()) {
                (Some(commune_key), Some(layout)) => view! {
                    <DatasetMap layout reference=bundle.reference.clone() commune_key=commune_key.to_string() view=view.into() nav />
                }
                .into_any(),
                _ => view! { <p class="notice" data-testid="map-empty">{move || t_string!(i18n, data_no_commune)}</p> }
                    .into_any(),
            }
        } else {
            view! { <DatasetTable headers=built.headers() view=view.into() nav /> }.into_any()
        };
        Some(view! {
            <p class="result-count" data-testid="result-count" data-count=count>
                {move || t_string!(i18n, data_count, count = count(), total = total())}
            </p>
            {shown}
        })
    };
    view! {
        <EmbedFrame title full_view=routed_full_view()>
            <p class="notice" hidden=!no_src>{move || t_string!(i18n, data_embed_needs_src)}</p>
            <p data-testid="data-status" role="status">{dataset.status_text()}</p>
            {body}
        </EmbedFrame>
    }
}
