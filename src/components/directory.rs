//! The directory of the Walloon municipalities grouped by province, each linking to its page.

use crate::data::Bundle;
use crate::i18n::*;
use crate::lang::language_of;
use crate::links::app_href;
use explorer_core::municipality::WALLONIA;
use leptos::prelude::*;
use leptos_router::components::A;

/// The list of Walloon municipalities, grouped by province.
#[component]
pub fn MunicipalityDirectory(bundle: Bundle) -> impl IntoView {
    let i18n = use_i18n();
    let reference = bundle.reference;
    let total = reference.in_region(WALLONIA).count();
    let groups = move || {
        let language = language_of(i18n.get_locale());
        reference
            .by_province(WALLONIA, language)
            .into_iter()
            .map(|group| {
                let province = group.province.name.get(language, &[]).to_string();
                let count = group.municipalities.len();
                let items = group
                    .municipalities
                    .iter()
                    .map(|m| {
                        let name = m.display_name(language).to_string();
                        let population = m.population.map(|p| p.to_string()).unwrap_or_default();
                        let href = app_href(&format!("/commune/{}", m.nis), language);
                        view! {
                            <li data-nis=m.nis.clone()>
                                <A href=href><span class="municipality__name">{name}</span></A>
                                " "
                                <span class="municipality__population">{population} " " {t!(i18n, inhabitants)}</span>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="province-group" data-province=group.province.nis.clone()>
                        <h3>{province} " " <small>"(" {t!(i18n, municipality_count, count)} ")"</small></h3>
                        <ul class="municipality-list">{items}</ul>
                    </section>
                }
            })
            .collect_view()
    };
    view! {
        <section class="directory" aria-labelledby="directory-heading">
            <h2 id="directory-heading">{t!(i18n, municipalities_heading, count = move || total)}</h2>
            <p>{t!(i18n, municipalities_intro)}</p>
            <div data-testid="municipality-list">{groups}</div>
        </section>
    }
}
