//! The user's dataset as the data pages see it (`/data/` and its embeds): held by the
//! import worker (`explorer_core::open_data::session`), which reads and profiles the
//! file, builds the engine's table and answers every view; the page holds only the
//! profile, the fields and the current view, as signals.
//!
//! One direction: the address ([`DataQuery`]) → the worker (a build when the kinds
//! change, a view when the filters do) → the signals the views read. A dataset
//! opened from an address (`src`) is fetched whenever that address changes.

use crate::components::open_data::{describe_issue, fetch_url, name_of_url};
use crate::data::base_path;
use crate::download::save_text;
use crate::i18n::*;
use crate::import_worker::{ImportWorker, Payload};
use crate::lang::language_of;
use explorer_core::import::profile::ColumnKind;
use explorer_core::municipality::Reference;
use explorer_core::open_data::session::{
    BuiltDataset, DatasetProfile, DatasetReply, DatasetRequest,
};
use explorer_core::open_data::{is_fetchable_source, DataQuery, RowsFormat, View, ViewRequest};
use leptos::prelude::*;
use std::sync::Arc;

/// Where the dataset is.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// No file yet.
    Waiting,
    /// Reading the file, then profiling it in the worker.
    Reading,
    /// Building the table in the worker.
    Building,
    /// Ready.
    Ready,
    /// Something failed, and why.
    Failed(String),
}

/// The dataset of a data page, and what the page can ask of it.
#[derive(Clone, Copy)]
pub struct Dataset {
    /// Where it is.
    pub status: RwSignal<Status>,
    /// Its columns' profiles, once read.
    pub profile: RwSignal<Option<DatasetProfile>>,
    /// Its fields and import report, once built.
    pub built: RwSignal<Option<BuiltDataset>>,
    /// The view of the address, once answered.
    pub view: RwSignal<Option<View>>,
    /// Opens a local file (it replaces the dataset of the address, if any).
    pub open_file: Callback<web_sys::File>,
    /// Saves the rows matching the current view in a format.
    pub export: Callback<RowsFormat>,
    /// Asks for the view of a state the page is about to go to, before the router has
    /// written its address (see [`crate::components::dataset::DataNav::update`]): the
    /// worker computes it meanwhile, and the address's view is then not asked again.
    pub view_ahead: Callback<DataQuery>,
}

/// The file name and MIME type of a download of rows in `format`.
fn export_file(format: RowsFormat) -> (&'static str, &'static str) {
    match format {
        RowsFormat::Csv | RowsFormat::SpreadsheetCsv => {
            ("dataset-rows.csv", "text/csv;charset=utf-8")
        }
        RowsFormat::Json => ("dataset-rows.json", "application/json"),
    }
}

