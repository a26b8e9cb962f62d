//! Adjacency between features, from shared arcs.

use super::types::{arc_index, Properties, Topology};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The value of `properties[key]` as a string (strings as they are, numbers and booleans
/// written out), `None` when absent, null, an array or an object.
pub fn property_key(properties: &Properties, key: &str) -> Option<String> {
    match properties.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// For each polygon geometry of `object` that has the property `key_property`, the sorted
/// keys of the geometries sharing at least one arc (a stretch of border) with it; touching
/// at a single point does not count. Features without neighbours map to an empty list.
/// Geometries sharing a key are merged. Returns an empty map for an unknown object; bad
/// arc indices are ignored.
pub fn neighbours(
    topology: &Topology,
    object: &str,
    key_property: &str,
) -> BTreeMap<String, Vec<String>> {
    let mut result: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let Some(collection) = topology.objects.get(object) else {
        return BTreeMap::new();
    };
    let mut users: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for geometry in &collection.geometries {
        let Some(key) = property_key(&geometry.properties, key_property) else {
            continue;
        };
        let mut has_rings = false;
        for ring in geometry.shape.rings() {
            has_rings = true;
            for &i in ring {
                if let Some(arc) = arc_index(i, topology.arcs.len()) {
                    users.entry(arc).or_default().insert(key.clone());
                }
            }
        }
        if has_rings {
            result.entry(key).or_default();
        }
    }
    for keys in users.values() {
        for a in keys {
            for b in keys {
                if a != b {
                    result.entry(a.clone()).or_default().insert(b.clone());
                }
            }
        }
    }
    result
        .into_iter()
        .map(|(k, v)| (k, v.into_iter().collect()))
        .collect()
}
