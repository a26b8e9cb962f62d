//! What the open-data explorer shows for a request: the matching rows' count, every
//! facet with its disjunctive counts (the rules of the projects' facets: an option
//! counts the rows matching every other filter), the map's value per municipality,
//! and one page of rows, sorted.

use super::build::{FieldRole, OpenDataset};
use crate::engine::{FacetCounts, Order, Query, Range, SortKey};
use crate::import::profile::ColumnKind;
use crate::language::Language;
use crate::municipality::Municipality;
use crate::text::fold;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::HashMap;

/// Most options a facet sends (the most frequent, and every selected one).
pub const FACET_OPTIONS_MAX: usize = 500;
/// Rows per page unless asked otherwise; most rows per page.
const PAGE_SIZE: usize = 20;
const PAGE_SIZE_MAX: usize = 500;

/// What the map shows per municipality.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricKind {
    /// The matching rows.
    #[default]
    Count,
    /// The sum of a number field over them.
    Sum,
    /// Its mean.
    Mean,
    /// Its median.
    Median,
}

impl MetricKind {
    /// Every kind.
    pub const ALL: [MetricKind; 4] = [
        MetricKind::Count,
        MetricKind::Sum,
        MetricKind::Mean,
        MetricKind::Median,
    ];

    /// The kind's name in addresses (`count`, `sum`, `mean`, `median`).
    pub fn as_str(self) -> &'static str {
        match self {
            MetricKind::Count => "count",
            MetricKind::Sum => "sum",
            MetricKind::Mean => "mean",
            MetricKind::Median => "median",
        }
    }

    /// The kind named `name` by [`MetricKind::as_str`].
    pub fn from_name(name: &str) -> Option<MetricKind> {
        MetricKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }
}

/// The map's metric: a kind, its number field, and whether per 1,000 inhabitants.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MapMetric {
    /// What is computed.
    #[serde(default)]
    pub kind: MetricKind,
    /// The number field's key (sum, mean, median).
    #[serde(default)]
    pub field: Option<String>,
    /// Divided by the population (2020), times 1,000.
    #[serde(default)]
    pub per_1000: bool,
}

/// A view of the dataset, as the page asks for it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ViewRequest {
    /// Per facet key, the values wanted (any of them).
    #[serde(default)]
    pub filters: Vec<(String, Vec<String>)>,
    /// Per range key, the inclusive bounds.
    #[serde(default)]
    pub ranges: Vec<(String, Option<f64>, Option<f64>)>,
    /// Words searched (by prefix, accents and case ignored) in the text fields.
    #[serde(default)]
    pub text: String,
    /// The map's metric.
    #[serde(default)]
    pub metric: MapMetric,
    /// The field the rows are sorted by, and whether descending; file order if none.
    #[serde(default)]
    pub sort: Option<(String, bool)>,
    /// The page, from 0.
    #[serde(default)]
    pub page: u32,
    /// Rows per page (20 when 0; at most 500).
    #[serde(default)]
    pub page_size: usize,
    /// The language of the municipalities' and provinces' names.
    #[serde(default)]
    pub language: Language,
}

/// One value of a facet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacetOption {
    /// The value (a NIS code for communes and provinces).
    pub value: String,
    /// What to show (the name of a municipality or province).
    pub label: String,
    /// Rows matching every other filter that have it.
    pub count: usize,
    /// Whether it is selected.
    pub selected: bool,
}

/// A facet: its options, the most frequent first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Facet {
    /// The field's key.
    pub key: String,
    /// Options with rows, or selected, by count then label; at most
    /// [`FACET_OPTIONS_MAX`].
    pub options: Vec<FacetOption>,
    /// Options with rows beyond those sent.
    pub omitted: usize,
}

/// A row of the page: its values as written in the file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PageRow {
    /// Its position among the kept rows.
    pub row: usize,
    /// Its line in the file (CSV; 0 for JSON).
    pub line: u64,
    /// One per column of the file.
    pub values: Vec<String>,
}

