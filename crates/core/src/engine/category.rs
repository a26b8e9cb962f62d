//! Category columns: dictionary codes per row, further values of
//! multi-valued rows in a side list, and the rows of each value.

use super::bitset::{Bitset, RowSet};
use super::fold::FastMap;

/// Dictionary codes, one per row, in the narrowest width holding the
/// dictionary; the width's maximum means "no value".
#[derive(Clone, Debug)]
pub(super) enum Codes {
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
}

impl Default for Codes {
    /// No rows, 8-bit.
    fn default() -> Self {
        Codes::U8(Vec::new())
    }
}

impl Codes {
    /// Rows.
    fn len(&self) -> usize {
        match self {
            Codes::U8(c) => c.len(),
            Codes::U16(c) => c.len(),
            Codes::U32(c) => c.len(),
        }
    }

    /// Makes room for `rows` more rows.
    fn reserve_exact(&mut self, rows: usize) {
        match self {
            Codes::U8(c) => c.reserve_exact(rows),
            Codes::U16(c) => c.reserve_exact(rows),
            Codes::U32(c) => c.reserve_exact(rows),
        }
    }

    /// Appends a row's code (`None`: no value), widening every code first when the
    /// width cannot hold it: a column is built in the width of its dictionary, not
    /// in 32 bits narrowed at the end.
    fn push(&mut self, code: Option<u32>) {
        let fits = |max: u32| code.is_none_or(|c| c < max);
        match self {
            Codes::U8(c) if fits(u8::MAX.into()) => {
                c.push(code.map_or(u8::MAX, |code| code as u8));
                return;
            }
            Codes::U16(c) if fits(u16::MAX.into()) => {
                c.push(code.map_or(u16::MAX, |code| code as u16));
                return;
            }
            Codes::U32(c) => {
                c.push(code.unwrap_or(u32::MAX));
                return;
            }
            _ => {}
        }
        let rows = self.len();
        let widened: Vec<u32> = (0..rows)
            .map(|row| self.get(row).map_or(u32::MAX, |c| c as u32))
            .collect();
        *self = match fits(u16::MAX.into()) {
            true => Codes::U16(
                widened
                    .iter()
                    .map(|&c| c.min(u16::MAX.into()) as u16)
                    .collect(),
            ),
            false => Codes::U32(widened),
        };
        self.push(code);
    }

    /// Calls `visit(code)` for each row in order (`None`: no value), the width
    /// matched once, not per row.
    fn for_each(&self, mut visit: impl FnMut(Option<usize>)) {
        fn walk<T: Copy + PartialEq + Into<u32>>(
            codes: &[T],
            none: T,
            visit: &mut impl FnMut(Option<usize>),
        ) {
            for &code in codes {
                visit((code != none).then(|| code.into() as usize));
            }
        }
        match self {
            Codes::U8(codes) => walk(codes, u8::MAX, &mut visit),
            Codes::U16(codes) => walk(codes, u16::MAX, &mut visit),
            Codes::U32(codes) => walk(codes, u32::MAX, &mut visit),
        }
    }

    /// Gives every code `c` the code `new[c]`.
    fn recode(&mut self, new: &[u32]) {
        fn apply<T: Copy + TryFrom<u32> + Into<u32>>(codes: &mut [T], new: &[u32]) {
            for code in codes {
                if let Some(n) = new
                    .get((*code).into() as usize)
                    .and_then(|&n| T::try_from(n).ok())
                {
                    *code = n;
                }
            }
        }
        match self {
            Codes::U8(c) => apply(c, new),
            Codes::U16(c) => apply(c, new),
            Codes::U32(c) => apply(c, new),
        }
    }

    /// Frees what is not used.
    fn shrink_to_fit(&mut self) {
        match self {
            Codes::U8(c) => c.shrink_to_fit(),
            Codes::U16(c) => c.shrink_to_fit(),
            Codes::U32(c) => c.shrink_to_fit(),
        }
    }

    /// The code of `row`, `None` when the row has no value.
    #[inline]
    pub(super) fn get(&self, row: usize) -> Option<usize> {
        match self {
            Codes::U8(c) => c.get(row).filter(|&&v| v != u8::MAX).map(|&v| v.into()),
            Codes::U16(c) => c.get(row).filter(|&&v| v != u16::MAX).map(|&v| v.into()),
            Codes::U32(c) => c.get(row).filter(|&&v| v != u32::MAX).map(|&v| v as usize),
        }
    }

    /// Calls `visit(row, code)` for each row of `rows` having a code, rows
    /// ascending (the width matched once, not per row).
    pub(super) fn for_each_in(&self, rows: &Bitset, visit: &mut impl FnMut(usize, usize)) {
        fn walk<T: Copy + PartialEq + Into<u32>>(
            codes: &[T],
            none: T,
            rows: &Bitset,
            visit: &mut impl FnMut(usize, usize),
        ) {
            for row in rows.iter() {
                if let Some(&code) = codes.get(row).filter(|&&code| code != none) {
                    visit(row, code.into() as usize);
                }
            }
        }
        match self {
            Codes::U8(codes) => walk(codes, u8::MAX, rows, visit),
            Codes::U16(codes) => walk(codes, u16::MAX, rows, visit),
            Codes::U32(codes) => walk(codes, u32::MAX, rows, visit),
        }
    }

