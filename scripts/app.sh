#!/usr/bin/env bash
# The web app's tests, in a real browser: builds the app (app/build.sh), starts a temporary
# development node that seals a block for each transaction (RPC 9900-9909, p2p 30300-30309),
# serves app/dist beside it (HTTP 8900-8909) and runs app/tests in Debian's Chromium
# (playwright-core): the whole store-and-buyer flow, auto-settlement seen live, a refused
# action's error text, a dispute and its ruling, the Chinese UI, accessibility (axe) and the
# keyboard on every screen, and the budgets (JavaScript size; first render and live, printed).
# Screenshots of the main screens go to docs/app/. On failure, pictures of the open pages go
# there too (failed-N.png) and the node's log is printed. The node and the server are started by
# app/run-tests.mjs, through the scripts' harness (scripts/lib/network.js).
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
js_deps
export ESCROW_NODE_BIN=$NODE_BIN
app/build.sh
echo "== app-tests: Chromium: $("$chromium" --version 2>/dev/null | head -1) =="
exec node app/run-tests.mjs
