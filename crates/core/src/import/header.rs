//! Finding the columns an importer needs among a file's headers, whatever their
//! case, accents, separators or language.

use super::report::Issue;
use crate::text::fold;
use std::collections::HashMap;

/// Normalises a header for comparison: folded by [`fold`] (lower case, no
/// accents, unified apostrophes), with `_`, `-` and stray BOMs taken as spaces and
/// runs of spaces collapsed. `"Code_INS"`, `"code-ins"` and `" Code  INS "` all
/// give `"code ins"`; `"niscode"` stays one word.
pub fn normalize_header(header: &str) -> String {
    let folded: String = fold(header)
        .chars()
        .map(|c| match c {
            '_' | '-' | '\u{FEFF}' => ' ',
            c => c,
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A field an importer looks for, and the headers that may name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    /// The field's canonical name (itself also accepted as a header).
    pub name: &'static str,
    /// Other headers naming the field, compared after [`normalize_header`].
    pub aliases: &'static [&'static str],
    /// Whether a file without the field is rejected.
    pub required: bool,
}

/// Resolution of [`FieldSpec`]s against a header row.
#[derive(Clone, Copy, Debug)]
pub struct HeaderMap;

impl HeaderMap {
    /// Maps each field found to the 0-based index of its column. Errors: a
    /// required field with no column, a field matched by several columns, a
    /// column matching several fields (each issue names the field, and the
    /// 1-based column when there is one).
    pub fn resolve<S: AsRef<str>>(
        headers: &[S],
        specs: &[FieldSpec],
    ) -> Result<HashMap<&'static str, usize>, Vec<Issue>> {
        let normalized: Vec<String> = headers
            .iter()
            .map(|h| normalize_header(h.as_ref()))
            .collect();
        let mut found = HashMap::new();
        let mut claimed: HashMap<usize, &'static str> = HashMap::new();
        let mut issues = Vec::new();
        for spec in specs {
            let names: Vec<String> = std::iter::once(spec.name)
                .chain(spec.aliases.iter().copied())
                .map(normalize_header)
                .filter(|n| !n.is_empty())
                .collect();
            let columns: Vec<usize> = normalized
                .iter()
                .enumerate()
                .filter(|(_, h)| names.contains(h))
                .map(|(i, _)| i)
                .collect();
            match columns.as_slice() {
                [] if spec.required => issues.push(missing(spec)),
                [] => {}
                [column] => {
                    if let Some(other) = claimed.insert(*column, spec.name) {
                        let header = headers.get(*column).map_or("", |h| h.as_ref());
                        issues.push(
                            Issue::new(format!(
                                "column {header:?} matches both fields {other:?} and {:?}",
                                spec.name
                            ))
                            .with_column(*column as u64 + 1)
                            .with_field(spec.name),
                        );
                    } else {
                        found.insert(spec.name, *column);
                    }
                }
                [_, second, ..] => {
                    let list: Vec<String> = columns
                        .iter()
                        .map(|&i| {
                            let header = headers.get(i).map_or("", |h| h.as_ref());
                            format!("{header:?} (column {})", i + 1)
                        })
                        .collect();
                    issues.push(
                        Issue::new(format!("several columns match: {}", list.join(", ")))
                            .with_column(*second as u64 + 1)
                            .with_field(spec.name),
                    );
                }
            }
        }
        if issues.is_empty() {
            Ok(found)
        } else {
            Err(issues)
        }
    }
}

fn missing(spec: &FieldSpec) -> Issue {
    let accepted: Vec<String> = std::iter::once(spec.name)
        .chain(spec.aliases.iter().copied())
        .map(|a| format!("{a:?}"))
        .collect();
    Issue::new(format!(
        "missing required column (accepted headers: {})",
        accepted.join(", ")
    ))
    .with_field(spec.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NIS: FieldSpec = FieldSpec {
        name: "nis",
        aliases: &["code ins", "code nis", "nis code", "refnis", "niscode"],
        required: true,
    };
    const NAME: FieldSpec = FieldSpec {
        name: "name",
        aliases: &["nom", "commune"],
        required: true,
    };
    const AMOUNT: FieldSpec = FieldSpec {
        name: "amount",
        aliases: &["montant"],
        required: false,
    };

    #[test]
    fn normalizes_case_accents_and_separators() {
        assert_eq!(normalize_header(" Code_INS "), "code ins");
        assert_eq!(normalize_header("code-ins"), "code ins");
        assert_eq!(
            normalize_header("\u{FEFF}Année  de_début"),
            "annee de debut"
        );
        assert_eq!(normalize_header("NISCode"), "niscode");
    }

    #[test]
    fn resolves_aliases() {
        for header in [
            "Code INS", "NIS code", "refnis", "REFNIS", "nis", "Code_NIS",
        ] {
            let map = HeaderMap::resolve(&[header, "Nom"], &[NIS, NAME, AMOUNT]).unwrap();
            assert_eq!(map.get("nis"), Some(&0), "{header}");
            assert_eq!(map.get("name"), Some(&1));
            assert_eq!(map.get("amount"), None);
        }
    }

    #[test]
    fn reports_missing_and_duplicated_columns() {
        let issues = HeaderMap::resolve(
            &["Code INS", "x", "Montant", "refnis"],
            &[NIS, NAME, AMOUNT],
        )
        .unwrap_err();
        assert_eq!(
            issues,
            [
                Issue::new("several columns match: \"Code INS\" (column 1), \"refnis\" (column 4)")
                    .with_column(4)
                    .with_field("nis"),
                Issue::new(
                    "missing required column (accepted headers: \"name\", \"nom\", \"commune\")"
                )
                .with_field("name"),
            ]
        );
    }

    #[test]
    fn reports_a_column_claimed_by_two_fields() {
        const CODE: FieldSpec = FieldSpec {
            name: "postcode",
            aliases: &["nis"],
            required: false,
        };
        let issues = HeaderMap::resolve(&["nis"], &[NIS, CODE]).unwrap_err();
        assert_eq!(
            issues[0].message,
            "column \"nis\" matches both fields \"nis\" and \"postcode\""
        );
    }
}
