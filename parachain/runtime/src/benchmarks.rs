//! The pallets `frame-omni-bencher` measures on this runtime: escrow-chain's own, the assets
//! and fees in them, and `pallet_balances` so that every call can be compared with a
//! keep-alive transfer measured in the same run (`scripts/bench-parachain.sh`).

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_escrow, Escrow]
	[pallet_store_orders, StoreOrders]
	[pallet_funding, Funding]
	[pallet_assets, Assets]
	[pallet_asset_tx_payment, AssetTxPayment]
);
