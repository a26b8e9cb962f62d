# shellcheck shell=bash
# Sourced by scripts/trunk.sh and scripts/setup.sh: when Rust's own source is installed
# (rust-src, which setup.sh adds), the wasm builds rebuild the standard library for size
# (build-std, opt-level z) with panics as plain traps (-Cpanic=immediate-abort): no panic
# messages, formatting or unwinding code in what every visitor downloads (about 40 KB
# gzip of the explorer's wasm). src/panic.rs shows such a trap as the readable error
# page. Without rust-src the build keeps panic messages and is larger, and still works.
# Debian mode (see setup-wasm-toolchain.sh) always rebuilds std; it gets the same flags.
if [ -d "$(rustc --print sysroot 2>/dev/null)/lib/rustlib/src/rust/library/std" ]; then
  export RUSTC_BOOTSTRAP=1
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort"
  SRE_WASM_PANICS=trap
else
  SRE_WASM_PANICS=messages
fi
export SRE_WASM_PANICS
