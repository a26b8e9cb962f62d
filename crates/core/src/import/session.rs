//! A user's import as the browser's import worker runs it, away from the page:
//! the page sends [`Request`]s (a file to parse, then the columns to use), the
//! worker answers [`Reply`]s. The parsed records stay in the worker's
//! [`Session`]; only the header, the column guesses and the finished metric
//! cross over, so a 50 MB file never has to be copied back to the page.
//!
//! Requests and replies travel as JSON text (the file's bytes travel beside the
//! request, as a transferred buffer). Everything here is pure and tested
//! natively; the worker binary only does the message plumbing.

use super::records::{records, RecordSet};
use super::report::Issue;
use super::user::{build_metric, detect_nis_column, numeric_columns, UserMetric};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// At most this many errors are sent back with a metric; the report counts the
/// others in [`super::ImportReport::errors_omitted`].
pub const ERRORS_SENT: usize = 1000;

/// What the page asks the worker. `id` is echoed in the reply, so that the page
/// can ignore the answer to a request it has since replaced.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Request {
    /// Parse the bytes sent alongside as file `file`; `known` lists the NIS codes
    /// of the municipalities the app knows.
    Parse {
        /// Request number.
        id: u32,
        /// The file's name (its extension tells the format).
        file: String,
        /// Known NIS codes.
        known: Vec<String>,
    },
    /// Build the metric of `value_column` keyed by `nis_column` from the file
    /// parsed last.
    Metric {
        /// Request number.
        id: u32,
        /// Column of the NIS codes.
        nis_column: usize,
        /// Column of the values.
        value_column: usize,
    },
}

/// What the page needs to know about a parsed file to let the user pick columns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParsedFile {
    /// The column names.
    pub headers: Vec<String>,
    /// The NIS-code column found, if any (see [`detect_nis_column`]).
    pub nis_column: Option<usize>,
    /// The columns that look numeric (see [`numeric_columns`]).
    pub numeric_columns: Vec<usize>,
}

/// The worker's answer to a [`Request`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reply {
    /// The worker has started and takes requests (sent once, unasked: messages
    /// sent before it would be lost while the worker's wasm loads).
    Ready,
    /// The file was read.
    Parsed {
        /// The request answered.
        id: u32,
        /// What the file holds.
        file: ParsedFile,
    },
    /// The file (or the request) could not be used at all.
    Failed {
        /// The request answered.
        id: u32,
        /// Why.
        issue: Issue,
    },
    /// The metric asked for, its report holding at most [`ERRORS_SENT`] errors.
    Metric {
        /// The request answered.
        id: u32,
        /// The metric.
        metric: UserMetric,
    },
}

/// The worker's state: the records of the file parsed last.
#[derive(Debug, Default)]
pub struct Session {
    parsed: Option<(RecordSet, BTreeSet<String>)>,
}

impl Session {
    /// Answers `request`; `bytes` is the file of a [`Request::Parse`].
    pub fn handle(&mut self, request: Request, bytes: &[u8]) -> Reply {
        match request {
            Request::Parse { id, file, known } => {
                self.parsed = None;
                match records(bytes, &file) {
                    Ok(set) => {
                        let known: BTreeSet<String> = known.into_iter().collect();
                        let nis_column = detect_nis_column(&set, |n| known.contains(n));
                        let file = ParsedFile {
                            headers: set.headers.clone(),
                            nis_column,
                            numeric_columns: numeric_columns(&set, nis_column),
                        };
                        self.parsed = Some((set, known));
                        Reply::Parsed { id, file }
                    }
                    Err(issue) => Reply::Failed { id, issue },
                }
            }
            Request::Metric {
                id,
                nis_column,
                value_column,
            } => match &self.parsed {
                Some((set, known)) => {
                    let mut metric =
                        build_metric(set, nis_column, value_column, |n| known.contains(n));
                    metric.report.limit_errors(ERRORS_SENT);
                    Reply::Metric { id, metric }
                }
                None => Reply::Failed {
                    id,
                    issue: Issue::new("no file has been read yet"),
                },
            },
        }
    }

