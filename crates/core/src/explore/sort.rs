//! Sorting and paging the results list.

use super::state::{Sort, SortKey};
use crate::datasets::{Project, ProjectStatus, Theme};
use crate::language::Language;
use crate::municipality::Reference;
use crate::text::fold;
use std::cmp::Ordering;

/// Sorts `indices` (into `projects`) in place by `sort`, stably: projects
/// missing the key (no title, municipality, theme or subsidy; an index out of
/// range) come last in both directions; ties are ordered by title (folded,
/// ascending, empty last), then keep their order.
///
/// Keys: title and municipality compare folded text ([`fold`]: no case nor
/// accents), the municipality being the first of the project's, named in
/// `language`; theme and status follow their declaration order
/// ([`Theme::ALL`], [`ProjectStatus::ALL`]); year compares the call year then
/// the phase; subsidy compares amounts.
pub fn sort_results(
    indices: &mut [usize],
    projects: &[Project],
    reference: &Reference,
    language: Language,
    sort: Sort,
) {
    let descending = sort.descending;
    match sort.key {
        SortKey::Title => sort_with(indices, projects, descending, title_key, Ord::cmp),
        SortKey::Commune => sort_with(
            indices,
            projects,
            descending,
            |p| {
                let nis = p.municipalities.first()?;
                match reference.municipality(nis) {
                    Some(m) => Some(fold(m.display_name(language))),
                    None => p.municipality_names.first().map(|n| fold(n)),
                }
            },
            Ord::cmp,
        ),
        SortKey::Theme => sort_with(
            indices,
            projects,
            descending,
            |p| {
                let theme = p.theme?;
                Theme::ALL.iter().position(|t| *t == theme)
            },
            Ord::cmp,
        ),
        SortKey::Status => sort_with(
            indices,
            projects,
            descending,
            |p| ProjectStatus::ALL.iter().position(|s| *s == p.status),
            Ord::cmp,
        ),
        SortKey::Year => sort_with(
            indices,
            projects,
            descending,
            |p| Some((p.call_year, p.phase.clone())),
            Ord::cmp,
        ),
        SortKey::Subsidy => sort_with(
            indices,
            projects,
            descending,
            |p| p.subsidy_eur.filter(|v| !v.is_nan()),
            f64::total_cmp,
        ),
    }
}

/// The folded title, `None` when empty.
fn title_key(project: &Project) -> Option<String> {
    let title = fold(&project.title);
    (!title.is_empty()).then_some(title)
}

