//! What an import did: how many rows were read, kept and rejected, and why.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One problem found in an input file, located as precisely as the format allows.
///
/// `line` is 1-based. `column` is 1-based too: for CSV it is the field (spreadsheet
/// column) number; for a JSON syntax error it is the character column that
/// `serde_json` reports. `path` locates a JSON value, e.g. `$[3].nis` or
/// `$.features[12]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// 1-based physical line, when known.
    pub line: Option<u64>,
    /// 1-based column (CSV: field number; JSON: character column), when known.
    pub column: Option<u64>,
    /// JSON path of the value, when the input is JSON.
    pub path: Option<String>,
    /// Name of the field concerned, when there is one.
    pub field: Option<String>,
    /// What is wrong, in plain words (English).
    pub message: String,
    /// What the problem is, for those the app words in the reader's language
    /// (boxed: most issues have none, and `Issue` travels in many `Result`s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Box<IssueKind>>,
}

/// The problems a user's own file commonly has, with what a translated message
/// needs; [`Issue::message`] keeps the English wording for the command line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IssueKind {
    /// The file holds nothing but blank lines.
    FileEmpty,
    /// The file is larger than the limit, in MiB.
    FileTooLarge {
        /// The limit, in MiB.
        max_mib: usize,
    },
    /// The row has no NIS code.
    NoNis,
    /// The NIS code is not a known municipality.
    UnknownNis {
        /// The code given.
        code: String,
    },
    /// The NIS code was met before (duplicates are rejected, not summed).
    DuplicateNis {
        /// The code.
        code: String,
        /// Line of the first occurrence (CSV).
        first_line: Option<u64>,
        /// Path of the first occurrence (JSON).
        first_path: Option<String>,
    },
    /// The row has no value.
    NoValue,
    /// The value is not a (finite) number.
    NotANumber {
        /// The value given.
        value: String,
    },
    /// A value the data explorer could not read as its column's kind: its row is
    /// kept, without this value.
    KeptAsNoValue {
        /// The value given.
        value: String,
        /// What the column expected.
        expected: Expected,
    },
    /// More values kept as no value than the report lists one by one.
    MoreKeptAsNoValue {
        /// How many more.
        count: usize,
    },
}

/// What a column of the data explorer expects of its values ([`IssueKind::KeptAsNoValue`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Expected {
    /// A municipality's NIS code or name.
    Commune,
    /// A name that only one municipality has (or its NIS code).
    UniqueCommune,
    /// A number.
    Number,
    /// A year.
    Year,
    /// A date.
    Date,
}

impl Issue {
    /// An issue with a message and no location.
    pub fn new(message: impl Into<String>) -> Self {
        Issue {
            message: message.into(),
            ..Issue::default()
        }
    }

    /// An issue at a 1-based line.
    pub fn at_line(line: u64, message: impl Into<String>) -> Self {
        Issue::new(message).with_line(line)
    }

    /// An issue at a JSON path.
    pub fn at_path(path: impl Into<String>, message: impl Into<String>) -> Self {
        Issue::new(message).with_path(path)
    }

    /// The same issue at a 1-based line.
    pub fn with_line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    /// The same issue at a 1-based column.
    pub fn with_column(mut self, column: u64) -> Self {
        self.column = Some(column);
        self
    }

    /// The same issue at a JSON path.
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// The same issue about a named field.
    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// The same issue, of a known kind.
    pub fn with_kind(mut self, kind: IssueKind) -> Self {
        self.kind = Some(Box::new(kind));
        self
    }

    /// Displays the issue prefixed by a file name: `file:line:column: field: message`.
    pub fn in_file<'a>(&'a self, file: &'a str) -> impl fmt::Display + 'a {
        InFile { file, issue: self }
    }

    fn write_location(&self, f: &mut fmt::Formatter<'_>, mut sep: bool) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "{}{line}", if sep { ":" } else { "" })?;
            sep = true;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        if let Some(path) = &self.path {
            write!(f, "{}{path}", if sep { ":" } else { "" })?;
            sep = true;
        }
        if sep {
            f.write_str(": ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// `line:column: field: message`, each part present only when known.
impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_location(f, false)
    }
}

struct InFile<'a> {
    file: &'a str,
    issue: &'a Issue,
}

impl fmt::Display for InFile<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.file)?;
        self.issue.write_location(f, true)
    }
}

/// The outcome of importing one file.
///
/// The row counters are private so that `rows_read == rows_kept + rows_rejected`
/// always holds: rows are counted only through [`ImportReport::keep`] and
/// [`ImportReport::reject`], and deserialising a report that breaks the
/// invariant fails.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ReportData")]
pub struct ImportReport {
    /// The file imported (as given by the caller).
    pub file: String,
    rows_read: usize,
    rows_kept: usize,
    rows_rejected: usize,
    /// Problems that rejected a row or the whole file.
    pub errors: Vec<Issue>,
    /// Problems that did not reject anything.
    pub warnings: Vec<Issue>,
    /// Errors left out of `errors` by [`ImportReport::limit_errors`].
    pub errors_omitted: usize,
}

/// The serialised shape of a report, checked before it becomes one.
#[derive(Deserialize)]
struct ReportData {
    file: String,
    rows_read: usize,
    rows_kept: usize,
    rows_rejected: usize,
    errors: Vec<Issue>,
    warnings: Vec<Issue>,
    #[serde(default)]
    errors_omitted: usize,
}

