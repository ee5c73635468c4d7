//! # escrow-chain's parachain runtime
//!
//! escrow-chain's pallets as a parachain of Polkadot, run by the Polkadot SDK's own
//! `polkadot-omni-node` (no node of our own): escrow, store orders, funding, and the assets
//! they settle in, configured exactly as on the solo chain (the crate both runtimes share,
//! [`escrow_runtime_common`]), on the parachain machinery of the SDK's parachain template:
//!
//! - `ParachainSystem` and `ParachainInfo`: the relay chain's validation data, the para id;
//! - `Aura` with `AuraExt`, `CollatorSelection`, `Session` and `Authorship`: collators take
//!   turns, with asynchronous backing (up to [`UNINCLUDED_SEGMENT_CAPACITY`] blocks ahead of
//!   the relay chain's inclusion);
//! - `WeightReclaim`: a transaction's unused proof size is given back to the block;
//! - `MessageQueue` and `XcmpQueue`: messages from the relay chain and other parachains.
//!
//! ## Time
//!
//! Deadlines count **relay-chain blocks** ([`configs::DeadlineClock`], the relay block number
//! of the validation data): six seconds each, whatever this chain's own block time, so
//! [`MINUTES`], [`HOURS`] and [`DAYS`] mean what they mean on the solo chain, and a change of
//! this chain's block time (asynchronous backing, elastic scaling) moves nobody's deadline.
//!
//! ## Weight
//!
//! A parachain block carries a proof of the state it touched to the relay chain's validators,
//! at most `MAX_POV_SIZE` (10 MiB). Proof size, not computation, is what fills such a block
//! first; the escrow's agenda budget is a quarter of both (see `docs/SCALE.md`).

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime!` expands deeply.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

use alloc::vec::Vec;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;

#[cfg(test)]
mod tests;
pub mod weights;

pub use escrow_runtime_common::units::*;

use sp_runtime::{generic, impl_opaque_keys, traits::BlakeTwo256};
use sp_version::{runtime_version, RuntimeVersion};

pub use pallet_escrow::Call as EscrowCall;
pub use pallet_store_orders::Call as StoreOrdersCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Opaque types, for the node: it need not know the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as sp_runtime::traits::Hash>::Output;
}

impl_opaque_keys! {
	/// The session keys of a collator: Aura, to author blocks.
	pub struct SessionKeys {
		pub aura: Aura,
	}
}

/// The runtime's version. Bump `spec_version` with every change of the runtime's logic.
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("escrow-parachain"),
	impl_name: alloc::borrow::Cow::Borrowed("escrow-parachain"),
	authoring_version: 1,
	spec_version: 2,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// The target time between two of this chain's blocks: one per relay-chain slot.
pub const MILLISECS_PER_BLOCK: u64 = 6000;
/// Aura's slot.
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;
/// The relay chain's slot.
pub const RELAY_CHAIN_SLOT_DURATION_MILLIS: u32 = 6000;
/// Blocks this chain may build ahead of the relay chain's inclusion (asynchronous backing).
pub const UNINCLUDED_SEGMENT_CAPACITY: u32 = 3;
/// Blocks per relay-chain slot.
pub const BLOCK_PROCESSING_VELOCITY: u32 = 1;

/// Block header type.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// The checks each transaction passes before it is dispatched: the solo chain's, in
/// `StorageWeightReclaim`, which gives the block back what a transaction's proof did not use.
pub type TxExtension = cumulus_pallet_weight_reclaim::StorageWeightReclaim<
	Runtime,
	(
		frame_system::CheckNonZeroSender<Runtime>,
		frame_system::CheckSpecVersion<Runtime>,
		frame_system::CheckTxVersion<Runtime>,
		frame_system::CheckGenesis<Runtime>,
		frame_system::CheckEra<Runtime>,
		frame_system::CheckNonce<Runtime>,
		frame_system::CheckWeight<Runtime>,
		// The fee in ESC, or in a sufficient asset the signer names (`asset_id`).
		pallet_asset_tx_payment::ChargeAssetTxPayment<Runtime>,
	),
>;
/// An extrinsic as this runtime decodes it.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload a transaction's signer signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// The storage migrations a runtime upgrade runs, each guarded by its pallet's storage version
/// so that it runs once: the parachain's runtime started at escrow storage version 3, so only
/// the migrations since then (a chain started at 4 runs none).
pub type Migrations = (pallet_escrow::migrations::MigrateV3ToV4<Runtime>,);

/// Dispatches blocks and extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// How this chain's blocks build on the relay chain: at most [`BLOCK_PROCESSING_VELOCITY`]
/// per relay slot, [`UNINCLUDED_SEGMENT_CAPACITY`] ahead of inclusion.
pub type ConsensusHook = cumulus_pallet_aura_ext::FixedVelocityConsensusHook<
	Runtime,
	RELAY_CHAIN_SLOT_DURATION_MILLIS,
	BLOCK_PROCESSING_VELOCITY,
	UNINCLUDED_SEGMENT_CAPACITY,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	// The system and the parachain's machinery.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type ParachainSystem = cumulus_pallet_parachain_system;
	#[runtime::pallet_index(2)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(3)]
	pub type ParachainInfo = parachain_info;
	#[runtime::pallet_index(4)]
	pub type WeightReclaim = cumulus_pallet_weight_reclaim;

	// Money and administration, as on the solo chain.
	#[runtime::pallet_index(5)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(6)]
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(7)]
	pub type Sudo = pallet_sudo;
	#[runtime::pallet_index(8)]
	pub type Utility = pallet_utility;

	// Collators. The order matters: authorship before collator selection, before the session
	// that asks it for collators, before Aura that takes their keys.
	#[runtime::pallet_index(9)]
	pub type Authorship = pallet_authorship;
	#[runtime::pallet_index(13)]
	pub type CollatorSelection = pallet_collator_selection;
	#[runtime::pallet_index(14)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(15)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(16)]
	pub type AuraExt = cumulus_pallet_aura_ext;

	// The product, at the solo chain's indices.
	#[runtime::pallet_index(10)]
	pub type Escrow = pallet_escrow;
	#[runtime::pallet_index(11)]
	pub type StoreOrders = pallet_store_orders;
	#[runtime::pallet_index(12)]
	pub type Funding = pallet_funding;
	#[runtime::pallet_index(20)]
	pub type Assets = pallet_assets;
	#[runtime::pallet_index(21)]
	pub type AssetsHolder = pallet_assets_holder;
	#[runtime::pallet_index(22)]
	pub type AssetTxPayment = pallet_asset_tx_payment;

	// Messages from the relay chain and other parachains.
	#[runtime::pallet_index(30)]
	pub type XcmpQueue = cumulus_pallet_xcmp_queue;
	#[runtime::pallet_index(33)]
	pub type MessageQueue = pallet_message_queue;
}

cumulus_pallet_parachain_system::register_validate_block! {
	Runtime = Runtime,
	BlockExecutor = cumulus_pallet_aura_ext::BlockExecutor::<Runtime, Executive>,
}
