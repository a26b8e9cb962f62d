//! Reading JSON records: a plain array of objects, or the answers and exports of
//! Opendatasoft portals (Explore API v2.1 `results`, v1 and v2.0 `records`).

use super::limits::{check_file_size, check_records};
use super::report::Issue;
use super::text::decode;
use serde_json::{Map, Value};

/// One record of a JSON file.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonRecord {
    /// 0-based position in its array.
    pub index: usize,
    /// JSON path of the object holding the fields, e.g. `$[3]` or
    /// `$.records[3].record.fields`.
    pub path: String,
    /// The record's fields.
    pub fields: Map<String, Value>,
}

impl JsonRecord {
    /// JSON path of one field, e.g. `$[3].nis` or `$[3]["code ins"]`.
    pub fn field_path(&self, field: &str) -> String {
        child_path(&self.path, field)
    }
}

/// The layout a JSON file was recognised as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonShape {
    /// A top-level array of objects (also Opendatasoft's JSON export).
    Array,
    /// Opendatasoft Explore API v2.1: `{"total_count": N, "results": [{...}]}`.
    OdsResults,
    /// Opendatasoft API v1: `{"nhits": N, "records": [{"recordid": .., "fields": {...}}]}`.
    OdsV1Records,
    /// Opendatasoft Explore API v2.0: `{"total_count": N, "records": [{"record": {"fields": {...}}}]}`.
    OdsV20Records,
    /// `{"records": [{...}]}` with plain objects.
    Records,
}

/// A JSON file's records, and what was noticed without rejecting anything.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonDocument {
    /// The layout recognised.
    pub shape: JsonShape,
    /// The records, in order.
    pub records: Vec<JsonRecord>,
    /// E.g. an API answer holding only one page of the records.
    pub warnings: Vec<Issue>,
}

/// Decodes and parses `bytes` and returns their records (see [`read_document`]).
pub fn read_records(bytes: &[u8]) -> Result<Vec<JsonRecord>, Issue> {
    read_document(bytes).map(|doc| doc.records)
}

/// Decodes and parses `bytes` and returns their records with the layout found
/// and warnings. A syntax error gives `serde_json`'s line and column; an element
/// that is not an object gives its path. A file beyond the [`super::limits`]
/// (size, records, nesting) is an error.
pub fn read_document(bytes: &[u8]) -> Result<JsonDocument, Issue> {
    check_file_size(bytes.len())?;
    let decoded = decode(bytes);
    document_from_value(parse_json(&decoded.text)?)
}

/// Parses JSON text, turning `serde_json`'s errors into issues: `truncated JSON:
/// …` at the end of the input, `JSON nested too deeply …` beyond 128 levels,
/// `invalid JSON: …` otherwise, each with line and column. Text larger than
/// [`super::limits::MAX_FILE_BYTES`] is refused unread.
pub fn parse_json(text: &str) -> Result<Value, Issue> {
    check_file_size(text.len())?;
    if text.trim().is_empty() {
        return Err(Issue::new("the file is empty"));
    }
    serde_json::from_str(text).map_err(|err| json_issue(&err))
}

/// The issue of a `serde_json` error, located by its line and column.
pub(crate) fn json_issue(err: &serde_json::Error) -> Issue {
    let full = err.to_string();
    let what = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(what, _)| what);
    let message = if what == "recursion limit exceeded" {
        "JSON nested too deeply (more than 128 levels)".to_owned()
    } else if err.is_eof() {
        format!("truncated JSON: {what}")
    } else {
        format!("invalid JSON: {what}")
    };
    let issue = Issue::new(message);
    if err.line() == 0 {
        return issue;
    }
    issue
        .with_line(err.line() as u64)
        .with_column(err.column() as u64)
}

