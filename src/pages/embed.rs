//! Embeddable views (`/embed/map`, `/embed/table`) without the site's chrome: a title,
//! the view and a one-line credit with a link to the full view. Render options in the
//! URL: `plain` (no title/credit), `dark=on|off|auto`, `transparent`, `height=<px>`.
//! Unless a fixed height is asked, the page tells its host its content height with
//! `postMessage({type: "sre-embed-height", height, href}, "*")`; `embed.js` on the host
//! page resizes the iframe.

use crate::app::with_bundle;
use crate::components::map::ChoroplethMap;
use crate::components::results::ResultsTable;
use crate::data::{base_path, Bundle};
use crate::explorer::{provide_explorer, PageAddress};
use crate::i18n::*;
use crate::links::loaded_param;
use crate::title::document_title;
use explorer_core::explore::full_view_href;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use leptos_use::use_resize_observer;

/// Type of the height message sent to the host page.
pub const HEIGHT_MESSAGE: &str = "sre-embed-height";

/// A render option of the embed's address (as loaded: nothing in an embed changes them).
fn option(key: &str) -> Option<String> {
    loaded_param(key)
}

/// True for a flag given as `plain`, `plain=1`, `plain=true` or `plain=on`.
fn flag(key: &str) -> bool {
    option(key).is_some_and(|v| matches!(v.as_str(), "" | "1" | "true" | "on" | "yes"))
}

/// Applies `dark` and `transparent` to the document, as the embed's host chose.
fn apply_theme() {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    match option("dark").as_deref() {
        Some("on" | "true" | "1") => {
            let _ = root.set_attribute("data-theme", "dark");
        }
        Some("off" | "false" | "0") => {
            let _ = root.set_attribute("data-theme", "light");
        }
        _ => {
            let _ = root.remove_attribute("data-theme");
        }
    }
    if flag("transparent") {
        let _ = root.set_attribute("data-transparent", "");
    }
    let _ = root.set_attribute("data-embed", "");
}

/// Posts the content height of `container` to the host page whenever it changes
/// (the observer is disconnected with the component, by `use_resize_observer`).
fn report_height(container: NodeRef<leptos::html::Div>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(parent) = window.parent() else { return };
    let Some(parent) = parent.filter(|p| !p.loose_eq(&window)) else {
        return;
    };
    let mut last = 0i32;
    use_resize_observer(container, move |_, _| {
        let Some(element) = container.get_untracked() else {
            return;
        };
        let height = element.scroll_height();
        if height != last {
            last = height;
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
            let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
            let href = web_sys::window()
                .and_then(|w| w.location().href().ok())
                .unwrap_or_default();
            let _ = js_sys::Reflect::set(&message, &"href".into(), &href.into());
            let _ = parent.post_message(&message, "*");
        }
    });
}

/// The frame of every embed, around its view (`children`).
#[component]
pub fn EmbedLayout(children: Children) -> impl IntoView {
    apply_theme();
    let height = option("height")
        .and_then(|h| h.parse::<u32>().ok())
        .filter(|h| *h >= 100);
    let container = NodeRef::<leptos::html::Div>::new();
    if height.is_none() {
        report_height(container);
    }
    let style = height
        .map(|h| format!("height:{h}px;overflow:auto"))
        .unwrap_or_default();
    view! {
        <div class="embed" node_ref=container style=style data-testid="embed">
            {children()}
        </div>
    }
}

/// The full view of an embed whose address the router keeps: the same filters on the
/// site ([`full_view_href`]).
pub fn routed_full_view() -> Signal<String> {
    let location = use_location();
    Signal::derive(move || full_view_href(&location.pathname.get(), &location.search.get()))
}

/// "Page not found", in an embed's frame: a heading alone, without the site's header,
/// whose language menu and links were 5 KB gzip of each embed's wasm.
#[component]
pub fn EmbedNotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! { <h1 class="embed__title">{move || t_string!(i18n, not_found)}</h1> }
}

/// Title above and credit below an embedded view, unless `plain`; the credit links to
/// `full_view`, the view's address on the site.
#[component]
pub fn EmbedFrame(
    title: Signal<String>,
    full_view: Signal<String>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let plain = flag("plain");
    document_title(move || title.get());
    view! {
        {(!plain).then(|| view! { <h1 class="embed__title">{move || title.get()}</h1> })}
        {children()}
        {(!plain).then(|| view! {
            <p class="embed__credit" data-testid="embed-credit">
                {move || t_string!(i18n, embed_credit)} " · "
                <a href=full_view target="_blank" rel="noopener">{move || t_string!(i18n, embed_full_view)}</a>
            </p>
        })}
    }
}

/// An embed of a dataset (an address with `src`) is the data explorer's:
/// `/embed/<view>/?src=…` is loaded as `/data/embed/<view>/?src=…`, and this returns
/// true.
fn load_dataset_embed(view: &str) -> bool {
    if option("src").is_none() {
        return false;
    }
    if let Some(window) = web_sys::window() {
        let search = window.location().search().unwrap_or_default();
        let href = format!("{}data/embed/{view}/{search}", base_path());
        let _ = window.location().replace(&href);
    }
    true
}

/// The map, embedded, at `address` (the page's: no router), so that its state's changes
/// (a click on a commune, the metric) stay in the frame, out of the reader's history.
#[component]
pub fn EmbedMap(address: PageAddress) -> impl IntoView {
    if load_dataset_embed("map") {
        return ().into_any();
    }
    let i18n = use_i18n();
    let title = Signal::derive(move || t_string!(i18n, embed_title_map).to_string());
    let full_view = Signal::derive(move || {
        address
            .path
            .with_value(|path| full_view_href(path, &address.query.get()))
    });
    view! {
        <EmbedFrame title full_view>
            {with_bundle(move |bundle: Bundle| {
                address.provide_explorer(&bundle);
                view! { <ChoroplethMap bundle /> }
            })}
        </EmbedFrame>
    }
    .into_any()
}

/// The results table, embedded.
#[component]
pub fn EmbedTable() -> impl IntoView {
    if load_dataset_embed("table") {
        return ().into_any();
    }
    let i18n = use_i18n();
    let title = Signal::derive(move || t_string!(i18n, embed_title_table).to_string());
    view! {
        <EmbedFrame title full_view=routed_full_view()>
            {with_bundle(|bundle: Bundle| {
                provide_explorer(&bundle);
                view! { <ResultsTable bundle /> }
            })}
        </EmbedFrame>
    }
    .into_any()
}
