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
# embeds.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node.sh upgrade

# The release before settlements named their asset: runtime spec 102, escrow storage v1.
PREVIOUS=102

node_binary --build
target=${CARGO_TARGET_DIR:-target}
case "$target" in /*) ;; *) target="$REPO_DIR/$target" ;; esac
new_wasm=$target/release/wbuild/escrow-chain-runtime/escrow_chain_runtime.compact.compressed.wasm
new_spec=$(sed -n 's/^[[:space:]]*spec_version: \([0-9]*\),$/\1/p' runtime/src/lib.rs)
[ -f "$new_wasm" ] || { echo "upgrade: no runtime Wasm at $new_wasm" >&2; exit 1; }
js_deps
node_ports 9930-9939 30330-30332
take_ports
node_tmpdir
stop_nodes_on_exit

spec=$NODE_TMP/release-$PREVIOUS.json
node scripts/e2e/upgrade/release-spec.js "$PREVIOUS" "$spec"
echo "== upgrade: release $PREVIOUS's development chain on ws://127.0.0.1:$RPC_PORT =="
start_dev_node "$NODE_TMP/node.log" --chain "$spec" --sealing instant
wait_rpc "$RPC_PORT" 60 || fail_with_log "the node on release $PREVIOUS did not answer RPC"

echo "== upgrade: settlements of every state, the upgrade, and after it =="
(cd scripts/e2e && ESCROW_WS="ws://127.0.0.1:$RPC_PORT" ESCROW_NEW_WASM="$new_wasm" \
	ESCROW_PREVIOUS_RELEASE="$PREVIOUS" ESCROW_NEW_SPEC_VERSION="$new_spec" node --test --test-concurrency=1 upgrade/) ||
	fail_with_log "the upgrade tests failed"
