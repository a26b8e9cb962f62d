//! Share, embed and download a view: the pieces (share button, embed dialog, download
//! menu, the map as a picture) and the projects explorer's bar made of them.

use crate::data::{base_path, Bundle};
use crate::download::{save_blob, save_text};
use crate::explorer::Explorer;
use crate::i18n::*;
use crate::lang::language_of;
use explorer_core::explore::{view_href, ExplorerState};
use explorer_core::export::{
    embed_snippet, municipalities_geojson, projects_csv, projects_json, CsvDialect, CREDIT,
};
use explorer_core::language::Language;
use leptos::prelude::*;
use leptos_use::{use_clipboard, UseClipboardReturn};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn current_href() -> String {
    window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

fn origin() -> String {
    window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// Options of an embed, as the dialog edits them.
#[derive(Clone, Debug, PartialEq)]
pub struct EmbedOptions {
    /// `map` or `table`.
    pub view: &'static str,
    /// No title and no credit.
    pub plain: bool,
    /// `auto`, `on` or `off`.
    pub dark: &'static str,
    /// No background.
    pub transparent: bool,
    /// A fixed height in pixels, as typed (none: the embed tells its host).
    pub height: String,
}

impl EmbedOptions {
    /// The render options as query pairs ([`explorer_core::explore::EMBED_OPTIONS`]).
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        if self.plain {
            pairs.push(("plain".to_string(), "1".to_string()));
        }
        if self.dark != "auto" {
            pairs.push(("dark".to_string(), self.dark.to_string()));
        }
        if self.transparent {
            pairs.push(("transparent".to_string(), "1".to_string()));
        }
        if let Ok(h) = self.height.trim().parse::<u32>() {
            pairs.push(("height".to_string(), h.to_string()));
        }
        pairs
    }
}

/// The address of the embed of the explorer's `state` with the options.
fn embed_src(options: &EmbedOptions, state: &ExplorerState, language: Language) -> String {
    let render: Vec<String> = options
        .pairs()
        .into_iter()
        .map(|(key, value)| format!("{key}={value}"))
        .collect();
    let path = format!("{}embed/{}/", base_path(), options.view);
    format!(
        "{}{}",
        origin(),
        view_href(&path, state, &render.join("&"), language)
    )
}

/// "Share": copies the page's address, and says so for a moment (or that the
/// browser cannot copy: no Clipboard API, e.g. an insecure context).
#[component]
pub fn ShareButton() -> impl IntoView {
    let i18n = use_i18n();
    let UseClipboardReturn {
        is_supported,
        copied,
        copy,
        ..
    } = use_clipboard();
    let tried = RwSignal::new(false);
    let on_share = move |_| {
        tried.set(true);
        copy(&current_href());
    };
    let status = move || {
        let locale = i18n.get_locale();
        if copied.get() {
            td_string!(locale, share_copied).to_string()
        } else if tried.get() && !is_supported.get() {
            td_string!(locale, share_copy_failed).to_string()
        } else {
            String::new()
        }
    };
    view! {
        <button type="button" data-testid="share-button" on:click=on_share>{move || t_string!(i18n, share)}</button>
        <span class="share-bar__status" role="status" aria-live="polite" data-testid="share-status">{status}</span>
    }
}

/// "Embed": opens the embed dialog, whose embeds are at `src(options)`, titled
/// `title(view)` (`map` or `table`).
#[component]
pub fn EmbedButton(
    src: Callback<EmbedOptions, String>,
    title: Callback<&'static str, String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let open = RwSignal::new(false);
    let open_embed = move |_| {
        if let Some(dialog) = dialog.get_untracked() {
            open.set(true);
            let _ = dialog.show_modal();
        }
    };
    view! {
        <button type="button" data-testid="embed-button" on:click=open_embed>{move || t_string!(i18n, embed)}</button>
        <EmbedDialog dialog open src title />
    }
}

/// The "Download" menu of a view's files (`children`: its buttons and options). It
/// closes once a file is chosen, and on Escape (back onto its button).
#[component]
pub fn DownloadMenu(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let menu = NodeRef::<leptos::html::Details>::new();
    let close_menu = move || {
        if let Some(menu) = menu.get_untracked() {
            menu.set_open(false);
        }
    };
    let on_menu_click = move |ev: leptos::ev::MouseEvent| {
        let chose = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|t| t.tag_name() == "BUTTON");
        if chose {
            close_menu();
        }
    };
    let on_menu_key = move |ev: leptos::ev::KeyboardEvent| {
        let Some(details) = menu.get_untracked() else {
            return;
        };
        if ev.key() == "Escape" && details.open() {
            close_menu();
            if let Some(summary) = details.first_element_child() {
                if let Ok(summary) = summary.dyn_into::<web_sys::HtmlElement>() {
                    let _ = summary.focus();
                }
            }
        }
    };
    view! {
        <details class="menu" data-testid="download-menu" node_ref=menu on:keydown=on_menu_key>
            <summary class="menu__button" data-testid="download-menu-button">{move || t_string!(i18n, export)}</summary>
            <div class="menu__items" on:click=on_menu_click>{children()}</div>
        </details>
    }
}

