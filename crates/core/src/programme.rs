//! The Smart Région programme as its own documents tell it: where each part of
//! the programme page's story comes from ([`STRATEGY_SOURCE`],
//! [`ELEMENTS_SOURCE`]), the figures of the 2019 call as the Agence du
//! Numérique's presentation states them ([`CALL_2019`], each with the words it
//! comes from), and the timeline of the programme ([`TIMELINE`], resolved
//! against the calls dataset by [`timeline`]).
//!
//! Sources are URLs or seed-document file names (`data/documents.csv`); the
//! page shows a document by its title and publisher, never by its file name.
//! The tests check every figure against the quote it comes from and against
//! `data/calls.csv`, which cites the same presentation.

use crate::charts::groups::{pick, Words};
use crate::charts::Section;
use crate::datasets::calls::{Call, CallId};
use crate::language::Language;

/// "From Smart City to Smart Region: An innovative model of strategic
/// governance", Agence du Numérique / Digital Wallonia, 2019.
pub const PRESENTATION_2019: &str = "001_dce174e5566d538f.txt";

/// Where the three strategic axes and the two pillars come from: "The Smart
/// Région strategy of Wallonia", Digital Wallonia, 2018.
pub const STRATEGY_SOURCE: &str = "003_839194c2d8acbea5.txt";

/// Where the four elements and the three cross-cutting themes come from.
pub const ELEMENTS_SOURCE: &str = PRESENTATION_2019;

/// One figure as a document states it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Figure {
    /// Stable identifier.
    pub id: &'static str,
    /// The value, as stated (euros for amounts).
    pub value: f64,
    /// The words of the document it comes from (list items joined by spaces).
    pub quote: &'static str,
    /// The document (file name) or web page (URL) it comes from.
    pub source: &'static str,
}

const fn stated(id: &'static str, value: f64, quote: &'static str) -> Figure {
    Figure {
        id,
        value,
        quote,
        source: PRESENTATION_2019,
    }
}

const VALID: &str = "88 valid bidding projects (9 projects submitted by 6 intermunicipalities of economic development; 5 projects submitted by associated municipalities).";
const MUNICIPALITIES: &str = "100 bidding municipalities but in fact 188 municipalities impacted by the call for projects (out of 262 Walloon municipalities).";
const SMALL: &str = "35 small projects (less than or equal to 60,000 euros; value of € 1,415,690; requested subsidy 803.642 euros, plus 94.083 euros for external support), whose: 10 smart energy (29%), 5 smart mobility (14%) and 20 e-governance & citizen participation (57%).";
const LARGE: &str = "53 large projects (value of 14,767,752 euros; requested subsidy 6,673,152 euros, plus 678,574 euros for external support): 15 smart energy (28%), 16 smart mobility (30%) and 22 e-governance & citizen participation (42%)";
const AVAILABLE: &str =
    "But only 4 million euros are available and there'll be about 40 winning projects.";

/// The 2019 call as the Agence du Numérique's 2019 presentation reports it
/// ("A call for smart territory projects launched in 01/2019"). The split by
/// theme of the 88 projects does not add up to 88 (see [`themes_total`]); both
/// it and the split per envelope are kept as stated.
pub const CALL_2019: &[Figure] = &[
    stated("valid-projects", 88.0, VALID),
    stated("intercommunale-projects", 9.0, VALID),
    stated("intercommunales", 6.0, VALID),
    stated("associated-municipality-projects", 5.0, VALID),
    stated("bidding-municipalities", 100.0, MUNICIPALITIES),
    stated("concerned-municipalities", 188.0, MUNICIPALITIES),
    stated("walloon-municipalities", 262.0, MUNICIPALITIES),
    stated(
        "energy",
        23.0,
        "23 projects in smart energy and environment (ie 28%)",
    ),
    stated("mobility", 21.0, "21 projects in smart mobility (ie 24%)"),
    stated(
        "governance",
        42.0,
        "42 projects in smart governance and citizenship – citizen participation (ie 48% of projects).",
    ),
    stated("energy-percent", 28.0, "23 projects in smart energy and environment (ie 28%)"),
    stated("small-projects", 35.0, SMALL),
    stated("small-ceiling", 60_000.0, SMALL),
    stated("small-value", 1_415_690.0, SMALL),
    stated("small-subsidy", 803_642.0, SMALL),
    stated("small-support", 94_083.0, SMALL),
    stated("small-energy", 10.0, SMALL),
    stated("small-mobility", 5.0, SMALL),
    stated("small-governance", 20.0, SMALL),
    stated("large-projects", 53.0, LARGE),
    stated("large-value", 14_767_752.0, LARGE),
    stated("large-subsidy", 6_673_152.0, LARGE),
    stated("large-support", 678_574.0, LARGE),
    stated("large-energy", 15.0, LARGE),
    stated("large-mobility", 16.0, LARGE),
    stated("large-governance", 22.0, LARGE),
    stated("available-eur", 4_000_000.0, AVAILABLE),
    stated("expected-laureates", 40.0, AVAILABLE),
    stated(
        "jury-criteria",
        50.0,
        "A jury has analyzed the 50 criteria for each of the files.",
    ),
];

