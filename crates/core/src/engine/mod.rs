//! The columnar query engine: a [`Table`] of rows declared by a [`Schema`]
//! (category, number and text columns), filtered by a [`Query`] into a
//! [`Selection`], its category values counted disjunctively
//! ([`Table::facet_counts`]), and sorted and paged by an [`Order`]. It knows no
//! dataset: the explorer's projects are one schema over it
//! (`explore::ProjectIndex`).
//!
//! # Layout
//!
//! [`TableBuilder`] turns rows into columns once:
//! - each category column is dictionary-encoded: one code per row in the
//!   narrowest integer that holds the dictionary, the further values of
//!   multi-valued rows in a short side list, and for every value, and for
//!   "no value", the set of its rows as a [`bitset::RowSet`]: a sorted row
//!   list while rare, a bitmap once more than 1/32 of the rows have it
//!   (`category`);
//! - a number column is a plain `f64` column (NaN for none);
//! - text columns are folded ([`crate::text::fold`]) and split into words
//!   once; one [`text::TextIndex`] maps each distinct word of any text column
//!   to its rows; a text column's rank of each row's folded text, for
//!   sorting, is computed from the caller's texts when first needed
//!   ([`Table::rank_texts`], `table`).
//!
//! Queries (`query`) are intersections of row bitmaps; sorting (`sort`)
//! keeps the best rows of a page in a bounded heap over integer keys.
//! The tests check all of it against a row-by-row reference on random
//! schemas and data.

pub mod bitset;
mod category;
mod fold;
mod interner;
mod query;
#[cfg(test)]
mod reference;
mod schema;
mod sort;
mod table;
#[cfg(test)]
mod tests;
pub mod text;

pub(crate) use self::fold::{FastHasher, FastMap, HashedKeyMap};
pub use self::query::{FacetCounts, Query, Range, Selection};
pub use self::schema::{ColumnKind, ColumnSpec, Schema};
pub use self::sort::{Order, SortKey};
pub use self::table::{Table, TableBuilder};
