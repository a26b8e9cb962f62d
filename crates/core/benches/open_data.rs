//! The open-data explorer on a synthetic Opendatasoft-style export
//! (`open_data::synth`, 10 columns): reading, profiling, building and indexing the
//! text fields once per size (timed and printed, with the memory held against the
//! file's size), then a view with no filter and a filter change (a theme, a province,
//! a year range and the sum of the amounts on the map). `ROWS=100000` limits the sizes
//! (default 100k and 1M). The peak heap after reading, after building and after
//! indexing is printed too: a wasm heap never shrinks, so that peak is what the import
//! worker holds in the browser.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use explorer_core::explore::synth::reference;
use explorer_core::import::columns::read_columns_in;
use explorer_core::import::profile::{ColumnKind, CommuneMatcher};
use explorer_core::open_data::session::profile_columns;
use explorer_core::open_data::{synth, MapMetric, MetricKind, OpenDataset, ViewRequest};
use std::alloc::{GlobalAlloc, Layout, System};
use std::borrow::Cow;
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The system allocator, counting the bytes held and their peak. Written here rather
/// than taken from a crate: the bench needs only these two counters and a way to reset
/// the peak, a few lines.
struct Counting;

/// Bytes allocated and not yet freed.
static HELD: AtomicUsize = AtomicUsize::new(0);
/// The most bytes held since [`reset_peak`].
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to `System` unchanged; only counters are updated.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let held = HELD.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(held, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Counted as the allocator may do it: the new block before the old is freed.
        let held = HELD.fetch_add(new_size, Ordering::Relaxed) + new_size;
        PEAK.fetch_max(held, Ordering::Relaxed);
        let moved = unsafe { System.realloc(ptr, layout, new_size) };
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
        moved
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Starts a new peak from what is held now.
fn reset_peak() {
    PEAK.store(HELD.load(Ordering::Relaxed), Ordering::Relaxed);
}

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
        let file_bytes = file.len();
        // The file in the 8 MiB pieces the import worker reads it by, the only copy.
        let pieces: Vec<Cow<[u8]>> = file
            .chunks(8 << 20)
            .map(|piece| Cow::Owned(piece.to_vec()))
            .collect();
        drop(file);
        // What was held before the worker got the file.
        let before = HELD.load(Ordering::Relaxed) - file_bytes;
        reset_peak();
        let start = Instant::now();
        let columns = read_columns_in(pieces, "export.csv").expect("the export reads");
        let read = start.elapsed();
        let kinds: Vec<ColumnKind> = profile_columns(&columns, &matcher)
            .iter()
            .map(|profile| profile.kind)
            .collect();
        let profiled = start.elapsed();
        let text_bytes = columns.heap_bytes();
        let read_peak = PEAK.load(Ordering::Relaxed) - before;
        let data = OpenDataset::build(columns, &kinds, &matcher, &reference);
        let built = start.elapsed();
        let build_peak = PEAK.load(Ordering::Relaxed) - before;
        // What the worker does once the dataset is shown: the text fields' word index.
        data.index_texts();
        let indexed = start.elapsed();
        let peak = PEAK.load(Ordering::Relaxed) - before;
        println!(
            "open_data rows={rows} file_bytes={} read_ms={} profile_ms={} build_ms={} index_texts_ms={} text_bytes={text_bytes} table_bytes={} ratio_to_file={:.2} read_peak_to_file={:.2} build_peak_to_file={:.2} peak_to_file={:.2} kinds={kinds:?}",
            file_bytes,
            read.as_millis(),
            (profiled - read).as_millis(),
            (built - profiled).as_millis(),
            (indexed - built).as_millis(),
            data.table.heap_bytes(),
            (text_bytes + data.table.heap_bytes()) as f64 / file_bytes as f64,
            read_peak as f64 / file_bytes as f64,
            build_peak as f64 / file_bytes as f64,
            peak as f64 / file_bytes as f64,
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
