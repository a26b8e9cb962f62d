//! Municipalities, provinces and regions of Belgium (Statbel REFNIS 2019 codes).

use crate::language::{Language, LocalizedText};
use crate::text::fold;
use serde::{Deserialize, Serialize};

/// NIS code of the Walloon Region.
pub const WALLONIA: &str = "03000";

/// A region (Flanders, Wallonia, Brussels-Capital).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    /// NIS code, e.g. `03000`.
    pub nis: String,
    /// Name per language.
    pub name: LocalizedText,
}

/// A province.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Province {
    /// NIS code, e.g. `60000` for Liège.
    pub nis: String,
    /// Name per language.
    pub name: LocalizedText,
    /// NIS code of its region.
    pub region: String,
}

/// A municipality of the 2019 code set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Municipality {
    /// NIS (REFNIS) code, five digits.
    pub nis: String,
    /// Official names; German only where one exists in the sources.
    pub name: LocalizedText,
    /// Statbel's language-regime code: `F`, `N`, `D` or `FN` (bilingual).
    pub language: String,
    /// NIS code of the arrondissement.
    pub arrondissement: String,
    /// NIS code of the province (none in Brussels-Capital).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// NIS code of the region.
    pub region: String,
    /// Population on 1 January 2020.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u32>,
    /// The code after the 2025 mergers, when it changed (e.g. Bastogne 82003 → 82039).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nis_2025: Option<String>,
}

impl Municipality {
    /// The name to show in `language`: that language if the name exists in it, else the
    /// municipality's own official language.
    pub fn display_name(&self, language: Language) -> &str {
        self.name.get(language, &[self.official_language()])
    }

    /// The first official language of the municipality.
    pub fn official_language(&self) -> Language {
        match self.language.chars().next() {
            Some('N') => Language::Nl,
            Some('D') => Language::De,
            _ => Language::Fr,
        }
    }

    /// True when the 2025 mergers gave this municipality another code.
    pub fn merged_in_2025(&self) -> bool {
        self.nis_2025.is_some()
    }
}

/// The municipality reference: regions, provinces and municipalities.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    /// The three regions.
    pub regions: Vec<Region>,
    /// The ten provinces.
    pub provinces: Vec<Province>,
    /// Every municipality (581 in the 2019 code set).
    pub municipalities: Vec<Municipality>,
}

/// The municipalities of one province, sorted by name.
#[derive(Debug, PartialEq)]
pub struct ProvinceGroup<'a> {
    /// The province.
    pub province: &'a Province,
    /// Its municipalities, sorted by their name in the chosen language.
    pub municipalities: Vec<&'a Municipality>,
}

impl Reference {
    /// The municipalities of a region (`WALLONIA` for the 262 Walloon ones).
    pub fn in_region<'a>(&'a self, region: &'a str) -> impl Iterator<Item = &'a Municipality> {
        self.municipalities
            .iter()
            .filter(move |m| m.region == region)
    }

    /// This reference with only the municipalities of `region` (every region and
    /// province kept): the explorer's start-up file (`municipalities-wallonia`).
    pub fn of_region(&self, region: &str) -> Reference {
        Reference {
            regions: self.regions.clone(),
            provinces: self.provinces.clone(),
            municipalities: self.in_region(region).cloned().collect(),
        }
    }

    /// The municipality with this NIS code.
    pub fn municipality(&self, nis: &str) -> Option<&Municipality> {
        self.municipalities.iter().find(|m| m.nis == nis)
    }

    /// The province with this NIS code.
    pub fn province(&self, nis: &str) -> Option<&Province> {
        self.provinces.iter().find(|p| p.nis == nis)
    }

