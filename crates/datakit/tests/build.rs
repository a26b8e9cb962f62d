//! `datakit build` on the committed datasets, with a small boundary file the test makes
//! itself (the real one is fetched at build time and never committed).

use explorer_core::catalog::{Catalog, DatasetSources, ProjectsFile};
use explorer_core::municipality::{Reference, WALLONIA};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::process::Command;

/// A fresh directory for one test's fixtures, removed when dropped.
fn scratch(test: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("datakit-build-{test}-"))
        .tempdir()
        .unwrap()
}

/// Two adjacent squares (Liège 62063, Namur 92094) and Mesen 33016 tagged as Walloon.
const TOPOLOGY: &str = r#"{"type":"Topology","arcs":[
 [[5.5,50.6],[5.6,50.6]],[[5.6,50.6],[5.6,50.7]],[[5.6,50.7],[5.5,50.7]],[[5.5,50.7],[5.5,50.6]],
 [[5.6,50.6],[5.7,50.6],[5.7,50.7],[5.6,50.7]],
 [[2.9,50.75],[2.95,50.75],[2.95,50.8],[2.9,50.75]]],
 "objects":{"municipalities":{"type":"GeometryCollection","geometries":[
 {"type":"Polygon","arcs":[[0,1,2,3]],"properties":{"nis":"62063","reg_nis":"03000"}},
 {"type":"Polygon","arcs":[[4,-2]],"properties":{"nis":"92094","reg_nis":"03000"}},
 {"type":"Polygon","arcs":[[5]],"properties":{"nis":"33016","reg_nis":"03000"}}]}}}"#;

fn copy_data(to: &Path, sha256: &str) {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(&data).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "csv") {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
    std::fs::write(
        to.join("sources.toml"),
        format!(
            "[boundaries]\ntitle = \"test\"\nfile = \"test.topo.json\"\nurl = \"https://invalid.example/test.topo.json\"\nsha256 = \"{sha256}\"\nlicence = \"CC0 1.0\"\nhomepage = \"https://invalid.example/\"\n"
        ),
    )
    .unwrap();
}

fn read_dataset<T: serde::de::DeserializeOwned>(out: &Path, catalog: &Catalog, id: &str) -> T {
    let entry = catalog.dataset(id).unwrap();
    let bytes = std::fs::read(out.join(&entry.file)).unwrap();
    assert_eq!(bytes.len() as u64, entry.bytes);
    let sha: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(sha, entry.sha256, "{id}: sha256 in the catalog");
    assert!(
        entry.file.contains(&sha[..12]),
        "{id}: file name carries the hash"
    );
    serde_json::from_slice(&bytes).unwrap()
}

