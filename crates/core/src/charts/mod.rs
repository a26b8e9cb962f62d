//! Chart-data preparation, with no web dependency: which figures form a chart
//! ([`groups`]), the chart's categories, series, labels and sources in a
//! language ([`prepare`]), numbers written per language ([`format`]), the
//! geometry of a horizontal bar chart as plain marks ([`layout`]), and a
//! chart's data as CSV ([`export`]); and the same for the statistics of the
//! explorer's projects ([`stats`]) and the 2019 call on the programme page
//! ([`programme`]).
//!
//! The app only turns a [`layout::Scene`] into canvas calls (plotters) and a
//! [`Chart`] into HTML, so everything that decides what a chart shows is
//! tested natively here.

pub mod export;
pub mod format;
pub mod groups;
pub mod layout;
pub mod prepare;
pub mod programme;
pub mod stats;

pub use self::export::{chart_csv, csv_file_name, png_file_name};
pub use self::format::{format_euros, format_number, format_plain, format_rank};
pub use self::groups::{ChartKind, Section, CONFLICTS, GROUPS};
pub use self::layout::{bar_scene, parse_hex_color, Anchor, LayoutOptions, Mark, Paint, Scene};
pub use self::prepare::{
    barometer_charts, key_figure, labels_in_another_language, series_colors, source_links,
    table_rows, KeyFigure, TableRow,
};
pub use self::programme::{cite, document_label, programme_charts};
pub use self::stats::{funnel_chart, project_charts, StatsText};

use crate::datasets::indicators::{Indicator, Unit};
use crate::language::Language;

/// One chart of the barometer page, prepared for a language.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// Stable identifier, a slug (test hooks: `chart-<id>`).
    pub id: String,
    /// The part of the barometer page it belongs to (`None` outside it).
    pub section: Option<Section>,
    /// The name of its downloads without extension, e.g. `barometre-obstacles`.
    pub file_stem: String,
    /// Bars, ordered list or list of figures.
    pub kind: ChartKind,
    /// Title.
    pub title: String,
    /// The unit of every value; `None` for a list of figures in several units.
    pub unit: Option<Unit>,
    /// The part of the population every figure is about, when it is not all
    /// municipalities and not shown otherwise (e.g. "Municipalities with a
    /// Smart City approach").
    pub population: Option<String>,
    /// The surveys the figures come from, oldest first.
    pub surveys: Vec<SurveyRef>,
    /// The series (colours of the bars); one for a simple bar chart.
    pub series: Vec<Series>,
    /// The rows of the chart, in display order; `values` has one entry per series.
    pub categories: Vec<Category>,
    /// Where the figures come from, in order of first use.
    pub sources: Vec<SourceLink>,
    /// Something the page must say about the chart.
    pub note: Option<ChartNote>,
    /// The indicator rows shown, in display order (for the CSV); empty for a
    /// chart of other data, whose CSV is then its table.
    pub rows: Vec<Indicator>,
    /// The language it was prepared for.
    pub language: Language,
}

/// A survey a chart cites.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveyRef {
    /// Its name, as published (e.g. "SCI Baromètre wallon Smart Cities 2020").
    pub name: String,
    /// Year.
    pub year: u16,
    /// Its scope in the chart's language (e.g. "Wallonie").
    pub scope: String,
}

/// One series of a chart: a survey, a breakdown or an indicator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Series {
    /// Stable key (survey name, breakdown code or topic).
    pub key: String,
    /// Label in the chart's language.
    pub label: String,
    /// Its colour, `#rrggbb`, from [`series_colors`].
    pub color: &'static str,
}

/// One row of a chart: a label and a value per series.
#[derive(Clone, Debug, PartialEq)]
pub struct Category {
    /// Stable key.
    pub key: String,
    /// Label in the chart's language.
    pub label: String,
    /// The unit of its values.
    pub unit: Unit,
    /// One value per series of the chart; `None` where the survey has no figure.
    pub values: Vec<Option<f64>>,
    /// For a list of figures: the survey, year and scope of the figure.
    pub detail: Option<String>,
}

/// A source of a chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceLink {
    /// What to show: the document's title, or the web page's host name.
    pub label: String,
    /// The address, only for http(s) sources ([`crate::text::is_web_link`]).
    pub url: Option<String>,
}

/// A remark the page shows under a chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChartNote {
    /// Another reading of the same source conflicts with this one and is not shown.
    ConflictingReading {
        /// The id of the indicator not shown.
        hidden: String,
    },
    /// Two sources give different counts of the same thing; both are shown, each
    /// with its source (e.g. 36 projects "concretised" and 35 "finalised").
    FiguresDisagree,
}

impl Chart {
    /// How many values the chart shows.
    pub fn value_count(&self) -> usize {
        self.categories
            .iter()
            .map(|c| c.values.iter().flatten().count())
            .sum()
    }
}
