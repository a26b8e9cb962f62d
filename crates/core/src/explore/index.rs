//! The projects as one [`Schema`] over the columnar engine ([`crate::engine`]):
//! the explorer's filter, facet counts and sorted pages, with the rules of
//! [`super::facets`] and [`super::sort`].
//!
//! The columns: the municipalities (NIS codes, several per project), their
//! provinces (through the [`Reference`]), the theme, status, call and
//! applicant type (fixed dictionaries in their declaration order, calls in
//! (year, phase) order), the subsidy, and the title and lead applicant as
//! text. Sorting by municipality ranks each municipality code by its name in
//! the reader's language.

use super::facets::{FacetOption, Facets};
use super::state::{ExplorerState, Sort, SortKey};
use crate::datasets::{LeadType, Project, ProjectStatus, Theme};
use crate::engine::{
    self, ColumnSpec, FastMap, Order, Query, Range, Schema, Selection, Table, TableBuilder,
};
use crate::language::Language;
use crate::municipality::{Reference, WALLONIA};
use crate::ordered::{ordered_map, ordered_set};
use crate::text::fold;
use std::collections::{BTreeMap, BTreeSet};

#[cfg(test)]
mod oracle;
#[cfg(test)]
mod tests;

/// The columns, by position in [`schema`]; the six facets first, in
/// [`super::Facet::ALL`] order.
const MUNICIPALITY: usize = 0;
const PROVINCE: usize = 1;
const THEME: usize = 2;
const STATUS: usize = 3;
const CALL: usize = 4;
const APPLICANT: usize = 5;
const SUBSIDY: usize = 6;
const TITLE: usize = 7;
const LEAD: usize = 8;
const FACETS: [usize; 6] = [MUNICIPALITY, PROVINCE, THEME, STATUS, CALL, APPLICANT];

/// The projects' schema, the calls found in the data (`call_values`, in
/// (year, phase) order) given.
fn schema(call_values: Vec<String>) -> Schema {
    Schema::new(vec![
        ColumnSpec::category("municipality"),
        ColumnSpec::category("province"),
        ColumnSpec::category_in("theme", Theme::ALL.iter().map(|t| t.as_str())),
        ColumnSpec::category_in("status", ProjectStatus::ALL.iter().map(|s| s.as_str())),
        ColumnSpec::category_in("call", call_values),
        ColumnSpec::category_in("applicant", LeadType::ALL.iter().map(|t| t.as_str())),
        ColumnSpec::number("subsidy"),
        ColumnSpec::text("title"),
        ColumnSpec::text("lead"),
    ])
}

/// The projects in columns, ready to be filtered, counted and sorted.
#[derive(Clone, Debug)]
pub struct ProjectIndex {
    table: Table,
    /// Provinces of Wallonia in the reference: always listed as options.
    walloon_provinces: Vec<String>,
    /// Per language (in [`Language::ALL`] order), per municipality code, the
    /// rank of its folded name; `u32::MAX` when it has none.
    commune_ranks: Vec<Vec<u32>>,
}

