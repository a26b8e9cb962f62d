//! Municipalities (`data/municipalities.csv`), or a user's municipality file
//! with other headers (`Code INS`, `NIS code`, `refnis`, `Nom`, `Naam`…).

use super::{is_nis, parse_rows, Columns, Parsed};
use crate::import::{parse_optional_amount, FieldSpec};
use crate::language::LocalizedText;
use crate::municipality::{Municipality, Reference};
use std::collections::HashMap;

const SPECS: &[FieldSpec] = &[
    FieldSpec {
        name: "nis",
        aliases: &[
            "code ins",
            "code nis",
            "nis code",
            "ins code",
            "niscode",
            "refnis",
            "code refnis",
            "refnis code",
            "cd refnis",
            "cd munty refnis",
            "mun nis",
            "nis 2019",
            "refnis 2019",
            "code ins 2019",
        ],
        required: true,
    },
    FieldSpec {
        name: "name_fr",
        aliases: &[
            "nom",
            "nom fr",
            "name",
            "commune",
            "tx descr fr",
            "tx munty descr fr",
        ],
        required: false,
    },
    FieldSpec {
        name: "name_nl",
        aliases: &[
            "naam",
            "naam nl",
            "nom nl",
            "gemeente",
            "tx descr nl",
            "tx munty descr nl",
        ],
        required: false,
    },
    FieldSpec {
        name: "name_de",
        aliases: &["nom de", "gemeinde", "tx descr de", "tx munty descr de"],
        required: false,
    },
    FieldSpec {
        name: "language",
        aliases: &[
            "langue",
            "taal",
            "sprache",
            "language regime",
            "regime linguistique",
        ],
        required: false,
    },
    FieldSpec {
        name: "arrondissement",
        aliases: &[
            "arrondissement nis",
            "arr nis",
            "cd dstr refnis",
            "arrondissement code",
        ],
        required: false,
    },
    FieldSpec {
        name: "province",
        aliases: &[
            "province nis",
            "prov nis",
            "cd prov refnis",
            "provincie",
            "province code",
        ],
        required: false,
    },
    FieldSpec {
        name: "region",
        aliases: &[
            "region nis",
            "reg nis",
            "cd rgn refnis",
            "gewest",
            "region code",
        ],
        required: false,
    },
    FieldSpec {
        name: "population_2020",
        aliases: &[
            "population",
            "pop",
            "inhabitants",
            "habitants",
            "inwoners",
            "bevolking",
            "ms population",
        ],
        required: false,
    },
    FieldSpec {
        name: "nis_2025",
        aliases: &["refnis 2025", "code ins 2025", "nis code 2025"],
        required: false,
    },
];

/// Statbel's language-regime codes.
const LANGUAGES: [&str; 4] = ["F", "N", "D", "FN"];

/// NIS codes of the three regions.
const REGIONS: [&str; 3] = ["02000", "03000", "04000"];

/// Reads and checks municipalities. The columns of `data/municipalities.csv`
/// (`nis,name_fr,name_nl,name_de,language,arrondissement,province,region,population_2020,nis_2025`)
/// or common aliases; `nis` and at least one name column are required.
///
/// Checks: `nis` a unique 5-digit code; a name in French, Dutch or German;
/// when given, `language` one of F, N, D, FN, `arrondissement`, `province`,
/// `nis_2025` 5-digit codes, `region` one of 02000, 03000, 04000, and the
/// population a whole number ≥ 0. An empty optional value stays empty.
pub fn parse_municipalities(bytes: &[u8], file_name: &str) -> Parsed<Municipality> {
    let mut seen: HashMap<String, String> = HashMap::new();
    let expected = Columns {
        specs: SPECS,
        any_of: &["name_fr", "name_nl", "name_de"],
        warn_unused: false,
    };
    parse_rows(bytes, file_name, expected, |row| {
        let nis = row.required("nis");
        if let Some(nis) = nis {
            if !is_nis(nis) {
                row.error("nis", format!("'{nis}' is not a 5-digit NIS code"));
            } else if let Some(first) = seen.get(nis) {
                row.error("nis", format!("duplicate NIS code '{nis}' (first {first})"));
            } else {
                seen.insert(nis.to_owned(), row.place());
            }
        }
        let name = LocalizedText {
            fr: row.optional("name_fr"),
            nl: row.optional("name_nl"),
            de: row.optional("name_de"),
            en: None,
        };
        if name.fr.is_none() && name.nl.is_none() && name.de.is_none() {
            let field = ["name_fr", "name_nl", "name_de"]
                .into_iter()
                .find(|f| row.has(f))
                .unwrap_or("name_fr");
            row.error(field, "no name in French, Dutch or German");
        }
        let language = row.text("language").to_ascii_uppercase();
        if !language.is_empty() && !LANGUAGES.contains(&language.as_str()) {
            row.error(
                "language",
                format!(
                    "unknown language regime '{}'; expected one of {}",
                    row.text("language"),
                    LANGUAGES.join(", ")
                ),
            );
        }
        let mut code = |field: &str| {
            let value = row.optional(field);
            if let Some(text) = value.as_deref().filter(|t| !is_nis(t)) {
                row.error(field, format!("'{text}' is not a 5-digit NIS code"));
            }
            value
        };
        let arrondissement = code("arrondissement");
        let province = code("province");
        let nis_2025 = code("nis_2025");
        let region = row.text("region");
        if !region.is_empty() && !REGIONS.contains(&region) {
            row.error(
                "region",
                format!(
                    "unknown region '{region}'; expected one of {}",
                    REGIONS.join(", ")
                ),
            );
        }
        let population_text = row.text("population_2020");
        let population = match parse_optional_amount(population_text) {
            Ok(None) => None,
            Ok(Some(value))
                if value.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&value) =>
            {
                Some(value as u32)
            }
            _ => {
                row.error(
                    "population_2020",
                    format!("'{population_text}' is not a population (a whole number ≥ 0)"),
                );
                None
            }
        };
        Some(Municipality {
            nis: nis?.to_owned(),
            name,
            language,
            arrondissement: arrondissement.unwrap_or_default(),
            province,
            region: region.to_owned(),
            population,
            nis_2025,
        })
    })
}

/// A reference holding `municipalities` only (no regions nor provinces): what
/// [`super::resolve_project_municipalities`] and [`super::check_boundaries`] need.
pub fn reference_of(municipalities: Vec<Municipality>) -> Reference {
    Reference {
        regions: Vec::new(),
        provinces: Vec::new(),
        municipalities,
    }
}
