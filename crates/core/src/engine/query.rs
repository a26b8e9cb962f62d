//! Filtering a [`Table`] and counting its category values.
//!
//! A query becomes one row bitmap per active dimension: each category filter
//! (the union of its values' row sets), each range, the text.
//! [`Table::filter`] intersects them. [`Table::facet_counts`] derives, for
//! every counted column at once, the intersection of all the *other*
//! dimensions with prefix and suffix intersections (2 × dimensions bitmap
//! operations, not one filter per column), then counts each value in that set:
//! by popcount of `set ∧ value` for bitmap values, by probing the rows of list
//! values, or, when the set is small, by walking its rows and reading the codes.

use super::bitset::Bitset;
use super::table::{Column, Table};
use crate::text::{fold, words};

/// An inclusive range over a number column; rows without a value are out as
/// soon as a bound is set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Range {
    /// The column, by position in the schema.
    pub column: usize,
    /// The lower bound, if any.
    pub min: Option<f64>,
    /// The upper bound, if any.
    pub max: Option<f64>,
}

/// What rows to keep: every condition must hold.
///
/// - a category filter keeps the rows having any of its values (a row without
///   value is out); an empty list of values filters nothing;
/// - a range keeps the rows whose number lies within it;
/// - the text, folded ([`fold`]) and split into words ([`words`]), keeps the
///   rows having, for every query word, a word of a text column it is a prefix
///   of; a text without words filters nothing.
///
/// A condition on a column of another kind, or on no column, is ignored.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    /// Category filters: a column and the values wanted there.
    pub categories: Vec<(usize, Vec<String>)>,
    /// Ranges over number columns.
    pub ranges: Vec<Range>,
    /// Free text.
    pub text: String,
}

/// The rows matching a query, as a bitmap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    rows: Bitset,
    len: usize,
}

impl Selection {
    /// The selection of the rows of `rows`.
    fn new(rows: Bitset) -> Self {
        let len = rows.count();
        Selection { rows, len }
    }

    /// The number of rows selected.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no row is selected.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether `row` is selected.
    pub fn contains(&self, row: usize) -> bool {
        self.rows.contains(row)
    }

    /// The selected rows, ascending.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.rows.iter()
    }

    /// The selected rows, ascending, as a list.
    pub fn to_indices(&self) -> Vec<usize> {
        let mut indices = Vec::with_capacity(self.len);
        indices.extend(self.rows.iter());
        indices
    }

    /// The bitmap.
    pub fn bits(&self) -> &Bitset {
        &self.rows
    }
}

/// Disjunctive counts: for each counted column, the rows matching every
/// condition of the query but those on that column, per value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacetCounts {
    selection: Selection,
    counts: Vec<(usize, Vec<usize>)>,
}

impl FacetCounts {
    /// The rows matching the whole query.
    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// The counts of column `column` per code (see [`Table::values`]); empty
    /// when it was not counted or is not a category.
    pub fn counts(&self, column: usize) -> &[usize] {
        self.counts
            .iter()
            .find(|(c, _)| *c == column)
            .map_or(&[], |(_, counts)| counts.as_slice())
    }
}

/// The column of the text condition among the masks: after every column.
const TEXT: usize = usize::MAX;

/// `a ∧ b`, `a` being every row when `None`.
fn and(a: Option<&Bitset>, b: &Bitset) -> Bitset {
    let mut out = b.clone();
    if let Some(a) = a {
        out.and_assign(a);
    }
    out
}

impl Table {
    /// The rows of number column `column` within `min..=max`; `None` when no
    /// bound is set or the column is not a number column.
    fn range(&self, range: &Range) -> Option<Bitset> {
        let Some(Column::Number(values)) = self.columns.get(range.column) else {
            return None;
        };
        if range.min.is_none() && range.max.is_none() {
            return None;
        }
        let (lo, hi) = (
            range.min.unwrap_or(f64::NEG_INFINITY),
            range.max.unwrap_or(f64::INFINITY),
        );
        let words = values
            .chunks(64)
            .map(|chunk| {
                chunk.iter().enumerate().fold(0u64, |bits, (i, &value)| {
                    // NaN (none) fails both comparisons.
                    bits | (u64::from(value >= lo && value <= hi) << i)
                })
            })
            .collect();
        Some(Bitset::from_words(words, self.rows))
    }

