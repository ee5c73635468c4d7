//! The weights of escrow-chain's pallets measured on this runtime, written by the SDK's
//! `frame-omni-bencher` from the runtime's Wasm (`scripts/bench-parachain.sh`): the same
//! benchmarks as the solo chain's, with this runtime's configuration, its database weights (the
//! SDK's RocksDB weights, `polkadot-omni-node`'s database) and its proof sizes, which the relay
//! chain's validators count. The shared configuration names them as
//! `crate::weights::<pallet>::WeightInfo`; the solo chain's `weights` module has the same names.
//!
//! The files are generated; change them by running the script again.

pub mod pallet_escrow;
pub mod pallet_funding;
pub mod pallet_store_orders;
