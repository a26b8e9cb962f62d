//! Reading a delimited text file (CSV, semicolon-separated, TSV) into a table,
//! with the delimiter detected and every row located by its physical line.
//!
//! Parsing (RFC 4180 quoting, embedded delimiters and newlines, CRLF) is the
//! `csv` crate's; this module adds decoding, delimiter detection, line numbers
//! and the check of each row's width against the header.

use super::limits::{check_cells, check_columns, check_file_size, check_records};
use super::pieces::Pieces;
use super::report::{Issue, IssueKind};
use super::text::decode;
use ::csv::{ByteRecord, ReaderBuilder};
use std::borrow::Cow;

/// The delimiters [`detect_delimiter`] chooses from, in order of preference on a tie.
pub const DELIMITERS: [u8; 4] = [b';', b',', b'\t', b'|'];

/// How many records [`detect_delimiter`] looks at.
const SAMPLE_RECORDS: usize = 20;

/// Options of [`read_table`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CsvOptions {
    /// The delimiter, or `None` to detect it.
    pub delimiter: Option<u8>,
    /// Drop rows whose fields are all blank (`;;;` lines that spreadsheets leave).
    pub skip_blank_rows: bool,
}

impl Default for CsvOptions {
    /// Detect the delimiter; skip blank rows.
    fn default() -> Self {
        CsvOptions {
            delimiter: None,
            skip_blank_rows: true,
        }
    }
}

/// A delimited file: its header and its rows, as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// The header's fields, as written.
    pub headers: Vec<String>,
    /// The rows after the header.
    pub rows: Vec<TableRow>,
    /// The delimiter used (given or detected).
    pub delimiter: u8,
    /// The encoding the bytes were decoded with (see [`decode`]).
    pub encoding: &'static str,
}

/// One row of a [`Table`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableRow {
    /// 1-based physical line where the record starts (the header is on line 1).
    pub line: u64,
    /// The fields, as written (quotes removed).
    pub fields: Vec<String>,
    /// Set when the row has not as many fields as the header: the row is kept
    /// so that the caller can reject it with this issue (line, and column of the
    /// first missing or extra field).
    pub issue: Option<Issue>,
}

impl TableRow {
    /// The field at a 0-based column, if the row has it.
    pub fn get(&self, column: usize) -> Option<&str> {
        self.fields.get(column).map(String::as_str)
    }
}

/// Decodes `bytes` (see [`decode`]) and reads them as a table whose first record
/// is the header. An empty file is an error; a header alone gives no rows.
/// A file beyond the [`super::limits`] (size, rows, columns, values) is an error.
pub fn read_table(bytes: &[u8], options: CsvOptions) -> Result<Table, Issue> {
    check_file_size(bytes.len())?;
    let decoded = decode(bytes);
    parse_table(&decoded.text, decoded.encoding, options)
}

/// Reads already decoded text as a table; `encoding` is only recorded.
pub fn parse_table(
    text: &str,
    encoding: &'static str,
    options: CsvOptions,
) -> Result<Table, Issue> {
    check_file_size(text.len())?;
    let delimiter = options.delimiter.unwrap_or_else(|| detect_delimiter(text));
    if text
        .chars()
        .all(|c| c.is_whitespace() && c != char::from(delimiter))
    {
        return Err(Issue::new("the file is empty").with_kind(IssueKind::FileEmpty));
    }
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut cells = 0usize;
    for_each_record(text, delimiter, |record, line| {
        cells = cells.saturating_add(record.len());
        check_columns(record.len())
            .and_then(|()| check_cells(cells))
            .map_err(|issue| issue.with_line(line))?;
        let fields: Vec<String> = record.iter().map(str::to_owned).collect();
        let Some(headers) = &headers else {
            headers = Some(fields);
            return Ok(());
        };
        if options.skip_blank_rows && fields.iter().all(|f| f.trim().is_empty()) {
            return Ok(());
        }
        check_records(rows.len() + 1, "rows").map_err(|issue| issue.with_line(line))?;
        let issue = width_issue(headers, &fields, line);
        rows.push(TableRow {
            line,
            fields,
            issue,
        });
        Ok(())
    })?;
    let Some(headers) = headers else {
        return Err(Issue::new("the file is empty").with_kind(IssueKind::FileEmpty));
    };
    Ok(Table {
        headers,
        rows,
        delimiter,
        encoding,
    })
}

