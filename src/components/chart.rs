//! A chart of prepared figures ([`explorer_core::charts::Chart`]): its title and
//! caption (unit, survey, year, scope), the chart itself, a data table shown on
//! demand, PNG and CSV downloads, and its sources.
//!
//! Bar charts are drawn with plotters on a `<canvas>`: the geometry comes from
//! [`explorer_core::charts::bar_scene`] in CSS pixels, scaled here by the
//! device pixel ratio so the bars and text stay crisp; the canvas is redrawn
//! when its container's width changes (debounced) and when the colour scheme
//! changes. Colours of text and grid are read from the page's CSS custom
//! properties (`--fg`, `--muted`, `--border`, `--bg`), so the chart follows
//! the light and dark themes of `style/main.css`. Rankings and lists of
//! figures are plain HTML lists.
//!
//! Test hooks: `chart-<id>` (the figure), `chart-canvas-<id>`,
//! `chart-table-toggle-<id>`, `chart-table-<id>` (the table),
//! `chart-download-png-<id>`, `chart-download-csv-<id>`,
//! `chart-series-<id>-<n>` (the n-th series checkbox).

use crate::download::{save_blob, save_text};
use crate::i18n::*;
use crate::lang::locale_of;
use explorer_core::charts::{
    bar_scene, chart_csv, csv_file_name, format_number, key_figure, labels_in_another_language,
    parse_hex_color, png_file_name, table_rows, Anchor, Chart, ChartKind, ChartNote, KeyFigure,
    LayoutOptions, Mark, Paint, Scene,
};
use explorer_core::datasets::indicators::Unit;
use explorer_core::language::Language;
use leptos::prelude::*;
use leptos_use::{use_debounce_fn, use_preferred_dark, use_resize_observer};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;
use std::sync::Arc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// How long the width must stay still before a redraw.
const RESIZE_DEBOUNCE_MS: f64 = 150.0;
/// The narrowest export, CSS pixels.
const EXPORT_MIN_WIDTH: f64 = 640.0;
/// Used when the page's `font-family` cannot be read.
const FALLBACK_FONT: &str = "system-ui, sans-serif";

/// Colours and font of the page, as the canvas needs them.
#[derive(Clone, Debug)]
struct Theme {
    text: RGBColor,
    muted: RGBColor,
    grid: RGBColor,
    background: RGBColor,
    font: String,
}

impl Theme {
    /// The light theme of `style/main.css`, if its properties cannot be read.
    fn fallback() -> Theme {
        Theme {
            text: RGBColor(0x1c, 0x24, 0x30),
            muted: RGBColor(0x55, 0x60, 0x6e),
            grid: RGBColor(0xd6, 0xdb, 0xe1),
            background: RGBColor(0xff, 0xff, 0xff),
            font: FALLBACK_FONT.to_string(),
        }
    }

    /// The theme in effect for `element` (its computed custom properties).
    fn of(element: &web_sys::Element) -> Theme {
        let fallback = Theme::fallback();
        let Some(style) =
            web_sys::window().and_then(|w| w.get_computed_style(element).ok().flatten())
        else {
            return fallback;
        };
        let color = |name: &str, default: RGBColor| {
            style
                .get_property_value(name)
                .ok()
                .and_then(|v| parse_hex_color(&v))
                .map_or(default, |(r, g, b)| RGBColor(r, g, b))
        };
        let font = style
            .get_property_value("font-family")
            .ok()
            .filter(|f| !f.trim().is_empty())
            .unwrap_or_else(|| FALLBACK_FONT.to_string());
        Theme {
            text: color("--fg", fallback.text),
            muted: color("--muted", fallback.muted),
            grid: color("--border", fallback.grid),
            background: color("--bg", fallback.background),
            font,
        }
    }

    fn paint(&self, paint: Paint, chart: &Chart) -> RGBColor {
        match paint {
            Paint::Series(i) => chart
                .series
                .get(i)
                .and_then(|s| parse_hex_color(s.color))
                .map_or(self.text, |(r, g, b)| RGBColor(r, g, b)),
            Paint::Text => self.text,
            Paint::Muted => self.muted,
            Paint::Grid => self.grid,
        }
    }

    fn css_font(&self, size: f64, bold: bool) -> String {
        format!(
            "{} {size}px {}",
            if bold { "bold" } else { "normal" },
            self.font
        )
    }
}

fn context_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok()??.dyn_into().ok()
}

