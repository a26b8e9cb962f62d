//! Barometer and survey figures (`data/indicators.csv`).

use super::{is_slug, not_a_slug, parse_rows, Columns, Parsed};
use crate::import::{parse_optional_amount, FieldSpec};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

keywords! {
    /// The unit of an indicator's value.
    Unit, "unit" {
        /// A percentage, 0 to 100.
        Percent = "percent",
        /// A whole count ≥ 0.
        Count = "count",
        /// A rank, a whole number ≥ 1.
        Rank = "rank",
        /// An average score on a scale of 0 to 10.
        Score0To10 = "score_0_10",
    }
}

impl Unit {
    /// Why `value` is not valid in this unit, if it is not.
    pub fn check(self, value: f64) -> Result<(), &'static str> {
        let whole = value.fract() == 0.0;
        let ok = match self {
            Unit::Percent => (0.0..=100.0).contains(&value),
            Unit::Count => whole && value >= 0.0,
            Unit::Rank => whole && value >= 1.0,
            Unit::Score0To10 => (0.0..=10.0).contains(&value),
        };
        if ok {
            Ok(())
        } else {
            Err(match self {
                Unit::Percent => "a percentage between 0 and 100",
                Unit::Count => "a count (a whole number ≥ 0)",
                Unit::Rank => "a rank (a whole number ≥ 1)",
                Unit::Score0To10 => "a score between 0 and 10",
            })
        }
    }
}

/// One published figure of a survey.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// The survey or document, e.g. "SCI Baromètre wallon Smart City & Smart Région 2021".
    pub survey: String,
    /// Year of the survey.
    pub year: u16,
    /// Population covered: `Belgium`, `Wallonia`, `EU`…
    pub scope: String,
    /// Identifier of the indicator (`indicator_id` in the file), a slug.
    pub id: String,
    /// Label in French.
    pub label_fr: String,
    /// Label in English.
    pub label_en: String,
    /// The part of the population the value is about, e.g. `all`, `rural`.
    pub breakdown: String,
    /// The value, in `unit`.
    pub value: f64,
    /// The unit of the value.
    pub unit: Unit,
    /// URLs and seed-document file names the figure comes from.
    pub sources: Vec<String>,
}

const SPECS: &[FieldSpec] = &[
    FieldSpec {
        name: "survey",
        aliases: &["enquete"],
        required: true,
    },
    FieldSpec {
        name: "year",
        aliases: &["annee"],
        required: true,
    },
    FieldSpec {
        name: "scope",
        aliases: &[],
        required: true,
    },
    FieldSpec {
        name: "indicator_id",
        aliases: &["id"],
        required: true,
    },
    FieldSpec {
        name: "indicator_label_fr",
        aliases: &["label fr"],
        required: true,
    },
    FieldSpec {
        name: "indicator_label_en",
        aliases: &["label en"],
        required: true,
    },
    FieldSpec {
        name: "breakdown",
        aliases: &[],
        required: true,
    },
    FieldSpec {
        name: "value",
        aliases: &["valeur"],
        required: true,
    },
    FieldSpec {
        name: "unit",
        aliases: &["unite"],
        required: true,
    },
    FieldSpec {
        name: "sources",
        aliases: &["source"],
        required: true,
    },
];

/// Reads and checks indicators. `documents` lists the file names a source may
/// cite besides http(s) URLs.
///
/// Checks: every field required; `year` 2015–2030; `indicator_id` a slug, each
/// (indicator, breakdown) once; `breakdown` a slug; `value` a number valid in
/// its `unit` (percent 0–100, count whole ≥ 0, rank whole ≥ 1, score 0–10); at
/// least one valid source.
pub fn parse_indicators(bytes: &[u8], file_name: &str, documents: &[String]) -> Parsed<Indicator> {
    let mut seen: HashMap<(String, String), String> = HashMap::new();
    parse_rows(
        bytes,
        file_name,
        Columns {
            specs: SPECS,
            any_of: &[],
            warn_unused: true,
        },
        |row| {
            let survey = row.required("survey");
            let year = row.year("year");
            let scope = row.required("scope");
            let id = row.required("indicator_id");
            if let Some(id) = id.filter(|id| !is_slug(id)) {
                row.error("indicator_id", not_a_slug(id));
            }
            let label_fr = row.required("indicator_label_fr");
            let label_en = row.required("indicator_label_en");
            let breakdown = row.required("breakdown");
            if let Some(breakdown) = breakdown.filter(|b| !is_slug(b)) {
                row.error("breakdown", not_a_slug(breakdown));
            }
            if let (Some(id), Some(breakdown)) = (id, breakdown) {
                let key = (id.to_owned(), breakdown.to_owned());
                match seen.get(&key) {
                Some(first) => row.error(
                    "indicator_id",
                    format!("duplicate indicator '{id}' for breakdown '{breakdown}' (first {first})"),
                ),
                None => {
                    seen.insert(key, row.place());
                }
            }
            }
            let unit = row.keyword::<Unit>("unit", true);
            let value = match row.required("value") {
                Some(text) => match parse_optional_amount(text) {
                    Ok(Some(value)) => {
                        if let Some(Err(expected)) = unit.map(|u| u.check(value)) {
                            row.error("value", format!("'{text}' is not {expected}"));
                        }
                        Some(value)
                    }
                    _ => {
                        row.error("value", format!("'{text}' is not a number"));
                        None
                    }
                },
                None => None,
            };
            let sources = row.sources("sources", documents);
            Some(Indicator {
                survey: survey?.to_owned(),
                year: year?,
                scope: scope?.to_owned(),
                id: id?.to_owned(),
                label_fr: label_fr?.to_owned(),
                label_en: label_en?.to_owned(),
                breakdown: breakdown?.to_owned(),
                value: value?,
                unit: unit?,
                sources,
            })
        },
    )
}
