//! The geometry of a horizontal bar chart, as plain marks in CSS pixels: the
//! app scales them by the device pixel ratio and draws them with plotters.
//!
//! Layout: on a wide canvas (≥ [`SIDE_LABELS_MIN_WIDTH`]) the category labels
//! sit in a column left of the bars, wrapped; on a narrow one they sit above
//! their bars, full width. Each category shows one bar per visible series that
//! has a value (no empty slot for a survey without that figure), each with its
//! value at its end. The value axis starts at 0 and ends at 100 for
//! percentages, 10 for scores, a round number above the largest count; light
//! vertical grid lines mark its ticks, as many as fit.

use super::format::format_number;
use super::Chart;
use crate::datasets::indicators::Unit;

/// The narrowest canvas laid out, in CSS pixels.
pub const MIN_WIDTH: f64 = 240.0;
/// From this width on, labels sit left of the bars.
pub const SIDE_LABELS_MIN_WIDTH: f64 = 520.0;
/// Outer padding.
pub const PAD: f64 = 8.0;
/// Font size of category labels.
pub const LABEL_SIZE: f64 = 14.0;
/// Line height of category labels.
pub const LABEL_LINE: f64 = 18.0;
/// Font size of the value at the end of a bar.
pub const VALUE_SIZE: f64 = 13.0;
/// Font size of axis ticks and notes.
pub const SMALL_SIZE: f64 = 12.0;
/// Font size of the title (exported image only).
pub const TITLE_SIZE: f64 = 17.0;
/// Thickness of a bar.
pub const BAR: f64 = 18.0;
/// Space between the bars of one category.
pub const BAR_GAP: f64 = 3.0;
/// Space between categories.
pub const ROW_GAP: f64 = 14.0;
/// Side of a legend swatch.
pub const SWATCH: f64 = 12.0;

/// What colour a mark takes; the app maps it to the light or dark theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paint {
    /// The colour of series `i` ([`super::Series::color`]).
    Series(usize),
    /// Main text.
    Text,
    /// Secondary text and the axis line.
    Muted,
    /// Grid lines.
    Grid,
}

/// Horizontal alignment of a text on its point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The text starts at the point.
    Left,
    /// The text is centred on the point.
    Center,
}

/// One thing to draw. Texts are vertically centred on their `y`.
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    /// A filled rectangle; `outline` draws a thin border so that light colours
    /// stay visible on a light background.
    Rect {
        /// Left.
        x: f64,
        /// Top.
        y: f64,
        /// Width.
        w: f64,
        /// Height.
        h: f64,
        /// Fill.
        paint: Paint,
        /// Whether to draw a border in [`Paint::Muted`].
        outline: bool,
    },
    /// A line of text.
    Text {
        /// Anchor point, x.
        x: f64,
        /// Anchor point, y (the middle of the text).
        y: f64,
        /// The text.
        text: String,
        /// Font size.
        size: f64,
        /// Bold.
        bold: bool,
        /// Colour.
        paint: Paint,
        /// Alignment on x.
        anchor: Anchor,
    },
    /// A 1-pixel line.
    Line {
        /// Start, x.
        x1: f64,
        /// Start, y.
        y1: f64,
        /// End, x.
        x2: f64,
        /// End, y.
        y2: f64,
        /// Colour.
        paint: Paint,
    },
}

/// A laid-out chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    /// Width, CSS pixels.
    pub width: f64,
    /// Height, CSS pixels.
    pub height: f64,
    /// What to draw, back to front.
    pub marks: Vec<Mark>,
}

/// What to lay out besides the chart.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LayoutOptions {
    /// Width available, CSS pixels.
    pub width: f64,
    /// Which series to draw (missing entries count as visible).
    pub visible: Vec<bool>,
    /// Draw a legend of the visible series (the page has its own, as toggles).
    pub legend: bool,
    /// A title above the chart (for the exported image).
    pub title: Option<String>,
    /// Small lines under the title (unit, survey…).
    pub notes_above: Vec<String>,
    /// Small lines under the chart (sources…).
    pub notes_below: Vec<String>,
}

/// Measures a text: `(text, font size, bold) -> width` in CSS pixels.
pub type Measure<'a> = &'a dyn Fn(&str, f64, bool) -> f64;

