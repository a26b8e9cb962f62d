//! Filtering the projects by the explorer's state, and the disjunctive counts
//! of the facet options.
//!
//! Rules:
//! - facets are ANDed; the values selected within one facet are ORed;
//! - a project matches the municipality facet when any of its NIS codes is
//!   selected, and the province facet when any of its municipalities lies in a
//!   selected province (looked up in the [`Reference`]);
//! - a project without municipalities ("unassigned") matches only while no
//!   municipality or province is selected;
//! - a project without theme, or without lead type, is left out as soon as the
//!   theme, or applicant-type, facet has a selection;
//! - the subsidy range is inclusive; a project whose subsidy is unknown is left
//!   out only when a bound is set;
//! - the free text is folded ([`crate::text::fold`]: case and accents ignored) and split into
//!   words ([`crate::text::words`]: runs of letters and digits); every query word must be the prefix
//!   of a word of the title or the lead applicant.
//!
//! The projects' index ([`ProjectIndex`], over the columnar engine
//! [`crate::engine`]) answers every query; [`filter`] and [`facet_counts`] are
//! its one-shot form.

use super::index::ProjectIndex;
use super::state::{ExplorerState, Facet};
use crate::datasets::Project;
use crate::municipality::Reference;

/// One option of a facet, as the filter panel lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacetOption {
    /// The value as written in the URL (NIS code, keyword, call).
    pub value: String,
    /// Projects matching every other active filter and this value.
    pub count: usize,
    /// Whether the value is selected.
    pub selected: bool,
}

/// The options of every facet, with their disjunctive counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facets {
    /// Every municipality named by a project of the data (counted 0 when no
    /// project of it passes the other filters), plus the selected ones; by NIS
    /// code. The list does not change with the filters, only the counts do.
    pub municipalities: Vec<FacetOption>,
    /// The provinces of Wallonia, plus any selected or counted one; by NIS code.
    pub provinces: Vec<FacetOption>,
    /// Every theme, in declaration order.
    pub themes: Vec<FacetOption>,
    /// Every status, in declaration order.
    pub statuses: Vec<FacetOption>,
    /// The calls found in the data, plus the selected ones, sorted.
    pub calls: Vec<FacetOption>,
    /// Every kind of lead applicant, in declaration order.
    pub applicant_types: Vec<FacetOption>,
    /// Projects matching every filter (the length of [`filter`]'s result).
    pub matching: usize,
}

impl Facets {
    /// The options of one facet.
    pub fn options(&self, facet: Facet) -> &[FacetOption] {
        match facet {
            Facet::Municipality => &self.municipalities,
            Facet::Province => &self.provinces,
            Facet::Theme => &self.themes,
            Facet::Status => &self.statuses,
            Facet::Call => &self.calls,
            Facet::ApplicantType => &self.applicant_types,
        }
    }

    /// The count and check of `value` in `facet`: (0, unchecked) when the facet does
    /// not list it.
    pub fn count_and_check(&self, facet: Facet, value: &str) -> (usize, bool) {
        self.options(facet)
            .iter()
            .find(|o| o.value == value)
            .map_or((0, false), |o| (o.count, o.selected))
    }
}

/// The indices (into `projects`, ascending) of the projects matching every
/// filter of `state`; see the module documentation for the rules.
///
/// Builds a [`ProjectIndex`] for the call: code that filters the same projects
/// more than once should build the index once and call
/// [`ProjectIndex::filter`].
pub fn filter(projects: &[Project], reference: &Reference, state: &ExplorerState) -> Vec<usize> {
    ProjectIndex::build(projects, reference)
        .filter(state)
        .to_indices()
}

