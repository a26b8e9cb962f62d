//! Serde types of a TopoJSON topology (<https://github.com/topojson/topojson-specification>).

use super::TopologyError;
use serde::de::{self, SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;

/// Properties of a geometry (a JSON object).
pub type Properties = Map<String, Value>;

/// A TopoJSON topology: named objects whose polygons refer to shared arcs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Topology {
    /// Always `"Topology"`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `[west, south, east, north]` of all arcs, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bbox: Option<[f64; 4]>,
    /// Present when the arcs are quantized (integers, delta-encoded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transform: Option<Transform>,
    /// The named objects (e.g. `municipalities`).
    pub objects: BTreeMap<String, GeometryCollection>,
    /// The arcs: positions, delta-encoded integers when `transform` is set, else absolute.
    pub arcs: Vec<Vec<Position>>,
}

/// Quantization transform: `absolute = quantized * scale + translate`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Transform {
    /// Size of one grid step, `[x, y]`.
    pub scale: [f64; 2],
    /// Position of the grid origin, `[x, y]`.
    pub translate: [f64; 2],
}

/// A position `[x, y]` (longitude, latitude, or grid units); extra dimensions are dropped.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Position(pub [f64; 2]);

/// A named object: its geometries. A lone geometry is read as a collection of one.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawGeometry", into = "RawGeometry")]
pub struct GeometryCollection {
    /// The geometries, in file order.
    pub geometries: Vec<Geometry>,
}

/// One geometry of a collection: its shape, identifier and properties.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawGeometry", into = "RawGeometry")]
pub struct Geometry {
    /// The shape, as arc indices (`~i`, i.e. `-i - 1`, means arc `i` reversed).
    pub shape: Shape,
    /// The optional `id` member.
    pub id: Option<Value>,
    /// The `properties` member (empty when absent).
    pub properties: Properties,
}

/// The shape of a geometry, as lists of arc indices.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// Rings (exterior first, then holes), each a list of arc indices.
    Polygon(Vec<Vec<i64>>),
    /// Polygons, each a list of rings.
    MultiPolygon(Vec<Vec<Vec<i64>>>),
    /// Any other type (points, lines, null, nested collections): kept by name, ignored.
    Unsupported(String),
}

impl Shape {
    /// The polygons of this shape (a `Polygon` is one polygon; unsupported shapes have none).
    pub fn polygons(&self) -> Vec<&Vec<Vec<i64>>> {
        match self {
            Shape::Polygon(rings) => vec![rings],
            Shape::MultiPolygon(polygons) => polygons.iter().collect(),
            Shape::Unsupported(_) => Vec::new(),
        }
    }

    /// Every ring of this shape, in order.
    pub fn rings(&self) -> impl Iterator<Item = &Vec<i64>> {
        self.polygons().into_iter().flatten()
    }

    /// Applies `f` to every arc index of the shape.
    pub(crate) fn map_arcs(&mut self, mut f: impl FnMut(i64) -> i64) {
        let rings: Vec<&mut Vec<i64>> = match self {
            Shape::Polygon(rings) => rings.iter_mut().collect(),
            Shape::MultiPolygon(polygons) => polygons.iter_mut().flatten().collect(),
            Shape::Unsupported(_) => Vec::new(),
        };
        for ring in rings {
            for index in ring.iter_mut() {
                *index = f(*index);
            }
        }
    }
}

impl Topology {
    /// Parses a TopoJSON text and checks it (see [`Topology::validate`]). A text
    /// larger than [`crate::import::limits::MAX_FILE_BYTES`] is refused unread;
    /// nesting is bounded by `serde_json` (128 levels).
    pub fn from_json(text: &str) -> Result<Self, TopologyError> {
        let max = crate::import::limits::MAX_FILE_BYTES;
        if text.len() > max {
            return Err(TopologyError::TooLarge {
                bytes: text.len(),
                max,
            });
        }
        let topology: Topology = serde_json::from_str(text)?;
        topology.validate()?;
        Ok(topology)
    }

    /// Serializes to compact JSON.
    pub fn to_json(&self) -> Result<String, TopologyError> {
        Ok(serde_json::to_string(self)?)
    }

