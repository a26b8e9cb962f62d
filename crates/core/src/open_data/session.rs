//! The open-data explorer as the import worker runs it: the page sends a dataset's
//! bytes ([`DatasetRequest::Open`]), gets its profile, asks for the dataset built with
//! the kinds it chose ([`DatasetRequest::Build`]), then for views
//! ([`DatasetRequest::View`]). The dataset stays in the worker: only profiles,
//! reports and views cross over, as JSON text. Requests carry an `id` echoed in the
//! reply, so that the page can drop the answer to a request it has since replaced.

use super::build::{Field, FieldRole, OpenDataset};
use super::export::RowsFormat;
use super::view::{View, ViewRequest};
use crate::import::columns::{read_columns_in, Columns};
use crate::import::profile::{ColumnKind, ColumnProfile, ColumnProfiler, CommuneMatcher};
use crate::import::report::{ImportReport, Issue};
use crate::import::session::ERRORS_SENT;
use crate::municipality::Reference;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// What the page asks the worker about a dataset.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DatasetRequest {
    /// Read the bytes sent alongside as file `file` and profile its columns;
    /// communes are matched against `reference`.
    #[serde(rename = "dataset_open")]
    Open {
        /// Request number.
        id: u32,
        /// The file's name (its extension tells the format).
        file: String,
        /// The municipalities, provinces and regions.
        reference: Reference,
    },
    /// Build the dataset opened last with a kind per column.
    #[serde(rename = "dataset_build")]
    Build {
        /// Request number.
        id: u32,
        /// One per column, in order.
        kinds: Vec<ColumnKind>,
    },
    /// The view of the dataset built last.
    #[serde(rename = "dataset_view")]
    View {
        /// Request number.
        id: u32,
        /// What to show.
        request: ViewRequest,
    },
    /// The rows of a view of the dataset built last, as a file.
    #[serde(rename = "dataset_export")]
    Export {
        /// Request number.
        id: u32,
        /// The view whose matching rows are written (its page is ignored).
        request: ViewRequest,
        /// The file's format.
        format: RowsFormat,
        /// Where the dataset came from (its address or file name), for JSON's metadata.
        source: String,
        /// The view's address query, for JSON's metadata.
        filters: String,
    },
}

impl DatasetRequest {
    /// Whether a request's JSON text is one of these (its `kind` starts with
    /// `dataset_`), so that the worker can route it.
    pub fn is_dataset_request(json: &str) -> bool {
        /// The request's `kind` alone: the rest is skipped, not built.
        #[derive(Deserialize)]
        struct Kind<'a> {
            #[serde(borrow)]
            kind: std::borrow::Cow<'a, str>,
        }
        serde_json::from_str::<Kind>(json).is_ok_and(|k| k.kind.starts_with("dataset_"))
    }
}

/// A dataset read and profiled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DatasetProfile {
    /// The file name.
    pub file: String,
    /// The encoding read.
    pub encoding: String,
    /// Rows kept (read with the right number of fields).
    pub rows: usize,
    /// Each column's profile, in order.
    pub columns: Vec<ColumnProfile>,
}

/// A dataset built: its fields and the import report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BuiltDataset {
    /// The fields, in the file's order, the derived province last.
    pub fields: Vec<Field>,
    /// Rows read, kept and rejected; at most [`ERRORS_SENT`] errors.
    pub report: ImportReport,
}

impl BuiltDataset {
    /// The file's columns, in order: each field's key and header.
    pub fn headers(&self) -> Vec<(String, String)> {
        self.fields
            .iter()
            .filter(|f| f.source.is_some())
            .map(|f| (f.key.clone(), f.header.clone()))
            .collect()
    }

    /// The key of the field the map shows: the first commune column's.
    pub fn commune_key(&self) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.role == FieldRole::Column(ColumnKind::Commune))
            .map(|f| f.key.as_str())
    }
}

