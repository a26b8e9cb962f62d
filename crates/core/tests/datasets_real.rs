//! The project's committed datasets (`data/*.csv`) parse with no error.

use explorer_core::datasets::{
    document_names, parse_calls, parse_documents, parse_indicators, parse_municipalities,
    parse_projects, reference_of, resolve_project_municipalities, Parsed,
};
use explorer_core::municipality::{Reference, WALLONIA};
use std::path::PathBuf;

fn data(file: &str) -> (Vec<u8>, String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data")
        .join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (bytes, file.to_owned())
}

fn assert_clean<T>(parsed: &Parsed<T>, rows: usize) {
    assert!(parsed.report.is_clean(), "{}", parsed.report);
    assert_eq!(parsed.report.rows_read(), rows, "{}", parsed.report);
    assert_eq!(parsed.report.rows_kept(), rows);
    assert_eq!(parsed.records.len(), rows);
}

fn documents() -> Vec<String> {
    let (bytes, name) = data("documents.csv");
    let parsed = parse_documents(&bytes, &name);
    assert_clean(&parsed, 5);
    assert!(parsed.report.warnings.is_empty(), "{}", parsed.report);
    document_names(&parsed)
}

fn reference() -> Reference {
    let (bytes, name) = data("municipalities.csv");
    let parsed = parse_municipalities(&bytes, &name);
    assert_clean(&parsed, 581);
    assert!(parsed.report.warnings.is_empty(), "{}", parsed.report);
    reference_of(parsed.into_values())
}

#[test]
fn municipalities_are_the_581_of_2019() {
    let reference = reference();
    assert_eq!(reference.in_region(WALLONIA).count(), 262);
    let bastogne = reference.municipality("82003");
    assert_eq!(bastogne.and_then(|m| m.nis_2025.as_deref()), Some("82039"));
    let eupen = reference.municipality("63023");
    assert_eq!(eupen.map(|m| m.language.as_str()), Some("D"));
}

#[test]
fn projects_are_kept_and_every_municipality_resolves() {
    let (bytes, name) = data("projects.csv");
    let mut parsed = parse_projects(&bytes, &name, &documents());
    // Every row of the file is kept: counted by another CSV reader, so that a new
    // row changes no test.
    let rows = csv::Reader::from_reader(bytes.as_slice()).records().count();
    assert!(rows > 0);
    assert_clean(&parsed, rows);
    assert!(parsed.report.warnings.is_empty(), "{}", parsed.report);
    let issues = resolve_project_municipalities(&mut parsed.records, &reference());
    assert!(issues.is_empty(), "{issues:?}");
    for project in parsed.values() {
        assert_eq!(
            project.municipalities.len(),
            project.municipality_names.len(),
            "{}",
            project.id
        );
    }
    let codes = |id: &str| {
        parsed
            .values()
            .find(|p| p.id == id)
            .map(|p| p.municipalities.clone())
    };
    assert_eq!(codes("ti2019-epac"), Some(vec!["52055".to_owned()]));
    assert_eq!(
        codes("ti2019-fais-tes-balises"),
        Some(vec!["62022".to_owned(), "62122".to_owned()])
    );
    assert_eq!(codes("ti2019-mind-your-territory"), Some(vec![]));
}

#[test]
fn calls_are_kept_with_the_documented_theme_split_warning() {
    let (bytes, name) = data("calls.csv");
    let parsed = parse_calls(&bytes, &name, &documents());
    assert_clean(&parsed, 3);
    let warnings: Vec<String> = parsed
        .report
        .warnings
        .iter()
        .map(ToString::to_string)
        .collect();
    // SOURCES/notes: the published split (23+21+42) does not add up to 88.
    assert_eq!(
        warnings,
        ["2:19: submitted_by_theme: the counts per theme add up to 86, not to the 88 submitted"]
    );
    let phases: Vec<(u16, &str)> = parsed
        .values()
        .map(|c| (c.call_year, c.phase.as_str()))
        .collect();
    assert_eq!(phases, [(2019, "2019"), (2023, "phase1"), (2023, "phase2")]);
    // Two sources disagree on how many 2019 projects were carried out: both kept.
    let first = parsed.values().next().expect("the 2019 call");
    assert_eq!((first.finalised, first.concretised), (Some(35), Some(36)));
    assert!(first.finalised_source.is_some() && first.concretised_source.is_some());
}

#[test]
fn indicators_are_kept() {
    let (bytes, name) = data("indicators.csv");
    let parsed = parse_indicators(&bytes, &name, &documents());
    assert_clean(&parsed, 167);
    assert!(parsed.report.warnings.is_empty(), "{}", parsed.report);
}

/// The real boundary file is not in the repository: this reads the copy `datakit fetch`
/// (or `make data`, which `make unit` runs first) leaves in the workspace's `.cache/sources/`.
#[test]
fn real_boundaries_match_the_municipalities() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../.cache/sources/belgium-municipalities-2019.topo.json");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; fetch it first: `make data`, or `cargo run -p datakit -- fetch [--mirror DIR]`",
            path.display()
        )
    });
    let path = path.display().to_string();
    let mut parsed = explorer_core::datasets::parse_boundaries(&bytes, &path);
    explorer_core::datasets::check_boundaries(&mut parsed, &reference());
    assert_clean(&parsed, 581);
    assert!(parsed.report.warnings.is_empty(), "{}", parsed.report);
}
