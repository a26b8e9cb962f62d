//! Huge, wide or deeply nested inputs are refused with a clear message (see
//! `import::limits`), never a stack overflow nor an out-of-memory crash.

use explorer_core::datasets::{parse_boundaries, parse_projects};
use explorer_core::import::json::read_document;
use explorer_core::import::limits::{
    MAX_CELLS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_RECORDS, MAX_TEXT_BYTES,
};
use explorer_core::import::{read_features, read_records, read_table, records, CsvOptions};
use explorer_core::topology::{features, Topology, TopologyError, MAX_POINTS};

fn message<T: std::fmt::Debug>(result: Result<T, explorer_core::import::Issue>) -> String {
    result.expect_err("refused").message
}

#[test]
fn a_file_larger_than_the_limit_is_refused_unread() {
    let mut bytes = vec![b' '; MAX_FILE_BYTES + 1];
    bytes[0] = b'[';
    let expected = "the file is too large: 64.0 MiB, more than the 64 MiB this app reads";
    assert_eq!(message(records(&bytes, "big.json")), expected);
    assert_eq!(message(records(&bytes, "big.csv")), expected);
    assert_eq!(message(read_table(&bytes, CsvOptions::default())), expected);
    assert_eq!(message(read_records(&bytes)), expected);
    assert_eq!(message(read_features(&bytes)), expected);
    let parsed = parse_projects(&bytes, "big.csv", &[]);
    assert_eq!(parsed.report.errors[0].message, expected);
    let text = String::from_utf8(bytes).unwrap();
    assert!(matches!(
        Topology::from_json(&text),
        Err(TopologyError::TooLarge {
            max: MAX_FILE_BYTES,
            ..
        })
    ));
}

#[test]
fn too_many_columns_are_refused_at_their_line() {
    let mut csv = "a;b\n1;2\n".to_owned();
    csv.push_str(&";x".repeat(MAX_COLUMNS));
    let issue = read_table(csv.as_bytes(), CsvOptions::default()).unwrap_err();
    assert_eq!(issue.line, Some(3));
    assert_eq!(
        issue.message,
        "too many columns: 1001, more than the 1000 this app reads"
    );
    // JSON records: distinct keys are the columns.
    let keys: Vec<String> = (0..=MAX_COLUMNS)
        .map(|i| format!("{{\"k{i}\":1}}"))
        .collect();
    let json = format!("[{}]", keys.join(","));
    assert!(message(records(json.as_bytes(), "x.json")).contains("too many columns: 1001"));
}

#[test]
fn too_many_rows_are_refused() {
    let csv = format!("n\n{}", "1\n".repeat(MAX_RECORDS + 1));
    let issue = read_table(csv.as_bytes(), CsvOptions::default()).unwrap_err();
    assert_eq!(
        issue.message,
        "the file has too many rows: more than the 1000000 this app reads"
    );
    assert_eq!(issue.line, Some(MAX_RECORDS as u64 + 2));
    let json = format!("[{}{{}}]", "{},".repeat(MAX_RECORDS));
    let issue = read_document(json.as_bytes()).unwrap_err();
    assert_eq!(issue.path.as_deref(), Some("$"));
    assert!(
        issue.message.contains("too many records"),
        "{}",
        issue.message
    );
}

#[test]
fn too_many_values_are_refused() {
    let width = 1000;
    let row = vec!["1"; width].join(";");
    let rows = MAX_CELLS / width + 1;
    let csv = format!("{}\n{}", row, format!("{row}\n").repeat(rows));
    let issue = read_table(csv.as_bytes(), CsvOptions::default()).unwrap_err();
    assert!(
        issue.message.contains("more than 5000000 values"),
        "{}",
        issue.message
    );
    // JSON: every record gets every key, so sparse keys multiply.
    let mut json = String::from("[");
    for i in 0..(MAX_CELLS / 900 + 1) {
        json.push_str(&format!("{{\"k{}\":1}},", i % 900));
    }
    json.push_str("{}]");
    assert!(message(records(json.as_bytes(), "x.json")).contains("values"));
}

#[test]
fn long_header_names_repeated_on_every_row_are_refused() {
    let header = "h".repeat(MAX_TEXT_BYTES / 1000 + 1);
    let csv = format!("{header}\n{}", "x\n".repeat(1000));
    assert!(
        message(records(csv.as_bytes(), "x.csv")).contains("more than 256 MiB of text"),
        "the table alone is small: only the records view repeats the header"
    );
    assert!(read_table(csv.as_bytes(), CsvOptions::default()).is_ok());
}

#[test]
fn deep_nesting_is_refused_without_overflowing_a_wasm_sized_stack() {
    // The browser gives WebAssembly a 1 MiB stack: check on a thread of that size.
    let run = || {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let nested = "JSON nested too deeply (more than 128 levels)";
        assert_eq!(message(read_records(deep.as_bytes())), nested);
        assert_eq!(message(records(deep.as_bytes(), "x")), nested);
        assert_eq!(message(read_features(deep.as_bytes())), nested);
        let geometry = format!(
            "{{\"type\":\"Topology\",\"arcs\":[],\"objects\":{{\"a\":{}1{}}}}}",
            "{\"type\":\"GeometryCollection\",\"geometries\":[".repeat(200),
            "]}".repeat(200)
        );
        let error = Topology::from_json(&geometry).unwrap_err().to_string();
        assert!(error.contains("recursion limit exceeded"), "{error}");
        let topo = format!("{{\"type\":\"Topology\",\"objects\":{{}},\"arcs\":{deep}}}");
        assert!(Topology::from_json(&topo).is_err());
        let feature = format!(
            "{{\"type\":\"FeatureCollection\",\"features\":[{{\"properties\":{{\"nis\":{deep}}}}}]}}"
        );
        assert_eq!(
            parse_boundaries(feature.as_bytes(), "b.geojson")
                .report
                .errors[0]
                .message,
            nested
        );
    };
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(run)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn rings_repeating_arcs_cannot_decode_to_a_huge_geometry() {
    let arc: Vec<String> = (0..1000).map(|i| format!("[{i},0]")).collect();
    let ring = vec!["0"; MAX_POINTS / 1000 + 1].join(",");
    let text = format!(
        "{{\"type\":\"Topology\",\"objects\":{{\"m\":{{\"type\":\"Polygon\",\"arcs\":[[{ring}]]}}}},\"arcs\":[[{}]]}}",
        arc.join(",")
    );
    let topology = Topology::from_json(&text).unwrap();
    let error = features(&topology, "m").unwrap_err();
    assert!(matches!(error, TopologyError::TooManyPoints { .. }));
    assert_eq!(
        error.to_string(),
        "object \"m\" decodes to more than 10000000 positions"
    );
}
