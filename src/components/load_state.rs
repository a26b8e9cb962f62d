//! What a page shows while the data load, and when they fail.

use crate::data::{LoadError, LoadProgress};
use crate::i18n::*;
use leptos::prelude::*;

/// A polite "loading" status, with how many files have arrived when `progress`
/// is given.
pub fn loading_view(progress: Option<RwSignal<LoadProgress>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="status" role="status" aria-live="polite" data-testid="loading">
            {move || t_string!(i18n, loading)}
            {progress.map(|p| view! {
                " "
                <progress data-testid="loading-progress" max=move || p.get().total.max(1)
                    value=move || p.get().done aria-label=move || t_string!(i18n, loading_files, done = p.get().done, total = p.get().total)></progress>
                " "
                <span data-testid="loading-files">{move || t_string!(i18n, loading_files, done = p.get().done, total = p.get().total)}</span>
            })}
        </p>
    }
}

/// The failed file and reason, with a button that fetches again.
pub fn error_view(error: LoadError, reload: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="load-error" role="alert" data-testid="load-error">
            <p><strong>{move || t_string!(i18n, load_error_title)}</strong></p>
            <p class="load-error__detail">{error.to_string()}</p>
            <button type="button" data-testid="retry" on:click=move |_| reload.update(|n| *n += 1)>
                {move || t_string!(i18n, retry)}
            </button>
        </div>
    }
}
