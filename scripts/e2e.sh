#!/usr/bin/env bash
# End-to-end tests through @polkadot/api: builds the node (cargo build --release, so that it is
# up to date), starts a temporary development chain on free ports (RPC 9980-9989, p2p
# 30380-30389), runs scripts/e2e/tests against it and stops it. On failure it prints the end of
# the node's log and keeps it.
#
#   scripts/e2e.sh                      # the node makes blocks on demand: --dev --sealing instant
#   E2E_SEALING=aura scripts/e2e.sh     # the same tests on the Aura/GRANDPA node, a block every 6 s
#   ESCROW_NODE_BIN=/path/to/escrow-chain-node scripts/e2e.sh   # that binary; nothing is built
#
# After the suite, scripts/e2e/manual/ checks --sealing manual on a second node (blocks and
# finality only when engine_createBlock / engine_finalizeBlock ask).
# On instant sealing each transaction gets a block at once, finalized at once, and a test that
# waits for a deadline asks the node for the blocks up to it (engine_createBlock, through
# scripts/lib); the Aura node makes them every 6 s. Production and finality by Aura and GRANDPA
# are checked by E2E_SEALING=aura, scripts/local-testnet.sh --check and scripts/faults/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node.sh e2e

sealing=${E2E_SEALING:-instant}
case "$sealing" in
instant) sealing_args=(--sealing instant) ;;
aura) sealing_args=() ;;
*) echo "e2e: E2E_SEALING is instant (the default) or aura, not '$sealing'" >&2; exit 2 ;;
esac

node_binary --build
js_deps
node_ports 9980-9989 30380-30389
take_ports
node_tmpdir
stop_nodes_on_exit

echo "== e2e: start a development node ($sealing) on ws://127.0.0.1:$RPC_PORT =="
start_dev_node "$NODE_TMP/node.log" "${sealing_args[@]}"
if ! wait_rpc "$RPC_PORT" 60; then
	[ "$sealing" = aura ] || echo "e2e: (a node without --sealing? E2E_SEALING=aura runs the tests on Aura)" >&2
	fail_with_log "the node did not answer RPC"
fi
# The Aura node's first block; a node that seals on demand makes blocks when the tests need them.
[ "$sealing" != aura ] || wait_block "$RPC_PORT" 1 60 || fail_with_log "no block 1 within 60 s"

echo "== e2e: run the tests =="
(cd scripts/e2e && ESCROW_WS="ws://127.0.0.1:$RPC_PORT" npm test) || fail_with_log "tests failed"
kill -0 "$NODE_PID" 2>/dev/null || fail_with_log "the node stopped during the tests"

if [ "$sealing" = instant ]; then
	# The other mode of a node that seals on demand, on a chain of its own.
	take_ports
	echo "== e2e: manual sealing: a development node with --sealing manual on ws://127.0.0.1:$RPC_PORT =="
	start_dev_node "$NODE_TMP/manual.log" --sealing manual
	wait_rpc "$RPC_PORT" 60 || fail_with_log "the manual-sealing node did not answer RPC"
	(cd scripts/e2e && ESCROW_WS="ws://127.0.0.1:$RPC_PORT" node --test --test-concurrency=1 manual/) ||
		fail_with_log "manual sealing tests failed"
fi
