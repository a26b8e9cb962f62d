//! The projects' index against the row-by-row oracle ([`super::oracle`]) and
//! [`crate::explore::sort_results`], on the project's data, the explorer's
//! fixtures and synthetic data, for random states.

use super::{oracle, ProjectIndex};
use crate::datasets::{
    document_names, parse_documents, parse_projects, LeadType, Project, ProjectStatus, Theme,
};
use crate::explore::fixtures;
use crate::explore::synth;
use crate::explore::{page, sort_results, ExplorerState, Sort, SortKey};
use crate::language::Language;
use crate::municipality::Reference;
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// The committed projects, municipalities resolved, over the real reference.
fn real() -> &'static (Vec<Project>, Reference) {
    static REAL: OnceLock<(Vec<Project>, Reference)> = OnceLock::new();
    REAL.get_or_init(|| {
        let reference = synth::reference();
        let documents = parse_documents(
            include_bytes!("../../../../../data/documents.csv"),
            "documents.csv",
        );
        let mut parsed = parse_projects(
            include_bytes!("../../../../../data/projects.csv"),
            "projects.csv",
            &document_names(&documents),
        );
        parsed.resolve_municipalities(&reference);
        let mut projects = parsed.into_values();
        // Odd rows the data may one day hold: a duplicate municipality, a code
        // outside the reference (named or not), a NaN subsidy, an empty title.
        if let Some(first) = projects.first().cloned() {
            let mut odd = first.clone();
            odd.municipalities = vec!["62063".into(), "62063".into(), "99999".into()];
            odd.subsidy_eur = Some(f64::NAN);
            odd.title = String::new();
            projects.push(odd);
            let mut unknown = first;
            unknown.municipalities = vec!["99998".into()];
            unknown.municipality_names = vec!["Zèbre-sur-Meuse".into()];
            unknown.title = "ÉCLAIRAGE  public".into();
            projects.push(unknown);
        }
        (projects, reference)
    })
}

fn synthetic() -> &'static (Vec<Project>, Reference) {
    static SYNTH: OnceLock<(Vec<Project>, Reference)> = OnceLock::new();
    SYNTH.get_or_init(|| {
        let reference = synth::reference();
        (synth::projects(3_000, 7, &reference), reference)
    })
}

fn fixture() -> &'static (Vec<Project>, Reference) {
    static FIXTURE: OnceLock<(Vec<Project>, Reference)> = OnceLock::new();
    FIXTURE.get_or_init(|| (fixtures::projects(), fixtures::reference()))
}

/// Asserts the engine answers like the oracle and the sort functions.
fn check(projects: &[Project], reference: &Reference, index: &ProjectIndex, state: &ExplorerState) {
    let expected = oracle::filter(projects, reference, state);
    let selection = index.filter(state);
    assert_eq!(
        selection.to_indices(),
        expected,
        "filter {}",
        state.to_query()
    );
    assert_eq!(selection.len(), expected.len());
    assert_eq!(
        index.unassigned(&selection),
        expected
            .iter()
            .filter(|&&i| projects[i].municipalities.is_empty())
            .count(),
        "unassigned {}",
        state.to_query()
    );
    assert_eq!(
        index.facet_counts(state),
        oracle::facet_counts(projects, reference, state),
        "facets {}",
        state.to_query()
    );
    for language in [Language::Fr, Language::Nl] {
        let mut sorted = expected.clone();
        sort_results(&mut sorted, projects, reference, language, state.sort);
        assert_eq!(
            index.sort_all(&selection, state.sort, language),
            sorted,
            "sort {:?}",
            state.sort
        );
        for (p, size) in [
            (0u32, 5usize),
            (1, 5),
            (state.page % 7, 3),
            (0, 50),
            (2, 2000),
        ] {
            assert_eq!(
                index.sorted_page(&selection, state.sort, language, p, size),
                page(&sorted, p, size),
                "page {p} of {size}, {:?}",
                state.sort
            );
        }
    }
}

/// Values to draw a state from: those of the data plus a few absent ones.
fn values_of(projects: &[Project]) -> (Vec<String>, Vec<String>, Vec<String>, Vec<String>) {
    let mut municipalities: BTreeSet<String> = projects
        .iter()
        .flat_map(|p| p.municipalities.iter().cloned())
        .collect();
    municipalities.extend(["12345".to_owned(), "62063".to_owned()]);
    let provinces = [
        "20002", "50000", "60000", "80000", "90000", "10000", "99999",
    ]
    .map(str::to_owned)
    .to_vec();
    let mut calls: BTreeSet<String> = projects.iter().map(crate::explore::call_of).collect();
    calls.insert("2030".into());
    let mut words: BTreeSet<String> = BTreeSet::new();
    for p in projects.iter().take(400) {
        for word in p
            .title
            .split_whitespace()
            .chain(p.lead_applicant.as_deref().unwrap_or("").split_whitespace())
        {
            let chars: Vec<char> = word.chars().collect();
            let cut = chars.len().div_ceil(2).max(1);
            words.insert(chars.iter().take(cut).collect());
            words.insert(word.to_uppercase());
        }
    }
    words.extend(["ÉCL", "parkings capt", "zzz", "-", "l'", "é"].map(str::to_owned));
    (
        municipalities.into_iter().collect(),
        provinces,
        calls.into_iter().collect(),
        words.into_iter().collect(),
    )
}

