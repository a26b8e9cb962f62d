//! A municipality's page: its projects, population, subsidy per inhabitant and ranks,
//! its neighbours' projects (communes sharing a border in the topology), a locator map.

use crate::app::with_bundle;
use crate::components::contribute::Contribute;
use crate::data::Bundle;
use crate::i18n::*;
use crate::labels;
use crate::lang::language_of;
use crate::links::app_href;
use crate::title::document_title;
use explorer_core::contribute::{Draft, Intent};
use explorer_core::datasets::Project;
use explorer_core::explore::{commune_rank, map_layout, municipality_values, Metric, RankScope};
use explorer_core::format::{format_euros, format_number};
use explorer_core::municipality::WALLONIA;
use explorer_core::topology::neighbours;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The page of one municipality (`/commune/:nis`).
#[component]
pub fn CommunePage() -> impl IntoView {
    let params = use_params_map();
    view! {
        <section class="page" data-testid="commune-page">
            {with_bundle(move |bundle| {
                let nis = params.with(|p| p.get("nis").unwrap_or_default());
                view! { <CommuneView bundle nis /> }
            })}
        </section>
    }
}

fn project_list(projects: Vec<Project>, bundle: &Bundle) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let reference = bundle.reference.clone();
    move || {
        let locale = i18n.get_locale();
        let language = language_of(locale);
        projects
            .iter()
            .map(|p| {
                let title = labels::project_title(locale, p);
                let communes = labels::project_communes(locale, language, &reference, p);
                let subsidy = p.subsidy_eur.map(|v| format!(" — {}", format_euros(v, language))).unwrap_or_default();
                view! {
                    <li data-project=p.id.clone()>
                        <A href=app_href(&format!("/project/{}", p.id), language)>{title}</A>
                        " (" {communes} ", " {labels::call(locale, &explorer_core::explore::call_of(p))} ")" {subsidy}
                    </li>
                }
            })
            .collect_view()
    }
}

