//! The explorer: filters, the choropleth map and the results, all driven by the URL.

use crate::app::with_bundle;
use crate::components::directory::MunicipalityDirectory;
use crate::components::facets::FilterPanel;
use crate::components::map::ChoroplethMap;
use crate::components::results::ResultsTable;
use crate::components::share::ShareBar;
use crate::components::stats::StatsCharts;
use crate::data::Bundle;
use crate::i18n::*;
use crate::labels;
use crate::lang::language_of;
use crate::links::{current_route, url_param};
use crate::pages::embed::EMBED_OPTIONS;
use explorer_core::engine::Selection;
use explorer_core::explore::{
    jenks_breaks, municipality_values, ExplorerState, Notice, DEFAULT_CLASSES,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use std::collections::BTreeMap;

/// The explorer's state and everything derived from it, shared by its components.
#[derive(Clone, Copy)]
pub struct Explorer {
    /// The state, read from the URL.
    pub state: Memo<ExplorerState>,
    /// The projects matching the filters, as the engine selects them.
    pub selection: Memo<Selection>,
    /// Indices of the projects matching the filters.
    pub filtered: Memo<Vec<usize>>,
    /// Facet options and their disjunctive counts.
    pub facets: Memo<explorer_core::explore::Facets>,
    /// The map metric per municipality.
    pub values: Memo<BTreeMap<String, f64>>,
    /// Class breaks of the map.
    pub breaks: Memo<Vec<f64>>,
    /// Moves to a new state (a new history entry).
    pub set_state: Callback<ExplorerState>,
}

/// The query string of the current URL, without `?`.
fn current_query() -> Memo<String> {
    let location = use_location();
    Memo::new(move |_| location.search.get().trim_start_matches('?').to_string())
}

/// Provides the explorer's context over `bundle`.
pub fn provide_explorer(bundle: &Bundle) -> Explorer {
    let i18n = use_i18n();
    let query = current_query();
    let parsed: Memo<(ExplorerState, Vec<Notice>)> =
        Memo::new(move |_| ExplorerState::from_query(&query.get()));
    let state = Memo::new(move |_| parsed.get().0);
    let navigate = use_navigate();
    let set_state = Callback::new(move |next: ExplorerState| {
        let mut query = next.to_query();
        // Render options of an embed travel with the state.
        for key in EMBED_OPTIONS {
            if let Some(value) = url_param(key) {
                let pair = format!("{key}={}", js_sys::encode_uri_component(&value));
                query = if query.is_empty() {
                    pair
                } else {
                    format!("{query}&{pair}")
                };
            }
        }
        let lang = language_of(i18n.get_locale_untracked()).code();
        let separator = if query.is_empty() { "" } else { "&" };
        navigate(
            &format!("{}?{query}{separator}lang={lang}", current_route()),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    });
    let index = bundle.index.clone();
    let selection = Memo::new(move |_| index.filter(&state.get()));
    let filtered = Memo::new(move |_| selection.with(Selection::to_indices));
    let index = bundle.index.clone();
    let facets = Memo::new(move |_| index.facet_counts(&state.get()));
    let (projects, reference) = (bundle.projects.clone(), bundle.reference.clone());
    let values = Memo::new(move |_| {
        let metric = state.with(|s| s.metric);
        filtered.with(|f| municipality_values(f, &projects.projects, &reference, metric))
    });
    let breaks = Memo::new(move |_| {
        let all: Vec<f64> = values.with(|v| v.values().copied().collect());
        jenks_breaks(&all, DEFAULT_CLASSES)
    });
    let explorer = Explorer {
        state,
        selection,
        filtered,
        facets,
        values,
        breaks,
        set_state,
    };
    provide_context(explorer);
    provide_context(crate::components::open_data::UserLayer::default());
    provide_context(NoticeList(Memo::new(move |_| parsed.get().1)));
    explorer
}

/// The URL parameters that were ignored, for a discreet notice.
#[derive(Clone, Copy)]
struct NoticeList(Memo<Vec<Notice>>);

/// The home page.
#[component]
pub fn ExplorerPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || format!("{} · Smart Région Explorer", td_string!(i18n.get_locale(), nav_explorer))/>
        <section class="page explorer-page">
            {with_bundle(|bundle| view! { <ExplorerView bundle /> })}
        </section>
    }
}

