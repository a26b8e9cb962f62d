//! Helpers of the project and municipality pages: similar projects, the rank
//! of a municipality, and how much of a call the data documents.

use crate::datasets::Project;
use crate::municipality::{Reference, WALLONIA};
use crate::text::{fold, words};
use std::cmp::Reverse;
use std::collections::BTreeSet;

/// Folded words that say nothing about what a project does: French and
/// English function words, and words every Smart Région title shares.
const STOP_WORDS: &[&str] = &[
    // French.
    "les",
    "des",
    "une",
    "aux",
    "pour",
    "par",
    "sur",
    "dans",
    "avec",
    "est",
    "sont",
    "que",
    "qui",
    "dont",
    "son",
    "ses",
    "leur",
    "leurs",
    "cette",
    "ces",
    "nos",
    "vos",
    "notre",
    "votre",
    "entre",
    "vers",
    "chez",
    "sans",
    "sous",
    "plus",
    "tout",
    "tous",
    "toute",
    "toutes",
    "mise",
    "place",
    "afin",
    "ainsi",
    "aussi",
    "comme",
    "mais",
    "etc",
    "via",
    "lors",
    "selon",
    "nouveau",
    "nouvelle",
    "nouveaux",
    "nouvelles",
    // English.
    "the",
    "and",
    "for",
    "with",
    "from",
    "into",
    "our",
    "your",
    "their",
    "this",
    "that",
    "these",
    "those",
    "are",
    "was",
    "were",
    "its",
    "not",
    "but",
    "all",
    "any",
    "per",
    "over",
    "under",
    "out",
    "new",
    // Shared by the calls' titles.
    "smart",
    "city",
    "cities",
    "region",
    "wallonie",
    "wallonia",
    "wallon",
    "wallonne",
    "commune",
    "communes",
    "communal",
    "communale",
    "communaux",
    "ville",
    "villes",
    "projet",
    "projets",
    "project",
    "projects",
    "territoire",
    "territoires",
    "territory",
    "intelligent",
    "intelligente",
    "intelligents",
    "intelligentes",
    "numerique",
    "numeriques",
    "digital",
    "digitale",
    "digitaux",
];

/// The significant words of a title: folded, at least three letters, not a
/// stop word nor a number, a final `s` dropped (`parkings` ~ `parking`).
pub fn significant_words(title: &str) -> BTreeSet<String> {
    let folded = fold(title);
    words(&folded)
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .filter(|w| !STOP_WORDS.contains(w))
        .map(|w| match w.strip_suffix('s') {
            Some(stem) if stem.chars().count() >= 3 => stem.to_owned(),
            _ => w.to_owned(),
        })
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

/// Projects similar to the one with id `id`, best first, at most `limit`:
/// a project scores 2 per significant title word shared with it
/// ([`significant_words`]) and 1 for the same theme; projects scoring 0 and
/// the project itself are left out. Projects sharing a municipality with it
/// (already listed on its municipalities' pages) come after all the others;
/// then by score, then by id. Empty for an unknown id.
pub fn similar_projects(projects: &[Project], id: &str, limit: usize) -> Vec<usize> {
    let Some((index, target)) = projects.iter().enumerate().find(|(_, p)| p.id == id) else {
        return Vec::new();
    };
    let target_words = significant_words(&target.title);
    let mut scored: Vec<(bool, usize, usize)> = projects
        .iter()
        .enumerate()
        .filter(|(i, p)| *i != index && p.id != target.id)
        .filter_map(|(i, p)| {
            let shared = significant_words(&p.title)
                .intersection(&target_words)
                .count();
            let same_theme = usize::from(target.theme.is_some() && p.theme == target.theme);
            let score = 2 * shared + same_theme;
            let same_place = p
                .municipalities
                .iter()
                .any(|m| target.municipalities.contains(m));
            (score > 0).then_some((same_place, score, i))
        })
        .collect();
    scored.sort_by(|a, b| {
        (a.0, Reverse(a.1), &projects[a.2].id).cmp(&(b.0, Reverse(b.1), &projects[b.2].id))
    });
    scored.into_iter().take(limit).map(|(_, _, i)| i).collect()
}

/// Among which municipalities a municipality is ranked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum RankScope {
    /// The municipalities of Wallonia.
    #[default]
    Wallonia,
    /// The municipalities of its province.
    Province,
}