/// Reads `text` as records split by `delimiter` (the first one included: the header),
/// calling `visit(record, line)` for each, `line` being the 1-based physical line where
/// the record starts. Stops at the first error: the reader's (located), or `visit`'s.
pub(super) fn for_each_record(
    text: &str,
    delimiter: u8,
    visit: impl FnMut(&Record<'_>, u64) -> Result<(), Issue>,
) -> Result<(), Issue> {
    for_each_record_in(
        Pieces::new(vec![Cow::Borrowed(text.as_bytes())]),
        delimiter,
        visit,
    )
}

/// [`for_each_record`] over a text in pieces, each freed once read and counted.
pub(super) fn for_each_record_in(
    text: Pieces<'_>,
    delimiter: u8,
    mut visit: impl FnMut(&Record<'_>, u64) -> Result<(), Issue>,
) -> Result<(), Issue> {
    let mut reader = ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text);
    let mut lines = LineCounter::default();
    let mut record = ByteRecord::new();
    loop {
        let start = record_start(reader.get_ref(), reader.position().byte());
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => return Ok(()),
            Err(err) => {
                return Err(Issue::at_line(
                    lines.line_at(reader.get_ref(), start),
                    format!("unreadable CSV: {err}"),
                ))
            }
        }
        let start = record
            .position()
            .map_or(start, |pos| record_start(reader.get_ref(), pos.byte()));
        let line = lines.line_at(reader.get_ref(), start);
        reader.get_mut().release_before(start);
        // Valid, as the text is: its fields are cut at ASCII delimiters and
        // quotes. Checked once per record, not once per field.
        let fields = std::str::from_utf8(record.as_slice())
            .map_err(|err| Issue::at_line(line, format!("unreadable CSV: {err}")))?;
        visit(
            &Record {
                fields,
                record: &record,
            },
            line,
        )?;
    }
}

/// A record read by [`for_each_record`]: its fields as text.
pub(super) struct Record<'r> {
    /// The fields end to end.
    fields: &'r str,
    record: &'r ByteRecord,
}

impl<'r> Record<'r> {
    /// The number of fields.
    pub(super) fn len(&self) -> usize {
        self.record.len()
    }

    /// The fields, in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = &'r str> + '_ {
        (0..self.record.len()).map(|i| {
            self.record
                .range(i)
                .and_then(|range| self.fields.get(range))
                .unwrap_or_default()
        })
    }
}

/// Chooses among [`DELIMITERS`] the one that splits the header into the most
/// fields while giving the first records the same number of fields, counting
/// only delimiters outside quotes. A file where no delimiter splits the header
/// is taken as comma-separated.
pub fn detect_delimiter(text: &str) -> u8 {
    let mut best: Option<(u64, usize, u8)> = None;
    for delimiter in DELIMITERS {
        let widths = sample_widths(text, delimiter);
        let Some(&width) = widths.first() else {
            continue;
        };
        if width < 2 {
            continue;
        }
        let same = widths.iter().filter(|&&w| w == width).count();
        let permille = (same as u64 * 1000) / widths.len() as u64;
        let better = match best {
            None => true,
            Some((p, w, _)) => (permille, width) > (p, w),
        };
        if better {
            best = Some((permille, width, delimiter));
        }
    }
    best.map_or(b',', |(_, _, delimiter)| delimiter)
}

