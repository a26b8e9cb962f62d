//! Entry point of the explorer's table embed (`/embed/table/`): a wasm app of its own,
//! like the map embed's (`embed_map_app.rs`), without the map's code and boundaries.

fn main() {
    smart_region_explorer::start(smart_region_explorer::EmbedTableApp);
}
