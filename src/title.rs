//! The document's title.

use leptos::prelude::*;

/// Keeps the document's title to `title` while the calling component lives (set once it
/// is mounted, then whenever `title` changes). Not leptos_meta's `<Title>`: its code is
/// 3 KB gzip of the explorer's wasm for this one string.
pub fn document_title(title: impl Fn() -> String + 'static) {
    Effect::new(move |_| {
        let title = title();
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&title);
        }
    });
}
