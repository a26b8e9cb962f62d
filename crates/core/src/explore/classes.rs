//! Classes and colours of the choropleth map.
//!
//! Breaks are written `[min, upper₀, upper₁, …]`: the smallest value, then the
//! inclusive upper bound of each class, strictly increasing, the last being the
//! largest value. Class 0 is `[min, upper₀]`, class `i > 0` is
//! `(upperᵢ₋₁, upperᵢ]`. So there are `breaks.len() - 1` classes: one when
//! every value is the same (`[v, v]`), none for no value (`[]`). When there are
//! no more distinct values than classes asked for, each distinct value is its
//! own class.

use std::collections::BTreeMap;

/// The number of classes the map uses by default.
pub const DEFAULT_CLASSES: usize = 5;

/// The colour of a municipality without project (or without value): a neutral
/// grey, distinct in hue and lightness from every step of the palette. The
/// legend should show it as its own entry.
pub const NO_PROJECT_COLOR: &str = "#e0e0e0";

/// ColorBrewer "YlGnBu" sequential palettes (colour-blind safe, print
/// friendly), light to dark, for 1 to 7 classes.
const PALETTES: [&[&str]; 7] = [
    &["#41b6c4"],
    &["#a1dab4", "#2c7fb8"],
    &["#edf8b1", "#7fcdbb", "#2c7fb8"],
    &["#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"],
    &["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"],
    &[
        "#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494",
    ],
    &[
        "#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84",
    ],
];

/// A sequential colour-blind-safe palette of `k` colours, light (low values)
/// to dark; `k` is capped at 7, and 0 gives no colour.
pub fn palette(k: usize) -> &'static [&'static str] {
    match k {
        0 => &[],
        k => PALETTES[k.min(PALETTES.len()) - 1],
    }
}

/// The distinct finite values, sorted, with how often each occurs.
fn distinct(values: &[f64]) -> Vec<(f64, usize)> {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for v in sorted {
        match out.last_mut() {
            Some((last, n)) if *last == v => *n += 1,
            _ => out.push((v, 1)),
        }
    }
    out
}

/// `[min, uppers…]` from distinct sorted uppers, or each distinct value as its
/// own class when there are no more than `k`; `None` when that decides it.
fn trivial(groups: &[(f64, usize)], k: usize) -> Option<Vec<f64>> {
    let (first, _) = groups.first()?;
    if k == 0 {
        return Some(Vec::new());
    }
    if groups.len() <= k {
        return Some(
            std::iter::once(*first)
                .chain(groups.iter().map(|(v, _)| *v))
                .collect(),
        );
    }
    None
}

/// Quantile breaks for `k` classes (about as many values in each): the upper
/// bound of class `i` is the value at rank ⌈(i+1)·n/k⌉. Ties never straddle
/// two classes, so there may be fewer than `k` classes. Non-finite values are
/// ignored; no value gives `[]`.
pub fn quantile_breaks(values: &[f64], k: usize) -> Vec<f64> {
    let groups = distinct(values);
    if groups.is_empty() {
        return Vec::new();
    }
    if let Some(breaks) = trivial(&groups, k) {
        return breaks;
    }
    let mut sorted: Vec<f64> = Vec::with_capacity(values.len());
    for (v, n) in &groups {
        sorted.extend(std::iter::repeat_n(*v, *n));
    }
    let n = sorted.len();
    let mut breaks = vec![sorted[0]];
    for i in 1..=k {
        let rank = (i * n).div_ceil(k).clamp(1, n);
        let upper = sorted[rank - 1];
        if breaks.len() == 1 || breaks.last().is_some_and(|last| *last < upper) {
            breaks.push(upper);
        }
    }
    breaks
}

/// Jenks natural breaks for `k` classes: the classes minimising the sum of
/// squared deviations from their means (Fisher's exact dynamic programme over
/// the distinct values, weighted by their counts; O(k·d²) for d distinct
/// values). Same conventions as [`quantile_breaks`].
pub fn jenks_breaks(values: &[f64], k: usize) -> Vec<f64> {
    let groups = distinct(values);
    if groups.is_empty() {
        return Vec::new();
    }
    if let Some(breaks) = trivial(&groups, k) {
        return breaks;
    }
    let d = groups.len();
    // Prefix sums of weight, weight·value and weight·value².
    let mut w = vec![0.0; d + 1];
    let mut s1 = vec![0.0; d + 1];
    let mut s2 = vec![0.0; d + 1];
    for (i, (v, n)) in groups.iter().enumerate() {
        let n = *n as f64;
        w[i + 1] = w[i] + n;
        s1[i + 1] = s1[i] + n * v;
        s2[i + 1] = s2[i] + n * v * v;
    }
    // Sum of squared deviations of groups[a..b].
    let ssd = |a: usize, b: usize| {
        let weight = w[b] - w[a];
        let sum = s1[b] - s1[a];
        ((s2[b] - s2[a]) - sum * sum / weight).max(0.0)
    };
    // cost[c][j]: best cost of the first j groups in c+1 classes; start[c][j]
    // the first group of the last class.
    let mut cost = vec![vec![f64::INFINITY; d + 1]; k];
    let mut start = vec![vec![0usize; d + 1]; k];
    for (j, slot) in cost[0].iter_mut().enumerate().skip(1) {
        *slot = ssd(0, j);
    }
    for c in 1..k {
        for j in (c + 1)..=d {
            for i in c..j {
                let candidate = cost[c - 1][i] + ssd(i, j);
                if candidate < cost[c][j] {
                    cost[c][j] = candidate;
                    start[c][j] = i;
                }
            }
        }
    }
    // Walk back the class starts.
    let mut uppers = Vec::with_capacity(k);
    let mut end = d;
    for c in (0..k).rev() {
        uppers.push(groups[end - 1].0);
        end = if c == 0 { 0 } else { start[c][end] };
        if end == 0 {
            break;
        }
    }
    uppers.reverse();
    std::iter::once(groups[0].0).chain(uppers).collect()
}

