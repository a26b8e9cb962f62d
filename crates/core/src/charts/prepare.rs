//! From the indicators file to the charts of the barometer page, in a language:
//! grouping ([`super::groups`]), layout of categories and series, ordering,
//! labels and sources.

use super::format::format_number;
use super::groups::{
    breakdown_label, is_hidden, pick, scope_label, ChartKind, GroupSpec, Order, CONFLICTS,
    FIGURES_GROUP, FIGURES_TITLE, GROUPS,
};
use super::{Category, Chart, ChartNote, Section, Series, SourceLink, SurveyRef};
use crate::catalog::IndicatorsFile;
use crate::datasets::documents::Document;
use crate::datasets::indicators::{Indicator, Unit};
use crate::explore::classes::palette;
use crate::language::Language;
use crate::text::is_web_link;
use std::collections::HashMap;

/// The colour of the only series of a simple bar chart (YlGnBu, dark enough
/// for white text nearby and visible on a dark background).
pub const SINGLE_SERIES_COLOR: &str = "#2c7fb8";

/// Colours for `n` series, from the map's colour-blind-safe YlGnBu palette
/// ([`palette`]), light to dark, so the oldest survey is the lightest. The
/// palette's lightest step (near white) is skipped while there is room; from
/// seven series on the colours repeat.
pub fn series_colors(n: usize) -> Vec<&'static str> {
    match n {
        0 => Vec::new(),
        1 => vec![SINGLE_SERIES_COLOR],
        2..=6 => palette(n + 1)[1..].to_vec(),
        _ => palette(7).iter().copied().cycle().take(n).collect(),
    }
}

/// Whether the data labels (FR and EN only) are shown in another language
/// than the page's: English on Dutch and German pages.
pub fn labels_in_another_language(language: Language) -> bool {
    matches!(language, Language::Nl | Language::De)
}

/// An indicator's label in `language`: French on French pages, English
/// otherwise; the other one if that one is empty.
pub fn indicator_label(indicator: &Indicator, language: Language) -> &str {
    let (first, second) = match language {
        Language::Fr => (&indicator.label_fr, &indicator.label_en),
        _ => (&indicator.label_en, &indicator.label_fr),
    };
    if first.trim().is_empty() {
        second
    } else {
        first
    }
}

/// The topic of an indicator: its id without the survey prefix
/// (`w21_obstacle_budgets` → `obstacle_budgets`), unless `aliases` names it.
fn topic_of<'a>(id: &'a str, aliases: &[(&'static str, &'static str)]) -> &'a str {
    if let Some((_, topic)) = aliases.iter().find(|(alias, _)| *alias == id) {
        return topic;
    }
    id.split_once('_').map_or(id, |(_, rest)| rest)
}

/// Tidies a label for a chart: drops a rank's " (rank)"/" (rang)" suffix, and
/// with `strip_prefix` the leading "Xxx: " or "Xxx : "; starts with a capital.
pub fn clean_label(label: &str, rank: bool, strip_prefix: bool) -> String {
    let mut text = label.trim();
    if rank {
        for suffix in [" (rank)", " (rang)"] {
            if let Some(rest) = text.strip_suffix(suffix) {
                text = rest.trim_end();
            }
        }
    }
    if strip_prefix {
        if let Some((_, rest)) = text.split_once(':') {
            if !rest.trim().is_empty() {
                text = rest.trim();
            }
        }
    }
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Which property of a figure a chart's categories or series stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dim {
    Survey,
    Topic,
    Breakdown,
}

/// A figure of a chart with its derived keys.
struct Row<'a> {
    indicator: &'a Indicator,
    topic: String,
    survey_rank: usize,
    index: usize,
}

impl Row<'_> {
    fn key(&self, dim: Dim) -> &str {
        match dim {
            Dim::Survey => &self.indicator.survey,
            Dim::Topic => &self.topic,
            Dim::Breakdown => &self.indicator.breakdown,
        }
    }
}

/// Distinct values in first-appearance order.
fn distinct<'a>(values: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for v in values {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// Everything the building of one chart needs besides its rows.
struct Context<'a> {
    language: Language,
    documents: &'a [Document],
    /// Survey name → (year, first line) rank, for chronological order.
    survey_rank: &'a HashMap<&'a str, usize>,
}

