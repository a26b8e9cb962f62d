//! The laureate projects of the "Territoire intelligent / Smart Région" calls
//! (`data/projects.csv`), and the resolution of their municipality names.

use super::{check_records, is_slug, not_a_slug, parse_rows, Columns, Parsed, Row, Theme};
use crate::import::{FieldSpec, Issue, RecordSet};
use crate::municipality::Reference;
use crate::text::fold;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

keywords! {
    /// How far the title of a project is the published one.
    TitleStatus, "title status" {
        /// The title as published.
        Published = "published",
        /// The source gives only a description, which was paraphrased.
        Paraphrased = "paraphrased",
        /// The source names the laureate only; the title is empty.
        Unpublished = "unpublished",
    }
}

keywords! {
    /// The kind of body that applied.
    LeadType, "lead type" {
        /// A municipality.
        Commune = "commune",
        /// An intermunicipal company.
        Intercommunale = "intercommunale",
        /// A province.
        Province = "province",
    }
}

keywords! {
    /// Where a project stands.
    ProjectStatus, "status" {
        /// Selected by the government.
        Selected = "selected",
        /// Carried out.
        Completed = "completed",
        /// Given up.
        Abandoned = "abandoned",
    }
}

/// A laureate project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// Stable identifier, `ti<call year>-<slug>`.
    pub id: String,
    /// Year of the call.
    pub call_year: u16,
    /// Phase of the call: the call year for a single-phase call, else `phase1`, `phase2`…
    pub phase: String,
    /// Title; empty when unpublished.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Whether the title is the published one.
    pub title_status: TitleStatus,
    /// Who applied, as published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_applicant: Option<String>,
    /// The kind of body that applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_type: Option<LeadType>,
    /// The municipalities as the sources name them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub municipality_names: Vec<String>,
    /// Their NIS codes, filled by [`resolve_project_municipalities`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub municipalities: Vec<String>,
    /// Theme, when a source states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<Theme>,
    /// Where the project stands.
    pub status: ProjectStatus,
    /// Regional subsidy in euros, when a source states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subsidy_eur: Option<f64>,
    /// Total budget in euros, when a source states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_budget_eur: Option<f64>,
    /// When the project was completed (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), when a
    /// source states it; only for a completed project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_on: Option<String>,
    /// A caveat the project page shows, e.g. "the source does not name the call".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// URLs and seed-document file names the facts come from.
    pub sources: Vec<String>,
}

const SPECS: &[FieldSpec] = &[
    FieldSpec {
        name: "id",
        aliases: &["project id", "project"],
        required: true,
    },
    FieldSpec {
        name: "call_year",
        aliases: &["year", "annee"],
        required: true,
    },
    FieldSpec {
        name: "phase",
        aliases: &[],
        required: true,
    },
    FieldSpec {
        name: "title",
        aliases: &["titre"],
        required: true,
    },
    FieldSpec {
        name: "title_status",
        aliases: &[],
        required: true,
    },
    FieldSpec {
        name: "lead_applicant",
        aliases: &["lead", "porteur"],
        required: false,
    },
    FieldSpec {
        name: "lead_type",
        aliases: &[],
        required: false,
    },
    FieldSpec {
        name: "municipalities",
        aliases: &["communes"],
        required: false,
    },
    FieldSpec {
        name: "theme",
        aliases: &["thematique"],
        required: false,
    },
    FieldSpec {
        name: "status",
        aliases: &["statut"],
        required: true,
    },
    FieldSpec {
        name: "subsidy_eur",
        aliases: &["subsidy", "subside"],
        required: false,
    },
    FieldSpec {
        name: "total_budget_eur",
        aliases: &["total budget", "budget"],
        required: false,
    },
    FieldSpec {
        name: "completed_on",
        aliases: &["completed"],
        required: false,
    },
    FieldSpec {
        name: "note",
        aliases: &["notes"],
        required: false,
    },
    FieldSpec {
        name: "sources",
        aliases: &["source"],
        required: true,
    },
];

/// The columns of `data/projects.csv`, in the file's order.
pub const PROJECT_FIELDS: [&str; 15] = [
    "id",
    "call_year",
    "phase",
    "title",
    "title_status",
    "lead_applicant",
    "lead_type",
    "municipalities",
    "theme",
    "status",
    "subsidy_eur",
    "total_budget_eur",
    "completed_on",
    "note",
    "sources",
];