prop_compose! {
    fn state_over(pool: (Vec<String>, Vec<String>, Vec<String>, Vec<String>))(
        municipalities in proptest::sample::subsequence(pool.0.clone(), 0..=2.min(pool.0.len())),
        provinces in proptest::sample::subsequence(pool.1.clone(), 0..=2),
        themes in proptest::sample::subsequence(Theme::ALL.to_vec(), 0..=3),
        statuses in proptest::sample::subsequence(ProjectStatus::ALL.to_vec(), 0..=2),
        calls in proptest::sample::subsequence(pool.2.clone(), 0..=2.min(pool.2.len())),
        applicant_types in proptest::sample::subsequence(LeadType::ALL.to_vec(), 0..=2),
        min in proptest::option::weighted(0.3, 0.0..300_000f64),
        span in proptest::option::weighted(0.3, 0.0..400_000f64),
        text in proptest::option::weighted(0.4, proptest::sample::subsequence(pool.3.clone(), 1..=2)),
        key in proptest::sample::select(SortKey::ALL.to_vec()),
        descending in any::<bool>(),
        page in 0u32..20,
    ) -> ExplorerState {
        ExplorerState {
            municipalities: municipalities.into_iter().collect(),
            provinces: provinces.into_iter().collect(),
            themes: themes.into_iter().collect(),
            statuses: statuses.into_iter().collect(),
            calls: calls.into_iter().collect(),
            applicant_types: applicant_types.into_iter().collect(),
            subsidy_min: min,
            subsidy_max: span.map(|s| min.unwrap_or(0.0) + s),
            text: text.map(|t| t.join(" ")).unwrap_or_default(),
            sort: Sort { key, descending },
            page,
            ..ExplorerState::default()
        }
    }
}

fn index_of(data: &'static (Vec<Project>, Reference)) -> &'static ProjectIndex {
    static REAL: OnceLock<ProjectIndex> = OnceLock::new();
    static SYNTH: OnceLock<ProjectIndex> = OnceLock::new();
    static FIXTURE: OnceLock<ProjectIndex> = OnceLock::new();
    let cell = if std::ptr::eq(data, real()) {
        &REAL
    } else if std::ptr::eq(data, synthetic()) {
        &SYNTH
    } else {
        &FIXTURE
    };
    cell.get_or_init(|| ProjectIndex::build(&data.0, &data.1))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn same_answers_as_the_oracle_on_the_real_projects(state in state_over(values_of(&real().0))) {
        let (projects, reference) = real();
        check(projects, reference, index_of(real()), &state);
    }

    #[test]
    fn same_answers_as_the_oracle_on_the_fixtures(state in state_over(values_of(&fixture().0))) {
        let (projects, reference) = fixture();
        check(projects, reference, index_of(fixture()), &state);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]

    #[test]
    fn same_answers_as_the_oracle_on_synthetic_projects(state in state_over(values_of(&synthetic().0))) {
        let (projects, reference) = synthetic();
        check(projects, reference, index_of(synthetic()), &state);
    }
}

#[test]
fn fixed_states_match_the_oracle() {
    for data in [real(), fixture(), synthetic()] {
        let index = index_of(data);
        for query in [
            "",
            "q=+-+",
            "subsidy_min=0",
            "commune=62063,92094&theme=energy-environment",
            "province=60000&status=selected&sort=-subsidy",
            "theme=energy-environment,mobility-logistics&status=selected&province=60000,90000\
             &subsidy_min=20000&subsidy_max=300000&q=intel&sort=-commune",
            "call=2019,2023-phase2&applicant=commune&sort=year",
            "q=eclairage&sort=-title",
            "q=zzz",
            "commune=99999",
        ] {
            let (state, _) = ExplorerState::from_query(query);
            check(&data.0, &data.1, index, &state);
        }
    }
}

#[test]
fn an_empty_index_answers_empty() {
    let reference = fixtures::reference();
    let index = ProjectIndex::build(&[], &reference);
    check(&[], &reference, &index, &ExplorerState::default());
    let (state, _) = ExplorerState::from_query("theme=energy-environment&q=x");
    check(&[], &reference, &index, &state);
}

#[test]
fn synthetic_data_is_deterministic_and_shaped_like_the_projects() {
    let reference = synth::reference();
    assert_eq!(reference.municipalities.len(), 581);
    assert_eq!(reference.provinces.len(), 10);
    let a = synth::projects(2_000, 42, &reference);
    assert_eq!(a, synth::projects(2_000, 42, &reference));
    assert_ne!(a, synth::projects(2_000, 43, &reference));
    let share = |f: &dyn Fn(&Project) -> bool| a.iter().filter(|p| f(p)).count() as f64 / 2_000.0;
    assert!((0.02..0.09).contains(&share(&|p| p.municipalities.is_empty())));
    assert!((0.03..0.12).contains(&share(&|p| p.municipalities.len() == 2)));
    assert!((0.05..0.15).contains(&share(&|p| p.subsidy_eur.is_none())));
    let distinct: BTreeSet<&String> = a.iter().flat_map(|p| &p.municipalities).collect();
    assert!(distinct.len() > 150, "{}", distinct.len());
    // The benchmark query selects something.
    let index = ProjectIndex::build(&a, &reference);
    let selected = index.filter(&synth::bench_state()).len();
    assert!(selected > 5 && selected < 400, "{selected}");
}

#[test]
fn index_memory_stays_below_twice_the_raw_columns() {
    let (projects, _) = synthetic();
    let index = index_of(synthetic());
    let raw = super::raw_column_bytes(projects);
    assert!(
        index.heap_bytes() < 2 * raw,
        "{} vs {raw}",
        index.heap_bytes()
    );
}
