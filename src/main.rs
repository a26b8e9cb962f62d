//! Entry point of the wasm app: installs the panic hook and mounts the app (which
//! registers the service worker once its first screen is shown).

fn main() {
    smart_region_explorer::panic::install_hook();
    // The static "loading" message of index.html, shown until the wasm runs.
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    leptos::mount::mount_to_body(smart_region_explorer::App);
}