    /// Answers a request written as JSON; a request that is not valid JSON of a
    /// [`Request`] gets a [`Reply::Failed`] with id 0.
    pub fn handle_json(&mut self, request: &str, bytes: &[u8]) -> String {
        let reply = match serde_json::from_str::<Request>(request) {
            Ok(request) => self.handle(request, bytes),
            Err(error) => Reply::Failed {
                id: 0,
                issue: Issue::new(format!("unreadable request: {error}")),
            },
        };
        serde_json::to_string(&reply).unwrap_or_else(|error| {
            format!(
                r#"{{"kind":"failed","id":0,"issue":{{"message":"unwritable reply: {error}"}}}}"#
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Vec<String> {
        vec!["92094".into(), "62063".into(), "57081".into()]
    }

    fn parse(session: &mut Session, text: &str) -> Reply {
        let request = serde_json::to_string(&Request::Parse {
            id: 1,
            file: "data.csv".into(),
            known: known(),
        })
        .unwrap();
        serde_json::from_str(&session.handle_json(&request, text.as_bytes())).unwrap()
    }

    #[test]
    fn a_file_is_parsed_then_its_metric_built_over_json() {
        let mut session = Session::default();
        let reply = parse(
            &mut session,
            "Code INS;Commune;Valeur\n92094;Namur;12,5\n62063;Liège;x\n99999;Nowhere;3\n",
        );
        let Reply::Parsed { id: 1, file } = reply else {
            panic!("{reply:?}")
        };
        assert_eq!(file.headers, ["Code INS", "Commune", "Valeur"]);
        assert_eq!(file.nis_column, Some(0));
        assert_eq!(file.numeric_columns, [2]);

        let request = r#"{"kind":"metric","id":2,"nis_column":0,"value_column":2}"#;
        let reply: Reply = serde_json::from_str(&session.handle_json(request, &[])).unwrap();
        let Reply::Metric { id: 2, metric } = reply else {
            panic!("{reply:?}")
        };
        assert_eq!(metric.values.get("92094"), Some(&12.5));
        let report = &metric.report;
        assert_eq!(
            (
                report.rows_read(),
                report.rows_kept(),
                report.rows_rejected()
            ),
            (3, 1, 2)
        );
        assert_eq!(report.errors.len(), 2);
        assert_eq!(report.errors[0].line, Some(3));
    }

    #[test]
    fn errors_beyond_the_limit_are_counted_not_sent() {
        let mut session = Session::default();
        let mut text = String::from("nis,value\n");
        for _ in 0..(ERRORS_SENT + 5) {
            text.push_str("92094,not a number\n");
        }
        assert!(matches!(parse(&mut session, &text), Reply::Parsed { .. }));
        let reply = session.handle(
            Request::Metric {
                id: 3,
                nis_column: 0,
                value_column: 1,
            },
            &[],
        );
        let Reply::Metric { metric, .. } = reply else {
            panic!("{reply:?}")
        };
        assert_eq!(metric.report.errors.len(), ERRORS_SENT);
        assert_eq!(metric.report.errors_omitted, 5);
        assert_eq!(metric.report.rows_rejected(), ERRORS_SENT + 5);
    }

    #[test]
    fn an_unreadable_file_or_request_fails_with_a_reason() {
        let mut session = Session::default();
        let truncated = session.handle(
            Request::Parse {
                id: 4,
                file: "cut.json".into(),
                known: known(),
            },
            br#"[{"nis": "92094", "value": 1}, {"nis""#,
        );
        let Reply::Failed { id: 4, issue } = truncated else {
            panic!("{truncated:?}")
        };
        assert!(issue.line.is_some(), "{issue:?}");

        let early = session.handle(
            Request::Metric {
                id: 5,
                nis_column: 0,
                value_column: 1,
            },
            &[],
        );
        assert!(matches!(early, Reply::Failed { id: 5, .. }));

        let garbage: Reply = serde_json::from_str(&session.handle_json("{", &[])).unwrap();
        assert!(matches!(garbage, Reply::Failed { id: 0, .. }));
    }
}
