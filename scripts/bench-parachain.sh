#!/usr/bin/env bash
# Measures the weights of escrow-chain's pallets on the parachain runtime with the SDK's
# frame-omni-bencher (no node: it runs the runtime's Wasm on the `development` preset's state)
# and writes them where the parachain runtime takes them from:
#
#   parachain/runtime/src/weights/pallet_{escrow,store_orders,funding}.rs
#   docs/bench/parachain/pallet_balances.rs   (a keep-alive transfer in the same run, for
#                                             comparison; not used by the runtime)
#   $ESCROW_BENCH_TARGET/bench/parachain-weights.json   (the raw results)
#
# The reads and writes are charged at the runtime's database weights (the SDK's RocksDB
# weights, polkadot-omni-node's default database), the proof sizes are each storage item's
# largest encoding, as the relay chain's validators will count them. The runtime with the
# benchmarks is built in the benchmarks' own target directory, as scripts/bench-weights.sh
# builds its node (ESCROW_BENCH_TARGET, by default ${CARGO_TARGET_DIR:-target}-bench), so that
# the parachain's Wasm the tests run is never replaced by it.
#
#   scripts/bench-parachain.sh                   # steps 50, repeat 20
#   STEPS=2 REPEAT=1 scripts/bench-parachain.sh  # a quick check that every benchmark runs
set -euo pipefail
cd "$(dirname "$0")/.."

steps=${STEPS:-50}
repeat=${REPEAT:-20}

tools=$(scripts/omni-tools.sh frame-omni-bencher)
echo "== bench-parachain: build the parachain runtime with the benchmarks =="
target_dir=${ESCROW_BENCH_TARGET:-${CARGO_TARGET_DIR:-target}-bench}
CARGO_TARGET_DIR="$target_dir" cargo build --release --locked -p escrow-parachain-runtime --features runtime-benchmarks
wasm="$target_dir/release/wbuild/escrow-parachain-runtime/escrow_parachain_runtime.compact.compressed.wasm"

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$target_dir/bench" docs/bench/parachain parachain/runtime/src/weights

echo "== bench-parachain: frame-omni-bencher (steps $steps, repeat $repeat) =="
"$tools/frame-omni-bencher" v1 benchmark pallet \
	--runtime "$wasm" \
	--pallet pallet_balances,pallet_escrow,pallet_store_orders,pallet_funding \
	--extrinsic '*' \
	--steps "$steps" \
	--repeat "$repeat" \
	--json-file "$target_dir/bench/parachain-weights.json" \
	--output "$out"

for pallet in escrow store_orders funding; do
	cp "$out/pallet_$pallet.rs" "parachain/runtime/src/weights/pallet_$pallet.rs"
done
cp "$out/pallet_balances.rs" docs/bench/parachain/pallet_balances.rs
echo "== bench-parachain: weights written to parachain/runtime/src/weights =="
