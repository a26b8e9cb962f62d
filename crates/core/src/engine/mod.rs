//! The columnar query engine behind the explorer: filtering, disjunctive facet
//! counts, sorting and paging over the projects, with the same results as the
//! rules of [`crate::explore::facets`] and [`crate::explore::sort`].
//!
//! # Layout
//!
//! [`ProjectIndex::build`] turns the rows into columns once:
//! - each facet (municipality, province, theme, status, call, applicant type)
//!   is dictionary-encoded: one code per row in the narrowest integer that
//!   holds the dictionary (`u8` for the keyword facets), the further values of
//!   multi-valued rows (a project in two municipalities) in a short side list,
//!   and for every value the set of its rows as a [`RowSet`]: a sorted row list
//!   while rare, a bitmap once more than 1/32 of the rows have it;
//! - the subsidy is a plain `f64` column (NaN when unknown);
//! - the text of the title and lead applicant is folded ([`fold`]) and split
//!   into words once; the [`TextIndex`] maps each distinct word to its rows;
//! - the sort keys are integer columns: the rank of the folded title, the
//!   municipality entry ranked per language, the theme, status and call codes.
//!
//! # Queries
//!
//! A state becomes at most eight row bitmaps, one per active dimension (six
//! facets — the union of the selected values' sets —, the subsidy range, the
//! text). [`ProjectIndex::filter`] intersects them. [`ProjectIndex::facet_counts`]
//! derives, for every facet at once, the intersection of all the *other*
//! dimensions with prefix and suffix intersections (2 × dimensions bitmap
//! operations, not one filter per facet), then counts each facet's values in its
//! set: by popcount of `set ∧ value` for bitmap values, by probing the rows of
//! list values, or, when the set is small, by walking its rows and reading the
//! codes. [`ProjectIndex::sorted_page`] keeps the best `(page + 1) × size` rows of
//! the selection in a bounded heap over integer keys: no row is materialized and
//! nothing beyond the page is sorted.

pub mod bitset;
mod fold;
#[cfg(test)]
mod oracle;
mod sort;
pub mod synth;
#[cfg(test)]
mod tests;
pub mod text;

use self::bitset::{Bitset, RowSet};
use self::fold::{FastMap, Folder};
use self::text::{TextIndex, TextIndexBuilder};
use crate::datasets::{LeadType, Project, ProjectStatus, Theme};
use crate::explore::facets::words;
use crate::explore::{ExplorerState, FacetOption, Facets};
use crate::municipality::{Reference, WALLONIA};
use crate::text::fold;
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub use self::sort::SortKeys;

/// Dictionary codes, one per row, in the narrowest width holding the
/// dictionary; the width's maximum means "no value".
#[derive(Clone, Debug)]
enum Codes {
    U8(Vec<u8>),
    U16(Vec<u16>),
    U32(Vec<u32>),
}

impl Codes {
    /// Narrows `codes` (`u32::MAX` = none) for a dictionary of `values` entries.
    fn narrow(codes: Vec<u32>, values: usize) -> Codes {
        let none_or = |c: u32, none: u32| if c == u32::MAX { none } else { c };
        if values < usize::from(u8::MAX) {
            Codes::U8(
                codes
                    .iter()
                    .map(|&c| none_or(c, u32::from(u8::MAX)) as u8)
                    .collect(),
            )
        } else if values < usize::from(u16::MAX) {
            Codes::U16(
                codes
                    .iter()
                    .map(|&c| none_or(c, u32::from(u16::MAX)) as u16)
                    .collect(),
            )
        } else {
            Codes::U32(codes)
        }
    }

