//! Smart Région Explorer: the Leptos (CSR) app. It only renders and wires signals; the
//! domain logic lives in `explorer_core`.

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod app;
pub mod components;
pub mod data;
pub mod download;
pub mod explorer;
pub mod import_worker;
pub mod labels;
pub mod lang;
pub mod links;
pub mod offline;
pub mod pages;
pub mod panic;

pub use app::App;
