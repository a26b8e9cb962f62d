//! Statistics of the explorer's projects as charts ([`Chart`]): how many
//! documented projects and how much known subsidy per theme, per province and
//! per call, for all of them and, when the filters select fewer, for the
//! selection beside them (two series); and the funnel of every call (projects
//! submitted → selected → finalised) from the calls dataset.
//!
//! The words (titles, theme and call names) come from the app's translations,
//! through [`StatsText`].

use super::prepare::{series_colors, source_links};
use super::{Category, Chart, ChartKind, ChartNote, Series};
use crate::datasets::indicators::Unit;
use crate::datasets::{Call, CallId, Project, Theme};
use crate::explore::call_of;
use crate::language::Language;
use crate::municipality::Reference;

/// The words of the statistics charts, in the page's language.
pub struct StatsText<'a> {
    /// Title of the chart of projects per theme.
    pub themes_title: String,
    /// Title of the chart of projects per call.
    pub calls_title: String,
    /// Title of the chart of projects per province.
    pub provinces_title: String,
    /// Title of the chart of known subsidy per theme.
    pub themes_subsidy_title: String,
    /// Title of the chart of known subsidy per province.
    pub provinces_subsidy_title: String,
    /// Title of the chart of known subsidy per call.
    pub calls_subsidy_title: String,
    /// Title of the funnel of the calls.
    pub funnel_title: String,
    /// Label of the series of every documented project.
    pub all: String,
    /// Label of the series of the selected projects.
    pub selection: String,
    /// What the projects are (the charts' population), e.g. "documented laureate projects".
    pub population: String,
    /// What the subsidy charts add up, e.g. "sum of the known subsidies (EUR)".
    pub subsidy_population: String,
    /// What the funnel counts, e.g. "projects of each call, as published".
    pub funnel_population: String,
    /// The bar of the projects in no known province.
    pub unassigned: String,
    /// Funnel series: projects submitted.
    pub submitted: String,
    /// Funnel series: projects selected.
    pub selected: String,
    /// Funnel series: selected projects finalised, as the call texts say.
    pub finalised: String,
    /// Funnel series: selected projects "concretised", as another source says.
    pub concretised: String,
    /// The name of a theme, or of "no theme published" for `None`.
    pub theme: &'a dyn Fn(Option<Theme>) -> String,
    /// The name of a call as [`call_of`] writes it (`2019`, `2023-phase1`).
    pub call: &'a dyn Fn(&str) -> String,
}

/// The series keys of the statistics charts.
pub const ALL_SERIES: &str = "all";
/// See [`ALL_SERIES`].
pub const SELECTION_SERIES: &str = "selection";
/// The key of the bar of projects in no known province.
pub const UNASSIGNED: &str = "unassigned";

/// What a breakdown adds up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Measure {
    /// How many projects.
    Projects,
    /// The sum of their known subsidies (`None` when none is known).
    Subsidy,
}

impl Measure {
    fn total(self, projects: &[Project], members: impl Iterator<Item = usize>) -> Option<f64> {
        match self {
            Measure::Projects => Some(members.count() as f64),
            Measure::Subsidy => {
                let known: Vec<f64> = members.filter_map(|i| projects[i].subsidy_eur).collect();
                (!known.is_empty()).then(|| known.iter().sum())
            }
        }
    }
}

/// The province keys (NIS codes) of a project's municipalities, in the order of
/// `reference.provinces`; [`UNASSIGNED`] alone when none is known.
pub fn provinces_of(project: &Project, reference: &Reference) -> Vec<String> {
    let mut keys: Vec<String> = reference
        .provinces
        .iter()
        .filter(|p| {
            project.municipalities.iter().any(|nis| {
                reference
                    .municipality(nis)
                    .and_then(|m| m.province.as_deref())
                    == Some(p.nis.as_str())
            })
        })
        .map(|p| p.nis.clone())
        .collect();
    if keys.is_empty() {
        keys.push(UNASSIGNED.to_string());
    }
    keys
}