/// The widths of the first [`SAMPLE_RECORDS`] records if `delimiter` were the
/// delimiter. Hand-written rather than parsed with the `csv` crate: that reader
/// is lenient after a closing quote (`"a";"b"` read with `\t` goes on reading
/// `;"b"` unquoted), so a wrong candidate would split inside quoted text. Here a
/// quote just toggles the quoted state (an escaped `""` toggles twice), which in
/// a well-formed file does not depend on the delimiter. Delimiters are ASCII, so
/// scanning UTF-8 bytes is exact.
fn sample_widths(text: &str, delimiter: u8) -> Vec<usize> {
    let mut widths = Vec::with_capacity(SAMPLE_RECORDS);
    let (mut quoted, mut blank, mut width) = (false, true, 1);
    for &byte in text.as_bytes() {
        if widths.len() == SAMPLE_RECORDS {
            return widths;
        }
        match byte {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => {
                if !blank {
                    widths.push(width);
                }
                (blank, width) = (true, 1);
                continue;
            }
            _ if byte == delimiter && !quoted => width += 1,
            _ => {}
        }
        blank = false;
    }
    if !blank {
        widths.push(width);
    }
    widths
}

/// The issue of a row whose width differs from the header's.
pub(super) fn width_issue(headers: &[String], fields: &[String], line: u64) -> Option<Issue> {
    let (expected, found) = (headers.len(), fields.len());
    if expected == found {
        return None;
    }
    let issue = Issue::at_line(
        line,
        format!("row has {found} fields but the header has {expected}"),
    )
    .with_column(expected.min(found) as u64 + 1);
    Some(match headers.get(found) {
        Some(missing) if found < expected => issue.with_field(missing.clone()),
        _ => issue,
    })
}

/// The offset where a record really starts: the `csv` reader's position may
/// still be on the line break that ended the previous record, or on blank lines
/// it skips.
fn record_start(text: &Pieces<'_>, byte: u64) -> usize {
    let mut start = usize::try_from(byte).unwrap_or(usize::MAX);
    while matches!(text.byte_at(start), Some(b'\r' | b'\n')) {
        start += 1;
    }
    start
}

/// Counts physical lines up to increasing offsets. Hand-written because the `csv`
/// crate's own line count is that of the reader's position, which may precede
/// skipped blank lines, and ignores lone CR line breaks, which it does accept.
struct LineCounter {
    /// The offset counted up to.
    pos: usize,
    /// The line of `pos`.
    line: u64,
}

impl Default for LineCounter {
    /// At the start of the text, line 1.
    fn default() -> Self {
        LineCounter { pos: 0, line: 1 }
    }
}

impl LineCounter {
    /// The 1-based line of `offset` in `text`; offsets must not decrease between
    /// calls, and `text` must still hold the bytes from the last one.
    /// Eight bytes at a time: a word without CR counts its LFs at once.
    fn line_at(&mut self, text: &Pieces<'_>, offset: usize) -> u64 {
        let end = offset.min(text.len());
        while self.pos < end {
            let run = text.run_at(self.pos);
            let run = &run[..run.len().min(end - self.pos)];
            if run.is_empty() {
                break;
            }
            let mut at = 0;
            while at < run.len() {
                let word = run
                    .get(at..)
                    .and_then(|rest| rest.first_chunk::<8>())
                    .map(|&word| u64::from_le_bytes(word));
                match word {
                    Some(word) if bytes_equal(word, b'\r') == 0 => {
                        self.line += u64::from(bytes_equal(word, b'\n').count_ones());
                        at += 8;
                    }
                    _ => {
                        let b = run[at];
                        let lone_cr = b == b'\r' && text.byte_at(self.pos + at + 1) != Some(b'\n');
                        if b == b'\n' || lone_cr {
                            self.line += 1;
                        }
                        at += 1;
                    }
                }
            }
            self.pos += run.len();
        }
        self.line
    }
}

