#!/usr/bin/env bash
# Load on a temporary development node: starts one on free ports with a fresh chain, runs
# scripts/bench/load.js against it (pre-signed transfers, then escrow settlements; see the
# comment at the top of load.js), stops the node and prints the result. Arguments go to load.js.
#
#   scripts/bench/load.sh               # N = 2000 of each kind from 100 accounts
#   scripts/bench/load.sh 1000 50       # N = 1000 from 50 accounts
#   scripts/bench/load.sh --kinds open  # settlements only
#
# The node is $ESCROW_NODE_BIN if set, else ${CARGO_TARGET_DIR:-target}/release/escrow-chain-node,
# built first if it is missing; it is the Aura/GRANDPA development node (a block every 6 s), whose
# blocks and slots the rates are measured in. Ports: free ones in RPC 9990-9999 and p2p
# 30390-30399, or BENCH_RPC_PORT and BENCH_P2P_PORT. The JSON result goes to
# scripts/bench/results/ unless --out says otherwise.
#
#   BENCH_CHAIN=parachain scripts/bench/load.sh 8000 200 --kinds lifecycle
#
# runs the same load on the parachain runtime under polkadot-omni-node --dev instead (built by
# scripts/omni-tools.sh when it is not cached), sealing a block every BENCH_BLOCK_MS (default
# 6000, a parachain's block time without elastic scaling).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/node.sh load

bench_node || exit 2
js_deps
node_ports 9990-9999 30390-30399
take_ports
RPC_PORT=${BENCH_RPC_PORT:-$RPC_PORT}
P2P_PORT=${BENCH_P2P_PORT:-$P2P_PORT}
node_tmpdir
mkdir -p scripts/bench/results
out="scripts/bench/results/load-${BENCH_CHAIN:-solo}-$(date -u +%Y%m%dT%H%M%SZ).json"
stop_nodes_on_exit

start_bench_node "$NODE_TMP/node.log" || fail_with_log "the node did not start or answer RPC"
echo "== load: start a ${BENCH_CHAIN:-solo} development node on ws://127.0.0.1:$RPC_PORT (pid $NODE_PID) =="
wait_block "$RPC_PORT" 1 60 || fail_with_log "no block 1 within 60 s"

echo "== load: run load.js =="
status=0
node scripts/bench/load.js --ws "ws://127.0.0.1:$RPC_PORT" --node-pid "$NODE_PID" --out "$out" "$@" || status=$?
kill -0 "$NODE_PID" 2>/dev/null || fail_with_log "the node stopped during the run"
if [ "$status" -ne 0 ]; then
	echo "load: load.js exited with $status" >&2
	show_logs
	NODE_KEEP=1
	exit "$status"
fi
if [ -f "$out" ]; then echo "== load: result in $out =="; fi
