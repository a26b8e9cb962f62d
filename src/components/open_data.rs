//! "Open data": the user's own CSV / JSON / GeoJSON / Opendatasoft file (chosen,
//! dropped or fetched from a URL) read in the browser by the same parsers as
//! `datakit`, its import report, the choice of NIS-code and value columns, and the
//! result shown on the map as a [`UserLayer`]. Nothing leaves the browser.
//!
//! Responsiveness: a file is read in 1 MB slices (`Blob::slice`) into one
//! JavaScript buffer, yielding to the event loop after each slice while the
//! progress bar advances; a URL is read from its response stream the same way.
//! The buffer is then transferred (not copied) to the import worker
//! ([`ImportWorker`]), which parses it and keeps the records: the page only ever
//! receives the header, the column guesses and the finished metric. Cancel stops
//! the read between slices, or terminates the worker during the parse.

use crate::data::{base_path, Bundle};
use crate::explorer::UserLayer;
use crate::i18n::*;
use crate::import_worker::{ImportWorker, Payload};
use crate::lang::language_of;
use crate::links::app_href;
use explorer_core::import::limits::check_file_size;
use explorer_core::import::session::{ParsedFile, Reply, Request};
use explorer_core::import::user::{MapLayer, UserMetric};
use explorer_core::import::{Expected, ImportReport, Issue, IssueKind};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Size of the slices a file is read in.
const CHUNK: f64 = 1024.0 * 1024.0;
/// Errors listed in the report; the others are counted.
const ERRORS_SHOWN: usize = 200;

/// `line N, field F: message` (or the JSON path), as shown in the report.
pub fn describe_issue(locale: Locale, issue: &Issue) -> String {
    let mut parts = Vec::new();
    if let Some(line) = issue.line {
        parts.push(format!("{} {line}", td_string!(locale, od_line)));
    }
    if let Some(column) = issue.column.filter(|_| issue.field.is_none()) {
        parts.push(format!("{} {column}", td_string!(locale, od_column)));
    }
    if let Some(path) = &issue.path {
        parts.push(path.clone());
    }
    if let Some(field) = &issue.field {
        parts.push(format!("{} {field}", td_string!(locale, od_field)));
    }
    let message = issue
        .kind
        .as_ref()
        .map(|kind| describe_kind(locale, kind))
        .unwrap_or_else(|| issue.message.clone());
    if parts.is_empty() {
        message
    } else {
        format!("{}: {message}", parts.join(", "))
    }
}

