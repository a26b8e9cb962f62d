//! The app shell: i18n context, data loading, router, header and footer.

use crate::components::contents::fragment_href;
use crate::components::header::Header;
use crate::components::load_state::{error_view, loading_view};
use crate::data::{
    base_path, load_explorer_bundle, load_site_bundle, load_table_embed_bundle, Bundle,
    BundleLoader, LoadError, LoadProgress,
};
use crate::explorer::PageAddress;
use crate::i18n::*;
use crate::lang::{initial_language, locale_of};
use crate::links::is_site_page;
use crate::pages::embed::{EmbedLayout, EmbedMap, EmbedNotFound, EmbedTable};
use crate::pages::{
    about::AboutPage, barometer::BarometerPage, commune::CommunePage, communes::CommunesPage,
    data::DataPage, data_embed::DataEmbedMap, data_embed::DataEmbedTable, explorer::ExplorerPage,
    programme::ProgrammePage, project::ProjectPage,
};
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};
use leptos_router::path;

/// The data bundle as loaded at start-up, shared by every page through context.
#[derive(Clone, Copy)]
pub struct BundleResource {
    /// `None` while loading.
    pub resource: LocalResource<Result<Bundle, LoadError>>,
    /// Bumped by the retry button to fetch again.
    pub reload: RwSignal<u32>,
    /// Files loaded so far.
    pub progress: RwSignal<LoadProgress>,
}

/// Loads the data bundle (with `load`), offers it to every page through context, and
/// sets up offline use once the first screen has its data (or its error) shown.
fn provide_bundle(load: BundleLoader) {
    let reload = RwSignal::new(0u32);
    let progress = RwSignal::new(LoadProgress::default());
    let resource = LocalResource::new(move || {
        reload.track();
        load(base_path(), progress)
    });
    provide_context(BundleResource {
        resource,
        reload,
        progress,
    });
    Effect::new(move |registered: Option<bool>| {
        if registered == Some(true) {
            return true;
        }
        let loaded = resource.with(Option::is_some);
        if loaded {
            crate::offline::register_service_worker();
        }
        loaded
    });
}

/// The router's base: the site's base path without its trailing slash.
fn router_base() -> String {
    base_path().trim_end_matches('/').to_string()
}

/// The path this document was loaded at (before any navigation of the router).
#[derive(Clone)]
struct LoadedAt(String);

/// Remembers the path this document was loaded at, for [`LoadElsewhere`] and
/// [`ExplorerAddress`].
fn provide_loaded_at() {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    provide_context(LoadedAt(path));
}

/// What every app has around its view (`children`): the data bundle (loaded with
/// `load`) and the languages.
#[component]
fn BundleShell(load: BundleLoader, children: Children) -> impl IntoView {
    provide_bundle(load);
    view! {
        <I18nContextProvider>
            <InitialLanguage />
            {children()}
        </I18nContextProvider>
    }
}

/// What every app with a router has around its routes (`children`, its `<Routes>`):
/// the [`BundleShell`], the path the document was loaded at and the router.
#[component]
fn AppShell(load: BundleLoader, children: Children) -> impl IntoView {
    provide_loaded_at();
    view! {
        <BundleShell load>
            <Router base=router_base()>{children()}</Router>
        </BundleShell>
    }
}

/// The explorer (`/`): what a visitor loads first. The other pages and the embeds are
/// other apps ([`PagesApp`], [`DataApp`], [`EmbedMapApp`], [`EmbedTableApp`]): a link to
/// any other address loads it whole ([`ExplorerAddress`]), and the host answers it with
/// its app, or with `404.html` for an unknown one. The router without routes: it writes
/// the explorer's address and reads the links and Back, and matching one page's path
/// needs none of its route-matching code (about 30 KB gzip of this app's wasm).
#[component]
pub fn App() -> impl IntoView {
    view! {
        <AppShell load=load_explorer_bundle>
            <ExplorerAddress />
        </AppShell>
    }
}

