//! Offline use: registers the service worker `sw.js` that `datakit site` writes (see
//! `crates/datakit/src/service_worker.rs`), with the site's base path as its scope. The
//! site's own pages register it; an embed (an `/embed/…` page, or any page in a frame)
//! never does: embedding the site does not install it.

use crate::data::base_path;
use wasm_bindgen::{JsCast, JsValue};

/// The worker's file, at the site's base.
const SCRIPT: &str = "sw.js";

/// Registers the service worker once the first screen is painted (the call comes when
/// the data bundle has loaded) and the page has loaded: the worker's install downloads
/// and hashes the whole build, which must not compete with the first screen. Nothing
/// happens on an embed or in a browser without service workers.
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let in_frame = window
        .top()
        .ok()
        .flatten()
        .is_some_and(|top| !js_sys::Object::is(&top, &window));
    let base = base_path();
    let path = window.location().pathname().unwrap_or_default();
    if in_frame || path.starts_with(&format!("{base}embed/")) {
        return;
    }
    // `navigator.serviceWorker` is missing outside secure contexts (plain http).
    let has_workers =
        js_sys::Reflect::has(&window.navigator(), &JsValue::from_str("serviceWorker"))
            .unwrap_or(false);
    if !has_workers {
        return;
    }
    let register = move || {
        let Some(window) = web_sys::window() else {
            return;
        };
        let options = web_sys::RegistrationOptions::new();
        options.set_scope(&base);
        let registration = window
            .navigator()
            .service_worker()
            .register_with_options(&format!("{base}{SCRIPT}"), &options);
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(error) = wasm_bindgen_futures::JsFuture::from(registration).await {
                leptos::logging::warn!("offline use unavailable: {error:?}");
            }
        });
    };
    let after_load = move || {
        let Some(window) = web_sys::window() else {
            return;
        };
        let loaded = window
            .document()
            .is_some_and(|document| document.ready_state() == "complete");
        if loaded {
            register();
        } else {
            let on_load = wasm_bindgen::closure::Closure::once_into_js(register);
            let options = web_sys::AddEventListenerOptions::new();
            options.set_once(true);
            let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
                "load",
                on_load.unchecked_ref(),
                &options,
            );
        }
    };
    // The next frame is the first screen's.
    crate::first_paint::after_next_paint(after_load);
}
