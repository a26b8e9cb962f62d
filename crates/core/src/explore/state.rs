//! The explorer's state, kept in the URL query string so that any view can be
//! shared and restored.
//!
//! # Query format
//!
//! | key | value | default (omitted) |
//! | --- | --- | --- |
//! | `commune` | NIS codes of municipalities | none |
//! | `province` | NIS codes of provinces | none |
//! | `theme` | themes (`energy-environment`, …) | none |
//! | `status` | `selected`, `completed`, `abandoned` | none |
//! | `call` | calls: `2019`, `2023-phase1`, … (see [`call_of`]) | none |
//! | `applicant` | `commune`, `intercommunale`, `province` | none |
//! | `subsidy_min`, `subsidy_max` | an amount in euros ≥ 0, e.g. `50000` or `12500.5`, read to the cent (see [`read_amount`]) | none |
//! | `q` (or `text`) | free text | empty |
//! | `metric` | `projects`, `subsidy`, `subsidy-per-inhabitant` | `projects` |
//! | `extent` | `wallonia`, `belgium` | `wallonia` |
//! | `sort` | a [`SortKey`], prefixed with `-` for descending: `-subsidy` | `title` |
//! | `page` | 1-based page number | `1` |
//!
//! A facet with several values is written **once, as a comma-separated list**
//! (`theme=energy-environment,mobility-logistics`); on reading, repeated keys
//! are accepted too and merged (`theme=a&theme=b` is `theme=a,b`). No facet
//! value contains a comma. Keys are read ignoring ASCII case; `+` is a space and
//! `%XX` escapes are decoded (by hand, so that a broken escape is caught; the
//! writing uses `form_urlencoded`). `lang` belongs to the app and is
//! ignored silently. Anything else that cannot be used — an unknown key, an
//! unknown or malformed value, a broken `%` escape — is skipped with a
//! [`Notice`], never an error: the rest of the query still applies.
//!
//! [`ExplorerState::to_query`] writes the canonical form: keys in alphabetical
//! order, values in set order, defaults omitted, so that
//! `from_query(&s.to_query()).0 == s` for every state.

use super::amount::{format_amount, read_amount};
use crate::datasets::{is_nis, CallId, LeadType, Project, ProjectStatus, Theme};
use crate::language::Language;
use crate::ordered::ordered_map;
use std::collections::BTreeSet;
use std::fmt;

/// Declares a closed set of keywords with `ALL`, `as_str` and `parse`.
macro_rules! state_keywords {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as written in the URL.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )+
                }
            }

            /// Reads a value, ignoring ASCII case and surrounding spaces.
            pub fn parse(text: &str) -> Option<$name> {
                let text = text.trim();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|value| value.as_str().eq_ignore_ascii_case(text))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

state_keywords! {
    /// What the map shows for each municipality.
    #[derive(Default)]
    Metric {
        /// Number of projects (default).
        #[default]
        Projects = "projects",
        /// Total regional subsidy, each project's split equally among its municipalities.
        Subsidy = "subsidy",
        /// That subsidy divided by the population.
        SubsidyPerInhabitant = "subsidy-per-inhabitant",
    }
}

state_keywords! {
    /// How much of the country the map shows.
    #[derive(Default)]
    Extent {
        /// The 262 Walloon municipalities (default).
        #[default]
        Wallonia = "wallonia",
        /// All of Belgium.
        Belgium = "belgium",
    }
}

state_keywords! {
    /// The column the results are sorted by.
    #[derive(Default)]
    SortKey {
        /// Title (default).
        #[default]
        Title = "title",
        /// Name of the first municipality.
        Commune = "commune",
        /// Theme.
        Theme = "theme",
        /// Status.
        Status = "status",
        /// Call year and phase.
        Year = "year",
        /// Subsidy.
        Subsidy = "subsidy",
    }
}

state_keywords! {
    /// A facet: a filter with a set of values, ORed within the facet.
    Facet {
        /// Municipalities, by NIS code.
        Municipality = "commune",
        /// Provinces, by NIS code.
        Province = "province",
        /// Themes.
        Theme = "theme",
        /// Project statuses.
        Status = "status",
        /// Calls (see [`call_of`]).
        Call = "call",
        /// Kinds of lead applicant.
        ApplicantType = "applicant",
    }
}

/// The order of the results: a key and a direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Sort {
    /// The column.
    pub key: SortKey,
    /// Largest (or last in the alphabet) first.
    pub descending: bool,
}

