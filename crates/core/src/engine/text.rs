//! The normalized text index: every distinct folded word of a table's text
//! columns, sorted, each with the rows that contain it.
//!
//! A query word matches the words it is a prefix of; those form one
//! contiguous range of the sorted vocabulary, found by two binary searches,
//! and the query word's rows are the union of the range's rows.
//!
//! Layout (flat, so that a million distinct words cost a few buffers, not a
//! million allocations): the sorted words end to end; the rows of the rare
//! words in one list, word after word, so that a range of words has its rows
//! in one slice; the words on more than 1/32 of the rows as bitmaps (the rule
//! of [`super::bitset::RowSet`]).

use super::bitset::Bitset;
use super::fold::{for_each_segment, FastMap};
use super::interner::{Interner, Strings};
use crate::text::{fold, words};

/// Words → rows.
#[derive(Clone, Debug)]
pub struct TextIndex {
    /// The distinct words, sorted (byte order).
    words: Strings,
    /// The rows of rare word `i` are `rows[starts[i]..starts[i + 1]]`
    /// (none for a common word); one more entry than words.
    starts: Vec<u32>,
    /// The rare words' rows, ascending per word.
    rows: Vec<u32>,
    /// The common words' rows, by word.
    common: Vec<(u32, Bitset)>,
}

/// Collects the vocabulary of a table's texts.
#[derive(Default)]
pub struct TextIndexBuilder {
    words: Interner,
    /// The words of each non-ASCII segment met by
    /// [`TextIndexBuilder::add_text_words`]: `segment_words[start..end]`.
    segments: FastMap<Box<str>, (u32, u32)>,
    segment_words: Vec<u32>,
    /// An ASCII word, lower-cased.
    word: String,
}

/// Appends `id` to `out` unless `out[start..]` has it.
fn push_distinct(out: &mut Vec<u32>, start: usize, id: u32) {
    if !out[start..].contains(&id) {
        out.push(id);
    }
}

impl TextIndexBuilder {
    /// Appends to `out` the numbers of the distinct words of `folded` (a folded
    /// text) not already there.
    pub fn add_words(&mut self, folded: &str, out: &mut Vec<u32>) {
        let start = out.len();
        let mut add = |word: &str| push_distinct(out, start, self.words.intern(word).0);
        if folded.is_ascii() {
            // The words of `words`, split by bytes rather than decoded chars.
            let words = folded.as_bytes().split(|b| !b.is_ascii_alphanumeric());
            for word in words.filter(|word| !word.is_empty()) {
                if let Ok(word) = std::str::from_utf8(word) {
                    add(word);
                }
            }
        } else {
            words(folded).for_each(add);
        }
    }

    /// Appends to `out` the numbers of the distinct words of `fold(text)` not
    /// already there, as [`TextIndexBuilder::add_words`] does, without folding
    /// the text whole (for texts met once): an ASCII segment between ASCII
    /// spaces is cut into words, each lower-cased; a non-ASCII one is folded
    /// once, its words remembered.
    pub fn add_text_words(&mut self, text: &str, out: &mut Vec<u32>) {
        let start = out.len();
        for_each_segment(text, |segment, ascii| {
            if ascii {
                let bytes = segment.as_bytes();
                let mut from = 0;
                for at in 0..=bytes.len() {
                    if bytes.get(at).is_none_or(|b| !b.is_ascii_alphanumeric()) {
                        if at > from {
                            self.word.clear();
                            self.word.push_str(&segment[from..at]);
                            self.word.make_ascii_lowercase();
                            push_distinct(out, start, self.words.intern(&self.word).0);
                        }
                        from = at + 1;
                    }
                }
                return;
            }
            let (from, to) = match self.segments.get(segment) {
                Some(&range) => range,
                None => {
                    let from = self.segment_words.len() as u32;
                    for word in words(&fold(segment)) {
                        let (id, _) = self.words.intern(word);
                        self.segment_words.push(id);
                    }
                    let range = (from, self.segment_words.len() as u32);
                    self.segments.insert(segment.into(), range);
                    range
                }
            };
            for &id in &self.segment_words[from as usize..to as usize] {
                push_distinct(out, start, id);
            }
        });
    }

