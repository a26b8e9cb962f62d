//! A user's dataset read column by column, for the open-data explorer: each column's
//! values end to end in one text buffer, so that a CSV file of a million rows is held
//! in about its own size (not as a million records of owned strings, which is what
//! [`super::records`] gives the smaller imports).
//!
//! CSV is read as it streams out of the `csv` crate's reader, from the file's own bytes
//! when they are UTF-8. JSON, GeoJSON and TopoJSON go through [`super::records`] and are
//! laid out in columns after. Every row is located (a CSV line, a JSON path); a CSV row
//! whose width differs from the header's is rejected with its line and column, and the
//! count holds: rows read = rows kept + rows rejected.

use super::csv::{detect_delimiter, for_each_record, width_issue};
use super::limits::check_columns;
use super::records::{records, Format, Location};
use super::report::{Issue, IssueKind};
use super::text::decode_borrowed;

/// Largest dataset file read: 256 MiB (a million rows of ten columns is about 100 MiB).
pub const MAX_DATASET_BYTES: usize = 256 * 1024 * 1024;
/// Most rows of a dataset.
pub const MAX_DATASET_ROWS: usize = 2_000_000;
/// Most values of a dataset (rows × columns).
pub const MAX_DATASET_CELLS: usize = 40_000_000;

/// One column's values, end to end.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextColumn {
    text: String,
    ends: Vec<u32>,
}

impl TextColumn {
    /// Appends a row's value.
    fn push(&mut self, value: &str) {
        self.text.push_str(value);
        self.ends
            .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }

    /// The value of row `row` (`""` past the end).
    pub fn get(&self, row: usize) -> &str {
        let Some(&end) = self.ends.get(row) else {
            return "";
        };
        let start = if row == 0 { 0 } else { self.ends[row - 1] };
        self.text.get(start as usize..end as usize).unwrap_or("")
    }

    /// The values in row order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.ends.len()).map(|row| self.get(row))
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity() + 4 * self.ends.capacity()
    }
}

/// Where each kept row of a dataset is in its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowLocations {
    /// CSV: the 1-based line each row starts on.
    Lines(Vec<u32>),
    /// JSON: each record's path (`$[3]`, `$.features[12]`).
    Paths(Vec<String>),
}

/// A dataset's kept rows, as columns of text.
#[derive(Clone, Debug, PartialEq)]
pub struct Columns {
    /// The file name given.
    pub file: String,
    /// The format recognised.
    pub format: Format,
    /// The encoding the bytes were decoded with.
    pub encoding: &'static str,
    /// The column names.
    pub headers: Vec<String>,
    /// One per header, each holding one value per kept row.
    pub columns: Vec<TextColumn>,
    /// Where each kept row is.
    pub locations: RowLocations,
    /// The rows rejected while reading (a CSV row of the wrong width), with why.
    pub rejected: Vec<Issue>,
    /// Problems that reject nothing.
    pub warnings: Vec<Issue>,
}

impl Columns {
    /// Rows kept.
    pub fn rows(&self) -> usize {
        match &self.locations {
            RowLocations::Lines(lines) => lines.len(),
            RowLocations::Paths(paths) => paths.len(),
        }
    }

    /// Where row `row` is: its line for CSV, `0` for JSON (see [`Columns::issue`]).
    pub fn line(&self, row: usize) -> u64 {
        match &self.locations {
            RowLocations::Lines(lines) => lines.get(row).map_or(0, |&line| u64::from(line)),
            RowLocations::Paths(_) => 0,
        }
    }

    /// An issue about the value of `column` in `row`: line, 1-based column and field
    /// for CSV; the value's path and field for JSON.
    pub fn issue(&self, row: usize, column: usize, message: impl Into<String>) -> Issue {
        let field = self.headers.get(column).cloned().unwrap_or_default();
        match &self.locations {
            RowLocations::Lines(lines) => {
                Issue::at_line(lines.get(row).map_or(0, |&l| u64::from(l)), message)
                    .with_column(column as u64 + 1)
                    .with_field(field)
            }
            RowLocations::Paths(paths) => {
                let path = paths.get(row).map_or("$", String::as_str);
                Issue::at_path(format!("{path}.{field}"), message).with_field(field)
            }
        }
    }