/// The options of every facet with disjunctive counts: each option's count is
/// the number of projects matching every active filter except the facet's own
/// selection, and having that value (so selecting theme A leaves the count of
/// theme B as if A were not selected). A project with several municipalities
/// counts once for each, and once for each of their provinces.
///
/// Builds a [`ProjectIndex`] for the call, like [`filter`]; see
/// [`ProjectIndex::facet_counts`].
pub fn facet_counts(projects: &[Project], reference: &Reference, state: &ExplorerState) -> Facets {
    ProjectIndex::build(projects, reference).facet_counts(state)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::datasets::Theme;
    use crate::explore::fixtures::{projects, reference};

    fn ids(state: &ExplorerState) -> Vec<String> {
        let projects = projects();
        filter(&projects, &reference(), state)
            .into_iter()
            .map(|i| projects[i].id.clone())
            .collect()
    }

    fn state(query: &str) -> ExplorerState {
        let (state, notices) = ExplorerState::from_query(query);
        assert!(notices.is_empty(), "{notices:?}");
        state
    }

    fn count(options: &[FacetOption], value: &str) -> Option<(usize, bool)> {
        options
            .iter()
            .find(|o| o.value == value)
            .map(|o| (o.count, o.selected))
    }

    #[test]
    fn no_filter_keeps_everything() {
        assert_eq!(ids(&ExplorerState::default()).len(), 6);
    }

    #[test]
    fn values_within_a_facet_are_ored_and_facets_anded() {
        assert_eq!(
            ids(&state("theme=energy-environment,mobility-logistics")),
            [
                "ti2019-liege-energy",
                "ti2019-namur-mobility",
                "ti2023-ans-energy",
                "ti2023-liege-mobility"
            ]
        );
        assert_eq!(
            ids(&state(
                "theme=energy-environment,mobility-logistics&call=2019"
            )),
            ["ti2019-liege-energy", "ti2019-namur-mobility"]
        );
        assert_eq!(
            ids(&state("status=selected&call=2023-phase1,2023-phase2")),
            [
                "ti2023-ans-energy",
                "ti2023-unassigned",
                "ti2023-liege-mobility"
            ]
        );
        assert_eq!(
            ids(&state("applicant=intercommunale,province")),
            ["ti2023-ans-energy", "ti2023-unassigned"]
        );
        assert_eq!(ids(&state("status=abandoned")), ["ti2023-mons-tourism"]);
    }

    #[test]
    fn municipality_and_province_filters() {
        // Any of the project's municipalities.
        assert_eq!(
            ids(&state("commune=62003")),
            ["ti2023-ans-energy", "ti2023-liege-mobility"]
        );
        assert_eq!(ids(&state("commune=92003")), ["ti2019-namur-mobility"]);
        assert_eq!(
            ids(&state("province=60000")),
            [
                "ti2019-liege-energy",
                "ti2023-ans-energy",
                "ti2023-liege-mobility"
            ]
        );
        assert_eq!(
            ids(&state("province=90000,50000")),
            ["ti2019-namur-mobility", "ti2023-mons-tourism"]
        );
        // Both facets: ANDed.
        assert_eq!(
            ids(&state("province=60000&commune=92094")),
            Vec::<String>::new()
        );
    }

    #[test]
    fn unassigned_projects_match_only_without_place_filter() {
        assert!(ids(&state("theme=governance-citizenship")) == ["ti2023-unassigned"]);
        assert!(ids(&state("theme=governance-citizenship&commune=62063")).is_empty());
        assert!(ids(&state("theme=governance-citizenship&province=60000")).is_empty());
        let facets = facet_counts(&projects(), &reference(), &state("call=2023-phase2"));
        assert_eq!(facets.matching, 2);
        let index = ProjectIndex::build(&projects(), &reference());
        let selection = index.filter(&state("call=2023-phase2"));
        assert_eq!((selection.len(), index.unassigned(&selection)), (2, 1));
    }

    #[test]
    fn text_search_ignores_case_and_accents_and_matches_word_prefixes() {
        assert_eq!(ids(&state("q=liege")), ["ti2019-liege-energy"]);
        assert_eq!(ids(&state("q=LIÈGE")), ["ti2019-liege-energy"]);
        // Every word must match the prefix of a word, in any order.
        assert_eq!(
            ids(&state("q=park")),
            ["ti2019-namur-mobility", "ti2023-liege-mobility"]
        );
        assert_eq!(ids(&state("q=capt+park")), ["ti2023-liege-mobility"]);
        assert_eq!(
            ids(&state("q=parkings+capteurs")),
            ["ti2023-liege-mobility"]
        );
        // Inside a word is not a prefix.
        assert!(ids(&state("q=arking")).is_empty());
        assert!(ids(&state("q=park+xyz")).is_empty());
        // The lead applicant is searched too.
        assert_eq!(ids(&state("q=resa")), ["ti2023-ans-energy"]);
        assert_eq!(ids(&state("q=ville+de")), ["ti2019-liege-energy"]);
        // Only punctuation or spaces: no text filter.
        assert_eq!(ids(&state("q=+-+")).len(), 6);
    }

    #[test]
    fn subsidy_range_excludes_unknown_amounts_only_when_set() {
        assert!(ids(&state("call=2023-phase1")).contains(&"ti2023-ans-energy".to_owned()));
        assert_eq!(
            ids(&state("subsidy_min=40000&subsidy_max=80000")),
            [
                "ti2019-namur-mobility",
                "ti2023-mons-tourism",
                "ti2023-liege-mobility"
            ]
        );
        assert_eq!(ids(&state("subsidy_min=0")).len(), 5);
        assert_eq!(
            ids(&state("subsidy_max=40000")),
            ["ti2023-unassigned", "ti2023-mons-tourism"]
        );
    }

    #[test]
    fn facet_counts_are_disjunctive() {
        let projects = projects();
        let reference = reference();
        let none = facet_counts(&projects, &reference, &ExplorerState::default());
        assert_eq!(none.matching, 6);
        assert_eq!(count(&none.themes, "energy-environment"), Some((2, false)));
        assert_eq!(count(&none.themes, "mobility-logistics"), Some((2, false)));
        assert_eq!(count(&none.themes, "resilience-crisis"), Some((0, false)));
        assert_eq!(none.themes.len(), Theme::ALL.len());

        // Selecting a theme keeps the other themes' counts.
        let one = facet_counts(&projects, &reference, &state("theme=energy-environment"));
        assert_eq!(one.matching, 2);
        assert_eq!(count(&one.themes, "energy-environment"), Some((2, true)));
        assert_eq!(count(&one.themes, "mobility-logistics"), Some((2, false)));
        // The other facets are counted under the theme filter.
        assert_eq!(count(&one.statuses, "selected"), Some((2, false)));
        assert_eq!(count(&one.statuses, "completed"), Some((0, false)));
        assert_eq!(count(&one.calls, "2019"), Some((1, false)));
        assert_eq!(count(&one.calls, "2023-phase2"), Some((0, false)));
        assert_eq!(count(&one.provinces, "60000"), Some((2, false)));
        assert_eq!(count(&one.provinces, "90000"), Some((0, false)));
        // Municipalities: every one the data name, whatever the filters, the
        // counts following them.
        let communes: Vec<(&str, usize)> = one
            .municipalities
            .iter()
            .map(|o| (o.value.as_str(), o.count))
            .collect();
        assert_eq!(
            communes,
            [
                ("53053", 0),
                ("62003", 1),
                ("62063", 1),
                ("92003", 0),
                ("92094", 0)
            ]
        );
        assert_eq!(none.municipalities.len(), one.municipalities.len());

        // Two facets active: each is counted under the other only.
        let two = facet_counts(
            &projects,
            &reference,
            &state("theme=energy-environment&province=90000&commune=53053"),
        );
        assert_eq!(two.matching, 0);
        assert_eq!(count(&two.themes, "mobility-logistics"), Some((0, false)));
        assert_eq!(count(&two.provinces, "60000"), Some((0, false)));
        assert_eq!(count(&two.municipalities, "53053"), Some((0, true)));
        let three = facet_counts(
            &projects,
            &reference,
            &state("theme=mobility-logistics&province=90000"),
        );
        assert_eq!(three.matching, 1);
        assert_eq!(count(&three.themes, "mobility-logistics"), Some((1, true)));
        assert_eq!(count(&three.themes, "energy-environment"), Some((0, false)));
        assert_eq!(count(&three.provinces, "90000"), Some((1, true)));
        assert_eq!(count(&three.provinces, "60000"), Some((1, false)));
        assert_eq!(count(&three.municipalities, "92003"), Some((1, false)));
        // Counted options match the filter's result when selected alone.
        for option in &none.provinces {
            let alone = ids(&state(&format!("province={}", option.value)));
            assert_eq!(alone.len(), option.count, "{}", option.value);
        }
        for option in &none.calls {
            let alone = ids(&state(&format!("call={}", option.value)));
            assert_eq!(alone.len(), option.count, "{}", option.value);
        }
    }

    #[test]
    fn options_list_every_known_value() {
        let facets = facet_counts(&projects(), &reference(), &state("call=2030&commune=92094"));
        let calls: Vec<&str> = facets.calls.iter().map(|o| o.value.as_str()).collect();
        assert_eq!(calls, ["2019", "2023-phase1", "2023-phase2", "2030"]);
        let provinces: Vec<&str> = facets.provinces.iter().map(|o| o.value.as_str()).collect();
        assert_eq!(provinces, ["50000", "60000", "90000"]);
        assert_eq!(facets.statuses.len(), 3);
        assert_eq!(facets.applicant_types.len(), 3);
        assert_eq!(count(&facets.municipalities, "92094"), Some((0, true)));
        assert_eq!(facets.options(Facet::Call).len(), 4);
    }

    #[test]
    fn count_and_check_of_one_value() {
        let facets = facet_counts(
            &projects(),
            &reference(),
            &state("theme=energy-environment"),
        );
        for (facet, value, expected) in [
            (Facet::Theme, "energy-environment", (2, true)),
            (Facet::Theme, "mobility-logistics", (2, false)),
            (Facet::Status, "completed", (0, false)),
            // A value the facet does not list: none, unchecked.
            (Facet::Municipality, "99999", (0, false)),
            (Facet::Theme, "92094", (0, false)),
        ] {
            assert_eq!(facets.count_and_check(facet, value), expected, "{value}");
        }
    }
}
