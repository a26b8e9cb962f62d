//! Decoding arcs (delta + quantization) and assembling the polygons of each feature.

use super::geometry::{Point, Polygon, Ring};
use super::types::{arc_index, Properties, Shape, Topology};
use super::{TopologyError, MAX_POINTS};
use serde_json::Value;

/// A decoded geometry: its properties and polygons in absolute coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct Feature {
    /// The geometry's `id` member, if any.
    pub id: Option<Value>,
    /// The geometry's properties.
    pub properties: Properties,
    /// Its polygons (one for a `Polygon`), exterior ring first in each.
    pub polygons: Vec<Polygon>,
}

/// A geometry that [`features`] ignored because it is not a polygon.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Index of the geometry in its object.
    pub index: usize,
    /// Its `type` (`Point`, `LineString`, `null`...).
    pub kind: String,
}

/// The result of [`features`]: the polygon features, and what was skipped.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Decoded {
    /// The `Polygon` and `MultiPolygon` geometries, in file order.
    pub features: Vec<Feature>,
    /// The other geometries, left out.
    pub skipped: Vec<Skipped>,
}

/// All arcs in absolute coordinates: undoes the delta encoding and the quantization when
/// the topology has a `transform`, otherwise returns the positions as they are.
pub fn decode_arcs(topology: &Topology) -> Result<Vec<Vec<Point>>, TopologyError> {
    topology
        .arcs
        .iter()
        .enumerate()
        .map(|(i, arc)| {
            let points: Vec<Point> = match &topology.transform {
                Some(t) => {
                    let (mut x, mut y) = (0.0, 0.0);
                    arc.iter()
                        .map(|p| {
                            x += p.0[0];
                            y += p.0[1];
                            [
                                x * t.scale[0] + t.translate[0],
                                y * t.scale[1] + t.translate[1],
                            ]
                        })
                        .collect()
                }
                None => arc.iter().map(|p| p.0).collect(),
            };
            if points.iter().flatten().all(|v| v.is_finite()) {
                Ok(points)
            } else {
                Err(TopologyError::NonFinite(i))
            }
        })
        .collect()
}

/// Joins the arcs of a ring; a negative index `~i` walks arc `i` backwards. Consecutive
/// arcs share their joining point, which is kept once. Indices must be valid.
pub(crate) fn assemble_ring(indices: &[i64], arcs: &[Vec<Point>]) -> Ring {
    let mut ring: Ring = Vec::new();
    for &index in indices {
        let Some(arc) = arc_index(index, arcs.len()).and_then(|i| arcs.get(i)) else {
            continue;
        };
        ring.pop();
        if index < 0 {
            ring.extend(arc.iter().rev());
        } else {
            ring.extend(arc.iter());
        }
    }
    ring
}

/// Decodes the polygon geometries of one object of the topology. An object
/// whose rings would decode to more than [`MAX_POINTS`] positions is an error.
pub fn features(topology: &Topology, object: &str) -> Result<Decoded, TopologyError> {
    topology.validate()?;
    let collection = topology
        .objects
        .get(object)
        .ok_or_else(|| TopologyError::UnknownObject(object.to_string()))?;
    let mut points = 0usize;
    for geometry in &collection.geometries {
        for &index in geometry.shape.rings().flatten() {
            let len = arc_index(index, topology.arcs.len())
                .and_then(|i| topology.arcs.get(i))
                .map_or(0, Vec::len);
            points = points.saturating_add(len);
        }
    }
    if points > MAX_POINTS {
        return Err(TopologyError::TooManyPoints {
            object: object.to_string(),
            max: MAX_POINTS,
        });
    }
    let arcs = decode_arcs(topology)?;
    let mut decoded = Decoded::default();
    for (index, geometry) in collection.geometries.iter().enumerate() {
        if let Shape::Unsupported(kind) = &geometry.shape {
            decoded.skipped.push(Skipped {
                index,
                kind: kind.clone(),
            });
            continue;
        }
        let polygons = geometry
            .shape
            .polygons()
            .into_iter()
            .map(|rings| {
                rings
                    .iter()
                    .map(|ring| assemble_ring(ring, &arcs))
                    .collect()
            })
            .collect();
        decoded.features.push(Feature {
            id: geometry.id.clone(),
            properties: geometry.properties.clone(),
            polygons,
        });
    }
    Ok(decoded)
}