impl Sort {
    /// Written as the key, prefixed with `-` when descending.
    pub fn as_query_value(self) -> String {
        if self.descending {
            format!("-{}", self.key.as_str())
        } else {
            self.key.as_str().to_owned()
        }
    }

    /// Reads `title`, `-subsidy`, …
    pub fn parse(text: &str) -> Option<Sort> {
        let text = text.trim();
        match text.strip_prefix('-') {
            Some(key) => SortKey::parse(key).map(|key| Sort {
                key,
                descending: true,
            }),
            None => SortKey::parse(text).map(|key| Sort {
                key,
                descending: false,
            }),
        }
    }
}

/// The call of a project as the `call` facet names it: the year for a
/// single-phase call (`2019`), else year and phase (`2023-phase1`).
pub fn call_of(project: &Project) -> String {
    CallId::new(project.call_year, &project.phase).to_string()
}

/// Whether `text` is a call as [`call_of`] writes one: `YYYY` or `YYYY-phaseN`.
fn is_call(text: &str) -> bool {
    CallId::parse(text).is_some()
}

/// The state of the explorer page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExplorerState {
    /// Selected municipalities (NIS codes).
    pub municipalities: BTreeSet<String>,
    /// Selected provinces (NIS codes).
    pub provinces: BTreeSet<String>,
    /// Selected themes.
    pub themes: BTreeSet<Theme>,
    /// Selected statuses.
    pub statuses: BTreeSet<ProjectStatus>,
    /// Selected calls (`2019`, `2023-phase1`, … see [`call_of`]).
    pub calls: BTreeSet<String>,
    /// Selected kinds of lead applicant.
    pub applicant_types: BTreeSet<LeadType>,
    /// Lowest subsidy in euros, inclusive.
    pub subsidy_min: Option<f64>,
    /// Highest subsidy in euros, inclusive.
    pub subsidy_max: Option<f64>,
    /// Free-text search over titles and lead applicants.
    pub text: String,
    /// What the map shows.
    pub metric: Metric,
    /// How much of the country the map shows.
    pub extent: Extent,
    /// The order of the results.
    pub sort: Sort,
    /// The page of results, 0-based (written 1-based in the URL).
    pub page: u32,
}

/// Why part of a query was not used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NoticeReason {
    /// The key is not one the explorer knows.
    UnknownKey,
    /// The value is not one of the facet's or setting's values.
    UnknownValue,
    /// The value is not a number.
    NotANumber,
    /// The number is outside the allowed range (negative amount, page 0, …).
    OutOfRange,
    /// A `%` escape is broken or the bytes are not UTF-8.
    MalformedEncoding,
    /// A single-valued key was given again; the last valid value is used.
    Repeated,
    /// `subsidy_min` was above `subsidy_max`; the two were swapped.
    MinAboveMax,
}

impl NoticeReason {
    /// A short English explanation, for logs.
    pub fn message(self) -> &'static str {
        match self {
            NoticeReason::UnknownKey => "unknown parameter",
            NoticeReason::UnknownValue => "unknown value",
            NoticeReason::NotANumber => "not a number",
            NoticeReason::OutOfRange => "number out of range",
            NoticeReason::MalformedEncoding => "malformed encoding",
            NoticeReason::Repeated => "parameter repeated; the last valid value is used",
            NoticeReason::MinAboveMax => "minimum above maximum; the two were swapped",
        }
    }
}

/// A part of a query that was skipped or corrected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// The key as read (decoded).
    pub key: String,
    /// The value (or list item) concerned, as read.
    pub value: String,
    /// Why.
    pub reason: NoticeReason,
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}: {}", self.key, self.value, self.reason.message())
    }
}

/// Which filter a chip shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FilterKey {
    /// A value of a facet.
    Facet(Facet),
    /// The lowest subsidy.
    SubsidyMin,
    /// The highest subsidy.
    SubsidyMax,
    /// The free text.
    Text,
}

/// An active filter, as a removable chip shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ActiveFilter {
    /// The filter.
    pub facet: FilterKey,
    /// Its value as written in the URL (NIS code, keyword, amount, text).
    pub value: String,
}

/// Query keys of the single-valued settings.
const SUBSIDY_MIN: &str = "subsidy_min";
const SUBSIDY_MAX: &str = "subsidy_max";
const TEXT: &str = "q";
const TEXT_ALIAS: &str = "text";
const METRIC: &str = "metric";
const EXTENT: &str = "extent";
const SORT: &str = "sort";
const PAGE: &str = "page";
const LANG: &str = "lang";

