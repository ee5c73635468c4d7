#!/usr/bin/env bash
# Runs every test of escrow-chain: the pallets' unit tests and the runtime's integration tests,
# then the end-to-end tests through @polkadot/api against a development node built in release
# mode. Usage: scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

echo "== Rust: pallet unit tests and runtime integration tests =="
# These run natively: the runtime's Wasm is not needed for them.
SKIP_WASM_BUILD=1 cargo test --locked --workspace --exclude escrow-chain-node

echo "== Benchmarks of the escrow pallet, run once each as tests =="
SKIP_WASM_BUILD=1 cargo test --locked -p pallet-escrow --features runtime-benchmarks benchmarking

echo "== Clippy: no panics in runtime code (unwrap, expect, indexing, unchecked arithmetic) =="
SKIP_WASM_BUILD=1 cargo clippy --locked -p pallet-escrow -p pallet-store-orders -p pallet-funding \
	-p escrow-chain-runtime -- -D warnings

echo "== End-to-end: @polkadot/api against a development node =="
scripts/e2e.sh

echo "== Three validators on loopback produce and finalize blocks =="
scripts/local-testnet.sh --check
