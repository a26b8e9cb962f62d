//! Amounts in euros as the explorer's subsidy range reads and writes them: read to
//! the cent, at most 10¹³ €, written so that they read back exactly.
//!
//! Read by hand rather than with `str::parse::<f64>`: the standard library's exact
//! float reading carries a 10 KB table of powers of five (about 10 KB gzip, every byte
//! of it random) into the wasm that every visitor and every embed downloads, and this
//! is its only use there. An amount read to the cent needs none of it: the cents are an
//! integer below 2⁵³, and dividing them by 100 is one correctly rounded operation, so
//! the value is the nearest `f64` to the decimal amount, as `parse` would give.

use super::state::NoticeReason;

/// The largest amount read, in cents (10¹³ €): every count of cents up to it is
/// exact in an `f64`.
const MAX_CENTS: u64 = 1_000_000_000_000_000;

/// Reads an amount in euros: digits with an optional `.` fraction and an optional
/// exponent (`50000`, `12500.5`, `1e6`, `+7`), rounded half up to the cent.
/// Negative amounts and amounts over 10¹³ € are [`NoticeReason::OutOfRange`];
/// anything else that is not such a number (`abc`, `inf`, `1,5`) is
/// [`NoticeReason::NotANumber`].
pub fn read_amount(text: &str) -> Result<f64, NoticeReason> {
    let (negative, unsigned) = signed(text.trim());
    let (digits, exponent) = decimal(unsigned).ok_or(NoticeReason::NotANumber)?;
    let cents = cents(&digits, exponent).ok_or(NoticeReason::OutOfRange)?;
    if negative && cents > 0 {
        return Err(NoticeReason::OutOfRange);
    }
    Ok(cents as f64 / 100.0)
}

/// Writes an amount so that [`read_amount`] reads it back exactly (the shortest
/// decimal that does, as Rust's `Display` writes it).
pub fn format_amount(value: f64) -> String {
    format!("{value}")
}

/// The significant digits of a decimal number without sign (leading zeros dropped)
/// and the power of ten of its last digit: `"12.50e3"` is `("1250", 1)`. `None` when
/// the text is not such a number.
fn decimal(text: &str) -> Option<(Vec<u8>, i64)> {
    let (number, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], read_exponent(&text[at + 1..])?),
        None => (text, 0),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let digits: Vec<u8> = whole
        .bytes()
        .chain(fraction.bytes())
        .skip_while(|&b| b == b'0')
        .map(|b| b - b'0')
        .collect();
    Some((digits, exponent - fraction.len() as i64))
}

/// A decimal exponent (`6`, `+6`, `-2`), kept within ±10⁶ (beyond, every amount is
/// zero or out of range anyway).
fn read_exponent(text: &str) -> Option<i64> {
    let (negative, digits) = signed(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let magnitude = digits
        .bytes()
        .fold(0i64, |n, b| (n * 10 + i64::from(b - b'0')).min(1_000_000));
    Some(if negative { -magnitude } else { magnitude })
}

/// Whether `text` starts with `-`, and the text after its sign (`-` or `+`), if any.
fn signed(text: &str) -> (bool, &str) {
    match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    }
}

/// The number `digits × 10^exponent` in cents, rounded half up; `None` above
/// [`MAX_CENTS`].
fn cents(digits: &[u8], exponent: i64) -> Option<u64> {
    // The digits' count of cents is `digits × 10^(exponent + 2)`.
    let shift = exponent + 2;
    let kept = (digits.len() as i64 + shift.min(0)).max(0) as usize;
    let mut cents: u64 = 0;
    for &digit in &digits[..kept] {
        cents = cents * 10 + u64::from(digit);
        if cents > MAX_CENTS {
            return None;
        }
    }
    // Digits were dropped only when `shift` < 0: the first of them rounds.
    if digits
        .get(kept)
        .is_some_and(|&first_dropped| first_dropped >= 5)
    {
        cents += 1;
    }
    for _ in 0..shift.max(0) {
        if cents == 0 || cents > MAX_CENTS {
            break;
        }
        cents *= 10;
    }
    (cents <= MAX_CENTS).then_some(cents)
}

#[cfg(test)]
mod tests {
    use super::{format_amount, read_amount, MAX_CENTS};
    use crate::explore::state::NoticeReason::{NotANumber, OutOfRange};
    use proptest::prelude::*;

    #[test]
    fn amounts_are_read_rounded_half_up_to_the_cent() {
        for (text, value) in [
            ("50000", 50_000.0),
            ("12500.5", 12_500.5),
            (" 7 ", 7.0),
            ("+7", 7.0),
            ("1e6", 1_000_000.0),
            ("1E6", 1_000_000.0),
            ("2.5e+3", 2_500.0),
            ("125e-2", 1.25),
            ("5.", 5.0),
            (".5", 0.5),
            ("0", 0.0),
            ("-0", 0.0),
            ("000123.40", 123.4),
            ("0.1", 0.1),
            ("0.29", 0.29),
            ("1234567890.12", 1_234_567_890.12),
            ("0.005", 0.01),
            ("0.0049", 0.0),
            ("2.675", 2.68),
            ("9.999", 10.0),
            ("1e-400", 0.0),
            ("10000000000000", 1e13),
        ] {
            assert_eq!(read_amount(text), Ok(value), "{text:?}");
        }
    }

    #[test]
    fn what_is_not_an_amount_is_named() {
        for text in [
            "", " ", "abc", "inf", "NaN", "1,5", "1.2.3", ".", "e5", "1e", "1e+", "--5", "0x10",
            "5€", "1_000",
        ] {
            assert_eq!(read_amount(text), Err(NotANumber), "{text:?}");
        }
        for text in [
            "-5",
            "-0.01",
            "10000000000000.01",
            "1e14",
            "1e400",
            "99999999999999999999",
        ] {
            assert_eq!(read_amount(text), Err(OutOfRange), "{text:?}");
        }
    }

    proptest! {
        /// Any count of cents reads as Rust's exact reading of its decimal text, and
        /// what is written reads back as the same value.
        #[test]
        fn cents_read_exactly_and_round_trip(cents in 0..=MAX_CENTS) {
            let text = format!("{}.{:02}", cents / 100, cents % 100);
            let value = read_amount(&text).unwrap();
            prop_assert_eq!(value, text.parse::<f64>().unwrap());
            prop_assert_eq!(read_amount(&format_amount(value)), Ok(value));
        }

        /// Any decimal text with more digits reads as its decimals rounded half up to the cent.
        #[test]
        fn longer_decimals_round_to_the_cent(whole in 0u64..10_000_000, fraction in "[0-9]{0,9}") {
            let text = format!("{whole}.{fraction}");
            let padded = format!("{fraction:0<3}");
            let mut cents = whole * 100 + padded[..2].parse::<u64>().unwrap();
            if padded.as_bytes()[2] >= b'5' {
                cents += 1;
            }
            prop_assert_eq!(read_amount(&text), Ok(cents as f64 / 100.0));
        }
    }
}
