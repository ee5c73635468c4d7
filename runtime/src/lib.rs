//! # escrow-chain runtime
//!
//! The state transition function of escrow-chain: accounts and balances (with holds), Aura
//! block production, GRANDPA finality, transaction fees, sudo and utility, and the two pallets
//! of the product:
//!
//! - `Escrow` ([`pallet_escrow`]): C2C settlement orders, held in the buyer's account, paid on
//!   confirmation or at the deadline;
//! - `StoreOrders` ([`pallet_store_orders`]): stores and their orders, following the settlement
//!   that pays each;
//! - `Funding` ([`pallet_funding`]): top-ups from linked accounts and credit lines, drawn when
//!   a buyer is short.
//!
//! The pallets know each other only through the traits of [`escrow_primitives`], wired in
//! [`configs`]. Queries for wallets and indexers are `EscrowApi`, declared in
//! [`escrow_primitives::api`] and implemented in [`apis`].
//!
//! ## Time
//!
//! A block is produced every [`MILLISECS_PER_BLOCK`] (6 s), so [`MINUTES`] = 10 blocks,
//! [`HOURS`] = 600 blocks and [`DAYS`] = 14 400 blocks. Every time limit of the escrow is a
//! number of blocks: the default time-limit rule of 10 days is `10 * DAYS` = 144 000 blocks.
//!
//! ## Shared with the parachain
//!
//! The parachain's runtime (`parachain/runtime`) runs the same product pallets, configured the
//! same way, under `polkadot-omni-node`. What the two share is the crate
//! [`escrow_runtime_common`]: units, block limits, the product's configuration, genesis pieces
//! and the runtime APIs both answer alike; this crate keeps what is the solo chain's own: Aura
//! and GRANDPA, its block weights, and its own blocks as the clock of deadlines.

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
pub mod weights;

pub use escrow_runtime_common::units::*;

#[cfg(feature = "std")]
pub mod test_helpers;
#[cfg(test)]
mod tests;

use sp_runtime::{generic, impl_opaque_keys, traits::BlakeTwo256};
use sp_version::{runtime_version, RuntimeVersion};

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_escrow::Call as EscrowCall;
pub use pallet_store_orders::Call as StoreOrdersCall;
pub use pallet_timestamp::Call as TimestampCall;
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
	/// The session keys of a validator: Aura for blocks, GRANDPA for finality.
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
	}
}

/// The runtime's version. Bump `spec_version` with every change of the runtime's logic.
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("escrow-chain"),
	impl_name: alloc::borrow::Cow::Borrowed("escrow-chain"),
	authoring_version: 1,
	spec_version: 110,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 2,
	system_version: 1,
};

/// The target time between two blocks. It cannot change once the chain has started.
pub const MILLISECS_PER_BLOCK: u64 = 6000;
/// Aura's slot: one block per slot.
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;

/// Block header type.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// The checks each transaction passes before it is dispatched.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	// The fee in ESC, or in a sufficient asset the signer names (`asset_id`).
	pallet_asset_tx_payment::ChargeAssetTxPayment<Runtime>,
);
/// An extrinsic as this runtime decodes it.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload a transaction's signer signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;
/// The storage migrations a runtime upgrade runs, each guarded by its pallet's storage
/// version so that it runs once: [`migrations::Unreleased`], then nothing else (every chain
/// runs at least the last kept release).
pub type Migrations = migrations::Unreleased;

/// The storage migrations, by the release that first ran them.
pub mod migrations {
	use super::Runtime;

	/// Since the last kept release (`runtime/releases`, spec 102): an upgrade from it runs
	/// them. When a release is kept, they move to [`Released`].
	pub type Unreleased = (
		pallet_escrow::migrations::MigrateV1ToV2<Runtime>,
		pallet_escrow::migrations::MigrateV2ToV3<Runtime>,
		pallet_escrow::migrations::MigrateV3ToV4<Runtime>,
		pallet_store_orders::migrations::MigrateToAssets<Runtime>,
		pallet_funding::migrations::MigrateV1ToV2<Runtime>,
	);

	/// Run by a kept release already, so no upgrade needs them: escrow's and funding's v0 → v1
	/// ran in release 102 and their code is gone. Kept as a list, empty, so that the next
	/// kept release moves [`Unreleased`] here and then drops it.
	pub type Released = ();
}

/// Dispatches blocks and extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
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

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;
	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;
	#[runtime::pallet_index(7)]
	pub type Utility = pallet_utility;
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
}
