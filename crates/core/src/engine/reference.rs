//! The engine's rules row by row, over plain rows of a schema: the reference
//! the property tests compare the engine with. Slow and obvious on purpose.

use super::query::Query;
use super::schema::{ColumnKind, Schema};
use super::sort::{Order, SortKey};
use crate::text::{fold, words};
use std::cmp::Ordering;

/// A row's value in one column.
#[derive(Clone, Debug)]
pub enum Value {
    /// A category column's values, as given (repeats and values outside a
    /// fixed dictionary included).
    Category(Vec<String>),
    /// A number column's value.
    Number(Option<f64>),
    /// A text column's text.
    Text(String),
}

/// Rows of a schema, one value per column.
pub struct Reference<'a> {
    schema: &'a Schema,
    rows: &'a [Vec<Value>],
    /// The dictionary of each column (empty for the non-category ones).
    dictionaries: Vec<Vec<String>>,
    /// Per row, the folded words of its text columns.
    words: Vec<Vec<String>>,
}

/// A sort key's value for one row.
#[derive(Debug)]
enum Key {
    Int(u64),
    Number(f64),
    Text(String),
}

impl Key {
    fn compare(&self, other: &Key) -> Ordering {
        match (self, other) {
            (Key::Int(a), Key::Int(b)) => a.cmp(b),
            (Key::Number(a), Key::Number(b)) => a.total_cmp(b),
            (Key::Text(a), Key::Text(b)) => a.cmp(b),
            _ => unreachable!("one key, one kind"),
        }
    }
}

impl<'a> Reference<'a> {
    /// The reference over `rows` of `schema`.
    pub fn new(schema: &'a Schema, rows: &'a [Vec<Value>]) -> Self {
        let dictionaries = (0..schema.columns.len())
            .map(|column| dictionary(schema, rows, column))
            .collect();
        let words = rows
            .iter()
            .map(|row| {
                row.iter()
                    .zip(&schema.columns)
                    .filter_map(|(value, spec)| match (value, &spec.kind) {
                        (Value::Text(text), ColumnKind::Text) => Some(fold(text)),
                        _ => None,
                    })
                    .flat_map(|folded| words(&folded).map(str::to_owned).collect::<Vec<_>>())
                    .collect()
            })
            .collect();
        Reference {
            schema,
            rows,
            dictionaries,
            words,
        }
    }

    /// The dictionary of category column `column` (empty for the others).
    pub fn dictionary(&self, column: usize) -> &[String] {
        self.dictionaries.get(column).map_or(&[], Vec::as_slice)
    }

    /// The codes of `row`'s values in category column `column`, distinct, in
    /// the order given.
    fn codes(&self, row: usize, column: usize) -> Vec<usize> {
        let dictionary = self.dictionary(column);
        let mut codes = Vec::new();
        if let Some(Value::Category(values)) = self.rows.get(row).and_then(|r| r.get(column)) {
            for value in values {
                if let Some(code) = dictionary.iter().position(|d| d == value) {
                    if !codes.contains(&code) {
                        codes.push(code);
                    }
                }
            }
        }
        codes
    }

    fn is_category(&self, column: usize) -> bool {
        matches!(
            self.schema.columns.get(column).map(|c| &c.kind),
            Some(ColumnKind::Category { .. })
        )
    }

    /// Whether `row` passes every condition of `query` not on column `skip`.
    fn passes(&self, row: usize, query: &Query, skip: Option<usize>) -> bool {
        let values = &self.rows[row];
        for (column, wanted) in &query.categories {
            if Some(*column) == skip || wanted.is_empty() || !self.is_category(*column) {
                continue;
            }
            let dictionary = self.dictionary(*column);
            let has = self
                .codes(row, *column)
                .iter()
                .any(|&code| wanted.contains(&dictionary[code]));
            if !has {
                return false;
            }
        }
        for range in &query.ranges {
            if Some(range.column) == skip || (range.min.is_none() && range.max.is_none()) {
                continue;
            }
            let Some(ColumnKind::Number) = self.schema.columns.get(range.column).map(|c| &c.kind)
            else {
                continue;
            };
            let value = match values.get(range.column) {
                Some(Value::Number(Some(v))) if !v.is_nan() => *v,
                _ => return false,
            };
            let inside = range.min.is_none_or(|min| value >= min)
                && range.max.is_none_or(|max| value <= max);
            if !inside {
                return false;
            }
        }
        let folded = fold(&query.text);
        let wanted: Vec<&str> = words(&folded).collect();
        if !wanted.is_empty() {
            let all = &self.words[row];
            if !wanted.iter().all(|q| all.iter().any(|w| w.starts_with(q))) {
                return false;
            }
        }
        true
    }

