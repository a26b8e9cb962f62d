//! Reading amounts written the French, Belgian, English or spreadsheet way.
//!
//! Accepted: an optional sign, an optional euro sign or `EUR` before or after,
//! digits grouped by thousands with spaces (also no-break U+00A0, narrow no-break
//! U+202F or thin U+2009), dots or commas, and a decimal comma or dot:
//! `45283`, `45 283,00`, `45.283,00`, `45,283.00`, `1234,5`, `-12`, `€ 1 234`,
//! `1 234 €`, `12.5`, `1.5e3`.
//!
//! Which separator is the decimal one:
//! * both `.` and `,` appear: the last one, which must appear once;
//! * one of them appears several times: it separates thousands (`1.234.567`);
//! * one of them appears once: it separates thousands when it follows 1 to 3
//!   digits not starting with 0, is followed by exactly 3 digits and no space
//!   groups the digits (`1.234` and `1,234` are 1234); otherwise it is the
//!   decimal separator (`1234,5`, `12.5`, `0,500`, `1 234,567`).
//!
//! Thousands groups are checked: the first has 1 to 3 digits, the others 3.
//!
//! Hand-written: no maintained crate reads these locale variants together
//! without a locale being known in advance.

/// Parses an amount; an empty or blank text is an error (`"empty value"`).
pub fn parse_amount(text: &str) -> Result<f64, String> {
    parse_optional_amount(text)?.ok_or_else(|| "empty value".to_owned())
}

/// Parses an amount that may be missing: an empty or blank text gives `None`.
pub fn parse_optional_amount(text: &str) -> Result<Option<f64>, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    if let Some(value) = plain_amount(trimmed) {
        return Ok(Some(value));
    }
    let canonical = canonical(trimmed).ok_or_else(|| format!("not a number: {text:?}"))?;
    match canonical.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(Some(value)),
        _ => Err(format!("number out of range: {text:?}")),
    }
}

/// The usual shapes of a million-row column, read without allocating: an
/// optional `-`, digits (in groups of 3 after a first of 1 to 3, separated by
/// single spaces, or in one run), then optionally one decimal comma or dot and
/// digits. `None` for anything else, a thousands separator included (`1,234`),
/// and an infinite value: [`canonical`] reads those, and gives the same value
/// for the shapes read here (the same canonical text, parsed the same way).
fn plain_amount(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (negative, number) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    let (integer, fraction) = match number.iter().position(|&b| b == b',' || b == b'.') {
        Some(at) => (&number[..at], Some(&number[at + 1..])),
        None => (number, None),
    };
    let digits = |part: &[u8]| part.iter().all(u8::is_ascii_digit);
    let grouped = integer.contains(&b' ');
    let mut groups = integer.split(|&b| b == b' ');
    let first = groups.next().unwrap_or_default();
    if first.is_empty() || !digits(first) || (grouped && first.len() > 3) {
        return None;
    }
    // The canonical text, `-1234.5`, in a buffer on the stack.
    let mut out = [0u8; 48];
    let mut len = 0;
    let mut push = |part: &[u8]| -> Option<()> {
        out.get_mut(len..len + part.len())?.copy_from_slice(part);
        len += part.len();
        Some(())
    };
    if negative {
        push(b"-")?;
    }
    push(first)?;
    for group in groups {
        if group.len() != 3 || !digits(group) {
            return None;
        }
        push(group)?;
    }
    if let Some(fraction) = fraction {
        let thousands = !grouped
            && (1..=3).contains(&integer.len())
            && integer[0] != b'0'
            && fraction.len() == 3;
        if fraction.is_empty() || !digits(fraction) || thousands {
            return None;
        }
        push(b".")?;
        push(fraction)?;
    }
    let value: f64 = std::str::from_utf8(&out[..len]).ok()?.parse().ok()?;
    value.is_finite().then_some(value)
}

/// The number rewritten as `-1234.5` (Rust's float syntax), or `None`.
fn canonical(text: &str) -> Option<String> {
    let text = strip_currency(text);
    let (negative, text) = match text.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let text = strip_currency(text);
    let mut out = String::with_capacity(text.len() + 1);
    if negative {
        out.push('-');
    }
    if let Some(exponent) = exponent_form(text) {
        out.push_str(exponent);
        return Some(out);
    }
    let (integer, fraction) = split_decimal(text)?;
    push_integer(&mut out, integer, fraction.is_some())?;
    if let Some(fraction) = fraction {
        if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        out.push('.');
        out.push_str(fraction);
    }
    Some(out)
}

/// Drops one euro sign or `EUR` at either end, and surrounding spaces.
fn strip_currency(text: &str) -> &str {
    let text = text.trim();
    let text = text
        .strip_prefix('€')
        .or_else(|| strip_prefix_ignore_case(text, "eur"))
        .unwrap_or(text)
        .trim_start();
    text.strip_suffix('€')
        .or_else(|| strip_suffix_ignore_case(text, "eur"))
        .unwrap_or(text)
        .trim_end()
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

fn strip_suffix_ignore_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = text.len().checked_sub(suffix.len())?;
    let tail = text.get(cut..)?;
    tail.eq_ignore_ascii_case(suffix)
        .then(|| text.get(..cut))
        .flatten()
}

/// `1.5e3`, `2E-4`: digits, an optional dot and digits, `e`, a sign, digits.
fn exponent_form(text: &str) -> Option<&str> {
    let (mantissa, exponent) = text.split_once(['e', 'E'])?;
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(whole) && digits(fraction) && digits(exponent)).then_some(text)
}

