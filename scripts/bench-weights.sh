#!/usr/bin/env bash
# Measures the weights of escrow-chain's pallets on this machine and writes them where the
# runtime takes them from:
#
#   pallets/escrow/src/weights.rs, pallets/store-orders/src/weights.rs,
#   pallets/funding/src/weights.rs   (our template: scripts/weights/pallet-weights.hbs)
#   docs/bench/pallet_balances.rs    (the keep-alive transfer every call is compared with,
#                                     measured in the same run; not used by the runtime)
#   docs/bench/pallet_assets.rs, pallet_asset_tx_payment.rs   (the stablecoin's keep-alive
#                                     transfer and the fee paid in ESC or in an asset, from
#                                     the same run; not used by the runtime)
#   $ESCROW_BENCH_TARGET/bench/weights.json   (the raw results of the run, ~300 MB)
#   docs/bench/idle-hook.{txt,json}  (the agenda hook with 0 and 100,000 settlements open)
#   docs/bench/weights-table.md      (each call beside transfer_keep_alive: scripts/weights/report.py)
#   runtime/src/weights/block_weights.rs, extrinsic_weights.rs   (`benchmark overhead`: an
#                                     empty block, and every extrinsic's base, as averages)
#   runtime/src/weights/frame_system_extensions.rs   (frame-system's transaction extensions,
#                                     `benchmark pallet --pallet frame_system_extensions`)
#   runtime/src/weights/paritydb_weights.rs   (`benchmark storage` on the development chain's
#                                     state in ParityDB: the 95th percentile of a read and of a
#                                     write, times 2; see docs/PERFORMANCE.md for why)
#   docs/bench/machine.txt, overhead.txt, storage.txt   (`benchmark machine`, and the logs of
#                                     the two above)
#
# It builds the node with `--features runtime-benchmarks` (the only build with the
# `benchmark` command) and runs it on the development chain spec. That build keeps a target
# directory of its own, ESCROW_BENCH_TARGET (by default ${CARGO_TARGET_DIR:-target}-bench), so
# that it never replaces the release node the tests and CI run, nor makes them rebuild: the
# features change the whole dependency tree. The base weights are measured first: the pallets'
# weights are built on the database weights they set.
#
#   scripts/bench-weights.sh                  # steps 50, repeat 20 (about 10 minutes)
#   STEPS=2 REPEAT=1 scripts/bench-weights.sh # a quick check that every benchmark runs
set -euo pipefail
cd "$(dirname "$0")/.."

steps=${STEPS:-50}
repeat=${REPEAT:-20}

scripts/setup.sh
echo "== bench-weights: build the node with the benchmarks =="
bench_target=${ESCROW_BENCH_TARGET:-${CARGO_TARGET_DIR:-target}-bench}
CARGO_TARGET_DIR="$bench_target" cargo build --release --locked -p escrow-chain-node --features runtime-benchmarks
node_bin="$bench_target/release/escrow-chain-node"

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
raw="$bench_target/bench"
mkdir -p docs/bench "$raw"

echo "== bench-weights: this machine against Substrate's reference hardware =="
"$node_bin" benchmark machine --chain dev --base-path "$out/machine" --allow-fail 2>&1 |
	tee docs/bench/machine.txt

echo "== bench-weights: an empty block and the base of every extrinsic (benchmark overhead) =="
"$node_bin" benchmark overhead --chain dev --weight-path runtime/src/weights \
	--warmup 10 --repeat 50 --wasm-execution compiled 2>&1 | tee docs/bench/overhead.txt

echo "== bench-weights: a storage read and write in ParityDB (benchmark storage) =="
# The development chain's state has some 40 keys, one of them the 4.7 MB runtime code, which
# dominates an average; the 95th percentile leaves it out, and twice that leaves room for the
# deeper tries of a larger state. Every key is a batch of its own (the default batch is larger
# than the whole state).
"$node_bin" benchmark storage --chain dev --base-path "$out/storage" --state-version 1 \
	--database paritydb --batch-size 1 --metric p95 --mul 2 \
	--weight-path runtime/src/weights 2>&1 | tee docs/bench/storage.txt

echo "== bench-weights: run the benchmarks (steps $steps, repeat $repeat) =="
"$node_bin" benchmark pallet \
	--chain dev \
	--pallet pallet_balances,pallet_escrow,pallet_store_orders,pallet_funding,pallet_asset_tx_payment \
	--extrinsic '*' \
	--steps "$steps" \
	--repeat "$repeat" \
	--wasm-execution compiled \
	--template scripts/weights/pallet-weights.hbs \
	--json-file "$raw/weights.json" \
	--output "$out"

for pallet in escrow store_orders funding; do
	cp "$out/pallet_$pallet.rs" "pallets/${pallet//_/-}/src/weights.rs"
done
# Not used by the runtime (it keeps pallet_balances' own weights): the reference every call is
# compared with in docs/bench/weights-table.md, measured in the same run.
cp "$out/pallet_balances.rs" docs/bench/pallet_balances.rs
cp "$out/pallet_asset_tx_payment.rs" docs/bench/pallet_asset_tx_payment.rs

echo "== bench-weights: frame-system's transaction extensions, which every extrinsic pays =="
"$node_bin" benchmark pallet \
	--chain dev \
	--pallet frame_system_extensions \
	--extrinsic '*' \
	--steps "$steps" \
	--repeat "$repeat" \
	--wasm-execution compiled \
	--output runtime/src/weights/frame_system_extensions.rs

echo "== bench-weights: the stablecoin's keep-alive transfer (pallet_assets) =="
"$node_bin" benchmark pallet \
	--chain dev \
	--pallet pallet_assets \
	--extrinsic transfer_keep_alive \
	--steps "$steps" \
	--repeat "$repeat" \
	--wasm-execution compiled \
	--template scripts/weights/pallet-weights.hbs \
	--output docs/bench/pallet_assets.rs

echo "== bench-weights: the idle hook beside 100,000 shipped settlements (n = 0 and 100,000) =="
"$node_bin" benchmark pallet \
	--chain dev \
	--pallet pallet_escrow \
	--extrinsic on_initialize_idle_open \
	--extra \
	--steps 2 \
	--repeat 1 \
	--wasm-execution compiled \
	--json-file docs/bench/idle-hook.json | tee docs/bench/idle-hook.txt

# The commands in the files' headers, without this machine's paths.
generated=(runtime/src/weights/*_weights.rs runtime/src/weights/frame_system_extensions.rs
	pallets/*/src/weights.rs docs/bench/pallet_*.rs
	docs/bench/overhead.txt docs/bench/storage.txt)
target_abs=$(cd "$bench_target" && pwd)
sed -i -e "s|$target_abs|target|g" -e "s|$out|\$TMP|g" "${generated[@]}"

# The base weights' files come from the SDK's template: formatted as the rest of the code.
rustfmt --edition 2021 runtime/src/weights/*_weights.rs

python3 scripts/weights/report.py > docs/bench/weights-table.md
cat docs/bench/weights-table.md
