#!/usr/bin/env bash
# The web app's tests, in a real browser: builds the app (app/build.sh), starts a temporary
# development node that seals a block for each transaction (RPC 9900-9909, p2p 30300-30309),
# serves app/dist beside it (HTTP 8900-8909) and runs app/tests in Debian's Chromium
# (playwright-core): the whole store-and-buyer flow, auto-settlement seen live, a refused
# action's error text, a dispute and its ruling, the Chinese UI, accessibility (axe) and the
# keyboard on every screen, and the budgets (JavaScript size; first render and live, printed).
# Screenshots of the main screens go to docs/app/. On failure, pictures of the open pages go
# there too (failed-N.png) and the node's log is printed.
#
#   scripts/app.sh
#   ESCROW_NODE_BIN=/path/to/escrow-chain-node scripts/app.sh   # that binary; nothing is built
#   CHROMIUM=/path/to/chromium scripts/app.sh                     # another Chromium
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node.sh app-tests

chromium=${CHROMIUM:-$(command -v chromium || true)}
[ -n "$chromium" ] && [ -x "$chromium" ] || {
	echo "app-tests: Chromium is needed (scripts/setup.sh installs Debian's chromium package)" >&2
	exit 1
}
export CHROMIUM=$chromium

node_binary
app/build.sh
node_ports 9900-9909 30300-30309
take_ports
node_tmpdir
stop_nodes_on_exit

echo "== app-tests: a development node (instant sealing) on ws://127.0.0.1:$RPC_PORT =="
start_dev_node "$NODE_TMP/node.log" --sealing instant --rpc-cors all
wait_rpc "$RPC_PORT" 60 || fail_with_log "the node did not answer RPC"

_port_in 8900 8909
http_port=$_port
node app/serve.mjs "$http_port" >"$NODE_TMP/serve.log" 2>&1 &
track_pid $!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$http_port/" >/dev/null && break; sleep 0.1; done

echo "== app-tests: the app on http://127.0.0.1:$http_port/ in $("$chromium" --version 2>/dev/null | head -1) =="
(cd app && APP_URL="http://127.0.0.1:$http_port/?rpc=ws://127.0.0.1:$RPC_PORT" ESCROW_RPC="http://127.0.0.1:$RPC_PORT" \
	node --test --test-concurrency=1 --test-reporter=spec tests/) || fail_with_log "the app's tests failed"
