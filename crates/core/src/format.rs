//! Numbers written the way each language writes them: "1 234 567 €" in French,
//! "€1,234,567" in English, "1.234.567 €" in Dutch and German.

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

#[cfg(test)]
mod tests {
    use super::*;

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
