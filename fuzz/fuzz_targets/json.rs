//! `import::json`: plain arrays of records and Opendatasoft answers.

#![no_main]

use explorer_core::import::json::read_document;
use explorer_core::import::read_records;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let document = read_document(data);
    let records = read_records(data);
    assert_eq!(
        document.as_ref().map(|d| &d.records),
        records.as_ref(),
        "read_records is read_document's records"
    );
    if let Ok(document) = document {
        for (i, record) in document.records.iter().enumerate() {
            assert_eq!(record.index, i);
            for key in record.fields.keys() {
                let _ = record.field_path(key);
            }
        }
    }
});
