//! Distinct strings end to end in one buffer, each known by a number.
//!
//! Hand-written over `hashbrown`'s `HashTable`, which keys each number by the
//! buffer's text: a million distinct texts (a project code per row) then cost
//! two buffers and a table of numbers, not a million allocations, and sorting
//! them compares 8-byte prefixes before the texts.

use super::fold::FastHasher;
use hashbrown::HashTable;
use std::hash::{BuildHasher, BuildHasherDefault};

/// Strings end to end: string `i` is `text[ends[i - 1]..ends[i]]`.
#[derive(Clone, Debug, Default)]
pub(super) struct Strings {
    text: String,
    ends: Vec<u32>,
}

impl Strings {
    /// The number of strings.
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// String `i` (`""` past the end).
    pub(super) fn get(&self, i: usize) -> &str {
        self.text.get(self.span(i)).unwrap_or("")
    }

    /// The bytes of string `i` (compared without the char boundary checks).
    fn bytes(&self, i: usize) -> &[u8] {
        self.text.as_bytes().get(self.span(i)).unwrap_or(&[])
    }

    /// Where string `i` is in `text` (empty past the end).
    fn span(&self, i: usize) -> std::ops::Range<usize> {
        let Some(&end) = self.ends.get(i) else {
            return 0..0;
        };
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        start as usize..end as usize
    }

    /// Appends `value`, string number `len()`.
    pub(super) fn push(&mut self, value: &str) {
        self.text.push_str(value);
        self.ends
            .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }

    /// The numbers of the strings in byte order (equal strings in any order).
    ///
    /// Sorted 8 bytes at a time: by the bytes at an offset, big-endian, and
    /// how many are left (at most 9: a shorter string's zero padding ties
    /// with real zero bytes, and is first, as a prefix is); each run of
    /// strings alike there and longer is sorted again from 8 bytes further.
    /// Texts sharing long prefixes (titles of a few common words) thus cost
    /// integer sorts, not byte-by-byte comparisons.
    fn order(&self) -> Vec<u32> {
        let mut ids: Vec<u32> = (0..self.len() as u32).collect();
        let mut keyed: Vec<(u64, u8, u32)> = Vec::new();
        // Runs of `ids` to sort from a byte offset.
        let mut runs = vec![(0, ids.len(), 0)];
        while let Some((start, end, offset)) = runs.pop() {
            keyed.clear();
            keyed.extend(ids[start..end].iter().map(|&id| {
                let rest = self.bytes(id as usize).get(offset..).unwrap_or(&[]);
                // The next 8 bytes, or those left then zeros (not copied: a
                // copy of a few bytes is a call).
                let chunk = match rest.first_chunk::<8>() {
                    Some(&head) => u64::from_be_bytes(head),
                    None => rest
                        .iter()
                        .enumerate()
                        .fold(0, |chunk, (i, &b)| chunk | u64::from(b) << (56 - 8 * i)),
                };
                (chunk, rest.len().min(9) as u8, id)
            }));
            keyed.sort_unstable_by_key(|&(chunk, left, _)| (chunk, left));
            let mut run_start = 0;
            for i in 0..keyed.len() {
                ids[start + i] = keyed[i].2;
                let (chunk, left, _) = keyed[i];
                let run_ends = keyed
                    .get(i + 1)
                    .is_none_or(|&(next, next_left, _)| (next, next_left) != (chunk, left));
                if run_ends {
                    if left == 9 && i > run_start {
                        runs.push((start + run_start, start + i + 1, offset + 8));
                    }
                    run_start = i + 1;
                }
            }
        }
        ids
    }

    /// Per string, the rank of its text among the distinct non-empty texts
    /// in byte order (equal texts share one); `u32::MAX` for an empty one.
    pub(super) fn dense_ranks(&self) -> Vec<u32> {
        let mut ranks = vec![u32::MAX; self.len()];
        let mut rank = 0;
        let mut previous: Option<usize> = None;
        for id in self.order() {
            let id = id as usize;
            if self.span(id).is_empty() {
                continue;
            }
            if previous.is_some_and(|p| self.bytes(p) != self.bytes(id)) {
                rank += 1;
            }
            ranks[id] = rank;
            previous = Some(id);
        }
        ranks
    }

    /// Bytes held on the heap.
    pub(super) fn heap_bytes(&self) -> usize {
        self.text.capacity() + 4 * self.ends.capacity()
    }
}

