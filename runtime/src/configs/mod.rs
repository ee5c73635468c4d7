//! Each pallet's configuration: here what is the solo chain's own (its blocks, Aura, GRANDPA,
//! the timestamp, and its own blocks as the clock of deadlines); in [`escrow_runtime_common::product`]
//! what it shares with the parachain's runtime, re-exported here.

use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstBool, ConstU32, ConstU64},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, Weight},
};
use frame_system::limits::{BlockLength, BlockWeights};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::Perbill;
use sp_version::RuntimeVersion;

use crate::weights::{BlockExecutionWeight, ExtrinsicBaseWeight, ParityDbWeight};

use super::{
	AccountId, Aura, Balance, Block, BlockNumber, Hash, Nonce, PalletInfo, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeOrigin, RuntimeTask, System, SLOT_DURATION, SS58_PREFIX, VERSION,
};

use escrow_runtime_common::blocks::{block_length, block_weights};

escrow_runtime_common::impl_product_configs!();

/// Deadlines count this chain's own blocks.
pub type DeadlineClock = System;

/// Two seconds of computation in a six-second block.
const MAXIMUM_BLOCK_WEIGHT: Weight =
	Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2), u64::MAX);

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: RuntimeVersion = VERSION;
	/// Two seconds of computation in a six-second block, of which 75% for normal transactions
	/// and the rest for operational ones; an empty block's and every extrinsic's base weight as
	/// measured on this chain (`crate::weights`).
	pub RuntimeBlockWeights: BlockWeights = block_weights(
		MAXIMUM_BLOCK_WEIGHT,
		BlockExecutionWeight::get(),
		ExtrinsicBaseWeight::get(),
		Perbill::from_percent(10),
	);
	/// 5 MiB blocks, of which 75% for normal transactions.
	pub RuntimeBlockLength: BlockLength = block_length();
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	/// The node stores its state in ParityDB; reads and writes as measured on this chain.
	type DbWeight = ParityDbWeight;
	/// frame-system's transaction extensions, measured on this chain.
	type ExtensionsWeightInfo = crate::weights::frame_system_extensions::WeightInfo<Runtime>;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<32>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<32>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}
