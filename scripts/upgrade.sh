#!/usr/bin/env bash
# A live runtime upgrade with open settlements of every state: starts this repository's node
# (--sealing instant, RPC 9930-9939, p2p 30330-30332) on a development chain whose genesis runs
# the previous release's runtime, opens settlements in every state through that runtime's
# calls, upgrades the chain to this repository's runtime with
# sudo.sudoUncheckedWeight(system.setCode(..)), and checks that every settlement survives the
# migrations with its holds and still pays the right amounts (scripts/e2e/upgrade/).
#
#   scripts/upgrade.sh
#
# The previous release is kept as a release blob, as live chains keep theirs: its runtime's
# Wasm and the development preset it had, in runtime/releases/ with their hashes
# (releases.json). A node runs whatever runtime its chain's state holds, so only this
# repository's node is built (as scripts/e2e.sh builds it); the new runtime is the Wasm it
# embeds. scripts/e2e/upgrade/run.js starts the node through the scripts' harness
# (scripts/lib/network.js) and runs the suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node.sh upgrade
node_binary --build
js_deps
export ESCROW_NODE_BIN=$NODE_BIN
exec node scripts/e2e/upgrade/run.js