    /// The code of `row`, `None` when the row has no value.
    #[inline]
    fn get(&self, row: usize) -> Option<usize> {
        match self {
            Codes::U8(c) => c.get(row).filter(|&&v| v != u8::MAX).map(|&v| v.into()),
            Codes::U16(c) => c.get(row).filter(|&&v| v != u16::MAX).map(|&v| v.into()),
            Codes::U32(c) => c.get(row).filter(|&&v| v != u32::MAX).map(|&v| v as usize),
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

/// A dictionary-encoded facet column.
#[derive(Clone, Debug)]
struct Category {
    /// Per row, its first value.
    first: Codes,
    /// The further distinct values of multi-valued rows: `(row, code)`, by row.
    extra: Vec<(u32, u32)>,
    /// Per value, its rows.
    sets: Vec<RowSet>,
    /// What counting every value by its set costs, in word or row reads.
    set_cost: usize,
}

/// Collects a facet column row by row.
struct CategoryBuilder {
    first: Vec<u32>,
    extra: Vec<(u32, u32)>,
    rows_of: Vec<Vec<u32>>,
}

impl CategoryBuilder {
    fn new(rows: usize, values: usize) -> Self {
        CategoryBuilder {
            first: Vec::with_capacity(rows),
            extra: Vec::new(),
            rows_of: vec![Vec::new(); values],
        }
    }

    /// Adds the next row with its distinct `codes`.
    fn push(&mut self, codes: &[u32]) {
        let row = self.first.len() as u32;
        self.first.push(codes.first().copied().unwrap_or(u32::MAX));
        for (i, &code) in codes.iter().enumerate() {
            if i > 0 {
                self.extra.push((row, code));
            }
            if let Some(rows) = self.rows_of.get_mut(code as usize) {
                rows.push(row);
            }
        }
    }

    /// Adds the next row with one value, or none when `code` is `u32::MAX`.
    fn push_one(&mut self, code: u32) {
        if code == u32::MAX {
            self.push(&[]);
        } else {
            self.push(&[code]);
        }
    }

    fn finish(self) -> Category {
        let universe = self.first.len();
        let values = self.rows_of.len();
        let sets: Vec<RowSet> = self
            .rows_of
            .into_iter()
            .map(|rows| RowSet::from_sorted(rows, universe))
            .collect();
        let set_cost = sets
            .iter()
            .map(|s| match s {
                RowSet::Sparse(rows) => rows.len(),
                RowSet::Dense(..) => universe.div_ceil(64),
            })
            .sum();
        let mut extra = self.extra;
        extra.shrink_to_fit();
        Category {
            first: Codes::narrow(self.first, values),
            extra,
            sets,
            set_cost,
        }
    }
}

impl Category {
    /// The rows having any of `codes`.
    fn rows_with(&self, codes: impl IntoIterator<Item = usize>, universe: usize) -> Bitset {
        let mut rows = Bitset::empty(universe);
        for code in codes {
            if let Some(set) = self.sets.get(code) {
                set.or_into(&mut rows);
            }
        }
        rows
    }

    /// The number of rows of `within` (every row when `None`) per value; a row
    /// with several values counts for each.
    fn count(&self, within: Option<(&Bitset, usize)>) -> Vec<usize> {
        let Some((rows, members)) = within else {
            return self.sets.iter().map(RowSet::len).collect();
        };
        let walk_cost = members + rows.words().len() + self.extra.len();
        if walk_cost < self.set_cost {
            let mut counts = vec![0; self.sets.len()];
            for row in rows.iter() {
                if let Some(count) = self.first.get(row).and_then(|c| counts.get_mut(c)) {
                    *count += 1;
                }
            }
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

    fn heap_bytes(&self) -> usize {
        self.first.heap_bytes()
            + self.extra.capacity() * 8
            + self.sets.capacity() * std::mem::size_of::<RowSet>()
            + self.sets.iter().map(RowSet::heap_bytes).sum::<usize>()
    }
}

/// The filter dimensions: the six facets in [`crate::explore::Facet::ALL`]
/// order, then the subsidy range and the text.
const MUNICIPALITY: usize = 0;
const PROVINCE: usize = 1;
const THEME: usize = 2;
const STATUS: usize = 3;
const CALL: usize = 4;
const APPLICANT: usize = 5;
const SUBSIDY: usize = 6;
const TEXT: usize = 7;
const DIMENSIONS: usize = 8;
const FACETS: usize = 6;

/// The rows matching a state, as a bitmap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    rows: Bitset,
    len: usize,
}

impl Selection {
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

    /// The selected rows, ascending, as [`crate::explore::filter`] lists them.
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

/// The projects in columns, ready to be filtered, counted and sorted.
#[derive(Clone, Debug)]
pub struct ProjectIndex {
    rows: usize,
    /// Municipality NIS codes found in the data, sorted.
    municipality_values: Vec<String>,
    municipalities: Category,
    /// Province NIS codes reached through the data's municipalities, sorted.
    province_values: Vec<String>,
    provinces: Category,
    /// Provinces of Wallonia in the reference: always listed as options.
    walloon_provinces: Vec<String>,
    /// Codes in [`Theme::ALL`] order.
    themes: Category,
    /// Codes in [`ProjectStatus::ALL`] order.
    statuses: Category,
    /// Calls as [`call_of`] writes them, in (year, phase) order.
    call_values: Vec<String>,
    calls: Category,
    /// Codes in [`LeadType::ALL`] order.
    applicants: Category,
    /// Projects without municipality.
    unassigned: RowSet,
    /// Subsidy in euros, NaN when unknown.
    subsidy: Vec<f64>,
    text: TextIndex,
    keys: SortKeys,
}

/// The position of `value` in `all`, as a code.
fn position<T: PartialEq>(all: &[T], value: &T) -> u32 {
    all.iter()
        .position(|v| v == value)
        .map_or(u32::MAX, |p| p as u32)
}

/// A sorted dictionary of `values` and its lookup table.
fn dictionary<'a>(
    values: impl IntoIterator<Item = &'a str>,
) -> (Vec<String>, FastMap<&'a str, u32>) {
    let distinct: FastMap<&str, ()> = values.into_iter().map(|v| (v, ())).collect();
    let mut sorted: Vec<&str> = distinct.into_keys().collect();
    sorted.sort_unstable();
    let lookup = sorted
        .iter()
        .enumerate()
        .map(|(code, value)| (*value, code as u32))
        .collect();
    (sorted.into_iter().map(str::to_owned).collect(), lookup)
}

impl ProjectIndex {
    /// Indexes `projects` (at most `u32::MAX` of them) with the provinces and
    /// names of `reference`.
    pub fn build(projects: &[Project], reference: &Reference) -> ProjectIndex {
        let rows = projects.len();
        // Municipality → province, as the row-by-row filter reads it.
        let province_of: HashMap<&str, &str> = reference
            .municipalities
            .iter()
            .filter_map(|m| Some((m.nis.as_str(), m.province.as_deref()?)))
            .collect();

        let (municipality_values, municipality_code) = dictionary(
            projects
                .iter()
                .flat_map(|p| p.municipalities.iter().map(String::as_str)),
        );
        let (province_values, province_code) = dictionary(
            municipality_values
                .iter()
                .filter_map(|nis| province_of.get(nis.as_str()).copied()),
        );
        // Province code of each municipality code.
        let province_of_code: Vec<Option<u32>> = municipality_values
            .iter()
            .map(|nis| {
                let province = province_of.get(nis.as_str())?;
                province_code.get(province).copied()
            })
            .collect();
        let mut call_pairs: Vec<(u16, &str)> = projects
            .iter()
            .map(|p| (p.call_year, p.phase.as_str()))
            .map(|pair| (pair, ()))
            .collect::<FastMap<_, _>>()
            .into_keys()
            .collect();
        call_pairs.sort_unstable();
        let call_code: FastMap<(u16, &str), u32> = call_pairs
            .iter()
            .enumerate()
            .map(|(code, pair)| (*pair, code as u32))
            .collect();
        let call_values = call_pairs
            .iter()
            .map(|&(year, phase)| {
                if phase == year.to_string() {
                    phase.to_owned()
                } else {
                    format!("{year}-{phase}")
                }
            })
            .collect();

        let mut municipalities = CategoryBuilder::new(rows, municipality_values.len());
        let mut provinces = CategoryBuilder::new(rows, province_values.len());
        let mut themes = CategoryBuilder::new(rows, Theme::ALL.len());
        let mut statuses = CategoryBuilder::new(rows, ProjectStatus::ALL.len());
        let mut calls = CategoryBuilder::new(rows, call_pairs.len());
        let mut applicants = CategoryBuilder::new(rows, LeadType::ALL.len());
        let mut unassigned = Vec::new();
        let mut subsidy = Vec::with_capacity(rows);
        let mut text = TextIndexBuilder::default();
        let mut keys = sort::SortKeysBuilder::new(reference, rows);
        let (mut m_codes, mut p_codes) = (Vec::new(), Vec::new());
        let mut folder = Folder::default();
        for (row, project) in projects.iter().enumerate() {
            let row32 = row as u32;
            m_codes.clear();
            p_codes.clear();
            for nis in &project.municipalities {
                if let Some(&code) = municipality_code.get(nis.as_str()) {
                    if !m_codes.contains(&code) {
                        m_codes.push(code);
                        if let Some(Some(p)) = province_of_code.get(code as usize) {
                            if !p_codes.contains(p) {
                                p_codes.push(*p);
                            }
                        }
                    }
                }
            }
            municipalities.push(&m_codes);
            provinces.push(&p_codes);
            if project.municipalities.is_empty() {
                unassigned.push(row32);
            }
            themes.push_one(project.theme.map_or(u32::MAX, |t| position(Theme::ALL, &t)));
            statuses.push_one(position(ProjectStatus::ALL, &project.status));
            calls.push_one(
                call_code
                    .get(&(project.call_year, project.phase.as_str()))
                    .copied()
                    .unwrap_or(u32::MAX),
            );
            applicants.push_one(
                project
                    .lead_type
                    .map_or(u32::MAX, |t| position(LeadType::ALL, &t)),
            );
            subsidy.push(project.subsidy_eur.unwrap_or(f64::NAN));
            let title = folder.fold(&project.title);
            let lead = project.lead_applicant.as_deref().map(|l| folder.fold(l));
            text.add(
                row32,
                words(&title).chain(lead.as_deref().into_iter().flat_map(words)),
            );
            keys.push(project, title);
        }
        let walloon_provinces = reference
            .provinces
            .iter()
            .filter(|p| p.region == WALLONIA)
            .map(|p| p.nis.clone())
            .collect();
        ProjectIndex {
            rows,
            municipality_values,
            municipalities: municipalities.finish(),
            province_values,
            provinces: provinces.finish(),
            walloon_provinces,
            themes: themes.finish(),
            statuses: statuses.finish(),
            call_values,
            calls: calls.finish(),
            applicants: applicants.finish(),
            unassigned: RowSet::from_sorted(unassigned, rows),
            subsidy,
            text: text.finish(rows),
            keys: keys.finish(),
        }
    }

    /// The number of rows indexed.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The distinct words of the text index.
    pub fn vocabulary(&self) -> usize {
        self.text.vocabulary()
    }

    /// The rows within the inclusive subsidy range; rows without subsidy are
    /// out as soon as a bound is set. `None` when no bound is set.
    pub fn subsidy_range(&self, min: Option<f64>, max: Option<f64>) -> Option<Bitset> {
        if min.is_none() && max.is_none() {
            return None;
        }
        let (lo, hi) = (
            min.unwrap_or(f64::NEG_INFINITY),
            max.unwrap_or(f64::INFINITY),
        );
        let words = self
            .subsidy
            .chunks(64)
            .map(|chunk| {
                chunk.iter().enumerate().fold(0u64, |bits, (i, &value)| {
                    // NaN (unknown) fails both comparisons.
                    bits | (u64::from(value >= lo && value <= hi) << i)
                })
            })
            .collect();
        let rows = Bitset::from_words(words, self.rows);
        Some(rows)
    }

    /// One bitmap per active dimension of `state`, `None` for the others.
    fn masks(&self, state: &ExplorerState) -> [Option<Bitset>; DIMENSIONS] {
        let n = self.rows;
        let lookup = |values: &[String], wanted: &BTreeSet<String>| -> Vec<usize> {
            wanted
                .iter()
                .filter_map(|w| values.binary_search(w).ok())
                .collect()
        };
        let keyword = |cat: &Category, codes: Vec<u32>| {
            cat.rows_with(codes.into_iter().map(|c| c as usize), n)
        };
        let mut masks: [Option<Bitset>; DIMENSIONS] = Default::default();
        if !state.municipalities.is_empty() {
            masks[MUNICIPALITY] = Some(
                self.municipalities
                    .rows_with(lookup(&self.municipality_values, &state.municipalities), n),
            );
        }
        if !state.provinces.is_empty() {
            masks[PROVINCE] = Some(
                self.provinces
                    .rows_with(lookup(&self.province_values, &state.provinces), n),
            );
        }
        if !state.themes.is_empty() {
            let codes = state
                .themes
                .iter()
                .map(|t| position(Theme::ALL, t))
                .collect();
            masks[THEME] = Some(keyword(&self.themes, codes));
        }
        if !state.statuses.is_empty() {
            let codes = state
                .statuses
                .iter()
                .map(|s| position(ProjectStatus::ALL, s))
                .collect();
            masks[STATUS] = Some(keyword(&self.statuses, codes));
        }
        if !state.calls.is_empty() {
            let codes = state
                .calls
                .iter()
                .filter_map(|c| self.call_values.iter().position(|v| v == c))
                .collect::<Vec<_>>();
            masks[CALL] = Some(self.calls.rows_with(codes, n));
        }
        if !state.applicant_types.is_empty() {
            let codes = state
                .applicant_types
                .iter()
                .map(|t| position(LeadType::ALL, t))
                .collect();
            masks[APPLICANT] = Some(keyword(&self.applicants, codes));
        }
        masks[SUBSIDY] = self.subsidy_range(state.subsidy_min, state.subsidy_max);
        let folded = fold(&state.text);
        let query: Vec<String> = words(&folded).map(str::to_owned).collect();
        masks[TEXT] = self.text.search(&query, n);
        masks
    }

    /// The rows matching every filter of `state` (the rules of
    /// [`crate::explore::facets`]).
    pub fn filter(&self, state: &ExplorerState) -> Selection {
        let mut result: Option<Bitset> = None;
        for mask in self.masks(state).into_iter().flatten() {
            match result.as_mut() {
                Some(acc) => acc.and_assign(&mask),
                None => result = Some(mask),
            }
        }
        let rows = result.unwrap_or_else(|| Bitset::full(self.rows));
        let len = rows.count();
        Selection { rows, len }
    }

    /// The options of every facet with disjunctive counts, as
    /// [`crate::explore::facet_counts`] defines them.
    pub fn facet_counts(&self, state: &ExplorerState) -> Facets {
        let masks = self.masks(state);
        let active: Vec<(usize, &Bitset)> = masks
            .iter()
            .enumerate()
            .filter_map(|(d, m)| Some((d, m.as_ref()?)))
            .collect();
        // prefix[i] = ∧ active[..i], suffix[i] = ∧ active[i..]; None = every row.
        let mut prefix: Vec<Option<Bitset>> = vec![None];
        for (i, (_, mask)) in active.iter().enumerate() {
            let next = and(prefix[i].as_ref(), mask);
            prefix.push(Some(next));
        }
        let mut suffix: Vec<Option<Bitset>> = vec![None; active.len() + 1];
        for i in (0..active.len()).rev() {
            suffix[i] = Some(and(suffix[i + 1].as_ref(), active[i].1));
        }
        let selection = prefix.last().cloned().flatten();
        let with_count = |set: Option<Bitset>| {
            set.map(|s| {
                let n = s.count();
                (s, n)
            })
        };
        // The rows passing every dimension but `facet`, and their number.
        let others: Vec<Option<(Bitset, usize)>> = (0..FACETS)
            .map(|facet| match active.iter().position(|(d, _)| *d == facet) {
                Some(i) => with_count(match (&prefix[i], &suffix[i + 1]) {
                    (None, None) => None,
                    (Some(a), None) | (None, Some(a)) => Some(a.clone()),
                    (Some(a), Some(b)) => Some(and(Some(a), b)),
                }),
                None => with_count(selection.clone()),
            })
            .collect();
        let counts: Vec<Vec<usize>> = [
            &self.municipalities,
            &self.provinces,
            &self.themes,
            &self.statuses,
            &self.calls,
            &self.applicants,
        ]
        .iter()
        .zip(&others)
        .map(|(cat, within)| cat.count(within.as_ref().map(|(s, n)| (s, *n))))
        .collect();
        let (matching, unassigned) = match &selection {
            Some(rows) => (rows.count(), self.unassigned.and_count(rows)),
            None => (self.rows, self.unassigned.len()),
        };

        let counted = |values: &[String], counts: &[usize]| -> BTreeMap<String, usize> {
            values
                .iter()
                .zip(counts)
                .filter(|(_, n)| **n > 0)
                .map(|(v, n)| (v.clone(), *n))
                .collect()
        };
        let municipality_counts = counted(&self.municipality_values, &counts[MUNICIPALITY]);
        let province_counts = counted(&self.province_values, &counts[PROVINCE]);
        let call_counts = counted(&self.call_values, &counts[CALL]);
        let municipalities: BTreeSet<String> = municipality_counts
            .keys()
            .cloned()
            .chain(state.municipalities.iter().cloned())
            .collect();
        let provinces: BTreeSet<String> = self
            .walloon_provinces
            .iter()
            .cloned()
            .chain(province_counts.keys().cloned())
            .chain(state.provinces.iter().cloned())
            .collect();
        let calls: BTreeSet<String> = self
            .call_values
            .iter()
            .cloned()
            .chain(state.calls.iter().cloned())
            .collect();
        Facets {
            municipalities: string_options(
                municipalities,
                &municipality_counts,
                &state.municipalities,
            ),
            provinces: string_options(provinces, &province_counts, &state.provinces),
            themes: keyword_options(Theme::ALL, &counts[THEME], &state.themes),
            statuses: keyword_options(ProjectStatus::ALL, &counts[STATUS], &state.statuses),
            calls: string_options(calls, &call_counts, &state.calls),
            applicant_types: keyword_options(
                LeadType::ALL,
                &counts[APPLICANT],
                &state.applicant_types,
            ),
            matching,
            unassigned,
        }
    }

    /// Bytes the index holds on the heap (capacities, not lengths).
    pub fn heap_bytes(&self) -> usize {
        let strings = |v: &Vec<String>| {
            v.capacity() * std::mem::size_of::<String>()
                + v.iter().map(String::capacity).sum::<usize>()
        };
        strings(&self.municipality_values)
            + strings(&self.province_values)
            + strings(&self.walloon_provinces)
            + strings(&self.call_values)
            + [
                &self.municipalities,
                &self.provinces,
                &self.themes,
                &self.statuses,
                &self.calls,
                &self.applicants,
            ]
            .iter()
            .map(|c| c.heap_bytes())
            .sum::<usize>()
            + self.unassigned.heap_bytes()
            + self.subsidy.capacity() * 8
            + self.text.heap_bytes()
            + self.keys.heap_bytes()
    }
}

/// `a ∧ b`, `a` being every row when `None`.
fn and(a: Option<&Bitset>, b: &Bitset) -> Bitset {
    let mut out = b.clone();
    if let Some(a) = a {
        out.and_assign(a);
    }
    out
}

/// Options of a keyword facet: every value, counted and marked.
fn keyword_options<K: Copy + Ord + std::fmt::Display>(
    all: &[K],
    counts: &[usize],
    selected: &BTreeSet<K>,
) -> Vec<FacetOption> {
    all.iter()
        .enumerate()
        .map(|(code, value)| FacetOption {
            value: value.to_string(),
            count: counts.get(code).copied().unwrap_or(0),
            selected: selected.contains(value),
        })
        .collect()
}

/// Options of a string facet: the given values, counted and marked.
fn string_options(
    values: BTreeSet<String>,
    counts: &BTreeMap<String, usize>,
    selected: &BTreeSet<String>,
) -> Vec<FacetOption> {
    values
        .into_iter()
        .map(|value| FacetOption {
            count: counts.get(&value).copied().unwrap_or(0),
            selected: selected.contains(&value),
            value,
        })
        .collect()
}

/// The size of the indexed columns in a plain columnar layout (Arrow without
/// dictionaries): each text as its UTF-8 bytes plus a 4-byte offset (titles,
/// lead applicants, municipality codes as a list, theme, status, applicant
/// type, phase), the call year on 2 bytes, the subsidy on 8 bytes plus a
/// validity bit. The yardstick of [`ProjectIndex::heap_bytes`].
pub fn raw_column_bytes(projects: &[Project]) -> usize {
    let text = |s: &str| s.len() + 4;
    projects
        .iter()
        .map(|p| {
            text(&p.title)
                + text(p.lead_applicant.as_deref().unwrap_or(""))
                + 4
                + p.municipalities.iter().map(|m| text(m)).sum::<usize>()
                + text(p.theme.map_or("", |t| t.as_str()))
                + text(p.status.as_str())
                + text(p.lead_type.map_or("", |t| t.as_str()))
                + text(&p.phase)
                + 2
                + 8
        })
        .sum::<usize>()
        + projects.len().div_ceil(8)
}