    /// Bytes held by the values and their locations.
    pub fn heap_bytes(&self) -> usize {
        let locations = match &self.locations {
            RowLocations::Lines(lines) => 4 * lines.capacity(),
            RowLocations::Paths(paths) => paths.iter().map(|p| p.capacity() + 24).sum(),
        };
        self.columns
            .iter()
            .map(TextColumn::heap_bytes)
            .sum::<usize>()
            + locations
    }
}

/// The error for a dataset beyond one of the limits above.
fn too_large(what: String) -> Issue {
    Issue::new(format!("the file is too large: {what}")).with_kind(IssueKind::FileTooLarge {
        max_mib: MAX_DATASET_BYTES / (1024 * 1024),
    })
}

/// Reads a dataset file as columns. The format is told as by [`records`]: by the
/// extension, else by the first character. Blank CSV rows are skipped.
pub fn read_columns(input: &[u8], file_name: &str) -> Result<Columns, Issue> {
    if input.len() > MAX_DATASET_BYTES {
        return Err(too_large(format!(
            "{:.1} MiB, more than the {} MiB this app reads",
            input.len() as f64 / (1024.0 * 1024.0),
            MAX_DATASET_BYTES / (1024 * 1024)
        )));
    }
    let (text, encoding) = decode_borrowed(input);
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    let is_json = match extension.as_str() {
        "csv" | "tsv" | "txt" => false,
        "json" | "geojson" | "topojson" => true,
        _ => matches!(text.trim_start().chars().next(), Some('{' | '[')),
    };
    if is_json {
        return json_columns(input, file_name);
    }
    csv_columns(&text, encoding, file_name)
}

/// A CSV file's columns, read as the records stream.
fn csv_columns(text: &str, encoding: &'static str, file_name: &str) -> Result<Columns, Issue> {
    let delimiter = detect_delimiter(text);
    if text
        .chars()
        .all(|c| c.is_whitespace() && c != char::from(delimiter))
    {
        return Err(Issue::new("the file is empty").with_kind(IssueKind::FileEmpty));
    }
    let mut headers: Option<Vec<String>> = None;
    let mut columns: Vec<TextColumn> = Vec::new();
    let mut lines: Vec<u32> = Vec::new();
    let mut rejected = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    for_each_record(text, delimiter, |record, line| {
        let Some(headers) = &headers else {
            check_columns(record.len()).map_err(|issue| issue.with_line(line))?;
            let names: Vec<String> = record.iter().map(str::to_owned).collect();
            columns = vec![TextColumn::default(); names.len()];
            headers = Some(names);
            return Ok(());
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            return Ok(());
        }
        let read = lines.len() + rejected.len() + 1;
        if read > MAX_DATASET_ROWS || read.saturating_mul(headers.len()) > MAX_DATASET_CELLS {
            return Err(too_large(format!(
                "more than {MAX_DATASET_ROWS} rows or {MAX_DATASET_CELLS} values (rows × columns), at line {line}"
            )));
        }
        if record.len() != headers.len() {
            fields.clear();
            fields.extend(record.iter().map(str::to_owned));
            if let Some(issue) = width_issue(headers, &fields, line) {
                rejected.push(issue);
            }
            return Ok(());
        }
        for (column, value) in columns.iter_mut().zip(record.iter()) {
            column.push(value);
        }
        lines.push(u32::try_from(line).unwrap_or(u32::MAX));
        Ok(())
    })?;
    let Some(headers) = headers else {
        return Err(Issue::new("the file is empty").with_kind(IssueKind::FileEmpty));
    };
    // The buffers grew by doubling: give back what they do not use.
    for column in &mut columns {
        column.text.shrink_to_fit();
        column.ends.shrink_to_fit();
    }
    lines.shrink_to_fit();
    Ok(Columns {
        file: file_name.to_string(),
        format: Format::Csv { delimiter },
        encoding,
        headers,
        columns,
        locations: RowLocations::Lines(lines),
        rejected,
        warnings: Vec::new(),
    })
}

