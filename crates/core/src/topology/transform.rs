//! Filtering one object down to chosen features and properties, and quantizing.

use super::decode::decode_arcs;
use super::geometry::bbox_of;
use super::types::{
    arc_index, GeometryCollection, Position, Properties, Shape, Topology, Transform,
};
use super::TopologyError;
use std::collections::BTreeMap;

/// Keeps only `object`, only its polygon geometries for which `keep(properties)` is true,
/// and only the properties named in `keep_props` (the `id` member is kept). Arcs that no
/// kept geometry uses are dropped and the others renumbered (in their original order);
/// arc positions and the transform are unchanged, the bbox is recomputed.
pub fn filter(
    topology: &Topology,
    object: &str,
    keep: impl Fn(&Properties) -> bool,
    keep_props: &[&str],
) -> Result<Topology, TopologyError> {
    topology.validate()?;
    let collection = topology
        .objects
        .get(object)
        .ok_or_else(|| TopologyError::UnknownObject(object.to_string()))?;
    let mut geometries: Vec<_> = collection
        .geometries
        .iter()
        .filter(|g| !matches!(g.shape, Shape::Unsupported(_)) && keep(&g.properties))
        .cloned()
        .collect();

    let arc_count = topology.arcs.len();
    let mut new_index: Vec<Option<usize>> = vec![None; arc_count];
    for g in &geometries {
        for ring in g.shape.rings() {
            for &i in ring {
                if let Some(a) = arc_index(i, arc_count) {
                    new_index[a] = Some(0);
                }
            }
        }
    }
    let mut arcs = Vec::new();
    for (old, slot) in new_index.iter_mut().enumerate() {
        if slot.is_some() {
            *slot = Some(arcs.len());
            arcs.push(topology.arcs[old].clone());
        }
    }
    for g in &mut geometries {
        g.shape.map_arcs(|i| {
            let renumbered = arc_index(i, arc_count)
                .and_then(|a| new_index[a])
                .and_then(|n| i64::try_from(n).ok())
                .unwrap_or(0); // unreachable: validated above and every used arc is kept
            if i < 0 {
                !renumbered
            } else {
                renumbered
            }
        });
        g.properties
            .retain(|key, _| keep_props.contains(&key.as_str()));
    }

    let mut out = Topology {
        kind: topology.kind.clone(),
        bbox: None,
        transform: topology.transform,
        objects: BTreeMap::from([(object.to_string(), GeometryCollection { geometries })]),
        arcs,
    };
    out.bbox = bbox_of(decode_arcs(&out)?.iter().flatten());
    Ok(out)
}

/// Quantizes the arcs to a grid of `steps` × `steps` cells over their bounding box and
/// delta-encodes them (TopoJSON `transform`). Every coordinate moves by at most half a
/// grid step. Consecutive duplicate positions are merged, except where a ring would be
/// left with fewer than four positions. Objects are unchanged. `steps` must be ≥ 2.
/// Coordinates spanning more than a float holds give [`TopologyError::InvalidTransform`].
pub fn quantize(topology: &Topology, steps: u32) -> Result<Topology, TopologyError> {
    if steps < 2 {
        return Err(TopologyError::InvalidSteps(steps));
    }
    topology.validate()?;
    let arcs = decode_arcs(topology)?;
    let bounds = bbox_of(arcs.iter().flatten());
    let [w, s, e, n] = bounds.unwrap_or([0.0; 4]);
    let cells = f64::from(steps - 1);
    // A span too small to divide (the step underflows) counts as none; one too wide for
    // a float (beyond ±1.8e308) cannot be quantized.
    let step = |low: f64, high: f64| match (high - low) / cells {
        k if high > low && k > 0.0 => k,
        _ => 1.0,
    };
    let (kx, ky) = (step(w, e), step(s, n));
    if !(kx.is_finite() && ky.is_finite()) {
        return Err(TopologyError::InvalidTransform);
    }

    let grid: Vec<Vec<[f64; 2]>> = arcs
        .iter()
        .map(|arc| {
            arc.iter()
                .map(|p| [((p[0] - w) / kx).round(), ((p[1] - s) / ky).round()])
                .collect()
        })
        .collect();
    let mut deduped: Vec<Vec<[f64; 2]>> = grid.iter().map(|arc| dedupe(arc)).collect();

    // Undo the merging on the arcs of any ring it would collapse.
    for collection in topology.objects.values() {
        for geometry in &collection.geometries {
            for ring in geometry.shape.rings() {
                let ids: Vec<usize> = ring
                    .iter()
                    .filter_map(|&i| arc_index(i, arcs.len()))
                    .collect();
                let positions = ids.iter().map(|&a| deduped[a].len() - 1).sum::<usize>() + 1;
                if positions < 4 {
                    for a in ids {
                        deduped[a].clone_from(&grid[a]);
                    }
                }
            }
        }
    }

    let encoded = deduped
        .iter()
        .map(|arc| {
            let mut previous = [0.0, 0.0];
            arc.iter()
                .map(|p| {
                    let delta = Position([p[0] - previous[0], p[1] - previous[1]]);
                    previous = *p;
                    delta
                })
                .collect()
        })
        .collect();

    let quantized = Topology {
        kind: topology.kind.clone(),
        bbox: bounds,
        transform: Some(Transform {
            scale: [kx, ky],
            translate: [w, s],
        }),
        objects: topology.objects.clone(),
        arcs: encoded,
    };
    // Near ±1.8e308, `grid * scale + translate` may round past the largest float.
    decode_arcs(&quantized)?;
    Ok(quantized)
}

/// Drops consecutive duplicates, keeping at least two positions.
fn dedupe(arc: &[[f64; 2]]) -> Vec<[f64; 2]> {
    let mut out: Vec<[f64; 2]> = Vec::with_capacity(arc.len());
    for p in arc {
        if out.last() != Some(p) {
            out.push(*p);
        }
    }
    if out.len() < 2 {
        if let (Some(first), Some(last)) = (arc.first(), arc.last()) {
            out = vec![*first, *last];
        }
    }
    out
}
