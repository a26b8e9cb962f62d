//! Tests of `explorer_core::topology` on tiny topologies built here.

use explorer_core::topology::{
    bbox, centroid, decode_arcs, features, filter, neighbours, quantize, simplify, svg_path, Point,
    Projection, Shape, Topology, TopologyError,
};
use proptest::prelude::*;
use serde_json::json;

/// Squares A and B share the edge x = 2 (arc 0, with a middle vertex); C is apart and is
/// one closed arc; D is a point. Quantized: x = 4 + 0.5 q, y = 50 + 0.25 q.
fn three_squares() -> Topology {
    let value = json!({
        "type": "Topology",
        "transform": {"scale": [0.5, 0.25], "translate": [4.0, 50.0]},
        "objects": {"municipalities": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "properties": {"nis": "A", "name": "Alpha", "reg": "x"}},
            {"type": "Polygon", "arcs": [[2, -1]], "properties": {"nis": "B", "name": "Beta", "reg": "y"}},
            {"type": "MultiPolygon", "arcs": [[[3]]], "properties": {"nis": "C", "name": "Gamma", "reg": "y"}},
            {"type": "Point", "coordinates": [0, 0], "properties": {"nis": "D", "reg": "y"}}
        ]}},
        "arcs": [
            [[2, 0], [0, 1], [0, 1]],
            [[2, 2], [-2, 0], [0, -2], [2, 0]],
            [[2, 0], [2, 0], [0, 2], [-2, 0]],
            [[10, 10], [2, 0], [0, 2], [-2, 0], [0, -2]]
        ]
    });
    Topology::from_json(&value.to_string()).expect("valid topology")
}

fn grid(q: [f64; 2]) -> Point {
    [4.0 + 0.5 * q[0], 50.0 + 0.25 * q[1]]
}

fn ring_of(topology: &Topology, nis: &str) -> Vec<Point> {
    let decoded = features(topology, "municipalities").expect("decodes");
    let feature = decoded
        .features
        .iter()
        .find(|f| f.properties.get("nis") == Some(&json!(nis)))
        .expect("feature present");
    feature.polygons[0][0].clone()
}

#[test]
fn decodes_transform_and_delta_encoding() {
    let t = three_squares();
    let arcs = decode_arcs(&t).unwrap();
    assert_eq!(
        arcs[0],
        vec![grid([2.0, 0.0]), grid([2.0, 1.0]), grid([2.0, 2.0])]
    );
    assert_eq!(arcs[0][2], [5.0, 50.5]);
    let expected: Vec<Point> = [
        [2.0, 0.0],
        [2.0, 1.0],
        [2.0, 2.0],
        [0.0, 2.0],
        [0.0, 0.0],
        [2.0, 0.0],
    ]
    .into_iter()
    .map(grid)
    .collect();
    assert_eq!(ring_of(&t, "A"), expected);
    let decoded = features(&t, "municipalities").unwrap();
    assert_eq!(decoded.features.len(), 3);
    assert_eq!(decoded.skipped.len(), 1);
    assert_eq!(decoded.skipped[0].kind, "Point");
    assert_eq!(decoded.skipped[0].index, 3);
}

#[test]
fn reversed_arcs_are_walked_backwards() {
    let t = three_squares();
    let expected: Vec<Point> = [
        [2.0, 0.0],
        [4.0, 0.0],
        [4.0, 2.0],
        [2.0, 2.0],
        [2.0, 1.0],
        [2.0, 0.0],
    ]
    .into_iter()
    .map(grid)
    .collect();
    assert_eq!(ring_of(&t, "B"), expected);
}

#[test]
fn unquantized_topology_is_read_as_absolute() {
    let value = json!({
        "type": "Topology",
        "objects": {"o": {"type": "Polygon", "arcs": [[0]], "properties": {"nis": "1"}}},
        "arcs": [[[4.5, 50.1], [4.6, 50.1], [4.6, 50.2], [4.5, 50.1]]]
    });
    let t = Topology::from_json(&value.to_string()).unwrap();
    let decoded = features(&t, "o").unwrap();
    assert_eq!(decoded.features[0].polygons[0][0][1], [4.6, 50.1]);
}

