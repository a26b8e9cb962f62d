//! Topology-preserving simplification: each arc is simplified on its own with
//! Douglas–Peucker, keeping its two endpoints, so a border shared by two features (one
//! arc) stays identical for both, and junctions stay put: no sliver nor gap by
//! construction.
//!
//! Hand-written rather than `geo::Simplify` because (1) we need every vertex's
//! Douglas–Peucker *importance* to add back the most significant vertices of arcs whose
//! rings would otherwise collapse below four positions, which `geo` does not expose, and
//! (2) it keeps `explorer-core` free of a large dependency in the wasm build. It is about
//! fifty lines.

use super::decode::decode_arcs;
use super::geometry::{bbox_of, Point};
use super::types::{arc_index, Position, Topology};
use super::TopologyError;

/// Simplifies every arc with Douglas–Peucker at `tolerance_degrees` (measured in degrees
/// of latitude: longitudes are scaled by the cosine of the topology's mean latitude when
/// the coordinates look geographic), always keeping arc endpoints, and keeping extra
/// vertices (the most significant first) wherever a ring would have fewer than four
/// positions. A tolerance `<= 0` (or NaN) keeps every vertex.
///
/// The result is not quantized (absolute coordinates, no `transform`); objects and arc
/// indices are unchanged. Simplifying arcs independently can, at large tolerances, make
/// a border cross another one nearby; it never opens gaps between neighbours.
pub fn simplify(topology: &Topology, tolerance_degrees: f64) -> Result<Topology, TopologyError> {
    topology.validate()?;
    let arcs = decode_arcs(topology)?;
    let bounds = bbox_of(arcs.iter().flatten());
    let x_scale = match bounds {
        Some([w, s, e, n]) if w >= -180.0 && e <= 180.0 && s >= -90.0 && n <= 90.0 => {
            ((s + n) / 2.0).to_radians().cos().max(0.01)
        }
        _ => 1.0,
    };
    let keep_all = tolerance_degrees.is_nan() || tolerance_degrees <= 0.0;

    // Interior vertices of each arc by decreasing importance, and how many of them to keep.
    let mut ranked: Vec<Vec<(usize, f64)>> = Vec::with_capacity(arcs.len());
    let mut kept: Vec<usize> = Vec::with_capacity(arcs.len());
    for arc in &arcs {
        let scaled: Vec<Point> = arc.iter().map(|p| [p[0] * x_scale, p[1]]).collect();
        let importance = importance(&scaled);
        let mut order: Vec<(usize, f64)> = importance
            .iter()
            .copied()
            .enumerate()
            .skip(1)
            .take(arc.len().saturating_sub(2))
            .collect();
        order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let count = if keep_all {
            order.len()
        } else {
            order
                .iter()
                .take_while(|(_, imp)| *imp > tolerance_degrees)
                .count()
        };
        ranked.push(order);
        kept.push(count);
    }

    // A ring of k arcs has sum(kept_i + 1) + 1 positions: make that at least 4.
    for collection in topology.objects.values() {
        for geometry in &collection.geometries {
            for ring in geometry.shape.rings() {
                let arc_ids: Vec<usize> = ring
                    .iter()
                    .filter_map(|&i| arc_index(i, arcs.len()))
                    .collect();
                loop {
                    let positions: usize = arc_ids.iter().map(|&a| kept[a] + 1).sum::<usize>() + 1;
                    if positions >= 4 {
                        break;
                    }
                    // Add back the most significant vertex left out of this ring's arcs.
                    let best = arc_ids
                        .iter()
                        .filter_map(|&a| ranked[a].get(kept[a]).map(|&(_, imp)| (a, imp)))
                        .max_by(|x, y| x.1.total_cmp(&y.1));
                    match best {
                        Some((a, _)) => kept[a] += 1,
                        None => break, // the ring was already degenerate in the input
                    }
                }
            }
        }
    }

    let new_arcs: Vec<Vec<Position>> = arcs
        .iter()
        .zip(&ranked)
        .zip(&kept)
        .map(|((arc, order), &count)| {
            let mut keep = vec![false; arc.len()];
            if let Some(first) = keep.first_mut() {
                *first = true;
            }
            if let Some(last) = keep.last_mut() {
                *last = true;
            }
            for &(i, _) in order.iter().take(count) {
                keep[i] = true;
            }
            arc.iter()
                .zip(keep)
                .filter(|(_, k)| *k)
                .map(|(p, _)| Position(*p))
                .collect()
        })
        .collect();

    Ok(Topology {
        kind: topology.kind.clone(),
        bbox: bbox_of(new_arcs.iter().flatten().map(|p| &p.0)),
        transform: None,
        objects: topology.objects.clone(),
        arcs: new_arcs,
    })
}

