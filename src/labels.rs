//! The words the page shows for the data's codes and keywords, in the chosen language.

use crate::i18n::{td_string, Locale};
use explorer_core::datasets::{LeadType, Project, ProjectStatus, Theme, TitleStatus};
use explorer_core::explore::{Facet, Metric};
use explorer_core::import::profile::ColumnKind;
use explorer_core::language::Language;
use explorer_core::municipality::Reference;

/// A theme, or "theme not published".
pub fn theme(locale: Locale, theme: Option<Theme>) -> String {
    match theme {
        Some(Theme::EnergyEnvironment) => td_string!(locale, theme_energy_environment),
        Some(Theme::MobilityLogistics) => td_string!(locale, theme_mobility_logistics),
        Some(Theme::GovernanceCitizenship) => td_string!(locale, theme_governance_citizenship),
        Some(Theme::CommerceTourism) => td_string!(locale, theme_commerce_tourism),
        Some(Theme::ResilienceCrisis) => td_string!(locale, theme_resilience_crisis),
        None => td_string!(locale, theme_none),
    }
    .to_string()
}

/// A project status.
pub fn status(locale: Locale, status: ProjectStatus) -> String {
    match status {
        ProjectStatus::Selected => td_string!(locale, status_selected),
        ProjectStatus::Completed => td_string!(locale, status_completed),
        ProjectStatus::Abandoned => td_string!(locale, status_abandoned),
    }
    .to_string()
}

/// A kind of lead applicant.
pub fn applicant(locale: Locale, lead_type: LeadType) -> String {
    match lead_type {
        LeadType::Commune => td_string!(locale, applicant_commune),
        LeadType::Intercommunale => td_string!(locale, applicant_intercommunale),
        LeadType::Province => td_string!(locale, applicant_province),
    }
    .to_string()
}

/// A call as the `call` facet names it (`2019`, `2023-phase1`).
pub fn call(locale: Locale, call: &str) -> String {
    match call.split_once("-phase") {
        Some((year, phase)) => td_string!(locale, call_phase_label, year, phase).to_string(),
        None => td_string!(locale, call_label, year = call).to_string(),
    }
}

/// A map metric.
pub fn metric(locale: Locale, metric: Metric) -> String {
    match metric {
        Metric::Projects => td_string!(locale, metric_projects),
        Metric::Subsidy => td_string!(locale, metric_subsidy),
        Metric::SubsidyPerInhabitant => td_string!(locale, metric_subsidy_per_inhabitant),
    }
    .to_string()
}

/// The name of a facet.
pub fn facet(locale: Locale, facet: Facet) -> String {
    match facet {
        Facet::Municipality => td_string!(locale, facet_commune),
        Facet::Province => td_string!(locale, facet_province),
        Facet::Theme => td_string!(locale, facet_theme),
        Facet::Status => td_string!(locale, facet_status),
        Facet::Call => td_string!(locale, facet_call),
        Facet::ApplicantType => td_string!(locale, facet_applicant),
    }
    .to_string()
}

/// The name of a kind of column of a user's dataset.
pub fn column_kind(locale: Locale, kind: ColumnKind) -> String {
    match kind {
        ColumnKind::Commune => td_string!(locale, data_kind_commune),
        ColumnKind::Category => td_string!(locale, data_kind_category),
        ColumnKind::Number => td_string!(locale, data_kind_number),
        ColumnKind::Year => td_string!(locale, data_kind_year),
        ColumnKind::Date => td_string!(locale, data_kind_date),
        ColumnKind::Text => td_string!(locale, data_kind_text),
    }
    .to_string()
}

/// The name of a municipality (its NIS code if unknown).
pub fn commune(reference: &Reference, nis: &str, language: Language) -> String {
    reference
        .municipality(nis)
        .map_or_else(|| nis.to_string(), |m| m.display_name(language).to_string())
}

/// A value of a facet, as its option shows it.
pub fn facet_value(
    locale: Locale,
    language: Language,
    reference: &Reference,
    facet: Facet,
    value: &str,
) -> String {
    match facet {
        Facet::Municipality => commune(reference, value, language),
        Facet::Province => reference.province(value).map_or_else(
            || value.to_string(),
            |p| p.name.get(language, &[]).to_string(),
        ),
        Facet::Theme => theme(locale, Theme::parse(value)),
        Facet::Status => {
            ProjectStatus::parse(value).map_or_else(|| value.into(), |s| status(locale, s))
        }
        Facet::Call => call(locale, value),
        Facet::ApplicantType => {
            LeadType::parse(value).map_or_else(|| value.into(), |t| applicant(locale, t))
        }
    }
}

/// A project's title; "title not published" when the source gives none, and a mark when
/// the title is our paraphrase of the published description.
pub fn project_title(locale: Locale, project: &Project) -> String {
    match project.title_status {
        TitleStatus::Unpublished => {
            let who = project.lead_applicant.as_deref().unwrap_or("?");
            format!("{} ({who})", td_string!(locale, title_unpublished))
        }
        TitleStatus::Paraphrased => {
            format!(
                "{} ({})",
                project.title,
                td_string!(locale, title_paraphrased)
            )
        }
        TitleStatus::Published => project.title.clone(),
    }
}

/// The names of a project's municipalities, or "no municipality named".
pub fn project_communes(
    locale: Locale,
    language: Language,
    reference: &Reference,
    project: &Project,
) -> String {
    if project.municipalities.is_empty() {
        return td_string!(locale, unassigned).to_string();
    }
    project
        .municipalities
        .iter()
        .map(|nis| commune(reference, nis, language))
        .collect::<Vec<_>>()
        .join(", ")
}
