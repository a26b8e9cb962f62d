//! Transcription of Statbel's reference files into `data/municipalities.csv`.
//!
//! REFNIS 2019 is a hierarchy (kingdom, region, province, arrondissement, municipality)
//! in one `;`-separated list: a municipality belongs to the arrondissement and province
//! rows that precede it. Since 2019 the first digits of a code no longer always give
//! the arrondissement (Hainaut was reorganised), so the hierarchy is followed, not the code.

use anyhow::{bail, Context, Result};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// One row of `data/municipalities.csv`.
#[derive(serde::Serialize)]
struct Row<'a> {
    nis: &'a str,
    name_fr: &'a str,
    name_nl: &'a str,
    name_de: &'a str,
    language: &'a str,
    arrondissement: &'a str,
    province: &'a str,
    region: &'a str,
    population_2020: u32,
    nis_2025: &'a str,
}

/// Reads the reference directory and the mergers table, writes `municipalities.csv`.
pub fn import(reference: &Path, data: &Path) -> Result<()> {
    let refnis_path = reference.join("refnis-2019.csv");
    let refnis = std::fs::read_to_string(&refnis_path)
        .with_context(|| format!("reading {}", refnis_path.display()))?;
    let population = read_population(&reference.join("population-2020-by-municipality.csv"))?;
    let mergers = read_mergers(&data.join("mergers-2025.csv"))?;

    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_reader(refnis.trim_start_matches('\u{feff}').as_bytes());
    let out_path = data.join("municipalities.csv");
    let mut writer = csv::Writer::from_path(&out_path)?;
    let (mut province, mut arrondissement, mut region) =
        (String::new(), String::new(), String::new());
    let mut count = 0;
    for (index, record) in reader.records().enumerate() {
        let record = record?;
        let line = index + 2;
        let code = record.get(0).unwrap_or("").trim();
        let name_fr = record.get(1).unwrap_or("").trim();
        let language = record.get(2).unwrap_or("").trim();
        let name_other = record.get(4).unwrap_or("").trim();
        match (code, language) {
            ("01000", _) => continue,
            ("02000" | "03000" | "04000", "") => {
                region = code.to_string();
                province.clear();
            }
            ("20001" | "20002", "") => province = code.to_string(),
            (c, "") if c.ends_with("0000") => province = c.to_string(),
            (c, "") => arrondissement = c.to_string(),
            (c, lang) => {
                if region.is_empty() || arrondissement.is_empty() {
                    bail!(
                        "{}:{line}: municipality {c} before its region/arrondissement",
                        refnis_path.display()
                    );
                }
                // For the German-speaking municipalities, Statbel's second name column holds
                // the German name, which Dutch also uses.
                let (name_nl, name_de) = if lang == "D" {
                    (name_other, name_other)
                } else {
                    (name_other, "")
                };
                let population = *population
                    .get(c)
                    .with_context(|| format!("no 2020 population for {c} {name_fr}"))?;
                writer.serialize(Row {
                    nis: c,
                    name_fr,
                    name_nl,
                    name_de,
                    language: lang,
                    arrondissement: &arrondissement,
                    province: if region == "04000" { "" } else { &province },
                    region: &region,
                    population_2020: population,
                    nis_2025: mergers.get(c).map(String::as_str).unwrap_or(""),
                })?;
                count += 1;
            }
        }
    }
    writer.flush()?;
    println!("wrote {count} municipalities to {}", out_path.display());
    Ok(())
}

fn read_population(path: &Path) -> Result<HashMap<String, u32>> {
    let mut reader =
        csv::Reader::from_path(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = HashMap::new();
    for record in reader.records() {
        let record = record?;
        let code = record
            .get(0)
            .unwrap_or("")
            .trim_start_matches('\u{feff}')
            .to_string();
        let total: u32 = record
            .get(4)
            .unwrap_or("")
            .parse()
            .with_context(|| format!("population of {code}"))?;
        out.insert(code, total);
    }
    Ok(out)
}

fn read_mergers(path: &Path) -> Result<BTreeMap<String, String>> {
    let mut reader =
        csv::Reader::from_path(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = BTreeMap::new();
    for record in reader.records() {
        let record = record?;
        out.insert(record[0].to_string(), record[2].to_string());
    }
    Ok(out)
}
