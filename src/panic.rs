//! A readable message in the page instead of a blank screen when the wasm panics.
//!
//! The release build makes a panic a plain trap (`-Cpanic=immediate-abort`, see
//! `scripts/trunk.sh`): no panic hook runs and there is no message, only a
//! `WebAssembly.RuntimeError` thrown into whatever called the wasm. So the page listens
//! for those errors (uncaught, or a rejected promise) and shows the alert. A build with
//! panic messages (no `rust-src` to rebuild std with) also installs the hook, which
//! shows the panic's own message first. An out-of-bounds memory access (which safe Rust
//! cannot cause, and WebKitGTK's JavaScriptCore raises now and then) loads the page again
//! instead, once per tab.

use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

use crate::i18n::td_string;
use crate::lang::{initial_language, locale_of};

/// Panics on purpose: the browser tests call it (`window.wasmBindings.simulate_panic()`)
/// to check that a panic shows the readable page. Harmless: only the calling page is
/// affected, as by any panic.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn simulate_panic() {
    panic!("simulated panic (test hook)");
}

/// Shows the alert on the first trap of the wasm (or loads the page again after the
/// tab's first out-of-bounds memory access), and (in a build with panic messages)
/// installs the hook that logs the panic to the console and shows its message.
pub fn install_hook() {
    #[cfg(not(panic = "immediate-abort"))]
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_panic(&info.to_string());
    }));
    let Some(window) = web_sys::window() else {
        return;
    };
    // An uncaught trap comes as an `error` event (its `error`), a trap inside a promise
    // as an `unhandledrejection` (its `reason`).
    for (event_name, field) in [("error", "error"), ("unhandledrejection", "reason")] {
        let on_event = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            let error = js_sys::Reflect::get(&event, &field.into()).unwrap_or_default();
            if error.is_instance_of::<js_sys::WebAssembly::RuntimeError>() {
                let details = error
                    .dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.to_string()))
                    .unwrap_or_default();
                if is_memory_fault(&details) && reload_once() {
                    return;
                }
                show_panic(&details);
            }
        });
        let _ =
            window.add_event_listener_with_callback(event_name, on_event.as_ref().unchecked_ref());
        on_event.forget();
    }
}

/// Whether a trap is an out-of-bounds memory access, in the words of V8, JavaScriptCore
/// and SpiderMonkey. Safe Rust cannot cause one (a panic is an `unreachable` trap), and
/// WebKitGTK 2.50's JavaScriptCore raises it now and then (about once in 2,000 page
/// loads here) in the hot loops of a page's start-up, where the same code then runs
/// fine: an engine fault, which loading the page again gets past.
fn is_memory_fault(details: &str) -> bool {
    const MESSAGES: [&str; 3] = [
        "memory access out of bounds",
        "Out of bounds memory access",
        "index out of bounds",
    ];
    MESSAGES.iter().any(|message| details.contains(message))
}

/// The session storage key set when the tab loaded the page again after a fault.
const RELOADED: &str = "sre-reloaded-after-fault";

/// Loads the page again unless this tab already did so once (a fault that comes back
/// is shown) or has no session storage to remember it (embeds in a sandbox): whether
/// it did.
fn reload_once() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Ok(Some(storage)) = window.session_storage() else {
        return false;
    };
    !matches!(storage.get_item(RELOADED), Ok(Some(_)))
        && storage.set_item(RELOADED, "1").is_ok()
        && window.location().reload().is_ok()
}

/// Replaces the page's content with an alert naming the error, unless one is shown
/// already (a panic's hook, then its trap). Text only, never HTML.
fn show_panic(details: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(Some(_)) = document.query_selector("[data-testid=panic-message]") {
        return;
    }
    let Some(body) = document.body() else {
        return;
    };
    let locale = locale_of(initial_language());
    let Ok(alert) = document.create_element("div") else {
        return;
    };
    let _ = alert.set_attribute("role", "alert");
    let _ = alert.set_attribute("data-testid", "panic-message");
    let _ = alert.set_attribute("class", "panic");
    let Ok(title) = document.create_element("h1") else {
        return;
    };
    title.set_text_content(Some(td_string!(locale, panic_title)));
    let Ok(pre) = document.create_element("pre") else {
        return;
    };
    pre.set_text_content(Some(details));
    let _ = alert.append_child(&title);
    let _ = alert.append_child(&pre);
    if let Some(reload) = reload_link(&document, td_string!(locale, panic_reload)) {
        let _ = alert.append_child(&reload);
    }
    body.set_text_content(None);
    let _ = body.append_child(&alert);
}

/// A link that loads the page again: this address without its fragment (a link to the
/// same fragment would only scroll), followed by the browser, not the router
/// (`rel="external"`), since the wasm that runs the router has just failed.
fn reload_link(document: &web_sys::Document, text: &str) -> Option<web_sys::Element> {
    let location = document.location()?;
    let href = format!("{}{}", location.pathname().ok()?, location.search().ok()?);
    let link = document.create_element("a").ok()?;
    link.set_attribute("href", &href).ok()?;
    link.set_attribute("rel", "external").ok()?;
    link.set_attribute("data-testid", "panic-reload").ok()?;
    link.set_text_content(Some(text));
    Some(link)
}