/// The statistics charts of `projects`, `selection` being the indices of the
/// selected projects: ids `stats-themes`, `stats-themes-subsidy`,
/// `stats-provinces`, `stats-provinces-subsidy`, `stats-calls`,
/// `stats-calls-subsidy`, then `stats-funnel` (from `calls`, when any).
/// Categories: the themes in declaration order then "no theme", the provinces
/// in reference order then "unassigned", the calls in order; only those with at
/// least one project. A project counts in every province of its municipalities.
/// No project chart without projects.
pub fn project_charts(
    projects: &[Project],
    selection: &[usize],
    reference: &Reference,
    calls: &[Call],
    language: Language,
    text: &StatsText,
) -> Vec<Chart> {
    let mut charts = Vec::new();
    if !projects.is_empty() {
        charts.extend(breakdown_charts(
            projects, selection, reference, language, text,
        ));
    }
    if let Some(funnel) = funnel_chart(calls, language, text) {
        charts.push(funnel);
    }
    charts
}

fn breakdown_charts(
    projects: &[Project],
    selection: &[usize],
    reference: &Reference,
    language: Language,
    text: &StatsText,
) -> Vec<Chart> {
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

    // Totals per key, for all projects and for the selection.
    let totals = |keys: &[(String, String)],
                  keys_of: &dyn Fn(&Project) -> Vec<String>,
                  measure: Measure|
     -> Vec<Category> {
        let project_keys: Vec<Vec<String>> = projects.iter().map(keys_of).collect();
        keys.iter()
            .filter_map(|(key, label)| {
                let members: Vec<usize> = (0..projects.len())
                    .filter(|i| project_keys[*i].contains(key))
                    .collect();
                if members.is_empty() {
                    return None;
                }
                let mut values = vec![measure.total(projects, members.iter().copied())];
                if !everything {
                    values.push(
                        measure.total(projects, members.iter().copied().filter(|i| selected[*i])),
                    );
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
    let theme_keys = |p: &Project| vec![p.theme.map_or("none", Theme::as_str).to_string()];
    let themes: Vec<(String, String)> = Theme::ALL
        .iter()
        .map(|t| (t.as_str().to_string(), (text.theme)(Some(*t))))
        .chain(std::iter::once(("none".to_string(), (text.theme)(None))))
        .collect();
    let province_keys = |p: &Project| provinces_of(p, reference);
    let provinces: Vec<(String, String)> = reference
        .provinces
        .iter()
        .map(|p| (p.nis.clone(), p.name.get(language, &[]).to_string()))
        .chain(std::iter::once((
            UNASSIGNED.to_string(),
            text.unassigned.clone(),
        )))
        .collect();
    let call_keys = |p: &Project| vec![call_of(p)];
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

    let chart = |id: &str, title: &str, measure: Measure, categories: Vec<Category>| Chart {
        id: id.to_string(),
        section: None,
        file_stem: format!("smart-region-{id}"),
        kind: ChartKind::Bars,
        title: title.to_string(),
        unit: Some(Unit::Count),
        population: Some(match measure {
            Measure::Projects => text.population.clone(),
            Measure::Subsidy => text.subsidy_population.clone(),
        }),
        surveys: Vec::new(),
        series: series.clone(),
        categories,
        sources: Vec::new(),
        note: None,
        rows: Vec::new(),
        language,
    };
    let mut charts = Vec::new();
    for (id, title, subsidy_title, keys, keys_of) in [
        (
            "stats-themes",
            &text.themes_title,
            &text.themes_subsidy_title,
            &themes,
            &theme_keys as &dyn Fn(&Project) -> Vec<String>,
        ),
        (
            "stats-provinces",
            &text.provinces_title,
            &text.provinces_subsidy_title,
            &provinces,
            &province_keys,
        ),
        (
            "stats-calls",
            &text.calls_title,
            &text.calls_subsidy_title,
            &calls,
            &call_keys,
        ),
    ] {
        charts.push(chart(
            id,
            title,
            Measure::Projects,
            totals(keys, keys_of, Measure::Projects),
        ));
        charts.push(chart(
            &format!("{id}-subsidy"),
            subsidy_title,
            Measure::Subsidy,
            totals(keys, keys_of, Measure::Subsidy),
        ));
    }
    charts
}

/// The funnel of the calls (id `stats-funnel`): per call in the order of the
/// dataset, the projects submitted, selected and finalised; "–" where a figure
/// is not published. `None` without calls.
pub fn funnel_chart(calls: &[Call], language: Language, text: &StatsText) -> Option<Chart> {
    if calls.is_empty() {
        return None;
    }
    let disagreeing = calls.iter().any(|c| c.concretised.is_some());
    let mut keys = vec![("submitted", &text.submitted), ("selected", &text.selected)];
    if disagreeing {
        keys.push(("concretised", &text.concretised));
    }
    keys.push(("finalised", &text.finalised));
    let series = keys
        .iter()
        .zip(series_colors(keys.len()))
        .map(|((key, label), color)| Series {
            key: key.to_string(),
            label: (*label).clone(),
            color,
        })
        .collect();
    let categories = calls
        .iter()
        .map(|call| {
            let key = CallId::of(call).to_string();
            let mut values = vec![call.submitted, call.selected];
            if disagreeing {
                values.push(call.concretised);
            }
            values.push(call.finalised);
            Category {
                label: (text.call)(&key),
                key,
                unit: Unit::Count,
                values: values.into_iter().map(|v| v.map(f64::from)).collect(),
                detail: None,
            }
        })
        .collect();
    let sources = source_links(
        calls
            .iter()
            .flat_map(|c| [&c.concretised_source, &c.finalised_source])
            .flatten()
            .map(String::as_str),
        |_| None,
    );
    Some(Chart {
        id: "stats-funnel".to_string(),
        section: None,
        file_stem: "smart-region-stats-funnel".to_string(),
        kind: ChartKind::Bars,
        title: text.funnel_title.clone(),
        unit: Some(Unit::Count),
        population: Some(text.funnel_population.clone()),
        surveys: Vec::new(),
        series,
        categories,
        sources,
        note: disagreeing.then_some(ChartNote::FiguresDisagree),
        rows: Vec::new(),
        language,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{chart_csv, csv_file_name, key_figure, table_rows};
    use crate::datasets::{parse_calls, ProjectStatus, TitleStatus};
    use crate::explore::fixtures::reference;

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
            completed_on: None,
            note: None,
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
            provinces_title: "Projects per province".into(),
            themes_subsidy_title: "Subsidy per theme".into(),
            provinces_subsidy_title: "Subsidy per province".into(),
            calls_subsidy_title: "Subsidy per call".into(),
            funnel_title: "Funnel".into(),
            all: "All documented".into(),
            selection: "Selection".into(),
            population: "Documented laureate projects".into(),
            subsidy_population: "Known subsidies (EUR)".into(),
            funnel_population: "Projects of each call".into(),
            unassigned: "Unassigned".into(),
            submitted: "Submitted".into(),
            selected: "Selected".into(),
            finalised: "Finalised".into(),
            concretised: "Concretised".into(),
            theme,
            call,
        }
    }

    /// a: Liège + Ans (one province, 100 €), b: Namur (50 €), c: Liège + Namur
    /// (no subsidy), d: no municipality (10 €).
    fn projects() -> Vec<Project> {
        let mut a = project("ti2019-a", 2019, "2019", Some(Theme::MobilityLogistics));
        a.municipalities = vec!["62063".into(), "62003".into()];
        a.subsidy_eur = Some(100.0);
        let mut b = project("ti2019-b", 2019, "2019", Some(Theme::EnergyEnvironment));
        b.municipalities = vec!["92094".into()];
        b.subsidy_eur = Some(50.0);
        let mut c = project("ti2019-c", 2019, "2019", Some(Theme::MobilityLogistics));
        c.municipalities = vec!["62063".into(), "92094".into()];
        let mut d = project("ti2023-d", 2023, "phase1", None);
        d.subsidy_eur = Some(10.0);
        vec![a, b, c, d]
    }

    /// The three calls as published (2023's template from the shipped file).
    fn calls() -> Vec<Call> {
        let parsed: Vec<Call> = parse_calls(
            include_bytes!("../../../../data/calls.csv"),
            "calls.csv",
            &[],
        )
        .records
        .into_iter()
        .map(|(_, c)| c)
        .collect();
        let template = parsed[0].clone();
        let call = |year: u16, phase: &str, submitted, selected, finalised| Call {
            call_year: year,
            phase: phase.into(),
            submitted,
            selected,
            finalised,
            concretised: None,
            concretised_source: None,
            finalised_source: None,
            ..template.clone()
        };
        vec![
            call(2019, "2019", Some(88), Some(43), Some(35)),
            call(2023, "phase1", Some(80), Some(34), None),
            call(2023, "phase2", Some(80), Some(46), None),
        ]
    }

    fn rows(chart: &Chart) -> Vec<(String, Vec<Option<f64>>)> {
        chart
            .categories
            .iter()
            .map(|c| (c.label.clone(), c.values.clone()))
            .collect()
    }

    fn by_id<'a>(charts: &'a [Chart], id: &str) -> &'a Chart {
        charts.iter().find(|c| c.id == id).expect(id)
    }

    #[test]
    fn counts_per_theme_and_call_with_the_selection_beside() {
        let theme = |t: Option<Theme>| t.map_or("No theme".to_string(), |t| t.as_str().to_string());
        let call = |c: &str| format!("Call {c}");
        let charts = project_charts(
            &projects(),
            &[0, 3],
            &reference(),
            &[],
            Language::En,
            &text(&theme, &call),
        );
        let ids: Vec<&str> = charts.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "stats-themes",
                "stats-themes-subsidy",
                "stats-provinces",
                "stats-provinces-subsidy",
                "stats-calls",
                "stats-calls-subsidy"
            ]
        );
        let themes = by_id(&charts, "stats-themes");
        assert_eq!(themes.series.len(), 2);
        assert_eq!(
            rows(themes),
            [
                ("energy-environment".to_string(), vec![Some(1.0), Some(0.0)]),
                ("mobility-logistics".to_string(), vec![Some(2.0), Some(1.0)]),
                ("No theme".to_string(), vec![Some(1.0), Some(1.0)]),
            ]
        );
        let calls = by_id(&charts, "stats-calls");
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
    fn subsidy_sums_the_known_amounts_and_says_when_none_is_known() {
        let theme = |t: Option<Theme>| t.map_or("No theme".to_string(), |t| t.as_str().to_string());
        let call = |c: &str| c.to_string();
        let charts = project_charts(
            &projects(),
            &[1, 2],
            &reference(),
            &[],
            Language::En,
            &text(&theme, &call),
        );
        let themes = by_id(&charts, "stats-themes-subsidy");
        assert_eq!(themes.population.as_deref(), Some("Known subsidies (EUR)"));
        assert_eq!(
            rows(themes),
            [
                (
                    "energy-environment".to_string(),
                    vec![Some(50.0), Some(50.0)]
                ),
                // c is selected but has no known subsidy.
                ("mobility-logistics".to_string(), vec![Some(100.0), None]),
                ("No theme".to_string(), vec![Some(10.0), None]),
            ]
        );
        assert_eq!(table_rows(themes)[1].cells, ["100", "–"]);
        let calls = by_id(&charts, "stats-calls-subsidy");
        assert_eq!(rows(calls)[0].1, [Some(150.0), Some(50.0)]);
        assert_eq!(csv_file_name(calls), "smart-region-stats-calls-subsidy.csv");
    }

    #[test]
    fn a_project_counts_in_every_province_of_its_municipalities() {
        let theme = |_: Option<Theme>| String::from("t");
        let call = |c: &str| c.to_string();
        let charts = project_charts(
            &projects(),
            &[0],
            &reference(),
            &[],
            Language::Fr,
            &text(&theme, &call),
        );
        // Hainaut has no project: no bar; d has no municipality: unassigned.
        assert_eq!(
            rows(by_id(&charts, "stats-provinces")),
            [
                ("Province de Liège".to_string(), vec![Some(2.0), Some(1.0)]),
                ("Province de Namur".to_string(), vec![Some(2.0), Some(0.0)]),
                ("Unassigned".to_string(), vec![Some(1.0), Some(0.0)]),
            ]
        );
        assert_eq!(
            rows(by_id(&charts, "stats-provinces-subsidy")),
            [
                (
                    "Province de Liège".to_string(),
                    vec![Some(100.0), Some(100.0)]
                ),
                ("Province de Namur".to_string(), vec![Some(50.0), None]),
                ("Unassigned".to_string(), vec![Some(10.0), None]),
            ]
        );
        let r = reference();
        assert_eq!(provinces_of(&projects()[2], &r), ["60000", "90000"]);
        assert_eq!(provinces_of(&projects()[3], &r), [UNASSIGNED]);
    }

    #[test]
    fn the_funnel_shows_each_call_and_dashes_where_unpublished() {
        let theme = |_: Option<Theme>| String::from("t");
        let call = |c: &str| format!("Call {c}");
        let calls = calls();
        let charts = project_charts(
            &projects(),
            &[],
            &reference(),
            &calls,
            Language::En,
            &text(&theme, &call),
        );
        let funnel = by_id(&charts, "stats-funnel");
        assert_eq!(funnel.series.len(), 3);
        let keys: Vec<&str> = funnel.categories.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["2019", "2023-phase1", "2023-phase2"]);
        assert_eq!(table_rows(funnel)[0].cells, ["88", "43", "35"]);
        assert_eq!(table_rows(funnel)[1].cells, ["80", "34", "–"]);
        assert_eq!(CallId::of(&calls[2]).to_string(), "2023-phase2");
        // The funnel does not depend on the projects.
        let alone = project_charts(
            &[],
            &[],
            &reference(),
            &calls,
            Language::En,
            &text(&theme, &call),
        );
        assert_eq!(alone.len(), 1);
        assert_eq!(alone[0], *funnel);
        assert_eq!(funnel.note, None);
        assert!(funnel.sources.is_empty());
    }

    #[test]
    fn disagreeing_counts_are_both_shown_each_with_its_source() {
        let theme = |_: Option<Theme>| String::from("t");
        let call = |c: &str| c.to_string();
        let mut calls = calls();
        calls[0].concretised = Some(36);
        calls[0].concretised_source = Some("https://www.dhnet.be/a".into());
        calls[0].finalised_source = Some("https://www.digitalwallonia.be/b".into());
        let funnel = funnel_chart(&calls, Language::En, &text(&theme, &call)).expect("a funnel");
        let keys: Vec<&str> = funnel.series.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, ["submitted", "selected", "concretised", "finalised"]);
        assert_eq!(table_rows(&funnel)[0].cells, ["88", "43", "36", "35"]);
        assert_eq!(table_rows(&funnel)[1].cells, ["80", "34", "–", "–"]);
        assert_eq!(funnel.note, Some(ChartNote::FiguresDisagree));
        let hosts: Vec<&str> = funnel.sources.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(hosts, ["dhnet.be", "digitalwallonia.be"]);
    }

    #[test]
    fn no_selection_series_when_everything_is_selected() {
        let theme = |_: Option<Theme>| String::from("t");
        let call = |c: &str| c.to_string();
        let r = reference();
        let charts = project_charts(
            &projects(),
            &[3, 2, 1, 0],
            &r,
            &[],
            Language::Fr,
            &text(&theme, &call),
        );
        assert!(charts.iter().all(|c| c.series.len() == 1));
        assert!(project_charts(&[], &[], &r, &[], Language::Fr, &text(&theme, &call)).is_empty());
        // An empty selection still shows the zero counts beside the totals.
        let none = project_charts(
            &projects(),
            &[],
            &r,
            &[],
            Language::Fr,
            &text(&theme, &call),
        );
        assert_eq!(
            by_id(&none, "stats-calls").categories[0].values,
            [Some(3.0), Some(0.0)]
        );
    }
}
