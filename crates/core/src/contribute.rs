//! A citizen's contribution to the laureate list, without a server: a project
//! row typed into the site's form, checked with the very rules of
//! `datakit validate --kind projects` ([`check_project_records`]) plus the
//! stricter ones of a contribution (`https:` sources, a new id), written as a
//! `data/projects.csv` file of one row, and sent as a prefilled issue on the
//! project's repository.

use crate::datasets::projects::{check_project_records, municipality_problems, PROJECT_FIELDS};
use crate::datasets::split_list;
use crate::datasets::{CallId, Project};
use crate::import::{Format, Location, Record, RecordSet};
use crate::municipality::Reference;
use crate::text::{fold, is_https_link};

/// The file name of a contribution (also what its issues are located in).
pub const CONTRIBUTION_FILE: &str = "contribution.csv";

/// Longest prefilled-issue address: GitHub answers "414 URI Too Long" a little
/// above 8 KiB; browsers accept far more.
pub const MAX_ISSUE_URL: usize = 8_000;

/// The values of a contributed row, one per column of [`PROJECT_FIELDS`], as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    /// `values[i]` is the value of `PROJECT_FIELDS[i]`.
    pub values: [String; PROJECT_FIELDS.len()],
}

/// What a contribution is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Intent {
    /// A laureate the data lacks.
    Missing,
    /// A correction of the project with this id.
    Correction,
}

/// Why a field of a draft is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// A required value is empty.
    Missing,
    /// A source is not an `https:` address.
    NotHttps,
    /// The id is already taken by another project.
    IdTaken,
    /// Anything else; the message says what.
    Invalid,
}

/// A problem of one field of a draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The field, one of [`PROJECT_FIELDS`].
    pub field: String,
    /// What is wrong (English, as `datakit validate` words it).
    pub message: String,
    /// The kind, for the app to word it in the reader's language.
    pub kind: ProblemKind,
}

impl Draft {
    /// The value of `field` (one of [`PROJECT_FIELDS`]); `""` for another name.
    pub fn get(&self, field: &str) -> &str {
        PROJECT_FIELDS
            .iter()
            .position(|f| *f == field)
            .map_or("", |i| self.values[i].as_str())
    }

    /// Sets `field` (one of [`PROJECT_FIELDS`]; another name is ignored). The
    /// sources, typed one per line, are kept separated by single spaces, as the
    /// data file writes them.
    pub fn set(&mut self, field: &str, value: impl Into<String>) {
        let mut value = value.into();
        if field == "sources" {
            value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        }
        if let Some(i) = PROJECT_FIELDS.iter().position(|f| *f == field) {
            self.values[i] = value;
        }
    }

    /// Sets the call year and phase from a call as [`CallId`] writes it
    /// (`2019`, `2023-phase1`); empties both for anything else.
    pub fn set_call(&mut self, call: &str) {
        let (year, phase) = CallId::parse(call)
            .map(|c| (c.year.to_string(), c.phase))
            .unwrap_or_default();
        self.set("call_year", year);
        self.set("phase", phase);
    }

    /// The call of the draft as [`CallId`] writes it; `""` when incomplete.
    pub fn call(&self) -> String {
        self.get("call_year")
            .parse()
            .ok()
            .map(|year| CallId::new(year, self.get("phase")).to_string())
            .unwrap_or_default()
    }

    /// A draft for a new laureate, prefilled with what the page knows: the
    /// municipality (its French name), the call (`YYYY` or `YYYY-phaseN`).
    pub fn new_project(municipality: Option<&str>, call: Option<&str>) -> Draft {
        let mut draft = Draft::default();
        draft.set("title_status", "published");
        draft.set("status", "selected");
        if let Some(name) = municipality {
            draft.set("municipalities", name);
            draft.set("lead_applicant", name);
            draft.set("lead_type", "commune");
        }
        if let Some(call) = call {
            draft.set_call(call);
        }
        draft
    }

