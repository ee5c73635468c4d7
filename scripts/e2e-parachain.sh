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
parachain_node
js_deps
node_ports 9920-9929 30320-30329
take_ports
node_tmpdir
stop_nodes_on_exit

echo "== e2e-parachain: polkadot-omni-node --dev on ws://127.0.0.1:$RPC_PORT =="
start_parachain_dev_node "$NODE_TMP/node.log" "${E2E_BLOCK_MS:-1000}" ||
	fail_with_log "the chain spec or the node did not start"
wait_rpc "$RPC_PORT" 120 || fail_with_log "polkadot-omni-node did not answer RPC"
wait_block "$RPC_PORT" 1 60 || fail_with_log "no block 1 within 60 s"

echo "== e2e-parachain: run the tests =="
(cd scripts/e2e && ESCROW_WS="ws://127.0.0.1:$RPC_PORT" npm test) || fail_with_log "tests failed"
kill -0 "$NODE_PID" 2>/dev/null || fail_with_log "the node stopped during the tests"
