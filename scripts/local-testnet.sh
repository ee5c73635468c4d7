#!/usr/bin/env bash
# Runs a three-validator network (Alice, Bob, Charlie) on this machine's loopback, from the
# `local` chain spec. RPC: ws://127.0.0.1:9944 (Alice), 9945 (Bob), 9946 (Charlie).
#
#   scripts/local-testnet.sh          # run until Ctrl-C
#   scripts/local-testnet.sh --check  # exit 0 once all three have finalized block 3
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cargo build --release --locked -p escrow-chain-node
node="${CARGO_TARGET_DIR:-target}/release/escrow-chain-node"

base=$(mktemp -d)
key=000000000000000000000000000000000000000000000000000000000000000
# The peer id of node key ...01, so that Bob and Charlie can find Alice.
boot=/ip4/127.0.0.1/tcp/30333/p2p/12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp
pids=()
stop() {
	kill "${pids[@]}" 2>/dev/null || true
	wait 2>/dev/null || true
}
trap stop EXIT INT TERM

i=0
for who in alice bob charlie; do
	i=$((i + 1))
	args=(--chain local "--$who" --base-path "$base/$who" --port $((30332 + i))
		--rpc-port $((9943 + i)) --node-key "$key$i" --no-prometheus --no-telemetry)
	[ "$who" = alice ] || args+=(--bootnodes "$boot")
	"$node" "${args[@]}" >"$base/$who.log" 2>&1 &
	pids+=($!)
done
echo "Logs in $base. RPC on ws://127.0.0.1:9944 (Alice), 9945 (Bob), 9946 (Charlie)."

finalized() {
	curl -sf -H 'Content-Type: application/json' \
		-d '{"id":1,"jsonrpc":"2.0","method":"chain_getFinalizedHead","params":[]}' \
		"http://127.0.0.1:$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"])' |
		xargs -I{} curl -sf -H 'Content-Type: application/json' \
			-d '{"id":1,"jsonrpc":"2.0","method":"chain_getHeader","params":["{}"]}' \
			"http://127.0.0.1:$1" |
		python3 -c 'import json,sys; print(int(json.load(sys.stdin)["result"]["number"], 16))'
}

if [ "${1:-}" = "--check" ]; then
	for _ in $(seq 1 120); do
		ok=0
		for port in 9944 9945 9946; do
			n=$(finalized "$port" 2>/dev/null || echo 0)
			[ "$n" -ge 3 ] && ok=$((ok + 1))
		done
		if [ "$ok" -eq 3 ]; then
			echo "local testnet: all three validators finalized block 3 or later"
			exit 0
		fi
		sleep 2
	done
	echo "local testnet: finality did not reach block 3 on all validators" >&2
	tail -n 20 "$base"/*.log >&2
	exit 1
fi
wait
