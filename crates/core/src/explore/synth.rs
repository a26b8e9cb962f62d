//! Synthetic projects for benchmarks and property tests, generated
//! deterministically from a seed with the shape of `data/projects.csv`:
//! municipalities drawn from the 581 codes with a skew towards populous
//! Walloon ones (5 % of projects without municipality, 7 % with two), five
//! themes (8 % without), three statuses, five calls, three kinds of lead
//! applicant, subsidies between 10 000 and 600 000 € (10 % unknown), short
//! French titles with accents, and lead applicants.

use super::ExplorerState;
use crate::datasets::{parse_municipalities, LeadType, Project, ProjectStatus, Theme, TitleStatus};
use crate::language::LocalizedText;
use crate::municipality::{Province, Reference, WALLONIA};
use rand_core::{Rng, SeedableRng};
use rand_xorshift::XorShiftRng;

/// The project's municipalities and provinces (`data/*.csv`, compiled in).
pub fn reference() -> Reference {
    let municipalities = parse_municipalities(
        include_bytes!("../../../../data/municipalities.csv"),
        "municipalities.csv",
    )
    .into_values();
    let mut provinces = Vec::new();
    let mut reader =
        csv::Reader::from_reader(&include_bytes!("../../../../data/provinces.csv")[..]);
    for record in reader.records().flatten() {
        let field = |i: usize| record.get(i).filter(|s| !s.is_empty()).map(str::to_owned);
        if let (Some(nis), Some(region)) = (field(0), field(5)) {
            provinces.push(Province {
                nis,
                name: LocalizedText {
                    fr: field(1),
                    nl: field(2),
                    de: field(3),
                    en: field(4),
                },
                region,
            });
        }
    }
    Reference {
        regions: Vec::new(),
        provinces,
        municipalities,
    }
}

/// A seeded generator of uniform numbers.
pub(crate) struct Draw(XorShiftRng);

impl Draw {
    /// The generator of `seed`.
    pub(crate) fn new(seed: u64) -> Self {
        Draw(XorShiftRng::seed_from_u64(seed))
    }

    /// Uniform in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        ((self.unit() * n as f64) as usize).min(n.saturating_sub(1))
    }

    /// Whether an event of probability `p` happens.
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// An index drawn with the given cumulative weights.
    fn weighted(&mut self, cumulative: &[f64]) -> usize {
        let total = cumulative.last().copied().unwrap_or(0.0);
        let target = self.unit() * total;
        cumulative
            .partition_point(|&c| c <= target)
            .min(cumulative.len().saturating_sub(1))
    }

    /// One of `items`, uniformly.
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

fn cumulative(weights: &[f64]) -> Vec<f64> {
    weights
        .iter()
        .scan(0.0, |sum, w| {
            *sum += w;
            Some(*sum)
        })
        .collect()
}

const NOUNS: &[&str] = &[
    "Éclairage",
    "Parking",
    "Capteurs",
    "Plateforme",
    "Navette",
    "Réseau",
    "Portail",
    "Application",
    "Jumeau numérique",
    "Tableau de bord",
    "Guichet",
    "Cartographie",
    "Compteurs",
    "Bornes",
    "Wi-Fi",
    "Données",
    "Caméras",
    "Gestion",
    "Système",
    "Télérelève",
    "Mobilité",
    "Participation",
    "Budget participatif",
    "Éco-quartier",
    "Îlots de fraîcheur",
];
const ADJECTIVES: &[&str] = &[
    "intelligent",
    "intelligente",
    "connecté",
    "connectés",
    "numérique",
    "citoyen",
    "citoyenne",
    "durable",
    "ouvertes",
    "partagé",
    "énergétique",
    "urbain",
    "communal",
    "mutualisé",
    "en temps réel",
    "prédictif",
];
const COMPLEMENTS: &[&str] = &[
    "des déchets",
    "de l’eau",
    "du stationnement",
    "des bâtiments publics",
    "de l'éclairage",
    "des parkings",
    "des écoles",
    "touristique",
    "des voiries",
    "de la mobilité douce",
    "des citoyens",
    "d’énergie",
];
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ré", "tu", "zan", "vel", "bri", "nor", "qua", "sé", "fi", "dro", "pè",
];
const INTERCOMMUNALES: &[&str] = &[
    "IDETA", "IGRETEC", "SPI", "inBW", "BEP", "IDELUX", "RESA", "ORES", "IPALLE",
];
/// The calls: year and phase, and their weights.
const CALLS: &[(u16, &str, f64)] = &[
    (2019, "2019", 20.0),
    (2021, "2021", 15.0),
    (2023, "phase1", 25.0),
    (2023, "phase2", 20.0),
    (2025, "phase1", 20.0),
];

