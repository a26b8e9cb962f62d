//! "Signaler un projet manquant" / "Proposer une correction": a form that
//! prefills what the page knows, checks the row with the rules of
//! `datakit validate --kind projects` as the reader types
//! ([`Draft::check`](explorer_core::contribute::Draft::check)), shows the CSV
//! row with a download, and, when the site was built with a repository
//! (`<meta name="sre-repository">`, from `SRE_REPO_URL`), links to a new issue
//! there prefilled with the row and its sources. No server is involved.
//!
//! Test hooks: `contribute-open`, `contribute-form`, `contribute-field-<field>`,
//! `contribute-error-<field>`, `contribute-row`, `contribute-download`,
//! `contribute-issue-link`, `contribute-no-repository`.

use crate::data::Bundle;
use crate::download::save_text;
use crate::i18n::*;
use crate::labels;
use explorer_core::contribute::{Draft, Intent, Problem, ProblemKind};
use explorer_core::datasets::{CallId, LeadType, ProjectStatus, Theme, TitleStatus};
use leptos::prelude::*;

/// The repository contributions go to, from the page's `sre-repository` meta.
fn repository() -> Option<String> {
    let meta = web_sys::window()?
        .document()?
        .query_selector("meta[name=\"sre-repository\"]")
        .ok()??;
    meta.get_attribute("content").filter(|c| !c.is_empty())
}

/// The label of a field of the form, in `locale`.
fn field_label(locale: Locale, field: &str) -> String {
    match field {
        "id" => td_string!(locale, contribute_field_id),
        "title" => td_string!(locale, col_title),
        "title_status" => td_string!(locale, contribute_field_title_status),
        "lead_applicant" => td_string!(locale, project_lead),
        "lead_type" => td_string!(locale, project_lead_type),
        "municipalities" => td_string!(locale, contribute_field_municipalities),
        "theme" => td_string!(locale, col_theme),
        "status" => td_string!(locale, col_status),
        "subsidy_eur" => td_string!(locale, col_subsidy),
        "total_budget_eur" => td_string!(locale, project_total_budget),
        "completed_on" => td_string!(locale, project_completed_on),
        "note" => td_string!(locale, project_note),
        "sources" => td_string!(locale, contribute_field_sources),
        _ => "",
    }
    .to_string()
}

/// A problem in the reader's language where its kind is known (else English).
fn problem_text(locale: Locale, problem: &Problem) -> String {
    match problem.kind {
        ProblemKind::Missing => td_string!(locale, contribute_err_missing).to_string(),
        ProblemKind::NotHttps => td_string!(locale, contribute_err_https).to_string(),
        ProblemKind::IdTaken => td_string!(locale, contribute_err_id_taken).to_string(),
        ProblemKind::Invalid => problem.message.clone(),
    }
}

/// The choices of a keyword field: `(value, label)`, the empty choice first
/// when the field is optional.
fn choices(locale: Locale, field: &str) -> Vec<(String, String)> {
    let none = || (String::new(), "—".to_string());
    match field {
        "title_status" => TitleStatus::ALL
            .iter()
            .map(|s| {
                let label = match s {
                    TitleStatus::Published => td_string!(locale, contribute_title_published),
                    TitleStatus::Paraphrased => td_string!(locale, title_paraphrased),
                    TitleStatus::Unpublished => td_string!(locale, title_unpublished),
                };
                (s.as_str().to_string(), label.to_string())
            })
            .collect(),
        "lead_type" => std::iter::once(none())
            .chain(
                LeadType::ALL
                    .iter()
                    .map(|t| (t.as_str().to_string(), labels::applicant(locale, *t))),
            )
            .collect(),
        "theme" => std::iter::once(none())
            .chain(
                Theme::ALL
                    .iter()
                    .map(|t| (t.as_str().to_string(), labels::theme(locale, Some(*t)))),
            )
            .collect(),
        "status" => ProjectStatus::ALL
            .iter()
            .map(|s| (s.as_str().to_string(), labels::status(locale, *s)))
            .collect(),
        _ => Vec::new(),
    }
}