/// The figure `id` of [`CALL_2019`].
///
/// # Panics
/// On an unknown id: ids are constants of this crate, pinned by the tests.
pub fn figure(id: &str) -> Figure {
    *CALL_2019
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no figure {id}"))
}

/// The sum of the split by theme as published (23 + 21 + 42), which the page
/// shows beside the 88 valid projects because they differ.
pub fn themes_total() -> f64 {
    ["energy", "mobility", "governance"]
        .iter()
        .map(|id| figure(id).value)
        .sum()
}

/// The anchor of a call's section on the programme page: `call-2019`, `call-2023`
/// (one section per call year, its phases together).
pub fn call_anchor(call_year: u16) -> String {
    format!("call-{call_year}")
}

/// Which date of a call an event is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallDate {
    /// When applications opened.
    ApplicationsOpen,
    /// When the results were first reported.
    ResultsFirstReported,
    /// The government's decision.
    GovernmentDecision,
}

/// When an event happened, and who says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// A date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) and its sources.
    Date(&'static str, &'static [&'static str]),
    /// A date of a call of the calls dataset (by its key, `2019`,
    /// `2023-phase1`), cited with that call's sources.
    Call(&'static str, CallDate),
}

/// What the app shows about an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The call's projects in the explorer (`/?call=<key>`).
    Call(&'static str),
    /// A section of the barometer page.
    Barometer(Section),
    /// A section of the programme page (its anchor).
    Programme(&'static str),
}

impl Target {
    /// The app path (with its query) and the fragment, if any, e.g.
    /// (`/?call=2019`, `None`), (`/barometer`, `Some("barometer-section-covid")`).
    pub fn route(self) -> (String, Option<String>) {
        match self {
            Target::Call(key) => (format!("/?call={key}"), None),
            Target::Barometer(section) => (
                "/barometer".to_string(),
                Some(format!("barometer-section-{}", section.id())),
            ),
            Target::Programme(anchor) => ("/programme".to_string(), Some(anchor.to_string())),
        }
    }
}

/// One event of the programme's history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Event {
    /// Slug, unique (the test hook is `programme-event-<year>-<slug>`).
    pub slug: &'static str,
    /// When, and the sources.
    pub when: When,
    /// What happened, in French, Dutch, German and English.
    pub title: Words,
    /// What the app shows about it.
    pub target: Target,
}

const COVID_STUDY: &str = "https://www.smart-city.uliege.be/cms/c_5206316/en/covid-19-what-impact-on-our-municipalities-study";
const CSTD_CONTRIBUTION: &str = "000_2f2758551219ca16.txt";
const BAROMETER_2017: &str = "004_620fd07de4ef30d3.txt";
const BAROMETER_2017_PAGE: &str = "https://www.smart-city.uliege.be/cms/c_5688876/fr/barometre-belge-des-smart-cities-un-1er-etat-des-lieux-statistique";
const BAROMETER_2018_PAGE: &str = "https://www.smart-city.uliege.be/cms/c_5684165/en/smart-cities-in-wallonia-what-s-the-trend-in-2018";
const BAROMETER_2021: &str = "002_b403ed2a0cb7adf7.txt";

/// The programme's history, in date order (the tests check the order).
pub const TIMELINE: &[Event] = &[
    Event {
        slug: "belgian-barometer",
        when: When::Date("2017", &[BAROMETER_2017, BAROMETER_2017_PAGE]),
        title: [
            "Premier baromètre belge des Smart Cities (Smart City Institute, 589 communes interrogées)",
            "Eerste Belgische Smart Cities-barometer (Smart City Institute, 589 gemeenten bevraagd)",
            "Erstes belgisches Smart-Cities-Barometer (Smart City Institute, 589 Gemeinden befragt)",
            "First Belgian Smart Cities barometer (Smart City Institute, 589 municipalities surveyed)",
        ],
        target: Target::Barometer(Section::Perception),
    },
    Event {
        slug: "strategy",
        when: When::Date("2018", &[STRATEGY_SOURCE]),
        title: [
            "La stratégie Smart Région : trois axes stratégiques et deux piliers",
            "De Smart Région-strategie: drie strategische assen en twee pijlers",
            "Die Smart-Région-Strategie: drei strategische Achsen und zwei Säulen",
            "The Smart Région strategy: three strategic axes and two pillars",
        ],
        target: Target::Programme("strategy"),
    },
    Event {
        slug: "walloon-barometer",
        when: When::Date("2018", &[BAROMETER_2018_PAGE]),
        title: [
            "Baromètre wallon Smart Cities 2018 (Smart City Institute)",
            "Waalse Smart Cities-barometer 2018 (Smart City Institute)",
            "Wallonisches Smart-Cities-Barometer 2018 (Smart City Institute)",
            "Walloon Smart Cities barometer 2018 (Smart City Institute)",
        ],
        target: Target::Barometer(Section::Progress),
    },
    Event {
        slug: "call-launch",
        when: When::Call("2019", CallDate::ApplicationsOpen),
        title: [
            "Lancement de l'appel à projets « Territoire intelligent »",
            "Start van de projectoproep « Territoire intelligent » (slim grondgebied)",
            "Start des Projektaufrufs « Territoire intelligent » (intelligentes Gebiet)",
            "Launch of the « Territoire intelligent » (smart territory) call for projects",
        ],
        target: Target::Programme("call-2019"),
    },
    Event {
        slug: "call-laureates",
        when: When::Call("2019", CallDate::ResultsFirstReported),
        title: [
            "Les lauréats de l'appel 2019 sont annoncés",
            "De laureaten van de oproep 2019 worden bekendgemaakt",
            "Die Preisträger des Aufrufs 2019 werden bekanntgegeben",
            "The laureates of the 2019 call are announced",
        ],
        target: Target::Call("2019"),
    },
    Event {
        slug: "covid-study",
        when: When::Date("2020", &[COVID_STUDY, CSTD_CONTRIBUTION]),
        title: [
            "Étude du Smart City Institute sur l'impact du Covid-19 dans les communes wallonnes",
            "Studie van het Smart City Institute over de impact van covid-19 op de Waalse gemeenten",
            "Studie des Smart City Institute zu den Folgen von Covid-19 für die wallonischen Gemeinden",
            "Smart City Institute study of the impact of Covid-19 on Walloon municipalities",
        ],
        target: Target::Barometer(Section::Covid),
    },
    Event {
        slug: "walloon-barometer",
        when: When::Date("2021", &[BAROMETER_2021]),
        title: [
            "Baromètre wallon 2021 Smart City & Smart Région (Smart City Institute)",
            "Waalse barometer 2021 Smart City & Smart Région (Smart City Institute)",
            "Wallonisches Barometer 2021 Smart City & Smart Région (Smart City Institute)",
            "Walloon barometer 2021 Smart City & Smart Région (Smart City Institute)",
        ],
        target: Target::Barometer(Section::SmartRegion),
    },
    Event {
        slug: "call-phase1",
        when: When::Call("2023-phase1", CallDate::GovernmentDecision),
        title: [
            "Deuxième appel (2023), phase 1 : décision du gouvernement sur les premiers lauréats",
            "Tweede oproep (2023), fase 1: beslissing van de regering over de eerste laureaten",
            "Zweiter Aufruf (2023), Phase 1: Entscheidung der Regierung über die ersten Preisträger",
            "Second call (2023), phase 1: the government's decision on the first laureates",
        ],
        target: Target::Call("2023-phase1"),
    },
    Event {
        slug: "call-phase2",
        when: When::Call("2023-phase2", CallDate::GovernmentDecision),
        title: [
            "Deuxième appel (2023), phase 2 : décision sur des lauréats supplémentaires",
            "Tweede oproep (2023), fase 2: beslissing over bijkomende laureaten",
            "Zweiter Aufruf (2023), Phase 2: Entscheidung über weitere Preisträger",
            "Second call (2023), phase 2: decision on further laureates",
        ],
        target: Target::Call("2023-phase2"),
    },
];

/// An event with its date and sources resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineEntry {
    /// `<year>-<slug>` (the test hook is `programme-event-<id>`).
    pub id: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: String,
    /// What happened, in the page's language.
    pub title: &'static str,
    /// URLs and seed-document file names.
    pub sources: Vec<String>,
    /// What the app shows about it.
    pub target: Target,
}

/// The [`TIMELINE`] with the dates and sources of its calls taken from `calls`;
/// an event whose call or date `calls` lacks is left out.
pub fn timeline(calls: &[Call], language: Language) -> Vec<TimelineEntry> {
    TIMELINE
        .iter()
        .filter_map(|event| {
            let (date, sources) = match event.when {
                When::Date(date, sources) => (
                    date.to_string(),
                    sources.iter().map(|s| s.to_string()).collect(),
                ),
                When::Call(key, which) => {
                    let call = calls.iter().find(|c| CallId::of(c).to_string() == key)?;
                    let date = match which {
                        CallDate::ApplicationsOpen => &call.applications_open,
                        CallDate::ResultsFirstReported => &call.results_first_reported,
                        CallDate::GovernmentDecision => &call.government_decision,
                    };
                    (date.clone()?, call.sources.clone())
                }
            };
            Some(TimelineEntry {
                id: format!("{}-{}", date.get(..4)?, event.slug),
                date,
                title: pick(&event.title, language),
                sources,
                target: event.target,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::datasets::calls::parse_calls;
    use crate::datasets::documents::{document_names, parse_documents};
    use std::collections::HashSet;

    fn documents() -> Vec<String> {
        document_names(&parse_documents(
            include_bytes!("../../../data/documents.csv"),
            "documents.csv",
        ))
    }

    fn calls() -> Vec<Call> {
        parse_calls(
            include_bytes!("../../../data/calls.csv"),
            "calls.csv",
            &documents(),
        )
        .into_values()
    }

    /// `value` as the documents write it: "1,415,690", "803.642", "60,000", "4 million", "88".
    fn written(value: f64) -> Vec<String> {
        let plain = format!("{value}");
        let grouped = |sep: char| {
            let mut out = String::new();
            for (i, digit) in plain.chars().enumerate() {
                if i > 0 && (plain.len() - i) % 3 == 0 {
                    out.push(sep);
                }
                out.push(digit);
            }
            out
        };
        let mut forms = vec![plain.clone(), grouped(','), grouped('.')];
        if value >= 1e6 && value % 1e6 == 0.0 {
            forms.push(format!("{} million", value / 1e6));
        }
        forms
    }

    #[test]
    fn every_figure_is_in_its_quote() {
        let ids: HashSet<&str> = CALL_2019.iter().map(|f| f.id).collect();
        assert_eq!(ids.len(), CALL_2019.len(), "ids are unique");
        for f in CALL_2019 {
            assert!(
                written(f.value).iter().any(|w| {
                    f.quote.match_indices(w.as_str()).any(|(i, _)| {
                        // Not part of a longer number.
                        let before = f.quote[..i].chars().next_back();
                        let after = f.quote[i + w.len()..].chars().next();
                        !before.is_some_and(|c| c.is_ascii_digit() || c == ',' || c == '.')
                            && !after.is_some_and(|c| c.is_ascii_digit())
                    })
                }),
                "{} = {} is not in its quote",
                f.id,
                f.value
            );
            assert!(documents().contains(&f.source.to_string()), "{}", f.id);
        }
    }

    #[test]
    fn the_figures_agree_with_the_calls_dataset() {
        let calls = calls();
        let call = calls.iter().find(|c| c.call_year == 2019).expect("2019");
        assert!(call.sources.iter().any(|s| s == PRESENTATION_2019));
        assert_eq!(
            call.submitted.map(f64::from),
            Some(figure("valid-projects").value)
        );
        assert_eq!(call.call_envelope_eur, Some(figure("available-eur").value));
        let themes: Vec<f64> = call
            .submitted_by_theme
            .iter()
            .map(|t| f64::from(t.count))
            .collect();
        assert_eq!(themes, [23.0, 21.0, 42.0]);
        assert_eq!(
            call.submitted_by_theme[0].percent,
            Some(figure("energy-percent").value)
        );
        assert_eq!(call.submitted_small.as_deref(), Some("35"));
        assert_eq!(call.submitted_large.as_deref(), Some("53"));
        let small = call.small_envelope_details.as_deref().unwrap_or_default();
        for text in [
            "<= 60000",
            "1415690",
            "803642",
            "94083",
            "energy 10",
            "mobility 5",
            "participation 20",
        ] {
            assert!(small.contains(text), "{text}");
        }
        let large = call.large_envelope_details.as_deref().unwrap_or_default();
        for text in [
            "14767752",
            "6673152",
            "678574",
            "energy 15",
            "mobility 16",
            "participation 22",
        ] {
            assert!(large.contains(text), "{text}");
        }
        let applicants = call.applicants_details.as_deref().unwrap_or_default();
        for text in [
            "88 valid bids",
            "9 projects submitted by 6 intercommunales",
            "5 projects submitted by associated",
            "100 bidding",
            "188 municipalities impacted out of 262",
        ] {
            assert!(applicants.contains(text), "{text}");
        }
        assert!(call
            .selection_details
            .as_deref()
            .unwrap_or_default()
            .contains("50 criteria"));
        // The contradiction the page shows, as the dataset notes it.
        assert_eq!(themes_total(), 86.0);
        assert!(call
            .notes
            .as_deref()
            .unwrap_or_default()
            .contains("23+21+42=86"));
        let envelopes = figure("small-projects").value + figure("large-projects").value;
        assert_eq!(envelopes, figure("valid-projects").value);
    }

    #[test]
    fn the_timeline_resolves_against_the_shipped_calls_in_date_order() {
        let entries = timeline(&calls(), Language::En);
        assert_eq!(entries.len(), TIMELINE.len(), "every event resolves");
        let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "2017-belgian-barometer",
                "2018-strategy",
                "2018-walloon-barometer",
                "2019-call-launch",
                "2019-call-laureates",
                "2020-covid-study",
                "2021-walloon-barometer",
                "2023-call-phase1",
                "2024-call-phase2"
            ]
        );
        let dates: Vec<&str> = entries.iter().map(|e| e.date.as_str()).collect();
        let mut sorted = dates.clone();
        sorted.sort();
        assert_eq!(dates, sorted);
        assert_eq!(dates[3], "2019-01-15");
        assert_eq!(dates[4], "2019-05-31");
        assert_eq!(dates[7], "2023-12-07");
        assert_eq!(dates[8], "2024-03-14");
        let documents = documents();
        for entry in &entries {
            assert!(!entry.sources.is_empty(), "{}", entry.id);
            for source in &entry.sources {
                assert!(
                    crate::text::is_web_link(source) || documents.contains(source),
                    "{}: {source}",
                    entry.id
                );
            }
        }
        assert_eq!(entries[4].target.route(), ("/?call=2019".to_string(), None));
        assert_eq!(
            entries[5].target.route(),
            (
                "/barometer".to_string(),
                Some("barometer-section-covid".to_string())
            )
        );
        // Without the calls, only the dated events remain.
        assert_eq!(timeline(&[], Language::Fr).len(), 5);
    }
}
