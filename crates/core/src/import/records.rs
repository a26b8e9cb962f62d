//! One view of CSV rows, JSON records and GeoJSON/TopoJSON features: located
//! rows of named text fields, so that an importer handles every format alike.

use super::csv::{parse_table, CsvOptions};
use super::geojson::{feature_document, FeatureFormat};
use super::json::{child_path, document_from_value, parse_json, JsonShape};
use super::limits::{check_cells, check_columns, check_file_size, check_text_bytes};
use super::report::Issue;
use super::text::decode;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The format [`records`] recognised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Format {
    /// Delimited text, with its delimiter.
    Csv {
        /// The delimiter detected.
        delimiter: u8,
    },
    /// JSON records, with their layout.
    Json(JsonShape),
    /// A GeoJSON FeatureCollection.
    GeoJson,
    /// A TopoJSON topology and the object read (the first one).
    TopoJson {
        /// Name of the object read.
        object: String,
    },
}

/// Where a record is in its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    /// 1-based physical line where a CSV row starts.
    Line(u64),
    /// JSON path of a record or feature, e.g. `$[3]` or `$.features[12]`.
    Path(String),
}

impl Location {
    /// An issue at this location.
    pub fn issue(&self, message: impl Into<String>) -> Issue {
        match self {
            Location::Line(line) => Issue::at_line(*line, message),
            Location::Path(path) => Issue::at_path(path.clone(), message),
        }
    }
}

/// One row, record or feature, its values as text.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// Where it is.
    pub location: Location,
    /// `(header, value)` pairs; `fields[i]` belongs to `RecordSet::headers[i]`.
    /// JSON values are rendered by [`value_to_string`]; a key a record lacks gives
    /// `""`. A CSV row of the wrong width holds the fields it has.
    pub fields: Vec<(String, String)>,
    /// Set for a CSV row whose width differs from the header's: reject it.
    pub issue: Option<Issue>,
}

impl Record {
    /// The value under `header` (exact name), if any.
    pub fn get(&self, header: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(name, _)| name == header)
            .map(|(_, value)| value.as_str())
    }

    /// The value of the 0-based column `column` (as resolved by `HeaderMap`).
    pub fn value(&self, column: usize) -> Option<&str> {
        self.fields.get(column).map(|(_, value)| value.as_str())
    }

    /// An issue about the value of column `column`: CSV gives line, 1-based
    /// column and field name; JSON gives the value's path (`$[3].nis`) and name.
    pub fn field_issue(&self, column: usize, message: impl Into<String>) -> Issue {
        let name = self.fields.get(column).map(|(name, _)| name.as_str());
        match (&self.location, name) {
            (Location::Line(line), Some(name)) => Issue::at_line(*line, message)
                .with_column(column as u64 + 1)
                .with_field(name),
            (Location::Path(path), Some(name)) => {
                Issue::at_path(child_path(path, name), message).with_field(name)
            }
            (location, None) => location.issue(message),
        }
    }
}

/// The records of a file, whatever its format.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordSet {
    /// The file name given.
    pub file: String,
    /// The format recognised.
    pub format: Format,
    /// The encoding the bytes were decoded with.
    pub encoding: &'static str,
    /// CSV: the header. JSON: every key met, in order of first appearance.
    pub headers: Vec<String>,
    /// The records, in file order.
    pub records: Vec<Record>,
    /// Problems that reject nothing (e.g. an API answer holding one page only).
    pub warnings: Vec<Issue>,
}