    /// The municipalities of a region grouped by province; provinces and the municipalities
    /// in each are sorted by name in `language`, ignoring case and accents.
    pub fn by_province<'a>(
        &'a self,
        region: &'a str,
        language: Language,
    ) -> Vec<ProvinceGroup<'a>> {
        let mut groups: Vec<ProvinceGroup<'_>> = self
            .provinces
            .iter()
            .filter(|p| p.region == region)
            .map(|province| {
                let mut municipalities: Vec<&Municipality> = self
                    .in_region(region)
                    .filter(|m| m.province.as_deref() == Some(province.nis.as_str()))
                    .collect();
                municipalities.sort_by_cached_key(|m| fold(m.display_name(language)));
                ProvinceGroup {
                    province,
                    municipalities,
                }
            })
            .collect();
        groups.sort_by_cached_key(|g| fold(g.province.name.get(language, &[Language::Fr])));
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn municipality(nis: &str, fr: &str, province: &str, region: &str) -> Municipality {
        Municipality {
            nis: nis.into(),
            name: LocalizedText {
                fr: Some(fr.into()),
                ..Default::default()
            },
            language: "F".into(),
            arrondissement: format!("{}000", &nis[..2]),
            province: Some(province.into()),
            region: region.into(),
            population: Some(1000),
            nis_2025: None,
        }
    }

    fn province(nis: &str, fr: &str, region: &str) -> Province {
        Province {
            nis: nis.into(),
            name: LocalizedText {
                fr: Some(fr.into()),
                ..Default::default()
            },
            region: region.into(),
        }
    }

    #[test]
    fn a_region_keeps_its_municipalities_and_every_region_and_province() {
        let reference = Reference {
            regions: vec![],
            provinces: vec![
                province("60000", "Province de Liège", WALLONIA),
                province("10000", "Province d'Anvers", "02000"),
            ],
            municipalities: vec![
                municipality("11002", "Anvers", "10000", "02000"),
                municipality("62063", "Liège", "60000", WALLONIA),
                municipality("62003", "Ans", "60000", WALLONIA),
            ],
        };
        let wallonia = reference.of_region(WALLONIA);
        let codes: Vec<&str> = wallonia
            .municipalities
            .iter()
            .map(|m| m.nis.as_str())
            .collect();
        assert_eq!(codes, ["62063", "62003"]);
        assert_eq!(wallonia.provinces, reference.provinces);
        assert_eq!(wallonia.regions, reference.regions);
        assert!(wallonia.municipality("11002").is_none());
    }

    #[test]
    fn groups_by_province_sorted_ignoring_accents() {
        let reference = Reference {
            regions: vec![],
            provinces: vec![
                province("90000", "Province de Namur", WALLONIA),
                province("60000", "Province de Liège", WALLONIA),
                province("10000", "Province d'Anvers", "02000"),
            ],
            municipalities: vec![
                municipality("62063", "Liège", "60000", WALLONIA),
                municipality("62003", "Ans", "60000", WALLONIA),
                municipality("61003", "Écaussinnes-like", "60000", WALLONIA),
                municipality("92094", "Namur", "90000", WALLONIA),
                municipality("11002", "Anvers", "10000", "02000"),
            ],
        };
        let groups = reference.by_province(WALLONIA, Language::Fr);
        let names: Vec<(&str, Vec<&str>)> = groups
            .iter()
            .map(|g| {
                (
                    g.province.nis.as_str(),
                    g.municipalities
                        .iter()
                        .map(|m| m.display_name(Language::Fr))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            names,
            vec![
                ("60000", vec!["Ans", "Écaussinnes-like", "Liège"]),
                ("90000", vec!["Namur"]),
            ]
        );
        assert_eq!(reference.in_region(WALLONIA).count(), 4);
    }

    #[test]
    fn display_name_falls_back_to_the_official_language() {
        let mut m = municipality("63001", "Amblève", "60000", WALLONIA);
        m.language = "D".into();
        m.name.de = Some("Amel".into());
        assert_eq!(m.display_name(Language::De), "Amel");
        assert_eq!(m.display_name(Language::Fr), "Amblève");
        // No English name: the official language (German) is used.
        assert_eq!(m.display_name(Language::En), "Amel");
    }
}
