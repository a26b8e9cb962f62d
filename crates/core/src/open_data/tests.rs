//! The open-data explorer over a small Opendatasoft-style export and the test
//! reference (Liège 62063 and Ans 62003 in the province of Liège, Namur 92094 and
//! Andenne 92003 in Namur's, Mons 53053 in Hainaut's; Bruxelles 21004).

use super::*;
use crate::explore::fixtures::reference;
use crate::import::columns::read_columns;
use crate::import::profile::{ColumnKind, CommuneMatcher};
use crate::import::{Expected, IssueKind};

/// Line 1 is the header; the rows are on lines 2 to 9.
const EXPORT: &str = "\u{feff}Commune;NIS;Thème;Montant;Année;Titre
Liège;62063;Mobilité;1 000,50;2021;Vélos partagés
Luik;62063;Énergie;2 000;2022;Panneaux solaires
Namur;92094;Mobilité;500;2021;Navette électrique
Mons;53053;Mobilité;n/a;2023;Bornes de recharge
Atlantis;;Énergie;100;2023;Éclairage public
Ans;62003;Gouvernance;300;2022;Budget participatif
Ans;62003;Gouvernance
Andenne;92003;Énergie;700;2024;Réseau de chaleur
";

fn dataset() -> OpenDataset {
    let reference = reference();
    let matcher = CommuneMatcher::new(&reference);
    let columns = read_columns(EXPORT.as_bytes(), "export.csv").unwrap();
    let kinds: Vec<ColumnKind> = session::profile_columns(&columns, &matcher)
        .iter()
        .map(|profile| profile.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            ColumnKind::Commune,
            ColumnKind::Commune,
            ColumnKind::Category,
            ColumnKind::Number,
            ColumnKind::Year,
            ColumnKind::Text
        ]
    );
    OpenDataset::build(columns, &kinds, &matcher, &reference)
}

/// The dataset of the CSV `file` (named `name`), its columns read as `kinds`.
fn built(file: &str, name: &str, kinds: &[ColumnKind]) -> OpenDataset {
    let reference = reference();
    let matcher = CommuneMatcher::new(&reference);
    let columns = read_columns(file.as_bytes(), name).unwrap();
    OpenDataset::build(columns, kinds, &matcher, &reference)
}

fn request() -> ViewRequest {
    ViewRequest::default()
}

fn options(view: &View, key: &str) -> Vec<(String, usize)> {
    view.facets
        .iter()
        .find(|f| f.key == key)
        .unwrap()
        .options
        .iter()
        .map(|o| (o.label.clone(), o.count))
        .collect()
}

fn map(view: &View) -> Vec<(&str, f64)> {
    view.map.iter().map(|(nis, v)| (nis.as_str(), *v)).collect()
}

#[test]
fn rows_read_are_kept_or_rejected_and_bad_values_are_reported_where_they_are() {
    let data = dataset();
    let report = &data.report;
    assert_eq!(
        (
            report.rows_read(),
            report.rows_kept(),
            report.rows_rejected()
        ),
        (8, 7, 1)
    );
    assert_eq!(report.errors[0].line, Some(8));
    let warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].starts_with("5:4: Montant:") && warnings[0].contains("n/a"),
        "{warnings:?}"
    );
    assert!(
        warnings[1].starts_with("6:1: Commune:") && warnings[1].contains("Atlantis"),
        "{warnings:?}"
    );
    // What the page needs to word them in the reader's language.
    let kinds: Vec<Option<&IssueKind>> =
        report.warnings.iter().map(|w| w.kind.as_deref()).collect();
    assert_eq!(
        kinds,
        [
            Some(&IssueKind::KeptAsNoValue {
                value: "n/a".to_string(),
                expected: Expected::Number
            }),
            Some(&IssueKind::KeptAsNoValue {
                value: "Atlantis".to_string(),
                expected: Expected::Commune
            }),
        ]
    );
    let keys: Vec<&str> = data.fields.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(
        keys,
        ["commune", "nis", "theme", "montant", "annee", "titre", "province"]
    );
    let amounts = &data.fields[3];
    assert_eq!(amounts.bounds, Some((100.0, 2000.0)));
    assert_eq!(amounts.histogram.iter().sum::<usize>(), 6);
}