/// The charts of the barometer page in `language`, in page order: one per
/// group of [`GROUPS`] that has figures, then "Other published figures" for
/// the figures no group takes. The indicators of [`CONFLICTS`] marked hidden
/// never appear. Each figure appears in exactly one chart.
pub fn barometer_charts(file: &IndicatorsFile, language: Language) -> Vec<Chart> {
    let all = &file.indicators;
    let mut surveys: Vec<(&str, u16, usize)> = Vec::new();
    for (i, ind) in all.iter().enumerate() {
        if !surveys.iter().any(|(name, _, _)| *name == ind.survey) {
            surveys.push((&ind.survey, ind.year, i));
        }
    }
    surveys.sort_by_key(|(_, year, first)| (*year, *first));
    let survey_rank: HashMap<&str, usize> = surveys
        .iter()
        .enumerate()
        .map(|(rank, (name, _, _))| (*name, rank))
        .collect();
    let context = Context {
        language,
        documents: &file.documents,
        survey_rank: &survey_rank,
    };

    let mut taken: Vec<bool> = all.iter().map(|ind| is_hidden(&ind.id)).collect();
    let mut charts = Vec::new();
    for spec in GROUPS {
        let mut unit = None;
        let mut members = Vec::new();
        for (i, ind) in all.iter().enumerate() {
            if taken[i]
                || !spec.indicators.contains(&ind.id.as_str())
                || !spec.breakdowns.accepts(&ind.breakdown)
            {
                continue;
            }
            // One unit per chart: a figure in another unit stays for "other figures".
            if *unit.get_or_insert(ind.unit) != ind.unit {
                continue;
            }
            taken[i] = true;
            members.push(i);
        }
        if !members.is_empty() {
            charts.push(group_chart(spec, &members, all, &context));
        }
    }
    let rest: Vec<usize> = (0..all.len()).filter(|i| !taken[*i]).collect();
    if !rest.is_empty() {
        charts.push(figures_chart(&rest, all, &context));
    }
    charts
}

fn rows_of<'a>(
    members: &[usize],
    all: &'a [Indicator],
    aliases: &[(&'static str, &'static str)],
    context: &Context,
) -> Vec<Row<'a>> {
    let mut rows: Vec<Row> = members
        .iter()
        .map(|&index| {
            let indicator = &all[index];
            Row {
                indicator,
                topic: topic_of(&indicator.id, aliases).to_string(),
                survey_rank: context
                    .survey_rank
                    .get(indicator.survey.as_str())
                    .copied()
                    .unwrap_or(usize::MAX),
                index,
            }
        })
        .collect();
    rows.sort_by_key(|r| (r.survey_rank, r.index));
    rows
}

/// The surveys of `rows`, oldest first, each with the scopes of its figures
/// (e.g. "UE, Belgique").
fn survey_refs(rows: &[Row], language: Language) -> Vec<SurveyRef> {
    let mut out: Vec<SurveyRef> = Vec::new();
    for row in rows {
        let scope = scope_label(&row.indicator.scope, language);
        match out.iter_mut().find(|s| s.name == row.indicator.survey) {
            Some(survey) => {
                if !survey.scope.split(", ").any(|s| s == scope) {
                    survey.scope.push_str(", ");
                    survey.scope.push_str(&scope);
                }
            }
            None => out.push(SurveyRef {
                name: row.indicator.survey.clone(),
                year: row.indicator.year,
                scope,
            }),
        }
    }
    out
}

/// Short names of surveys: "2021 · Wallonie", or the survey's name when two
/// surveys of the chart share year and scope.
fn short_survey_names(surveys: &[SurveyRef]) -> HashMap<String, String> {
    surveys
        .iter()
        .map(|s| {
            let clash = surveys
                .iter()
                .any(|o| o.name != s.name && o.year == s.year && o.scope == s.scope);
            let short = if clash {
                s.name.clone()
            } else {
                format!("{} · {}", s.year, s.scope)
            };
            (s.name.clone(), short)
        })
        .collect()
}

/// Chooses what the categories and the series of a chart stand for (see the
/// rules in [`super::groups`]).
fn dimensions(
    kind: ChartKind,
    spec: &GroupSpec,
    surveys: usize,
    topics: usize,
    breakdowns: usize,
) -> (Vec<Dim>, Option<Dim>) {
    use Dim::*;
    let (mut categories, series) = if kind == ChartKind::Ranking {
        (vec![Topic], None)
    } else if spec.surveys_as_categories {
        (vec![Survey], (topics > 1).then_some(Topic))
    } else if surveys > 1 && topics == 1 {
        (vec![Survey], (breakdowns > 1).then_some(Breakdown))
    } else if surveys > 1 {
        (vec![Topic], Some(Survey))
    } else if topics > 1 && breakdowns > 1 {
        (vec![Topic], Some(Breakdown))
    } else if topics == 1 && breakdowns > 1 {
        (vec![Breakdown], None)
    } else {
        (vec![Topic], None)
    };
    // A property that varies and is neither shown as categories nor as series
    // still tells figures apart: it joins the categories.
    for (dim, count) in [(Topic, topics), (Breakdown, breakdowns), (Survey, surveys)] {
        if count > 1 && !categories.contains(&dim) && series != Some(dim) {
            categories.push(dim);
        }
    }
    (categories, series)
}

