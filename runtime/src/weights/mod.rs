//! The base weights of this chain, measured on it by the node's `benchmark` command (see
//! `scripts/bench-weights.sh` and `docs/PERFORMANCE.md`), in place of FRAME's defaults:
//!
//! - [`block_weights`]: executing an empty block (`benchmark overhead`);
//! - [`extrinsic_weights`]: the part of every extrinsic that does not depend on its call (a
//!   `system.remark` in a full block, less the empty block; `benchmark overhead`);
//! - [`paritydb_weights`]: reading and writing one storage item in the node's ParityDB
//!   (`benchmark storage`);
//! - [`frame_system_extensions`]: frame-system's transaction extensions every signed
//!   extrinsic goes through (`benchmark pallet --pallet frame_system_extensions`), priced at
//!   this chain's database weights rather than the defaults' RocksDB ones.
//!
//! The files are written by the benchmark command; change them by running it again.
//!
//! The product's pallets are charged by the weights each pallet's `weights.rs` holds, measured
//! on this chain (`scripts/bench-weights.sh`); the parachain runtime has its own files, measured
//! on it, under the same names, so that the configuration both runtimes share names
//! `crate::weights::<pallet>::WeightInfo`.

pub mod block_weights;
pub mod extrinsic_weights;
pub mod frame_system_extensions;
// The generated file documents each field of the weight it builds.
#[allow(unused_doc_comments)]
pub mod paritydb_weights;

pub use block_weights::BlockExecutionWeight;
pub use extrinsic_weights::ExtrinsicBaseWeight;
pub use paritydb_weights::constants::ParityDbWeight;

/// `pallet_escrow`'s weights on this chain.
pub mod pallet_escrow {
	pub type WeightInfo<T> = ::pallet_escrow::weights::SubstrateWeight<T>;
}
/// `pallet_store_orders`'s weights on this chain.
pub mod pallet_store_orders {
	pub type WeightInfo<T> = ::pallet_store_orders::weights::SubstrateWeight<T>;
}
/// `pallet_funding`'s weights on this chain.
pub mod pallet_funding {
	pub type WeightInfo<T> = ::pallet_funding::weights::SubstrateWeight<T>;
}
