#!/usr/bin/env bash
# The end-to-end suite (scripts/e2e/tests, the same tests as the solo chain's) against the
# parachain runtime under the Polkadot SDK's polkadot-omni-node, sealing its own blocks with no
# relay chain (--dev). It builds the parachain runtime's Wasm, writes its chain spec with
# `polkadot-omni-node chain-spec-builder`, starts the node on free ports (RPC 9920-9929, p2p
# 30320-30329), runs the suite and stops the node.
#
#   scripts/e2e-parachain.sh              # builds polkadot-omni-node first if it is not cached
#                                         # (scripts/omni-tools.sh: about an hour, once)
#   scripts/e2e-parachain.sh --if-cached  # skips, saying so, when it is not cached (CI)
#   E2E_BLOCK_MS=500 scripts/e2e-parachain.sh   # the dev node's block time (default 1000 ms)
#
# On the dev node each block is built on the next relay-chain block (the node mocks the relay
# chain), so the escrow's clock advances one relay block per parachain block.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node.sh e2e-parachain

if [ "${1:-}" = --if-cached ] && ! scripts/omni-tools.sh --check polkadot-omni-node; then
	echo "e2e-parachain: SKIPPED: polkadot-omni-node is not cached yet; scripts/omni-tools.sh builds it (about an hour on two cores)"
	exit 0
fi
tools=$(scripts/omni-tools.sh polkadot-omni-node)
omni="$tools/polkadot-omni-node"

echo "== e2e-parachain: build the parachain runtime's Wasm =="
cargo build --release --locked -p escrow-parachain-runtime
target_dir=${CARGO_TARGET_DIR:-target}
case "$target_dir" in /*) ;; *) target_dir="$(pwd)/$target_dir" ;; esac
wasm="$target_dir/release/wbuild/escrow-parachain-runtime/escrow_parachain_runtime.compact.compressed.wasm"

js_deps
node_ports 9920-9929 30320-30329
take_ports
node_tmpdir
stop_nodes_on_exit

echo "== e2e-parachain: the chain spec, from the runtime's development preset =="
"$omni" chain-spec-builder -c "$NODE_TMP/spec.json" create -t development \
	-n "escrow-chain parachain (development)" -i escrow_parachain_dev \
	--relay-chain rococo-local --para-id 2000 \
	--properties tokenSymbol=ESC,tokenDecimals=12,ss58Format=42 \
	-r "$wasm" named-preset development

NODE_BIN=$omni
echo "== e2e-parachain: polkadot-omni-node --dev on ws://127.0.0.1:$RPC_PORT =="
start_node "$NODE_TMP/node.log" --chain "$NODE_TMP/spec.json" --dev \
	--dev-block-time "${E2E_BLOCK_MS:-1000}" --base-path "$NODE_TMP/chain" \
	--rpc-port "$RPC_PORT" --port "$P2P_PORT" --no-prometheus --no-telemetry --no-hardware-benchmarks
wait_rpc "$RPC_PORT" 120 || fail_with_log "polkadot-omni-node did not answer RPC"
wait_block "$RPC_PORT" 1 60 || fail_with_log "no block 1 within 60 s"

echo "== e2e-parachain: run the tests =="
(cd scripts/e2e && ESCROW_WS="ws://127.0.0.1:$RPC_PORT" npm test) || fail_with_log "tests failed"
kill -0 "$NODE_PID" 2>/dev/null || fail_with_log "the node stopped during the tests"
