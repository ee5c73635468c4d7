#!/usr/bin/env bash
# Runs every test of escrow-chain. Usage: scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

echo "== Rust: pallet unit tests and runtime integration tests =="
# These run natively: the runtime's Wasm is not needed for them.
SKIP_WASM_BUILD=1 cargo test --locked --workspace --exclude escrow-chain-node
