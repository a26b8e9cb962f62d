# Smart Région Explorer. `make serve` and `make test` install what is missing first.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
WASM := /opt/wasm-toolchain/bin/wasm-env
# Directory holding a copy of the boundary file (offline mirror); empty = download it.
DATAKIT_MIRROR ?=
export DATAKIT_MIRROR

.PHONY: setup data serve test lint unit wasm dist e2e fuzz bench size
setup:
	@bash scripts/setup.sh

data: setup
	cargo run --locked --quiet -p datakit -- build --out public/data

serve: data
	@echo "Smart Région Explorer: http://127.0.0.1:8080/"
	$(WASM) trunk serve --address 127.0.0.1 --port 8080

lint: setup
	cargo fmt --all --check
	cargo clippy --locked --workspace --all-targets -- -D warnings

unit: setup
	cargo test --locked --workspace

# The site at / (dist/), and again under a sub-path as GitHub Pages serves it, for the
# browser tests of deep links (target/site/smart-region-explorer/).
wasm: data
	$(WASM) trunk build --release --public-url /
	$(WASM) trunk build --release --public-url /smart-region-explorer/ --dist target/site/smart-region-explorer

# The site for a base path: make dist PUBLIC_URL=/smart-region-explorer/
dist: data
	$(WASM) trunk build --release --public-url $(PUBLIC_URL)

e2e:
	$(WASM) node --test --test-concurrency=1 tests/e2e/

test: lint unit wasm size e2e

# Fuzzes every parser of explorer-core for FUZZ_SECONDS each (not part of `test`).
FUZZ_SECONDS ?= 60
fuzz:
	bash scripts/fuzz.sh $(FUZZ_SECONDS)

# Query engine benchmark: criterion (native), then ours vs DuckDB-wasm vs Arquero
# in headless Chromium; prints tables, writes target/bench-report.json.
# ROWS=10000,100000 limits the sizes (default 10k, 100k, 1M).
bench: setup
	bash scripts/bench.sh

# Bundle size report of dist/ against size-budget.json (fails when over budget).
size:
	bash scripts/size-report.sh