fn group_chart(spec: &GroupSpec, members: &[usize], all: &[Indicator], context: &Context) -> Chart {
    let language = context.language;
    let rows = rows_of(members, all, spec.aliases, context);
    let unit = rows[0].indicator.unit;
    let kind = if unit == Unit::Rank {
        ChartKind::Ranking
    } else {
        ChartKind::Bars
    };
    let surveys = survey_refs(&rows, language);
    let short = short_survey_names(&surveys);
    let topics = distinct(rows.iter().map(|r| r.topic.as_str()));
    let breakdowns = distinct(rows.iter().map(|r| r.indicator.breakdown.as_str()));
    let (mut category_dims, mut series_dim) =
        dimensions(kind, spec, surveys.len(), topics.len(), breakdowns.len());

    let category_key = |row: &Row, dims: &[Dim]| -> String {
        dims.iter()
            .map(|d| row.key(*d))
            .collect::<Vec<_>>()
            .join("\u{1f}")
    };
    // Surveys as series, but no topic in two surveys: a legend would only
    // repeat the year. One series, the survey in the label instead.
    if series_dim == Some(Dim::Survey) {
        let keys: Vec<String> = rows
            .iter()
            .map(|r| category_key(r, &category_dims))
            .collect();
        let shared = keys.iter().enumerate().any(|(i, k)| keys[..i].contains(k));
        if !shared {
            series_dim = None;
            category_dims.push(Dim::Survey);
        }
    }

    // The label of a topic: the latest survey's wording.
    let is_rank = kind == ChartKind::Ranking;
    let topic_label = |topic: &str| -> String {
        if let Some((_, words)) = spec.topic_labels.iter().find(|(t, _)| *t == topic) {
            return pick(words, language).to_string();
        }
        let latest = rows
            .iter()
            .rev()
            .find(|r| r.topic == topic)
            .map(|r| indicator_label(r.indicator, language))
            .unwrap_or(topic);
        clean_label(latest, is_rank, spec.strip_label_prefix)
    };
    let survey_short = |name: &str| short.get(name).cloned().unwrap_or_else(|| name.to_string());
    let category_label = |row: &Row| -> String {
        if category_dims == [Dim::Survey] {
            return row.indicator.survey.clone();
        }
        let mut label = String::new();
        for dim in &category_dims {
            match dim {
                Dim::Topic => label.push_str(&topic_label(&row.topic)),
                Dim::Breakdown if label.is_empty() => {
                    label.push_str(&breakdown_label(&row.indicator.breakdown, language))
                }
                // Beside a topic, "all municipalities" goes without saying.
                Dim::Breakdown if row.indicator.breakdown == "all" => {}
                Dim::Breakdown => {
                    label.push_str(" — ");
                    label.push_str(&breakdown_label(&row.indicator.breakdown, language));
                }
                Dim::Survey if label.is_empty() => label.push_str(&row.indicator.survey),
                Dim::Survey => {
                    label.push_str(" (");
                    label.push_str(&survey_short(&row.indicator.survey));
                    label.push(')');
                }
            }
        }
        label
    };

    // Series, in first-appearance order (surveys: oldest first).
    let series_keys: Vec<String> = match series_dim {
        Some(dim) => distinct(rows.iter().map(|r| r.key(dim)))
            .into_iter()
            .map(str::to_string)
            .collect(),
        None => vec![String::from("value")],
    };
    let colors = series_colors(series_keys.len());
    let series: Vec<Series> = series_keys
        .iter()
        .zip(colors)
        .map(|(key, color)| Series {
            key: key.clone(),
            label: match series_dim {
                Some(Dim::Survey) => survey_short(key),
                Some(Dim::Breakdown) => breakdown_label(key, language),
                Some(Dim::Topic) => topic_label(key),
                None => String::new(),
            },
            color,
        })
        .collect();

    // Categories, each with a value per series; `cells` keeps the row behind each value.
    let mut categories: Vec<Category> = Vec::new();
    let mut cells: Vec<Vec<Option<usize>>> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let key = category_key(row, &category_dims);
        let s = match series_dim {
            Some(dim) => series_keys
                .iter()
                .position(|k| k == row.key(dim))
                .unwrap_or(0),
            None => 0,
        };
        let c = match categories.iter().position(|c| c.key == key) {
            Some(c) => c,
            None => {
                categories.push(Category {
                    key,
                    label: category_label(row),
                    unit,
                    values: vec![None; series.len()],
                    detail: None,
                });
                cells.push(vec![None; series.len()]);
                categories.len() - 1
            }
        };
        // Two figures for one cell would be a grouping error: the first stays,
        // the other is still listed in the CSV (the tests keep this from happening).
        if categories[c].values[s].is_none() {
            categories[c].values[s] = Some(row.indicator.value);
            cells[c][s] = Some(r);
        }
    }
    let mut order: Vec<usize> = (0..categories.len()).collect();
    let extreme = |c: &Category, largest: bool| {
        let values = c.values.iter().flatten().copied();
        if largest {
            values.fold(f64::NEG_INFINITY, f64::max)
        } else {
            values.fold(f64::INFINITY, f64::min)
        }
    };
    if is_rank {
        order.sort_by(|a, b| {
            extreme(&categories[*a], false).total_cmp(&extreme(&categories[*b], false))
        });
    } else if spec.order == Order::ValueDesc {
        order.sort_by(|a, b| {
            extreme(&categories[*b], true).total_cmp(&extreme(&categories[*a], true))
        });
    }
    let mut shown: Vec<usize> = order
        .iter()
        .flat_map(|c| cells[*c].iter().flatten().copied())
        .collect();
    // Figures not in a cell (never with the shipped data) still go to the CSV.
    for r in 0..rows.len() {
        if !shown.contains(&r) {
            shown.push(r);
        }
    }
    let mut slots: Vec<Option<Category>> = categories.into_iter().map(Some).collect();
    let categories: Vec<Category> = order.iter().filter_map(|c| slots[*c].take()).collect();

    let population = match breakdowns.as_slice() {
        [only]
            if *only != "all"
                && !category_dims.contains(&Dim::Breakdown)
                && series_dim != Some(Dim::Breakdown) =>
        {
            Some(breakdown_label(only, language))
        }
        _ => None,
    };
    let note = CONFLICTS
        .iter()
        .find(|c| rows.iter().any(|r| r.indicator.id == c.shown))
        .filter(|c| all.iter().any(|i| i.id == c.hidden))
        .map(|c| ChartNote::ConflictingReading {
            hidden: c.hidden.to_string(),
        });
    let ordered: Vec<&Row> = shown.iter().map(|r| &rows[*r]).collect();
    Chart {
        id: spec.id.to_string(),
        section: Some(spec.section),
        file_stem: format!("barometre-{}", spec.id),
        kind,
        title: pick(&spec.title, language).to_string(),
        unit: Some(unit),
        population,
        surveys,
        series,
        categories,
        sources: sources_of(ordered.iter().map(|r| r.indicator), context.documents),
        note,
        rows: ordered.iter().map(|r| r.indicator.clone()).collect(),
        language,
    }
}

