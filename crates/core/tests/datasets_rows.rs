//! The dataset parsers on small fixtures: every kind of error, located exactly.

use explorer_core::datasets::{
    check_boundaries, parse_boundaries, parse_calls, parse_documents, parse_indicators,
    parse_municipalities, parse_projects, reference_of, resolve_project_municipalities,
    GeometryKind, LeadType, Parsed, ProjectStatus, Theme, ThemeCount, TitleStatus, Unit,
};
use explorer_core::language::LocalizedText;
use explorer_core::municipality::{Municipality, Reference};

/// The errors and warnings of a report as `line:column: field: message` texts.
fn issues<T>(parsed: &Parsed<T>) -> (Vec<String>, Vec<String>) {
    (
        parsed
            .report
            .errors
            .iter()
            .map(ToString::to_string)
            .collect(),
        parsed
            .report
            .warnings
            .iter()
            .map(ToString::to_string)
            .collect(),
    )
}

/// Checks the invariant and the counts.
fn assert_counts<T>(parsed: &Parsed<T>, read: usize, kept: usize) {
    let report = &parsed.report;
    assert_eq!(report.rows_read(), read, "rows read");
    assert_eq!(report.rows_kept(), kept, "rows kept");
    assert_eq!(
        report.rows_read(),
        report.rows_kept() + report.rows_rejected()
    );
    assert_eq!(parsed.records.len(), kept);
}

fn documents() -> Vec<String> {
    vec!["001_doc.txt".to_owned()]
}

fn municipality(nis: &str, fr: &str, nl: Option<&str>, de: Option<&str>) -> Municipality {
    Municipality {
        nis: nis.to_owned(),
        name: LocalizedText {
            fr: Some(fr.to_owned()),
            nl: nl.map(str::to_owned),
            de: de.map(str::to_owned),
            en: None,
        },
        language: "F".to_owned(),
        arrondissement: String::new(),
        province: None,
        region: "03000".to_owned(),
        population: None,
        nis_2025: None,
    }
}

fn reference() -> Reference {
    reference_of(vec![
        municipality("52055", "Pont-à-celles", Some("Pont-à-celles"), None),
        municipality("62022", "Chaudfontaine", None, None),
        municipality("62122", "Trooz", None, None),
        municipality("57081", "Mont-de-l'Enclus", Some("Kluisbergen-like"), None),
        municipality("63067", "Saint-Vith", None, Some("Sankt Vith")),
        municipality("56005", "Beaumont", None, None),
        municipality("99998", "Beaumont", None, None),
    ])
}

const PROJECTS_HEADER: &str = "id,call_year,phase,title,title_status,lead_applicant,lead_type,\
municipalities,theme,status,subsidy_eur,total_budget_eur,sources\n";

