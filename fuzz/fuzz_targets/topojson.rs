//! `topology`: `Topology::from_json`, then decoding every object's features,
//! simplifying, quantizing and writing back. The first byte chooses the
//! simplification tolerance and the quantization steps.

#![no_main]

use explorer_core::topology::{decode_arcs, features, quantize, simplify, Topology};
use libfuzzer_sys::fuzz_target;

const TOLERANCES: [f64; 8] = [0.0, 1e-4, 0.01, 1.0, 1e6, -1.0, f64::NAN, f64::INFINITY];
const STEPS: [u32; 8] = [0, 1, 2, 3, 16, 10_000, 1 << 20, u32::MAX];

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let Ok(topology) = Topology::from_json(text) else {
        return;
    };
    for name in topology.objects.keys() {
        let _ = features(&topology, name);
    }
    let _ = features(&topology, "no such object");
    // A topology that was read writes back to one that reads the same.
    if let Ok(json) = topology.to_json() {
        Topology::from_json(&json).expect("a topology read back after writing");
    }
    let tolerance = TOLERANCES[usize::from(mode & 7)];
    if let Ok(simplified) = simplify(&topology, tolerance) {
        check_output(&topology, &simplified, "simplify");
    }
    let steps = STEPS[usize::from(mode >> 3) % STEPS.len()];
    if let Ok(quantized) = quantize(&topology, steps) {
        check_output(&topology, &quantized, "quantize");
    }
});

/// What `simplify` and `quantize` return is a valid topology with the same
/// objects and arcs, which decodes and writes back.
fn check_output(input: &Topology, output: &Topology, what: &str) {
    output
        .validate()
        .unwrap_or_else(|e| panic!("{what} gave an invalid topology: {e}"));
    assert_eq!(output.objects, input.objects);
    assert_eq!(output.arcs.len(), input.arcs.len());
    decode_arcs(output).unwrap_or_else(|e| panic!("{what} gave arcs that do not decode: {e}"));
    for name in output.objects.keys() {
        let _ = features(output, name);
    }
    let json = output.to_json().expect("writes");
    Topology::from_json(&json).unwrap_or_else(|e| panic!("{what} output reads back: {e}"));
}
