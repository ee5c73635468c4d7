#!/usr/bin/env bash
# Installs what building and testing escrow-chain needs on a fresh machine: the Rust targets and
# components for the runtime's Wasm build; the C toolchain, protobuf compiler and libclang the
# node's and the SDK tools' crates use; curl, Node.js and Python for the scripts and the
# end-to-end tests; Debian's Chromium and a Chinese font for the web app's browser tests (no
# browser is downloaded).
# Safe to run again: each step is skipped when already done.
set -euo pipefail

need_apt=()
command -v cc >/dev/null 2>&1 || need_apt+=(build-essential)
command -v protoc >/dev/null 2>&1 || need_apt+=(protobuf-compiler)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
# RocksDB's bindings in polkadot-omni-node (scripts/omni-tools.sh) are generated with libclang.
compgen -G '/usr/lib/llvm-*/lib/libclang.so' >/dev/null || need_apt+=(libclang-dev)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
# The app's Simplified Chinese screens (and their screenshots) need a font with the characters.
{ command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh 2>/dev/null)" ]; } || need_apt+=(fonts-wqy-microhei)
if [ "${#need_apt[@]}" -gt 0 ]; then
	if [ "$(id -u)" -eq 0 ]; then
		echo "setup: installing ${need_apt[*]}"
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
	else
		echo "setup: please install: ${need_apt[*]}" >&2
	fi
fi

installed_targets=$(rustup target list --installed)
for target in wasm32v1-none wasm32-unknown-unknown; do
	if ! grep -qx "$target" <<<"$installed_targets"; then
		echo "setup: adding Rust target $target"
		rustup target add "$target"
	fi
done
if ! rustup component list --installed | grep -q '^clippy'; then
	echo "setup: adding Rust component clippy"
	rustup component add clippy
fi
if ! rustup component list --installed | grep -q '^rust-src'; then
	echo "setup: adding Rust component rust-src"
	rustup component add rust-src
fi
