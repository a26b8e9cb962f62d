//! What a page shows while the data load, and when they fail.

use crate::data::LoadError;
use crate::i18n::*;
use leptos::prelude::*;

/// A polite "loading" status.
pub fn loading_view() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="status" role="status" aria-live="polite" data-testid="loading">
            {t!(i18n, loading)}
        </p>
    }
}

/// The failed file and reason, with a button that fetches again.
pub fn error_view(error: LoadError, reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="load-error" role="alert" data-testid="load-error">
            <p><strong>{t!(i18n, load_error_title)}</strong></p>
            <p class="load-error__detail">{error.to_string()}</p>
            <button type="button" data-testid="retry" on:click=move |_| reload.update(|n| *n += 1)>
                {t!(i18n, retry)}
            </button>
        </div>
    }
}
