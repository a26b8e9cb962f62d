//! The open-data explorer's state in the address: the columns' kinds the user chose
//! and the view ([`ViewRequest`]), read from and written to a query string, so that
//! reload, back and forward show the same view.
//!
//! | parameter | meaning |
//! |---|---|
//! | `src=<url>` | the dataset's address (`https:`, or a path of the site's own origin) |
//! | `kind.<key>=<kind>` | the column `<key>` read as `<kind>` (`commune`, `category`, …) |
//! | `f.<key>=<value>` | facet `<key>` keeps `<value>`; repeated for several values |
//! | `r.<key>=<min>~<max>` | range `<key>`; either bound may be empty |
//! | `q=<words>` | search |
//! | `metric=<count\|sum\|mean\|median>`, `of=<key>`, `per1000=1` | the map's metric |
//! | `sort=<key>`, `desc=1` | the rows' order |
//! | `page=<n>` | the page, from 1 |
//! | `plain`, `dark`, `transparent`, `height` | an embed's render options, kept as given |
//!
//! Anything else (such as `lang`) is left to the app; unreadable values are ignored.

use super::view::{MapMetric, MetricKind, ViewRequest};
use crate::explore::EMBED_OPTIONS;
use crate::import::profile::{ColumnKind, ColumnProfile};
use crate::language::{with_language, Language};

/// What the address holds for the open-data explorer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DataQuery {
    /// The dataset's address, when it was opened from one (a local file is not here).
    pub src: Option<String>,
    /// Kinds chosen by the user, by column key.
    pub kinds: Vec<(String, ColumnKind)>,
    /// The view.
    pub view: ViewRequest,
    /// An embed's render options ([`EMBED_OPTIONS`]), kept as given so that a view
    /// changed inside an embed keeps its look.
    pub embed: Vec<(String, String)>,
}

/// A bound of a range as written (`""` when none): the shortest form that reads back.
fn bound(value: Option<f64>) -> String {
    value.map_or_else(String::new, |v| v.to_string())
}