/// What [`parse_projects`] and [`check_project_records`] expect of the columns.
const COLUMNS: Columns<'static> = Columns {
    specs: SPECS,
    any_of: &[],
    warn_unused: true,
};

/// Whether `phase` is `phase<N>` (N ≥ 1), or the call year itself.
pub(crate) fn check_phase(row: &mut Row<'_>, phase: Option<&str>, call_year: Option<u16>) {
    let Some(phase) = phase else { return };
    let numbered = phase.strip_prefix("phase").is_some_and(|n| {
        !n.is_empty() && !n.starts_with('0') && n.bytes().all(|b| b.is_ascii_digit())
    });
    let valid = numbered
        || match call_year {
            Some(year) => phase == year.to_string(),
            // The year is wrong already: do not report the phase twice.
            None => phase.len() == 4 && phase.bytes().all(|b| b.is_ascii_digit()),
        };
    if !valid {
        let year = call_year.map_or_else(String::new, |y| format!(" ('{y}')"));
        row.error(
            "phase",
            format!(
                "'{phase}' is not a phase; expected the call year{year} or 'phase1', 'phase2', …"
            ),
        );
    }
}

/// Reads and checks projects. `documents` lists the file names a source may
/// cite besides http(s) URLs (see [`super::document_names`]).
///
/// Checks: required `id` (a unique slug), `call_year` (2015–2030), `phase` (the
/// call year or `phaseN`), `title` (empty only when `title_status` is
/// `unpublished`), `title_status` and `status`; the keywords of `lead_type` and
/// `theme`; amounts ≥ 0 with the subsidy not above the total budget; at least
/// one valid source; `completed_on` a date, only for a completed project; `note`
/// free text. An id not of the form `ti<call year>-<slug>` is a warning.
/// `municipalities` holds names separated by `|`; [`Project::municipalities`]
/// stays empty until [`resolve_project_municipalities`].
pub fn parse_projects(bytes: &[u8], file_name: &str, documents: &[String]) -> Parsed<Project> {
    let mut seen = HashMap::new();
    parse_rows(bytes, file_name, COLUMNS, |row| {
        check_project(row, &mut seen, documents)
    })
}

/// [`parse_projects`] on records already read, such as the fields of the
/// contribution form: the same checks, without the file parsers.
pub fn check_project_records(set: RecordSet, documents: &[String]) -> Parsed<Project> {
    let mut seen = HashMap::new();
    check_records(set, COLUMNS, |row| check_project(row, &mut seen, documents))
}

/// The checks of one row (see [`parse_projects`]); `seen` holds the ids met so far
/// and where.
fn check_project(
    row: &mut Row<'_>,
    seen: &mut HashMap<String, String>,
    documents: &[String],
) -> Option<Project> {
    let id = row.required("id");
    if let Some(id) = id {
        if !is_slug(id) {
            row.error("id", not_a_slug(id));
        } else if let Some(first) = seen.get(id) {
            row.error("id", format!("duplicate id '{id}' (first {first})"));
        } else {
            seen.insert(id.to_owned(), row.place());
        }
    }
    let call_year = row.year("call_year");
    let phase = row.required("phase");
    check_phase(row, phase, call_year);
    if let (Some(id), Some(year)) = (id, call_year) {
        let prefix = format!("ti{year}-");
        if is_slug(id) && !id.starts_with(&prefix) {
            row.warn(
                "id",
                format!("id '{id}' does not follow the convention '{prefix}<slug>'"),
            );
        }
    }
    let title_status = row.keyword::<TitleStatus>("title_status", true);
    let title = row.text("title");
    if title.is_empty() && title_status.is_some_and(|s| s != TitleStatus::Unpublished) {
        row.error(
            "title",
            "required value is missing (only an unpublished title may be empty)",
        );
    }
    let lead_applicant = row.optional("lead_applicant");
    let lead_type = row.keyword::<LeadType>("lead_type", false);
    let municipality_names = row.list("municipalities", '|');
    let theme = row.keyword::<Theme>("theme", false);
    let status = row.keyword::<ProjectStatus>("status", true);
    let subsidy_eur = row.amount("subsidy_eur");
    let total_budget_eur = row.amount("total_budget_eur");
    if let (Some(subsidy), Some(total)) = (subsidy_eur, total_budget_eur) {
        if subsidy > total {
            row.error(
                "subsidy_eur",
                format!("subsidy {subsidy} is above the total budget {total}"),
            );
        }
    }
    let completed_on = row.date("completed_on");
    if completed_on.is_some() && status.is_some_and(|s| s != ProjectStatus::Completed) {
        row.error(
            "completed_on",
            "a completion date is given but the status is not 'completed'",
        );
    }
    let note = row.optional("note");
    let sources = row.sources("sources", documents);
    Some(Project {
        id: id?.to_owned(),
        call_year: call_year?,
        phase: phase?.to_owned(),
        title: title.to_owned(),
        title_status: title_status?,
        lead_applicant,
        lead_type,
        municipality_names,
        municipalities: Vec::new(),
        theme,
        status: status?,
        subsidy_eur,
        total_budget_eur,
        completed_on,
        note,
        sources,
    })
}

