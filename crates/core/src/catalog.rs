//! The data bundle's catalog (`data/catalog.json`): what each dataset file is, where it
//! comes from, and how to check it.

use crate::language::LocalizedText;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// File name of the catalog inside the bundle directory.
pub const CATALOG_FILE: &str = "catalog.json";

/// The dataset listing where each other dataset comes from ([`DatasetSources`], one
/// per dataset): a file of its own, which only the about page loads, so that the
/// catalog every page loads first stays small.
pub const SOURCES_DATASET: &str = "sources";

/// The dataset of every Belgian municipality, province and region.
pub const MUNICIPALITIES_DATASET: &str = "municipalities";

/// The same with only the Walloon municipalities (every region and province kept):
/// half the file, for the apps that show Wallonia only.
pub const WALLONIA_MUNICIPALITIES_DATASET: &str = "municipalities-wallonia";

/// The calls and their published figures.
pub const CALLS_DATASET: &str = "calls";

/// The documented laureate projects and the coverage per call.
pub const PROJECTS_DATASET: &str = "projects";

/// The boundaries of the Walloon municipalities, which the maps draw.
pub const WALLONIA_BOUNDARIES_DATASET: &str = "boundaries-wallonia";

/// What an app loads at start, after the catalog: the municipalities, the projects,
/// the boundaries where a map is drawn, and for some the calls. Each page asks for them in its
/// `<head>` (`datakit site`), so that they download beside the app's wasm rather than
/// after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartUp {
    /// The explorer and its map embed, which show Wallonia only: its municipalities,
    /// and no calls (they show none).
    Wallonia,
    /// The explorer's table embed: the same, but no boundaries (it draws no map).
    WalloniaWithoutMap,
    /// The other pages (a commune's neighbours across the regional border, the calls of
    /// the programme), the data explorer (a user's file may name any Belgian
    /// municipality) and the explorer's tools (a contribution names its call): every
    /// municipality, and the calls.
    Belgium,
}

impl StartUp {
    /// The id of the municipalities dataset loaded at start.
    pub const fn municipalities(self) -> &'static str {
        match self {
            StartUp::Wallonia | StartUp::WalloniaWithoutMap => WALLONIA_MUNICIPALITIES_DATASET,
            StartUp::Belgium => MUNICIPALITIES_DATASET,
        }
    }

    /// Whether the boundaries of the Walloon municipalities are loaded at start.
    pub const fn has_map(self) -> bool {
        !matches!(self, StartUp::WalloniaWithoutMap)
    }

    /// The ids of the datasets loaded at start: municipalities, projects, boundaries
    /// (where a map is drawn), then the calls where they are.
    pub const fn datasets(self) -> &'static [&'static str] {
        match self {
            StartUp::Wallonia => &[
                WALLONIA_MUNICIPALITIES_DATASET,
                PROJECTS_DATASET,
                WALLONIA_BOUNDARIES_DATASET,
            ],
            StartUp::WalloniaWithoutMap => &[WALLONIA_MUNICIPALITIES_DATASET, PROJECTS_DATASET],
            StartUp::Belgium => &[
                MUNICIPALITIES_DATASET,
                PROJECTS_DATASET,
                WALLONIA_BOUNDARIES_DATASET,
                CALLS_DATASET,
            ],
        }
    }
}

/// The list of datasets of a bundle.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    /// When the bundle was built (UTC, RFC 3339).
    pub build_date: String,
    /// The datasets, in a stable order.
    pub datasets: Vec<DatasetEntry>,
}

/// Where a dataset comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Publisher and document, e.g. "Statbel, REFNIS codes 2019".
    pub title: String,
    /// Its public URL (http or https).
    pub url: String,
}

/// Where the data of one dataset come from: a record of the [`SOURCES_DATASET`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatasetSources {
    /// The dataset's identifier.
    pub id: String,
    /// Its sources.
    pub sources: Vec<Source>,
}

/// One dataset file of the bundle (where its data come from is in the
/// [`SOURCES_DATASET`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DatasetEntry {
    /// Stable identifier, e.g. `municipalities`.
    pub id: String,
    /// Title per language.
    pub title: LocalizedText,
    /// Licence, e.g. "CC BY 4.0".
    pub licence: String,
    /// Number of records.
    pub records: usize,
    /// File name in the bundle directory; it carries a content hash.
    pub file: String,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// SHA-256 of the file, lowercase hex.
    pub sha256: String,
    /// When the file was built (UTC, RFC 3339).
    pub build_date: String,
}

impl Catalog {
    /// The entry of the dataset `id`.
    pub fn dataset(&self, id: &str) -> Option<&DatasetEntry> {
        self.datasets.iter().find(|d| d.id == id)
    }
}

