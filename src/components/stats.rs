//! Statistics of the documented projects as bar charts: documented projects and
//! known subsidy per theme, per province and per call, all of them and (when
//! filters are active) the selection beside them, recomputed on every filter
//! change; and the funnel of the calls (submitted → selected → finalised).
//! Each chart is a [`ChartFigure`]: canvas, table, PNG and CSV.
//!
//! Usage, in the communes page (`/communes/`, whose address holds the explorer's
//! filters):
//!
//! ```ignore
//! <StatsCharts projects=bundle.projects.clone() reference=bundle.reference.clone()
//!     calls=bundle.calls.clone() filtered=explorer.filtered />
//! ```
//!
//! Test hooks: `stats-charts`, then those of [`ChartFigure`] with the ids
//! `stats-themes`, `stats-themes-subsidy`, `stats-provinces`,
//! `stats-provinces-subsidy`, `stats-calls`, `stats-calls-subsidy` and
//! `stats-funnel`.

use crate::components::chart::ChartFigure;
use crate::i18n::*;
use crate::labels;
use crate::lang::language_of;
use explorer_core::catalog::ProjectsFile;
use explorer_core::charts::{project_charts, StatsText};
use explorer_core::datasets::Call;
use explorer_core::municipality::Reference;
use leptos::prelude::*;
use std::sync::Arc;

/// The statistics charts of the projects.
#[component]
pub fn StatsCharts(
    /// Every documented project (the bundle's projects file).
    projects: Arc<ProjectsFile>,
    /// Regions, provinces and municipalities (the province of each project).
    reference: Arc<Reference>,
    /// The calls and their published figures (the funnel).
    calls: Arc<Vec<Call>>,
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
            provinces_title: td_string!(locale, stats_provinces_title).to_string(),
            themes_subsidy_title: td_string!(locale, stats_themes_subsidy_title).to_string(),
            provinces_subsidy_title: td_string!(locale, stats_provinces_subsidy_title).to_string(),
            calls_subsidy_title: td_string!(locale, stats_calls_subsidy_title).to_string(),
            funnel_title: td_string!(locale, stats_funnel_title).to_string(),
            all: td_string!(locale, chart_stats_all).to_string(),
            selection: td_string!(locale, chart_stats_selection).to_string(),
            population: td_string!(locale, chart_stats_population).to_string(),
            subsidy_population: td_string!(locale, stats_subsidy_population).to_string(),
            funnel_population: td_string!(locale, stats_funnel_population).to_string(),
            unassigned: td_string!(locale, stats_unassigned).to_string(),
            submitted: td_string!(locale, stats_submitted).to_string(),
            selected: td_string!(locale, stats_selected).to_string(),
            finalised: td_string!(locale, stats_finalised).to_string(),
            concretised: td_string!(locale, stats_concretised).to_string(),
            theme: &theme,
            call: &call,
        };
        project_charts(
            &projects.projects,
            &selection,
            &reference,
            &calls,
            language_of(locale),
            &text,
        )
        .into_iter()
        .map(|chart| view! { <ChartFigure chart /> })
        .collect_view()
    };
    view! { <div class="stats-charts" data-testid="stats-charts">{charts}</div> }
}
