//! The site header: product name, main navigation and the language switcher.

use crate::i18n::*;
use crate::lang::{language_of, locale_of, store_language};
use crate::links::app_href;
use explorer_core::language::{with_language, Language};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

/// The header of every page.
#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let language = move || language_of(i18n.get_locale());
    let href = move |path: &'static str| move || app_href(path, language());
    let location = use_location();
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
                <A href=href("/")>
                    <span class="site-header__name">{move || td_string!(i18n.get_locale(), app_name)}</span>
                </A>
                <span class="site-header__tagline">{move || td_string!(i18n.get_locale(), tagline)}</span>
            </div>
            <nav aria-label=move || t_string!(i18n, nav_label) class="site-nav">
                <A href=href("/") exact=true>{move || td_string!(i18n.get_locale(), nav_explorer)}</A>
                <A href=href("/communes")>{move || td_string!(i18n.get_locale(), nav_communes)}</A>
                <A href=href("/barometer")>{move || td_string!(i18n.get_locale(), nav_barometer)}</A>
                <A href=href("/programme")>{move || td_string!(i18n.get_locale(), nav_programme)}</A>
                <A href=href("/about")>{move || td_string!(i18n.get_locale(), nav_about)}</A>
            </nav>
            <label class="lang-switch">
                <span class="visually-hidden">{move || td_string!(i18n.get_locale(), language)}</span>
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
