//! The explorer's tools: Share, Embed, the Download menu, "Open data" and the form of a
//! missing laureate. What the first screen does not need, so a wasm app of its own
//! (`src/bin/tools_app.rs`), loaded once the explorer is shown ([`load`]) and mounted
//! into the places the explorer keeps for it ([`TOOLBAR_HOST`], [`CONTRIBUTE_HOST`]).
//!
//! Two wasm instances share no memory, so the explorer and its tools talk through
//! events on `window`, each carrying a string:
//! - [`VIEW_EVENT`] (explorer → tools): the address's query string, at every change;
//! - [`LANGUAGE_EVENT`] (explorer → tools): the page's locale, at every change;
//! - [`LAYER_EVENT`] (tools → explorer): the user's metric to show on the map, as
//!   JSON ([`MapLayer`]: its name and values, not its import report), from the open-data dialog.
//!
//! The tools read the rest as the explorer does: the bundle (from the browser's cache)
//! and the address.

use crate::components::contribute::Contribute;
use crate::components::open_data::OpenDataButton;
use crate::components::share::ShareBar;
use crate::data::{base_path, load_site_bundle, Bundle, LoadProgress};
use crate::explorer::{Explorer, PageAddress, UserLayer};
use crate::i18n::*;
use crate::lang::locale_of;
use explorer_core::contribute::{Draft, Intent};
use explorer_core::import::user::MapLayer;
use explorer_core::language::Language;
use leptos::portal::Portal;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The element of the explorer's toolbar the tools mount into.
pub const TOOLBAR_HOST: &str = "explorer-tools";
/// The element of the coverage box the contribution form goes into.
pub const CONTRIBUTE_HOST: &str = "coverage-contribute";
/// The explorer's address changed: its query string, without `?`.
const VIEW_EVENT: &str = "sre-explorer-view";
/// The explorer's language changed: the locale's tag (`fr`, `nl`, `de`, `en`).
const LANGUAGE_EVENT: &str = "sre-explorer-language";
/// The tools' open-data dialog has a metric for the map (JSON), or none (empty).
const LAYER_EVENT: &str = "sre-user-layer";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// Dispatches `name` on `window` with `detail`.
fn dispatch(name: &str, detail: &str) {
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&JsValue::from_str(detail));
    if let (Some(window), Ok(event)) = (
        window(),
        web_sys::CustomEvent::new_with_event_init_dict(name, &init),
    ) {
        let _ = window.dispatch_event(&event);
    }
}

/// Calls `on` with the detail of every `name` event on `window`, for the page's life.
fn listen(name: &'static str, on: impl Fn(String) + 'static) {
    let handle = window_event_listener_untyped(name, move |event| {
        let detail = event
            .dyn_ref::<web_sys::CustomEvent>()
            .and_then(|e| e.detail().as_string());
        if let Some(detail) = detail {
            on(detail);
        }
    });
    // The page's life: a handle dropped with the explorer's owner would remove it.
    std::mem::forget(handle);
}

/// The explorer's side: tells the tools every change of the view and the language,
/// and shows on the map the metric their dialog sends.
pub fn connect(explorer: Explorer, layer: UserLayer) {
    let i18n = use_i18n();
    Effect::new(move |_| dispatch(VIEW_EVENT, &explorer.query_string()));
    Effect::new(move |_| dispatch(LANGUAGE_EVENT, i18n.get_locale().as_str()));
    listen(LAYER_EVENT, move |json| {
        // Read as bytes, as the data files are: one copy of serde_json's reader in the
        // explorer's wasm, not two (1.2 KB gzip).
        layer.0.set(
            serde_json::from_slice::<MapLayer>(json.as_bytes())
                .ok()
                .map(Arc::new),
        );
    });
}