/// Lays out `chart` with text measured by `canvas`'s own text metrics.
fn scene_for(
    canvas: &HtmlCanvasElement,
    chart: &Chart,
    theme: &Theme,
    options: &LayoutOptions,
) -> Scene {
    let context = context_2d(canvas);
    let measure = |text: &str, size: f64, bold: bool| -> f64 {
        match &context {
            Some(ctx) => {
                ctx.set_font(&theme.css_font(size, bold));
                ctx.measure_text(text).map(|m| m.width()).unwrap_or(0.0)
            }
            None => text.chars().count() as f64 * size * 0.55,
        }
    };
    bar_scene(chart, options, &measure)
}

/// A drawing error as text.
fn message(error: impl std::fmt::Display) -> String {
    error.to_string()
}

/// Draws `scene` on `canvas` with plotters, `scale` device pixels per CSS pixel.
fn draw_scene(
    canvas: &HtmlCanvasElement,
    chart: &Chart,
    scene: &Scene,
    theme: &Theme,
    scale: f64,
) -> Result<(), String> {
    canvas.set_width((scene.width * scale).round().max(1.0) as u32);
    canvas.set_height((scene.height * scale).round().max(1.0) as u32);
    let backend =
        CanvasBackend::with_canvas_object(canvas.clone()).ok_or("no 2d canvas context")?;
    let root: DrawingArea<CanvasBackend, Shift> = backend.into_drawing_area();
    root.fill(&theme.background).map_err(message)?;
    let px = |v: f64| (v * scale).round() as i32;
    let hairline = (scale.round() as i32).max(1);
    for mark in &scene.marks {
        match mark {
            Mark::Rect {
                x,
                y,
                w,
                h,
                paint,
                outline,
            } => {
                let corners = [(px(*x), px(*y)), (px(x + w).max(px(*x) + 1), px(y + h))];
                let fill = theme.paint(*paint, chart);
                root.draw(&Rectangle::new(corners, fill.filled()))
                    .map_err(message)?;
                if *outline {
                    root.draw(&Rectangle::new(
                        corners,
                        ShapeStyle::from(&theme.muted).stroke_width(hairline as u32),
                    ))
                    .map_err(message)?;
                }
            }
            Mark::Line {
                x1,
                y1,
                x2,
                y2,
                paint,
            } => {
                // A thin filled rectangle: crisp where a stroked path would blur.
                let color = theme.paint(*paint, chart);
                let (left, top) = (px(x1.min(*x2)), px(y1.min(*y2)));
                let right = px(x1.max(*x2)).max(left + hairline);
                let bottom = px(y1.max(*y2)).max(top + hairline);
                root.draw(&Rectangle::new(
                    [(left, top), (right, bottom)],
                    color.filled(),
                ))
                .map_err(message)?;
            }
            Mark::Text {
                x,
                y,
                text,
                size,
                bold,
                paint,
                anchor,
            } => {
                let style = if *bold {
                    FontStyle::Bold
                } else {
                    FontStyle::Normal
                };
                let h = match anchor {
                    Anchor::Left => HPos::Left,
                    Anchor::Center => HPos::Center,
                };
                let font = (theme.font.as_str(), size * scale, style)
                    .into_font()
                    .color(&theme.paint(*paint, chart))
                    .pos(Pos::new(h, VPos::Center));
                root.draw(&Text::new(text.as_str(), (px(*x), px(*y)), font))
                    .map_err(message)?;
            }
        }
    }
    root.present().map_err(message)
}

/// The word for a unit.
fn unit_word(locale: Locale, unit: Option<Unit>) -> &'static str {
    match unit {
        Some(Unit::Percent) => td_string!(locale, chart_unit_percent),
        Some(Unit::Count) => td_string!(locale, chart_unit_count),
        Some(Unit::Rank) => td_string!(locale, chart_unit_rank),
        Some(Unit::Score0To10) => td_string!(locale, chart_unit_score),
        None => td_string!(locale, chart_units_mixed),
    }
}

/// The caption lines of a chart: unit, survey(s) with year and scope, population.
fn meta_lines(chart: &Chart, locale: Locale) -> Vec<String> {
    let mut lines = vec![td_string!(
        locale,
        chart_meta_unit,
        unit = unit_word(locale, chart.unit)
    )
    .to_string()];
    let surveys: Vec<String> = chart
        .surveys
        .iter()
        .map(|s| format!("{} ({}, {})", s.name, s.year, s.scope))
        .collect();
    // French puts a (narrow) space before a semicolon.
    let separator = if chart.language == Language::Fr {
        "\u{202F}; "
    } else {
        "; "
    };
    let surveys = surveys.join(separator);
    match chart.surveys.len() {
        0 => {}
        1 => lines.push(td_string!(locale, chart_meta_survey, survey = surveys).to_string()),
        _ => lines.push(td_string!(locale, chart_meta_surveys, surveys = surveys).to_string()),
    }
    if let Some(population) = &chart.population {
        lines.push(td_string!(locale, chart_meta_population, population = population).to_string());
    }
    lines
}

