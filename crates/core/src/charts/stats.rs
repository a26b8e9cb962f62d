//! Statistics of the explorer's projects as charts ([`Chart`]): how many
//! documented projects per theme and per call, for all of them and, when the
//! filters select fewer, for the selection beside them (two series).
//!
//! The words (titles, theme and call names) come from the app's translations,
//! through [`StatsText`].

use super::prepare::series_colors;
use super::{Category, Chart, ChartKind, Series};
use crate::datasets::indicators::Unit;
use crate::datasets::{Project, Theme};
use crate::explore::call_of;
use crate::language::Language;

/// The words of the statistics charts, in the page's language.
pub struct StatsText<'a> {
    /// Title of the chart of projects per theme.
    pub themes_title: String,
    /// Title of the chart of projects per call.
    pub calls_title: String,
    /// Label of the series of every documented project.
    pub all: String,
    /// Label of the series of the selected projects.
    pub selection: String,
    /// What the projects are (the charts' population), e.g. "documented laureate projects".
    pub population: String,
    /// The name of a theme, or of "no theme published" for `None`.
    pub theme: &'a dyn Fn(Option<Theme>) -> String,
    /// The name of a call as [`call_of`] writes it (`2019`, `2023-phase1`).
    pub call: &'a dyn Fn(&str) -> String,
}

/// The series keys of the statistics charts.
pub const ALL_SERIES: &str = "all";
/// See [`ALL_SERIES`].
pub const SELECTION_SERIES: &str = "selection";