/// Share, embed and download buttons for the explorer.
#[component]
pub fn ShareBar(bundle: Bundle) -> impl IntoView {
    let i18n = use_i18n();
    let explorer = expect_context::<Explorer>();
    let spreadsheet = RwSignal::new(false);
    let (projects, reference) = (bundle.projects.clone(), bundle.reference.clone());
    let export_csv = move |_| {
        let language = language_of(i18n.get_locale_untracked());
        let dialect = if spreadsheet.get_untracked() {
            CsvDialect::Spreadsheet
        } else {
            CsvDialect::Standard
        };
        let text = explorer
            .filtered
            .with_untracked(|f| projects_csv(&projects.projects, f, &reference, language, dialect));
        save_text("smart-region-projects.csv", "text/csv;charset=utf-8", &text);
    };
    let projects = bundle.projects.clone();
    let export_json = move |_| {
        let query = explorer.state.with_untracked(|s| s.to_query());
        let text = explorer
            .filtered
            .with_untracked(|f| projects_json(&projects.projects, f, &query));
        save_text("smart-region-projects.json", "application/json", &text);
    };
    let (topology, reference) = (bundle.wallonia.clone(), bundle.reference.clone());
    let no_map = topology.is_err();
    let export_geojson = move |_| {
        let language = language_of(i18n.get_locale_untracked());
        let metric = explorer.state.with_untracked(|s| s.metric);
        let Ok(topology) = &topology else {
            return;
        };
        let text = explorer.values.with_untracked(|v| {
            municipalities_geojson(topology, &reference, v, metric.as_str(), CREDIT, language)
        });
        if let Ok(text) = text {
            save_text(
                "smart-region-municipalities.geojson",
                "application/geo+json",
                &text,
            );
        }
    };
    let src = Callback::new(move |options: EmbedOptions| {
        let language = language_of(i18n.get_locale());
        explorer
            .state
            .with(|state| embed_src(&options, state, language))
    });
    let title = Callback::new(move |view: &'static str| {
        let locale = i18n.get_locale();
        if view == "map" {
            td_string!(locale, embed_title_map)
        } else {
            td_string!(locale, embed_title_table)
        }
        .to_string()
    });
    view! {
        <div class="share-bar">
            <ShareButton />
            <EmbedButton src title />
            // The filtered rows (CSV, JSON), the map's values (GeoJSON) and the map as
            // a picture (SVG, PNG).
            <DownloadMenu>
                <button type="button" class="menu__item" data-testid="export-csv" on:click=export_csv>"CSV"</button>
                <SpreadsheetOption spreadsheet />
                <button type="button" class="menu__item" data-testid="export-json" on:click=export_json>"JSON"</button>
                <button type="button" class="menu__item" data-testid="export-geojson" disabled=no_map on:click=export_geojson>"GeoJSON"</button>
                <MapPictureButtons file="smart-region-map" disabled=no_map />
            </DownloadMenu>
        </div>
    }
}