/// Reads a file as records. The format is told by the extension (`.csv`,
/// `.tsv`, `.txt`: CSV; `.json`, `.geojson`, `.topojson`: JSON) or else by the
/// first non-blank character (`{` or `[`: JSON); a JSON object whose `type` is
/// `FeatureCollection`/`Feature` or `Topology` is read as features, the others as
/// records (see `json::read_document`). A feature's `id` becomes an `id` field
/// when its properties have none. A file beyond the [`super::limits`] (size,
/// rows, columns, values, nesting) is an error.
pub fn records(input: &[u8], file_name: &str) -> Result<RecordSet, Issue> {
    check_file_size(input.len())?;
    let decoded = decode(input);
    let text = decoded.text.as_str();
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    let is_json = match extension.as_str() {
        "csv" | "tsv" | "txt" => false,
        "json" | "geojson" | "topojson" => true,
        _ => matches!(text.trim_start().chars().next(), Some('{' | '[')),
    };
    let mut set = RecordSet {
        file: file_name.to_owned(),
        format: Format::GeoJson,
        encoding: decoded.encoding,
        headers: Vec::new(),
        records: Vec::new(),
        warnings: Vec::new(),
    };
    if !is_json {
        let table = parse_table(text, decoded.encoding, CsvOptions::default())?;
        // Each value carries its header's name: bound the text that repeats.
        let mut prefix = vec![0usize];
        for header in &table.headers {
            prefix.push(prefix[prefix.len() - 1].saturating_add(header.len()));
        }
        let repeated = table.rows.iter().fold(0usize, |sum, row| {
            sum.saturating_add(prefix[row.fields.len().min(table.headers.len())])
        });
        check_text_bytes(repeated)?;
        set.format = Format::Csv {
            delimiter: table.delimiter,
        };
        set.records = table
            .rows
            .into_iter()
            .map(|row| Record {
                location: Location::Line(row.line),
                fields: table.headers.iter().cloned().zip(row.fields).collect(),
                issue: row.issue,
            })
            .collect();
        set.headers = table.headers;
        return Ok(set);
    }
    let value = parse_json(text)?;
    let is_features = matches!(
        value.get("type").and_then(Value::as_str),
        Some("FeatureCollection" | "Feature" | "Topology")
    );
    let rows: Vec<(Location, Map<String, Value>)> = if is_features {
        let doc = feature_document(text, value, None)?;
        set.format = match doc.format {
            FeatureFormat::GeoJson => Format::GeoJson,
            FeatureFormat::TopoJson { object } => Format::TopoJson { object },
        };
        doc.features
            .into_iter()
            .map(|feature| {
                let mut properties = feature.properties;
                if let Some(id) = feature.id {
                    properties.entry("id").or_insert(id);
                }
                (Location::Path(feature.path), properties)
            })
            .collect()
    } else {
        let doc = document_from_value(value)?;
        set.format = Format::Json(doc.shape);
        set.warnings = doc.warnings;
        doc.records
            .into_iter()
            .map(|record| (Location::Path(record.path), record.fields))
            .collect()
    };
    let mut columns: HashMap<String, usize> = HashMap::new();
    for (_, fields) in &rows {
        for key in fields.keys() {
            if !columns.contains_key(key) {
                columns.insert(key.clone(), set.headers.len());
                set.headers.push(key.clone());
            }
        }
    }
    check_columns(set.headers.len())?;
    check_cells(rows.len().saturating_mul(set.headers.len()))?;
    let header_bytes = set.headers.iter().map(String::len).sum::<usize>();
    check_text_bytes(rows.len().saturating_mul(header_bytes))?;
    set.records = rows
        .into_iter()
        .map(|(location, fields)| Record {
            location,
            fields: set
                .headers
                .iter()
                .map(|h| {
                    (
                        h.clone(),
                        fields.get(h).map(value_to_string).unwrap_or_default(),
                    )
                })
                .collect(),
            issue: None,
        })
        .collect();
    Ok(set)
}

/// A JSON value as text: strings as they are, numbers without a trailing `.0`
/// nor exponent (`45283`, `12.5`), `true`/`false`, null as `""`, arrays and
/// objects as compact JSON.
pub fn value_to_string(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::String(s) => s.clone(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.to_string()
            } else if let Some(u) = n.as_u64() {
                u.to_string()
            } else {
                n.as_f64().map_or_else(|| n.to_string(), |f| f.to_string())
            }
        }
        Value::Array(_) | Value::Object(_) => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn renders_values_as_text() {
        assert_eq!(value_to_string(&json!(45283.0)), "45283");
        assert_eq!(value_to_string(&json!(12.5)), "12.5");
        assert_eq!(value_to_string(&json!(-3)), "-3");
        assert_eq!(value_to_string(&json!(1e21)), "1000000000000000000000");
        assert_eq!(value_to_string(&json!(null)), "");
        assert_eq!(value_to_string(&json!(true)), "true");
        assert_eq!(value_to_string(&json!({"lat": 50.5})), "{\"lat\":50.5}");
    }
}