/// The tools app's files (`tools-app-<hash>`), from `<meta name="sre-tools">`, which
/// `datakit site` writes with the script that starts them.
fn app_name() -> Option<String> {
    window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("meta[name=\"sre-tools\"]").ok().flatten())
        .and_then(|m| m.get_attribute("content"))
        .filter(|name| {
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// Loads and starts the tools app, once per page: its script (which defines
/// `wasm_bindgen` in the page's scope, as Trunk builds it), then the one `datakit site`
/// writes to start it, in that order. When either, or the wasm, cannot be loaded (the
/// network is gone on a first visit), the toolbar says `unavailable` instead of staying
/// empty.
pub fn load(unavailable: String) {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    const SCRIPT_ID: &str = "sre-tools-script";
    if document.get_element_by_id(SCRIPT_ID).is_some() {
        return;
    }
    let Some(name) = app_name() else {
        return;
    };
    let base = base_path();
    let on_error = Closure::<dyn Fn()>::new(move || say_unavailable(&unavailable));
    // The start script's own failure (the wasm), sent by `datakit site`'s script.
    if let Some(window) = window() {
        let _ = window.add_event_listener_with_callback(
            "sre-tools-failed",
            on_error.as_ref().unchecked_ref(),
        );
    }
    for (id, file) in [
        (SCRIPT_ID, format!("{base}{name}.js")),
        ("sre-tools-start", format!("{base}{name}_start.js")),
    ] {
        let Ok(script) = document.create_element("script") else {
            return;
        };
        let script: web_sys::HtmlScriptElement = script.unchecked_into();
        script.set_id(id);
        // Added scripts run as soon as loaded, unless told to keep their order.
        script.set_async(false);
        script.set_src(&file);
        let _ = script.add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref());
        if let Some(head) = document.head() {
            let _ = head.append_child(&script);
        }
    }
    // Lives as long as the page's scripts.
    on_error.forget();
}

/// Tells, in the toolbar, that the tools could not be loaded (once). Text only.
fn say_unavailable(message: &str) {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    let Some(host) = document.get_element_by_id(TOOLBAR_HOST) else {
        return;
    };
    if host
        .query_selector(".tools-unavailable")
        .ok()
        .flatten()
        .is_some()
    {
        return;
    }
    if let Ok(note) = document.create_element("p") {
        note.set_class_name("notice tools-unavailable");
        let _ = note.set_attribute("role", "status");
        let _ = note.set_attribute("data-testid", "tools-unavailable");
        note.set_text_content(Some(message));
        let _ = host.append_child(&note);
    }
}

/// The tools' side (the tools app's `main`): mounts them into the explorer's toolbar,
/// with the form in the coverage box.
pub fn start() {
    crate::panic::install_hook();
    let document = window().and_then(|w| w.document());
    let host = |id| document.as_ref().and_then(|d| d.get_element_by_id(id));
    let (Some(toolbar), contribute) = (host(TOOLBAR_HOST), host(CONTRIBUTE_HOST)) else {
        return;
    };
    let toolbar: web_sys::HtmlElement = toolbar.unchecked_into();
    let handle = leptos::mount::mount_to(toolbar, move || view! { <Tools contribute /> });
    handle.forget();
}

/// The explorer's locale as the tools first see it: the page's `lang`.
fn page_locale() -> Option<Locale> {
    let lang = window()?
        .document()?
        .document_element()?
        .get_attribute("lang")?;
    Language::from_code(&lang).map(locale_of)
}

/// The tools over the bundle, which they load as the explorer did (from the cache), but
/// with every Belgian municipality (a user's layer or a contribution may name one
/// outside Wallonia, and is told so) and the calls (a contribution names its call).
#[component]
fn Tools(contribute: Option<web_sys::Element>) -> impl IntoView {
    let progress = RwSignal::new(LoadProgress::default());
    let resource = LocalResource::new(move || load_site_bundle(base_path(), progress));
    let contribute = StoredValue::new_local(contribute);
    view! {
        <I18nContextProvider set_lang_attr_on_html=false set_dir_attr_on_html=false>
            <FollowExplorer />
            // The explorer says why the bundle could not be loaded; the tools then stay away.
            {move || {
                resource
                    .get()
                    .and_then(Result::ok)
                    .map(|bundle| view! { <ToolsOver bundle contribute=contribute.get_value() /> })
            }}
        </I18nContextProvider>
    }
}

/// Follows the explorer's language.
#[component]
fn FollowExplorer() -> impl IntoView {
    let i18n = use_i18n();
    // An effect created after the provider's own, which applies the browser's language.
    Effect::new(move |_| {
        if let Some(locale) = page_locale() {
            i18n.set_locale(locale);
        }
    });
    listen(LANGUAGE_EVENT, move |tag| {
        if let Some(language) = Language::from_code(&tag) {
            i18n.set_locale(locale_of(language));
        }
    });
}

/// The tools once the bundle is loaded: the explorer's state follows its address.
#[component]
fn ToolsOver(bundle: Bundle, contribute: Option<web_sys::Element>) -> impl IntoView {
    let address = PageAddress::loaded();
    listen(VIEW_EVENT, move |q| address.query.set(q));
    // The tools never change the state: their links are links, their controls change
    // no filter.
    address.provide_explorer(&bundle);
    let layer = expect_context::<UserLayer>();
    Effect::new(move |first: Option<()>| {
        let json = layer.0.with(|metric| {
            metric
                .as_ref()
                .and_then(|m| serde_json::to_string(m.as_ref()).ok())
        });
        if first.is_some() || json.is_some() {
            dispatch(LAYER_EVENT, &json.unwrap_or_default());
        }
    });
    let form = contribute.map(|mount| {
        let bundle = bundle.clone();
        view! {
            <Portal mount>
                <Contribute intent=Intent::Missing draft=Draft::new_project(None, None) bundle=bundle.clone() />
            </Portal>
        }
    });
    view! {
        <ShareBar bundle=bundle.clone() />
        <OpenDataButton bundle />
        {form}
    }
}
