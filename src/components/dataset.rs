//! The views of the open-data explorer (`/data/`): the import report with each
//! column's kind, the facets, the ranges, the map, the table and the share bar of a
//! [`View`] the import worker computed. Every change is a new address (`DataNav`): a link, or for
//! form controls a navigation through the router.

use crate::components::map::{commune_of, commune_paths};
use crate::components::open_data::name_of_url;
use crate::components::share::{
    DownloadMenu, EmbedButton, EmbedOptions, MapPictureButtons, ShareButton, SpreadsheetOption,
};
use crate::data::{base_path, Bundle};
use crate::download::save_text;
use crate::explorer::router_navigation;
use crate::i18n::*;
use crate::labels;
use crate::lang::language_of;
use explorer_core::explore::{
    color_of, jenks_breaks, legend, map_layout, MapLayout, DEFAULT_CLASSES, NO_PROJECT_COLOR,
};
use explorer_core::export::{municipalities_geojson, BOUNDARIES_CREDIT};
use explorer_core::format::format_number;
use explorer_core::import::profile::ColumnKind;
use explorer_core::import::report::ImportReport;
use explorer_core::municipality::Reference;
use explorer_core::open_data::session::{BuiltDataset, DatasetProfile};
use explorer_core::open_data::{DataQuery, Field, FieldRole, MetricKind, RowsFormat, View};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Width of the map's coordinate system.
const MAP_WIDTH: f64 = 900.0;

/// The layout of the municipalities' map of the site's boundaries; `None` when they
/// could not be loaded.
pub fn dataset_map_layout(bundle: &Bundle) -> Option<Arc<MapLayout>> {
    let topology = bundle.wallonia.as_ref().ok()?;
    map_layout(topology, "municipalities", MAP_WIDTH)
        .ok()
        .map(Arc::new)
}

/// Facet options shown before "show more".
const OPTIONS_SHOWN: usize = 10;

/// How the page moves to another state: the address of a state, and going there.
#[derive(Clone, Copy)]
pub struct DataNav {
    /// The current state, from the address.
    pub query: Memo<DataQuery>,
    /// The address of the state a change makes of the current one (tracked).
    pub link: Callback<DataQuery, String>,
    /// Goes to an address through the router.
    pub go: Callback<String>,
    /// Told of each state [`DataNav::update`] goes to, before the router writes its
    /// address (`Dataset::view_ahead`: the worker computes its view meanwhile, while
    /// the browser takes its time over the history entry, about 3.6 ms a change in
    /// Chromium here).
    ahead: StoredValue<Option<Callback<DataQuery>>>,
}

impl DataNav {
    /// The state of the current address, and links and moves to others on the same
    /// page, in the chosen language.
    pub fn of_address() -> DataNav {
        let i18n = use_i18n();
        let location = use_location();
        let query = Memo::new(move |_| DataQuery::parse(&location.search.get()));
        let path = location.pathname.get_untracked();
        let link =
            Callback::new(move |next: DataQuery| next.href(&path, language_of(i18n.get_locale())));
        DataNav {
            query,
            link,
            go: router_navigation(),
            ahead: StoredValue::new(None),
        }
    }

    /// Tells `ahead` of each state [`DataNav::update`] goes to, before going there.
    pub fn tell_ahead(self, ahead: Callback<DataQuery>) {
        self.ahead.set_value(Some(ahead));
    }

    /// The address of the current state once `change` is applied (tracked).
    pub fn href(self, change: impl FnOnce(&mut DataQuery)) -> String {
        let next = self.query.with(|q| q.changed(change));
        self.link.run(next)
    }

    /// Goes to the current state once `change` is applied.
    pub fn update(self, change: impl FnOnce(&mut DataQuery)) {
        let href = untrack(|| self.href(change));
        if let Some(ahead) = self.ahead.get_value() {
            // The state as the address will give it back.
            ahead.run(DataQuery::parse(
                href.split_once('?').map_or("", |(_, q)| q),
            ));
        }
        self.go.run(href);
    }
}

