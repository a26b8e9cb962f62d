//! Saving a file from the browser: a Blob behind a temporary `<a download>` link.

use wasm_bindgen::JsCast;

/// Offers `content` for download as `file_name` with the given MIME type.
pub fn save_text(file_name: &str, mime: &str, content: &str) {
    let parts = js_sys::Array::of1(&content.into());
    save_parts(file_name, mime, &parts);
}

/// Offers a Blob (e.g. a canvas's PNG) for download.
pub fn save_blob(file_name: &str, blob: &web_sys::Blob) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return;
    };
    click_link(file_name, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
}

fn save_parts(file_name: &str, mime: &str, parts: &js_sys::Array) {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(parts, &options) else {
        return;
    };
    save_blob(file_name, &blob);
}

fn click_link(file_name: &str, url: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(link) = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    link.set_href(url);
    link.set_download(file_name);
    link.click();
}
