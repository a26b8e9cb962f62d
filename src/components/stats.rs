//! Statistics of the explorer's projects as bar charts: documented projects per
//! theme and per call, all of them and (when filters are active) the selection
//! beside them. Each chart is a [`ChartFigure`]: canvas, table, PNG and CSV.
//!
//! Usage, in the explorer page:
//!
//! ```ignore
//! <StatsCharts projects=bundle.projects.clone() filtered=selected_indices />
//! ```
//!
//! Test hooks: `stats-charts`, then those of [`ChartFigure`] with the ids
//! `stats-themes` and `stats-calls`.

use crate::components::chart::ChartFigure;
use crate::i18n::*;
use crate::labels;
use crate::lang::language_of;
use explorer_core::catalog::ProjectsFile;
use explorer_core::charts::{project_charts, StatsText};
use leptos::prelude::*;
use std::sync::Arc;

/// The statistics charts of the projects.
#[component]
pub fn StatsCharts(
    /// Every documented project (the bundle's projects file).
    projects: Arc<ProjectsFile>,
    /// Indices into `projects.projects` of the projects the filters select.
    #[prop(into)]
    filtered: Signal<Vec<usize>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let charts = move || {
        let locale = i18n.get_locale();
        let selection = filtered.get();
        let theme = move |t| labels::theme(locale, t);
        let call = move |c: &str| labels::call(locale, c);
        let text = StatsText {
            themes_title: td_string!(locale, chart_stats_themes_title).to_string(),
            calls_title: td_string!(locale, chart_stats_calls_title).to_string(),
            all: td_string!(locale, chart_stats_all).to_string(),
            selection: td_string!(locale, chart_stats_selection).to_string(),
            population: td_string!(locale, chart_stats_population).to_string(),
            theme: &theme,
            call: &call,
        };
        project_charts(&projects.projects, &selection, language_of(locale), &text)
            .into_iter()
            .map(|chart| view! { <ChartFigure chart /> })
            .collect_view()
    };
    view! { <div class="stats-charts" data-testid="stats-charts">{charts}</div> }
}