impl ProjectIndex {
    /// Indexes `projects` (fewer than `u32::MAX` of them) with the provinces
    /// and names of `reference`.
    pub fn build(projects: &[Project], reference: &Reference) -> ProjectIndex {
        // Municipality → province, as the row-by-row filter reads it.
        let province_of: FastMap<&str, &str> = reference
            .municipalities
            .iter()
            .filter_map(|m| Some((m.nis.as_str(), m.province.as_deref()?)))
            .collect();
        let call_pairs: Vec<(u16, &str)> =
            ordered_set(projects.iter().map(|p| (p.call_year, p.phase.as_str())))
                .into_iter()
                .collect();
        let call_code: FastMap<(u16, &str), usize> = call_pairs
            .iter()
            .enumerate()
            .map(|(code, pair)| (*pair, code))
            .collect();
        let call_values: Vec<String> = call_pairs
            .iter()
            .map(|&(year, phase)| {
                if phase == year.to_string() {
                    phase.to_owned()
                } else {
                    format!("{year}-{phase}")
                }
            })
            .collect();

        let mut table = TableBuilder::new(&schema(call_values.clone()));
        // The first name given to a municipality code that comes first in a
        // project, for the codes the reference does not name.
        let mut named: FastMap<&str, &str> = FastMap::default();
        let mut provinces: Vec<&str> = Vec::new();
        for project in projects {
            table.category(MUNICIPALITY, &project.municipalities);
            provinces.clear();
            provinces.extend(
                project
                    .municipalities
                    .iter()
                    .filter_map(|nis| province_of.get(nis.as_str()).copied()),
            );
            table.category(PROVINCE, &provinces);
            table.category(THEME, project.theme.map(Theme::as_str));
            table.category(STATUS, [project.status.as_str()]);
            let call = call_code.get(&(project.call_year, project.phase.as_str()));
            table.category(
                CALL,
                call.and_then(|&code| call_values.get(code))
                    .map(String::as_str),
            );
            table.category(APPLICANT, project.lead_type.map(LeadType::as_str));
            table.number(SUBSIDY, project.subsidy_eur);
            if let (Some(nis), Some(name)) = (
                project.municipalities.first(),
                project.municipality_names.first(),
            ) {
                named.entry(nis.as_str()).or_insert(name.as_str());
            }
            table.end_row();
        }
        let table = table.finish();
        table.index_texts(|column| {
            projects.iter().map(move |project| match column {
                TITLE => project.title.as_str(),
                LEAD => project.lead_applicant.as_deref().unwrap_or(""),
                _ => "",
            })
        });
        table.rank_texts(TITLE, |row| projects[row].title.as_str());

        let commune_ranks = Language::ALL
            .iter()
            .map(|&language| {
                let names: Vec<Option<String>> = table
                    .values(MUNICIPALITY)
                    .iter()
                    .map(|nis| match reference.municipality(nis) {
                        Some(m) => Some(fold(m.display_name(language))),
                        None => named.get(nis.as_str()).map(|name| fold(name)),
                    })
                    .collect();
                ranks(&names)
            })
            .collect();
        let walloon_provinces = reference
            .provinces
            .iter()
            .filter(|p| p.region == WALLONIA)
            .map(|p| p.nis.clone())
            .collect();
        ProjectIndex {
            table,
            walloon_provinces,
            commune_ranks,
        }
    }

    /// The number of rows indexed.
    pub fn rows(&self) -> usize {
        self.table.rows()
    }

    /// The distinct words of the text index.
    pub fn vocabulary(&self) -> usize {
        self.table.vocabulary()
    }

    /// The rows matching every filter of `state` (the rules of
    /// [`super::facets`]).
    pub fn filter(&self, state: &ExplorerState) -> Selection {
        self.table.filter(&query(state))
    }

    /// The options of every facet with disjunctive counts, as
    /// [`super::facet_counts`] defines them.
    pub fn facet_counts(&self, state: &ExplorerState) -> Facets {
        let counts = self.table.facet_counts(&query(state), &FACETS);
        let selection = counts.selection();
        let counted = |column: usize| -> BTreeMap<String, usize> {
            ordered_map(
                self.table
                    .values(column)
                    .iter()
                    .zip(counts.counts(column))
                    .filter(|(_, n)| **n > 0)
                    .map(|(v, n)| (v.clone(), *n)),
            )
        };
        let municipality_counts = counted(MUNICIPALITY);
        let province_counts = counted(PROVINCE);
        let call_counts = counted(CALL);
        let municipalities = ordered_set(
            self.table
                .values(MUNICIPALITY)
                .iter()
                .cloned()
                .chain(state.municipalities.iter().cloned()),
        );
        let provinces = ordered_set(
            self.walloon_provinces
                .iter()
                .cloned()
                .chain(province_counts.keys().cloned())
                .chain(state.provinces.iter().cloned()),
        );
        let calls = ordered_set(
            self.table
                .values(CALL)
                .iter()
                .cloned()
                .chain(state.calls.iter().cloned()),
        );
        Facets {
            municipalities: string_options(
                municipalities,
                &municipality_counts,
                &state.municipalities,
            ),
            provinces: string_options(provinces, &province_counts, &state.provinces),
            themes: keyword_options(Theme::ALL, counts.counts(THEME), &state.themes),
            statuses: keyword_options(ProjectStatus::ALL, counts.counts(STATUS), &state.statuses),
            calls: string_options(calls, &call_counts, &state.calls),
            applicant_types: keyword_options(
                LeadType::ALL,
                counts.counts(APPLICANT),
                &state.applicant_types,
            ),
            matching: selection.len(),
        }
    }

