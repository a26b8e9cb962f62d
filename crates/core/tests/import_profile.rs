//! Column profiling against the real municipality reference (`data/municipalities.csv`).

use explorer_core::datasets::{parse_municipalities, reference_of};
use explorer_core::import::profile::{
    parse_date, parse_year, slug, unique_keys, ColumnKind, ColumnProfile, ColumnProfiler,
    CommuneMatch, CommuneMatcher,
};
use std::path::PathBuf;
use std::sync::OnceLock;

fn matcher() -> &'static CommuneMatcher {
    static MATCHER: OnceLock<CommuneMatcher> = OnceLock::new();
    MATCHER.get_or_init(|| {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/municipalities.csv");
        let bytes = std::fs::read(&path).unwrap();
        let parsed = parse_municipalities(&bytes, "municipalities.csv");
        assert!(parsed.report.is_clean(), "{}", parsed.report);
        CommuneMatcher::new(&reference_of(parsed.into_values()))
    })
}

fn found(codes: &[&str]) -> CommuneMatch {
    CommuneMatch::Found(codes.iter().map(|c| c.to_string()).collect())
}

/// The profile of a column holding `values`, on lines 2, 3, …
fn profile(header: &str, values: &[&str]) -> ColumnProfile {
    let mut profiler = ColumnProfiler::new(header, matcher());
    for (i, value) in values.iter().enumerate() {
        profiler.observe(value, i as u64 + 2);
    }
    profiler.finish()
}

#[test]
fn headers_become_keys() {
    assert_eq!(slug("Type de projet"), "type-de-projet");
    assert_eq!(slug("  Coût (€) "), "cout");
    assert_eq!(slug("Année_de_début"), "annee-de-debut");
    assert_eq!(slug("\u{feff}NIS"), "nis");
    assert_eq!(slug("€"), "column");
    assert_eq!(
        unique_keys(&["Nom", "nom", "NOM", "€"]),
        ["nom", "nom-2", "nom-3", "column"]
    );
}

#[test]
fn communes_are_found_by_code_and_by_name_in_any_language() {
    let m = matcher();
    assert_eq!(m.resolve("62063"), found(&["62063"]));
    assert_eq!(m.resolve(" Luik "), found(&["62063"]));
    assert_eq!(m.resolve("LIEGE"), found(&["62063"]));
    assert_eq!(m.resolve("Bergen"), found(&["53053"]));
    assert_eq!(m.resolve("Écaussinnes"), found(&["55050"]));
    assert_eq!(m.resolve("braine l alleud"), found(&["25014"]));
    assert_eq!(m.resolve("Braine-l’Alleud"), found(&["25014"]));
    assert_eq!(m.resolve("Eigenbrakel"), found(&["25014"]));
    // 2025: Bastogne and Bertogne merged into 82039.
    assert_eq!(m.resolve("82039"), found(&["82003", "82005"]));
    assert_eq!(m.resolve("99999"), CommuneMatch::Unknown);
    assert_eq!(m.resolve("Atlantis"), CommuneMatch::Unknown);
    assert_eq!(m.resolve(""), CommuneMatch::Unknown);
}

#[test]
fn an_official_name_comes_before_another_municipalitys_exonym() {
    // "Saint-Nicolas" is 62093 (Liège province) and the French name of Sint-Niklaas.
    assert_eq!(matcher().resolve("Saint-Nicolas"), found(&["62093"]));
    assert_eq!(matcher().resolve("Sint-Niklaas"), found(&["46021"]));
}

#[test]
fn a_commune_column_reports_its_unresolved_values_with_their_lines() {
    let p = profile(
        "Commune",
        &["Liège", "Luik", "", "Namur", "Atlantis", "Mons", "Atlantis"],
    );
    assert_eq!(p.kind, ColumnKind::Commune);
    assert_eq!((p.distinct, p.missing), (5, 1));
    assert_eq!((p.communes_resolved, p.unresolved_rows), (4, 2));
    assert_eq!(p.unresolved.len(), 1);
    assert_eq!(p.unresolved[0].value, "Atlantis");
    assert_eq!(p.unresolved[0].rows, 2);
    assert_eq!(p.unresolved[0].lines, [6, 8]);
    // Without a telling header, 80 % must resolve.
    assert_eq!(
        profile("x", &["62063", "53053", "92094", "25014", "12"]).kind,
        ColumnKind::Commune
    );
    assert_eq!(
        profile("x", &["62063", "53053", "1", "2", "3"]).kind,
        ColumnKind::Number
    );
}

