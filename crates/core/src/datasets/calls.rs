//! The calls for projects and their aggregates (`data/calls.csv`).

use super::projects::check_phase;
use super::{parse_rows, parse_year, Columns, Keyword, Parsed, Row, Theme};
use crate::import::{parse_optional_amount, FieldSpec};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// How many projects of one theme were submitted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemeCount {
    /// The theme.
    pub theme: Theme,
    /// Projects submitted in it.
    pub count: u32,
    /// Their share as published, in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
}

/// One call (or one phase of a call) for projects, with its published aggregates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Call {
    /// Year of the call.
    pub call_year: u16,
    /// The call year for a single-phase call, else `phase1`, `phase2`…
    pub phase: String,
    /// Name of the call.
    pub name: String,
    /// When applications opened (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applications_open: Option<String>,
    /// Deadline for applications.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    /// Date of the government's decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub government_decision: Option<String>,
    /// When the results were first reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results_first_reported: Option<String>,
    /// Projects submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted: Option<u32>,
    /// Projects selected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected: Option<u32>,
    /// Selected projects carried out to the end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finalised: Option<u32>,
    /// Total budget of the selected projects, in euros.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_budget_eur: Option<f64>,
    /// Regional subsidy granted, in euros.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regional_subsidy_eur: Option<f64>,
    /// Envelope announced for the call, in euros.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call_envelope_eur: Option<f64>,
    /// Themes of the call.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<Theme>,
    /// Submitted projects per theme, as published.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub submitted_by_theme: Vec<ThemeCount>,
    /// The co-financing rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cofinancing_rule: Option<String>,
    /// Projects submitted in the small-project envelope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_small: Option<String>,
    /// Projects submitted in the large-project envelope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_large: Option<String>,
    /// Details of the small-project envelope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub small_envelope_details: Option<String>,
    /// Details of the large-project envelope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub large_envelope_details: Option<String>,
    /// How the selected projects split.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected_split: Option<String>,
    /// Who applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applicants_details: Option<String>,
    /// How the projects were selected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selection_details: Option<String>,
    /// Notes on the sources (conflicts, arithmetic).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// URLs and seed-document file names the facts come from.
    pub sources: Vec<String>,
}

const fn spec(name: &'static str, required: bool) -> FieldSpec {
    FieldSpec {
        name,
        aliases: &[],
        required,
    }
}

const SPECS: &[FieldSpec] = &[
    spec("call_year", true),
    spec("phase", true),
    FieldSpec {
        name: "call_name",
        aliases: &["name"],
        required: true,
    },
    spec("applications_open", false),
    spec("deadline", false),
    spec("government_decision", false),
    spec("results_first_reported", false),
    spec("submitted", false),
    spec("selected", false),
    spec("finalised", false),
    spec("total_budget_eur", false),
    spec("regional_subsidy_eur", false),
    spec("call_envelope_eur", false),
    spec("cofinancing_rule", false),
    spec("themes", false),
    spec("submitted_by_theme", false),
    spec("submitted_small", false),
    spec("submitted_large", false),
    spec("small_envelope_details", false),
    spec("large_envelope_details", false),
    spec("selected_split", false),
    spec("applicants_details", false),
    spec("selection_details", false),
    spec("notes", false),
    FieldSpec {
        name: "sources",
        aliases: &["source"],
        required: true,
    },
];

/// Whether `text` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real date of a year
/// between 2015 and 2030.
fn is_date(text: &str) -> bool {
    let mut parts = text.split('-');
    let Some(year) = parts.next().and_then(parse_year) else {
        return false;
    };
    let number = |part: Option<&str>| {
        part.filter(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u8>().ok())
    };
    let rest: Vec<&str> = parts.collect();
    match rest.as_slice() {
        [] => true,
        [month] => number(Some(month)).is_some_and(|m| (1..=12).contains(&m)),
        [month, day] => {
            let (Some(month), Some(day)) = (number(Some(month)), number(Some(day))) else {
                return false;
            };
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            let days = match month {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if leap => 29,
                2 => 28,
                _ => return false,
            };
            (1..=days).contains(&day)
        }
        _ => false,
    }
}

/// An optional date field.
fn date(row: &mut Row<'_>, field: &str) -> Option<String> {
    let text = row.optional(field)?;
    if is_date(&text) {
        Some(text)
    } else {
        row.error(
            field,
            format!("'{text}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD, year 2015–2030)"),
        );
        None
    }
}

/// Reads `energy-environment:23 (28%)|mobility-logistics:21 (24%)`.
fn theme_counts(row: &mut Row<'_>, field: &str) -> Vec<ThemeCount> {
    let mut counts = Vec::new();
    for item in row.list(field, '|') {
        let parsed = item.split_once(':').and_then(|(theme, rest)| {
            let rest = rest.trim();
            let (count, percent) = match rest.split_once('(') {
                Some((count, percent)) => (count.trim(), Some(percent.trim())),
                None => (rest, None),
            };
            let count = count
                .bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| count.parse::<u32>().ok())
                .flatten()?;
            let percent = match percent {
                Some(p) => {
                    let p = p.strip_suffix(')')?.trim().strip_suffix('%')?;
                    Some(parse_optional_amount(p).ok().flatten()?)
                }
                None => None,
            };
            Some((theme.trim(), count, percent))
        });
        let Some((theme_text, count, percent)) = parsed else {
            row.error(
                field,
                format!("'{item}' is not 'theme:count' or 'theme:count (percent%)'"),
            );
            continue;
        };
        if percent.is_some_and(|p| !(0.0..=100.0).contains(&p)) {
            row.error(
                field,
                format!("the percentage of '{item}' is not between 0 and 100"),
            );
            continue;
        }
        match Theme::read(theme_text) {
            Some(theme) => counts.push(ThemeCount {
                theme,
                count,
                percent,
            }),
            None => row.error(field, super::unknown::<Theme>(theme_text)),
        }
    }
    counts
}