impl DataQuery {
    /// Reads a query string (with or without its `?`).
    pub fn parse(query: &str) -> DataQuery {
        let mut out = DataQuery::default();
        let query = query.strip_prefix('?').unwrap_or(query);
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let value = value.trim();
            if let Some(column) = key.strip_prefix("kind.") {
                if let Some(kind) = ColumnKind::from_name(value) {
                    out.kinds.retain(|(c, _)| c != column);
                    out.kinds.push((column.to_string(), kind));
                }
            } else if let Some(facet) = key.strip_prefix("f.") {
                if value.is_empty() {
                    continue;
                }
                match out.view.filters.iter_mut().find(|(k, _)| k == facet) {
                    Some((_, values)) if !values.iter().any(|v| v == value) => {
                        values.push(value.to_string())
                    }
                    Some(_) => {}
                    None => out
                        .view
                        .filters
                        .push((facet.to_string(), vec![value.to_string()])),
                }
            } else if let Some(range) = key.strip_prefix("r.") {
                let (min, max) = value.split_once('~').unwrap_or((value, ""));
                let read = |s: &str| s.trim().parse::<f64>().ok().filter(|v| v.is_finite());
                let (min, max) = (read(min), read(max));
                if min.is_some() || max.is_some() {
                    out.view.ranges.retain(|(k, _, _)| k != range);
                    out.view.ranges.push((range.to_string(), min, max));
                }
            } else {
                match key.as_ref() {
                    "src" if !value.is_empty() => out.src = Some(value.to_string()),
                    "q" => out.view.text = value.to_string(),
                    "metric" => {
                        if let Some(kind) = MetricKind::from_name(value) {
                            out.view.metric.kind = kind;
                        }
                    }
                    "of" if !value.is_empty() => out.view.metric.field = Some(value.to_string()),
                    "per1000" => out.view.metric.per_1000 = value == "1",
                    "sort" if !value.is_empty() => {
                        let descending = out.view.sort.as_ref().is_some_and(|(_, d)| *d);
                        out.view.sort = Some((value.to_string(), descending));
                    }
                    "desc" => {
                        if let Some((_, descending)) = out.view.sort.as_mut() {
                            *descending = value == "1";
                        } else if value == "1" {
                            out.view.sort = Some((String::new(), true));
                        }
                    }
                    "page" => {
                        out.view.page = value.parse::<u32>().map_or(0, |p| p.saturating_sub(1))
                    }
                    option if EMBED_OPTIONS.contains(&option) => {
                        out.embed.push((option.to_string(), value.to_string()))
                    }
                    _ => {}
                }
            }
        }
        // `desc` before `sort`: the placeholder key is dropped if no sort came.
        if out
            .view
            .sort
            .as_ref()
            .is_some_and(|(key, _)| key.is_empty())
        {
            out.view.sort = None;
        }
        out
    }

    /// The query string (without `?`), in a stable order; defaults are left out.
    pub fn to_query(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if let Some(src) = &self.src {
            out.append_pair("src", src);
        }
        for (key, kind) in &self.kinds {
            out.append_pair(&format!("kind.{key}"), kind.as_str());
        }
        for (key, values) in &self.view.filters {
            for value in values {
                out.append_pair(&format!("f.{key}"), value);
            }
        }
        for (key, min, max) in &self.view.ranges {
            if min.is_some() || max.is_some() {
                out.append_pair(
                    &format!("r.{key}"),
                    &format!("{}~{}", bound(*min), bound(*max)),
                );
            }
        }
        if !self.view.text.trim().is_empty() {
            out.append_pair("q", &self.view.text);
        }
        let MapMetric {
            kind,
            field,
            per_1000,
        } = &self.view.metric;
        if *kind != MetricKind::Count {
            out.append_pair("metric", kind.as_str());
        }
        if let Some(field) = field {
            out.append_pair("of", field);
        }
        if *per_1000 {
            out.append_pair("per1000", "1");
        }
        if let Some((key, descending)) = &self.view.sort {
            out.append_pair("sort", key);
            if *descending {
                out.append_pair("desc", "1");
            }
        }
        if self.view.page > 0 {
            out.append_pair("page", &(self.view.page + 1).to_string());
        }
        for (option, value) in &self.embed {
            out.append_pair(option, value);
        }
        out.finish()
    }

    /// The address of this state on the page at `path` (its trailing slash kept or
    /// added), in `language`.
    pub fn href(&self, path: &str, language: Language) -> String {
        let slash = if path.ends_with('/') { "" } else { "/" };
        format!(
            "{path}{slash}?{}",
            with_language(&self.to_query(), language)
        )
    }

    /// This state once `change` is applied, back on the first page unless the change
    /// set another page (the rule of the projects' explorer: a new filter shows its
    /// first rows).
    pub fn changed(&self, change: impl FnOnce(&mut DataQuery)) -> DataQuery {
        let mut next = self.clone();
        change(&mut next);
        if next.view.page == self.view.page {
            next.view.page = 0;
        }
        next
    }

    /// The kind of each column of a dataset whose columns were profiled as
    /// `profiles`: the user's choice where the address has one, else the guess.
    pub fn kinds(&self, profiles: &[ColumnProfile]) -> Vec<ColumnKind> {
        profiles
            .iter()
            .map(|profile| {
                self.kinds
                    .iter()
                    .find(|(key, _)| *key == profile.key)
                    .map_or(profile.kind, |(_, kind)| *kind)
            })
            .collect()
    }

    /// Reads column `key` as `kind` from now on.
    pub fn set_kind(&mut self, key: &str, kind: ColumnKind) {
        self.kinds.retain(|(k, _)| k != key);
        self.kinds.push((key.to_string(), kind));
    }

    /// Adds `value` to facet `key`'s filter, or takes it out if it is there.
    pub fn toggle(&mut self, key: &str, value: &str) {
        match self.view.filters.iter_mut().find(|(k, _)| k == key) {
            Some((_, values)) if values.iter().any(|v| v == value) => values.retain(|v| v != value),
            Some((_, values)) => values.push(value.to_string()),
            None => self
                .view
                .filters
                .push((key.to_string(), vec![value.to_string()])),
        }
        self.view.filters.retain(|(_, values)| !values.is_empty());
    }

    /// Keeps only `value` in facet `key` (a click on the map).
    pub fn select_only(&mut self, key: &str, value: &str) {
        self.view.filters.retain(|(k, _)| k != key);
        self.view
            .filters
            .push((key.to_string(), vec![value.to_string()]));
    }

    /// Sets the lower (`max` false) or upper bound of range `key`; `None` lifts it.
    pub fn set_bound(&mut self, key: &str, max: bool, value: Option<f64>) {
        let (mut lo, mut hi) = self.bounds(key);
        if max {
            hi = value;
        } else {
            lo = value;
        }
        self.view.ranges.retain(|(k, _, _)| k != key);
        if lo.is_some() || hi.is_some() {
            self.view.ranges.push((key.to_string(), lo, hi));
        }
    }

    /// The bounds of range `key`.
    pub fn bounds(&self, key: &str) -> (Option<f64>, Option<f64>) {
        self.view
            .ranges
            .iter()
            .find(|(k, _, _)| k == key)
            .map_or((None, None), |(_, lo, hi)| (*lo, *hi))
    }

    /// Sorts by column `key`: ascending, or descending when it is the ascending sort
    /// already (a header clicked twice).
    pub fn sort_by(&mut self, key: &str) {
        let descending = self
            .view
            .sort
            .as_ref()
            .is_some_and(|(k, d)| k == key && !*d);
        self.view.sort = Some((key.to_string(), descending));
    }

    /// Lifts every filter, range and search.
    pub fn clear_filters(&mut self) {
        self.view.filters.clear();
        self.view.ranges.clear();
        self.view.text.clear();
    }

    /// Whether the view filters anything.
    pub fn is_filtered(&self) -> bool {
        let view = &self.view;
        view.filters.iter().any(|(_, values)| !values.is_empty())
            || view
                .ranges
                .iter()
                .any(|(_, min, max)| min.is_some() || max.is_some())
            || !view.text.trim().is_empty()
    }
}

