//! Entry point of the explorer's map embed (`/embed/map/`): a wasm app of its own, so
//! that a reader of an article downloads the map and not the whole explorer, and the
//! explorer's visitors do not download the embeds. Built by Trunk beside the site's
//! app (`data-type="worker"`: compiled, not loaded by `index.html`); `datakit site`
//! names its files by their hash and writes the page that loads it.

fn main() {
    smart_region_explorer::start(smart_region_explorer::EmbedMapApp);
}
