#!/usr/bin/env bash
# Runs every test of escrow-chain: the pallets' unit tests and the runtime's integration tests,
# then the end-to-end tests through @polkadot/api against a development node built in release
# mode. Usage: scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

echo "== Rust: pallet unit tests and runtime integration tests =="
# These run natively: the runtime's Wasm is not needed for them. They include the randomized
# invariant test (runtime/tests/invariants.rs, 48 cases; PROPTEST_CASES=N for more) and the
# 10,000-settlement backlog (runtime/tests/backlog.rs).
SKIP_WASM_BUILD=1 cargo test --locked --workspace --exclude escrow-chain-node

echo "== Benchmarks of every pallet, run once each as tests =="
SKIP_WASM_BUILD=1 cargo test --locked -p pallet-escrow -p pallet-store-orders -p pallet-funding \
	--features runtime-benchmarks benchmarking

echo "== Clippy: no panics in runtime code (unwrap, expect, indexing, unchecked arithmetic) =="
for features in "" runtime-benchmarks; do
	SKIP_WASM_BUILD=1 cargo clippy --locked -p pallet-escrow -p pallet-store-orders -p pallet-funding \
		-p escrow-chain-runtime --features "$features" -- -D warnings
done

echo "== End-to-end: @polkadot/api against a development node =="
scripts/e2e.sh

echo "== Three validators on loopback produce and finalize blocks =="
scripts/local-testnet.sh --check

echo "== Faults: bad transactions; a validator down (four, then three); a crash under load =="
scripts/faults/bad-tx.sh
scripts/faults/validator-down.sh
scripts/faults/validator-down.sh --validators 3
scripts/faults/crash.sh
