//! Downloads of the rows matching a view of a user's dataset: every column of the
//! file under its own header, each value as it was written, in the view's order.

use super::build::OpenDataset;
use super::view::ViewRequest;
use crate::export::write_csv;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The file a download of rows is written as.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowsFormat {
    /// RFC 4180: comma, UTF-8 without BOM.
    #[default]
    Csv,
    /// For spreadsheets in FR/BE locales: semicolon, UTF-8 with a BOM.
    SpreadsheetCsv,
    /// `{metadata: {source, filters, count}, rows: [{header: value}]}`.
    Json,
}

impl OpenDataset {
    /// The rows matching `request`, in its order (the file's without a sort).
    pub fn matching_rows(&self, request: &ViewRequest) -> Vec<usize> {
        let selection = self.table.filter(&self.query(request));
        match self.order(request) {
            Some(order) => self.table.sort_all(&selection, order),
            None => selection.to_indices(),
        }
    }

    /// The headers of the file's columns, made unique for JSON members (a header
    /// seen before is replaced by its field's key).
    fn unique_headers(&self) -> Vec<String> {
        let mut seen = HashSet::new();
        self.columns
            .headers
            .iter()
            .enumerate()
            .map(|(column, header)| {
                if seen.insert(header.as_str()) {
                    header.clone()
                } else {
                    self.fields
                        .iter()
                        .find(|f| f.source == Some(column))
                        .map_or_else(|| format!("{header} ({})", column + 1), |f| f.key.clone())
                }
            })
            .collect()
    }

    /// The rows matching `request` as `format`; JSON names the dataset's `source`
    /// and the view's `filters` (its address's query).
    pub fn export_rows(
        &self,
        request: &ViewRequest,
        format: RowsFormat,
        source: &str,
        filters: &str,
    ) -> String {
        let rows = self.matching_rows(request);
        match format {
            RowsFormat::Csv | RowsFormat::SpreadsheetCsv => self.rows_csv(&rows, format),
            RowsFormat::Json => self.rows_json(&rows, source, filters),
        }
    }

    fn rows_csv(&self, rows: &[usize], format: RowsFormat) -> String {
        let spreadsheet = format == RowsFormat::SpreadsheetCsv;
        let records = rows
            .iter()
            .map(|&row| self.columns.columns.iter().map(move |c| c.get(row)));
        let body = write_csv(
            if spreadsheet { b';' } else { b',' },
            &self.columns.headers,
            records,
        );
        if spreadsheet {
            format!("\u{feff}{body}")
        } else {
            body
        }
    }

    /// Written member by member rather than through a `serde_json::Value`: the
    /// members keep the file's column order, and a million rows are not held twice.
    fn rows_json(&self, rows: &[usize], source: &str, filters: &str) -> String {
        let quote = |text: &str| serde_json::to_string(text).unwrap_or_default();
        let headers: Vec<String> = self.unique_headers().iter().map(|h| quote(h)).collect();
        let mut out = format!(
            "{{\"metadata\":{{\"source\":{},\"filters\":{},\"count\":{}}},\"rows\":[",
            quote(source),
            quote(filters),
            rows.len()
        );
        for (n, &row) in rows.iter().enumerate() {
            out.push_str(if n == 0 { "\n{" } else { ",\n{" });
            for (column, header) in headers.iter().enumerate() {
                if column > 0 {
                    out.push(',');
                }
                out.push_str(header);
                out.push(':');
                out.push_str(&quote(self.columns.columns[column].get(row)));
            }
            out.push('}');
        }
        out.push_str("\n]}\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::fixtures::reference;
    use crate::import::columns::read_columns;
    use crate::import::profile::{ColumnKind, CommuneMatcher};

    fn dataset(text: &str, kinds: &[ColumnKind]) -> OpenDataset {
        let reference = reference();
        let columns = read_columns(text.as_bytes(), "export.csv").unwrap();
        OpenDataset::build(columns, kinds, &CommuneMatcher::new(&reference), &reference)
    }

    #[test]
    fn the_matching_rows_download_in_the_views_order_as_written() {
        let data = dataset(
            "Commune;Thème;Montant;Note\nLuik;Mobilité;12,5;\"a; b\"\nNamur;Mobilité;3;\nNamur;Énergie;x;\"dit \"\"non\"\"\"\n",
            &[
                ColumnKind::Commune,
                ColumnKind::Category,
                ColumnKind::Number,
                ColumnKind::Text,
            ],
        );
        let request = ViewRequest {
            filters: vec![("theme".into(), vec!["Mobilité".into()])],
            sort: Some(("montant".into(), false)),
            ..ViewRequest::default()
        };
        assert_eq!(data.matching_rows(&request), [1, 0]);
        assert_eq!(
            data.export_rows(&request, RowsFormat::Csv, "", ""),
            "Commune,Thème,Montant,Note\nNamur,Mobilité,3,\nLuik,Mobilité,\"12,5\",a; b\n"
        );
        assert_eq!(
            data.export_rows(&ViewRequest::default(), RowsFormat::SpreadsheetCsv, "", ""),
            "\u{feff}Commune;Thème;Montant;Note\nLuik;Mobilité;12,5;\"a; b\"\nNamur;Mobilité;3;\nNamur;Énergie;x;\"dit \"\"non\"\"\"\n"
        );
        let json = data.export_rows(
            &request,
            RowsFormat::Json,
            "https://x.be/a.csv",
            "f.theme=Mobilit%C3%A9",
        );
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["metadata"]["count"], 2);
        assert_eq!(value["metadata"]["source"], "https://x.be/a.csv");
        assert_eq!(value["rows"][1]["Montant"], "12,5");
        assert!(json.contains(r#"{"Commune":"Namur","Thème":"Mobilité","Montant":"3","Note":""}"#));
    }

    #[test]
    fn a_header_seen_twice_is_a_json_member_once() {
        let data = dataset("a;a\n1;2\n", &[ColumnKind::Text, ColumnKind::Text]);
        let json = data.export_rows(&ViewRequest::default(), RowsFormat::Json, "f", "");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["rows"][0]["a"], "1");
        assert_eq!(value["rows"][0].as_object().unwrap().len(), 2);
        assert_eq!(value["metadata"]["count"], 1);
    }
}
