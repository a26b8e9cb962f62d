//! A page's table of contents: one link per section, to the section's anchor on
//! this very address (`/barometer?lang=fr#id`: a bare `#id` would resolve against
//! the document's `<base>`, the home page). The router keeps the page, writes the
//! fragment into the address and scrolls to the section. A list that wraps on a
//! narrow screen.
//!
//! Usage:
//!
//! ```ignore
//! <TableOfContents label=Signal::derive(move || t_string!(i18n, toc_label).to_string())
//!     entries=vec![("statistics".to_string(), "Statistics".to_string())] />
//! ```
//!
//! Test hook: `toc`.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The links to a page's sections, in page order.
#[component]
pub fn TableOfContents(
    /// The navigation's accessible name ("On this page").
    #[prop(into)]
    label: Signal<String>,
    /// Each section's anchor (an element `id`) and its title.
    #[prop(into)]
    entries: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let links = move || {
        entries
            .get()
            .into_iter()
            .map(|(id, title)| view! { <li><a href=fragment_href(id)>{title}</a></li> })
            .collect_view()
    };
    view! {
        <nav class="toc" aria-label=label data-testid="toc">
            <ol class="toc__list">{links}</ol>
        </nav>
    }
}

/// The href of the element `id` on this very page: its path and query string, then
/// `#id` (tracked: it follows the address). A bare `#id` would resolve against the
/// document's `<base>`, the home page.
pub fn fragment_href(id: String) -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let location = use_location();
    move || {
        let query = location.search.get();
        let query = query.trim_start_matches('?');
        let separator = if query.is_empty() { "" } else { "?" };
        format!("{}{separator}{query}#{id}", location.pathname.get())
    }
}
