//! The languages the explorer speaks, and how a name is picked for one.

use serde::{Deserialize, Serialize};

/// A user-interface language; French is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// French (default).
    #[default]
    Fr,
    /// Dutch.
    Nl,
    /// German.
    De,
    /// English.
    En,
}

impl Language {
    /// Every language, in the order the switcher shows them.
    pub const ALL: [Language; 4] = [Language::Fr, Language::Nl, Language::De, Language::En];

    /// The BCP 47 code (`fr`, `nl`, `de`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::Nl => "nl",
            Language::De => "de",
            Language::En => "en",
        }
    }

    /// The language's own name for itself, as a language switcher shows it.
    pub fn endonym(self) -> &'static str {
        match self {
            Language::Fr => "Français",
            Language::Nl => "Nederlands",
            Language::De => "Deutsch",
            Language::En => "English",
        }
    }

    /// Parses a code such as `nl` or `NL-be`; `None` for anything else.
    pub fn from_code(code: &str) -> Option<Language> {
        let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
        Language::ALL.into_iter().find(|l| l.code() == primary)
    }
}

/// A text given in some of the four languages, e.g. a province name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalizedText {
    /// French.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fr: Option<String>,
    /// Dutch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nl: Option<String>,
    /// German.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub de: Option<String>,
    /// English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl LocalizedText {
    /// The text in `language`, else in the first of `fallbacks` that has one, else any.
    pub fn get(&self, language: Language, fallbacks: &[Language]) -> &str {
        std::iter::once(language)
            .chain(fallbacks.iter().copied())
            .chain(Language::ALL)
            .find_map(|l| self.in_language(l))
            .unwrap_or("")
    }

    /// The text in exactly `language`, if given.
    pub fn in_language(&self, language: Language) -> Option<&str> {
        match language {
            Language::Fr => self.fr.as_deref(),
            Language::Nl => self.nl.as_deref(),
            Language::De => self.de.as_deref(),
            Language::En => self.en.as_deref(),
        }
        .filter(|s| !s.is_empty())
    }
}

/// The query string `search` (with or without its `?`) with its `lang`
/// parameter set to `language`, the other parameters kept in order.
pub fn with_language(search: &str, language: Language) -> String {
    let mut pairs: Vec<(String, String)> =
        form_urlencoded::parse(search.trim_start_matches('?').as_bytes())
            .into_owned()
            .filter(|(key, _)| key != "lang")
            .collect();
    pairs.push(("lang".to_string(), language.code().to_string()));
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_parameter_is_replaced_and_the_others_kept() {
        assert_eq!(
            with_language("?theme=a%2Cb&lang=fr&q=x", Language::Nl),
            "theme=a%2Cb&q=x&lang=nl"
        );
        assert_eq!(with_language("", Language::De), "lang=de");
    }

    #[test]
    fn codes_round_trip_and_accept_regional_variants() {
        for l in Language::ALL {
            assert_eq!(Language::from_code(l.code()), Some(l));
        }
        assert_eq!(Language::from_code("NL-be"), Some(Language::Nl));
        assert_eq!(Language::from_code("it"), None);
        assert_eq!(Language::from_code(""), None);
    }

    #[test]
    fn localized_text_falls_back_in_order() {
        let t = LocalizedText {
            fr: Some("Liège".into()),
            nl: Some("Luik".into()),
            de: None,
            en: Some(String::new()),
        };
        assert_eq!(t.get(Language::Nl, &[]), "Luik");
        assert_eq!(t.get(Language::De, &[Language::Nl]), "Luik");
        // An empty string counts as missing.
        assert_eq!(t.get(Language::En, &[]), "Liège");
    }
}