    /// One bitmap per active condition of `query`, with the column it is on
    /// ([`TEXT`] for the text), by column.
    fn masks(&self, query: &Query) -> Vec<(usize, Bitset)> {
        let mut masks = Vec::new();
        for (column, wanted) in &query.categories {
            let Some(category) = self.category(*column) else {
                continue;
            };
            if wanted.is_empty() {
                continue;
            }
            let codes = wanted.iter().filter_map(|value| category.code(value));
            masks.push((*column, category.rows_with(codes, self.rows)));
        }
        for range in &query.ranges {
            if let Some(mask) = self.range(range) {
                masks.push((range.column, mask));
            }
        }
        masks.sort_by_key(|(column, _)| *column);
        let folded = fold(&query.text);
        let text: Vec<String> = words(&folded).map(str::to_owned).collect();
        let mask = match self.text.get() {
            Some(index) => index.search(&text, self.rows),
            // Not indexed yet: words match no row.
            None => (!text.is_empty()).then(|| Bitset::empty(self.rows)),
        };
        if let Some(mask) = mask {
            masks.push((TEXT, mask));
        }
        masks
    }

    /// The rows matching every condition of `query`.
    pub fn filter(&self, query: &Query) -> Selection {
        let mut result: Option<Bitset> = None;
        for (_, mask) in self.masks(query) {
            match result.as_mut() {
                Some(acc) => acc.and_assign(&mask),
                None => result = Some(mask),
            }
        }
        Selection::new(result.unwrap_or_else(|| Bitset::full(self.rows)))
    }

    /// The selection of `query` and the disjunctive counts of the category
    /// columns `columns`: a value's count is the number of rows matching every
    /// condition except those on its own column, and having that value (a row
    /// with several values counts for each).
    pub fn facet_counts(&self, query: &Query, columns: &[usize]) -> FacetCounts {
        let masks = self.masks(query);
        // prefix[i] = ∧ masks[..i], suffix[i] = ∧ masks[i..]; None = every row.
        let mut prefix: Vec<Option<Bitset>> = vec![None];
        for (i, (_, mask)) in masks.iter().enumerate() {
            let next = and(prefix[i].as_ref(), mask);
            prefix.push(Some(next));
        }
        let mut suffix: Vec<Option<Bitset>> = vec![None; masks.len() + 1];
        for i in (0..masks.len()).rev() {
            suffix[i] = Some(and(suffix[i + 1].as_ref(), &masks[i].1));
        }
        let selection = prefix.last().cloned().flatten();
        let counts = columns
            .iter()
            .filter_map(|&column| {
                let category = self.category(column)?;
                // The masks on `column` are masks[start..end].
                let start = masks.partition_point(|(c, _)| *c < column);
                let end = masks.partition_point(|(c, _)| *c <= column);
                let others = if start == end {
                    selection.clone()
                } else {
                    match (&prefix[start], &suffix[end]) {
                        (None, None) => None,
                        (Some(a), None) | (None, Some(a)) => Some(a.clone()),
                        (Some(a), Some(b)) => Some(and(Some(a), b)),
                    }
                };
                let within = others.map(|rows| {
                    let n = rows.count();
                    (rows, n)
                });
                Some((
                    column,
                    category.count(within.as_ref().map(|(s, n)| (s, *n))),
                ))
            })
            .collect();
        let selection = Selection::new(selection.unwrap_or_else(|| Bitset::full(self.rows)));
        FacetCounts { selection, counts }
    }

    /// The rows of `selection` without a value in category column `column`
    /// (0 when it is not a category column).
    pub fn count_missing(&self, selection: &Selection, column: usize) -> usize {
        self.category(column)
            .map_or(0, |category| category.missing().and_count(selection.bits()))
    }
}
