//! Text normalisation and splitting into words, for matching and sorting names.

mod fold_table;

use fold_table::{FOLD_LONGER, FOLD_RUNS};

/// Folds a text for comparison: compatibility-decomposed (NFKD), accents dropped, lower
/// case, typographic apostrophes and dashes unified, runs of spaces collapsed.
/// `fold("Braine-l’Alleud") == fold("braine-l'alleud")`.
///
/// Written by hand over a generated table ([`fold_table`]) rather than with the
/// `unicode-normalization` crate and `char::to_lowercase`: that crate's full
/// decomposition tables weigh about 118 KB in the wasm that every visitor downloads (60 KB
/// gzip, 9 % of the app), and the standard library's lower-case table 12 KB more, while
/// the texts here are French, Dutch, German and the odd name in another script. The table
/// holds every non-ASCII character that folds to something else than itself: in the
/// [`FOLDED_BLOCKS`] (Latin, Greek, Cyrillic, combining marks, punctuation, letter-like
/// symbols, full-width forms) its NFKD without marks, lower-cased; elsewhere its lower
/// case. A test checks it against `unicode-normalization` and `char::to_lowercase`
/// character by character. Outside those blocks a character is only lower-cased (Hangul
/// syllables, for instance, are not split into jamo), for the data and the query alike.
pub fn fold(text: &str) -> String {
    let mut folded = Folded {
        out: String::with_capacity(text.len()),
        last_space: true,
    };
    for c in text.chars() {
        if c.is_ascii() {
            folded.push(unify(c).to_ascii_lowercase());
            continue;
        }
        match fold_code(c) {
            Some(code) => match char::from_u32(code) {
                Some(one) => folded.push(one),
                None => {
                    let (start, len) = longer_fold(code);
                    FOLD_LONGER[start..start + len]
                        .chars()
                        .for_each(|d| folded.push(d));
                }
            },
            None => folded.push(c),
        }
    }
    if folded.out.ends_with(' ') {
        folded.out.pop();
    }
    folded.out
}

/// What the non-ASCII `c` folds to, when not to itself: a character's code, or a code
/// past [`LONGER_FOLD`] naming where its fold lies in [`FOLD_LONGER`].
///
/// [`FOLD_RUNS`] holds the table as runs, each an arithmetic progression of
/// characters (`first`, then every `char_step`, `count` of them) folding to one of
/// codes (`code`, then `+ code_step` each): 1,041 runs for 2,843 characters
/// (Latin letters with accents folding to one letter, a script's capitals to its small
/// letters), 3.7 KB gzip less in each app's wasm than a code per character.
fn fold_code(c: char) -> Option<u32> {
    let c = c as u32;
    let after = FOLD_RUNS.partition_point(|&(first, ..)| first <= c);
    let &(first, code, count, char_step, code_step) = FOLD_RUNS.get(after.checked_sub(1)?)?;
    let offset = c - first;
    let (at, off_step) = (offset / u32::from(char_step), offset % u32::from(char_step));
    (off_step == 0 && at < u32::from(count))
        .then(|| code.wrapping_add_signed(at as i32 * code_step as i32))
}

/// Where a fold of other than one character lies in [`FOLD_LONGER`]: its code is
/// `LONGER_FOLD + start × 32 + length`.
fn longer_fold(code: u32) -> (usize, usize) {
    let at = (code - LONGER_FOLD) as usize;
    (at >> 5, at & 31)
}

/// The first fold code that is not a character (one past `char::MAX`).
const LONGER_FOLD: u32 = 0x11_0000;

/// The blocks whose every character is folded as NFKD would fold it (the rest are only
/// lower-cased): Latin, IPA, combining marks, Greek, Cyrillic, Latin and Greek extended,
/// punctuation, super- and subscripts, letter-like symbols and number forms, enclosed
/// alphanumerics, Latin extended C and D, ligatures, combining half marks, full-width forms.
pub const FOLDED_BLOCKS: [(char, char); 10] = [
    ('\u{0080}', '\u{052F}'),
    ('\u{1AB0}', '\u{1AFF}'),
    ('\u{1D00}', '\u{1FFF}'),
    ('\u{2000}', '\u{218F}'),
    ('\u{2460}', '\u{24FF}'),
    ('\u{2C60}', '\u{2C7F}'),
    ('\u{A720}', '\u{A7FF}'),
    ('\u{FB00}', '\u{FB06}'),
    ('\u{FE20}', '\u{FE2F}'),
    ('\u{FF00}', '\u{FFEF}'),
];

/// The text folded so far, and whether it ends with a space (or is empty).
struct Folded {
    out: String,
    last_space: bool,
}