/// Douglas–Peucker importance of each vertex: the largest tolerance at which it is still
/// kept (its distance to the chord when chosen, capped by its parent's importance so
/// that `importance > t` reproduces Douglas–Peucker at tolerance `t`). Endpoints are
/// infinitely important.
fn importance(points: &[Point]) -> Vec<f64> {
    let mut importance = vec![f64::INFINITY; points.len()];
    let mut stack = vec![(0usize, points.len().saturating_sub(1), f64::INFINITY)];
    while let Some((a, b, cap)) = stack.pop() {
        if b <= a + 1 {
            continue;
        }
        let (mut best, mut best_d) = (a + 1, -1.0);
        for (i, p) in points.iter().enumerate().take(b).skip(a + 1) {
            let d = segment_distance(*p, points[a], points[b]);
            if d > best_d {
                best = i;
                best_d = d;
            }
        }
        let d = best_d.min(cap);
        importance[best] = d;
        stack.push((a, best, d));
        stack.push((best, b, d));
    }
    importance
}

/// Distance from `p` to the segment `a`–`b` (to `a` when the segment is a point, as for a
/// closed arc).
fn segment_distance(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (qx, qy) = (a[0] + t * dx, a[1] + t * dy);
    ((p[0] - qx).powi(2) + (p[1] - qy).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Textbook recursive Douglas–Peucker: which vertices it keeps at `tolerance`.
    fn reference(points: &[Point], tolerance: f64) -> Vec<bool> {
        fn recurse(points: &[Point], a: usize, b: usize, tolerance: f64, keep: &mut [bool]) {
            if b <= a + 1 {
                return;
            }
            let (mut best, mut best_d) = (a + 1, -1.0);
            for i in a + 1..b {
                let d = segment_distance(points[i], points[a], points[b]);
                if d > best_d {
                    best = i;
                    best_d = d;
                }
            }
            if best_d > tolerance {
                keep[best] = true;
                recurse(points, a, best, tolerance, keep);
                recurse(points, best, b, tolerance, keep);
            }
        }
        let mut keep = vec![false; points.len()];
        keep[0] = true;
        keep[points.len() - 1] = true;
        recurse(points, 0, points.len() - 1, tolerance, &mut keep);
        keep
    }

    #[test]
    fn importance_matches_douglas_peucker() {
        let pts: Vec<Point> = (0..60)
            .map(|i| {
                let t = f64::from(i);
                [
                    t,
                    (t * 0.7).sin() * 3.0 + (t * 2.3).cos() + if i % 7 == 0 { 2.0 } else { 0.0 },
                ]
            })
            .collect();
        let imp = importance(&pts);
        assert!(imp[0].is_infinite() && imp[59].is_infinite());
        for tolerance in [0.0, 0.1, 0.5, 1.0, 2.0, 3.0, 10.0] {
            let kept: Vec<bool> = imp.iter().map(|&d| d > tolerance).collect();
            assert_eq!(kept, reference(&pts, tolerance), "tolerance {tolerance}");
        }
    }

    #[test]
    fn distance_to_degenerate_segment_is_point_distance() {
        assert!((segment_distance([3.0, 4.0], [0.0, 0.0], [0.0, 0.0]) - 5.0).abs() < 1e-12);
        assert!((segment_distance([1.0, 2.0], [0.0, 0.0], [2.0, 0.0]) - 2.0).abs() < 1e-12);
        assert!((segment_distance([5.0, 0.0], [0.0, 0.0], [2.0, 0.0]) - 3.0).abs() < 1e-12);
    }
}
