# shellcheck shell=bash
# Sourced by scripts/trunk.sh and scripts/setup.sh: the size flags of the wasm builds.
#
# Always: Leptos's `erase_components` (each component's view type-erased behind
# `AnyView`, as Leptos does for fast debug builds): far fewer monomorphized copies of
# tachys's view code; about 32 KB gzip off the explorer's wasm, for one dynamic call per
# component built.
#
# When Rust's own source is installed (rust-src, which setup.sh adds): the standard
# library rebuilt for size (build-std, opt-level z) with panics as plain traps
# (-Cpanic=immediate-abort): no panic messages, formatting or unwinding code in what
# every visitor downloads (about 40 KB gzip of the explorer's wasm). src/panic.rs shows
# such a trap as the readable error page. Source locations are left out too
# (-Zlocation-detail=none: no file names for `#[track_caller]` code that only a panic
# message would print; 0.5 KB gzip). Not -Zfmt-debug=none (4.4 KB more): the import's
# messages quote the user's values with `{:?}`. Without rust-src the build keeps panic
# messages and is larger, and still works. Debian mode (see setup-wasm-toolchain.sh)
# always rebuilds std; it gets the same flags.
flags="--cfg=erase_components"
if [ -d "$(rustc --print sysroot 2>/dev/null)/lib/rustlib/src/rust/library/std" ]; then
  export RUSTC_BOOTSTRAP=1
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  flags="$flags -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none"
  SRE_WASM_PANICS=trap
else
  SRE_WASM_PANICS=messages
fi
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$flags"
unset flags
export SRE_WASM_PANICS
