#!/usr/bin/env bash
# Builds the web app into app/dist: installs its npm packages (npm ci) when they are missing or
# older than the lockfile; reads the runtime's metadata from the compiled runtime Wasm (no node
# needed) and generates the typed chain client's descriptors from it (papi); type-checks and
# bundles (tsc, vite). Does nothing when dist/ is newer than all of that.
#
#   app/build.sh            # builds if anything changed
#   app/build.sh --force    # builds anyway
#
# The Wasm: $ESCROW_RUNTIME_WASM, else the one `cargo build --release -p escrow-chain-node`
# leaves in ${CARGO_TARGET_DIR:-target}/release/wbuild/ (built first if it is missing).
set -euo pipefail
cd "$(dirname "$0")"
source ../scripts/lib/node.sh app

target_dir=${CARGO_TARGET_DIR:-target}
case "$target_dir" in /*) ;; *) target_dir="$REPO_DIR/$target_dir" ;; esac
wasm=${ESCROW_RUNTIME_WASM:-$target_dir/release/wbuild/escrow-chain-runtime/escrow_chain_runtime.compact.compressed.wasm}
if [ ! -f "$wasm" ]; then
	node_binary # builds the node, and with it the runtime's Wasm
	[ -f "$wasm" ] || { echo "app: no runtime Wasm at $wasm" >&2; exit 1; }
fi

node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' || {
	echo "app: Node.js 20.19 or later is needed (Vite 8)" >&2
	exit 1
}
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	echo "== app: install the app's JS dependencies (npm ci in app/) ==" >&2
	npm ci --no-audit --no-fund --loglevel=error >&2
fi

if [ "${1:-}" != --force ] && [ -f dist/index.html ] &&
	[ -z "$(find src index.html vite.config.ts tsconfig.json package-lock.json .papi/polkadot-api.json "$wasm" -newer dist/index.html -print -quit)" ]; then
	echo "app: dist/ is up to date" >&2
	exit 0
fi

echo "== app: descriptors from the runtime's metadata ($(basename "$wasm")) ==" >&2
npx papi add escrow --skip-codegen --wasm "$wasm" >/dev/null
npx papi generate >/dev/null
echo "== app: type-check and bundle ==" >&2
npx tsc --noEmit
npx vite build --logLevel warn
echo "app: built into app/dist" >&2
