//! The charts of the programme page: the 2019 call as the Agence du
//! Numérique's presentation reports it ([`crate::programme::CALL_2019`]), each
//! chart citing that presentation by title and publisher.
//!
//! The split by theme is shown three ways side by side — the published split
//! of all valid projects and the splits of the two envelopes — because they do
//! not agree (23 energy projects in all, but 10 + 15 in the envelopes); the
//! page says so under the chart.

use super::groups::{pick, Words};
use super::prepare::{series_colors, source_links};
use super::{Category, Chart, ChartKind, Series, SourceLink};
use crate::datasets::documents::Document;
use crate::datasets::indicators::Unit;
use crate::language::Language;
use crate::programme::{figure, PRESENTATION_2019};

/// How the page names a seed document: "title — publisher, date".
pub fn document_label(document: &Document) -> String {
    let mut label = document.title.clone();
    if let Some(publisher) = &document.publisher {
        label.push_str(" — ");
        label.push_str(publisher);
    }
    if let Some(date) = &document.date {
        label.push_str(", ");
        label.push_str(date);
    }
    label
}

/// `sources` (URLs, seed-document file names) as the page cites them: a
/// document by [`document_label`], a web page by its host name.
pub fn cite<'a>(sources: impl Iterator<Item = &'a str>, documents: &[Document]) -> Vec<SourceLink> {
    source_links(sources, |file| {
        documents
            .iter()
            .find(|d| d.file == file)
            .map(document_label)
    })
}