/// Folded name → the distinct NIS codes of the municipalities bearing it in
/// French, Dutch or German.
fn name_index(reference: &Reference) -> HashMap<String, BTreeSet<&str>> {
    let mut index: HashMap<String, BTreeSet<&str>> = HashMap::new();
    for municipality in &reference.municipalities {
        let names = [
            &municipality.name.fr,
            &municipality.name.nl,
            &municipality.name.de,
        ];
        for name in names.into_iter().flatten() {
            let folded = fold(name);
            if !folded.is_empty() {
                index
                    .entry(folded)
                    .or_default()
                    .insert(municipality.nis.as_str());
            }
        }
    }
    index
}

/// The NIS codes of `names` (each once, in order) and a message for each name
/// matching no municipality or several.
fn resolve_names(
    index: &HashMap<String, BTreeSet<&str>>,
    names: &[String],
) -> (Vec<String>, Vec<String>) {
    let mut codes: Vec<String> = Vec::new();
    let mut problems = Vec::new();
    for name in names {
        let matches: Vec<&str> = index
            .get(&fold(name))
            .map(|codes| codes.iter().copied().collect())
            .unwrap_or_default();
        match matches.as_slice() {
            [nis] => {
                if !codes.iter().any(|c| c == nis) {
                    codes.push((*nis).to_owned());
                }
            }
            [] => problems.push(format!("unknown municipality '{name}'")),
            several => problems.push(format!(
                "ambiguous municipality '{name}': matches NIS codes {}",
                several.join(", ")
            )),
        }
    }
    (codes, problems)
}

/// Resolves the municipality names of each project and calls `problem` with the
/// record's key and the message of each name left unresolved.
fn resolve(
    records: &mut [(u64, Project)],
    reference: &Reference,
    mut problem: impl FnMut(u64, String),
) {
    let index = name_index(reference);
    for (key, project) in records.iter_mut() {
        let (codes, problems) = resolve_names(&index, &project.municipality_names);
        for message in problems {
            problem(*key, message);
        }
        project.municipalities = codes;
    }
}

/// What [`resolve_project_municipalities`] would say of `names` (one message per
/// name matching no municipality of `reference`, or several).
pub fn municipality_problems(names: &[String], reference: &Reference) -> Vec<String> {
    resolve_names(&name_index(reference), names).1
}

/// Fills [`Project::municipalities`] with the NIS code of each name of
/// [`Project::municipality_names`]: the one municipality of `reference` whose
/// French, Dutch or German name equals the name once both are folded by
/// [`fold`] (case, accents, apostrophe style, spaces). A name matching no
/// municipality or several is left out and gives an issue at the record's key
/// taken as a line, field `municipalities`. Nothing is guessed beyond folding.
pub fn resolve_project_municipalities(
    records: &mut [(u64, Project)],
    reference: &Reference,
) -> Vec<Issue> {
    let mut issues = Vec::new();
    resolve(records, reference, |key, message| {
        issues.push(Issue::at_line(key, message).with_field("municipalities"));
    });
    issues
}

impl Parsed<Project> {
    /// [`resolve_project_municipalities`] on the kept records, its issues added
    /// to the report's errors, located like the parser's (line and column for
    /// CSV, JSON path for JSON). Returns how many names were left unresolved.
    pub fn resolve_municipalities(&mut self, reference: &Reference) -> usize {
        let mut problems = Vec::new();
        resolve(&mut self.records, reference, |key, message| {
            problems.push((key, message));
        });
        let count = problems.len();
        for (key, message) in problems {
            let issue = self.issue_at(key, "municipalities", message);
            self.report.error(issue);
        }
        count
    }
}
