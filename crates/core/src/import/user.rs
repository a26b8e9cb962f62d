//! A user's own file shown as a map metric: finding its NIS-code column and its
//! numeric columns, then building one value per municipality with a report of
//! every row kept or rejected.
//!
//! Decisions: a row is rejected (with its line, or JSON path, and field) when its
//! code is blank or not a known municipality, when its value is blank or not a
//! number, or when its code was already seen — duplicates are **rejected, not
//! summed**, so that a file holding e.g. several years per municipality is not
//! silently added up; the report names the line of the first occurrence.

use super::header::normalize_header;
use super::number::parse_optional_amount;
use super::records::{Location, RecordSet};
use super::report::{ImportReport, IssueKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Headers naming a NIS (INS) code column, compared after [`normalize_header`].
pub const NIS_ALIASES: &[&str] = &[
    "nis",
    "code ins",
    "code nis",
    "nis code",
    "ins code",
    "refnis",
    "niscode",
    "code refnis",
    "cd refnis",
    "ins",
];

/// Share of non-blank values a column needs to be taken as NIS codes.
const MOSTLY: f64 = 0.8;
/// Share of non-blank values a column needs to be offered as numeric: half, so
/// that a file with a few bad values still loads and reports them.
const NUMERIC: f64 = 0.5;

/// A metric built from a user's file: one value per municipality.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserMetric {
    /// The metric's name (the value column's header).
    pub name: String,
    /// Value per NIS code.
    pub values: BTreeMap<String, f64>,
    /// What was kept and rejected.
    pub report: ImportReport,
}

/// What a map shows of a [`UserMetric`]: its name and its value per municipality,
/// without the import report (what the explorer's tools send the explorer).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapLayer {
    /// The metric's name.
    pub name: String,
    /// Value per NIS code.
    pub values: BTreeMap<String, f64>,
}

impl From<&UserMetric> for MapLayer {
    fn from(metric: &UserMetric) -> Self {
        MapLayer {
            name: metric.name.clone(),
            values: metric.values.clone(),
        }
    }
}

