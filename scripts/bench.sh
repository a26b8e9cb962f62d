#!/usr/bin/env bash
# make bench: the query engine (crates/core/src/engine) on synthetic projects.
#  1. native: criterion (crates/core/benches/engine.rs);
#  2. browser: the engine built for wasm (bench/wasm, release, wasm-bindgen
#     --target web) against DuckDB-wasm and Arquero (bench/package.json, npm ci)
#     in headless Chromium, every file served from 127.0.0.1;
#  prints the tables and writes target/bench-report.json.
# ROWS=10000,100000 limits the sizes (default 10000,100000,1000000).
set -euo pipefail
cd "$(dirname "$0")/.."
W=/opt/wasm-toolchain/bin/wasm-env
export ROWS="${ROWS:-10000,100000,1000000}"

echo "== native engine benchmark (criterion), rows: $ROWS"
mkdir -p target
if ! cargo bench --locked -p explorer-core --bench engine -- --noplot >target/bench-native.log 2>&1; then
  cat target/bench-native.log
  exit 1
fi
grep -E '^(memory|engine/)|time:' target/bench-native.log

echo "== wasm build of bench/wasm"
(cd bench/wasm && CARGO_TARGET_DIR=../../target/bench-wasm $W cargo build --locked --release --target wasm32-unknown-unknown)
$W wasm-bindgen --target web --out-dir target/bench-wasm/pkg \
  target/bench-wasm/wasm32-unknown-unknown/release/engine_bench_wasm.wasm

echo "== npm peers (bench/package-lock.json)"
npm ci --prefix bench --no-audit --no-fund --loglevel=error

echo "== browser benchmark: ours vs DuckDB-wasm vs Arquero"
$W node bench/browser/run.mjs
