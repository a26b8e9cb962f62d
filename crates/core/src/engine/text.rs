//! The normalized text index: every distinct folded word of a table's text
//! columns, sorted, each with the rows that contain it.
//!
//! A query word matches the words it is a prefix of; those form one
//! contiguous range of the sorted vocabulary, found by two binary searches,
//! and the query word's rows are the union of the range's row sets.

use super::bitset::{Bitset, RowSet};
use super::fold::FastMap;

/// Words → rows.
#[derive(Clone, Debug, Default)]
pub struct TextIndex {
    /// The distinct words, sorted (byte order).
    words: Vec<Box<str>>,
    /// The rows of each word.
    rows: Vec<RowSet>,
}

/// Collects the words of each row, rows in ascending order.
#[derive(Default)]
pub struct TextIndexBuilder {
    rows_of: FastMap<Box<str>, Vec<u32>>,
}

impl TextIndexBuilder {
    /// Adds the words of `row`; rows must come in ascending order.
    pub fn add<'a>(&mut self, row: u32, words: impl IntoIterator<Item = &'a str>) {
        for word in words {
            match self.rows_of.get_mut(word) {
                Some(rows) => {
                    if rows.last() != Some(&row) {
                        rows.push(row);
                    }
                }
                None => {
                    self.rows_of.insert(word.into(), vec![row]);
                }
            }
        }
    }

    /// The index over `universe` rows.
    pub fn finish(self, universe: usize) -> TextIndex {
        let mut entries: Vec<(Box<str>, Vec<u32>)> = self.rows_of.into_iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut words = Vec::with_capacity(entries.len());
        let mut rows = Vec::with_capacity(entries.len());
        for (word, list) in entries {
            words.push(word);
            rows.push(RowSet::from_sorted(list, universe));
        }
        TextIndex { words, rows }
    }
}

impl TextIndex {
    /// The range of the vocabulary whose words start with `prefix`.
    fn prefix_range(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = self.words.partition_point(|w| &**w < prefix);
        let len = self
            .words
            .get(start..)
            .map_or(0, |rest| rest.partition_point(|w| w.starts_with(prefix)));
        start..start + len
    }

    /// The rows having, for every query word, a word it is a prefix of; `None`
    /// when there is no query word (no text filter).
    pub fn search(&self, query: &[String], universe: usize) -> Option<Bitset> {
        let mut result: Option<Bitset> = None;
        for prefix in query {
            let mut rows = Bitset::empty(universe);
            for set in self.rows.get(self.prefix_range(prefix)).unwrap_or(&[]) {
                set.or_into(&mut rows);
            }
            match result.as_mut() {
                Some(acc) => acc.and_assign(&rows),
                None => result = Some(rows),
            }
        }
        result
    }

    /// The number of distinct words.
    pub fn vocabulary(&self) -> usize {
        self.words.len()
    }

    /// Bytes allocated on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.words.capacity() * std::mem::size_of::<Box<str>>()
            + self.words.iter().map(|w| w.len()).sum::<usize>()
            + self.rows.capacity() * std::mem::size_of::<RowSet>()
            + self.rows.iter().map(RowSet::heap_bytes).sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_select_contiguous_words() {
        let mut builder = TextIndexBuilder::default();
        builder.add(0, ["parkings", "connectes"]);
        builder.add(1, ["capteurs", "de", "parkings", "parkings"]);
        builder.add(2, ["parc", "de", "la", "ville"]);
        let index = builder.finish(3);
        assert_eq!(index.vocabulary(), 7);
        let rows = |q: &[&str]| {
            let query: Vec<String> = q.iter().map(|s| (*s).to_owned()).collect();
            index
                .search(&query, 3)
                .map(|b| b.iter().collect::<Vec<_>>())
        };
        assert_eq!(rows(&["par"]), Some(vec![0, 1, 2]));
        assert_eq!(rows(&["park"]), Some(vec![0, 1]));
        assert_eq!(rows(&["park", "de"]), Some(vec![1]));
        assert_eq!(rows(&["arking"]), Some(vec![]));
        assert_eq!(rows(&["zzz"]), Some(vec![]));
        assert_eq!(rows(&[]), None);
    }
}
