//! The explorer page's logic, with no web dependency: its shareable state
//! (URL query), filtering and disjunctive facet counts over the projects, the
//! per-municipality metric and its choropleth classes, sorting and paging of the
//! results, and the helpers of the project and municipality pages. The
//! projects' index ([`ProjectIndex`]) is the projects' schema over the query
//! engine ([`crate::engine`]); [`synth`] makes synthetic projects for its
//! benchmarks.
//!
//! The app only binds these functions to signals; everything here is tested
//! natively.

pub mod amount;
pub mod classes;
pub mod commune_search;
pub mod facets;
pub mod index;
pub mod map;
pub mod metrics;
pub mod pages;
pub mod sort;
pub mod state;
pub mod synth;

pub use self::amount::{format_amount, read_amount};
pub use self::classes::{
    class_of, class_sizes, color_of, jenks_breaks, legend, palette, quantile_breaks, LegendEntry,
    DEFAULT_CLASSES, NO_PROJECT_COLOR,
};
pub use self::commune_search::CommuneSearch;
pub use self::facets::{facet_counts, filter, FacetOption, Facets};
pub use self::index::{raw_column_bytes, ProjectIndex};
pub use self::map::{map_layout, MapLayout, MapShape};
pub use self::metrics::{
    format_metric, municipalities_with_projects, municipality_values, subsidy_shares,
};
pub use self::pages::{commune_rank, significant_words, similar_projects, RankScope};
pub use self::sort::{page, page_count, sort_results};
pub use self::state::{
    call_of, full_view_href, view_href, ActiveFilter, ExplorerState, Extent, Facet, FilterKey,
    Metric, Notice, NoticeReason, Sort, SortKey, EMBED_OPTIONS,
};

/// Small hand-made projects and reference shared by the tests of this module.
#[cfg(test)]
pub(crate) mod fixtures {
    use crate::datasets::{LeadType, Project, ProjectStatus, Theme, TitleStatus};
    use crate::language::LocalizedText;
    use crate::municipality::{Municipality, Province, Reference, WALLONIA};

    /// Liège province: Liège 62063 (pop 200 000), Ans 62003 (pop 30 000);
    /// Namur province: Namur 92094 (pop 110 000), Andenne 92003 (no population);
    /// Hainaut: Mons 53053 (pop 95 000); Brussels: Bruxelles 21004 (no province).
    pub(crate) fn reference() -> Reference {
        let province = |nis: &str, fr: &str| Province {
            nis: nis.into(),
            name: LocalizedText {
                fr: Some(fr.into()),
                ..Default::default()
            },
            region: WALLONIA.into(),
        };
        let municipality =
            |nis: &str, fr: &str, nl: Option<&str>, province: Option<&str>, population| {
                Municipality {
                    nis: nis.into(),
                    name: LocalizedText {
                        fr: Some(fr.into()),
                        nl: nl.map(Into::into),
                        ..Default::default()
                    },
                    language: "F".into(),
                    arrondissement: format!("{}000", &nis[..2]),
                    province: province.map(Into::into),
                    region: if province.is_some() {
                        WALLONIA.into()
                    } else {
                        "04000".into()
                    },
                    population,
                    nis_2025: None,
                }
            };
        Reference {
            regions: vec![],
            provinces: vec![
                province("60000", "Province de Liège"),
                province("90000", "Province de Namur"),
                province("50000", "Province de Hainaut"),
            ],
            municipalities: vec![
                municipality("62063", "Liège", Some("Luik"), Some("60000"), Some(200_000)),
                municipality("62003", "Ans", None, Some("60000"), Some(30_000)),
                municipality(
                    "92094",
                    "Namur",
                    Some("Namen"),
                    Some("90000"),
                    Some(110_000),
                ),
                municipality("92003", "Andenne", None, Some("90000"), None),
                municipality("53053", "Mons", Some("Bergen"), Some("50000"), Some(95_000)),
                municipality("21004", "Bruxelles", Some("Brussel"), None, Some(180_000)),
            ],
        }
    }

    /// A project with the given fields and neutral defaults for the rest.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn project(
        id: &str,
        call_year: u16,
        phase: &str,
        title: &str,
        municipalities: &[&str],
        theme: Option<Theme>,
        status: ProjectStatus,
        subsidy: Option<f64>,
    ) -> Project {
        Project {
            id: id.into(),
            call_year,
            phase: phase.into(),
            title: title.into(),
            title_status: if title.is_empty() {
                TitleStatus::Unpublished
            } else {
                TitleStatus::Published
            },
            lead_applicant: None,
            lead_type: Some(LeadType::Commune),
            municipality_names: vec![],
            municipalities: municipalities.iter().map(|m| (*m).to_owned()).collect(),
            theme,
            status,
            subsidy_eur: subsidy,
            total_budget_eur: None,
            completed_on: None,
            note: None,
            sources: vec!["https://example.org".into()],
        }
    }

    /// Six projects:
    /// 0 `ti2019-liege-energy`: Liège, energy, selected, 100 000 €, 2019
    /// 1 `ti2019-namur-mobility`: Namur + Andenne, mobility, completed, 60 000 €, 2019
    /// 2 `ti2023-ans-energy`: Ans, energy, selected, unknown €, 2023-phase1, intercommunale
    /// 3 `ti2023-unassigned`: no municipality, governance, selected, 20 000 €, 2023-phase2
    /// 4 `ti2023-mons-tourism`: Mons, no theme, abandoned, 40 000 €, 2023-phase1
    /// 5 `ti2023-liege-mobility`: Liège + Ans, mobility, selected, 80 000 €, 2023-phase2
    pub(crate) fn projects() -> Vec<Project> {
        use ProjectStatus::*;
        use Theme::*;
        let mut projects = vec![
            project(
                "ti2019-liege-energy",
                2019,
                "2019",
                "Éclairage public intelligent à Liège",
                &["62063"],
                Some(EnergyEnvironment),
                Selected,
                Some(100_000.0),
            ),
            project(
                "ti2019-namur-mobility",
                2019,
                "2019",
                "Parkings connectés",
                &["92094", "92003"],
                Some(MobilityLogistics),
                Completed,
                Some(60_000.0),
            ),
            project(
                "ti2023-ans-energy",
                2023,
                "phase1",
                "Smart grid communal",
                &["62003"],
                Some(EnergyEnvironment),
                Selected,
                None,
            ),
            project(
                "ti2023-unassigned",
                2023,
                "phase2",
                "Plateforme de participation citoyenne",
                &[],
                Some(GovernanceCitizenship),
                Selected,
                Some(20_000.0),
            ),
            project(
                "ti2023-mons-tourism",
                2023,
                "phase1",
                "Parcours touristique connecté",
                &["53053"],
                None,
                Abandoned,
                Some(40_000.0),
            ),
            project(
                "ti2023-liege-mobility",
                2023,
                "phase2",
                "Capteurs de parkings",
                &["62063", "62003"],
                Some(MobilityLogistics),
                Selected,
                Some(80_000.0),
            ),
        ];
        projects[0].lead_applicant = Some("Ville de Liège".into());
        projects[2].lead_type = Some(LeadType::Intercommunale);
        projects[2].lead_applicant = Some("RESA".into());
        projects[3].lead_type = Some(LeadType::Province);
        projects
    }
}
