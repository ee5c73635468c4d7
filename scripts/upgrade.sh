#!/usr/bin/env bash
# A live runtime upgrade with open settlements of every state: starts a development node of the
# previous release (--dev --sealing instant, RPC 9930-9939, p2p 30330-30332), opens settlements
# in every state through its runtime, upgrades the chain to this repository's runtime with
# sudo.sudoUncheckedWeight(system.setCode(..)), and checks that every settlement survives the
# migrations with its holds and still pays the right amounts (scripts/e2e/upgrade/).
#
#   scripts/upgrade.sh
#
# The previous release is commit PREVIOUS (below): its node is built once, from a git worktree
# of that commit, into ${ESCROW_UPGRADE_CACHE:-${CARGO_TARGET_DIR:-target}/previous-node}/PREVIOUS
# and kept there (a cold build: 15-30 minutes on 2 cores; every later run takes it from the
# cache). This repository's node is built as scripts/e2e.sh builds it; the new runtime is the
# Wasm it embeds.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/node.sh upgrade

# The release before settlements named their asset: runtime spec 102, escrow storage v1.
PREVIOUS=d8d58fb098dba5fe20f56d998261979b3bb49de6

target=${CARGO_TARGET_DIR:-target}
case "$target" in /*) ;; *) target="$REPO_DIR/$target" ;; esac
cache=${ESCROW_UPGRADE_CACHE:-$target/previous-node}/$PREVIOUS
previous_bin=$cache/escrow-chain-node

if [ ! -x "$previous_bin" ]; then
	echo "== upgrade: build the node of $PREVIOUS once, into $cache ==" >&2
	scripts/setup.sh >&2
	worktree=$(mktemp -d)
	git worktree add --detach "$worktree" "$PREVIOUS" >&2
	mkdir -p "$cache"
	(cd "$worktree" && CARGO_TARGET_DIR="$cache/target" cargo build --release --locked -p escrow-chain-node) >&2
	cp "$cache/target/release/escrow-chain-node" "$previous_bin.partial"
	mv "$previous_bin.partial" "$previous_bin"
	git worktree remove --force "$worktree"
	# The binary is all that is kept.
	rm -rf "$cache/target"
fi

node_binary --build
new_wasm=$target/release/wbuild/escrow-chain-runtime/escrow_chain_runtime.compact.compressed.wasm
[ -f "$new_wasm" ] || { echo "upgrade: no runtime Wasm at $new_wasm" >&2; exit 1; }
js_deps
node_ports 9930-9939 30330-30332
take_ports
node_tmpdir
stop_nodes_on_exit

NODE_BIN=$previous_bin
echo "== upgrade: the previous release's development node on ws://127.0.0.1:$RPC_PORT =="
start_dev_node "$NODE_TMP/node.log" --sealing instant
wait_rpc "$RPC_PORT" 60 || fail_with_log "the previous node did not answer RPC"

echo "== upgrade: settlements of every state, the upgrade, and after it =="
(cd scripts/e2e && ESCROW_WS="ws://127.0.0.1:$RPC_PORT" ESCROW_NEW_WASM="$new_wasm" \
	node --test --test-concurrency=1 upgrade/) || fail_with_log "the upgrade tests failed"