/// The button that opens the contribution form, and the form.
#[component]
pub fn Contribute(
    /// A missing project or a correction.
    intent: Intent,
    /// What the page knows already.
    draft: Draft,
    /// The calls (for the call choice), the reference (municipality names) and
    /// the ids taken.
    bundle: Bundle,
) -> impl IntoView {
    let i18n = use_i18n();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let initial = StoredValue::new(draft.clone());
    let draft = RwSignal::new(draft);
    let touched = RwSignal::new(intent == Intent::Correction);
    let ids: Vec<String> = bundle
        .projects
        .projects
        .iter()
        .map(|p| p.id.clone())
        .collect();
    let reference = bundle.reference.clone();
    let ids_for_draft = ids.clone();
    let effective = Memo::new(move |_| {
        let mut d = draft.get();
        if d.get("id").trim().is_empty() {
            let taken: Vec<&str> = ids_for_draft.iter().map(String::as_str).collect();
            if let Some(id) = d.suggested_id(&taken) {
                d.set("id", id);
            }
        }
        d
    });
    let checked = Memo::new(move |_| {
        let taken: Vec<&str> = ids.iter().map(String::as_str).collect();
        let (project, problems) = effective.with(|d| d.check(intent, &taken, &reference));
        (project.is_some(), problems)
    });
    let valid = move || checked.with(|(ok, _)| *ok);
    let repository = repository();
    let has_repository = repository.is_some();
    let open = move |_| {
        if let Some(dialog) = dialog.get_untracked() {
            let _ = dialog.show_modal();
        }
    };
    let close = move |_| {
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
    };
    let set = move |field: &'static str, value: String| {
        touched.set(true);
        draft.update(|d| d.set(field, value));
    };
    let error = move |field: &'static str| {
        move || {
            let locale = i18n.get_locale();
            touched.get().then(|| {
                checked.with(|(_, problems)| {
                    let texts: Vec<String> = problems
                        .iter()
                        .filter(|p| p.field == field || (field == "call_year" && p.field == "phase"))
                        .map(|p| problem_text(locale, p))
                        .collect();
                    (!texts.is_empty()).then(|| {
                        view! {
                            <p class="contribute__error" id=format!("contribute-error-{field}")
                                data-testid=format!("contribute-error-{field}")>{texts.join(" ")}</p>
                        }
                    })
                })
            })
        }
    };
    let text_field = move |field: &'static str, multiline: bool| {
        let value = initial.with_value(|d| d.get(field).to_string());
        let readonly = intent == Intent::Correction && field == "id";
        let placeholder =
            move || (field == "id").then(|| effective.with(|d| d.get("id").to_string()));
        let input = if multiline {
            view! {
                <textarea data-testid=format!("contribute-field-{field}") rows="3"
                    aria-describedby=format!("contribute-error-{field}")
                    on:input=move |ev| set(field, event_target_value(&ev))>{value}</textarea>
            }
            .into_any()
        } else {
            view! {
                <input type="text" data-testid=format!("contribute-field-{field}") value=value
                    readonly=readonly placeholder=placeholder
                    aria-describedby=format!("contribute-error-{field}")
                    on:input=move |ev| set(field, event_target_value(&ev)) />
            }
            .into_any()
        };
        view! {
            <label class="field">
                <span>{move || field_label(i18n.get_locale(), field)}</span>
                {input}
                {error(field)}
            </label>
        }
    };
    let select_field = move |field: &'static str| {
        let current = initial.with_value(|d| d.get(field).to_string());
        let options = move || {
            let current = current.clone();
            choices(i18n.get_locale(), field)
                .into_iter()
                .map(|(value, label)| {
                    let selected = value == current;
                    view! { <option value=value selected=selected>{label}</option> }
                })
                .collect_view()
        };
        view! {
            <label class="field">
                <span>{move || field_label(i18n.get_locale(), field)}</span>
                <select data-testid=format!("contribute-field-{field}")
                    on:change=move |ev| set(field, event_target_value(&ev))>{options}</select>
                {error(field)}
            </label>
        }
    };
    let calls: Vec<String> = bundle
        .calls
        .iter()
        .map(|c| CallId::of(c).to_string())
        .collect();
    let current_call = initial.with_value(Draft::call);
    let call_options = move || {
        let locale = i18n.get_locale();
        std::iter::once(String::new())
            .chain(calls.iter().cloned())
            .map(|call| {
                let label = if call.is_empty() {
                    "—".to_string()
                } else {
                    labels::call(locale, &call)
                };
                let selected = call == current_call;
                view! { <option value=call selected=selected>{label}</option> }
            })
            .collect_view()
    };
    let on_call = move |ev: leptos::ev::Event| {
        let call = event_target_value(&ev);
        touched.set(true);
        draft.update(|d| d.set_call(&call));
    };
    let row = move || effective.with(Draft::csv_row);
    let download = move |_| {
        let d = effective.get_untracked();
        let name = format!("{}.csv", d.get("id"));
        save_text(&name, "text/csv;charset=utf-8", &d.csv_file());
    };
    let issue_link = move || {
        let repository = repository.clone()?;
        valid().then(|| {
            let href = effective.with(|d| d.issue_url(&repository, intent))?;
            Some(view! {
                <a class="button" data-testid="contribute-issue-link" href=href
                    target="_blank" rel="noopener noreferrer">{move || t_string!(i18n, contribute_issue_link)}</a>
            })
        })
    };
    let open_label = move || {
        let locale = i18n.get_locale();
        match intent {
            Intent::Missing => td_string!(locale, contribute_missing),
            Intent::Correction => td_string!(locale, contribute_correction),
        }
        .to_string()
    };
    let title = move || {
        let locale = i18n.get_locale();
        match intent {
            Intent::Missing => td_string!(locale, contribute_missing_title),
            Intent::Correction => td_string!(locale, contribute_correction_title),
        }
        .to_string()
    };
    view! {
        <button type="button" class="button" data-testid="contribute-open" on:click=open>{open_label}</button>
        <dialog node_ref=dialog class="contribute" aria-labelledby="contribute-title">
            <form data-testid="contribute-form" method="dialog" on:submit=|ev| ev.prevent_default()>
                <h2 id="contribute-title">{title}</h2>
                <p>{move || t_string!(i18n, contribute_intro)}</p>
                <div class="contribute__fields">
                    <label class="field">
                        <span>{move || t_string!(i18n, contribute_field_call)}</span>
                        <select data-testid="contribute-field-call" on:change=on_call>{call_options}</select>
                        {error("call_year")}
                    </label>
                    {text_field("title", false)}
                    {select_field("title_status")}
                    {text_field("lead_applicant", false)}
                    {select_field("lead_type")}
                    {text_field("municipalities", false)}
                    {select_field("theme")}
                    {select_field("status")}
                    {text_field("subsidy_eur", false)}
                    {text_field("total_budget_eur", false)}
                    {text_field("completed_on", false)}
                    {text_field("note", true)}
                    {text_field("sources", true)}
                    {text_field("id", false)}
                </div>
                <p class="map-help">{move || t_string!(i18n, contribute_help)}</p>
                <h3>{move || t_string!(i18n, contribute_row_heading)}</h3>
                <pre class="contribute__row" data-testid="contribute-row">{row}</pre>
                <p role="status" data-testid="contribute-status">
                    {move || if valid() {
                        t_string!(i18n, contribute_valid).to_string()
                    } else {
                        t_string!(i18n, contribute_invalid).to_string()
                    }}
                </p>
                <p class="contribute__actions">
                    <button type="button" data-testid="contribute-download" disabled=move || !valid() on:click=download>
                        {move || t_string!(i18n, contribute_download)}
                    </button>
                    " "
                    {issue_link}
                </p>
                {(!has_repository).then(|| view! {
                    <p data-testid="contribute-no-repository">{move || t_string!(i18n, contribute_no_repository)}</p>
                })}
                <p><button type="button" on:click=close>{move || t_string!(i18n, close)}</button></p>
            </form>
        </dialog>
    }
}
