# Smart Région Explorer. `make serve` and `make test` install what is missing first.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
WASM := /opt/wasm-toolchain/bin/wasm-env
# trunk inside that environment, std rebuilt for size with panics as traps when rust-src
# is installed (scripts/wasm-size-env.sh).
TRUNK := bash scripts/trunk.sh
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
	$(TRUNK) serve --address 127.0.0.1 --port 8080

# bench/wasm and fuzz/ are workspaces of their own, with their own Cargo.lock that
# nothing else builds: resolving them with --locked fails as soon as a dependency of
# crates/core changes without their lock files being refreshed (`cargo update -w
# --manifest-path bench/wasm/Cargo.toml`), so that `make bench` and `make fuzz` build.
lint: setup
	cargo fmt --all --check
	cargo clippy --locked --workspace --all-targets -- -D warnings
	cargo metadata --locked --format-version 1 --manifest-path bench/wasm/Cargo.toml >/dev/null
	cargo metadata --locked --format-version 1 --manifest-path fuzz/Cargo.toml >/dev/null

# After `data`: the tests of the real boundaries file (crates/core/tests/topology_real.rs,
# datasets_real.rs) read the copy it fetches into .cache/sources/.
unit: data
	cargo test --locked --workspace

# The site at / (dist/), and again under a sub-path as GitHub Pages serves it, for the
# browser tests of deep links (target/site/smart-region-explorer/). The sub-path site
# gets a stand-in repository, as the Pages workflow gives the real one, so that the
# tests see the contribution form with and without its "open an issue" link.
TEST_REPO_URL := https://github.com/example/smart-region-explorer
wasm: data
	$(TRUNK) build --release --public-url /
	SRE_REPO_URL=$(TEST_REPO_URL) $(TRUNK) build --release --public-url /smart-region-explorer/ --dist target/site/smart-region-explorer

# The site for a base path: make dist PUBLIC_URL=/smart-region-explorer/
dist: data
	$(TRUNK) build --release --public-url $(PUBLIC_URL)

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