/// Splits at the decimal separator chosen by the rules of the module doc;
/// `None` when the separators cannot be read consistently.
fn split_decimal(text: &str) -> Option<(&str, Option<&str>)> {
    let dots = text.matches('.').count();
    let commas = text.matches(',').count();
    let decimal = match (dots, commas) {
        (0, 0) => None,
        (_, 0) | (0, _) => {
            let (sep, count) = if dots > 0 { ('.', dots) } else { (',', commas) };
            if count > 1 || is_thousands(text, sep) {
                None
            } else {
                Some(sep)
            }
        }
        _ => {
            let last = if text.rfind('.') > text.rfind(',') {
                '.'
            } else {
                ','
            };
            if text.matches(last).count() != 1 {
                return None;
            }
            Some(last)
        }
    };
    Some(match decimal {
        Some(sep) => {
            let (integer, fraction) = text.split_once(sep)?;
            (integer, Some(fraction))
        }
        None => (text, None),
    })
}

/// Whether the only `sep` of `text` separates thousands.
fn is_thousands(text: &str, sep: char) -> bool {
    let Some((before, after)) = text.split_once(sep) else {
        return false;
    };
    !text.contains(char::is_whitespace)
        && (1..=3).contains(&before.len())
        && !before.starts_with('0')
        && before.bytes().all(|b| b.is_ascii_digit())
        && after.len() == 3
        && after.bytes().all(|b| b.is_ascii_digit())
}

/// Appends the digits of the integer part, checking its thousands groups
/// (separated by spaces, dots or commas). It may be empty only before a fraction.
fn push_integer(out: &mut String, integer: &str, has_fraction: bool) -> Option<()> {
    let groups: Vec<&str> = integer
        .split(|c: char| c == '.' || c == ',' || c.is_whitespace())
        .collect();
    match groups.as_slice() {
        [single] => {
            if !single.bytes().all(|b| b.is_ascii_digit()) || (single.is_empty() && !has_fraction) {
                return None;
            }
            out.push_str(if single.is_empty() { "0" } else { single });
        }
        [first, rest @ ..] => {
            let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
            if !(1..=3).contains(&first.len()) || !digits(first) {
                return None;
            }
            if !rest.iter().all(|g| g.len() == 3 && digits(g)) {
                return None;
            }
            out.push_str(first);
            rest.iter().for_each(|g| out.push_str(g));
        }
        [] => return None,
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_usual_notations() {
        let cases = [
            ("45283", 45283.0),
            ("45 283,00", 45283.0),
            ("45\u{a0}283,00", 45283.0),
            ("45\u{202f}283,00", 45283.0),
            ("45.283,00", 45283.0),
            ("45,283.00", 45283.0),
            ("1234,5", 1234.5),
            ("-12", -12.0),
            ("€ 1 234", 1234.0),
            ("1 234 €", 1234.0),
            ("1 234,56 EUR", 1234.56),
            ("-€ 5", -5.0),
            ("€ -5", -5.0),
            ("12.5", 12.5),
            ("1.234", 1234.0),
            ("1,234", 1234.0),
            ("0,500", 0.5),
            ("1234.567", 1234.567),
            ("1 234.567", 1234.567),
            ("1.234.567", 1_234_567.0),
            ("1.234.567,89", 1_234_567.89),
            (",5", 0.5),
            ("+7", 7.0),
            ("1.5e3", 1500.0),
            ("  42  ", 42.0),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_amount(text), Ok(expected), "{text:?}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for text in [
            "abc",
            "1,2,3.4.5",
            "12,",
            "1.23.4",
            "12 5",
            "1,23.4",
            "€",
            "-",
            "1e",
            "inf",
            "NaN",
            "12 34,5",
            "1 234,5 6",
            "--1",
            "0x10",
        ] {
            assert_eq!(
                parse_amount(text),
                Err(format!("not a number: {text:?}")),
                "{text:?}"
            );
        }
        assert_eq!(parse_amount(""), Err("empty value".to_owned()));
        assert_eq!(parse_amount("  "), Err("empty value".to_owned()));
        let huge = "9".repeat(400);
        assert_eq!(
            parse_amount(&huge),
            Err(format!("number out of range: {huge:?}"))
        );
    }

    proptest::proptest! {
        #[test]
        fn the_usual_shapes_read_as_the_general_reading(text in "-?[0-9 ,.]{0,14}|-?[1-9][0-9]{0,2}( [0-9]{3}){0,3}([,.][0-9]{1,4})?") {
            let text = text.trim();
            if let Some(value) = plain_amount(text) {
                let general = canonical(text).and_then(|c| c.parse::<f64>().ok());
                proptest::prop_assert_eq!(Some(value.to_bits()), general.map(f64::to_bits), "{:?}", text);
            }
        }
    }

    #[test]
    fn the_usual_shapes_are_read_without_the_general_reading() {
        for (text, expected) in [
            ("45283", Some(45283.0)),
            ("1 234 567,89", Some(1_234_567.89)),
            ("-0,5", Some(-0.5)),
            ("0,500", Some(0.5)),
            ("1234.5", Some(1234.5)),
            ("1,234", None),
            ("1 2", None),
            (",5", None),
            ("1,2,3", None),
            ("1e3", None),
            ("- 5", None),
        ] {
            assert_eq!(plain_amount(text), expected, "{text:?}");
        }
    }

    #[test]
    fn optional_amount_tells_missing_from_wrong() {
        assert_eq!(parse_optional_amount(" "), Ok(None));
        assert_eq!(parse_optional_amount("3,5"), Ok(Some(3.5)));
        assert!(parse_optional_amount("x").is_err());
    }
}
