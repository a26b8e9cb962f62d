//! `import::geojson`: the features of a GeoJSON FeatureCollection or Feature,
//! or of a TopoJSON object (the first one, or one named in the input).

#![no_main]

use explorer_core::import::geojson::{read_feature_document, FeatureFormat};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else {
        return;
    };
    let wanted = ["municipalities", "", "a"][usize::from(mode) % 3];
    let object = (mode & 0x80 != 0).then_some(wanted);
    let Ok(doc) = read_feature_document(bytes, object) else {
        return;
    };
    for (i, feature) in doc.features.iter().enumerate() {
        assert_eq!(feature.index, i);
    }
    match (&doc.format, object) {
        (FeatureFormat::TopoJson { object: read }, Some(wanted)) => assert_eq!(read, wanted),
        (FeatureFormat::GeoJson, _) => assert!(doc.arcs.is_none() && doc.transform.is_none()),
        _ => {}
    }
});
