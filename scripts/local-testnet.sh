#!/usr/bin/env bash
# Runs a three-validator network (Alice, Bob, Charlie) on this machine's loopback, from the
# `local` chain spec: Aura makes the blocks, GRANDPA finalizes them. RPC: ws://127.0.0.1:9944
# (Alice), 9945 (Bob), 9946 (Charlie); p2p 30333-30335. Builds the node first (cargo build
# --release, so that it is up to date) unless ESCROW_NODE_BIN names one.
#
#   scripts/local-testnet.sh          # run until Ctrl-C; the logs stay in the directory it names
#   scripts/local-testnet.sh --check  # exit 0 once all three have finalized block 3
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node.sh "local testnet"

check=0
[ "${1:-}" = "--check" ] && check=1

node_binary --build
node_tmpdir
# Kept, for the logs, unless --check succeeds.
NODE_KEEP=1
stop_nodes_on_exit

key=000000000000000000000000000000000000000000000000000000000000000
# The peer id of node key ...01, so that Bob and Charlie can find Alice.
boot=/ip4/127.0.0.1/tcp/30333/p2p/12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp
i=0
for who in alice bob charlie; do
	i=$((i + 1))
	args=(--chain local "--$who" --base-path "$NODE_TMP/$who" --port $((30332 + i))
		--rpc-port $((9943 + i)) --node-key "$key$i" --no-prometheus --no-telemetry)
	[ "$who" = alice ] || args+=(--bootnodes "$boot")
	start_node "$NODE_TMP/$who.log" "${args[@]}"
done
echo "Logs in $NODE_TMP. RPC on ws://127.0.0.1:9944 (Alice), 9945 (Bob), 9946 (Charlie)."

if [ "$check" = 1 ]; then
	for _ in $(seq 1 120); do
		ok=0
		for port in 9944 9945 9946; do
			n=$(finalized "$port" 2>/dev/null || echo 0)
			[ "$n" -ge 3 ] && ok=$((ok + 1))
		done
		if [ "$ok" -eq 3 ]; then
			echo "local testnet: all three validators finalized block 3 or later"
			NODE_KEEP=0
			exit 0
		fi
		sleep 2
	done
	fail_with_log "finality did not reach block 3 on all validators"
fi
for pid in "${NODE_PIDS[@]}"; do wait_node "$pid" || true; done