/// A category: its figure id and its label in the four languages.
type Row = (&'static str, Words);

/// A chart of single figures of the 2019 presentation.
struct Spec {
    id: &'static str,
    kind: ChartKind,
    title: Words,
    population: Words,
    rows: &'static [Row],
}

const APPLICANTS: Spec = Spec {
    id: "programme-2019-applicants",
    kind: ChartKind::Bars,
    title: [
        "Les projets valides de l'appel 2019 et leurs porteurs",
        "De geldige projecten van de oproep 2019 en hun indieners",
        "Die gültigen Projekte des Aufrufs 2019 und ihre Träger",
        "The valid projects of the 2019 call and who submitted them",
    ],
    population: [
        "Projets et intercommunales, tels que publiés",
        "Projecten en intercommunales, zoals gepubliceerd",
        "Projekte und Interkommunalen, wie veröffentlicht",
        "Projects and intermunicipal companies, as published",
    ],
    rows: &[
        (
            "valid-projects",
            [
                "Projets valides",
                "Geldige projecten",
                "Gültige Projekte",
                "Valid projects",
            ],
        ),
        (
            "intercommunale-projects",
            [
                "Projets déposés par des intercommunales de développement économique",
                "Projecten ingediend door intercommunales voor economische ontwikkeling",
                "Von Interkommunalen für Wirtschaftsentwicklung eingereichte Projekte",
                "Projects submitted by intermunicipal economic development companies",
            ],
        ),
        (
            "intercommunales",
            [
                "Intercommunales qui les ont déposés",
                "Intercommunales die ze indienden",
                "Interkommunalen, die sie eingereicht haben",
                "Intermunicipal companies that submitted them",
            ],
        ),
        (
            "associated-municipality-projects",
            [
                "Projets déposés par des communes associées",
                "Projecten ingediend door samenwerkende gemeenten",
                "Von verbundenen Gemeinden eingereichte Projekte",
                "Projects submitted by associated municipalities",
            ],
        ),
    ],
};

const MUNICIPALITIES: Spec = Spec {
    id: "programme-2019-municipalities",
    kind: ChartKind::Bars,
    title: [
        "Les communes et l'appel 2019",
        "De gemeenten en de oproep 2019",
        "Die Gemeinden und der Aufruf 2019",
        "The municipalities and the 2019 call",
    ],
    population: [
        "Communes wallonnes",
        "Waalse gemeenten",
        "Wallonische Gemeinden",
        "Walloon municipalities",
    ],
    rows: &[
        (
            "bidding-municipalities",
            [
                "Communes candidates",
                "Kandidaat-gemeenten",
                "Bewerbende Gemeinden",
                "Bidding municipalities",
            ],
        ),
        (
            "concerned-municipalities",
            [
                "Communes concernées par l'appel",
                "Gemeenten betrokken bij de oproep",
                "Vom Aufruf betroffene Gemeinden",
                "Municipalities concerned by the call",
            ],
        ),
        (
            "walloon-municipalities",
            [
                "Communes wallonnes",
                "Waalse gemeenten",
                "Wallonische Gemeinden",
                "Walloon municipalities",
            ],
        ),
    ],
};

const ENVELOPES: Spec = Spec {
    id: "programme-2019-envelopes",
    kind: ChartKind::Bars,
    title: [
        "Les projets valides par enveloppe budgétaire (2019)",
        "De geldige projecten per budgettaire enveloppe (2019)",
        "Die gültigen Projekte nach Budgetrahmen (2019)",
        "The valid projects by budget envelope (2019)",
    ],
    population: [
        "Projets valides de l'appel 2019",
        "Geldige projecten van de oproep 2019",
        "Gültige Projekte des Aufrufs 2019",
        "Valid projects of the 2019 call",
    ],
    rows: &[
        (
            "small-projects",
            [
                "Petits projets (60 000 € au plus)",
                "Kleine projecten (hoogstens 60.000 €)",
                "Kleine Projekte (höchstens 60.000 €)",
                "Small projects (€60,000 or less)",
            ],
        ),
        (
            "large-projects",
            [
                "Grands projets",
                "Grote projecten",
                "Große Projekte",
                "Large projects",
            ],
        ),
    ],
};

const SELECTION: Spec = Spec {
    id: "programme-2019-selection",
    kind: ChartKind::Figures,
    title: [
        "Le budget et la sélection (2019)",
        "Het budget en de selectie (2019)",
        "Das Budget und die Auswahl (2019)",
        "The budget and the selection (2019)",
    ],
    population: [
        "Tels qu'annoncés avant la sélection",
        "Zoals aangekondigd vóór de selectie",
        "Wie vor der Auswahl angekündigt",
        "As announced before the selection",
    ],
    rows: &[
        (
            "available-eur",
            [
                "euros disponibles (« 4 millions »)",
                "euro beschikbaar (« 4 miljoen »)",
                "Euro verfügbar (« 4 Millionen »)",
                "euros available (“4 million”)",
            ],
        ),
        (
            "expected-laureates",
            [
                "lauréats prévus (« environ 40 »)",
                "verwachte laureaten (« ongeveer 40 »)",
                "erwartete Preisträger (« etwa 40 »)",
                "winning projects expected (“about 40”)",
            ],
        ),
        (
            "jury-criteria",
            [
                "critères analysés par le jury pour chaque dossier",
                "criteria die de jury voor elk dossier onderzocht",
                "Kriterien, die die Jury für jedes Dossier geprüft hat",
                "criteria the jury analysed for each file",
            ],
        ),
    ],
};

/// The three themes of the call: key and label.
const THEMES: [Row; 3] = [
    (
        "energy",
        [
            "Énergie et environnement",
            "Energie en milieu",
            "Energie und Umwelt",
            "Energy and environment",
        ],
    ),
    (
        "mobility",
        ["Mobilité", "Mobiliteit", "Mobilität", "Mobility"],
    ),
    (
        "governance",
        [
            "Gouvernance et participation citoyenne",
            "Bestuur en burgerparticipatie",
            "Governance und Bürgerbeteiligung",
            "Governance and citizen participation",
        ],
    ),
];

/// The chart a series of per-theme or per-envelope figures makes.
struct Grouped {
    id: &'static str,
    title: Words,
    population: Words,
    /// Series: key and label.
    series: &'static [Row],
    /// Categories: key and label.
    categories: &'static [Row],
    /// The figure id of a series and a category.
    figure_id: fn(&str, &str) -> String,
}

/// The small-project envelope (≤ 60,000 €), a series or a category.
const SMALL: Row = (
    "small",
    [
        "Petits projets",
        "Kleine projecten",
        "Kleine Projekte",
        "Small projects",
    ],
);

/// The large-project envelope.
const LARGE: Row = (
    "large",
    [
        "Grands projets",
        "Grote projecten",
        "Große Projekte",
        "Large projects",
    ],
);

const THEMES_CHART: Grouped = Grouped {
    id: "programme-2019-themes",
    title: [
        "Les projets valides par thème (2019), trois répartitions publiées",
        "De geldige projecten per thema (2019), drie gepubliceerde verdelingen",
        "Die gültigen Projekte nach Thema (2019), drei veröffentlichte Aufteilungen",
        "The valid projects by theme (2019), three published splits",
    ],
    population: [
        "Projets valides de l'appel 2019",
        "Geldige projecten van de oproep 2019",
        "Gültige Projekte des Aufrufs 2019",
        "Valid projects of the 2019 call",
    ],
    series: &[
        (
            "all",
            [
                "Tous les projets valides",
                "Alle geldige projecten",
                "Alle gültigen Projekte",
                "All valid projects",
            ],
        ),
        SMALL,
        LARGE,
    ],
    categories: &THEMES,
    // `energy` (all projects), `small-energy`.
    figure_id: |series, theme| match series {
        "all" => theme.to_string(),
        _ => format!("{series}-{theme}"),
    },
};

const AMOUNTS_CHART: Grouped = Grouped {
    id: "programme-2019-amounts",
    title: [
        "Valeur des projets et subside demandé, par enveloppe (2019)",
        "Waarde van de projecten en gevraagde subsidie, per enveloppe (2019)",
        "Wert der Projekte und beantragter Zuschuss, nach Budgetrahmen (2019)",
        "Value of the projects and subsidy requested, by envelope (2019)",
    ],
    population: [
        "Montants en euros",
        "Bedragen in euro",
        "Beträge in Euro",
        "Amounts in euros",
    ],
    series: &[
        (
            "value",
            [
                "Valeur des projets",
                "Waarde van de projecten",
                "Wert der Projekte",
                "Value of the projects",
            ],
        ),
        (
            "subsidy",
            [
                "Subside demandé",
                "Gevraagde subsidie",
                "Beantragter Zuschuss",
                "Subsidy requested",
            ],
        ),
        (
            "support",
            [
                "Plus : accompagnement externe demandé",
                "Plus: gevraagde externe begeleiding",
                "Dazu: beantragte externe Begleitung",
                "Plus: external support requested",
            ],
        ),
    ],
    categories: &[SMALL, LARGE],
    // `small-value`.
    figure_id: |measure, envelope| format!("{envelope}-{measure}"),
};

/// A chart with no category or series yet, citing the 2019 presentation.
fn empty(
    id: &str,
    kind: ChartKind,
    title: &Words,
    population: &Words,
    documents: &[Document],
    language: Language,
) -> Chart {
    Chart {
        id: id.to_string(),
        section: None,
        file_stem: format!("smart-region-{id}"),
        kind,
        title: pick(title, language).to_string(),
        unit: (kind == ChartKind::Bars).then_some(Unit::Count),
        population: Some(pick(population, language).to_string()),
        surveys: Vec::new(),
        series: Vec::new(),
        categories: Vec::new(),
        sources: cite(std::iter::once(PRESENTATION_2019), documents),
        note: None,
        rows: Vec::new(),
        language,
    }
}

fn single(spec: &Spec, documents: &[Document], language: Language) -> Chart {
    let mut chart = empty(
        spec.id,
        spec.kind,
        &spec.title,
        &spec.population,
        documents,
        language,
    );
    if spec.kind == ChartKind::Bars {
        chart.series = vec![Series {
            key: "value".to_string(),
            label: pick(&spec.title, language).to_string(),
            color: series_colors(1)[0],
        }];
    }
    chart.categories = spec
        .rows
        .iter()
        .map(|(id, label)| Category {
            key: id.to_string(),
            label: pick(label, language).to_string(),
            unit: Unit::Count,
            values: vec![Some(figure(id).value)],
            detail: None,
        })
        .collect();
    chart
}

fn grouped(spec: &Grouped, documents: &[Document], language: Language) -> Chart {
    let mut chart = empty(
        spec.id,
        ChartKind::Bars,
        &spec.title,
        &spec.population,
        documents,
        language,
    );
    let colors = series_colors(spec.series.len());
    chart.series = spec
        .series
        .iter()
        .zip(colors)
        .map(|((key, label), color)| Series {
            key: key.to_string(),
            label: pick(label, language).to_string(),
            color,
        })
        .collect();
    chart.categories = spec
        .categories
        .iter()
        .map(|(category, label)| Category {
            key: category.to_string(),
            label: pick(label, language).to_string(),
            unit: Unit::Count,
            values: spec
                .series
                .iter()
                .map(|(series, _)| Some(figure(&(spec.figure_id)(series, category)).value))
                .collect(),
            detail: None,
        })
        .collect();
    chart
}

/// The charts of the 2019 call, in page order: ids `programme-2019-applicants`,
/// `programme-2019-municipalities`, `programme-2019-themes`,
/// `programme-2019-envelopes`, `programme-2019-amounts`,
/// `programme-2019-selection`. `documents` names the presentation they cite.
pub fn programme_charts(documents: &[Document], language: Language) -> Vec<Chart> {
    vec![
        single(&APPLICANTS, documents, language),
        single(&MUNICIPALITIES, documents, language),
        grouped(&THEMES_CHART, documents, language),
        single(&ENVELOPES, documents, language),
        grouped(&AMOUNTS_CHART, documents, language),
        single(&SELECTION, documents, language),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{chart_csv, table_rows};
    use crate::datasets::documents::parse_documents;

    fn documents() -> Vec<Document> {
        parse_documents(
            include_bytes!("../../../../data/documents.csv"),
            "documents.csv",
        )
        .into_values()
    }

    fn by_id<'a>(charts: &'a [Chart], id: &str) -> &'a Chart {
        charts.iter().find(|c| c.id == id).expect(id)
    }

    #[test]
    fn the_charts_show_the_presentation_figures_and_cite_it() {
        let charts = programme_charts(&documents(), Language::Fr);
        assert_eq!(charts.len(), 6);
        for chart in &charts {
            assert_eq!(
                chart.sources,
                [SourceLink {
                    label: "From Smart City to Smart Region: An innovative model of strategic governance (presentation) — Agence du Numérique / Digital Wallonia, 2019".into(),
                    url: None
                }],
                "{}",
                chart.id
            );
            for category in &chart.categories {
                assert_eq!(category.values.len(), chart.series.len().max(1));
            }
        }
        let themes = by_id(&charts, "programme-2019-themes");
        let cells: Vec<Vec<String>> = table_rows(themes).into_iter().map(|r| r.cells).collect();
        assert_eq!(
            cells,
            [["23", "10", "15"], ["21", "5", "16"], ["42", "20", "22"]]
        );
        let amounts = by_id(&charts, "programme-2019-amounts");
        assert_eq!(
            table_rows(amounts)[1].cells,
            [
                "14\u{202F}767\u{202F}752",
                "6\u{202F}673\u{202F}152",
                "678\u{202F}574"
            ]
        );
        assert_eq!(
            chart_csv(amounts),
            "key,label,value,subsidy,support\r\nsmall,Petits projets,1415690,803642,94083\r\nlarge,Grands projets,14767752,6673152,678574\r\n"
        );
        let municipalities = by_id(&charts, "programme-2019-municipalities");
        assert_eq!(table_rows(municipalities)[1].cells, ["188"]);
        let selection = by_id(&charts, "programme-2019-selection");
        assert_eq!(selection.kind, ChartKind::Figures);
        assert_eq!(selection.unit, None);
        assert_eq!(table_rows(selection)[0].cells, ["4\u{202F}000\u{202F}000"]);
        let envelopes = by_id(&charts, "programme-2019-envelopes");
        assert_eq!(table_rows(envelopes)[0].cells, ["35"]);
        assert_eq!(table_rows(envelopes)[1].cells, ["53"]);
    }

    #[test]
    fn every_language_has_its_words() {
        let fr = programme_charts(&documents(), Language::Fr);
        for language in [Language::Nl, Language::De, Language::En] {
            let other = programme_charts(&documents(), language);
            for (a, b) in fr.iter().zip(&other) {
                assert_ne!(a.title, b.title, "{} {language:?}", a.id);
                assert_eq!(table_rows(a).len(), table_rows(b).len());
            }
        }
        // Without the documents list, a document is cited by its file name.
        let bare = programme_charts(&[], Language::En);
        assert_eq!(bare[0].sources[0].label, PRESENTATION_2019);
    }
}