#[test]
fn projects_report_each_error_at_its_line_and_column() {
    let csv = format!(
        "{PROJECTS_HEADER}\
ti2019-good,2019,2019,Good,published,Chaudfontaine,commune,Chaudfontaine|Trooz,mobility-logistics,completed,\"1 234,50\",5000,https://example.org/a 001_doc.txt
ti2019-amount,2019,2019,A,published,,,,,selected,\"12,3,4\",,https://example.org
ti2019-good,2019,2019,B,published,,,,,selected,,,https://example.org
ti2019-theme,2019,2019,C,published,,,,energy,selected,,,https://example.org
Bad id,2014,phase0,,secret,,town,,,done,-5,,ftp://x.org unknown.txt
ti2019-nosource,2019,2019,,paraphrased,,,,,selected,600,500,
ti2019-phase,2019,phase2x,D,published,,,,,selected,,,https://example.org
ti2023-hidden,2023,phase1,,unpublished,Wellin,commune,Wellin,,selected,,,https://example.org
x2019-conv,2019,2019,E,published,,,,,selected,,,https://example.org
ti2019-short,2019
"
    );
    let parsed = parse_projects(csv.as_bytes(), "projects.csv", &documents());
    let (errors, warnings) = issues(&parsed);
    assert_eq!(
        errors,
        [
            "3:11: subsidy_eur: '12,3,4' is not an amount",
            "4:1: id: duplicate id 'ti2019-good' (first on line 2)",
            "5:9: theme: unknown theme 'energy'; expected one of energy-environment, \
             mobility-logistics, governance-citizenship, commerce-tourism, resilience-crisis",
            "6:1: id: 'Bad id' is not a slug (lower-case letters and digits separated by '-' or '_')",
            "6:2: call_year: '2014' is not a year between 2015 and 2030",
            "6:3: phase: 'phase0' is not a phase; expected the call year or 'phase1', 'phase2', …",
            "6:5: title_status: unknown title status 'secret'; expected one of published, \
             paraphrased, unpublished",
            "6:7: lead_type: unknown lead type 'town'; expected one of commune, intercommunale, province",
            "6:10: status: unknown status 'done'; expected one of selected, completed, abandoned",
            "6:11: subsidy_eur: amount '-5' is negative",
            "6:13: sources: 'ftp://x.org' is neither an http(s) URL nor a document listed in documents.csv",
            "6:13: sources: 'unknown.txt' is neither an http(s) URL nor a document listed in documents.csv",
            "7:4: title: required value is missing (only an unpublished title may be empty)",
            "7:11: subsidy_eur: subsidy 600 is above the total budget 500",
            "7:13: sources: at least one source is required",
            "8:3: phase: 'phase2x' is not a phase; expected the call year ('2019') or 'phase1', 'phase2', …",
            "11:3: phase: row has 2 fields but the header has 13",
        ]
    );
    assert_eq!(
        warnings,
        ["10:1: id: id 'x2019-conv' does not follow the convention 'ti2019-<slug>'"]
    );
    assert_counts(&parsed, 10, 3);
    let keys: Vec<u64> = parsed.records.iter().map(|(line, _)| *line).collect();
    assert_eq!(keys, [2, 9, 10]);
    let good = &parsed.records[0].1;
    assert_eq!(good.id, "ti2019-good");
    assert_eq!(good.call_year, 2019);
    assert_eq!(good.title_status, TitleStatus::Published);
    assert_eq!(good.lead_type, Some(LeadType::Commune));
    assert_eq!(good.municipality_names, ["Chaudfontaine", "Trooz"]);
    assert!(good.municipalities.is_empty());
    assert_eq!(good.theme, Some(Theme::MobilityLogistics));
    assert_eq!(good.status, ProjectStatus::Completed);
    assert_eq!(good.subsidy_eur, Some(1234.5));
    assert_eq!(good.total_budget_eur, Some(5000.0));
    assert_eq!(good.sources, ["https://example.org/a", "001_doc.txt"]);
    let hidden = &parsed.records[1].1;
    assert_eq!(
        (hidden.title.as_str(), hidden.phase.as_str()),
        ("", "phase1")
    );
}

