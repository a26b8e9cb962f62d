//! The barometer page (charts come with the barometer issue).

use crate::i18n::*;
use leptos::prelude::*;

/// The barometer page.
#[component]
pub fn BarometerPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page">
            <h1>{t!(i18n, barometer_heading)}</h1>
            <p>{t!(i18n, barometer_intro)}</p>
        </section>
    }
}