    fn heap_bytes(&self) -> usize {
        match self {
            Codes::U8(c) => c.capacity(),
            Codes::U16(c) => c.capacity() * 2,
            Codes::U32(c) => c.capacity() * 4,
        }
    }
}

/// A dictionary-encoded column.
#[derive(Clone, Debug)]
pub(super) struct Category {
    /// The dictionary: the value of each code.
    values: Vec<String>,
    /// Whether `values` is sorted (a dictionary drawn from the data).
    sorted: bool,
    /// Per row, its first value.
    pub(super) first: Codes,
    /// The further distinct values of multi-valued rows: `(row, code)`, by row.
    pub(super) extra: Vec<(u32, u32)>,
    /// Per value, its rows.
    sets: Vec<RowSet>,
    /// The rows without a value.
    missing: RowSet,
    /// What counting every value by its set costs, in word or row reads.
    set_cost: usize,
}

/// Collects a category column row by row.
pub(super) struct CategoryBuilder {
    /// The dictionary so far: in the given order when fixed, else in order of
    /// appearance (sorted by [`CategoryBuilder::finish`]).
    values: Vec<String>,
    lookup: FastMap<Box<str>, u32>,
    fixed: bool,
    /// The distinct codes of the row being added.
    current: Vec<u32>,
    first: Codes,
    extra: Vec<(u32, u32)>,
}

impl CategoryBuilder {
    /// A column with the fixed dictionary `values` (duplicates dropped), or
    /// one drawn from the data when `None`.
    pub(super) fn new(values: Option<&[String]>) -> Self {
        let mut builder = CategoryBuilder {
            values: Vec::new(),
            lookup: FastMap::default(),
            fixed: values.is_some(),
            current: Vec::new(),
            first: Codes::default(),
            extra: Vec::new(),
        };
        for value in values.unwrap_or(&[]) {
            builder.intern(value);
        }
        builder
    }

    /// The code of `value`, added to the dictionary if new.
    fn intern(&mut self, value: &str) -> u32 {
        if let Some(&code) = self.lookup.get(value) {
            return code;
        }
        let code = self.values.len() as u32;
        self.values.push(value.to_owned());
        self.lookup.insert(value.into(), code);
        code
    }

    /// The code of `value`, added to a dictionary drawn from the data if new;
    /// `None` when outside a fixed dictionary.
    pub(super) fn code(&mut self, value: &str) -> Option<u32> {
        match self.lookup.get(value) {
            Some(&code) => Some(code),
            None if self.fixed => None,
            None => Some(self.intern(value)),
        }
    }

    /// Gives the current row the value of `code` (ignored when already given
    /// or not a code of the dictionary).
    pub(super) fn add_code(&mut self, code: u32) {
        if (code as usize) < self.values.len() && !self.current.contains(&code) {
            self.current.push(code);
        }
    }

    /// Makes room for `rows` more rows.
    pub(super) fn reserve_rows(&mut self, rows: usize) {
        self.first.reserve_exact(rows);
    }

    /// Ends the current row.
    pub(super) fn end_row(&mut self) {
        let row = self.first.len() as u32;
        self.first.push(self.current.first().copied());
        for &code in self.current.iter().skip(1) {
            self.extra.push((row, code));
        }
        self.current.clear();
    }

    /// The column; a dictionary drawn from the data is sorted.
    pub(super) fn finish(mut self) -> Category {
        let universe = self.first.len();
        if !self.fixed {
            let mut order: Vec<u32> = (0..self.values.len() as u32).collect();
            order.sort_unstable_by(|&a, &b| self.values[a as usize].cmp(&self.values[b as usize]));
            let mut new_code = vec![0u32; order.len()];
            for (new, &old) in order.iter().enumerate() {
                new_code[old as usize] = new as u32;
            }
            self.first.recode(&new_code);
            for (_, code) in &mut self.extra {
                if let Some(&n) = new_code.get(*code as usize) {
                    *code = n;
                }
            }
            let mut values = std::mem::take(&mut self.values);
            self.values = order
                .iter()
                .map(|&old| std::mem::take(&mut values[old as usize]))
                .collect();
        }
        let (sets, missing) = row_sets(&self.first, &self.extra, self.values.len());
        let set_cost = sets
            .iter()
            .map(|s| match s {
                RowSet::Sparse(rows) => rows.len(),
                RowSet::Dense(..) => universe.div_ceil(64),
            })
            .sum();
        let mut extra = self.extra;
        extra.shrink_to_fit();
        let mut values = self.values;
        values.shrink_to_fit();
        let mut first = self.first;
        first.shrink_to_fit();
        Category {
            first,
            values,
            sorted: !self.fixed,
            extra,
            sets,
            missing,
            set_cost,
        }
    }
}