    /// The rows matching `query`, ascending.
    pub fn filter(&self, query: &Query) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&row| self.passes(row, query, None))
            .collect()
    }

    /// The disjunctive counts of category column `column`, per code: rows
    /// passing every condition not on `column`, per value they have.
    pub fn counts(&self, query: &Query, column: usize) -> Vec<usize> {
        let mut counts = vec![0; self.dictionary(column).len()];
        if !self.is_category(column) {
            return counts;
        }
        for row in 0..self.rows.len() {
            if self.passes(row, query, Some(column)) {
                for code in self.codes(row, column) {
                    counts[code] += 1;
                }
            }
        }
        counts
    }

    /// The rows of `rows` without a value in category column `column`.
    pub fn missing(&self, rows: &[usize], column: usize) -> usize {
        if !self.is_category(column) {
            return 0;
        }
        rows.iter()
            .filter(|&&row| self.codes(row, column).is_empty())
            .count()
    }

    /// The key `key` of `row`, `None` when missing.
    fn key(&self, row: usize, key: SortKey) -> Option<Key> {
        let kind = |column: usize| self.schema.columns.get(column).map(|c| &c.kind);
        match key {
            SortKey::Column(column) => match (kind(column)?, self.rows[row].get(column)?) {
                (ColumnKind::Category { .. }, _) => {
                    self.codes(row, column).first().map(|&c| Key::Int(c as u64))
                }
                (ColumnKind::Number, Value::Number(Some(v))) if !v.is_nan() => {
                    Some(Key::Number(*v))
                }
                (ColumnKind::Text, Value::Text(text)) => {
                    let folded = fold(text);
                    (!folded.is_empty()).then_some(Key::Text(folded))
                }
                _ => None,
            },
            SortKey::Ranked { column, ranks } => {
                if !self.is_category(column) {
                    return None;
                }
                let code = *self.codes(row, column).first()?;
                let rank = *ranks.get(code)?;
                (rank != u32::MAX).then_some(Key::Int(rank.into()))
            }
        }
    }

    /// `rows` (ascending) in `order`: the key, missing last in both
    /// directions; the tie-break key, ascending, missing last; the row.
    pub fn sort(&self, rows: &[usize], order: Order) -> Vec<usize> {
        let missing_last = |a: &Option<Key>, b: &Option<Key>, descending: bool| match (a, b) {
            (Some(a), Some(b)) if descending => b.compare(a),
            (Some(a), Some(b)) => a.compare(b),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        let mut keyed: Vec<(Option<Key>, Option<Key>, usize)> = rows
            .iter()
            .map(|&row| {
                (
                    self.key(row, order.key),
                    order.then.and_then(|then| self.key(row, then)),
                    row,
                )
            })
            .collect();
        keyed.sort_by(|a, b| {
            missing_last(&a.0, &b.0, order.descending)
                .then_with(|| missing_last(&a.1, &b.1, false))
                .then(a.2.cmp(&b.2))
        });
        keyed.into_iter().map(|(_, _, row)| row).collect()
    }
}

/// The dictionary of category column `column`: the fixed one without its
/// repeats, or the distinct values of the data, sorted; empty for the other
/// columns.
fn dictionary(schema: &Schema, rows: &[Vec<Value>], column: usize) -> Vec<String> {
    match schema.columns.get(column).map(|c| &c.kind) {
        Some(ColumnKind::Category {
            values: Some(values),
        }) => {
            let mut out: Vec<String> = Vec::new();
            for value in values {
                if !out.contains(value) {
                    out.push(value.clone());
                }
            }
            out
        }
        Some(ColumnKind::Category { values: None }) => {
            let mut out: Vec<String> = rows
                .iter()
                .filter_map(|row| match row.get(column) {
                    Some(Value::Category(values)) => Some(values.clone()),
                    _ => None,
                })
                .flatten()
                .collect();
            out.sort();
            out.dedup();
            out
        }
        _ => Vec::new(),
    }
}
