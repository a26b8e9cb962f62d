//! Measures the bundle sizes on the real boundaries file, which must never be copied into
//! the repository (licence and provenance rule): it is read from its shared path only.
//! Run with `cargo test -p explorer-core --test topology_real -- --ignored --nocapture`.

use explorer_core::topology::{
    features, filter, neighbours, quantize, simplify, svg_path, Projection, Topology,
};
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;

const REAL_FILE: &str = "/work/shared/data/geo/belgium-municipalities-2019.topo.json";

fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).expect("gzip in memory");
    encoder.finish().expect("gzip in memory").len()
}

/// Planar area of a feature's polygons (holes subtracted), in square degrees.
fn area(polygons: &[Vec<Vec<[f64; 2]>>]) -> f64 {
    let ring_area = |r: &Vec<[f64; 2]>| {
        r.windows(2)
            .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
            .sum::<f64>()
            .abs()
            / 2.0
    };
    polygons
        .iter()
        .map(|p| {
            p.iter()
                .enumerate()
                .map(|(i, r)| if i == 0 { ring_area(r) } else { -ring_area(r) })
                .sum::<f64>()
        })
        .sum()
}

fn report(label: &str, topology: &Topology) {
    let original: Vec<f64> = features(topology, "municipalities")
        .expect("decodes")
        .features
        .iter()
        .map(|f| area(&f.polygons))
        .collect();
    println!(
        "\n== {label}: {} features, {} arcs",
        topology.objects["municipalities"].geometries.len(),
        topology.arcs.len()
    );
    println!(
        "{:>9} {:>7} {:>8} | {:>9} {:>8} | {:>9} {:>8} | {:>9} {:>8} {:>8}",
        "tol(deg)",
        "points",
        "minring",
        "raw 1e4",
        "gz 1e4",
        "raw 1e5",
        "gz 1e5",
        "svg 1000",
        "svg gz",
        "max dA%"
    );
    for tolerance in [
        0.0, 0.0001, 0.00025, 0.0005, 0.00075, 0.001, 0.0015, 0.002, 0.003,
    ] {
        let simple = simplify(topology, tolerance).expect("simplifies");
        let points: usize = simple.arcs.iter().map(Vec::len).sum();
        let decoded = features(&simple, "municipalities").expect("decodes");
        let min_ring = decoded
            .features
            .iter()
            .flat_map(|f| f.polygons.iter().flatten())
            .map(Vec::len)
            .min()
            .unwrap_or(0);
        let mut sizes = Vec::new();
        for steps in [10_000, 100_000] {
            let text = quantize(&simple, steps)
                .and_then(|q| q.to_json())
                .expect("quantizes");
            sizes.push((text.len(), gzip_len(text.as_bytes())));
        }
        let projection = Projection::fit(
            simple.bbox.unwrap_or([2.5, 49.5, 6.5, 51.5]),
            1000.0,
            1000.0,
            10.0,
        );
        let svg: String = decoded
            .features
            .iter()
            .map(|f| svg_path(&f.polygons, &projection))
            .collect();
        let (max_change, worst) = decoded
            .features
            .iter()
            .zip(&original)
            .map(|(f, a)| {
                (
                    100.0 * (area(&f.polygons) - a).abs() / a,
                    f.properties.get("nis"),
                )
            })
            .fold((0.0, None), |acc, x| if x.0 > acc.0 { x } else { acc });
        let worst = worst.and_then(|v| v.as_str()).unwrap_or("-");
        println!(
            "{tolerance:>9} {points:>7} {min_ring:>8} | {:>9} {:>8} | {:>9} {:>8} | {:>9} {:>8} {max_change:>8.2} {worst}",
            sizes[0].0, sizes[0].1, sizes[1].0, sizes[1].1, svg.len(), gzip_len(svg.as_bytes())
        );
    }
}

#[test]
#[ignore = "reads the real boundaries file from /work/shared; prints sizes"]
fn measure_real_file() {
    let Ok(text) = std::fs::read_to_string(REAL_FILE) else {
        println!("{REAL_FILE} not found, nothing measured");
        return;
    };
    let start = std::time::Instant::now();
    let belgium = Topology::from_json(&text).expect("parses");
    println!("parsed {} bytes in {:?}", text.len(), start.elapsed());
    let decoded = features(&belgium, "municipalities").expect("decodes");
    assert_eq!(decoded.features.len(), 581);
    assert!(decoded.skipped.is_empty());

    let wallonia = filter(
        &belgium,
        "municipalities",
        // The file wrongly puts Messines (33016, Flemish) in region 03000; the app filters
        // by its own list of Walloon municipalities, which this predicate stands for.
        |p| {
            p.get("reg_nis").and_then(|v| v.as_str()) == Some("03000")
                && p.get("nis").and_then(|v| v.as_str()) != Some("33016")
        },
        &["nis"],
    )
    .expect("filters");
    let all = filter(&belgium, "municipalities", |_| true, &["nis"]).expect("filters");
    let n = neighbours(&wallonia, "municipalities", "nis");
    let isolated = n.values().filter(|v| v.is_empty()).count();
    let mean = n.values().map(Vec::len).sum::<usize>() as f64 / n.len() as f64;
    println!(
        "Wallonia: {} municipalities, mean {mean:.2} neighbours, {isolated} without any",
        n.len()
    );
    report(
        "Wallonia (reg_nis 03000 minus 33016, props: nis)",
        &wallonia,
    );
    report("Belgium (all, props: nis)", &all);
    // To look at the map: TOPOLOGY_SVG_OUT=/tmp/wallonia.svg (never inside the repository).
    if let Ok(path) = std::env::var("TOPOLOGY_SVG_OUT") {
        let simple = simplify(&wallonia, 0.0005)
            .and_then(|s| quantize(&s, 10_000))
            .expect("pipeline");
        let projection = Projection::fit(simple.bbox.unwrap_or_default(), 1000.0, 700.0, 10.0);
        let paths: String = features(&simple, "municipalities")
            .expect("decodes")
            .features
            .iter()
            .map(|f| format!("<path d=\"{}\"/>", svg_path(&f.polygons, &projection)))
            .collect();
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1000\" height=\"700\">\
             <g fill=\"#cde\" stroke=\"#135\" stroke-width=\"0.5\" fill-rule=\"evenodd\">{paths}</g></svg>"
        );
        std::fs::write(&path, svg).expect("writes the SVG");
    }
}
