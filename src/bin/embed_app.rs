//! Entry point of the explorer's embeds (`/embed/map/`, `/embed/table/`): a wasm app
//! of its own, so that a reader of an article downloads the embed and not the whole
//! explorer, and the explorer's visitors do not download the embeds. Built by Trunk
//! beside the site's app (`data-type="worker"`: compiled, not loaded by `index.html`);
//! `datakit site` names its files by their hash and writes the pages that load it.

fn main() {
    smart_region_explorer::start(smart_region_explorer::EmbedApp);
}