#[test]
fn neighbours_share_an_arc() {
    let n = neighbours(&three_squares(), "municipalities", "nis");
    assert_eq!(n.get("A"), Some(&vec!["B".to_string()]));
    assert_eq!(n.get("B"), Some(&vec!["A".to_string()]));
    assert_eq!(n.get("C"), Some(&Vec::new()));
    assert_eq!(n.get("D"), None);
    assert!(neighbours(&three_squares(), "nope", "nis").is_empty());
}

/// A and B share a wiggly border (arc 0); C is a small wiggly closed arc; L is a lens made
/// of two wiggly arcs, each of which would simplify to a straight segment.
fn wiggly() -> Topology {
    let wiggle = |from: Point, to: Point, n: usize, amp: f64| -> Vec<Point> {
        (0..=n)
            .map(|i| {
                let t = i as f64 / n as f64;
                let off = if i == 0 || i == n {
                    0.0
                } else {
                    amp * ((i * 7 % 5) as f64 - 2.0) / 2.0
                };
                [
                    from[0] + (to[0] - from[0]) * t + off,
                    from[1] + (to[1] - from[1]) * t,
                ]
            })
            .collect()
    };
    let border = wiggle([5.0, 50.0], [5.0, 51.0], 40, 0.001);
    let a_rest = vec![[5.0, 51.0], [4.0, 51.0], [4.0, 50.0], [5.0, 50.0]];
    let b_rest = vec![[5.0, 50.0], [6.0, 50.0], [6.0, 51.0], [5.0, 51.0]];
    let circle: Vec<Point> = (0..=30)
        .map(|i| {
            let a = std::f64::consts::TAU * (i % 30) as f64 / 30.0;
            [7.0 + 0.001 * a.cos(), 50.5 + 0.001 * a.sin()]
        })
        .collect();
    let lens_a = wiggle([8.0, 50.0], [8.0, 50.002], 10, 0.0001);
    let mut lens_b = wiggle([8.0, 50.0], [8.0, 50.002], 10, 0.0001);
    lens_b.reverse();
    let value = json!({
        "type": "Topology",
        "objects": {"m": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "properties": {"nis": "A"}},
            {"type": "Polygon", "arcs": [[2, -1]], "properties": {"nis": "B"}},
            {"type": "Polygon", "arcs": [[3]], "properties": {"nis": "C"}},
            {"type": "Polygon", "arcs": [[4, 5]], "properties": {"nis": "L"}}
        ]}},
        "arcs": [border, a_rest, b_rest, circle, lens_a, lens_b]
    });
    Topology::from_json(&value.to_string()).unwrap()
}

#[test]
fn simplification_keeps_shared_borders_and_rings() {
    let original = wiggly();
    let before = decode_arcs(&original).unwrap();
    for tolerance in [0.0005, 0.01, 1.0] {
        let simple = simplify(&original, tolerance).unwrap();
        assert!(simple.transform.is_none());
        let after = decode_arcs(&simple).unwrap();
        assert!(after[0].len() < before[0].len(), "border was simplified");
        for (b, a) in before.iter().zip(&after) {
            assert_eq!(a.first(), b.first(), "arc start kept");
            assert_eq!(a.last(), b.last(), "arc end kept");
            assert!(a.iter().all(|p| b.contains(p)), "only original vertices");
        }
        // The shared border is the same vertices in both features, one reversed.
        let ring_a = ring_of_object(&simple, "m", "A");
        let ring_b = ring_of_object(&simple, "m", "B");
        let shared = &after[0];
        assert_eq!(&ring_a[..shared.len()], &shared[..]);
        let mut reversed = shared.clone();
        reversed.reverse();
        assert_eq!(&ring_b[ring_b.len() - shared.len()..], &reversed[..]);
        for f in features(&simple, "m").unwrap().features {
            for ring in f.polygons.iter().flatten() {
                assert!(
                    ring.len() >= 4,
                    "ring of {:?} has {} points",
                    f.properties,
                    ring.len()
                );
                assert_eq!(ring.first(), ring.last());
            }
        }
    }
    // Tolerance 0 keeps everything but exactly collinear points; NaN keeps everything.
    let all = simplify(&original, f64::NAN).unwrap();
    assert_eq!(decode_arcs(&all).unwrap(), before);
}