/// Missing last, whatever the direction.
fn missing_last<K>(
    a: &Option<K>,
    b: &Option<K>,
    compare: impl Fn(&K, &K) -> Ordering,
    descending: bool,
) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => {
            let order = compare(a, b);
            if descending {
                order.reverse()
            } else {
                order
            }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Sorts by a key computed once per index, then by title.
fn sort_with<K>(
    indices: &mut [usize],
    projects: &[Project],
    descending: bool,
    key: impl Fn(&Project) -> Option<K>,
    compare: impl Fn(&K, &K) -> Ordering,
) {
    let mut keyed: Vec<(Option<K>, Option<String>, usize)> = indices
        .iter()
        .map(|&i| {
            let project = projects.get(i);
            (project.and_then(&key), project.and_then(title_key), i)
        })
        .collect();
    keyed.sort_by(|a, b| {
        missing_last(&a.0, &b.0, &compare, descending)
            .then_with(|| missing_last(&a.1, &b.1, Ord::cmp, false))
    });
    for (slot, (_, _, i)) in indices.iter_mut().zip(keyed) {
        *slot = i;
    }
}

/// The indices on page `page` (0-based) of `page_size` results; empty past the
/// last page or when `page_size` is 0.
pub fn page(indices: &[usize], page: u32, page_size: usize) -> &[usize] {
    let start = usize::try_from(page)
        .ok()
        .and_then(|p| p.checked_mul(page_size))
        .unwrap_or(usize::MAX);
    if page_size == 0 || start >= indices.len() {
        return &[];
    }
    let end = start.saturating_add(page_size).min(indices.len());
    &indices[start..end]
}

/// How many pages `len` results fill, at least 1 (an empty list has one
/// empty page); 1 when `page_size` is 0.
pub fn page_count(len: usize, page_size: usize) -> u32 {
    if page_size == 0 {
        return 1;
    }
    u32::try_from(len.div_ceil(page_size).max(1)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::fixtures::{projects, reference};

    fn sorted(key: SortKey, descending: bool, language: Language) -> Vec<String> {
        let projects = projects();
        let mut indices: Vec<usize> = (0..projects.len()).collect();
        sort_results(
            &mut indices,
            &projects,
            &reference(),
            language,
            Sort { key, descending },
        );
        indices
            .into_iter()
            .map(|i| projects[i].id.clone())
            .collect()
    }

    #[test]
    fn sorts_by_title_ignoring_accents() {
        assert_eq!(
            sorted(SortKey::Title, false, Language::Fr),
            [
                "ti2023-liege-mobility", // Capteurs
                "ti2019-liege-energy",   // Éclairage
                "ti2023-mons-tourism",   // Parcours
                "ti2019-namur-mobility", // Parkings
                "ti2023-unassigned",     // Plateforme
                "ti2023-ans-energy",     // Smart
            ]
        );
    }

    #[test]
    fn missing_values_come_last_in_both_directions() {
        let ascending = sorted(SortKey::Subsidy, false, Language::Fr);
        assert_eq!(
            ascending,
            [
                "ti2023-unassigned",
                "ti2023-mons-tourism",
                "ti2019-namur-mobility",
                "ti2023-liege-mobility",
                "ti2019-liege-energy",
                "ti2023-ans-energy",
            ]
        );
        let descending = sorted(SortKey::Subsidy, true, Language::Fr);
        assert_eq!(descending[0], "ti2019-liege-energy");
        assert_eq!(descending[5], "ti2023-ans-energy");
        // No theme: last; ties by title.
        assert_eq!(
            sorted(SortKey::Theme, false, Language::Fr),
            [
                "ti2019-liege-energy",
                "ti2023-ans-energy",
                "ti2023-liege-mobility",
                "ti2019-namur-mobility",
                "ti2023-unassigned",
                "ti2023-mons-tourism",
            ]
        );
        let by_theme_desc = sorted(SortKey::Theme, true, Language::Fr);
        assert_eq!(by_theme_desc[0], "ti2023-unassigned");
        assert_eq!(by_theme_desc[5], "ti2023-mons-tourism");
    }

    #[test]
    fn sorts_by_commune_in_the_language() {
        // Ans, Liège, Mons, Namur; unassigned last.
        assert_eq!(
            sorted(SortKey::Commune, false, Language::Fr),
            [
                "ti2023-ans-energy",
                "ti2023-liege-mobility",
                "ti2019-liege-energy",
                "ti2023-mons-tourism",
                "ti2019-namur-mobility",
                "ti2023-unassigned",
            ]
        );
        // In Dutch: Ans, Bergen (Mons), Luik (Liège), Namen (Namur).
        let nl = sorted(SortKey::Commune, false, Language::Nl);
        assert_eq!(nl[1], "ti2023-mons-tourism");
    }

    #[test]
    fn sorts_by_year_and_status() {
        let years = sorted(SortKey::Year, true, Language::Fr);
        assert_eq!(
            years,
            [
                "ti2023-liege-mobility",
                "ti2023-unassigned",
                "ti2023-mons-tourism",
                "ti2023-ans-energy",
                "ti2019-liege-energy",
                "ti2019-namur-mobility",
            ]
        );
        let statuses = sorted(SortKey::Status, false, Language::Fr);
        assert_eq!(statuses[4], "ti2019-namur-mobility");
        assert_eq!(statuses[5], "ti2023-mons-tourism");
    }

    #[test]
    fn pages_slice_the_results() {
        let indices: Vec<usize> = (0..7).collect();
        assert_eq!(page(&indices, 0, 3), [0, 1, 2]);
        assert_eq!(page(&indices, 2, 3), [6]);
        assert!(page(&indices, 3, 3).is_empty());
        assert!(page(&indices, u32::MAX, usize::MAX).is_empty());
        assert!(page(&indices, 0, 0).is_empty());
        assert_eq!(page_count(7, 3), 3);
        assert_eq!(page_count(0, 3), 1);
        assert_eq!(page_count(6, 3), 2);
        assert_eq!(page_count(6, 0), 1);
    }
}
