#!/usr/bin/env bash
# Runs every test of escrow-chain. Usage: scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

echo "== Rust: unit and integration tests =="
# Pallet tests run natively: no Wasm runtime is needed for them.
SKIP_WASM_BUILD=1 cargo test --workspace
