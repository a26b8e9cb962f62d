//! The engine against the row-by-row reference ([`super::reference`]) on
//! random schemas, data, queries and orders, drawn from seeded generators so
//! that every run checks the same cases (a failure names its seed).

use super::reference::{Reference, Value};
use super::{ColumnKind, ColumnSpec, Order, Query, Range, Schema, SortKey, Table, TableBuilder};
use rand_core::{Rng, SeedableRng};
use rand_xorshift::XorShiftRng;

/// A seeded generator of uniform numbers.
struct Draw(XorShiftRng);

impl Draw {
    /// Uniform in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.0.next_u64() % n as u64) as usize
        }
    }

    /// Whether an event of probability `percent`/100 happens.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Words for texts: accents, case, ligatures, apostrophes and punctuation
/// that folding unifies, and shared prefixes.
const WORDS: &[&str] = &[
    "Éclairage",
    "eclair",
    "ECLAT",
    "park",
    "Parkings",
    "parc",
    "l'eau",
    "l’eau",
    "Straße",
    "strasse",
    "ﬁnance",
    "œuvre",
    "x-y",
    "b1",
    "B12",
    "zèbre",
    "a",
    "É",
    "-",
    "",
];

/// Category values: short, some differing only by case or accent.
const VALUES: &[&str] = &["a", "b", "c", "B", "é", "e", "ab", "", "zz", "10", "9"];

/// A category column's pool of values: the short list, or many values (a
/// dictionary wider than `u8`).
fn pool(draw: &mut Draw) -> Vec<String> {
    if draw.chance(10) {
        (0..300 + draw.below(100))
            .map(|i| format!("v{i}"))
            .collect()
    } else {
        let n = 1 + draw.below(VALUES.len());
        VALUES[..n].iter().map(|s| (*s).to_owned()).collect()
    }
}

/// A random schema of 1 to 6 columns and each category column's pool.
fn schema(draw: &mut Draw) -> (Schema, Vec<Vec<String>>) {
    let mut columns = Vec::new();
    let mut pools = Vec::new();
    for i in 0..1 + draw.below(6) {
        let key = format!("c{i}");
        let pool = pool(draw);
        columns.push(match draw.below(4) {
            0 => ColumnSpec::number(&key),
            1 => ColumnSpec::text(&key),
            2 => {
                // A fixed dictionary: part of the pool, shuffled, a repeat.
                let mut values: Vec<String> =
                    pool.iter().filter(|_| draw.chance(70)).cloned().collect();
                for i in (1..values.len()).rev() {
                    values.swap(i, draw.below(i + 1));
                }
                if let Some(first) = values.first().cloned() {
                    values.push(first);
                }
                ColumnSpec::category_in(&key, values)
            }
            _ => ColumnSpec::category(&key),
        });
        pools.push(pool);
    }
    (Schema::new(columns), pools)
}

/// A number, often repeated, sometimes special.
fn number(draw: &mut Draw) -> Option<f64> {
    match draw.below(20) {
        0..=2 => None,
        3 => Some(f64::NAN),
        4 => Some(-0.0),
        5 => Some(f64::INFINITY),
        6 => Some(f64::NEG_INFINITY),
        _ => Some(draw.below(40) as f64 * 2.5 - 30.0),
    }
}

/// A text of 0 to 4 words.
fn text(draw: &mut Draw) -> String {
    let mut out = String::new();
    for _ in 0..draw.below(5) {
        let separator = *draw.pick(&[" ", "  ", "\t", "-", " – "]);
        let word = *draw.pick(WORDS);
        out.push_str(separator);
        out.push_str(word);
    }
    out
}