/// Splits `text` into lines no wider than `max_width` where it can: at
/// spaces (not at no-break spaces), or inside a word longer than a line. A
/// French opening guillemet stays with the next word, a closing one or a
/// high punctuation mark (`»`, `:`, `;`, `!`, `?`) with the previous word.
pub fn wrap_text(text: &str, max_width: f64, width_of: &dyn Fn(&str) -> f64) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let glued = word.starts_with(['»', ':', ';', '!', '?'])
            || words.last().is_some_and(|w| w.ends_with('«'));
        match words.last_mut() {
            Some(last) if glued => {
                last.push(' ');
                last.push_str(word);
            }
            _ => words.push(word.to_string()),
        }
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in &words {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if width_of(&candidate) <= max_width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if width_of(word) <= max_width {
            line.clone_from(word);
            continue;
        }
        // A word wider than the line: cut it.
        for c in word.chars() {
            line.push(c);
            if width_of(&line) > max_width && line.chars().count() > 1 {
                let last = line.pop().unwrap_or(c);
                lines.push(std::mem::take(&mut line));
                line.push(last);
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A round step near `raw`: 1, 2, 2.5 or 5 times a power of ten (no 2.5 for
/// whole numbers below 10, and at least 1 for them).
pub fn nice_step(raw: f64, whole: bool) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    let fraction = raw / magnitude;
    let factor = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .filter(|f| !(whole && *f == 2.5 && magnitude <= 1.0))
        .find(|f| fraction <= *f + 1e-9)
        .unwrap_or(10.0);
    let step = factor * magnitude;
    if whole {
        step.max(1.0)
    } else {
        step
    }
}

/// The value axis: `(end, step)` for values up to `max_value` in `unit`, with
/// at most `max_ticks` steps: 0–100 for percentages, 0–10 for scores, else up
/// to a multiple of the step.
pub fn value_axis(max_value: f64, unit: Unit, max_ticks: usize) -> (f64, f64) {
    let max_ticks = max_ticks.max(1) as f64;
    let max_value = if max_value.is_finite() {
        max_value.max(0.0)
    } else {
        0.0
    };
    let fixed = match unit {
        Unit::Percent if max_value <= 100.0 => Some(100.0),
        Unit::Score0To10 if max_value <= 10.0 => Some(10.0),
        _ => None,
    };
    let whole = matches!(unit, Unit::Count | Unit::Rank);
    match fixed {
        Some(end) => {
            let mut step = nice_step(end / max_ticks, false);
            while end / step > max_ticks + 1e-9 {
                step = nice_step(step * 1.01, false);
            }
            (end, step)
        }
        None => {
            let step = nice_step(max_value / max_ticks, whole);
            let end = ((max_value / step).ceil() * step).max(step);
            (end, step)
        }
    }
}

/// Reads a CSS colour written `#rrggbb` or `#rgb` (as the page's custom
/// properties are), surrounding spaces allowed; `None` for anything else.
pub fn parse_hex_color(text: &str) -> Option<(u8, u8, u8)> {
    let hex = text.trim().strip_prefix('#')?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |s: &str| u8::from_str_radix(s, 16).ok();
    match hex.len() {
        6 => Some((
            channel(&hex[0..2])?,
            channel(&hex[2..4])?,
            channel(&hex[4..6])?,
        )),
        3 => {
            let short = |i: usize| channel(&hex[i..i + 1]).map(|v| v * 17);
            Some((short(0)?, short(1)?, short(2)?))
        }
        _ => None,
    }
}

/// Lays out `chart` as horizontal bars in `options.width` CSS pixels;
/// `measure` gives text widths (the canvas's `measureText` in the app).
pub fn bar_scene(chart: &Chart, options: &LayoutOptions, measure: Measure) -> Scene {
    let width = options.width.max(MIN_WIDTH);
    let inner = width - 2.0 * PAD;
    let language = chart.language;
    let unit = chart.unit.unwrap_or(Unit::Count);
    let visible: Vec<usize> = (0..chart.series.len())
        .filter(|s| options.visible.get(*s).copied().unwrap_or(true))
        .collect();
    let mut marks: Vec<Mark> = Vec::new();
    let mut y = PAD;

    let text_block =
        |marks: &mut Vec<Mark>, y: &mut f64, text: &str, size: f64, bold: bool, paint: Paint| {
            let line_height = (size * 1.35).round();
            for line in wrap_text(text, inner, &|t| measure(t, size, bold)) {
                marks.push(Mark::Text {
                    x: PAD,
                    y: *y + line_height / 2.0,
                    text: line,
                    size,
                    bold,
                    paint,
                    anchor: Anchor::Left,
                });
                *y += line_height;
            }
        };
    if let Some(title) = &options.title {
        text_block(&mut marks, &mut y, title, TITLE_SIZE, true, Paint::Text);
        y += 4.0;
    }
    for note in &options.notes_above {
        text_block(&mut marks, &mut y, note, SMALL_SIZE, false, Paint::Muted);
    }
    if options.title.is_some() || !options.notes_above.is_empty() {
        y += 8.0;
    }

    // Legend of the visible series, flowing over lines.
    if options.legend && chart.series.len() > 1 {
        let line_height = 20.0;
        let mut x = PAD;
        for s in &visible {
            let label = &chart.series[*s].label;
            let item = SWATCH + 6.0 + measure(label, SMALL_SIZE, false);
            if x > PAD && x + item > width - PAD {
                x = PAD;
                y += line_height;
            }
            marks.push(Mark::Rect {
                x,
                y: y + (line_height - SWATCH) / 2.0,
                w: SWATCH,
                h: SWATCH,
                paint: Paint::Series(*s),
                outline: true,
            });
            marks.push(Mark::Text {
                x: x + SWATCH + 6.0,
                y: y + line_height / 2.0,
                text: label.clone(),
                size: SMALL_SIZE,
                bold: false,
                paint: Paint::Text,
                anchor: Anchor::Left,
            });
            x += item + 16.0;
        }
        y += line_height + 8.0;
    }

    // The value axis, and room for the value labels right of the longest bar.
    let shown: Vec<f64> = chart
        .categories
        .iter()
        .flat_map(|c| {
            visible
                .iter()
                .filter_map(|s| c.values.get(*s).copied().flatten())
        })
        .collect();
    let max_value = shown.iter().copied().fold(0.0, f64::max);
    let value_room = shown
        .iter()
        .map(|v| measure(&format_number(*v, unit, language), VALUE_SIZE, false))
        .fold(0.0, f64::max)
        + 6.0;
    let side = width >= SIDE_LABELS_MIN_WIDTH;
    let label_width = if side {
        (width * 0.34).clamp(140.0, 300.0)
    } else {
        inner
    };
    let bars_x0 = if side { PAD + label_width + 12.0 } else { PAD };
    let bars_x1 = (width - PAD - value_room).max(bars_x0 + 40.0);
    let plot_width = bars_x1 - bars_x0;
    let (first_end, _) = value_axis(max_value, unit, 10);
    let widest_tick = measure(&format_number(first_end, unit, language), SMALL_SIZE, false);
    let max_ticks = ((plot_width / (widest_tick + 20.0)).floor() as usize).clamp(1, 10);
    let (axis_end, step) = value_axis(max_value, unit, max_ticks);
    let x_of = |v: f64| bars_x0 + (v / axis_end).clamp(0.0, 1.0) * plot_width;

    let plot_top = y;
    let mut rows: Vec<Mark> = Vec::new();
    for category in &chart.categories {
        let present: Vec<(usize, f64)> = visible
            .iter()
            .filter_map(|s| category.values.get(*s).copied().flatten().map(|v| (*s, v)))
            .collect();
        if present.is_empty() {
            continue;
        }
        let lines = wrap_text(&category.label, label_width, &|t| {
            measure(t, LABEL_SIZE, false)
        });
        let label_height = lines.len() as f64 * LABEL_LINE;
        let n = present.len() as f64;
        let bars_height = n * BAR + (n - 1.0) * BAR_GAP;
        let (label_y, bars_y, row_height) = if side {
            let row = label_height.max(bars_height);
            (
                y + (row - label_height) / 2.0,
                y + (row - bars_height) / 2.0,
                row,
            )
        } else {
            (y, y + label_height + 2.0, label_height + 2.0 + bars_height)
        };
        for (i, line) in lines.into_iter().enumerate() {
            rows.push(Mark::Text {
                x: PAD,
                y: label_y + (i as f64 + 0.5) * LABEL_LINE,
                text: line,
                size: LABEL_SIZE,
                bold: false,
                paint: Paint::Text,
                anchor: Anchor::Left,
            });
        }
        for (k, (s, v)) in present.iter().enumerate() {
            let top = bars_y + k as f64 * (BAR + BAR_GAP);
            let mut w = x_of(*v) - bars_x0;
            if *v > 0.0 {
                w = w.max(1.0);
            }
            rows.push(Mark::Rect {
                x: bars_x0,
                y: top,
                w,
                h: BAR,
                paint: Paint::Series(*s),
                outline: true,
            });
            rows.push(Mark::Text {
                x: bars_x0 + w + 4.0,
                y: top + BAR / 2.0,
                text: format_number(*v, unit, language),
                size: VALUE_SIZE,
                bold: false,
                paint: Paint::Text,
                anchor: Anchor::Left,
            });
        }
        y += row_height + ROW_GAP;
    }
    let plot_bottom = if y > plot_top {
        y - ROW_GAP + 4.0
    } else {
        y + 4.0
    };

    // Grid behind the bars, tick labels under them.
    let ticks = (axis_end / step).round() as usize;
    for i in 0..=ticks {
        let value = i as f64 * step;
        let x = x_of(value);
        marks.push(Mark::Line {
            x1: x,
            y1: plot_top - 2.0,
            x2: x,
            y2: plot_bottom,
            paint: if i == 0 { Paint::Muted } else { Paint::Grid },
        });
    }
    marks.extend(rows);
    let tick_y = plot_bottom + 4.0 + SMALL_SIZE * 0.7;
    for i in 0..=ticks {
        let value = i as f64 * step;
        let text = format_number(value, unit, language);
        let half = measure(&text, SMALL_SIZE, false) / 2.0;
        let x = x_of(value).clamp(half + 1.0, width - half - 1.0);
        marks.push(Mark::Text {
            x,
            y: tick_y,
            text,
            size: SMALL_SIZE,
            bold: false,
            paint: Paint::Muted,
            anchor: Anchor::Center,
        });
    }
    y = tick_y + SMALL_SIZE * 0.7 + 6.0;

    if !options.notes_below.is_empty() {
        y += 4.0;
        for note in &options.notes_below {
            text_block(&mut marks, &mut y, note, SMALL_SIZE, false, Paint::Muted);
        }
    }
    Scene {
        width,
        height: (y + PAD).ceil(),
        marks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::prepare::tests::shipped;
    use crate::charts::{barometer_charts, Chart};
    use crate::language::Language;

    /// An average sans-serif: 0.55 em per character (0.6 in bold).
    fn measure(text: &str, size: f64, bold: bool) -> f64 {
        text.chars().count() as f64 * size * if bold { 0.6 } else { 0.55 }
    }

    fn chart(id: &str, language: Language) -> Chart {
        barometer_charts(&shipped(), language)
            .into_iter()
            .find(|c| c.id == id)
            .expect("chart")
    }

    fn rects(scene: &Scene) -> Vec<(f64, f64, f64, f64, Paint)> {
        scene
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Rect {
                    x, y, w, h, paint, ..
                } => Some((*x, *y, *w, *h, *paint)),
                _ => None,
            })
            .collect()
    }

    fn texts(scene: &Scene) -> Vec<&str> {
        scene
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn reads_css_hex_colours() {
        assert_eq!(parse_hex_color(" #1c2430"), Some((0x1c, 0x24, 0x30)));
        assert_eq!(parse_hex_color("#fff"), Some((255, 255, 255)));
        assert_eq!(parse_hex_color("rgb(1, 2, 3)"), None);
        assert_eq!(parse_hex_color("#12345"), None);
        assert_eq!(parse_hex_color("#ééé"), None);
    }

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        let width = |t: &str| t.chars().count() as f64;
        assert_eq!(wrap_text("aa bb cc", 5.0, &width), ["aa bb", "cc"]);
        assert_eq!(wrap_text("abcdefgh", 3.0, &width), ["abc", "def", "gh"]);
        assert_eq!(wrap_text("", 3.0, &width), [""]);
        // No-break spaces hold words together.
        assert_eq!(wrap_text("66\u{a0}% x", 4.0, &width), ["66\u{a0}%", "x"]);
        // So do French guillemets and high punctuation.
        assert_eq!(
            wrap_text("cité (« de 11 à 12 »)", 8.0, &width),
            ["cité", "(« de 11", "à 12 »)"]
        );
        assert_eq!(
            wrap_text("Obstacle : budgets", 10.0, &width),
            ["Obstacle :", "budgets"]
        );
    }

    #[test]
    fn axes_are_round() {
        assert_eq!(value_axis(66.0, Unit::Percent, 5), (100.0, 20.0));
        assert_eq!(value_axis(66.0, Unit::Percent, 4), (100.0, 25.0));
        assert_eq!(value_axis(66.0, Unit::Percent, 1), (100.0, 100.0));
        assert_eq!(value_axis(4.8, Unit::Score0To10, 5), (10.0, 2.0));
        assert_eq!(value_axis(589.0, Unit::Count, 5), (600.0, 200.0));
        assert_eq!(
            value_axis(12_700_000.0, Unit::Count, 6),
            (15_000_000.0, 2_500_000.0)
        );
        assert_eq!(value_axis(9.0, Unit::Count, 4), (10.0, 5.0));
        assert_eq!(value_axis(3.0, Unit::Count, 10), (3.0, 1.0));
        assert_eq!(value_axis(0.0, Unit::Count, 5), (1.0, 1.0));
        assert_eq!(nice_step(0.3, false), 0.5);
    }

    #[test]
    fn grouped_bars_have_one_bar_per_figure_and_a_value_label() {
        let obstacles = chart("obstacles", Language::Fr);
        let scene = bar_scene(
            &obstacles,
            &LayoutOptions {
                width: 800.0,
                ..Default::default()
            },
            &measure,
        );
        let bars = rects(&scene);
        assert_eq!(bars.len(), 5);
        // 2018 and 2021 side by side for budgets, both 50 %: equal length.
        assert_eq!(bars[0].4, Paint::Series(0));
        assert_eq!(bars[1].4, Paint::Series(1));
        assert_eq!(bars[0].2, bars[1].2);
        assert!(bars[1].1 > bars[0].1);
        // 66 % is 66 % of the axis (0–100 %).
        let full = bars[4].2 / 0.66;
        assert!((bars[2].2 - 0.38 * full).abs() < 1e-6);
        let t = texts(&scene);
        assert!(t.contains(&"66\u{202F}%"));
        assert!(t.contains(&"100\u{202F}%"), "axis end: {t:?}");
        assert!(scene.height > 5.0 * BAR);
        // Every mark inside the canvas.
        for m in &scene.marks {
            if let Mark::Rect { x, y, w, h, .. } = m {
                assert!(*x >= 0.0 && x + w <= scene.width && *y >= 0.0 && y + h <= scene.height);
            }
        }
    }

    #[test]
    fn hidden_series_and_narrow_widths() {
        let obstacles = chart("obstacles", Language::En);
        let wide = LayoutOptions {
            width: 800.0,
            visible: vec![false, true],
            ..Default::default()
        };
        let scene = bar_scene(&obstacles, &wide, &measure);
        assert_eq!(rects(&scene).len(), 3);
        assert!(rects(&scene).iter().all(|r| r.4 == Paint::Series(1)));
        let only_2018 = LayoutOptions {
            width: 800.0,
            visible: vec![true, false],
            ..Default::default()
        };
        // The category without a 2018 figure disappears.
        let scene = bar_scene(&obstacles, &only_2018, &measure);
        assert_eq!(rects(&scene).len(), 2);
        assert!(!texts(&scene)
            .iter()
            .any(|t| t.starts_with("Respondents finding")));

        // Narrow: labels above the bars, all bars start at the left padding.
        let narrow = bar_scene(
            &obstacles,
            &LayoutOptions {
                width: 320.0,
                ..Default::default()
            },
            &measure,
        );
        assert!(rects(&narrow).iter().all(|r| r.0 == PAD));
        assert!(narrow.height > scene.height);
    }

    #[test]
    fn export_adds_title_legend_and_notes() {
        let obstacles = chart("obstacles", Language::En);
        let scene = bar_scene(
            &obstacles,
            &LayoutOptions {
                width: 800.0,
                legend: true,
                title: Some(obstacles.title.clone()),
                notes_above: vec!["Unit: percent".into()],
                notes_below: vec!["Source: datanews.levif.be".into()],
                ..Default::default()
            },
            &measure,
        );
        let t = texts(&scene);
        assert_eq!(t[0], "Obstacles to Smart City projects");
        assert!(t.contains(&"2018 · Wallonia") && t.contains(&"2021 · Wallonia"));
        assert_eq!(t.last(), Some(&"Source: datanews.levif.be"));
        // Two swatches + five bars.
        assert_eq!(rects(&scene).len(), 7);
    }

    #[test]
    fn large_counts_get_a_round_axis() {
        let population = chart("population-2030", Language::Fr);
        let scene = bar_scene(
            &population,
            &LayoutOptions {
                width: 700.0,
                ..Default::default()
            },
            &measure,
        );
        let t = texts(&scene);
        assert!(t.contains(&"12\u{202F}700\u{202F}000"), "{t:?}");
        assert!(t.contains(&"0"));
    }
}
