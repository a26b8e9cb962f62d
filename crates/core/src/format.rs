//! Numbers and dates written the way each language writes them: "1 234 567 €" in French,
//! "€1,234,567" in English, "1.234.567 €" in Dutch and German.

use crate::charts::groups::{pick, Words};
use crate::language::Language;

/// Groups the integer part of `value` (rounded to `decimals`) with the language's
/// separators. Hand-written: a full ICU formatter would weigh hundreds of KB in wasm.
pub fn format_number(value: f64, decimals: usize, language: Language) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let (group, decimal) = match language {
        Language::Fr => ('\u{202F}', ','),
        Language::Nl | Language::De => ('.', ','),
        Language::En => (',', '.'),
    };
    let text = format!("{:.*}", decimals, value.abs());
    let (integer, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::with_capacity(text.len() + 4);
    if value < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('-');
    }
    for (i, digit) in integer.chars().enumerate() {
        if i > 0 && (integer.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push(decimal);
        out.push_str(fraction);
    }
    out
}

/// An amount in euros, without cents: "1 234 567 €" (FR), "€1,234,567" (EN).
pub fn format_euros(value: f64, language: Language) -> String {
    let number = format_number(value, 0, language);
    match language {
        Language::En => match number.strip_prefix('-') {
            Some(rest) => format!("-€{rest}"),
            None => format!("€{number}"),
        },
        _ => format!("{number}\u{00A0}€"),
    }
}

/// A date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) in words: "2019", "janvier 2019", "15 janvier 2019"
/// (FR); "15 January 2019" (EN); "15 januari 2019" (NL); "15. Januar 2019"
/// (DE). Anything else is returned as is.
pub fn format_date(date: &str, language: Language) -> String {
    const MONTHS: [Words; 12] = [
        ["janvier", "januari", "Januar", "January"],
        ["février", "februari", "Februar", "February"],
        ["mars", "maart", "März", "March"],
        ["avril", "april", "April", "April"],
        ["mai", "mei", "Mai", "May"],
        ["juin", "juni", "Juni", "June"],
        ["juillet", "juli", "Juli", "July"],
        ["août", "augustus", "August", "August"],
        ["septembre", "september", "September", "September"],
        ["octobre", "oktober", "Oktober", "October"],
        ["novembre", "november", "November", "November"],
        ["décembre", "december", "Dezember", "December"],
    ];
    let parts: Vec<&str> = date.split('-').collect();
    let month = |m: &str| {
        m.parse::<usize>()
            .ok()
            .and_then(|m| m.checked_sub(1))
            .and_then(|m| MONTHS.get(m))
            .map(|words| pick(words, language))
    };
    match parts.as_slice() {
        [year] => year.to_string(),
        [year, m] => match month(m) {
            Some(name) => format!("{name} {year}"),
            None => date.to_string(),
        },
        [year, m, day] => match (month(m), day.parse::<u8>()) {
            (Some(name), Ok(day)) => match language {
                Language::De => format!("{day}. {name} {year}"),
                _ => format!("{day} {name} {year}"),
            },
            _ => date.to_string(),
        },
        _ => date.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_words() {
        assert_eq!(format_date("2019-01-15", Language::Fr), "15 janvier 2019");
        assert_eq!(format_date("2024-03-14", Language::De), "14. März 2024");
        assert_eq!(format_date("2023-12", Language::En), "December 2023");
        assert_eq!(format_date("2017", Language::Nl), "2017");
        assert_eq!(format_date("2019-13-01", Language::En), "2019-13-01");
    }

    #[test]
    fn formats_per_language() {
        assert_eq!(
            format_euros(1_234_567.0, Language::Fr),
            "1\u{202F}234\u{202F}567\u{00A0}€"
        );
        assert_eq!(format_euros(1_234_567.0, Language::En), "€1,234,567");
        assert_eq!(
            format_euros(1_234_567.4, Language::Nl),
            "1.234.567\u{00A0}€"
        );
        assert_eq!(format_number(1234.5, 1, Language::De), "1.234,5");
        assert_eq!(format_number(0.25, 2, Language::Fr), "0,25");
        assert_eq!(format_number(-1000.0, 0, Language::En), "-1,000");
        assert_eq!(format_number(-0.0001, 0, Language::En), "0");
        assert_eq!(format_number(999.0, 0, Language::En), "999");
        assert_eq!(format_number(f64::NAN, 0, Language::En), "–");
        assert_eq!(format_euros(-5.0, Language::En), "-€5");
    }
}
