//! The page's side of the import worker (`src/bin/import_worker.rs`): starts it,
//! queues requests until it says it is ready, transfers file bytes to it without
//! copying, and hands every reply — or the worker's crash — to a callback. The same
//! worker answers the import dialog (`import::session`) and the open-data explorer
//! (`open_data::session`): the caller names the replies it reads.

use explorer_core::import::session::Reply;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};

/// The worker's loader script as Trunk names it (after the binary, no hash); the
/// built site renames it by its content hash and names it in a meta (see
/// `datakit site`), which [`loader`] reads.
const LOADER: &str = "import-worker_loader.js";

/// The worker loader's file name: from `<meta name="sre-import-worker">`, else [`LOADER`].
fn loader() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("meta[name=\"sre-import-worker\"]")
                .ok()
                .flatten()
        })
        .and_then(|meta| meta.get_attribute("content"))
        .filter(|name| !name.is_empty() && !name.contains(['/', ':']))
        .unwrap_or_else(|| LOADER.to_string())
}

/// A file sent along a request: its bytes, transferred (the buffer is then empty on this
/// side), or the file itself, which the worker reads in slices (the page never holds
/// its bytes, and the worker holds them once, in its wasm memory).
pub enum Payload {
    /// Bytes read already (a file fetched from an address).
    Bytes(js_sys::ArrayBuffer),
    /// A file chosen by the user.
    File(web_sys::File),
}

/// A message waiting for the worker to be ready.
type Pending = (String, Option<Payload>);

/// A running import worker; dropping it terminates the worker.
pub struct ImportWorker {
    worker: Worker,
    /// `None` once the worker said it is ready; until then, what to send it.
    queue: Rc<RefCell<Option<Vec<Pending>>>>,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(ErrorEvent)>,
}

impl ImportWorker {
    /// Starts the worker found under `base`; each reply (read as `R`) goes to
    /// `on_reply`, and a crash of the worker (it cannot load, or it panicked) as
    /// `Err(reason)`, after which this worker must be replaced.
    pub fn start<R: DeserializeOwned + 'static>(
        base: &str,
        on_reply: impl Fn(Result<R, String>) + 'static,
    ) -> Result<Self, String> {
        let ready = serde_json::to_string(&Reply::Ready).unwrap_or_default();
        let worker = Worker::new(&format!("{base}{}", loader()))
            .map_err(|e| format!("cannot start the import worker: {e:?}"))?;
        let on_reply = Rc::new(on_reply);
        let queue: Rc<RefCell<Option<Vec<Pending>>>> = Rc::new(RefCell::new(Some(Vec::new())));

        let (reply_to, ready_worker, ready_queue) =
            (on_reply.clone(), worker.clone(), queue.clone());
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let text = event.data().as_string().unwrap_or_default();
            if text == ready {
                let pending = ready_queue.borrow_mut().take().unwrap_or_default();
                for (request, bytes) in pending {
                    post(&ready_worker, &request, bytes.as_ref());
                }
                return;
            }
            match serde_json::from_str::<R>(&text) {
                Ok(reply) => reply_to(Ok(reply)),
                Err(error) => reply_to(Err(format!(
                    "unreadable reply from the import worker: {error}"
                ))),
            }
        });
        let on_error = Closure::<dyn Fn(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            let message = event.message();
            on_reply(Err(if message.is_empty() {
                "the import worker could not be loaded".to_string()
            } else {
                message
            }));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(ImportWorker {
            worker,
            queue,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Sends `request`, with its file.
    pub fn send(&self, request: &impl Serialize, bytes: Option<Payload>) {
        let Ok(text) = serde_json::to_string(request) else {
            return;
        };
        match self.queue.borrow_mut().as_mut() {
            Some(pending) => pending.push((text, bytes)),
            None => post(&self.worker, &text, bytes.as_ref()),
        }
    }
}

impl Drop for ImportWorker {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

/// Posts `{ request, bytes }`, transferring the bytes of a [`Payload::Bytes`].
fn post(worker: &Worker, request: &str, bytes: Option<&Payload>) {
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"request".into(), &JsValue::from_str(request));
    let transfer = js_sys::Array::new();
    match bytes {
        Some(Payload::Bytes(bytes)) => {
            let _ = js_sys::Reflect::set(&message, &"bytes".into(), bytes);
            transfer.push(bytes);
        }
        Some(Payload::File(file)) => {
            let _ = js_sys::Reflect::set(&message, &"bytes".into(), file);
        }
        None => {}
    }
    let _ = worker.post_message_with_transfer(&message, &transfer);
}
