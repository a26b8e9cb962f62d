//! Reading the features of a GeoJSON FeatureCollection or of a TopoJSON object:
//! their properties, and their geometry left undecoded for the geometry code.

use super::json::{array_at, child_path, json_issue, kind, object_at, parse_json};
use super::limits::{check_file_size, check_records};
use super::report::Issue;
use super::text::decode;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::fmt;

/// One feature (GeoJSON) or geometry (TopoJSON).
#[derive(Clone, Debug, PartialEq)]
pub struct FeatureRecord {
    /// 0-based position among the features.
    pub index: usize,
    /// JSON path, e.g. `$.features[12]` or `$.objects.communes.geometries[3]`.
    pub path: String,
    /// The feature's `id` member, when it has one.
    pub id: Option<Value>,
    /// The properties (empty when absent or null).
    pub properties: Map<String, Value>,
    /// The geometry, undecoded; `None` when null or absent. For TopoJSON, the
    /// geometry object without `properties` and `id`: its `type` and `arcs`
    /// (or `coordinates`), to be decoded with the topology's `arcs`.
    pub geometry: Option<Value>,
}

/// Which format the features came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeatureFormat {
    /// A GeoJSON FeatureCollection (or a lone Feature).
    GeoJson,
    /// A TopoJSON Topology; `object` is the name of the object read.
    TopoJson {
        /// Name of the object read.
        object: String,
    },
}

/// The features of a file, with what is needed to decode TopoJSON geometries.
#[derive(Clone, Debug, PartialEq)]
pub struct FeatureDocument {
    /// GeoJSON, or TopoJSON and the object read.
    pub format: FeatureFormat,
    /// The features, in order.
    pub features: Vec<FeatureRecord>,
    /// TopoJSON only: the topology's `arcs`.
    pub arcs: Option<Value>,
    /// TopoJSON only: the topology's `transform`, when quantized.
    pub transform: Option<Value>,
}

/// Decodes and reads the features of a GeoJSON FeatureCollection or of the first
/// object of a TopoJSON topology.
pub fn read_features(bytes: &[u8]) -> Result<Vec<FeatureRecord>, Issue> {
    read_feature_document(bytes, None).map(|doc| doc.features)
}

/// Decodes and reads a GeoJSON FeatureCollection, or the TopoJSON object named
/// `object` (the first one when `None`).
pub fn read_feature_document(bytes: &[u8], object: Option<&str>) -> Result<FeatureDocument, Issue> {
    check_file_size(bytes.len())?;
    let decoded = decode(bytes);
    let value = parse_json(&decoded.text)?;
    feature_document(&decoded.text, value, object)
}

/// The features of a parsed document; `text` is reparsed for TopoJSON, whose
/// objects are taken in file order (which `serde_json::Map` may not keep).
pub(crate) fn feature_document(
    text: &str,
    value: Value,
    object: Option<&str>,
) -> Result<FeatureDocument, Issue> {
    let kind_name = value.get("type").and_then(Value::as_str);
    match kind_name {
        Some("FeatureCollection") | Some("Feature") => geojson(value),
        Some("Topology") => topology(text, object),
        Some(other) => Err(Issue::at_path(
            "$.type",
            format!(
                "expected a GeoJSON FeatureCollection or a TopoJSON Topology, found type {other:?}"
            ),
        )),
        None => Err(Issue::at_path(
            "$",
            "expected a GeoJSON FeatureCollection or a TopoJSON Topology, found no \"type\"",
        )),
    }
}

fn geojson(value: Value) -> Result<FeatureDocument, Issue> {
    let mut root = object_at("$", value)?;
    let features = if root.get("type").and_then(Value::as_str) == Some("Feature") {
        vec![feature(0, "$".to_owned(), Value::Object(root))?]
    } else {
        let items = match root.remove("features") {
            Some(items) => {
                let items = array_at("$.features", items)?;
                check_records(items.len(), "features")
                    .map_err(|issue| issue.with_path("$.features"))?;
                items
            }
            None => {
                return Err(Issue::at_path(
                    "$",
                    "FeatureCollection without \"features\"",
                ))
            }
        };
        items
            .into_iter()
            .enumerate()
            .map(|(index, item)| feature(index, format!("$.features[{index}]"), item))
            .collect::<Result<_, _>>()?
    };
    Ok(FeatureDocument {
        format: FeatureFormat::GeoJson,
        features,
        arcs: None,
        transform: None,
    })
}

