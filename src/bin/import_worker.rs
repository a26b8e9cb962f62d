//! The import worker: a Web Worker that parses the user's own files (see
//! `explorer_core::import::session`) so that the page stays responsive however
//! large the file. It receives `{ request, bytes }` messages, `request` being a
//! JSON [`Request`](explorer_core::import::session::Request) and `bytes` an
//! optional `ArrayBuffer` (the file), and answers each with the JSON text of a
//! [`Reply`](explorer_core::import::session::Reply) — or, for the open-data explorer,
//! a [`DatasetRequest`] answered by its `DatasetReply`, the dataset staying here;
//! once a dataset is shown, its text fields are indexed for search when no message
//! waits (`DatasetSession::work_when_idle`).
//! Built by Trunk as a worker (`data-type="worker"`), loaded by
//! `import-worker_loader.js`.

use explorer_core::import::columns::MAX_DATASET_BYTES;
use explorer_core::import::report::Issue;
use explorer_core::import::session::{Reply, Session};
use explorer_core::open_data::session::{DatasetReply, DatasetRequest, DatasetSession};
use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

/// Bytes a file is read by, from a `Blob`, each slice a piece the reader frees once
/// parsed: the smaller the pieces, the sooner the file's bytes go (1 MiB and 8 MiB
/// measured alike at 1M rows; the memory is the columns' and the table's).
const SLICE: usize = 1024 * 1024;

/// The bytes sent along a request: an `ArrayBuffer`'s, or a file's (`Blob`), read in
/// slices straight into this worker's memory, each kept as a piece of its own so that
/// the reader frees it once read (`explorer_core::import::pieces`): the file is never
/// held twice, nor whole beside its columns. At most one byte more than a dataset may
/// have, so that the reader says it is too large.
fn pieces_of(value: &JsValue) -> Result<Vec<Vec<u8>>, String> {
    if value.is_instance_of::<js_sys::ArrayBuffer>() {
        return Ok(vec![js_sys::Uint8Array::new(value).to_vec()]);
    }
    let Some(blob) = value.dyn_ref::<Blob>() else {
        return Ok(Vec::new());
    };
    let size = (blob.size() as usize).min(MAX_DATASET_BYTES + 1);
    let reader = FileReaderSync::new().map_err(|e| format!("cannot read the file: {e:?}"))?;
    let mut pieces = Vec::with_capacity(size.div_ceil(SLICE));
    let mut start = 0;
    while start < size {
        let end = (start + SLICE).min(size);
        let slice = blob
            .slice_with_f64_and_f64(start as f64, end as f64)
            .and_then(|slice| reader.read_as_array_buffer(&slice))
            .map_err(|e| format!("the file could not be read (changed or removed?): {e:?}"))?;
        let piece = js_sys::Uint8Array::new(&slice).to_vec();
        if piece.is_empty() {
            break;
        }
        start += piece.len();
        pieces.push(piece);
    }
    Ok(pieces)
}

fn main() {
    // A build with panic messages logs them; with `-Cpanic=immediate-abort` a panic is a
    // trap, which the page sees as the worker's `error` event.
    #[cfg(not(panic = "immediate-abort"))]
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let session = RefCell::new(Session::default());
    let datasets = Rc::new(RefCell::new(DatasetSession::default()));
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let request = js_sys::Reflect::get(&data, &"request".into())
            .ok()
            .and_then(|r| r.as_string())
            .unwrap_or_default();
        let pieces = js_sys::Reflect::get(&data, &"bytes".into())
            .map(|b| pieces_of(&b))
            .unwrap_or_else(|_| Ok(Vec::new()));
        let reply = match pieces {
            Ok(pieces) if DatasetRequest::is_dataset_request(&request) => datasets
                .borrow_mut()
                .handle_json(&request, pieces.into_iter().map(Cow::Owned).collect()),
            // The imports of the explorer's own kind are small: read whole.
            Ok(pieces) => session.borrow_mut().handle_json(&request, &pieces.concat()),
            // Answered as an unreadable dataset request (id 0): only the data explorer
            // sends files.
            Err(reason) => serde_json::to_string(&DatasetReply::Failed {
                id: 0,
                issue: Issue::new(reason),
            })
            .unwrap_or_default(),
        };
        let _ = reply_scope.post_message(&JsValue::from_str(&reply));
        if datasets.borrow().wants_idle() {
            // After the messages already waiting: a new view is answered first.
            let idle = datasets.clone();
            let work = Closure::once_into_js(move || idle.borrow().work_when_idle());
            let _ = reply_scope
                .set_timeout_with_callback_and_timeout_and_arguments_0(work.unchecked_ref(), 0);
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    if let Ok(ready) = serde_json::to_string(&Reply::Ready) {
        let _ = scope.post_message(&JsValue::from_str(&ready));
    }
}
