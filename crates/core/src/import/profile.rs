//! Column profiling: what each column of a user's dataset holds — communes, a few
//! categories, numbers, years, dates or free text — with its distinct and missing
//! counts, and the commune values that name no known municipality, with their lines.
//!
//! A column is profiled one value at a time ([`ColumnProfiler::observe`]), so that
//! any storage (parsed records, a streamed CSV, columns) can feed it; each distinct
//! value is checked once (up to [`CHECKED_MAX`] of them). The kind is a guess the user
//! may change; the rules, in order, on the shares of rows:
//! - **commune**: the header names a commune or NIS column and half of the values
//!   resolve, or 80 % of them resolve whatever the header (a NIS code of 2019 or
//!   2025, or a name in French, Dutch or German — see [`CommuneMatcher`]);
//! - **year**: 95 % are whole years from 1000 to 2999;
//! - **date**: 95 % are dates ([`parse_date`]);
//! - **number**: 80 % are numbers ([`parse_optional_amount`]; the others are
//!   reported when the dataset is built);
//! - **category**: at most [`CATEGORY_MAX`] distinct values, each met twice on
//!   average (they repeat);
//! - **text** otherwise, and for a column with no value at all.

use super::header::normalize_header;
use super::number::parse_optional_amount;
use super::user::NIS_ALIASES;
use crate::engine::{FastHasher, HashedKeyMap};
use crate::municipality::Reference;
use crate::text::fold;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

/// Most distinct values a column may have to be guessed a category.
pub const CATEGORY_MAX: usize = 100;
/// Distinct unresolved commune values listed in a profile (all are counted).
pub const UNRESOLVED_LISTED: usize = 50;
/// Lines listed per unresolved commune value.
const LINES_LISTED: usize = 5;

/// Headers naming a column of commune names, compared after [`normalize_header`].
const NAME_ALIASES: &[&str] = &[
    "commune",
    "communes",
    "nom commune",
    "nom de la commune",
    "municipalite",
    "municipality",
    "entite",
    "localite",
    "ville",
    "gemeente",
    "gemeentenaam",
    "stad",
    "gemeinde",
];

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    /// Municipalities, by NIS code or by name.
    Commune,
    /// A few values that repeat: a facet.
    Category,
    /// Numbers: a range filter and a map metric.
    Number,
    /// Whole years: a range filter.
    Year,
    /// Calendar dates: a range filter.
    Date,
    /// Free text: searched.
    Text,
}

impl ColumnKind {
    /// Every kind, in the order a kind selector lists them.
    pub const ALL: [ColumnKind; 6] = [
        ColumnKind::Commune,
        ColumnKind::Category,
        ColumnKind::Number,
        ColumnKind::Year,
        ColumnKind::Date,
        ColumnKind::Text,
    ];

    /// The kind's stable name (`commune`, `category`, …), as in URLs and test hooks.
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnKind::Commune => "commune",
            ColumnKind::Category => "category",
            ColumnKind::Number => "number",
            ColumnKind::Year => "year",
            ColumnKind::Date => "date",
            ColumnKind::Text => "text",
        }
    }

    /// The kind named `name` by [`ColumnKind::as_str`].
    pub fn from_name(name: &str) -> Option<ColumnKind> {
        ColumnKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }
}

/// A commune value no municipality answers to, and where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unresolved {
    /// The value as written.
    pub value: String,
    /// Why it is not resolved: unknown, or a name several municipalities share.
    pub reason: String,
    /// How many rows hold it.
    pub rows: usize,
    /// The first lines holding it (at most 5).
    pub lines: Vec<u64>,
}

/// What a column holds, as far as its values tell.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnProfile {
    /// The column's header.
    pub header: String,
    /// Its key in URLs and test hooks ([`slug`]).
    pub key: String,
    /// The kind guessed.
    pub kind: ColumnKind,
    /// Distinct non-blank values.
    pub distinct: usize,
    /// Blank values.
    pub missing: usize,
    /// Rows whose value resolves to a municipality (among the rows of the values
    /// checked: all of them unless the column has more than [`CHECKED_MAX`] values).
    pub communes_resolved: usize,
    /// Rows whose value resolves to no municipality (among the same rows).
    pub unresolved_rows: usize,
    /// The commune values that resolve to none (only when the kind is commune), at
    /// most [`UNRESOLVED_LISTED`], the most frequent first.
    pub unresolved: Vec<Unresolved>,
}

