//! `datakit add`: merges contributed project rows (the file the site's
//! "Signaler un projet manquant" form downloads) into `data/projects.csv`, with
//! the checks of `datakit validate --kind projects`, refusing an id that exists.

use crate::bundle::DataErrors;
use crate::validate::{documents, read, reference};
use anyhow::{bail, Context, Result};
use clap::Args;
use explorer_core::datasets::parse_projects;
use std::collections::HashMap;
use std::path::PathBuf;

/// Arguments of `datakit add`.
#[derive(Args, Debug)]
pub struct AddArgs {
    /// The contributed rows (CSV with the header of `data/projects.csv`, in any order).
    file: PathBuf,
    /// The projects file to add them to.
    #[arg(long, default_value = "data/projects.csv")]
    projects: PathBuf,
    /// The seed documents a source may cite by file name.
    #[arg(long, default_value = "data/documents.csv")]
    documents: PathBuf,
    /// The municipalities that project names resolve to.
    #[arg(long, default_value = "data/municipalities.csv")]
    municipalities: PathBuf,
}

/// Checks the contributed rows and appends them to the projects file, whose
/// column order they take. Nothing is written when any row has an error, an id
/// the file already holds, or a column the file lacks.
pub fn run(args: &AddArgs) -> Result<()> {
    let documents = documents(&args.documents)?;
    let reference = reference(&args.municipalities)?;
    let contributed_bytes = read(&args.file)?;
    let contributed_name = args.file.display().to_string();
    let mut contributed = parse_projects(&contributed_bytes, &contributed_name, &documents);
    contributed.resolve_municipalities(&reference);
    if !contributed.report.is_clean() {
        println!("{}", contributed.report);
        return Err(DataErrors.into());
    }
    let existing_bytes = read(&args.projects)?;
    let existing_name = args.projects.display().to_string();
    let existing = parse_projects(&existing_bytes, &existing_name, &documents);
    let lines: HashMap<&str, u64> = existing
        .records
        .iter()
        .map(|(line, p)| (p.id.as_str(), *line))
        .collect();
    let mut refused = false;
    for (line, project) in &contributed.records {
        if let Some(first) = lines.get(project.id.as_str()) {
            println!(
                "{contributed_name}:{line}: id: '{}' is already in {existing_name} (line {first}); a correction replaces that line by hand",
                project.id
            );
            refused = true;
        }
    }
    if refused {
        return Err(DataErrors.into());
    }
    let merged = merged_text(&existing_bytes, &contributed_bytes)
        .with_context(|| format!("merging {contributed_name} into {existing_name}"))?;
    let check = parse_projects(merged.as_bytes(), &existing_name, &documents);
    if !check.report.is_clean() {
        println!("{}", check.report);
        bail!("the merged file would not be valid; {existing_name} is unchanged");
    }
    std::fs::write(&args.projects, merged)
        .with_context(|| format!("writing {}", args.projects.display()))?;
    let ids: Vec<&str> = contributed.values().map(|p| p.id.as_str()).collect();
    println!(
        "added {} row(s) to {existing_name}: {}",
        ids.len(),
        ids.join(", ")
    );
    Ok(())
}

/// The projects file with the contributed rows appended, each rewritten in the
/// file's column order.
fn merged_text(existing: &[u8], contributed: &[u8]) -> Result<String> {
    let existing_text = std::str::from_utf8(existing).context("the projects file is not UTF-8")?;
    let header = csv::Reader::from_reader(existing).headers()?.clone();
    let mut reader = csv::Reader::from_reader(
        contributed
            .strip_prefix(b"\xef\xbb\xbf")
            .unwrap_or(contributed),
    );
    let theirs = reader.headers()?.clone();
    for name in &theirs {
        if !header.iter().any(|h| h == name) {
            bail!("column '{name}' is not a column of the projects file");
        }
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for record in reader.records() {
        let record = record?;
        let row: Vec<&str> = header
            .iter()
            .map(|name| {
                theirs
                    .iter()
                    .position(|t| t == name)
                    .and_then(|i| record.get(i))
                    .unwrap_or("")
            })
            .collect();
        writer.write_record(&row)?;
    }
    let rows = String::from_utf8(writer.into_inner()?)?;
    let mut merged = existing_text.to_string();
    if !merged.ends_with('\n') {
        merged.push('\n');
    }
    merged.push_str(&rows);
    Ok(merged)
}
