//! The barometer page: the figures of the `indicators` dataset (Smart City
//! Institute barometers and other surveys) as charts, grouped in sections.
//! Which figures form a chart, and why, is documented in
//! `explorer_core::charts::groups`; each chart is a
//! [`ChartFigure`](crate::components::chart::ChartFigure).
//!
//! A table of contents at the top links to each section's heading,
//! `#barometer-section-<key>` (the key of [`Section::id`], the same in every
//! language); a link to one, clicked or opened directly, scrolls there once the
//! charts are drawn. Test hooks: `toc`, `barometer-section-<key>`.

use crate::app::with_bundle;
use crate::components::chart::ChartFigure;
use crate::components::contents::TableOfContents;
use crate::components::load_state::{error_view, loading_view};
use crate::data::{base_path, fetch_dataset};
use crate::i18n::*;
use crate::lang::language_of;
use crate::links::scroll_to_fragment;
use crate::title::document_title;
use explorer_core::catalog::{Catalog, IndicatorsFile};
use explorer_core::charts::{barometer_charts, labels_in_another_language, Section};
use leptos::prelude::*;
use std::sync::Arc;

/// The barometer page.
#[component]
pub fn BarometerPage() -> impl IntoView {
    let i18n = use_i18n();
    let translated = move || labels_in_another_language(language_of(i18n.get_locale()));
    document_title(move || {
        format!(
            "{} · Smart Région Explorer",
            t_string!(i18n, barometer_heading)
        )
    });
    view! {
        <section class="page barometer">
            <h1>{move || t_string!(i18n, barometer_heading)}</h1>
            <p>{move || t_string!(i18n, barometer_intro)}</p>
            <Show when=translated>
                <p class="barometer__labels-note" data-testid="barometer-labels-note">
                    {move || t_string!(i18n, barometer_labels_fallback)}
                </p>
            </Show>
            {with_bundle(|bundle| view! { <Barometer catalog=bundle.catalog /> })}
        </section>
    }
}

/// Fetches the indicators once the catalog is known, then shows the charts.
#[component]
fn Barometer(catalog: Arc<Catalog>) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let indicators = LocalResource::new(move || {
        reload.track();
        let catalog = catalog.clone();
        async move {
            fetch_dataset::<IndicatorsFile>(&base_path(), &catalog, "indicators")
                .await
                .map(Arc::new)
        }
    });
    move || match indicators.get() {
        None => loading_view(None).into_any(),
        Some(Err(error)) => error_view(error, reload).into_any(),
        Some(Ok(file)) => view! { <Sections file /> }.into_any(),
    }
}

/// The charts, section by section, in the page's language (rebuilt when it
/// changes), after the table of contents of the sections that have charts.
#[component]
fn Sections(file: Arc<IndicatorsFile>) -> impl IntoView {
    let i18n = use_i18n();
    // A link to a section (`#barometer-section-covid`) arrives before the charts.
    Effect::new(move |_| scroll_to_fragment());
    move || {
        let locale = i18n.get_locale();
        let language = language_of(locale);
        let charts = barometer_charts(&file, language);
        let sections: Vec<(Section, Vec<_>)> = Section::ALL
            .into_iter()
            .map(|section| {
                let charts: Vec<_> = charts
                    .iter()
                    .filter(|c| c.section == Some(section))
                    .cloned()
                    .collect();
                (section, charts)
            })
            .filter(|(_, charts)| !charts.is_empty())
            .collect();
        let contents: Vec<(String, String)> = sections
            .iter()
            .map(|(section, _)| {
                (
                    section_anchor(*section),
                    section.title(language).to_string(),
                )
            })
            .collect();
        let label = td_string!(locale, toc_label).to_string();
        let sections = sections
            .into_iter()
            .map(|(section, charts)| {
                let heading = section_anchor(section);
                let (labelled_by, testid) = (heading.clone(), heading.clone());
                view! {
                    <section class="barometer__section" aria-labelledby=labelled_by data-testid=testid>
                        <h2 id=heading>{section.title(language)}</h2>
                        <div class="barometer__charts">
                            {charts.into_iter().map(|chart| view! { <ChartFigure chart /> }).collect_view()}
                        </div>
                    </section>
                }
            })
            .collect_view();
        view! {
            <TableOfContents label=Signal::stored(label) entries=contents />
            {sections}
        }
    }
}

/// The anchor of a section's heading: `barometer-section-<key>`, the same in every language.
fn section_anchor(section: Section) -> String {
    format!("barometer-section-{}", section.id())
}
