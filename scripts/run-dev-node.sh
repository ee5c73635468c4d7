#!/usr/bin/env bash
# Builds the escrow-chain node if it is missing or out of date, then runs a development chain:
# one validator (Alice), blocks every 6 s, finalized by GRANDPA, JSON-RPC on ws://127.0.0.1:9944,
# fresh state each run (pass --base-path DIR to keep it). Extra arguments go to the node.
#
#   scripts/run-dev-node.sh                    # a temporary development chain
#   scripts/run-dev-node.sh --base-path ./data # keep the chain between runs
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
echo "Building the node (cargo build --release; the first build takes a while, later ones seconds)..."
cargo build --release --locked -p escrow-chain-node

node="${CARGO_TARGET_DIR:-target}/release/escrow-chain-node"
"$node" --dev --rpc-port 9944 --rpc-cors all "$@" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 120); do
	if ! kill -0 "$pid" 2>/dev/null; then
		echo "The node stopped before it answered on port 9944." >&2
		exit 1
	fi
	if curl -sf -H 'Content-Type: application/json' \
		-d '{"id":1,"jsonrpc":"2.0","method":"system_health","params":[]}' \
		http://127.0.0.1:9944 >/dev/null 2>&1; then
		cat <<'MSG'

  escrow-chain development node is up: JSON-RPC on ws://127.0.0.1:9944
  Open polkadot.js apps on this chain:
    https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944#/explorer
  (README.md walks through the escrow flow step by step.) Stop with Ctrl-C.

MSG
		break
	fi
	sleep 1
done
wait "$pid"
