//! The project's datasets, typed and checked: municipalities, projects, calls,
//! indicators, the seed documents cited as sources, and municipal boundaries.
//!
//! Each `parse_<kind>` reads a file of any format [`crate::import::records`]
//! reads (CSV, JSON records, GeoJSON/TopoJSON features), checks every row and
//! returns the rows that passed with a report: each rejected row gives issues
//! naming its line, column (1-based field number), field and what is wrong, and
//! `rows_read == rows_kept + rows_rejected` always holds. Nothing here panics on
//! any input.

use crate::import::json::child_path;
use crate::import::{
    normalize_header, parse_optional_amount, records, FieldSpec, Format, HeaderMap, ImportReport,
    Issue, Location, Record, RecordSet,
};
use crate::text::is_web_link;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Declares a closed set of keywords written as kebab or snake strings in the
/// data files, with `ALL`, `as_str` and `parse`.
macro_rules! keywords {
    (
        $(#[$meta:meta])*
        $name:ident, $noun:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as written in the data files.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )+
                }
            }

            /// Reads a value, ignoring ASCII case and surrounding spaces.
            pub fn parse(text: &str) -> Option<$name> {
                let text = text.trim();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|value| value.as_str().eq_ignore_ascii_case(text))
            }
        }

        impl $crate::datasets::Keyword for $name {
            const NOUN: &'static str = $noun;

            fn names() -> Vec<&'static str> {
                Self::ALL.iter().map(|value| value.as_str()).collect()
            }

            fn read(text: &str) -> Option<Self> {
                Self::parse(text)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub mod boundaries;
pub mod calls;
pub mod crosscheck;
pub mod documents;
pub mod indicators;
pub mod municipalities;
pub mod projects;

pub use self::boundaries::{check_boundaries, parse_boundaries, Boundary, GeometryKind};
pub use self::calls::{parse_calls, Call, CallId, ThemeCount};
pub use self::documents::{document_names, parse_documents, Document};
pub use self::indicators::{parse_indicators, Indicator, Unit};
pub use self::municipalities::{parse_municipalities, reference_of};
pub use self::projects::{
    parse_projects, resolve_project_municipalities, LeadType, Project, ProjectStatus, TitleStatus,
};

/// The first year a dataset record may refer to.
pub const FIRST_YEAR: u16 = 2015;
/// The last year a dataset record may refer to.
pub const LAST_YEAR: u16 = 2030;

keywords! {
    /// A theme of the "Territoire intelligent" calls, as listed in `calls.csv`.
    Theme, "theme" {
        /// Energy and environment.
        EnergyEnvironment = "energy-environment",
        /// Mobility and logistics.
        MobilityLogistics = "mobility-logistics",
        /// E-governance and citizen participation.
        GovernanceCitizenship = "governance-citizenship",
        /// Local commerce and tourism.
        CommerceTourism = "commerce-tourism",
        /// Resilience and crisis management.
        ResilienceCrisis = "resilience-crisis",
    }
}

/// A closed set of keywords (implemented by the enums of this module).
pub trait Keyword: Sized + Copy {
    /// What a value is called in messages, e.g. `theme`.
    const NOUN: &'static str;
    /// Every value as written in the data files.
    fn names() -> Vec<&'static str>;
    /// Reads a value, ignoring ASCII case and surrounding spaces.
    fn read(text: &str) -> Option<Self>;
}

/// The rows of a dataset file that passed the checks, and the report of the import.
#[derive(Clone, Debug)]
pub struct Parsed<T> {
    /// The kept records with their key: the 1-based line for CSV, the 0-based
    /// position among the records or features for JSON, GeoJSON and TopoJSON.
    pub records: Vec<(u64, T)>,
    /// Rows read, kept and rejected, errors and warnings.
    pub report: ImportReport,
    /// JSON path of each record, by key (empty for CSV).
    pub(crate) paths: HashMap<u64, String>,
    /// The headers of the file, as written.
    pub(crate) headers: Vec<String>,
    /// Canonical field name → 0-based column among `headers`.
    pub(crate) columns: HashMap<&'static str, usize>,
}

impl<T> Parsed<T> {
    /// An empty result for `file`.
    pub(crate) fn new(file: &str) -> Self {
        Parsed {
            records: Vec::new(),
            report: ImportReport::new(file),
            paths: HashMap::new(),
            headers: Vec::new(),
            columns: HashMap::new(),
        }
    }

    /// The kept records, without their keys.
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.records.iter().map(|(_, value)| value)
    }

    /// The kept records, without their keys.
    pub fn into_values(self) -> Vec<T> {
        self.records.into_iter().map(|(_, value)| value).collect()
    }

    /// An issue about `field` (canonical name, e.g. `municipalities`) of the
    /// record with key `key`: line, column and header as written for CSV; the
    /// value's JSON path for JSON.
    pub fn issue_at(&self, key: u64, field: &str, message: impl Into<String>) -> Issue {
        let column = self.columns.get(field).copied();
        let header = column
            .and_then(|c| self.headers.get(c))
            .map_or(field, String::as_str);
        match self.paths.get(&key) {
            Some(path) => Issue::at_path(child_path(path, header), message).with_field(header),
            None => {
                let issue = Issue::at_line(key, message).with_field(header);
                match column {
                    Some(c) => issue.with_column(c as u64 + 1),
                    None => issue,
                }
            }
        }
    }
}

