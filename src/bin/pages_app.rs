//! Entry point of the site's pages but the explorer and the data explorer (statistics
//! and communes, barometer, programme, about, each project and commune), a wasm app of
//! its own so that the explorer's first screen does not download them. Built by Trunk
//! beside the site's app (`data-type="worker"`: compiled, not loaded by `index.html`);
//! `datakit site` names its files by their hash and writes the pages that load it.

fn main() {
    smart_region_explorer::start(smart_region_explorer::PagesApp);
}