/// A header as a key: lower-case ASCII letters and digits, words joined by `-`
/// (`"Type de projet"` → `type-de-projet`, `"Coût (€)"` → `cout`); `column` for a
/// header with no letter or digit.
pub fn slug(header: &str) -> String {
    let folded = fold(header);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .collect();
    if words.is_empty() {
        "column".to_string()
    } else {
        words.join("-")
    }
}

/// The keys of `headers` by [`slug`], made unique with `-2`, `-3`, … in order.
pub fn unique_keys<S: AsRef<str>>(headers: &[S]) -> Vec<String> {
    let mut seen = HashSet::new();
    headers
        .iter()
        .map(|header| {
            let base = slug(header.as_ref());
            let mut key = base.clone();
            let mut n = 1;
            while !seen.insert(key.clone()) {
                n += 1;
                key = format!("{base}-{n}");
            }
            key
        })
        .collect()
}

/// The municipalities a commune value names, by NIS code or by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommuneMatch {
    /// One or more 2019 NIS codes: one for a 2019 code or a name, the merged
    /// municipalities for a 2025 code that replaced several.
    Found(Vec<String>),
    /// A name several municipalities share.
    Ambiguous,
    /// Nothing answers to it.
    Unknown,
}

/// What separates the municipalities of a cell that names several.
const LIST_SEPARATORS: [char; 3] = ['|', ';', ','];

/// Finds municipalities by NIS code (2019, or 2025 after the mergers) or by name in
/// French, Dutch or German, without regard to case, accents, spaces, hyphens or
/// apostrophes: "Ecaussinnes" is Écaussinnes, "Luik" Liège, "Bergen" Mons.
#[derive(Clone, Debug, Default)]
pub struct CommuneMatcher {
    by_code: HashMap<String, Vec<String>>,
    by_name: HashMap<String, NameEntry>,
}

/// The municipality a name key means (`None`: several, equally), and whether it is
/// one of its official names.
#[derive(Clone, Debug)]
struct NameEntry {
    nis: Option<String>,
    official: bool,
}

impl NameEntry {
    /// This entry once `other` is found with the same key.
    fn merge(&mut self, other: &NameEntry) {
        if self.nis == other.nis {
            self.official |= other.official;
        } else if other.official && !self.official {
            *self = other.clone();
        } else if other.official == self.official {
            self.nis = None;
        }
    }
}

/// A name reduced to its lower-case letters and digits, accents dropped.
fn name_key(name: &str) -> String {
    fold(name).chars().filter(|c| c.is_alphanumeric()).collect()
}

impl CommuneMatcher {
    /// The matcher of the municipalities of `reference` (codes of 2019 first: a code
    /// both of 2019 and of 2025 means its 2019 municipality).
    pub fn new(reference: &Reference) -> CommuneMatcher {
        let mut matcher = CommuneMatcher::default();
        for municipality in &reference.municipalities {
            matcher
                .by_code
                .insert(municipality.nis.clone(), vec![municipality.nis.clone()]);
        }
        for municipality in &reference.municipalities {
            if let Some(code) = &municipality.nis_2025 {
                if !reference.municipalities.iter().any(|m| &m.nis == code) {
                    matcher
                        .by_code
                        .entry(code.clone())
                        .or_default()
                        .push(municipality.nis.clone());
                }
            }
            // A name in one of the municipality's official languages comes before an
            // exonym: "Saint-Nicolas" is 62093 (Liège), not Sint-Niklaas's French name.
            let names = [
                (&municipality.name.fr, 'F'),
                (&municipality.name.nl, 'N'),
                (&municipality.name.de, 'D'),
            ];
            for (name, language) in names {
                let Some(name) = name else { continue };
                let key = name_key(name);
                if key.is_empty() {
                    continue;
                }
                let official = municipality.language.contains(language);
                let entry = NameEntry {
                    nis: Some(municipality.nis.clone()),
                    official,
                };
                matcher
                    .by_name
                    .entry(key)
                    .and_modify(|seen| seen.merge(&entry))
                    .or_insert(entry);
            }
        }
        matcher
    }

    /// The municipalities `value` names: one municipality, or a list of them
    /// separated by `|`, `;` or `,` ("Chaudfontaine|Trooz"), each of which must be found.
    pub fn resolve(&self, value: &str) -> CommuneMatch {
        let one = self.resolve_one(value);
        if one != CommuneMatch::Unknown || !value.contains(LIST_SEPARATORS) {
            return one;
        }
        let mut found = Vec::new();
        for part in value
            .split(LIST_SEPARATORS)
            .filter(|p| !p.trim().is_empty())
        {
            match self.resolve_one(part) {
                CommuneMatch::Found(codes) => {
                    for code in codes {
                        if !found.contains(&code) {
                            found.push(code);
                        }
                    }
                }
                other => return other,
            }
        }
        if found.is_empty() {
            CommuneMatch::Unknown
        } else {
            CommuneMatch::Found(found)
        }
    }

