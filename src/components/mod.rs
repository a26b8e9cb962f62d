//! Reusable view pieces.

pub mod header;
pub mod load_state;
