//! Entry point of the site's wasm app: the explorer (the other pages are
//! `src/bin/pages_app.rs`, `src/bin/data_app.rs` and, for the embeds,
//! `src/bin/embed_map_app.rs`, `src/bin/embed_table_app.rs`). The app registers the
//! service worker once its first screen is shown.

fn main() {
    smart_region_explorer::start(smart_region_explorer::App);
}