/// Random rows of `schema`, given to `builder` as they are drawn.
fn rows(
    draw: &mut Draw,
    schema: &Schema,
    pools: &[Vec<String>],
    builder: &mut TableBuilder,
) -> Vec<Vec<Value>> {
    let count = match draw.below(40) {
        0 => 0,
        1 => 4_500 + draw.below(1_000),
        2..=9 => draw.below(8),
        _ => draw.below(600),
    };
    let mut rows = Vec::with_capacity(count);
    for _ in 0..count {
        let mut row = Vec::new();
        for (column, spec) in schema.columns.iter().enumerate() {
            let value = match spec.kind {
                ColumnKind::Category { .. } => {
                    let n = match draw.below(10) {
                        0..=1 => 0,
                        2..=7 => 1,
                        _ => 2 + draw.below(3),
                    };
                    let mut values: Vec<String> =
                        (0..n).map(|_| draw.pick(&pools[column]).clone()).collect();
                    if draw.chance(5) {
                        values.push("outside".into());
                    }
                    // Given in one call or two, the second by value or by code.
                    let cut = draw.below(values.len() + 1);
                    builder.category(column, &values[..cut]);
                    if draw.chance(50) {
                        let codes: Vec<u32> = values[cut..]
                            .iter()
                            .filter_map(|value| builder.category_code(column, value))
                            .collect();
                        builder.category_codes(column, &codes);
                    } else {
                        builder.category(column, &values[cut..]);
                    }
                    Value::Category(values)
                }
                ColumnKind::Number => {
                    let value = number(draw);
                    if draw.chance(10) {
                        // Replaced by the next value.
                        builder.number(column, Some(1e9));
                    }
                    builder.number(column, value);
                    Value::Number(value)
                }
                // Given to the table once built (`texts_of`).
                ColumnKind::Text => Value::Text(text(draw)),
            };
            // A value of the wrong kind: ignored.
            if draw.chance(3) {
                let other = draw.below(schema.columns.len() + 1);
                match schema.columns.get(other).map(|c| &c.kind) {
                    Some(ColumnKind::Number) => builder.category(other, ["a"]),
                    _ => builder.number(other, Some(7.0)),
                }
            }
            row.push(value);
        }
        builder.end_row();
        rows.push(row);
    }
    rows
}

/// A random query: category filters, ranges, text, on any column.
fn query(draw: &mut Draw, columns: usize, pools: &[Vec<String>]) -> Query {
    let column = |draw: &mut Draw| draw.below(columns + 1);
    let categories = (0..draw.below(4))
        .map(|_| {
            let c = column(draw);
            let values = (0..draw.below(4))
                .map(|_| match pools.get(c) {
                    Some(pool) if !draw.chance(10) => draw.pick(pool).clone(),
                    _ => "absent".to_owned(),
                })
                .collect();
            (c, values)
        })
        .collect();
    let bound = |draw: &mut Draw| {
        if draw.chance(40) {
            None
        } else {
            number(draw).filter(|v| !v.is_nan() || draw.chance(20))
        }
    };
    let ranges = (0..draw.below(3))
        .map(|_| Range {
            column: column(draw),
            min: bound(draw),
            max: bound(draw),
        })
        .collect();
    let mut text = String::new();
    if draw.chance(40) {
        for _ in 0..1 + draw.below(2) {
            let word = *draw.pick(WORDS);
            let word: Vec<char> = word.chars().collect();
            let cut: String = word[..draw.below(word.len() + 1)].iter().collect();
            text.push(' ');
            text.push_str(&if draw.chance(20) {
                cut.to_uppercase()
            } else {
                cut
            });
        }
    }
    Query {
        categories,
        ranges,
        text,
    }
}

/// A random key on any column; ranks for the codes, some missing.
fn key<'a>(draw: &mut Draw, columns: usize, ranks: &'a [u32]) -> SortKey<'a> {
    let column = draw.below(columns + 1);
    if draw.chance(25) {
        SortKey::Ranked { column, ranks }
    } else {
        SortKey::Column(column)
    }
}

