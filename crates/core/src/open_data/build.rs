//! A user's dataset as one engine table: a field per column, of the kind the profile
//! guessed or the user chose, and a province field derived from the first commune
//! column.
//!
//! Decisions:
//! - a value that does not read as its column's kind (a number column's `n/a`, a
//!   commune nobody has) is kept as *no value* there and reported as a warning with
//!   its line, column and field: the row stays, as every other valid value;
//! - a commune value is a 2019 NIS code, or the several 2019 municipalities a 2025
//!   code merged, so that the 2019 map shows it;
//! - rows read = rows kept + rows rejected: the only rows rejected are those read
//!   with the wrong number of fields ([`crate::import::columns`]).

use crate::engine::{ColumnSpec, FastMap, Schema, Table, TableBuilder};
use crate::import::columns::{Columns, TextColumn};
use crate::import::number::parse_optional_amount;
use crate::import::profile::{
    parse_date, parse_year, unique_keys, ColumnKind, CommuneMatch, CommuneMatcher,
};
use crate::import::report::{Expected, ImportReport, Issue, IssueKind};
use crate::municipality::Reference;
use serde::{Deserialize, Serialize};

/// Bins of a number field's histogram.
const HISTOGRAM_BINS: usize = 20;
/// Warnings kept in a report; the others are counted in one last warning.
const WARNINGS_KEPT: usize = 1000;

/// What a field is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldRole {
    /// A column of the file, of this kind.
    Column(ColumnKind),
    /// The province of the first commune column's municipalities: header
    /// "Province", key `province` (`province-2` when a column has that key).
    Province,
}

/// A field of the dataset: a column of the file or the derived province.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// Its key in URLs and test hooks (the header's [`crate::import::profile::slug`],
    /// made unique).
    pub key: String,
    /// Its header in the file ("Province" for the derived field).
    pub header: String,
    /// What it is.
    pub role: FieldRole,
    /// Its column in the file (`None` for the province).
    pub source: Option<usize>,
    /// Number, year and date fields: the smallest and largest value.
    pub bounds: Option<(f64, f64)>,
    /// Number, year and date fields: the rows per equal-width bin between the bounds.
    pub histogram: Vec<usize>,
}

impl Field {
    /// Whether the field is filtered by values (a facet): communes, provinces and
    /// categories.
    pub fn is_facet(&self) -> bool {
        matches!(
            self.role,
            FieldRole::Province | FieldRole::Column(ColumnKind::Commune | ColumnKind::Category)
        )
    }

    /// Whether the field is filtered by a range: numbers, years and dates.
    pub fn is_range(&self) -> bool {
        matches!(
            self.role,
            FieldRole::Column(ColumnKind::Number | ColumnKind::Year | ColumnKind::Date)
        )
    }
}

/// A dataset ready to be explored: its text, its fields and their table.
#[derive(Debug)]
pub struct OpenDataset {
    /// The file's kept rows, as text (what the table of rows and the exports show).
    pub columns: Columns,
    /// The fields, in the file's column order, the province last; field `i` is the
    /// table's column `i`.
    pub fields: Vec<Field>,
    /// The engine's table.
    pub table: Table,
    /// What was read, kept and rejected, and the values set aside.
    pub report: ImportReport,
    /// The reference the communes were matched against.
    pub(super) reference: Reference,
    /// Each municipality's position in the reference, by NIS code (for labels).
    pub(super) municipality_at: FastMap<String, usize>,
    /// The field of the map: the first commune column.
    pub(super) commune_field: Option<usize>,
}

