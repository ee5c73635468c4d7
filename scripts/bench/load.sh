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
# built first if it is missing. BENCH_RPC_PORT and BENCH_P2P_PORT pin the node's ports. The JSON
# result goes to scripts/bench/results/ unless --out says otherwise.
set -euo pipefail
cd "$(dirname "$0")/../.."

command -v node >/dev/null || { echo "load: Node.js 18 or later is needed" >&2; exit 1; }

node_bin="${ESCROW_NODE_BIN:-${CARGO_TARGET_DIR:-target}/release/escrow-chain-node}"
if [ ! -x "$node_bin" ]; then
	if [ -n "${ESCROW_NODE_BIN:-}" ]; then
		echo "load: ESCROW_NODE_BIN=$ESCROW_NODE_BIN is not an executable file" >&2
		exit 1
	fi
	echo "== load: build the node =="
	scripts/setup.sh
	cargo build --release --locked -p escrow-chain-node
fi

echo "== load: install the dependencies =="
(cd scripts/bench && npm ci --no-audit --no-fund --loglevel=error)

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
rpc_port="${BENCH_RPC_PORT:-$(free_port)}"
p2p_port="${BENCH_P2P_PORT:-$(free_port)}"
base=$(mktemp -d)
log="$base/node.log"
mkdir -p scripts/bench/results
out="scripts/bench/results/load-$(date -u +%Y%m%dT%H%M%SZ).json"

"$node_bin" --dev --base-path "$base/chain" --rpc-port "$rpc_port" --port "$p2p_port" \
	--no-prometheus --no-telemetry >"$log" 2>&1 &
pid=$!
stop() {
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}
fail() {
	echo "load: $1; the node's log ends with:" >&2
	tail -n 40 "$log" >&2
	stop
	exit 1
}
trap stop EXIT

echo "== load: start a development node on ws://127.0.0.1:$rpc_port (pid $pid) =="
started=
for _ in $(seq 1 60); do
	kill -0 "$pid" 2>/dev/null || fail "the node exited"
	if curl -sf -H 'Content-Type: application/json' \
		-d '{"id":1,"jsonrpc":"2.0","method":"chain_getHeader","params":[]}' \
		"http://127.0.0.1:$rpc_port" | grep -q '"number":"0x[1-9a-f]'; then
		started=1
		break
	fi
	sleep 1
done
[ -n "$started" ] || fail "no block 1 within 60 s"

echo "== load: run load.js =="
status=0
node scripts/bench/load.js --ws "ws://127.0.0.1:$rpc_port" --node-pid "$pid" --out "$out" "$@" || status=$?
kill -0 "$pid" 2>/dev/null || fail "the node stopped during the run"
stop
if [ "$status" -ne 0 ]; then
	echo "load: load.js exited with $status; the node's log ends with:" >&2
	tail -n 20 "$log" >&2
	exit "$status"
fi
rm -rf "$base"
if [ -f "$out" ]; then echo "== load: result in $out =="; fi
