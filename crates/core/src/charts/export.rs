//! A chart's data as a CSV file.

use super::prepare::indicator_label;
use super::Chart;

/// The columns of a chart's CSV.
pub const CSV_HEADER: [&str; 9] = [
    "survey",
    "year",
    "scope",
    "indicator_id",
    "breakdown",
    "label",
    "value",
    "unit",
    "sources",
];

/// Quotes a CSV field when it needs it (RFC 4180).
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The figures of `chart` as CSV (RFC 4180: comma, CRLF line ends, UTF-8
/// without byte-order mark, like the explorer's standard CSV exports).
///
/// A barometer chart gives one line per figure, in the chart's order, with the
/// columns of `data/indicators.csv` ([`CSV_HEADER`]): the label in the chart's
/// language, the value as a plain number (`62.5`), the sources separated by
/// spaces. The same columns in every language, so a program can read any of
/// them. A chart of other data (no indicator rows) gives its table: `key`,
/// `label`, then one column per series named by the series' key.
pub fn chart_csv(chart: &Chart) -> String {
    if chart.rows.is_empty() {
        return table_csv(chart);
    }
    let mut out = String::new();
    out.push_str(&CSV_HEADER.join(","));
    out.push_str("\r\n");
    for row in &chart.rows {
        let year = row.year.to_string();
        let value = row.value.to_string();
        let sources = row.sources.join(" ");
        let fields = [
            row.survey.as_str(),
            &year,
            &row.scope,
            &row.id,
            &row.breakdown,
            indicator_label(row, chart.language),
            &value,
            row.unit.as_str(),
            &sources,
        ];
        let line: Vec<String> = fields.iter().map(|f| field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A chart's categories and series as CSV: `key,label,<series keys…>`.
fn table_csv(chart: &Chart) -> String {
    let mut header = vec!["key".to_string(), "label".to_string()];
    header.extend(chart.series.iter().map(|s| field(&s.key)));
    let mut out = header.join(",");
    out.push_str("\r\n");
    for category in &chart.categories {
        let mut line = vec![field(&category.key), field(&category.label)];
        line.extend(
            category
                .values
                .iter()
                .map(|v| v.map(|v| v.to_string()).unwrap_or_default()),
        );
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The name of a chart's CSV download, e.g. `barometre-obstacles.csv`.
pub fn csv_file_name(chart: &Chart) -> String {
    format!("{}.csv", chart.file_stem)
}

/// The name of a chart's PNG download, e.g. `barometre-obstacles.png`.
pub fn png_file_name(chart: &Chart) -> String {
    format!("{}.png", chart.file_stem)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::barometer_charts;
    use crate::charts::prepare::tests::shipped;
    use crate::language::Language;

    #[test]
    fn csv_lists_the_figures_in_chart_order() {
        let charts = barometer_charts(&shipped(), Language::Fr);
        let obstacles = charts
            .iter()
            .find(|c| c.id == "obstacles")
            .expect("obstacles");
        let csv = chart_csv(obstacles);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "survey,year,scope,indicator_id,breakdown,label,value,unit,sources"
        );
        assert_eq!(lines.len(), 1 + 5 + 1);
        assert!(lines[1].starts_with(
            "SCI Baromètre wallon Smart Cities 2018,2018,Wallonia,w18_obstacle_budgets,all,"
        ));
        assert!(lines[2].starts_with("SCI Baromètre wallon Smart City & Smart Région 2021,2021,Wallonia,w21_obstacle_budgets,all,"));
        assert!(lines[5].contains(",w21_projects_difficult,all,Répondants estimant"));
        assert!(lines[5].contains(",66,percent,https://datanews.levif.be/"));
        assert_eq!(lines[6], "");
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("plain"), "plain");
        let charts = barometer_charts(&shipped(), Language::En);
        let scores = charts
            .iter()
            .find(|c| c.id == "progress")
            .expect("progress");
        let csv = chart_csv(scores);
        assert!(csv.contains(",3.67,score_0_10,"));
        assert!(csv.contains("\"Average self-assessed progress towards the Smart City (scale 1-10 per SCI, 'out of 10' per RTL)\""));
    }

    #[test]
    fn file_names_carry_the_chart_id() {
        let charts = barometer_charts(&shipped(), Language::En);
        assert_eq!(
            csv_file_name(&charts[0]),
            "barometre-perception-2017-rank.csv"
        );
        assert_eq!(
            png_file_name(&charts[0]),
            "barometre-perception-2017-rank.png"
        );
    }
}