#[component]
fn CommuneView(bundle: Bundle, nis: String) -> impl IntoView {
    let i18n = use_i18n();
    let reference = bundle.reference.clone();
    let Some(municipality) = reference
        .municipality(&nis)
        .filter(|m| m.region == WALLONIA)
        .cloned()
    else {
        document_title(|| "Smart Région Explorer".to_string());
        return view! {
            <h1>{move || t_string!(i18n, commune_not_found)}</h1>
            <p><A href=move || app_href("/", language_of(i18n.get_locale()))>{move || t_string!(i18n, back_to_explorer)}</A></p>
        }
        .into_any();
    };
    let all = &bundle.projects.projects;
    let own: Vec<Project> = all
        .iter()
        .filter(|p| p.municipalities.contains(&nis))
        .cloned()
        .collect();
    let adjacent: Vec<String> = bundle
        .wallonia
        .as_ref()
        .ok()
        .and_then(|topology| neighbours(topology, "municipalities", "nis").remove(&nis))
        .unwrap_or_default();
    let neighbour_projects: Vec<Project> = all
        .iter()
        .filter(|p| {
            !p.municipalities.contains(&nis)
                && p.municipalities.iter().any(|m| adjacent.contains(m))
        })
        .cloned()
        .collect();
    let everything: Vec<usize> = (0..all.len()).collect();
    let per_inhabitant =
        municipality_values(&everything, all, &reference, Metric::SubsidyPerInhabitant);
    let own_value = per_inhabitant.get(&nis).copied();
    let rank_wallonia = commune_rank(&reference, &per_inhabitant, &nis, RankScope::Wallonia);
    let rank_province = commune_rank(&reference, &per_inhabitant, &nis, RankScope::Province);
    let locator = bundle
        .wallonia
        .as_ref()
        .ok()
        .and_then(|topology| map_layout(topology, "municipalities", 320.0).ok());

    let m = municipality.clone();
    let name = move || m.display_name(language_of(i18n.get_locale())).to_string();
    let name_for_title = name.clone();
    let m = municipality.clone();
    let reference_for_facts = reference.clone();
    let facts = move || {
        let locale = i18n.get_locale();
        let language = language_of(locale);
        let province = m
            .province
            .as_deref()
            .and_then(|p| reference_for_facts.province(p))
            .map(|p| p.name.get(language, &[]).to_string())
            .unwrap_or_default();
        let per_inhabitant = own_value.map_or_else(
            || td_string!(locale, amount_unknown).to_string(),
            |v| format!("{} €", format_number(v, 2, language)),
        );
        view! {
            <dl class="facts">
                <dt>{td_string!(locale, commune_province)}</dt>
                <dd>{province}</dd>
                <dt>{td_string!(locale, commune_population)}</dt>
                <dd data-testid="commune-population">{m.population.map(|p| format_number(f64::from(p), 0, language)).unwrap_or_default()}</dd>
                <dt>{td_string!(locale, commune_subsidy_per_inhabitant)}</dt>
                <dd>{per_inhabitant}</dd>
            </dl>
            {rank_wallonia.map(|(rank, of)| view! { <p>{td_string!(locale, commune_rank_wallonia, rank, of).to_string()}</p> })}
            {rank_province.map(|(rank, of)| view! { <p>{td_string!(locale, commune_rank_province, rank, of).to_string()}</p> })}
            {m.nis_2025.clone().map(|code| view! { <p>{td_string!(locale, commune_merged, code).to_string()}</p> })}
        }
    };
    let reference_for_neighbours = reference.clone();
    let neighbour_names = move || {
        let language = language_of(i18n.get_locale());
        adjacent
            .iter()
            .map(|n| {
                let name = labels::commune(&reference_for_neighbours, n, language);
                view! { <li data-nis=n.clone()><A href=app_href(&format!("/commune/{n}"), language)>{name}</A></li> }
            })
            .collect_view()
    };
    let has_own = !own.is_empty();
    let official_name = municipality
        .display_name(municipality.official_language())
        .to_string();
    let missing = Draft::new_project(Some(&official_name), None);
    let bundle_for_form = bundle.clone();
    let has_neighbour_projects = !neighbour_projects.is_empty();
    let locator_view = locator.map(|layout| {
        let shapes = layout
            .shapes
            .iter()
            .map(|s| {
                let class = if s.nis == nis { "locator__target" } else { "locator__other" };
                view! { <path d=s.d.clone() class=class /> }
            })
            .collect_view();
        view! {
            <svg class="locator" viewBox=format!("0 0 {} {}", layout.width, layout.height) role="img"
                aria-label=move || t_string!(i18n, commune_locator)>
                {shapes}
            </svg>
        }
    });
    let explore_href = move || {
        let language = language_of(i18n.get_locale());
        app_href(&format!("/?commune={}", municipality.nis), language)
    };
    document_title(move || format!("{} · Smart Région Explorer", name_for_title()));
    view! {
        <p><A href=move || app_href("/", language_of(i18n.get_locale()))>"← " {move || t_string!(i18n, back_to_explorer)}</A></p>
        <div class="commune-head">
            <div>
                <h1>{name}</h1>
                {facts}
                <p><A href=explore_href>{move || t_string!(i18n, explore_commune)}</A></p>
            </div>
            {locator_view}
        </div>
        <h2>{move || t_string!(i18n, commune_projects)}</h2>
        {if has_own {
            view! { <ul data-testid="commune-projects">{project_list(own, &bundle)}</ul> }.into_any()
        } else {
            view! { <p class="commune-none" data-testid="commune-no-project"><strong>{move || t_string!(i18n, commune_no_project)}</strong></p> }.into_any()
        }}
        <div class="contribute-box" data-testid="commune-contribute">
            <p>{move || t_string!(i18n, commune_lists_incomplete)}</p>
            <Contribute intent=Intent::Missing draft=missing bundle=bundle_for_form />
        </div>
        <h2>{move || t_string!(i18n, commune_neighbours)}</h2>
        {if has_neighbour_projects {
            view! { <ul data-testid="neighbour-projects">{project_list(neighbour_projects, &bundle)}</ul> }.into_any()
        } else {
            view! { <p>{move || t_string!(i18n, commune_neighbours_none)}</p> }.into_any()
        }}
        <h3>{move || t_string!(i18n, commune_neighbour_list)}</h3>
        <ul class="neighbours" data-testid="neighbours">{neighbour_names}</ul>
    }
    .into_any()
}