fn values_of(set: &RecordSet, column: usize) -> impl Iterator<Item = &str> {
    set.records
        .iter()
        .filter_map(move |r| r.value(column))
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

fn mostly(set: &RecordSet, column: usize, share: f64, test: impl Fn(&str) -> bool) -> bool {
    let (mut total, mut good) = (0usize, 0usize);
    for value in values_of(set, column) {
        total += 1;
        if test(value) {
            good += 1;
        }
    }
    total > 0 && good as f64 >= share * total as f64
}

/// The NIS-code column: the first header matching [`NIS_ALIASES`], else the first
/// column whose non-blank values are mostly 5-digit codes `known` accepts.
pub fn detect_nis_column(set: &RecordSet, known: impl Fn(&str) -> bool) -> Option<usize> {
    let aliases: Vec<String> = NIS_ALIASES.iter().map(|a| normalize_header(a)).collect();
    if let Some(column) = set
        .headers
        .iter()
        .position(|h| aliases.contains(&normalize_header(h)))
    {
        return Some(column);
    }
    (0..set.headers.len()).find(|&column| {
        mostly(set, column, MOSTLY, |v| {
            v.len() == 5 && v.bytes().all(|b| b.is_ascii_digit()) && known(v)
        })
    })
}

/// The columns (other than `nis_column`) at least half of whose non-blank values
/// parse as amounts (see [`parse_optional_amount`]), in file order.
pub fn numeric_columns(set: &RecordSet, nis_column: Option<usize>) -> Vec<usize> {
    (0..set.headers.len())
        .filter(|&c| Some(c) != nis_column)
        .filter(|&c| {
            mostly(set, c, NUMERIC, |v| {
                matches!(parse_optional_amount(v), Ok(Some(_)))
            })
        })
        .collect()
}

fn where_of(location: &Location) -> String {
    match location {
        Location::Line(line) => format!("line {line}"),
        Location::Path(path) => path.clone(),
    }
}

/// Builds the metric of column `value_column` keyed by column `nis_column`:
/// every record is kept or rejected (see the module's decisions).
pub fn build_metric(
    set: &RecordSet,
    nis_column: usize,
    value_column: usize,
    known: impl Fn(&str) -> bool,
) -> UserMetric {
    let mut report = ImportReport::new(set.file.clone());
    for warning in &set.warnings {
        report.warn(warning.clone());
    }
    let mut values = BTreeMap::new();
    let mut first_seen: BTreeMap<String, Location> = BTreeMap::new();
    for record in &set.records {
        if let Some(issue) = &record.issue {
            report.reject(issue.clone());
            continue;
        }
        let nis = record.value(nis_column).unwrap_or("").trim();
        let mut issues = Vec::new();
        if nis.is_empty() {
            issues.push(
                record
                    .field_issue(nis_column, "no NIS code")
                    .with_kind(IssueKind::NoNis),
            );
        } else if !known(nis) {
            issues.push(
                record
                    .field_issue(nis_column, format!("unknown NIS code \"{nis}\""))
                    .with_kind(IssueKind::UnknownNis {
                        code: nis.to_owned(),
                    }),
            );
        } else if let Some(first) = first_seen.get(nis) {
            let (first_line, first_path) = match first {
                Location::Line(line) => (Some(*line), None),
                Location::Path(path) => (None, Some(path.clone())),
            };
            issues.push(
                record
                    .field_issue(
                        nis_column,
                        format!(
                            "duplicate NIS code \"{nis}\" (first at {}); not summed",
                            where_of(first)
                        ),
                    )
                    .with_kind(IssueKind::DuplicateNis {
                        code: nis.to_owned(),
                        first_line,
                        first_path,
                    }),
            );
        }
        let raw = record.value(value_column).unwrap_or("");
        let not_a_number = || IssueKind::NotANumber {
            value: raw.trim().to_owned(),
        };
        let value = match parse_optional_amount(raw) {
            Ok(Some(v)) if v.is_finite() => Some(v),
            Ok(Some(_)) => {
                issues.push(
                    record
                        .field_issue(value_column, "value is not finite")
                        .with_kind(not_a_number()),
                );
                None
            }
            Ok(None) => {
                issues.push(
                    record
                        .field_issue(value_column, "no value")
                        .with_kind(IssueKind::NoValue),
                );
                None
            }
            Err(message) => {
                issues.push(
                    record
                        .field_issue(value_column, message)
                        .with_kind(not_a_number()),
                );
                None
            }
        };
        match value {
            Some(v) if issues.is_empty() => {
                first_seen.insert(nis.to_owned(), record.location.clone());
                values.insert(nis.to_owned(), v);
                report.keep();
            }
            _ => report.reject_all(issues),
        }
    }
    let name = set
        .headers
        .get(value_column)
        .map(|h| h.trim_start_matches('\u{FEFF}').trim().to_owned())
        .unwrap_or_default();
    UserMetric {
        name,
        values,
        report,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::records;

    fn known(nis: &str) -> bool {
        ["62063", "92094", "25112", "57081"].contains(&nis)
    }

    #[test]
    fn opendatasoft_csv_with_bom_semicolons_and_decimal_comma() {
        let file = "\u{FEFF}Code INS;Commune;Montant;Note\n\
                    62063;Liège;1 234,5;a\n\
                    92094;Namur;\"2 000,75\";b\n\
                    25112;Wavre;10;c\n";
        let set = records(file.as_bytes(), "export.csv").unwrap();
        let nis = detect_nis_column(&set, known).unwrap();
        assert_eq!(nis, 0);
        let numeric = numeric_columns(&set, Some(nis));
        assert_eq!(numeric, vec![2]);
        let metric = build_metric(&set, nis, numeric[0], known);
        assert_eq!(metric.name, "Montant");
        assert_eq!(metric.values.get("62063"), Some(&1234.5));
        assert_eq!(metric.values.get("92094"), Some(&2000.75));
        assert_eq!(metric.values.get("25112"), Some(&10.0));
        assert_eq!(metric.report.rows_read(), 3);
        assert_eq!(metric.report.rows_kept(), 3);
        assert!(metric.report.is_clean(), "{}", metric.report);
    }

    #[test]
    fn nis_column_found_by_its_values_when_the_header_says_nothing() {
        let file = "commune,id,valeur\nLiège,62063,1\nNamur,92094,2\n";
        let set = records(file.as_bytes(), "x.csv").unwrap();
        assert_eq!(detect_nis_column(&set, known), Some(1));
        assert_eq!(numeric_columns(&set, Some(1)), vec![2]);
    }

    #[test]
    fn malformed_rows_are_rejected_with_line_and_field() {
        let file = "Code INS;Montant\n\
                    62063;1,5\n\
                    99999;2\n\
                    92094;beaucoup\n\
                    25112;\n\
                    62063;3\n\
                    57081;4\n";
        let set = records(file.as_bytes(), "bad.csv").unwrap();
        assert_eq!(detect_nis_column(&set, known), Some(0));
        assert_eq!(numeric_columns(&set, Some(0)), vec![1]);
        let metric = build_metric(&set, 0, 1, known);
        assert_eq!(metric.report.rows_read(), 6);
        assert_eq!(metric.report.rows_kept(), 2);
        assert_eq!(metric.report.rows_rejected(), 4);
        let errors: Vec<(Option<u64>, Option<String>)> = metric
            .report
            .errors
            .iter()
            .map(|e| (e.line, e.field.clone()))
            .collect();
        assert_eq!(
            errors,
            vec![
                (Some(3), Some("Code INS".to_owned())),
                (Some(4), Some("Montant".to_owned())),
                (Some(5), Some("Montant".to_owned())),
                (Some(6), Some("Code INS".to_owned())),
            ]
        );
        assert!(metric.report.errors[0].message.contains("unknown NIS code"));
        assert!(metric.report.errors[3].message.contains("duplicate"));
        assert_eq!(metric.values.len(), 2);
        assert_eq!(metric.values.get("62063"), Some(&1.5));
    }

    #[test]
    fn json_records_report_paths() {
        let file = r#"[{"nis": "62063", "v": 1}, {"nis": "00000", "v": 2}]"#;
        let set = records(file.as_bytes(), "x.json").unwrap();
        let nis = detect_nis_column(&set, known).unwrap();
        let value = numeric_columns(&set, Some(nis))[0];
        let metric = build_metric(&set, nis, value, known);
        assert_eq!(metric.report.rows_kept(), 1);
        assert_eq!(metric.report.rows_rejected(), 1);
        assert!(metric.report.errors[0].path.is_some());
    }
}