/// The text alternative of a chart: its title, its kind and its key figure.
fn summary(chart: &Chart, locale: Locale) -> String {
    match key_figure(chart) {
        Some(KeyFigure {
            label,
            series,
            value,
        }) => {
            let label = match series {
                Some(series) => format!("{label} ({series})"),
                None => label,
            };
            td_string!(
                locale,
                chart_summary_bars,
                title = chart.title.as_str(),
                count = chart.value_count(),
                label = label,
                value = value
            )
            .to_string()
        }
        None => chart.title.clone(),
    }
}

/// Renders the PNG of a chart (title, caption, legend, sources) and downloads it.
fn export_png(
    chart: &Chart,
    visible: &[bool],
    width: f64,
    locale: Locale,
    theme_of: &web_sys::Element,
) -> Result<(), String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(|_| "no canvas")?
        .dyn_into()
        .map_err(|_| "not a canvas")?;
    let theme = Theme::of(theme_of);
    let sources: Vec<&str> = chart.sources.iter().map(|s| s.label.as_str()).collect();
    let options = LayoutOptions {
        width: width.max(EXPORT_MIN_WIDTH),
        visible: visible.to_vec(),
        legend: true,
        title: Some(chart.title.clone()),
        notes_above: meta_lines(chart, locale),
        notes_below: vec![
            td_string!(locale, chart_meta_sources, sources = sources.join(" · ")).to_string(),
        ],
    };
    let scene = scene_for(&canvas, chart, &theme, &options);
    let scale = device_pixel_ratio().max(2.0);
    draw_scene(&canvas, chart, &scene, &theme, scale)?;
    let file_name = png_file_name(chart);
    let on_blob = Closure::once_into_js(move |blob: wasm_bindgen::JsValue| {
        if let Ok(blob) = blob.dyn_into::<web_sys::Blob>() {
            save_blob(&file_name, &blob);
        }
    });
    canvas
        .to_blob(on_blob.unchecked_ref())
        .map_err(|_| "canvas not exportable")?;
    Ok(())
}

fn device_pixel_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| r.is_finite() && *r > 0.0)
        .unwrap_or(1.0)
}

/// The canvas of a bar chart, redrawn when its width, the visible series or
/// the colour scheme change.
#[component]
fn BarCanvas(
    /// The chart.
    chart: Arc<Chart>,
    /// Which series to draw.
    visible: RwSignal<Vec<bool>>,
    /// Width of the container in CSS pixels, kept up to date here (the PNG export reads it).
    width: RwSignal<f64>,
) -> impl IntoView {
    let locale = locale_of(chart.language);
    let wrap = NodeRef::<leptos::html::Div>::new();
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let dark = use_preferred_dark();
    // Follow the container's width, debounced (the observer goes with the component).
    let measure = move || {
        if let Some(element) = wrap.get_untracked() {
            let w = f64::from(element.client_width());
            if width.get_untracked() != w {
                let _ = width.try_set(w);
            }
        }
    };
    let measure_later = use_debounce_fn(measure, RESIZE_DEBOUNCE_MS);
    use_resize_observer(wrap, move |_, _| {
        measure_later();
    });
    Effect::new(move |_| {
        if let Some(element) = wrap.get() {
            width.set(f64::from(element.client_width()));
        }
    });

    let drawn = chart.clone();
    Effect::new(move |_| {
        let w = width.get();
        let visible = visible.get();
        dark.track();
        let (Some(canvas), Some(element)) = (canvas.get(), wrap.get()) else {
            return;
        };
        if w <= 0.0 {
            return;
        }
        let theme = Theme::of(&element);
        let options = LayoutOptions {
            width: w,
            visible,
            ..Default::default()
        };
        let scene = scene_for(&canvas, &drawn, &theme, &options);
        let style = web_sys::HtmlElement::style(&canvas);
        let _ = style.set_property("width", &format!("{}px", scene.width));
        let _ = style.set_property("height", &format!("{}px", scene.height));
        if let Err(e) = draw_scene(&canvas, &drawn, &scene, &theme, device_pixel_ratio()) {
            leptos::logging::warn!("chart {}: {e}", drawn.id);
        }
    });

    let label = summary(&chart, locale);
    view! {
        <div class="chart__canvas" node_ref=wrap>
            <canvas node_ref=canvas role="img" aria-label=label data-testid=format!("chart-canvas-{}", chart.id)>
                {td_string!(locale, chart_canvas_fallback)}
            </canvas>
        </div>
    }
}

