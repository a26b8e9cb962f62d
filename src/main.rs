//! Entry point of the site's wasm app: every page but the data explorer (which is
//! `src/bin/data_app.rs`). The app registers the service worker once its first screen
//! is shown.

fn main() {
    smart_region_explorer::start(smart_region_explorer::App);
}