/// The dataset of the address `query` (its `src`, or a file the user opens), with
/// communes matched against `reference`; `nav_clear_src` drops `src` from the address
/// when a local file replaces it.
pub fn use_dataset(
    query: Memo<DataQuery>,
    reference: Arc<Reference>,
    nav_clear_src: Callback<()>,
) -> Dataset {
    let i18n = use_i18n();
    let status = RwSignal::new(Status::Waiting);
    let profile = RwSignal::new(None::<DatasetProfile>);
    let built = RwSignal::new(None::<BuiltDataset>);
    let view = RwSignal::new(None::<View>);
    // The last request of each kind: an older answer is dropped.
    let next_id = StoredValue::new(0u32);
    let latest_build = StoredValue::new(0u32);
    let latest_view = StoredValue::new(0u32);
    // The last view asked of the dataset built last.
    let asked_view = StoredValue::new(None::<ViewRequest>);
    let exports = StoredValue::new(Vec::<(u32, RowsFormat)>::new());
    let built_kinds = StoredValue::new(Vec::<ColumnKind>::new());
    let worker = StoredValue::new_local(None::<ImportWorker>);
    let new_id = move || {
        next_id.update_value(|id| *id += 1);
        next_id.get_value()
    };
    let on_reply = move |reply: Result<DatasetReply, String>| match reply {
        Ok(DatasetReply::Profiled { profile: p, .. }) => {
            built.set(None);
            view.set(None);
            built_kinds.set_value(Vec::new());
            profile.set(Some(p));
        }
        Ok(DatasetReply::Built { id, dataset }) if id == latest_build.get_value() => {
            asked_view.set_value(None);
            built.set(Some(dataset));
            status.set(Status::Ready);
        }
        Ok(DatasetReply::View { id, view: v }) if id == latest_view.get_value() => {
            view.set(Some(v))
        }
        Ok(DatasetReply::Exported { id, text }) => {
            let format = exports.try_update_value(|pending| {
                let at = pending.iter().position(|(i, _)| *i == id)?;
                Some(pending.remove(at).1)
            });
            if let Some(format) = format.flatten() {
                let (file, mime) = export_file(format);
                save_text(file, mime, &text);
            }
        }
        Ok(DatasetReply::Failed { issue, .. }) => status.set(Status::Failed(describe_issue(
            i18n.get_locale_untracked(),
            &issue,
        ))),
        Ok(_) => {}
        Err(reason) => {
            worker.set_value(None);
            status.set(Status::Failed(reason));
        }
    };
    // Whether the worker runs, started if not (again after a crash).
    let started = move || {
        if worker.with_value(Option::is_some) {
            return true;
        }
        match ImportWorker::start(&base_path(), on_reply) {
            Ok(started) => worker.set_value(Some(started)),
            Err(reason) => status.set(Status::Failed(reason)),
        }
        worker.with_value(Option::is_some)
    };
    // Started with the page: its wasm is loaded and compiled while the user picks a
    // file (about 150 ms saved on opening one, measured in Chromium).
    started();
    let send = move |request: DatasetRequest, bytes: Option<Payload>| {
        if !started() {
            return;
        }
        worker.with_value(|w| {
            if let Some(w) = w {
                w.send(&request, bytes);
            }
        });
    };
    // A build whenever the profile or the chosen kinds change.
    Effect::new(move |_| {
        let Some(kinds) = profile.with(|p| p.as_ref().map(|p| query.with(|q| q.kinds(&p.columns))))
        else {
            return;
        };
        if built_kinds.with_value(|b| *b == kinds) {
            return;
        }
        built_kinds.set_value(kinds.clone());
        let id = new_id();
        latest_build.set_value(id);
        status.set(Status::Building);
        send(DatasetRequest::Build { id, kinds }, None);
    });
    // Asks for `request` in `locale`'s language unless it was the last view asked of
    // this dataset.
    let ask_view = move |mut request: ViewRequest, locale: Locale| {
        request.language = language_of(locale);
        if asked_view.with_value(|asked| asked.as_ref() == Some(&request)) {
            return;
        }
        asked_view.set_value(Some(request.clone()));
        let id = new_id();
        latest_view.set_value(id);
        send(DatasetRequest::View { id, request }, None);
    };
    // A view whenever the dataset is built again or the view asked for changes.
    Effect::new(move |_| {
        let (request, locale) = (query.with(|q| q.view.clone()), i18n.get_locale());
        if built.with(Option::is_some) {
            ask_view(request, locale);
        }
    });
    let view_ahead = Callback::new(move |next: DataQuery| {
        if built.with_untracked(Option::is_some) {
            ask_view(next.view, i18n.get_locale_untracked());
        }
    });
    // Sends the file `file` to the worker to be read and profiled.
    let open_bytes = move |file: String, bytes: Option<Payload>| {
        let id = new_id();
        let reference = reference.as_ref().clone();
        send(
            DatasetRequest::Open {
                id,
                file,
                reference,
            },
            bytes,
        );
    };
    let open_bytes = Arc::new(open_bytes);
    // The dataset of the address (`src`), fetched whenever it changes.
    let loaded_src = StoredValue::new(None::<String>);
    let open_src = open_bytes.clone();
    Effect::new(move |_| {
        let Some(src) = query.with(|q| q.src.clone()) else {
            return;
        };
        if loaded_src.with_value(|l| l.as_deref() == Some(src.as_str())) {
            return;
        }
        loaded_src.set_value(Some(src.clone()));
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        let locale = i18n.get_locale_untracked();
        if !is_fetchable_source(&src, &origin) {
            status.set(Status::Failed(
                td_string!(locale, od_https_only, url = src).to_string(),
            ));
            return;
        }
        status.set(Status::Reading);
        let open_bytes = open_src.clone();
        leptos::task::spawn_local(async move {
            let still = src.clone();
            match fetch_url(
                &src,
                locale,
                |_| {},
                move || loaded_src.with_value(|l| l.as_deref() != Some(still.as_str())),
            )
            .await
            {
                Ok(Some(bytes)) => open_bytes(name_of_url(&src), Some(Payload::Bytes(bytes))),
                Ok(None) => {}
                Err(reason) => status.set(Status::Failed(reason)),
            }
        });
    });
    let open_file = Callback::new(move |file: web_sys::File| {
        status.set(Status::Reading);
        if query.with_untracked(|q| q.src.is_some()) {
            loaded_src.set_value(None);
            nav_clear_src.run(());
        }
        // The file itself: the worker reads it in slices.
        open_bytes(file.name(), Some(Payload::File(file)));
    });
    let export = Callback::new(move |format: RowsFormat| {
        let id = new_id();
        exports.update_value(|pending| pending.push((id, format)));
        let (request, filters, source) = query.with_untracked(|q| {
            let source = q
                .src
                .clone()
                .or_else(|| profile.with_untracked(|p| p.as_ref().map(|p| p.file.clone())))
                .unwrap_or_default();
            (q.view.clone(), q.to_query(), source)
        });
        send(
            DatasetRequest::Export {
                id,
                request,
                format,
                source,
                filters,
            },
            None,
        );
    });
    Dataset {
        status,
        profile,
        built,
        view,
        open_file,
        export,
        view_ahead,
    }
}

impl Dataset {
    /// What to say of where the dataset is (nothing once ready).
    pub fn status_text(&self) -> Signal<String> {
        let (status, i18n) = (self.status, use_i18n());
        Signal::derive(move || match status.get() {
            Status::Waiting | Status::Ready => String::new(),
            Status::Reading => t_string!(i18n, data_reading).to_string(),
            Status::Building => t_string!(i18n, data_building).to_string(),
            Status::Failed(reason) => reason,
        })
    }
}