/// What the page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct View {
    /// Rows in the dataset.
    pub total: usize,
    /// Rows matching.
    pub count: usize,
    /// Every facet field's options.
    pub facets: Vec<Facet>,
    /// Per municipality (2019 NIS code) with matching rows, the metric's value;
    /// none for a municipality whose value cannot be computed (no number, no
    /// population).
    pub map: Vec<(String, f64)>,
    /// The page asked for (the last one when asked beyond).
    pub page: u32,
    /// Pages in all.
    pub pages: u32,
    /// Its rows.
    pub rows: Vec<PageRow>,
}

impl OpenDataset {
    /// The engine's query of `request`: conditions on unknown fields, or on fields
    /// of another kind, are left out. A query with words indexes the text fields
    /// first, when they are not yet.
    pub(super) fn query(&self, request: &ViewRequest) -> Query {
        if !request.text.trim().is_empty() {
            self.index_texts();
        }
        let categories = request
            .filters
            .iter()
            .filter_map(|(key, values)| {
                let column = self.field(key)?;
                self.fields[column]
                    .is_facet()
                    .then(|| (column, values.clone()))
            })
            .collect();
        let ranges = request
            .ranges
            .iter()
            .filter_map(|(key, min, max)| {
                let column = self.field(key)?;
                self.fields[column].is_range().then_some(Range {
                    column,
                    min: *min,
                    max: *max,
                })
            })
            .collect();
        Query {
            categories,
            ranges,
            text: request.text.clone(),
        }
    }

    /// The municipality of NIS code `nis`, by the dataset's index (the reference's
    /// own lookup walks its 581 municipalities).
    fn municipality(&self, nis: &str) -> Option<&Municipality> {
        self.reference
            .municipalities
            .get(*self.municipality_at.get(nis)?)
    }

    /// The label of value `value` of facet field `column` in `language`.
    fn label(&self, column: usize, value: &str, language: Language) -> String {
        match self.fields[column].role {
            FieldRole::Province => self
                .reference
                .province(value)
                .map(|p| p.name.get(language, &[Language::Fr]).to_string()),
            FieldRole::Column(ColumnKind::Commune) => self
                .municipality(value)
                .map(|m| m.display_name(language).to_string()),
            FieldRole::Column(_) => None,
        }
        .unwrap_or_else(|| value.to_string())
    }

    /// The view of `request`.
    pub fn view(&self, request: &ViewRequest) -> View {
        let query = self.query(request);
        let facet_columns: Vec<usize> = (0..self.fields.len())
            .filter(|&c| self.fields[c].is_facet())
            .collect();
        let counts = self.table.facet_counts(&query, &facet_columns);
        let selection = counts.selection();
        let facets = facet_columns
            .iter()
            .map(|&column| {
                let selected: &[String] = query
                    .categories
                    .iter()
                    .find(|(c, _)| *c == column)
                    .map_or(&[], |(_, values)| values.as_slice());
                let values = self.table.values(column);
                let mut options: Vec<FacetOption> = counts
                    .counts(column)
                    .iter()
                    .zip(values)
                    .filter(|(&count, value)| count > 0 || selected.contains(value))
                    .map(|(&count, value)| FacetOption {
                        value: value.clone(),
                        label: self.label(column, value, request.language),
                        count,
                        selected: selected.contains(value),
                    })
                    .collect();
                // By count, then label (accents and case aside); the selected
                // options are kept first when the list is cut, then take their place.
                options.sort_by_cached_key(|o| (!o.selected, Reverse(o.count), fold(&o.label)));
                let omitted = options.len().saturating_sub(FACET_OPTIONS_MAX);
                options.truncate(FACET_OPTIONS_MAX);
                options.sort_by_cached_key(|o| (Reverse(o.count), fold(&o.label)));
                Facet {
                    key: self.fields[column].key.clone(),
                    options,
                    omitted,
                }
            })
            .collect();
        let size = match request.page_size {
            0 => PAGE_SIZE,
            n => n.min(PAGE_SIZE_MAX),
        };
        let pages = selection.len().div_ceil(size).max(1);
        let page = (request.page as usize).min(pages - 1);
        let rows: Vec<usize> = match self.order(request) {
            Some(order) => self.table.sorted_page(selection, order, page as u32, size),
            None => selection.iter().skip(page * size).take(size).collect(),
        };
        View {
            total: self.table.rows(),
            count: selection.len(),
            facets,
            map: self.map(&query, &counts, &request.metric),
            page: page as u32,
            pages: pages as u32,
            rows: rows
                .into_iter()
                .map(|row| PageRow {
                    row,
                    line: self.columns.line(row),
                    values: self
                        .columns
                        .columns
                        .iter()
                        .map(|c| c.get(row).to_string())
                        .collect(),
                })
                .collect(),
        }
    }

