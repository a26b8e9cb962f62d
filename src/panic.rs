//! A panic hook that shows a readable message in the page instead of a blank screen.

use crate::i18n::td_string;
use crate::lang::{initial_language, locale_of};

/// Panics on purpose: the browser tests call it (`window.wasmBindings.simulate_panic()`)
/// to check that a panic shows the readable page. Harmless: only the calling page is
/// affected, as by any panic.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn simulate_panic() {
    panic!("simulated panic (test hook)");
}

/// Installs the hook: logs the panic to the console and shows it in the page.
pub fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_panic(&info.to_string());
    }));
}

/// Replaces the page's content with an alert naming the error. Text only, never HTML.
fn show_panic(details: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
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
    body.set_text_content(None);
    let _ = body.append_child(&alert);
}
