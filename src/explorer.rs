//! The explorer's shared state: the URL's filters parsed into an
//! [`ExplorerState`], everything the engine derives from it, and the one way
//! to change it — a navigation to the new state's address, which the router
//! writes ([`Explorer::update`]), or a link to it ([`Explorer::link`]). Used by
//! the explorer page and the embeds; components read it from context.

use crate::data::Bundle;
use crate::i18n::*;
use crate::lang::language_of;
use explorer_core::engine::Selection;
use explorer_core::explore::{
    jenks_breaks, municipalities_with_projects, municipality_values, view_href, ExplorerState,
    Metric, Notice, DEFAULT_CLASSES,
};
use explorer_core::import::user::MapLayer;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// The explorer's state and everything derived from it, shared by its components.
#[derive(Clone, Copy)]
pub struct Explorer {
    /// The state, read from the URL.
    pub state: Memo<ExplorerState>,
    /// The URL parameters that were ignored, for a discreet notice.
    pub notices: Memo<Vec<Notice>>,
    /// The projects matching the filters, as the engine selects them.
    pub selection: Memo<Selection>,
    /// Indices of the projects matching the filters.
    pub filtered: Memo<Vec<usize>>,
    /// The map metric per municipality.
    pub values: Memo<BTreeMap<String, f64>>,
    /// Under a subsidy metric, the municipalities with at least one matching
    /// project (one without value but in this set has projects whose amounts are
    /// unknown); empty when counting projects, where every such one has a value.
    pub documented: Memo<BTreeSet<String>>,
    /// Class breaks of the map.
    pub breaks: Memo<Vec<f64>>,
    /// The query string of the address, without `?`.
    query: Memo<String>,
    /// The path of the page showing the explorer (base included).
    path: StoredValue<String>,
    /// The page's language.
    i18n: I18nContext<Locale>,
    /// Navigates to an address (through the router).
    go: Callback<String>,
}

impl Explorer {
    /// The address of the state `change` makes of the current one (tracked: for
    /// the `href` of a link).
    pub fn link(self, change: impl FnOnce(&mut ExplorerState)) -> String {
        let next = self.state.with(|s| s.changed(change));
        let language = language_of(self.i18n.get_locale());
        self.path.with_value(|path| {
            self.query
                .with(|query| view_href(path, &next, query, language))
        })
    }

    /// The address's query string, without `?` (tracked).
    pub fn query_string(self) -> String {
        self.query.get()
    }

    /// Moves to the state `change` makes of the current one: a new history entry,
    /// written by the router.
    pub fn update(self, change: impl FnOnce(&mut ExplorerState)) {
        let href = untrack(|| self.link(change));
        self.go.run(href);
    }
}

/// The user's metric shown on the map, if any (provided with the explorer).
#[derive(Clone, Copy, Debug)]
pub struct UserLayer(pub RwSignal<Option<Arc<MapLayer>>>);

impl Default for UserLayer {
    fn default() -> Self {
        UserLayer(RwSignal::new(None))
    }
}

/// Writes `href` in the address bar and the history when the router has not.
///
/// leptos_router 0.8 does not record a Forward in its own list of visited addresses
/// (its popstate handler only removes entries, on Back), so after Back then Forward,
/// a move to the address before Forward updates the view but skips `pushState`: the
/// address bar keeps the old filters, which a reload or a shared link then restores.
/// (The router navigates to an address on the same path synchronously, so the browser's
/// address is already final here.)
fn push_if_router_did_not(href: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(current) = window.location().href() else {
        return;
    };
    let Ok(target) = web_sys::Url::new_with_base(href, &current) else {
        return;
    };
    let same_path = web_sys::Url::new(&current).is_ok_and(|c| c.pathname() == target.pathname());
    if same_path && target.href() != current {
        if let Ok(history) = window.history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
        }
    }
}

/// Moves to an address of the page through the router (a new history entry, the
/// scroll kept), for form controls; links are `<a href>`.
pub fn router_navigation() -> Callback<String> {
    let navigate = use_navigate();
    Callback::new(move |href: String| {
        navigate(
            &href,
            NavigateOptions {
                resolve: false,
                scroll: false,
                ..Default::default()
            },
        );
        push_if_router_did_not(&href);
    })
}

