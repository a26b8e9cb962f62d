//! The explorer: filters, the choropleth map and the results, all driven by the URL.

use crate::app::with_bundle;
use crate::components::facets::FilterPanel;
use crate::components::map::ChoroplethMap;
use crate::components::results::ResultsTable;
use crate::data::{base_path, Bundle};
use crate::explorer::{provide_explorer, Explorer, UserLayer};
use crate::first_paint;
use crate::i18n::*;
use crate::labels;
use crate::lang::language_of;
use crate::links::programme_call_href;
use crate::title::document_title;
use crate::tools;
use explorer_core::datasets::CallId;
use explorer_core::explore::{view_href, ExplorerState};
use leptos::prelude::*;

/// The home page.
#[component]
pub fn ExplorerPage() -> impl IntoView {
    let i18n = use_i18n();
    document_title(move || format!("{} · Smart Région Explorer", t_string!(i18n, nav_explorer)));
    view! {
        <section class="page explorer-page">
            {with_bundle(|bundle| view! { <ExplorerView bundle /> })}
        </section>
    }
}

/// The media query of the phone layout, as in style/site.css (and style/main.css).
const PHONE_LAYOUT: &str = "(max-width: 37.5rem)";

/// The explorer over a loaded bundle.
#[component]
fn ExplorerView(bundle: Bundle) -> impl IntoView {
    let i18n = use_i18n();
    let explorer = provide_explorer(&bundle);
    tools::connect(explorer, expect_context::<UserLayer>());
    // The filters and the results follow the first screen (the map and the count) a
    // frame later: built in the task after it is painted, they do not delay it.
    let painted = first_paint::painted();
    // Once the first screen is painted: effects run after it is mounted, before its
    // frame. After the filters and results (their task is queued first).
    Effect::new(move |_| {
        let unavailable = td_string!(i18n.get_locale_untracked(), tools_unavailable).to_string();
        first_paint::after_next_paint(move || tools::load(unavailable));
    });
    let notices = explorer.notices;
    // The count: the selection's (the facets' counts are the filters' own).
    let index = bundle.index.clone();
    let counts = Memo::new(move |_| explorer.selection.with(|s| (s.len(), index.unassigned(s))));
    let count = move || counts.get().0;
    let unassigned = move || counts.get().1;
    // The filter drawer on a phone (a side column on wider screens, where this
    // does nothing): open from "Filtres (n)", closed back onto the map.
    let filters_open = RwSignal::new(false);
    // The drawer exists only in the phone layout (the breakpoint of style/site.css): a
    // screen that grows out of it (a tablet turned) closes the drawer, so that the
    // page is never left inert under a side column.
    let phone = leptos_use::use_media_query(PHONE_LAYOUT);
    Effect::new(move |_| {
        if !phone.get() && filters_open.get_untracked() {
            filters_open.set(false);
        }
    });
    let toggle = NodeRef::<leptos::html::Button>::new();
    let drawer = NodeRef::<leptos::html::Div>::new();
    let active = move || explorer.state.with(|s| s.active_filters().len());
    let open_filters = move |_| {
        filters_open.set(true);
        // Once shown (the class is applied when the effects run, before the frame).
        request_animation_frame(move || {
            if let Some(drawer) = drawer.get_untracked() {
                let _ = drawer.focus();
            }
        });
    };
    let close_filters = move || {
        filters_open.set(false);
        // Once the page is no longer inert.
        request_animation_frame(move || {
            if let Some(toggle) = toggle.get_untracked() {
                let _ = toggle.focus();
            }
        });
    };
    let on_drawer_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && filters_open.get_untracked() {
            close_filters();
        }
    };
    let language = move || language_of(i18n.get_locale());
    let (filters_bundle, results_bundle) = (bundle.clone(), bundle.clone());
    view! {
        <h1>{move || t_string!(i18n, explorer_heading)}</h1>
        <Show when=move || notices.with(|n| !n.is_empty())>
            <p class="notice" role="status" data-testid="url-notice">
                {move || t_string!(i18n, notice_ignored)} ": "
                {move || notices.with(|n| n.iter().map(|x| format!("{}={}", x.key, x.value)).collect::<Vec<_>>().join(", "))}
            </p>
        </Show>
        <div class="explorer" class:explorer--filters-open=move || filters_open.get()>
            <div class="explorer__filters" id="filters-drawer" node_ref=drawer tabindex="-1"
                data-testid="filters-drawer" on:keydown=on_drawer_key>
                <Show when=move || painted.get()>
                    <FilterPanel bundle=filters_bundle.clone() />
                </Show>
                <button type="button" class="filters-close" data-testid="filters-close"
                    on:click=move |_| close_filters()>
                    {move || t_string!(i18n, filters_close, count = count())}
                </button>
            </div>
            // Under the open drawer, the page is out of reach of the keyboard.
            <div class="explorer__main" inert=move || filters_open.get()>
                <div class="explorer__summary">
                    <p class="result-count" role="status" aria-live="polite">
                        <strong data-testid="result-count" data-count=count>{move || t_string!(i18n, result_count, count = count())}</strong>
                        <Show when=move || unassigned() != 0>
                            " (" {move || t_string!(i18n, result_unassigned, count = unassigned())} ")"
                        </Show>
                    </p>
                    <button type="button" class="filters-toggle" data-testid="filters-toggle" node_ref=toggle
                        aria-controls="filters-drawer" aria-expanded=move || filters_open.get().to_string()
                        on:click=open_filters>
                        {move || t_string!(i18n, filters_toggle, count = active())}
                    </button>
                </div>
                <ActiveFilters bundle=bundle.clone() />
                // Share, Embed, Download and Open data: the tools app, once loaded.
                <div class="toolbar" data-testid="toolbar" id=tools::TOOLBAR_HOST></div>
                <ChoroplethMap bundle=bundle.clone() />
                <Show when=move || painted.get()>
                    <ResultsTable bundle=results_bundle.clone() />
                    <p class="explorer__more">
                        // The same filters: the statistics there follow them.
                        <a href=move || explorer.state.with(|s| view_href(&format!("{}communes/", base_path()), s, "", language()))
                            data-testid="communes-link">
                            {move || t_string!(i18n, explorer_communes_link)}
                        </a>
                    </p>
                    <Coverage bundle=results_bundle.clone() />
                </Show>
            </div>
        </div>
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
                let call = CallId::new(c.call_year, &c.phase).to_string();
                let text = td_string!(
                    locale,
                    coverage_line,
                    call = labels::call(locale, &call),
                    documented = c.documented,
                    published = c.published
                )
                .to_string();
                let link = td_string!(locale, programme_call_link, call = labels::call(locale, &call)).to_string();
                let testid = format!("coverage-programme-{call}");
                view! { <li>{text}" · "<a href=programme_call_href(c.call_year, language_of(locale)) data-testid=testid>{link}</a></li> }
            })
            .collect_view()
    };
    view! {
        <aside class="coverage" data-testid="coverage">
            <strong>{move || t_string!(i18n, coverage_heading)}</strong>
            <ul>{lines}</ul>
            // The form of a missing laureate: the tools app, once loaded.
            <div id=tools::CONTRIBUTE_HOST></div>
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
                // A link to the view without this filter.
                view! {
                    <li class="chip">
                        <span>{label}</span>
                        <a class="chip__remove" href=explorer.link(|s| { s.remove(&active); }) data-noscroll aria-label=remove_label>
                            "×"
                        </a>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div class="active-filters" data-testid="active-filters">
            <span class="visually-hidden">{move || t_string!(i18n, active_filters)}</span>
            <ul class="chips">{chips}</ul>
            <a class="link-button" data-testid="clear-filters" data-noscroll
                href=move || explorer.link(ExplorerState::clear_all)
                hidden=move || !state.with(|s| s.is_filtered())>
                {move || t_string!(i18n, clear_filters)}
            </a>
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
