# What the scripts that start escrow-chain nodes share (sourced, not run): the node binary,
# free ports, starting, waiting for and stopping nodes, JSON-RPC over HTTP, and the scripts' JS
# dependencies.
#
#   source scripts/lib/node.sh NAME   # NAME (e2e, bad-tx, ...) starts the messages; always give it
#
# The node binary, in NODE_BIN: $ESCROW_NODE_BIN if set (then nothing is ever built), else
# ${CARGO_TARGET_DIR:-target}/release/escrow-chain-node (relative to the repository).
#   node_binary           builds it (scripts/setup.sh, then cargo build --release --locked
#                         -p escrow-chain-node) only if it is missing
#   node_binary --build   builds it every time, so that it is up to date (cargo does nothing
#                         when it is)
#
# Nodes: `start_node LOG ARGS...` starts "$NODE_BIN" ARGS in the background, its output
# appended to LOG ("-" for this terminal); its pid is in NODE_PID. `start_dev_node LOG ARGS...`
# starts a development node (--dev) on RPC_PORT and P2P_PORT, its chain in NODE_TMP/chain-RPC_PORT.
# `stop_nodes_on_exit` (or `trap stop_nodes EXIT`) stops every node (and process given to
# track_pid) the script started when it exits, and removes NODE_TMP (from node_tmpdir) unless
# NODE_KEEP=1 (NODE_KEEP=1 in the environment keeps it whatever the script does).
# `fail_with_log MESSAGE` prints MESSAGE and the end of every log in NODE_LOGS (start_node adds
# its LOG), keeps NODE_TMP and exits 1.
#
# Ports: `node_ports RPC_FIRST-RPC_LAST P2P_FIRST-P2P_LAST` sets the ranges; each `take_ports`
# sets RPC_PORT and P2P_PORT to a pair in them that nothing listens on and this run has not
# handed out yet. The scripts keep to their own ranges, apart from a development node (9944)
# (9944, and the app it serves on 8944) and scripts/local-testnet.sh (RPC 9944-9946, p2p
# 30333-30335):
#   RPC 9900-9909, p2p 30300-30309   scripts/app.sh (and its HTTP server, 8900-8909)
#   RPC 9920-9929, p2p 30320-30329   scripts/e2e-parachain.sh (polkadot-omni-node)
#   RPC 9930-9939, p2p 30330-30332   scripts/upgrade.sh
#   RPC 9950-9959, p2p 30350-30359   scripts/faults.sh bad-tx (it runs beside the others in
#                                    scripts/test.sh)
#   RPC 9960-9979, p2p 30360-30379   scripts/faults (the default)
#   RPC 9980-9989, p2p 30380-30389   scripts/e2e.sh
#   RPC 9990-9999, p2p 30390-30399   scripts/bench/load.sh

NODE_SH_NAME=${1:-node}
SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_DIR="$(cd "$SCRIPTS_DIR/.." && pwd)"

NODE_BIN=
NODE_PID=
NODE_PIDS=()
NODE_LOGS=()
NODE_TMP=
NODE_KEEP=${NODE_KEEP:-0}

