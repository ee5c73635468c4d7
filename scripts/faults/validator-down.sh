#!/usr/bin/env bash
# Validator down: a network of validators on this machine's loopback keeps producing and
# finalizing blocks while one validator is stopped, and the stopped one catches up when it
# returns on the same base path.
#
#   scripts/faults/validator-down.sh                 # 4 validators, Charlie killed (SIGKILL)
#   scripts/faults/validator-down.sh --validators 3  # the `local` chain's 3 validators
#   options: --signal KILL|TERM (how Charlie is stopped), --blocks N (blocks to watch while
#   Charlie is down, default 6), --keep (keep the temporary directory with the logs)
#   ESCROW_NODE_BIN=/path/to/escrow-chain-node picks the binary (default: the release build,
#   built first if missing). Ports: RPC 9960-9979, p2p 30360-30379.
#
# GRANDPA finality needs votes of more than 2/3 of the voters' weight: with n equal voters the
# threshold is n - floor((n - 1) / 3), i.e. 3 of 3 and 3 of 4. So the `local` chain's three
# validators (Alice, Bob, Charlie) do NOT finalize with one of them down. Measured with
# `--validators 3`: Aura goes on producing blocks on the other two (Charlie's slots are
# skipped: a block every 8.2-8.5 s instead of 6 s) while the finalized head stands still (+0
# over 6 blocks) until Charlie returns; then GRANDPA finalizes everything produced meanwhile
# within 7-10 s. With 3 validators this script therefore checks exactly that (blocks go on,
# finality stalls, then resumes and catches up) and reports it. Tolerating one validator down
# needs four (3 of 4 is a supermajority; in general 3f + 1 validators for f down): the default
# run adds Dave to the `local` chain's authorities (Aura and GRANDPA) in a derived chain spec
# and checks that best AND finalized heads keep advancing on the three running validators
# (measured: a block every 8 s, finality 2 blocks behind the best head, Charlie back at the
# others' best and finalized heads 4 s after its restart).
#
# Steps and checks, with timings in the summary:
#   1. start the validators (fixed node keys; all boot from Alice) and wait until every one
#      has finalized block 3;
#   2. stop Charlie; over the next --blocks blocks the running validators' best heads advance
#      (Aura goes on) and their finalized heads advance too, by at least half as many (4
#      validators), or stand still (3 validators: at most the 2 blocks already being voted on);
#   3. restart Charlie on the same base path: it must reach the others' best and finalized
#      heads of the restart time, on the same chain (same block hashes), within 120 s (3
#      validators: and finality resumes past the blocks produced while it was down).
# The derived chain spec has its own protocol and fork id, so these nodes never peer with
# another network on the machine (mDNS is off as well). Exits 1 on a failed check.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/node.sh validator-down

validators=4
signal=KILL
watch_blocks=6
keep=0
while [ $# -gt 0 ]; do
	case "$1" in
	--validators) validators=$2; shift 2 ;;
	--signal) signal=$2; shift 2 ;;
	--blocks) watch_blocks=$2; shift 2 ;;
	--keep) keep=1; shift ;;
	*) echo "usage: $0 [--validators 3|4] [--signal KILL|TERM] [--blocks N] [--keep]" >&2; exit 2 ;;
	esac
done
case "$validators" in 3 | 4) ;; *) echo "validator-down: --validators is 3 or 4" >&2; exit 2 ;; esac

node_binary
node_tmpdir
base=$NODE_TMP
NODE_KEEP=$keep
names=(alice bob charlie dave)
names=("${names[@]:0:$validators}")
declare -A pid rpcp p2pp
stop_nodes_on_exit

