//! Sorting and paging a selection by integer keys, in the order of
//! [`crate::explore::sort_results`]: the key (missing last in both directions),
//! then the folded title (ascending, empty last), then the row.

use super::fold::FastMap;
use super::{Codes, ProjectIndex, Selection};
use crate::datasets::Project;
use crate::explore::{Sort, SortKey};
use crate::language::Language;
use crate::municipality::{Municipality, Reference};
use crate::text::fold;
use std::collections::BinaryHeap;

/// Pages up to this many rows deep are cut from a bounded heap; deeper ones
/// from a partial selection over every key.
const HEAP_LIMIT: usize = 4096;

/// The sort columns that the facet columns do not already give.
#[derive(Clone, Debug)]
pub struct SortKeys {
    /// Per row, the rank of its folded title; `u32::MAX` when empty.
    title_rank: Vec<u32>,
    /// Per row, its first municipality as an entry of `commune_rank`.
    commune: Codes,
    /// Per language (in [`Language::ALL`] order), per entry, the rank of its
    /// folded name; `u32::MAX` when it has none.
    commune_rank: Vec<Vec<u32>>,
}

/// What names a row's first municipality.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Commune {
    /// A municipality of the reference, by position.
    Known(usize),
    /// A code missing from the reference: the first name given in the data.
    Named(Option<String>),
}

/// Collects the sort columns row by row.
pub(super) struct SortKeysBuilder<'a> {
    reference: &'a Reference,
    by_nis: FastMap<&'a str, usize>,
    titles: Vec<String>,
    entries: FastMap<Commune, u32>,
    commune: Vec<u32>,
}

impl<'a> SortKeysBuilder<'a> {
    pub(super) fn new(reference: &'a Reference, rows: usize) -> Self {
        let mut by_nis = FastMap::default();
        for (i, m) in reference.municipalities.iter().enumerate() {
            // The first of duplicates, as `Reference::municipality` finds it.
            by_nis.entry(m.nis.as_str()).or_insert(i);
        }
        SortKeysBuilder {
            reference,
            by_nis,
            titles: Vec::with_capacity(rows),
            entries: FastMap::default(),
            commune: Vec::with_capacity(rows),
        }
    }

    /// Adds the next row, whose folded title is `title`.
    pub(super) fn push(&mut self, project: &Project, title: String) {
        self.titles.push(title);
        let code = match project.municipalities.first() {
            None => u32::MAX,
            Some(nis) => {
                let entry = match self.by_nis.get(nis.as_str()) {
                    Some(&i) => Commune::Known(i),
                    None => Commune::Named(project.municipality_names.first().cloned()),
                };
                let next = self.entries.len() as u32;
                *self.entries.entry(entry).or_insert(next)
            }
        };
        self.commune.push(code);
    }

    pub(super) fn finish(self) -> SortKeys {
        let mut order: Vec<u32> = (0..self.titles.len() as u32)
            .filter(|&r| self.titles.get(r as usize).is_some_and(|t| !t.is_empty()))
            .collect();
        order.sort_unstable_by(|&a, &b| self.titles[a as usize].cmp(&self.titles[b as usize]));
        let mut title_rank = vec![u32::MAX; self.titles.len()];
        let mut rank = 0u32;
        for (i, &row) in order.iter().enumerate() {
            if i > 0 && self.titles[order[i - 1] as usize] != self.titles[row as usize] {
                rank += 1;
            }
            title_rank[row as usize] = rank;
        }

        let mut entries: Vec<(Commune, u32)> = self.entries.into_iter().collect();
        entries.sort_unstable_by_key(|(_, code)| *code);
        let commune_rank = Language::ALL
            .iter()
            .map(|&language| {
                let names: Vec<Option<String>> = entries
                    .iter()
                    .map(|(entry, _)| match entry {
                        Commune::Known(i) => self
                            .reference
                            .municipalities
                            .get(*i)
                            .map(|m: &Municipality| fold(m.display_name(language))),
                        Commune::Named(name) => name.as_deref().map(fold),
                    })
                    .collect();
                ranks(&names)
            })
            .collect();
        let values = entries.len();
        SortKeys {
            title_rank,
            commune: Codes::narrow(self.commune, values),
            commune_rank,
        }
    }
}

