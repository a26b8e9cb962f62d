//! Municipal boundaries: the features of a GeoJSON FeatureCollection or of a
//! TopoJSON object, one per municipality, keyed by NIS code. Only their
//! structure is checked here; decoding the geometry is [`crate::topology`]'s.

use super::{is_nis, Parsed};
use crate::import::geojson::{read_feature_document, FeatureFormat};
use crate::import::json::child_path;
use crate::import::records::value_to_string;
use crate::import::{normalize_header, FieldSpec, HeaderMap, Issue};
use crate::municipality::Reference;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

keywords! {
    /// The geometry type of a boundary.
    GeometryKind, "geometry type" {
        /// One polygon.
        Polygon = "Polygon",
        /// Several polygons.
        MultiPolygon = "MultiPolygon",
    }
}

/// One municipality's boundary feature.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Boundary {
    /// NIS code of the municipality.
    pub nis: String,
    /// Its name, when a property gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Polygon or MultiPolygon.
    pub kind: GeometryKind,
}

const NIS: FieldSpec = FieldSpec {
    name: "nis",
    aliases: &[
        "code ins",
        "code nis",
        "nis code",
        "niscode",
        "refnis",
        "cd refnis",
        "cd munty refnis",
        "mun nis",
    ],
    required: false,
};

/// Properties that may hold the name, in order of preference.
const NAMES: [&str; 6] = ["name fr", "name", "nom", "name nl", "naam", "name de"];

/// How many missing municipalities [`check_boundaries`] lists.
const LISTED: usize = 10;

/// Why `coordinates` is not the coordinates of a `kind`, if it is not.
fn check_coordinates(kind: GeometryKind, coordinates: &Value) -> Result<(), String> {
    let position = |p: &Value| {
        p.as_array().is_some_and(|xs| {
            xs.len() >= 2 && xs.iter().all(|x| x.as_f64().is_some_and(f64::is_finite))
        })
    };
    let ring = |r: &Value| {
        r.as_array()
            .is_some_and(|ps| ps.len() >= 4 && ps.iter().all(position))
    };
    let polygon = |p: &Value| {
        p.as_array()
            .is_some_and(|rs| !rs.is_empty() && rs.iter().all(ring))
    };
    let ok = match kind {
        GeometryKind::Polygon => polygon(coordinates),
        GeometryKind::MultiPolygon => coordinates
            .as_array()
            .is_some_and(|ps| !ps.is_empty() && ps.iter().all(polygon)),
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "the coordinates are not those of a {kind} (rings of at least 4 positions)"
        ))
    }
}

/// Why `arcs` is not the arcs of a TopoJSON `kind` with `arc_count` arcs, if it is not.
fn check_arcs(kind: GeometryKind, arcs: &Value, arc_count: usize) -> Result<(), String> {
    let index = |i: &Value| {
        i.as_i64().is_some_and(|i| {
            let i = if i < 0 { -(i + 1) } else { i };
            usize::try_from(i).is_ok_and(|i| i < arc_count)
        })
    };
    let ring = |r: &Value| {
        r.as_array()
            .is_some_and(|is| !is.is_empty() && is.iter().all(index))
    };
    let polygon = |p: &Value| {
        p.as_array()
            .is_some_and(|rs| !rs.is_empty() && rs.iter().all(ring))
    };
    let ok = match kind {
        GeometryKind::Polygon => polygon(arcs),
        GeometryKind::MultiPolygon => arcs
            .as_array()
            .is_some_and(|ps| !ps.is_empty() && ps.iter().all(polygon)),
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "the arcs are not those of a {kind} (rings of indices below {arc_count})"
        ))
    }
}