    /// The index over `universe` rows; `row_words(row, out)` appends the
    /// numbers (from [`TextIndexBuilder::add_words`]) of the words of `row`,
    /// repeats allowed.
    pub fn finish(self, universe: usize, row_words: impl Fn(usize, &mut Vec<u32>)) -> TextIndex {
        let (words, rank_of) = self.words.into_sorted();
        // Calls `visit(row, rank)` once per row and word of the row, rows ascending.
        let postings = |visit: &mut dyn FnMut(u32, usize)| {
            let mut last_row = vec![u32::MAX; rank_of.len()];
            let mut scratch = Vec::new();
            for row in 0..universe as u32 {
                scratch.clear();
                row_words(row as usize, &mut scratch);
                for &id in &scratch {
                    let rank = rank_of[id as usize] as usize;
                    if last_row[rank] != row {
                        last_row[rank] = row;
                        visit(row, rank);
                    }
                }
            }
        };
        let mut counts = vec![0u32; words.len()];
        postings(&mut |_, rank| counts[rank] += 1);
        let is_common = |count: u32| (count as usize).saturating_mul(32) > universe;
        let mut starts = Vec::with_capacity(words.len() + 1);
        starts.push(0u32);
        // Per word, the next free place of its rows, or its bitmap in `common`.
        let mut place = Vec::with_capacity(words.len());
        let mut common = Vec::new();
        let mut total = 0u32;
        for (rank, &count) in counts.iter().enumerate() {
            if is_common(count) {
                place.push(common.len() as u32);
                common.push((rank as u32, Bitset::empty(universe)));
            } else {
                place.push(total);
                total += count;
            }
            starts.push(total);
        }
        let mut rows = vec![0u32; total as usize];
        postings(&mut |row, rank| {
            let at = &mut place[rank];
            if is_common(counts[rank]) {
                common[*at as usize].1.insert(row as usize);
            } else {
                rows[*at as usize] = row;
                *at += 1;
            }
        });
        TextIndex {
            words,
            starts,
            rows,
            common,
        }
    }
}

impl TextIndex {
    /// The range of the vocabulary whose words start with `prefix`.
    fn prefix_range(&self, prefix: &str) -> std::ops::Range<usize> {
        let words = self.words.len();
        let start = partition_point(words, |i| self.words.get(i) < prefix);
        let len = partition_point(words - start, |i| {
            self.words.get(start + i).starts_with(prefix)
        });
        start..start + len
    }

    /// The rows having, for every query word, a word it is a prefix of; `None`
    /// when there is no query word (no text filter).
    pub fn search(&self, query: &[String], universe: usize) -> Option<Bitset> {
        let mut result: Option<Bitset> = None;
        for prefix in query {
            let range = self.prefix_range(prefix);
            let mut rows = Bitset::empty(universe);
            let (from, to) = (self.starts[range.start], self.starts[range.end]);
            for &row in &self.rows[from as usize..to as usize] {
                rows.insert(row as usize);
            }
            let first = self
                .common
                .partition_point(|(word, _)| (*word as usize) < range.start);
            for (_, bits) in self.common[first..]
                .iter()
                .take_while(|(word, _)| (*word as usize) < range.end)
            {
                rows.or_assign(bits);
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
        self.words.heap_bytes()
            + 4 * (self.starts.capacity() + self.rows.capacity())
            + self.common.capacity() * std::mem::size_of::<(u32, Bitset)>()
            + self
                .common
                .iter()
                .map(|(_, bits)| bits.heap_bytes())
                .sum::<usize>()
    }
}

/// The first of `0..len` for which `holds` is false, `holds` being true up
/// to some point and false after (the words are no slice to partition).
fn partition_point(len: usize, holds: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, len);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if holds(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn a_texts_words_are_those_of_its_folded_form(
            texts in proptest::collection::vec(
                "\\PC{0,12}|[ a-zA-Z09éÉœﬁ\u{301}\u{A0}\t`’'_-]{0,24}",
                1..6,
            )
        ) {
            let mut builder = TextIndexBuilder::default();
            for text in &texts {
                // Twice: the second time, non-ASCII segments are remembered.
                for _ in 0..2 {
                    let (mut folded, mut direct) = (vec![7], vec![7]);
                    builder.add_words(&fold(text), &mut folded);
                    builder.add_text_words(text, &mut direct);
                    prop_assert_eq!(&direct, &folded, "{:?}", text);
                }
            }
        }
    }

    #[test]
    fn prefixes_select_contiguous_words() {
        let mut builder = TextIndexBuilder::default();
        let texts = [
            "parkings connectes",
            "capteurs de parkings parkings",
            "parc de la ville",
        ];
        let row_words: Vec<Vec<u32>> = texts
            .iter()
            .map(|text| {
                let mut ids = Vec::new();
                builder.add_words(text, &mut ids);
                ids
            })
            .collect();
        assert_eq!(row_words[1].len(), 3, "repeats dropped");
        // 40 rows: the first three's words are common (on more than 1/32 of them).
        for universe in [3, 40, 200] {
            let index = TextIndexBuilder {
                words: builder.words.clone(),
                ..TextIndexBuilder::default()
            }
            .finish(universe, |row, out| {
                if let Some(ids) = row_words.get(row) {
                    out.extend(ids);
                    out.extend(ids);
                }
            });
            assert_eq!(index.vocabulary(), 7);
            let rows = |q: &[&str]| {
                let query: Vec<String> = q.iter().map(|s| (*s).to_owned()).collect();
                index
                    .search(&query, universe)
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
}
