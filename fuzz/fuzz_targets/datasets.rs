//! `datasets::parse_*`: the typed, checked readers of every dataset, on any
//! format (the first byte chooses the parser and the file name).

#![no_main]

use explorer_core::datasets::{
    parse_boundaries, parse_calls, parse_documents, parse_indicators, parse_municipalities,
    parse_projects, Parsed,
};
use explorer_core::import::ImportReport;
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 4] = ["data.csv", "data.json", "data.topojson", "data"];

fn check<T>(parsed: &Parsed<T>) {
    let report: &ImportReport = &parsed.report;
    assert_eq!(
        report.rows_read(),
        report.rows_kept() + report.rows_rejected()
    );
    assert_eq!(parsed.records.len(), report.rows_kept());
    let _ = report.to_string();
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(mode >> 4) % NAMES.len()];
    let documents = ["barometre-2023.pdf".to_owned()];
    match mode % 6 {
        0 => check(&parse_projects(bytes, name, &documents)),
        1 => check(&parse_calls(bytes, name, &documents)),
        2 => check(&parse_indicators(bytes, name, &documents)),
        3 => check(&parse_municipalities(bytes, name)),
        4 => check(&parse_documents(bytes, name)),
        _ => check(&parse_boundaries(bytes, name)),
    }
});
