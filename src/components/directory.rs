//! The directory of the Walloon municipalities grouped by province, each linking to
//! its page, with a box that narrows the list to the names containing what is typed
//! (in any of the municipality's languages, accents and case ignored) or a NIS code.
//!
//! Anchor: `directory`. Test hooks: `municipality-list`, `directory-filter`,
//! `directory-count`, `directory-none`; each province `[data-province]`, each
//! municipality `li[data-nis]`.

use crate::data::Bundle;
use crate::i18n::*;
use crate::lang::language_of;
use crate::links::app_href;
use explorer_core::language::Language;
use explorer_core::municipality::{Municipality, WALLONIA};
use explorer_core::text::fold;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::{BTreeMap, BTreeSet};

/// The list of Walloon municipalities, grouped by province.
#[component]
pub fn MunicipalityDirectory(bundle: Bundle) -> impl IntoView {
    let i18n = use_i18n();
    let reference = bundle.reference;
    let total = reference.in_region(WALLONIA).count();
    // Every municipality's names, folded once: what the filter box searches.
    let names: BTreeMap<String, Vec<String>> = reference
        .in_region(WALLONIA)
        .map(|m| (m.nis.clone(), searchable_names(m)))
        .collect();
    let typed = RwSignal::new(String::new());
    let query = Memo::new(move |_| typed.with(|t| fold(t.trim())));
    // The NIS codes the query keeps (all of them for an empty query).
    let shown = Memo::new(move |_| {
        query.with(|query| {
            names
                .iter()
                .filter(|(nis, names)| {
                    query.is_empty()
                        || nis.starts_with(query.as_str())
                        || names.iter().any(|name| name.contains(query.as_str()))
                })
                .map(|(nis, _)| nis.clone())
                .collect::<BTreeSet<String>>()
        })
    });
    let count = move || shown.with(|s| s.len());
    let groups = move || {
        let language = language_of(i18n.get_locale());
        reference
            .by_province(WALLONIA, language)
            .into_iter()
            .map(|group| {
                let province = group.province.name.get(language, &[]).to_string();
                let members: Vec<String> = group.municipalities.iter().map(|m| m.nis.clone()).collect();
                let group_shown = move || {
                    shown.with(|s| members.iter().filter(|nis| s.contains(*nis)).count())
                };
                let hidden = {
                    let group_shown = group_shown.clone();
                    move || group_shown() == 0
                };
                let items = group
                    .municipalities
                    .iter()
                    .map(|m| {
                        let name = m.display_name(language).to_string();
                        let population = m.population.map(|p| p.to_string()).unwrap_or_default();
                        let href = app_href(&format!("/commune/{}", m.nis), language);
                        let nis = m.nis.clone();
                        let hidden = move || shown.with(|s| !s.contains(&nis));
                        view! {
                            <li data-nis=m.nis.clone() hidden=hidden>
                                <A href=href><span class="municipality__name">{name}</span></A>
                                " "
                                <span class="municipality__population">{population} " " {move || t_string!(i18n, inhabitants)}</span>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="province-group" data-province=group.province.nis.clone() hidden=hidden>
                        <h3>{province} " " <small>"(" {move || t_string!(i18n, municipality_count, count = group_shown())} ")"</small></h3>
                        <ul class="municipality-list">{items}</ul>
                    </section>
                }
            })
            .collect_view()
    };
    view! {
        <section class="directory" id="directory" aria-labelledby="directory-heading">
            <h2 id="directory-heading">{move || t_string!(i18n, municipalities_heading, count = total)}</h2>
            <p>{move || t_string!(i18n, municipalities_intro)}</p>
            <div class="directory__search">
                <label for="directory-filter">{move || t_string!(i18n, directory_filter_label)}</label>
                <input id="directory-filter" type="search" data-testid="directory-filter" autocomplete="off"
                    prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev)) />
                <span role="status" data-testid="directory-count" data-count=count>
                    {move || t_string!(i18n, municipality_count, count = count())}
                </span>
            </div>
            <p class="directory__none" data-testid="directory-none" hidden=move || count() != 0>
                {move || t_string!(i18n, directory_no_match)}
            </p>
            <div data-testid="municipality-list">{groups}</div>
        </section>
    }
}

/// A municipality's names in every language it has one, folded for matching.
fn searchable_names(municipality: &Municipality) -> Vec<String> {
    let mut names: Vec<String> = Language::ALL
        .into_iter()
        .filter_map(|language| municipality.name.in_language(language))
        .map(fold)
        .collect();
    names.dedup();
    names
}
