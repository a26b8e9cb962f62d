//! The open-data explorer's logic: a user's dataset, read by column
//! ([`crate::import::columns`]) and profiled ([`crate::import::profile`]), becomes one
//! [`crate::engine::Table`] (its schema drawn from the columns' kinds), and a
//! [`ViewRequest`] (filters, ranges, search, map metric, sort, page) gets the
//! [`View`] the page shows: the count, every facet's disjunctive counts, the map's
//! value per municipality and the rows of one page.
//!
//! Everything here is pure and runs where the dataset lives: the import worker in the
//! browser, so that the page only ever holds a view.

mod build;
mod export;
pub mod session;
pub mod synth;
#[cfg(test)]
mod tests;
pub mod url;
mod view;

pub use self::build::{Field, FieldRole, OpenDataset};
pub use self::export::RowsFormat;
pub use self::url::{is_fetchable_source, DataQuery};
pub use self::view::{Facet, FacetOption, MapMetric, MetricKind, PageRow, View, ViewRequest};
