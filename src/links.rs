//! Links inside the app: under the path the site is served from (e.g. `/repo/` on GitHub
//! Pages), keeping the chosen language.

use crate::data::base_path;
use explorer_core::language::Language;

/// The href of an app path such as `/commune/62063`, with the language.
pub fn app_href(path: &str, language: Language) -> String {
    let base = base_path();
    let path = path.trim_start_matches('/');
    let separator = if path.contains('?') { '&' } else { '?' };
    format!("{base}{path}{separator}lang={}", language.code())
}

/// The path of the current page relative to the site's base, starting with `/`
/// (e.g. `/embed/map`), as the router's `navigate` expects it.
pub fn current_route() -> String {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    let base = base_path();
    let rest = path
        .strip_prefix(base.as_str())
        .unwrap_or(path.trim_start_matches('/'));
    format!("/{}", rest.trim_end_matches('/'))
}

/// The value of a parameter of the current URL's query string.
pub fn url_param(key: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(key)
}