/// The download menu's option of a CSV for spreadsheets (semicolons, BOM).
#[component]
pub fn SpreadsheetOption(spreadsheet: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="menu__option">
            <input type="checkbox" data-testid="export-csv-spreadsheet" prop:checked=move || spreadsheet.get()
                on:change=move |ev| spreadsheet.set(event_target_checked(&ev)) />
            {move || t_string!(i18n, export_spreadsheet)}
        </label>
    }
}

/// The download menu's SVG and PNG of the map, saved as `file`.svg / `file`.png.
#[component]
pub fn MapPictureButtons(file: &'static str, disabled: bool) -> impl IntoView {
    view! {
        <button type="button" class="menu__item" data-testid="export-svg" disabled=disabled
            on:click=move |_| export_map_svg(file)>"SVG"</button>
        <button type="button" class="menu__item" data-testid="export-png" disabled=disabled
            on:click=move |_| export_map_png(file)>"PNG"</button>
    }
}

/// The map's SVG as a standalone document.
fn map_svg_text() -> Option<String> {
    let document = window()?.document()?;
    let svg = document.query_selector("[data-testid=\"map\"]").ok()??;
    let serializer = web_sys::XmlSerializer::new().ok()?;
    serializer.serialize_to_string(&svg).ok()
}

fn export_map_svg(file: &str) {
    if let Some(text) = map_svg_text() {
        save_text(&format!("{file}.svg"), "image/svg+xml", &text);
    }
}

/// Draws the map's SVG on a canvas at twice its size and saves it as `file`.png.
fn export_map_png(file: &'static str) {
    let Some(text) = map_svg_text() else { return };
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(image) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let Some(canvas) = document
        .create_element("canvas")
        .ok()
        .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
    else {
        return;
    };
    let source = image.clone();
    let onload = Closure::once(move || {
        let (w, h) = (
            source.natural_width().max(1) * 2,
            source.natural_height().max(1) * 2,
        );
        canvas.set_width(w);
        canvas.set_height(h);
        let Some(context) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        context.set_fill_style_str("#ffffff");
        context.fill_rect(0.0, 0.0, f64::from(w), f64::from(h));
        let _ = context.draw_image_with_html_image_element_and_dw_and_dh(
            &source,
            0.0,
            0.0,
            f64::from(w),
            f64::from(h),
        );
        let save = Closure::once(move |blob: Option<web_sys::Blob>| {
            if let Some(blob) = blob {
                save_blob(&format!("{file}.png"), &blob);
            }
        });
        let _ = canvas.to_blob(save.as_ref().unchecked_ref());
        save.forget();
    });
    image.set_onload(Some(onload.as_ref().unchecked_ref()));
    onload.forget();
    let encoded: String = js_sys::encode_uri_component(&text).into();
    image.set_src(&format!("data:image/svg+xml;charset=utf-8,{encoded}"));
}