/// Per code of `0..codes`, the set of its rows (those whose `first` code or
/// whose `extra` codes, by row, hold it), and the set of the rows without a
/// code: counted first, so that each set is a bitmap or a list of the right
/// size from the start ([`RowSet::for_members`]), then filled row by row.
fn row_sets(first: &Codes, extra: &[(u32, u32)], codes: usize) -> (Vec<RowSet>, RowSet) {
    let universe = first.len();
    let mut counts = vec![0usize; codes];
    let mut missing = 0;
    first.for_each(|code| match code.and_then(|code| counts.get_mut(code)) {
        Some(count) => *count += 1,
        None => missing += 1,
    });
    for &(_, code) in extra {
        if let Some(count) = counts.get_mut(code as usize) {
            *count += 1;
        }
    }
    let mut sets: Vec<RowSet> = counts
        .into_iter()
        .map(|count| RowSet::for_members(count, universe))
        .collect();
    let mut without = RowSet::for_members(missing, universe);
    let mut extra = extra.iter().peekable();
    let mut row = 0u32;
    first.for_each(|code| {
        code.and_then(|code| sets.get_mut(code))
            .unwrap_or(&mut without)
            .push(row);
        while let Some(&(_, code)) = extra.next_if(|&&(r, _)| r == row) {
            if let Some(set) = sets.get_mut(code as usize) {
                set.push(row);
            }
        }
        row += 1;
    });
    (sets, without)
}

impl Category {
    /// The dictionary: the value of each code.
    pub(super) fn values(&self) -> &[String] {
        &self.values
    }

    /// The code of `value`, `None` when it is not in the dictionary.
    pub(super) fn code(&self, value: &str) -> Option<usize> {
        if self.sorted {
            self.values.binary_search_by(|v| v.as_str().cmp(value)).ok()
        } else {
            self.values.iter().position(|v| v == value)
        }
    }

    /// The rows having any of `codes`.
    pub(super) fn rows_with(
        &self,
        codes: impl IntoIterator<Item = usize>,
        universe: usize,
    ) -> Bitset {
        let mut rows = Bitset::empty(universe);
        for code in codes {
            if let Some(set) = self.sets.get(code) {
                set.or_into(&mut rows);
            }
        }
        rows
    }

    /// The rows without a value.
    pub(super) fn missing(&self) -> &RowSet {
        &self.missing
    }

    /// The number of rows of `within` (every row when `None`) per value; a row
    /// with several values counts for each.
    pub(super) fn count(&self, within: Option<(&Bitset, usize)>) -> Vec<usize> {
        let Some((rows, members)) = within else {
            return self.sets.iter().map(RowSet::len).collect();
        };
        let walk_cost = members + rows.words().len() + self.extra.len();
        if walk_cost < self.set_cost {
            let mut counts = vec![0; self.sets.len()];
            self.first.for_each_in(rows, &mut |_, code| {
                if let Some(count) = counts.get_mut(code) {
                    *count += 1;
                }
            });
            for &(row, code) in &self.extra {
                if rows.contains(row as usize) {
                    if let Some(count) = counts.get_mut(code as usize) {
                        *count += 1;
                    }
                }
            }
            counts
        } else {
            self.sets.iter().map(|set| set.and_count(rows)).collect()
        }
    }

    /// Bytes held on the heap (capacities, not lengths).
    pub(super) fn heap_bytes(&self) -> usize {
        self.values.capacity() * std::mem::size_of::<String>()
            + self.values.iter().map(String::capacity).sum::<usize>()
            + self.first.heap_bytes()
            + self.extra.capacity() * 8
            + self.sets.capacity() * std::mem::size_of::<RowSet>()
            + self.sets.iter().map(RowSet::heap_bytes).sum::<usize>()
            + self.missing.heap_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_widen_as_the_dictionary_grows_and_keep_every_row() {
        // Rows: every third without a value, the others 70,000 distinct values, so
        // that the codes go from 8 to 16 to 32 bits while the column is built.
        let value = |row: usize| (!row.is_multiple_of(3)).then(|| format!("v{:06}", row % 105_000));
        let mut builder = CategoryBuilder::new(None);
        for row in 0..105_000 {
            if let Some(value) = value(row) {
                let code = builder.code(&value).unwrap();
                builder.add_code(code);
            }
            builder.end_row();
        }
        let category = builder.finish();
        assert!(matches!(category.first, Codes::U32(_)));
        for row in [0, 1, 2, 254, 255, 256, 65_535, 65_536, 104_999] {
            let found = category
                .first
                .get(row)
                .map(|c| category.values()[c].clone());
            assert_eq!(found, value(row), "row {row}");
        }
        assert_eq!(category.missing.len(), 35_000);
    }
}
