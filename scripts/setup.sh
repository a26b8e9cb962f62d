#!/usr/bin/env bash
# Installs everything the project needs, idempotently (seconds when already done):
# the wasm32 Rust target (rustup, or Debian's rustc-web + std from source as a fallback),
# trunk and wasm-bindgen-cli pinned to Cargo.lock, wasm-opt (npm binaryen), Debian's
# Chromium, playwright-core (npm, no browser download), axe-core (npm, tests/e2e), python3 for the static server,
# and every crate the build needs (so later steps can run offline).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"

if ! command -v python3 >/dev/null; then
  $sudo apt-get update -qq && $sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3
fi
# SRE_NO_BROWSER=1 skips Chromium and Playwright (a deploy build needs no browser).
browser_flags="--with-playwright"
[ "${SRE_NO_BROWSER:-0}" = 1 ] && browser_flags="--no-browser"
$sudo env CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" bash scripts/setup-wasm-toolchain.sh --cargo-lock Cargo.lock $browser_flags >/tmp/sre-setup.log 2>&1 \
  || { cat /tmp/sre-setup.log >&2; exit 1; }
# shellcheck disable=SC1091
. /opt/wasm-toolchain/env.sh
if [ "${SRE_NO_BROWSER:-0}" != 1 ]; then # axe-core for the accessibility tests
  npm ci --prefix tests/e2e --no-audit --no-fund --loglevel=error
fi
cargo fetch --locked --quiet
cargo fetch --locked --quiet --target wasm32-unknown-unknown
echo "setup: ready in $((SECONDS - start)) s ($(grep -o 'mode=[a-z]*' /opt/wasm-toolchain/env.sh))"
