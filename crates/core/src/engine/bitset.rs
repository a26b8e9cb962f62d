//! Sets of rows: a dense bitmap, and the hybrid [`RowSet`] that backs each
//! facet value and each word of the text index.

/// A set of rows `0..len` as a bitmap, one bit per row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bitset {
    words: Vec<u64>,
    len: usize,
}

impl Bitset {
    /// The empty set over `len` rows.
    pub fn empty(len: usize) -> Self {
        Bitset {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    /// Every row of `0..len`.
    pub fn full(len: usize) -> Self {
        let mut words = vec![u64::MAX; len.div_ceil(64)];
        if let Some(last) = words.last_mut() {
            let tail = len % 64;
            if tail != 0 {
                *last = (1u64 << tail) - 1;
            }
        }
        Bitset { words, len }
    }

    /// The set whose 64-row words are `words` (bits past `len` cleared).
    pub fn from_words(mut words: Vec<u64>, len: usize) -> Self {
        words.resize(len.div_ceil(64), 0);
        if let Some(last) = words.last_mut() {
            let tail = len % 64;
            if tail != 0 {
                *last &= (1u64 << tail) - 1;
            }
        }
        Bitset { words, len }
    }

    /// The number of rows the set ranges over (not the number of members).
    pub fn universe(&self) -> usize {
        self.len
    }

    /// The 64-row words, row `r` being bit `r % 64` of word `r / 64`.
    pub fn words(&self) -> &[u64] {
        &self.words
    }

    /// Adds `row` (ignored when out of range).
    pub fn insert(&mut self, row: usize) {
        if row < self.len {
            if let Some(word) = self.words.get_mut(row / 64) {
                *word |= 1 << (row % 64);
            }
        }
    }

    /// Whether `row` is in the set.
    pub fn contains(&self, row: usize) -> bool {
        self.words
            .get(row / 64)
            .is_some_and(|word| word & (1 << (row % 64)) != 0)
    }

    /// The number of members.
    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Keeps the members also in `other`.
    pub fn and_assign(&mut self, other: &Bitset) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    /// Adds the members of `other`.
    pub fn or_assign(&mut self, other: &Bitset) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= b;
        }
    }

    /// The number of members also in `other`, without building the intersection.
    pub fn and_count(&self, other: &Bitset) -> usize {
        self.words
            .iter()
            .zip(&other.words)
            .map(|(a, b)| (a & b).count_ones() as usize)
            .sum()
    }

    /// The members, ascending.
    pub fn iter(&self) -> Members<'_> {
        Members {
            words: &self.words,
            base: 0,
            rest: 0,
        }
    }

    /// Bytes allocated on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.words.capacity() * 8
    }
}

/// The members of a [`Bitset`], ascending: a plain loop over its words (the
/// size-optimised build inlines no adapter chain, and a million-row walk
/// spent most of its time in one).
pub struct Members<'a> {
    /// The words not yet read.
    words: &'a [u64],
    /// The first row of the word being read.
    base: usize,
    /// Its members not yet given.
    rest: u64,
}

impl Iterator for Members<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.rest == 0 {
            let (&word, words) = self.words.split_first()?;
            self.words = words;
            self.rest = word;
            self.base += 64;
        }
        let bit = self.rest.trailing_zeros() as usize;
        self.rest &= self.rest - 1;
        // `base` was advanced past the word being read.
        Some(self.base - 64 + bit)
    }
}

/// The rows having one value: a sorted list of row numbers while the value is
/// rare, a bitmap once it is common.
///
/// A list costs 32 bits per member and a bitmap 1 bit per row, so the bitmap is
/// chosen as soon as more than 1/32 of the rows are members: the set never
/// takes more than `min(32 × members, rows)` bits, the same rule as Roaring
/// bitmaps' array and bitmap containers (4 096 of 65 536), here over the whole
/// table since 1M rows need no further partition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowSet {
    /// Row numbers, ascending, without duplicates.
    Sparse(Vec<u32>),
    /// A bitmap and its member count.
    Dense(Bitset, usize),
}

impl RowSet {
    /// An empty set among `universe` rows, in the form for `members` members,
    /// to be filled with [`RowSet::push`].
    pub fn for_members(members: usize, universe: usize) -> Self {
        if members.saturating_mul(32) > universe {
            RowSet::Dense(Bitset::empty(universe), members)
        } else {
            RowSet::Sparse(Vec::with_capacity(members))
        }
    }

    /// Adds `row`, after every row already in (a bitmap keeps the member
    /// count it was made for).
    pub fn push(&mut self, row: u32) {
        match self {
            RowSet::Sparse(rows) => rows.push(row),
            RowSet::Dense(bits, _) => bits.insert(row as usize),
        }
    }

    /// The number of members.
    pub fn len(&self) -> usize {
        match self {
            RowSet::Sparse(rows) => rows.len(),
            RowSet::Dense(_, len) => *len,
        }
    }

    /// Whether the set has no member.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds the members to `target` (a union).
    pub fn or_into(&self, target: &mut Bitset) {
        match self {
            RowSet::Sparse(rows) => {
                for &row in rows {
                    target.insert(row as usize);
                }
            }
            RowSet::Dense(bits, _) => target.or_assign(bits),
        }
    }

    /// The number of members also in `other`.
    pub fn and_count(&self, other: &Bitset) -> usize {
        match self {
            RowSet::Sparse(rows) => rows
                .iter()
                .filter(|&&row| other.contains(row as usize))
                .count(),
            RowSet::Dense(bits, _) => bits.and_count(other),
        }
    }

    /// Bytes allocated on the heap.
    pub fn heap_bytes(&self) -> usize {
        match self {
            RowSet::Sparse(rows) => rows.capacity() * 4,
            RowSet::Dense(bits, _) => bits.heap_bytes(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bitset_basics() {
        let mut set = Bitset::empty(130);
        for row in [0, 63, 64, 129, 500] {
            set.insert(row);
        }
        assert_eq!(set.iter().collect::<Vec<_>>(), [0, 63, 64, 129]);
        assert_eq!(set.count(), 4);
        assert!(set.contains(129) && !set.contains(128) && !set.contains(500));
        let full = Bitset::full(130);
        assert_eq!(full.count(), 130);
        assert_eq!(full.and_count(&set), 4);
        assert_eq!(Bitset::full(128).count(), 128);
        assert_eq!(Bitset::full(0).count(), 0);
    }

    #[test]
    fn rowsets_pick_their_form_by_density() {
        let of = |rows: Vec<u32>| {
            let mut set = RowSet::for_members(rows.len(), 1000);
            rows.into_iter().for_each(|row| set.push(row));
            set
        };
        let sparse = of(vec![1, 5]);
        assert_eq!(sparse, RowSet::Sparse(vec![1, 5]));
        let dense = of((0..100).collect());
        assert!(matches!(dense, RowSet::Dense(_, 100)));
        assert_eq!(dense.len(), 100);
        let mut target = Bitset::empty(1000);
        sparse.or_into(&mut target);
        assert_eq!(dense.and_count(&target), 2);
        dense.or_into(&mut target);
        assert_eq!(target.count(), 100);
        assert_eq!(sparse.and_count(&target), 2);
    }
}
