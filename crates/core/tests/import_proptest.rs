//! Whatever the csv crate writes, `read_table` reads back identically.

use explorer_core::import::{read_table, CsvOptions};
use proptest::prelude::*;

/// Field text with the characters that trouble CSV: delimiters, quotes,
/// newlines, accents, digits with separators.
fn field() -> impl Strategy<Value = String> {
    prop::string::string_regex("[a-zA-Z0-9 ;,|\t\"'\n\r.éèàçÉ€\u{a0}-]{0,12}").unwrap()
}

fn name() -> impl Strategy<Value = String> {
    prop::string::string_regex("[A-Za-z][A-Za-z0-9_ ]{0,8}").unwrap()
}

fn table_strategy(
    header: BoxedStrategy<String>,
) -> impl Strategy<Value = (Vec<String>, Vec<Vec<String>>)> {
    (2usize..6).prop_flat_map(move |width| {
        (
            prop::collection::vec(header.clone(), width),
            prop::collection::vec(prop::collection::vec(field(), width), 0..8),
        )
    })
}

/// Writes the table, and the 1-based line each row starts on.
fn write(
    delimiter: u8,
    style: csv::QuoteStyle,
    headers: &[String],
    rows: &[Vec<String>],
) -> (Vec<u8>, Vec<u64>) {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .quote_style(style)
        .from_writer(Vec::new());
    writer.write_record(headers).unwrap();
    let mut lines = Vec::new();
    for row in rows {
        writer.flush().unwrap();
        lines.push(1 + line_breaks(writer.get_ref()));
        writer.write_record(row).unwrap();
    }
    (writer.into_inner().unwrap(), lines)
}

/// Line breaks as editors count them: LF, CRLF and a lone CR.
fn line_breaks(bytes: &[u8]) -> u64 {
    let lf = bytes.iter().filter(|&&b| b == b'\n').count();
    let lone_cr = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .count();
    (lf + lone_cr) as u64
}

fn keep_all(delimiter: Option<u8>) -> CsvOptions {
    CsvOptions {
        delimiter,
        skip_blank_rows: false,
    }
}

proptest! {
    /// Any content, minimal quoting, delimiter given.
    #[test]
    fn round_trip_with_given_delimiter(
        (headers, rows) in table_strategy(field().boxed()),
        delimiter in prop::sample::select(vec![b';', b',', b'\t', b'|']),
    ) {
        let (bytes, lines) = write(delimiter, csv::QuoteStyle::Necessary, &headers, &rows);
        let table = read_table(&bytes, keep_all(Some(delimiter))).unwrap();
        prop_assert_eq!(&table.headers, &headers);
        let read: Vec<Vec<String>> = table.rows.iter().map(|r| r.fields.clone()).collect();
        prop_assert_eq!(&read, &rows);
        let read_lines: Vec<u64> = table.rows.iter().map(|r| r.line).collect();
        prop_assert_eq!(read_lines, lines);
        prop_assert!(table.rows.iter().all(|r| r.issue.is_none()));
    }

    /// Plain headers, any content, minimal quoting: the delimiter is detected.
    #[test]
    fn round_trip_with_detected_delimiter(
        (headers, rows) in table_strategy(name().boxed()),
        delimiter in prop::sample::select(vec![b';', b',', b'\t', b'|']),
    ) {
        let (bytes, _) = write(delimiter, csv::QuoteStyle::Necessary, &headers, &rows);
        let table = read_table(&bytes, keep_all(None)).unwrap();
        prop_assert_eq!(table.delimiter, delimiter);
        prop_assert_eq!(&table.headers, &headers);
        let read: Vec<Vec<String>> = table.rows.iter().map(|r| r.fields.clone()).collect();
        prop_assert_eq!(read, rows);
    }

    /// Any content, every field quoted: detection respects quotes.
    #[test]
    fn round_trip_fully_quoted(
        (headers, rows) in table_strategy(field().boxed()),
        delimiter in prop::sample::select(vec![b';', b',', b'\t', b'|']),
    ) {
        let (bytes, _) = write(delimiter, csv::QuoteStyle::Always, &headers, &rows);
        let table = read_table(&bytes, keep_all(None)).unwrap();
        prop_assert_eq!(table.delimiter, delimiter);
        prop_assert_eq!(&table.headers, &headers);
        let read: Vec<Vec<String>> = table.rows.iter().map(|r| r.fields.clone()).collect();
        prop_assert_eq!(read, rows);
    }

    /// No input makes the readers panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = read_table(&bytes, CsvOptions::default());
        let _ = explorer_core::import::records(&bytes, "x");
        let _ = explorer_core::import::read_records(&bytes);
        let _ = explorer_core::import::read_features(&bytes);
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let _ = explorer_core::import::parse_amount(text);
        }
    }

    /// JSON-looking text never makes the JSON and feature readers panic.
    #[test]
    fn json_like_text_never_panics(
        prefix in prop::sample::select(vec![
            "", "[", "{\"results\":", "{\"records\":[{\"record\":", "{\"type\":\"Topology\",\"objects\":",
            "{\"type\":\"FeatureCollection\",\"features\":", "{\"type\":\"Feature\",\"properties\":",
        ]),
        body in prop::string::string_regex("[\\[\\]{}\":,0-9a-z. \n-]{0,60}").unwrap(),
    ) {
        let text = format!("{prefix}{body}");
        let _ = explorer_core::import::records(text.as_bytes(), "x.json");
        let _ = explorer_core::import::read_records(text.as_bytes());
        let _ = explorer_core::import::read_features(text.as_bytes());
    }

    /// Number-looking text never makes `parse_amount` panic.
    #[test]
    fn number_like_text_never_panics(text in prop::string::string_regex("[-+0-9 .,e€EUR\u{a0}\u{202f}]{0,16}").unwrap()) {
        let _ = explorer_core::import::parse_amount(&text);
    }

    /// Amounts written with thousands groups and two decimals read back exactly.
    #[test]
    fn grouped_amounts_read_back(units in 0u64..10_000_000_000, cents in 0u64..100, negative: bool) {
        let digits = units.to_string();
        let groups: Vec<&str> = {
            let head = digits.len() % 3;
            let mut groups = Vec::new();
            if head > 0 {
                groups.push(&digits[..head]);
            }
            groups.extend((head..digits.len()).step_by(3).map(|i| &digits[i..i + 3]));
            groups
        };
        let sign = if negative { "-" } else { "" };
        let expected = format!("{sign}{digits}.{cents:02}").parse::<f64>().unwrap();
        for (thousands, decimal) in [(" ", ","), ("\u{202f}", ","), (".", ","), (",", "."), ("", ",")] {
            let text = format!("{sign}{}{decimal}{cents:02}", groups.join(thousands));
            prop_assert_eq!(explorer_core::import::parse_amount(&text), Ok(expected), "{}", text);
        }
    }
}