/// The explorer's page at its own address (the site's base path), "page not found" at
/// any other one it is loaded at; a link from either to another address loads that
/// address whole, as a new entry of the history.
#[component]
fn ExplorerAddress() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let loaded_at = use_context::<LoadedAt>().map(|at| at.0).unwrap_or_default();
    let at_home = is_site_page(&base_path(), &loaded_at, "/", true);
    // Another path than the one this document was loaded at (and shows) loads whole:
    // - Back or Forward to an entry of another page (one the router of the page before
    //   made, in this tab): the address bar shows it already; it is reloaded;
    // - a link: the router has set it as its own, and waits for routes to write it in
    //   the address bar. The browser loads it instead (a new entry), and the router is
    //   put back at the address bar's, where Back finds the page if the browser kept it
    //   (back-forward cache).
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        let path = location.pathname.get();
        let Some(window) = web_sys::window() else {
            return;
        };
        if path == loaded_at {
            return;
        }
        let address = window.location();
        if address.pathname().is_ok_and(|shown| shown == path) {
            let _ = address.reload();
            return;
        }
        let search = location.search.get_untracked();
        let search = search.trim_start_matches('?');
        let separator = if search.is_empty() { "" } else { "?" };
        let target = format!("{path}{separator}{search}{}", location.hash.get_untracked());
        let shown = [address.pathname(), address.search(), address.hash()]
            .into_iter()
            .collect::<Result<String, _>>()
            .unwrap_or_default();
        navigate(
            &shown,
            leptos_router::NavigateOptions {
                resolve: false,
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
        let _ = address.assign(&target);
    });
    if at_home {
        view! { <SiteLayout><ExplorerPage /></SiteLayout> }.into_any()
    } else {
        view! { <NotFound /> }.into_any()
    }
}

/// The site's pages but the explorer and the data explorer: statistics and
/// communes, barometer, programme, about, a project's and a commune's page. A third
/// binary (`src/bin/pages_app.rs`), so that the explorer's first screen does not
/// download them; its links to the explorer and the data explorer load them whole.
#[component]
pub fn PagesApp() -> impl IntoView {
    view! {
        <AppShell load=load_site_bundle>
            <Routes fallback=LoadElsewhere>
                <ParentRoute path=path!("") view=RoutedSiteLayout>
                    <Route path=path!("/communes") view=CommunesPage />
                    <Route path=path!("/barometer") view=BarometerPage />
                    <Route path=path!("/programme") view=ProgrammePage />
                    <Route path=path!("/about") view=AboutPage />
                    <Route path=path!("/project/:id") view=ProjectPage />
                    <Route path=path!("/commune/:nis") view=CommunePage />
                </ParentRoute>
            </Routes>
        </AppShell>
    }
}

/// The explorer's map embed (`/embed/map/`), in an article's iframe: a binary of its
/// own (`src/bin/embed_map_app.rs`), so that every reader of the article downloads
/// the map and nothing else of the explorer. No router: nothing in it navigates (its
/// state is the page's, [`PageAddress`]), and any other address it is loaded at (a host
/// answering every path with it) is "page not found".
#[component]
pub fn EmbedMapApp() -> impl IntoView {
    let address = PageAddress::loaded();
    let here = address
        .path
        .with_value(|at| is_site_page(&base_path(), at, "/embed/map", true));
    view! {
        <BundleShell load=load_explorer_bundle>
            {if here {
                view! { <EmbedLayout><EmbedMap address /></EmbedLayout> }.into_any()
            } else {
                view! { <EmbedNotFound /> }.into_any()
            }}
        </BundleShell>
    }
}

/// The explorer's table embed (`/embed/table/`): a binary of its own
/// (`src/bin/embed_table_app.rs`) that loads no boundaries and has no map's code.
#[component]
pub fn EmbedTableApp() -> impl IntoView {
    view! {
        <AppShell load=load_table_embed_bundle>
            <Routes fallback=EmbedLoadElsewhere>
                <ParentRoute path=path!("/embed") view=RoutedEmbedLayout>
                    <Route path=path!("/table") view=EmbedTable />
                </ParentRoute>
            </Routes>
        </AppShell>
    }
}

