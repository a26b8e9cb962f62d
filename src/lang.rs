//! The chosen language: read from `?lang=`, else localStorage, else French; kept in both.

use crate::i18n::Locale;
use explorer_core::language::Language;

/// localStorage key holding the last chosen language.
const STORAGE_KEY: &str = "sre-lang";

/// The i18n locale of a language.
pub fn locale_of(language: Language) -> Locale {
    match language {
        Language::Fr => Locale::fr,
        Language::Nl => Locale::nl,
        Language::De => Locale::de,
        Language::En => Locale::en,
    }
}

/// The language of an i18n locale.
pub fn language_of(locale: Locale) -> Language {
    match locale {
        Locale::fr => Language::Fr,
        Locale::nl => Language::Nl,
        Locale::de => Language::De,
        Locale::en => Language::En,
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The language stored by an earlier visit, if any.
pub fn stored_language() -> Option<Language> {
    Language::from_code(&storage()?.get_item(STORAGE_KEY).ok()??)
}

/// Remembers the language for the next visit (silently skipped if storage is blocked).
pub fn store_language(language: Language) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(STORAGE_KEY, language.code());
    }
}

/// The language of the current URL's `?lang=`, if valid.
pub fn url_language() -> Option<Language> {
    Language::from_code(&crate::links::loaded_param("lang")?)
}

/// The language to start with: URL, then storage, then French.
pub fn initial_language() -> Language {
    url_language().or_else(stored_language).unwrap_or_default()
}
