//! Values written the way each language writes them, per unit: "62,5 %" in
//! French, "62.5%" in English, "1er" / "1st" for a rank, "3,67/10" for a score.
//!
//! Digits and separators come from [`crate::format`] (U+202F narrow no-break
//! space between thousands in French, `.` in Dutch and German, `,` in English),
//! so a chart and the explorer write the same number the same way.

use crate::datasets::indicators::Unit;
use crate::language::Language;

pub use crate::format::format_euros;

/// The most decimals a chart shows; survey figures are published with at most two.
pub const MAX_DECIMALS: usize = 2;

/// How many decimals `value` needs, at most `max`: `62.5` needs 1, `3.67` needs 2,
/// `589.0` needs 0.
pub fn decimals_needed(value: f64, max: usize) -> usize {
    if !value.is_finite() {
        return 0;
    }
    (0..max)
        .find(|&d| {
            let scale = 10f64.powi(d as i32);
            ((value * scale).round() - value * scale).abs() < 1e-6
        })
        .unwrap_or(max)
}

/// A number with as many decimals as it needs (at most [`MAX_DECIMALS`]),
/// grouped by thousands: "1 234 567" (FR, narrow no-break spaces), "62,5" (FR),
/// "1,234,567" (EN), "1.234.567" (NL, DE).
pub fn format_plain(value: f64, language: Language) -> String {
    crate::format::format_number(value, decimals_needed(value, MAX_DECIMALS), language)
}

/// `value` in `unit`, as a chart label or a table cell shows it:
///
/// | unit | FR | NL | DE | EN |
/// |---|---|---|---|---|
/// | percent | `62,5 %` (U+202F) | `62,5%` | `62,5 %` (U+00A0) | `62.5%` |
/// | count | `1 234` (U+202F) | `1.234` | `1.234` | `1,234` |
/// | rank | `1er`, `2e` | `1e` | `1.` | `1st`, `2nd` |
/// | score 0–10 | `3,67/10` | `3,67/10` | `3,67/10` | `3.67/10` |
///
/// A value that is not finite is written "–".
pub fn format_number(value: f64, unit: Unit, language: Language) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let number = format_plain(value, language);
    match unit {
        Unit::Percent => match language {
            Language::Fr => format!("{number}\u{202F}%"),
            Language::De => format!("{number}\u{00A0}%"),
            Language::Nl | Language::En => format!("{number}%"),
        },
        Unit::Count => number,
        Unit::Rank => format_rank(value, language),
        Unit::Score0To10 => format!("{number}/10"),
    }
}

/// A rank as an ordinal: "1er", "2e" (FR), "1e" (NL), "1." (DE), "1st", "2nd",
/// "11th" (EN). A rank that is not a whole number ≥ 1 is written as a plain number.
pub fn format_rank(rank: f64, language: Language) -> String {
    if rank.fract() != 0.0 || !(1.0..=1e9).contains(&rank) {
        return format_plain(rank, language);
    }
    let n = rank as u64;
    match language {
        Language::Fr if n == 1 => "1er".to_string(),
        Language::Fr | Language::Nl => format!("{n}e"),
        Language::De => format!("{n}."),
        Language::En => {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NNBSP: char = '\u{202F}';
    const NBSP: char = '\u{00A0}';

    #[test]
    fn percentages_follow_each_language() {
        assert_eq!(
            format_number(62.5, Unit::Percent, Language::Fr),
            format!("62,5{NNBSP}%")
        );
        assert_eq!(format_number(62.5, Unit::Percent, Language::En), "62.5%");
        assert_eq!(format_number(66.0, Unit::Percent, Language::Nl), "66%");
        assert_eq!(
            format_number(66.0, Unit::Percent, Language::De),
            format!("66{NBSP}%")
        );
        assert_eq!(format_number(100.0, Unit::Percent, Language::En), "100%");
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(
            format_number(12_700_000.0, Unit::Count, Language::Fr),
            format!("12{NNBSP}700{NNBSP}000")
        );
        assert_eq!(
            format_number(12_700_000.0, Unit::Count, Language::En),
            "12,700,000"
        );
        assert_eq!(
            format_number(12_700_000.0, Unit::Count, Language::Nl),
            "12.700.000"
        );
        assert_eq!(format_number(589.0, Unit::Count, Language::De), "589");
        assert_eq!(format_number(0.0, Unit::Count, Language::En), "0");
    }

    #[test]
    fn scores_keep_their_decimals_and_scale() {
        assert_eq!(
            format_number(3.67, Unit::Score0To10, Language::Fr),
            "3,67/10"
        );
        assert_eq!(format_number(4.0, Unit::Score0To10, Language::En), "4/10");
        assert_eq!(format_number(4.8, Unit::Score0To10, Language::De), "4,8/10");
        // Float noise never shows.
        assert_eq!(
            format_number(0.1 + 0.2, Unit::Score0To10, Language::En),
            "0.3/10"
        );
    }

    #[test]
    fn ranks_are_ordinals() {
        let fr: Vec<String> = [1.0, 2.0, 3.0]
            .iter()
            .map(|r| format_rank(*r, Language::Fr))
            .collect();
        assert_eq!(fr, ["1er", "2e", "3e"]);
        let en: Vec<String> = [1.0, 2.0, 3.0, 4.0, 11.0, 12.0, 13.0, 21.0, 22.0, 101.0]
            .iter()
            .map(|r| format_rank(*r, Language::En))
            .collect();
        assert_eq!(
            en,
            ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"]
        );
        assert_eq!(format_rank(2.0, Language::Nl), "2e");
        assert_eq!(format_rank(2.0, Language::De), "2.");
        assert_eq!(format_number(1.0, Unit::Rank, Language::Fr), "1er");
        assert_eq!(format_rank(1.5, Language::En), "1.5");
    }

    #[test]
    fn euros_as_the_brief_writes_them() {
        assert_eq!(
            format_euros(1_234_567.0, Language::Fr),
            format!("1{NNBSP}234{NNBSP}567{NBSP}€")
        );
        assert_eq!(format_euros(1_234_567.0, Language::En), "€1,234,567");
        assert_eq!(
            format_euros(1_234_567.0, Language::De),
            format!("1.234.567{NBSP}€")
        );
    }

    #[test]
    fn decimals_are_only_those_needed() {
        assert_eq!(decimals_needed(589.0, 2), 0);
        assert_eq!(decimals_needed(62.5, 2), 1);
        assert_eq!(decimals_needed(3.67, 2), 2);
        assert_eq!(decimals_needed(1.0 / 3.0, 2), 2);
        assert_eq!(decimals_needed(f64::NAN, 2), 0);
        assert_eq!(
            format_number(f64::INFINITY, Unit::Percent, Language::Fr),
            "–"
        );
    }
}