/// `rows` synthetic projects drawn with `seed` over the municipalities of
/// `reference`; the same arguments always give the same projects.
pub fn projects(rows: usize, seed: u64, reference: &Reference) -> Vec<Project> {
    let mut draw = Draw::new(seed);
    let municipalities = &reference.municipalities;
    let weights: Vec<f64> = municipalities
        .iter()
        .map(|m| {
            let people = f64::from(m.population.unwrap_or(5_000).max(1_000));
            people * if m.region == WALLONIA { 1.0 } else { 0.02 }
        })
        .collect();
    let municipality_weights = cumulative(&weights);
    let theme_weights = cumulative(&[30.0, 25.0, 20.0, 12.0, 5.0]);
    let status_weights = cumulative(&[70.0, 22.0, 8.0]);
    let call_weights = cumulative(&CALLS.iter().map(|c| c.2).collect::<Vec<_>>());
    let walloon_provinces: Vec<&Province> = reference
        .provinces
        .iter()
        .filter(|p| p.region == WALLONIA)
        .collect();
    let mut projects = Vec::with_capacity(rows);
    for i in 0..rows {
        let places = match draw.unit() {
            u if u < 0.05 => 0,
            u if u < 0.93 => 1,
            _ => 2,
        };
        let mut chosen: Vec<usize> = Vec::with_capacity(places);
        while chosen.len() < places && !municipalities.is_empty() {
            let m = draw.weighted(&municipality_weights);
            if !chosen.contains(&m) {
                chosen.push(m);
            }
        }
        let place_name = chosen
            .first()
            .and_then(|&m| municipalities.get(m))
            .and_then(|m| m.name.fr.clone());
        let (call_year, phase, _) = CALLS[draw.weighted(&call_weights)];
        let theme = if draw.chance(0.08) {
            None
        } else {
            Theme::ALL.get(draw.weighted(&theme_weights)).copied()
        };
        let status = ProjectStatus::ALL
            .get(draw.weighted(&status_weights))
            .copied()
            .unwrap_or(ProjectStatus::Selected);
        let lead_type = if chosen.is_empty() {
            Some(if draw.chance(0.7) {
                LeadType::Intercommunale
            } else {
                LeadType::Province
            })
        } else {
            match draw.unit() {
                u if u < 0.80 => Some(LeadType::Commune),
                u if u < 0.95 => Some(LeadType::Intercommunale),
                u if u < 0.98 => Some(LeadType::Province),
                _ => None,
            }
        };
        let lead_applicant = match lead_type {
            Some(LeadType::Commune) => place_name.as_ref().map(|name| {
                let kind = if draw.chance(0.3) { "Ville" } else { "Commune" };
                format!("{kind} de {name}")
            }),
            Some(LeadType::Intercommunale) => draw.pick(INTERCOMMUNALES).map(|s| (*s).to_owned()),
            Some(LeadType::Province) => draw
                .pick(&walloon_provinces)
                .and_then(|p| p.name.fr.clone()),
            None => None,
        };
        let subsidy_eur = if draw.chance(0.10) {
            None
        } else {
            let amount = 10_000.0 * 60f64.powf(draw.unit());
            Some((amount / 500.0).round() * 500.0)
        };
        let mut title = String::new();
        if let Some(noun) = draw.pick(NOUNS) {
            title.push_str(noun);
        }
        if let Some(adjective) = draw.pick(ADJECTIVES) {
            title.push(' ');
            title.push_str(adjective);
        }
        match draw.unit() {
            u if u < 0.35 => {
                if let Some(complement) = draw.pick(COMPLEMENTS) {
                    title.push(' ');
                    title.push_str(complement);
                }
            }
            u if u < 0.60 => {
                if let Some(name) = &place_name {
                    title.push_str(" à ");
                    title.push_str(name);
                }
            }
            _ => {
                title.push_str(" « ");
                for s in 0..2 + draw.below(2) {
                    let syllable = draw.pick(SYLLABLES).copied().unwrap_or("ka");
                    if s == 0 {
                        title.extend(syllable.chars().flat_map(char::to_uppercase).take(1));
                        title.extend(syllable.chars().skip(1));
                    } else {
                        title.push_str(syllable);
                    }
                }
                title.push_str(" »");
            }
        }
        projects.push(Project {
            id: format!("syn{i}"),
            call_year,
            phase: phase.to_owned(),
            title,
            title_status: TitleStatus::Published,
            lead_applicant,
            lead_type,
            municipality_names: Vec::new(),
            municipalities: chosen
                .iter()
                .filter_map(|&m| municipalities.get(m))
                .map(|m| m.nis.clone())
                .collect(),
            theme,
            status,
            subsidy_eur,
            total_budget_eur: None,
            completed_on: None,
            note: None,
            sources: Vec::new(),
        });
    }
    projects
}

/// The benchmark query: three facets (two themes, one status, two
/// provinces), a subsidy range and a text prefix.
pub fn bench_state() -> ExplorerState {
    let (state, _) = ExplorerState::from_query(
        "theme=energy-environment,mobility-logistics&status=selected&province=60000,90000\
         &subsidy_min=20000&subsidy_max=300000&q=intel",
    );
    state
}