/// One row being checked: its values by canonical field name, and the issues found.
pub(crate) struct Row<'a> {
    record: &'a Record,
    columns: &'a HashMap<&'static str, usize>,
    /// Problems that reject the row.
    pub(crate) issues: Vec<Issue>,
    /// Problems that do not.
    pub(crate) warnings: Vec<Issue>,
}

impl<'a> Row<'a> {
    /// The trimmed value of `field`; `""` when the file has no such column.
    pub(crate) fn text(&self, field: &str) -> &'a str {
        self.columns
            .get(field)
            .and_then(|&c| self.record.value(c))
            .map_or("", str::trim)
    }

    /// Whether the file has a column for `field`.
    pub(crate) fn has(&self, field: &str) -> bool {
        self.columns.contains_key(field)
    }

    /// The trimmed value of `field`, `None` when empty.
    pub(crate) fn optional(&self, field: &str) -> Option<String> {
        let text = self.text(field);
        (!text.is_empty()).then(|| text.to_owned())
    }

    /// The trimmed value of `field`; an issue when it is empty.
    pub(crate) fn required(&mut self, field: &str) -> Option<&'a str> {
        let text = self.text(field);
        if text.is_empty() {
            self.error(field, "required value is missing");
            None
        } else {
            Some(text)
        }
    }

    /// An issue about `field`, located as precisely as the format allows.
    pub(crate) fn issue(&self, field: &str, message: impl Into<String>) -> Issue {
        match self.columns.get(field) {
            Some(&c) => self.record.field_issue(c, message),
            None => self.record.location.issue(message).with_field(field),
        }
    }

    /// Records a problem that rejects the row.
    pub(crate) fn error(&mut self, field: &str, message: impl Into<String>) {
        let issue = self.issue(field, message);
        self.issues.push(issue);
    }

    /// Records a problem that does not reject the row.
    pub(crate) fn warn(&mut self, field: &str, message: impl Into<String>) {
        let issue = self.issue(field, message);
        self.warnings.push(issue);
    }

    /// Where the row is, for "first on line 3" / "first at $[2]".
    pub(crate) fn place(&self) -> String {
        match &self.record.location {
            Location::Line(line) => format!("on line {line}"),
            Location::Path(path) => format!("at {path}"),
        }
    }

    /// A required year between [`FIRST_YEAR`] and [`LAST_YEAR`].
    pub(crate) fn year(&mut self, field: &str) -> Option<u16> {
        let text = self.required(field)?;
        match parse_year(text) {
            Some(year) => Some(year),
            None => {
                self.error(
                    field,
                    format!("'{text}' is not a year between {FIRST_YEAR} and {LAST_YEAR}"),
                );
                None
            }
        }
    }

    /// An optional amount ≥ 0 (`None` when empty or invalid, with an issue when invalid).
    pub(crate) fn amount(&mut self, field: &str) -> Option<f64> {
        let text = self.text(field);
        match parse_optional_amount(text) {
            Ok(Some(value)) if value < 0.0 => {
                self.error(field, format!("amount '{text}' is negative"));
                None
            }
            Ok(value) => value,
            Err(_) => {
                self.error(field, format!("'{text}' is not an amount"));
                None
            }
        }
    }

    /// An optional whole count ≥ 0.
    pub(crate) fn count(&mut self, field: &str) -> Option<u32> {
        let text = self.text(field);
        if text.is_empty() {
            return None;
        }
        let value = text
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| text.parse::<u32>().ok())
            .flatten();
        if value.is_none() {
            self.error(
                field,
                format!("'{text}' is not a count (a whole number ≥ 0)"),
            );
        }
        value
    }

    /// A keyword of `K`: required, or `None` when empty; an issue when unknown.
    pub(crate) fn keyword<K: Keyword>(&mut self, field: &str, required: bool) -> Option<K> {
        let text = if required {
            self.required(field)?
        } else {
            self.text(field)
        };
        if text.is_empty() {
            return None;
        }
        let value = K::read(text);
        if value.is_none() {
            self.error(field, unknown::<K>(text));
        }
        value
    }

    /// The non-empty items of a list field separated by `separator` (a JSON
    /// array of strings is read as such).
    pub(crate) fn list(&self, field: &str, separator: char) -> Vec<String> {
        split_list(self.text(field), separator)
    }

    /// An optional date `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (see [`is_date`]).
    pub(crate) fn date(&mut self, field: &str) -> Option<String> {
        let text = self.optional(field)?;
        if is_date(&text) {
            Some(text)
        } else {
            self.error(
                field,
                format!("'{text}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD, year 2015–2030)"),
            );
            None
        }
    }

    /// An optional single source: an http(s) URL or the name of a file in `documents`.
    pub(crate) fn source(&mut self, field: &str, documents: &[String]) -> Option<String> {
        let source = self.optional(field)?;
        if is_web_link(&source) || documents.contains(&source) {
            Some(source)
        } else {
            self.error(field, not_a_source(&source));
            None
        }
    }

    /// The sources of the row: at least one; each an http(s) URL or the name of a
    /// file in `documents`.
    pub(crate) fn sources(&mut self, field: &str, documents: &[String]) -> Vec<String> {
        let text = self.text(field);
        let sources: Vec<String> = if text.starts_with('[') {
            split_list(text, ' ')
        } else {
            text.split_whitespace().map(str::to_owned).collect()
        };
        if sources.is_empty() {
            self.error(field, "at least one source is required");
        }
        for source in &sources {
            if !is_web_link(source) && !documents.iter().any(|d| d == source) {
                self.error(field, not_a_source(source));
            }
        }
        sources
    }
}

