#!/usr/bin/env bash
# Bad transactions on the real node: starts a temporary development node on free ports
# (RPC 9960-9979, p2p 30360-30379), runs scripts/faults/bad-tx.js against it and stops it.
#
#   scripts/faults/bad-tx.sh                                    # the release build (built if missing)
#   ESCROW_NODE_BIN=/path/to/escrow-chain-node scripts/faults/bad-tx.sh
#
# bad-tx.js submits extrinsics with bad signatures (a flipped bit, another signer, another
# chain's genesis), a signer that cannot pay, a stale nonce, a same-nonce replacement without a
# higher tip, a duplicate, undecodable bytes (empty, garbage, truncated, a trailing byte, a
# call index of no pallet or no call, evidence of 31 or 33 bytes for a [u8; 32]), extrinsics
# longer than the block (an order number of 3.75 and 5 MiB, a remark) and longer than the RPC
# server takes; it documents what the pool does with a far-future nonce (held as "future",
# never included, removable), and checks that arguments only bounded at dispatch (an order
# number of MaxOrderNumberLen + 1 bytes and of 1 MiB, logistics of MaxLogisticsLen + 1) are
# included but fail with their module error and move nothing but the fee.
#
# What it found (node of commit a299346): the pool rejects every malformed extrinsic with an
# error and the node keeps producing and finalizing blocks. Bad signatures: 1010 "bad
# signature"; stale nonce: 1010 "outdated"; undecodable bytes: 1040 "Could not decode
# OpaqueExtrinsic" when the outer length is wrong, else 1002 "Verification Error: ... wasm
# trap" (the runtime's validate_transaction panics on a codec error, logged as "Bad input data
# provided to validate_transaction"; harmless, but noisy in the node's log); larger than the
# block: 1010 "would exhaust the block limits". A far-future nonce is taken into the pool's
# future queue (status "future", not listed by author_pendingExtrinsics, not included while the
# gap stays; resubmitting it gives 1013 "already imported") until author_removeExtrinsic
# removes it (then 1012 "temporarily banned"); the future queue holds at most 819 (2 MiB). Over-long order numbers are NOT rejected by
# the pool: `order_no` is a plain Vec<u8> in the call, bounded only at dispatch, so up to the
# block's 3.75 MiB are included and fail with OrderNumberTooLong, and the length fee is 1 planck
# a byte: a 1 MiB order number costs 0.0053 ESC, about the fee of a 65-byte one. It prints a table, case → what the node
# said. Exits 1 if any case is accepted when it should not be, if any rejected extrinsic shows up
# in a block, or if the node dies or stops producing and finalizing blocks. About 1 minute.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/faults/lib.sh

node_bin=$(node_binary)
js_deps
take_ports
base=$(mktemp -d)
log="$base/node.log"
pid=
stop() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
	rm -rf "$base"
}
trap stop EXIT
trap 'exit 130' INT TERM
fail() {
	echo "bad-tx: $1; the node's log ends with:" >&2
	tail -n 30 "$log" >&2
	exit 1
}

"$node_bin" --dev --base-path "$base/chain" --rpc-port "$RPC_PORT" --port "$P2P_PORT" \
	--no-prometheus --no-telemetry >"$log" 2>&1 &
pid=$!
echo "== bad-tx: development node on ws://127.0.0.1:$RPC_PORT (log $log) =="
wait_rpc "$pid" "$RPC_PORT" 60 || fail "the node did not answer RPC"
for _ in $(seq 1 30); do
	[ "$(best "$RPC_PORT" 2>/dev/null || echo 0)" -ge 1 ] && break
	sleep 1
done

status=0
ESCROW_WS="ws://127.0.0.1:$RPC_PORT" node scripts/faults/bad-tx.js || status=$?

kill -0 "$pid" 2>/dev/null || fail "the node exited during the bad transactions"
rpc "$RPC_PORT" system_health >/dev/null || fail "the node stopped answering RPC"
panics=$(grep -c 'Bad input data provided to validate_transaction' "$log" || true)
echo "bad-tx: the node is running (pid $pid); its log has $panics runtime panics" \
	"'Bad input data provided to validate_transaction: Codec error' (one per undecodable extrinsic)"
[ "$status" -eq 0 ] || fail "some cases did not end as expected"
