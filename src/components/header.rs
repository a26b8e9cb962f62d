//! The site header: product name, main navigation and the language switcher.

use crate::data::base_path;
use crate::i18n::*;
use crate::lang::{language_of, locale_of, store_language};
use crate::links::{app_href, is_site_page};
use explorer_core::language::{with_language, Language};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

/// The header of every page.
#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let language = move || language_of(i18n.get_locale());
    let location = use_location();
    // "page" on the link of the page shown (the explorer's only at its own address).
    let base = StoredValue::new(base_path());
    let current = move |path: &'static str, exact: bool| {
        move || {
            base.with_value(|base| is_site_page(base, &location.pathname.get(), path, exact))
                .then_some("page")
        }
    };
    let navigate = use_navigate();
    // The router writes the new `lang` into the address bar, replacing the entry.
    let on_change = move |ev: leptos::ev::Event| {
        if let Some(chosen) = Language::from_code(&event_target_value(&ev)) {
            i18n.set_locale(locale_of(chosen));
            store_language(chosen);
            let search = location.search.get_untracked();
            let href = format!(
                "{}?{}{}",
                location.pathname.get_untracked(),
                with_language(&search, chosen),
                location.hash.get_untracked()
            );
            navigate(
                &href,
                NavigateOptions {
                    resolve: false,
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    };
    view! {
        <header class="site-header" data-testid="app-header">
            <div class="site-header__brand">
                <a href=move || app_href("/", language())>
                    <span class="site-header__name">{move || t_string!(i18n, app_name)}</span>
                </a>
                <span class="site-header__tagline">{move || t_string!(i18n, tagline)}</span>
            </div>
            <nav aria-label=move || t_string!(i18n, nav_label) class="site-nav">
                <a href=move || app_href("/", language()) aria-current=current("/", true)>{move || t_string!(i18n, nav_explorer)}</a>
                <a href=move || app_href("/communes", language()) aria-current=current("/communes", false)>{move || t_string!(i18n, nav_communes)}</a>
                <a href=move || app_href("/barometer", language()) aria-current=current("/barometer", false)>{move || t_string!(i18n, nav_barometer)}</a>
                <a href=move || app_href("/programme", language()) aria-current=current("/programme", false)>{move || t_string!(i18n, nav_programme)}</a>
                <a href=move || app_href("/about", language()) aria-current=current("/about", false)>{move || t_string!(i18n, nav_about)}</a>
            </nav>
            <label class="lang-switch">
                <span class="visually-hidden">{move || t_string!(i18n, language)}</span>
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