/// The worker's answer to a [`DatasetRequest`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DatasetReply {
    /// The file was read and profiled.
    #[serde(rename = "dataset_profiled")]
    Profiled {
        /// The request answered.
        id: u32,
        /// What its columns hold.
        profile: DatasetProfile,
    },
    /// The dataset is built.
    #[serde(rename = "dataset_built")]
    Built {
        /// The request answered.
        id: u32,
        /// Its fields and report.
        dataset: BuiltDataset,
    },
    /// A view.
    #[serde(rename = "dataset_view")]
    View {
        /// The request answered.
        id: u32,
        /// What to show.
        view: View,
    },
    /// The rows of a view, written as asked.
    #[serde(rename = "dataset_exported")]
    Exported {
        /// The request answered.
        id: u32,
        /// The file's text.
        text: String,
    },
    /// The file or the request could not be used.
    #[serde(rename = "dataset_failed")]
    Failed {
        /// The request answered.
        id: u32,
        /// Why.
        issue: Issue,
    },
}

/// Where the worker's dataset is.
#[derive(Debug, Default)]
enum State {
    /// Nothing opened.
    #[default]
    Empty,
    /// Read and profiled, not built.
    Opened(Box<(Columns, Reference)>),
    /// Built.
    Built(Box<OpenDataset>),
}

/// The worker's dataset.
#[derive(Debug, Default)]
pub struct DatasetSession {
    state: State,
    /// Whether a view of the dataset built last has been answered.
    shown: bool,
}

/// The profile of every column of `columns`.
pub fn profile_columns(columns: &Columns, matcher: &CommuneMatcher) -> Vec<ColumnProfile> {
    columns
        .headers
        .iter()
        .zip(&columns.columns)
        .map(|(header, values)| {
            let mut profiler = ColumnProfiler::new(header, matcher);
            for (row, value) in values.iter().enumerate() {
                profiler.observe(value, columns.line(row));
            }
            profiler.finish()
        })
        .collect()
}

/// The answer to a request that needs a built dataset when there is none.
fn not_built(id: u32) -> DatasetReply {
    DatasetReply::Failed {
        id,
        issue: Issue::new("no dataset has been built yet"),
    }
}

impl DatasetSession {
    /// Answers `request`; `pieces` are the file of a [`DatasetRequest::Open`], in
    /// order (each freed once read).
    pub fn handle(&mut self, request: DatasetRequest, pieces: Vec<Cow<'_, [u8]>>) -> DatasetReply {
        match request {
            DatasetRequest::Open {
                id,
                file,
                reference,
            } => {
                self.state = State::Empty;
                self.shown = false;
                match read_columns_in(pieces, &file) {
                    Ok(columns) => {
                        let matcher = CommuneMatcher::new(&reference);
                        let profile = DatasetProfile {
                            file,
                            encoding: columns.encoding.to_string(),
                            rows: columns.rows(),
                            columns: profile_columns(&columns, &matcher),
                        };
                        self.state = State::Opened(Box::new((columns, reference)));
                        DatasetReply::Profiled { id, profile }
                    }
                    Err(issue) => DatasetReply::Failed { id, issue },
                }
            }
            DatasetRequest::Build { id, kinds } => {
                let (columns, reference) = match std::mem::take(&mut self.state) {
                    State::Opened(opened) => *opened,
                    State::Built(dataset) => dataset.into_parts(),
                    State::Empty => {
                        return DatasetReply::Failed {
                            id,
                            issue: Issue::new("no dataset has been opened yet"),
                        }
                    }
                };
                let matcher = CommuneMatcher::new(&reference);
                let dataset = OpenDataset::build(columns, &kinds, &matcher, &reference);
                self.shown = false;
                let mut report = dataset.report.clone();
                report.limit_errors(ERRORS_SENT);
                report.warnings.truncate(ERRORS_SENT);
                let built = BuiltDataset {
                    fields: dataset.fields.clone(),
                    report,
                };
                self.state = State::Built(Box::new(dataset));
                DatasetReply::Built { id, dataset: built }
            }
            DatasetRequest::View { id, request } => match &self.state {
                State::Built(dataset) => {
                    self.shown = true;
                    DatasetReply::View {
                        id,
                        view: dataset.view(&request),
                    }
                }
                _ => not_built(id),
            },
            DatasetRequest::Export {
                id,
                request,
                format,
                source,
                filters,
            } => match &self.state {
                State::Built(dataset) => DatasetReply::Exported {
                    id,
                    text: dataset.export_rows(&request, format, &source, &filters),
                },
                _ => not_built(id),
            },
        }
    }

