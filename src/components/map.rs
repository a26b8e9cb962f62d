//! The choropleth map of the municipalities: an SVG built once per extent, whose fills
//! alone follow the filters; hover and keyboard focus show a tooltip, click or Enter
//! selects a municipality, Escape clears; wheel, pinch, drag and buttons zoom and pan.

use crate::app::BundleResource;
use crate::components::load_state::error_view;
use crate::data::{base_path, fetch_dataset, Bundle, LoadError};
use crate::explorer::Explorer;
use crate::explorer::UserLayer;
use crate::i18n::*;
use crate::labels;
use crate::lang::language_of;
use explorer_core::catalog::WALLONIA_BOUNDARIES_DATASET;
use explorer_core::explore::{
    color_of, format_metric, jenks_breaks, legend, map_layout, Extent, MapLayout, Metric,
    DEFAULT_CLASSES, NO_PROJECT_COLOR,
};
use explorer_core::format::format_number;
use explorer_core::municipality::WALLONIA;
use explorer_core::topology::Topology;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Width of the map's coordinate system (the SVG scales to its container).
const MAP_WIDTH: f64 = 900.0;
/// Fill of municipalities outside Wallonia (context, no data).
const CONTEXT_FILL: &str = "#f7f7f7";
const MIN_ZOOM: f64 = 1.0;
const MAX_ZOOM: f64 = 12.0;

/// How the map colours each municipality: the user's own metric ([`UserLayer`]) when one is loaded,
/// with its own Jenks breaks, else the explorer's metric. The selection and
/// filters keep highlighting municipalities either way.
#[derive(Clone, Copy)]
struct MapColours {
    explorer: Explorer,
    user: UserLayer,
    user_breaks: Memo<Vec<f64>>,
}

impl MapColours {
    fn new(explorer: Explorer) -> MapColours {
        let user = use_context::<UserLayer>().unwrap_or_default();
        let user_breaks = Memo::new(move |_| {
            user.0.with(|u| {
                u.as_ref().map_or_else(Vec::new, |m| {
                    jenks_breaks(
                        &m.values.values().copied().collect::<Vec<_>>(),
                        DEFAULT_CLASSES,
                    )
                })
            })
        });
        MapColours {
            explorer,
            user,
            user_breaks,
        }
    }
    /// The user metric's name, when it is colours.
    fn user_name(self) -> Option<String> {
        self.user.0.with(|u| u.as_ref().map(|m| m.name.clone()))
    }
    fn value(self, nis: &str) -> Option<f64> {
        match self
            .user
            .0
            .with(|u| u.as_ref().map(|m| m.values.get(nis).copied()))
        {
            Some(value) => value,
            None => self.explorer.values.with(|v| v.get(nis).copied()),
        }
    }
    /// Whether `nis` has matching projects but no value (their amounts are unknown).
    fn amount_unknown(self, nis: &str) -> bool {
        self.user.0.with(Option::is_none)
            && self.value(nis).is_none()
            && self.explorer.documented.with(|d| d.contains(nis))
    }
    /// Calls `paint` with each commune's fill, every signal read once: read per
    /// commune, they would be locked and tracked hundreds of times per change.
    fn with_fills<R>(self, paint: impl FnOnce(&dyn Fn(&str) -> &'static str) -> R) -> R {
        self.user.0.with(|user| match user {
            Some(metric) => self.user_breaks.with(|breaks| {
                paint(&|nis: &str| color_of(metric.values.get(nis).copied(), breaks))
            }),
            None => self.explorer.values.with(|values| {
                self.explorer.documented.with(|documented| {
                    self.explorer.breaks.with(|breaks| {
                        paint(&|nis: &str| {
                            let value = values.get(nis).copied();
                            if value.is_none() && documented.contains(nis) {
                                AMOUNT_UNKNOWN_FILL
                            } else {
                                color_of(value, breaks)
                            }
                        })
                    })
                })
            }),
        })
    }
}

/// The pattern of a municipality whose matching projects all have an unknown
/// amount (subsidy metrics): the "no project" grey with dark stripes, so that it
/// is told apart from both "no documented project" and any value of the palette.
const AMOUNT_UNKNOWN_PATTERN: &str = "sre-amount-unknown";
/// Its fill.
const AMOUNT_UNKNOWN_FILL: &str = "url(#sre-amount-unknown)";
/// The colour of its stripes.
const AMOUNT_UNKNOWN_STRIPE: &str = "#6b6b6b";

/// The visible part of the map: centre and zoom factor.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Viewport {
    cx: f64,
    cy: f64,
    zoom: f64,
}