#[test]
fn committed_datasets_build_into_a_bundle_whose_counts_match_the_sources() {
    let scratch = scratch("real");
    let dir = scratch.path();
    let mirror = dir.join("mirror");
    std::fs::create_dir_all(&mirror).unwrap();
    std::fs::write(mirror.join("test.topo.json"), TOPOLOGY).unwrap();
    let sha: String = Sha256::digest(TOPOLOGY.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    copy_data(&dir.join("data"), &sha);

    let output = Command::new(env!("CARGO_BIN_EXE_datakit"))
        .current_dir(dir)
        .args(["build", "--out", "bundle", "--mirror", "mirror"])
        .env_remove("DATAKIT_MIRROR")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    // The cross-checks name what differs, by NIS code.
    assert!(
        stderr.contains("33016: boundary file puts it in region 03000, the reference in 02000"),
        "{stderr}"
    );
    // Ohey (92097) is a municipality of the reference that the test file lacks.
    assert!(
        stderr.contains(
            "boundaries: warning: 92097: municipality of the reference has no boundary\n"
        ),
        "{stderr}"
    );
    // The source was cached where the build runs.
    assert!(dir.join(".cache/sources/test.topo.json").exists());

    let out = dir.join("bundle");
    let catalog: Catalog =
        serde_json::from_slice(&std::fs::read(out.join("catalog.json")).unwrap()).unwrap();
    let ids: Vec<&str> = catalog.datasets.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "municipalities",
            "municipalities-wallonia",
            "projects",
            "calls",
            "indicators",
            "boundaries-wallonia",
            "boundaries-belgium",
            "sources"
        ]
    );

    let reference: Reference = read_dataset(&out, &catalog, "municipalities");
    assert_eq!(reference.municipalities.len(), 581);
    assert_eq!(reference.in_region(WALLONIA).count(), 262);
    assert_eq!(reference.provinces.len(), 10);
    // The explorer's start-up file: the same regions and provinces, Wallonia's 262.
    let wallonia: Reference = read_dataset(&out, &catalog, "municipalities-wallonia");
    assert_eq!(wallonia, reference.of_region(WALLONIA));
    assert_eq!(wallonia.municipalities.len(), 262);
    assert_eq!(
        catalog.dataset("municipalities-wallonia").unwrap().records,
        262
    );

    let projects: ProjectsFile = read_dataset(&out, &catalog, "projects");
    // Expected counts come from the CSV files themselves, read by the csv crate,
    // so that adding a laureate row changes no test.
    let rows = |file: &str| -> Vec<csv::StringRecord> {
        let mut reader = csv::Reader::from_path(dir.join("data").join(file)).unwrap();
        let header = reader.headers().unwrap().clone();
        let column = |name: &str| header.iter().position(|h| h == name).unwrap();
        let (year, phase) = (column("call_year"), column("phase"));
        reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                let mut picked = vec![r[year].to_string(), r[phase].to_string()];
                if let Some(selected) = header.iter().position(|h| h == "selected") {
                    picked.push(r[selected].to_string());
                }
                csv::StringRecord::from(picked)
            })
            .collect()
    };
    let laureate_rows = rows("projects.csv");
    assert_eq!(
        projects.projects.len(),
        laureate_rows.len(),
        "every laureate row is accounted for"
    );
    let expected: Vec<(u16, String, u32, u32)> = rows("calls.csv")
        .iter()
        .map(|call| {
            let documented = laureate_rows
                .iter()
                .filter(|p| p[0] == call[0] && p[1] == call[1])
                .count() as u32;
            (
                call[0].parse().unwrap(),
                call[1].to_string(),
                documented,
                call[2].parse().unwrap(),
            )
        })
        .collect();
    let coverage: Vec<(u16, String, u32, u32)> = projects
        .coverage
        .iter()
        .map(|c| (c.call_year, c.phase.clone(), c.documented, c.published))
        .collect();
    assert_eq!(coverage, expected);
    assert_eq!(coverage.len(), 3);
    assert!(coverage.iter().all(|c| c.2 <= c.3), "{coverage:?}");
    let chaudfontaine = projects
        .projects
        .iter()
        .find(|p| p.id == "ti2019-fais-tes-balises")
        .unwrap();
    assert_eq!(chaudfontaine.municipalities, ["62022", "62122"]);

    // Wallonia level: only the Walloon boundaries of the reference (not Mesen), nis only.
    let wallonia: explorer_core::topology::Topology =
        read_dataset(&out, &catalog, "boundaries-wallonia");
    let kept: Vec<String> = wallonia.objects["municipalities"]
        .geometries
        .iter()
        .map(|g| g.properties["nis"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(kept, ["62063", "92094"]);
    assert_eq!(catalog.dataset("boundaries-belgium").unwrap().records, 3);

    // Where each dataset comes from, in a file of its own: every other dataset, in the
    // catalog's order; the projects' sources are the pages their rows cite.
    let sources: Vec<DatasetSources> = read_dataset(&out, &catalog, "sources");
    let listed: Vec<&str> = sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(listed, ids[..ids.len() - 1]);
    assert_eq!(catalog.dataset("sources").unwrap().records, ids.len() - 1);
    let cited = &sources.iter().find(|s| s.id == "projects").unwrap().sources;
    assert!(!cited.is_empty());
    assert!(cited.iter().all(|s| s.url.starts_with("http")));
    assert!(cited
        .iter()
        .all(|c| projects.projects.iter().any(|p| p.sources.contains(&c.url))));
}

#[test]
fn a_boundary_file_that_fails_its_sha256_stops_the_build() {
    let scratch = scratch("sha");
    let dir = scratch.path();
    let mirror = dir.join("mirror");
    std::fs::create_dir_all(&mirror).unwrap();
    std::fs::write(mirror.join("test.topo.json"), TOPOLOGY).unwrap();
    copy_data(&dir.join("data"), &"0".repeat(64));
    let output = Command::new(env!("CARGO_BIN_EXE_datakit"))
        .current_dir(dir)
        .args(["build", "--out", "bundle", "--mirror", "mirror"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("does not match the declared"), "{stderr}");
    assert!(!dir.join("bundle/catalog.json").exists());
}

#[test]
fn a_project_naming_an_unknown_municipality_fails_with_its_line_and_name() {
    let scratch = scratch("unknown");
    let dir = scratch.path();
    copy_data(&dir.join("data"), &"0".repeat(64));
    let projects = dir.join("data/projects.csv");
    let mut text = std::fs::read_to_string(&projects).unwrap();
    text.push_str("ti2023-atlantis,2023,phase1,Atlantis,published,Atlantis,commune,Atlantis,,selected,1000,,,,https://example.org/atlantis\n");
    std::fs::write(&projects, &text).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_datakit"))
        .current_dir(dir)
        .args(["build", "--out", "bundle"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let line = text.lines().count();
    assert!(
        stderr.contains(&format!(":{line}:")) && stderr.contains("Atlantis"),
        "{stderr}"
    );
}