/// "Other published figures": one entry per figure, each with its unit and survey.
fn figures_chart(members: &[usize], all: &[Indicator], context: &Context) -> Chart {
    let language = context.language;
    let rows = rows_of(members, all, &[], context);
    let surveys = survey_refs(&rows, language);
    let categories = rows
        .iter()
        .map(|row| {
            let ind = row.indicator;
            let mut label = clean_label(
                indicator_label(ind, language),
                ind.unit == Unit::Rank,
                false,
            );
            if ind.breakdown != "all" {
                label.push_str(" — ");
                label.push_str(&breakdown_label(&ind.breakdown, language));
            }
            Category {
                key: format!("{}\u{1f}{}", ind.id, ind.breakdown),
                label,
                unit: ind.unit,
                values: vec![Some(ind.value)],
                detail: Some(format!(
                    "{} ({}, {})",
                    ind.survey,
                    ind.year,
                    scope_label(&ind.scope, language)
                )),
            }
        })
        .collect();
    Chart {
        id: FIGURES_GROUP.to_string(),
        section: Some(Section::Surveys),
        file_stem: format!("barometre-{FIGURES_GROUP}"),
        kind: ChartKind::Figures,
        title: pick(&FIGURES_TITLE, language).to_string(),
        unit: None,
        population: None,
        surveys,
        series: vec![Series {
            key: "value".to_string(),
            label: String::new(),
            color: SINGLE_SERIES_COLOR,
        }],
        categories,
        sources: sources_of(rows.iter().map(|r| r.indicator), context.documents),
        note: None,
        rows: rows.iter().map(|r| r.indicator.clone()).collect(),
        language,
    }
}

/// The distinct sources of `indicators`, in order of first use: a document by
/// its title (no link), a web page by its host name (with the link); two pages
/// of one host are numbered.
pub fn sources_of<'a>(
    indicators: impl Iterator<Item = &'a Indicator>,
    documents: &[Document],
) -> Vec<SourceLink> {
    let sources = indicators.flat_map(|ind| ind.sources.iter().map(String::as_str));
    source_links(sources, |file| {
        documents
            .iter()
            .find(|d| d.file == file)
            .map(|d| d.title.clone())
    })
}

