//! Downloads of the filtered view: the projects as CSV or JSON, the municipalities with
//! the map's metric as GeoJSON. Every file names its source and licence: a comment line
//! first in CSV, a `metadata` member in JSON and GeoJSON.

use crate::datasets::Project;
use crate::explore::call_of;
use crate::language::Language;
use crate::municipality::{Reference, WALLONIA};
use crate::topology::{features, property_key, Topology, TopologyError};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Credit carried by every export.
pub const CREDIT: &str = "Source: Smart Région Explorer, from Digital Wallonia / Gouvernement wallon (laureates), Statbel (CC BY 4.0, municipalities), bmesuere/belgium-topojson (CC0, boundaries). The laureate list is incomplete.";

/// The HTML a journalist pastes: the iframe of the embed at `src` and, once per
/// page, the resizing script at `script`; every value escaped for an attribute.
pub fn embed_snippet(src: &str, title: &str, script: &str, height: u32) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    format!(
        "<iframe src=\"{}\" title=\"{}\" loading=\"lazy\" width=\"100%\" height=\"{height}\" style=\"border:0;max-width:100%\" data-sre-embed></iframe>\n<script src=\"{}\" async></script>",
        escape(src),
        escape(title),
        escape(script),
    )
}

/// CSV dialect of a download.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvDialect {
    /// RFC 4180: comma, UTF-8 without BOM.
    Standard,
    /// For spreadsheets in FR/BE locales: semicolon, UTF-8 with BOM, decimal comma.
    Spreadsheet,
}

/// Column names of the projects export.
pub const PROJECT_COLUMNS: [&str; 13] = [
    "id",
    "call",
    "title",
    "title_status",
    "lead_applicant",
    "lead_type",
    "municipalities_nis",
    "municipalities",
    "theme",
    "status",
    "subsidy_eur",
    "total_budget_eur",
    "sources",
];

fn amount(value: Option<f64>, dialect: CsvDialect) -> String {
    let Some(v) = value else {
        return String::new();
    };
    let text = if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    };
    match dialect {
        CsvDialect::Standard => text,
        CsvDialect::Spreadsheet => text.replace('.', ","),
    }
}

fn row(
    project: &Project,
    reference: &Reference,
    language: Language,
    dialect: CsvDialect,
) -> [String; 13] {
    let names: Vec<String> = project
        .municipalities
        .iter()
        .map(|nis| {
            reference
                .municipality(nis)
                .map_or_else(|| nis.clone(), |m| m.display_name(language).to_string())
        })
        .collect();
    [
        project.id.clone(),
        call_of(project),
        project.title.clone(),
        project.title_status.as_str().to_string(),
        project.lead_applicant.clone().unwrap_or_default(),
        project
            .lead_type
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        project.municipalities.join("|"),
        names.join("|"),
        project
            .theme
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        project.status.as_str().to_string(),
        amount(project.subsidy_eur, dialect),
        amount(project.total_budget_eur, dialect),
        project.sources.join(" "),
    ]
}

/// `header` and `records` written as CSV with `delimiter`.
pub(crate) fn write_csv<H, R, I>(
    delimiter: u8,
    header: impl IntoIterator<Item = H>,
    records: impl IntoIterator<Item = R>,
) -> String
where
    H: AsRef<[u8]>,
    R: IntoIterator<Item = I>,
    I: AsRef<[u8]>,
{
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    // Writing into a Vec cannot fail; a failed row would only be missing.
    let _ = writer.write_record(header);
    for record in records {
        // Writing into a Vec cannot fail; a failed row would only be missing.
        let _ = writer.write_record(record);
    }
    writer
        .into_inner()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default()
}

/// The projects at `indices` as CSV: a header row, one row per project.
pub fn projects_csv_rows(
    projects: &[Project],
    indices: &[usize],
    reference: &Reference,
    language: Language,
    dialect: CsvDialect,
) -> String {
    let delimiter = match dialect {
        CsvDialect::Standard => b',',
        CsvDialect::Spreadsheet => b';',
    };
    let rows = indices
        .iter()
        .filter_map(|&i| projects.get(i))
        .map(|project| row(project, reference, language, dialect));
    write_csv(delimiter, PROJECT_COLUMNS, rows)
}

