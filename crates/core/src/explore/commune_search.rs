//! The explorer's type-ahead over the municipalities of a region: a typed text is
//! looked up in every name of each municipality (FR, NL, DE), case and accents aside
//! ([`fold`]).

use crate::municipality::Reference;
use crate::ordered::ordered_set;
use crate::text::fold;

/// The folded names of a region's municipalities, ready to be searched.
#[derive(Clone, Debug, Default)]
pub struct CommuneSearch {
    /// Per municipality: its NIS code and its folded names joined by `|`.
    names: Vec<(String, String)>,
}

impl CommuneSearch {
    /// The municipalities of region `region` (its NIS code) in `reference`.
    pub fn new(reference: &Reference, region: &str) -> Self {
        let names = reference
            .in_region(region)
            .map(|m| {
                let names = [&m.name.fr, &m.name.nl, &m.name.de]
                    .into_iter()
                    .flatten()
                    .map(|n| fold(n))
                    .collect::<Vec<_>>()
                    .join("|");
                (m.nis.clone(), names)
            })
            .collect();
        CommuneSearch { names }
    }

    /// The first `limit` municipalities one of whose names contains `text` (folded),
    /// as (NIS code, `label` of that code), ordered by folded label then code; none
    /// for a blank text.
    pub fn find(
        &self,
        text: &str,
        label: impl Fn(&str) -> String,
        limit: usize,
    ) -> Vec<(String, String)> {
        let text = fold(text);
        if text.is_empty() {
            return Vec::new();
        }
        ordered_set(
            self.names
                .iter()
                .filter(|(_, names)| names.contains(&text))
                .map(|(nis, _)| {
                    let name = label(nis);
                    (fold(&name), nis.clone(), name)
                }),
        )
        .into_iter()
        .take(limit)
        .map(|(_, nis, name)| (nis, name))
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::CommuneSearch;
    use crate::explore::fixtures::reference;
    use crate::language::Language;
    use crate::municipality::WALLONIA;

    fn found(search: &CommuneSearch, text: &str, limit: usize) -> Vec<String> {
        let reference = reference();
        search
            .find(
                text,
                |nis| {
                    reference.municipality(nis).map_or(nis.to_string(), |m| {
                        m.display_name(Language::Fr).to_string()
                    })
                },
                limit,
            )
            .into_iter()
            .map(|(nis, name)| format!("{nis} {name}"))
            .collect()
    }

    #[test]
    fn any_name_matches_in_part_case_and_accents_aside() {
        let search = CommuneSearch::new(&reference(), WALLONIA);
        assert_eq!(found(&search, "LIEGE", 8), ["62063 Liège"]);
        // The Dutch name finds it too, shown by its label.
        assert_eq!(found(&search, "luik", 8), ["62063 Liège"]);
        assert_eq!(found(&search, "iè", 8), ["62063 Liège"]);
        // Ordered by label: Andenne, Ans; cut at the limit.
        assert_eq!(found(&search, "an", 8), ["92003 Andenne", "62003 Ans"]);
        assert_eq!(found(&search, "an", 1), ["92003 Andenne"]);
        // Outside the region (Bruxelles), or blank: nothing.
        assert!(found(&search, "bruxelles", 8).is_empty());
        assert!(found(&search, "  ", 8).is_empty());
    }
}