    /// The municipalities `value` names, as one name or code.
    fn resolve_one(&self, value: &str) -> CommuneMatch {
        let value = value.trim();
        if value.len() == 5 && value.bytes().all(|b| b.is_ascii_digit()) {
            return match self.by_code.get(value) {
                Some(codes) => CommuneMatch::Found(codes.clone()),
                None => CommuneMatch::Unknown,
            };
        }
        match self.by_name.get(&name_key(value)) {
            Some(NameEntry { nis: Some(nis), .. }) => CommuneMatch::Found(vec![nis.clone()]),
            Some(NameEntry { nis: None, .. }) => CommuneMatch::Ambiguous,
            None => CommuneMatch::Unknown,
        }
    }
}

/// A date as days since 1970-01-01: `2024-03-15` (also with a time after it, as
/// `2024-03-15T10:00:00Z`), `15/03/2024`, `15-03-2024`, `15.03.2024`, or a month
/// `2024-03` (its first day). `None` for anything else or a day that does not exist.
///
/// Hand-written: the few formats of Belgian open data, without pulling a date
/// crate's formatting machinery into the wasm.
pub fn parse_date(text: &str) -> Option<i64> {
    let text = text.trim();
    // The usual `2024-03-15`, read without splitting (the same reading as below).
    if let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *text.as_bytes() {
        let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
        if digits.iter().all(u8::is_ascii_digit) {
            let number = |part: &[u8]| {
                part.iter()
                    .fold(0i64, |value, &digit| value * 10 + i64::from(digit - b'0'))
            };
            return days_from_civil(
                number(&digits[..4]),
                number(&digits[4..6]),
                number(&digits[6..]),
            );
        }
    }
    let date = text.split(['T', ' ']).next().unwrap_or(text);
    // At most three parts (no allocation: a date column may have a million rows).
    let mut found = [""; 3];
    let mut count = 0;
    for part in date.split(['-', '/', '.']) {
        *found.get_mut(count)? = part;
        count += 1;
    }
    let parts = &found[..count];
    let number = |part: &str, width: std::ops::RangeInclusive<usize>| -> Option<i64> {
        (width.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    let (year, month, day) = match parts {
        [y, m, d] if y.len() == 4 && date.contains('-') => {
            (number(y, 4..=4)?, number(m, 1..=2)?, number(d, 1..=2)?)
        }
        [d, m, y] if y.len() == 4 => (number(y, 4..=4)?, number(m, 1..=2)?, number(d, 1..=2)?),
        [y, m] if y.len() == 4 && date.contains('-') => (number(y, 4..=4)?, number(m, 1..=2)?, 1),
        _ => return None,
    };
    if date.len() < text.len() && !(parts.len() == 3 && parts[0].len() == 4) {
        return None;
    }
    days_from_civil(year, month, day)
}

/// Days from 1970-01-01 to a day of the proleptic Gregorian calendar (H. Hinnant's
/// `days_from_civil`), `None` for a day that does not exist.
fn days_from_civil(year: i64, month: i64, day: i64) -> Option<i64> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if !(1..=days_in_month).contains(&day) {
        return None;
    }
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

/// A whole year from 1000 to 2999 written with four digits.
pub fn parse_year(text: &str) -> Option<i64> {
    let text = text.trim();
    (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
        .filter(|year| (1000..=2999).contains(year))
}

/// Distinct values of a column whose kind is checked one by one: a value met again
/// counts for its rows at no cost, so a million rows of a few hundred categories cost a
/// few hundred checks. Beyond this many, values are only counted as distinct, and the
/// kind is decided on the rows of the values checked (a sample of the column).
pub const CHECKED_MAX: usize = 20_000;

/// What a distinct value of a column is.
#[derive(Debug, Default)]
struct Seen {
    rows: usize,
    year: bool,
    date: bool,
    number: bool,
    /// `None` when it names a municipality, else why not (unknown or ambiguous).
    miss: Option<CommuneMatch>,
    /// Only for a commune miss: the value and its first lines.
    value: String,
    lines: Vec<u64>,
}

/// Profiles one column from its values, one at a time.
#[derive(Debug)]
pub struct ColumnProfiler<'a> {
    header: String,
    matcher: &'a CommuneMatcher,
    present: usize,
    missing: usize,
    /// The values checked, by a 64-bit hash of their text (a collision among a
    /// million values is unlikely, and only makes a count one lower).
    checked: HashedKeyMap<Seen>,
    /// The hashes of the values beyond [`CHECKED_MAX`], repeats included: sorted
    /// and deduplicated once at the end, which a million distinct values (a
    /// code per row) cost less than as many insertions into a set.
    unchecked: Vec<u64>,
}

impl<'a> ColumnProfiler<'a> {
    /// A profiler for the column `header`, resolving communes with `matcher`.
    pub fn new(header: &str, matcher: &'a CommuneMatcher) -> Self {
        ColumnProfiler {
            header: header.to_string(),
            matcher,
            present: 0,
            missing: 0,
            checked: HashedKeyMap::default(),
            unchecked: Vec::new(),
        }
    }

    /// Takes the column's value on `line` into account.
    pub fn observe(&mut self, value: &str, line: u64) {
        let value = value.trim();
        if value.is_empty() {
            self.missing += 1;
            return;
        }
        self.present += 1;
        let mut hasher = FastHasher::default();
        value.hash(&mut hasher);
        let hash = hasher.finish();
        if let Some(seen) = self.checked.get_mut(&hash) {
            seen.rows += 1;
            if seen.miss.is_some() && seen.lines.len() < LINES_LISTED {
                seen.lines.push(line);
            }
            return;
        }
        if self.checked.len() >= CHECKED_MAX {
            self.unchecked.push(hash);
            return;
        }
        let miss = match self.matcher.resolve(value) {
            CommuneMatch::Found(_) => None,
            other => Some(other),
        };
        let seen = Seen {
            rows: 1,
            year: parse_year(value).is_some(),
            date: parse_date(value).is_some(),
            number: matches!(parse_optional_amount(value), Ok(Some(_))),
            value: if miss.is_some() {
                value.to_string()
            } else {
                String::new()
            },
            lines: if miss.is_some() {
                vec![line]
            } else {
                Vec::new()
            },
            miss,
        };
        self.checked.insert(hash, seen);
    }

    /// The profile of the values seen.
    pub fn finish(mut self) -> ColumnProfile {
        self.unchecked.sort_unstable();
        self.unchecked.dedup();
        let rows_where = |test: fn(&Seen) -> bool| -> usize {
            self.checked
                .values()
                .filter(|s| test(s))
                .map(|s| s.rows)
                .sum()
        };
        let sampled: usize = self.checked.values().map(|s| s.rows).sum();
        let communes = rows_where(|s| s.miss.is_none());
        let at_least = |n: usize, part: f64| sampled > 0 && n as f64 >= part * sampled as f64;
        let header = normalize_header(&self.header);
        let named_commune = NIS_ALIASES
            .iter()
            .chain(NAME_ALIASES)
            .any(|alias| normalize_header(alias) == header);
        let distinct = self.checked.len() + self.unchecked.len();
        let kind = if (named_commune && at_least(communes, 0.5))
            || (at_least(communes, 0.8) && distinct > 1)
        {
            ColumnKind::Commune
        } else if at_least(rows_where(|s| s.year), 0.95) {
            ColumnKind::Year
        } else if at_least(rows_where(|s| s.date), 0.95) {
            ColumnKind::Date
        } else if at_least(rows_where(|s| s.number), 0.8) {
            ColumnKind::Number
        } else if self.present > 0 && distinct <= CATEGORY_MAX && distinct * 2 <= self.present {
            ColumnKind::Category
        } else {
            ColumnKind::Text
        };
        let unresolved = if kind == ColumnKind::Commune {
            let mut listed: Vec<Unresolved> = self
                .checked
                .into_values()
                .filter_map(|seen| {
                    let reason = match seen.miss? {
                        CommuneMatch::Ambiguous => "several municipalities have this name",
                        _ => "no municipality has this code or name",
                    };
                    Some(Unresolved {
                        value: seen.value,
                        reason: reason.to_string(),
                        rows: seen.rows,
                        lines: seen.lines,
                    })
                })
                .collect();
            listed.sort_by(|a, b| b.rows.cmp(&a.rows).then(a.lines.cmp(&b.lines)));
            listed.truncate(UNRESOLVED_LISTED);
            listed
        } else {
            Vec::new()
        };
        ColumnProfile {
            key: slug(&self.header),
            header: self.header,
            kind,
            distinct,
            missing: self.missing,
            communes_resolved: communes,
            unresolved_rows: sampled - communes,
            unresolved,
        }
    }
}