/// Whether `text` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real date of a year
/// between 2015 and 2030.
pub(crate) fn is_date(text: &str) -> bool {
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

/// The message for a source that is neither a web link nor a known document.
fn not_a_source(source: &str) -> String {
    format!("'{source}' is neither an http(s) URL nor a document listed in documents.csv")
}

/// "unknown theme 'energy'; expected one of energy-environment, …".
pub(crate) fn unknown<K: Keyword>(text: &str) -> String {
    format!(
        "unknown {} '{text}'; expected one of {}",
        K::NOUN,
        K::names().join(", ")
    )
}

/// A year between [`FIRST_YEAR`] and [`LAST_YEAR`] written with four digits.
pub(crate) fn parse_year(text: &str) -> Option<u16> {
    let text = text.trim();
    if text.len() != 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse::<u16>()
        .ok()
        .filter(|year| (FIRST_YEAR..=LAST_YEAR).contains(year))
}

/// Whether `text` is a five-digit NIS code.
pub fn is_nis(text: &str) -> bool {
    text.len() == 5 && text.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `text` is a slug: lower-case ASCII letters and digits, separated by
/// single `-` or `_`, e.g. `ti2019-mind-your-territory` or `be17_feel_concerned`.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.split(['-', '_']).all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The message for a value that is not a slug.
pub(crate) fn not_a_slug(text: &str) -> String {
    format!("'{text}' is not a slug (lower-case letters and digits separated by '-' or '_')")
}

/// The trimmed non-empty items of `text` separated by `separator`; a JSON array
/// of strings (as the bundle writes lists) is read as such.
pub(crate) fn split_list(text: &str, separator: char) -> Vec<String> {
    let text = text.trim();
    if text.starts_with('[') {
        if let Ok(items) = serde_json::from_str::<Vec<String>>(text) {
            return items
                .into_iter()
                .map(|item| item.trim().to_owned())
                .filter(|item| !item.is_empty())
                .collect();
        }
    }
    text.split(separator)
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

/// What [`parse_rows`] expects of the columns.
pub(crate) struct Columns<'a> {
    /// The fields looked for.
    pub(crate) specs: &'a [FieldSpec],
    /// Fields of which at least one must have a column (none when empty).
    pub(crate) any_of: &'a [&'static str],
    /// Whether a column matching no spec gives a warning.
    pub(crate) warn_unused: bool,
}

/// Reads `bytes` as records, resolves the column specs against the headers and
/// calls `build` on each row; a row is kept when `build` returns a value and
/// found no error. When the columns cannot be resolved, every row is rejected.
pub(crate) fn parse_rows<T>(
    bytes: &[u8],
    file_name: &str,
    expected: Columns<'_>,
    build: impl FnMut(&mut Row<'_>) -> Option<T>,
) -> Parsed<T> {
    match records(bytes, file_name) {
        Ok(set) => check_records(set, expected, build),
        Err(issue) => {
            let mut parsed = Parsed::new(file_name);
            parsed.report.error(issue);
            parsed
        }
    }
}

/// [`parse_rows`] on records already read (e.g. the fields of a form).
pub(crate) fn check_records<T>(
    set: RecordSet,
    expected: Columns<'_>,
    mut build: impl FnMut(&mut Row<'_>) -> Option<T>,
) -> Parsed<T> {
    let Columns {
        specs,
        any_of,
        warn_unused,
    } = expected;
    let mut parsed = Parsed::new(&set.file);
    let is_csv = matches!(set.format, Format::Csv { .. });
    let at_header = |issue: Issue| if is_csv { issue.with_line(1) } else { issue };
    parsed.report.warnings.extend(set.warnings.iter().cloned());
    if warn_unused {
        for (index, header) in set.headers.iter().enumerate() {
            let normalized = normalize_header(header);
            let used = specs.iter().any(|spec| {
                std::iter::once(spec.name)
                    .chain(spec.aliases.iter().copied())
                    .any(|name| normalize_header(name) == normalized)
            });
            if !used {
                let mut issue = Issue::new(format!("column '{header}' is not used"));
                if is_csv {
                    issue = issue.with_column(index as u64 + 1);
                }
                parsed.report.warn(at_header(issue));
            }
        }
    }
    let resolved = HeaderMap::resolve(&set.headers, specs).and_then(|columns| {
        if any_of.is_empty() || any_of.iter().any(|field| columns.contains_key(field)) {
            Ok(columns)
        } else {
            let names: Vec<String> = any_of.iter().map(|f| format!("{f:?}")).collect();
            Err(vec![Issue::new(format!(
                "missing column: expected at least one of {}",
                names.join(", ")
            ))])
        }
    });
    let columns = match resolved {
        Ok(columns) => columns,
        Err(issues) => {
            for issue in issues {
                parsed.report.error(at_header(issue));
            }
            for _ in &set.records {
                parsed.report.reject_all([]);
            }
            return parsed;
        }
    };
    for (index, record) in set.records.iter().enumerate() {
        let key = match &record.location {
            Location::Line(line) => *line,
            Location::Path(path) => {
                parsed.paths.insert(index as u64, path.clone());
                index as u64
            }
        };
        if let Some(issue) = &record.issue {
            parsed.report.reject(issue.clone());
            continue;
        }
        let mut row = Row {
            record,
            columns: &columns,
            issues: Vec::new(),
            warnings: Vec::new(),
        };
        let value = build(&mut row);
        let Row {
            issues, warnings, ..
        } = row;
        parsed.report.warnings.extend(warnings);
        match value {
            Some(value) if issues.is_empty() => {
                parsed.report.keep();
                parsed.records.push((key, value));
            }
            _ if issues.is_empty() => parsed
                .report
                .reject(record.location.issue("the record could not be read")),
            _ => parsed.report.reject_all(issues),
        }
    }
    parsed.headers = set.headers;
    parsed.columns = columns;
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_years_and_nis_codes() {
        assert!(is_slug("ti2019-mind-your-territory"));
        assert!(is_slug("be17_feel_concerned"));
        for bad in ["", "Ti2019", "a--b", "-a", "a-", "a b", "é"] {
            assert!(!is_slug(bad), "{bad}");
        }
        assert_eq!(parse_year("2019"), Some(2019));
        assert_eq!(parse_year(" 2030 "), Some(2030));
        for bad in ["2014", "2031", "19", "+201", "20190"] {
            assert_eq!(parse_year(bad), None, "{bad}");
        }
        assert!(is_nis("62063"));
        assert!(!is_nis("6206") && !is_nis("6206a") && !is_nis("620630"));
    }

    #[test]
    fn themes_round_trip_and_lists_split() {
        for theme in Theme::ALL {
            assert_eq!(Theme::parse(theme.as_str()), Some(*theme));
            let json = serde_json::to_string(theme).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", theme.as_str()));
        }
        assert_eq!(
            Theme::parse(" Energy-Environment "),
            Some(Theme::EnergyEnvironment)
        );
        assert_eq!(Theme::parse("energy"), None);
        assert_eq!(split_list("a| b ||c ", '|'), ["a", "b", "c"]);
        assert_eq!(split_list(r#"["a", "b"]"#, '|'), ["a", "b"]);
        assert!(split_list("  ", '|').is_empty());
        assert_eq!(
            unknown::<Theme>("energy"),
            "unknown theme 'energy'; expected one of energy-environment, mobility-logistics, \
             governance-citizenship, commerce-tourism, resilience-crisis"
        );
    }
}