/// Reads and checks calls. `documents` lists the file names a source may cite
/// besides http(s) URLs.
///
/// Checks: required `call_year` (2015–2030), `phase` (the call year or
/// `phaseN`), `call_name`; each (call year, phase) once; dates `YYYY[-MM[-DD]]`;
/// counts whole ≥ 0 with selected ≤ submitted and finalised ≤ selected;
/// amounts ≥ 0; `themes` and `submitted_by_theme` (`theme:count (percent%)`,
/// separated by `|`) with known themes, those of `submitted_by_theme` among
/// `themes`; at least one valid source. Counts per theme that do not add up to
/// `submitted` give a warning.
pub fn parse_calls(bytes: &[u8], file_name: &str, documents: &[String]) -> Parsed<Call> {
    let mut seen: HashMap<(u16, String), String> = HashMap::new();
    parse_rows(
        bytes,
        file_name,
        Columns {
            specs: SPECS,
            any_of: &[],
            warn_unused: true,
        },
        |row| {
            let call_year = row.year("call_year");
            let phase = row.required("phase");
            check_phase(row, phase, call_year);
            if let (Some(year), Some(phase)) = (call_year, phase) {
                match seen.get(&(year, phase.to_owned())) {
                    Some(first) => row.error(
                        "phase",
                        format!("duplicate call {year} {phase} (first {first})"),
                    ),
                    None => {
                        seen.insert((year, phase.to_owned()), row.place());
                    }
                }
            }
            let name = row.required("call_name");
            let applications_open = date(row, "applications_open");
            let deadline = date(row, "deadline");
            let government_decision = date(row, "government_decision");
            let results_first_reported = date(row, "results_first_reported");
            let submitted = row.count("submitted");
            let selected = row.count("selected");
            let finalised = row.count("finalised");
            if let (Some(submitted), Some(selected)) = (submitted, selected) {
                if selected > submitted {
                    row.error(
                        "selected",
                        format!("{selected} selected is more than the {submitted} submitted"),
                    );
                }
            }
            if let (Some(selected), Some(finalised)) = (selected, finalised) {
                if finalised > selected {
                    row.error(
                        "finalised",
                        format!("{finalised} finalised is more than the {selected} selected"),
                    );
                }
            }
            let total_budget_eur = row.amount("total_budget_eur");
            let regional_subsidy_eur = row.amount("regional_subsidy_eur");
            let call_envelope_eur = row.amount("call_envelope_eur");
            let mut themes = Vec::new();
            for text in row.list("themes", '|') {
                match Theme::read(&text) {
                    Some(theme) if themes.contains(&theme) => {
                        row.error("themes", format!("theme '{text}' is listed twice"));
                    }
                    Some(theme) => themes.push(theme),
                    None => row.error("themes", super::unknown::<Theme>(&text)),
                }
            }
            let submitted_by_theme = theme_counts(row, "submitted_by_theme");
            for count in &submitted_by_theme {
                if !themes.contains(&count.theme) {
                    row.error(
                        "submitted_by_theme",
                        format!("theme '{}' is not among the call's themes", count.theme),
                    );
                }
            }
            if let Some(submitted) = submitted {
                let sum: u64 = submitted_by_theme.iter().map(|c| u64::from(c.count)).sum();
                let all_read =
                    submitted_by_theme.len() == row.list("submitted_by_theme", '|').len();
                if all_read && !submitted_by_theme.is_empty() && sum != u64::from(submitted) {
                    row.warn(
                    "submitted_by_theme",
                    format!("the counts per theme add up to {sum}, not to the {submitted} submitted"),
                );
                }
            }
            let sources = row.sources("sources", documents);
            Some(Call {
                call_year: call_year?,
                phase: phase?.to_owned(),
                name: name?.to_owned(),
                applications_open,
                deadline,
                government_decision,
                results_first_reported,
                submitted,
                selected,
                finalised,
                total_budget_eur,
                regional_subsidy_eur,
                call_envelope_eur,
                themes,
                submitted_by_theme,
                cofinancing_rule: row.optional("cofinancing_rule"),
                submitted_small: row.optional("submitted_small"),
                submitted_large: row.optional("submitted_large"),
                small_envelope_details: row.optional("small_envelope_details"),
                large_envelope_details: row.optional("large_envelope_details"),
                selected_split: row.optional("selected_split"),
                applicants_details: row.optional("applicants_details"),
                selection_details: row.optional("selection_details"),
                notes: row.optional("notes"),
                sources,
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::is_date;

    #[test]
    fn dates_are_checked() {
        for good in ["2019", "2023-12", "2019-03-31", "2024-02-29"] {
            assert!(is_date(good), "{good}");
        }
        for bad in [
            "2019-3",
            "2019-13",
            "2023-02-29",
            "2019-04-31",
            "1999-01-01",
            "2019-01-01-01",
            "x",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }
}
