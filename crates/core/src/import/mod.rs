//! The parsers every importer shares, native (datakit) and in the browser (wasm):
//! decoding ([`text`]), delimited files ([`csv`]), amounts ([`number`]), header
//! matching ([`header`]), JSON records ([`json`]), GeoJSON/TopoJSON features
//! ([`geojson`]), one view over all of them ([`records`]), the report of what
//! was kept and rejected ([`report`]), a dataset read by column ([`columns`]) from a file in pieces ([`pieces`]), what each column of a user's dataset holds
//! ([`profile`]) and the browser worker's side of an import ([`session`]). Nothing here panics on any input, and
//! what is too large or too deeply nested is refused with a message ([`limits`]).

pub mod columns;
pub mod csv;
pub mod geojson;
pub mod header;
pub mod json;
pub mod limits;
pub mod number;
pub mod pieces;
pub mod profile;
pub mod records;
pub mod report;
pub mod session;
pub mod text;
pub mod user;

pub use self::csv::{read_table, CsvOptions, Table, TableRow};
pub use self::geojson::{read_features, FeatureRecord};
pub use self::header::{normalize_header, FieldSpec, HeaderMap};
pub use self::json::{read_records, JsonRecord};
pub use self::number::{parse_amount, parse_optional_amount};
pub use self::records::{records, Format, Location, Record, RecordSet};
pub use self::report::{Expected, ImportReport, Issue, IssueKind};
pub use self::text::{decode, decode_borrowed, Decoded};
