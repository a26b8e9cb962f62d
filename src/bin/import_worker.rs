//! The import worker: a Web Worker that parses the user's own files (see
//! `explorer_core::import::session`) so that the page stays responsive however
//! large the file. It receives `{ request, bytes }` messages, `request` being a
//! JSON [`Request`](explorer_core::import::session::Request) and `bytes` an
//! optional `ArrayBuffer` (the file), and answers each with the JSON text of a
//! [`Reply`](explorer_core::import::session::Reply) — or, for the open-data explorer,
//! a [`DatasetRequest`] answered by its `DatasetReply`, the dataset staying here.
//! Built by Trunk as a worker (`data-type="worker"`), loaded by
//! `import-worker_loader.js`.

use explorer_core::import::session::{Reply, Session};
use explorer_core::open_data::session::{DatasetRequest, DatasetSession};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let session = RefCell::new(Session::default());
    let datasets = RefCell::new(DatasetSession::default());
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let request = js_sys::Reflect::get(&data, &"request".into())
            .ok()
            .and_then(|r| r.as_string())
            .unwrap_or_default();
        let bytes = js_sys::Reflect::get(&data, &"bytes".into())
            .ok()
            .filter(|b| b.is_instance_of::<js_sys::ArrayBuffer>())
            .map(|b| js_sys::Uint8Array::new(&b).to_vec())
            .unwrap_or_default();
        let reply = if DatasetRequest::is_dataset_request(&request) {
            datasets.borrow_mut().handle_json(&request, &bytes)
        } else {
            session.borrow_mut().handle_json(&request, &bytes)
        };
        let _ = reply_scope.post_message(&JsValue::from_str(&reply));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    if let Ok(ready) = serde_json::to_string(&Reply::Ready) {
        let _ = scope.post_message(&JsValue::from_str(&ready));
    }
}