#[test]
fn kinds_are_guessed_from_the_values() {
    assert_eq!(
        profile("Année", &["2019", "2023", "2024", ""]).kind,
        ColumnKind::Year
    );
    assert_eq!(
        profile(
            "Début",
            &["2024-03-15", "15/03/2024", "2024-02-29T10:00:00Z"]
        )
        .kind,
        ColumnKind::Date
    );
    let amounts = profile("Montant", &["1 234,50", "12.5", "45.283,00", "-3", ""]);
    assert_eq!((amounts.kind, amounts.missing), (ColumnKind::Number, 1));
    let themes: Vec<&str> = ["mobilité", "énergie", "gouvernance"]
        .iter()
        .cycle()
        .take(30)
        .copied()
        .collect();
    let categories = profile("Thème", &themes);
    assert_eq!(
        (categories.kind, categories.distinct),
        (ColumnKind::Category, 3)
    );
    let titles: Vec<String> = (0..30).map(|i| format!("Projet numéro {i}")).collect();
    let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
    let text = profile("Titre", &titles);
    assert_eq!((text.kind, text.distinct), (ColumnKind::Text, 30));
    assert!(text.unresolved.is_empty());
    assert_eq!(profile("Vide", &["", " "]).kind, ColumnKind::Text);
}

#[test]
fn kinds_have_stable_names() {
    for kind in ColumnKind::ALL {
        assert_eq!(ColumnKind::from_name(kind.as_str()), Some(kind));
    }
    assert_eq!(ColumnKind::from_name("nope"), None);
}

#[test]
fn dates_and_years() {
    assert_eq!(parse_date("1970-01-01"), Some(0));
    assert_eq!(parse_date("2000-03-01"), Some(11_017));
    assert_eq!(parse_date("01/03/2000"), Some(11_017));
    assert_eq!(parse_date("1.3.2000"), Some(11_017));
    assert_eq!(parse_date("2000-03"), Some(11_017));
    assert_eq!(parse_date("1969-12-31"), Some(-1));
    assert_eq!(parse_date("2024-02-29"), Some(19_782));
    assert_eq!(parse_date("2023-02-29"), None);
    assert_eq!(parse_date("2024-13-01"), None);
    assert_eq!(parse_date("2024/03/15"), None);
    assert_eq!(parse_date("15/03/2024 10:00"), None);
    assert_eq!(parse_date("12.5"), None);
    assert_eq!(parse_date("abc"), None);
    assert_eq!(parse_year("2024"), Some(2024));
    assert_eq!(parse_year("0999"), None);
    assert_eq!(parse_year("20245"), None);
}

#[test]
fn distinct_values_are_counted_past_the_values_checked() {
    let titles: Vec<String> = (0..30_000).map(|i| format!("Projet {i}")).collect();
    let mut profiler = ColumnProfiler::new("Titre", matcher());
    for (i, title) in titles.iter().enumerate() {
        profiler.observe(title, i as u64 + 2);
        profiler.observe("Namur", 0);
    }
    let p = profiler.finish();
    assert_eq!(
        (p.kind, p.distinct, p.missing),
        (ColumnKind::Text, 30_001, 0)
    );
    // A commune column repeated a hundred thousand times lists each miss's first lines.
    let mut profiler = ColumnProfiler::new("NIS", matcher());
    for i in 0..100_000u64 {
        profiler.observe(if i % 1000 == 7 { "00000" } else { "92094" }, i + 2);
    }
    let p = profiler.finish();
    assert_eq!((p.kind, p.distinct), (ColumnKind::Commune, 2));
    assert_eq!((p.communes_resolved, p.unresolved_rows), (99_900, 100));
    assert_eq!(p.unresolved[0].lines, [9, 1009, 2009, 3009, 4009]);
}
