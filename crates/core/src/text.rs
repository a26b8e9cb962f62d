//! Text normalisation and splitting into words, for matching and sorting names.

use unicode_normalization::UnicodeNormalization;

/// Folds a text for comparison: Unicode-decomposed, accents dropped, lower case,
/// typographic apostrophes and dashes unified, runs of spaces collapsed.
/// `fold("Braine-l’Alleud") == fold("braine-l'alleud")`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = true;
    for c in text.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
            '\u{2010}'..='\u{2015}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
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
    use super::{fold, is_https_link, is_web_link};

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