/// The value a cell gives its field, or why it gives none.
enum Cell<'a> {
    Empty,
    Category(&'a str),
    Communes(&'a Communes),
    Number(f64),
    /// A value not of its column's kind: the English message and what was expected.
    Invalid(String, Expected),
}

/// A commune column's value, resolved once however many rows give it.
enum Commune {
    /// Its municipalities: their codes in the column.
    Found(Communes),
    /// A name of several municipalities.
    Ambiguous,
    /// No municipality's code or name.
    Unknown,
}

/// The municipalities of a commune value, as table codes.
struct Communes {
    /// Their codes in the value's column.
    codes: Vec<u32>,
    /// Their provinces' codes in the province field.
    provinces: Vec<u32>,
}

impl OpenDataset {
    /// The dataset of `columns`, each read as `kinds[i]` (the profile's guess or the
    /// user's choice; a column without a kind is text), communes matched by
    /// `matcher` against `reference`.
    pub fn build(
        columns: Columns,
        kinds: &[ColumnKind],
        matcher: &CommuneMatcher,
        reference: &Reference,
    ) -> OpenDataset {
        let kind_of = |column: usize| kinds.get(column).copied().unwrap_or(ColumnKind::Text);
        let mut headers: Vec<String> = columns.headers.clone();
        let commune_source =
            (0..columns.headers.len()).find(|&c| kind_of(c) == ColumnKind::Commune);
        if commune_source.is_some() {
            headers.push("Province".to_string());
        }
        let keys = unique_keys(&headers);
        let mut fields: Vec<Field> = (0..columns.headers.len())
            .map(|column| Field {
                key: keys[column].clone(),
                header: columns.headers[column].clone(),
                role: FieldRole::Column(kind_of(column)),
                source: Some(column),
                bounds: None,
                histogram: Vec::new(),
            })
            .collect();
        if commune_source.is_some() {
            fields.push(Field {
                // `province`, unless a column of the file has that key already.
                key: keys[keys.len() - 1].clone(),
                header: "Province".to_string(),
                role: FieldRole::Province,
                source: None,
                bounds: None,
                histogram: Vec::new(),
            });
        }
        let schema = Schema::new(
            fields
                .iter()
                .map(|field| match field.role {
                    FieldRole::Province
                    | FieldRole::Column(ColumnKind::Commune | ColumnKind::Category) => {
                        ColumnSpec::category(&field.key)
                    }
                    FieldRole::Column(ColumnKind::Number | ColumnKind::Year | ColumnKind::Date) => {
                        ColumnSpec::number(&field.key)
                    }
                    FieldRole::Column(ColumnKind::Text) => ColumnSpec::text(&field.key),
                })
                .collect(),
        );
        let province_of: FastMap<&str, &str> = reference
            .municipalities
            .iter()
            .filter_map(|m| Some((m.nis.as_str(), m.province.as_deref()?)))
            .collect();
        let mut report = ImportReport::new(columns.file.clone());
        for issue in &columns.rejected {
            report.reject(issue.clone());
        }
        for warning in &columns.warnings {
            report.warn(warning.clone());
        }
        let mut warnings = 0usize;
        let province_field = fields.len() - 1;
        // Per column, its distinct commune values, each resolved once.
        let mut communes: Vec<FastMap<&str, Commune>> = (0..columns.headers.len())
            .map(|_| FastMap::default())
            .collect();
        let mut builder = TableBuilder::new(&schema);
        builder.reserve_rows(columns.rows());
        let mut provinces: Vec<u32> = Vec::new();
        // Each column's values, in row order.
        let mut cells: Vec<_> = columns.columns.iter().map(TextColumn::iter).collect();
        for row in 0..columns.rows() {
            for (column, values) in cells.iter_mut().enumerate() {
                let raw = values.next().unwrap_or("");
                let value = raw.trim();
                let cell = if value.is_empty() {
                    Cell::Empty
                } else {
                    match kind_of(column) {
                        ColumnKind::Category => Cell::Category(value),
                        // Indexed when first searched ([`OpenDataset::index_texts`]).
                        ColumnKind::Text => Cell::Empty,
                        ColumnKind::Commune => {
                            let commune = communes[column].entry(raw).or_insert_with(|| {
                                match matcher.resolve(value) {
                                    CommuneMatch::Found(codes) => Commune::Found(Communes {
                                        codes: codes
                                            .iter()
                                            .filter_map(|c| builder.category_code(column, c))
                                            .collect(),
                                        // Only the first commune column's give the
                                        // province field values.
                                        provinces: match Some(column) == commune_source {
                                            true => codes
                                                .iter()
                                                .filter_map(|c| province_of.get(c.as_str()))
                                                .filter_map(|p| {
                                                    builder.category_code(province_field, p)
                                                })
                                                .collect(),
                                            false => Vec::new(),
                                        },
                                    }),
                                    CommuneMatch::Ambiguous => Commune::Ambiguous,
                                    CommuneMatch::Unknown => Commune::Unknown,
                                }
                            });
                            match commune {
                                Commune::Found(communes) => Cell::Communes(communes),
                                Commune::Ambiguous => Cell::Invalid(
                                    format!(
                                        "'{value}' is the name of several municipalities: give its NIS code"
                                    ),
                                    Expected::UniqueCommune,
                                ),
                                Commune::Unknown => Cell::Invalid(
                                    format!("'{value}' is no municipality's NIS code or name"),
                                    Expected::Commune,
                                ),
                            }
                        }
                        ColumnKind::Number => match parse_optional_amount(value) {
                            Ok(Some(number)) => Cell::Number(number),
                            Ok(None) => Cell::Empty,
                            Err(error) => Cell::Invalid(error, Expected::Number),
                        },
                        ColumnKind::Year => parse_year(value).map_or_else(
                            || Cell::Invalid(format!("not a year: {value:?}"), Expected::Year),
                            |year| Cell::Number(year as f64),
                        ),
                        ColumnKind::Date => parse_date(value).map_or_else(
                            || Cell::Invalid(format!("not a date: {value:?}"), Expected::Date),
                            |days| Cell::Number(days as f64),
                        ),
                    }
                };
                match cell {
                    Cell::Empty => {}
                    Cell::Category(value) => builder.category(column, [value]),
                    Cell::Number(number) => builder.number(column, Some(number)),
                    Cell::Communes(communes) => {
                        builder.category_codes(column, &communes.codes);
                        provinces.extend(&communes.provinces);
                    }
                    Cell::Invalid(message, expected) => {
                        warnings += 1;
                        if warnings <= WARNINGS_KEPT {
                            let kind = IssueKind::KeptAsNoValue {
                                value: value.to_string(),
                                expected,
                            };
                            report.warn(
                                columns
                                    .issue(row, column, format!("{message}: kept as no value"))
                                    .with_kind(kind),
                            );
                        }
                    }
                }
            }
            if commune_source.is_some() {
                builder.category_codes(province_field, &provinces);
                provinces.clear();
            }
            builder.end_row();
            report.keep();
        }
        drop(cells);
        if warnings > WARNINGS_KEPT {
            let count = warnings - WARNINGS_KEPT;
            report.warn(
                Issue::new(format!("{count} more values kept as no value"))
                    .with_kind(IssueKind::MoreKeptAsNoValue { count }),
            );
        }
        let table = builder.finish();
        for (column, field) in fields.iter_mut().enumerate() {
            if field.is_range() {
                (field.bounds, field.histogram) = histogram(&table, column);
            }
        }
        OpenDataset {
            columns,
            fields,
            table,
            report,
            municipality_at: reference
                .municipalities
                .iter()
                .enumerate()
                .map(|(i, m)| (m.nis.clone(), i))
                .collect(),
            reference: reference.clone(),
            commune_field: commune_source,
        }
    }

    /// Indexes the words of the text fields (their values, trimmed) for search:
    /// once, later calls do nothing. A view that searches does it first; the
    /// import worker does it when idle after showing the dataset, so that the
    /// dataset is shown without waiting for it.
    pub fn index_texts(&self) {
        self.table.index_texts(|column| {
            self.fields
                .get(column)
                .and_then(|field| field.source)
                .and_then(|source| self.columns.columns.get(source))
                .into_iter()
                .flat_map(TextColumn::iter)
                .map(str::trim)
        });
    }

    /// The file's rows and the reference, to build the dataset again with other kinds.
    pub fn into_parts(self) -> (Columns, Reference) {
        (self.columns, self.reference)
    }

    /// The field with key `key`, by position.
    pub fn field(&self, key: &str) -> Option<usize> {
        self.fields.iter().position(|field| field.key == key)
    }

    /// The field the map shows (the first commune column), by position.
    pub fn commune_field(&self) -> Option<usize> {
        self.commune_field
    }
}

/// The bounds and the rows per bin of number column `column` of `table`.
fn histogram(table: &Table, column: usize) -> (Option<(f64, f64)>, Vec<usize>) {
    let values = (0..table.rows()).filter_map(|row| table.number(column, row));
    let Some((min, max)) = values.clone().fold(None, |bounds, v| match bounds {
        None => Some((v, v)),
        Some((lo, hi)) => Some((f64::min(lo, v), f64::max(hi, v))),
    }) else {
        return (None, Vec::new());
    };
    let mut bins = vec![0usize; HISTOGRAM_BINS];
    let width = (max - min) / HISTOGRAM_BINS as f64;
    for value in values {
        let bin = if width > 0.0 {
            (((value - min) / width) as usize).min(HISTOGRAM_BINS - 1)
        } else {
            0
        };
        bins[bin] += 1;
    }
    (Some((min, max)), bins)
}