fn ring_of_object(topology: &Topology, object: &str, nis: &str) -> Vec<Point> {
    let decoded = features(topology, object).unwrap();
    let f = decoded
        .features
        .iter()
        .find(|f| f.properties.get("nis") == Some(&json!(nis)))
        .unwrap();
    f.polygons[0][0].clone()
}

#[test]
fn filter_drops_unused_arcs_and_renumbers() {
    let t = three_squares();
    let keep = |p: &serde_json::Map<String, serde_json::Value>| p.get("reg") == Some(&json!("y"));
    let f = filter(&t, "municipalities", keep, &["nis"]).unwrap();
    assert_eq!(f.arcs.len(), 3, "arc 1 (only used by A) dropped");
    assert_eq!(f.transform, t.transform);
    let geometries = &f.objects["municipalities"].geometries;
    assert_eq!(geometries.len(), 2, "A and the point D are dropped");
    assert_eq!(geometries[0].shape, Shape::Polygon(vec![vec![1, -1]]));
    assert_eq!(
        geometries[1].shape,
        Shape::MultiPolygon(vec![vec![vec![2]]])
    );
    for g in geometries {
        assert_eq!(g.properties.keys().collect::<Vec<_>>(), vec!["nis"]);
    }
    for nis in ["B", "C"] {
        assert_eq!(ring_of(&f, nis), ring_of(&t, nis));
    }
    assert_eq!(f.bbox, Some([5.0, 50.0, 10.0, 53.0]));
    // Round trip through JSON.
    let text = f.to_json().unwrap();
    let arcs_json = &text[text.rfind("\"arcs\":[[[").expect("arcs member")..];
    assert!(!arcs_json.contains('.') && !text.contains("name"), "{text}");
    assert_eq!(Topology::from_json(&text).unwrap(), f);
    assert!(matches!(
        filter(&t, "nope", |_| true, &[]),
        Err(TopologyError::UnknownObject(_))
    ));
}

#[test]
fn quantize_round_trip_within_half_a_step() {
    let original = wiggly();
    let before = decode_arcs(&original).unwrap();
    for steps in [100, 10_000, 100_000] {
        let q = quantize(&original, steps).unwrap();
        let transform = q.transform.expect("quantized");
        let text = q.to_json().unwrap();
        let reread = Topology::from_json(&text).unwrap();
        assert!(reread
            .arcs
            .iter()
            .flatten()
            .all(|p| p.0.iter().all(|v| v.fract() == 0.0)));
        let after = decode_arcs(&reread).unwrap();
        let mut compared = 0;
        for (b, a) in before.iter().zip(&after) {
            if a.len() == b.len() {
                for (pb, pa) in b.iter().zip(a) {
                    assert!((pb[0] - pa[0]).abs() <= transform.scale[0] / 2.0 + 1e-9);
                    assert!((pb[1] - pa[1]).abs() <= transform.scale[1] / 2.0 + 1e-9);
                    compared += 1;
                }
            }
        }
        assert!(compared > 0);
        for f in features(&reread, "m").unwrap().features {
            for ring in f.polygons.iter().flatten() {
                assert!(ring.len() >= 4);
            }
        }
    }
    let exact = quantize(&original, 100_000_000).unwrap();
    assert_eq!(
        decode_arcs(&exact)
            .unwrap()
            .iter()
            .map(Vec::len)
            .sum::<usize>(),
        before.iter().map(Vec::len).sum::<usize>()
    );
    assert!(matches!(
        quantize(&original, 1),
        Err(TopologyError::InvalidSteps(1))
    ));
}