#[test]
fn facets_count_the_rows_of_every_other_filter() {
    let data = dataset();
    let view = data.view(&request());
    assert_eq!((view.total, view.count), (7, 7));
    assert_eq!(
        options(&view, "theme"),
        [
            ("Énergie".into(), 3),
            ("Mobilité".into(), 3),
            ("Gouvernance".into(), 1)
        ]
    );
    assert_eq!(
        options(&view, "province"),
        [
            ("Province de Liège".into(), 3),
            ("Province de Namur".into(), 2),
            ("Province de Hainaut".into(), 1)
        ]
    );
    let mut asked = request();
    asked.filters = vec![("theme".into(), vec!["Mobilité".into()])];
    asked.ranges = vec![("annee".into(), Some(2021.0), Some(2022.0))];
    let view = data.view(&asked);
    assert_eq!(view.count, 2);
    // The theme's own filter does not narrow its counts; the year range does.
    assert_eq!(
        options(&view, "theme"),
        [
            ("Mobilité".into(), 2),
            ("Énergie".into(), 1),
            ("Gouvernance".into(), 1)
        ]
    );
    let theme = view.facets.iter().find(|f| f.key == "theme").unwrap();
    assert!(theme.options[0].selected && !theme.options[1].selected);
    assert_eq!(
        options(&view, "commune"),
        [("Liège".into(), 1), ("Namur".into(), 1)]
    );
    // A filter on a province, by its code.
    let mut asked = request();
    asked.filters = vec![("province".into(), vec!["90000".into()])];
    assert_eq!(data.view(&asked).count, 2);
    // Unknown keys, and conditions of the wrong kind, are left out.
    asked.filters = vec![
        ("nope".into(), vec!["x".into()]),
        ("montant".into(), vec!["1".into()]),
    ];
    assert_eq!(data.view(&asked).count, 7);
}

#[test]
fn search_finds_word_prefixes_without_accents() {
    let data = dataset();
    // The text fields are indexed by the first view that searches, not before.
    assert!(!data.table.texts_indexed());
    assert_eq!(data.view(&request()).count, 7);
    assert!(!data.table.texts_indexed());
    let mut asked = request();
    asked.text = "velo".into();
    let view = data.view(&asked);
    assert!(data.table.texts_indexed());
    assert_eq!(view.count, 1);
    assert_eq!(view.rows[0].values[5], "Vélos partagés");
    asked.text = "ECLAIR pub".into();
    assert_eq!(data.view(&asked).count, 1);
}

#[test]
fn the_map_counts_sums_and_averages_per_municipality() {
    let data = dataset();
    let view = data.view(&request());
    assert_eq!(
        map(&view),
        [
            ("53053", 1.0),
            ("62003", 1.0),
            ("62063", 2.0),
            ("92003", 1.0),
            ("92094", 1.0)
        ]
    );
    let mut asked = request();
    asked.metric = MapMetric {
        kind: MetricKind::Sum,
        field: Some("montant".into()),
        per_1000: false,
    };
    // Mons's only amount is "n/a": no value, not a zero.
    assert_eq!(
        map(&data.view(&asked)),
        [
            ("62003", 300.0),
            ("62063", 3000.5),
            ("92003", 700.0),
            ("92094", 500.0)
        ]
    );
    asked.metric.kind = MetricKind::Mean;
    assert_eq!(map(&data.view(&asked))[1], ("62063", 1500.25));
    asked.metric.kind = MetricKind::Median;
    assert_eq!(map(&data.view(&asked))[1], ("62063", 1500.25));
    // Per 1,000 inhabitants: Liège has 200,000; Andenne no population.
    asked.metric = MapMetric {
        kind: MetricKind::Count,
        field: None,
        per_1000: true,
    };
    let view = data.view(&asked);
    let per_1000 = map(&view);
    assert!(per_1000.contains(&("62063", 0.01)), "{per_1000:?}");
    assert!(
        !per_1000.iter().any(|(nis, _)| *nis == "92003"),
        "{per_1000:?}"
    );
}

