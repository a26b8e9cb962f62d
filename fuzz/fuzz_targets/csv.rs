//! `import::csv`: every dialect path: delimiter detected or given (each of the
//! four, or any byte), blank rows skipped or kept, and whatever encoding the
//! bytes are in (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252).
//! The first byte chooses the options, the rest is the file.

#![no_main]

use explorer_core::import::csv::{detect_delimiter, DELIMITERS};
use explorer_core::import::{decode, read_table, CsvOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (delimiter, bytes) = match (mode >> 1) % 6 {
        0 => (None, rest),
        i @ 1..=4 => (Some(DELIMITERS[usize::from(i) - 1]), rest),
        _ => match rest.split_first() {
            Some((&d, bytes)) => (Some(d), bytes),
            None => return,
        },
    };
    let options = CsvOptions {
        delimiter,
        skip_blank_rows: mode & 1 == 1,
    };
    let detected = detect_delimiter(&decode(bytes).text);
    assert!(detected == b',' || DELIMITERS.contains(&detected));
    let Ok(table) = read_table(bytes, options) else {
        return;
    };
    assert_eq!(table.delimiter, delimiter.unwrap_or(detected));
    let mut previous = 1;
    for row in &table.rows {
        assert!(row.line > previous, "row lines increase past the header");
        previous = row.line;
        assert_eq!(
            row.issue.is_none(),
            row.fields.len() == table.headers.len(),
            "a row is flagged exactly when its width differs"
        );
        if options.skip_blank_rows {
            assert!(row.fields.iter().any(|f| !f.trim().is_empty()));
        }
    }
});