    /// A draft holding `project` as the data has it, to correct.
    pub fn from_project(project: &Project) -> Draft {
        let amount = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        let values = PROJECT_FIELDS.map(|field| match field {
            "id" => project.id.clone(),
            "call_year" => project.call_year.to_string(),
            "phase" => project.phase.clone(),
            "title" => project.title.clone(),
            "title_status" => project.title_status.as_str().to_string(),
            "lead_applicant" => project.lead_applicant.clone().unwrap_or_default(),
            "lead_type" => project
                .lead_type
                .map(|t| t.as_str().to_string())
                .unwrap_or_default(),
            "municipalities" => project.municipality_names.join("|"),
            "theme" => project
                .theme
                .map(|t| t.as_str().to_string())
                .unwrap_or_default(),
            "status" => project.status.as_str().to_string(),
            "subsidy_eur" => amount(project.subsidy_eur),
            "total_budget_eur" => amount(project.total_budget_eur),
            "completed_on" => project.completed_on.clone().unwrap_or_default(),
            "note" => project.note.clone().unwrap_or_default(),
            "sources" => project.sources.join(" "),
            _ => String::new(),
        });
        Draft { values }
    }

    /// An id for a new project when none is typed: `ti<call year>-<slug of the
    /// title, else of the lead>`, with `-2`, `-3`… when `taken` holds it.
    pub fn suggested_id(&self, taken: &[&str]) -> Option<String> {
        let year = self.get("call_year").trim();
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let words = [self.get("title"), self.get("lead_applicant")]
            .into_iter()
            .map(slug)
            .find(|s| !s.is_empty())?;
        let stem: String = format!("ti{year}-{words}");
        let stem = stem
            .char_indices()
            .take_while(|(i, _)| *i < 60)
            .map(|(_, c)| c)
            .collect::<String>()
            .trim_end_matches('-')
            .to_string();
        let mut candidate = stem.clone();
        let mut n = 2;
        while taken.contains(&candidate.as_str()) {
            candidate = format!("{stem}-{n}");
            n += 1;
        }
        Some(candidate)
    }

    /// Checks the draft with the rules of `datakit validate --kind projects`
    /// (the municipalities resolved against `reference`), then those of a
    /// contribution: every source an `https:` address; for a new project an id
    /// no project of `existing` has, for a correction the id of one that does.
    /// Returns the project the row makes and every problem, by field.
    pub fn check(
        &self,
        intent: Intent,
        existing: &[&str],
        reference: &Reference,
    ) -> (Option<Project>, Vec<Problem>) {
        let record = Record {
            location: Location::Line(2),
            fields: PROJECT_FIELDS
                .iter()
                .zip(&self.values)
                .map(|(field, value)| (field.to_string(), value.clone()))
                .collect(),
            issue: None,
        };
        let set = RecordSet {
            file: CONTRIBUTION_FILE.to_string(),
            format: Format::Csv { delimiter: b',' },
            encoding: "UTF-8",
            headers: PROJECT_FIELDS.iter().map(|f| f.to_string()).collect(),
            records: vec![record],
            warnings: Vec::new(),
        };
        let mut parsed = check_project_records(set, &[]);
        if parsed.records.is_empty() {
            // A rejected row is not resolved: say what resolving would.
            let names = split_list(self.get("municipalities"), '|');
            for message in municipality_problems(&names, reference) {
                let issue = parsed.issue_at(2, "municipalities", message);
                parsed.report.error(issue);
            }
        } else {
            parsed.resolve_municipalities(reference);
        }
        let mut problems: Vec<Problem> = parsed
            .report
            .errors
            .iter()
            .map(|issue| {
                let kind = if issue.message.starts_with("required value is missing") {
                    ProblemKind::Missing
                } else {
                    ProblemKind::Invalid
                };
                Problem {
                    field: issue.field.clone().unwrap_or_else(|| "id".to_string()),
                    message: issue.message.clone(),
                    kind,
                }
            })
            .collect();
        for source in self.get("sources").split_whitespace() {
            if !is_https_link(source) {
                problems.push(Problem {
                    field: "sources".to_string(),
                    message: format!("'{source}' is not an https: address"),
                    kind: ProblemKind::NotHttps,
                });
            }
        }
        let id = self.get("id").trim();
        let known = existing.contains(&id);
        match intent {
            Intent::Missing if known => problems.push(Problem {
                field: "id".to_string(),
                message: format!("the id '{id}' is already a project's"),
                kind: ProblemKind::IdTaken,
            }),
            Intent::Correction if !known && !id.is_empty() => problems.push(Problem {
                field: "id".to_string(),
                message: format!("no project has the id '{id}'"),
                kind: ProblemKind::Invalid,
            }),
            _ => {}
        }
        let project = parsed.records.pop().map(|(_, p)| p);
        let project = if problems.is_empty() { project } else { None };
        (project, problems)
    }