/// The bytes of `word` equal to `byte`, as a word with only their top bits set
/// (exact: no carry crosses from one byte to the next).
fn bytes_equal(word: u64, byte: u8) -> u64 {
    const LOW_BITS: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let x = word ^ (u64::from(byte) * 0x0101_0101_0101_0101);
    !(((x & LOW_BITS) + LOW_BITS) | x) & !LOW_BITS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(bytes: &[u8]) -> Table {
        read_table(bytes, CsvOptions::default()).unwrap()
    }

    fn lines(t: &Table) -> Vec<u64> {
        t.rows.iter().map(|r| r.line).collect()
    }

    #[test]
    fn detects_semicolon_and_comma() {
        let t = table(b"nom;montant\nLi\xc3\xa8ge;1234,5\nNamur;12,0\n");
        assert_eq!(t.delimiter, b';');
        assert_eq!(t.headers, ["nom", "montant"]);
        assert_eq!(t.rows[0].fields, ["Liège", "1234,5"]);
        let t = table(b"name,amount\n\"Li\xc3\xa8ge; ville\",12\n");
        assert_eq!(t.delimiter, b',');
        assert_eq!(t.rows[0].fields, ["Liège; ville", "12"]);
        let t = table(b"a\tb\n1\t2\n");
        assert_eq!(t.delimiter, b'\t');
        let t = table(b"a|b|c\n1|2|3\n");
        assert_eq!(t.delimiter, b'|');
    }

    #[test]
    fn single_column_falls_back_to_comma() {
        let t = table(b"nis\n62063\n");
        assert_eq!((t.delimiter, t.rows.len()), (b',', 1));
    }

    #[test]
    fn line_counting_skips_blank_lines_and_counts_lone_cr() {
        let t = table(b"a;b\n\n\n1;2\r3;4\r\n\r\n5;6");
        assert_eq!(lines(&t), [4, 5, 7]);
    }

    proptest::proptest! {
        #[test]
        fn lines_are_counted_as_byte_by_byte(
            bytes in proptest::collection::vec(
                proptest::sample::select(vec![b'a', 0x80, 0x8d, b'\r', b'\n']),
                0..80,
            ),
            offsets in proptest::collection::vec(0..90usize, 0..8),
            piece in 1..12usize,
        ) {
            let mut offsets = offsets;
            offsets.sort_unstable();
            let text = Pieces::new(bytes.chunks(piece).map(Cow::Borrowed).collect());
            let mut counter = LineCounter::default();
            for offset in offsets {
                let end = offset.min(bytes.len());
                let breaks = (0..end)
                    .filter(|&i| {
                        bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
                    })
                    .count();
                proptest::prop_assert_eq!(counter.line_at(&text, offset), 1 + breaks as u64);
            }
        }

        #[test]
        fn records_and_lines_are_the_same_whatever_the_pieces(
            bytes in proptest::collection::vec(
                proptest::sample::select(vec![b'a', b'"', b';', b'\r', b'\n', b' ']),
                0..120,
            ),
            piece in 1..16usize,
        ) {
            let records_of = |text: Pieces<'_>| {
                let mut out = Vec::new();
                let result = for_each_record_in(text, b';', |record, line| {
                    out.push((line, record.iter().map(str::to_owned).collect::<Vec<_>>()));
                    Ok(())
                });
                (out, result.map_err(|issue| issue.line))
            };
            let whole = records_of(Pieces::new(vec![Cow::Borrowed(&bytes[..])]));
            let cut = records_of(Pieces::new(bytes.chunks(piece).map(Cow::Borrowed).collect()));
            proptest::prop_assert_eq!(whole, cut);
        }
    }

    #[test]
    fn blank_rows_are_skipped_unless_asked() {
        let t = table(b"a;b\n;\n1;2\n  ; \n");
        assert_eq!(lines(&t), [3]);
        let options = CsvOptions {
            skip_blank_rows: false,
            ..CsvOptions::default()
        };
        let t = read_table(b"a;b\n;\n1;2\n", options).unwrap();
        assert_eq!(lines(&t), [2, 3]);
    }
}
