#!/usr/bin/env bash
# Installs everything the project needs, idempotently (seconds when already done):
# the wasm32 Rust target (rustup, or Debian's rustc-web + std from source as a fallback),
# trunk and wasm-bindgen-cli pinned to Cargo.lock, wasm-opt (npm binaryen), Debian's
# Chromium, playwright-core (npm, no browser download), axe-core (npm, tests/e2e), python3 for the static server,
# Firefox ESR, WebKitGTK's MiniBrowser and WebKitWebDriver, Xvfb, puppeteer-core (npm, tests/e2e),
# and every crate the build needs (so later steps can run offline).
#
# Quiet when everything is in place (one summary line). Otherwise it prints one line per
# step that does work, with the time since the start and the log to follow, e.g.
#   setup: [  12s] cargo install trunk 0.22.1 (compiles from source: minutes) (log: …)
# while the full output goes to /tmp/sre-setup.log.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
log=/tmp/sre-setup.log
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
step() { printf 'setup: [%4ss] %s\n' "$((SECONDS - start))" "$*" >&2; }

if ! command -v python3 >/dev/null; then
  step "apt-get install python3"
  $sudo apt-get update -qq && $sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3
fi
# SRE_NO_BROWSER=1 skips Chromium and Playwright (a deploy build needs no browser).
browser_flags="--with-playwright"
[ "${SRE_NO_BROWSER:-0}" = 1 ] && browser_flags="--no-browser"
# The toolchain script's stdout goes to the log; its stderr (--progress: one line per
# step that does work, and any error) to the log and, timed, to the terminal. Both
# append to the log (created here, so it stays the caller's file under sudo).
: >"$log"
if ! $sudo env CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" bash scripts/setup-wasm-toolchain.sh \
  --cargo-lock Cargo.lock $browser_flags --progress 2>&1 >>"$log" \
  | while IFS= read -r line; do
    printf '%s\n' "$line" >>"$log"
    step "$line"
  done; then
  step "FAILED: the full output is in $log"
  exit 1
fi
# shellcheck disable=SC1091
. /opt/wasm-toolchain/env.sh
if [ "${SRE_NO_BROWSER:-0}" != 1 ]; then
  # Firefox ESR and WebKitGTK (MiniBrowser is in libwebkit2gtk-4.1-0, WebKitWebDriver in
  # webkit2gtk-driver, run under xvfb-run) for tests/e2e/engines.test.mjs.
  engines=()
  for p in firefox-esr webkit2gtk-driver libwebkit2gtk-4.1-0 xvfb xauth; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" = "install ok installed" ] || engines+=("$p")
  done
  if [ ${#engines[@]} -gt 0 ]; then
    step "apt-get install ${engines[*]} (Firefox ESR and WebKit for the browser tests: ~275 MB) (log: $log)"
    { $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${engines[@]}"; } >>"$log" 2>&1 \
      || { step "FAILED: the full output is in $log"; exit 1; }
  fi
  # axe-core and puppeteer-core (never a browser download) for the browser tests, as
  # locked; skipped when tests/e2e/node_modules already holds that lock file's packages.
  lock_sum="$(sha256sum tests/e2e/package-lock.json | cut -d' ' -f1)"
  if [ "$(cat tests/e2e/node_modules/.sre-lock-sha256 2>/dev/null || true)" != "$lock_sum" ]; then
    step "npm ci --prefix tests/e2e (axe-core, puppeteer-core)"
    npm ci --prefix tests/e2e --no-audit --no-fund --loglevel=error >/dev/null
    echo "$lock_sum" >tests/e2e/node_modules/.sre-lock-sha256
  fi
fi
# std's source, so that the wasm builds rebuild std for size with panics as traps
# (scripts/wasm-size-env.sh); Debian mode has it already. Optional: without it the
# build keeps panic messages and the wasm is larger.
if grep -q '^export WASM_TOOLCHAIN_MODE=rustup' /opt/wasm-toolchain/env.sh \
  && ! [ -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library/std" ]; then
  step "rustup component add rust-src (std's source, to rebuild it for size) (log: $log)"
  timeout 300 rustup component add rust-src >>"$log" 2>&1 \
    || step "rust-src could not be added: the wasm keeps panic messages and is larger"
fi
# shellcheck source=scripts/wasm-size-env.sh
. scripts/wasm-size-env.sh
# Every crate the build needs (with build-std, std's own dependencies too), so that later
# steps run offline; a line only when some are missing (the offline attempt fails).
for target in "" wasm32-unknown-unknown; do
  if ! cargo fetch --locked --quiet --offline ${target:+--target $target} >/dev/null 2>&1; then
    step "cargo fetch${target:+ --target $target} (downloads the crates of Cargo.lock)"
    cargo fetch --locked --quiet ${target:+--target $target}
  fi
done
echo "setup: ready in $((SECONDS - start)) s ($(grep -o 'mode=[a-z]*' /opt/wasm-toolchain/env.sh))"
