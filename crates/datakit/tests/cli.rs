//! `datakit validate` as a user runs it: exit codes 0/1/2, text and JSON output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn data(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data")
        .join(file)
}

/// A fresh directory for one test's fixtures, removed when dropped.
fn scratch(test: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("datakit-cli-{test}-"))
        .tempdir()
        .unwrap()
}

fn validate(args: &[&str]) -> Output {
    let documents = data("documents.csv");
    let municipalities = data("municipalities.csv");
    Command::new(env!("CARGO_BIN_EXE_datakit"))
        .arg("validate")
        .args(args)
        .arg("--documents")
        .arg(&documents)
        .arg("--municipalities")
        .arg(&municipalities)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

const BAD_PROJECTS: &str = "id,call_year,phase,title,title_status,lead_applicant,lead_type,\
municipalities,theme,status,subsidy_eur,total_budget_eur,sources
ti2019-good,2019,2019,Good,published,,,Pont-à-Celles|Chaudfontaine,,selected,,,https://example.org 001_dce174e5566d538f.txt
ti2019-bad,2019,2019,Bad,published,,,,,selected,\"12,3,4\",,https://example.org
ti2019-where,2019,2019,W,published,,,Atlantis,,selected,,,https://example.org
";

#[test]
fn the_committed_datasets_are_valid() {
    for kind in [
        "municipalities",
        "projects",
        "calls",
        "indicators",
        "documents",
    ] {
        let file = data(&format!("{kind}.csv"));
        let output = validate(&["--kind", kind, file.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(0), "{kind}: {}", stdout(&output));
        let text = stdout(&output);
        let last = text.lines().last().unwrap_or_default();
        // Projects grow one line at a time: their count is read from the file.
        let laureates = csv::Reader::from_path(&file).unwrap().records().count();
        let projects = format!("{laureates} rows read, {laureates} kept, 0 rejected");
        let expected = match kind {
            "municipalities" => "581 rows read, 581 kept, 0 rejected",
            "projects" => projects.as_str(),
            "calls" => "3 rows read, 3 kept, 0 rejected",
            "indicators" => "167 rows read, 167 kept, 0 rejected",
            _ => "5 rows read, 5 kept, 0 rejected",
        };
        assert_eq!(last, expected, "{kind}");
    }
}

#[test]
fn data_errors_exit_1_with_one_line_each() {
    let scratch = scratch("text");
    let dir = scratch.path();
    let file = dir.join("projects.csv");
    std::fs::write(&file, BAD_PROJECTS).unwrap();
    let name = file.to_str().unwrap();
    let output = validate(&["--kind", "projects", name]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        format!(
            "{name}:3:11: subsidy_eur: '12,3,4' is not an amount\n\
             {name}:4:8: municipalities: unknown municipality 'Atlantis'\n\
             3 rows read, 2 kept, 1 rejected\n"
        )
    );
}

#[test]
fn json_output_is_one_object() {
    let scratch = scratch("json");
    let dir = scratch.path();
    let file = dir.join("projects.csv");
    std::fs::write(&file, BAD_PROJECTS).unwrap();
    let name = file.to_str().unwrap();
    let output = validate(&["--kind", "projects", name, "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.trim().starts_with("{\"file\":"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "file": name,
            "kind": "projects",
            "rows_read": 3,
            "rows_kept": 2,
            "rows_rejected": 1,
            "errors": [
                {"line": 3, "column": 11, "path": null, "field": "subsidy_eur",
                 "message": "'12,3,4' is not an amount"},
                {"line": 4, "column": 8, "path": null, "field": "municipalities",
                 "message": "unknown municipality 'Atlantis'"}
            ],
            "warnings": []
        })
    );
    let calls = data("calls.csv");
    let output = validate(&[
        "--kind",
        "calls",
        calls.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["warnings"].as_array().map(Vec::len), Some(1));
    assert_eq!(json["errors"], serde_json::json!([]));
}

#[test]
fn usage_and_io_errors_exit_2() {
    let missing = validate(&["--kind", "projects", "/nonexistent/projects.csv"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stdout(&missing).is_empty());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/projects.csv"));
    let unknown_kind = validate(&["--kind", "budgets", "x.csv"]);
    assert_eq!(unknown_kind.status.code(), Some(2));
    let no_kind = validate(&["x.csv"]);
    assert_eq!(no_kind.status.code(), Some(2));
    let bad_format = validate(&["--kind", "calls", "x.csv", "--format", "xml"]);
    assert_eq!(bad_format.status.code(), Some(2));
}

/// `datakit add ROW --projects PROJECTS` with the committed documents and municipalities.
fn add(row: &Path, projects: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_datakit"))
        .arg("add")
        .arg(row)
        .arg("--projects")
        .arg(projects)
        .arg("--documents")
        .arg(data("documents.csv"))
        .arg("--municipalities")
        .arg(data("municipalities.csv"))
        .output()
        .unwrap()
}

/// The row the site's contribution form produces (core's `Draft`, as the form
/// fills it), written as the form downloads it.
fn contribution(dir: &Path) -> PathBuf {
    use explorer_core::contribute::Draft;
    let mut draft = Draft::new_project(Some("Pont-à-Celles"), Some("2023-phase2"));
    draft.set("id", "ti2023-pont-a-celles-eclairage");
    draft.set("title", "Éclairage \"intelligent\", rues principales");
    draft.set("subsidy_eur", "12500.5");
    draft.set("note", "Amount from the municipal bulletin, line 2");
    draft.set(
        "sources",
        "https://example.org/a https://example.org/b?x=1&y=2",
    );
    let file = dir.join("contribution.csv");
    std::fs::write(&file, draft.csv_file()).unwrap();
    file
}

#[test]
fn the_contribution_form_row_validates_unchanged_and_merges_once() {
    let scratch = scratch("add");
    let dir = scratch.path();
    let row = contribution(dir);
    let output = validate(&["--kind", "projects", row.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(
        stdout(&output).ends_with("1 rows read, 1 kept, 0 rejected\n"),
        "{}",
        stdout(&output)
    );

    let projects = dir.join("projects.csv");
    std::fs::copy(data("projects.csv"), &projects).unwrap();
    let before = std::fs::read_to_string(&projects).unwrap();
    let output = add(&row, &projects);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        stdout(&output),
        String::from_utf8_lossy(&output.stderr)
    );
    let after = std::fs::read_to_string(&projects).unwrap();
    assert_eq!(after.lines().count(), before.lines().count() + 1);
    assert!(after.starts_with(&before));
    let last = after.lines().last().unwrap();
    assert!(
        last.starts_with("ti2023-pont-a-celles-eclairage,2023,phase2,"),
        "{last}"
    );
    assert!(
        last.contains("\"Éclairage \"\"intelligent\"\", rues principales\""),
        "{last}"
    );
    // The merged file is valid as a whole.
    let output = validate(&["--kind", "projects", projects.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));

    // Adding the same id again is refused, and the file is left as it was.
    let output = add(&row, &projects);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("'ti2023-pont-a-celles-eclairage' is already in"),
        "{}",
        stdout(&output)
    );
    assert_eq!(std::fs::read_to_string(&projects).unwrap(), after);
}

#[test]
fn a_contribution_with_errors_is_not_merged() {
    let scratch = scratch("add-bad");
    let dir = scratch.path();
    let row = dir.join("bad.csv");
    std::fs::write(&row, BAD_PROJECTS).unwrap();
    let projects = dir.join("projects.csv");
    std::fs::copy(data("projects.csv"), &projects).unwrap();
    let before = std::fs::read_to_string(&projects).unwrap();
    let output = add(&row, &projects);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("subsidy_eur"),
        "{}",
        stdout(&output)
    );
    assert_eq!(std::fs::read_to_string(&projects).unwrap(), before);
}