fn feature(index: usize, path: String, value: Value) -> Result<FeatureRecord, Issue> {
    let mut object = object_at(&path, value)?;
    let properties = properties(&path, object.remove("properties"))?;
    let geometry = object.remove("geometry").filter(|g| !g.is_null());
    Ok(FeatureRecord {
        index,
        id: object.remove("id"),
        path,
        properties,
        geometry,
    })
}

fn properties(path: &str, value: Option<Value>) -> Result<Map<String, Value>, Issue> {
    match value {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(map)) => Ok(map),
        Some(other) => Err(Issue::at_path(
            format!("{path}.properties"),
            format!("expected an object or null, found {}", kind(&other)),
        )),
    }
}

/// The members of a TopoJSON topology this module needs.
#[derive(Deserialize)]
struct Topology {
    objects: OrderedObjects,
    #[serde(default)]
    arcs: Option<Value>,
    #[serde(default)]
    transform: Option<Value>,
}

/// The topology's `objects` in file order. Hand-written because
/// `serde_json::Map` keeps keys sorted unless the crate-wide `preserve_order`
/// feature is on, and "the first object" means the first in the file.
struct OrderedObjects(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for OrderedObjects {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Ordered;
        impl<'de> Visitor<'de> for Ordered {
            type Value = OrderedObjects;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of TopoJSON objects")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, Value>()? {
                    entries.push(entry);
                }
                Ok(OrderedObjects(entries))
            }
        }
        deserializer.deserialize_map(Ordered)
    }
}

fn topology(text: &str, wanted: Option<&str>) -> Result<FeatureDocument, Issue> {
    let topology: Topology = serde_json::from_str(text).map_err(|err| {
        let mut issue = json_issue(&err);
        issue.message = issue
            .message
            .replacen("invalid JSON", "invalid TopoJSON", 1);
        issue
    })?;
    let names = || {
        topology
            .objects
            .0
            .iter()
            .map(|(name, _)| name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let position = match wanted {
        Some(name) => topology.objects.0.iter().position(|(n, _)| n == name),
        None => (!topology.objects.0.is_empty()).then_some(0),
    };
    let Some(position) = position else {
        let message = match wanted {
            Some(name) => format!(
                "no object named {name:?} in the topology (objects: {})",
                names()
            ),
            None => "the topology has no objects".to_owned(),
        };
        return Err(Issue::at_path("$.objects", message));
    };
    let Topology {
        objects,
        arcs,
        transform,
    } = topology;
    let Some((name, object)) = objects.0.into_iter().nth(position) else {
        return Err(Issue::at_path("$.objects", "the topology has no objects"));
    };
    let path = child_path("$.objects", &name);
    let mut object = object_at(&path, object)?;
    let features = if object.get("type").and_then(Value::as_str) == Some("GeometryCollection") {
        let geometries_path = format!("{path}.geometries");
        let items = match object.remove("geometries") {
            Some(items) => {
                let items = array_at(&geometries_path, items)?;
                check_records(items.len(), "features")
                    .map_err(|issue| issue.with_path(geometries_path.as_str()))?;
                items
            }
            None => Vec::new(),
        };
        items
            .into_iter()
            .enumerate()
            .map(|(index, item)| topo_geometry(index, format!("{geometries_path}[{index}]"), item))
            .collect::<Result<_, _>>()?
    } else {
        vec![topo_geometry(0, path, Value::Object(object))?]
    };
    Ok(FeatureDocument {
        format: FeatureFormat::TopoJson { object: name },
        features,
        arcs,
        transform,
    })
}

fn topo_geometry(index: usize, path: String, value: Value) -> Result<FeatureRecord, Issue> {
    let mut object = object_at(&path, value)?;
    let properties = properties(&path, object.remove("properties"))?;
    let id = object.remove("id");
    let geometry = match object.get("type") {
        None | Some(Value::Null) => None,
        Some(_) => Some(Value::Object(object)),
    };
    Ok(FeatureRecord {
        index,
        path,
        id,
        properties,
        geometry,
    })
}