/// The statistics charts of `projects` (ids `stats-themes`, `stats-calls`),
/// `selection` being the indices of the selected projects. Categories: the
/// themes in declaration order then "no theme", the calls in order; only those
/// with at least one project. No chart without projects.
pub fn project_charts(
    projects: &[Project],
    selection: &[usize],
    language: Language,
    text: &StatsText,
) -> Vec<Chart> {
    if projects.is_empty() {
        return Vec::new();
    }
    let mut selected = vec![false; projects.len()];
    for i in selection {
        if let Some(slot) = selected.get_mut(*i) {
            *slot = true;
        }
    }
    let everything = selected.iter().all(|s| *s);
    let mut series = vec![(ALL_SERIES, text.all.clone())];
    if !everything {
        series.push((SELECTION_SERIES, text.selection.clone()));
    }
    let colors = series_colors(series.len());
    let series: Vec<Series> = series
        .into_iter()
        .zip(colors)
        .map(|((key, label), color)| Series {
            key: key.to_string(),
            label,
            color,
        })
        .collect();

    // Counts per key, for all projects and for the selection.
    let count = |keys: &[(String, String)], key_of: &dyn Fn(&Project) -> String| -> Vec<Category> {
        keys.iter()
            .filter_map(|(key, label)| {
                let members: Vec<usize> = (0..projects.len())
                    .filter(|i| key_of(&projects[*i]) == *key)
                    .collect();
                if members.is_empty() {
                    return None;
                }
                let mut values = vec![Some(members.len() as f64)];
                if !everything {
                    values.push(Some(members.iter().filter(|i| selected[**i]).count() as f64));
                }
                Some(Category {
                    key: key.clone(),
                    label: label.clone(),
                    unit: Unit::Count,
                    values,
                    detail: None,
                })
            })
            .collect()
    };
    let theme_key = |p: &Project| p.theme.map_or("none", Theme::as_str).to_string();
    let themes: Vec<(String, String)> = Theme::ALL
        .iter()
        .map(|t| (t.as_str().to_string(), (text.theme)(Some(*t))))
        .chain(std::iter::once(("none".to_string(), (text.theme)(None))))
        .collect();
    let mut calls: Vec<String> = projects.iter().map(call_of).collect();
    calls.sort();
    calls.dedup();
    let calls: Vec<(String, String)> = calls
        .into_iter()
        .map(|c| {
            let label = (text.call)(&c);
            (c, label)
        })
        .collect();

    let chart = |id: &str, title: &str, categories: Vec<Category>| Chart {
        id: id.to_string(),
        section: None,
        file_stem: format!("smart-region-{id}"),
        kind: ChartKind::Bars,
        title: title.to_string(),
        unit: Some(Unit::Count),
        population: Some(text.population.clone()),
        surveys: Vec::new(),
        series: series.clone(),
        categories,
        sources: Vec::new(),
        note: None,
        rows: Vec::new(),
        language,
    };
    vec![
        chart(
            "stats-themes",
            &text.themes_title,
            count(&themes, &theme_key),
        ),
        chart("stats-calls", &text.calls_title, count(&calls, &call_of)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{chart_csv, csv_file_name, key_figure, table_rows};
    use crate::datasets::{ProjectStatus, TitleStatus};

    fn project(id: &str, year: u16, phase: &str, theme: Option<Theme>) -> Project {
        Project {
            id: id.into(),
            call_year: year,
            phase: phase.into(),
            title: String::new(),
            title_status: TitleStatus::Unpublished,
            lead_applicant: None,
            lead_type: None,
            municipality_names: vec![],
            municipalities: vec![],
            theme,
            status: ProjectStatus::Selected,
            subsidy_eur: None,
            total_budget_eur: None,
            sources: vec![],
        }
    }

    fn text<'a>(
        theme: &'a dyn Fn(Option<Theme>) -> String,
        call: &'a dyn Fn(&str) -> String,
    ) -> StatsText<'a> {
        StatsText {
            themes_title: "Projects per theme".into(),
            calls_title: "Projects per call".into(),
            all: "All documented".into(),
            selection: "Selection".into(),
            population: "Documented laureate projects".into(),
            theme,
            call,
        }
    }

    fn projects() -> Vec<Project> {
        vec![
            project("ti2019-a", 2019, "2019", Some(Theme::MobilityLogistics)),
            project("ti2019-b", 2019, "2019", Some(Theme::EnergyEnvironment)),
            project("ti2019-c", 2019, "2019", Some(Theme::MobilityLogistics)),
            project("ti2023-d", 2023, "phase1", None),
        ]
    }

    #[test]
    fn counts_per_theme_and_call_with_the_selection_beside() {
        let theme = |t: Option<Theme>| t.map_or("No theme".to_string(), |t| t.as_str().to_string());
        let call = |c: &str| format!("Call {c}");
        let charts = project_charts(&projects(), &[0, 3], Language::En, &text(&theme, &call));
        let themes = &charts[0];
        assert_eq!(themes.id, "stats-themes");
        assert_eq!(themes.series.len(), 2);
        let rows: Vec<(String, Vec<Option<f64>>)> = themes
            .categories
            .iter()
            .map(|c| (c.label.clone(), c.values.clone()))
            .collect();
        assert_eq!(
            rows,
            [
                ("energy-environment".to_string(), vec![Some(1.0), Some(0.0)]),
                ("mobility-logistics".to_string(), vec![Some(2.0), Some(1.0)]),
                ("No theme".to_string(), vec![Some(1.0), Some(1.0)]),
            ]
        );
        let calls = &charts[1];
        let labels: Vec<&str> = calls.categories.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["Call 2019", "Call 2023-phase1"]);
        assert_eq!(key_figure(calls).map(|k| k.value), Some("3".to_string()));
        assert_eq!(table_rows(calls)[0].cells, ["3", "1"]);
        assert_eq!(
            chart_csv(calls),
            "key,label,all,selection\r\n2019,Call 2019,3,1\r\n2023-phase1,Call 2023-phase1,1,1\r\n"
        );
        assert_eq!(csv_file_name(calls), "smart-region-stats-calls.csv");
    }

    #[test]
    fn no_selection_series_when_everything_is_selected() {
        let theme = |_: Option<Theme>| String::from("t");
        let call = |c: &str| c.to_string();
        let charts = project_charts(
            &projects(),
            &[3, 2, 1, 0],
            Language::Fr,
            &text(&theme, &call),
        );
        assert!(charts.iter().all(|c| c.series.len() == 1));
        assert!(project_charts(&[], &[], Language::Fr, &text(&theme, &call)).is_empty());
        // An empty selection still shows the zero counts beside the totals.
        let none = project_charts(&projects(), &[], Language::Fr, &text(&theme, &call));
        assert_eq!(none[1].categories[0].values, [Some(3.0), Some(0.0)]);
    }
}
