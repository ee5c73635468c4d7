#!/usr/bin/env bash
# Crash under load: a development node on a kept base path is killed with SIGKILL while
# settlements are being opened, shipped and paid, restarted on the same base path, and the
# chain is checked: every settlement opened in a finalized block is still there, auto-settlement
# resumes, no settlement is paid twice or lost, and the payee holds exactly what it was paid.
#
#   scripts/faults/crash.sh
#   ESCROW_NODE_BIN=/path/to/escrow-chain-node scripts/faults/crash.sh
#   CRASH_SHIPPED=24      settlements the driver must have shipped before the kill
#   CRASH_LOAD_N=2000 CRASH_LOAD_ACCOUNTS=20   the bench load (0 for none)
#   CRASH_KEEP=1          keep the temporary directory (chain, logs, snapshot; kept on failure too)
#
# Steps (ports: RPC 9960-9979, p2p 30360-30379; the node is $ESCROW_NODE_BIN, else the release
# build, built first if missing):
#   1. start `--dev --base-path DIR`;
#   2. load: `crash.js drive` (each block, four buyers open settlements with 3-8 block time
#      limits at a store of their own, Bob accepts and ships them, a quarter are confirmed, the
#      rest paid at the deadline; see crash.js), then scripts/bench/load.js if present
#      (pre-signed transfer_keep_alive, then open_settlement extrinsics from its own accounts);
#   3. once the driver has shipped CRASH_SHIPPED settlements and 2 were paid at their deadline,
#      the bench load starts; one block after it starts submitting its settlements (the pool
#      still full of them), `crash.js snapshot` records the finalized head and its settlements,
#      and the node is killed with SIGKILL at once;
#   4. restart on the same base path and ports; `crash.js check` runs the checks listed at the
#      top of crash.js (waiting for every deadline) and prints a summary.
# Exits 1 on a failed check or if the node does not come back. About 3 minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/node.sh crash

shipped_before_kill=${CRASH_SHIPPED:-24}
load_n=${CRASH_LOAD_N:-2000}
load_accounts=${CRASH_LOAD_ACCOUNTS:-20}

node_binary
js_deps
bench=
if [ "$load_n" -gt 0 ] && [ -f scripts/bench/load.js ]; then bench=scripts/bench/load.js; fi
take_ports
node_tmpdir
base=$NODE_TMP
[ "${CRASH_KEEP:-0}" = 1 ] && NODE_KEEP=1
chain="$base/chain-$RPC_PORT"
ws="ws://127.0.0.1:$RPC_PORT"
driver=
loader=
stop_nodes_on_exit

# 1. The node.
t0=$(now_s)
start_dev_node "$base/node.log"
wait_rpc "$RPC_PORT" 60 || fail_with_log "the node did not answer RPC"
wait_block "$RPC_PORT" 1 30 || true
echo "== crash: development node on $ws, base path $chain =="

# 2. Load: the driver first; the bench load once the driver's settlements are being paid.
node scripts/faults/crash.js drive --ws "$ws" --state "$base/state.json" >"$base/drive.log" 2>&1 &
driver=$!
track_pid "$driver"
NODE_LOGS+=("$base/drive.log")
progress='{}'
driver_ready() { # whether the driver shipped CRASH_SHIPPED settlements and 2 were paid at the deadline
	local line
	line=$(grep '^progress ' "$base/drive.log" | tail -n 1 || true)
	[ -n "$line" ] || return 1
	progress=${line#progress }
	python3 -c 'import json,sys; p=json.loads(sys.argv[1]); sys.exit(0 if p["shipped"] >= int(sys.argv[2]) and p["deadline"] >= 2 else 1)' \
		"$progress" "$shipped_before_kill"
}
for _ in $(seq 1 90); do
	kill -0 "$NODE_PID" 2>/dev/null || fail_with_log "the node exited under load"
	kill -0 "$driver" 2>/dev/null || fail_with_log "crash.js drive exited"
	driver_ready && break
	sleep 2
done
driver_ready || fail_with_log "the driver did not ship $shipped_before_kill settlements with 2 paid at the deadline in 180 s"
echo "crash: driver: $progress"

# 3. The bench load; kill the node while it submits its settlements.
if [ -n "$bench" ]; then
	node "$bench" "$load_n" "$load_accounts" --ws "$ws" --node-pid "$NODE_PID" --timeout 600 >"$base/load.log" 2>&1 &
	loader=$!
	track_pid "$loader"
	NODE_LOGS+=("$base/load.log")
	echo "crash: load from $bench: $load_n transfers, then $load_n settlements, from $load_accounts accounts"
	for _ in $(seq 1 120); do
		kill -0 "$NODE_PID" 2>/dev/null || fail_with_log "the node exited under load"
		grep -q 'open_settlement: submitting' "$base/load.log" && break
		kill -0 "$loader" 2>/dev/null || fail_with_log "the bench load exited before it submitted its settlements"
		sleep 1
	done
	grep -q 'open_settlement: submitting' "$base/load.log" || fail_with_log "the bench load did not start its settlements in 120 s"
	# One block with the first of them, the rest still in the pool.
	wait_block "$RPC_PORT" $(($(best "$RPC_PORT") + 1)) 20 || true
else
	echo "crash: no bench load (CRASH_LOAD_N=0, or scripts/bench/load.js missing): load from crash.js drive only"
fi
driver_ready || true
echo "crash: driver before the kill: $progress"
node scripts/faults/crash.js snapshot --ws "$ws" --out "$base/snapshot.json" || fail_with_log "snapshot failed"
stop_node "$NODE_PID" KILL
t_kill=$(now_s)
load_s=$(python3 -c "print(f'{$t_kill - $t0:.1f}')")
echo "crash: node killed with SIGKILL after ${load_s} s"
# The driver and the loader lose the node and stop; stop them if they do not.
for p in "$driver" "$loader"; do
	[ -n "$p" ] || continue
	for _ in $(seq 1 10); do kill -0 "$p" 2>/dev/null || break; sleep 1; done
	stop_node "$p"
done
driver=
loader=
if [ -n "$bench" ]; then
	echo "crash: the bench load when the node died:"
	grep -E 'submitted|included|lost|open_settlement|transfer_keep_alive' "$base/load.log" | head -n 8 | sed 's/^/    /' || true
fi

# 4. Restart on the same base path and check.
start_dev_node "$base/node-restart.log"
wait_rpc "$RPC_PORT" 60 || fail_with_log "the node did not come back on its base path"
t_rpc=$(since "$t_kill")
wait_block "$RPC_PORT" $(($(best "$RPC_PORT") + 1)) 60 || fail_with_log "the restarted node produced no block in 60 s"
t_block=$(since "$t_kill")
echo "crash: restarted; RPC after ${t_rpc} s, a new block (#$(best "$RPC_PORT")) after ${t_block} s"
status=0
node scripts/faults/crash.js check --ws "$ws" --state "$base/state.json" --snapshot "$base/snapshot.json" --timeout 240 || status=$?
kill -0 "$NODE_PID" 2>/dev/null || fail_with_log "the node exited during the check"
[ "$status" -eq 0 ] || fail_with_log "the checks failed"
echo "crash: OK in $(since "$t0") s (load ${load_s} s before the kill; RPC ${t_rpc} s and a new block ${t_block} s after it)"