impl Folded {
    /// Adds one character already folded (unified, lower case), collapsing spaces.
    fn push(&mut self, c: char) {
        if c == ' ' {
            if !self.last_space {
                self.out.push(' ');
            }
            self.last_space = true;
            return;
        }
        self.last_space = false;
        self.out.push(c);
    }
}

/// Typographic apostrophes and dashes as their ASCII forms, every space as ' '.
fn unify(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
        '\u{2010}'..='\u{2015}' => '-',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// Splits folded text into words: runs of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// True for the links the app may render from data: absolute http and https URLs only
/// (no `javascript:`, `data:` or relative links).
pub fn is_web_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
}

/// True for a web link ([`is_web_link`]) with the `https:` scheme, as contributions
/// and the repository they go to must be.
pub fn is_https_link(url: &str) -> bool {
    is_web_link(url) && url.trim().to_ascii_lowercase().starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::{fold, is_https_link, is_web_link, unify, FOLDED_BLOCKS, FOLD_RUNS, LONGER_FOLD};
    use proptest::prelude::*;
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;

    /// A text folded as `fold` did with `unicode-normalization`: NFKD, marks dropped.
    fn reference_fold(text: &str) -> String {
        let mut out = String::new();
        let mut last_space = true;
        for c in text.nfkd() {
            if is_combining_mark(c) {
                continue;
            }
            let c = unify(c);
            if c == ' ' {
                if !last_space {
                    out.push(' ');
                }
                last_space = true;
                continue;
            }
            last_space = false;
            out.extend(c.to_lowercase());
        }
        if out.ends_with(' ') {
            out.pop();
        }
        out
    }

    /// One character as the reference folds it, before spaces are collapsed.
    fn reference_char(c: char) -> String {
        c.to_string()
            .nfkd()
            .filter(|&d| !is_combining_mark(d))
            .flat_map(|d| unify(d).to_lowercase())
            .collect()
    }

    /// One character as `fold` must fold it, before spaces are collapsed: in the folded
    /// blocks as the reference does, elsewhere only unified and lower-cased.
    fn expected_char(c: char) -> String {
        if FOLDED_BLOCKS
            .iter()
            .any(|&(first, last)| (first..=last).contains(&c))
        {
            reference_char(c)
        } else {
            unify(c).to_lowercase().collect()
        }
    }

    /// The table `fold_table.rs` must hold: every non-ASCII character whose folded text
    /// is not itself, and what it folds to, as runs (see `super::fold_code`).
    fn expected_table() -> String {
        let mut longer = String::new();
        let mut folds: Vec<(u32, u32)> = Vec::new();
        for c in ('\u{80}'..=char::MAX).filter(|&c| expected_char(c) != c.to_string()) {
            let folded = expected_char(c);
            let mut one = folded.chars();
            let code = match (one.next(), one.next()) {
                (Some(only), None) => only as u32,
                _ => {
                    assert!(folded.len() < 32);
                    let code = LONGER_FOLD + (longer.len() as u32) * 32 + folded.len() as u32;
                    longer.push_str(&folded);
                    code
                }
            };
            folds.push((c as u32, code));
        }
        let mut runs = String::new();
        let mut at = 0;
        while at < folds.len() {
            let (first, code) = folds[at];
            // A run goes on while the characters and their codes keep the steps of its
            // first two (characters 1 or 2 apart, codes -1 to 2), single characters only.
            let steps = folds
                .get(at + 1)
                .map(|&(c, d)| (c - first, d as i64 - code as i64));
            let count = match steps {
                Some((char_step @ 1..=2, code_step @ -1..=2)) if code < LONGER_FOLD => {
                    folds[at..]
                        .windows(2)
                        .take_while(|pair| {
                            pair[1].0 - pair[0].0 == char_step
                                && pair[1].1 as i64 - pair[0].1 as i64 == code_step
                                && pair[1].1 < LONGER_FOLD
                        })
                        .take(254)
                        .count()
                        + 1
                }
                _ => 1,
            };
            let (char_step, code_step) = match (count, steps) {
                (2.., Some(steps)) => steps,
                _ => (1, 0),
            };
            runs.push_str(&format!(
                "(0x{first:04X}, 0x{code:04X}, {count}, {char_step}, {code_step}),"
            ));
            at += count;
        }
        let longer: String = longer.escape_default().collect();
        format!(
            "{FOLD_TABLE_HEADER}\n\
            /// The non-ASCII characters that fold to something else than themselves, as runs\n\
            /// sorted by their first character: (first character, its code, characters in the\n\
            /// run, step between them, step between their codes); see `super::fold_code`.\n\
            pub(super) const FOLD_RUNS: &[(u32, u32, u8, u8, i8)] = &[{runs}];\n\n\
            /// The folds of other than one character (none, or several), one after the other.\n\
            pub(super) const FOLD_LONGER: &str = \"{longer}\";\n"
        )
    }

    const FOLD_TABLE_HEADER: &str =
        "//! Generated by the test `fold_table_is_nfkd_without_marks` in `text.rs` \
        (UPDATE_FOLD_TABLE=1 cargo test -p explorer-core fold_table, then cargo fmt): do not edit.\n";

    #[test]
    fn fold_table_is_nfkd_without_marks() {
        let expected = expected_table();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/text/fold_table.rs");
        if std::env::var_os("UPDATE_FOLD_TABLE").is_some() {
            std::fs::write(path, &expected).unwrap();
        }
        let unformatted: String = include_str!("text/fold_table.rs")
            .split_whitespace()
            .collect();
        let expected: String = expected.split_whitespace().collect();
        assert!(
            expected == unformatted,
            "src/text/fold_table.rs is out of date: UPDATE_FOLD_TABLE=1 cargo test -p explorer-core fold_table, then cargo fmt"
        );
        // Sorted, and no run reaches into the next.
        assert!(FOLD_RUNS.windows(2).all(|pair| {
            let (first, _, count, char_step, _) = pair[0];
            let last = first + (u32::from(count) - 1) * u32::from(char_step);
            last < pair[1].0
        }));
    }

    #[test]
    fn every_character_outside_the_folded_blocks_is_lower_cased() {
        for c in ('\u{80}'..=char::MAX)
            .filter(|c| !FOLDED_BLOCKS.iter().any(|&(a, b)| (a..=b).contains(c)))
        {
            let text = format!("a{c}b");
            let lowered: String = unify(c).to_lowercase().collect();
            let expected = format!("a{lowered}b");
            let expected = if lowered == " " {
                "a b".to_string()
            } else {
                expected
            };
            assert_eq!(fold(&text), expected, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn every_character_of_the_folded_blocks_folds_as_nfkd() {
        for &(first, last) in &FOLDED_BLOCKS {
            for c in first..=last {
                let text = format!("a{c}b");
                assert_eq!(fold(&text), reference_fold(&text), "U+{:04X}", c as u32);
            }
        }
    }

    /// A character of the folded blocks, or ASCII.
    fn folded_char() -> impl Strategy<Value = char> {
        prop_oneof![
            proptest::char::range(' ', '~'),
            proptest::char::range('\u{0080}', '\u{052F}'),
            proptest::char::range('\u{1D00}', '\u{1FFF}'),
            proptest::char::range('\u{2000}', '\u{218F}'),
            proptest::char::range('\u{FF00}', '\u{FFEF}'),
        ]
    }

    proptest! {
        #[test]
        fn texts_of_the_folded_blocks_fold_as_nfkd(chars in proptest::collection::vec(folded_char(), 0..24)) {
            let text: String = chars.into_iter().collect();
            prop_assert_eq!(fold(&text), reference_fold(&text));
        }
    }

    #[test]
    fn https_links_are_web_links_with_that_scheme() {
        assert!(is_https_link("https://github.com/o/r"));
        assert!(is_https_link("HTTPS://example.org"));
        for bad in [
            "http://example.org",
            "https://",
            "javascript:alert(1)",
            "github.com/o/r",
        ] {
            assert!(!is_https_link(bad), "{bad}");
        }
    }

    #[test]
    fn only_http_and_https_links_are_web_links() {
        assert!(is_web_link("https://www.digitalwallonia.be/fr/"));
        assert!(is_web_link("HTTP://example.org"));
        assert!(!is_web_link("javascript:alert(1)"));
        assert!(!is_web_link("data:text/html,<b>x</b>"));
        assert!(!is_web_link("//evil.example"));
        assert!(!is_web_link("https:///path"));
        assert!(!is_web_link("001_dce174e5566d538f.txt"));
    }

    #[test]
    fn folds_accents_case_apostrophes_and_spaces() {
        assert_eq!(fold("Liège"), "liege");
        assert_eq!(fold("Braine-l’Alleud"), fold("braine-l'alleud"));
        assert_eq!(fold("  Pont-à-Celles "), "pont-a-celles");
        assert_eq!(fold("Sankt  Vith"), "sankt vith");
        assert_eq!(fold("ÉCAUSSINNES"), "ecaussinnes");
        assert_ne!(fold("Blegny"), fold("Bligny"));
    }
}
