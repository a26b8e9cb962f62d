//! The programme page (`/programme`): what the Smart Région programme is, told
//! from its own documents — why (three strategic axes, two pillars), how (four
//! elements, three cross-cutting themes), the 2019 call in figures, the 2023
//! call, and a timeline. The facts and charts come from
//! [`explorer_core::programme`] and [`explorer_core::charts::programme`]; the
//! calls from the bundle; the documents' titles from the indicators file. Every
//! source is cited by title and publisher, or by a web page's host name.
//!
//! Anchors: `strategy`, `elements`, `call-2019`, `call-2023`, `timeline`, listed
//! by the table of contents at the top.
//! Test hooks: `programme-page`, `toc`, `programme-timeline`,
//! `programme-event-<yyyy>-<slug>`, `programme-themes-note`, and the charts'
//! `chart-<id>`.

use crate::app::with_bundle;
use crate::components::chart::ChartFigure;
use crate::components::contents::TableOfContents;
use crate::components::load_state::{error_view, loading_view};
use crate::data::{base_path, fetch_dataset};
use crate::i18n::*;
use crate::labels;
use crate::lang::language_of;
use crate::links::{app_href, event_href, scroll_to_fragment};
use crate::title::document_title;
use explorer_core::catalog::{Catalog, IndicatorsFile};
use explorer_core::charts::{cite, programme_charts, SourceLink};
use explorer_core::datasets::calls::{Call, CallId};
use explorer_core::datasets::documents::Document;
use explorer_core::format::format_date;
use explorer_core::format::format_euros;
use explorer_core::programme::{
    call_anchor, figure, themes_total, timeline, Target, ELEMENTS_SOURCE, STRATEGY_SOURCE,
};
use leptos::prelude::*;
use std::sync::Arc;

/// The programme page.
#[component]
pub fn ProgrammePage() -> impl IntoView {
    let i18n = use_i18n();
    let label = Signal::derive(move || t_string!(i18n, toc_label));
    let contents = Signal::derive(move || {
        let locale = i18n.get_locale();
        [
            (
                "strategy".to_string(),
                td_string!(locale, programme_why_heading),
            ),
            (
                "elements".to_string(),
                td_string!(locale, programme_elements_heading),
            ),
            (
                call_anchor(2019),
                td_string!(locale, programme_call2019_heading),
            ),
            (
                call_anchor(2023),
                td_string!(locale, programme_call2023_heading),
            ),
            (
                "timeline".to_string(),
                td_string!(locale, programme_timeline_heading),
            ),
        ]
        .into_iter()
        .map(|(anchor, title)| (anchor, title.to_string()))
        .collect::<Vec<_>>()
    });
    document_title(move || {
        format!(
            "{} · Smart Région Explorer",
            t_string!(i18n, programme_heading)
        )
    });
    view! {
        <section class="page programme" data-testid="programme-page">
            <h1>{move || t_string!(i18n, programme_heading)}</h1>
            <p>{move || t_string!(i18n, programme_intro)}</p>
            <TableOfContents label entries=contents />
            {with_bundle(|bundle| view! { <Programme catalog=bundle.catalog calls=bundle.calls /> })}
        </section>
    }
}

/// Fetches the documents' titles (shipped with the indicators), then tells the story.
#[component]
fn Programme(catalog: Arc<Catalog>, calls: Arc<Vec<Call>>) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let indicators = LocalResource::new(move || {
        reload.track();
        let catalog = catalog.clone();
        async move { fetch_dataset::<IndicatorsFile>(&base_path(), &catalog, "indicators").await }
    });
    move || match indicators.get() {
        None => loading_view(None).into_any(),
        Some(Err(error)) => error_view(error, reload).into_any(),
        Some(Ok(file)) => {
            let documents = Arc::new(file.documents);
            view! { <Story documents calls=calls.clone() /> }.into_any()
        }
    }
}

