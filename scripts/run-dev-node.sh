#!/usr/bin/env bash
# Builds the escrow-chain node if it is missing or out of date, then runs a development chain:
# one validator (Alice), JSON-RPC on ws://127.0.0.1:9944, fresh state each run (pass
# --base-path DIR to keep it). Other arguments go to the node. Beside it, the web app (built
# by app/build.sh if anything changed) is served on http://127.0.0.1:8944/ (APP_PORT=N for
# another port, APP_PORT=0 for none).
#
#   scripts/run-dev-node.sh                    # a temporary development chain, a block every 6 s
#   scripts/run-dev-node.sh --instant          # a block as soon as a transaction arrives
#   scripts/run-dev-node.sh --sealing manual   # a block only when asked (engine_createBlock)
#   scripts/run-dev-node.sh --base-path ./data # keep the chain between runs
#
# How blocks are made (sealing):
#   (default)          Aura makes a block every 6 s and GRANDPA finalizes it, as the validators
#                      of a real network do.
#   --instant          short for `--sealing instant`: a block for each transaction that enters
#                      the pool, made and finalized at once; no empty blocks otherwise.
#   --sealing manual   a block only when the engine_createBlock RPC asks for one.
# With --sealing (either mode), Aura and GRANDPA do not run, and
#   engine_createBlock(createEmpty, finalize, parentHash)   e.g. params [true, true, null]
# makes a block at once (finalized if `finalize`), engine_finalizeBlock(hash) finalizes one.
# A deadline 100 blocks away is then 100 calls away; each block is stamped one 6 s slot after
# its parent (or now, if that is later), so the chain's clock runs ahead when blocks come fast:
#   curl -H 'Content-Type: application/json' http://127.0.0.1:9944 \
#     -d '{"id":1,"jsonrpc":"2.0","method":"engine_createBlock","params":[true,true,null]}'
# ESCROW_NODE_BIN=/path/to/escrow-chain-node runs that binary instead (nothing is built).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node.sh run-dev-node

args=()
mode="Aura, a block every 6 s, finalized by GRANDPA"
for arg in "$@"; do
	if [ "$arg" = --instant ]; then
		args+=(--sealing instant)
		mode="a block for each transaction, finalized at once (--sealing instant)"
	else
		args+=("$arg")
	fi
done
case " ${args[*]} " in *" --sealing manual "* | *" --sealing=manual "*)
	mode="a block only when engine_createBlock asks (--sealing manual)" ;;
esac

node_binary --build
app_port=${APP_PORT:-8944}
if [ "$app_port" != 0 ] && ! app/build.sh; then
	echo "run-dev-node: the app could not be built (see above): the node runs without it." >&2
	app_port=0
fi
stop_nodes_on_exit
start_node - --dev --rpc-port 9944 --rpc-cors all "${args[@]}"
if [ "$app_port" != 0 ]; then
	node app/serve.mjs "$app_port" >/dev/null &
	track_pid $!
fi

if ! wait_rpc 9944 120; then
	if ! kill -0 "$NODE_PID" 2>/dev/null; then
		echo "The node stopped before it answered on port 9944." >&2
		exit 1
	fi
else
	cat <<MSG

  escrow-chain development node is up: JSON-RPC on ws://127.0.0.1:9944
  Blocks: $mode
$([ "$app_port" = 0 ] || echo "  The app (buyer, store, arbiter): http://127.0.0.1:$app_port/")
  Open polkadot.js apps on this chain:
    https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944#/explorer
  Money: ESC (12 decimals) and eUSD, the chain's dollar stablecoin (asset 1, 6 decimals):
    each development account holds 1,000,000 of both; store 0 (Bob's) accepts both. To pay
    fees in eUSD from polkadot.js apps, set in Settings > Developer:
    {"TAssetConversion": "Option<u32>"}
  (docs/GUIDE.md walks through the escrow flow step by step.) Stop with Ctrl-C.

MSG
fi
wait_node "$NODE_PID"