impl TryFrom<ReportData> for ImportReport {
    type Error = String;

    fn try_from(data: ReportData) -> Result<Self, Self::Error> {
        if data.rows_kept.checked_add(data.rows_rejected) != Some(data.rows_read) {
            return Err(format!(
                "inconsistent report: rows_read {} != rows_kept {} + rows_rejected {}",
                data.rows_read, data.rows_kept, data.rows_rejected
            ));
        }
        Ok(ImportReport {
            file: data.file,
            rows_read: data.rows_read,
            rows_kept: data.rows_kept,
            rows_rejected: data.rows_rejected,
            errors: data.errors,
            warnings: data.warnings,
            errors_omitted: data.errors_omitted,
        })
    }
}

impl ImportReport {
    /// An empty report for `file`.
    pub fn new(file: impl Into<String>) -> Self {
        ImportReport {
            file: file.into(),
            ..ImportReport::default()
        }
    }

    /// Rows read so far (kept + rejected).
    pub fn rows_read(&self) -> usize {
        self.rows_read
    }

    /// Rows kept so far.
    pub fn rows_kept(&self) -> usize {
        self.rows_kept
    }

    /// Rows rejected so far.
    pub fn rows_rejected(&self) -> usize {
        self.rows_rejected
    }

    /// Records a kept row.
    pub fn keep(&mut self) {
        self.rows_read += 1;
        self.rows_kept += 1;
    }

    /// Records a row rejected because of `issue`.
    pub fn reject(&mut self, issue: Issue) {
        self.reject_all([issue]);
    }

    /// Records one row rejected because of several issues.
    pub fn reject_all(&mut self, issues: impl IntoIterator<Item = Issue>) {
        self.rows_read += 1;
        self.rows_rejected += 1;
        self.errors.extend(issues);
    }

    /// Records an error that is not a row's (e.g. a missing column, an unreadable file).
    pub fn error(&mut self, issue: Issue) {
        self.errors.push(issue);
    }

    /// Records a warning.
    pub fn warn(&mut self, issue: Issue) {
        self.warnings.push(issue);
    }

    /// Whether no error was recorded.
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty() && self.errors_omitted == 0
    }

    /// Keeps the first `max` errors and counts the others in `errors_omitted`
    /// (the row counters are unchanged).
    pub fn limit_errors(&mut self, max: usize) {
        if self.errors.len() > max {
            self.errors_omitted += self.errors.len() - max;
            self.errors.truncate(max);
        }
    }
}

/// One line per error (`file:line:column: field: message`), one per warning
/// (`file:line:column: warning: field: message`), then
/// `N rows read, K kept, R rejected`.
impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for issue in &self.errors {
            writeln!(f, "{}", issue.in_file(&self.file))?;
        }
        for issue in &self.warnings {
            let warning = Issue {
                field: None,
                message: match &issue.field {
                    Some(field) => format!("warning: {field}: {}", issue.message),
                    None => format!("warning: {}", issue.message),
                },
                ..issue.clone()
            };
            writeln!(f, "{}", warning.in_file(&self.file))?;
        }
        if self.errors_omitted > 0 {
            writeln!(
                f,
                "{}: {} more errors not listed",
                self.file, self.errors_omitted
            )?;
        }
        write!(
            f,
            "{} rows read, {} kept, {} rejected",
            self.rows_read, self.rows_kept, self.rows_rejected
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_stay_consistent_and_display_lists_issues() {
        let mut report = ImportReport::new("projects.csv");
        report.keep();
        report.reject(
            Issue::at_line(3, "not a number: \"abc\"")
                .with_column(4)
                .with_field("amount"),
        );
        report.warn(Issue::at_path("$[2]", "unknown municipality").with_field("nis"));
        report.error(Issue::new("missing column"));
        assert_eq!(
            (
                report.rows_read(),
                report.rows_kept(),
                report.rows_rejected()
            ),
            (2, 1, 1)
        );
        assert_eq!(
            report.to_string(),
            "projects.csv:3:4: amount: not a number: \"abc\"\n\
             projects.csv: missing column\n\
             projects.csv:$[2]: warning: nis: unknown municipality\n\
             2 rows read, 1 kept, 1 rejected"
        );
    }

    #[test]
    fn serde_uses_the_plain_key_names_and_checks_the_invariant() {
        let mut report = ImportReport::new("a.json");
        report.keep();
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "file": "a.json", "rows_read": 1, "rows_kept": 1, "rows_rejected": 0,
                "errors": [], "warnings": [], "errors_omitted": 0
            })
        );
        let back: ImportReport = serde_json::from_value(json).unwrap();
        assert_eq!(back, report);
        let issue = serde_json::to_value(Issue::at_line(2, "m")).unwrap();
        assert_eq!(
            issue,
            serde_json::json!({"line": 2, "column": null, "path": null, "field": null, "message": "m"})
        );
        let bad = serde_json::json!({
            "file": "a", "rows_read": 3, "rows_kept": 1, "rows_rejected": 1,
            "errors": [], "warnings": []
        });
        assert!(serde_json::from_value::<ImportReport>(bad).is_err());
    }
}