/// "Sources: …": a document by its title and publisher, a web page by its host, linked.
fn sources_view(links: Vec<SourceLink>, locale: Locale) -> impl IntoView {
    let items = links
        .into_iter()
        .enumerate()
        .map(|(i, source)| {
            let separator = (i > 0).then_some(" · ");
            let item = match source.url {
                Some(url) => view! { <a href=url.clone() rel="noopener noreferrer" title=url>{source.label}</a> }.into_any(),
                None => view! { <cite>{source.label}</cite> }.into_any(),
            };
            view! { {separator} {item} }
        })
        .collect_view();
    view! { <p class="programme__sources">{td_string!(locale, chart_sources_label)} " " {items}</p> }
}

/// The page's sections, in the page's language.
#[component]
fn Story(documents: Arc<Vec<Document>>, calls: Arc<Vec<Call>>) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| scroll_to_fragment());
    let strategy_docs = documents.clone();
    let strategy = move || {
        let locale = i18n.get_locale();
        let sources = cite(std::iter::once(STRATEGY_SOURCE), &strategy_docs);
        view! {
            <section class="programme__section" id="strategy" aria-labelledby="strategy-heading">
                <h2 id="strategy-heading">{td_string!(locale, programme_why_heading)}</h2>
                <h3>{td_string!(locale, programme_axes_heading)}</h3>
                <ol class="programme__list">
                    <li><strong>{td_string!(locale, programme_axis_scatter)}</strong>" — "{td_string!(locale, programme_axis_scatter_text)}</li>
                    <li><strong>{td_string!(locale, programme_axis_transversal)}</strong>" — "{td_string!(locale, programme_axis_transversal_text)}</li>
                    <li><strong>{td_string!(locale, programme_axis_data)}</strong>" — "{td_string!(locale, programme_axis_data_text)}</li>
                </ol>
                <h3>{td_string!(locale, programme_pillars_heading)}</h3>
                <ul class="programme__list">
                    <li><strong>{td_string!(locale, programme_pillar_pooling)}</strong>" — "{td_string!(locale, programme_pillar_pooling_text)}</li>
                    <li><strong>{td_string!(locale, programme_pillar_governance)}</strong>" — "{td_string!(locale, programme_pillar_governance_text)}</li>
                </ul>
                {sources_view(sources, locale)}
            </section>
        }
    };
    let elements_docs = documents.clone();
    let elements = move || {
        let locale = i18n.get_locale();
        let sources = cite(std::iter::once(ELEMENTS_SOURCE), &elements_docs);
        view! {
            <section class="programme__section" id="elements" aria-labelledby="elements-heading">
                <h2 id="elements-heading">{td_string!(locale, programme_elements_heading)}</h2>
                <ul class="programme__list">
                    <li><strong>"Smart Data"</strong>" — "{td_string!(locale, programme_element_smart_data)}</li>
                    <li><strong>"Open Data"</strong>" — "{td_string!(locale, programme_element_open_data)}</li>
                    <li><strong>{td_string!(locale, programme_element_charter)}</strong>" — "{td_string!(locale, programme_element_charter_text)}</li>
                    <li><strong>"Marketplace"</strong>" — "{td_string!(locale, programme_element_marketplace)}</li>
                </ul>
                <h3>{td_string!(locale, programme_themes_heading)}</h3>
                <ul class="programme__list">
                    <li>{td_string!(locale, programme_theme_mobility)}</li>
                    <li>{td_string!(locale, programme_theme_citizens)}</li>
                    <li>{td_string!(locale, programme_theme_energy)}</li>
                </ul>
                <p>{td_string!(locale, programme_data_governance)}</p>
                {sources_view(sources, locale)}
            </section>
        }
    };
    let call_docs = documents.clone();
    let call_calls = calls.clone();
    let call_2019 = move || {
        let locale = i18n.get_locale();
        let language = language_of(locale);
        let charts = programme_charts(&call_docs, language);
        let (themes, rest) = charts.split_at(3);
        let number = |id: &str| figure(id).value.to_string();
        let note = td_string!(
            locale,
            programme_themes_note,
            energy = number("energy"),
            mobility = number("mobility"),
            governance = number("governance"),
            total = themes_total().to_string(),
            valid = number("valid-projects"),
            small = number("small-energy"),
            large = number("large-energy"),
            percent = number("energy-percent")
        )
        .to_string();
        let after = call_calls
            .iter()
            .find(|c| CallId::of(c).to_string() == "2019")
            .map(|call| {
                let text = td_string!(
                    locale,
                    programme_call2019_after,
                    selected = call.selected.map_or("?".to_string(), |n| n.to_string()),
                    expected = number("expected-laureates"),
                    subsidy = call
                        .regional_subsidy_eur
                        .map_or("?".to_string(), |v| format_euros(v, language))
                )
                .to_string();
                let sources = cite(call.sources.iter().map(String::as_str), &call_docs);
                view! {
                    <p data-testid="programme-2019-after">{text}</p>
                    {sources_view(sources, locale)}
                }
            });
        view! {
            <section class="programme__section" id=call_anchor(2019) aria-labelledby="call-2019-heading">
                <h2 id="call-2019-heading">{td_string!(locale, programme_call2019_heading)}</h2>
                <p>{td_string!(locale, programme_call2019_intro)}</p>
                <div class="barometer__charts">
                    {themes.iter().cloned().map(|chart| view! { <ChartFigure chart /> }).collect_view()}
                </div>
                <p class="programme__note" data-testid="programme-themes-note">{note}</p>
                <div class="barometer__charts">
                    {rest.iter().cloned().map(|chart| view! { <ChartFigure chart /> }).collect_view()}
                </div>
                {after}
                <p>
                    <a href=app_href("/?call=2019", language) data-testid="programme-explore-2019">
                        {td_string!(locale, programme_explore_call)}
                    </a>
                </p>
            </section>
        }
    };
    let later_docs = documents.clone();
    let later_calls = calls.clone();
    let call_2023 = move || {
        let locale = i18n.get_locale();
        let language = language_of(locale);
        let phases = later_calls
            .iter()
            .filter(|c| c.call_year == 2023)
            .map(|call| {
                let key = CallId::of(call).to_string();
                let unknown = || "?".to_string();
                let text = td_string!(
                    locale,
                    programme_phase_line,
                    call = labels::call(locale, &key),
                    submitted = call.submitted.map_or_else(unknown, |n| n.to_string()),
                    selected = call.selected.map_or_else(unknown, |n| n.to_string()),
                    subsidy = call
                        .regional_subsidy_eur
                        .map_or_else(unknown, |v| format_euros(v, language)),
                    date = call
                        .government_decision
                        .as_deref()
                        .map_or_else(unknown, |d| format_date(d, language))
                )
                .to_string();
                let sources = cite(call.sources.iter().map(String::as_str), &later_docs);
                view! {
                    <li>
                        <p>{text}</p>
                        <p><a href=app_href(&format!("/?call={key}"), language)>{td_string!(locale, programme_explore_call)}</a></p>
                        {sources_view(sources, locale)}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="programme__section" id=call_anchor(2023) aria-labelledby="call-2023-heading">
                <h2 id="call-2023-heading">{td_string!(locale, programme_call2023_heading)}</h2>
                <p>{td_string!(locale, programme_call2023_intro)}</p>
                <ul class="programme__phases">{phases}</ul>
            </section>
        }
    };
    let events_docs = documents;
    let events = move || {
        let locale = i18n.get_locale();
        let language = language_of(locale);
        timeline(&calls, language)
            .into_iter()
            .map(|entry| {
                let link = match entry.target {
                    Target::Call(_) => td_string!(locale, programme_link_call),
                    Target::Barometer(_) => td_string!(locale, programme_link_barometer),
                    Target::Programme(_) => td_string!(locale, programme_link_here),
                };
                let sources = cite(entry.sources.iter().map(String::as_str), &events_docs);
                view! {
                    <li class="programme__event" data-testid=format!("programme-event-{}", entry.id)>
                        <time datetime=entry.date.clone()>{format_date(&entry.date, language)}</time>
                        <p class="programme__event-title">{entry.title}</p>
                        <p><a href=event_href(entry.target, language)>{link}</a></p>
                        {sources_view(sources, locale)}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        {strategy}
        {elements}
        {call_2019}
        {call_2023}
        <section class="programme__section" id="timeline" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{move || t_string!(i18n, programme_timeline_heading)}</h2>
            <ol class="programme__timeline" data-testid="programme-timeline">{events}</ol>
        </section>
    }
}
