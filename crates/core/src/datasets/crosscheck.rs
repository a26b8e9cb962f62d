//! Cross-checks between the boundary file and the municipality reference.

use crate::municipality::Reference;
use crate::topology::{property_key, Topology};
use std::collections::{BTreeMap, BTreeSet};

/// What the boundary file says differently from the reference, by NIS code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BoundaryCrossCheck {
    /// Municipalities of the reference with no boundary.
    pub missing: Vec<String>,
    /// Boundaries whose code is not a municipality of the reference.
    pub extra: Vec<String>,
    /// Codes with more than one boundary.
    pub duplicated: Vec<String>,
    /// `(nis, region in the boundary file, region in the reference)` where they differ.
    pub region_mismatch: Vec<(String, String, String)>,
}

impl BoundaryCrossCheck {
    /// One line per finding, for a build log.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for nis in &self.missing {
            lines.push(format!(
                "{nis}: municipality of the reference has no boundary"
            ));
        }
        for nis in &self.extra {
            lines.push(format!(
                "{nis}: boundary is not a municipality of the reference"
            ));
        }
        for nis in &self.duplicated {
            lines.push(format!("{nis}: several boundaries carry this code"));
        }
        for (nis, file, reference) in &self.region_mismatch {
            lines.push(format!(
                "{nis}: boundary file puts it in region {file}, the reference in {reference}"
            ));
        }
        lines
    }
}

/// Compares the geometries of `object` (keyed by `key`, region in `region_key`) with the
/// reference.
pub fn cross_check_boundaries(
    topology: &Topology,
    object: &str,
    key: &str,
    region_key: &str,
    reference: &Reference,
) -> BoundaryCrossCheck {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut check = BoundaryCrossCheck::default();
    let geometries = topology
        .objects
        .get(object)
        .map(|c| c.geometries.as_slice())
        .unwrap_or_default();
    for geometry in geometries {
        let Some(nis) = property_key(&geometry.properties, key) else {
            continue;
        };
        *seen.entry(nis.clone()).or_default() += 1;
        match reference.municipality(&nis) {
            None => check.extra.push(nis),
            Some(m) => {
                if let Some(region) = property_key(&geometry.properties, region_key) {
                    if region != m.region {
                        check.region_mismatch.push((nis, region, m.region.clone()));
                    }
                }
            }
        }
    }
    check.duplicated = seen
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(nis, _)| nis.clone())
        .collect();
    let present: BTreeSet<&String> = seen.keys().collect();
    check.missing = reference
        .municipalities
        .iter()
        .filter(|m| !present.contains(&m.nis))
        .map(|m| m.nis.clone())
        .collect();
    check.extra.sort();
    check.extra.dedup();
    check
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::LocalizedText;
    use crate::municipality::Municipality;

    fn municipality(nis: &str, region: &str) -> Municipality {
        Municipality {
            nis: nis.into(),
            name: LocalizedText::default(),
            language: "F".into(),
            arrondissement: String::new(),
            province: None,
            region: region.into(),
            population: None,
            nis_2025: None,
        }
    }

    #[test]
    fn reports_missing_extra_duplicated_and_region_mismatches() {
        let topology = Topology::from_json(
            r#"{"type":"Topology","arcs":[[[0,0],[1,0],[1,1],[0,0]]],"objects":{"m":{"type":"GeometryCollection","geometries":[
              {"type":"Polygon","arcs":[[0]],"properties":{"nis":"62063","reg":"03000"}},
              {"type":"Polygon","arcs":[[0]],"properties":{"nis":"33016","reg":"03000"}},
              {"type":"Polygon","arcs":[[0]],"properties":{"nis":"99999","reg":"03000"}},
              {"type":"Polygon","arcs":[[0]],"properties":{"nis":"62063","reg":"03000"}}]}}}"#,
        )
        .unwrap();
        let reference = Reference {
            regions: vec![],
            provinces: vec![],
            municipalities: vec![
                municipality("62063", "03000"),
                municipality("33016", "02000"),
                municipality("92094", "03000"),
            ],
        };
        let check = cross_check_boundaries(&topology, "m", "nis", "reg", &reference);
        assert_eq!(check.missing, vec!["92094"]);
        assert_eq!(check.extra, vec!["99999"]);
        assert_eq!(check.duplicated, vec!["62063"]);
        assert_eq!(
            check.region_mismatch,
            vec![(
                "33016".to_string(),
                "03000".to_string(),
                "02000".to_string()
            )]
        );
        assert_eq!(check.lines().len(), 4);
    }
}