/// The records of a parsed JSON document.
pub fn document_from_value(value: Value) -> Result<JsonDocument, Issue> {
    let mut object = match value {
        Value::Array(items) => {
            return Ok(JsonDocument {
                shape: JsonShape::Array,
                records: plain_records("$", items)?,
                warnings: Vec::new(),
            })
        }
        Value::Object(object) => object,
        other => {
            return Err(Issue::at_path(
                "$",
                format!("expected an array of records, found {}", kind(&other)),
            ))
        }
    };
    if let Some(results) = object.remove("results") {
        let items = array_at("$.results", results)?;
        let warnings = page_warning(&object, "total_count", items.len());
        return Ok(JsonDocument {
            shape: JsonShape::OdsResults,
            records: plain_records("$.results", items)?,
            warnings,
        });
    }
    if let Some(records) = object.remove("records") {
        let items = array_at("$.records", records)?;
        check_records(items.len(), "records").map_err(|issue| issue.with_path("$.records"))?;
        let mut warnings = page_warning(&object, "total_count", items.len());
        warnings.extend(page_warning(&object, "nhits", items.len()));
        let mut shape = JsonShape::Records;
        let mut out = Vec::with_capacity(items.len());
        for (index, item) in items.into_iter().enumerate() {
            let (record_shape, record) = ods_record(index, item)?;
            if index == 0 {
                shape = record_shape;
            }
            out.push(record);
        }
        return Ok(JsonDocument {
            shape,
            records: out,
            warnings,
        });
    }
    let message = match object.get("type").and_then(Value::as_str) {
        Some(kind @ ("FeatureCollection" | "Feature" | "Topology")) => {
            format!("found a GeoJSON/TopoJSON {kind}: read its features instead")
        }
        _ => {
            let keys: Vec<&str> = object.keys().take(10).map(String::as_str).collect();
            format!(
                "expected an array of records or an Opendatasoft answer (\"results\" or \"records\"), found an object with keys: {}",
                keys.join(", ")
            )
        }
    };
    Err(Issue::at_path("$", message))
}

/// The objects of an array, each at `{base}[i]`.
fn plain_records(base: &str, items: Vec<Value>) -> Result<Vec<JsonRecord>, Issue> {
    check_records(items.len(), "records").map_err(|issue| issue.with_path(base))?;
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| {
            let path = format!("{base}[{index}]");
            let fields = object_at(&path, item)?;
            Ok(JsonRecord {
                index,
                path,
                fields,
            })
        })
        .collect()
}

/// One element of a `records` array: v2.0 `{"record": {"fields": …}}`, v1
/// `{"fields": …}`, or a plain object.
fn ods_record(index: usize, item: Value) -> Result<(JsonShape, JsonRecord), Issue> {
    let base = format!("$.records[{index}]");
    let mut object = object_at(&base, item)?;
    let (shape, path, fields) = if let Some(record) = object.remove("record") {
        let record_path = format!("{base}.record");
        let mut record = object_at(&record_path, record)?;
        let path = format!("{record_path}.fields");
        let fields = match record.remove("fields") {
            Some(fields) => object_at(&path, fields)?,
            None => return Err(Issue::at_path(record_path, "missing \"fields\"")),
        };
        (JsonShape::OdsV20Records, path, fields)
    } else if let Some(fields) = object.remove("fields") {
        let path = format!("{base}.fields");
        (
            JsonShape::OdsV1Records,
            path.clone(),
            object_at(&path, fields)?,
        )
    } else {
        (JsonShape::Records, base, object)
    };
    Ok((
        shape,
        JsonRecord {
            index,
            path,
            fields,
        },
    ))
}

/// A warning when `key` announces more records than the answer holds.
fn page_warning(object: &Map<String, Value>, key: &str, len: usize) -> Vec<Issue> {
    match object.get(key).and_then(Value::as_u64) {
        Some(total) if total > len as u64 => vec![Issue::at_path(
            format!("$.{key}"),
            format!(
                "the answer holds {len} of {total} records: fetch the other pages or use an export"
            ),
        )],
        _ => Vec::new(),
    }
}

/// `value` as an object, or an issue at `path`.
pub(crate) fn object_at(path: &str, value: Value) -> Result<Map<String, Value>, Issue> {
    match value {
        Value::Object(map) => Ok(map),
        other => Err(Issue::at_path(
            path,
            format!("expected an object, found {}", kind(&other)),
        )),
    }
}

/// `value` as an array, or an issue at `path`.
pub(crate) fn array_at(path: &str, value: Value) -> Result<Vec<Value>, Issue> {
    match value {
        Value::Array(items) => Ok(items),
        other => Err(Issue::at_path(
            path,
            format!("expected an array, found {}", kind(&other)),
        )),
    }
}

/// "null", "a number", … for messages.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `parent.key`, or `parent["key"]` when the key is not an identifier.
pub(crate) fn child_path(parent: &str, key: &str) -> String {
    let mut chars = key.chars();
    let identifier = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if identifier {
        format!("{parent}.{key}")
    } else {
        format!("{parent}[{}]", Value::String(key.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_paths_quote_non_identifiers() {
        assert_eq!(child_path("$[3]", "nis"), "$[3].nis");
        assert_eq!(child_path("$[3]", "code ins"), "$[3][\"code ins\"]");
        assert_eq!(child_path("$", "1a"), "$[\"1a\"]");
    }
}