/// The projects at `indices` as CSV: a `#` comment line with the credit, a header row,
/// one row per project.
pub fn projects_csv(
    projects: &[Project],
    indices: &[usize],
    reference: &Reference,
    language: Language,
    dialect: CsvDialect,
) -> String {
    let body = projects_csv_rows(projects, indices, reference, language, dialect);
    let bom = if dialect == CsvDialect::Spreadsheet {
        "\u{feff}"
    } else {
        ""
    };
    format!("{bom}# {CREDIT}\n{body}")
}

/// The Walloon municipalities as CSV: NIS code, names in French, Dutch and German,
/// province (French name) and population on 1 January 2020.
pub fn municipalities_csv(reference: &Reference) -> String {
    let header = [
        "nis",
        "name_fr",
        "name_nl",
        "name_de",
        "province",
        "population_2020",
    ];
    let rows = reference.in_region(WALLONIA).map(|m| {
        let province = m
            .province
            .as_deref()
            .and_then(|p| reference.province(p))
            .map(|p| p.name.get(Language::Fr, &[]).to_string())
            .unwrap_or_default();
        [
            m.nis.clone(),
            m.name.fr.clone().unwrap_or_default(),
            m.name.nl.clone().unwrap_or_default(),
            m.name.de.clone().unwrap_or_default(),
            province,
            m.population.map(|p| p.to_string()).unwrap_or_default(),
        ]
    });
    write_csv(b',', header, rows)
}