#[test]
fn projection_fits_the_viewport_with_y_down() {
    let b = [2.55, 49.49, 6.41, 51.51];
    let p = Projection::fit(b, 1000.0, 800.0, 20.0);
    let sw = p.project([b[0], b[1]]);
    let nw = p.project([b[0], b[3]]);
    let se = p.project([b[2], b[1]]);
    let ne = p.project([b[2], b[3]]);
    let top_middle = p.project([4.36, b[3]]);
    let bottom_middle = p.project([4.36, b[1]]);
    for q in [sw, nw, se, ne, top_middle, bottom_middle] {
        assert!(q[0] >= 20.0 - 1e-9 && q[0] <= 980.0 + 1e-9, "{q:?}");
        assert!(q[1] >= 20.0 - 1e-9 && q[1] <= 780.0 + 1e-9, "{q:?}");
    }
    assert!(nw[1] < sw[1] && ne[1] < se[1], "north is up, y down");
    assert!(sw[0] < se[0] && nw[0] < ne[0], "west is left");
    // The box fills the viewport in one direction (here the height: 760 px available).
    let all = [sw, nw, se, ne, top_middle, bottom_middle];
    let span = |i: usize| {
        all.iter().map(|q| q[i]).fold(f64::MIN, f64::max)
            - all.iter().map(|q| q[i]).fold(f64::MAX, f64::min)
    };
    let (span_x, span_y) = (span(0), span(1));
    assert!(
        (span_x - 960.0).abs() < 1e-3 || (span_y - 760.0).abs() < 1e-3,
        "{span_x} {span_y}"
    );
    // A point projects to the centre.
    let c = Projection::fit([4.0, 50.0, 4.0, 50.0], 100.0, 100.0, 0.0).project([4.0, 50.0]);
    assert!((c[0] - 50.0).abs() < 1e-9 && (c[1] - 50.0).abs() < 1e-9);
}

#[test]
fn svg_path_is_compact_and_closed() {
    let t = three_squares();
    let decoded = features(&t, "municipalities").unwrap();
    let p = Projection::fit(
        t.bbox.unwrap_or([4.0, 50.0, 10.0, 53.0]),
        300.0,
        300.0,
        10.0,
    );
    let polygons = &decoded.features[0].polygons;
    let d = svg_path(polygons, &p);
    assert!(d.starts_with('M') && d.ends_with('z'), "{d}");
    assert_eq!(d.matches('M').count(), 1);
    assert_eq!(d.matches('l').count(), 1);
    assert!(!d.contains(".0 ") && !d.contains("  "), "{d}");
    assert_eq!(svg_path(&[], &p), "");
}

#[test]
fn bbox_and_centroid_of_a_square_with_a_hole() {
    let outer = vec![[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0], [0.0, 0.0]];
    let hole = vec![[2.0, 2.0], [2.0, 4.0], [4.0, 4.0], [4.0, 2.0], [2.0, 2.0]];
    assert_eq!(bbox(&[vec![outer.clone()]]), Some([0.0, 0.0, 4.0, 4.0]));
    assert_eq!(centroid(&[vec![outer.clone()]]), Some([2.0, 2.0]));
    let c = centroid(&[vec![outer, hole]]).unwrap();
    // 16·(2,2) − 4·(3,3) over 12.
    assert!((c[0] - 5.0 / 3.0).abs() < 1e-12 && (c[1] - 5.0 / 3.0).abs() < 1e-12);
    assert_eq!(centroid(&[]), None);
}

fn parse(value: serde_json::Value) -> Result<Topology, TopologyError> {
    Topology::from_json(&value.to_string())
}

