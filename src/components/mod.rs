//! Reusable view pieces.

pub mod chart;
pub mod contents;
pub mod contribute;
pub mod dataset;
pub mod directory;
pub mod facets;
pub mod header;
pub mod load_state;
pub mod map;
pub mod open_data;
pub mod results;
pub mod share;
pub mod stats;