/// The explorer over a loaded bundle.
#[component]
fn ExplorerView(bundle: Bundle) -> impl IntoView {
    let i18n = use_i18n();
    let explorer = provide_explorer(&bundle);
    let NoticeList(notices) = expect_context::<NoticeList>();
    let facets = explorer.facets;
    let count = move || facets.with(|f| f.matching);
    let unassigned = move || facets.with(|f| f.unassigned);
    view! {
        <h1>{t!(i18n, explorer_heading)}</h1>
        <Show when=move || notices.with(|n| !n.is_empty())>
            <p class="notice" role="status" data-testid="url-notice">
                {t!(i18n, notice_ignored)} ": "
                {move || notices.with(|n| n.iter().map(|x| format!("{}={}", x.key, x.value)).collect::<Vec<_>>().join(", "))}
            </p>
        </Show>
        <Coverage bundle=bundle.clone() />
        <div class="explorer">
            <FilterPanel bundle=bundle.clone() />
            <div class="explorer__main">
                <p class="result-count" role="status" aria-live="polite">
                    <strong data-testid="result-count" data-count=count>{t!(i18n, result_count, count)}</strong>
                    <Show when=move || unassigned() != 0>
                        " (" {t!(i18n, result_unassigned, count = unassigned)} ")"
                    </Show>
                </p>
                <ActiveFilters bundle=bundle.clone() />
                <ShareBar bundle=bundle.clone() />
                <crate::components::open_data::OpenDataButton bundle=bundle.clone() />
                <ChoroplethMap bundle=bundle.clone() />
                <ResultsTable bundle=bundle.clone() />
                <StatsCharts projects=bundle.projects.clone() reference=bundle.reference.clone() calls=bundle.calls.clone() filtered=explorer.filtered />
            </div>
        </div>
        <MunicipalityDirectory bundle />
    }
}

/// How many laureates the data document against the published count, per call.
#[component]
fn Coverage(bundle: Bundle) -> impl IntoView {
    let i18n = use_i18n();
    let lines = move || {
        let locale = i18n.get_locale();
        bundle
            .projects
            .coverage
            .iter()
            .map(|c| {
                let call = if c.phase == c.call_year.to_string() {
                    c.phase.clone()
                } else {
                    format!("{}-{}", c.call_year, c.phase)
                };
                let text = td_string!(
                    locale,
                    coverage_line,
                    call = labels::call(locale, &call),
                    documented = c.documented,
                    published = c.published
                )
                .to_string();
                view! { <li>{text}</li> }
            })
            .collect_view()
    };
    view! {
        <aside class="coverage" data-testid="coverage">
            <strong>{t!(i18n, coverage_heading)}</strong>
            <ul>{lines}</ul>
        </aside>
    }
}

/// The chips of the active filters, each removable, and "clear all".
#[component]
fn ActiveFilters(bundle: Bundle) -> impl IntoView {
    let i18n = use_i18n();
    let explorer = expect_context::<Explorer>();
    let state = explorer.state;
    let chips = move || {
        let locale = i18n.get_locale();
        let language = language_of(locale);
        state
            .get()
            .active_filters()
            .into_iter()
            .map(|active| {
                let label = chip_label(locale, language, &bundle, &active);
                let remove_label = format!("{}: {label}", td_string!(locale, remove_filter));
                let remove = move |_| {
                    let mut next = state.get_untracked();
                    next.remove(&active);
                    explorer.set_state.run(next);
                };
                view! {
                    <li class="chip">
                        <span>{label}</span>
                        <button type="button" class="chip__remove" aria-label=remove_label on:click=remove>
                            "×"
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let clear = move |_| {
        let mut next = state.get_untracked();
        next.clear_all();
        explorer.set_state.run(next);
    };
    view! {
        <div class="active-filters" data-testid="active-filters">
            <span class="visually-hidden">{t!(i18n, active_filters)}</span>
            <ul class="chips">{chips}</ul>
            <button type="button" class="link-button" data-testid="clear-filters" on:click=clear
                hidden=move || !state.with(|s| s.is_filtered())>
                {t!(i18n, clear_filters)}
            </button>
        </div>
    }
}

fn chip_label(
    locale: Locale,
    language: explorer_core::language::Language,
    bundle: &Bundle,
    active: &explorer_core::explore::ActiveFilter,
) -> String {
    use explorer_core::explore::FilterKey;
    match active.facet {
        FilterKey::Facet(facet) => format!(
            "{}: {}",
            labels::facet(locale, facet),
            labels::facet_value(locale, language, &bundle.reference, facet, &active.value)
        ),
        FilterKey::SubsidyMin => {
            format!("{} ≥ {}", td_string!(locale, facet_subsidy), active.value)
        }
        FilterKey::SubsidyMax => {
            format!("{} ≤ {}", td_string!(locale, facet_subsidy), active.value)
        }
        FilterKey::Text => format!("« {} »", active.value),
    }
}
