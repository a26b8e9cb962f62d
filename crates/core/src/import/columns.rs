//! A user's dataset read column by column, for the open-data explorer: each column's
//! values end to end in one text buffer, so that a CSV file of a million rows is held
//! in about its own size (not as a million records of owned strings, which is what
//! [`super::records`] gives the smaller imports).
//!
//! CSV is read as it streams out of the `csv` crate's reader, from the file's own bytes
//! when they are UTF-8, given in pieces ([`super::pieces`]) each freed once read: the
//! file and its columns are not held whole at once. JSON, GeoJSON and TopoJSON go through [`super::records`] and are
//! laid out in columns after. Every row is located (a CSV line, a JSON path); a CSV row
//! whose width differs from the header's is rejected with its line and column, and the
//! count holds: rows read = rows kept + rows rejected.

use super::csv::{detect_delimiter, for_each_record_in, width_issue};
use super::limits::check_columns;
use super::pieces::{decode_pieces, Pieces};
use super::records::{records, Format, Location};
use super::report::{Issue, IssueKind};
use std::borrow::Cow;

/// Largest dataset file read: 256 MiB (a million rows of ten columns is about 100 MiB).
pub const MAX_DATASET_BYTES: usize = 256 * 1024 * 1024;
/// Most rows of a dataset.
pub const MAX_DATASET_ROWS: usize = 2_000_000;
/// Most values of a dataset (rows × columns).
pub const MAX_DATASET_CELLS: usize = 40_000_000;

/// Rows per block of a [`TextColumn`]: a value is found from its block's start by
/// adding the lengths of at most this many values before it.
const BLOCK: usize = 16;

/// One column's values, end to end. Where each starts is kept per block of
/// [`BLOCK`] rows, with a byte per value for its length (a million rows of ten
/// columns: 12.5 MB rather than 40 MB of 32-bit offsets, the largest part of a
/// dataset after its text).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextColumn {
    text: String,
    /// Per block of rows, the offset in `text` of its first value.
    starts: Vec<u32>,
    /// Per row, its value's length in bytes; `u8::MAX` when that long or longer,
    /// the length being then in `long`.
    lengths: Vec<u8>,
    /// The rows whose values are at least `u8::MAX` bytes long, in order, and their
    /// lengths.
    long: Vec<(u32, u32)>,
}

impl TextColumn {
    /// Appends a row's value.
    fn push(&mut self, value: &str) {
        let row = self.lengths.len();
        if row.is_multiple_of(BLOCK) {
            self.starts
                .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
        }
        match u8::try_from(value.len()) {
            Ok(length) if length < u8::MAX => self.lengths.push(length),
            _ => {
                self.lengths.push(u8::MAX);
                self.long.push((
                    u32::try_from(row).unwrap_or(u32::MAX),
                    u32::try_from(value.len()).unwrap_or(u32::MAX),
                ));
            }
        }
        self.text.push_str(value);
    }

    /// The length of row `row`'s value.
    fn length(&self, row: usize) -> usize {
        match self.lengths.get(row) {
            Some(&u8::MAX) => {
                let row = u32::try_from(row).unwrap_or(u32::MAX);
                self.long
                    .binary_search_by_key(&row, |&(r, _)| r)
                    .map_or(0, |at| self.long[at].1 as usize)
            }
            Some(&length) => usize::from(length),
            None => 0,
        }
    }

    /// The value of row `row` (`""` past the end).
    pub fn get(&self, row: usize) -> &str {
        if row >= self.lengths.len() {
            return "";
        }
        let block = row / BLOCK;
        let start = self.starts[block] as usize
            + (block * BLOCK..row).map(|r| self.length(r)).sum::<usize>();
        self.text.get(start..start + self.length(row)).unwrap_or("")
    }

    /// The values in row order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        let mut start = 0;
        (0..self.lengths.len()).map(move |row| {
            let end = start + self.length(row);
            let value = self.text.get(start..end).unwrap_or("");
            start = end;
            value
        })
    }

    /// Frees what the buffers do not use.
    fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.starts.shrink_to_fit();
        self.lengths.shrink_to_fit();
        self.long.shrink_to_fit();
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + 4 * self.starts.capacity()
            + self.lengths.capacity()
            + 8 * self.long.capacity()
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
    read_columns_in(vec![Cow::Borrowed(input)], file_name)
}

/// [`read_columns`] of a file given as consecutive pieces (the slices a worker reads
/// it by); each piece of a CSV file is freed once read.
pub fn read_columns_in(pieces: Vec<Cow<'_, [u8]>>, file_name: &str) -> Result<Columns, Issue> {
    let size: usize = pieces.iter().map(|p| p.len()).sum();
    if size > MAX_DATASET_BYTES {
        return Err(too_large(format!(
            "{:.1} MiB, more than the {} MiB this app reads",
            size as f64 / (1024.0 * 1024.0),
            MAX_DATASET_BYTES / (1024 * 1024)
        )));
    }
    let (text, encoding) = decode_pieces(pieces);
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    let is_json = match extension.as_str() {
        "csv" | "tsv" | "txt" => false,
        "json" | "geojson" | "topojson" => true,
        _ => text
            .iter()
            .flat_map(|piece| piece.iter())
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|b| matches!(b, b'{' | b'[')),
    };
    if is_json {
        let mut columns = json_columns(&text.into_joined(), file_name)?;
        columns.encoding = encoding;
        return Ok(columns);
    }
    csv_columns(text, encoding, file_name)
}

/// The start of `text` as text: its first piece, up to a character cut at its end.
fn head_text<'t>(text: &'t Pieces<'_>) -> &'t str {
    let head = text.head();
    match std::str::from_utf8(head) {
        Ok(head) => head,
        Err(error) => std::str::from_utf8(&head[..error.valid_up_to()]).unwrap_or_default(),
    }
}

/// A CSV file's columns, read as the records stream.
fn csv_columns(
    text: Pieces<'_>,
    encoding: &'static str,
    file_name: &str,
) -> Result<Columns, Issue> {
    let delimiter = detect_delimiter(head_text(&text));
    let blank = |piece: &[u8]| {
        piece.utf8_chunks().all(|chunk| {
            chunk.invalid().is_empty()
                && chunk
                    .valid()
                    .chars()
                    .all(|c| c.is_whitespace() && c != char::from(delimiter))
        })
    };
    if text.iter().all(blank) {
        return Err(Issue::new("the file is empty").with_kind(IssueKind::FileEmpty));
    }
    let mut headers: Option<Vec<String>> = None;
    let mut columns: Vec<TextColumn> = Vec::new();
    let mut lines: Vec<u32> = Vec::new();
    let mut rejected = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    for_each_record_in(text, delimiter, |record, line| {
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
        column.shrink_to_fit();
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
    fn a_column_gives_back_every_value_short_or_long() {
        let values: Vec<String> = (0..100)
            .map(|i| match i % 7 {
                0 => String::new(),
                3 => "é".repeat(200 + i),
                _ => format!("v{i}"),
            })
            .collect();
        let mut column = TextColumn::default();
        for value in &values {
            column.push(value);
        }
        for (row, value) in values.iter().enumerate() {
            assert_eq!(column.get(row), value, "row {row}");
        }
        assert_eq!(column.iter().collect::<Vec<_>>(), values);
        assert_eq!(column.get(100), "");
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
