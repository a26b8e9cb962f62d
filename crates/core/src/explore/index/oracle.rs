//! The row-by-row filter and facet counts the engine replaced, kept only as
//! the oracle of the projects' index's tests: a copy of the original
//! `explore::facets` implementation.

#![allow(dead_code)]

use crate::datasets::{LeadType, Project, ProjectStatus, Theme};
use crate::explore::{call_of, ExplorerState, FacetOption, Facets};
use crate::municipality::{Reference, WALLONIA};
use crate::text::fold;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The filter dimensions; the first six are the facets, in [`Facet::ALL`] order.
const MUNICIPALITY: usize = 0;
const PROVINCE: usize = 1;
const THEME: usize = 2;
const STATUS: usize = 3;
const CALL: usize = 4;
const APPLICANT: usize = 5;
const SUBSIDY: usize = 6;
const TEXT: usize = 7;

/// Splits folded text into words: runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The state, prepared for testing projects against it.
struct Matcher<'a> {
    state: &'a ExplorerState,
    /// Municipality NIS code → province NIS code.
    province_of: HashMap<&'a str, &'a str>,
    /// The folded words of the free text.
    query: Vec<String>,
}

impl<'a> Matcher<'a> {
    fn new(reference: &'a Reference, state: &'a ExplorerState) -> Self {
        let province_of = reference
            .municipalities
            .iter()
            .filter_map(|m| Some((m.nis.as_str(), m.province.as_deref()?)))
            .collect();
        let folded = fold(&state.text);
        let query = words(&folded).map(str::to_owned).collect();
        Matcher {
            state,
            province_of,
            query,
        }
    }

    /// The distinct provinces of a project's municipalities.
    fn provinces(&self, project: &'a Project) -> BTreeSet<&'a str> {
        project
            .municipalities
            .iter()
            .filter_map(|nis| self.province_of.get(nis.as_str()).copied())
            .collect()
    }

    /// Whether the free text matches the project.
    fn text_matches(&self, project: &Project) -> bool {
        if self.query.is_empty() {
            return true;
        }
        let mut haystack = fold(&project.title);
        if let Some(lead) = &project.lead_applicant {
            haystack.push(' ');
            haystack.push_str(&fold(lead));
        }
        let targets: Vec<&str> = words(&haystack).collect();
        self.query
            .iter()
            .all(|q| targets.iter().any(|w| w.starts_with(q.as_str())))
    }

    /// The bit set of the dimensions the project fails.
    fn failures(&self, project: &'a Project) -> u8 {
        let s = self.state;
        let mut failed = 0u8;
        let mut fail = |dimension: usize, ok: bool| {
            if !ok {
                failed |= 1 << dimension;
            }
        };
        fail(
            MUNICIPALITY,
            s.municipalities.is_empty()
                || project
                    .municipalities
                    .iter()
                    .any(|m| s.municipalities.contains(m)),
        );
        fail(
            PROVINCE,
            s.provinces.is_empty()
                || project.municipalities.iter().any(|m| {
                    self.province_of
                        .get(m.as_str())
                        .is_some_and(|p| s.provinces.contains(*p))
                }),
        );
        fail(
            THEME,
            s.themes.is_empty() || project.theme.is_some_and(|t| s.themes.contains(&t)),
        );
        fail(
            STATUS,
            s.statuses.is_empty() || s.statuses.contains(&project.status),
        );
        fail(
            CALL,
            s.calls.is_empty() || s.calls.contains(&call_of(project)),
        );
        fail(
            APPLICANT,
            s.applicant_types.is_empty()
                || project
                    .lead_type
                    .is_some_and(|t| s.applicant_types.contains(&t)),
        );
        let bounded = s.subsidy_min.is_some() || s.subsidy_max.is_some();
        fail(
            SUBSIDY,
            !bounded
                || project.subsidy_eur.is_some_and(|v| {
                    s.subsidy_min.is_none_or(|min| v >= min)
                        && s.subsidy_max.is_none_or(|max| v <= max)
                }),
        );
        fail(TEXT, self.text_matches(project));
        failed
    }
}

/// The indices (into `projects`, ascending) of the projects matching every
/// filter of `state`; see the module documentation for the rules.
pub fn filter(projects: &[Project], reference: &Reference, state: &ExplorerState) -> Vec<usize> {
    let matcher = Matcher::new(reference, state);
    projects
        .iter()
        .enumerate()
        .filter(|(_, p)| matcher.failures(p) == 0)
        .map(|(i, _)| i)
        .collect()
}

/// Counts per value of each facet.
#[derive(Default)]
struct Counts<'a> {
    municipalities: BTreeMap<&'a str, usize>,
    provinces: BTreeMap<&'a str, usize>,
    themes: BTreeMap<Theme, usize>,
    statuses: BTreeMap<ProjectStatus, usize>,
    calls: BTreeMap<String, usize>,
    applicant_types: BTreeMap<LeadType, usize>,
}