# The chain spec: `local` (Alice, Bob, Charlie), with Dave added as the fourth Aura and
# GRANDPA authority for 4 validators; its own id, protocol id and fork id either way.
"$NODE_BIN" export-chain-spec --chain local --output "$base/local.json" >/dev/null 2>&1
dave_aura=$("$NODE_BIN" key inspect --scheme sr25519 //Dave | awk '/SS58 Address/ {print $3}')
dave_grandpa=$("$NODE_BIN" key inspect --scheme ed25519 //Dave | awk '/SS58 Address/ {print $3}')
python3 - "$base/local.json" "$base/spec.json" "$validators" "$dave_aura" "$dave_grandpa" "$$" <<'PY'
import json, sys
src, dst, n, aura, grandpa, run = sys.argv[1:]
spec = json.load(open(src))
spec["id"] = "escrow_faults"
spec["protocolId"] = "escrow-faults"
spec["forkId"] = f"faults-{run}"
spec["bootNodes"] = []
patch = spec["genesis"]["runtimeGenesis"]["patch"]
assert len(patch["aura"]["authorities"]) == 3 and len(patch["grandpa"]["authorities"]) == 3
if n == "4":
    patch["aura"]["authorities"].append(aura)
    patch["grandpa"]["authorities"].append([grandpa, 1])
json.dump(spec, open(dst, "w"), indent=1)
PY

# Fixed node keys ...01, ...02, ...: the peer id of ...01 lets the others find Alice.
key=000000000000000000000000000000000000000000000000000000000000000
alice_peer=12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp
for who in "${names[@]}"; do
	take_ports
	rpcp[$who]=$RPC_PORT
	p2pp[$who]=$P2P_PORT
done
start() { # start WHO LOGFILE
	local who=$1 i
	for i in "${!names[@]}"; do [ "${names[$i]}" = "$who" ] && break; done
	local args=(--chain "$base/spec.json" "--$who" --base-path "$base/$who" --port "${p2pp[$who]}"
		--rpc-port "${rpcp[$who]}" --node-key "$key$((i + 1))" --no-prometheus --no-telemetry --no-mdns)
	[ "$who" = alice ] || args+=(--bootnodes "/ip4/127.0.0.1/tcp/${p2pp[alice]}/p2p/$alice_peer")
	start_node "$2" "${args[@]}"
	pid[$who]=$NODE_PID
}

t0=$(now_s)
for who in "${names[@]}"; do start "$who" "$base/$who.log"; done
echo "== validator-down: $validators validators ($(IFS=,; echo "${names[*]}")); RPC ports" \
	"$(for w in "${names[@]}"; do printf '%s=%s ' "$w" "${rpcp[$w]}"; done)=="

# 1. Everyone finalizes.
ready=0
for _ in $(seq 1 90); do
	ok=0
	for who in "${names[@]}"; do
		kill -0 "${pid[$who]}" 2>/dev/null || fail_with_log "$who exited at start"
		n=$(finalized "${rpcp[$who]}" 2>/dev/null || echo 0)
		[ "$n" -ge 3 ] && ok=$((ok + 1))
	done
	[ "$ok" -eq "$validators" ] && { ready=1; break; }
	sleep 2
done
[ "$ready" = 1 ] || fail_with_log "not every validator finalized block 3 within 180 s"
t_ready=$(since "$t0")
echo "validator-down: all $validators validators finalized block 3 after ${t_ready} s"

# 2. Stop Charlie; watch the others.
running=()
for who in "${names[@]}"; do [ "$who" = charlie ] || running+=("$who"); done
declare -A best0 fin0 best1 fin1
for who in "${running[@]}"; do
	best0[$who]=$(best "${rpcp[$who]}")
	fin0[$who]=$(finalized "${rpcp[$who]}")
done
base_best=0
for who in "${running[@]}"; do [ "${best0[$who]}" -gt "$base_best" ] && base_best=${best0[$who]}; done
stop_node "${pid[charlie]}" "$signal"
t_down=$(now_s)
echo "validator-down: Charlie stopped with SIG$signal at best #$base_best, finalized #${fin0[alice]} (Alice)"
deadline=$((watch_blocks * 6 * 3 + 30))
for _ in $(seq 1 $((deadline / 2))); do
	low=
	for who in "${running[@]}"; do
		kill -0 "${pid[$who]}" 2>/dev/null || fail_with_log "$who exited while Charlie was down"
		b=$(best "${rpcp[$who]}")
		[ -z "$low" ] || [ "$b" -lt "$low" ] && low=$b
	done
	[ "$low" -ge $((base_best + watch_blocks)) ] && break
	sleep 2
done
down_s=$(since "$t_down")
for who in "${running[@]}"; do
	best1[$who]=$(best "${rpcp[$who]}")
	fin1[$who]=$(finalized "${rpcp[$who]}")
done
produced=$((best1[alice] - base_best))
per_block=$(python3 -c "print(f'{$down_s / max($produced, 1):.1f}')")
result_down=""
for who in "${running[@]}"; do
	b=$((best1[$who] - base_best))
	f=$((fin1[$who] - fin0[$who]))
	result_down+="    $who: best #$base_best -> #${best1[$who]} (+$b), finalized #${fin0[$who]} -> #${fin1[$who]} (+$f)"$'\n'
	[ "$b" -ge "$watch_blocks" ] || fail_with_log "$who's best head advanced by $b blocks in ${down_s} s with Charlie down (want $watch_blocks)"
	if [ "$validators" = 4 ]; then
		# Finality trails the best head by 2-3 blocks: half the blocks watched is a safe bar.
		[ "$f" -ge $((watch_blocks / 2)) ] ||
			fail_with_log "$who's finalized head advanced by $f blocks with Charlie down (want >= $((watch_blocks / 2)))"
	else
		[ "$f" -le 2 ] ||
			fail_with_log "$who's finalized head advanced by $f blocks with 1 of 3 validators down: GRANDPA should need all 3"
	fi
done
printf 'validator-down: %s s with Charlie down, %s blocks (a block every %s s):\n%s' \
	"$down_s" "$produced" "$per_block" "$result_down"

# 3. Restart Charlie on the same base path; it catches up.
target_best=${best1[alice]}
target_fin=${fin1[alice]}
for who in "${running[@]}"; do
	[ "${best1[$who]}" -gt "$target_best" ] && target_best=${best1[$who]}
	[ "${fin1[$who]}" -gt "$target_fin" ] && target_fin=${fin1[$who]}
done
# With 3 validators finality resumes only now: wait until it passes the blocks made meanwhile.
[ "$validators" = 3 ] && target_fin=$((target_best - 1))
restart_log="$base/charlie-restart.log"
t_up=$(now_s)
start charlie "$restart_log"
caught=0
t_best=""
t_fin=""
for _ in $(seq 1 120); do
	kill -0 "${pid[charlie]}" 2>/dev/null || fail_with_log "Charlie exited after its restart"
	cb=$(best "${rpcp[charlie]}" 2>/dev/null || echo 0)
	cf=$(finalized "${rpcp[charlie]}" 2>/dev/null || echo 0)
	[ -z "$t_best" ] && [ "$cb" -ge "$target_best" ] && t_best=$(since "$t_up")
	[ -z "$t_fin" ] && [ "$cf" -ge "$target_fin" ] && t_fin=$(since "$t_up")
	if [ -n "$t_best" ] && [ -n "$t_fin" ]; then
		caught=1
		break
	fi
	sleep 1
done
[ "$caught" = 1 ] || fail_with_log "Charlie did not catch up within 120 s (best #$cb of #$target_best, finalized #$cf of #$target_fin)"
# Same chain: Charlie's finalized block at the target height is the others'.
for who in "${running[@]}"; do
	fa=$(finalized "${rpcp[$who]}")
	[ "$fa" -ge "$target_fin" ] || fail_with_log "$who has finalized only #$fa after Charlie's return (want #$target_fin)"
	[ "$(hash_at "${rpcp[charlie]}" "$target_fin")" = "$(hash_at "${rpcp[$who]}" "$target_fin")" ] ||
		fail_with_log "Charlie's block #$target_fin differs from $who's"
done
sleep 12
authored=$(grep -c 'Pre-sealed block for proposal' "$restart_log" || true)
final_line=""
for who in "${names[@]}"; do
	final_line+="$who #$(best "${rpcp[$who]}")/#$(finalized "${rpcp[$who]}")  "
done

if [ "$validators" = 4 ]; then
	finality="continued (finalized +$((fin1[alice] - fin0[alice])) on Alice)"
else
	finality="STALLED (finalized +$((fin1[alice] - fin0[alice])) on Alice): GRANDPA needs 3 of 3"
fi
row() { printf '  %-40s %s\n' "$1" "$2"; }
echo
echo "validator-down summary ($validators validators, Charlie stopped with SIG$signal)"
row "all finalized block 3 after start" "${t_ready} s"
row "Charlie down" "${down_s} s: ${produced} blocks on Alice, one every ${per_block} s"
row "finality with Charlie down" "$finality"
row "Charlie back to best #$target_best" "${t_best} s after its restart"
row "Charlie back to finalized #$target_fin" "${t_fin} s after its restart$([ "$validators" = 3 ] && echo ' (finality resumed on all)')"
row "blocks Charlie authored since restart" "${authored} (catch-up and the next 12 s)"
row "best/finalized now" "$final_line"
echo "validator-down: OK"
