#!/usr/bin/env bash
# Runs trunk in the wasm toolchain's environment with the size flags of
# scripts/wasm-size-env.sh. Usage: scripts/trunk.sh build --release --public-url /
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC1091
. /opt/wasm-toolchain/env.sh
# shellcheck source=scripts/wasm-size-env.sh
. scripts/wasm-size-env.sh
[ "$SRE_WASM_PANICS" = trap ] || echo "trunk.sh: no rust-src: std not rebuilt, panics keep their messages (larger wasm)" >&2
exec trunk "$@"