/// Query keys of an embed's render options, kept when the embedded view
/// changes its filters (see the README's embed options).
pub const EMBED_OPTIONS: [&str; 4] = ["plain", "dark", "transparent", "height"];

/// The full app's address for an embed at `path` with the query `search`: the
/// same filters, without `embed/<view>/` and without the render options.
pub fn full_view_href(path: &str, search: &str) -> String {
    let site = path.find("embed/").map_or(path, |i| &path[..i]);
    let kept: Vec<String> = form_urlencoded::parse(search.trim_start_matches('?').as_bytes())
        .filter(|(key, _)| !EMBED_OPTIONS.contains(&key.as_ref()))
        .map(|(key, value)| format!("{}={}", encode(&key), encode(&value)))
        .collect();
    if kept.is_empty() {
        site.to_string()
    } else {
        format!("{site}?{}", kept.join("&"))
    }
}

/// The address of the view at `path` (a page's path, base included, e.g.
/// `/repo/` or `/repo/embed/map`) in `state`: the path with its trailing slash
/// (static hosts answer a folder without it with a redirect), the state's query,
/// the embed render options of the `current` query string, and the language.
pub fn view_href(path: &str, state: &ExplorerState, current: &str, language: Language) -> String {
    let path = if path.ends_with('/') {
        path.to_string()
    } else {
        format!("{path}/")
    };
    let mut pairs: Vec<String> = Vec::new();
    let query = state.to_query();
    if !query.is_empty() {
        pairs.push(query);
    }
    let options = form_urlencoded::parse(current.trim_start_matches('?').as_bytes())
        .filter(|(key, _)| EMBED_OPTIONS.contains(&key.as_ref()));
    for (key, value) in options {
        pairs.push(format!("{key}={}", encode(&value)));
    }
    pairs.push(format!("{LANG}={}", language.code()));
    format!("{path}?{}", pairs.join("&"))
}

