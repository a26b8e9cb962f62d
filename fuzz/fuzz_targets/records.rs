//! `import::records`: one view over CSV, JSON records, GeoJSON and TopoJSON,
//! the format told by the file name (chosen by the first byte) or the content.

#![no_main]

use explorer_core::import::{records, Format};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 8] = [
    "data.csv",
    "data.tsv",
    "data.txt",
    "data.json",
    "data.geojson",
    "data.topojson",
    "data",
    "DATA.JSON",
];

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(mode) % NAMES.len()];
    let Ok(set) = records(bytes, name) else {
        return;
    };
    let is_csv = matches!(set.format, Format::Csv { .. });
    for record in &set.records {
        if is_csv {
            assert!(record.fields.len() <= set.headers.len());
        } else {
            assert_eq!(record.fields.len(), set.headers.len());
            assert!(record.issue.is_none());
        }
        for (column, (header, value)) in record.fields.iter().enumerate() {
            assert_eq!(header, &set.headers[column]);
            assert_eq!(record.value(column), Some(value.as_str()));
            let _ = record.field_issue(column, "checked");
        }
        let _ = record.field_issue(record.fields.len(), "past the end");
        let _ = record.location.issue("located");
    }
});
