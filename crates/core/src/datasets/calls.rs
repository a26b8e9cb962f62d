//! The calls for projects and their aggregates (`data/calls.csv`).

use super::projects::check_phase;
use super::{parse_rows, Columns, Keyword, Parsed, Row, Theme};
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
    /// Where `finalised` comes from (an http(s) URL or a seed document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finalised_source: Option<String>,
    /// Selected projects reported "concretised" by another source, which may
    /// conflict with `finalised`: both are kept, each with its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concretised: Option<u32>,
    /// Where `concretised` comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concretised_source: Option<String>,
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

/// A call as the app names it (the `call` facet, the URL, the labels): its year
/// for a single-phase call (`2019`), else year and phase (`2023-phase1`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CallId {
    /// Year of the call.
    pub year: u16,
    /// The year again for a single-phase call, else `phase1`, `phase2`…
    pub phase: String,
}

impl CallId {
    /// The call of `year` and `phase` (as the datasets write them).
    pub fn new(year: u16, phase: &str) -> CallId {
        CallId {
            year,
            phase: phase.to_string(),
        }
    }

    /// The id of a call of the calls dataset.
    pub fn of(call: &Call) -> CallId {
        CallId::new(call.call_year, &call.phase)
    }

    /// Reads `YYYY` or `YYYY-phaseN` (N ≥ 1, no leading zero).
    pub fn parse(text: &str) -> Option<CallId> {
        let (year, phase) = match text.split_once('-') {
            Some((year, phase)) => (year, Some(phase)),
            None => (text, None),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year_number: u16 = year.parse().ok()?;
        match phase {
            None => Some(CallId::new(year_number, year)),
            Some(phase) => {
                let n = phase.strip_prefix("phase")?;
                (!n.is_empty() && !n.starts_with('0') && n.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| CallId::new(year_number, phase))
            }
        }
    }
}

impl std::fmt::Display for CallId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.phase == self.year.to_string() {
            f.write_str(&self.phase)
        } else {
            write!(f, "{}-{}", self.year, self.phase)
        }
    }
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
    spec("finalised_source", false),
    spec("concretised", false),
    spec("concretised_source", false),
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
            let applications_open = row.date("applications_open");
            let deadline = row.date("deadline");
            let government_decision = row.date("government_decision");
            let results_first_reported = row.date("results_first_reported");
            let submitted = row.count("submitted");
            let selected = row.count("selected");
            let finalised = row.count("finalised");
            let finalised_source = row.source("finalised_source", documents);
            let concretised = row.count("concretised");
            let concretised_source = row.source("concretised_source", documents);
            if let (Some(submitted), Some(selected)) = (submitted, selected) {
                if selected > submitted {
                    row.error(
                        "selected",
                        format!("{selected} selected is more than the {submitted} submitted"),
                    );
                }
            }
            if let (Some(selected), Some(concretised)) = (selected, concretised) {
                if concretised > selected {
                    row.error(
                        "concretised",
                        format!("{concretised} concretised is more than the {selected} selected"),
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
                finalised_source,
                concretised,
                concretised_source,
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
    use super::CallId;
    use crate::datasets::is_date;

    #[test]
    fn call_ids_read_and_write_both_forms() {
        for text in ["2019", "2023-phase1", "2023-phase12"] {
            assert_eq!(
                CallId::parse(text).map(|c| c.to_string()).as_deref(),
                Some(text)
            );
        }
        assert_eq!(
            CallId::parse("2023-phase2"),
            Some(CallId::new(2023, "phase2"))
        );
        for bad in [
            "",
            "19",
            "2019-",
            "2019-phase",
            "2019-phase0",
            "2019-phase01",
            "2019-x",
            "abcd",
        ] {
            assert_eq!(CallId::parse(bad), None, "{bad}");
        }
    }

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