#[test]
fn the_map_counts_the_matching_rows_of_each_commune_under_any_filter() {
    let data = dataset();
    let filtered = |filters: &[(&str, &[&str])]| ViewRequest {
        filters: filters
            .iter()
            .map(|(key, values)| {
                (
                    key.to_string(),
                    values.iter().map(|v| v.to_string()).collect(),
                )
            })
            .collect(),
        ..request()
    };
    let mut ranged = request();
    ranged.ranges = vec![("annee".into(), Some(2022.0), Some(2023.0))];
    let asked_all = [
        request(),
        filtered(&[("theme", &["Mobilité"])]),
        filtered(&[("commune", &["62063", "92094"])]),
        filtered(&[("commune", &["62063"]), ("theme", &["Énergie"])]),
        filtered(&[("province", &["60000"])]),
        ranged,
    ];
    for asked in asked_all {
        // Per commune, the rows matching the request and that commune (one commune
        // per row here): a view filtered to it alone, within the request's communes.
        let wanted = asked
            .filters
            .iter()
            .find(|(key, _)| key == "commune")
            .map(|(_, values)| values.clone());
        let mut expected: Vec<(String, f64)> = ["53053", "62003", "62063", "92003", "92094"]
            .iter()
            .filter(|nis| wanted.as_ref().is_none_or(|w| w.iter().any(|v| v == *nis)))
            .filter_map(|nis| {
                let mut one = asked.clone();
                one.filters.retain(|(key, _)| key != "commune");
                one.filters.push(("commune".into(), vec![nis.to_string()]));
                let count = data.view(&one).count;
                (count > 0).then(|| (nis.to_string(), count as f64))
            })
            .collect();
        let mut shown = data.view(&asked).map;
        shown.sort_by(|a, b| a.0.cmp(&b.0));
        expected.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(shown, expected, "{asked:?}");
    }
}

#[test]
fn rows_are_sorted_and_paged() {
    let data = dataset();
    let mut asked = request();
    asked.sort = Some(("montant".into(), true));
    asked.page_size = 2;
    let view = data.view(&asked);
    assert_eq!(view.pages, 4);
    let firsts: Vec<&str> = view.rows.iter().map(|r| r.values[3].as_str()).collect();
    assert_eq!(firsts, ["2 000", "1 000,50"]);
    assert_eq!(view.rows[0].line, 3);
    asked.page = 3;
    let last = data.view(&asked);
    assert_eq!((last.page, last.rows.len()), (3, 1));
    // No value sorts last.
    assert_eq!(last.rows[0].values[3], "n/a");
    asked.page = 99;
    assert_eq!(data.view(&asked).page, 3);
    asked.sort = None;
    asked.page = 0;
    let file_order: Vec<u64> = data.view(&asked).rows.iter().map(|r| r.line).collect();
    assert_eq!(file_order, [2, 3]);
}

#[test]
fn a_dataset_without_communes_still_filters_and_lists() {
    let data = built(
        "kind,n\na,1\nb,2\na,3\n",
        "plain.csv",
        &[ColumnKind::Category, ColumnKind::Number],
    );
    assert_eq!(data.commune_field(), None);
    assert_eq!(data.fields.len(), 2);
    let mut asked = request();
    asked.filters = vec![("kind".into(), vec!["a".into()])];
    let view = data.view(&asked);
    assert_eq!((view.count, view.map.len(), view.rows.len()), (2, 0, 2));
}

#[test]
fn a_cell_naming_several_communes_counts_for_each_of_them() {
    let reference = reference();
    let matcher = CommuneMatcher::new(&reference);
    assert_eq!(
        matcher.resolve("Liège|Ans"),
        crate::import::profile::CommuneMatch::Found(vec!["62063".into(), "62003".into()])
    );
    assert_eq!(
        matcher.resolve("Namur, 92003 ,"),
        crate::import::profile::CommuneMatch::Found(vec!["92094".into(), "92003".into()])
    );
    assert_eq!(
        matcher.resolve("Liège|Atlantis"),
        crate::import::profile::CommuneMatch::Unknown
    );
    let data = built(
        "Communes,Thème\n\"Liège|Ans\",Mobilité\nNamur,Énergie\n",
        "x.csv",
        &[ColumnKind::Commune, ColumnKind::Category],
    );
    assert!(
        data.report.warnings.is_empty(),
        "{:?}",
        data.report.warnings
    );
    let view = data.view(&ViewRequest {
        filters: vec![("communes".into(), vec!["62003".into()])],
        ..request()
    });
    assert_eq!(view.count, 1);
    assert_eq!(
        map(&data.view(&request())),
        [("62003", 1.0), ("62063", 1.0), ("92094", 1.0)]
    );
}