#[test]
fn project_municipalities_resolve_by_folded_name_only() {
    let csv = format!(
        "{PROJECTS_HEADER}\
ti2019-a,2019,2019,A,published,,,PONT-A-CELLES,,selected,,,https://example.org
ti2019-b,2019,2019,B,published,,,Chaudfontaine|Trooz|chaudfontaine,,selected,,,https://example.org
ti2019-c,2019,2019,C,published,,,Mont-de-l’Enclus|Sankt  Vith,,selected,,,https://example.org
ti2019-d,2019,2019,D,published,,,Atlantis|Beaumont|Saint Vith|Trooz,,selected,,,https://example.org
"
    );
    let mut parsed = parse_projects(csv.as_bytes(), "projects.csv", &[]);
    assert_counts(&parsed, 4, 4);
    let issues = resolve_project_municipalities(&mut parsed.records, &reference());
    let texts: Vec<String> = issues.iter().map(ToString::to_string).collect();
    assert_eq!(
        texts,
        [
            "5: municipalities: unknown municipality 'Atlantis'",
            "5: municipalities: ambiguous municipality 'Beaumont': matches NIS codes 56005, 99998",
            "5: municipalities: unknown municipality 'Saint Vith'",
        ]
    );
    let codes: Vec<Vec<String>> = parsed.values().map(|p| p.municipalities.clone()).collect();
    assert_eq!(
        codes,
        [
            vec!["52055"],
            vec!["62022", "62122"],
            vec!["57081", "63067"],
            vec!["62122"],
        ]
    );
    // Through the parse result, the issues get the column too and join the report.
    assert_eq!(parsed.resolve_municipalities(&reference()), 3);
    assert_eq!(
        parsed.report.errors[0].to_string(),
        "5:8: municipalities: unknown municipality 'Atlantis'"
    );
    assert_counts(&parsed, 4, 4);
}

#[test]
fn json_records_are_located_by_path() {
    let json = br#"[
        {"id": "ti2019-a", "call_year": 2019, "phase": "2019", "title": "A",
         "title_status": "published", "status": "selected", "subsidy_eur": "x",
         "sources": ["https://a.be"]},
        {"id": "ti2019-b", "call_year": 2019, "phase": "2019", "title": "B",
         "title_status": "published", "status": "selected", "subsidy_eur": 45283,
         "municipalities": ["Trooz", "Nowhere"], "sources": ["https://a.be", "001_doc.txt"]}
    ]"#;
    let mut parsed = parse_projects(json, "projects.json", &documents());
    assert_eq!(
        issues(&parsed).0,
        ["$[0].subsidy_eur: subsidy_eur: 'x' is not an amount"]
    );
    assert_counts(&parsed, 2, 1);
    assert_eq!(parsed.records[0].0, 1);
    assert_eq!(parsed.records[0].1.subsidy_eur, Some(45283.0));
    assert_eq!(parsed.records[0].1.sources, ["https://a.be", "001_doc.txt"]);
    parsed.resolve_municipalities(&reference());
    assert_eq!(
        parsed.report.errors[1].to_string(),
        "$[1].municipalities: municipalities: unknown municipality 'Nowhere'"
    );
    assert_eq!(parsed.records[0].1.municipalities, ["62122"]);
}

#[test]
fn a_missing_column_rejects_every_row_and_unused_columns_warn() {
    let csv = "id,call_year,phase,title,title_status,status,extra\n\
               ti2019-a,2019,2019,A,published,selected,x\n\
               ti2019-b,2019,2019,B,published,selected,y\n";
    let parsed = parse_projects(csv.as_bytes(), "projects.csv", &[]);
    let (errors, warnings) = issues(&parsed);
    assert_eq!(
        errors,
        ["1: sources: missing required column (accepted headers: \"sources\", \"source\")"]
    );
    assert_eq!(warnings, ["1:7: column 'extra' is not used"]);
    assert_counts(&parsed, 2, 0);
    let unreadable = parse_projects(b"", "projects.csv", &[]);
    assert_eq!(issues(&unreadable).0, ["the file is empty"]);
    assert_counts(&unreadable, 0, 0);
}

