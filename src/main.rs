//! Entry point of the wasm app: installs the panic hook and mounts the app.

fn main() {
    smart_region_explorer::panic::install_hook();
    leptos::mount::mount_to_body(smart_region_explorer::App);
}
