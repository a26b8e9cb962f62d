//! One test per crash the cargo-fuzz targets (`fuzz/`, `make fuzz`) found, with
//! the minimized input inline. The first byte of a target's input chooses its
//! options (see the target's source); here they are spelled out instead.

use explorer_core::topology::{decode_arcs, features, quantize, Topology, TopologyError};

/// What the `topojson` target checks of `quantize`'s output: a valid topology
/// whose arcs decode to finite coordinates and which reads back once written.
fn assert_usable(quantized: &Topology) {
    quantized.validate().expect("valid");
    decode_arcs(quantized).expect("finite coordinates");
    let json = quantized.to_json().expect("writes");
    Topology::from_json(&json).expect("reads back");
    for name in quantized.objects.keys() {
        features(quantized, name).expect("decodes");
    }
}

/// Target `topojson`, input `8{"type":"Topology","objects":{},"arcs":[[[1.7e308,-1.7e308],[-1.7e308,1.7e308]]]}`
/// (`8` = quantize to `u32::MAX` steps). The span from west to east overflows to
/// infinity: `quantize` returned a topology whose transform scale was infinite,
/// which `validate` then refused and which wrote `null`s to JSON.
#[test]
fn quantize_refuses_coordinates_spanning_more_than_a_float() {
    let text =
        r#"{"type":"Topology","objects":{},"arcs":[[[1.7e308,-1.7e308],[-1.7e308,1.7e308]]]}"#;
    let topology = Topology::from_json(text).unwrap();
    for steps in [2, 10_000, u32::MAX] {
        assert!(matches!(
            quantize(&topology, steps),
            Err(TopologyError::InvalidTransform)
        ));
    }
}

/// Target `topojson`, input `8{"type":"Topology","objects":{},"arcs":[[[0,0],[5e-324,5e-324]]]}`.
/// A span of one subnormal divided into `u32::MAX - 1` cells underflows to a
/// zero step: every grid coordinate became `0 / 0 = NaN`.
#[test]
fn quantize_of_a_span_too_small_to_divide_stays_finite() {
    let text = r#"{"type":"Topology","objects":{"m":{"type":"Polygon","arcs":[[0]]}},"arcs":[[[0,0],[5e-324,5e-324],[0,5e-324],[0,0]]]}"#;
    let topology = Topology::from_json(text).unwrap();
    for steps in [2, 3, u32::MAX] {
        let quantized = quantize(&topology, steps).unwrap();
        assert_usable(&quantized);
    }
}

/// Target `topojson`, input `8{"type":"Topology","objects":{},"arcs":[[[0,0],[1.7976931348623157e308,1]]]}`.
/// A span just below the largest float: decoding `grid × scale + translate` may
/// round past it. `quantize` gives a usable topology or an error, never arcs
/// that do not decode.
#[test]
fn quantize_near_the_largest_float_gives_usable_arcs_or_an_error() {
    let text = r#"{"type":"Topology","objects":{},"arcs":[[[0,0],[1.7976931348623157e308,1]]]}"#;
    let topology = Topology::from_json(text).unwrap();
    for steps in [2, 3, 10_000, u32::MAX] {
        if let Ok(quantized) = quantize(&topology, steps) {
            assert_usable(&quantized);
        }
    }
}