/// Decodes one form-urlencoded component: `+` is a space, `%XX` a byte; `None`
/// when a `%` is not followed by two hex digits or the bytes are not UTF-8.
fn decode_component(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                let hex = std::str::from_utf8(hex).ok()?;
                if !hex.bytes().all(|h| h.is_ascii_hexdigit()) {
                    return None;
                }
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Decodes one `key=value` piece; on a broken encoding, `Err` with the key
/// (decoded if it can be) and the raw value.
fn decode_pair(piece: &str) -> Result<(String, String), (String, String)> {
    let (raw_key, raw_value) = piece.split_once('=').unwrap_or((piece, ""));
    match (decode_component(raw_key), decode_component(raw_value)) {
        (Some(key), Some(value)) => Ok((key, value)),
        (key, _) => Err((
            key.unwrap_or_else(|| raw_key.to_owned()),
            raw_value.to_owned(),
        )),
    }
}

/// Percent-encodes one value for a query (space as `+`).
fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

impl ExplorerState {
    /// Reads a query string (`a=b&c=d`, with or without a leading `?`): the
    /// state and the notices about what was skipped or corrected. Never fails;
    /// see the module documentation for the format.
    pub fn from_query(query: &str) -> (ExplorerState, Vec<Notice>) {
        let mut state = ExplorerState::default();
        let mut notices = Vec::new();
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let query = query.strip_prefix('?').unwrap_or(query);
        for piece in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = match decode_pair(piece) {
                Ok(pair) => pair,
                Err((key, value)) => {
                    notices.push(Notice {
                        key,
                        value,
                        reason: NoticeReason::MalformedEncoding,
                    });
                    continue;
                }
            };
            let key = key.trim().to_ascii_lowercase();
            let mut notice = |value: &str, reason| {
                notices.push(Notice {
                    key: key.clone(),
                    value: value.to_owned(),
                    reason,
                })
            };
            if let Some(facet) = Facet::parse(&key) {
                for item in value.split(',').map(str::trim).filter(|i| !i.is_empty()) {
                    if !state.insert(facet, item) {
                        notice(item, NoticeReason::UnknownValue);
                    }
                }
                continue;
            }
            let single = [SUBSIDY_MIN, SUBSIDY_MAX, TEXT, METRIC, EXTENT, SORT, PAGE];
            let canonical = if key == TEXT_ALIAS {
                TEXT
            } else {
                key.as_str()
            };
            if key == LANG {
                continue;
            }
            if !single.contains(&canonical) {
                notice(&value, NoticeReason::UnknownKey);
                continue;
            }
            if !seen.insert(canonical.to_owned()) {
                notice(&value, NoticeReason::Repeated);
            }
            let result: Result<(), NoticeReason> = match canonical {
                SUBSIDY_MIN => read_amount(&value).map(|v| state.subsidy_min = Some(v)),
                SUBSIDY_MAX => read_amount(&value).map(|v| state.subsidy_max = Some(v)),
                TEXT => {
                    state.text = value.clone();
                    Ok(())
                }
                METRIC => Metric::parse(&value)
                    .map(|m| state.metric = m)
                    .ok_or(NoticeReason::UnknownValue),
                EXTENT => Extent::parse(&value)
                    .map(|e| state.extent = e)
                    .ok_or(NoticeReason::UnknownValue),
                SORT => Sort::parse(&value)
                    .map(|s| state.sort = s)
                    .ok_or(NoticeReason::UnknownValue),
                _ => match value.trim().parse::<u32>() {
                    Ok(0) => Err(NoticeReason::OutOfRange),
                    Ok(n) => {
                        state.page = n - 1;
                        Ok(())
                    }
                    Err(_)
                        if value.trim().bytes().all(|b| b.is_ascii_digit())
                            && !value.trim().is_empty() =>
                    {
                        Err(NoticeReason::OutOfRange)
                    }
                    Err(_) => Err(NoticeReason::NotANumber),
                },
            };
            if let Err(reason) = result {
                notice(&value, reason);
            }
        }
        if let (Some(min), Some(max)) = (state.subsidy_min, state.subsidy_max) {
            if min > max {
                state.subsidy_min = Some(max);
                state.subsidy_max = Some(min);
                notices.push(Notice {
                    key: SUBSIDY_MIN.to_owned(),
                    value: format_amount(min),
                    reason: NoticeReason::MinAboveMax,
                });
            }
        }
        (state, notices)
    }

    /// The canonical query string (without `?`): keys in alphabetical order,
    /// facet values as comma lists in set order, defaults omitted; empty for
    /// the default state. The app appends its own `lang`.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        for facet in Facet::ALL {
            let values = self.values(*facet);
            if !values.is_empty() {
                let list: Vec<String> = values.iter().map(|v| encode(v)).collect();
                pairs.push((facet.as_str(), list.join(",")));
            }
        }
        if let Some(min) = self.subsidy_min {
            pairs.push((SUBSIDY_MIN, encode(&format_amount(min))));
        }
        if let Some(max) = self.subsidy_max {
            pairs.push((SUBSIDY_MAX, encode(&format_amount(max))));
        }
        if !self.text.is_empty() {
            pairs.push((TEXT, encode(&self.text)));
        }
        if self.metric != Metric::default() {
            pairs.push((METRIC, self.metric.as_str().to_owned()));
        }
        if self.extent != Extent::default() {
            pairs.push((EXTENT, self.extent.as_str().to_owned()));
        }
        if self.sort != Sort::default() {
            pairs.push((SORT, encode(&self.sort.as_query_value())));
        }
        if self.page > 0 {
            pairs.push((PAGE, (u64::from(self.page) + 1).to_string()));
        }
        // Keys in order, without a sort's code for one short list.
        ordered_map(pairs)
            .into_iter()
            .map(|(key, value)| format!("{key}={value}"))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The selected values of a facet, as written in the URL.
    pub fn values(&self, facet: Facet) -> Vec<String> {
        fn strings<T: fmt::Display>(set: &BTreeSet<T>) -> Vec<String> {
            set.iter().map(ToString::to_string).collect()
        }
        match facet {
            Facet::Municipality => strings(&self.municipalities),
            Facet::Province => strings(&self.provinces),
            Facet::Theme => strings(&self.themes),
            Facet::Status => strings(&self.statuses),
            Facet::Call => strings(&self.calls),
            Facet::ApplicantType => strings(&self.applicant_types),
        }
    }

    /// Whether `value` is selected in `facet`.
    pub fn is_selected(&self, facet: Facet, value: &str) -> bool {
        let value = value.trim();
        match facet {
            Facet::Municipality => self.municipalities.contains(value),
            Facet::Province => self.provinces.contains(value),
            Facet::Theme => Theme::parse(value).is_some_and(|t| self.themes.contains(&t)),
            Facet::Status => {
                ProjectStatus::parse(value).is_some_and(|s| self.statuses.contains(&s))
            }
            Facet::Call => self.calls.contains(value),
            Facet::ApplicantType => {
                LeadType::parse(value).is_some_and(|t| self.applicant_types.contains(&t))
            }
        }
    }

    /// Adds `value` to `facet`; false (and no change) when it is not a valid
    /// value of the facet (a NIS code, a keyword, a call).
    fn insert(&mut self, facet: Facet, value: &str) -> bool {
        let value = value.trim();
        match facet {
            Facet::Municipality if is_nis(value) => self.municipalities.insert(value.to_owned()),
            Facet::Province if is_nis(value) => self.provinces.insert(value.to_owned()),
            Facet::Theme => match Theme::parse(value) {
                Some(theme) => self.themes.insert(theme),
                None => return false,
            },
            Facet::Status => match ProjectStatus::parse(value) {
                Some(status) => self.statuses.insert(status),
                None => return false,
            },
            Facet::Call if is_call(value) => self.calls.insert(value.to_owned()),
            Facet::ApplicantType => match LeadType::parse(value) {
                Some(kind) => self.applicant_types.insert(kind),
                None => return false,
            },
            _ => return false,
        };
        true
    }

    /// Removes `value` from `facet`; whether it was there.
    fn remove_value(&mut self, facet: Facet, value: &str) -> bool {
        let value = value.trim();
        match facet {
            Facet::Municipality => self.municipalities.remove(value),
            Facet::Province => self.provinces.remove(value),
            Facet::Theme => Theme::parse(value).is_some_and(|t| self.themes.remove(&t)),
            Facet::Status => ProjectStatus::parse(value).is_some_and(|s| self.statuses.remove(&s)),
            Facet::Call => self.calls.remove(value),
            Facet::ApplicantType => {
                LeadType::parse(value).is_some_and(|t| self.applicant_types.remove(&t))
            }
        }
    }

    /// Selects `value` in `facet`, or unselects it when it was selected
    /// (use through [`ExplorerState::changed`]). Returns false, changing nothing, when the
    /// value is not valid for the facet.
    pub fn toggle(&mut self, facet: Facet, value: &str) -> bool {
        self.remove_value(facet, value) || self.insert(facet, value)
    }

    /// Removes every filter (facets, subsidy range, text) and goes back to the
    /// first page; the view settings (metric, extent, sort) are kept.
    pub fn clear_all(&mut self) {
        *self = ExplorerState {
            metric: self.metric,
            extent: self.extent,
            sort: self.sort,
            ..ExplorerState::default()
        };
    }

    /// The active filters, one per selected value, in URL order, then the
    /// subsidy range and the text: what the chips show.
    pub fn active_filters(&self) -> Vec<ActiveFilter> {
        let mut filters: Vec<ActiveFilter> = Facet::ALL
            .iter()
            .flat_map(|facet| {
                self.values(*facet).into_iter().map(|value| ActiveFilter {
                    facet: FilterKey::Facet(*facet),
                    value,
                })
            })
            .collect();
        if let Some(min) = self.subsidy_min {
            filters.push(ActiveFilter {
                facet: FilterKey::SubsidyMin,
                value: format_amount(min),
            });
        }
        if let Some(max) = self.subsidy_max {
            filters.push(ActiveFilter {
                facet: FilterKey::SubsidyMax,
                value: format_amount(max),
            });
        }
        if !self.text.trim().is_empty() {
            filters.push(ActiveFilter {
                facet: FilterKey::Text,
                value: self.text.clone(),
            });
        }
        filters
    }

    /// Removes one active filter (a chip's close button; use through
    /// [`ExplorerState::changed`]); whether anything changed.
    pub fn remove(&mut self, filter: &ActiveFilter) -> bool {
        match filter.facet {
            FilterKey::Facet(facet) => self.remove_value(facet, &filter.value),
            FilterKey::SubsidyMin => self.subsidy_min.take().is_some(),
            FilterKey::SubsidyMax => self.subsidy_max.take().is_some(),
            FilterKey::Text => !std::mem::take(&mut self.text).is_empty(),
        }
    }

    /// The state after `change`, back on the first page when the rows shown
    /// change (a filter or the sort): the one place of that rule. A change of
    /// the page itself, of the metric or of the extent keeps the page.
    pub fn changed(&self, change: impl FnOnce(&mut ExplorerState)) -> ExplorerState {
        let mut next = self.clone();
        change(&mut next);
        let rows = |s: &ExplorerState| ExplorerState {
            page: 0,
            metric: Metric::default(),
            extent: Extent::default(),
            ..s.clone()
        };
        if rows(&next) != rows(self) {
            next.page = 0;
        }
        next
    }

    /// The state with `nis` as the only selected municipality, or with none when
    /// it was the only one (a click on the map).
    pub fn select_only_municipality(&mut self, nis: &str) {
        let only_this = self.municipalities.len() == 1 && self.municipalities.contains(nis);
        self.municipalities.clear();
        if !only_this {
            self.toggle(Facet::Municipality, nis);
        }
    }

    /// Sorts by `key`: ascending, or the other way when already sorted by it.
    pub fn sort_by(&mut self, key: SortKey) {
        self.sort = Sort {
            key,
            descending: self.sort.key == key && !self.sort.descending,
        };
    }

    /// Whether any filter is active.
    pub fn is_filtered(&self) -> bool {
        !self.active_filters().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn reasons(query: &str) -> Vec<(String, String, NoticeReason)> {
        ExplorerState::from_query(query)
            .1
            .into_iter()
            .map(|n| (n.key, n.value, n.reason))
            .collect()
    }

    #[test]
    fn default_state_is_the_empty_query() {
        assert_eq!(ExplorerState::default().to_query(), "");
        assert_eq!(
            ExplorerState::from_query(""),
            (ExplorerState::default(), vec![])
        );
        assert_eq!(
            ExplorerState::from_query("?"),
            (ExplorerState::default(), vec![])
        );
    }

    #[test]
    fn reads_lists_repeated_keys_and_settings() {
        let (state, notices) = ExplorerState::from_query(
            "?theme=energy-environment,mobility-logistics&theme=Resilience-Crisis\
             &commune=62063&commune=92094,&status=completed&call=2019,2023-phase1\
             &applicant=intercommunale&subsidy_min=50000&subsidy_max=1e6\
             &q=smart+grid%20li%C3%A8ge&metric=subsidy-per-inhabitant&extent=belgium\
             &sort=-subsidy&page=3&lang=nl",
        );
        assert_eq!(notices, vec![]);
        assert_eq!(
            state.themes,
            BTreeSet::from([
                Theme::EnergyEnvironment,
                Theme::MobilityLogistics,
                Theme::ResilienceCrisis
            ])
        );
        assert_eq!(
            state.municipalities,
            BTreeSet::from(["62063".to_owned(), "92094".to_owned()])
        );
        assert_eq!(state.statuses, BTreeSet::from([ProjectStatus::Completed]));
        assert_eq!(
            state.calls,
            BTreeSet::from(["2019".to_owned(), "2023-phase1".to_owned()])
        );
        assert_eq!(
            state.applicant_types,
            BTreeSet::from([LeadType::Intercommunale])
        );
        assert_eq!(state.subsidy_min, Some(50_000.0));
        assert_eq!(state.subsidy_max, Some(1_000_000.0));
        assert_eq!(state.text, "smart grid liège");
        assert_eq!(state.metric, Metric::SubsidyPerInhabitant);
        assert_eq!(state.extent, Extent::Belgium);
        assert_eq!(
            state.sort,
            Sort {
                key: SortKey::Subsidy,
                descending: true
            }
        );
        assert_eq!(state.page, 2);
        assert_eq!(
            state.to_query(),
            "applicant=intercommunale&call=2019,2023-phase1&commune=62063,92094\
             &extent=belgium&metric=subsidy-per-inhabitant&page=3&q=smart+grid+li%C3%A8ge\
             &sort=-subsidy&status=completed&subsidy_max=1000000&subsidy_min=50000\
             &theme=energy-environment,mobility-logistics,resilience-crisis"
        );
        let (again, notices) = ExplorerState::from_query(&state.to_query());
        assert!(notices.is_empty());
        assert_eq!(again, state);
    }

    #[test]
    fn malformed_parameters_give_notices_not_panics() {
        use NoticeReason::*;
        assert_eq!(
            reasons("subsidy_min=abc&metric=zzz&%ZZ=1&q=%ZZ&page=0&page=x&foo=bar"),
            vec![
                ("subsidy_min".into(), "abc".into(), NotANumber),
                ("metric".into(), "zzz".into(), UnknownValue),
                ("%ZZ".into(), "1".into(), MalformedEncoding),
                ("q".into(), "%ZZ".into(), MalformedEncoding),
                ("page".into(), "0".into(), OutOfRange),
                ("page".into(), "x".into(), Repeated),
                ("page".into(), "x".into(), NotANumber),
                ("foo".into(), "bar".into(), UnknownKey),
            ]
        );
        assert_eq!(
            reasons("theme=energy,mobility-logistics&commune=6206&province=abcde&call=2023-phase0"),
            vec![
                ("theme".into(), "energy".into(), UnknownValue),
                ("commune".into(), "6206".into(), UnknownValue),
                ("province".into(), "abcde".into(), UnknownValue),
                ("call".into(), "2023-phase0".into(), UnknownValue),
            ]
        );
        assert_eq!(
            reasons("subsidy_min=-5&subsidy_max=inf&page=99999999999&q=%FF&sort=-&extent="),
            vec![
                ("subsidy_min".into(), "-5".into(), OutOfRange),
                ("subsidy_max".into(), "inf".into(), NotANumber),
                ("page".into(), "99999999999".into(), OutOfRange),
                ("q".into(), "%FF".into(), MalformedEncoding),
                ("sort".into(), "-".into(), UnknownValue),
                ("extent".into(), "".into(), UnknownValue),
            ]
        );
        // The valid parts still apply.
        let (state, _) =
            ExplorerState::from_query("theme=energy,mobility-logistics&metric=zzz&q=ok");
        assert_eq!(state.themes, BTreeSet::from([Theme::MobilityLogistics]));
        assert_eq!(state.metric, Metric::Projects);
        assert_eq!(state.text, "ok");
        // Odd inputs do not panic.
        for query in [
            "&&&", "=", "==", "%", "%%", "a=%2", "é=è", "q=%E2%82", "page=-1",
        ] {
            let _ = ExplorerState::from_query(query);
        }
    }

    #[test]
    fn min_above_max_is_swapped() {
        let (state, notices) = ExplorerState::from_query("subsidy_max=10&subsidy_min=20");
        assert_eq!(
            (state.subsidy_min, state.subsidy_max),
            (Some(10.0), Some(20.0))
        );
        assert_eq!(notices.len(), 1);
        assert_eq!(notices[0].reason, NoticeReason::MinAboveMax);
    }

    #[test]
    fn lang_is_ignored_silently_and_text_alias_is_read() {
        let (state, notices) = ExplorerState::from_query("lang=de&TEXT=abc");
        assert!(notices.is_empty());
        assert_eq!(state.text, "abc");
        assert_eq!(state.to_query(), "q=abc");
    }

    #[test]
    fn view_addresses_keep_the_trailing_slash_the_render_options_and_the_language() {
        let (state, _) = ExplorerState::from_query("theme=mobility-logistics");
        assert_eq!(
            view_href(
                "/repo",
                &state,
                "?theme=x&plain=1&lang=fr&zzz=1",
                Language::Nl
            ),
            "/repo/?theme=mobility-logistics&plain=1&lang=nl"
        );
        assert_eq!(
            view_href(
                "/repo/embed/map/",
                &ExplorerState::default(),
                "dark=on&height=300",
                Language::Fr
            ),
            "/repo/embed/map/?dark=on&height=300&lang=fr"
        );
        assert_eq!(
            view_href("/", &ExplorerState::default(), "", Language::De),
            "/?lang=de"
        );
    }

    #[test]
    fn the_full_view_of_an_embed_drops_the_embed_path_and_its_render_options() {
        assert_eq!(
            full_view_href(
                "/repo/embed/map/",
                "?theme=mobility-logistics&plain=1&dark=on&lang=nl"
            ),
            "/repo/?theme=mobility-logistics&lang=nl"
        );
        assert_eq!(full_view_href("/embed/table", "height=300"), "/");
        assert_eq!(full_view_href("/", "q=a%20b"), "/?q=a+b");
    }

    #[test]
    fn toggle_clear_and_chips() {
        let mut state = ExplorerState {
            page: 4,
            metric: Metric::Subsidy,
            ..Default::default()
        };
        state = state.changed(|s| {
            assert!(s.toggle(Facet::Theme, "energy-environment"));
        });
        assert_eq!(state.page, 0);
        assert!(state.is_selected(Facet::Theme, "energy-environment"));
        assert!(state.toggle(Facet::Municipality, "62063"));
        assert!(!state.toggle(Facet::Municipality, "Liège"));
        assert!(!state.toggle(Facet::Status, "maybe"));
        state.subsidy_min = Some(1000.0);
        state.text = "parking".into();
        let chips = state.active_filters();
        assert_eq!(
            chips,
            vec![
                ActiveFilter {
                    facet: FilterKey::Facet(Facet::Municipality),
                    value: "62063".into()
                },
                ActiveFilter {
                    facet: FilterKey::Facet(Facet::Theme),
                    value: "energy-environment".into()
                },
                ActiveFilter {
                    facet: FilterKey::SubsidyMin,
                    value: "1000".into()
                },
                ActiveFilter {
                    facet: FilterKey::Text,
                    value: "parking".into()
                },
            ]
        );
        assert!(state.remove(&chips[1]));
        assert!(state.themes.is_empty());
        assert!(state.toggle(Facet::Municipality, "62063"));
        assert!(state.municipalities.is_empty());
        state.page = 2;
        // Back to the first page when the rows change, not for the page or the map.
        assert_eq!(state.changed(|s| s.metric = Metric::Projects).page, 2);
        assert_eq!(state.changed(|s| s.page = 4).page, 4);
        assert_eq!(state.changed(|s| s.sort_by(SortKey::Subsidy)).page, 0);
        assert_eq!(
            state
                .changed(|s| {
                    s.toggle(Facet::Theme, "mobility-logistics");
                })
                .page,
            0
        );
        assert_eq!(
            state
                .changed(|s| s.select_only_municipality("62063"))
                .municipalities
                .len(),
            1
        );
        state.clear_all();
        assert!(!state.is_filtered());
        assert_eq!(state.page, 0);
        assert_eq!(state.metric, Metric::Subsidy);
    }

    fn nis() -> impl Strategy<Value = String> {
        "[0-9]{5}"
    }

    /// An amount as the state holds one: whole euros or cents.
    fn amount() -> impl Strategy<Value = f64> {
        prop_oneof![
            (0u64..1_000_000_000).prop_map(|cents| cents as f64 / 100.0),
            (0u32..10_000_000).prop_map(f64::from),
            Just(0.0)
        ]
    }

    prop_compose! {
        fn any_state()(
            municipalities in proptest::collection::btree_set(nis(), 0..4),
            provinces in proptest::collection::btree_set(nis(), 0..3),
            themes in proptest::sample::subsequence(Theme::ALL.to_vec(), 0..=Theme::ALL.len()),
            statuses in proptest::sample::subsequence(ProjectStatus::ALL.to_vec(), 0..=3),
            calls in proptest::collection::btree_set("20[1-3][0-9](-phase[1-9])?", 0..3),
            applicant_types in proptest::sample::subsequence(LeadType::ALL.to_vec(), 0..=3),
            range in (proptest::option::of(amount()), proptest::option::of(amount())),
            text in ".{0,12}",
            metric in proptest::sample::select(Metric::ALL.to_vec()),
            extent in proptest::sample::select(Extent::ALL.to_vec()),
            key in proptest::sample::select(SortKey::ALL.to_vec()),
            descending in any::<bool>(),
            page in any::<u32>(),
        ) -> ExplorerState {
            let (subsidy_min, subsidy_max) = match range {
                (Some(a), Some(b)) if a > b => (Some(b), Some(a)),
                other => other,
            };
            ExplorerState {
                municipalities,
                provinces,
                themes: themes.into_iter().collect(),
                statuses: statuses.into_iter().collect(),
                calls,
                applicant_types: applicant_types.into_iter().collect(),
                subsidy_min,
                subsidy_max,
                text,
                metric,
                extent,
                sort: Sort { key, descending },
                page: page.min(u32::MAX - 1),
            }
        }
    }

    proptest! {
        #[test]
        fn query_round_trips(state in any_state()) {
            let query = state.to_query();
            let (back, notices) = ExplorerState::from_query(&query);
            prop_assert!(notices.is_empty(), "{query}: {notices:?}");
            prop_assert_eq!(&back, &state);
            prop_assert_eq!(back.to_query(), query);
        }

        #[test]
        fn any_query_is_read_without_panic(query in ".{0,40}") {
            let (state, _) = ExplorerState::from_query(&query);
            // What was read writes a query that reads back the same.
            let (again, notices) = ExplorerState::from_query(&state.to_query());
            prop_assert!(notices.is_empty());
            prop_assert_eq!(again, state);
        }
    }
}
