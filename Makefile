# Smart Région Explorer. `make serve` and `make test` install what is missing first.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
WASM := /opt/wasm-toolchain/bin/wasm-env
# Directory holding a copy of the boundary file (offline mirror); empty = download it.
DATAKIT_MIRROR ?=
export DATAKIT_MIRROR

.PHONY: setup data serve test lint unit wasm e2e
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

wasm: data
	$(WASM) trunk build --release

e2e:
	$(WASM) node --test --test-concurrency=1 tests/e2e/

test: lint unit wasm e2e
