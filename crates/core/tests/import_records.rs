//! One view over CSV, JSON, GeoJSON and TopoJSON: located rows of text fields.

use explorer_core::import::json::JsonShape;
use explorer_core::import::{
    parse_amount, records, FieldSpec, Format, HeaderMap, ImportReport, Issue, IssueKind, Location,
};

const NIS: FieldSpec = FieldSpec {
    name: "nis",
    aliases: &["code ins", "refnis"],
    required: true,
};
const AMOUNT: FieldSpec = FieldSpec {
    name: "amount",
    aliases: &["montant"],
    required: true,
};

/// What an importer does with any format: resolve headers, keep or reject rows.
fn import(bytes: &[u8], file: &str) -> ImportReport {
    let mut report = ImportReport::new(file);
    let set = match records(bytes, file) {
        Ok(set) => set,
        Err(issue) => {
            report.error(issue);
            return report;
        }
    };
    let columns = match HeaderMap::resolve(&set.headers, &[NIS, AMOUNT]) {
        Ok(columns) => columns,
        Err(issues) => {
            issues.into_iter().for_each(|i| report.error(i));
            return report;
        }
    };
    for record in &set.records {
        if let Some(issue) = &record.issue {
            report.reject(issue.clone());
            continue;
        }
        let amount = record.value(columns["amount"]).unwrap_or_default();
        match parse_amount(amount) {
            Ok(_) => report.keep(),
            Err(message) => report.reject(record.field_issue(columns["amount"], message)),
        }
    }
    report
}

#[test]
fn csv_rows_are_located_by_line_and_column() {
    let report = import(
        b"Code INS;Montant\n62063;45 283,00\n92094;abc\n57081\n",
        "p.csv",
    );
    assert_eq!(
        report.to_string(),
        "p.csv:3:2: Montant: not a number: \"abc\"\n\
         p.csv:4:2: Montant: row has 1 fields but the header has 2\n\
         3 rows read, 1 kept, 2 rejected"
    );
}

#[test]
fn json_records_are_located_by_path() {
    let report = import(
        br#"[{"refnis": 62063, "montant": 45283.0}, {"refnis": 92094, "montant": "x"}, {"refnis": 1}]"#,
        "p.json",
    );
    assert_eq!(
        report.to_string(),
        "p.json:$[1].montant: montant: not a number: \"x\"\n\
         p.json:$[2].montant: montant: empty value\n\
         3 rows read, 1 kept, 2 rejected"
    );
}

#[test]
fn csv_view() {
    let set = records(b"nis,name\n62063,Li\xe8ge\n", "communes.txt").unwrap();
    assert_eq!(set.format, Format::Csv { delimiter: b',' });
    assert_eq!(set.encoding, "windows-1252");
    assert_eq!(set.headers, ["nis", "name"]);
    assert_eq!(set.records[0].location, Location::Line(2));
    assert_eq!(set.records[0].get("name"), Some("Liège"));
}

#[test]
fn json_view_aligns_fields_with_headers_and_renders_numbers() {
    let set = records(
        br#"{"total_count": 2, "results": [{"nis": 62063, "amount": 45283.0, "ok": true}, {"name": "Namur", "amount": 12.5, "nis": null}]}"#,
        "api",
    )
    .unwrap();
    assert_eq!(set.format, Format::Json(JsonShape::OdsResults));
    assert_eq!(set.headers, ["amount", "nis", "ok", "name"]);
    let values = |i: usize| -> Vec<&str> {
        set.records[i]
            .fields
            .iter()
            .map(|(_, v)| v.as_str())
            .collect()
    };
    assert_eq!(values(0), ["45283", "62063", "true", ""]);
    assert_eq!(values(1), ["12.5", "", "", "Namur"]);
    assert_eq!(
        set.records[1].location,
        Location::Path("$.results[1]".to_owned())
    );
}

#[test]
fn geojson_and_topojson_views() {
    let set = records(
        br#"{"type": "FeatureCollection", "features": [{"type": "Feature", "id": 3, "properties": {"nis": "62063"}, "geometry": null}]}"#,
        "communes.geojson",
    )
    .unwrap();
    assert_eq!(set.format, Format::GeoJson);
    assert_eq!(set.headers, ["id", "nis"]);
    assert_eq!(set.records[0].get("id"), Some("3"));
    assert_eq!(
        set.records[0].location,
        Location::Path("$.features[0]".to_owned())
    );
    let set = records(
        br#"{"type": "Topology", "objects": {"b": {"type": "GeometryCollection", "geometries": [{"type": "Polygon", "arcs": [[0]], "properties": {"nis": 62063}}]}, "a": {"type": "Point", "coordinates": [0, 0]}}, "arcs": []}"#,
        "communes.topojson",
    )
    .unwrap();
    assert_eq!(
        set.format,
        Format::TopoJson {
            object: "b".to_owned()
        }
    );
    assert_eq!(set.records[0].get("nis"), Some("62063"));
}

#[test]
fn format_follows_extension_then_content() {
    let set = records(b"[name];value\nx;1\n", "odd.csv").unwrap();
    assert_eq!(set.format, Format::Csv { delimiter: b';' });
    let err = records(b"[1, 2", "data").unwrap_err();
    assert_eq!(
        err,
        Issue::at_line(1, "truncated JSON: EOF while parsing a list").with_column(5)
    );
    assert_eq!(
        records(b"", "x.csv"),
        Err(Issue::new("the file is empty").with_kind(IssueKind::FileEmpty))
    );
}
