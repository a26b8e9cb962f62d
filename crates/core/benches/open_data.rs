//! The open-data explorer on a synthetic Opendatasoft-style export
//! (`open_data::synth`, 10 columns): reading, profiling and building once per size
//! (timed and printed, with the memory held against the file's size), then a view
//! with no filter and a filter change (a theme, a province, a year range and the sum
//! of the amounts on the map). `ROWS=100000` limits the sizes (default 100k and 1M).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use explorer_core::explore::synth::reference;
use explorer_core::import::columns::read_columns;
use explorer_core::import::profile::{ColumnKind, CommuneMatcher};
use explorer_core::open_data::session::profile_columns;
use explorer_core::open_data::{synth, MapMetric, MetricKind, OpenDataset, ViewRequest};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn sizes() -> Vec<usize> {
    std::env::var("ROWS")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100_000, 1_000_000])
}

fn open_data(c: &mut Criterion) {
    let reference = reference();
    let matcher = CommuneMatcher::new(&reference);
    let change = ViewRequest {
        filters: vec![
            ("theme".into(), vec!["Mobilité".into(), "Énergie".into()]),
            ("province".into(), vec!["60000".into()]),
        ],
        ranges: vec![("annee".into(), Some(2018.0), Some(2022.0))],
        metric: MapMetric {
            kind: MetricKind::Sum,
            field: Some("montant".into()),
            per_1000: false,
        },
        ..ViewRequest::default()
    };
    for rows in sizes() {
        let file = synth::ods_export(rows, 2026, &reference);
        let start = Instant::now();
        let columns = read_columns(&file, "export.csv").expect("the export reads");
        let read = start.elapsed();
        let kinds: Vec<ColumnKind> = profile_columns(&columns, &matcher)
            .iter()
            .map(|profile| profile.kind)
            .collect();
        let profiled = start.elapsed();
        let text_bytes = columns.heap_bytes();
        let data = OpenDataset::build(columns, &kinds, &matcher, &reference);
        let built = start.elapsed();
        println!(
            "open_data rows={rows} file_bytes={} read_ms={} profile_ms={} build_ms={} text_bytes={text_bytes} table_bytes={} ratio_to_file={:.2} kinds={kinds:?}",
            file.len(),
            read.as_millis(),
            (profiled - read).as_millis(),
            (built - profiled).as_millis(),
            data.table.heap_bytes(),
            (text_bytes + data.table.heap_bytes()) as f64 / file.len() as f64,
        );
        let mut group = c.benchmark_group("open_data");
        group.sample_size(10);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(3));
        group.bench_with_input(BenchmarkId::new("view_all", rows), &rows, |b, _| {
            b.iter(|| data.view(black_box(&ViewRequest::default())).count)
        });
        group.bench_with_input(
            BenchmarkId::new("view_filter_change", rows),
            &rows,
            |b, _| b.iter(|| data.view(black_box(&change)).count),
        );
        group.finish();
    }
}

criterion_group!(benches, open_data);
criterion_main!(benches);