    /// The CSV row of the draft, fields in [`PROJECT_FIELDS`] order, without
    /// its line break.
    pub fn csv_row(&self) -> String {
        csv_line(self.values.iter().map(|v| v.trim()))
    }

    /// A file `datakit validate --kind projects` and `datakit add` read: the
    /// header of `data/projects.csv`, then the row.
    pub fn csv_file(&self) -> String {
        format!("{}\n{}\n", csv_line(PROJECT_FIELDS), self.csv_row())
    }

    /// The address of a new issue on `repository` (an `https:` URL of a GitHub
    /// repository) prefilled with the row and its sources, not longer than
    /// [`MAX_ISSUE_URL`]: when the row would make it longer, the body asks for
    /// the downloaded file instead. `None` for a repository that is not `https:`.
    pub fn issue_url(&self, repository: &str, intent: Intent) -> Option<String> {
        let repository = repository.trim().trim_end_matches('/');
        if !is_https_link(repository) {
            return None;
        }
        let subject = match self.get("title").trim() {
            "" => self.get("lead_applicant").trim(),
            title => title,
        };
        let title = match intent {
            Intent::Missing => format!("Missing project: {subject}"),
            Intent::Correction => format!("Correction: {}", self.get("id").trim()),
        };
        let sources: String = self
            .get("sources")
            .split_whitespace()
            .map(|s| format!("- {s}\n"))
            .collect();
        let full = format!(
            "A row for `data/projects.csv` (checked by the site with the rules of `datakit validate --kind projects`):\n\n```csv\n{}```\n\nSources:\n{sources}",
            self.csv_file()
        );
        let short = "The row is too long for a link: please attach the CSV file the site downloaded (`datakit add` merges it).\n".to_string();
        [full, short]
            .into_iter()
            .map(|body| {
                let query = form_urlencoded::Serializer::new(String::new())
                    .append_pair("title", &title)
                    .append_pair("body", &body)
                    .finish();
                format!("{repository}/issues/new?{query}")
            })
            .find(|url| url.len() <= MAX_ISSUE_URL)
    }
}