    /// How many projects of `selection` name no municipality.
    pub fn unassigned(&self, selection: &Selection) -> usize {
        self.table.count_missing(selection, MUNICIPALITY)
    }

    /// The engine's order for `sort`, municipalities named in `language`:
    /// ties by folded title.
    fn order(&self, sort: Sort, language: Language) -> Order<'_> {
        let key = match sort.key {
            SortKey::Title => engine::SortKey::Column(TITLE),
            SortKey::Commune => engine::SortKey::Ranked {
                column: MUNICIPALITY,
                ranks: Language::ALL
                    .iter()
                    .position(|&l| l == language)
                    .and_then(|i| self.commune_ranks.get(i))
                    .map_or(&[], Vec::as_slice),
            },
            SortKey::Theme => engine::SortKey::Column(THEME),
            SortKey::Status => engine::SortKey::Column(STATUS),
            SortKey::Year => engine::SortKey::Column(CALL),
            SortKey::Subsidy => engine::SortKey::Column(SUBSIDY),
        };
        Order {
            key,
            descending: sort.descending,
            then: Some(engine::SortKey::Column(TITLE)),
        }
    }

    /// Every selected row in the order of `sort` (names of municipalities in
    /// `language`): what [`super::sort_results`] gives for the selection's
    /// ascending indices.
    pub fn sort_all(&self, selection: &Selection, sort: Sort, language: Language) -> Vec<usize> {
        self.table.sort_all(selection, self.order(sort, language))
    }

    /// The rows of page `page` (0-based) of `size` rows of the selection in
    /// the order of `sort`, as [`super::page`] would cut them from
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
        self.table
            .sorted_page(selection, self.order(sort, language), page, size)
    }

    /// Bytes the index holds on the heap (capacities, not lengths).
    pub fn heap_bytes(&self) -> usize {
        self.table.heap_bytes()
            + self.walloon_provinces.capacity() * std::mem::size_of::<String>()
            + self
                .walloon_provinces
                .iter()
                .map(String::capacity)
                .sum::<usize>()
            + self
                .commune_ranks
                .iter()
                .map(|r| r.capacity() * 4)
                .sum::<usize>()
    }
}

/// The engine's query for `state`.
fn query(state: &ExplorerState) -> Query {
    let strings = |set: &BTreeSet<String>| set.iter().cloned().collect();
    Query {
        categories: vec![
            (MUNICIPALITY, strings(&state.municipalities)),
            (PROVINCE, strings(&state.provinces)),
            (
                THEME,
                state.themes.iter().map(|t| t.as_str().into()).collect(),
            ),
            (
                STATUS,
                state.statuses.iter().map(|s| s.as_str().into()).collect(),
            ),
            (CALL, strings(&state.calls)),
            (
                APPLICANT,
                state
                    .applicant_types
                    .iter()
                    .map(|t| t.as_str().into())
                    .collect(),
            ),
        ],
        ranges: vec![Range {
            column: SUBSIDY,
            min: state.subsidy_min,
            max: state.subsidy_max,
        }],
        text: state.text.clone(),
    }
}

/// The rank of each name among the distinct names; `u32::MAX` for none.
fn ranks(names: &[Option<String>]) -> Vec<u32> {
    let distinct: Vec<&str> = ordered_set(names.iter().flatten().map(String::as_str))
        .into_iter()
        .collect();
    names
        .iter()
        .map(|name| {
            name.as_deref()
                .and_then(|n| distinct.binary_search(&n).ok())
                .map_or(u32::MAX, |r| r as u32)
        })
        .collect()
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