/// A JSON, GeoJSON or TopoJSON file's columns, from its records.
fn json_columns(input: &[u8], file_name: &str) -> Result<Columns, Issue> {
    let set = records(input, file_name)?;
    let mut columns = vec![TextColumn::default(); set.headers.len()];
    let mut paths = Vec::with_capacity(set.records.len());
    for record in &set.records {
        for (column, values) in columns.iter_mut().enumerate() {
            values.push(record.value(column).unwrap_or(""));
        }
        paths.push(match &record.location {
            Location::Path(path) => path.clone(),
            Location::Line(line) => format!("line {line}"),
        });
    }
    Ok(Columns {
        file: set.file,
        format: set.format,
        encoding: set.encoding,
        headers: set.headers,
        columns,
        locations: RowLocations::Paths(paths),
        rejected: Vec::new(),
        warnings: set.warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ods_export_is_read_by_column_with_its_lines() {
        let file = "\u{feff}Commune;Montant;Année\nLiège;1 234,5;2023\n\n\"Namur; ville\";12;2024\nMons;3\n";
        let data = read_columns(file.as_bytes(), "export.csv").unwrap();
        assert_eq!(data.encoding, "UTF-8 (BOM)");
        assert_eq!(data.format, Format::Csv { delimiter: b';' });
        assert_eq!(data.headers, ["Commune", "Montant", "Année"]);
        assert_eq!(data.rows(), 2);
        assert_eq!(
            data.columns[0].iter().collect::<Vec<_>>(),
            ["Liège", "Namur; ville"]
        );
        assert_eq!(data.columns[1].get(0), "1 234,5");
        assert_eq!(data.columns[2].get(5), "");
        assert_eq!((data.line(0), data.line(1)), (2, 4));
        assert_eq!(data.rejected.len(), 1);
        let issue = &data.rejected[0];
        assert_eq!((issue.line, issue.column), (Some(5), Some(3)));
        assert_eq!(issue.field.as_deref(), Some("Année"));
        let issue = data.issue(1, 1, "not a number");
        assert_eq!((issue.line, issue.column), (Some(4), Some(2)));
        assert_eq!(issue.field.as_deref(), Some("Montant"));
        assert!(data.heap_bytes() > 0);
    }

    #[test]
    fn json_records_and_features_are_read_by_column() {
        let data = read_columns(br#"[{"nis": "62063", "n": 1}, {"n": 2}]"#, "a.json").unwrap();
        assert_eq!(data.headers, ["n", "nis"]);
        assert_eq!(data.columns[0].iter().collect::<Vec<_>>(), ["1", "2"]);
        assert_eq!(data.columns[1].iter().collect::<Vec<_>>(), ["62063", ""]);
        let issue = data.issue(1, 0, "bad");
        assert_eq!(issue.path.as_deref(), Some("$[1].n"));
        let features = r#"{"type": "FeatureCollection", "features": [
            {"type": "Feature", "id": 7, "properties": {"name": "Liège"}, "geometry": null}]}"#;
        let data = read_columns(features.as_bytes(), "a.geojson").unwrap();
        assert_eq!(data.format, Format::GeoJson);
        assert_eq!(data.headers, ["id", "name"]);
        assert_eq!(
            (data.columns[0].get(0), data.columns[1].get(0)),
            ("7", "Liège")
        );
    }

    #[test]
    fn empty_and_broken_files_are_errors() {
        assert!(read_columns(b"  \n", "a.csv").is_err());
        assert!(read_columns(b"", "a.csv").is_err());
        // An unclosed quote runs to the end of the file: one field, a row too short.
        let data = read_columns(b"a;b\n\"x;1\n", "a.csv").unwrap();
        assert_eq!((data.rows(), data.rejected[0].line), (0, Some(2)));
        let header_only = read_columns(b"a;b\n", "a.csv").unwrap();
        assert_eq!((header_only.rows(), header_only.headers.len()), (0, 2));
    }
}