impl<'a> Counts<'a> {
    /// Counts `project` for the values of facet `dimension`.
    fn add(&mut self, dimension: usize, project: &'a Project, matcher: &Matcher<'a>) {
        match dimension {
            MUNICIPALITY => {
                let distinct: BTreeSet<&str> =
                    project.municipalities.iter().map(String::as_str).collect();
                for nis in distinct {
                    *self.municipalities.entry(nis).or_default() += 1;
                }
            }
            PROVINCE => {
                for province in matcher.provinces(project) {
                    *self.provinces.entry(province).or_default() += 1;
                }
            }
            THEME => {
                if let Some(theme) = project.theme {
                    *self.themes.entry(theme).or_default() += 1;
                }
            }
            STATUS => *self.statuses.entry(project.status).or_default() += 1,
            CALL => *self.calls.entry(call_of(project)).or_default() += 1,
            APPLICANT => {
                if let Some(kind) = project.lead_type {
                    *self.applicant_types.entry(kind).or_default() += 1;
                }
            }
            _ => {}
        }
    }
}

/// Options of a keyword facet: every value, counted and marked.
fn keyword_options<K: Copy + Ord + std::fmt::Display>(
    all: &[K],
    counts: &BTreeMap<K, usize>,
    selected: &BTreeSet<K>,
) -> Vec<FacetOption> {
    all.iter()
        .map(|value| FacetOption {
            value: value.to_string(),
            count: counts.get(value).copied().unwrap_or(0),
            selected: selected.contains(value),
        })
        .collect()
}

/// Options of a string facet: the given values, counted and marked.
fn string_options(
    values: BTreeSet<String>,
    counts: &BTreeMap<&str, usize>,
    selected: &BTreeSet<String>,
) -> Vec<FacetOption> {
    values
        .into_iter()
        .map(|value| FacetOption {
            count: counts.get(value.as_str()).copied().unwrap_or(0),
            selected: selected.contains(&value),
            value,
        })
        .collect()
}

/// The options of every facet with disjunctive counts: each option's count is
/// the number of projects matching every active filter except the facet's own
/// selection, and having that value (so selecting theme A leaves the count of
/// theme B as if A were not selected). A project with several municipalities
/// counts once for each, and once for each of their provinces. One pass over
/// the projects: O(projects × facets).
pub fn facet_counts(projects: &[Project], reference: &Reference, state: &ExplorerState) -> Facets {
    let matcher = Matcher::new(reference, state);
    let mut counts = Counts::default();
    let mut matching = 0;
    for project in projects {
        let failed = matcher.failures(project);
        if failed == 0 {
            matching += 1;
            for dimension in MUNICIPALITY..=APPLICANT {
                counts.add(dimension, project, &matcher);
            }
        } else if failed.count_ones() == 1 {
            // Fails one dimension only: counts for that facet's options.
            let dimension = failed.trailing_zeros() as usize;
            counts.add(dimension, project, &matcher);
        }
    }

    let municipalities: BTreeSet<String> = projects
        .iter()
        .flat_map(|p| p.municipalities.iter().cloned())
        .chain(state.municipalities.iter().cloned())
        .collect();
    let provinces: BTreeSet<String> = reference
        .provinces
        .iter()
        .filter(|p| p.region == WALLONIA)
        .map(|p| p.nis.clone())
        .chain(counts.provinces.keys().map(|p| (*p).to_owned()))
        .chain(state.provinces.iter().cloned())
        .collect();
    let calls: BTreeSet<String> = projects
        .iter()
        .map(call_of)
        .chain(state.calls.iter().cloned())
        .collect();
    let call_counts: BTreeMap<&str, usize> = counts
        .calls
        .iter()
        .map(|(call, n)| (call.as_str(), *n))
        .collect();

    Facets {
        municipalities: string_options(
            municipalities,
            &counts.municipalities,
            &state.municipalities,
        ),
        provinces: string_options(provinces, &counts.provinces, &state.provinces),
        themes: keyword_options(Theme::ALL, &counts.themes, &state.themes),
        statuses: keyword_options(ProjectStatus::ALL, &counts.statuses, &state.statuses),
        calls: string_options(calls, &call_counts, &state.calls),
        applicant_types: keyword_options(
            LeadType::ALL,
            &counts.applicant_types,
            &state.applicant_types,
        ),
        matching,
    }
}