#[test]
fn calls_check_dates_counts_themes_and_duplicates() {
    let csv = "call_year,phase,call_name,deadline,submitted,selected,finalised,\
regional_subsidy_eur,themes,submitted_by_theme,sources
2019,2019,First,2019-03-31,88,43,35,3999635.81,energy-environment|mobility-logistics,energy-environment:23 (28%)|mobility-logistics:21 (24%),https://example.org
2019,2019,Dup,,,,,,,,https://example.org
2023,phase1,Bad,2023-02-30,10,12,13,-1,energy|energy-environment|energy-environment,mobility-logistics:x|resilience-crisis:3 (120%)|commerce-tourism:2,https://example.org
2023,phase3,Ok,2024,80,46,,3300000,commerce-tourism,,001_doc.txt
";
    let parsed = parse_calls(csv.as_bytes(), "calls.csv", &documents());
    let (errors, warnings) = issues(&parsed);
    assert_eq!(
        errors,
        [
            "3:2: phase: duplicate call 2019 2019 (first on line 2)",
            "4:4: deadline: '2023-02-30' is not a date (YYYY, YYYY-MM or YYYY-MM-DD, year 2015–2030)",
            "4:6: selected: 12 selected is more than the 10 submitted",
            "4:7: finalised: 13 finalised is more than the 12 selected",
            "4:8: regional_subsidy_eur: amount '-1' is negative",
            "4:9: themes: unknown theme 'energy'; expected one of energy-environment, \
             mobility-logistics, governance-citizenship, commerce-tourism, resilience-crisis",
            "4:9: themes: theme 'energy-environment' is listed twice",
            "4:10: submitted_by_theme: 'mobility-logistics:x' is not 'theme:count' or \
             'theme:count (percent%)'",
            "4:10: submitted_by_theme: the percentage of 'resilience-crisis:3 (120%)' is not \
             between 0 and 100",
            "4:10: submitted_by_theme: theme 'commerce-tourism' is not among the call's themes",
        ]
    );
    assert_eq!(
        warnings,
        ["2:10: submitted_by_theme: the counts per theme add up to 44, not to the 88 submitted"]
    );
    assert_counts(&parsed, 4, 2);
    let first = &parsed.records[0].1;
    assert_eq!(first.name, "First");
    assert_eq!(first.deadline.as_deref(), Some("2019-03-31"));
    assert_eq!(
        (first.submitted, first.selected, first.finalised),
        (Some(88), Some(43), Some(35))
    );
    assert_eq!(
        first.submitted_by_theme,
        [
            ThemeCount {
                theme: Theme::EnergyEnvironment,
                count: 23,
                percent: Some(28.0)
            },
            ThemeCount {
                theme: Theme::MobilityLogistics,
                count: 21,
                percent: Some(24.0)
            },
        ]
    );
    assert_eq!(parsed.records[1].1.phase, "phase3");
}

#[test]
fn indicators_check_values_against_their_unit() {
    let csv = "survey,year,scope,indicator_id,indicator_label_fr,indicator_label_en,breakdown,value,unit,sources
S,2021,Wallonia,w21_a,Fr,En,all,\"45,5\",percent,001_doc.txt
S,2021,Wallonia,w21_a,Fr,En,all,50,percent,https://x.org
S,2021,Wallonia,w21_a,Fr,En,rural,120,percent,https://x.org
S,2021,Wallonia,w21_b,Fr,En,all,0,rank,https://x.org
S,2021,Wallonia,w21_c,Fr,En,all,2.5,count,https://x.org
S,2021,Wallonia,w21_d,Fr,En,all,11,score_0_10,https://x.org
S,2021,Wallonia,W21 E,Fr,En,All,abc,points,https://x.org
,2031,Wallonia,w21_f,Fr,,all,3,count,https://x.org
S,2021,Wallonia,w21_g,Fr,En,all,7.9,score_0_10,https://x.org
";
    let parsed = parse_indicators(csv.as_bytes(), "indicators.csv", &documents());
    let (errors, warnings) = issues(&parsed);
    assert_eq!(
        errors,
        [
            "3:4: indicator_id: duplicate indicator 'w21_a' for breakdown 'all' (first on line 2)",
            "4:8: value: '120' is not a percentage between 0 and 100",
            "5:8: value: '0' is not a rank (a whole number ≥ 1)",
            "6:8: value: '2.5' is not a count (a whole number ≥ 0)",
            "7:8: value: '11' is not a score between 0 and 10",
            "8:4: indicator_id: 'W21 E' is not a slug (lower-case letters and digits separated by '-' or '_')",
            "8:7: breakdown: 'All' is not a slug (lower-case letters and digits separated by '-' or '_')",
            "8:9: unit: unknown unit 'points'; expected one of percent, count, rank, score_0_10",
            "8:8: value: 'abc' is not a number",
            "9:1: survey: required value is missing",
            "9:2: year: '2031' is not a year between 2015 and 2030",
            "9:6: indicator_label_en: required value is missing",
        ]
    );
    assert!(warnings.is_empty());
    assert_counts(&parsed, 9, 2);
    let first = &parsed.records[0].1;
    assert_eq!(
        (first.id.as_str(), first.value, first.unit),
        ("w21_a", 45.5, Unit::Percent)
    );
    assert_eq!(parsed.records[1].1.unit, Unit::Score0To10);
}

