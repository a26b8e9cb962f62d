//! "Open data": the user's own CSV / JSON / GeoJSON / Opendatasoft file (chosen,
//! dropped or fetched from a URL) read in the browser by the same parsers as
//! `datakit`, its import report, the choice of NIS-code and value columns, and the
//! result shown on the map as a [`UserLayer`]. Nothing leaves the browser.
//!
//! Responsiveness: a file is read in 1 MB slices (`Blob::slice` +
//! `Blob::array_buffer`), yielding to the event loop after each slice while the
//! progress bar advances; Cancel stops the read between slices. The parse itself
//! then runs in one go on the main thread (after a yield), so a 50 MB file may
//! still freeze the page for the parse's duration — moving `records` into a Web
//! Worker is the known next step. A URL is fetched in one request (no progress).

use crate::data::Bundle;
use crate::i18n::*;
use explorer_core::import::user::{build_metric, detect_nis_column, numeric_columns, UserMetric};
use explorer_core::import::{records, ImportReport, Issue, RecordSet};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen_futures::JsFuture;

/// Size of the slices a file is read in.
const CHUNK: f64 = 1024.0 * 1024.0;

/// The user's metric shown on the map, if any (provided by the explorer).
#[derive(Clone, Copy, Debug)]
pub struct UserLayer(pub RwSignal<Option<Arc<UserMetric>>>);

impl Default for UserLayer {
    fn default() -> Self {
        UserLayer(RwSignal::new(None))
    }
}

/// `line N, field F: message` (or the JSON path), as shown in the report.
pub fn describe_issue(locale: Locale, issue: &Issue) -> String {
    let mut parts = Vec::new();
    if let Some(line) = issue.line {
        parts.push(format!("{} {line}", td_string!(locale, od_line)));
    }
    if let Some(path) = &issue.path {
        parts.push(path.clone());
    }
    if let Some(field) = &issue.field {
        parts.push(format!("{} {field}", td_string!(locale, od_field)));
    }
    if parts.is_empty() {
        issue.message.clone()
    } else {
        format!("{}: {}", parts.join(", "), issue.message)
    }
}

/// Lets the browser paint and handle events before going on.
async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Reads `file` slice by slice; `None` when cancelled (`generation` moved on).
async fn read_file(
    file: &web_sys::File,
    progress: RwSignal<Option<f64>>,
    generation: StoredValue<u32>,
    mine: u32,
) -> Result<Option<Vec<u8>>, String> {
    let size = file.size();
    let mut bytes = Vec::with_capacity(size as usize);
    let mut offset = 0.0;
    while offset < size {
        let end = (offset + CHUNK).min(size);
        let slice = file
            .slice_with_f64_and_f64(offset, end)
            .map_err(|_| "cannot read the file".to_string())?;
        let buffer = JsFuture::from(slice.array_buffer())
            .await
            .map_err(|_| "cannot read the file".to_string())?;
        bytes.extend_from_slice(&js_sys::Uint8Array::new(&buffer).to_vec());
        offset = end;
        progress.set(Some(if size > 0.0 { offset / size } else { 1.0 }));
        yield_now().await;
        if generation.get_value() != mine {
            return Ok(None);
        }
    }
    Ok(Some(bytes))
}