/// One CSV line (RFC 4180): a field holding a comma, a quote or a line break is
/// quoted, its quotes doubled. Written by hand because the `csv` crate's writer
/// would add its I/O layer to the page for a single line.
fn csv_line<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    fields
        .into_iter()
        .map(|field| {
            if field.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", field.replace('"', "\"\""))
            } else {
                field.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Lower-case ASCII words of `text` joined by `-`: "Réseau d'eau" → `reseau-d-eau`.
pub fn slug(text: &str) -> String {
    fold(text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::datasets::parse_projects;
    use crate::explore::fixtures::reference;

    fn draft() -> Draft {
        let mut d = Draft::new_project(Some("Liège"), Some("2023-phase2"));
        d.set("title", "Capteurs \"qualité de l'air\", phase 1");
        d.set("sources", "https://example.org/a https://example.org/b");
        d.set("id", "ti2023-capteurs-qualite-de-l-air");
        d
    }

    #[test]
    fn a_valid_draft_passes_and_its_file_reads_back_unchanged() {
        let d = draft();
        let (project, problems) = d.check(Intent::Missing, &[], &reference());
        assert_eq!(problems, vec![]);
        let project = project.expect("a project");
        let parsed = parse_projects(d.csv_file().as_bytes(), CONTRIBUTION_FILE, &[]);
        assert_eq!(parsed.report.rows_read(), 1);
        assert_eq!(parsed.report.rows_kept(), 1, "{:?}", parsed.report.errors);
        assert!(
            parsed.report.warnings.is_empty(),
            "{:?}",
            parsed.report.warnings
        );
        let mut read = parsed.into_values().remove(0);
        read.municipalities = project.municipalities.clone();
        assert_eq!(read, project);
        assert!(d
            .csv_row()
            .contains("\"Capteurs \"\"qualité de l'air\"\", phase 1\""));
    }

    #[test]
    fn each_problem_names_its_field() {
        let mut d = draft();
        d.set("sources", "http://example.org/a");
        d.set("subsidy_eur", "beaucoup");
        d.set("status", "");
        d.set("municipalities", "Atlantide");
        let (project, problems) = d.check(
            Intent::Missing,
            &["ti2023-capteurs-qualite-de-l-air"],
            &reference(),
        );
        assert!(project.is_none());
        let by = |field: &str| problems.iter().filter(|p| p.field == field).count();
        assert_eq!(by("sources"), 1);
        assert_eq!(by("subsidy_eur"), 1);
        assert_eq!(by("municipalities"), 1);
        assert!(problems
            .iter()
            .any(|p| p.field == "status" && p.kind == ProblemKind::Missing));
        assert!(problems
            .iter()
            .any(|p| p.field == "id" && p.kind == ProblemKind::IdTaken));
        assert!(problems.iter().any(|p| p.kind == ProblemKind::NotHttps));
    }

    #[test]
    fn sources_typed_one_per_line_are_written_on_one() {
        let mut d = draft();
        d.set(
            "sources",
            " https://example.org/a\n\nhttps://example.org/b \r\n",
        );
        assert_eq!(
            d.get("sources"),
            "https://example.org/a https://example.org/b"
        );
        assert!(!d.csv_row().contains('\n'));
    }

    #[test]
    fn a_draft_without_source_is_refused() {
        let mut d = draft();
        d.set("sources", "");
        let (_, problems) = d.check(Intent::Missing, &[], &reference());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].field, "sources");
    }

    #[test]
    fn a_correction_keeps_the_row_of_its_project() {
        let d = draft();
        let (project, _) = d.check(Intent::Missing, &[], &reference());
        let project = project.expect("valid");
        let again = Draft::from_project(&project);
        assert_eq!(again.csv_row(), d.csv_row());
        let (_, problems) = again.check(Intent::Correction, &[project.id.as_str()], &reference());
        assert_eq!(problems, vec![]);
        let (_, problems) = again.check(Intent::Correction, &[], &reference());
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn suggested_ids_are_slugs_and_avoid_taken_ones() {
        let d = draft();
        assert_eq!(slug("Réseau d'eau — Liège"), "reseau-d-eau-liege");
        let id = d.suggested_id(&[]).expect("an id");
        assert_eq!(id, "ti2023-capteurs-qualite-de-l-air-phase-1");
        let next = d.suggested_id(&[id.as_str()]).expect("an id");
        assert_eq!(next, format!("{id}-2"));
        assert_eq!(Draft::default().suggested_id(&[]), None);
    }

    #[test]
    fn issue_urls_carry_the_row_within_the_length_limit() {
        let d = draft();
        let url = d
            .issue_url("https://github.com/o/r/", Intent::Missing)
            .expect("a url");
        assert!(url.starts_with("https://github.com/o/r/issues/new?title=Missing+project"));
        let body: String = url::decode_body(&url);
        assert!(body.contains(&d.csv_row()), "{body}");
        assert!(body.contains("- https://example.org/b"));
        let mut long = d.clone();
        long.set("note", "x".repeat(9_000));
        let url = long
            .issue_url("https://github.com/o/r", Intent::Missing)
            .expect("a url");
        assert!(url.len() <= MAX_ISSUE_URL);
        assert!(url::decode_body(&url).contains("attach the CSV file"));
        assert_eq!(d.issue_url("javascript:alert(1)", Intent::Missing), None);
        assert_eq!(d.issue_url("http://github.com/o/r", Intent::Missing), None);
    }

    mod url {
        /// The `body` parameter of an issue address.
        pub fn decode_body(url: &str) -> String {
            let query = url.split_once('?').map_or("", |(_, q)| q);
            form_urlencoded::parse(query.as_bytes())
                .find(|(k, _)| k == "body")
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default()
        }
    }
}
