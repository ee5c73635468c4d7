#!/usr/bin/env bash
# The Rust tests as scripts/test.sh (and so CI) builds them: our seven crates, debug, with the
# features `runtime-benchmarks` and `try-runtime` (the benchmarks run as tests, the migrations'
# try-runtime checks), no Wasm (the runtime runs natively), and clippy linting our crates as
# they compile: clippy-driver wraps rustc for the workspace's crates only (the dependencies are
# built by rustc alone), with the lints of Cargo.toml and clippy.toml and warnings denied
# (CLIPPY_ARGS, as `cargo clippy -- -D warnings` passes them). So a run here reuses CI's build,
# and after a change only the changed crates and those above them compile again.
#
#   scripts/rust-test.sh                # build, lint and run every Rust test (all targets)
#   scripts/rust-test.sh -- trust::     # the same build; only the tests whose names match
#   scripts/rust-test.sh --no-run       # build and lint only
#   scripts/rust-test.sh --doc          # the API docs, warnings denied, and the doc tests
#
# Other arguments go to `cargo test`. With --doc, rustdoc writes each crate's docs into
# ${CARGO_TARGET_DIR:-target}/doc from the test build's dependencies (scripts/lib/rustdoc.sh),
# where `cargo doc` would compile every dependency again.
set -euo pipefail
cd "$(dirname "$0")/.."

crates=(-p escrow-primitives -p pallet-escrow -p pallet-store-orders -p pallet-funding
	-p escrow-runtime-common -p escrow-chain-runtime -p escrow-parachain-runtime)
clippy=(RUSTC_WORKSPACE_WRAPPER="$(rustc --print sysroot)/bin/clippy-driver"
	CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__")

targets=(--all-targets)
for arg in "$@"; do
	[ "$arg" = -- ] && break
	if [ "$arg" = --doc ]; then
		target_dir=${CARGO_TARGET_DIR:-target}
		case "$target_dir" in /*) ;; *) target_dir="$(pwd)/$target_dir" ;; esac
		targets=()
		clippy+=(ESCROW_DOC_DIR="$target_dir/doc" RUSTDOC="$(pwd)/scripts/lib/rustdoc.sh")
	fi
done

exec env SKIP_WASM_BUILD=1 "${clippy[@]}" cargo test --locked "${crates[@]}" "${targets[@]}" \
	--features runtime-benchmarks,try-runtime "$@"
