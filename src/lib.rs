//! Smart Région Explorer: the Leptos (CSR) app. It only renders and wires signals; the
//! domain logic lives in `explorer_core`.

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod app;
pub mod components;
pub mod data;
pub mod dataset_worker;
pub mod download;
pub mod explorer;
pub mod first_paint;
pub mod import_worker;
pub mod labels;
pub mod lang;
pub mod links;
pub mod offline;
pub mod pages;
pub mod panic;
pub mod title;
pub mod tools;

pub use app::{App, DataApp, EmbedMapApp, EmbedTableApp, PagesApp};

/// Starts an app: the panic hook first, then the app mounted in place of the static
/// "loading" message of the page.
pub fn start<V: leptos::prelude::IntoView + 'static>(app: fn() -> V) {
    panic::install_hook();
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    leptos::mount::mount_to_body(app);
}