#[test]
fn municipalities_accept_header_aliases_and_check_codes() {
    let csv = "Code INS;Nom;Naam;Langue;Région;Population\n\
               62063;Liège;Luik;F;03000;197355\n\
               6206;X;;F;03000;1\n\
               62063;Dup;;F;03000;1\n\
               62064;;;F;05000;1.5\n\
               21004;Bruxelles;Brussel;fn;04000;\n\
               63087;;;X;03000;9000\n";
    let parsed = parse_municipalities(csv.as_bytes(), "communes.csv");
    let (errors, warnings) = issues(&parsed);
    assert_eq!(
        errors,
        [
            "3:1: Code INS: '6206' is not a 5-digit NIS code",
            "4:1: Code INS: duplicate NIS code '62063' (first on line 2)",
            "5:2: Nom: no name in French, Dutch or German",
            "5:5: Région: unknown region '05000'; expected one of 02000, 03000, 04000",
            "5:6: Population: '1.5' is not a population (a whole number ≥ 0)",
            "7:2: Nom: no name in French, Dutch or German",
            "7:4: Langue: unknown language regime 'X'; expected one of F, N, D, FN",
        ]
    );
    assert!(warnings.is_empty());
    assert_counts(&parsed, 6, 2);
    let liege = &parsed.records[0].1;
    assert_eq!(liege.nis, "62063");
    assert_eq!(liege.name.fr.as_deref(), Some("Liège"));
    assert_eq!(liege.name.nl.as_deref(), Some("Luik"));
    assert_eq!(
        (liege.region.as_str(), liege.population),
        ("03000", Some(197355))
    );
    let brussels = &parsed.records[1].1;
    assert_eq!(
        (brussels.language.as_str(), brussels.population),
        ("FN", None)
    );

    let no_name = parse_municipalities(b"nis,region\n62063,03000\n", "m.csv");
    assert_eq!(
        issues(&no_name).0,
        ["1: missing column: expected at least one of \"name_fr\", \"name_nl\", \"name_de\""]
    );
    assert_counts(&no_name, 1, 0);
}

const SQUARE: &str = r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}"#;