/// The rank of each name among the distinct names; `u32::MAX` for none.
fn ranks(names: &[Option<String>]) -> Vec<u32> {
    let mut distinct: Vec<&str> = names.iter().flatten().map(String::as_str).collect();
    distinct.sort_unstable();
    distinct.dedup();
    names
        .iter()
        .map(|name| {
            name.as_deref()
                .and_then(|n| distinct.binary_search(&n).ok())
                .map_or(u32::MAX, |r| r as u32)
        })
        .collect()
}

impl SortKeys {
    pub(super) fn heap_bytes(&self) -> usize {
        self.title_rank.capacity() * 4
            + self.commune.heap_bytes()
            + self
                .commune_rank
                .iter()
                .map(|r| r.capacity() * 4)
                .sum::<usize>()
    }
}

/// A row's place in the order: the key (missing = `u64::MAX`, descending
/// keys mirrored below it), the title rank, the row.
type Key = (u64, u32, u32);

/// Orders `f64` like `total_cmp` does, as unsigned integers.
fn ordered_bits(value: f64) -> u64 {
    let bits = value.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

impl ProjectIndex {
    /// The sort key of `row`.
    fn key(&self, sort: Sort, language: usize, row: usize) -> Key {
        let code = |codes: &Codes| codes.get(row).map(|c| c as u64);
        let primary = match sort.key {
            SortKey::Title => self
                .keys
                .title_rank
                .get(row)
                .filter(|&&r| r != u32::MAX)
                .map(|&r| u64::from(r)),
            SortKey::Commune => self.keys.commune.get(row).and_then(|entry| {
                self.keys
                    .commune_rank
                    .get(language)
                    .and_then(|ranks| ranks.get(entry))
                    .filter(|&&r| r != u32::MAX)
                    .map(|&r| u64::from(r))
            }),
            SortKey::Theme => code(&self.themes.first),
            SortKey::Status => code(&self.statuses.first),
            SortKey::Year => code(&self.calls.first),
            SortKey::Subsidy => self
                .subsidy
                .get(row)
                .filter(|v| !v.is_nan())
                .map(|&v| ordered_bits(v)),
        };
        let primary = match primary {
            None => u64::MAX,
            Some(k) if sort.descending => u64::MAX - 1 - k,
            Some(k) => k,
        };
        let title = self.keys.title_rank.get(row).copied().unwrap_or(u32::MAX);
        (primary, title, row as u32)
    }

    /// Every selected row in the order of `sort` (names of municipalities in
    /// `language`): what [`crate::explore::sort_results`] gives for the
    /// selection's ascending indices.
    pub fn sort_all(&self, selection: &Selection, sort: Sort, language: Language) -> Vec<usize> {
        let language = language_index(language);
        let mut keys: Vec<Key> = selection
            .iter()
            .map(|r| self.key(sort, language, r))
            .collect();
        keys.sort_unstable();
        keys.into_iter().map(|(_, _, row)| row as usize).collect()
    }

    /// The rows of page `page` (0-based) of `size` rows of the selection in
    /// the order of `sort`, as [`crate::explore::page`] would cut them from
    /// [`ProjectIndex::sort_all`]; only the rows up to the page's end are
    /// ordered, in a bounded heap.
    pub fn sorted_page(
        &self,
        selection: &Selection,
        sort: Sort,
        language: Language,
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
        let language = language_index(language);
        let keys = selection.iter().map(|r| self.key(sort, language, r));
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

fn language_index(language: Language) -> usize {
    Language::ALL
        .iter()
        .position(|&l| l == language)
        .unwrap_or(0)
}