/// Whether the page at `origin` (`https://site.example`) may fetch a dataset from
/// `src`: an `https:` address, an address of its own origin, or a path of it
/// (`/data/x.csv`); never another scheme (`http:` elsewhere, `javascript:`, `data:`).
pub fn is_fetchable_source(src: &str, origin: &str) -> bool {
    let src = src.trim();
    let lower = src.to_ascii_lowercase();
    lower.starts_with("https://")
        || (src.starts_with('/') && !src.starts_with("//"))
        || (!origin.is_empty() && lower.starts_with(&format!("{}/", origin.to_ascii_lowercase())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_reads_back_what_it_wrote() {
        let query = "src=https%3A%2F%2Fexample.org%2Fa.csv%3Fx%3D1&kind.montant=number&f.theme=Mobilit%C3%A9&f.theme=%C3%89nergie&f.commune=62063\
            &r.annee=2019~&r.montant=~1000.5&q=v%C3%A9los&metric=sum&of=montant&per1000=1&sort=montant&desc=1&page=3&lang=nl";
        let state = DataQuery::parse(query);
        assert_eq!(state.src.as_deref(), Some("https://example.org/a.csv?x=1"));
        assert_eq!(state.kinds, [("montant".to_string(), ColumnKind::Number)]);
        assert_eq!(
            state.view.filters,
            [
                (
                    "theme".to_string(),
                    vec!["Mobilité".to_string(), "Énergie".to_string()]
                ),
                ("commune".to_string(), vec!["62063".to_string()])
            ]
        );
        assert_eq!(
            state.view.ranges,
            [
                ("annee".to_string(), Some(2019.0), None),
                ("montant".to_string(), None, Some(1000.5))
            ]
        );
        assert_eq!(state.view.text, "vélos");
        assert_eq!(state.view.metric.kind, MetricKind::Sum);
        assert_eq!(state.view.metric.field.as_deref(), Some("montant"));
        assert!(state.view.metric.per_1000);
        assert_eq!(state.view.sort, Some(("montant".to_string(), true)));
        assert_eq!(state.view.page, 2);
        assert!(state.is_filtered());
        assert_eq!(DataQuery::parse(&state.to_query()), state);
        let href = state.href("/base/data", Language::Nl);
        assert!(
            href.starts_with(
                "/base/data/?src=https%3A%2F%2Fexample.org%2Fa.csv%3Fx%3D1&kind.montant=number&"
            ) && href.ends_with("&lang=nl")
        );
        assert_eq!(DataQuery::parse(href.split_once('?').unwrap().1), state);
    }

    #[test]
    fn datasets_are_fetched_over_https_or_from_the_site_itself() {
        let origin = "http://127.0.0.1:8080";
        assert!(is_fetchable_source(
            "https://www.odwb.be/export.csv",
            origin
        ));
        assert!(is_fetchable_source("HTTPS://x.org/a", origin));
        assert!(is_fetchable_source("/fixtures/a.csv", origin));
        assert!(is_fetchable_source("http://127.0.0.1:8080/a.csv", origin));
        assert!(!is_fetchable_source("http://127.0.0.1:8081/a.csv", origin));
        assert!(!is_fetchable_source("http://example.org/a.csv", origin));
        assert!(!is_fetchable_source("//evil.example/a.csv", origin));
        assert!(!is_fetchable_source("javascript:alert(1)", origin));
        assert!(!is_fetchable_source("data:text/csv,a", origin));
    }

    #[test]
    fn an_embeds_render_options_stay_through_a_change() {
        let state = DataQuery::parse("src=%2Fa.csv&plain=1&f.theme=A&height=400&dark=on");
        assert_eq!(
            state.embed,
            [
                ("plain".to_string(), "1".to_string()),
                ("height".to_string(), "400".to_string()),
                ("dark".to_string(), "on".to_string())
            ]
        );
        let mut next = state.changed(|q| q.toggle("theme", "B"));
        next.clear_filters();
        assert!(!next.is_filtered());
        assert_eq!(
            next.href("/data/embed/map/", Language::Fr),
            "/data/embed/map/?src=%2Fa.csv&plain=1&height=400&dark=on&lang=fr"
        );
    }

    #[test]
    fn bad_values_are_ignored_and_defaults_left_out() {
        let state = DataQuery::parse("?kind.x=blob&r.y=a~b&metric=max&page=zero&f.z=&desc=1");
        assert_eq!(state, DataQuery::default());
        assert_eq!(state.to_query(), "");
        assert!(!state.is_filtered());
    }

    #[test]
    fn changes_of_facets_ranges_sort_and_kinds() {
        let mut state = DataQuery::default();
        state.toggle("theme", "Mobilité");
        state.toggle("theme", "Énergie");
        state.toggle("theme", "Mobilité");
        assert_eq!(
            state.view.filters,
            [("theme".to_string(), vec!["Énergie".to_string()])]
        );
        state.toggle("theme", "Énergie");
        assert!(state.view.filters.is_empty());
        state.select_only("commune", "62063");
        state.select_only("commune", "92094");
        assert_eq!(
            state.view.filters,
            [("commune".to_string(), vec!["92094".to_string()])]
        );
        state.set_bound("annee", false, Some(2020.0));
        state.set_bound("annee", true, Some(2022.0));
        assert_eq!(state.bounds("annee"), (Some(2020.0), Some(2022.0)));
        state.set_bound("annee", false, None);
        state.set_bound("annee", true, None);
        assert!(state.view.ranges.is_empty());
        state.sort_by("montant");
        assert_eq!(state.view.sort, Some(("montant".to_string(), false)));
        state.sort_by("montant");
        assert_eq!(state.view.sort, Some(("montant".to_string(), true)));
        state.sort_by("annee");
        assert_eq!(state.view.sort, Some(("annee".to_string(), false)));
        state.view.text = "eau".into();
        state.clear_filters();
        assert!(!state.is_filtered());
        state.set_kind("theme", ColumnKind::Text);
        state.set_kind("theme", ColumnKind::Category);
        assert_eq!(state.kinds, [("theme".to_string(), ColumnKind::Category)]);
    }

    #[test]
    fn a_change_goes_back_to_the_first_page_unless_it_is_a_page() {
        let state = DataQuery::parse("page=4");
        let filtered = state.changed(|s| s.view.text = "eau".into());
        assert_eq!(filtered.view.page, 0);
        let paged = state.changed(|s| s.view.page = 5);
        assert_eq!(paged.view.page, 5);
    }
}