/// The SHA-256 of `bytes`, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl DatasetEntry {
    /// Checks that a file of `len` bytes can be this dataset's file: its size as the
    /// catalog records it. A mismatch means a stale cache or an altered file.
    pub fn check_size(&self, len: usize) -> Result<(), String> {
        if len as u64 != self.bytes {
            return Err(format!(
                "size {len} bytes, the catalog says {}: a stale cache or an altered file",
                self.bytes
            ));
        }
        Ok(())
    }

    /// Checks that a file whose SHA-256 is `actual` (hex) is this dataset's file. The
    /// caller computes it: the browser with its WebCrypto, natively [`sha256_hex`].
    pub fn check_sha256(&self, actual: &str) -> Result<(), String> {
        if !actual.eq_ignore_ascii_case(&self.sha256) {
            return Err(format!(
                "SHA-256 {actual}, the catalog says {}: a stale cache or an altered file",
                self.sha256
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_start_up_loads_its_municipalities_the_projects_and_the_boundaries() {
        for start_up in [
            StartUp::Wallonia,
            StartUp::WalloniaWithoutMap,
            StartUp::Belgium,
        ] {
            let datasets = start_up.datasets();
            assert_eq!(datasets[0], start_up.municipalities());
            assert_eq!(datasets[1], PROJECTS_DATASET);
            assert_eq!(
                datasets.get(2) == Some(&WALLONIA_BOUNDARIES_DATASET),
                start_up.has_map()
            );
        }
        assert!(!StartUp::WalloniaWithoutMap.has_map());
        assert_eq!(StartUp::WalloniaWithoutMap.datasets().len(), 2);
        assert_eq!(StartUp::Wallonia.datasets().len(), 3);
        assert_eq!(StartUp::Belgium.datasets()[3], CALLS_DATASET);
    }

    #[test]
    fn finds_a_dataset_by_id_after_a_json_round_trip() {
        let catalog = Catalog {
            build_date: "2026-11-22T00:00:00Z".into(),
            datasets: vec![DatasetEntry {
                id: "municipalities".into(),
                title: LocalizedText {
                    fr: Some("Communes".into()),
                    ..Default::default()
                },
                licence: "CC BY 4.0".into(),
                records: 581,
                file: "municipalities.0123abcd.json".into(),
                bytes: 10,
                sha256: "00".into(),
                build_date: "2026-11-22T00:00:00Z".into(),
            }],
        };
        let json = serde_json::to_string(&catalog).unwrap();
        let back: Catalog = serde_json::from_str(&json).unwrap();
        assert_eq!(back, catalog);
        assert_eq!(back.dataset("municipalities").unwrap().records, 581);
        assert!(back.dataset("projects").is_none());
    }

    #[test]
    fn verify_accepts_the_recorded_file_and_names_what_differs() {
        let bytes = b"[1,2,3]";
        let mut entry = DatasetEntry {
            id: "x".into(),
            title: LocalizedText::default(),
            licence: "CC0".into(),
            records: 3,
            file: "x.json".into(),
            bytes: bytes.len() as u64,
            sha256: sha256_hex(bytes),
            build_date: String::new(),
        };
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        let verify = |entry: &DatasetEntry, bytes: &[u8]| {
            entry.check_size(bytes.len())?;
            entry.check_sha256(&sha256_hex(bytes))
        };
        assert_eq!(verify(&entry, bytes), Ok(()));
        let altered = verify(&entry, b"[1,2,4]").unwrap_err();
        assert!(
            altered.contains("SHA-256") && altered.contains(&entry.sha256),
            "{altered}"
        );
        let shorter = verify(&entry, b"[1,2]").unwrap_err();
        assert!(
            shorter.starts_with("size 5 bytes, the catalog says 7"),
            "{shorter}"
        );
        entry.sha256 = entry.sha256.to_uppercase();
        assert_eq!(verify(&entry, bytes), Ok(()));
    }
}

/// How many laureates of one call (or phase) the projects dataset documents, against
/// the number the government published, so the app can state its coverage honestly.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallCoverage {
    /// Year of the call.
    pub call_year: u16,
    /// Phase (`2019`, `phase1`, `phase2`).
    pub phase: String,
    /// Laureates documented in the projects dataset.
    pub documented: u32,
    /// Laureates published (selected) for that call or phase.
    pub published: u32,
}

/// The projects file of the bundle: the projects and the coverage per call.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectsFile {
    /// Every documented laureate project.
    pub projects: Vec<crate::datasets::projects::Project>,
    /// Documented against published laureates, per call and phase.
    pub coverage: Vec<CallCoverage>,
}

/// The indicators file of the bundle: barometer and survey figures, and the titles of
/// the documents their sources cite by file name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorsFile {
    /// Every indicator value.
    pub indicators: Vec<crate::datasets::indicators::Indicator>,
    /// Seed documents cited in `sources` by file name.
    pub documents: Vec<crate::datasets::documents::Document>,
}
