#!/usr/bin/env bash
# Runs every test of escrow-chain: the pallets' unit tests, their benchmarks run once each as
# tests, both runtimes' integration tests (the solo chain's and the parachain's), clippy and the
# API docs; then the end-to-end tests through @polkadot/api against a development node that
# seals a block for each transaction; then the same suite against the parachain runtime under
# polkadot-omni-node, when that binary is cached (scripts/omni-tools.sh builds it); then the web
# app in a real browser (Chromium); then a live runtime upgrade from the previous release; then
# the tests of consensus and faults on real Aura and GRANDPA nodes.
# Usage: scripts/test.sh
#
# Everything is built first, in two builds of the dependency tree that share nothing by their
# nature: the release node (with the runtime's Wasm), and one debug build for every Rust test,
# with the benchmarks' and try-runtime's features, that also runs clippy on our crates
# (clippy-driver as the workspace's rustc wrapper) and writes their API docs (rustdoc over the
# same dependencies, scripts/lib/rustdoc.sh), so that neither compiles the dependencies again.
# docs/PERFORMANCE.md names every build and what it costs. The tests run in two lanes: the
# networks of validators (a validator down, a crash), whose checks wait for 6-second slots and
# use little CPU, in the background from the moment the node is built; the test build, the
# Rust tests, the end-to-end suite, the web app's browser tests, the live upgrade, the bad
# transactions and the three-validator network of scripts/local-testnet.sh in the foreground,
# niced. The background lane's output is printed as a whole when it ends.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

started=$(date +%s)
stage() { echo "== [$(($(date +%s) - started)) s] $* =="; }

stage "Build: the release node"
cargo build --release --locked -p escrow-chain-node
# Every script below takes this binary and builds nothing.
target_dir=${CARGO_TARGET_DIR:-target}
case "$target_dir" in /*) ;; *) target_dir="$(pwd)/$target_dir" ;; esac
export ESCROW_NODE_BIN="$target_dir/release/escrow-chain-node"

lanes=$(mktemp -d)
consensus=
# On any exit, the background lane stops too: it runs in a session of its own, so that one
# signal reaches its scripts (whose traps stop their nodes).
cleanup() {
	[ -z "$consensus" ] || kill -TERM -- "-$consensus" 2>/dev/null || true
	rm -rf "$lanes"
}
trap cleanup EXIT

# The networks of validators need the node only: they start now and run beside everything else.
# What runs beside them is niced, so that a busy build does not make a validator miss its slot.
stage "Consensus and faults on Aura and GRANDPA: started in the background"
# The suites are node --test suites over the shared harness (scripts/lib/network.js).
setsid scripts/faults.sh validator-down crash >"$lanes/consensus.log" 2>&1 &
consensus=$!

# The Rust tests, clippy and the API docs share one build: scripts/rust-test.sh (our crates,
# debug, --features runtime-benchmarks,try-runtime, no Wasm, clippy-driver wrapping rustc for
# our crates with warnings denied).
stage "Build and clippy: the Rust tests and benchmarks (debug, --features runtime-benchmarks,try-runtime), no panics in runtime code (unwrap, expect, indexing, unchecked arithmetic)"
nice scripts/rust-test.sh --no-run

# The foreground lane stops at its first failure: `set -e` holds in the subshell only while its
# status is not tested (after `||` bash would ignore it, and a failed stage would go unnoticed
# whenever a later one passed), so errexit is off here and the status taken after.
set +e
(
	set -e
	stage "Rust: unit tests, benchmarks as tests, runtime integration tests"
	# They include the randomized invariant test (runtime/tests/invariants.rs, 48 cases;
	# PROPTEST_CASES=N for more) and the 10,000-settlement backlogs (runtime/tests/backlog.rs).
	nice scripts/rust-test.sh
	stage "Docs: the API docs (warnings, such as broken intra-doc links, denied) and the doc tests"
	nice scripts/rust-test.sh --doc
	stage "End-to-end: @polkadot/api against a development node (instant sealing)"
	nice scripts/e2e.sh
	stage "End-to-end on the parachain: the same suite against polkadot-omni-node --dev"
	nice scripts/e2e-parachain.sh --if-cached
	stage "The web app in Chromium: the store's and the buyer's flows, accessibility, budgets"
	nice scripts/app.sh
	stage "A live runtime upgrade from the previous release, with settlements of every state"
	nice scripts/upgrade.sh
	stage "Faults: bad transactions"
	nice scripts/faults.sh bad-tx
	stage "Three validators on loopback produce and finalize blocks"
	scripts/local-testnet.sh --check
)
foreground=$?
set -e

consensus_status=0
wait "$consensus" || consensus_status=$?
consensus=
stage "Consensus and faults on Aura and GRANDPA: the background lane's output"
cat "$lanes/consensus.log"

if [ "$foreground" -ne 0 ] || [ "$consensus_status" -ne 0 ]; then
	echo "test.sh: FAILED (foreground lane: exit $foreground; consensus lane: exit $consensus_status)" >&2
	exit 1
fi
stage "All tests passed"
