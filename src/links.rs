//! Links inside the app: under the path the site is served from (e.g. `/repo/` on GitHub
//! Pages), keeping the chosen language.

use crate::data::base_path;
use explorer_core::language::Language;
use explorer_core::programme::Target;
use leptos::prelude::set_timeout;

/// A parameter of the address this document was loaded at (`key` of its query).
pub fn loaded_param(key: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(key)
}

/// The href of an app path such as `/commune/62063`, with the language: the page's
/// folder (`commune/62063/`), as a static host serves it without a redirect.
pub fn app_href(path: &str, language: Language) -> String {
    let base = base_path();
    let path = path.trim_start_matches('/');
    let (path, query) = match path.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (path, None),
    };
    let slash = if path.is_empty() || path.ends_with('/') {
        ""
    } else {
        "/"
    };
    let query = query.map(|q| format!("{q}&")).unwrap_or_default();
    format!("{base}{path}{slash}?{query}lang={}", language.code())
}

/// The href of a call's section on the programme page, e.g. `/programme/?lang=fr#call-2019`.
pub fn programme_call_href(call_year: u16, language: Language) -> String {
    format!(
        "{}#{}",
        app_href("/programme", language),
        explorer_core::programme::call_anchor(call_year)
    )
}

/// The href of what the app shows about a programme event: a call's projects in the
/// explorer, a barometer section (`/barometer/?lang=fr#barometer-section-covid`), or a
/// section of the programme page (the whole path: under `<base href>`, a bare
/// `#anchor` would resolve to the explorer).
pub fn event_href(target: Target, language: Language) -> String {
    let (path, fragment) = target.route();
    match fragment {
        Some(anchor) => format!("{}#{anchor}", app_href(&path, language)),
        None => app_href(&path, language),
    }
}

/// When [`scroll_to_fragment`] scrolls again, in milliseconds after the first time:
/// charts drawn after it take their height and push the target down.
const SCROLL_AGAIN_MS: [u64; 3] = [150, 500, 1200];

/// Scrolls to the element the address's fragment names (`#call-2019`), for a page
/// whose content arrives after the browser looked for it; then again while the
/// content above it settles, unless the reader has scrolled meanwhile.
pub fn scroll_to_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let hash = window.location().hash().unwrap_or_default();
    let id = hash.trim_start_matches('#').to_string();
    if id.is_empty() {
        return;
    }
    let scroll = move || -> Option<f64> {
        let window = web_sys::window()?;
        window
            .document()?
            .get_element_by_id(&id)?
            .scroll_into_view();
        window.scroll_y().ok()
    };
    let Some(first) = scroll() else {
        return;
    };
    // Where the last scroll left the page: any other position is the reader's.
    let at = std::rc::Rc::new(std::cell::Cell::new(first));
    for delay in SCROLL_AGAIN_MS {
        let (scroll, at) = (scroll.clone(), at.clone());
        set_timeout(
            move || {
                let now = web_sys::window().and_then(|w| w.scroll_y().ok());
                if now == Some(at.get()) {
                    if let Some(position) = scroll() {
                        at.set(position);
                    }
                }
            },
            std::time::Duration::from_millis(delay),
        );
    }
}

/// Whether `pathname` (an address's path, under the site's `base` path) is the site's
/// page `path` (`/communes`, `/` for the explorer), or one under it unless `exact`.
pub fn is_site_page(base: &str, pathname: &str, path: &str, exact: bool) -> bool {
    let Some(here) = pathname.strip_prefix(base.trim_end_matches('/')) else {
        return false;
    };
    let here = here.trim_end_matches('/');
    let path = path.trim_end_matches('/');
    here == path || (!exact && here.starts_with(path) && here[path.len()..].starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::is_site_page;

    #[test]
    fn a_path_is_the_site_page_or_one_under_it_unless_exact() {
        for base in ["/", "/smart-region-explorer/"] {
            let at = |path: &str| format!("{}{}", base.trim_end_matches('/'), path);
            assert!(is_site_page(base, &at("/"), "/", true));
            assert!(!is_site_page(base, &at("/communes/"), "/", true));
            assert!(is_site_page(base, &at("/communes/"), "/communes", false));
            assert!(is_site_page(base, &at("/communes"), "/communes", false));
            assert!(is_site_page(
                base,
                &at("/project/ti2019-x/"),
                "/project",
                false
            ));
            assert!(!is_site_page(
                base,
                &at("/commune/62063/"),
                "/communes",
                false
            ));
            assert!(!is_site_page(base, &at("/about/"), "/communes", false));
        }
        assert!(!is_site_page(
            "/smart-region-explorer/",
            "/elsewhere/communes/",
            "/communes",
            false
        ));
    }
}
