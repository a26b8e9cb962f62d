//! Bounds on what the importers read, so that a huge, very wide or deeply
//! nested file is refused with a clear message instead of exhausting the
//! memory or the stack (in the browser, a WebAssembly tab has a few GiB of
//! memory at most and a 1 MiB stack). The project's own files are far below
//! every bound: a few hundred rows of a few dozen columns, boundaries under
//! 1 MiB.

use super::report::{Issue, IssueKind};

/// Largest file read: 64 MiB (files of 50 MB must load, with room to spare).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// Most rows (CSV), records (JSON) or features (GeoJSON/TopoJSON) in a file.
pub const MAX_RECORDS: usize = 1_000_000;
/// Most columns: fields of one CSV row, distinct keys of JSON records.
pub const MAX_COLUMNS: usize = 1_000;
/// Most values held at once: rows × columns.
pub const MAX_CELLS: usize = 5_000_000;
/// Most text held by the rows once read, header names included (each value
/// of [`super::Record`] carries its header's name).
pub const MAX_TEXT_BYTES: usize = 256 * 1024 * 1024;
/// Deepest JSON nesting read (`serde_json`'s recursion limit); deeper input is
/// refused as "JSON nested too deeply".
pub const MAX_JSON_DEPTH: usize = 128;

const MIB: usize = 1024 * 1024;

/// `Err` when a file of `len` bytes is larger than [`MAX_FILE_BYTES`].
pub fn check_file_size(len: usize) -> Result<(), Issue> {
    if len > MAX_FILE_BYTES {
        return Err(Issue::new(format!(
            "the file is too large: {:.1} MiB, more than the {} MiB this app reads",
            len as f64 / MIB as f64,
            MAX_FILE_BYTES / MIB
        ))
        .with_kind(IssueKind::FileTooLarge {
            max_mib: MAX_FILE_BYTES / MIB,
        }));
    }
    Ok(())
}

/// `Err` when a file holds more than [`MAX_RECORDS`] `what` (rows, records, features).
pub fn check_records(count: usize, what: &str) -> Result<(), Issue> {
    if count > MAX_RECORDS {
        return Err(Issue::new(format!(
            "the file has too many {what}: more than the {MAX_RECORDS} this app reads"
        )));
    }
    Ok(())
}

/// `Err` when there are more than [`MAX_COLUMNS`] columns.
pub fn check_columns(count: usize) -> Result<(), Issue> {
    if count > MAX_COLUMNS {
        return Err(Issue::new(format!(
            "too many columns: {count}, more than the {MAX_COLUMNS} this app reads"
        )));
    }
    Ok(())
}

/// `Err` when `cells` values (rows × columns) are more than [`MAX_CELLS`].
pub fn check_cells(cells: usize) -> Result<(), Issue> {
    if cells > MAX_CELLS {
        return Err(Issue::new(format!(
            "the file is too large: more than {MAX_CELLS} values (rows × columns)"
        )));
    }
    Ok(())
}

/// `Err` when the rows would hold more than [`MAX_TEXT_BYTES`] of text.
pub fn check_text_bytes(bytes: usize) -> Result<(), Issue> {
    if bytes > MAX_TEXT_BYTES {
        return Err(Issue::new(format!(
            "the file is too large: its rows would take more than {} MiB of text once read (long column names repeat on every row)",
            MAX_TEXT_BYTES / MIB
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_pass_up_to_the_limit_and_name_it_beyond() {
        assert!(check_file_size(MAX_FILE_BYTES).is_ok());
        let issue = check_file_size(MAX_FILE_BYTES + 1).unwrap_err();
        assert_eq!(
            issue.message,
            "the file is too large: 64.0 MiB, more than the 64 MiB this app reads"
        );
        assert!(check_records(MAX_RECORDS, "rows").is_ok());
        let issue = check_records(MAX_RECORDS + 1, "rows").unwrap_err();
        assert!(issue.message.contains("too many rows"), "{}", issue.message);
        assert!(check_columns(MAX_COLUMNS).is_ok());
        assert!(check_columns(MAX_COLUMNS + 1)
            .unwrap_err()
            .message
            .contains("1001"));
        assert!(check_cells(MAX_CELLS).is_ok() && check_cells(MAX_CELLS + 1).is_err());
        assert!(check_text_bytes(MAX_TEXT_BYTES).is_ok());
        assert!(check_text_bytes(MAX_TEXT_BYTES + 1).is_err());
    }
}