#[test]
fn the_province_comes_from_the_first_commune_column_only() {
    let export = "Commune;NIS\nLiège;53053\nLuik;92094\n;92003\n";
    let data = built(
        export,
        "export.csv",
        &[ColumnKind::Commune, ColumnKind::Commune],
    );
    let view = data.view(&request());
    assert_eq!(
        options(&view, "province"),
        [("Province de Liège".into(), 2)]
    );
    let province = data.field("province").unwrap();
    assert_eq!(
        data.table.values(province).len(),
        1,
        "no province without rows"
    );
    assert_eq!(
        options(&view, "nis"),
        [
            ("Andenne".into(), 1),
            ("Mons".into(), 1),
            ("Namur".into(), 1)
        ]
    );
}

#[test]
fn a_mostly_distinct_text_column_is_searched_sorted_and_exported_by_its_folded_text() {
    // Past the engine's sample of 1,024 texts, a column of mostly distinct titles
    // is no longer de-duplicated: some repeat (folded alike), some are blank.
    let words = ["Éclairage", "vélos", "PARKING", "école", "Réseau"];
    let mut file = String::from("Titre;Code\n");
    let mut titles = Vec::new();
    for row in 0..3000usize {
        let title = match row % 7 {
            0 => String::new(),
            1 => format!(" {}  Projet ", words[row % 5].to_uppercase()),
            _ => format!(
                "{} {} n°{}",
                words[row % 5],
                words[row / 5 % 5],
                row * 7919 % 3001
            ),
        };
        file.push_str(&format!("{title};P-{row:05}\n"));
        titles.push(title);
    }
    let data = built(&file, "export.csv", &[ColumnKind::Text, ColumnKind::Text]);
    let folded: Vec<String> = titles.iter().map(|t| crate::text::fold(t)).collect();

    let search = ViewRequest {
        text: "ecl veLo".into(),
        ..request()
    };
    let expected: Vec<usize> = (0..titles.len())
        .filter(|&row| {
            let words: Vec<&str> = folded[row].split(' ').collect();
            words.iter().any(|w| w.starts_with("ecl"))
                && words.iter().any(|w| w.starts_with("velo"))
        })
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(data.matching_rows(&search), expected);
    let code = ViewRequest {
        text: "p-0299".into(),
        ..request()
    };
    assert_eq!(data.matching_rows(&code), (2990..3000).collect::<Vec<_>>());

    for descending in [false, true] {
        let sort = ViewRequest {
            sort: Some(("titre".into(), descending)),
            ..request()
        };
        // By folded title (blank last), ties by row.
        let mut expected: Vec<usize> = (0..titles.len()).collect();
        expected.sort_by(|&a, &b| {
            let key = |row: usize| {
                let text = &folded[row];
                (text.is_empty(), text.clone())
            };
            let (ka, kb) = (key(a), key(b));
            let by_text = if descending && !ka.0 && !kb.0 {
                kb.1.cmp(&ka.1)
            } else {
                ka.cmp(&kb)
            };
            by_text.then(a.cmp(&b))
        });
        assert_eq!(
            data.matching_rows(&sort),
            expected,
            "descending {descending}"
        );
        let view = data.view(&ViewRequest {
            page: 3,
            ..sort.clone()
        });
        let page: Vec<usize> = view.rows.iter().map(|r| r.row).collect();
        assert_eq!(page, expected[60..80]);
        assert_eq!(view.rows[0].values[0], titles[expected[60]]);
        let csv = data.export_rows(&sort, RowsFormat::Csv, "", "");
        let codes: Vec<String> = csv
            .lines()
            .skip(1)
            .map(|line| line.rsplit(',').next().unwrap().to_string())
            .collect();
        let expected_codes: Vec<String> =
            expected.iter().map(|row| format!("P-{row:05}")).collect();
        assert_eq!(codes, expected_codes);
    }
}

#[test]
fn values_past_the_listed_ones_are_counted_in_one_warning() {
    let mut csv = String::from("Commune;Montant\n");
    for _ in 0..1003 {
        csv.push_str("Liège;beaucoup\n");
    }
    let data = built(
        &csv,
        "export.csv",
        &[ColumnKind::Commune, ColumnKind::Number],
    );
    assert_eq!(data.report.rows_kept(), 1003);
    let warnings = &data.report.warnings;
    assert_eq!(warnings.len(), 1001);
    assert_eq!(
        warnings[1000].kind.as_deref(),
        Some(&IssueKind::MoreKeptAsNoValue { count: 3 })
    );
    assert_eq!(warnings[1000].message, "3 more values kept as no value");
}
