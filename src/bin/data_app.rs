//! Entry point of the data explorer (`/data/`), a wasm app of its own so that the rest
//! of the site does not download it. Built by Trunk beside the site's app
//! (`data-type="worker"`: compiled, not loaded by `index.html`); `datakit site` names
//! its files by their hash and writes the `/data/` page that loads it.

fn main() {
    smart_region_explorer::start(smart_region_explorer::DataApp);
}