impl Viewport {
    fn home(layout: &MapLayout) -> Viewport {
        Viewport {
            cx: layout.width / 2.0,
            cy: layout.height / 2.0,
            zoom: 1.0,
        }
    }
    fn view_box(self, width: f64, height: f64) -> [f64; 4] {
        let (w, h) = (width / self.zoom, height / self.zoom);
        [self.cx - w / 2.0, self.cy - h / 2.0, w, h]
    }
    /// Zooms by `factor` keeping the map point `(px, py)` where it is on screen.
    fn zoom_at(self, factor: f64, px: f64, py: f64) -> Viewport {
        let zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let k = self.zoom / zoom;
        Viewport {
            cx: px + (self.cx - px) * k,
            cy: py + (self.cy - py) * k,
            zoom,
        }
    }
}

/// The map with its metric selector, extent toggle, zoom buttons and legend.
#[component]
pub fn ChoroplethMap(bundle: Bundle) -> impl IntoView {
    let i18n = use_i18n();
    let explorer = expect_context::<Explorer>();
    let state = explorer.state;
    let wallonia: Result<Arc<MapLayout>, LoadError> = bundle
        .wallonia
        .clone()
        .and_then(|topology| layout_of(&topology, WALLONIA_BOUNDARIES_DATASET, &bundle.catalog));
    // The extent alone, so that a filter change neither rebuilds the SVG nor refetches.
    let extent = Memo::new(move |_| state.with(|s| s.extent));
    let catalog = bundle.catalog.clone();
    let retry_belgium = RwSignal::new(0u32);
    let belgium = LocalResource::new(move || {
        retry_belgium.track();
        let wanted = extent.get() == Extent::Belgium;
        let catalog = catalog.clone();
        async move {
            if !wanted {
                return None;
            }
            let loaded = fetch_dataset::<Topology>(&base_path(), &catalog, "boundaries-belgium")
                .await
                .and_then(|topology| layout_of(&topology, "boundaries-belgium", &catalog));
            Some(loaded)
        }
    });
    let on_metric = move |ev: leptos::ev::Event| {
        if let Some(metric) = Metric::parse(&event_target_value(&ev)) {
            explorer.update(|s| s.metric = metric);
        }
    };
    let on_extent = move |ev: leptos::ev::Event| {
        if let Some(extent) = Extent::parse(&event_target_value(&ev)) {
            explorer.update(|s| s.extent = extent);
        }
    };
    let reference = bundle.reference.clone();
    let reload_bundle = use_context::<BundleResource>().map(|b| b.reload);
    let svg = move || {
        let (layout, retry) = match extent.get() {
            Extent::Wallonia => (
                Some(wallonia.clone()),
                reload_bundle.unwrap_or(retry_belgium),
            ),
            Extent::Belgium => (belgium.get().flatten(), retry_belgium),
        };
        match layout? {
            Ok(layout) => Some(view! { <MapSvg layout reference=reference.clone() /> }.into_any()),
            Err(error) => Some(error_view(error, retry).into_any()),
        }
    };
    view! {
        <section class="map-panel" aria-labelledby="map-heading">
            <div class="map-controls">
                <label class="field field--inline">
                    <span id="map-heading">{move || t_string!(i18n, metric_label)}</span>
                    <select data-testid="metric-select" on:change=on_metric
                        prop:value=move || state.with(|s| s.metric.as_str().to_string())>
                        {Metric::ALL.iter().map(|&m| view! {
                            <option value=m.as_str()>{move || labels::metric(i18n.get_locale(), m)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field field--inline">
                    <span>{move || t_string!(i18n, extent_label)}</span>
                    <select data-testid="extent-select" on:change=on_extent
                        prop:value=move || state.with(|s| s.extent.as_str().to_string())>
                        <option value="wallonia">{move || t_string!(i18n, extent_wallonia)}</option>
                        <option value="belgium">{move || t_string!(i18n, extent_belgium)}</option>
                    </select>
                </label>
            </div>
            <p class="map-help">{move || t_string!(i18n, map_help)}</p>
            {svg}
            <Legend />
        </section>
    }
}

/// The layout of a boundaries dataset, or why it cannot be drawn.
fn layout_of(
    topology: &Topology,
    dataset: &str,
    catalog: &explorer_core::catalog::Catalog,
) -> Result<Arc<MapLayout>, LoadError> {
    map_layout(topology, "municipalities", MAP_WIDTH)
        .map(Arc::new)
        .map_err(|e| LoadError::of_dataset(catalog, dataset, e.to_string()))
}

/// The SVG itself, for one layout. Built once; fills and highlights are reactive.
#[component]
fn MapSvg(
    layout: Arc<MapLayout>,
    reference: Arc<explorer_core::municipality::Reference>,
) -> impl IntoView {
    let i18n = use_i18n();
    let explorer = expect_context::<Explorer>();
    let colours = MapColours::new(explorer);
    let state = explorer.state;
    let (width, height) = (layout.width, layout.height);
    let view_state = RwSignal::new(Viewport::home(&layout));
    let hovered = RwSignal::new(None::<(String, f64, f64)>);
    let container = NodeRef::<leptos::html::Div>::new();
    let dragging = StoredValue::new(None::<(f64, f64, Viewport, bool)>);
    let pointers = StoredValue::new(HashMap::<i32, (f64, f64)>::new());
    let pinch = StoredValue::new(None::<(f64, Viewport)>);

    let select = move |nis: &str| {
        explorer.update(|s| s.select_only_municipality(nis));
    };
    let clear = move || {
        if state.with_untracked(|s| !s.municipalities.is_empty()) {
            explorer.update(|s| s.municipalities.clear());
        }
    };
    // Map coordinates of a client point.
    let to_map = move |client_x: f64, client_y: f64| -> Option<(f64, f64, f64)> {
        let rect = container.get_untracked()?.get_bounding_client_rect();
        if rect.width() <= 0.0 {
            return None;
        }
        let [x, y, w, h] = view_state.get_untracked().view_box(width, height);
        let fx = (client_x - rect.left()) / rect.width();
        let fy = (client_y - rect.top()) / rect.height();
        Some((x + fx * w, y + fy * h, w / rect.width()))
    };
    let on_wheel = move |ev: leptos::ev::WheelEvent| {
        ev.prevent_default();
        if let Some((px, py, _)) = to_map(ev.client_x() as f64, ev.client_y() as f64) {
            let factor = if ev.delta_y() < 0.0 { 1.25 } else { 0.8 };
            view_state.update(|v| *v = v.zoom_at(factor, px, py));
        }
    };
    let on_pointer_down = move |ev: leptos::ev::PointerEvent| {
        pointers.update_value(|p| {
            p.insert(
                ev.pointer_id(),
                (ev.client_x() as f64, ev.client_y() as f64),
            );
        });
        let two: Vec<(f64, f64)> = pointers.with_value(|p| p.values().copied().collect());
        if two.len() == 2 {
            let d = ((two[0].0 - two[1].0).powi(2) + (two[0].1 - two[1].1).powi(2)).sqrt();
            pinch.set_value(Some((d.max(1.0), view_state.get_untracked())));
            dragging.set_value(None);
        } else {
            dragging.set_value(Some((
                ev.client_x() as f64,
                ev.client_y() as f64,
                view_state.get_untracked(),
                false,
            )));
        }
    };
    let on_pointer_move = move |ev: leptos::ev::PointerEvent| {
        pointers.update_value(|p| {
            if let Some(entry) = p.get_mut(&ev.pointer_id()) {
                *entry = (ev.client_x() as f64, ev.client_y() as f64);
            }
        });
        if let Some((start_distance, start_view)) = pinch.get_value() {
            let two: Vec<(f64, f64)> = pointers.with_value(|p| p.values().copied().collect());
            if two.len() == 2 {
                let d = ((two[0].0 - two[1].0).powi(2) + (two[0].1 - two[1].1).powi(2)).sqrt();
                let mid = ((two[0].0 + two[1].0) / 2.0, (two[0].1 + two[1].1) / 2.0);
                if let Some((px, py, _)) = to_map(mid.0, mid.1) {
                    view_state.set(start_view.zoom_at(d / start_distance, px, py));
                }
            }
            return;
        }
        // A drag needs a pressed button: a mouse moving over the map after a click
        // does not pan it.
        if ev.buttons() == 0 {
            return;
        }
        let Some((x0, y0, start, _)) = dragging.get_value() else {
            return;
        };
        let (dx, dy) = (ev.client_x() as f64 - x0, ev.client_y() as f64 - y0);
        if dx.abs() + dy.abs() < 4.0 {
            return;
        }
        dragging.set_value(Some((x0, y0, start, true)));
        if let Some((_, _, per_pixel)) = to_map(x0, y0) {
            view_state.set(Viewport {
                cx: start.cx - dx * per_pixel,
                cy: start.cy - dy * per_pixel,
                ..start
            });
        }
    };
    let on_pointer_up = move |ev: leptos::ev::PointerEvent| {
        pointers.update_value(|p| {
            p.remove(&ev.pointer_id());
        });
        if pointers.with_value(|p| p.len() < 2) {
            pinch.set_value(None);
        }
    };
    let was_drag = move || dragging.get_value().is_some_and(|(_, _, _, moved)| moved);
    let zoom_by = move |factor: f64| {
        view_state.update(|v| *v = v.zoom_at(factor, v.cx, v.cy));
    };
    let home = Viewport::home(&layout);

    // The paths are built once, with their colours of the moment; afterwards one
    // effect sets the fills and the selection as attributes, only where they changed
    // (a reactive attribute per path would subscribe 262 effects to every memo).
    let group = NodeRef::<leptos::svg::G>::new();
    // Each Walloon commune's path, with the fill and selection it shows.
    let communes =
        StoredValue::new_local(Vec::<(String, web_sys::Element, &'static str, bool)>::new());
    // The communes' names, in the language of the moment: an effect below renames
    // them all when it changes (not an effect per path, 262 of them).
    let built_in = i18n.get_locale_untracked();
    let paths = untrack(|| {
        let selection = state.with(|s| s.municipalities.clone());
        colours.with_fills(|fill_of| layout
            .shapes
            .iter()
            .map(|shape| {
                let nis = shape.nis.clone();
                let in_wallonia = reference.municipality(&nis).is_some_and(|m| m.region == WALLONIA);
                if !in_wallonia {
                    let name = reference
                        .municipality(&nis)
                        .map(|m| m.display_name(language_of(i18n.get_locale_untracked())).to_string())
                        .unwrap_or_else(|| nis.clone());
                    return view! {
                        <path d=shape.d.clone() class="map__context" fill=CONTEXT_FILL>
                            <title>{name}</title>
                        </path>
                    }
                    .into_any();
                }
                let selected = selection.contains(&nis);
                let label = labels::commune(&reference, &nis, language_of(built_in));
                view! {
                    <path
                        d=shape.d.clone()
                        class=if selected { "map__commune map__commune--selected" } else { "map__commune" }
                        data-testid=format!("map-commune-{nis}")
                        data-nis=nis.clone()
                        fill=fill_of(&nis)
                        tabindex="0"
                        role="button"
                        aria-label=label
                        aria-pressed=if selected { "true" } else { "false" }
                    >
                    </path>
                }
                .into_any()
            })
            .collect_view())
    });
    Effect::new(move |_| {
        let Some(group) = group.get() else { return };
        if communes.with_value(Vec::is_empty) {
            let elements = commune_paths(&group)
                .into_iter()
                .map(|(nis, el)| {
                    let selected = el.class_list().contains("map__commune--selected");
                    (nis, el, "", selected)
                })
                .collect();
            communes.set_value(elements);
        }
        let selection = state.with(|s| s.municipalities.clone());
        colours.with_fills(|fill_of| {
            communes.update_value(|communes| {
                for (nis, element, shown, was_selected) in communes.iter_mut() {
                    let fill = fill_of(nis);
                    if *shown != fill {
                        let _ = element.set_attribute("fill", fill);
                        *shown = fill;
                    }
                    let selected = selection.contains(nis);
                    if *was_selected != selected {
                        let _ = element
                            .class_list()
                            .toggle_with_force("map__commune--selected", selected);
                        let _ = element
                            .set_attribute("aria-pressed", if selected { "true" } else { "false" });
                        *was_selected = selected;
                    }
                }
            })
        });
    });
    let reference_for_labels = reference.clone();
    Effect::new(move |shown: Option<Locale>| {
        let locale = i18n.get_locale();
        if let Some(group) = group
            .get_untracked()
            .filter(|_| shown.unwrap_or(built_in) != locale)
        {
            for (nis, path) in commune_paths(&group) {
                let name = labels::commune(&reference_for_labels, &nis, language_of(locale));
                let _ = path.set_attribute("aria-label", &name);
            }
        }
        locale
    });
    // One listener of each kind on the group, for every commune (the event's path
    // names its commune in `data-nis`).
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some(nis) = commune_of(&ev) {
            if !was_drag() {
                select(&nis);
            }
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if let Some(nis) = commune_of(&ev) {
            match ev.key().as_str() {
                "Enter" | " " => {
                    ev.prevent_default();
                    select(&nis)
                }
                "Escape" => clear(),
                _ => {}
            }
        }
    };
    let on_move = move |ev: leptos::ev::MouseEvent| {
        let rect = container
            .get_untracked()
            .map(|c| c.get_bounding_client_rect());
        match (commune_of(&ev), rect) {
            (Some(nis), Some(rect)) => hovered.set(Some((
                nis,
                ev.client_x() as f64 - rect.left(),
                ev.client_y() as f64 - rect.top(),
            ))),
            _ => hovered.set(None),
        }
    };
    let centroids: Arc<HashMap<String, [f64; 2]>> = Arc::new(
        layout
            .shapes
            .iter()
            .map(|shape| (shape.nis.clone(), shape.centroid))
            .collect(),
    );
    let on_focus = move |ev: leptos::ev::FocusEvent| {
        let Some(nis) = commune_of(&ev) else { return };
        let Some(centroid) = centroids.get(&nis).copied() else {
            return;
        };
        let [x, y, w, h] = view_state.get_untracked().view_box(width, height);
        if let Some(rect) = container
            .get_untracked()
            .map(|c| c.get_bounding_client_rect())
        {
            let px = (centroid[0] - x) / w * rect.width();
            let py = (centroid[1] - y) / h * rect.height();
            hovered.set(Some((nis, px, py)));
        }
    };

    let reference_for_tip = reference.clone();
    let tooltip = move || {
        hovered.get().map(|(nis, x, y)| {
            let language = language_of(i18n.get_locale());
            let locale = i18n.get_locale();
            let metric = state.with(|s| s.metric);
            let name = labels::commune(&reference_for_tip, &nis, language);
            let value = colours.value(&nis);
            let text = match (value, colours.user_name()) {
                (Some(v), Some(user)) => format!("{user}: {}", format_number(v, 2, language)),
                (Some(v), None) => format!("{}: {}", labels::metric(locale, metric), format_metric(metric, v, language)),
                (None, Some(_)) => "—".to_string(),
                (None, None) if colours.amount_unknown(&nis) => td_string!(locale, legend_amount_unknown).to_string(),
                (None, None) => td_string!(locale, legend_no_project).to_string(),
            };
            view! {
                <div class="map__tooltip" role="tooltip" data-testid="map-tooltip" style=format!("left:{x:.0}px;top:{y:.0}px")>
                    <strong>{name}</strong>
                    <span>{text}</span>
                </div>
            }
        })
    };
    view! {
        <div class="map" node_ref=container on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { clear() }>
            <svg
                data-testid="map"
                viewBox=move || {
                    let [x, y, w, h] = view_state.get().view_box(width, height);
                    format!("{x:.1} {y:.1} {w:.1} {h:.1}")
                }
                preserveAspectRatio="xMidYMid meet"
                role="group"
                aria-label=move || t_string!(i18n, map_label)
                on:wheel=on_wheel
                on:pointerdown=on_pointer_down
                on:pointermove=on_pointer_move
                on:pointerup=on_pointer_up
                on:pointercancel=on_pointer_up
                style=format!("aspect-ratio: {width} / {height}")
            >
                <defs>
                    <pattern id=AMOUNT_UNKNOWN_PATTERN width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect width="4" height="4" fill=NO_PROJECT_COLOR />
                        <rect width="1.6" height="4" fill=AMOUNT_UNKNOWN_STRIPE />
                    </pattern>
                </defs>
                <g fill-rule="evenodd" stroke="#ffffff" stroke-width="0.6" node_ref=group
                    on:click=on_click on:keydown=on_key on:mousemove=on_move
                    on:mouseleave=move |_| hovered.set(None)
                    on:focusin=on_focus on:focusout=move |_| hovered.set(None)>
                    {paths}
                </g>
            </svg>
            {tooltip}
            <div class="map__zoom">
                <button type="button" data-testid="zoom-in" aria-label=move || t_string!(i18n, zoom_in) on:click=move |_| zoom_by(1.5)>"+"</button>
                <button type="button" data-testid="zoom-out" aria-label=move || t_string!(i18n, zoom_out) on:click=move |_| zoom_by(1.0 / 1.5)>"−"</button>
                <button type="button" data-testid="zoom-reset" aria-label=move || t_string!(i18n, zoom_reset) on:click=move |_| view_state.set(home)>"⟲"</button>
            </div>
        </div>
    }
}

/// The commune of an event on a map: the NIS code (`data-nis`) of the path it
/// happened in (one listener on the group serves every commune).
pub(crate) fn commune_of(ev: &web_sys::Event) -> Option<String> {
    ev.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("path[data-nis]")
        .ok()??
        .get_attribute("data-nis")
}

/// The paths of a map's `group` that name a commune (`data-nis`), with that code.
pub(crate) fn commune_paths(group: &web_sys::Element) -> Vec<(String, web_sys::Element)> {
    let Ok(found) = group.query_selector_all("path[data-nis]") else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|i| found.item(i)?.dyn_into::<web_sys::Element>().ok())
        .filter_map(|path| Some((path.get_attribute("data-nis")?, path)))
        .collect()
}

/// The legend: one entry per class with its bounds, the "no project" class, and the
/// "outside Wallonia" context when the whole country is colours.
#[component]
fn Legend() -> impl IntoView {
    let i18n = use_i18n();
    let explorer = expect_context::<Explorer>();
    let colours = MapColours::new(explorer);
    let entries = move || {
        let language = language_of(i18n.get_locale());
        let metric = explorer.state.with(|s| s.metric);
        let entries = if colours.user.0.with(Option::is_some) {
            let integers = colours.user.0.with(|u| {
                u.as_ref()
                    .is_some_and(|m| m.values.values().all(|v| v.fract() == 0.0))
            });
            colours
                .user_breaks
                .with(|b| legend(b, integers, |v| format_number(v, 2, language)))
        } else {
            explorer.breaks.with(|b| {
                legend(b, metric == Metric::Projects, |v| {
                    format_metric(metric, v, language)
                })
            })
        };
        entries
            .into_iter()
            .map(|entry| view! {
                <li><span class="swatch" style=format!("background:{}", entry.color)></span>{entry.label}</li>
            })
            .collect_view()
    };
    let belgium = move || explorer.state.with(|s| s.extent == Extent::Belgium);
    view! {
        <div class="legend" data-testid="map-legend">
            <strong data-testid="map-legend-title">{move || colours.user_name().unwrap_or_else(|| labels::metric(i18n.get_locale(), explorer.state.with(|s| s.metric)).to_string())}</strong>
            <Show when=move || colours.user.0.with(Option::is_some)>
                " "
                <button type="button" class="button" data-testid="user-layer-remove"
                    on:click=move |_| colours.user.0.set(None)>{move || t_string!(i18n, od_remove)}</button>
            </Show>
            <ul>
                {entries}
                <Show when=move || colours.user.0.with(Option::is_none) && explorer.state.with(|s| s.metric != Metric::Projects)>
                    <li data-testid="legend-amount-unknown"><span class="swatch swatch--amount-unknown"></span>{move || t_string!(i18n, legend_amount_unknown)}</li>
                </Show>
                <li data-testid="legend-no-project"><span class="swatch" style=format!("background:{NO_PROJECT_COLOR}")></span>{move || t_string!(i18n, legend_no_project)}</li>
                <Show when=belgium>
                    <li><span class="swatch" style=format!("background:{CONTEXT_FILL}")></span>{move || t_string!(i18n, legend_no_data)}</li>
                </Show>
            </ul>
        </div>
    }
}