/// The class (0-based) of `value` under `breaks`; values below the minimum
/// fall in the first class, above the maximum in the last; 0 when there is
/// at most one class.
pub fn class_of(value: f64, breaks: &[f64]) -> usize {
    let uppers = breaks.get(1..).unwrap_or(&[]);
    uppers
        .iter()
        .position(|upper| value <= *upper)
        .unwrap_or(uppers.len().saturating_sub(1))
}

/// The colour of a municipality: [`NO_PROJECT_COLOR`] without value, else its
/// class's colour in the palette sized to the number of classes.
pub fn color_of(value: Option<f64>, breaks: &[f64]) -> &'static str {
    let classes = breaks.len().saturating_sub(1);
    match value {
        Some(v) if classes > 0 => palette(classes)
            .get(class_of(v, breaks).min(palette(classes).len() - 1))
            .copied()
            .unwrap_or(NO_PROJECT_COLOR),
        _ => NO_PROJECT_COLOR,
    }
}

/// One entry of the map's legend.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    /// Lower bound (exclusive except for the first class).
    pub from: f64,
    /// Upper bound, inclusive.
    pub to: f64,
    /// The class's colour.
    pub color: &'static str,
    /// `format(from) – format(to)`, or `format(from)` when the two are equal.
    pub label: String,
}

/// The legend of `breaks`, one entry per class, with labels written by
/// `format` (e.g. a number formatter for the page's language). The "no
/// project" entry ([`NO_PROJECT_COLOR`]) is the app's to add.
///
/// A class after the first holds the values above its lower break (see
/// [`class_of`]): when the values are `integers` (e.g. counts), its label starts
/// at the next whole number, so that counts 1, 2, 3 read "1", "2", "3" rather
/// than "1", "1 – 2", "2 – 3".
pub fn legend(breaks: &[f64], integers: bool, format: impl Fn(f64) -> String) -> Vec<LegendEntry> {
    let colors = palette(breaks.len().saturating_sub(1));
    breaks
        .windows(2)
        .zip(colors)
        .enumerate()
        .map(|(class, (pair, color))| {
            let (from, to) = (pair[0], pair[1]);
            let shown_from = if integers && class > 0 {
                (from.floor() + 1.0).min(to)
            } else {
                from
            };
            let label = if shown_from == to {
                format(to)
            } else {
                format!("{} – {}", format(shown_from), format(to))
            };
            LegendEntry {
                from,
                to,
                color,
                label,
            }
        })
        .collect()
}

