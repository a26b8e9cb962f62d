//! The bundle's JSON files as the app reads them with serde_json: the catalog
//! (which must write back to itself), the projects and indicators files.

#![no_main]

use explorer_core::catalog::{Catalog, IndicatorsFile, ProjectsFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(catalog) = serde_json::from_slice::<Catalog>(data) {
        let json = serde_json::to_string(&catalog).expect("a catalog writes");
        let back: Catalog = serde_json::from_str(&json).expect("a written catalog reads");
        assert_eq!(back, catalog);
        for entry in &catalog.datasets {
            assert!(catalog.dataset(&entry.id).is_some());
        }
    }
    let _ = serde_json::from_slice::<ProjectsFile>(data);
    let _ = serde_json::from_slice::<IndicatorsFile>(data);
});