/// Fetches `url` in the browser; a network failure is explained as probably CORS.
async fn fetch_url(url: &str) -> Result<Vec<u8>, String> {
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| {
            format!(
                "Could not fetch {url} ({e}). This is most likely a CORS restriction: the server \
             must send an Access-Control-Allow-Origin header allowing this site. Download the \
             file and open it here instead."
            )
        })?;
    if !response.ok() {
        return Err(format!(
            "{url} answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    response
        .binary()
        .await
        .map_err(|e| format!("could not read {url}: {e}"))
}

/// The file name a URL's last path segment gives (for format detection).
fn name_of_url(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.rsplit('/')
        .find(|s| !s.is_empty())
        .unwrap_or("download")
        .to_string()
}

/// The "Open data" button and its dialog.
#[component]
pub fn OpenDataButton(bundle: Bundle) -> impl IntoView {
    let i18n = use_i18n();
    let layer = use_context::<UserLayer>().unwrap_or_default();
    let reference = bundle.reference.clone();
    let known = Arc::new(move |nis: &str| reference.municipality(nis).is_some());
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let progress = RwSignal::new(None::<f64>);
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<String>);
    let set = RwSignal::new(None::<Arc<RecordSet>>);
    let nis_column = RwSignal::new(None::<usize>);
    let value_column = RwSignal::new(None::<usize>);
    let generation = StoredValue::new(0u32);
    let url = RwSignal::new(String::new());

    let start = move || {
        let mine = generation.get_value().wrapping_add(1);
        generation.set_value(mine);
        busy.set(true);
        failure.set(None);
        set.set(None);
        progress.set(Some(0.0));
        mine
    };
    let known_for_parse = known.clone();
    let finish = move |mine: u32, name: String, bytes: Result<Option<Vec<u8>>, String>| {
        let known = known_for_parse.clone();
        async move {
            if generation.get_value() != mine {
                return;
            }
            match bytes {
                Ok(None) => {}
                Err(message) => failure.set(Some(message)),
                Ok(Some(bytes)) => {
                    progress.set(None);
                    yield_now().await;
                    if generation.get_value() != mine {
                        return;
                    }
                    match records(&bytes, &name) {
                        Ok(parsed) => {
                            let nis = detect_nis_column(&parsed, |n| known(n));
                            let numeric = numeric_columns(&parsed, nis);
                            nis_column.set(nis);
                            value_column.set(numeric.first().copied());
                            set.set(Some(Arc::new(parsed)));
                        }
                        Err(issue) => failure.set(Some(format!(
                            "{name}: {}",
                            describe_issue(i18n.get_locale_untracked(), &issue)
                        ))),
                    }
                }
            }
            busy.set(false);
            progress.set(None);
        }
    };
    let finish_file = finish.clone();
    let open_file = move |file: web_sys::File| {
        let mine = start();
        let finish = finish_file.clone();
        leptos::task::spawn_local(async move {
            let bytes = read_file(&file, progress, generation, mine).await;
            finish(mine, file.name(), bytes).await;
        });
    };
    let open_file_drop = open_file.clone();
    let on_input = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            open_file(file);
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            open_file_drop(file);
        }
    };
    let on_fetch = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let target = url.get_untracked().trim().to_string();
        if target.is_empty() {
            return;
        }
        let mine = start();
        progress.set(None);
        let finish = finish.clone();
        leptos::task::spawn_local(async move {
            let bytes = fetch_url(&target).await.map(Some);
            finish(mine, name_of_url(&target), bytes).await;
        });
    };
    let cancel = move |_| {
        generation.update_value(|g| *g = g.wrapping_add(1));
        busy.set(false);
        progress.set(None);
        failure.set(Some(
            td_string!(i18n.get_locale_untracked(), od_cancelled).to_string(),
        ));
    };

    let known_for_metric = known.clone();
    let metric = Memo::new(move |_| {
        let set = set.get()?;
        let (Some(nis), Some(value)) = (nis_column.get(), value_column.get()) else {
            return None;
        };
        let known = known_for_metric.clone();
        Some(Arc::new(build_metric(&set, nis, value, |n| known(n))))
    });
    let headers = move || set.with(|s| s.as_ref().map(|s| s.headers.clone()).unwrap_or_default());
    let column_select = move |signal: RwSignal<Option<usize>>, testid: &'static str| {
        view! {
            <select data-testid=testid
                prop:value=move || signal.get().map(|c| c.to_string()).unwrap_or_default()
                on:change=move |ev| signal.set(event_target_value(&ev).parse().ok())>
                <option value="">"—"</option>
                {move || headers().into_iter().enumerate().map(|(i, h)| view! {
                    <option value=i.to_string() selected=move || signal.get() == Some(i)>{h}</option>
                }).collect_view()}
            </select>
        }
    };
    let report_view = move || {
        let failure_text = failure.get();
        let report: Option<ImportReport> = metric.with(|m| m.as_ref().map(|m| m.report.clone()));
        if failure_text.is_none() && report.is_none() && set.with(|s| s.is_none()) {
            return None;
        }
        Some(view! {
            <div class="import-report" data-testid="import-report" role="status">
                {failure_text.map(|f| view! { <p class="import-report__failure">{f}</p> })}
                {report.map(|r| view! {
                    <p data-testid="import-counts" data-read=r.rows_read() data-kept=r.rows_kept() data-rejected=r.rows_rejected()>
                        {td_string!(i18n.get_locale(), od_counts, read = r.rows_read(), kept = r.rows_kept(), rejected = r.rows_rejected()).to_string()}
                    </p>
                    <ul class="import-report__errors">
                        {r.errors.iter().take(200).map(|e| view! { <li>{describe_issue(i18n.get_locale(), e)}</li> }).collect_view()}
                        {(r.errors.len() > 200).then(|| view! { <li>{td_string!(i18n.get_locale(), od_more, count = r.errors.len() - 200).to_string()}</li> })}
                        {r.warnings.iter().map(|w| view! { <li>{format!("{}: {}", td_string!(i18n.get_locale(), od_warning), describe_issue(i18n.get_locale(), w))}</li> }).collect_view()}
                    </ul>
                })}
                {move || (set.with(|s| s.is_some()) && metric.with(|m| m.is_none())).then(|| view! {
                    <p>{t!(i18n, od_choose_columns)}</p>
                })}
            </div>
        })
    };
    let show = move |_| {
        if let Some(m) = metric.get_untracked() {
            layer.0.set(Some(m));
            if let Some(d) = dialog.get_untracked() {
                d.close();
            }
        }
    };
    let can_show = move || metric.with(|m| m.as_ref().is_some_and(|m| !m.values.is_empty()));

    view! {
        <button type="button" class="button" data-testid="open-data-button"
            on:click=move |_| if let Some(d) = dialog.get_untracked() { let _ = d.show_modal(); }>
            {t!(i18n, od_button)}
        </button>
        <dialog node_ref=dialog class="open-data" data-testid="open-data-dialog" aria-labelledby="open-data-title">
            <h2 id="open-data-title">{t!(i18n, od_title)}</h2>
            <p>{t!(i18n, od_intro)}</p>
            <div class="open-data__drop" data-testid="open-data-drop"
                on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
                on:drop=on_drop>
                <label>{t!(i18n, od_drop)}
                    <input type="file" data-testid="open-data-file"
                        accept=".csv,.tsv,.txt,.json,.geojson,.topojson" on:change=on_input />
                </label>
            </div>
            <form class="open-data__url" on:submit=on_fetch>
                <label>{t!(i18n, od_url)}
                    <input type="url" data-testid="open-data-url" placeholder="https://…"
                        prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev)) />
                </label>
                <button type="submit" class="button">{t!(i18n, od_fetch)}</button>
            </form>
            <Show when=move || busy.get()>
                <p class="open-data__progress">
                    <progress data-testid="import-progress" max="1"
                        value=move || progress.get().map(|p| p.to_string())></progress>
                    <button type="button" class="button" data-testid="import-cancel" on:click=cancel>{t!(i18n, od_cancel)}</button>
                </p>
            </Show>
            {report_view}
            <Show when=move || set.with(|s| s.is_some())>
                <p class="open-data__columns">
                    <label>{t!(i18n, od_nis_column)} {column_select(nis_column, "open-data-nis-column")}</label>
                    " "
                    <label>{t!(i18n, od_value_column)} {column_select(value_column, "open-data-value-column")}</label>
                </p>
            </Show>
            <p class="open-data__actions">
                <button type="button" class="button" data-testid="open-data-show"
                    disabled=move || !can_show() on:click=show>{t!(i18n, od_show)}</button>
                <button type="button" class="button" on:click=move |_| if let Some(d) = dialog.get_untracked() { d.close(); }>{t!(i18n, close)}</button>
            </p>
        </dialog>
    }
}
