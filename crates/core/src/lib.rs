//! The domain of Smart Région Explorer, with no web dependency: the types of the
//! published datasets (municipalities, projects, calls, indicators), the data
//! bundle's catalog, the programme's documented facts, and the pure logic over them. Builds for native and wasm.

pub mod catalog;
pub mod charts;
pub mod contribute;
pub mod datasets;
pub mod engine;
pub mod explore;
pub mod export;
pub mod format;
pub mod import;
pub mod language;
pub mod municipality;
pub mod open_data;
pub mod ordered;
pub mod programme;
pub mod text;
pub mod topology;