#[test]
fn malformed_inputs_are_errors() {
    let with = |arcs: serde_json::Value, rings: serde_json::Value| {
        json!({"type": "Topology", "objects": {"o": {"type": "GeometryCollection",
            "geometries": [{"type": "Polygon", "arcs": rings}]}}, "arcs": arcs})
    };
    let square = json!([[[0, 0], [1, 0], [1, 1], [0, 0]]]);
    assert!(matches!(
        parse(with(square.clone(), json!([[1]]))),
        Err(TopologyError::ArcOutOfRange {
            index: 1,
            arcs: 1,
            ..
        })
    ));
    assert!(matches!(
        parse(with(square.clone(), json!([[-2]]))),
        Err(TopologyError::ArcOutOfRange { index: -2, .. })
    ));
    assert!(parse(with(square.clone(), json!([[-1]]))).is_ok());
    assert!(matches!(
        parse(with(square.clone(), json!([[]]))),
        Err(TopologyError::EmptyRing { .. })
    ));
    assert!(matches!(
        parse(with(json!([[[0, 0]]]), json!([[0]]))),
        Err(TopologyError::ShortArc { arc: 0, len: 1 })
    ));
    assert!(matches!(
        parse(with(json!([[[0]]]), json!([[0]]))),
        Err(TopologyError::Json(_))
    ));
    assert!(matches!(
        parse(with(square.clone(), json!([[0.5]]))),
        Err(TopologyError::Json(_))
    ));
    assert!(matches!(
        parse(with(square.clone(), json!("x"))),
        Err(TopologyError::Json(_))
    ));
    assert!(matches!(
        Topology::from_json("{"),
        Err(TopologyError::Json(_))
    ));
    assert!(matches!(
        Topology::from_json("[]"),
        Err(TopologyError::Json(_))
    ));
    assert!(matches!(
        parse(json!({"type": "Topology", "arcs": []})),
        Err(TopologyError::Json(_))
    ));
    let mut wrong_type = with(square.clone(), json!([[0]]));
    wrong_type["type"] = json!("FeatureCollection");
    assert!(matches!(
        parse(wrong_type),
        Err(TopologyError::NotATopology(_))
    ));
    let missing_arcs =
        json!({"type": "Topology", "objects": {"o": {"type": "Polygon"}}, "arcs": []});
    assert!(matches!(parse(missing_arcs), Err(TopologyError::Json(_))));
    // Overflowing deltas are caught when decoding.
    let mut huge = with(json!([[[1e308, 0], [1e308, 0]]]), json!([[0]]));
    huge["transform"] = json!({"scale": [1, 1], "translate": [0, 0]});
    let t = parse(huge).unwrap();
    assert!(matches!(
        features(&t, "o"),
        Err(TopologyError::NonFinite(0))
    ));
    assert!(matches!(
        features(&t, "other"),
        Err(TopologyError::UnknownObject(_))
    ));
    // Unvalidated, hand-built topologies are checked again by every operation.
    let mut bad = parse(with(square, json!([[0]]))).unwrap();
    bad.arcs.clear();
    assert!(features(&bad, "o").is_err());
    assert!(simplify(&bad, 0.1).is_err());
    assert!(quantize(&bad, 10).is_err());
    assert!(filter(&bad, "o", |_| true, &[]).is_err());
    assert!(neighbours(&bad, "o", "nis").is_empty());
}

proptest! {
    /// Whatever the arcs and indices, the operations return instead of panicking.
    #[test]
    fn never_panics(
        arcs in prop::collection::vec(prop::collection::vec((-50i64..50, -50i64..50), 0..6), 0..5),
        rings in prop::collection::vec(prop::collection::vec(-8i64..8, 0..5), 0..4),
        quantized in any::<bool>(),
        tolerance in 0.0f64..5.0,
    ) {
        let arcs: Vec<Vec<[i64; 2]>> = arcs.into_iter().map(|a| a.into_iter().map(|(x, y)| [x, y]).collect()).collect();
        let mut value = json!({"type": "Topology", "objects": {"o": {"type": "GeometryCollection",
            "geometries": [{"type": "Polygon", "arcs": rings, "properties": {"nis": "1"}}]}}, "arcs": arcs});
        if quantized {
            value["transform"] = json!({"scale": [0.01, 0.01], "translate": [4, 50]});
        }
        if let Ok(t) = Topology::from_json(&value.to_string()) {
            let _ = features(&t, "o");
            let _ = neighbours(&t, "o", "nis");
            if let Ok(s) = simplify(&t, tolerance) {
                let q = quantize(&s, 1000).unwrap();
                let _ = filter(&q, "o", |_| true, &["nis"]).unwrap();
            }
        }
    }
}
