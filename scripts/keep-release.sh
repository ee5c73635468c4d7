#!/usr/bin/env bash
# Keeps the runtime this repository builds as a release in runtime/releases/: its Wasm, the
# development genesis it builds, and its hashes (scripts/e2e/upgrade/keep-release.js). Run it
# at the commit of a release, after bumping `spec_version`, and commit what it writes.
#
#   scripts/keep-release.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node.sh release

node_binary --build
js_deps
target=${CARGO_TARGET_DIR:-target}
case "$target" in /*) ;; *) target="$REPO_DIR/$target" ;; esac
wasm=$target/release/wbuild/escrow-chain-runtime/escrow_chain_runtime.compact.compressed.wasm
spec_version=$(sed -n 's/^[[:space:]]*spec_version: \([0-9]*\),$/\1/p' runtime/src/lib.rs)
[ -n "$spec_version" ] || { echo "keep-release: no spec_version in runtime/src/lib.rs" >&2; exit 1; }
(cd scripts/e2e && node upgrade/keep-release.js "$NODE_BIN" "$wasm" "$spec_version" "$(git rev-parse HEAD)")
