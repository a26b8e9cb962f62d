//! GeoJSON and TopoJSON features: properties read, geometry left undecoded.

use explorer_core::import::geojson::{read_feature_document, FeatureFormat};
use explorer_core::import::{read_features, Issue};
use serde_json::json;

const GEOJSON: &str = r#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "id": 7, "properties": {"nis": "62063", "name": "Liège"},
   "geometry": {"type": "Point", "coordinates": [5.57, 50.63]}},
  {"type": "Feature", "properties": null, "geometry": null}
]}"#;

const TOPOJSON: &str = r#"{"type": "Topology",
  "transform": {"scale": [0.001, 0.001], "translate": [2.5, 49.5]},
  "objects": {
    "zones": {"type": "GeometryCollection", "geometries": [
      {"type": "Polygon", "arcs": [[0]], "id": "62063", "properties": {"name": "Liège"}},
      {"type": null, "properties": {"name": "nowhere"}}
    ]},
    "alpha": {"type": "Polygon", "arcs": [[1]]}
  },
  "arcs": [[[0, 0], [1, 0], [0, 1], [-1, -1]], [[5, 5], [1, 0], [0, 1], [-1, -1]]]
}"#;

#[test]
fn geojson_feature_collection() {
    let features = read_features(GEOJSON.as_bytes()).unwrap();
    assert_eq!(features.len(), 2);
    assert_eq!(features[0].path, "$.features[0]");
    assert_eq!(features[0].id, Some(json!(7)));
    assert_eq!(features[0].properties["name"], json!("Liège"));
    assert_eq!(
        features[0].geometry,
        Some(json!({"type": "Point", "coordinates": [5.57, 50.63]}))
    );
    assert!(features[1].properties.is_empty());
    assert_eq!(features[1].geometry, None);
}

#[test]
fn geojson_errors_are_located() {
    let err = read_features(br#"{"type": "FeatureCollection", "features": [{}, 3]}"#).unwrap_err();
    assert_eq!(
        err,
        Issue::at_path("$.features[1]", "expected an object, found a number")
    );
    let err = read_features(br#"{"type": "FeatureCollection", "features": [{"properties": []}]}"#)
        .unwrap_err();
    assert_eq!(
        err,
        Issue::at_path(
            "$.features[0].properties",
            "expected an object or null, found an array"
        )
    );
    let err = read_features(br#"{"type": "Polygon", "coordinates": []}"#).unwrap_err();
    assert_eq!(
        err.message,
        "expected a GeoJSON FeatureCollection or a TopoJSON Topology, found type \"Polygon\""
    );
}

#[test]
fn topojson_first_object_in_file_order() {
    let doc = read_feature_document(TOPOJSON.as_bytes(), None).unwrap();
    assert_eq!(
        doc.format,
        FeatureFormat::TopoJson {
            object: "zones".to_owned()
        }
    );
    assert_eq!(doc.features.len(), 2);
    let first = &doc.features[0];
    assert_eq!(first.path, "$.objects.zones.geometries[0]");
    assert_eq!(first.id, Some(json!("62063")));
    assert_eq!(first.properties["name"], json!("Liège"));
    assert_eq!(
        first.geometry,
        Some(json!({"type": "Polygon", "arcs": [[0]]}))
    );
    assert_eq!(doc.features[1].geometry, None);
    assert_eq!(
        doc.arcs.as_ref().and_then(|a| a.as_array()).map(Vec::len),
        Some(2)
    );
    assert_eq!(
        doc.transform,
        Some(json!({"scale": [0.001, 0.001], "translate": [2.5, 49.5]}))
    );
}

#[test]
fn topojson_named_object() {
    let doc = read_feature_document(TOPOJSON.as_bytes(), Some("alpha")).unwrap();
    assert_eq!(doc.features.len(), 1);
    assert_eq!(doc.features[0].path, "$.objects.alpha");
    assert!(doc.features[0].properties.is_empty());
    let err = read_feature_document(TOPOJSON.as_bytes(), Some("communes")).unwrap_err();
    assert_eq!(
        err,
        Issue::at_path(
            "$.objects",
            "no object named \"communes\" in the topology (objects: zones, alpha)"
        )
    );
    let err = read_features(br#"{"type": "Topology", "objects": {}, "arcs": []}"#).unwrap_err();
    assert_eq!(
        err,
        Issue::at_path("$.objects", "the topology has no objects")
    );
}