/// One chart with its caption, table, downloads and sources. The texts are in
/// the language the chart was prepared for.
#[component]
pub fn ChartFigure(
    /// The prepared chart.
    chart: Chart,
) -> impl IntoView {
    let chart = Arc::new(chart);
    let locale = locale_of(chart.language);
    let id = chart.id.clone();
    let kind = match chart.kind {
        ChartKind::Bars => "bars",
        ChartKind::Ranking => "ranking",
        ChartKind::Figures => "figures",
    };
    let title_id = format!("chart-title-{id}");
    let labelled_by = title_id.clone();
    let table_id = format!("chart-table-wrap-{id}");
    let controls = table_id.clone();
    let label_lang = if labels_in_another_language(chart.language) {
        "en"
    } else {
        chart.language.code()
    };
    let show_table = RwSignal::new(false);
    let visible = RwSignal::new(vec![true; chart.series.len()]);
    let width = RwSignal::new(0.0f64);
    let figure = NodeRef::<leptos::html::Figure>::new();

    let toggles = (chart.kind == ChartKind::Bars && chart.series.len() > 1).then(|| {
        let items = chart
            .series
            .iter()
            .enumerate()
            .map(|(i, series)| {
                // The last visible series cannot be hidden: the chart would be empty.
                let only_one = move || visible.with(|v| v.get(i) == Some(&true) && v.iter().filter(|x| **x).count() == 1);
                view! {
                    <label class="chart__series-item">
                        <input
                            type="checkbox"
                            data-testid=format!("chart-series-{id}-{i}")
                            prop:checked=move || visible.with(|v| v.get(i).copied().unwrap_or(true))
                            disabled=only_one
                            on:change=move |ev| {
                                let checked = event_target_checked(&ev);
                                visible.update(|v| if let Some(slot) = v.get_mut(i) { *slot = checked });
                            }
                        />
                        <span class="chart__swatch" style=format!("background-color:{}", series.color) aria-hidden="true"></span>
                        <span lang=label_lang>{series.label.clone()}</span>
                    </label>
                }
            })
            .collect_view();
        view! {
            <fieldset class="chart__series">
                <legend>{td_string!(locale, chart_series_shown)}</legend>
                {items}
            </fieldset>
        }
    });

    let body = match chart.kind {
        ChartKind::Bars => view! { <BarCanvas chart=chart.clone() visible width /> }.into_any(),
        ChartKind::Ranking => {
            let items = chart
                .categories
                .iter()
                .map(|c| {
                    let rank = c
                        .values
                        .first()
                        .copied()
                        .flatten()
                        .map(|v| format_number(v, c.unit, chart.language))
                        .unwrap_or_default();
                    view! {
                        <li>
                            <span class="chart__rank">{rank}</span>
                            " "
                            <span lang=label_lang>{c.label.clone()}</span>
                        </li>
                    }
                })
                .collect_view();
            view! { <ol class="chart__ranking">{items}</ol> }.into_any()
        }
        ChartKind::Figures => {
            let items = chart
                .categories
                .iter()
                .map(|c| {
                    let value = c.values.first().copied().flatten().map(|v| format_number(v, c.unit, chart.language)).unwrap_or_default();
                    view! {
                        <li>
                            <span class="chart__figure-value">{value}</span>
                            " "
                            <span class="chart__figure-label" lang=label_lang>{c.label.clone()}</span>
                            " "
                            <span class="chart__figure-detail">{c.detail.clone().unwrap_or_default()}</span>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="chart__figures">{items}</ul> }.into_any()
        }
    };

    // The data table: every series, also the hidden ones.
    let table = {
        let first = td_string!(locale, chart_col_label);
        let value_headers: Vec<String> = match chart.kind {
            ChartKind::Ranking => vec![td_string!(locale, chart_col_rank).to_string()],
            _ if chart.series.len() > 1 => chart.series.iter().map(|s| s.label.clone()).collect(),
            _ => vec![td_string!(locale, chart_col_value).to_string()],
        };
        let survey_column = chart.kind == ChartKind::Figures;
        let head = value_headers
            .into_iter()
            .map(|h| view! { <th scope="col">{h}</th> })
            .collect_view();
        let no_figure = td_string!(locale, chart_no_figure);
        let rows = table_rows(&chart)
            .into_iter()
            .map(|row| {
                let cells = row
                    .cells
                    .into_iter()
                    .map(|cell| {
                        if cell == "–" {
                            view! {
                                <td>
                                    <span aria-hidden="true">"–"</span>
                                    <span class="visually-hidden">{no_figure}</span>
                                </td>
                            }
                            .into_any()
                        } else {
                            view! { <td>{cell}</td> }.into_any()
                        }
                    })
                    .collect_view();
                let detail = survey_column
                    .then(|| view! { <td>{row.detail.clone().unwrap_or_default()}</td> });
                view! {
                    <tr>
                        <th scope="row" lang=label_lang>{row.label}</th>
                        {cells}
                        {detail}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="chart__table" id=table_id hidden=move || !show_table.get()>
                <table data-testid=format!("chart-table-{id}")>
                    <caption class="visually-hidden">{chart.title.clone()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{first}</th>
                            {head}
                            {survey_column.then(|| view! { <th scope="col">{td_string!(locale, chart_col_survey)}</th> })}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    };

    let csv_chart = chart.clone();
    let on_csv = move |_| {
        save_text(
            &csv_file_name(&csv_chart),
            "text/csv;charset=utf-8",
            &chart_csv(&csv_chart),
        );
    };
    let png_button = (chart.kind == ChartKind::Bars).then(|| {
        let png_chart = chart.clone();
        let on_png = move |_| {
            let Some(element) = figure.get_untracked() else { return };
            let visible = visible.get_untracked();
            if let Err(e) = export_png(&png_chart, &visible, width.get_untracked(), locale, &element) {
                leptos::logging::warn!("chart {}: {e}", png_chart.id);
            }
        };
        view! {
            <button type="button" class="chart__action" data-testid=format!("chart-download-png-{id}") on:click=on_png>
                {td_string!(locale, chart_download_png)}
            </button>
        }
    });

    let has_sources = !chart.sources.is_empty();
    let sources = chart
        .sources
        .iter()
        .enumerate()
        .map(|(i, source)| {
            let separator = (i > 0).then_some(", ");
            let item = match &source.url {
                Some(url) => view! { <a href=url.clone() rel="noopener noreferrer" title=url.clone()>{source.label.clone()}</a> }.into_any(),
                None => view! { <cite>{source.label.clone()}</cite> }.into_any(),
            };
            view! { {separator} {item} }
        })
        .collect_view();
    let note = chart.note.as_ref().map(|note| match note {
        ChartNote::ConflictingReading { hidden } => view! {
            <p class="chart__note" data-testid=format!("chart-note-{id}") data-hidden-indicator=hidden.clone()>
                {td_string!(locale, barometer_conflict_note)}
            </p>
        }
        .into_any(),
        ChartNote::FiguresDisagree => view! {
            <p class="chart__note" data-testid=format!("chart-note-{id}")>
                {td_string!(locale, funnel_disagree_note)}
            </p>
        }
        .into_any(),
    });
    let meta = meta_lines(&chart, locale)
        .into_iter()
        .map(|line| view! { <span class="chart__meta-item">{line}</span> })
        .collect_view();

    view! {
        <figure
            class=format!("chart chart--{kind}")
            data-testid=format!("chart-{id}")
            data-kind=kind
            aria-labelledby=labelled_by
            node_ref=figure
        >
            <figcaption class="chart__caption">
                <h3 class="chart__title" id=title_id>{chart.title.clone()}</h3>
                <p class="chart__meta">{meta}</p>
            </figcaption>
            {toggles}
            {body}
            <div class="chart__actions">
                <button
                    type="button"
                    class="chart__action"
                    data-testid=format!("chart-table-toggle-{id}")
                    aria-expanded=move || show_table.get().to_string()
                    aria-controls=controls
                    on:click=move |_| show_table.update(|s| *s = !*s)
                >
                    {move || if show_table.get() { td_string!(locale, chart_hide_table) } else { td_string!(locale, chart_show_table) }}
                </button>
                {png_button}
                <button type="button" class="chart__action" data-testid=format!("chart-download-csv-{id}") on:click=on_csv>
                    {td_string!(locale, chart_download_csv)}
                </button>
            </div>
            {table}
            {has_sources.then(|| view! { <p class="chart__sources">{td_string!(locale, chart_sources_label)} " " {sources}</p> })}
            {note}
        </figure>
    }
}