/// The data explorer (`/data/`): a second binary (`src/bin/data_app.rs`), so that the
/// rest of the site does not download it. Its header's links to the other pages load
/// them whole ([`LoadElsewhere`]).
#[component]
pub fn DataApp() -> impl IntoView {
    view! {
        <AppShell load=load_site_bundle>
            <Routes fallback=LoadElsewhere>
                <ParentRoute path=path!("/data/embed") view=RoutedEmbedLayout>
                    <Route path=path!("/map") view=DataEmbedMap />
                    <Route path=path!("/table") view=DataEmbedTable />
                </ParentRoute>
                <ParentRoute path=path!("") view=RoutedSiteLayout>
                    <Route path=path!("/data") view=DataPage />
                </ParentRoute>
            </Routes>
        </AppShell>
    }
}

/// A page another app shows (the explorer or the data explorer from the pages, and
/// back): the address is loaded whole, in the entry the router made. A document loaded
/// at this very address (a host that answered it with the wrong app) shows "page not
/// found" instead of loading it again.
#[component]
fn LoadElsewhere() -> impl IntoView {
    reload_unless_loaded_here().then(|| view! { <NotFound /> })
}

/// The embeds' [`LoadElsewhere`] (a project's page from the table, in the article's
/// frame): "page not found" is a heading alone, without the site's header, whose
/// language menu and links were 5 KB gzip of each embed's wasm.
#[component]
fn EmbedLoadElsewhere() -> impl IntoView {
    reload_unless_loaded_here().then(|| view! { <EmbedNotFound /> })
}

/// The site's frame around the route the router matched.
#[component]
fn RoutedSiteLayout() -> impl IntoView {
    view! {
        <SiteLayout>
            <Outlet />
        </SiteLayout>
    }
}

/// The embeds' frame around the route the router matched.
#[component]
fn RoutedEmbedLayout() -> impl IntoView {
    view! {
        <EmbedLayout>
            <Outlet />
        </EmbedLayout>
    }
}

/// Reloads the router's address whole, unless the document was loaded at it: then
/// returns true, and no app here shows it.
fn reload_unless_loaded_here() -> bool {
    let location = leptos_router::hooks::use_location();
    let here = location.pathname.get_untracked();
    let loaded_here = use_context::<LoadedAt>().is_some_and(|at| at.0 == here);
    if !loaded_here {
        // After the router's own work: it writes the address once the route renders.
        // A reload of that address, not a `replace` with it: one that differs only by
        // its fragment (`/programme#call-2019`) would only scroll.
        set_timeout(
            || {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().reload();
                }
            },
            std::time::Duration::ZERO,
        );
    }
    loaded_here
}

/// The site's frame around every page but the embeds (`children`): header, main, footer.
#[component]
fn SiteLayout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        // The browser's own fragment navigation (`rel="external"`: not the router's)
        // moves the focus to the main content, not only the scroll.
        <a class="skip-link" href=fragment_href("main".to_string()) rel="external">{move || t_string!(i18n, skip_to_content)}</a>
        <Header />
        <main id="main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <p>{move || t_string!(i18n, footer_credit)}</p>
        </footer>
    }
}

/// Applies the language of the URL or of the last visit once, at start-up. It runs as an
/// effect created after the i18n provider's own, which otherwise applies the browser's
/// preferred language on mount.
#[component]
fn InitialLanguage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| i18n.set_locale(locale_of(initial_language())));
}

/// Shown for an unknown path.
#[component]
fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Header />
        <main id="main" class="page">
            <h1>{move || t_string!(i18n, not_found)}</h1>
        </main>
    }
}

/// Renders `ready` with the bundle once loaded; a loading state, or an error with a
/// retry button, until then.
pub fn with_bundle<V: IntoView + 'static>(
    ready: impl Fn(Bundle) -> V + Send + Sync + 'static,
) -> impl IntoView {
    let BundleResource {
        resource,
        reload,
        progress,
    } = expect_context::<BundleResource>();
    move || match resource.get() {
        None => loading_view(Some(progress)).into_any(),
        Some(Err(error)) => error_view(error, reload).into_any(),
        Some(Ok(bundle)) => ready(bundle).into_view().into_any(),
    }
}