/// The message of a known kind of issue, in `locale` (others stay in English).
fn describe_kind(locale: Locale, kind: &IssueKind) -> String {
    match kind {
        IssueKind::FileEmpty => td_string!(locale, od_err_file_empty).to_string(),
        IssueKind::FileTooLarge { max_mib } => {
            td_string!(locale, od_err_file_too_large, max = max_mib).to_string()
        }
        IssueKind::NoNis => td_string!(locale, od_err_no_nis).to_string(),
        IssueKind::UnknownNis { code } => {
            td_string!(locale, od_err_unknown_nis, code = code).to_string()
        }
        IssueKind::DuplicateNis {
            code,
            first_line,
            first_path,
        } => {
            let first = match (first_line, first_path) {
                (Some(line), _) => format!("{} {line}", td_string!(locale, od_line)),
                (None, Some(path)) => path.clone(),
                (None, None) => String::new(),
            };
            td_string!(locale, od_err_duplicate_nis, code = code, first = first).to_string()
        }
        IssueKind::NoValue => td_string!(locale, od_err_no_value).to_string(),
        IssueKind::NotANumber { value } => {
            td_string!(locale, od_err_not_a_number, value = value).to_string()
        }
        IssueKind::KeptAsNoValue { value, expected } => match expected {
            Expected::Commune => td_string!(locale, od_kept_commune, value = value),
            Expected::UniqueCommune => td_string!(locale, od_kept_unique_commune, value = value),
            Expected::Number => td_string!(locale, od_kept_number, value = value),
            Expected::Year => td_string!(locale, od_kept_year, value = value),
            Expected::Date => td_string!(locale, od_kept_date, value = value),
        }
        .to_string(),
        IssueKind::MoreKeptAsNoValue { count } => {
            td_string!(locale, od_kept_more, count = count).to_string()
        }
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

/// Where an import is, as shown to the user.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Phase {
    /// Nothing under way.
    Idle,
    /// Reading the bytes; the share done when known.
    Reading(Option<f64>),
    /// The worker is parsing.
    Parsing,
}

/// Reads `file` slice by slice into one buffer; `None` when `cancelled` became true.
async fn read_file(
    file: &web_sys::File,
    locale: Locale,
    phase: RwSignal<Phase>,
    cancelled: impl Fn() -> bool,
) -> Result<Option<js_sys::ArrayBuffer>, String> {
    let size = file.size();
    check_file_size(size as usize)
        .map_err(|issue| format!("{}: {}", file.name(), describe_issue(locale, &issue)))?;
    let bytes = js_sys::Uint8Array::new_with_length(size as u32);
    let mut offset = 0.0;
    while offset < size {
        let end = (offset + CHUNK).min(size);
        let slice = file
            .slice_with_f64_and_f64(offset, end)
            .map_err(|_| "cannot read the file".to_string())?;
        let buffer = JsFuture::from(slice.array_buffer())
            .await
            .map_err(|_| "cannot read the file".to_string())?;
        bytes.set(&js_sys::Uint8Array::new(&buffer), offset as u32);
        offset = end;
        phase.set(Phase::Reading(Some(offset / size)));
        yield_now().await;
        if cancelled() {
            return Ok(None);
        }
    }
    Ok(Some(bytes.buffer()))
}

/// Fetches `url` in the browser, reading the response stream chunk by chunk and
/// telling `progress` the share received when the size is known; a network failure is
/// explained as probably CORS; `None` when `cancelled` became true.
pub(crate) async fn fetch_url(
    url: &str,
    locale: Locale,
    progress: impl Fn(Option<f64>),
    cancelled: impl Fn() -> bool,
) -> Result<Option<js_sys::ArrayBuffer>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| {
            format!(
                "Could not fetch {url} ({}). This is most likely a CORS restriction: the server \
                 must send an Access-Control-Allow-Origin header allowing this site. Download the \
                 file and open it here instead.",
                e.as_string()
                    .or_else(|| js_sys::Error::from(e).message().as_string())
                    .unwrap_or_default()
            )
        })?
        .unchecked_into();
    if !response.ok() {
        return Err(format!(
            "{url} answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let total = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|l| l.parse::<f64>().ok())
        .filter(|l| *l > 0.0);
    let Some(body) = response.body() else {
        return Ok(Some(js_sys::ArrayBuffer::new(0)));
    };
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut chunks = Vec::new();
    let mut received = 0.0;
    loop {
        let step = JsFuture::from(reader.read())
            .await
            .map_err(|_| format!("the download of {url} was interrupted"))?;
        let done = js_sys::Reflect::get(&step, &"done".into())
            .map(|d| d.is_truthy())
            .unwrap_or(true);
        if done {
            break;
        }
        let chunk: js_sys::Uint8Array = js_sys::Reflect::get(&step, &"value".into())
            .map_err(|_| format!("the download of {url} was interrupted"))?
            .unchecked_into();
        received += chunk.length() as f64;
        check_file_size(received as usize)
            .map_err(|issue| format!("{url}: {}", describe_issue(locale, &issue)))?;
        chunks.push(chunk);
        progress(total.map(|t| (received / t).min(1.0)));
        if cancelled() {
            let _ = reader.cancel();
            return Ok(None);
        }
    }
    let bytes = js_sys::Uint8Array::new_with_length(received as u32);
    let mut offset = 0;
    for chunk in chunks {
        bytes.set(&chunk, offset);
        offset += chunk.length();
    }
    Ok(Some(bytes.buffer()))
}

/// The file name a URL's last path segment gives (for format detection).
pub(crate) fn name_of_url(url: &str) -> String {
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
    let known: Arc<Vec<String>> = Arc::new(
        bundle
            .reference
            .municipalities
            .iter()
            .map(|m| m.nis.clone())
            .collect(),
    );
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let phase = RwSignal::new(Phase::Idle);
    let failure = RwSignal::new(None::<String>);
    let parsed = RwSignal::new(None::<ParsedFile>);
    let metric = RwSignal::new(None::<Arc<UserMetric>>);
    let file_name = RwSignal::new(String::new());
    let nis_column = RwSignal::new(None::<usize>);
    let value_column = RwSignal::new(None::<usize>);
    let url = RwSignal::new(String::new());
    // Request numbers: the current import, and the metric asked for last.
    let next_id = StoredValue::new(0u32);
    let import_id = StoredValue::new(0u32);
    let metric_id = StoredValue::new(0u32);
    let worker = StoredValue::new_local(None::<ImportWorker>);
    let worker_broken = StoredValue::new(false);
    let new_id = move || {
        let id = next_id.get_value().wrapping_add(1);
        next_id.set_value(id);
        id
    };

    let on_reply = move |reply: Result<Reply, String>| match reply {
        Ok(Reply::Parsed { id, file }) if id == import_id.get_value() => {
            nis_column.set(file.nis_column);
            value_column.set(file.numeric_columns.first().copied());
            parsed.set(Some(file));
            phase.set(Phase::Idle);
        }
        Ok(Reply::Failed { id, issue })
            if id == import_id.get_value() || id == metric_id.get_value() =>
        {
            failure.set(Some(format!(
                "{}: {}",
                file_name.get_untracked(),
                describe_issue(i18n.get_locale_untracked(), &issue)
            )));
            phase.set(Phase::Idle);
        }
        Ok(Reply::Metric { id, metric: m }) if id == metric_id.get_value() => {
            metric.set(Some(Arc::new(m)));
        }
        Ok(_) => {}
        Err(reason) => {
            // Replaced at the next request (not here, inside its own handler).
            worker_broken.set_value(true);
            if phase.get_untracked() != Phase::Idle || parsed.with_untracked(Option::is_some) {
                failure.set(Some(
                    td_string!(
                        i18n.get_locale_untracked(),
                        od_worker_failed,
                        reason = reason
                    )
                    .to_string(),
                ));
                phase.set(Phase::Idle);
            }
        }
    };
    let send = move |request: Request, bytes: Option<js_sys::ArrayBuffer>| {
        if worker_broken.get_value() {
            worker.set_value(None);
            worker_broken.set_value(false);
        }
        if worker.with_value(Option::is_none) {
            match ImportWorker::start(&base_path(), on_reply) {
                Ok(started) => worker.set_value(Some(started)),
                Err(reason) => {
                    failure.set(Some(reason));
                    phase.set(Phase::Idle);
                    return;
                }
            }
        }
        worker.with_value(|w| {
            if let Some(w) = w {
                w.send(&request, bytes.map(Payload::Bytes));
            }
        });
    };

    let start = move |name: String| {
        let id = new_id();
        import_id.set_value(id);
        metric_id.set_value(0);
        file_name.set(name);
        failure.set(None);
        parsed.set(None);
        metric.set(None);
        phase.set(Phase::Reading(None));
        id
    };
    let known_for_parse = known.clone();
    let parse = move |id: u32, bytes: Result<Option<js_sys::ArrayBuffer>, String>| {
        if import_id.get_value() != id {
            return;
        }
        match bytes {
            Ok(None) => {}
            Err(message) => {
                failure.set(Some(message));
                phase.set(Phase::Idle);
            }
            Ok(Some(bytes)) => {
                phase.set(Phase::Parsing);
                let request = Request::Parse {
                    id,
                    file: file_name.get_untracked(),
                    known: known_for_parse.as_ref().clone(),
                };
                send(request, Some(bytes));
            }
        }
    };
    let parse_file = parse.clone();
    let open_file = move |file: web_sys::File| {
        let id = start(file.name());
        let parse = parse_file.clone();
        leptos::task::spawn_local(async move {
            let bytes = read_file(&file, i18n.get_locale_untracked(), phase, move || {
                import_id.get_value() != id
            })
            .await;
            parse(id, bytes);
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
        let id = start(name_of_url(&target));
        // The page's Content-Security-Policy lets it fetch https: addresses only.
        if !target
            .get(..8)
            .is_some_and(|s| s.eq_ignore_ascii_case("https://"))
        {
            failure.set(Some(
                td_string!(i18n.get_locale_untracked(), od_https_only, url = target).to_string(),
            ));
            phase.set(Phase::Idle);
            return;
        }
        let parse = parse.clone();
        leptos::task::spawn_local(async move {
            let bytes = fetch_url(
                &target,
                i18n.get_locale_untracked(),
                move |share| phase.set(Phase::Reading(share)),
                move || import_id.get_value() != id,
            )
            .await;
            parse(id, bytes);
        });
    };
    let cancel = move |_| {
        import_id.set_value(new_id());
        if phase.get_untracked() == Phase::Parsing {
            worker.set_value(None);
        }
        phase.set(Phase::Idle);
        failure.set(Some(
            td_string!(i18n.get_locale_untracked(), od_cancelled).to_string(),
        ));
    };

    // Ask the worker for the metric whenever the file or the chosen columns change.
    Effect::new(move |_| {
        let ready = parsed.with(Option::is_some);
        let (Some(nis), Some(value)) = (nis_column.get(), value_column.get()) else {
            metric.set(None);
            return;
        };
        if !ready {
            return;
        }
        metric.set(None);
        let id = new_id();
        metric_id.set_value(id);
        send(
            Request::Metric {
                id,
                nis_column: nis,
                value_column: value,
            },
            None,
        );
    });

    let headers =
        move || parsed.with(|p| p.as_ref().map(|p| p.headers.clone()).unwrap_or_default());
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
        if failure_text.is_none() && report.is_none() && parsed.with(|p| p.is_none()) {
            return None;
        }
        Some(view! {
            <div class="import-report" data-testid="import-report" role="status">
                {failure_text.map(|f| view! { <p class="import-report__failure">{f}</p> })}
                {report.map(|r| {
                    let more = r.errors.len().saturating_sub(ERRORS_SHOWN) + r.errors_omitted;
                    view! {
                        <p data-testid="import-counts" data-read=r.rows_read() data-kept=r.rows_kept() data-rejected=r.rows_rejected()>
                            {t_string!(i18n, od_counts, read = r.rows_read(), kept = r.rows_kept(), rejected = r.rows_rejected())}
                        </p>
                        <ul class="import-report__errors" data-testid="import-errors">
                            {r.errors.iter().take(ERRORS_SHOWN).map(|e| view! { <li>{describe_issue(i18n.get_locale(), e)}</li> }).collect_view()}
                            {(more > 0).then(|| view! { <li>{t_string!(i18n, od_more, count = more)}</li> })}
                            {r.warnings.iter().map(|w| view! { <li>{format!("{}: {}", t_string!(i18n, od_warning), describe_issue(i18n.get_locale(), w))}</li> }).collect_view()}
                        </ul>
                    }
                })}
                {move || (parsed.with(|p| p.is_some()) && (nis_column.get().is_none() || value_column.get().is_none())).then(|| view! {
                    <p>{move || t_string!(i18n, od_choose_columns)}</p>
                })}
            </div>
        })
    };
    let show = move |_| {
        if let Some(m) = metric.get_untracked() {
            layer.0.set(Some(Arc::new(MapLayer::from(m.as_ref()))));
            if let Some(d) = dialog.get_untracked() {
                d.close();
            }
        }
    };
    let can_show = move || metric.with(|m| m.as_ref().is_some_and(|m| !m.values.is_empty()));
    let busy = move || phase.get() != Phase::Idle;

    view! {
        <button type="button" class="button" data-testid="open-data-button"
            on:click=move |_| if let Some(d) = dialog.get_untracked() { let _ = d.show_modal(); }>
            {move || t_string!(i18n, od_button)}
        </button>
        <dialog node_ref=dialog class="open-data" data-testid="open-data-dialog" aria-labelledby="open-data-title">
            <h2 id="open-data-title">{move || t_string!(i18n, od_title)}</h2>
            <p>{move || t_string!(i18n, od_intro)}</p>
            <p><a data-testid="open-data-explore" href=move || app_href("data/", language_of(i18n.get_locale()))>{move || t_string!(i18n, data_explore_link)}</a></p>
            <div class="open-data__drop" data-testid="open-data-drop"
                on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
                on:drop=on_drop>
                <label>{move || t_string!(i18n, od_drop)}
                    <input type="file" data-testid="open-data-file"
                        accept=".csv,.tsv,.txt,.json,.geojson,.topojson" on:change=on_input />
                </label>
            </div>
            <form class="open-data__url" on:submit=on_fetch>
                <label>{move || t_string!(i18n, od_url)}
                    <input type="url" data-testid="open-data-url" placeholder="https://…"
                        prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev)) />
                </label>
                <button type="submit" class="button">{move || t_string!(i18n, od_fetch)}</button>
            </form>
            <Show when=busy>
                <p class="open-data__progress" data-testid="import-phase"
                    data-phase=move || if phase.get() == Phase::Parsing { "parsing" } else { "reading" }>
                    <label>
                        {move || if phase.get() == Phase::Parsing { t_string!(i18n, od_parsing) } else { t_string!(i18n, od_reading) }}
                        " "
                        <progress data-testid="import-progress" max="1"
                            value=move || match phase.get() { Phase::Reading(Some(p)) => Some(p.to_string()), _ => None }></progress>
                    </label>
                    " "
                    <button type="button" class="button" data-testid="import-cancel" on:click=cancel>{move || t_string!(i18n, od_cancel)}</button>
                </p>
            </Show>
            {report_view}
            <Show when=move || parsed.with(|p| p.is_some())>
                <p class="open-data__columns">
                    <label>{move || t_string!(i18n, od_nis_column)} {column_select(nis_column, "open-data-nis-column")}</label>
                    " "
                    <label>{move || t_string!(i18n, od_value_column)} {column_select(value_column, "open-data-value-column")}</label>
                </p>
            </Show>
            <p class="open-data__actions">
                <button type="button" class="button" data-testid="open-data-show"
                    disabled=move || !can_show() on:click=show>{move || t_string!(i18n, od_show)}</button>
                <button type="button" class="button" on:click=move |_| if let Some(d) = dialog.get_untracked() { d.close(); }>{move || t_string!(i18n, close)}</button>
            </p>
        </dialog>
    }
}