/// Provides the explorer's context (and an empty [`UserLayer`]) over `bundle`, its
/// state read from the router's address.
pub fn provide_explorer(bundle: &Bundle) -> Explorer {
    let location = use_location();
    let path = location.pathname.get_untracked();
    let here = path.clone();
    // The query of the explorer's own address: a link to another page (which the
    // explorer app loads whole) leaves the filters as they were.
    let query = Memo::new(move |previous: Option<&String>| {
        if location.pathname.with(|at| *at == here) {
            location.search.get().trim_start_matches('?').to_string()
        } else {
            previous.cloned().unwrap_or_default()
        }
    });
    provide_explorer_over(bundle, query, path, router_navigation())
}

/// An explorer's address kept by the page rather than the address bar: the path and
/// query the document was loaded with, the query then changed by the explorer. The map
/// embed's (no router: in an article's frame, a click on the map must not add an entry
/// to the reader's history, whose Back button must leave the article) and the tools
/// app's (which follows the explorer's address from its events).
#[derive(Clone, Copy)]
pub struct PageAddress {
    /// The page's path (base included), as loaded.
    pub path: StoredValue<String>,
    /// The query string, without `?`.
    pub query: RwSignal<String>,
}

impl PageAddress {
    /// The address this document was loaded at.
    pub fn loaded() -> PageAddress {
        let location = web_sys::window().map(|w| w.location());
        let read = |part: fn(&web_sys::Location) -> Result<String, wasm_bindgen::JsValue>| {
            location
                .as_ref()
                .and_then(|l| part(l).ok())
                .unwrap_or_default()
        };
        PageAddress {
            path: StoredValue::new(read(web_sys::Location::pathname)),
            query: RwSignal::new(
                read(web_sys::Location::search)
                    .trim_start_matches('?')
                    .to_string(),
            ),
        }
    }

    /// Provides the explorer's context (and an empty [`UserLayer`]) over `bundle` at
    /// this address: a change of its state sets the query, and writes nothing in the
    /// address bar.
    pub fn provide_explorer(self, bundle: &Bundle) -> Explorer {
        let query = self.query;
        let go = Callback::new(move |href: String| {
            let after_path = href.split_once('?').map_or("", |(_, q)| q);
            query.set(after_path.split('#').next().unwrap_or_default().to_string());
        });
        provide_explorer_over(
            bundle,
            Memo::new(move |_| query.get()),
            self.path.get_value(),
            go,
        )
    }
}

/// Provides the explorer's context (and an empty [`UserLayer`]) over `bundle`, its
/// state read from `query` (an address's query string, without `?`) of the page at
/// `path`, and changed by `go` (a navigation to an address).
fn provide_explorer_over(
    bundle: &Bundle,
    query: Memo<String>,
    path: String,
    go: Callback<String>,
) -> Explorer {
    let i18n = use_i18n();
    let path = StoredValue::new(path);
    let parsed: Memo<(ExplorerState, Vec<Notice>)> =
        Memo::new(move |_| ExplorerState::from_query(&query.get()));
    let state = Memo::new(move |_| parsed.with(|p| p.0.clone()));
    let notices = Memo::new(move |_| parsed.with(|p| p.1.clone()));
    let index = bundle.index.clone();
    let selection = Memo::new(move |_| index.filter(&state.get()));
    let filtered = Memo::new(move |_| selection.with(Selection::to_indices));
    let (projects, reference) = (bundle.projects.clone(), bundle.reference.clone());
    let values = Memo::new(move |_| {
        let metric = state.with(|s| s.metric);
        filtered.with(|f| municipality_values(f, &projects.projects, &reference, metric))
    });
    let projects = bundle.projects.clone();
    // Only the subsidy metrics can leave a commune with projects without value.
    let documented = Memo::new(move |_| {
        if state.with(|s| s.metric == Metric::Projects) {
            return BTreeSet::new();
        }
        filtered.with(|f| municipalities_with_projects(f, &projects.projects))
    });
    let breaks = Memo::new(move |_| {
        let all: Vec<f64> = values.with(|v| v.values().copied().collect());
        jenks_breaks(&all, DEFAULT_CLASSES)
    });
    let explorer = Explorer {
        state,
        notices,
        selection,
        filtered,
        values,
        documented,
        breaks,
        query,
        path,
        i18n,
        go,
    };
    provide_context(explorer);
    provide_context(UserLayer::default());
    explorer
}
