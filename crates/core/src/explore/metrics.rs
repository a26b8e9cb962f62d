//! The value of each municipality on the map, over the filtered projects.
//!
//! Decisions:
//! - **projects**: a project counts 1 for each of its municipalities (a
//!   project of Namur and Andenne is "a project in Namur" and "a project in
//!   Andenne"), so the values do not add up to the number of projects;
//! - **subsidy**: a project's subsidy is split equally among its
//!   municipalities, so that the values add up to the regional total; a
//!   project whose subsidy is unknown adds nothing, and a municipality whose
//!   projects all have an unknown subsidy has no value (use
//!   [`municipalities_with_projects`] to tell it apart from a municipality
//!   without project); the value is thus a lower bound where some amounts are
//!   unknown;
//! - **subsidy per inhabitant**: that share divided by the population; a
//!   municipality without known population has no value.
//!
//! Projects without municipality appear on no municipality.

use super::state::Metric;
use crate::datasets::Project;
use crate::format::{format_euros, format_number};
use crate::language::Language;
use crate::municipality::Reference;
use crate::ordered::{ordered_map, ordered_set};
use std::collections::{BTreeMap, BTreeSet};

/// The metric's value written for the language (legend, tooltip, exports):
/// whole projects, euros, euros per inhabitant with two decimals.
pub fn format_metric(metric: Metric, value: f64, language: Language) -> String {
    match metric {
        Metric::Projects => format_number(value, 0, language),
        Metric::Subsidy => format_euros(value, language),
        Metric::SubsidyPerInhabitant => match language {
            Language::En => format!("€{}", format_number(value, 2, language)),
            _ => format!("{}\u{00A0}€", format_number(value, 2, language)),
        },
    }
}

/// The municipalities (NIS codes) with at least one of the `filtered` projects.
pub fn municipalities_with_projects(filtered: &[usize], projects: &[Project]) -> BTreeSet<String> {
    ordered_set(
        filtered
            .iter()
            .filter_map(|&i| projects.get(i))
            .flat_map(|p| p.municipalities.iter().cloned()),
    )
}

/// Each municipality's share of the known subsidies of the `filtered`
/// projects (each project's subsidy split equally among its distinct
/// municipalities); only municipalities with a known share.
pub fn subsidy_shares(filtered: &[usize], projects: &[Project]) -> BTreeMap<String, f64> {
    let mut shares: BTreeMap<String, f64> = BTreeMap::new();
    for project in filtered.iter().filter_map(|&i| projects.get(i)) {
        let distinct = ordered_set(&project.municipalities);
        let (Some(subsidy), false) = (project.subsidy_eur, distinct.is_empty()) else {
            continue;
        };
        let share = subsidy / distinct.len() as f64;
        for nis in distinct {
            *shares.entry(nis.clone()).or_default() += share;
        }
    }
    shares
}

/// The value of `metric` for each municipality with at least one of the
/// `filtered` projects (indices into `projects`); see the module documentation
/// for how subsidies are shared and when a municipality has no value.
pub fn municipality_values(
    filtered: &[usize],
    projects: &[Project],
    reference: &Reference,
    metric: Metric,
) -> BTreeMap<String, f64> {
    match metric {
        Metric::Projects => {
            let mut counts: BTreeMap<String, f64> = BTreeMap::new();
            for project in filtered.iter().filter_map(|&i| projects.get(i)) {
                let distinct = ordered_set(&project.municipalities);
                for nis in distinct {
                    *counts.entry(nis.clone()).or_default() += 1.0;
                }
            }
            counts
        }
        Metric::Subsidy => subsidy_shares(filtered, projects),
        Metric::SubsidyPerInhabitant => {
            let population: BTreeMap<&str, u32> = ordered_map(
                reference
                    .municipalities
                    .iter()
                    .filter_map(|m| Some((m.nis.as_str(), m.population?)))
                    .filter(|(_, p)| *p > 0),
            );
            ordered_map(subsidy_shares(filtered, projects).into_iter().filter_map(
                |(nis, share)| {
                    let inhabitants = population.get(nis.as_str())?;
                    Some((nis, share / f64::from(*inhabitants)))
                },
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::fixtures::{projects, reference};

    #[test]
    fn metric_values_are_written_for_the_language() {
        assert_eq!(format_metric(Metric::Projects, 3.0, Language::Fr), "3");
        let fr = format_metric(Metric::SubsidyPerInhabitant, 1.5, Language::Fr);
        assert!(fr.starts_with("1,50") && fr.ends_with('€'), "{fr}");
        assert_eq!(
            format_metric(Metric::SubsidyPerInhabitant, 1.5, Language::En),
            "€1.50"
        );
        assert!(format_metric(Metric::Subsidy, 108000.0, Language::Fr).contains('€'));
    }

    #[test]
    fn counts_projects_per_municipality() {
        let projects = projects();
        let all: Vec<usize> = (0..projects.len()).collect();
        let values = municipality_values(&all, &projects, &reference(), Metric::Projects);
        let expected: BTreeMap<String, f64> = [
            ("53053", 1.0),
            ("62003", 2.0),
            ("62063", 2.0),
            ("92003", 1.0),
            ("92094", 1.0),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        assert_eq!(values, expected);
        let some = municipality_values(&[0, 3], &projects, &reference(), Metric::Projects);
        assert_eq!(some.len(), 1);
        assert_eq!(some.get("62063"), Some(&1.0));
    }

    #[test]
    fn subsidies_are_split_equally_and_keep_the_total() {
        let projects = projects();
        let all: Vec<usize> = (0..projects.len()).collect();
        let values = municipality_values(&all, &projects, &reference(), Metric::Subsidy);
        assert_eq!(values.get("62063"), Some(&140_000.0));
        assert_eq!(values.get("62003"), Some(&40_000.0));
        assert_eq!(values.get("92094"), Some(&30_000.0));
        // The total is that of the assigned projects with known subsidy.
        assert_eq!(values.values().sum::<f64>(), 280_000.0);
        // Ans with only its unknown-subsidy project: no value, but has projects.
        let ans = municipality_values(&[2], &projects, &reference(), Metric::Subsidy);
        assert!(ans.is_empty());
        assert!(municipalities_with_projects(&[2], &projects).contains("62003"));
    }

    #[test]
    fn subsidy_per_inhabitant_needs_a_population() {
        let projects = projects();
        let values = municipality_values(
            &[0, 1],
            &projects,
            &reference(),
            Metric::SubsidyPerInhabitant,
        );
        assert_eq!(values.get("62063"), Some(&0.5));
        assert_eq!(values.get("92094"), Some(&(30_000.0 / 110_000.0)));
        // Andenne has no population.
        assert_eq!(values.get("92003"), None);
        // Out-of-range indices are ignored.
        assert!(municipality_values(&[99], &projects, &reference(), Metric::Projects).is_empty());
    }
}