#[test]
fn boundaries_check_nis_codes_and_geometries() {
    let geojson = format!(
        r#"{{"type":"FeatureCollection","features":[
  {{"type":"Feature","properties":{{"nis":"62063","name_fr":"Liège"}},"geometry":{SQUARE}}},
  {{"type":"Feature","properties":{{"nis":"6206"}},"geometry":{SQUARE}}},
  {{"type":"Feature","properties":{{"nis":"62063"}},"geometry":{SQUARE}}},
  {{"type":"Feature","properties":{{}},"geometry":{{"type":"Point","coordinates":[0,0]}}}},
  {{"type":"Feature","properties":{{"nis":62064}},"geometry":null}},
  {{"type":"Feature","properties":{{"nis":"62065"}},"geometry":{{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[0,0]]]]}}}},
  {{"type":"Feature","properties":{{"nis":"62099"}},"geometry":{SQUARE}}}
]}}"#
    );
    let mut parsed = parse_boundaries(geojson.as_bytes(), "b.geojson");
    assert_eq!(
        issues(&parsed).0,
        [
            "$.features[1].properties.nis: nis: '6206' is not a 5-digit NIS code",
            "$.features[2].properties.nis: nis: duplicate NIS code '62063' (first at $.features[0])",
            "$.features[3].properties.nis: nis: required value is missing",
            "$.features[3].geometry: geometry: geometry type 'Point' is not Polygon or MultiPolygon",
            "$.features[4].geometry: geometry: the feature has no geometry",
            "$.features[5].geometry: geometry: the coordinates are not those of a MultiPolygon \
             (rings of at least 4 positions)",
        ]
    );
    assert_counts(&parsed, 7, 2);
    assert_eq!(parsed.records[0].0, 0);
    assert_eq!(parsed.records[0].1.name.as_deref(), Some("Liège"));
    assert_eq!(parsed.records[0].1.kind, GeometryKind::Polygon);
    let reference = reference_of(vec![
        municipality("62063", "Liège", None, None),
        municipality("11001", "Aartselaar", None, None),
    ]);
    check_boundaries(&mut parsed, &reference);
    let (errors, warnings) = issues(&parsed);
    assert_eq!(
        errors.last().map(String::as_str),
        Some("$.features[6].properties.nis: nis: NIS code '62099' is not a municipality of the reference")
    );
    assert_eq!(
        warnings,
        ["nis: 1 municipality of the reference has no boundary: 11001"]
    );
}

#[test]
fn topojson_boundaries_check_arc_indices_and_fall_back_to_ids() {
    let topojson = br#"{"type":"Topology","arcs":[[[0,0],[1,0],[0,1],[-1,-1]]],
      "objects":{"m":{"type":"GeometryCollection","geometries":[
        {"type":"Polygon","arcs":[[0]],"properties":{"Code INS":"62063"}},
        {"type":"Polygon","arcs":[[1]],"properties":{"Code INS":"62064"}},
        {"type":"MultiPolygon","arcs":[[[-1]]],"properties":{"Code INS":"62065"}}
      ]}}}"#;
    let parsed = parse_boundaries(topojson, "b.topojson");
    assert_eq!(
        issues(&parsed).0,
        ["$.objects.m.geometries[1]: geometry: the arcs are not those of a Polygon (rings of indices below 1)"]
    );
    let kept: Vec<(u64, &str, GeometryKind)> = parsed
        .records
        .iter()
        .map(|(k, b)| (*k, b.nis.as_str(), b.kind))
        .collect();
    assert_eq!(
        kept,
        [
            (0, "62063", GeometryKind::Polygon),
            (2, "62065", GeometryKind::MultiPolygon)
        ]
    );
    assert_counts(&parsed, 3, 2);

    let by_id = format!(
        r#"{{"type":"FeatureCollection","features":[
          {{"type":"Feature","id":"62063","properties":{{"name":"Liège"}},"geometry":{SQUARE}}},
          {{"type":"Feature","id":"x","properties":null,"geometry":{SQUARE}}}]}}"#
    );
    let parsed = parse_boundaries(by_id.as_bytes(), "b.json");
    assert_eq!(
        issues(&parsed).0,
        ["$.features[1].id: id: 'x' is not a 5-digit NIS code"]
    );
    assert_eq!(parsed.records[0].1.nis, "62063");
    let none = parse_boundaries(
        format!(r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"a":1}},"geometry":{SQUARE}}}]}}"#).as_bytes(),
        "b.json",
    );
    assert_counts(&none, 1, 0);
    assert_eq!(none.report.errors.len(), 1);
}

