//! The site header: product name, main navigation and the language switcher.

use crate::i18n::*;
use crate::lang::{language_of, locale_of, store_language};
use crate::links::app_href;
use explorer_core::language::Language;
use leptos::prelude::*;
use leptos_router::components::A;

/// Replaces the `lang` parameter of the address bar without a new history entry.
fn replace_url_language(language: Language) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(href) = window.location().href() else {
        return;
    };
    let Ok(url) = web_sys::Url::new(&href) else {
        return;
    };
    url.search_params().set("lang", language.code());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url.href()));
    }
}

/// The header of every page.
#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let language = move || language_of(i18n.get_locale());
    let href = move |path: &'static str| move || app_href(path, language());
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(chosen) = Language::from_code(&event_target_value(&ev)) {
            i18n.set_locale(locale_of(chosen));
            store_language(chosen);
            replace_url_language(chosen);
        }
    };
    view! {
        <header class="site-header" data-testid="app-header">
            <div class="site-header__brand">
                <A href=href("/")>
                    <span class="site-header__name">{t!(i18n, app_name)}</span>
                </A>
                <span class="site-header__tagline">{t!(i18n, tagline)}</span>
            </div>
            <nav aria-label=move || t_string!(i18n, nav_label) class="site-nav">
                <A href=href("/") exact=true>{t!(i18n, nav_explorer)}</A>
                <A href=href("/barometer")>{t!(i18n, nav_barometer)}</A>
                <A href=href("/about")>{t!(i18n, nav_about)}</A>
            </nav>
            <label class="lang-switch">
                <span class="visually-hidden">{t!(i18n, language)}</span>
                <select data-testid="lang-switch" on:change=on_change prop:value=move || language().code()>
                    {Language::ALL
                        .into_iter()
                        .map(|l| view! { <option value=l.code() lang=l.code()>{l.endonym()}</option> })
                        .collect_view()}
                </select>
            </label>
        </header>
    }
}