# node_binary [--build]: sets NODE_BIN (see above); fails if curl or node is missing.
node_binary() {
	if [ -n "${ESCROW_NODE_BIN:-}" ]; then
		[ -x "$ESCROW_NODE_BIN" ] || {
			echo "$NODE_SH_NAME: ESCROW_NODE_BIN=$ESCROW_NODE_BIN is not an executable file" >&2
			return 1
		}
		NODE_BIN=$ESCROW_NODE_BIN
		return 0
	fi
	NODE_BIN="${CARGO_TARGET_DIR:-target}/release/escrow-chain-node"
	case "$NODE_BIN" in /*) ;; *) NODE_BIN="$REPO_DIR/$NODE_BIN" ;; esac
	if [ "${1:-}" = --build ] || [ ! -x "$NODE_BIN" ]; then
		echo "Building the node (cargo build --release; the first build takes a while, later ones seconds)..." >&2
		(cd "$REPO_DIR" && scripts/setup.sh && cargo build --release --locked -p escrow-chain-node) >&2
	fi
	local tool
	for tool in curl node; do
		command -v "$tool" >/dev/null || {
			echo "$NODE_SH_NAME: $tool is needed (scripts/setup.sh installs it)" >&2
			return 1
		}
	done
}

# js_deps: installs the scripts' JS dependencies (one npm workspace: scripts/package.json and
# scripts/package-lock.json) with `npm ci` when scripts/node_modules is missing or older than
# the lockfile.
js_deps() {
	command -v node >/dev/null && node -e 'process.exit(+process.versions.node.split(".")[0] >= 18 ? 0 : 1)' || {
		echo "$NODE_SH_NAME: Node.js 18 or later is needed" >&2
		return 1
	}
	local stamp="$SCRIPTS_DIR/node_modules/.package-lock.json"
	if [ ! -f "$stamp" ] || [ "$SCRIPTS_DIR/package-lock.json" -nt "$stamp" ]; then
		echo "== $NODE_SH_NAME: install the scripts' JS dependencies (npm ci in scripts/) ==" >&2
		(cd "$SCRIPTS_DIR" && npm ci --no-audit --no-fund --loglevel=error) >&2
	fi
}

# node_tmpdir: a new temporary directory in NODE_TMP, removed by stop_nodes unless NODE_KEEP=1.
node_tmpdir() {
	NODE_TMP=$(mktemp -d)
}

_rpc_range="9960 9979"
_p2p_range="30360 30379"
_ports_taken=" "
# node_ports RPC_FIRST-RPC_LAST P2P_FIRST-P2P_LAST: the ranges take_ports hands out.
node_ports() {
	_rpc_range=${1/-/ }
	_p2p_range=${2/-/ }
}
# _port_in FIRST LAST: sets _port to a port in [FIRST, LAST] that nothing listens on and that
# this run has not handed out (so call it without a subshell).
_port_in() {
	local port
	for port in $(seq "$1" "$2"); do
		case "$_ports_taken" in *" $port "*) continue ;; esac
		# Free if nothing accepts a connection on it.
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			_ports_taken="$_ports_taken$port "
			_port=$port
			return 0
		fi
	done
	echo "$NODE_SH_NAME: no free port in $1-$2" >&2
	return 1
}
# take_ports: sets RPC_PORT and P2P_PORT to free ports of the ranges; each call gives another pair.
take_ports() {
	# shellcheck disable=SC2086 # the ranges are "FIRST LAST"
	_port_in $_rpc_range || return 1
	RPC_PORT=$_port
	# shellcheck disable=SC2086
	_port_in $_p2p_range || return 1
	P2P_PORT=$_port
}

# start_node LOG ARGS...: starts "$NODE_BIN" ARGS in the background, output appended to LOG
# ("-": not redirected); sets NODE_PID.
start_node() {
	local log=$1
	shift
	if [ "$log" = - ]; then
		"$NODE_BIN" "$@" &
	else
		"$NODE_BIN" "$@" >>"$log" 2>&1 &
		case " ${NODE_LOGS[*]} " in *" $log "*) ;; *) NODE_LOGS+=("$log") ;; esac
	fi
	NODE_PID=$!
	NODE_PIDS+=("$NODE_PID")
}

# start_dev_node LOG ARGS...: a development node (Alice's, --dev) on RPC_PORT and P2P_PORT, with
# ARGS added; sets NODE_PID. Its chain is in NODE_TMP/chain-RPC_PORT: each pair of ports a chain
# of its own, and the same chain again when a node is restarted on the same ports.
start_dev_node() {
	local log=$1
	shift
	start_node "$log" --dev --base-path "$NODE_TMP/chain-$RPC_PORT" --rpc-port "$RPC_PORT" \
		--port "$P2P_PORT" --no-prometheus --no-telemetry "$@"
}

# parachain_node: sets NODE_BIN to polkadot-omni-node (scripts/omni-tools.sh builds it when it
# is not cached) and PARA_WASM to the parachain runtime's Wasm, built first (cargo, incremental).
parachain_node() {
	local tools target_dir
	tools=$("$SCRIPTS_DIR/omni-tools.sh" polkadot-omni-node) || return 1
	NODE_BIN="$tools/polkadot-omni-node"
	echo "== $NODE_SH_NAME: build the parachain runtime's Wasm ==" >&2
	(cd "$REPO_DIR" && cargo build --release --locked -p escrow-parachain-runtime) >&2 || return 1
	target_dir=${CARGO_TARGET_DIR:-target}
	case "$target_dir" in /*) ;; *) target_dir="$REPO_DIR/$target_dir" ;; esac
	PARA_WASM="$target_dir/release/wbuild/escrow-parachain-runtime/escrow_parachain_runtime.compact.compressed.wasm"
}

# start_parachain_dev_node LOG BLOCK_MS ARGS...: the parachain (parachain_node first) under
# polkadot-omni-node --dev, sealing a block every BLOCK_MS with no relay chain, on RPC_PORT and
# P2P_PORT; its chain spec (from the runtime's development preset, para id 2000) and chain in
# NODE_TMP/para-RPC_PORT. Sets NODE_PID.
start_parachain_dev_node() {
	local log=$1 block_ms=$2 dir="$NODE_TMP/para-$RPC_PORT"
	shift 2
	mkdir -p "$dir"
	"$NODE_BIN" chain-spec-builder -c "$dir/spec.json" create -t development \
		-n "escrow-chain parachain (development)" -i escrow_parachain_dev \
		--relay-chain rococo-local --para-id 2000 \
		--properties tokenSymbol=ESC,tokenDecimals=12,ss58Format=42 \
		-r "$PARA_WASM" named-preset development >>"$dir/spec.log" 2>&1 || {
		cat "$dir/spec.log" >&2
		return 1
	}
	start_node "$log" --chain "$dir/spec.json" --dev --dev-block-time "$block_ms" \
		--base-path "$dir/chain" --rpc-port "$RPC_PORT" --port "$P2P_PORT" --no-prometheus \
		--no-telemetry --no-hardware-benchmarks "$@"
}

# bench_node: the node of BENCH_CHAIN (solo, the default: node_binary; parachain:
# parachain_node), for the load scripts. start_bench_node LOG ARGS...: starts it as a development
# chain on RPC_PORT and P2P_PORT (the parachain sealing a block every BENCH_BLOCK_MS, default
# 6000) and waits until it answers RPC. Sets NODE_PID.
bench_node() {
	case "${BENCH_CHAIN:-solo}" in
	solo) node_binary ;;
	parachain) parachain_node ;;
	*) echo "$NODE_SH_NAME: BENCH_CHAIN is solo or parachain, not '$BENCH_CHAIN'" >&2; return 2 ;;
	esac
}
start_bench_node() {
	local log=$1
	shift
	if [ "${BENCH_CHAIN:-solo}" = parachain ]; then
		start_parachain_dev_node "$log" "${BENCH_BLOCK_MS:-6000}" "$@" || return 1
	else
		start_dev_node "$log" "$@"
	fi
	wait_rpc "$RPC_PORT" 120
}

# track_pid PID: a background process of the script that stop_nodes stops too.
track_pid() {
	NODE_PIDS+=("$1")
}

_untrack() {
	local p rest=()
	for p in "${NODE_PIDS[@]}"; do [ "$p" = "$1" ] || rest+=("$p"); done
	NODE_PIDS=("${rest[@]}")
}
# stop_node PID [SIGNAL]: stops one started node (or tracked process) with SIGNAL (TERM) and
# waits for it.
stop_node() {
	kill "-${2:-TERM}" "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
	_untrack "$1"
}
# wait_node PID: waits until a started node (or tracked process) exits; returns its status.
wait_node() {
	local status=0
	wait "$1" || status=$?
	_untrack "$1"
	return "$status"
}

# stop_nodes: stops every node and tracked process still running, then removes NODE_TMP unless
# NODE_KEEP=1 (then says where it is). For `trap stop_nodes EXIT`.
stop_nodes() {
	local p
	for p in "${NODE_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	for p in "${NODE_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
	NODE_PIDS=()
	if [ -n "$NODE_TMP" ] && [ -d "$NODE_TMP" ]; then
		if [ "$NODE_KEEP" = 1 ]; then echo "$NODE_SH_NAME: logs kept in $NODE_TMP" >&2; else rm -rf "$NODE_TMP"; fi
	fi
}

# stop_nodes_on_exit: stop_nodes when the script exits, also on Ctrl-C or TERM (status 130).
stop_nodes_on_exit() {
	trap stop_nodes EXIT
	trap 'exit 130' INT TERM
}

# show_logs: the end of every log in NODE_LOGS (40 lines of one, 12 of each of several).
show_logs() {
	local f lines=40
	[ "${#NODE_LOGS[@]}" -gt 1 ] && lines=12
	for f in "${NODE_LOGS[@]}"; do
		[ -f "$f" ] || continue
		echo "--- $f ends with:" >&2
		tail -n "$lines" "$f" >&2
	done
}
# fail_with_log MESSAGE: prints "NAME: FAILED: MESSAGE" and the logs' ends, keeps NODE_TMP, exits 1.
fail_with_log() {
	echo "$NODE_SH_NAME: FAILED: $1" >&2
	show_logs
	NODE_KEEP=1
	exit 1
}

# rpc PORT METHOD [PARAMS_JSON]: prints the JSON of the result; fails on no answer or an error.
rpc() { node "$SCRIPTS_DIR/lib/rpc-cli.js" "$1" "$2" "${3:-[]}"; }

# best PORT / finalized PORT: the number of the best / finalized block.
best() { node "$SCRIPTS_DIR/lib/rpc-cli.js" "$1" chain_getHeader '[]' --number; }
finalized() {
	local head
	head=$(rpc "$1" chain_getFinalizedHead) || return 1
	node "$SCRIPTS_DIR/lib/rpc-cli.js" "$1" chain_getHeader "[$head]" --number
}
# hash_at PORT N: the hash of block N on PORT's node, or nothing.
hash_at() {
	node "$SCRIPTS_DIR/lib/rpc-cli.js" "$1" chain_getBlockHash "[$2]" --or-empty
}

# _poll SECONDS PID COMMAND...: runs COMMAND every second until it succeeds; fails after
# SECONDS or as soon as PID exits.
_poll() {
	local seconds=$1 pid=$2 _
	shift 2
	for _ in $(seq 1 "$seconds"); do
		kill -0 "$pid" 2>/dev/null || return 1
		"$@" && return 0
		sleep 1
	done
	return 1
}
_answers() { rpc "$1" system_health >/dev/null 2>&1; }
_reached() { [ "$(best "$1" 2>/dev/null || echo 0)" -ge "$2" ]; }
# wait_rpc PORT SECONDS [PID]: waits until the node answers system_health; fails after SECONDS
# or as soon as PID (default NODE_PID) exits.
wait_rpc() { _poll "$2" "${3:-$NODE_PID}" _answers "$1"; }
# wait_block PORT N SECONDS [PID]: waits until the best block is N or later; fails after
# SECONDS or as soon as PID (default NODE_PID) exits.
wait_block() { _poll "$3" "${4:-$NODE_PID}" _reached "$1" "$2"; }

# now_s: seconds since the epoch with milliseconds.
now_s() { date +%s.%N | cut -c1-14; }
# since START: seconds elapsed since START (from now_s), one decimal.
since() { echo "$(now_s) $1" | awk '{ printf "%.1f\n", $1 - $2 }'; }