/// The import report: rows read, kept and rejected, the first problems, and a line
/// per column with its kind (which the user may change), distinct and missing values,
/// and the communes no municipality answers to.
#[component]
pub fn DatasetReport(
    profile: DatasetProfile,
    built: Signal<Option<BuiltDataset>>,
    nav: DataNav,
) -> impl IntoView {
    let i18n = use_i18n();
    let report = move || {
        built.with(|b| {
            b.as_ref().map(|b| {
                let r: &ImportReport = &b.report;
                let problems: Vec<String> = r
                    .errors
                    .iter()
                    .chain(&r.warnings)
                    .take(20)
                    .map(|issue| crate::components::open_data::describe_issue(i18n.get_locale(), issue))
                    .collect();
                let (read, kept, rejected) = (r.rows_read(), r.rows_kept(), r.rows_rejected());
                let more = r.errors.len() + r.warnings.len() + r.errors_omitted;
                view! {
                    <p data-testid="data-report" data-read=read data-kept=kept data-rejected=rejected>
                        {move || t_string!(i18n, data_rows, read = read, kept = kept, rejected = rejected)}
                    </p>
                    <ul class="data-problems" data-testid="data-problems">
                        {problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                    </ul>
                    <p hidden={ more <= 20 }>{move || t_string!(i18n, data_more_problems, count = more.saturating_sub(20))}</p>
                }
            })
        })
    };
    let kinds_of = move |key: &str| {
        built.with(|b| {
            b.as_ref().and_then(|b| {
                b.fields
                    .iter()
                    .find(|f| f.key == key)
                    .and_then(|f| match f.role {
                        FieldRole::Column(kind) => Some(kind),
                        FieldRole::Province => None,
                    })
            })
        })
    };
    let rows = profile
        .columns
        .iter()
        .map(|column| {
            let key = column.key.clone();
            let header = column.header.clone();
            let guessed = column.kind;
            let unresolved_rows = column.unresolved_rows;
            let chosen = {
                let key = key.clone();
                move || kinds_of(&key).unwrap_or(guessed)
            };
            let on_change = {
                let key = key.clone();
                move |ev: leptos::ev::Event| {
                    if let Some(kind) = ColumnKind::from_name(&event_target_value(&ev)) {
                        let key = key.clone();
                        nav.update(move |q| q.set_kind(&key, kind));
                    }
                }
            };
            let unresolved: Vec<String> = column
                .unresolved
                .iter()
                .map(|u| {
                    let lines = u.lines.iter().map(u64::to_string).collect::<Vec<_>>().join(", ");
                    format!("“{}” ({}; {} {lines})", u.value, u.rows, t_string!(i18n, od_line))
                })
                .collect();
            view! {
                <tr>
                    <th scope="row">{column.header.clone()}</th>
                    <td>
                        <select data-testid=format!("column-kind-{key}") on:change=on_change
                            aria-label=move || t_string!(i18n, data_kind_of, column = header.clone())
                            prop:value=move || chosen().as_str()>
                            {ColumnKind::ALL.iter().map(|&kind| view! {
                                <option value=kind.as_str()>{move || labels::column_kind(i18n.get_locale(), kind)}</option>
                            }).collect_view()}
                        </select>
                    </td>
                    <td class="num">{column.distinct}</td>
                    <td class="num">{column.missing}</td>
                    <td>
                        {(!unresolved.is_empty()).then(|| view! {
                            <span data-testid=format!("unresolved-{key}")>
                                {move || t_string!(i18n, data_unresolved, rows = unresolved_rows)}
                                " " {unresolved.join(" · ")}
                            </span>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="data-report" aria-labelledby="data-report-heading">
            <h2 id="data-report-heading">{move || t_string!(i18n, data_report_heading)}</h2>
            <p>{profile.file.clone()} " · " {profile.encoding.clone()}</p>
            {report}
            <div class="table-scroll">
                <table class="data-columns" data-testid="data-columns">
                    <thead><tr>
                        <th scope="col">{move || t_string!(i18n, data_column)}</th>
                        <th scope="col">{move || t_string!(i18n, data_kind)}</th>
                        <th scope="col">{move || t_string!(i18n, data_distinct)}</th>
                        <th scope="col">{move || t_string!(i18n, data_missing)}</th>
                        <th scope="col">{move || t_string!(i18n, data_communes_unresolved)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// A facet of the view: its options by count, the first ten and "show more".
#[component]
pub fn DatasetFacet(field: Field, view: Signal<Option<View>>, nav: DataNav) -> impl IntoView {
    let i18n = use_i18n();
    let key = field.key.clone();
    let expanded = RwSignal::new(false);
    let options = {
        let key = key.clone();
        Memo::new(move |_| {
            view.with(|v| {
                v.as_ref()
                    .and_then(|v| v.facets.iter().find(|f| f.key == key))
                    .map(|f| f.options.clone())
                    .unwrap_or_default()
            })
        })
    };
    let total = move || options.with(Vec::len);
    let listed = move || {
        let all = options.get();
        if expanded.get() {
            all
        } else {
            all.into_iter().take(OPTIONS_SHOWN).collect()
        }
    };
    let hook = key.clone();
    view! {
        <fieldset class="facet" data-testid=format!("facet-{key}")>
            <legend>{field.header.clone()}</legend>
            <ul class="facet__options">
                // Keyed by value: an option keeps its element, and its focus, while its
                // count and check follow the view.
                <For each=listed key=|o| o.value.clone() children=move |option| {
                    let value = option.value.clone();
                    let shown = Memo::new(move |_| {
                        options.with(|o| {
                            o.iter()
                                .find(|o| o.value == value)
                                .map_or((0, false), |o| (o.count, o.selected))
                        })
                    });
                    let count = move || shown.get().0;
                    let facet = hook.clone();
                    let value = option.value.clone();
                    let toggle = move |_| {
                        let (facet, value) = (facet.clone(), value.clone());
                        nav.update(move |q| q.toggle(&facet, &value));
                    };
                    view! {
                        <li class="facet__option" class:facet__option--empty=move || count() == 0>
                            <label data-testid=format!("facet-option-{}-{}", hook, option.value) data-count=count>
                                <input type="checkbox" prop:checked=move || shown.get().1 on:change=toggle />
                                <span class="facet__label">{option.label.clone()}</span>
                                <span class="facet__count">{count}</span>
                            </label>
                        </li>
                    }
                } />
            </ul>
            <button type="button" class="link-button" data-testid=format!("facet-more-{key}")
                hidden=move || { total() <= OPTIONS_SHOWN }
                aria-expanded=move || expanded.get().to_string()
                on:click=move |_| expanded.update(|e| *e = !*e)>
                {move || if expanded.get() {
                    t_string!(i18n, data_show_less).to_string()
                } else {
                    t_string!(i18n, data_show_more, count = total())
                }}
            </button>
        </fieldset>
    }
}

/// A range filter: min and max inputs and the column's histogram.
#[component]
pub fn DatasetRange(field: Field, nav: DataNav) -> impl IntoView {
    let i18n = use_i18n();
    let key = field.key.clone();
    let bound = {
        let key = key.clone();
        move |max: bool| {
            let (lo, hi) = nav.query.with(|q| q.bounds(&key));
            if max { hi } else { lo }
                .map(|v| v.to_string())
                .unwrap_or_default()
        }
    };
    let set = {
        let key = key.clone();
        move |max: bool, text: String| {
            let value = text.trim().replace(',', ".").parse::<f64>().ok();
            let key = key.clone();
            nav.update(move |q| q.set_bound(&key, max, value));
        }
    };
    let peak = field.histogram.iter().copied().max().unwrap_or(0).max(1);
    let bars = field
        .histogram
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            let height = 24.0 * n as f64 / peak as f64;
            view! { <rect x=i * 5 y=24.0 - height width="4" height=height /> }
        })
        .collect_view();
    let (lo, hi) = field.bounds.unwrap_or((0.0, 0.0));
    let (set_min, set_max) = (set.clone(), set);
    let (bound_min, bound_max) = (bound.clone(), bound);
    view! {
        <fieldset class="facet data-range" data-testid=format!("range-{key}")>
            <legend>{field.header.clone()}</legend>
            <svg class="data-range__histogram" viewBox=format!("0 0 {} 24", field.histogram.len() * 5) aria-hidden="true">{bars}</svg>
            <div class="data-range__inputs">
                <label class="field field--inline">
                    <span>{move || t_string!(i18n, data_min)}</span>
                    <input type="number" inputmode="decimal" step="any" data-testid=format!("range-{key}-min")
                        placeholder=lo.to_string() prop:value=move || bound_min(false)
                        on:change=move |ev| set_min(false, event_target_value(&ev)) />
                </label>
                <label class="field field--inline">
                    <span>{move || t_string!(i18n, data_max)}</span>
                    <input type="number" inputmode="decimal" step="any" data-testid=format!("range-{key}-max")
                        placeholder=hi.to_string() prop:value=move || bound_max(true)
                        on:change=move |ev| set_max(true, event_target_value(&ev)) />
                </label>
            </div>
        </fieldset>
    }
}

/// The choropleth of the view's values per municipality; a click filters the commune.
///
/// The paths are built once, in a task of their own after the rest of the dataset's
/// page (together, the two made one task of about 50 ms in Chromium, a frozen page);
/// afterwards one effect sets each commune's fill and tooltip where they changed, as
/// the projects' map does: a reactive attribute per path would subscribe hundreds of
/// effects to every view (the cost of a filter change at a million rows was mostly
/// that bookkeeping).
#[component]
pub fn DatasetMap(
    layout: Arc<MapLayout>,
    reference: Arc<Reference>,
    commune_key: String,
    view: Signal<Option<View>>,
    nav: DataNav,
) -> impl IntoView {
    let i18n = use_i18n();
    let values = Memo::new(move |_| {
        view.with(|v| {
            v.as_ref()
                .map(|v| v.map.iter().cloned().collect::<HashMap<String, f64>>())
                .unwrap_or_default()
        })
    });
    let breaks = Memo::new(move |_| {
        let all: Vec<f64> = values.with(|v| v.values().copied().collect());
        jenks_breaks(&all, DEFAULT_CLASSES)
    });
    let integers = move || {
        nav.query
            .with(|q| q.view.metric.kind == MetricKind::Count && !q.view.metric.per_1000)
    };
    let group = NodeRef::<leptos::svg::G>::new();
    let communes = StoredValue::new_local(Vec::<ShownCommune>::new());
    let drawn = RwSignal::new(false);
    set_timeout(
        move || {
            drawn.try_set(true);
        },
        std::time::Duration::ZERO,
    );
    Effect::new(move |_| {
        let Some(group) = group.get() else { return };
        if !drawn.get() {
            return;
        }
        if communes.with_value(Vec::is_empty) {
            communes.set_value(ShownCommune::all_in(&group));
        }
        let language = language_of(i18n.get_locale());
        let digits = if integers() { 0 } else { 2 };
        values.with(|values| {
            breaks.with(|breaks| {
                communes.update_value(|communes| {
                    for commune in communes.iter_mut() {
                        let value = values.get(&commune.nis).copied();
                        let text = format!(
                            "{} — {}",
                            labels::commune(&reference, &commune.nis, language),
                            value.map_or_else(
                                || "–".to_string(),
                                |v| format_number(v, digits, language)
                            )
                        );
                        commune.show(color_of(value, breaks), text);
                    }
                });
            });
        });
    });
    let shapes = layout.clone();
    let paths = move || {
        drawn.get().then(|| {
            shapes
                .shapes
                .iter()
                .map(|shape| {
                    view! {
                        <path d=shape.d.clone() data-testid=format!("map-commune-{}", shape.nis)
                            data-nis=shape.nis.clone() fill=NO_PROJECT_COLOR>
                            <title></title>
                        </path>
                    }
                })
                .collect_view()
        })
    };
    // One listener for every commune: the clicked path names its commune.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some(nis) = commune_of(&ev) {
            let key = commune_key.clone();
            nav.update(move |q| q.select_only(&key, &nis));
        }
    };
    let entries = move || {
        let language = language_of(i18n.get_locale());
        let digits = if integers() { 0 } else { 2 };
        breaks.with(|b| legend(b, integers(), |v| format_number(v, digits, language)))
    };
    view! {
        <figure class="data-map">
            <svg data-testid="map" viewBox=format!("0 0 {} {}", layout.width, layout.height) role="img"
                aria-label=move || t_string!(i18n, data_map_label)>
                <g stroke="#fff" stroke-width="0.5" node_ref=group on:click=on_click>{paths}</g>
            </svg>
            <figcaption class="legend">
                <ul data-testid="legend">
                    <li><span class="swatch" style=format!("background:{NO_PROJECT_COLOR}")></span>{move || t_string!(i18n, data_no_rows)}</li>
                    {move || entries().into_iter().map(|e| view! {
                        <li><span class="swatch" style=format!("background:{}", e.color)></span>{e.label}</li>
                    }).collect_view()}
                </ul>
            </figcaption>
        </figure>
    }
}

/// A commune's path on the data map, its `<title>`, and the fill and text they show.
struct ShownCommune {
    nis: String,
    path: web_sys::Element,
    title: web_sys::Element,
    fill: &'static str,
    text: String,
}

impl ShownCommune {
    /// The paths of `group` that name a commune, showing nothing yet.
    fn all_in(group: &web_sys::Element) -> Vec<ShownCommune> {
        commune_paths(group)
            .into_iter()
            .filter_map(|(nis, path)| {
                Some(ShownCommune {
                    nis,
                    title: path.first_element_child()?,
                    path,
                    fill: "",
                    text: String::new(),
                })
            })
            .collect()
    }

    /// Shows `fill` and `text`, touching the page only where they changed.
    fn show(&mut self, fill: &'static str, text: String) {
        if self.fill != fill {
            let _ = self.path.set_attribute("fill", fill);
            self.fill = fill;
        }
        if self.text != text {
            self.title.set_text_content(Some(&text));
            self.text = text;
        }
    }
}

/// The matching rows, every column, sortable by a column's header (a link), paged.
#[component]
pub fn DatasetTable(
    headers: Vec<(String, String)>,
    view: Signal<Option<View>>,
    nav: DataNav,
) -> impl IntoView {
    let i18n = use_i18n();
    let heads = headers
        .into_iter()
        .map(|(key, header)| {
            let sort_key = key.clone();
            let sort_by = move |q: &mut DataQuery| q.sort_by(&sort_key);
            let sorted = move || {
                nav.query.with(|q| match &q.view.sort {
                    Some((k, true)) if *k == key => "descending",
                    Some((k, false)) if *k == key => "ascending",
                    _ => "none",
                })
            };
            view! { <th scope="col" aria-sort=sorted><a href=move || nav.href(sort_by.clone())>{header}</a></th> }
        })
        .collect_view();
    let rows = move || {
        view.with(|v| {
            v.as_ref().map(|v| {
                v.rows
                    .iter()
                    .map(|row| {
                        let cells = row
                            .values
                            .iter()
                            .map(|value| view! { <td>{value.clone()}</td> })
                            .collect_view();
                        view! { <tr data-line=row.line>{cells}</tr> }
                    })
                    .collect_view()
            })
        })
    };
    let page = move || view.with(|v| v.as_ref().map_or((0, 1), |v| (v.page, v.pages)));
    view! {
        <div class="table-scroll">
            <table class="results-table" data-testid="results-table">
                <thead><tr>{heads}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <nav class="pager" aria-label=move || t_string!(i18n, data_pages)>
            <a data-testid="page-previous" href=move || nav.href(|q| q.view.page = page().0.saturating_sub(1)) hidden=move || page().0 == 0>
                {move || t_string!(i18n, data_previous)}
            </a>
            <span data-testid="page-status">{move || {
                let (current, pages) = page();
                t_string!(i18n, data_page_of, page = current + 1, pages = pages)
            }}</span>
            <a data-testid="page-next" href=move || nav.href(|q| q.view.page = page().0 + 1) hidden=move || { page().0 + 1 >= page().1 }>
                {move || t_string!(i18n, data_next)}
            </a>
        </nav>
    }
}

/// The map's metric as a GeoJSON export names it: `count`, or `sum:<key>` and the
/// like, with `per1000` when divided by the population.
fn metric_name(query: &DataQuery) -> String {
    let metric = &query.view.metric;
    let mut name = match (&metric.field, metric.kind) {
        (Some(field), kind) if kind != MetricKind::Count => format!("{}:{field}", kind.as_str()),
        _ => MetricKind::Count.as_str().to_string(),
    };
    if metric.per_1000 {
        name.push_str(":per1000");
    }
    name
}

/// Share, embed and download a view of the dataset: the address, an embed of the
/// map or the table (for a dataset opened from an address: a local file cannot be
/// embedded, and the bar says so), the matching rows (`export`: CSV, JSON), the
/// map's values per municipality (GeoJSON) and the map as a picture (SVG, PNG).
#[component]
pub fn DatasetShareBar(
    nav: DataNav,
    view: Signal<Option<View>>,
    export: Callback<RowsFormat>,
    bundle: Bundle,
    has_map: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let has_src = Memo::new(move |_| nav.query.with(|q| q.src.is_some()));
    let src = Callback::new(move |options: EmbedOptions| {
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        let path = format!("{}data/embed/{}/", base_path(), options.view);
        let mut query = nav.query.get();
        query.embed = options.pairs();
        format!(
            "{origin}{}",
            query.href(&path, language_of(i18n.get_locale()))
        )
    });
    let title = Callback::new(move |view: &'static str| {
        let file = nav
            .query
            .with(|q| q.src.as_deref().map(name_of_url).unwrap_or_default());
        let locale = i18n.get_locale();
        if view == "map" {
            td_string!(locale, data_embed_title_map, file = file).to_string()
        } else {
            td_string!(locale, data_embed_title_table, file = file).to_string()
        }
    });
    let embed = move || {
        if has_src.get() {
            view! { <EmbedButton src title /> }.into_any()
        } else {
            view! { <span class="share-bar__note" data-testid="embed-needs-src">{move || t_string!(i18n, data_embed_needs_src)}</span> }
                .into_any()
        }
    };
    let spreadsheet = RwSignal::new(false);
    let export_csv = move |_| {
        export.run(if spreadsheet.get_untracked() {
            RowsFormat::SpreadsheetCsv
        } else {
            RowsFormat::Csv
        })
    };
    let (topology, reference) = (bundle.wallonia.clone(), bundle.reference.clone());
    let export_geojson = move |_| {
        let Ok(topology) = &topology else { return };
        let values: BTreeMap<String, f64> = view
            .with_untracked(|v| v.as_ref().map(|v| v.map.iter().cloned().collect()))
            .unwrap_or_default();
        let (metric, source) = nav
            .query
            .with_untracked(|q| (metric_name(q), q.src.clone().unwrap_or_default()));
        let credit = format!("{source} · {BOUNDARIES_CREDIT}");
        let language = language_of(i18n.get_locale_untracked());
        if let Ok(text) =
            municipalities_geojson(topology, &reference, &values, &metric, &credit, language)
        {
            save_text("dataset-map.geojson", "application/geo+json", &text);
        }
    };
    view! {
        <div class="share-bar">
            <ShareButton />
            {embed}
            <DownloadMenu>
                <button type="button" class="menu__item" data-testid="export-csv" on:click=export_csv>"CSV"</button>
                <SpreadsheetOption spreadsheet />
                <button type="button" class="menu__item" data-testid="export-json" on:click=move |_| export.run(RowsFormat::Json)>"JSON"</button>
                <button type="button" class="menu__item" data-testid="export-geojson" disabled=!has_map on:click=export_geojson>"GeoJSON"</button>
                <MapPictureButtons file="dataset-map" disabled=!has_map />
            </DownloadMenu>
        </div>
    }
}