/// The embed dialog: options, the snippet with a copy button, and a live preview of
/// the embed at `src(options)`. `open` is true while the dialog is shown (set by the
/// button that opens it).
#[component]
fn EmbedDialog(
    dialog: NodeRef<leptos::html::Dialog>,
    open: RwSignal<bool>,
    src: Callback<EmbedOptions, String>,
    title: Callback<&'static str, String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let options = RwSignal::new(EmbedOptions {
        view: "map",
        plain: false,
        dark: "auto",
        transparent: false,
        height: String::new(),
    });
    let title = move || title.run(options.with(|o| o.view));
    let preview_src = Memo::new(move |_| src.run(options.get()));
    // The HTML a journalist pastes: the iframe and, once per page, embed.js.
    let code = Memo::new(move |_| {
        let height = options.with(|o| o.height.trim().parse::<u32>().unwrap_or(600));
        embed_snippet(
            &preview_src.get(),
            &title(),
            &format!("{}{}embed.js", origin(), base_path()),
            height,
        )
    });
    let UseClipboardReturn { copied, copy, .. } = use_clipboard();
    let close = move |_| {
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
    };
    view! {
        <dialog node_ref=dialog class="embed-dialog" aria-labelledby="embed-dialog-title" on:close=move |_| open.set(false)>
            <h2 id="embed-dialog-title">{move || t_string!(i18n, embed_dialog_title)}</h2>
            <div class="embed-dialog__options">
                <label class="field field--inline">
                    <span>{move || t_string!(i18n, embed_view)}</span>
                    <select data-testid="embed-view" on:change=move |ev| {
                        let view = if event_target_value(&ev) == "table" { "table" } else { "map" };
                        options.update(|o| o.view = view);
                    }>
                        <option value="map">{move || t_string!(i18n, embed_view_map)}</option>
                        <option value="table">{move || t_string!(i18n, embed_view_table)}</option>
                    </select>
                </label>
                <label class="field field--inline">
                    <input type="checkbox" data-testid="embed-plain" on:change=move |ev| options.update(|o| o.plain = event_target_checked(&ev)) />
                    <span>{move || t_string!(i18n, embed_plain)}</span>
                </label>
                <label class="field field--inline">
                    <span>{move || t_string!(i18n, embed_dark)}</span>
                    <select data-testid="embed-dark" on:change=move |ev| {
                        let dark = match event_target_value(&ev).as_str() { "on" => "on", "off" => "off", _ => "auto" };
                        options.update(|o| o.dark = dark);
                    }>
                        <option value="auto">{move || t_string!(i18n, embed_dark_auto)}</option>
                        <option value="on">{move || t_string!(i18n, embed_dark_on)}</option>
                        <option value="off">{move || t_string!(i18n, embed_dark_off)}</option>
                    </select>
                </label>
                <label class="field field--inline">
                    <input type="checkbox" on:change=move |ev| options.update(|o| o.transparent = event_target_checked(&ev)) />
                    <span>{move || t_string!(i18n, embed_transparent)}</span>
                </label>
                <label class="field field--inline">
                    <span>{move || t_string!(i18n, embed_height)}</span>
                    <input type="number" min="100" step="50" on:change=move |ev| options.update(|o| o.height = event_target_value(&ev)) />
                </label>
            </div>
            <label class="field">
                <span>{move || t_string!(i18n, embed_snippet)}</span>
                <textarea data-testid="embed-snippet" readonly rows="4" prop:value=move || code.get()></textarea>
            </label>
            <p class="map-help">{move || t_string!(i18n, embed_script_note)}</p>
            <p>
                <button type="button" data-testid="embed-copy" on:click=move |_| copy(&code.get_untracked())>
                    {move || t_string!(i18n, copy)}
                </button>
                " "
                <span role="status">{move || copied.get().then(|| t_string!(i18n, share_copied))}</span>
            </p>
            <h3>{move || t_string!(i18n, preview)}</h3>
            // The preview exists only while the dialog is open, and is a new iframe for
            // each address: a change of an iframe's `src` is a navigation that adds an
            // entry to the page's history (Back would then go back in the preview, not
            // in the explorer), and WebKitGTK loads even a lazy iframe of a closed dialog.
            {move || open.get().then(|| view! {
                <For each=move || [preview_src.get()] key=|src| src.clone() let:src>
                    <iframe class="embed-dialog__preview" data-testid="embed-preview" title=title src=src></iframe>
                </For>
            })}
            <p><button type="button" on:click=close>{move || t_string!(i18n, close)}</button></p>
        </dialog>
    }
}