/// The distinct `sources` (URLs or seed-document file names), in order of first
/// use: a web page by its host name, with the link (two pages of one host are
/// numbered); a document by what `document` says of its file name (its title),
/// else by its file name, with no link; anything else (not http(s)) never links.
pub fn source_links<'a>(
    sources: impl Iterator<Item = &'a str>,
    document: impl Fn(&str) -> Option<String>,
) -> Vec<SourceLink> {
    let mut seen: Vec<&str> = Vec::new();
    for source in sources {
        if !seen.contains(&source) {
            seen.push(source);
        }
    }
    let mut out: Vec<SourceLink> = Vec::new();
    for source in seen {
        if is_web_link(source) {
            let host = host_of(source);
            let same = out
                .iter()
                .filter(|s| s.url.is_some() && host_of(s.url.as_deref().unwrap_or("")) == host)
                .count();
            let label = if same == 0 {
                host.to_string()
            } else {
                format!("{host} ({})", same + 1)
            };
            out.push(SourceLink {
                label,
                url: Some(source.trim().to_string()),
            });
        } else {
            let label = document(source).unwrap_or_else(|| source.to_string());
            out.push(SourceLink { label, url: None });
        }
    }
    out
}

/// The host of an http(s) URL, without `www.`.
fn host_of(url: &str) -> &str {
    let rest = url.trim().split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.strip_prefix("www.").unwrap_or(host)
}

/// The figure a text alternative leads with.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyFigure {
    /// The category's label.
    pub label: String,
    /// The series' label, when the chart has several.
    pub series: Option<String>,
    /// The value, formatted for the chart's language.
    pub value: String,
}

/// The key figure of a chart: the largest value of a bar chart (the first of
/// equals), the first item of a ranking; none for a list of figures.
pub fn key_figure(chart: &Chart) -> Option<KeyFigure> {
    let mut best: Option<(usize, usize, f64)> = None;
    for (c, category) in chart.categories.iter().enumerate() {
        for (s, value) in category.values.iter().enumerate() {
            let Some(v) = value else { continue };
            let better = match (chart.kind, best) {
                (_, None) => true,
                (ChartKind::Ranking, Some((_, _, b))) => *v < b,
                (_, Some((_, _, b))) => *v > b,
            };
            if better {
                best = Some((c, s, *v));
            }
        }
    }
    if chart.kind == ChartKind::Figures {
        return None;
    }
    let (c, s, v) = best?;
    let category = &chart.categories[c];
    Some(KeyFigure {
        label: category.label.clone(),
        series: (chart.series.len() > 1).then(|| chart.series[s].label.clone()),
        value: format_number(v, category.unit, chart.language),
    })
}

/// One row of a chart's data table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableRow {
    /// The category's label.
    pub label: String,
    /// One formatted value per series ("–" where there is none).
    pub cells: Vec<String>,
    /// For a list of figures: survey, year and scope.
    pub detail: Option<String>,
}

