# Shared helpers of the fault scripts (sourced, not run): the node binary, free ports in the
# fault tests' own ranges, JSON-RPC over HTTP, and the JS dependencies.
#
# Ports: RPC 9960-9979, p2p 30360-30379, so that the fault tests never collide with a
# development node (9944), scripts/local-testnet.sh (9944-9946) or other test runs.

FAULTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$FAULTS_DIR/../.." && pwd)"

# The node binary: $ESCROW_NODE_BIN, else the release build (built first if it is missing).
node_binary() {
	if [ -n "${ESCROW_NODE_BIN:-}" ]; then
		[ -x "$ESCROW_NODE_BIN" ] || { echo "faults: ESCROW_NODE_BIN=$ESCROW_NODE_BIN is not executable" >&2; return 1; }
		echo "$ESCROW_NODE_BIN"
		return
	fi
	local bin="${CARGO_TARGET_DIR:-$REPO_DIR/target}/release/escrow-chain-node"
	case "$bin" in /*) ;; *) bin="$REPO_DIR/$bin" ;; esac
	if [ ! -x "$bin" ]; then
		echo "faults: building the node (cargo build --release --locked -p escrow-chain-node)" >&2
		(cd "$REPO_DIR" && scripts/setup.sh >&2 && cargo build --release --locked -p escrow-chain-node >&2)
	fi
	echo "$bin"
}

# Installs scripts/faults' JS dependencies when they are missing or older than the lockfile.
js_deps() {
	command -v node >/dev/null || { echo "faults: Node.js 18 or later is needed" >&2; return 1; }
	if [ ! -f "$FAULTS_DIR/node_modules/.package-lock.json" ] ||
		[ "$FAULTS_DIR/package-lock.json" -nt "$FAULTS_DIR/node_modules/.package-lock.json" ]; then
		(cd "$FAULTS_DIR" && npm ci --no-audit --no-fund --loglevel=error >&2)
	fi
}

# Prints a TCP port in [$1, $2] that nothing listens on and that this run has not handed out,
# and records it in _faults_taken (so call it without a subshell: `_port_in A B; x=$_port`).
_faults_taken=" "
_port_in() {
	local port
	for port in $(seq "$1" "$2"); do
		case "$_faults_taken" in *" $port "*) continue ;; esac
		if python3 -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1]))); s.close()' "$port" 2>/dev/null; then
			_faults_taken="$_faults_taken$port "
			_port=$port
			return 0
		fi
	done
	echo "faults: no free port in $1-$2" >&2
	return 1
}
# Sets the globals RPC_PORT and P2P_PORT to free ports of the fault tests' ranges; each call
# gives another pair.
take_ports() {
	_port_in 9960 9979 || return 1
	RPC_PORT=$_port
	_port_in 30360 30379 || return 1
	P2P_PORT=$_port
}

# rpc PORT METHOD [PARAMS_JSON]: prints the JSON of the result; fails on no answer or an error.
rpc() {
	curl -sf -m 5 -H 'Content-Type: application/json' \
		-d "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"$2\",\"params\":${3:-[]}}" \
		"http://127.0.0.1:$1" |
		python3 -c 'import json,sys; r=json.load(sys.stdin); sys.exit(1) if "result" not in r else print(json.dumps(r["result"]))'
}

# best PORT / finalized PORT: the number of the best / finalized block.
best() {
	rpc "$1" chain_getHeader | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["number"], 16))'
}
finalized() {
	local head
	head=$(rpc "$1" chain_getFinalizedHead) || return 1
	rpc "$1" chain_getHeader "[$head]" | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["number"], 16))'
}
# hash_at PORT N: the hash of block N on PORT's node, or nothing.
hash_at() {
	rpc "$1" chain_getBlockHash "[$2]" | python3 -c 'import json,sys; h=json.load(sys.stdin); print(h or "")'
}

# wait_rpc PID PORT SECONDS: waits until the node answers system_health; fails if it exits.
wait_rpc() {
	local _
	for _ in $(seq 1 "$3"); do
		kill -0 "$1" 2>/dev/null || return 1
		rpc "$2" system_health >/dev/null 2>&1 && return 0
		sleep 1
	done
	return 1
}

# now_s: seconds since the epoch with milliseconds.
now_s() { date +%s.%N | cut -c1-14; }
# since START: seconds elapsed since START (from now_s), one decimal.
since() { python3 -c "import sys,time; print(f'{time.time()-float(sys.argv[1]):.1f}')" "$1"; }