    /// Whether there is work for [`DatasetSession::work_when_idle`]: the dataset
    /// built last has been shown (a view answered) and its text fields are not
    /// indexed yet.
    pub fn wants_idle(&self) -> bool {
        matches!(&self.state, State::Built(dataset) if self.shown && !dataset.table.texts_indexed())
    }

    /// What the worker does once it has answered and nothing waits: indexes the
    /// text fields of the dataset built last, so that showing the dataset did not
    /// wait for that index and a search then does not either. A search asked
    /// before indexes them itself.
    pub fn work_when_idle(&self) {
        if let State::Built(dataset) = &self.state {
            dataset.index_texts();
        }
    }

    /// Answers a request written as JSON; one that is not valid JSON of a
    /// [`DatasetRequest`] gets a [`DatasetReply::Failed`] with id 0. `pieces` are as
    /// [`DatasetSession::handle`]'s.
    pub fn handle_json(&mut self, request: &str, pieces: Vec<Cow<'_, [u8]>>) -> String {
        let reply = match serde_json::from_str::<DatasetRequest>(request) {
            Ok(request) => self.handle(request, pieces),
            Err(error) => DatasetReply::Failed {
                id: 0,
                issue: Issue::new(format!("unreadable request: {error}")),
            },
        };
        serde_json::to_string(&reply).unwrap_or_else(|error| {
            format!(
                r#"{{"kind":"dataset_failed","id":0,"issue":{{"message":"unwritable reply: {error}"}}}}"#
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::fixtures::reference;

    fn open(session: &mut DatasetSession, text: &str) -> DatasetReply {
        let request = serde_json::to_string(&DatasetRequest::Open {
            id: 1,
            file: "export.csv".into(),
            reference: reference(),
        })
        .unwrap();
        assert!(DatasetRequest::is_dataset_request(&request));
        serde_json::from_str(&session.handle_json(&request, vec![text.as_bytes().into()])).unwrap()
    }

    #[test]
    fn a_dataset_is_opened_built_viewed_and_rebuilt_over_json() {
        let mut session = DatasetSession::default();
        let reply = open(
            &mut session,
            "Commune;Thème;Montant\nLuik;Mobilité;12,5\nNamur;Mobilité;3\nNamur;Énergie;x\nAns;Mobilité;4\nLiège;Énergie;5\n",
        );
        let DatasetReply::Profiled { id: 1, profile } = reply else {
            panic!("{reply:?}")
        };
        assert_eq!(profile.rows, 5);
        let kinds: Vec<ColumnKind> = profile.columns.iter().map(|c| c.kind).collect();
        assert_eq!(
            kinds,
            [
                ColumnKind::Commune,
                ColumnKind::Category,
                ColumnKind::Number
            ]
        );

        let build = r#"{"kind":"dataset_build","id":2,"kinds":["commune","category","number"]}"#;
        let reply: DatasetReply =
            serde_json::from_str(&session.handle_json(build, Vec::new())).unwrap();
        let DatasetReply::Built { id: 2, dataset } = reply else {
            panic!("{reply:?}")
        };
        assert_eq!(dataset.fields.len(), 4);
        assert_eq!(dataset.commune_key(), Some("commune"));
        assert_eq!(
            dataset.headers(),
            [
                ("commune".to_string(), "Commune".to_string()),
                ("theme".to_string(), "Thème".to_string()),
                ("montant".to_string(), "Montant".to_string())
            ]
        );
        assert_eq!(dataset.report.rows_kept(), 5);
        assert_eq!(dataset.report.warnings[0].line, Some(4));

        let view =
            r#"{"kind":"dataset_view","id":3,"request":{"filters":[["theme",["Mobilité"]]]}}"#;
        let reply: DatasetReply =
            serde_json::from_str(&session.handle_json(view, Vec::new())).unwrap();
        let DatasetReply::View { id: 3, view } = reply else {
            panic!("{reply:?}")
        };
        assert_eq!((view.total, view.count), (5, 3));
        let map: Vec<(&str, f64)> = view.map.iter().map(|(n, v)| (n.as_str(), *v)).collect();
        assert_eq!(map, [("62003", 1.0), ("62063", 1.0), ("92094", 1.0)]);

        let export = r#"{"kind":"dataset_export","id":7,"request":{"filters":[["theme",["Énergie"]]]},"format":"csv","source":"export.csv","filters":""}"#;
        let reply: DatasetReply =
            serde_json::from_str(&session.handle_json(export, Vec::new())).unwrap();
        assert_eq!(
            reply,
            DatasetReply::Exported {
                id: 7,
                text: "Commune,Thème,Montant\nNamur,Énergie,x\nLiège,Énergie,5\n".into()
            }
        );

        // The user changes a kind: the same rows are built again.
        let rebuild = r#"{"kind":"dataset_build","id":4,"kinds":["category","category","text"]}"#;
        let reply: DatasetReply =
            serde_json::from_str(&session.handle_json(rebuild, Vec::new())).unwrap();
        let DatasetReply::Built { dataset, .. } = reply else {
            panic!("{reply:?}")
        };
        assert_eq!(dataset.fields.len(), 3);
    }

    #[test]
    fn the_text_fields_are_indexed_when_idle_once_the_dataset_is_shown() {
        let mut session = DatasetSession::default();
        open(
            &mut session,
            "Titre;Thème\nVélos partagés;Mobilité\nÉclairage;Énergie\n",
        );
        assert!(!session.wants_idle());
        let build = DatasetRequest::Build {
            id: 2,
            kinds: vec![ColumnKind::Text, ColumnKind::Category],
        };
        session.handle(build.clone(), Vec::new());
        // Built, not yet shown: the first view must not wait for the index.
        assert!(!session.wants_idle());
        let view = DatasetRequest::View {
            id: 3,
            request: ViewRequest::default(),
        };
        session.handle(view.clone(), Vec::new());
        assert!(session.wants_idle());
        session.work_when_idle();
        assert!(!session.wants_idle());
        let State::Built(dataset) = &session.state else {
            panic!("built")
        };
        assert!(dataset.table.texts_indexed());
        // Built again: shown again before the index is made again.
        session.handle(build, Vec::new());
        assert!(!session.wants_idle());
        session.handle(view, Vec::new());
        assert!(session.wants_idle());
    }

    #[test]
    fn requests_out_of_order_or_unreadable_fail_with_a_reason() {
        let mut session = DatasetSession::default();
        let view = session.handle(
            DatasetRequest::View {
                id: 5,
                request: ViewRequest::default(),
            },
            Vec::new(),
        );
        assert!(matches!(view, DatasetReply::Failed { id: 5, .. }));
        let build = session.handle(
            DatasetRequest::Build {
                id: 6,
                kinds: vec![],
            },
            Vec::new(),
        );
        assert!(matches!(build, DatasetReply::Failed { id: 6, .. }));
        assert!(matches!(
            open(&mut session, ""),
            DatasetReply::Failed { id: 1, .. }
        ));
        let garbage: DatasetReply =
            serde_json::from_str(&session.handle_json("{", Vec::new())).unwrap();
        assert!(matches!(garbage, DatasetReply::Failed { id: 0, .. }));
        assert!(!DatasetRequest::is_dataset_request(r#"{"kind":"parse"}"#));
    }
}
