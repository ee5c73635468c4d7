#!/usr/bin/env bash
# End-to-end tests through @polkadot/api: builds the node (cargo build --release, so that it is
# up to date), installs the scripts' JS dependencies if needed, and runs scripts/e2e/run.js,
# which starts a temporary development chain on free ports (RPC 9980-9989, p2p 30380-30389)
# through the scripts' harness (scripts/lib/network.js), runs scripts/e2e/tests against it,
# then scripts/e2e/manual/ against a second node with --sealing manual. On failure it prints
# the end of the nodes' logs and keeps them.
#
#   scripts/e2e.sh                      # the node makes blocks on demand: --dev --sealing instant
#   E2E_SEALING=aura scripts/e2e.sh     # the same tests on the Aura/GRANDPA node, a block every 6 s
#   ESCROW_NODE_BIN=/path/to/escrow-chain-node scripts/e2e.sh   # that binary; nothing is built
#
# Against a node you started yourself: cd scripts/e2e && ESCROW_WS=ws://127.0.0.1:9944 npm test
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node.sh e2e
node_binary --build
js_deps
export ESCROW_NODE_BIN=$NODE_BIN
exec node scripts/e2e/run.js
