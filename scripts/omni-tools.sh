#!/usr/bin/env bash
# Builds the Polkadot SDK's own tools for the parachain runtime, from their published crates
# (no binary is downloaded), into a cache directory outside the clone:
#   polkadot-omni-node  runs any Aura parachain runtime from its chain spec; with --dev it seals
#                       blocks itself, with no relay chain. Its `chain-spec-builder` subcommand
#                       writes the chain spec from the runtime's Wasm.
#   frame-omni-bencher  benchmarks a runtime's Wasm with no node of its own.
# Both are on the stable2609 line, the same as the workspace's crates (frame-support 49.0.1).
# A tool already in the cache at its version is not built again.
#
# Usage: scripts/omni-tools.sh [TOOL]           build what is missing, print the tools' directory
#        scripts/omni-tools.sh --check [TOOL]   exit 0 when cached, 1 when not (builds nothing)
# TOOL is polkadot-omni-node or frame-omni-bencher; without it, both.
# Environment: ESCROW_TOOLS_CACHE (default /var/cache/escrow-chain/tools).
set -euo pipefail

OMNI_NODE_VERSION=0.24.0
OMNI_BENCHER_VERSION=0.28.0
cache=${ESCROW_TOOLS_CACHE:-/var/cache/escrow-chain/tools}
bin="$cache/bin"

cached() { # <binary> <version>
	[ -x "$bin/$1" ] && grep -q "$2" "$cache/$1.version" 2>/dev/null
}

check=0
if [ "${1:-}" = "--check" ]; then
	check=1
	shift
fi
case "${1:-all}" in
polkadot-omni-node | frame-omni-bencher | all) tool=${1:-all} ;;
*) echo "omni-tools: TOOL is polkadot-omni-node or frame-omni-bencher, not '$1'" >&2; exit 2 ;;
esac
wanted() { [ "$tool" = all ] || [ "$tool" = "$1" ]; }

if [ "$check" = 1 ]; then
	{ ! wanted polkadot-omni-node || cached polkadot-omni-node "$OMNI_NODE_VERSION"; } &&
		{ ! wanted frame-omni-bencher || cached frame-omni-bencher "$OMNI_BENCHER_VERSION"; }
	exit
fi

# What is wanted and cached is used at once, without waiting for another run's build.
if { ! wanted polkadot-omni-node || cached polkadot-omni-node "$OMNI_NODE_VERSION"; } &&
	{ ! wanted frame-omni-bencher || cached frame-omni-bencher "$OMNI_BENCHER_VERSION"; }; then
	echo "$bin"
	exit 0
fi

"$(dirname "$0")/setup.sh" >&2
mkdir -p "$cache"
# One run at a time: a second waits for the first, then finds what it built.
exec 9>"$cache/.lock"
flock 9
# A neutral working directory: the workspace's .cargo/config.toml must not apply to these builds.
cd "$cache"

build() { # <crate> <version> <binary>
	if cached "$3" "$2"; then
		return
	fi
	echo "omni-tools: building $1 $2 into $cache (cold: about an hour on two cores)" >&2
	local began=$(date +%s)
	# --locked: the versions the SDK released the tool with. The storage-access benchmark's test
	# runtime is a Wasm neither tool needs here.
	CARGO_TARGET_DIR="$cache/target" SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1 \
		cargo install "$1" --version "=$2" --locked --root "$cache" >&2
	echo "$2 built in $(($(date +%s) - began)) s" >"$cache/$3.version"
	echo "omni-tools: $3 $(cat "$cache/$3.version")" >&2
}

! wanted polkadot-omni-node || build polkadot-omni-node "$OMNI_NODE_VERSION" polkadot-omni-node
! wanted frame-omni-bencher || build frame-omni-bencher "$OMNI_BENCHER_VERSION" frame-omni-bencher
# The build tree stays until both tools are installed (the second build reuses much of the
# first's, and a build that did not finish goes on from it), then goes: the cache keeps only
# the binaries.
if cached polkadot-omni-node "$OMNI_NODE_VERSION" && cached frame-omni-bencher "$OMNI_BENCHER_VERSION"; then
	rm -rf "$cache/target"
fi
echo "$bin"
