//! The query engine on synthetic projects (10k, 100k, 1M rows): index build,
//! the benchmark filter (3 facets + subsidy range + text), every facet count
//! under it, the two together, and the first page of 50 by subsidy. Prints
//! the index's memory against the raw columns. `ROWS=10000,100000` limits the
//! sizes.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use explorer_core::explore::{raw_column_bytes, synth, ProjectIndex, Sort, SortKey};
use explorer_core::language::Language;
use std::hint::black_box;
use std::time::Duration;

fn sizes() -> Vec<usize> {
    std::env::var("ROWS")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000, 1_000_000])
}

fn engine(c: &mut Criterion) {
    let reference = synth::reference();
    let state = synth::bench_state();
    let by_subsidy = Sort {
        key: SortKey::Subsidy,
        descending: true,
    };
    for rows in sizes() {
        let projects = synth::projects(rows, 2026, &reference);
        let index = ProjectIndex::build(&projects, &reference);
        let selection = index.filter(&state);
        let (heap, raw) = (index.heap_bytes(), raw_column_bytes(&projects));
        println!(
            "memory rows={rows} index_bytes={heap} raw_bytes={raw} ratio={:.3} matching={} vocabulary={}",
            heap as f64 / raw as f64,
            selection.len(),
            index.vocabulary()
        );
        let mut group = c.benchmark_group("engine");
        group.sample_size(if rows >= 1_000_000 { 10 } else { 20 });
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(if rows >= 1_000_000 { 8 } else { 3 }));
        group.bench_with_input(BenchmarkId::new("index_build", rows), &rows, |b, _| {
            b.iter(|| ProjectIndex::build(black_box(&projects), &reference))
        });
        group.bench_with_input(BenchmarkId::new("filter", rows), &rows, |b, _| {
            b.iter(|| index.filter(black_box(&state)).len())
        });
        group.bench_with_input(BenchmarkId::new("facet_counts", rows), &rows, |b, _| {
            b.iter(|| index.facet_counts(black_box(&state)).matching)
        });
        group.bench_with_input(BenchmarkId::new("filter_facets", rows), &rows, |b, _| {
            b.iter(|| {
                let selection = index.filter(black_box(&state));
                (selection.len(), index.facet_counts(&state).matching)
            })
        });
        group.bench_with_input(BenchmarkId::new("sort_top50", rows), &rows, |b, _| {
            b.iter(|| index.sorted_page(black_box(&selection), by_subsidy, Language::Fr, 0, 50))
        });
        group.finish();
    }
}

criterion_group!(benches, engine);
criterion_main!(benches);
