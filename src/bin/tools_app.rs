//! Entry point of the explorer's tools (Share, Embed, Download, Open data and the form
//! of a missing laureate; see `src/tools.rs`), a wasm app of its own that the explorer
//! loads once its first screen is shown. Built by Trunk beside the site's app
//! (`data-type="worker"`: compiled, not loaded by `index.html`); `datakit site` names
//! its files by their hash and tells the explorer with `<meta name="sre-tools">`.

fn main() {
    smart_region_explorer::tools::start();
}
