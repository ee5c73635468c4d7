#!/usr/bin/env bash
# The fault suites (scripts/faults/tests, `node --test`): bad transactions, a validator down and
# back, a crash under load. Each suite starts its own nodes on free ports through the shared
# harness (scripts/lib/network.js) and stops them; see scripts/faults/README.md.
#
#   scripts/faults.sh                        # every suite, one after another
#   scripts/faults.sh bad-tx                 # one: bad-tx, validator-down or crash
#   ESCROW_NODE_BIN=/path/to/escrow-chain-node scripts/faults.sh   # that binary; nothing built
#   ESCROW_KEEP=1 scripts/faults.sh crash    # keep the nodes' directories and logs
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node.sh faults
node_binary
js_deps
export ESCROW_NODE_BIN=$NODE_BIN
suites=()
for name in "$@"; do suites+=("tests/$name.test.js"); done
[ ${#suites[@]} -gt 0 ] || suites=(tests/)
cd scripts/faults
exec node --test --test-concurrency=1 "${suites[@]}"
