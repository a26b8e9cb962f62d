//! Sorting and paging a selection by integer keys: the order's key (missing
//! last in both directions), then its tie-break key (ascending, missing last),
//! then the row.

use super::category::Codes;
use super::query::Selection;
use super::table::{Column, Table};
use std::collections::BinaryHeap;

/// Pages up to this many rows deep are cut from a bounded heap; deeper ones
/// from a partial selection over every key.
const HEAP_LIMIT: usize = 4096;

/// What rows are sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey<'a> {
    /// A column's own order: a category by its dictionary position of the
    /// row's first value, a number by value, a text by its folded form (once
    /// [`Table::rank_texts`] has ranked it); rows without value are missing.
    Column(usize),
    /// A category column by the caller's rank of each code (say, names of the
    /// values in a language): the rank of the row's first value;
    /// `u32::MAX`, a code past `ranks` and a row without value are missing.
    Ranked {
        /// The category column.
        column: usize,
        /// The rank of each code.
        ranks: &'a [u32],
    },
}

/// An order of rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Order<'a> {
    /// The main key; missing last in both directions.
    pub key: SortKey<'a>,
    /// Whether the main key is descending.
    pub descending: bool,
    /// Ties are ordered by this key, ascending, missing last; then by row.
    pub then: Option<SortKey<'a>>,
}

/// Where a key's values come from, resolved once per sort.
enum Source<'a> {
    Codes(&'a Codes),
    Ranked(&'a Codes, &'a [u32]),
    Number(&'a [f64]),
    Rank(&'a [u32]),
    Nothing,
}

impl<'a> Source<'a> {
    fn new(table: &'a Table, key: SortKey<'a>) -> Self {
        match key {
            SortKey::Column(column) => match table.columns.get(column) {
                Some(Column::Category(category)) => Source::Codes(&category.first),
                Some(Column::Number(values)) => Source::Number(values),
                Some(Column::Text(ranks)) => {
                    ranks.get().map_or(Source::Nothing, |r| Source::Rank(r))
                }
                None => Source::Nothing,
            },
            SortKey::Ranked { column, ranks } => match table.category(column) {
                Some(category) => Source::Ranked(&category.first, ranks),
                None => Source::Nothing,
            },
        }
    }

    /// The key of `row`, `None` when missing.
    #[inline]
    fn get(&self, row: usize) -> Option<u64> {
        let rank = |r: Option<&u32>| r.filter(|&&r| r != u32::MAX).map(|&r| u64::from(r));
        match self {
            Source::Codes(codes) => codes.get(row).map(|c| c as u64),
            Source::Ranked(codes, ranks) => rank(codes.get(row).and_then(|c| ranks.get(c))),
            Source::Number(values) => values
                .get(row)
                .filter(|v| !v.is_nan())
                .map(|&v| ordered_bits(v)),
            Source::Rank(ranks) => rank(ranks.get(row)),
            Source::Nothing => None,
        }
    }
}

/// Orders `f64` like `total_cmp` does, as unsigned integers.
fn ordered_bits(value: f64) -> u64 {
    let bits = value.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

/// A row's place in the order: the key (missing = `u64::MAX`, descending
/// keys mirrored below it), the tie-break key, the row.
type Key = (u64, u64, u32);

/// The keys of an order, resolved.
struct Keys<'a> {
    key: Source<'a>,
    descending: bool,
    then: Source<'a>,
}

impl<'a> Keys<'a> {
    fn new(table: &'a Table, order: Order<'a>) -> Self {
        Keys {
            key: Source::new(table, order.key),
            descending: order.descending,
            then: order
                .then
                .map_or(Source::Nothing, |then| Source::new(table, then)),
        }
    }

    #[inline]
    fn of(&self, row: usize) -> Key {
        let primary = match self.key.get(row) {
            None => u64::MAX,
            Some(k) if self.descending => u64::MAX - 1 - k,
            Some(k) => k,
        };
        (primary, self.then.get(row).unwrap_or(u64::MAX), row as u32)
    }
}

impl Table {
    /// Every selected row in `order`.
    pub fn sort_all(&self, selection: &Selection, order: Order) -> Vec<usize> {
        let keys = Keys::new(self, order);
        let mut all: Vec<Key> = selection.iter().map(|r| keys.of(r)).collect();
        all.sort_unstable();
        all.into_iter().map(|(_, _, row)| row as usize).collect()
    }

    /// The rows of page `page` (0-based) of `size` rows of the selection in
    /// `order`, as cut from [`Table::sort_all`]; only the rows up to the
    /// page's end are ordered, in a bounded heap.
    pub fn sorted_page(
        &self,
        selection: &Selection,
        order: Order,
        page: u32,
        size: usize,
    ) -> Vec<usize> {
        let start = usize::try_from(page)
            .ok()
            .and_then(|p| p.checked_mul(size))
            .unwrap_or(usize::MAX);
        if size == 0 || start >= selection.len() {
            return Vec::new();
        }
        let end = start.saturating_add(size).min(selection.len());
        let order = Keys::new(self, order);
        let keys = selection.iter().map(|r| order.of(r));
        let mut best: Vec<Key> = if end <= HEAP_LIMIT {
            let mut heap: BinaryHeap<Key> = BinaryHeap::with_capacity(end + 1);
            for key in keys {
                if heap.len() < end {
                    heap.push(key);
                } else if heap.peek().is_some_and(|top| key < *top) {
                    heap.pop();
                    heap.push(key);
                }
            }
            heap.into_vec()
        } else {
            let mut all: Vec<Key> = keys.collect();
            if end < all.len() {
                all.select_nth_unstable(end);
                all.truncate(end);
            }
            all
        };
        best.sort_unstable();
        best.get(start..)
            .unwrap_or(&[])
            .iter()
            .map(|&(_, _, row)| row as usize)
            .collect()
    }
}
