//! A project's page: every field, its municipalities, sources, the call's context and
//! similar projects elsewhere.

use crate::app::with_bundle;
use crate::components::contribute::Contribute;
use crate::components::results::commune_links;
use crate::data::Bundle;
use crate::i18n::*;
use crate::labels;
use crate::lang::language_of;
use crate::links::{app_href, programme_call_href};
use crate::title::document_title;
use explorer_core::charts::prepare::source_links;
use explorer_core::charts::SourceLink;
use explorer_core::contribute::{Draft, Intent};
use explorer_core::explore::{call_of, similar_projects};
use explorer_core::format::format_date;
use explorer_core::format::format_euros;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The page of one project (`/project/:id`).
#[component]
pub fn ProjectPage() -> impl IntoView {
    let params = use_params_map();
    view! {
        <section class="page" data-testid="project-page">
            {with_bundle(move |bundle| {
                let id = params.with(|p| p.get("id").unwrap_or_default());
                view! { <ProjectView bundle id /> }
            })}
        </section>
    }
}

/// A source by its host (a web page, linked, its address in the tooltip) or its
/// document's name (not linked).
fn source_item(source: SourceLink) -> AnyView {
    match source.url {
        Some(url) => view! {
            <li><a href=url.clone() title=url rel="noopener noreferrer" target="_blank">{source.label}</a></li>
        }
        .into_any(),
        None => view! { <li>{source.label}</li> }.into_any(),
    }
}

#[component]
fn ProjectView(bundle: Bundle, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let Some(project) = bundle
        .projects
        .projects
        .iter()
        .find(|p| p.id == id)
        .cloned()
    else {
        document_title(|| "Smart Région Explorer".to_string());
        return view! {
            <h1>{move || t_string!(i18n, project_not_found)}</h1>
            <p><A href=move || app_href("/", language_of(i18n.get_locale()))>{move || t_string!(i18n, back_to_explorer)}</A></p>
        }
        .into_any();
    };
    let reference = bundle.reference.clone();
    let bundle_for_form = bundle.clone();
    let call = bundle
        .calls
        .iter()
        .find(|c| c.call_year == project.call_year && c.phase == project.phase)
        .cloned();
    let coverage = bundle
        .projects
        .coverage
        .iter()
        .find(|c| c.call_year == project.call_year && c.phase == project.phase)
        .cloned();
    let similar: Vec<_> = similar_projects(&bundle.projects.projects, &project.id, 5)
        .into_iter()
        .filter_map(|i| bundle.projects.projects.get(i).cloned())
        .collect();
    let p = project.clone();
    let title = move || labels::project_title(i18n.get_locale(), &p);
    let title_for_head = title.clone();
    let p = project.clone();
    let selected_on = call.as_ref().and_then(|c| {
        c.government_decision
            .clone()
            .or(c.results_first_reported.clone())
    });
    let details = move || {
        let locale = i18n.get_locale();
        let language = language_of(locale);
        let euros = |v: Option<f64>| {
            v.map_or_else(
                || td_string!(locale, amount_unknown).to_string(),
                |v| format_euros(v, language),
            )
        };
        let communes = commune_links(locale, language, &reference, &p);
        view! {
            <dl class="facts">
                <dt>{td_string!(locale, project_lead)}</dt>
                <dd>{p.lead_applicant.clone().unwrap_or_else(|| "?".into())}</dd>
                <dt>{td_string!(locale, project_lead_type)}</dt>
                <dd>{p.lead_type.map(|t| labels::applicant(locale, t)).unwrap_or_else(|| "?".into())}</dd>
                <dt>{td_string!(locale, project_municipalities)}</dt>
                <dd>{communes}</dd>
                <dt>{td_string!(locale, col_theme)}</dt>
                <dd>{labels::theme(locale, p.theme)}</dd>
                <dt>{td_string!(locale, col_status)}</dt>
                <dd>{labels::status(locale, p.status)}</dd>
                <dt>{td_string!(locale, col_year)}</dt>
                <dd>{labels::call(locale, &call_of(&p))}</dd>
                <dt>{td_string!(locale, col_subsidy)}</dt>
                <dd>{euros(p.subsidy_eur)}</dd>
                <dt>{td_string!(locale, project_total_budget)}</dt>
                <dd>{euros(p.total_budget_eur)}</dd>
                {selected_on.clone().map(|date| view! {
                    <dt>{td_string!(locale, project_selected_on)}</dt>
                    <dd data-testid="project-selected-on">{format_date(&date, language)}</dd>
                })}
                {p.completed_on.clone().map(|date| view! {
                    <dt>{td_string!(locale, project_completed_on)}</dt>
                    <dd data-testid="project-completed-on">{format_date(&date, language)}</dd>
                })}
            </dl>
        }
    };
    let project_for_context = project.clone();
    let context = move || {
        let locale = i18n.get_locale();
        let (Some(call), Some(coverage)) = (call.clone(), coverage.clone()) else {
            return None;
        };
        let text = td_string!(
            locale,
            project_call_figures,
            submitted = call.submitted.map_or("?".to_string(), |n| n.to_string()),
            selected = call.selected.map_or("?".to_string(), |n| n.to_string()),
            documented = coverage.documented
        )
        .to_string();
        let programme = td_string!(
            locale,
            programme_call_link,
            call = labels::call(locale, &call_of(&project_for_context))
        )
        .to_string();
        Some(view! {
            <h2>{td_string!(locale, project_call_context)}</h2>
            <p><strong>{call.name.clone()}</strong></p>
            <p data-testid="call-context">{text}</p>
            <p><a href=programme_call_href(call.call_year, language_of(locale)) data-testid="call-context-programme">{programme}</a></p>
        })
    };
    let similar_view = move || {
        let locale = i18n.get_locale();
        let language = language_of(locale);
        if similar.is_empty() {
            return view! { <p>{td_string!(locale, project_similar_none)}</p> }.into_any();
        }
        view! {
            <ul data-testid="similar-projects">
                {similar.iter().map(|s| {
                    let title = labels::project_title(locale, s);
                    let communes = labels::project_communes(locale, language, &bundle.reference, s);
                    view! { <li><A href=app_href(&format!("/project/{}", s.id), language)>{title}</A>" — "{communes}</li> }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let sources = source_links(project.sources.iter().map(String::as_str), |_| None)
        .into_iter()
        .map(source_item)
        .collect_view();
    let note = project.note.clone().map(|note| {
        view! {
            <aside class="project-note" data-testid="project-note">
                <strong>{move || t_string!(i18n, project_note)}</strong>" "{note}
            </aside>
        }
    });
    let correction = Draft::from_project(&project);
    document_title(move || format!("{} · Smart Région Explorer", title_for_head()));
    view! {
        <p><A href=move || app_href("/", language_of(i18n.get_locale()))>"← " {move || t_string!(i18n, back_to_explorer)}</A></p>
        <h1>{title}</h1>
        {note}
        {details}
        {context}
        <h2>{move || t_string!(i18n, project_sources)}</h2>
        <ul class="sources" data-testid="project-sources">{sources}</ul>
        <p><Contribute intent=Intent::Correction draft=correction bundle=bundle_for_form /></p>
        <h2>{move || t_string!(i18n, project_similar)}</h2>
        {similar_view}
    }
    .into_any()
}
