#!/usr/bin/env bash
# Several escrow chains under load at once, on one machine: starts CHAINS development nodes, each
# its own chain (fresh, no peers: --no-mdns), runs scripts/bench/load.js against all of them at
# the same time, stops them and prints each chain's rates beside their sum. It is the N-chain
# model of docs/SCALE.md in miniature: the chains share nothing but the machine's cores.
#
#   scripts/bench/scale.sh 2 4000 100 --kinds lifecycle   # 2 chains, N = 4,000 of each kind each
#   scripts/bench/scale.sh 1 4000 100 --kinds lifecycle   # the same load on one chain, to compare
#
# Arguments after CHAINS go to every load.js. The node is $ESCROW_NODE_BIN if set, else the
# release build (built first if missing), as for scripts/bench/load.sh, whose ports (RPC
# 9990-9999, p2p 30390-30399) it shares: at most ten chains, and not beside a load.sh run. Each
# chain's JSON result, and a summary, go to scripts/bench/results/scale-<time>/.
# BENCH_CHAIN=parachain runs the parachain runtime under polkadot-omni-node --dev instead, a
# block every BENCH_BLOCK_MS (default 6000), as load.sh does.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/node.sh scale

chains=${1:-}
case "$chains" in
'' | *[!0-9]* | 0) echo "usage: scripts/bench/scale.sh CHAINS [N [ACCOUNTS]] [load.js options]" >&2; exit 2 ;;
esac
shift
[ "$chains" -le 10 ] || { echo "scale: at most 10 chains (the port range)" >&2; exit 2; }

bench_node || exit 2
js_deps
node_ports 9990-9999 30390-30399
node_tmpdir
stop_nodes_on_exit
out="scripts/bench/results/scale-${BENCH_CHAIN:-solo}-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"

ports=() pids=()
for i in $(seq 1 "$chains"); do
	take_ports
	start_bench_node "$NODE_TMP/node-$i.log" --no-mdns || fail_with_log "chain $i did not start or answer RPC"
	ports+=("$RPC_PORT") pids+=("$NODE_PID")
	echo "== scale: chain $i on ws://127.0.0.1:$RPC_PORT (pid $NODE_PID) =="
done
for i in $(seq 0 $((chains - 1))); do
	wait_block "${ports[$i]}" 1 90 "${pids[$i]}" || fail_with_log "chain $((i + 1)): no block 1 within 90 s"
done

echo "== scale: load.js on $chains chains at once =="
loads=()
for i in $(seq 0 $((chains - 1))); do
	node scripts/bench/load.js --ws "ws://127.0.0.1:${ports[$i]}" --node-pid "${pids[$i]}" \
		--out "$out/chain-$((i + 1)).json" "$@" >"$NODE_TMP/load-$((i + 1)).log" 2>&1 &
	loads+=("$!")
	track_pid "$!"
done
status=0
for i in $(seq 0 $((chains - 1))); do
	wait_node "${loads[$i]}" || status=1
	echo "--- chain $((i + 1)):"
	grep -v '^\[load' "$NODE_TMP/load-$((i + 1)).log" || true
done

# The sum: each kind's rate in chain time, and the whole lifecycles, per chain and together.
node --input-type=module - "$out" "$chains" <<'EOF' | tee "$out/summary.txt"
import { readFileSync, existsSync } from 'node:fs';
const [dir, chains] = process.argv.slice(2);
const reports = [];
for (let i = 1; i <= Number(chains); i++) {
  const file = `${dir}/chain-${i}.json`;
  reports.push(existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);
}
const kinds = [...new Set(reports.flatMap((r) => Object.keys(r?.kinds ?? {})))];
const rate = (r, k) => r?.kinds?.[k]?.perSecond?.chain ?? null;
const fmt = (x) => (x == null ? '-' : x.toFixed(1));
const rows = [['chain', ...kinds, 'lifecycles/s', 'status']];
reports.forEach((r, i) => rows.push([`${i + 1}`, ...kinds.map((k) => fmt(rate(r, k))), fmt(r?.lifecycle?.perSecond), r?.status ?? 'no result']));
const sum = (f) => reports.reduce((s, r) => s + (f(r) ?? 0), 0);
const lifecycles = reports.some((r) => r?.lifecycle) ? sum((r) => r?.lifecycle?.perSecond) : null;
rows.push(['all', ...kinds.map((k) => fmt(sum((r) => rate(r, k)))), fmt(lifecycles), '']);
console.log(`${chains} chains at once, per second of chain time:`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
const load = reports.map((r) => r?.machine?.loadAverage?.[0]).filter((x) => x != null);
if (load.length) console.log(`load average at the end: ${Math.max(...load)} on ${reports.find((r) => r)?.machine?.cores} cores`);
EOF
echo "== scale: results in $out =="
exit "$status"
