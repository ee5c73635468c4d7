#!/usr/bin/env bash
# End-to-end tests through @polkadot/api: builds the node if needed, starts a temporary
# development chain on free ports, runs scripts/e2e/tests against it, and stops it.
# On failure it prints the tail of the node's log.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
command -v node >/dev/null || { echo "e2e: Node.js 18 or later is needed" >&2; exit 1; }

echo "== e2e: build the node =="
cargo build --release --locked -p escrow-chain-node
node_bin="${CARGO_TARGET_DIR:-target}/release/escrow-chain-node"

echo "== e2e: install the test dependencies =="
(cd scripts/e2e && npm ci --no-audit --no-fund --loglevel=error)

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
rpc_port=$(free_port)
p2p_port=$(free_port)
base=$(mktemp -d)
log="$base/node.log"

"$node_bin" --dev --base-path "$base/chain" --rpc-port "$rpc_port" --port "$p2p_port" \
	--no-prometheus --no-telemetry >"$log" 2>&1 &
pid=$!
stop() {
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}
fail() {
	echo "e2e: $1; the node's log ends with:" >&2
	tail -n 40 "$log" >&2
	stop
	exit 1
}
trap stop EXIT

echo "== e2e: start a development node on ws://127.0.0.1:$rpc_port =="
for _ in $(seq 1 60); do
	kill -0 "$pid" 2>/dev/null || fail "the node exited"
	if curl -sf -H 'Content-Type: application/json' \
		-d '{"id":1,"jsonrpc":"2.0","method":"chain_getHeader","params":[]}' \
		"http://127.0.0.1:$rpc_port" | grep -q '"number":"0x[1-9a-f]'; then
		break
	fi
	sleep 1
done

echo "== e2e: run the tests =="
if ! (cd scripts/e2e && ESCROW_WS="ws://127.0.0.1:$rpc_port" npm test); then
	fail "tests failed"
fi
kill -0 "$pid" 2>/dev/null || fail "the node stopped during the tests"
rm -rf "$base"