/// Reads and checks boundaries: the features of a GeoJSON FeatureCollection or
/// of the first object of a TopoJSON topology. The NIS code is the property
/// `nis` (or an alias such as `Code INS`, `refnis`), else the feature's `id`.
///
/// Checks: NIS code present, 5 digits, unique; geometry present, of type
/// `Polygon` or `MultiPolygon`, with well-formed coordinates (GeoJSON) or arc
/// indices within the topology's arcs (TopoJSON). Records are keyed by the
/// 0-based feature index; issues carry the feature's JSON path.
pub fn parse_boundaries(bytes: &[u8], file_name: &str) -> Parsed<Boundary> {
    let mut parsed = Parsed::new(file_name);
    let doc = match read_feature_document(bytes, None) {
        Ok(doc) => doc,
        Err(issue) => {
            parsed.report.error(issue);
            return parsed;
        }
    };
    let mut headers: Vec<String> = Vec::new();
    for feature in &doc.features {
        for key in feature.properties.keys() {
            if !headers.contains(key) {
                headers.push(key.clone());
            }
        }
    }
    let nis_key = match HeaderMap::resolve(&headers, &[NIS]) {
        Ok(columns) => columns.get("nis").and_then(|&c| headers.get(c)).cloned(),
        Err(issues) => {
            for issue in issues {
                parsed.report.error(issue);
            }
            for _ in &doc.features {
                parsed.report.reject_all([]);
            }
            return parsed;
        }
    };
    if nis_key.is_none() && doc.features.iter().all(|f| f.id.is_none()) && !doc.features.is_empty()
    {
        parsed.report.error(
            Issue::new(
                "no NIS code: no property \"nis\" (or \"code ins\", \"refnis\"…) and no feature id",
            )
            .with_field("nis"),
        );
        for _ in &doc.features {
            parsed.report.reject_all([]);
        }
        return parsed;
    }
    let name_key = NAMES.iter().find_map(|wanted| {
        headers
            .iter()
            .find(|h| normalize_header(h) == *wanted)
            .cloned()
    });
    let arc_count = doc
        .arcs
        .as_ref()
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let topojson = matches!(doc.format, FeatureFormat::TopoJson { .. });
    let mut seen: HashMap<String, String> = HashMap::new();
    for feature in &doc.features {
        let key = feature.index as u64;
        let properties_path = format!("{}.properties", feature.path);
        parsed.paths.insert(key, properties_path.clone());
        let mut issues = Vec::new();
        let (value, nis_path, field) = match &nis_key {
            Some(name) => (
                feature.properties.get(name),
                child_path(&properties_path, name),
                name.as_str(),
            ),
            None => (feature.id.as_ref(), format!("{}.id", feature.path), "id"),
        };
        let nis = value.map(value_to_string).unwrap_or_default();
        let nis = nis.trim();
        let nis_issue =
            |message: String| Issue::at_path(nis_path.clone(), message).with_field(field);
        if nis.is_empty() {
            issues.push(nis_issue("required value is missing".to_owned()));
        } else if !is_nis(nis) {
            issues.push(nis_issue(format!("'{nis}' is not a 5-digit NIS code")));
        } else if let Some(first) = seen.get(nis) {
            issues.push(nis_issue(format!(
                "duplicate NIS code '{nis}' (first at {first})"
            )));
        } else {
            seen.insert(nis.to_owned(), feature.path.clone());
        }
        let geometry_path = if topojson {
            feature.path.clone()
        } else {
            format!("{}.geometry", feature.path)
        };
        let geometry_issue =
            |message: String| Issue::at_path(geometry_path.clone(), message).with_field("geometry");
        let kind = match &feature.geometry {
            None => {
                issues.push(geometry_issue("the feature has no geometry".to_owned()));
                None
            }
            Some(geometry) => {
                let type_name = geometry
                    .get("type")
                    .map(value_to_string)
                    .unwrap_or_default();
                let kind = GeometryKind::ALL
                    .iter()
                    .copied()
                    .find(|k| k.as_str() == type_name);
                match kind {
                    None => issues.push(geometry_issue(format!(
                        "geometry type '{type_name}' is not Polygon or MultiPolygon"
                    ))),
                    Some(kind) => {
                        let checked = if topojson {
                            geometry
                                .get("arcs")
                                .map_or(Err("the geometry has no arcs".to_owned()), |arcs| {
                                    check_arcs(kind, arcs, arc_count)
                                })
                        } else {
                            geometry
                                .get("coordinates")
                                .map_or(Err("the geometry has no coordinates".to_owned()), |c| {
                                    check_coordinates(kind, c)
                                })
                        };
                        if let Err(message) = checked {
                            issues.push(geometry_issue(message));
                        }
                    }
                }
                kind
            }
        };
        match kind {
            Some(kind) if issues.is_empty() => {
                parsed.report.keep();
                let name = name_key
                    .as_ref()
                    .and_then(|k| feature.properties.get(k))
                    .map(value_to_string)
                    .filter(|n| !n.trim().is_empty());
                parsed.records.push((
                    key,
                    Boundary {
                        nis: nis.to_owned(),
                        name,
                        kind,
                    },
                ));
            }
            _ => parsed.report.reject_all(issues),
        }
    }
    parsed.columns = nis_key
        .as_ref()
        .and_then(|k| headers.iter().position(|h| h == k))
        .map(|c| HashMap::from([("nis", c)]))
        .unwrap_or_default();
    parsed.headers = headers;
    parsed
}

/// Checks the kept boundaries against `reference`: a NIS code that is not a
/// municipality of the reference is an error; municipalities of the reference
/// without a boundary give one warning listing the first of them.
pub fn check_boundaries(parsed: &mut Parsed<Boundary>, reference: &Reference) {
    let known: HashSet<&str> = reference
        .municipalities
        .iter()
        .map(|m| m.nis.as_str())
        .collect();
    let mut errors = Vec::new();
    for (key, boundary) in &parsed.records {
        if !known.contains(boundary.nis.as_str()) {
            let message = format!(
                "NIS code '{}' is not a municipality of the reference",
                boundary.nis
            );
            let by_id = !parsed.columns.contains_key("nis");
            errors.push(match parsed.paths.get(key) {
                Some(path) if by_id => {
                    let feature = path.strip_suffix(".properties").unwrap_or(path);
                    Issue::at_path(format!("{feature}.id"), message).with_field("id")
                }
                _ => parsed.issue_at(*key, "nis", message),
            });
        }
    }
    for issue in errors {
        parsed.report.error(issue);
    }
    let present: HashSet<&str> = parsed.values().map(|b| b.nis.as_str()).collect();
    let missing: Vec<&str> = reference
        .municipalities
        .iter()
        .map(|m| m.nis.as_str())
        .filter(|nis| !present.contains(nis))
        .collect();
    if !missing.is_empty() {
        let listed: Vec<&str> = missing.iter().copied().take(LISTED).collect();
        let more = if missing.len() > LISTED { ", …" } else { "" };
        parsed.report.warn(
            Issue::new(match missing.len() {
                1 => format!(
                    "1 municipality of the reference has no boundary: {}",
                    listed.join(", ")
                ),
                n => format!(
                    "{n} municipalities of the reference have no boundary: {}{more}",
                    listed.join(", ")
                ),
            })
            .with_field("nis"),
        );
    }
}