/// Distinct strings, numbered in order of arrival.
#[derive(Clone, Default)]
pub(super) struct Interner {
    strings: Strings,
    /// The numbers, each with 32 bits of its string's hash (compared before
    /// the strings, and rehashed from when the table grows), keyed by
    /// [`spread`] of those bits.
    table: HashTable<(u32, u32)>,
    hasher: BuildHasherDefault<FastHasher>,
}

/// The table's 64-bit hash of a string whose hash kept 32 bits `bits`: the
/// table reads its low bits for the bucket and its top 7 as a tag.
fn spread(bits: u32) -> u64 {
    u64::from(bits).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

impl Interner {
    /// The number of distinct strings.
    pub(super) fn len(&self) -> usize {
        self.strings.len()
    }

    /// The number of `value` and whether it is new.
    pub(super) fn intern(&mut self, value: &str) -> (u32, bool) {
        let bits = (self.hasher.hash_one(value) >> 32) as u32;
        let hash = spread(bits);
        let strings = &self.strings;
        if let Some(&(id, _)) = self.table.find(hash, |&(id, other)| {
            other == bits && strings.bytes(id as usize) == value.as_bytes()
        }) {
            return (id, false);
        }
        let id = self.strings.len() as u32;
        self.strings.push(value);
        self.table
            .insert_unique(hash, (id, bits), |&(_, bits)| spread(bits));
        (id, true)
    }

    /// The strings sorted (byte order), and per number its rank among them.
    pub(super) fn into_sorted(self) -> (Strings, Vec<u32>) {
        let Interner { strings, table, .. } = self;
        // Freed before the sort's buffers are taken (a wasm heap never shrinks: its
        // peak is what the worker keeps).
        drop(table);
        let order = strings.order();
        let mut sorted = Strings {
            text: String::with_capacity(strings.text.len()),
            ends: Vec::with_capacity(order.len()),
        };
        let mut rank_of = vec![0u32; order.len()];
        for (rank, &id) in order.iter().enumerate() {
            sorted.push(strings.get(id as usize));
            rank_of[id as usize] = rank as u32;
        }
        (sorted, rank_of)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn orders_and_ranks_like_sorting_the_strings(
            values in proptest::collection::vec("(abcdefgh){0,3}[a\\x00é]{0,10}", 0..60)
        ) {
            let mut strings = Strings::default();
            values.iter().for_each(|v| strings.push(v));
            let ordered: Vec<&str> = strings.order().iter().map(|&i| strings.get(i as usize)).collect();
            let mut expected: Vec<&str> = values.iter().map(String::as_str).collect();
            expected.sort_unstable();
            prop_assert_eq!(ordered, expected);
            let ranks = strings.dense_ranks();
            for (a, rank_a) in values.iter().zip(&ranks) {
                prop_assert_eq!(*rank_a == u32::MAX, a.is_empty());
                for (b, rank_b) in values.iter().zip(&ranks) {
                    if !a.is_empty() && !b.is_empty() {
                        prop_assert_eq!(rank_a.cmp(rank_b), a.cmp(b));
                    }
                }
            }
        }
    }

    #[test]
    fn interns_and_sorts_like_strings() {
        let mut interner = Interner::default();
        let values = [
            "b",
            "a\0",
            "a",
            "",
            "abcdefgh",
            "abcdefgh\0",
            "abcdefgha",
            "é",
            "a",
            "b",
        ];
        let ids: Vec<(u32, bool)> = values.iter().map(|v| interner.intern(v)).collect();
        assert_eq!(ids[0], (0, true));
        assert_eq!(ids[8], (2, false));
        assert_eq!(ids[9], (0, false));
        assert_eq!(interner.len(), 8);
        let mut all = Strings::default();
        values.iter().for_each(|v| all.push(v));
        let dense = all.dense_ranks();
        let (sorted, rank_of) = interner.into_sorted();
        let mut expected: Vec<&str> = values.to_vec();
        expected.sort_unstable();
        expected.dedup();
        let got: Vec<&str> = (0..sorted.len()).map(|i| sorted.get(i)).collect();
        assert_eq!(got, expected);
        for ((value, (id, _)), dense) in values.iter().zip(&ids).zip(dense) {
            assert_eq!(sorted.get(rank_of[*id as usize] as usize), *value);
            // Ranks among the non-empty texts: one less than among all.
            match value.is_empty() {
                true => assert_eq!(dense, u32::MAX),
                false => assert_eq!(dense, rank_of[*id as usize] - 1),
            }
        }
    }
}
