#!/usr/bin/env bash
# Fuzzes the parsers of explorer-core with cargo-fuzz (libFuzzer + AddressSanitizer):
# every target of fuzz/fuzz_targets/ in turn, for SECONDS each (default: $FUZZ_SECONDS,
# else 60). Not part of `make test`: run `make fuzz` (or `make fuzz FUZZ_SECONDS=300`).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Installs cargo-fuzz (pinned) when missing. cargo-fuzz passes nightly-only flags
# (-Zsanitizer=address); no nightly toolchain can be downloaded here, so the stable
# one is used with RUSTC_BOOTSTRAP=1. Seeds are read from fuzz/corpus/<target>/ (the
# committed corpus, never written to); what the fuzzer learns goes to
# fuzz/target/corpus/<target>/ (ignored). A crash leaves its input in
# fuzz/artifacts/<target>/: minimize it with `cargo fuzz tmin --fuzz-dir fuzz TARGET
# FILE`, fix it, and add it to crates/core/tests/fuzz_regressions.rs.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_FUZZ_VERSION=0.13.2
seconds=${1:-${FUZZ_SECONDS:-60}}
[ $# -gt 0 ] && shift
case $seconds in '' | *[!0-9]*) echo "fuzz: SECONDS must be a number, got '$seconds'" >&2; exit 2 ;; esac

export RUSTC_BOOTSTRAP=1
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"

if ! command -v c++ >/dev/null; then # libfuzzer-sys compiles libFuzzer (C++)
  $sudo apt-get update -qq && $sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q g++
fi
if [ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
  echo "fuzz: installing cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --quiet
fi

if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo fuzz list --fuzz-dir fuzz)
fi
# One cargo invocation builds every target (release, debug assertions, ASan); the
# binaries are then run directly, so that every target fuzzes the same build (`cargo
# fuzz run` would rebuild whenever a source changed in the meantime).
cargo fuzz build --fuzz-dir fuzz
bin_dir=fuzz/target/$(rustc -vV | sed -n 's/^host: //p')/release

dict_of() {
  case $1 in
    csv | number) echo fuzz/dicts/csv.dict ;;
    url_state) echo fuzz/dicts/url.dict ;;
    *) echo fuzz/dicts/json.dict ;;
  esac
}

summary=()
failed=()
for target in "${targets[@]}"; do
  work=fuzz/target/corpus/$target
  log=fuzz/target/logs/$target.log
  mkdir -p "$work" "fuzz/corpus/$target" "fuzz/artifacts/$target" "$(dirname "$log")"
  echo "fuzz: $target for ${seconds} s"
  status=0
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_odr_violation=0} "$bin_dir/$target" \
    -artifact_prefix="fuzz/artifacts/$target/" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -dict="$(dict_of "$target")" -print_final_stats=1 \
    "$work" "fuzz/corpus/$target" >"$log" 2>&1 || status=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
  if [ "$status" = 0 ]; then
    result=ok
  else
    result="CRASH (see $log, fuzz/artifacts/$target/)"
    failed+=("$target")
    grep -m1 -A12 -E 'panicked|ERROR: (libFuzzer|AddressSanitizer)' "$log" >&2 || tail -20 "$log" >&2
  fi
  summary+=("$(printf '%-10s %6s s %10s runs %8s exec/s %6s cov  %s' \
    "$target" "$seconds" "${runs:-?}" "${speed:-?}" "${cov:-?}" "$result")")
done

echo
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: crashes in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: no crash in ${#targets[@]} targets"