    /// Checks the invariants the other functions rely on: `type` is `Topology`, numbers
    /// are finite, every arc has at least two positions, every ring has at least one arc,
    /// and every arc index is in range.
    pub fn validate(&self) -> Result<(), TopologyError> {
        if self.kind != "Topology" {
            return Err(TopologyError::NotATopology(self.kind.clone()));
        }
        if let Some(t) = &self.transform {
            let numbers = [t.scale[0], t.scale[1], t.translate[0], t.translate[1]];
            if numbers.iter().any(|n| !n.is_finite()) {
                return Err(TopologyError::InvalidTransform);
            }
        }
        for (arc, positions) in self.arcs.iter().enumerate() {
            if positions.len() < 2 {
                return Err(TopologyError::ShortArc {
                    arc,
                    len: positions.len(),
                });
            }
        }
        let arc_count = self.arcs.len();
        for (name, collection) in &self.objects {
            for (geometry, g) in collection.geometries.iter().enumerate() {
                for ring in g.shape.rings() {
                    if ring.is_empty() {
                        return Err(TopologyError::EmptyRing {
                            object: name.clone(),
                            geometry,
                        });
                    }
                    for &index in ring {
                        if arc_index(index, arc_count).is_none() {
                            return Err(TopologyError::ArcOutOfRange {
                                object: name.clone(),
                                geometry,
                                index,
                                arcs: arc_count,
                            });
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

/// The arc an index refers to (`~i` is arc `i`), if it is below `arc_count`.
pub(crate) fn arc_index(index: i64, arc_count: usize) -> Option<usize> {
    let i = if index < 0 { !index } else { index };
    usize::try_from(i).ok().filter(|&i| i < arc_count)
}

// ---- wire format -------------------------------------------------------------------

/// The members of any TopoJSON geometry object, as read from and written to JSON.
#[derive(Serialize, Deserialize)]
struct RawGeometry {
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    arcs: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    geometries: Option<Vec<Geometry>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    properties: Option<Properties>,
}

impl TryFrom<RawGeometry> for Geometry {
    type Error = String;

    fn try_from(raw: RawGeometry) -> Result<Self, String> {
        let arcs = |raw: &RawGeometry| raw.arcs.clone().ok_or("missing `arcs`".to_string());
        let shape = match raw.kind.as_deref() {
            Some("Polygon") => Shape::Polygon(
                serde_json::from_value(arcs(&raw)?).map_err(|e| format!("Polygon arcs: {e}"))?,
            ),
            Some("MultiPolygon") => Shape::MultiPolygon(
                serde_json::from_value(arcs(&raw)?)
                    .map_err(|e| format!("MultiPolygon arcs: {e}"))?,
            ),
            Some(other) => Shape::Unsupported(other.to_string()),
            None => Shape::Unsupported("null".to_string()),
        };
        Ok(Geometry {
            shape,
            id: raw.id,
            properties: raw.properties.unwrap_or_default(),
        })
    }
}

impl From<Geometry> for RawGeometry {
    fn from(g: Geometry) -> Self {
        let (kind, arcs) = match g.shape {
            Shape::Polygon(rings) => ("Polygon".to_string(), Some(Value::from(rings))),
            Shape::MultiPolygon(polygons) => {
                ("MultiPolygon".to_string(), Some(Value::from(polygons)))
            }
            Shape::Unsupported(kind) => (kind, None),
        };
        RawGeometry {
            kind: Some(kind),
            arcs,
            geometries: None,
            id: g.id,
            properties: (!g.properties.is_empty()).then_some(g.properties),
        }
    }
}

impl TryFrom<RawGeometry> for GeometryCollection {
    type Error = String;

    fn try_from(raw: RawGeometry) -> Result<Self, String> {
        if raw.kind.as_deref() == Some("GeometryCollection") {
            Ok(GeometryCollection {
                geometries: raw.geometries.unwrap_or_default(),
            })
        } else {
            Ok(GeometryCollection {
                geometries: vec![Geometry::try_from(raw)?],
            })
        }
    }
}

impl From<GeometryCollection> for RawGeometry {
    fn from(c: GeometryCollection) -> Self {
        RawGeometry {
            kind: Some("GeometryCollection".to_string()),
            arcs: None,
            geometries: Some(c.geometries),
            id: None,
            properties: None,
        }
    }
}

impl<'de> Deserialize<'de> for Position {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PositionVisitor;
        impl<'de> Visitor<'de> for PositionVisitor {
            type Value = Position;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a position: an array of at least two numbers")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Position, A::Error> {
                let x: f64 = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(0, &self))?;
                let y: f64 = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(1, &self))?;
                while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                Ok(Position([x, y]))
            }
        }
        deserializer.deserialize_seq(PositionVisitor)
    }
}

impl Serialize for Position {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(2))?;
        for v in self.0 {
            // Integral values (quantized arcs) are written as integers: `12`, not `12.0`.
            if v.fract() == 0.0 && v.abs() < 9.0e15 {
                seq.serialize_element(&(v as i64))?;
            } else {
                seq.serialize_element(&v)?;
            }
        }
        seq.end()
    }
}