/// How many values fall in each class (for a legend showing counts).
pub fn class_sizes<'a>(values: impl IntoIterator<Item = &'a f64>, breaks: &[f64]) -> Vec<usize> {
    let mut sizes: BTreeMap<usize, usize> = BTreeMap::new();
    for v in values {
        *sizes.entry(class_of(*v, breaks)).or_default() += 1;
    }
    (0..breaks.len().saturating_sub(1))
        .map(|c| sizes.get(&c).copied().unwrap_or(0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn no_value_and_single_value() {
        assert!(quantile_breaks(&[], 5).is_empty());
        assert!(jenks_breaks(&[f64::NAN], 5).is_empty());
        assert_eq!(quantile_breaks(&[1.0, 1.0, 1.0], 5), [1.0, 1.0]);
        assert_eq!(jenks_breaks(&[1.0; 10], 5), [1.0, 1.0]);
        assert_eq!(class_of(1.0, &[1.0, 1.0]), 0);
        assert_eq!(class_of(7.0, &[]), 0);
        assert_eq!(color_of(Some(1.0), &[1.0, 1.0]), palette(1)[0]);
        assert_eq!(color_of(None, &[1.0, 1.0]), NO_PROJECT_COLOR);
        assert_eq!(color_of(Some(1.0), &[]), NO_PROJECT_COLOR);
        let entries = legend(&[1.0, 1.0], false, |v| format!("{v}"));
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].label, "1");
    }

    #[test]
    fn integer_legends_start_each_class_at_the_next_whole_number() {
        let labels = |integers| -> Vec<String> {
            legend(&[1.0, 1.0, 2.0, 3.0, 5.0], integers, |v| format!("{v}"))
                .into_iter()
                .map(|e| e.label)
                .collect()
        };
        assert_eq!(labels(true), ["1", "2", "3", "4 – 5"]);
        assert_eq!(labels(false), ["1", "1 – 2", "2 – 3", "3 – 5"]);
        let fractional = legend(&[0.5, 1.5, 7.25], true, |v| format!("{v}"));
        assert_eq!(fractional[1].label, "2 – 7.25");
    }

    #[test]
    fn fewer_distinct_values_than_classes() {
        let values = [1.0, 2.0, 2.0, 1.0, 3.0];
        assert_eq!(quantile_breaks(&values, 5), [1.0, 1.0, 2.0, 3.0]);
        assert_eq!(jenks_breaks(&values, 5), [1.0, 1.0, 2.0, 3.0]);
        let breaks = quantile_breaks(&values, 5);
        assert_eq!(values.map(|v| class_of(v, &breaks)), [0, 1, 1, 0, 2]);
        assert_eq!(class_sizes(&values, &breaks), [2, 2, 1]);
        let labels: Vec<String> = legend(&breaks, false, |v| format!("{v}"))
            .into_iter()
            .map(|e| e.label)
            .collect();
        assert_eq!(labels, ["1", "1 – 2", "2 – 3"]);
    }

    #[test]
    fn quantiles_do_not_split_ties() {
        // Many 1s: a single class for them, however many quantiles they span.
        let values = [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0, 5.0, 9.0, 12.0, 40.0];
        let breaks = quantile_breaks(&values, 4);
        assert_eq!(breaks, [1.0, 1.0, 5.0, 40.0]);
        assert_eq!(class_of(1.0, &breaks), 0);
        assert_eq!(class_of(1.5, &breaks), 1);
        assert_eq!(class_of(5.0, &breaks), 1);
        assert_eq!(class_of(12.0, &breaks), 2);
        assert_eq!(class_of(41.0, &breaks), 2);
        assert_eq!(class_of(-3.0, &breaks), 0);
        let even: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(quantile_breaks(&even, 5), [1.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
    }

    #[test]
    fn jenks_finds_natural_groups() {
        let values = [1.0, 2.0, 3.0, 50.0, 52.0, 55.0, 200.0, 210.0];
        assert_eq!(jenks_breaks(&values, 3), [1.0, 3.0, 55.0, 210.0]);
        assert_eq!(jenks_breaks(&values, 2), [1.0, 55.0, 210.0]);
        assert_eq!(jenks_breaks(&values, 1), [1.0, 210.0]);
        assert!(jenks_breaks(&values, 0).is_empty());
    }

    #[test]
    fn palettes_are_sized_and_capped() {
        for k in 1..=7 {
            assert_eq!(palette(k).len(), k);
            assert!(!palette(k).contains(&NO_PROJECT_COLOR));
        }
        assert_eq!(palette(12).len(), 7);
        assert!(palette(0).is_empty());
        assert_eq!(palette(DEFAULT_CLASSES).len(), 5);
        let breaks = quantile_breaks(&(1..=100).map(f64::from).collect::<Vec<_>>(), 5);
        let colors: Vec<&str> = legend(&breaks, false, |v| v.to_string())
            .iter()
            .map(|e| e.color)
            .collect();
        assert_eq!(colors, palette(5));
    }

    proptest! {
        #[test]
        fn breaks_are_well_formed(values in proptest::collection::vec(0u16..50, 0..60), k in 1usize..8) {
            let values: Vec<f64> = values.into_iter().map(f64::from).collect();
            for breaks in [quantile_breaks(&values, k), jenks_breaks(&values, k)] {
                if values.is_empty() {
                    prop_assert!(breaks.is_empty());
                    continue;
                }
                let classes = breaks.len() - 1;
                prop_assert!((1..=k).contains(&classes), "{breaks:?}");
                prop_assert!(breaks.windows(2).skip(1).all(|w| w[0] < w[1]), "{breaks:?}");
                prop_assert!(breaks[0] <= breaks[1]);
                let min = values.iter().copied().fold(f64::INFINITY, f64::min);
                let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                prop_assert_eq!(breaks[0], min);
                prop_assert_eq!(breaks[classes], max);
                // Every class holds at least one value.
                prop_assert!(class_sizes(&values, &breaks).iter().all(|n| *n > 0), "{breaks:?}");
            }
        }
    }
}