/// The projects at `indices` as JSON: `{metadata, projects}`.
pub fn projects_json(projects: &[Project], indices: &[usize], query: &str) -> String {
    let selected: Vec<&Project> = indices.iter().filter_map(|&i| projects.get(i)).collect();
    let document = json!({
        "metadata": { "credit": CREDIT, "filters": query, "count": selected.len() },
        "projects": selected,
    });
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

/// Credit of the boundaries and the municipalities, carried by a GeoJSON export of a
/// user's dataset (whose own source is named beside it).
pub const BOUNDARIES_CREDIT: &str = "Statbel (CC BY 4.0, municipalities), bmesuere/belgium-topojson (CC0, boundaries); map by Smart Région Explorer.";

/// The Walloon municipalities of `topology` as a GeoJSON FeatureCollection, each with its
/// name, population and its value of the map's `metric` (null without one); the
/// collection's metadata carries `credit`.
pub fn municipalities_geojson(
    topology: &Topology,
    reference: &Reference,
    values: &BTreeMap<String, f64>,
    metric: &str,
    credit: &str,
    language: Language,
) -> Result<String, TopologyError> {
    let decoded = features(topology, "municipalities")?;
    let features: Vec<Value> = decoded
        .features
        .iter()
        .filter_map(|feature| {
            let nis = property_key(&feature.properties, "nis")?;
            let municipality = reference
                .municipality(&nis)
                .filter(|m| m.region == WALLONIA)?;
            let round = |p: &[f64; 2]| [(p[0] * 1e5).round() / 1e5, (p[1] * 1e5).round() / 1e5];
            let polygons: Vec<Vec<Vec<[f64; 2]>>> = feature
                .polygons
                .iter()
                .map(|polygon| {
                    polygon
                        .iter()
                        .map(|ring| ring.iter().map(round).collect())
                        .collect()
                })
                .collect();
            Some(json!({
                "type": "Feature",
                "properties": {
                    "nis": nis,
                    "name": municipality.display_name(language),
                    "population": municipality.population,
                    "metric": metric,
                    "value": values.get(&nis),
                },
                "geometry": { "type": "MultiPolygon", "coordinates": polygons },
            }))
        })
        .collect();
    let document = json!({
        "type": "FeatureCollection",
        "metadata": { "credit": credit, "metric": metric },
        "features": features,
    });
    Ok(serde_json::to_string(&document).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embed_snippet_escapes_its_attributes() {
        let snippet = embed_snippet(
            "https://x.be/embed/map/?q=a&b=\"c\"",
            "Carte <des> \"projets\"",
            "https://x.be/embed.js",
            450,
        );
        assert_eq!(
            snippet,
            "<iframe src=\"https://x.be/embed/map/?q=a&amp;b=&quot;c&quot;\" title=\"Carte &lt;des&gt; &quot;projets&quot;\" loading=\"lazy\" width=\"100%\" height=\"450\" style=\"border:0;max-width:100%\" data-sre-embed></iframe>\n<script src=\"https://x.be/embed.js\" async></script>"
        );
    }
    use crate::datasets::{parse_projects, Parsed};

    const PROJECTS: &str = "id,call_year,phase,title,title_status,lead_applicant,lead_type,municipalities,theme,status,subsidy_eur,total_budget_eur,sources
ti2019-a,2019,2019,\"Apps; \"\"smart\"\"\",published,Liège,commune,,mobility-logistics,selected,1234.5,,https://example.org/a
ti2019-b,2019,2019,B,published,,,,,completed,,,https://example.org/b
";

    fn projects() -> Vec<Project> {
        let parsed: Parsed<Project> = parse_projects(PROJECTS.as_bytes(), "p.csv", &[]);
        assert!(parsed.report.is_clean(), "{}", parsed.report);
        parsed.into_values()
    }

    #[test]
    fn the_municipalities_csv_has_one_row_per_walloon_municipality() {
        let reference = crate::explore::fixtures::reference();
        let text = municipalities_csv(&reference);
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some("nis,name_fr,name_nl,name_de,province,population_2020")
        );
        let rows: Vec<&str> = lines.collect();
        assert_eq!(rows.len(), reference.in_region(WALLONIA).count());
        assert!(
            rows.contains(&"62063,Liège,Luik,,Province de Liège,200000"),
            "{rows:?}"
        );
        assert!(!rows.iter().any(|r| r.starts_with("21004,")));
    }

    #[test]
    fn csv_has_credit_header_and_one_row_per_selected_project() {
        let projects = projects();
        let reference = Reference::default();
        let text = projects_csv(
            &projects,
            &[0, 1],
            &reference,
            Language::Fr,
            CsvDialect::Standard,
        );
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("# Source: Smart Région Explorer"));
        assert_eq!(lines[1], PROJECT_COLUMNS.join(","));
        assert_eq!(lines.len(), 4);
        assert!(lines[2].starts_with("ti2019-a,2019,\"Apps; \"\"smart\"\"\",published,Liège,commune,,,mobility-logistics,selected,1234.50,,"));
        let only_b = projects_csv(
            &projects,
            &[1],
            &reference,
            Language::Fr,
            CsvDialect::Standard,
        );
        assert_eq!(only_b.lines().count(), 3);
    }

    #[test]
    fn spreadsheet_csv_uses_bom_semicolons_and_decimal_commas() {
        let projects = projects();
        let text = projects_csv(
            &projects,
            &[0],
            &Reference::default(),
            Language::Fr,
            CsvDialect::Spreadsheet,
        );
        assert!(text.starts_with("\u{feff}# "));
        let row = text.lines().nth(2).unwrap();
        assert!(
            row.starts_with("ti2019-a;2019;\"Apps; \"\"smart\"\"\";"),
            "{row}"
        );
        assert!(row.contains(";1234,50;"), "{row}");
    }

    #[test]
    fn json_carries_metadata_and_the_selected_projects() {
        let projects = projects();
        let value: Value =
            serde_json::from_str(&projects_json(&projects, &[1], "status=completed")).unwrap();
        assert_eq!(value["metadata"]["count"], 1);
        assert_eq!(value["metadata"]["filters"], "status=completed");
        assert_eq!(value["projects"][0]["id"], "ti2019-b");
    }
}
