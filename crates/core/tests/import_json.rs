//! JSON records in each layout met, and broken JSON located exactly.

use explorer_core::import::json::{read_document, JsonShape};
use explorer_core::import::{read_records, Issue};
use serde_json::json;

#[test]
fn top_level_array_of_objects() {
    let records =
        read_records(b"[{\"nis\": 62063, \"name\": \"Li\xc3\xa8ge\"}, {\"nis\": 92094}]").unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!((records[1].index, records[1].path.as_str()), (1, "$[1]"));
    assert_eq!(records[0].fields["name"], json!("Liège"));
    assert_eq!(records[1].field_path("nis"), "$[1].nis");
    assert_eq!(records[1].field_path("code ins"), "$[1][\"code ins\"]");
    assert!(read_records(b"[]").unwrap().is_empty());
}

#[test]
fn non_object_element_is_located() {
    let err = read_records(b"[{\"nis\": 1}, 42, {}]").unwrap_err();
    assert_eq!(
        err,
        Issue::at_path("$[1]", "expected an object, found a number")
    );
    let err = read_records(b"\"text\"").unwrap_err();
    assert_eq!(
        err,
        Issue::at_path("$", "expected an array of records, found a string")
    );
}

#[test]
fn opendatasoft_explore_v21_results() {
    let doc = read_document(
        br#"{"total_count": 2, "results": [{"code_ins": "62063", "montant": 1.5}, {"code_ins": "92094", "montant": null}]}"#,
    )
    .unwrap();
    assert_eq!(doc.shape, JsonShape::OdsResults);
    assert_eq!(doc.records[1].path, "$.results[1]");
    assert_eq!(doc.records[0].fields["montant"], json!(1.5));
    assert!(doc.warnings.is_empty());
}

#[test]
fn a_single_page_of_an_api_answer_is_warned_about() {
    let doc = read_document(br#"{"total_count": 250, "results": [{"a": 1}]}"#).unwrap();
    assert_eq!(
        doc.warnings,
        [Issue::at_path(
            "$.total_count",
            "the answer holds 1 of 250 records: fetch the other pages or use an export"
        )]
    );
}

#[test]
fn opendatasoft_v1_records() {
    let doc = read_document(
        br#"{"nhits": 1, "parameters": {}, "records": [{"datasetid": "x", "recordid": "ab12", "fields": {"nis": 62063}, "record_timestamp": "2024-01-01T00:00:00Z"}]}"#,
    )
    .unwrap();
    assert_eq!(doc.shape, JsonShape::OdsV1Records);
    assert_eq!(doc.records[0].path, "$.records[0].fields");
    assert_eq!(doc.records[0].fields["nis"], json!(62063));
    assert_eq!(doc.records[0].fields.len(), 1);
}

#[test]
fn opendatasoft_v20_records() {
    let doc = read_document(
        br#"{"total_count": 1, "links": [], "records": [{"links": [], "record": {"id": "ab12", "timestamp": "2024", "size": 10, "fields": {"nis": "62063"}}}]}"#,
    )
    .unwrap();
    assert_eq!(doc.shape, JsonShape::OdsV20Records);
    assert_eq!(doc.records[0].path, "$.records[0].record.fields");
    assert_eq!(doc.records[0].fields["nis"], json!("62063"));
    let err = read_records(br#"{"records": [{"record": {"fields": 3}}]}"#).unwrap_err();
    assert_eq!(
        err,
        Issue::at_path(
            "$.records[0].record.fields",
            "expected an object, found a number"
        )
    );
}

#[test]
fn plain_records_member_and_bom() {
    let doc = read_document(b"\xef\xbb\xbf{\"records\": [{\"nis\": 1}]}").unwrap();
    assert_eq!(doc.shape, JsonShape::Records);
    assert_eq!(doc.records[0].path, "$.records[0]");
}

#[test]
fn truncated_json_gives_line_and_column() {
    let err = read_records(b"[\n  {\"nis\": 62063},\n  {\"nis\": ").unwrap_err();
    assert_eq!(
        err,
        Issue::at_line(3, "truncated JSON: EOF while parsing a value").with_column(10)
    );
}

#[test]
fn syntax_error_gives_line_and_column() {
    let err = read_records(b"[\n  {\"nis\": 62063,}\n]").unwrap_err();
    assert_eq!(
        err,
        Issue::at_line(2, "invalid JSON: trailing comma").with_column(17)
    );
    assert_eq!(err.to_string(), "2:17: invalid JSON: trailing comma");
}

#[test]
fn deep_nesting_is_refused_clearly() {
    let deep = "[".repeat(500);
    let err = read_records(deep.as_bytes()).unwrap_err();
    assert_eq!(err.message, "JSON nested too deeply (more than 128 levels)");
    assert_eq!((err.line, err.column), (Some(1), Some(128)));
}

#[test]
fn empty_and_unknown_documents() {
    assert_eq!(read_records(b"  \n"), Err(Issue::new("the file is empty")));
    let err = read_records(br#"{"foo": 1, "bar": []}"#).unwrap_err();
    assert_eq!(err.path.as_deref(), Some("$"));
    assert!(err
        .message
        .starts_with("expected an array of records or an Opendatasoft answer"));
    let err = read_records(br#"{"type": "FeatureCollection", "features": []}"#).unwrap_err();
    assert_eq!(
        err.message,
        "found a GeoJSON/TopoJSON FeatureCollection: read its features instead"
    );
}