/// The rank of municipality `nis` by its value (largest first) among the
/// municipalities of `scope`, and how many municipalities the scope has:
/// `(3, 262)` is "3rd of the 262 Walloon municipalities". Ties share the best
/// rank (1, 1, 3, …); municipalities without value rank below every value.
/// `None` when the municipality has no value, is unknown, or is not in the
/// scope (e.g. outside Wallonia).
pub fn commune_rank(
    reference: &Reference,
    values: &std::collections::BTreeMap<String, f64>,
    nis: &str,
    scope: RankScope,
) -> Option<(usize, usize)> {
    let municipality = reference.municipality(nis)?;
    let value = *values.get(nis)?;
    if municipality.region != WALLONIA {
        return None;
    }
    let members: Vec<&str> = reference
        .in_region(WALLONIA)
        .filter(|m| match scope {
            RankScope::Wallonia => true,
            RankScope::Province => {
                municipality.province.is_some() && m.province == municipality.province
            }
        })
        .map(|m| m.nis.as_str())
        .collect();
    let above = members
        .iter()
        .filter(|m| values.get(**m).is_some_and(|v| *v > value))
        .count();
    Some((above + 1, members.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::datasets::{ProjectStatus, Theme};
    use crate::explore::fixtures::{project, projects, reference};
    use std::collections::BTreeMap;

    #[test]
    fn significant_words_drop_stop_words_and_plurals() {
        let words =
            significant_words("Éclairage public intelligent à Liège pour les parkings 2019");
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        assert_eq!(words, ["eclairage", "liege", "parking", "public"]);
    }

    #[test]
    fn similar_projects_rank_other_places_first() {
        let mut projects = projects();
        projects.push(project(
            "ti2023-liege-led",
            2023,
            "phase1",
            "Éclairage public LED",
            &["62063"],
            Some(Theme::EnergyEnvironment),
            ProjectStatus::Selected,
            None,
        ));
        let ids = |id: &str, limit: usize| -> Vec<String> {
            similar_projects(&projects, id, limit)
                .into_iter()
                .map(|i| projects[i].id.clone())
                .collect()
        };
        // Shared word + theme beats a shared word only.
        assert_eq!(
            ids("ti2019-namur-mobility", 10),
            ["ti2023-liege-mobility", "ti2023-mons-tourism"]
        );
        assert_eq!(ids("ti2019-namur-mobility", 1), ["ti2023-liege-mobility"]);
        // The LED project shares two words and the theme, but also Liège: last.
        assert_eq!(
            ids("ti2019-liege-energy", 10),
            ["ti2023-ans-energy", "ti2023-liege-led"]
        );
        assert!(ids("ti2023-unassigned", 10).is_empty());
        assert!(ids("nope", 10).is_empty());
        assert!(ids("ti2019-liege-energy", 0).is_empty());
    }

    #[test]
    fn ranks_share_ties_and_respect_the_scope() {
        let reference = reference();
        let values: BTreeMap<String, f64> = [
            ("62063", 2.0),
            ("62003", 2.0),
            ("92094", 1.0),
            ("21004", 9.0),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        // Five Walloon municipalities in the fixture; Brussels is not ranked.
        assert_eq!(
            commune_rank(&reference, &values, "62063", RankScope::Wallonia),
            Some((1, 5))
        );
        assert_eq!(
            commune_rank(&reference, &values, "62003", RankScope::Wallonia),
            Some((1, 5))
        );
        assert_eq!(
            commune_rank(&reference, &values, "92094", RankScope::Wallonia),
            Some((3, 5))
        );
        assert_eq!(
            commune_rank(&reference, &values, "92094", RankScope::Province),
            Some((1, 2))
        );
        assert_eq!(
            commune_rank(&reference, &values, "62003", RankScope::Province),
            Some((1, 2))
        );
        assert_eq!(
            commune_rank(&reference, &values, "53053", RankScope::Wallonia),
            None
        );
        assert_eq!(
            commune_rank(&reference, &values, "21004", RankScope::Wallonia),
            None
        );
        assert_eq!(
            commune_rank(&reference, &values, "99999", RankScope::Wallonia),
            None
        );
    }
}
