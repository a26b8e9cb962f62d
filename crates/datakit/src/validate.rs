//! `datakit validate`: checks one dataset file and reports every problem found,
//! as text (`FILE:LINE:COLUMN: FIELD: message`) or as one JSON object.

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use explorer_core::datasets::{
    check_boundaries, document_names, parse_boundaries, parse_calls, parse_documents,
    parse_indicators, parse_municipalities, parse_projects, reference_of,
};
use explorer_core::import::{ImportReport, Issue};
use explorer_core::municipality::Reference;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// Municipalities (`data/municipalities.csv` or a file with NIS codes and names).
    Municipalities,
    /// Laureate projects (`data/projects.csv`).
    Projects,
    /// Calls for projects (`data/calls.csv`).
    Calls,
    /// Survey indicators (`data/indicators.csv`).
    Indicators,
    /// Municipal boundaries (GeoJSON or TopoJSON).
    Boundaries,
    /// Seed documents cited by file name (`data/documents.csv`).
    Documents,
}

impl Kind {
    /// The name given on the command line.
    fn name(self) -> &'static str {
        match self {
            Kind::Municipalities => "municipalities",
            Kind::Projects => "projects",
            Kind::Calls => "calls",
            Kind::Indicators => "indicators",
            Kind::Boundaries => "boundaries",
            Kind::Documents => "documents",
        }
    }
}

/// How the report is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One line per error, then per warning, then the row counts.
    Text,
    /// One JSON object.
    Json,
}

/// Arguments of `datakit validate`.
#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// What the file holds.
    #[arg(long, value_enum)]
    kind: Kind,
    /// The file to check (CSV, JSON records, GeoJSON or TopoJSON).
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: OutputFormat,
    /// The seed documents a source may cite by file name (projects, calls, indicators).
    #[arg(long, default_value = "data/documents.csv")]
    documents: PathBuf,
    /// The municipalities that project names resolve to and boundaries are checked against.
    #[arg(long, default_value = "data/municipalities.csv")]
    municipalities: PathBuf,
}

/// The JSON output, its keys in this order.
#[derive(Serialize)]
struct JsonReport<'a> {
    file: &'a str,
    kind: &'a str,
    rows_read: usize,
    rows_kept: usize,
    rows_rejected: usize,
    errors: &'a [Issue],
    warnings: &'a [Issue],
}

pub(crate) fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("reading {}", path.display()))
}

/// Fails when a file the check depends on has errors itself.
fn require_clean(report: &ImportReport, kind: Kind) -> Result<()> {
    if !report.is_clean() {
        bail!(
            "{} has {} error(s); check it with `datakit validate --kind {} {}`",
            report.file,
            report.errors.len(),
            kind.name(),
            report.file
        );
    }
    Ok(())
}

pub(crate) fn documents(path: &Path) -> Result<Vec<String>> {
    let parsed = parse_documents(&read(path)?, &path.display().to_string());
    require_clean(&parsed.report, Kind::Documents)?;
    Ok(document_names(&parsed))
}

pub(crate) fn reference(path: &Path) -> Result<Reference> {
    let parsed = parse_municipalities(&read(path)?, &path.display().to_string());
    require_clean(&parsed.report, Kind::Municipalities)?;
    Ok(reference_of(parsed.into_values()))
}

/// Checks the file and prints the report; `Ok(true)` when it has no error.
/// I/O problems, and errors in the documents or municipalities it relies on,
/// are `Err`.
pub fn run(args: &ValidateArgs) -> Result<bool> {
    let bytes = read(&args.file)?;
    let file = args.file.display().to_string();
    let report = match args.kind {
        Kind::Municipalities => parse_municipalities(&bytes, &file).report,
        Kind::Documents => parse_documents(&bytes, &file).report,
        Kind::Projects => {
            let documents = documents(&args.documents)?;
            let reference = reference(&args.municipalities)?;
            let mut parsed = parse_projects(&bytes, &file, &documents);
            parsed.resolve_municipalities(&reference);
            parsed.report
        }
        Kind::Calls => parse_calls(&bytes, &file, &documents(&args.documents)?).report,
        Kind::Indicators => parse_indicators(&bytes, &file, &documents(&args.documents)?).report,
        Kind::Boundaries => {
            let reference = reference(&args.municipalities)?;
            let mut parsed = parse_boundaries(&bytes, &file);
            check_boundaries(&mut parsed, &reference);
            parsed.report
        }
    };
    let mut out = std::io::stdout().lock();
    match args.format {
        OutputFormat::Text => writeln!(out, "{report}")?,
        OutputFormat::Json => {
            let json = JsonReport {
                file: &report.file,
                kind: args.kind.name(),
                rows_read: report.rows_read(),
                rows_kept: report.rows_kept(),
                rows_rejected: report.rows_rejected(),
                errors: &report.errors,
                warnings: &report.warnings,
            };
            serde_json::to_writer(&mut out, &json)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(report.is_clean())
}
