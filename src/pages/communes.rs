//! The communes page (`/communes/`): the statistics charts of the documented
//! projects and the directory of the 262 Walloon municipalities, each linking to
//! its page. Its address takes the explorer's filters (`/communes/?theme=…`): the
//! charts then show that selection beside all the projects, with a link back to
//! the explorer on the same filters and one to every project.
//!
//! Anchors: `statistics`, `directory`. Test hooks: `communes-page`, `toc`,
//! `stats-selection`, `stats-selection-explorer`, `stats-selection-clear`, and
//! those of [`StatsCharts`] and [`MunicipalityDirectory`].

use crate::app::with_bundle;
use crate::components::contents::TableOfContents;
use crate::components::directory::MunicipalityDirectory;
use crate::components::stats::StatsCharts;
use crate::data::{base_path, Bundle};
use crate::explorer::provide_explorer;
use crate::i18n::*;
use crate::lang::language_of;
use crate::links::scroll_to_fragment;
use crate::title::document_title;
use explorer_core::explore::{view_href, ExplorerState};
use explorer_core::municipality::WALLONIA;
use leptos::prelude::*;

/// The communes page.
#[component]
pub fn CommunesPage() -> impl IntoView {
    let i18n = use_i18n();
    document_title(move || {
        format!(
            "{} · Smart Région Explorer",
            t_string!(i18n, communes_heading)
        )
    });
    view! {
        <section class="page communes" data-testid="communes-page">
            <h1>{move || t_string!(i18n, communes_heading)}</h1>
            <p>{move || t_string!(i18n, communes_intro)}</p>
            {with_bundle(|bundle| view! { <Communes bundle /> })}
        </section>
    }
}

/// The table of contents, the charts over the filters of the address, and the directory.
#[component]
fn Communes(bundle: Bundle) -> impl IntoView {
    let i18n = use_i18n();
    let municipalities = bundle.reference.in_region(WALLONIA).count();
    let label = Signal::derive(move || t_string!(i18n, toc_label));
    let contents = Signal::derive(move || {
        let locale = i18n.get_locale();
        let directory = td_string!(locale, municipalities_heading, count = municipalities);
        vec![
            (
                "statistics".to_string(),
                td_string!(locale, stats_heading).to_string(),
            ),
            ("directory".to_string(), directory.to_string()),
        ]
    });
    let explorer = provide_explorer(&bundle);
    // A link to `#directory` arrives before the data.
    Effect::new(move |_| scroll_to_fragment());
    let state = explorer.state;
    let filtered = explorer.filtered;
    let count = move || filtered.with(Vec::len);
    let explorer_view_href = move || {
        view_href(
            &base_path(),
            &state.get(),
            "",
            language_of(i18n.get_locale()),
        )
    };
    view! {
        <TableOfContents label entries=contents />
        <section class="communes__section" id="statistics" aria-labelledby="statistics-heading">
            <h2 id="statistics-heading">{move || t_string!(i18n, stats_heading)}</h2>
            <Show when=move || state.with(ExplorerState::is_filtered)>
                <p class="notice" role="status" data-testid="stats-selection">
                    {move || t_string!(i18n, stats_selection_note, count = count())} " "
                    <a href=explorer_view_href data-testid="stats-selection-explorer">{move || t_string!(i18n, stats_selection_explorer)}</a>
                    " · "
                    <a href=move || explorer.link(ExplorerState::clear_all) data-testid="stats-selection-clear">
                        {move || t_string!(i18n, stats_selection_clear)}
                    </a>
                </p>
            </Show>
            <StatsCharts projects=bundle.projects.clone() reference=bundle.reference.clone()
                calls=bundle.calls.clone() filtered=explorer.filtered />
        </section>
        <MunicipalityDirectory bundle />
    }
}