#[test]
fn documents_are_unique_plain_file_names() {
    let csv = "file,title,publisher,date\n\
               001_doc.txt,Title,Pub,2019\n\
               001_doc.txt,Again,,\n\
               dir/002.txt,T,,\n\
               003.txt,,,\n";
    let parsed = parse_documents(csv.as_bytes(), "documents.csv");
    assert_eq!(
        issues(&parsed).0,
        [
            "3:1: file: duplicate file '001_doc.txt' (first on line 2)",
            "4:1: file: 'dir/002.txt' is not a plain file name (no '/', '\\' nor spaces)",
            "5:2: title: required value is missing",
        ]
    );
    assert_counts(&parsed, 4, 1);
    assert_eq!(
        explorer_core::datasets::document_names(&parsed),
        ["001_doc.txt"]
    );
}

#[test]
fn records_serialize_with_short_names_and_no_empty_values() {
    let csv =
        format!("{PROJECTS_HEADER}ti2023-x,2023,phase1,,unpublished,,,,,selected,,,https://a.be\n");
    let parsed = parse_projects(csv.as_bytes(), "p.csv", &[]);
    let json = serde_json::to_value(parsed.values().collect::<Vec<_>>()).unwrap();
    assert_eq!(
        json,
        serde_json::json!([{
            "id": "ti2023-x", "call_year": 2023, "phase": "phase1",
            "title_status": "unpublished", "status": "selected", "sources": ["https://a.be"]
        }])
    );
    let csv = "survey,year,scope,indicator_id,indicator_label_fr,indicator_label_en,breakdown,value,unit,sources\n\
               S,2021,Wallonia,w21_g,Fr,En,all,7.9,score_0_10,https://x.org\n";
    let indicators = parse_indicators(csv.as_bytes(), "i.csv", &[]);
    let json = serde_json::to_value(&indicators.records[0].1).unwrap();
    assert_eq!(json["unit"], "score_0_10");
    assert_eq!(json["id"], "w21_g");
    let back: explorer_core::datasets::Indicator = serde_json::from_value(json).unwrap();
    assert_eq!(back, indicators.records[0].1);
}

#[test]
fn hostile_project_texts_are_kept_as_text_and_script_sources_rejected() {
    let long = "x".repeat(10_000);
    let csv = format!(
        "{PROJECTS_HEADER}\
ti2019-markup,2019,2019,\"<img src=x onerror=alert(1)></script>\",published,<b>SPI</b>,,,,selected,,,https://example.org
ti2019-bidi,2019,2019,\u{202e}gnp.exe\u{202c} Ville\u{200b}\u{200d},published,,,,,selected,,,https://example.org
ti2019-long,2019,2019,{long},published,,,,,selected,,,https://example.org
ti2019-script,2019,2019,S,published,,,,,selected,,,javascript:alert(1)
ti2019-data,2019,2019,D,published,,,,,selected,,,\"data:text/html,<script>alert(1)</script>\"
ti2019-mixed,2019,2019,M,published,,,,,selected,,,JaVaScRiPt:alert(1) https://example.org/ok
"
    );
    let parsed = parse_projects(csv.as_bytes(), "projects.csv", &[]);
    let (errors, _) = issues(&parsed);
    assert_eq!(
        errors,
        [
            "5:13: sources: 'javascript:alert(1)' is neither an http(s) URL nor a document listed in documents.csv",
            "6:13: sources: 'data:text/html,<script>alert(1)</script>' is neither an http(s) URL nor a document listed in documents.csv",
            "7:13: sources: 'JaVaScRiPt:alert(1)' is neither an http(s) URL nor a document listed in documents.csv",
        ]
    );
    assert_counts(&parsed, 6, 3);
    let titles: Vec<&str> = parsed.values().map(|p| p.title.as_str()).collect();
    assert_eq!(titles[0], "<img src=x onerror=alert(1)></script>");
    assert_eq!(titles[1], "\u{202e}gnp.exe\u{202c} Ville\u{200b}\u{200d}");
    assert_eq!(titles[2].chars().count(), 10_000);
}