    /// The order `request` asks for; `None` for the file's order. A text field is
    /// ranked the first time a view sorts by it.
    pub(super) fn order(&self, request: &ViewRequest) -> Option<Order<'_>> {
        let (key, descending) = request.sort.as_ref()?;
        let column = self.field(key)?;
        let field = &self.fields[column];
        if let (FieldRole::Column(ColumnKind::Text), Some(source)) = (field.role, field.source) {
            // The text each row gave the table (`build`): its value, trimmed.
            let values = &self.columns.columns[source];
            self.table.rank_texts(column, |row| values.get(row).trim());
        }
        Some(Order {
            key: SortKey::Column(column),
            descending: *descending,
            then: None,
        })
    }

    /// The map's value per municipality over the rows matching `query`, whose
    /// facet counts are `counts`.
    fn map(&self, query: &Query, counts: &FacetCounts, metric: &MapMetric) -> Vec<(String, f64)> {
        let Some(communes) = self.commune_field else {
            return Vec::new();
        };
        let selection = counts.selection();
        let number = metric
            .field
            .as_deref()
            .and_then(|key| self.field(key))
            .filter(|&c| self.fields[c].is_range());
        let codes = self.table.values(communes);
        let mut sums = vec![0f64; codes.len()];
        let mut numbered = vec![0usize; codes.len()];
        let mut lists: HashMap<usize, Vec<f64>> = HashMap::new();
        let rows = match number {
            // A count alone: the commune facet's counts are the map's when no filter
            // is on the communes (they count the rows of every other condition);
            // else the selection's rows per commune, by the table's bitmaps.
            None if metric.kind == MetricKind::Count => {
                let facet = counts.counts(communes);
                if facet.len() == codes.len()
                    && !query.categories.iter().any(|(c, _)| *c == communes)
                {
                    facet.to_vec()
                } else {
                    self.table.count_values(communes, selection)
                }
            }
            _ => {
                let mut rows = vec![0usize; codes.len()];
                let values = number.map_or(&[][..], |column| self.table.numbers(column));
                self.table.for_each_code(communes, selection, |row, code| {
                    rows[code] += 1;
                    if let Some(&value) = values.get(row).filter(|value| !value.is_nan()) {
                        sums[code] += value;
                        numbered[code] += 1;
                        if metric.kind == MetricKind::Median {
                            lists.entry(code).or_default().push(value);
                        }
                    }
                });
                rows
            }
        };
        codes
            .iter()
            .enumerate()
            .filter(|&(code, _)| rows[code] > 0)
            .filter_map(|(code, nis)| {
                let value = match (metric.kind, number) {
                    (MetricKind::Count, _) => rows[code] as f64,
                    (_, None) => return None,
                    (MetricKind::Sum, Some(_)) => (numbered[code] > 0).then_some(sums[code])?,
                    (MetricKind::Mean, Some(_)) => {
                        (numbered[code] > 0).then(|| sums[code] / numbered[code] as f64)?
                    }
                    (MetricKind::Median, Some(_)) => median(lists.get_mut(&code)?)?,
                };
                let value = if metric.per_1000 {
                    let population = self.municipality(nis)?.population?;
                    (population > 0).then(|| value * 1000.0 / f64::from(population))?
                } else {
                    value
                };
                Some((nis.clone(), value))
            })
            .collect()
    }
}

/// The median of `values` (reordered); `None` when empty.
fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let middle = values.len() / 2;
    let (_, &mut upper, _) = values.select_nth_unstable_by(middle, f64::total_cmp);
    if values.len() % 2 == 1 {
        return Some(upper);
    }
    let lower = values[..middle]
        .iter()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    Some((lower + upper) / 2.0)
}