/// Checks one random case.
fn case(seed: u64) {
    let mut draw = Draw(XorShiftRng::seed_from_u64(seed));
    let (schema, pools) = schema(&mut draw);
    let mut builder = TableBuilder::new(&schema);
    let rows = rows(&mut draw, &schema, &pools, &mut builder);
    let table: Table = builder.finish();
    table.index_texts(|column| {
        rows.iter().map(move |row| match &row[column] {
            Value::Text(text) => text.as_str(),
            _ => "",
        })
    });
    for (column, spec) in schema.columns.iter().enumerate() {
        if spec.kind == ColumnKind::Text {
            table.rank_texts(column, |row| match &rows[row][column] {
                Value::Text(text) => text,
                _ => "",
            });
        }
    }
    let reference = Reference::new(&schema, &rows);
    let columns = schema.columns.len();
    let context = format!("seed {seed}, {columns} columns, {} rows", rows.len());
    assert_eq!(table.rows(), rows.len(), "{context}");
    for column in 0..=columns {
        assert_eq!(
            table.values(column),
            reference.dictionary(column),
            "{context}"
        );
    }
    let all: Vec<usize> = (0..=columns).collect();
    for _ in 0..4 {
        let query = query(&mut draw, columns, &pools);
        let context = format!("{context}, {query:?}");
        let expected = reference.filter(&query);
        let selection = table.filter(&query);
        assert_eq!(selection.to_indices(), expected, "filter, {context}");
        assert_eq!(selection.len(), expected.len(), "{context}");
        let counts = table.facet_counts(&query, &all);
        assert_eq!(counts.selection(), &selection, "{context}");
        for column in 0..=columns {
            assert_eq!(
                counts.counts(column),
                reference.counts(&query, column),
                "counts of {column}, {context}"
            );
            assert_eq!(
                table.count_missing(&selection, column),
                reference.missing(&expected, column),
                "missing of {column}, {context}"
            );
        }
        let ranks: Vec<u32> = (0..draw.below(12))
            .map(|_| {
                if draw.chance(15) {
                    u32::MAX
                } else {
                    draw.below(6) as u32
                }
            })
            .collect();
        let order = Order {
            key: key(&mut draw, columns, &ranks),
            descending: draw.chance(50),
            then: if draw.chance(70) {
                Some(key(&mut draw, columns, &ranks))
            } else {
                None
            },
        };
        let sorted = reference.sort(&expected, order);
        assert_eq!(
            table.sort_all(&selection, order),
            sorted,
            "{order:?}, {context}"
        );
        let deep = draw.below(3);
        for (page, size) in [
            (0u32, 5usize),
            (1, 5),
            (draw.below(9) as u32, 3),
            (0, 4_200 + deep),
            (1, 4_097),
            (2, 0),
        ] {
            let start = (page as usize * size).min(sorted.len());
            let end = (start + size).min(sorted.len());
            assert_eq!(
                table.sorted_page(&selection, order, page, size),
                &sorted[start..end],
                "page {page} of {size}, {order:?}, {context}"
            );
        }
    }
}

#[test]
fn same_answers_as_the_reference_on_random_tables() {
    for seed in 0..300 {
        case(seed);
    }
}

#[test]
fn words_match_once_the_texts_are_indexed() {
    let schema = Schema::new(vec![ColumnSpec::text("title"), ColumnSpec::number("n")]);
    let mut builder = TableBuilder::new(&schema);
    for n in [1.0, 2.0, 3.0] {
        builder.number(1, Some(n));
        builder.end_row();
    }
    let table = builder.finish();
    let query = Query {
        text: "ecl".into(),
        ..Query::default()
    };
    assert!(!table.texts_indexed());
    assert!(table.filter(&query).is_empty());
    assert_eq!(table.filter(&Query::default()).to_indices(), [0, 1, 2]);
    let titles = ["Éclairage public", "Vélos", "Eclairage LED"];
    table.index_texts(|_| titles.into_iter());
    assert!(table.texts_indexed());
    assert_eq!(table.vocabulary(), 4);
    assert_eq!(table.filter(&query).to_indices(), [0, 2]);
    // Once: later texts are not taken.
    table.index_texts(|_| ["vélos"; 3].into_iter());
    assert_eq!(table.filter(&query).to_indices(), [0, 2]);
}

#[test]
fn an_empty_schema_keeps_every_row() {
    let schema = Schema::default();
    let mut builder = TableBuilder::new(&schema);
    builder.end_row();
    builder.end_row();
    let table = builder.finish();
    assert_eq!(table.filter(&Query::default()).to_indices(), [0, 1]);
    let text = Query {
        text: "a".into(),
        ..Query::default()
    };
    assert!(table.filter(&text).is_empty());
}