/// The rows of a chart's data table: every category with every series (also
/// the hidden ones), values formatted for the chart's language.
pub fn table_rows(chart: &Chart) -> Vec<TableRow> {
    chart
        .categories
        .iter()
        .map(|c| TableRow {
            label: c.label.clone(),
            cells: c
                .values
                .iter()
                .map(|v| match v {
                    Some(v) => format_number(*v, c.unit, chart.language),
                    None => "–".to_string(),
                })
                .collect(),
            detail: c.detail.clone(),
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::datasets::documents::parse_documents;
    use crate::datasets::indicators::parse_indicators;
    use std::collections::HashSet;

    /// The project's real indicators file, parsed as datakit does.
    pub(crate) fn shipped() -> IndicatorsFile {
        let documents = parse_documents(
            include_bytes!("../../../../data/documents.csv"),
            "documents.csv",
        );
        let names: Vec<String> = documents.values().map(|d| d.file.clone()).collect();
        let indicators = parse_indicators(
            include_bytes!("../../../../data/indicators.csv"),
            "indicators.csv",
            &names,
        );
        assert_eq!(indicators.report.rows_rejected(), 0);
        IndicatorsFile {
            indicators: indicators.into_values(),
            documents: documents.into_values(),
        }
    }

    fn chart<'a>(charts: &'a [Chart], id: &str) -> &'a Chart {
        charts
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("no chart {id}"))
    }

    fn labels(chart: &Chart) -> Vec<&str> {
        chart.categories.iter().map(|c| c.label.as_str()).collect()
    }

    fn series_labels(chart: &Chart) -> Vec<&str> {
        chart.series.iter().map(|s| s.label.as_str()).collect()
    }

    fn ind(
        survey: &str,
        year: u16,
        id: &str,
        breakdown: &str,
        value: f64,
        unit: Unit,
    ) -> Indicator {
        Indicator {
            survey: survey.into(),
            year,
            scope: "Wallonia".into(),
            id: id.into(),
            label_fr: format!("Libellé : {id}"),
            label_en: format!("Label: {id}"),
            breakdown: breakdown.into(),
            value,
            unit,
            sources: vec!["https://example.org/a".into()],
        }
    }

    #[test]
    fn every_figure_is_shown_once_except_the_conflicting_reading() {
        let file = shipped();
        let charts = barometer_charts(&file, Language::Fr);
        let mut shown: Vec<(String, String)> = Vec::new();
        for chart in &charts {
            assert_eq!(
                chart.rows.len(),
                chart.value_count(),
                "{}: a figure has no cell",
                chart.id
            );
            shown.extend(
                chart
                    .rows
                    .iter()
                    .map(|r| (r.id.clone(), r.breakdown.clone())),
            );
        }
        let unique: HashSet<_> = shown.iter().cloned().collect();
        assert_eq!(unique.len(), shown.len(), "a figure is in two charts");
        let expected: HashSet<_> = file
            .indicators
            .iter()
            .filter(|i| i.id != "be17_not_concerned_per_summary")
            .map(|i| (i.id.clone(), i.breakdown.clone()))
            .collect();
        assert_eq!(unique, expected);
        assert!(!shown
            .iter()
            .any(|(id, _)| id == "be17_not_concerned_per_summary"));
        // Every listed id exists in the data: a typo would silently empty a group.
        let ids: HashSet<&str> = file.indicators.iter().map(|i| i.id.as_str()).collect();
        for spec in GROUPS {
            for id in spec.indicators {
                assert!(ids.contains(id), "group {} lists unknown {id}", spec.id);
            }
            assert!(
                charts.iter().any(|c| c.id == spec.id),
                "group {} is empty",
                spec.id
            );
        }
    }

    #[test]
    fn only_unrelated_figures_are_left_for_the_list() {
        let charts = barometer_charts(&shipped(), Language::En);
        let figures = chart(&charts, FIGURES_GROUP);
        assert_eq!(figures.kind, ChartKind::Figures);
        let ids: Vec<&str> = figures.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "w18_largest_cities_halfway",
                "w18_projects_initiated_public",
                "be18_self_score_9",
                "strat_strategic_axes",
                "strat_pillars",
                "w19_attractiveness_strategy_score",
                "adn_digital_startups",
                "adn_walloon_municipalities",
                "w20_large_cities_oecd",
                "w20_small_communes_share",
                "cov20_impacted_count",
            ]
        );
        assert_eq!(charts.last().map(|c| c.id.as_str()), Some(FIGURES_GROUP));
        let halfway = &figures.categories[0];
        assert_eq!(halfway.unit, Unit::Count);
        assert!(
            halfway.label.ends_with(" — Large cities"),
            "{}",
            halfway.label
        );
        assert_eq!(
            halfway.detail.as_deref(),
            Some("SCI Baromètre wallon Smart Cities 2018 (2018, Wallonia)")
        );
    }

    #[test]
    fn charts_have_one_unit_and_ranks_are_lists() {
        for chart in barometer_charts(&shipped(), Language::Fr) {
            match chart.kind {
                ChartKind::Figures => assert_eq!(chart.unit, None),
                kind => {
                    let unit = chart.unit.expect("one unit");
                    assert!(
                        chart.categories.iter().all(|c| c.unit == unit),
                        "{}",
                        chart.id
                    );
                    assert_eq!(
                        kind == ChartKind::Ranking,
                        unit == Unit::Rank,
                        "{}",
                        chart.id
                    );
                }
            }
            assert!(!chart.sources.is_empty(), "{} has no source", chart.id);
            assert_eq!(chart.series.len(), chart.categories[0].values.len());
        }
    }

    #[test]
    fn the_same_indicator_in_several_surveys_is_compared_side_by_side() {
        let charts = barometer_charts(&shipped(), Language::En);
        let obstacles = chart(&charts, "obstacles");
        assert_eq!(
            series_labels(obstacles),
            ["2018 · Wallonia", "2021 · Wallonia"]
        );
        assert_eq!(
            labels(obstacles),
            [
                "Obstacle: difficulty mobilising budgets",
                "Obstacle: acquiring the necessary expertise",
                "Respondents finding Smart City projects (very) difficult to implement",
            ]
        );
        let values: Vec<Vec<Option<f64>>> = obstacles
            .categories
            .iter()
            .map(|c| c.values.clone())
            .collect();
        assert_eq!(
            values,
            [
                vec![Some(50.0), Some(50.0)],
                vec![Some(38.0), Some(49.0)],
                vec![None, Some(66.0)]
            ]
        );
        // Light (older) to dark (newer).
        assert_eq!(obstacles.series[0].color, "#7fcdbb");
        assert_eq!(obstacles.series[1].color, "#2c7fb8");

        // One indicator in four surveys: the surveys are the categories, oldest first.
        let progress = chart(&charts, "progress");
        assert_eq!(progress.series.len(), 1);
        assert_eq!(
            labels(progress),
            [
                "SCI Baromètre wallon Smart Cities 2018",
                "SCI Baromètre belge Smart Cities 2018",
                "SCI Baromètre wallon Smart Cities 2020",
                "SCI Baromètre wallon Smart City & Smart Région 2021",
            ]
        );
        assert_eq!(progress.categories[3].values, [Some(4.31)]);

        // Differently named areas of two 2018 surveys meet through aliases.
        let areas = chart(&charts, "strategic-areas");
        assert_eq!(series_labels(areas), ["2018 · Wallonia", "2018 · Belgium"]);
        let energy = areas
            .categories
            .iter()
            .find(|c| c.label == "Energy optimisation")
            .expect("energy");
        assert_eq!(energy.values, [Some(52.0), Some(44.0)]);
        // Ordered by the largest value.
        assert_eq!(areas.categories[0].label, "LED and smart lighting");
    }

    #[test]
    fn breakdowns_become_grouped_bars_or_categories() {
        let charts = barometer_charts(&shipped(), Language::Fr);
        let awareness = chart(&charts, "awareness");
        assert_eq!(
            series_labels(awareness),
            [
                "Toutes les communes",
                "Communes avec une démarche Smart City",
                "Communes sans démarche Smart City"
            ]
        );
        assert_eq!(awareness.categories.len(), 3);
        assert_eq!(
            awareness.categories[0].values,
            [Some(51.0), Some(71.0), Some(25.0)]
        );
        assert_eq!(
            awareness.categories[1].values,
            [None, Some(29.0), Some(75.0)]
        );
        assert_eq!(awareness.categories[2].values, [None, Some(98.0), None]);
        assert_eq!(awareness.population, None);

        let relevance = chart(&charts, "relevance-2017");
        assert_eq!(
            labels(relevance),
            [
                "Communes rurales",
                "Communes urbaines",
                "Communes flamandes",
                "Communes bruxelloises",
                "Communes wallonnes"
            ]
        );
        assert_eq!(
            relevance.note,
            Some(ChartNote::ConflictingReading {
                hidden: "be17_not_concerned_per_summary".into()
            })
        );
        assert!(charts.iter().filter(|c| c.note.is_some()).count() == 1);
    }

    #[test]
    fn sparse_comparisons_put_the_survey_in_the_label() {
        let charts = barometer_charts(&shipped(), Language::Fr);
        let perception = chart(&charts, "perception");
        assert_eq!(perception.series.len(), 1);
        assert_eq!(
            labels(perception),
            [
                "Communes se sentant concernées par la Smart City (2017 · Belgique)",
                "Doutes voire craintes envers le concept Smart City — Communes urbaines (2018 · Wallonie)",
                "Communes estimant le concept approprié à leur commune (publié comme « la moitié ») (2021 · Wallonie)",
            ]
        );
    }

    #[test]
    fn a_constant_breakdown_is_the_population() {
        let charts = barometer_charts(&shipped(), Language::En);
        let initiators = chart(&charts, "alderman-portfolio");
        assert_eq!(
            initiators.population.as_deref(),
            Some("Approaches initiated by an alderman")
        );
        assert_eq!(
            labels(initiators),
            [
                "ICT, digital, new technologies",
                "Public works and/or spatial planning",
                "Finance and budget"
            ]
        );
    }

    #[test]
    fn rankings_are_ordered_and_cleaned() {
        let charts = barometer_charts(&shipped(), Language::En);
        let obstacles = chart(&charts, "obstacles-rank");
        assert_eq!(obstacles.kind, ChartKind::Ranking);
        assert_eq!(labels(obstacles), ["Budgets", "Expertise", "Technologies"]);
        let dimensions = chart(&charts, "dimensions-rank");
        let ranks: Vec<f64> = dimensions
            .categories
            .iter()
            .filter_map(|c| c.values[0])
            .collect();
        assert_eq!(ranks, [1.0, 1.0, 2.0]);
        let fr = barometer_charts(&shipped(), Language::Fr);
        assert_eq!(
            labels(chart(&fr, "perception-2017-rank")),
            ["Défi technologique", "Opportunité", "Futur des villes"]
        );
    }

    #[test]
    fn surveys_as_categories_with_topics_as_series() {
        let charts = barometer_charts(&shipped(), Language::En);
        let respondents = chart(&charts, "respondents");
        assert_eq!(respondents.series.len(), 2);
        assert_eq!(respondents.categories.len(), 8);
        assert_eq!(
            respondents.categories[0].label,
            "SCI Baromètre belge Smart Cities 2017"
        );
        assert_eq!(respondents.categories[0].values, [Some(589.0), None]);
        let w21 = respondents.categories.last().expect("2021");
        assert_eq!(w21.values, [Some(262.0), Some(113.0)]);
        assert_eq!(
            series_labels(respondents),
            ["Municipalities solicited", "Responding municipalities"]
        );
        let urban = chart(&charts, "urban-population");
        assert_eq!(urban.surveys.len(), 1);
        assert_eq!(urban.surveys[0].scope, "EU, Belgium");
    }

    #[test]
    fn dutch_and_german_pages_use_english_labels_and_their_own_titles() {
        let charts = barometer_charts(&shipped(), Language::Nl);
        let obstacles = chart(&charts, "obstacles");
        assert_eq!(obstacles.title, "Obstakels voor Smart City-projecten");
        assert_eq!(
            obstacles.categories[0].label,
            "Obstacle: difficulty mobilising budgets"
        );
        assert_eq!(
            series_labels(obstacles),
            ["2018 · Wallonië", "2021 · Wallonië"]
        );
        assert!(labels_in_another_language(Language::De));
        assert!(!labels_in_another_language(Language::Fr));
        assert!(!labels_in_another_language(Language::En));
    }

    #[test]
    fn sources_show_document_titles_and_link_only_the_web() {
        let charts = barometer_charts(&shipped(), Language::Fr);
        let relevance = chart(&charts, "project-managers-2017");
        assert_eq!(
            relevance.sources,
            [SourceLink {
                label: "Synthèse succincte du baromètre réalisé par le Smart City Institute auprès des 589 communes belges".into(),
                url: None
            }]
        );
        let documents = [];
        let mut a = ind("S", 2021, "w21_a", "all", 1.0, Unit::Count);
        a.sources = vec![
            "https://www.example.org/fr".into(),
            "https://www.example.org/en".into(),
            "javascript:alert(1)".into(),
        ];
        let links = sources_of([a].iter(), &documents);
        assert_eq!(links[0].label, "example.org");
        assert_eq!(links[1].label, "example.org (2)");
        assert_eq!(links[2].url, None);
    }

    #[test]
    fn key_figures_and_tables() {
        let charts = barometer_charts(&shipped(), Language::Fr);
        let obstacles = chart(&charts, "obstacles");
        let key = key_figure(obstacles).expect("key figure");
        assert_eq!(key.value, "66\u{202F}%");
        assert_eq!(key.series.as_deref(), Some("2021 · Wallonie"));
        let rows = table_rows(obstacles);
        assert_eq!(rows[2].cells, ["–", "66\u{202F}%"]);
        let ranking = chart(&charts, "obstacles-rank");
        assert_eq!(
            key_figure(ranking).map(|k| k.label),
            Some("Budgets".to_string())
        );
        assert_eq!(key_figure(chart(&charts, FIGURES_GROUP)), None);
    }

    #[test]
    fn a_figure_in_another_unit_is_left_for_the_list() {
        let file = IndicatorsFile {
            indicators: vec![
                ind(
                    "S",
                    2021,
                    "w21_obstacle_budgets",
                    "all",
                    50.0,
                    Unit::Percent,
                ),
                ind("S", 2021, "w21_obstacle_expertise", "all", 3.0, Unit::Count),
            ],
            documents: vec![],
        };
        let charts = barometer_charts(&file, Language::En);
        assert_eq!(chart(&charts, "obstacles").rows.len(), 1);
        assert_eq!(
            chart(&charts, FIGURES_GROUP).rows[0].id,
            "w21_obstacle_expertise"
        );
        assert!(barometer_charts(
            &IndicatorsFile {
                indicators: vec![],
                documents: vec![]
            },
            Language::En
        )
        .is_empty());
    }

    #[test]
    fn labels_are_tidied() {
        assert_eq!(
            clean_label("Main obstacles: budgets (rank)", true, true),
            "Budgets"
        );
        assert_eq!(
            clean_label("Principaux obstacles : budgets (rang)", true, true),
            "Budgets"
        );
        assert_eq!(
            clean_label("Strategy: mobility", false, false),
            "Strategy: mobility"
        );
        assert_eq!(
            clean_label("Trailing colon:", false, true),
            "Trailing colon:"
        );
        assert_eq!(clean_label("  éclairage ", false, false), "Éclairage");
        assert_eq!(topic_of("w21_obstacle_budgets", &[]), "obstacle_budgets");
        assert_eq!(
            topic_of("w18_participants", &[("w18_participants", "respondents")]),
            "respondents"
        );
    }

    #[test]
    fn series_colours_come_from_the_map_palette() {
        assert!(series_colors(0).is_empty());
        assert_eq!(series_colors(1), [SINGLE_SERIES_COLOR]);
        assert_eq!(series_colors(3), ["#a1dab4", "#41b6c4", "#225ea8"]);
        for n in 1..=6 {
            let colors = series_colors(n);
            assert_eq!(colors.len(), n);
            assert!(
                !colors.contains(&"#ffffcc"),
                "near-white used for {n} series"
            );
        }
        assert_eq!(series_colors(9).len(), 9);
    }
}
